//! Adaptive ticks for the time bar: the finest calendar step whose labels fit, so zooming
//! from millennia down to days never crowds or overlaps the text.
//!
//! Steps are calendar-aligned (days of the month, months, round years), never fixed lengths
//! of days, so ticks fall where a historian expects them: on the 1st, on January, on 1900.
//! Years are astronomical (ISO 8601): year 0 is 1 BC and "-99" is 100 BC, which keeps the
//! grid regular across the epoch.

use super::{MAX_WIDTH_PX, TimeAxis, date_in_range};
use chrono::{Datelike, NaiveDate};

/// Unlabelled ticks closer than this are left out: they would read as a grey smear.
pub const MIN_MINOR_TICK_PX: f32 = 10.0;
/// No step is tried that would need more ticks than this, whatever the measure says.
const MAX_TICKS: f64 = 20_000.0;
/// Ticks this close outside the bar are still returned (rounding at the edges).
const EDGE_PX: f32 = 0.5;

const MONTH_ABBR: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The coarsest calendar boundary a tick sits on. Coarser compares smaller, so the widget
/// can size ticks by level (e.g. draw `level <= TickLevel::Year` taller).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TickLevel {
    Millennium,
    Century,
    Decade,
    Year,
    Month,
    Day,
}

impl TickLevel {
    /// The level of the boundary at the start of `day` (1 Jan 1900 is a `Century`).
    pub fn of(day: NaiveDate) -> TickLevel {
        let y = day.year();
        match (day.month(), day.day()) {
            (_, d) if d != 1 => TickLevel::Day,
            (m, _) if m != 1 => TickLevel::Month,
            _ if y.rem_euclid(1000) == 0 => TickLevel::Millennium,
            _ if y.rem_euclid(100) == 0 => TickLevel::Century,
            _ if y.rem_euclid(10) == 0 => TickLevel::Decade,
            _ => TickLevel::Year,
        }
    }
}

/// One mark on the time bar.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    /// The day whose left edge the tick marks.
    pub day: NaiveDate,
    /// Pixels from the left of the bar.
    pub x: f32,
    /// The coarsest calendar boundary at `day`.
    pub level: TickLevel,
    /// The tick sits on a boundary coarser than the labelled step (a new year among months):
    /// draw it taller. Only labelled ticks are ever major.
    pub major: bool,
    /// Text to draw left-aligned at `x`; `None` for minor ticks.
    pub label: Option<String>,
}

/// A rough width of `text` in a proportional UI font of `font_px`, erring wide, for callers
/// without a text layout (tests, headless use). The widget should measure real text instead.
pub fn label_width_estimate(text: &str, font_px: f32) -> f32 {
    let font = if font_px.is_finite() { font_px.max(0.0) } else { 0.0 };
    let ems: f32 = text
        .chars()
        .map(|c| match c {
            ' ' => 0.35,
            '-' => 0.45,
            '0'..='9' | 'a'..='z' => 0.6,
            'A'..='Z' => 0.75,
            _ => 0.9,
        })
        .sum();
    ems * font
}

/// A spacing of ticks aligned to the calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    /// Days 1, 1+k, 1+2k… of each month, skipping any closer than k days to the next 1st.
    Days(u32),
    /// Days 1, 11 and 21: early, mid and late month.
    Thirds,
    /// Every k-th month from January.
    Months(u32),
    /// 1 January of years divisible by k.
    Years(i32),
}

use Step::{Days, Months, Thirds, Years};

/// Finest first. A finer step fills in between a coarser one's ticks only where `nests_in` allows.
#[rustfmt::skip]
const LADDER: [Step; 20] = [
    Days(1), Days(2), Days(5), Thirds,
    Months(1), Months(2), Months(3), Months(6),
    Years(1), Years(2), Years(5), Years(10), Years(20), Years(50),
    Years(100), Years(200), Years(500), Years(1000), Years(2000), Years(5000),
];

fn first_of_next_month(d: NaiveDate) -> Option<NaiveDate> {
    d.with_day(1)?.checked_add_months(chrono::Months::new(1))
}

