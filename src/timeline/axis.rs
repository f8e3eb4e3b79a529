//! The time bar's pure geometry: a visible window of days mapped onto a strip of pixels, the
//! adaptive ticks drawn on it, and how densely events cover it. No GUI types live here, so
//! the widget stays a thin layer and the arithmetic is tested without a window.
//!
//! Time is an `f64` count of days, [`day_number`]: chrono's `num_days_from_ce`, so day `d`
//! covers `[d, d + 1)` and fractions are positions inside a day, which smooth zooming needs.
//! The window is kept within years [`FIRST_YEAR`]`..=`[`LAST_YEAR`] and between
//! [`MIN_SPAN_DAYS`] and [`MAX_SPAN_DAYS`] long, so no input can make it empty, infinite or NaN.

use chrono::{Datelike, NaiveDate};

mod ticks;
pub use ticks::{MIN_MINOR_TICK_PX, Tick, TickLevel, label_width_estimate};

/// The earliest year the bar can show. Years are astronomical: year 0 is 1 BC.
pub const FIRST_YEAR: i32 = -9999;
/// The latest year the bar can show.
pub const LAST_YEAR: i32 = 9999;
/// [`day_number`] of 1 January [`FIRST_YEAR`]: the left limit of any window.
pub const MIN_DAY: f64 = -3_652_424.0;
/// [`day_number`] of 1 January after [`LAST_YEAR`]: the (exclusive) right limit of any window.
pub const MAX_DAY: f64 = 3_652_060.0;
/// The closest zoom: a few days, so a single day stays a readable cell rather than the whole bar.
pub const MIN_SPAN_DAYS: f64 = 3.0;
/// The widest zoom: every supported year (about 20,000).
pub const MAX_SPAN_DAYS: f64 = MAX_DAY - MIN_DAY;
/// Widths beyond any screen are clamped, so pixel arithmetic stays well inside `f32`.
pub const MAX_WIDTH_PX: f32 = 1.0e6;
/// More bins than any strip has pixels would only waste memory; [`density`] caps at this.
pub const MAX_DENSITY_BINS: usize = 1 << 16;

/// The day number of a date: its left edge on the axis.
pub fn day_number(date: NaiveDate) -> f64 {
    f64::from(date.num_days_from_ce())
}

/// The date whose day contains `day`; `None` for NaN, infinities and days chrono cannot represent.
pub fn date_of_day(day: f64) -> Option<NaiveDate> {
    let day = day.floor();
    if !(f64::from(i32::MIN)..=f64::from(i32::MAX)).contains(&day) {
        return None;
    }
    NaiveDate::from_num_days_from_ce_opt(day as i32)
}

/// Like [`date_of_day`], clamped into the supported years, for days known to be finite.
fn date_in_range(day: f64) -> NaiveDate {
    let day = if day.is_nan() {
        0.0
    } else {
        day.clamp(MIN_DAY, MAX_DAY - 1.0)
    };
    date_of_day(day).unwrap_or_default()
}

/// A visible window of days laid across `width` pixels: the state of the time bar.
///
/// Invariants, kept by every method: the window lies within `MIN_DAY..MAX_DAY`, spans
/// `MIN_SPAN_DAYS..=MAX_SPAN_DAYS`, and the width is finite and at least one pixel.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimeAxis {
    start: f64,
    span: f64,
    width: f32,
}

/// A width clamped to `1..=MAX_WIDTH_PX` (a zero-width bar still maps days invertibly); `None` for NaN.
fn sane_width(width_px: f32) -> Option<f32> {
    (!width_px.is_nan()).then(|| width_px.clamp(1.0, MAX_WIDTH_PX))
}

/// A pixel length that is never NaN or negative.
fn sane_px(px: f32) -> f64 {
    if px.is_nan() { 0.0 } else { f64::from(px.max(0.0)) }
}

