//! A million events: loading the synthetic chronicle of `chronoatlas synth` (1,000,000 events over
//! 1900–2000 at 20,000 places), and whole window frames on it at 1920×1080 — the app's `ui` run
//! by egui_kittest, then egui's tessellation of what it drew: the day's list, the whole list,
//! every event up to the day on the map (clustered), 20,000 places on one day, and a tour of
//! 100,000 stops open in its panel; and frames a day apart, the day's events worked out anew on
//! each, on the day's map and the cumulative one (forwards and back).
//!
//! `cargo bench --bench million`; `CHRONOATLAS_BENCH_EVENTS=100000` for a smaller chronicle.

use chronoatlas::app::ChronoatlasApp;
use chronoatlas::chronicle::Chronicle;
use chronoatlas::cli::synth::{self, Spec};
use chronoatlas::timeline::Timeline;
use chronoatlas::timeline::show::ShowOptions;
use chronoatlas::ui::event_list::ListMode;
use criterion::{Criterion, criterion_group, criterion_main};
use eframe::egui;
use egui_kittest::Harness;
use std::hint::black_box;
use std::time::Duration;

fn spec() -> Spec {
    let events = std::env::var("CHRONOATLAS_BENCH_EVENTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(Spec::MILLION.events);
    Spec {
        events,
        ..Spec::MILLION
    }
}

fn window(chronicle: Chronicle) -> Harness<'static, ChronoatlasApp> {
    let day = chronicle.opening_day();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1920.0, 1080.0))
        .with_max_steps(64)
        .build_eframe(move |_cc| ChronoatlasApp::new(chronicle, "synthetic".into()));
    if let Some(day) = day {
        harness.state_mut().state.go_to(day);
    }
    harness.state_mut().map.fit_home();
    harness.run_steps(4);
    harness
}

/// One frame: the app's `ui`, then egui's tessellation of its shapes.
fn frame(harness: &mut Harness<ChronoatlasApp>) -> usize {
    harness.step();
    let shapes = harness.output().shapes.clone();
    harness.ctx.tessellate(shapes, 1.0).len()
}

fn bench_frames(c: &mut Criterion, name: &str, harness: &mut Harness<ChronoatlasApp>) {
    harness.run_steps(2);
    c.bench_function(name, |b| b.iter(|| black_box(frame(harness))));
}

/// Frames each a day after the last (or before it, `back`), as a lecturer's clicker steps: the
/// day's events are worked out again on every one.
fn bench_day_by_day(c: &mut Criterion, name: &str, harness: &mut Harness<ChronoatlasApp>, back: bool) {
    harness.run_steps(2);
    c.bench_function(name, |b| {
        b.iter(|| {
            let state = &mut harness.state_mut().state;
            let next = if back {
                state.day().pred_opt()
            } else {
                state.day().succ_opt()
            };
            if let Some(next) = next {
                state.go_to(next);
            }
            black_box(frame(harness))
        })
    });
}

fn million(c: &mut Criterion) {
    let spec = spec();
    let mut bytes = Vec::new();
    synth::write_chronicle(&spec, &mut bytes).expect("writes to memory");
    eprintln!(
        "synthetic chronicle: {} events, {} MB of JSON",
        spec.events,
        bytes.len() / 1_000_000
    );
    {
        let mut group = c.benchmark_group("million");
        group.sample_size(10).measurement_time(Duration::from_secs(40));
        // What opening a file costs the window: reading it as any import does, and the timeline.
        group.bench_function("load", |b| {
            b.iter(|| {
                let imported = chronoatlas::import::read_bytes(&bytes, "synthetic.json", None).expect("it loads");
                let timeline = Timeline::new(&imported.chronicle);
                black_box((imported.chronicle.events.len(), timeline.span()))
            })
        });
        group.finish();
    }
    drop(bytes);

    let chronicle = synth::chronicle(&spec);
    let tour = synth::tour(&chronicle, 100_000, spec.seed, "synthetic.json");
    let mut harness = window(chronicle);
    bench_frames(c, "million/frame/this_day", &mut harness);
    bench_day_by_day(c, "million/frame/day_by_day", &mut harness, false);
    harness.state_mut().event_list.mode = ListMode::All;
    bench_frames(c, "million/frame/list_all", &mut harness);
    harness.state_mut().event_list.mode = ListMode::OnThisDay;
    harness.state_mut().state.set_show(ShowOptions {
        cumulative: true,
        ..ShowOptions::default()
    });
    bench_frames(c, "million/frame/cumulative_map", &mut harness);
    bench_day_by_day(c, "million/frame/cumulative_map_day_by_day", &mut harness, false);
    bench_day_by_day(c, "million/frame/cumulative_map_day_back", &mut harness, true);
    harness.state_mut().state.set_show(ShowOptions::default());
    {
        let app = harness.state_mut();
        app.tour = Some(tour);
        app.show_tour = true;
    }
    bench_frames(c, "million/frame/tour_100k_stops", &mut harness);
    drop(harness);

    // The busiest day a map can have: an event at each of 20,000 places on one day.
    let busy = synth::chronicle(&Spec {
        events: 0,
        busy_day: chrono::NaiveDate::from_ymd_opt(1950, 10, 19),
        ..spec
    });
    let mut harness = window(busy);
    bench_frames(c, "million/frame/20k_places_one_day", &mut harness);
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(Duration::from_secs(8));
    targets = million
}
criterion_main!(benches);
