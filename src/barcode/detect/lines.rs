//! Straight lines between pixels: where two lines cross (the fourth corner of a code is
//! estimated by extending two finder patterns' edges) and the pixels along a segment (the
//! timing patterns are counted along them).

use super::Point;

/// Where the line through `p0` and `p1` crosses the line through `q0` and `q1`, rounded
/// towards zero; `None` when they are parallel or cross beyond `i32`. (Computed in
/// `i128`: rqrr's `i32` products overflowed for points a few thousand pixels apart.)
pub(super) fn line_intersect(p0: &Point, p1: &Point, q0: &Point, q1: &Point) -> Option<Point> {
    let [p0x, p0y, p1x, p1y, q0x, q0y, q1x, q1y] =
        [p0.x, p0.y, p1.x, p1.y, q0.x, q0.y, q1.x, q1.y].map(i128::from);
    /* (a, b) is perpendicular to line p */
    let a = -(p1y - p0y);
    let b = p1x - p0x;
    /* (c, d) is perpendicular to line q */
    let c = -(q1y - q0y);
    let d = q1x - q0x;
    /* e and f are dot products of the respective vectors with p and q */
    let e = a * p1x + b * p1y;
    let f = c * q1x + d * q1y;
    /* Now we need to solve:
     *     [a b] [rx]   [e]
     *     [c d] [ry] = [f]
     *
     * We do this by inverting the matrix and applying it to (e, f):
     *       [ d -b] [e]   [rx]
     * 1/det [-c  a] [f] = [ry]
     */
    let det = a * d - b * c;
    if det == 0 {
        return None;
    }
    Some(Point {
        x: i32::try_from((d * e - b * f) / det).ok()?,
        y: i32::try_from((-c * e + a * f) / det).ok()?,
    })
}

/// The pixels of the segment from one point to another, both included (Bresenham).
/// Counted in `i64`, so that any two points are fine (a segment between far points is
/// long: its caller bounds it).
#[derive(Debug, Clone)]
pub(super) struct BresenhamScan {
    x: i64,
    y: i64,
    dom_step: i64,
    non_step: i64,
    i: i64,
    d: i64,
    n: i64,
    a: i64,
    x_dom: bool,
}

impl BresenhamScan {
    pub(super) fn new(from: &Point, to: &Point) -> Self {
        let n = i64::from(to.x) - i64::from(from.x);
        let d = i64::from(to.y) - i64::from(from.y);
        let x = i64::from(from.x);
        let y = i64::from(from.y);

        let (x_dom, n, d) = if n.abs() > d.abs() {
            (true, d, n)
        } else {
            (false, n, d)
        };

        let (n, non_step) = if n < 0 { (-n, -1) } else { (n, 1) };

        let (d, dom_step) = if d < 0 { (-d, -1) } else { (d, 1) };

        BresenhamScan {
            x,
            y,
            dom_step,
            non_step,
            i: 0,
            d,
            n,
            a: n,
            x_dom,
        }
    }
}

impl Iterator for BresenhamScan {
    type Item = Point;

