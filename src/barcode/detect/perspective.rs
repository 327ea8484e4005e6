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

        Some(Perspective(c))
    }

    /// The pixel at `(u, v)` in the code's coordinates, rounded.
    pub(super) fn map(&self, u: f64, v: f64) -> Point {
        let den = self.0[6] * u + self.0[7] * v + 1.0f64;
        let x = (self.0[0] * u + self.0[1] * v + self.0[2]) / den;
        let y = (self.0[3] * u + self.0[4] * v + self.0[5]) / den;

        let x = x.round();
        let y = y.round();

        assert!(x <= i32::MAX as f64);
        assert!(x >= i32::MIN as f64);
        assert!(y <= i32::MAX as f64);
        assert!(y >= i32::MIN as f64);
        Point {
            x: x as i32,
            y: y as i32,
        }
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
