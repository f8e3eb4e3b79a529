//! One frame's CPU work: building the scene for the app's state and egui's tessellation of it,
//! at the whole-Eurasia view and the Korea view; and a date step (the scene rebuilt for a new
//! day) on the default chronicle and on 100,000 synthetic events.

use chrono::NaiveDate;
use chronoatlas::chronicle::{Chronicle, HistoricalDate};
use chronoatlas::map::camera::Camera;
use chronoatlas::map::projection::Projection;
use chronoatlas::render::egui_painter::ScenePainter;
use chronoatlas::scene::{self, BaseLayers, OverlayOptions, Scene, Style};
use chronoatlas::timeline::Timeline;
use chronoatlas::view_state::ViewState;
use criterion::{Criterion, criterion_group, criterion_main};
use eframe::egui;
use std::hint::black_box;

const SIZE: (f64, f64) = (1920.0, 1080.0);

struct Fixture {
    chronicle: Chronicle,
    timeline: Timeline,
    layers: BaseLayers,
    camera: Camera,
    state: ViewState,
}

fn fixture(chronicle: Chronicle, view: &str, day: &str) -> Fixture {
    let timeline = Timeline::new(&chronicle);
    let (w, s, e, n) = chronicle.view(view).expect("the fixture names a view").bbox.to_tuple();
    let projection = Projection::for_extent(w, s, e, n);
    let mut layers = BaseLayers::new(projection, &chronicle.map);
    let mut camera = Camera::new((0.0, 0.0), 1.0, SIZE);
    camera.fit_lonlat(&projection, (w, s, e, n), SIZE, 24.0);
    let mut state = ViewState::new(&chronicle, &timeline);
    state.go_to(NaiveDate::parse_from_str(day, "%Y-%m-%d").unwrap());
    layers.for_camera(&camera, state.day());
    Fixture {
        chronicle,
        timeline,
        layers,
        camera,
        state,
    }
}

fn compose(f: &mut Fixture) -> Scene {
    scene::compose(
        &f.chronicle,
        &f.timeline,
        &mut f.layers,
        &f.camera,
        &Style::atlas(),
        &f.state,
        OverlayOptions::default(),
    )
}

/// Paints the scene through egui and tessellates it, as the window does each frame.
fn paint_and_tessellate(ctx: &egui::Context, painter: &mut ScenePainter, scene: &Scene) -> usize {
    let input = egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1920.0, 1080.0))),
        ..Default::default()
    };
    let output = ctx.run_ui(input, |ui| {
        painter.paint(ui.painter(), egui::Pos2::ZERO, scene);
    });
    ctx.tessellate(output.shapes, 1.0).len()
}

fn frames(c: &mut Criterion) {
    for (view, name) in [("eurasia", "frame/eurasia"), ("korean-peninsula", "frame/korea")] {
        let mut f = fixture(Chronicle::embedded_default(), view, "1950-10-19");
        let ctx = egui::Context::default();
        let mut painter = ScenePainter::default();
        c.bench_function(name, |b| {
            b.iter(|| {
                let scene = compose(&mut f);
                black_box(paint_and_tessellate(&ctx, &mut painter, &scene))
            })
        });
        c.bench_function(&format!("{name}/scene_only"), |b| b.iter(|| black_box(compose(&mut f))));
        // Panning: the camera moves every frame, so the land mesh is re-placed each time.
        c.bench_function(&format!("{name}/panning"), |b| {
            let mut dx = 1.0;
            b.iter(|| {
                f.camera.pan_by_pixels(dx, 0.0);
                dx = -dx;
                let scene = compose(&mut f);
                black_box(paint_and_tessellate(&ctx, &mut painter, &scene))
            })
        });
    }
}

/// 100,000 events over the twentieth century, spread over the default chronicle's places.
fn synthetic(n: usize) -> Chronicle {
    let mut chronicle = Chronicle::embedded_default();
    let template = chronicle.events[0].clone();
    let places: Vec<String> = chronicle.places.iter().map(|p| p.id.clone()).collect();
    let start = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap();
    chronicle.events = (0..n)
        .map(|k| {
            let mut e = template.clone();
            e.id = format!("synthetic-{k}").into();
            let day = start + chrono::Duration::days(((k as u64 * 7919) % 36500) as i64);
            e.date = HistoricalDate::parse(&day.format("%Y-%m-%d").to_string()).unwrap();
            e.places = vec![places[k % places.len()].as_str().into()];
            e.disputes.clear();
            e
        })
        .collect();
    chronicle.movements.clear();
    chronicle
}

fn date_steps(c: &mut Criterion) {
    let mut f = fixture(Chronicle::embedded_default(), "eurasia", "1950-09-15");
    c.bench_function("date_step/default", |b| {
        b.iter(|| {
            f.state.step_days(1);
            if f.state.day() > NaiveDate::from_ymd_opt(1950, 11, 30).unwrap() {
                f.state.go_to(NaiveDate::from_ymd_opt(1950, 9, 15).unwrap());
            }
            black_box(compose(&mut f))
        })
    });
    let mut f = fixture(synthetic(100_000), "eurasia", "1950-09-15");
    c.bench_function("date_step/100k_events", |b| {
        b.iter(|| {
            f.state.step_days(1);
            black_box(compose(&mut f))
        })
    });
    c.bench_function("timeline/build_100k_events", |b| {
        b.iter(|| black_box(Timeline::new(&f.chronicle)))
    });
}

fn report(_: &mut Criterion) {
    counts();
}

/// The time bar's CPU work with 100,000 events, showing the whole century and then one month.
fn time_bar(c: &mut Criterion) {
    let chronicle = synthetic(100_000);
    let timeline = Timeline::new(&chronicle);
    let mut state = ViewState::new(&chronicle, &timeline);
    state.go_to(NaiveDate::from_ymd_opt(1950, 10, 19).unwrap());
    let style = Style::atlas();
    let ctx = egui::Context::default();
    let (first, last) = timeline.span().unwrap();
    for (name, span) in [
        ("time_bar/100k_events/whole_century", (first, last)),
        (
            "time_bar/100k_events/one_month",
            (
                NaiveDate::from_ymd_opt(1950, 10, 1).unwrap(),
                NaiveDate::from_ymd_opt(1950, 10, 31).unwrap(),
            ),
        ),
    ] {
        let mut bar = chronoatlas::ui::time_bar::TimeBar::default();
        bar.show_span(span.0, span.1);
        c.bench_function(name, |b| {
            b.iter(|| {
                let input = egui::RawInput {
                    screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1920.0, 120.0))),
                    ..Default::default()
                };
                let output = ctx.run_ui(input, |ui| {
                    bar.show(ui, &chronicle, &timeline, &mut state, &style);
                });
                black_box(ctx.tessellate(output.shapes, 1.0).len())
            })
        });
    }
}

criterion_group!(benches, report, frames, date_steps, time_bar);
criterion_main!(benches);

fn counts() {
    let mut f = fixture(Chronicle::embedded_default(), "korean-peninsula", "1950-10-19");
    let scene = compose(&mut f);
    let mut points = 0;
    let mut texts = 0;
    let mut land = 0;
    for p in &scene.primitives {
        match p {
            scene::Primitive::Polyline { points: pts, .. } => points += pts.len(),
            scene::Primitive::Text(_) => texts += 1,
            scene::Primitive::Land { mesh, .. } => land = mesh.vertices.len(),
            _ => {}
        }
    }
    eprintln!("korea: {points} polyline points, {texts} texts, {land} land vertices");
}
