//! The time bar's geometry through its public API: mapping, zoom, ticks and density.

use chrono::{Datelike, NaiveDate};
use chronoatlas::timeline::axis::{
    MAX_SPAN_DAYS, MIN_SPAN_DAYS, TickLevel, TimeAxis, day_number, density, label_width_estimate,
};
use proptest::prelude::*;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

const FONT: f32 = 12.0;
const GAP: f32 = 8.0;

fn measure(s: &str) -> f32 {
    label_width_estimate(s, FONT)
}

fn labels(axis: &TimeAxis) -> Vec<String> {
    axis.ticks(GAP, measure).into_iter().filter_map(|t| t.label).collect()
}

/// Consecutive labels, drawn left-aligned at their ticks, leave at least `gap` between them.
fn assert_no_overlap(axis: &TimeAxis, gap: f32, measure: impl Fn(&str) -> f32 + Copy) {
    let ticks = axis.ticks(gap, measure);
    for pair in ticks.windows(2) {
        assert!(
            pair[0].day < pair[1].day && pair[0].x <= pair[1].x,
            "ticks out of order: {pair:?}"
        );
    }
    let labelled: Vec<_> = ticks.iter().filter(|t| t.label.is_some()).collect();
    for pair in labelled.windows(2) {
        let width = measure(pair[0].label.as_deref().unwrap());
        assert!(
            pair[1].x - pair[0].x >= width + gap,
            "labels overlap on {axis:?}: {pair:?}"
        );
    }
    for (i, t) in ticks.iter().enumerate() {
        assert!(t.x <= axis.width_px() + 0.5, "tick past the bar: {t:?}");
        assert!(
            t.x >= -0.5 || (i == 0 && t.label.is_some()),
            "stray tick before the bar: {t:?}"
        );
        assert!(t.label.is_some() || !t.major, "unlabelled major tick {t:?}");
    }
}

#[test]
fn x_and_day_round_trip() {
    let axis = TimeAxis::for_dates(ymd(1948, 3, 1), ymd(1950, 12, 31), 1234.0);
    assert_eq!(axis.x_of_date(ymd(1948, 3, 1)), 0.0);
    assert!(
        (axis.x_of_date(ymd(1951, 1, 1)) - 1234.0).abs() < 1e-3,
        "the last day is whole"
    );
    for i in 0..=100 {
        let x = i as f32 * 12.34;
        assert!((axis.x_of_day(axis.day_at_x(x)) - x).abs() < 1e-3);
    }
    let half_day = axis.pixels_per_day() / 2.0;
    for date in [ymd(1948, 3, 1), ymd(1949, 2, 28), ymd(1950, 10, 19), ymd(1950, 12, 31)] {
        assert_eq!(axis.date_at_x(axis.x_of_date(date) + half_day), Some(date));
        assert!(
            (axis.day_at_x(axis.x_of_date(date)) - day_number(date)).abs() < 1e-3,
            "f32 pixels"
        );
    }
    assert_eq!(axis.visible_dates(), (ymd(1948, 3, 1), ymd(1950, 12, 31)));
    // Reversed dates mean the same window.
    assert_eq!(TimeAxis::for_dates(ymd(1950, 12, 31), ymd(1948, 3, 1), 1234.0), axis);
}

#[test]
fn zoom_clamps_between_days_and_millennia() {
    let mut axis = TimeAxis::for_dates(ymd(1950, 1, 1), ymd(1950, 12, 31), 800.0);
    for _ in 0..200 {
        axis.zoom_about(400.0, 3.0);
    }
    assert_eq!(axis.span_days(), MIN_SPAN_DAYS);
    assert!(axis.date_at_x(400.0).is_some_and(|d| d.year() == 1950));
    for _ in 0..200 {
        axis.zoom_about(400.0, 0.25);
    }
    assert_eq!(axis.span_days(), MAX_SPAN_DAYS);
    assert!(axis.pixels_per_day() > 0.0 && axis.pixels_per_day().is_finite());
    // The widest window is every supported year, so panning cannot leave it.
    let before = axis;
    axis.pan_by_pixels(1e30);
    assert_eq!(axis, before);
}

#[test]
fn pan_and_ensure_visible_scroll_without_zooming() {
    let mut axis = TimeAxis::for_dates(ymd(1950, 10, 1), ymd(1950, 10, 10), 1000.0);
    axis.pan_by_pixels(-200.0); // drag left: later days come in
    assert_eq!(axis.visible_dates().0, ymd(1950, 10, 3));
    axis.ensure_visible(day_number(ymd(1950, 10, 20)), 0.0);
    assert_eq!(axis.visible_dates(), (ymd(1950, 10, 11), ymd(1950, 10, 20)));
    assert_eq!(axis.span_days(), 10.0);
}

