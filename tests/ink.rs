//! Ink while presenting, driven through the real window: the pen (P) draws on the map instead of
//! panning it, the strokes follow the map and go with the next step, the laser (K held) and the
//! spotlight (S) follow the pointer, and exports leave the ink out unless asked.

mod common;
use common::*;

use chronoatlas::app::ChronoatlasApp;
use chronoatlas::scene::Primitive;
use chronoatlas::scene::ink::{LASER_COLOR, PEN_COLOR, SPOTLIGHT_VEIL};
use eframe::egui::{self, Key, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn press(harness: &mut Harness<ChronoatlasApp>, key: Key) {
    harness.key_press(key);
    harness.run_steps(2);
}

fn button(harness: &mut Harness<ChronoatlasApp>, pos: Pos2, pressed: bool) {
    harness.event(egui::Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed,
        modifiers: Modifiers::NONE,
    });
    harness.step();
}

/// Presses the primary button at the first point, moves through the others, lets go at the last.
fn drag(harness: &mut Harness<ChronoatlasApp>, points: &[Pos2]) {
    harness.event(egui::Event::PointerMoved(points[0]));
    harness.step();
    button(harness, points[0], true);
    for &p in &points[1..] {
        harness.event(egui::Event::PointerMoved(p));
        harness.step();
    }
    button(harness, points[points.len() - 1], false);
    harness.run_steps(2);
}

/// The pen's lines in the scene last drawn (not their halos).
fn pen_lines(harness: &Harness<ChronoatlasApp>) -> Vec<Vec<[f32; 2]>> {
    harness
        .state()
        .map
        .last_scene()
        .unwrap()
        .primitives
        .iter()
        .filter_map(|p| match p {
            Primitive::Polyline { points, color, .. } if *color == PEN_COLOR => Some(points.clone()),
            _ => None,
        })
        .collect()
}

fn laser_dots(harness: &Harness<ChronoatlasApp>) -> usize {
    harness
        .state()
        .map
        .last_scene()
        .unwrap()
        .primitives
        .iter()
        .filter(|p| matches!(p, Primitive::Circle { fill, .. } if *fill == LASER_COLOR))
        .count()
}

fn veils(harness: &Harness<ChronoatlasApp>) -> usize {
    harness
        .state()
        .map
        .last_scene()
        .unwrap()
        .primitives
        .iter()
        .filter(|p| matches!(p, Primitive::Area { fill, ring, .. } if *fill == SPOTLIGHT_VEIL && ring.iter().any(|q| q[0] < 0.0)))
        .count()
}

/// A wavy line across the middle of the map, in window points.
fn wave() -> Vec<Pos2> {
    (0..=30)
        .map(|k| Pos2::new(500.0 + 12.0 * k as f32, 420.0 + 40.0 * (k as f32 / 4.0).sin()))
        .collect()
}

/// Presenting on 19 October 1950 (no tour playing: the clicker steps by event day) with a
/// stroke drawn.
fn presenting_with_a_stroke() -> Harness<'static, ChronoatlasApp> {
    let mut harness = app_on("1950-10-19");
    harness.state_mut().presentation.reframe = false;
    press(&mut harness, Key::F5);
    assert!(harness.state().presentation.active);
    press(&mut harness, Key::P);
    assert!(harness.state().map.ink.pen, "P takes the pen");
    drag(&mut harness, &wave());
    harness
}