impl Step {
    /// The shortest gap between consecutive ticks, in days.
    fn min_days(self) -> f64 {
        match self {
            Days(k) => f64::from(k),
            Thirds => 8.0, // 21 February to 1 March
            Months(k) => 28.0 * f64::from(k),
            Years(k) => 365.0 * f64::from(k),
        }
    }

    /// The level every tick of this step reaches; ticks above it are major.
    fn level(self) -> TickLevel {
        match self {
            Days(_) | Thirds => TickLevel::Day,
            Months(_) => TickLevel::Month,
            Years(k) if k < 10 => TickLevel::Year,
            Years(k) if k < 100 => TickLevel::Decade,
            Years(k) if k < 1000 => TickLevel::Century,
            Years(_) => TickLevel::Millennium,
        }
    }

    /// Whether every tick of the coarser `coarse` is also a tick of `self`, so that `self`
    /// can fill in between them as minor ticks.
    fn nests_in(self, coarse: Step) -> bool {
        match (self, coarse) {
            (Days(k), Days(m)) => m % k == 0,
            (Days(_), _) => true,
            (Thirds, Days(_)) => false,
            (Thirds, _) => true,
            (Months(k), Months(m)) => m % k == 0,
            (Months(_), Years(_)) => true,
            (Years(k), Years(m)) => m % k == 0,
            _ => false,
        }
    }

    /// The last tick on or before `d`.
    fn floor(self, d: NaiveDate) -> Option<NaiveDate> {
        match self {
            Days(k) => {
                let j = ((d.day() - 1) / k).min((u32::from(d.num_days_in_month()) - k) / k);
                d.with_day(1 + j * k)
            }
            Thirds => d.with_day(if d.day() > 20 {
                21
            } else if d.day() > 10 {
                11
            } else {
                1
            }),
            Months(k) => NaiveDate::from_ymd_opt(d.year(), (d.month() - 1) / k * k + 1, 1),
            Years(k) => NaiveDate::from_ymd_opt(d.year().div_euclid(k) * k, 1, 1),
        }
    }

    /// The tick after the tick `d`.
    fn next(self, d: NaiveDate) -> Option<NaiveDate> {
        match self {
            Days(k) if d.day() + 2 * k <= u32::from(d.num_days_in_month()) + 1 => d.with_day(d.day() + k),
            Thirds if d.day() < 21 => d.with_day(d.day() + 10),
            Days(_) | Thirds => first_of_next_month(d),
            Months(k) => d.checked_add_months(chrono::Months::new(k)),
            Years(k) => NaiveDate::from_ymd_opt(d.year().checked_add(k)?, 1, 1),
        }
    }

    /// The label of the tick `d`; `context` adds the month (days) or year (months), as on the
    /// first visible tick. Day steps name the month on the 1st, month steps the year in January.
    fn label(self, d: NaiveDate, context: bool) -> String {
        let month = MONTH_ABBR[d.month0() as usize];
        match self {
            Days(_) | Thirds if context || d.day() == 1 => format!("{} {month}", d.day()),
            Days(_) | Thirds => d.day().to_string(),
            Months(_) if context || d.month() == 1 => format!("{month} {}", d.year()),
            Months(_) => month.to_string(),
            Years(10) => format!("{}s", d.year()),
            Years(_) => d.year().to_string(),
        }
    }
}