#[test]
fn clamp_keeps_the_data_in_view() {
    let (first, last) = (ymd(1492, 8, 3), ymd(1493, 3, 15));
    let mut axis = TimeAxis::for_dates(first, last, 1000.0);
    axis.pan_by_pixels(5000.0);
    axis.clamp_to_dates(first, last, 40.0);
    assert!((axis.x_of_date(first) - 40.0).abs() < 1e-3);
    axis.zoom_about(500.0, 0.01);
    axis.clamp_to_dates(first, last, 40.0);
    assert!((axis.x_of_date(first) - 40.0).abs() < 1e-2);
    assert!((axis.x_of_date(last.succ_opt().unwrap()) - 960.0).abs() < 1e-2);
}

#[test]
fn centuries_show_round_years_with_centuries_major() {
    let axis = TimeAxis::for_dates(ymd(1700, 1, 1), ymd(1999, 12, 31), 1000.0);
    let ticks = axis.ticks(GAP, measure);
    let labelled: Vec<_> = ticks.iter().filter(|t| t.label.is_some()).collect();
    assert!(labelled.len() >= 5, "{labelled:?}");
    assert!(labelled.iter().all(|t| t.level <= TickLevel::Decade), "{labelled:?}");
    for century in ["1800", "1900"] {
        let tick = labelled
            .iter()
            .find(|t| t.label.as_deref() == Some(century))
            .expect(century);
        assert!(tick.major && tick.level == TickLevel::Century);
    }
    assert!(ticks.len() > labelled.len(), "minor ticks fill in between");
}

#[test]
fn a_few_years_show_months_with_year_context() {
    let axis = TimeAxis::for_dates(ymd(1948, 1, 1), ymd(1950, 12, 31), 1000.0);
    let ticks = axis.ticks(GAP, measure);
    let labels: Vec<_> = ticks.iter().filter_map(|t| t.label.as_deref()).collect();
    assert_eq!(labels[0], "Jan 1948");
    assert!(
        labels.contains(&"Jan 1949") && labels.contains(&"Jan 1950"),
        "{labels:?}"
    );
    assert!(labels.contains(&"Apr") || labels.contains(&"Jul"), "{labels:?}");
    let jan1950 = ticks.iter().find(|t| t.day == ymd(1950, 1, 1)).unwrap();
    assert!(jan1950.major && jan1950.level == TickLevel::Decade);
    // Scrolled to mid-year, the first visible month carries the year.
    let mut axis = axis;
    axis.pan_by_pixels(-150.0);
    let first = &labels_of(&axis)[0];
    assert!(first.ends_with(" 1948"), "{first}");
}

fn labels_of(axis: &TimeAxis) -> Vec<String> {
    axis.ticks(GAP, measure)
        .into_iter()
        .filter(|t| t.x >= 0.0)
        .filter_map(|t| t.label)
        .collect()
}

#[test]
fn a_month_shows_days_with_month_context() {
    let axis = TimeAxis::for_dates(ymd(1950, 10, 1), ymd(1950, 10, 30), 1000.0);
    let labels = labels(&axis);
    assert_eq!(labels[0], "1 Oct");
    assert!(labels.len() >= 10, "{labels:?}");
    assert!(labels[1..].iter().all(|l| l.parse::<u32>().is_ok()), "{labels:?}");
    // Starting mid-month, the first label names the month; the 1st of the next names its own.
    let axis = TimeAxis::for_dates(ymd(1950, 10, 19), ymd(1950, 11, 3), 1000.0);
    let labels = labels_of(&axis);
    assert_eq!(labels[0], "19 Oct");
    assert!(labels.contains(&"1 Nov".to_string()), "{labels:?}");
}

#[test]
fn labels_fit_a_narrow_bar_by_coarsening() {
    let wide = TimeAxis::for_dates(ymd(1950, 10, 1), ymd(1950, 10, 30), 1000.0);
    let narrow = TimeAxis::for_dates(ymd(1950, 10, 1), ymd(1950, 10, 30), 150.0);
    assert!(labels(&narrow).len() < labels(&wide).len());
    assert_no_overlap(&narrow, GAP, measure);
    // Absurd fonts: still no overlap, at worst a single label.
    assert_no_overlap(&wide, GAP, |s| label_width_estimate(s, 5000.0));
    assert!(
        !wide.ticks(f32::NAN, |_| f32::NAN).is_empty(),
        "NaN widths count as zero"
    );
    assert_no_overlap(&TimeAxis::new(0.0, 10.0, 0.0), GAP, measure);
}

#[test]
fn ticks_cost_follows_the_ticks_not_the_span() {
    // Two millennia on the widest bar allowed: day steps are never walked.
    let axis = TimeAxis::for_dates(ymd(0, 1, 1), ymd(1999, 12, 31), 1.0e6);
    let start = std::time::Instant::now();
    let ticks = axis.ticks(0.0, |_| 0.0);
    assert!(ticks.len() <= 40_000, "{}", ticks.len());
    assert!(start.elapsed().as_secs_f32() < 2.0);
    assert_no_overlap(&axis, 0.0, |_| 0.0);
}