impl TimeAxis {
    /// Shows days `start_day..end_day` (in either order) across `width_px` pixels.
    ///
    /// Bounds are clamped into the supported years; a NaN bound is replaced by the other one
    /// (by day 0 if both are NaN); a window shorter than `MIN_SPAN_DAYS` widens about its middle.
    pub fn new(start_day: f64, end_day: f64, width_px: f32) -> TimeAxis {
        let clamp = |d: f64| d.clamp(MIN_DAY, MAX_DAY);
        let a = if start_day.is_nan() {
            if end_day.is_nan() { 0.0 } else { end_day }
        } else {
            start_day
        };
        let b = if end_day.is_nan() { a } else { end_day };
        let (lo, hi) = (clamp(a.min(b)), clamp(a.max(b)));
        let mut axis = TimeAxis {
            start: lo,
            span: MIN_SPAN_DAYS,
            width: sane_width(width_px).unwrap_or(1.0),
        };
        let span = (hi - lo).max(MIN_SPAN_DAYS);
        axis.place((lo + hi) / 2.0 - span / 2.0, span);
        axis
    }

    /// Shows `first..=last` (in either order) with both days whole, e.g. a chronicle's span.
    pub fn for_dates(first: NaiveDate, last: NaiveDate, width_px: f32) -> TimeAxis {
        let (first, last) = (first.min(last), first.max(last));
        TimeAxis::new(day_number(first), day_number(last) + 1.0, width_px)
    }

    /// Moves the window to `start` with length `span`, clamped to the invariants; NaN is ignored.
    fn place(&mut self, start: f64, span: f64) {
        if start.is_nan() || span.is_nan() {
            return;
        }
        self.span = span.clamp(MIN_SPAN_DAYS, MAX_SPAN_DAYS);
        self.start = start.clamp(MIN_DAY, MAX_DAY - self.span);
    }

    /// Left edge of the window, in days.
    pub fn start_day(&self) -> f64 {
        self.start
    }

    /// Right edge of the window (exclusive), in days.
    pub fn end_day(&self) -> f64 {
        self.start + self.span
    }

    /// Length of the window in days.
    pub fn span_days(&self) -> f64 {
        self.span
    }

    /// Width of the bar in pixels (at least one).
    pub fn width_px(&self) -> f32 {
        self.width
    }

    /// The zoom level: how wide one day is drawn.
    pub fn pixels_per_day(&self) -> f32 {
        (f64::from(self.width) / self.span) as f32
    }

    /// The first and last day at least partly visible.
    pub fn visible_dates(&self) -> (NaiveDate, NaiveDate) {
        (date_in_range(self.start), date_in_range(self.end_day().ceil() - 1.0))
    }

    /// Pixel position of a day (fractions allowed); outside `0..=width` when off-screen.
    pub fn x_of_day(&self, day: f64) -> f32 {
        ((day - self.start) * f64::from(self.width) / self.span) as f32
    }

    /// The day under pixel `x`, the inverse of [`TimeAxis::x_of_day`].
    pub fn day_at_x(&self, x: f32) -> f64 {
        self.start + f64::from(x) * self.span / f64::from(self.width)
    }

    /// Pixel position of the left edge of `date`.
    pub fn x_of_date(&self, date: NaiveDate) -> f32 {
        self.x_of_day(day_number(date))
    }

    /// The date under pixel `x`; `None` only where chrono has no date (or `x` is NaN).
    pub fn date_at_x(&self, x: f32) -> Option<NaiveDate> {
        date_of_day(self.day_at_x(x))
    }

    /// Zooms by `factor` (above 1 zooms in) keeping the day under `x` where it is, as a pointer
    /// zoom should. The span is clamped; at the limits of the supported years the window shifts
    /// rather than leave them. Non-finite or non-positive input is ignored.
    pub fn zoom_about(&mut self, x: f32, factor: f32) {
        if !(x.is_finite() && factor.is_finite() && factor > 0.0) {
            return;
        }
        let anchor = self.day_at_x(x);
        let fraction = f64::from(x) / f64::from(self.width);
        let span = (self.span / f64::from(factor)).clamp(MIN_SPAN_DAYS, MAX_SPAN_DAYS);
        self.place(anchor - fraction * span, span);
    }