#[test]
fn the_pen_draws_on_the_map_and_the_stroke_goes_with_the_next_step() {
    let mut harness = app_on("1950-10-19");
    harness.state_mut().presentation.reframe = false;
    press(&mut harness, Key::F5);
    assert!(pen_lines(&harness).is_empty(), "no ink at first");
    press(&mut harness, Key::P);
    let centre = harness.state().map.camera().unwrap().center();
    drag(&mut harness, &wave());
    assert_eq!(
        harness.state().map.camera().unwrap().center(),
        centre,
        "a drag with the pen draws instead of panning"
    );
    let strokes = harness.state().map.ink.strokes().to_vec();
    assert_eq!(strokes.len(), 1);
    // Simplified, yet following the wave: more than a straight line, fewer than the hand's points.
    assert!(
        (4..31).contains(&strokes[0].points.len()),
        "{} points",
        strokes[0].points.len()
    );
    let lines = pen_lines(&harness);
    assert_eq!(lines.len(), 1, "the stroke is in the scene the projector shows");
    let origin = harness.state().map.to_screen([0.0, 0.0]);
    let first = lines[0][0];
    assert!(
        (origin.x + first[0] - 500.0).abs() < 1.0 && (origin.y + first[1] - 420.0).abs() < 1.0,
        "it starts where the drag started: {first:?}"
    );

    // Zoomed in, the stroke stays on its places: its first point is where its longitude and
    // latitude are now.
    press(&mut harness, Key::Plus);
    harness.run_steps(3);
    let view = harness.state().map.ink_view().unwrap();
    let expected = view.to_screen(strokes[0].points[0]).unwrap();
    let moved = pen_lines(&harness)[0][0];
    assert!(
        (moved[0] - first[0]).abs() + (moved[1] - first[1]).abs() > 5.0,
        "the zoom moved it"
    );
    assert!((moved[0] - expected[0]).abs() < 0.5 && (moved[1] - expected[1]).abs() < 0.5);

    // The next clicker step (back, here: 19 October ends the period) clears the ink; the pen
    // stays in hand.
    let before = harness.state().state.day();
    press(&mut harness, Key::ArrowLeft);
    assert_ne!(harness.state().state.day(), before);
    assert!(harness.state().map.ink.strokes().is_empty());
    assert!(pen_lines(&harness).is_empty(), "the ink is gone from the map");
    assert!(harness.state().map.ink.pen);

    // So does any change of day.
    drag(&mut harness, &wave());
    assert_eq!(pen_lines(&harness).len(), 1);
    harness.state_mut().state.go_to(day("1950-10-25"));
    harness.run_steps(2);
    assert!(pen_lines(&harness).is_empty(), "a new day clears the ink");

    // C clears too, and P puts the pen down: a drag pans again.
    drag(&mut harness, &wave());
    assert_eq!(pen_lines(&harness).len(), 1);
    press(&mut harness, Key::C);
    assert!(pen_lines(&harness).is_empty(), "C clears the ink");
    drag(&mut harness, &wave());
    press(&mut harness, Key::Delete);
    assert!(pen_lines(&harness).is_empty(), "Delete clears the ink");
    press(&mut harness, Key::P);
    let centre = harness.state().map.camera().unwrap().center();
    drag(&mut harness, &wave());
    assert!(pen_lines(&harness).is_empty());
    assert_ne!(
        harness.state().map.camera().unwrap().center(),
        centre,
        "without the pen a drag pans"
    );
}