#[test]
fn density_counts_overlapping_windows() {
    // Ten days in ten bins, one bin per day.
    let axis = TimeAxis::for_dates(ymd(1950, 10, 1), ymd(1950, 10, 10), 500.0);
    let windows = [
        (ymd(1950, 10, 1), ymd(1950, 10, 1)),   // first day only
        (ymd(1950, 10, 3), ymd(1950, 10, 5)),   // days 3–5
        (ymd(1950, 10, 5), ymd(1950, 10, 4)),   // reversed: days 4–5
        (ymd(1950, 9, 1), ymd(1950, 10, 2)),    // clipped on the left
        (ymd(1950, 10, 10), ymd(1951, 1, 1)),   // clipped on the right
        (ymd(1950, 9, 1), ymd(1950, 9, 30)),    // entirely before
        (ymd(1950, 10, 11), ymd(1950, 10, 11)), // entirely after
    ];
    let d = density(windows, &axis, 10);
    assert_eq!(d.counts, [2, 1, 1, 2, 2, 0, 0, 0, 0, 1]);
    assert_eq!(d.max(), 2);
    assert_eq!(d.normalized()[1], 0.5);
    // Coarser bins: two days each.
    assert_eq!(density(windows, &axis, 5).counts, [2, 2, 2, 0, 1]);
    assert!(density(windows, &axis, 0).counts.is_empty());
    assert_eq!(density([], &axis, 3).normalized(), [0.0; 3]);
}

#[test]
fn density_of_many_events_is_linear() {
    let axis = TimeAxis::for_dates(ymd(1900, 1, 1), ymd(1999, 12, 31), 1920.0);
    let base = ymd(1850, 1, 1);
    let events = (0..100_000u64).map(|i| {
        let first = base + chrono::Days::new(i * 7919 % 70_000);
        (first, first + chrono::Days::new(i % 400))
    });
    let start = std::time::Instant::now();
    let d = density(events, &axis, 1920);
    assert!(start.elapsed().as_secs_f32() < 1.0);
    assert_eq!(d.counts.len(), 1920);
    assert!(d.max() > 0);
}

#[test]
fn nothing_panics_on_nan_inf_or_zero() {
    let specials = [
        f32::NAN,
        f32::INFINITY,
        f32::NEG_INFINITY,
        0.0,
        -0.0,
        -1.0,
        f32::MAX,
        f32::MIN_POSITIVE,
    ];
    let days = [
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        0.0,
        -1e300,
        1e300,
        730_000.5,
    ];
    for &w in &specials {
        for &a in &days {
            for &b in &days {
                let mut axis = TimeAxis::new(a, b, w);
                for &v in &specials {
                    axis.zoom_about(v, 2.0);
                    axis.zoom_about(100.0, v);
                    axis.pan_by_pixels(v);
                    axis.clamp_to(a, b, v);
                    axis.ensure_visible(a, v);
                    let _ = (axis.x_of_day(a), axis.day_at_x(v), axis.date_at_x(v));
                    axis.set_width(v);
                }
                assert!(axis.span_days() >= MIN_SPAN_DAYS && axis.span_days() <= MAX_SPAN_DAYS);
                assert!(axis.start_day().is_finite() && axis.pixels_per_day() > 0.0);
                assert!(axis.pixels_per_day().is_finite());
                let _ = density([(ymd(1950, 1, 1), ymd(1950, 2, 1))], &axis, 7);
            }
        }
        let axis = TimeAxis::new(0.0, 1.0, w);
        assert_no_overlap(&axis, 4.0, measure);
    }
    assert_eq!(TimeAxis::new(0.0, 10.0, 100.0).date_at_x(f32::NAN), None);
    assert_eq!(TimeAxis::new(0.0, 10.0, 100.0).date_at_x(f32::MAX), None);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn zoom_keeps_the_day_under_the_pointer(
        start in -700_000.0f64..1_000_000.0,
        log_span in 1.1f64..12.0,
        width in 100.0f32..3000.0,
        at in 0.0f32..1.0,
        factor in 0.2f32..5.0,
    ) {
        let mut axis = TimeAxis::new(start, start + log_span.exp(), width);
        let x = at * width;
        let before = axis.day_at_x(x);
        axis.zoom_about(x, factor);
        let unclamped = (log_span.exp() / f64::from(factor)).clamp(MIN_SPAN_DAYS, MAX_SPAN_DAYS);
        prop_assert!((axis.span_days() - unclamped).abs() <= unclamped * 1e-9);
        prop_assert!((axis.day_at_x(x) - before).abs() < 1e-6 * axis.span_days().max(1.0));
    }

    #[test]
    fn labels_never_overlap_at_any_zoom(
        start in -3_600_000.0f64..3_600_000.0,
        log_span in 1.0f64..16.0,
        width in 1.0f32..4000.0,
        font in 4.0f32..40.0,
        gap in 0.0f32..30.0,
        pans in proptest::collection::vec(-500.0f32..500.0, 0..4),
    ) {
        let mut axis = TimeAxis::new(start, start + log_span.exp(), width);
        let measure = move |s: &str| label_width_estimate(s, font);
        assert_no_overlap(&axis, gap, measure);
        for dx in pans {
            axis.pan_by_pixels(dx);
            assert_no_overlap(&axis, gap, measure);
        }
    }
}
