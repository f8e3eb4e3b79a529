//! A laptop's 1280×720 window: the map keeps most of the width, one key gives it all, "Go to"
//! stays on screen, and at large text sizes the legend leaves the map three quarters of itself.

mod common;
use common::*;

use chronoatlas::app::ChronoatlasApp;
use chronoatlas::chronicle::Chronicle;
use chronoatlas::export::{self, ExportRequest, ExportView};
use chronoatlas::scene::{Primitive, Scene, Style, TextKind};
use chronoatlas::timeline::Timeline;
use chronoatlas::timeline::show::ShowOptions;
use chronoatlas::view_state::ViewState;
use eframe::egui::{self, Key};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const LAPTOP: (f32, f32) = (1280.0, 720.0);

/// The app at 1280×720 pixels at a text size set from the start, as a remembered one is. The
/// harness's size is in points: a window of 1280 pixels at 150% has 853 of them.
fn laptop(on: &str, text_size: f32) -> Harness<'static, ChronoatlasApp> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(LAPTOP.0, LAPTOP.1) / text_size)
        .with_max_steps(64)
        .build_eframe(move |cc| {
            cc.egui_ctx.set_zoom_factor(text_size);
            ChronoatlasApp::new(Chronicle::embedded_default(), "test".into())
        });
    harness.state_mut().state.go_to(day(on));
    harness.run_steps(4);
    harness
}

/// The map's width in points, as last drawn.
fn map_width(harness: &Harness<ChronoatlasApp>) -> f64 {
    harness.state().map.camera().unwrap().viewport().0
}

/// The window's width in points at its text size.
fn window_width(harness: &Harness<ChronoatlasApp>) -> f64 {
    harness.ctx.content_rect().width() as f64
}

#[test]
fn the_map_keeps_three_fifths_of_a_laptops_width() {
    let harness = laptop("1950-09-30", 1.0);
    let app = harness.state();
    assert!(app.panels.list && app.panels.details, "both side panels are open");
    let share = map_width(&harness) / window_width(&harness);
    assert!(share >= 0.6, "the map has {:.0}% of the width", share * 100.0);
}

#[test]
fn f9_hides_both_side_panels_and_brings_them_back() {
    let mut harness = laptop("1950-09-30", 1.0);
    let with_panels = map_width(&harness);
    harness.key_press(Key::F9);
    harness.run_steps(3);
    assert!(!harness.state().panels.list && !harness.state().panels.details);
    assert!(
        map_width(&harness) >= window_width(&harness) - 1.0,
        "the map has {} of {} points",
        map_width(&harness),
        window_width(&harness)
    );
    harness.key_press(Key::F9);
    harness.run_steps(3);
    assert!(harness.state().panels.list && harness.state().panels.details);
    assert!((map_width(&harness) - with_panels).abs() < 2.0);
    // With one panel hidden by hand, the key hides the other.
    harness.state_mut().panels.details = false;
    harness.key_press(Key::F9);
    harness.run_steps(3);
    assert!(!harness.state().panels.list && !harness.state().panels.details);
}

#[test]
fn go_to_stays_inside_the_window() {
    for text_size in [1.0, 1.5] {
        let mut harness = laptop("1950-09-30", text_size);
        let window = harness.ctx.content_rect();
        assert!((window.width() - LAPTOP.0 / text_size).abs() < 1.0, "{window:?}");
        for label in ["Go to", "Event »", "Last"] {
            let rect = harness.get_by_label(label).rect();
            assert!(
                window.contains_rect(rect),
                "{label} at {rect:?} is cut at {:.0}% (window {window:?})",
                text_size * 100.0
            );
        }
        // And it works there.
        let field = harness.get_by_label("Go to");
        field.focus();
        field.type_text("19 Oct 1950");
        harness.run_steps(2);
        harness.key_press(Key::Enter);
        harness.run_steps(2);
        assert_eq!(harness.state().state.day(), day("1950-10-19"));
    }
}

/// The legend's card: the box around the legend's texts.
fn legend_box(scene: &Scene) -> Option<[f32; 4]> {
    let first = scene.texts().find(|t| t.kind == TextKind::Legend)?;
    scene.primitives.iter().find_map(|p| match p {
        Primitive::Rect { min, max, .. }
            if (min[0]..=max[0]).contains(&first.anchor[0]) && (min[1]..=max[1]).contains(&first.anchor[1]) =>
        {
            Some([min[0], min[1], max[0], max[1]])
        }
        _ => None,
    })
}

fn share_of(scene: &Scene, b: [f32; 4]) -> f32 {
    (b[2] - b[0]) * (b[3] - b[1]) / (scene.size[0] * scene.size[1])
}

/// Every event up to 19 October 1950 on the map: many threads, every kind of symbol.
fn busy_legend(size: (u32, u32), text_scale: f32) -> Scene {
    let chronicle = Chronicle::embedded_default();
    let timeline = Timeline::new(&chronicle);
    let mut state = ViewState::new(&chronicle, &timeline);
    state.set_show(ShowOptions {
        trail_days: 60,
        cumulative: true,
    });
    let request = ExportRequest {
        view: ExportView::Named("eurasia".into()),
        style: Style {
            text_scale,
            ..Style::atlas()
        },
        settings: Some(state),
        ..ExportRequest::new(day("1950-10-19"), size)
    };
    export::render(&chronicle, &timeline, &request).unwrap()
}

#[test]
fn at_twice_the_text_size_the_legend_covers_at_most_a_quarter_of_the_map() {
    let ordinary = busy_legend((1280, 720), 1.0);
    let rows = ordinary.texts().filter(|t| t.kind == TextKind::Legend).count();
    assert!(rows >= 5, "a busy legend: {rows} rows");
    for size in [(1280, 720), (800, 450), (640, 360)] {
        let scene = busy_legend(size, 2.0);
        let Some(b) = legend_box(&scene) else {
            assert!(size.0 < 800, "the legend is left out only on a small map: {size:?}");
            continue;
        };
        let share = share_of(&scene, b);
        assert!(
            share <= 0.25,
            "the legend covers {:.0}% of a {size:?} map",
            share * 100.0
        );
        let shown = scene.texts().filter(|t| t.kind == TextKind::Legend).count();
        let counted = scene
            .texts()
            .any(|t| t.kind == TextKind::Legend && t.text.ends_with(" more"));
        assert!(shown == rows || counted, "rows left out are counted: {shown} of {rows}");
        // Nothing of the legend reaches outside its card.
        for t in scene.texts().filter(|t| t.kind == TextKind::Legend) {
            let tb = t.bounds();
            assert!(
                tb[0] >= b[0] && tb[2] <= b[2] + 1.0 && tb[1] >= b[1] && tb[3] <= b[3] + 1.0,
                "{:?}",
                t.text
            );
        }
    }
}

#[test]
fn in_the_window_at_150_and_200_percent_the_legend_leaves_the_map_three_quarters() {
    for text_size in [1.5, 2.0] {
        let mut harness = laptop("1950-10-19", text_size);
        harness.state_mut().state.set_show(ShowOptions {
            trail_days: 60,
            cumulative: true,
        });
        harness.run_steps(2);
        let scene = harness.state().map.last_scene().unwrap();
        if let Some(b) = legend_box(scene) {
            let share = share_of(scene, b);
            assert!(
                share <= 0.25,
                "at {:.0}% the legend covers {:.0}% of the map",
                text_size * 100.0,
                share * 100.0
            );
        }
    }
}