#[test]
fn the_laser_shows_while_k_is_held_and_the_spotlight_follows_the_pointer() {
    let mut harness = app_on("1950-10-19");
    press(&mut harness, Key::F5);
    harness.event(egui::Event::PointerMoved(Pos2::new(700.0, 400.0)));
    harness.run_steps(2);
    assert_eq!(laser_dots(&harness), 0);
    harness.event(egui::Event::Key {
        key: Key::K,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers: Modifiers::NONE,
    });
    for k in 0..6 {
        harness.event(egui::Event::PointerMoved(Pos2::new(700.0 + 20.0 * k as f32, 400.0)));
        harness.step();
    }
    assert!(harness.state().map.ink.laser());
    assert_eq!(laser_dots(&harness), 1, "a bright dot while K is held");
    let dot = harness
        .state()
        .map
        .last_scene()
        .unwrap()
        .primitives
        .iter()
        .find_map(|p| match p {
            Primitive::Circle { center, fill, .. } if *fill == LASER_COLOR => Some(*center),
            _ => None,
        })
        .unwrap();
    let origin = harness.state().map.to_screen([0.0, 0.0]);
    assert!(
        (origin.x + dot[0] - 800.0).abs() < 1.0,
        "the dot is at the pointer: {dot:?}"
    );
    let trail = harness
        .state()
        .map
        .last_scene()
        .unwrap()
        .primitives
        .iter()
        .filter(|p| matches!(p, Primitive::Polyline { color, .. } if color.0[..3] == LASER_COLOR.0[..3]))
        .count();
    assert!(trail > 0, "with a trail behind it");
    harness.event(egui::Event::Key {
        key: Key::K,
        physical_key: None,
        pressed: false,
        repeat: false,
        modifiers: Modifiers::NONE,
    });
    harness.run_steps(2);
    assert_eq!(laser_dots(&harness), 0, "let go, the dot goes");

    assert_eq!(veils(&harness), 0);
    press(&mut harness, Key::S);
    harness.event(egui::Event::PointerMoved(Pos2::new(640.0, 380.0)));
    harness.run_steps(2);
    assert_eq!(veils(&harness), 1, "S dims the map but for a circle around the pointer");
    press(&mut harness, Key::S);
    assert_eq!(veils(&harness), 0);
}

/// How many pixels of the newest screenshot in `dir` are the pen's magenta.
fn pen_pixels_in_newest_png(dir: &std::path::Path, seen: &mut Vec<std::path::PathBuf>) -> usize {
    let newest = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| !seen.contains(p))
        .expect("F12 wrote a new screenshot");
    seen.push(newest.clone());
    let mut decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&newest).unwrap()));
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).unwrap();
    let channels = info.color_type.samples();
    pixels[..info.buffer_size()]
        .chunks(channels)
        .filter(|p| {
            let near = |a: u8, b: u8| (a as i32 - b as i32).abs() <= 12;
            near(p[0], PEN_COLOR.0[0]) && near(p[1], PEN_COLOR.0[1]) && near(p[2], PEN_COLOR.0[2])
        })
        .count()
}

fn f12(harness: &mut Harness<ChronoatlasApp>, pressed: bool) {
    harness.event(egui::Event::Key {
        key: Key::F12,
        physical_key: None,
        pressed,
        repeat: false,
        modifiers: Modifiers::NONE,
    });
    harness.step();
}

