//! The desk on a laptop for a lecture: F12 saves the map (with its date card and caption) rather
//! than the window, event-list rows are as tall as their titles, and Beijing is named on the
//! map at 1280×720 whatever village is near it.

mod common;
use common::*;

use chronoatlas::app::ChronoatlasApp;
use chronoatlas::chronicle::Chronicle;
use chronoatlas::ui::screenshot;
use eframe::egui::{self, ColorImage, Rect, pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

const LAPTOP: (f32, f32) = (1280.0, 720.0);

/// The app at 1280×720 on a day, in its opening view (North China and Korea).
fn laptop_on(on: &str) -> Harness<'static, ChronoatlasApp> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(LAPTOP.0, LAPTOP.1))
        .with_max_steps(64)
        .build_eframe(|_cc| ChronoatlasApp::new(Chronicle::embedded_default(), "test".into()));
    harness.state_mut().state.go_to(day(on));
    harness.run_steps(4);
    harness
}

#[test]
fn a_crop_keeps_to_the_picture_and_scales_points_to_pixels() {
    let rect = Rect::from_min_max(pos2(100.0, 50.0), pos2(400.0, 250.0));
    assert_eq!(
        screenshot::crop_pixels([1000, 600], rect, 2.0),
        Some(([200, 100], [600, 400]))
    );
    // Past the edge: only what is on the picture.
    let wide = Rect::from_min_max(pos2(-20.0, 500.0), pos2(2000.0, 900.0));
    assert_eq!(
        screenshot::crop_pixels([1000, 600], wide, 1.0),
        Some(([0, 500], [1000, 100]))
    );
    // Nothing of it on the picture, or a bad scale: no crop / a scale of one.
    let off = Rect::from_min_max(pos2(1200.0, 0.0), pos2(1300.0, 10.0));
    assert_eq!(screenshot::crop_pixels([1000, 600], off, 1.0), None);
    assert_eq!(
        screenshot::crop_pixels([1000, 600], rect, f32::NAN),
        Some(([100, 50], [300, 200]))
    );
    let image = ColorImage::filled([1000, 600], egui::Color32::RED);
    assert_eq!(screenshot::crop(&image, rect, 2.0).size, [600, 400]);
    assert_eq!(screenshot::crop(&image, off, 1.0).size, [1000, 600]);
}

#[test]
fn f12_at_the_desk_saves_the_map_and_the_whole_window_when_set_or_presenting() {
    let mut harness = laptop_on("1950-10-08");
    let map = harness.state().map.last_rect().expect("the map was drawn");
    let window = harness.ctx.content_rect();
    assert!(map.width() < window.width() * 0.9, "the side panels are shown");
    let area = harness.state().screenshot_area().expect("the map alone");
    assert_eq!(area, map);
    // The map's picture holds its date card: the scene drew one inside the map.
    let scene = harness.state().map.last_scene().unwrap();
    assert!(scene.texts().any(|t| t.kind == chronoatlas::scene::TextKind::Date));

    harness.state_mut().screenshot_whole_window = true;
    assert_eq!(harness.state().screenshot_area(), None, "the whole window, as set");
    harness.state_mut().screenshot_whole_window = false;
    let ctx = harness.ctx.clone();
    harness.state_mut().start_presenting(&ctx);
    harness.run_steps(2);
    assert_eq!(
        harness.state().screenshot_area(),
        None,
        "presenting saves the whole picture"
    );
}

#[test]
fn at_1280_by_720_a_long_event_title_is_never_cut() {
    // "Zhou Enlai lays down the principles for intervention: …" is the day's longest title.
    let mut harness = laptop_on("1950-09-20");
    harness.run_steps(2);
    let chronicle = Chronicle::embedded_default();
    let event = chronicle
        .events
        .iter()
        .find(|e| e.title.starts_with("Zhou Enlai lays down the principles"))
        .expect("the event");
    let row = harness.get_by_label_contains(&event.title).rect();
    let list = harness.state().map.last_rect().unwrap();
    assert!(
        row.right() <= list.left() + 1.0,
        "the row is in the list left of the map"
    );
    // The title wrapped at the row's width must fit the row's height, above the date line.
    let font = egui::TextStyle::Body.resolve(&harness.ctx.global_style());
    let width = row.width() - 12.0;
    let (title, date) = harness.ctx.fonts_mut(|f| {
        let title = f.layout(event.title.to_string(), font.clone(), egui::Color32::WHITE, width);
        let date = f.layout_no_wrap("date".into(), font.clone(), egui::Color32::WHITE);
        (title.size().y, date.size().y)
    });
    assert!(title > date * 1.5, "the title needs more than one line at this width");
    assert!(
        row.height() >= title + date,
        "the row ({}) is shorter than its text ({})",
        row.height(),
        title + date
    );
}

/// The names the map last drew.
fn map_names(harness: &Harness<ChronoatlasApp>) -> Vec<String> {
    let scene = harness.state().map.last_scene().expect("the map was drawn");
    scene.texts().map(|t| t.text.replace('\n', " ")).collect()
}

#[test]
fn beijing_is_named_at_1280_by_720_on_30_september_1950() {
    let mut harness = laptop_on("1950-09-30");
    let names = map_names(&harness);
    assert!(names.iter().any(|n| n == "Beijing"), "{names:?}");
    // In every named view, at every text size, Beijing is named whenever Xibaipo is (at 125%
    // the whole of Eurasia once named Xibaipo and left Beijing out).
    for zoom in [1.0, 1.25, 1.5, 2.0] {
        harness.ctx.set_zoom_factor(zoom);
        for view in ["north-china-korea", "eurasia", "korean-peninsula"] {
            let bbox = harness.state().chronicle.view(view).unwrap().bbox;
            harness.state_mut().map.fly = false;
            harness.state_mut().map.fit(bbox);
            harness.run_steps(5);
            let names = map_names(&harness);
            let beijing = harness.state().chronicle.place("beijing").unwrap().clone();
            let on_screen = harness.state_mut().map.is_visible(beijing.lon, beijing.lat);
            if names.iter().any(|n| n == "Xibaipo") || (on_screen && view == "north-china-korea" && zoom < 1.5) {
                assert!(
                    names.iter().any(|n| n == "Beijing"),
                    "{view} at {zoom}: Beijing left out, {names:?}"
                );
            }
        }
    }
}