impl TimeAxis {
    /// Ticks for the visible window, left to right, labelled with the finest calendar step
    /// whose labels fit, plus unlabelled minor ticks of a finer step at least
    /// [`MIN_MINOR_TICK_PX`] apart.
    ///
    /// `measure` gives a label's drawn width (the widget's text layout, or
    /// [`label_width_estimate`]). Labels are meant to be drawn left-aligned at their tick's x
    /// (or all shifted alike); then any two consecutive labelled ticks `a`, `b` satisfy
    /// `b.x - a.x >= measure(a.label) + min_gap_px`, so labels never overlap. Should even the
    /// coarsest step not fit (absurd fonts), labels are dropped until they do.
    ///
    /// Ticks lie within the bar, give or take half a pixel, except the labelled tick just
    /// before it when its label reaches into view. Work is bounded by the ticks a step yields,
    /// never by the days in the window.
    pub fn ticks(&self, min_gap_px: f32, measure: impl Fn(&str) -> f32) -> Vec<Tick> {
        let gap = if min_gap_px.is_nan() {
            0.0
        } else {
            min_gap_px.clamp(0.0, MAX_WIDTH_PX)
        };
        let measure = |s: &str| {
            let w = measure(s);
            if w.is_nan() { 0.0 } else { w.max(0.0) }
        };
        let ppd = f64::from(self.pixels_per_day());
        let affordable = |s: Step| self.span / s.min_days() <= MAX_TICKS;
        let widest = self.widest_labels(&measure);
        let mut chosen = None;
        for (i, &step) in LADDER.iter().enumerate() {
            let room = f64::from((widest(step) + gap).max(1.0));
            if !affordable(step) || step.min_days() * ppd < room {
                continue;
            }
            let ticks = self.labelled(step, &measure);
            if overlaps(&ticks, gap, &measure).is_none() {
                chosen = Some((i, ticks));
                break;
            }
        }
        let (index, mut labelled) = chosen.unwrap_or_else(|| {
            let last = LADDER.len() - 1;
            (last, self.labelled(LADDER[last], &measure))
        });
        while let Some(k) = overlaps(&labelled, gap, &measure) {
            // Drop the later label, unless the earlier is the one just off-screen.
            labelled.remove(if labelled[k].x < -EDGE_PX { k } else { k + 1 });
        }
        // The finest nesting step still comfortably apart fills in between the labels.
        let minor = LADDER[..index]
            .iter()
            .rev()
            .take_while(|s| affordable(**s) && s.min_days() * ppd >= f64::from(MIN_MINOR_TICK_PX))
            .filter(|s| s.nests_in(LADDER[index]))
            .last();
        match minor {
            Some(&step) => {
                let mut minor = self.run(step);
                minor.retain(|t| t.x >= -EDGE_PX);
                merge(labelled, minor)
            }
            None => labelled,
        }
    }

    /// The widest label each step could show here, context labels included, for a cheap and
    /// pan-stable first guess; the actual labels are checked afterwards.
    fn widest_labels(&self, measure: &impl Fn(&str) -> f32) -> impl Fn(Step) -> f32 {
        let (first, last) = self.visible_dates();
        let years = [first.year(), last.year()];
        let widest = |step: Step, months: u32| {
            let dates = years
                .iter()
                .flat_map(|&y| (1..=months).filter_map(move |m| NaiveDate::from_ymd_opt(y, m, 28)));
            dates.map(|d| measure(&step.label(d, true))).fold(0.0f32, f32::max)
        };
        let (days, months) = (widest(Days(1), 12), widest(Months(1), 12));
        let (years, decades) = (widest(Years(1), 1), widest(Years(10), 1));
        move |step| match step {
            Days(_) | Thirds => days,
            Months(_) => months,
            Years(10) => decades,
            Years(_) => years,
        }
    }

    /// Unlabelled ticks of `step` up to the right edge, starting with the last one on or
    /// before the left edge (so the first may lie left of the bar).
    fn run(&self, step: Step) -> Vec<Tick> {
        let first = date_in_range(self.start.floor());
        let mut out = Vec::new();
        let mut next = step.floor(first);
        while let Some(day) = next {
            let x = self.x_of_date(day);
            if x > self.width + EDGE_PX || out.len() as f64 > MAX_TICKS {
                break;
            }
            let level = TickLevel::of(day);
            out.push(Tick {
                day,
                x,
                level,
                major: false,
                label: None,
            });
            next = step.next(day);
        }
        out
    }

    /// Ticks of `step` with labels, the first visible one carrying context, and the one just
    /// before the bar kept only if its label reaches into view.
    fn labelled(&self, step: Step, measure: &impl Fn(&str) -> f32) -> Vec<Tick> {
        let mut ticks = self.run(step);
        let before = usize::from(ticks.first().is_some_and(|t| t.x < -EDGE_PX));
        for (i, t) in ticks.iter_mut().enumerate() {
            t.label = Some(step.label(t.day, i == before));
            t.major = t.level < step.level();
        }
        if before == 1 && ticks[0].x + ticks[0].label.as_deref().map_or(0.0, measure) <= 0.0 {
            ticks.remove(0);
        }
        ticks
    }
}