#[test]
fn f12_leaves_the_ink_out_unless_it_is_kept() {
    let mut harness = presenting_with_a_stroke();
    let dir = std::env::temp_dir().join(format!("chronoatlas-ink-f12-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    harness.state_mut().export_window.folder = dir.display().to_string();
    assert_eq!(pen_lines(&harness).len(), 1);
    let mut seen = Vec::new();
    // The frame F12 is pressed in is the one the screenshot is taken of.
    f12(&mut harness, true);
    assert!(pen_lines(&harness).is_empty(), "the screenshot's frame has no ink");
    assert_eq!(pen_pixels_in_newest_png(&dir, &mut seen), 0, "nor has the screenshot");
    f12(&mut harness, false);
    assert_eq!(pen_lines(&harness).len(), 1, "and the hall sees it again at once");
    harness.state_mut().export_window.keep_ink = true;
    f12(&mut harness, true);
    assert_eq!(pen_lines(&harness).len(), 1, "kept, it is in the screenshot");
    assert!(
        pen_pixels_in_newest_png(&dir, &mut seen) > 100,
        "the stroke is in the picture"
    );
    f12(&mut harness, false);
    std::fs::remove_dir_all(&dir).ok();
}

/// Clicks "Export the view as shown" and waits for the export thread; the file written.
fn export_view(harness: &mut Harness<ChronoatlasApp>, dir: &std::path::Path) -> String {
    let before: Vec<_> = std::fs::read_dir(dir).unwrap().flatten().map(|e| e.path()).collect();
    harness.state_mut().export_window.message = None;
    harness.get_by_label("Export the view as shown").click();
    for _ in 0..400 {
        harness.step();
        if harness.state().export_window.message.is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let message = harness
        .state()
        .export_window
        .message
        .clone()
        .expect("the export finishes");
    assert!(message.is_ok(), "{message:?}");
    let new = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| !before.contains(p))
        .expect("a new file");
    std::fs::read_to_string(new).unwrap()
}

#[test]
fn exports_leave_the_ink_out_unless_keep_the_ink_is_ticked() {
    let mut harness = presenting_with_a_stroke();
    press(&mut harness, Key::Escape);
    assert!(!harness.state().presentation.active);
    assert_eq!(
        harness.state().map.ink.strokes().len(),
        1,
        "the strokes stay until the next step"
    );
    assert!(!harness.state().map.ink.pen, "leaving puts the pen down");
    let dir = std::env::temp_dir().join(format!("chronoatlas-ink-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    harness.get_by_label("Export…").click();
    harness.run_steps(2);
    harness.state_mut().export_window.folder = dir.display().to_string();
    harness.state_mut().export_window.size = (960, 540);
    harness.state_mut().export_window.svg = true;
    harness.run_steps(2);
    let pen = format!("#{:02x}{:02x}{:02x}", PEN_COLOR.0[0], PEN_COLOR.0[1], PEN_COLOR.0[2]);

    let without = export_view(&mut harness, &dir);
    assert!(
        without.contains("<svg") && !without.contains(&pen),
        "no ink unless asked"
    );

    harness.get_by_label("Keep the ink").click();
    harness.run_steps(2);
    assert!(harness.state().export_window.keep_ink);
    let with = export_view(&mut harness, &dir);
    assert_eq!(with.matches(&pen).count(), 1, "the stroke is in the export");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn an_export_request_draws_its_ink_over_the_places_it_was_drawn_on() {
    use chronoatlas::chronicle::Chronicle;
    use chronoatlas::export::{self, ExportRequest, ExportView};
    use chronoatlas::scene::ink::InkStroke;
    use chronoatlas::timeline::Timeline;
    let chronicle = Chronicle::embedded_default();
    let timeline = Timeline::new(&chronicle);
    // A stroke from Pyongyang to the Yalu at Sinuiju.
    let stroke = InkStroke {
        points: vec![[125.75, 39.02], [125.2, 39.6], [124.4, 40.1]],
    };
    let plain = ExportRequest {
        view: ExportView::Named("korean-peninsula".into()),
        ..ExportRequest::new(day("1950-10-19"), (960, 540))
    };
    let inked = ExportRequest {
        ink: vec![stroke.clone()],
        ..plain.clone()
    };
    let scene = export::render(&chronicle, &timeline, &plain).unwrap();
    assert!(
        !scene
            .primitives
            .iter()
            .any(|p| matches!(p, Primitive::Polyline { color, .. } if *color == PEN_COLOR))
    );
    let scene = export::render(&chronicle, &timeline, &inked).unwrap();
    let line = scene
        .primitives
        .iter()
        .find_map(|p| match p {
            Primitive::Polyline { points, color, .. } if *color == PEN_COLOR => Some(points.clone()),
            _ => None,
        })
        .expect("the ink is drawn");
    assert_eq!(line.len(), 3);
    // Drawn over the map's own Pyongyang: south-east of Sinuiju, inside the picture.
    assert!(line[0][0] > line[2][0] && line[0][1] > line[2][1], "{line:?}");
    assert!(
        line.iter()
            .all(|p| (0.0..960.0).contains(&p[0]) && (0.0..540.0).contains(&p[1]))
    );
    let pen = format!("#{:02x}{:02x}{:02x}", PEN_COLOR.0[0], PEN_COLOR.0[1], PEN_COLOR.0[2]);
    assert!(
        export::export_svg(&chronicle, &timeline, &inked)
            .unwrap()
            .contains(&pen)
    );
    assert!(
        !export::export_svg(&chronicle, &timeline, &plain)
            .unwrap()
            .contains(&pen)
    );
}
