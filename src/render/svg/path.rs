//! Compact path data: relative commands on a fixed grid, so a long outline costs a few bytes a
//! point and rounding never drifts (each point is rounded on its own, the steps between the
//! rounded points are written).

use std::fmt::Write;

/// Path data being written, on a grid of `1 / unit` pixels.
pub(super) struct PathData {
    pub out: String,
    unit: f32,
    /// Where the pen is, in grid steps.
    at: (i64, i64),
    /// Where the open subpath started, in grid steps.
    start: (i64, i64),
    /// The last command letter written ('l' is implied after 'm').
    last: u8,
}

impl PathData {
    /// `decimals` is 1 or 2.
    pub fn new(decimals: u32) -> PathData {
        PathData {
            out: String::new(),
            unit: if decimals >= 2 { 100.0 } else { 10.0 },
            at: (0, 0),
            start: (0, 0),
            last: 0,
        }
    }

    fn grid(&self, p: [f32; 2]) -> (i64, i64) {
        // Clamped far beyond any picture, so steps between points cannot overflow.
        let g = |v: f32| {
            if v.is_finite() {
                (v * self.unit).round().clamp(-1e12, 1e12) as i64
            } else {
                0
            }
        };
        (g(p[0]), g(p[1]))
    }

    fn number(&mut self, v: i64) {
        let unit = self.unit as i64;
        let (sign, abs) = (if v < 0 { "-" } else { "" }, v.unsigned_abs() as i64);
        let (whole, frac) = (abs / unit, abs % unit);
        let needs_space =
            !matches!(self.out.as_bytes().last(), None | Some(b'a'..=b'z' | b'A'..=b'Z')) && sign.is_empty();
        if needs_space {
            self.out.push(' ');
        }
        self.out.push_str(sign);
        if frac == 0 {
            let _ = write!(self.out, "{whole}");
            return;
        }
        if whole > 0 {
            let _ = write!(self.out, "{whole}");
        }
        if unit == 100 {
            if frac % 10 == 0 {
                let _ = write!(self.out, ".{}", frac / 10);
            } else {
                let _ = write!(self.out, ".{frac:02}");
            }
        } else {
            let _ = write!(self.out, ".{frac}");
        }
    }

    fn command(&mut self, c: u8) {
        if self.last != c {
            self.out.push(c as char);
            self.last = c;
        }
    }

    fn pair(&mut self, to: (i64, i64), from: (i64, i64)) {
        self.number(to.0 - from.0);
        self.number(to.1 - from.1);
    }

    pub fn move_to(&mut self, p: [f32; 2]) {
        let to = self.grid(p);
        self.out.push('m');
        self.pair(to, self.at);
        // After a moveto, further pairs are relative linetos.
        self.last = b'l';
        self.at = to;
        self.start = to;
    }

    /// A line to `p`; nothing when `p` rounds to where the pen is.
    pub fn line_to(&mut self, p: [f32; 2]) {
        let to = self.grid(p);
        if to == self.at {
            return;
        }
        self.command(b'l');
        self.pair(to, self.at);
        self.at = to;
    }

    pub fn quad_to(&mut self, c: [f32; 2], p: [f32; 2]) {
        let (c, to) = (self.grid(c), self.grid(p));
        self.command(b'q');
        self.pair(c, self.at);
        self.pair(to, self.at);
        self.at = to;
    }

    pub fn cubic_to(&mut self, c1: [f32; 2], c2: [f32; 2], p: [f32; 2]) {
        let (c1, c2, to) = (self.grid(c1), self.grid(c2), self.grid(p));
        self.command(b'c');
        self.pair(c1, self.at);
        self.pair(c2, self.at);
        self.pair(to, self.at);
        self.at = to;
    }

    pub fn close(&mut self) {
        self.out.push('z');
        self.last = b'z';
        self.at = self.start;
    }

    /// A polyline or (closed) ring, its points thinned to at least `min_step` px apart
    /// (Manhattan); nothing for fewer than two (three closed) kept points.
    pub fn poly(&mut self, points: &[[f32; 2]], closed: bool, min_step: f32) {
        let Some(kept) = thinned(points, closed, min_step) else {
            return;
        };
        self.move_to(kept[0]);
        for &p in &kept[1..] {
            self.line_to(p);
        }
        if closed {
            self.close();
        }
    }

    /// The points [`PathData::poly`] writes, where a reader of the path data finds them: on the
    /// grid, less those that round to where the pen already is.
    pub fn poly_points(decimals: u32, points: &[[f32; 2]], closed: bool, min_step: f32) -> Option<Vec<[f32; 2]>> {
        let kept = thinned(points, closed, min_step)?;
        let grid = PathData::new(decimals);
        let unit = f64::from(grid.unit);
        let mut out: Vec<[f32; 2]> = Vec::with_capacity(kept.len());
        let mut at = None;
        for (i, &p) in kept.iter().enumerate() {
            let g = grid.grid(p);
            if i > 0 && at == Some(g) {
                continue;
            }
            at = Some(g);
            out.push([(g.0 as f64 / unit) as f32, (g.1 as f64 / unit) as f32]);
        }
        Some(out)
    }
}

/// `points` less those closer than `min_step` px (Manhattan) to the last kept one (an open line
/// keeps its last point); `None` for fewer than two (three closed) kept points.
fn thinned(points: &[[f32; 2]], closed: bool, min_step: f32) -> Option<Vec<[f32; 2]>> {
    let mut kept: Vec<[f32; 2]> = Vec::with_capacity(points.len());
    for (i, &p) in points.iter().enumerate() {
        let last_point = i + 1 == points.len();
        match kept.last() {
            // An open line keeps its last point.
            Some(q) if (closed || !last_point) && (p[0] - q[0]).abs() + (p[1] - q[1]).abs() < min_step => {}
            _ => kept.push(p),
        }
    }
    (kept.len() >= if closed { 3 } else { 2 }).then_some(kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_steps_on_the_grid() {
        let mut d = PathData::new(1);
        d.move_to([10.04, 20.0]);
        d.line_to([12.5, 19.6]);
        d.line_to([12.52, 19.6]);
        d.line_to([10.0, 20.0]);
        d.close();
        d.move_to([0.0, 0.0]);
        d.line_to([1.0, 0.0]);
        assert_eq!(d.out, "m10 20 2.5-.4-2.5 .4zm-10-20 1 0");
        let mut two = PathData::new(2);
        two.move_to([0.25, -1.5]);
        two.cubic_to([1.0, 0.0], [2.0, 0.0], [3.0, 3.0]);
        assert_eq!(two.out, "m.25-1.5c.75 1.5 1.75 1.5 2.75 4.5");
    }
}