/// The index of the first labelled tick whose label runs into the next one's, if any.
fn overlaps(ticks: &[Tick], gap: f32, measure: &impl Fn(&str) -> f32) -> Option<usize> {
    ticks.windows(2).position(|w| {
        let width = w[0].label.as_deref().map_or(0.0, measure);
        w[1].x - w[0].x < width + gap
    })
}

/// Both lists in day order; where they share a day the labelled tick wins.
fn merge(labelled: Vec<Tick>, minor: Vec<Tick>) -> Vec<Tick> {
    let mut out = Vec::with_capacity(labelled.len() + minor.len());
    let mut minor = minor.into_iter().peekable();
    for tick in labelled {
        while let Some(m) = minor.next_if(|m| m.day <= tick.day) {
            if m.day < tick.day {
                out.push(m);
            }
        }
        out.push(tick);
    }
    out.extend(minor);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// Every tick of a step from `from`, for `n` steps.
    fn walk(step: Step, from: NaiveDate, n: usize) -> Vec<NaiveDate> {
        std::iter::successors(step.floor(from), |d| step.next(*d))
            .take(n)
            .collect()
    }

    #[test]
    fn day_steps_keep_their_spacing_across_month_ends() {
        let days = |v: Vec<NaiveDate>| v.iter().map(|d| d.day()).collect::<Vec<_>>();
        assert_eq!(
            days(walk(Days(5), ymd(1950, 2, 24), 3)),
            [21, 1, 6],
            "no 26 Feb: 3 days to March"
        );
        assert_eq!(days(walk(Days(5), ymd(1950, 1, 30), 2)), [26, 1]);
        assert_eq!(
            days(walk(Days(2), ymd(1950, 10, 31), 2)),
            [29, 1],
            "31 Oct floors to 29"
        );
        assert_eq!(days(walk(Thirds, ymd(1950, 2, 28), 2)), [21, 1]);
        for step in LADDER {
            let ticks = walk(step, ymd(1948, 1, 1), 40);
            for pair in ticks.windows(2) {
                assert!(
                    (pair[1] - pair[0]).num_days() as f64 >= step.min_days(),
                    "{step:?} {pair:?}"
                );
                assert_eq!(step.floor(pair[1]), Some(pair[1]), "{step:?}: a tick is its own floor");
            }
        }
    }

    #[test]
    fn finer_steps_nest_where_claimed() {
        for (i, &coarse) in LADDER.iter().enumerate() {
            for &fine in &LADDER[..i] {
                if fine.nests_in(coarse) {
                    for d in walk(coarse, ymd(1900, 1, 1), 30) {
                        assert_eq!(fine.floor(d), Some(d), "{fine:?} lacks {coarse:?} tick {d}");
                    }
                }
            }
        }
    }

    #[test]
    fn levels_and_negative_years() {
        assert_eq!(TickLevel::of(ymd(2000, 1, 1)), TickLevel::Millennium);
        assert_eq!(TickLevel::of(ymd(-100, 1, 1)), TickLevel::Century);
        assert_eq!(TickLevel::of(ymd(1950, 1, 1)), TickLevel::Decade);
        assert_eq!(TickLevel::of(ymd(1950, 3, 1)), TickLevel::Month);
        assert_eq!(Years(100).floor(ymd(-150, 6, 1)), Some(ymd(-200, 1, 1)));
        assert_eq!(Years(100).label(ymd(-200, 1, 1), false), "-200");
    }

    #[test]
    fn merge_prefers_labels_and_keeps_order() {
        let t = |d: u32, label: Option<&str>| Tick {
            day: ymd(1950, 1, d),
            x: d as f32,
            level: TickLevel::Day,
            major: false,
            label: label.map(str::to_string),
        };
        let merged = merge(
            vec![t(1, Some("1")), t(6, Some("6"))],
            vec![t(1, None), t(2, None), t(6, None), t(7, None)],
        );
        let got: Vec<_> = merged.iter().map(|t| (t.day.day(), t.label.is_some())).collect();
        assert_eq!(got, [(1, true), (2, false), (6, true), (7, false)]);
    }
}
