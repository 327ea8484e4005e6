//! The projective transform between a code's own coordinates (modules, or the 7 x 7 of a
//! finder pattern) and the image's pixels: a photographed code is a perspective view of a
//! square, so four corners fix the mapping of every module.

use super::Point;

/// The eight coefficients of a plane-to-plane perspective transform (the ninth is 1).
#[derive(Debug, PartialEq, Clone)]
pub(super) struct Perspective(pub(super) [f64; 8]);

impl Perspective {
    /// The transform that maps the rectangle `(0, 0)-(w, h)` onto the quadrilateral
    /// `rect` (clockwise from the first corner). `None` when the quadrilateral is
    /// degenerate or turns the wrong way.
    pub(super) fn create(rect: &[Point; 4], w: f64, h: f64) -> Option<Self> {
        let mut c = [0.0; 8];
        let x0 = f64::from(rect[0].x);
        let y0 = f64::from(rect[0].y);
        let x1 = f64::from(rect[1].x);
        let y1 = f64::from(rect[1].y);
        let x2 = f64::from(rect[2].x);
        let y2 = f64::from(rect[2].y);
        let x3 = f64::from(rect[3].x);
        let y3 = f64::from(rect[3].y);
        let wden = w * (x2 * y3 - x3 * y2 + (x3 - x2) * y1 + x1 * (y2 - y3));
        let hden = h * (x2 * y3 + x1 * (y2 - y3) - x3 * y2 + (x3 - x2) * y1);

        if wden < f64::EPSILON || hden < f64::EPSILON {
            return None;
        }

        c[0] = (x1 * (x2 * y3 - x3 * y2)
            + x0 * (-x2 * y3 + x3 * y2 + (x2 - x3) * y1)
            + x1 * (x3 - x2) * y0)
            / wden;
        c[1] = -(x0 * (x2 * y3 + x1 * (y2 - y3) - x2 * y1) - x1 * x3 * y2
            + x2 * x3 * y1
            + (x1 * x3 - x2 * x3) * y0)
            / hden;
        c[2] = x0;
        c[3] = (y0 * (x1 * (y3 - y2) - x2 * y3 + x3 * y2)
            + y1 * (x2 * y3 - x3 * y2)
            + x0 * y1 * (y2 - y3))
            / wden;
        c[4] = (x0 * (y1 * y3 - y2 * y3) + x1 * y2 * y3 - x2 * y1 * y3
            + y0 * (x3 * y2 - x1 * y2 + (x2 - x3) * y1))
            / hden;
        c[5] = y0;
        c[6] = (x1 * (y3 - y2) + x0 * (y2 - y3) + (x2 - x3) * y1 + (x3 - x2) * y0) / wden;
        c[7] = (-x2 * y3 + x1 * y3 + x3 * y2 + x0 * (y1 - y2) - x3 * y1 + (x2 - x1) * y0) / hden;

        // (Finite corners give finite coefficients; a NaN would compare as no degenerate
        // case above, so it is refused here all the same.)
        c.iter().all(|v| v.is_finite()).then_some(Perspective(c))
    }

    /// The pixel at `(u, v)` in the code's coordinates, rounded; `None` when it is not a
    /// pixel position at all: on the line the perspective sends to infinity (a division
    /// by zero: infinite, or NaN), or beyond `i32`. rqrr asserted the range (its issue
    /// #54: photographed codes reach it) and let NaN through as 0.
    pub(super) fn map(&self, u: f64, v: f64) -> Option<Point> {
        let den = self.0[6] * u + self.0[7] * v + 1.0f64;
        let x = (self.0[0] * u + self.0[1] * v + self.0[2]) / den;
        let y = (self.0[3] * u + self.0[4] * v + self.0[5]) / den;
        Some(Point {
            x: to_i32(x)?,
            y: to_i32(y)?,
        })
    }

