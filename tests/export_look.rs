//! Exports in the presentation look: `export` and `frames` with `--present`, `--dark` and
//! `--caption`, and the export window's same choices and its frame range.

mod common;
use common::*;

use chronoatlas::app::ChronoatlasApp;
use chronoatlas::chronicle::Chronicle;
use chronoatlas::export::{self, ExportView, FramesRequest, Renderer};
use chronoatlas::scene::{OverlayOptions, Rgba, Style};
use chronoatlas::timeline::Timeline;
use chronoatlas::ui::export_window::Shown;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use std::process::{Command, Output};

fn chronoatlas(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chronoatlas"))
        .args(args)
        .output()
        .expect("binary runs")
}

/// `chronoatlas export --date 1950-10-19 ARGS -o out.svg`, the SVG written.
fn export_svg(args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.svg");
    let mut all = vec!["export", "--date", "1950-10-19", "--size", "1280x720"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["-o", out.to_str().unwrap()]);
    let run = chronoatlas(&all);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    std::fs::read_to_string(&out).unwrap()
}

/// The words of an SVG's texts, each text and line apart, spaces collapsed, entities read.
fn svg_words(svg: &str) -> String {
    let mut words = Vec::new();
    for piece in svg.split('<').skip(1) {
        let (tag, text) = piece.split_once('>').unwrap_or((piece, ""));
        if !tag.starts_with("style") && !text.trim().is_empty() {
            words.push(
                text.replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&apos;", "'")
                    .replace("&#39;", "'")
                    .replace("&amp;", "&"),
            );
        }
    }
    words.join(" ").split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The fill of the SVG's background, the sea.
fn background(svg: &str) -> String {
    let at = svg
        .find("<rect width=\"100%\" height=\"100%\" fill=\"")
        .expect("a background");
    let rest = &svg[at..];
    let start = rest.find("fill=\"").unwrap() + 6;
    rest[start..start + 7].to_string()
}

fn hex(c: Rgba) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0[0], c.0[1], c.0[2])
}

#[test]
fn present_names_the_days_events_on_the_map() {
    let title = "Chinese troops cross the Yalu";
    let plain = svg_words(&export_svg(&[]));
    assert!(!plain.contains(title), "the atlas look names no events");
    let present = export_svg(&["--present"]);
    assert!(svg_words(&present).contains(title), "{}", svg_words(&present));
    assert_eq!(background(&present), hex(Style::projector_light().sea));
}

#[test]
fn dark_changes_the_background() {
    let plain = export_svg(&[]);
    let dark = export_svg(&["--dark"]);
    assert_eq!(background(&plain), hex(Style::atlas().sea));
    assert_eq!(background(&dark), hex(Style::projector_dark().sea));
    assert_ne!(background(&plain), background(&dark));
    let both = export_svg(&["--present", "--dark"]);
    assert_eq!(background(&both), hex(Style::projector_dark().sea));
}

#[test]
fn caption_puts_the_words_on_the_picture() {
    let words = "The People's Volunteers cross at night";
    let svg = export_svg(&["--caption", words]);
    assert!(svg_words(&svg).contains(words), "{}", svg_words(&svg));
    // With a selected event, under its title.
    let svg = export_svg(&["--select", "cpv-crosses-the-yalu", "--caption", words]);
    let text = svg_words(&svg);
    assert!(
        text.contains(words) && text.contains("Chinese troops cross the Yalu"),
        "{text}"
    );
    // Alone, the flag still captions the selected event with its own summary.
    let svg = export_svg(&["--select", "cpv-crosses-the-yalu", "--caption"]);
    assert!(svg_words(&svg).contains("Chinese troops cross the Yalu"));
}