    fn next(&mut self) -> Option<Point> {
        if self.i > self.d {
            return None;
        }

        // Between the two ends, so an i32.
        let ret = Point {
            x: i32::try_from(self.x).ok()?,
            y: i32::try_from(self.y).ok()?,
        };

        self.a += self.n;
        let (dom, non) = if self.x_dom {
            (&mut self.x, &mut self.y)
        } else {
            (&mut self.y, &mut self.x)
        };

        *dom += self.dom_step;
        if self.a >= self.d {
            *non += self.non_step;
            self.a -= self.d;
        }
        self.i += 1;
        Some(ret)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bresenham_straight() {
        let middle = Point { x: 100, y: 100 };
        let up = Point { x: 100, y: 200 };
        let right = Point { x: 300, y: 100 };
        for (i, p) in BresenhamScan::new(&middle, &up).enumerate() {
            assert_eq!((p.x, p.y), (100, 100 + i as i32));
        }
        for (i, p) in BresenhamScan::new(&up, &middle).enumerate() {
            assert_eq!((p.x, p.y), (100, 200 - i as i32));
        }
        for (i, p) in BresenhamScan::new(&middle, &right).enumerate() {
            assert_eq!((p.x, p.y), (100 + i as i32, 100));
        }
        for (i, p) in BresenhamScan::new(&right, &middle).enumerate() {
            assert_eq!((p.x, p.y), (300 - i as i32, 100));
        }
    }

    #[test]
    fn bresenham_zero() {
        let start = Point { x: 37, y: 45 };
        let mut scan = BresenhamScan::new(&start, &start);
        assert_eq!(scan.next(), Some(start));
        assert_eq!(scan.next(), None)
    }

    #[test]
    fn bresenham_major_x_and_y() {
        let p = |x, y| Point { x, y };
        let along_x: Vec<Point> = BresenhamScan::new(&p(1, 1), &p(11, 5)).collect();
        let xs = [
            (1, 1),
            (2, 1),
            (3, 2),
            (4, 2),
            (5, 3),
            (6, 3),
            (7, 3),
            (8, 4),
            (9, 4),
        ];
        let mut expected: Vec<Point> = xs.iter().map(|&(x, y)| p(x, y)).collect();
        expected.extend([p(10, 5), p(11, 5)]);
        assert_eq!(along_x, expected);
        let along_y: Vec<Point> = BresenhamScan::new(&p(5, 11), &p(1, 1)).collect();
        let ys = [
            (5, 11),
            (5, 10),
            (4, 9),
            (4, 8),
            (3, 7),
            (3, 6),
            (3, 5),
            (2, 4),
            (2, 3),
        ];
        let mut expected: Vec<Point> = ys.iter().map(|&(x, y)| p(x, y)).collect();
        expected.extend([p(1, 2), p(1, 1)]);
        assert_eq!(along_y, expected);
    }

    #[test]
    fn intersections() {
        let p = |x, y| Point { x, y };
        assert_eq!(
            line_intersect(&p(0, 0), &p(0, 10), &p(1, 1), &p(1, -9)),
            None
        );
        let (p0, p1, q0, q1) = (p(0, 0), p(0, 10), p(1, 1), p(10, -9));
        for (a, b, c, d) in [
            (p0, p1, q0, q1),
            (p0, p1, q1, q0),
            (p1, p0, q0, q1),
            (p1, p0, q1, q0),
        ] {
            assert_eq!(line_intersect(&a, &b, &c, &d), Some(p(0, 2)));
        }
        // Far points: no overflow, and a crossing beyond i32 is none.
        let (m, n) = (i32::MIN, i32::MAX);
        let centre = line_intersect(&p(m, m), &p(n, n), &p(m, n), &p(n, m)).unwrap();
        assert!(centre.x.abs() <= 1 && centre.y.abs() <= 1, "{centre:?}");
        assert_eq!(line_intersect(&p(0, 0), &p(1, 0), &p(n, 0), &p(n, 0)), None);
        assert_eq!(
            line_intersect(&p(0, 0), &p(n, 1), &p(0, 1), &p(5, 1)),
            Some(p(n, 1))
        );
        assert_eq!(line_intersect(&p(0, 0), &p(n, 1), &p(0, 2), &p(5, 2)), None);
    }

    #[test]
    fn bresenham_between_the_extremes() {
        let (m, n) = (i32::MIN, i32::MAX);
        let mut scan = BresenhamScan::new(&Point { x: m, y: m }, &Point { x: n, y: n });
        assert_eq!(scan.next(), Some(Point { x: m, y: m }));
        assert_eq!(scan.next(), Some(Point { x: m + 1, y: m + 1 }));
        let mut scan = BresenhamScan::new(&Point { x: n, y: 0 }, &Point { x: m, y: 1 });
        assert_eq!(scan.next(), Some(Point { x: n, y: 0 }));
    }
}
