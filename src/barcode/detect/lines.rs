//! Straight lines between pixels: where two lines cross (the fourth corner of a code is
//! estimated by extending two finder patterns' edges) and the pixels along a segment (the
//! timing patterns are counted along them).

use super::Point;

/// Where the line through `p0` and `p1` crosses the line through `q0` and `q1`; `None`
/// when they are parallel.
pub(super) fn line_intersect(p0: &Point, p1: &Point, q0: &Point, q1: &Point) -> Option<Point> {
    /* (a, b) is perpendicular to line p */
    let a = -(p1.y - p0.y);
    let b = p1.x - p0.x;
    /* (c, d) is perpendicular to line q */
    let c = -(q1.y - q0.y);
    let d = q1.x - q0.x;
    /* e and f are dot products of the respective vectors with p and q */
    let e = a * p1.x + b * p1.y;
    let f = c * q1.x + d * q1.y;
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
        None
    } else {
        Some(Point {
            x: (d * e - b * f) / det,
            y: (-c * e + a * f) / det,
        })
    }
}

/// The pixels of the segment from one point to another, both included (Bresenham).
#[derive(Debug, Clone)]
pub(super) struct BresenhamScan {
    x: i32,
    y: i32,
    dom_step: i32,
    non_step: i32,
    i: i32,
    d: i32,
    n: i32,
    a: i32,
    x_dom: bool,
}

impl BresenhamScan {
    pub(super) fn new(from: &Point, to: &Point) -> Self {
        let n = to.x - from.x;
        let d = to.y - from.y;
        let x = from.x;
        let y = from.y;

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

        let ret = Point {
            x: self.x,
            y: self.y,
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
    }
}