#[test]
fn frames_take_the_look_and_a_caption_on_every_day() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("frames");
    let run = chronoatlas(&[
        "frames",
        "--from",
        "1950-10-18",
        "--to",
        "1950-10-19",
        "--size",
        "320x180",
        "--present",
        "--dark",
        "--caption",
        "Autumn 1950",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 2);
    // What those frames are drawn from: the caption on both days, unlike a tour stop's.
    let chronicle = Chronicle::embedded_default();
    let timeline = Timeline::new(&chronicle);
    let request = FramesRequest {
        caption: Some("Autumn 1950".into()),
        ..FramesRequest::new(day("1950-10-18"), day("1950-10-19"), (640, 360))
    };
    let mut renderer = Renderer::new(
        &chronicle,
        &timeline,
        &ExportView::Home,
        request.size,
        Style::projector_dark(),
        OverlayOptions::presenting(),
    )
    .unwrap()
    .with_caption(request.caption.clone());
    for d in ["1950-10-18", "1950-10-19"] {
        let svg = renderer.svg(day(d), None).unwrap();
        assert!(svg_words(&svg).contains("Autumn 1950"), "no caption on {d}");
    }
}

/// What the window's export would draw now.
fn shown_request(harness: &mut Harness<ChronoatlasApp>) -> (FramesRequest, export::ExportRequest) {
    let app = harness.state_mut();
    let projection = app.map.layers().projection();
    let shown = Shown {
        chronicle: &app.chronicle,
        state: &app.state,
        camera: app.map.camera().copied(),
        projection,
        overlays: app.map.overlays,
        style: &app.map.style,
        layers: &[],
        ink: &[],
    };
    let frames = app.export_window.frames_request(&shown).unwrap();
    (frames, app.export_window.view_request(&shown))
}

fn field_value(harness: &Harness<ChronoatlasApp>, label: &str) -> String {
    let node = harness.get_by_label(label);
    let node = node.accesskit_node();
    node.value().unwrap_or_default().to_string()
}

#[test]
fn the_export_window_frames_the_current_period_in_the_look_chosen() {
    let mut harness = app_on_sized("1950-10-01", (1600.0, 1000.0));
    harness.state_mut().state.set_span(day("1950-10-08"), day("1950-10-26"));
    harness.state_mut().export_window.open = true;
    harness.run_steps(3);
    assert_eq!(field_value(&harness, "Frames from"), "1950-10-08");
    assert_eq!(field_value(&harness, "to"), "1950-10-26");
    let (frames, view) = shown_request(&mut harness);
    assert_eq!((frames.from, frames.to), (day("1950-10-08"), day("1950-10-26")));
    // As on screen until another look is chosen.
    assert_eq!(view.style, Style::atlas());
    assert!(view.overlays.legend && !view.overlays.callouts);

    // Another period chosen: the range follows it.
    harness.state_mut().state.set_span(day("1950-09-15"), day("1950-09-30"));
    harness.run_steps(2);
    let (frames, _) = shown_request(&mut harness);
    assert_eq!((frames.from, frames.to), (day("1950-09-15"), day("1950-09-30")));

    harness.get_by_label("Presentation look").click();
    harness.get_by_label("Dark theme").click();
    harness.run_steps(2);
    let field = harness.get_by_label("Caption on the picture");
    field.focus();
    field.type_text("Autumn 1950");
    harness.run_steps(2);
    let (frames, view) = shown_request(&mut harness);
    for (style, overlays, caption) in [
        (&frames.style, frames.overlays, &frames.caption),
        (&view.style, view.overlays, &view.caption),
    ] {
        assert_eq!(*style, Style::projector_dark());
        assert!(overlays.callouts && !overlays.legend);
        assert_eq!(caption.as_deref(), Some("Autumn 1950"));
    }
    harness.get_by_label("Show the legend").click();
    harness.run_steps(2);
    assert!(shown_request(&mut harness).1.overlays.legend);
}

#[test]
fn svg_words_reads_lines_apart() {
    let words = svg_words("<svg><text><tspan>Chinese troops</tspan><tspan>cross &amp; win</tspan></text></svg>");
    assert_eq!(words, "Chinese troops cross & win");
}