    /// The code's coordinates of the pixel `p` (the inverse of [`Perspective::map`]).
    pub(super) fn unmap(&self, p: &Point) -> (f64, f64) {
        let x = f64::from(p.x);
        let y = f64::from(p.y);
        let den = -self.0[0] * self.0[7] * y
            + self.0[1] * self.0[6] * y
            + (self.0[3] * self.0[7] - self.0[4] * self.0[6]) * x
            + self.0[0] * self.0[4]
            - self.0[1] * self.0[3];
        let u = -(self.0[1] * (y - self.0[5]) - self.0[2] * self.0[7] * y
            + (self.0[5] * self.0[7] - self.0[4]) * x
            + self.0[2] * self.0[4])
            / den;
        let v = (self.0[0] * (y - self.0[5]) - self.0[2] * self.0[6] * y
            + (self.0[5] * self.0[6] - self.0[3]) * x
            + self.0[2] * self.0[3])
            / den;

        (u, v)
    }
}

/// `v` rounded to the nearest integer, if that is an `i32`: `None` for NaN, the
/// infinities and anything out of range (where `as` would saturate or give 0).
pub(super) fn to_i32(v: f64) -> Option<i32> {
    let r = v.round();
    // Both bounds are exact in f64.
    (r >= f64::from(i32::MIN) && r <= f64::from(i32::MAX)).then_some(r as i32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(x: i32, y: i32) -> Point {
        Point { x, y }
    }

    #[test]
    fn float_to_pixel_is_checked() {
        assert_eq!(to_i32(2.5), Some(3));
        assert_eq!(to_i32(-2.4), Some(-2));
        assert_eq!(to_i32(2147483647.4), Some(i32::MAX));
        assert_eq!(to_i32(-2147483648.4), Some(i32::MIN));
        for bad in [
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            2147483647.5,
            -2147483648.6,
            1e300,
            -1e300,
        ] {
            assert_eq!(to_i32(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_square_maps_and_unmaps() {
        let c =
            Perspective::create(&[p(10, 10), p(80, 10), p(80, 80), p(10, 80)], 7.0, 7.0).unwrap();
        assert_eq!(c.map(0.0, 0.0), Some(p(10, 10)));
        assert_eq!(c.map(3.5, 3.5), Some(p(45, 45)));
        let (u, v) = c.unmap(&p(80, 80));
        assert!((u - 7.0).abs() < 1e-9 && (v - 7.0).abs() < 1e-9);
    }

    #[test]
    fn degenerate_and_runaway_perspectives_are_refused() {
        // Corners on one line, all at one point, or turning the wrong way.
        for rect in [
            [p(0, 0), p(1, 1), p(2, 2), p(3, 3)],
            [p(5, 5); 4],
            [p(10, 10), p(10, 80), p(80, 80), p(80, 10)],
        ] {
            assert!(Perspective::create(&rect, 7.0, 7.0).is_none(), "{rect:?}");
        }
        // Extreme corners: finite coefficients or nothing, never a panic.
        let far = [
            p(i32::MIN, i32::MIN),
            p(i32::MAX, i32::MIN),
            p(i32::MAX, i32::MAX),
            p(i32::MIN, 0),
        ];
        if let Some(c) = Perspective::create(&far, 7.0, 7.0) {
            assert!(c.0.iter().all(|v| v.is_finite()));
            let _ = c.map(1e300, -1e300);
        }
        // A point on the line sent to infinity, a point mapped past i32, NaN in and out.
        let c = Perspective([1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 1.0, 0.0]);
        assert_eq!(c.map(-1.0, 0.0), None);
        assert_eq!(c.map(1.0, 5.0), Some(p(1, 3)));
        let huge = Perspective([1e12, 0.0, 0.0, 0.0, 1e12, 0.0, 0.0, 0.0]);
        assert_eq!(huge.map(1.0, 1.0), None);
        assert_eq!(c.map(f64::NAN, 0.0), None);
        let nan = Perspective([f64::NAN; 8]);
        assert_eq!(nan.map(1.0, 1.0), None);
        let (u, v) = nan.unmap(&p(1, 1));
        assert!(u.is_nan() && v.is_nan());
    }
}