    /// Scrolls as a drag of `dx` pixels would: positive `dx` moves the content right,
    /// revealing earlier days. Non-finite input is ignored.
    pub fn pan_by_pixels(&mut self, dx: f32) {
        if dx.is_finite() {
            self.place(
                self.start - f64::from(dx) * self.span / f64::from(self.width),
                self.span,
            );
        }
    }

    /// Resizes the bar keeping the same days visible (the zoom follows the width). NaN is ignored.
    pub fn set_width(&mut self, width_px: f32) {
        if let Some(width) = sane_width(width_px) {
            self.width = width;
        }
    }

    /// Keeps the data `start_day..end_day` from being lost: the window may show at most
    /// `margin_px` of empty time beyond either end, zooming in if it is wider than that.
    /// The margin is capped at 45% of the width; NaN bounds are ignored.
    pub fn clamp_to(&mut self, start_day: f64, end_day: f64, margin_px: f32) {
        if start_day.is_nan() || end_day.is_nan() {
            return;
        }
        let (lo, hi) = (
            start_day.min(end_day).clamp(MIN_DAY, MAX_DAY),
            start_day.max(end_day).clamp(MIN_DAY, MAX_DAY),
        );
        // As a fraction of the window; ≤ 0.45, so the data always keeps a tenth of the bar.
        let margin = (sane_px(margin_px) / f64::from(self.width)).min(0.45);
        let span = self.span.min((hi - lo) / (1.0 - 2.0 * margin)).max(MIN_SPAN_DAYS);
        let (lo, hi) = (lo - margin * span, hi + margin * span);
        let start = if hi - lo <= span {
            (lo + hi) / 2.0 - span / 2.0
        } else {
            // Zooming out past the limit shrinks about the middle; then the edges hold.
            let start = self.start + (self.span - span) / 2.0;
            start.clamp(lo, hi - span)
        };
        self.place(start, span);
    }

    /// [`TimeAxis::clamp_to`] for the whole days `first..=last`, e.g. `Timeline::span()`.
    pub fn clamp_to_dates(&mut self, first: NaiveDate, last: NaiveDate, margin_px: f32) {
        let (first, last) = (first.min(last), first.max(last));
        self.clamp_to(day_number(first), day_number(last) + 1.0, margin_px);
    }

    /// Scrolls, never zooms, the least needed for the whole of `day` to be visible with
    /// `margin_px` to spare on its side (capped so it always fits): for stepping the date.
    /// NaN or infinite days are ignored.
    pub fn ensure_visible(&mut self, day: f64, margin_px: f32) {
        if !day.is_finite() {
            return;
        }
        let day = day.floor();
        let day_px = f64::from(self.width) / self.span;
        let margin = sane_px(margin_px).min(((f64::from(self.width) - day_px) / 2.0).max(0.0)) / day_px;
        let (lo, hi) = (day - margin, day + 1.0 + margin);
        let start = if hi - lo >= self.span {
            (lo + hi) / 2.0 - self.span / 2.0
        } else if lo < self.start {
            lo
        } else if hi > self.end_day() {
            hi - self.span
        } else {
            return;
        };
        self.place(start, self.span);
    }

    /// [`Self::ensure_visible`] for a day stepped through: a day that would scroll the window
    /// turns a page instead, the window moving on until the day sits a quarter of the way in
    /// from the edge it crossed, so the next steps move only the cursor. (A window scrolled a
    /// day on every step draws its thousands of marks afresh each time.) A bar too narrow for
    /// a page scrolls as `ensure_visible` does.
    pub fn follow(&mut self, day: f64, margin_px: f32) {
        let before = self.start;
        self.ensure_visible(day, margin_px);
        if self.start == before || !day.is_finite() {
            return;
        }
        let day = day.floor();
        let day_px = f64::from(self.width) / self.span;
        let quarter = self.span / 4.0;
        if quarter * day_px < sane_px(margin_px) + day_px {
            return;
        }
        let start = if self.start > before {
            day - quarter
        } else {
            day + 1.0 + quarter - self.span
        };
        self.place(start, self.span);
    }
}

/// How many event windows overlap each of a row of equal bins across the visible window:
/// the data for a density strip under the bar.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Density {
    /// Events overlapping each bin, left to right.
    pub counts: Vec<u32>,
}

impl Density {
    /// The busiest bin's count (0 when empty).
    pub fn max(&self) -> u32 {
        self.counts.iter().copied().max().unwrap_or(0)
    }

    /// Counts scaled so the busiest bin is 1.0 (all zeros when nothing is visible), for shading.
    pub fn normalized(&self) -> Vec<f32> {
        let max = self.max().max(1) as f32;
        self.counts.iter().map(|&c| c as f32 / max).collect()
    }
}

/// Counts, for each of `bins` equal slices of the axis' window, the event windows
/// (`first..=last` day, either order) overlapping it. One pass with a difference array,
/// O(events + bins): events outside the window cost a comparison. `bins` is capped at
/// [`MAX_DENSITY_BINS`]; the widget typically passes its width in pixels.
pub fn density(windows: impl IntoIterator<Item = (NaiveDate, NaiveDate)>, axis: &TimeAxis, bins: usize) -> Density {
    let bins = bins.min(MAX_DENSITY_BINS);
    if bins == 0 {
        return Density::default();
    }
    let (start, end) = (axis.start_day(), axis.end_day());
    let bin_days = axis.span_days() / bins as f64;
    // Bin edges rarely fall on whole days exactly; the slack keeps a window ending on an edge
    // out of the next bin despite rounding.
    const SLACK: f64 = 1e-9;
    let mut diff = vec![0i64; bins + 1];
    for (a, b) in windows {
        let (first, after) = (day_number(a.min(b)), day_number(a.max(b)) + 1.0);
        if after <= start || first >= end {
            continue;
        }
        let lo = ((first - start) / bin_days + SLACK).floor().max(0.0) as usize;
        let hi = ((after - start) / bin_days - SLACK).ceil().min(bins as f64) as usize;
        if lo < hi {
            diff[lo] += 1;
            diff[hi] -= 1;
        }
    }
    let mut running = 0i64;
    let counts = diff[..bins]
        .iter()
        .map(|d| {
            running += d;
            u32::try_from(running).unwrap_or(u32::MAX)
        })
        .collect();
    Density { counts }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn limits_match_chrono() {
        assert_eq!(day_number(ymd(FIRST_YEAR, 1, 1)), MIN_DAY);
        assert_eq!(day_number(ymd(LAST_YEAR, 12, 31)) + 1.0, MAX_DAY);
        assert!((MAX_SPAN_DAYS / 365.2425 - 19_999.0).abs() < 1.0);
    }

    #[test]
    fn degenerate_construction_is_valid() {
        for (a, b, w) in [
            (f64::NAN, f64::NAN, f32::NAN),
            (f64::NEG_INFINITY, f64::INFINITY, 0.0),
            (5.0, 5.0, -3.0),
            (MAX_DAY, MAX_DAY, f32::INFINITY),
        ] {
            let axis = TimeAxis::new(a, b, w);
            assert!(axis.span_days() >= MIN_SPAN_DAYS && axis.span_days() <= MAX_SPAN_DAYS);
            assert!(axis.start_day() >= MIN_DAY && axis.end_day() <= MAX_DAY);
            assert!(axis.width_px() >= 1.0 && axis.pixels_per_day().is_finite());
        }
    }

    #[test]
    fn clamp_to_zooms_in_and_keeps_data_on_screen() {
        let (lo, hi) = (1000.0, 1100.0);
        let mut axis = TimeAxis::new(0.0, 100_000.0, 1000.0);
        axis.clamp_to(lo, hi, 50.0);
        // 100 days fill 90% of the bar: 5% margin each side.
        assert!((axis.span_days() - 100.0 / 0.9).abs() < 1e-6);
        assert!((axis.x_of_day(lo) - 50.0).abs() < 1e-3);
        axis.pan_by_pixels(-10_000.0);
        axis.clamp_to(lo, hi, 50.0);
        assert!((axis.x_of_day(hi) - 950.0).abs() < 1e-3, "{}", axis.x_of_day(hi));
        // A single day of data: the window cannot go below the minimum span; it centres.
        axis.clamp_to(lo, lo + 1.0, 50.0);
        assert_eq!(axis.span_days(), MIN_SPAN_DAYS);
        assert!((axis.x_of_day(lo + 0.5) - 500.0).abs() < 1e-3);
    }

    #[test]
    fn ensure_visible_scrolls_only_as_needed() {
        let mut axis = TimeAxis::new(100.0, 110.0, 1000.0);
        axis.ensure_visible(105.0, 20.0);
        assert_eq!(axis.start_day(), 100.0, "already visible: no move");
        axis.ensure_visible(110.0, 0.0);
        assert_eq!((axis.start_day(), axis.end_day()), (101.0, 111.0));
        axis.ensure_visible(50.0, 100.0);
        assert_eq!(axis.start_day(), 49.0, "100 px is one day at this zoom");
        assert_eq!(axis.span_days(), 10.0);
        // A margin larger than the bar is capped so the day still fits.
        axis.ensure_visible(500.0, 1e9);
        assert!(axis.x_of_day(500.0) >= 0.0 && axis.x_of_day(501.0) <= 1000.0);
    }

    #[test]
    fn a_day_stepped_past_the_edge_turns_a_page() {
        // Ten days across 1000 px: each day 100 px, a quarter of the bar 2.5 days.
        let mut axis = TimeAxis::new(100.0, 110.0, 1000.0);
        let mut moves = 0;
        for day in 102..140 {
            let before = axis.start_day();
            axis.follow(day as f64 + 0.5, 20.0);
            let (x0, x1) = (axis.x_of_day(day as f64), axis.x_of_day(day as f64 + 1.0));
            assert!(x0 >= 20.0 - 1e-3 || axis.start_day() == before, "day {day} at {x0}");
            assert!(x1 <= 980.0 + 1e-3, "day {day} ends at {x1}");
            moves += usize::from(axis.start_day() != before);
        }
        // Scrolled a day a step, the window would have moved 31 times.
        assert!((4..=6).contains(&moves), "{moves} moves");
        assert_eq!(axis.span_days(), 10.0);
        // Stepping back past the left edge turns the page back: the day a quarter in from the right.
        let left = axis.start_day().floor() as i64 - 1;
        axis.follow(left as f64 + 0.5, 20.0);
        assert!((axis.x_of_day(left as f64 + 1.0) - 750.0).abs() < 1e-3);
        // Too narrow for a page (a quarter of it, 7.5 px, is less than the margin and a day):
        // scrolled only as needed, the day and its 10 px margin at the right edge.
        let mut narrow = TimeAxis::new(100.0, 110.0, 30.0);
        narrow.follow(111.5, 10.0);
        narrow.follow(112.5, 10.0);
        assert!(
            (narrow.end_day() - (113.0 + 10.0 / 3.0)).abs() < 1e-9,
            "{}",
            narrow.end_day()
        );
    }

    #[test]
    fn density_edges_are_exact() {
        // 10 days in 10 bins: a window of days 3..=4 fills exactly bins 3 and 4.
        let axis = TimeAxis::new(day_number(ymd(1950, 10, 1)), day_number(ymd(1950, 10, 11)), 100.0);
        let d = density([(ymd(1950, 10, 4), ymd(1950, 10, 5))], &axis, 10);
        assert_eq!(d.counts, [0, 0, 0, 1, 1, 0, 0, 0, 0, 0]);
        assert_eq!(
            density([(ymd(1950, 10, 1), ymd(1950, 10, 1))], &axis, usize::MAX)
                .counts
                .len(),
            MAX_DENSITY_BINS
        );
    }
}
