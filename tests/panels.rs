//! The detail panel and the event list driven through the real UI: selecting by search, by a
//! list row, by a map marker and by a time-bar mark, and reading what the panel shows.

mod common;
use common::*;

use chronoatlas::app::ChronoatlasApp;
use eframe::egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

fn search(harness: &mut Harness<ChronoatlasApp>, text: &str) {
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run_steps(2);
    harness.get_by_label("Search").type_text(text);
    harness.run_steps(2);
}

#[test]
fn searching_for_the_black_sea_shows_the_meeting_with_its_dispute_and_footnotes() {
    let mut harness = app_on_wide("1950-09-01");
    search(&mut harness, "Black Sea Stalin");
    harness.key_press(Key::Enter);
    harness.run_steps(3);
    assert_eq!(selected_id(&harness).as_deref(), Some("zhou-meets-stalin-black-sea"));
    assert_eq!(
        harness.state().state.day(),
        day("1950-10-09"),
        "selecting moves to the event's day"
    );
    harness.get_by_label("Zhou Enlai meets Stalin at a villa on the Black Sea");
    harness.get_by_label("9–10 October 1950");
    harness.get_by_label("a villa on the Black Sea — region, known only roughly");
    let text = harness
        .get_all_by_label_contains("Shi Zhe (interview with the author")
        .filter_map(|n| {
            let node = n.accesskit_node();
            node.label().or(node.value())
        })
        .find(|t| t.contains("Zhang Xi"))
        .expect("the date dispute is stated");
    assert!(text.contains("6 October"), "{text}");
    assert!(text.contains("(followed by the author)"), "{text}");
    // A footnote opens to its full citation.
    let footnote = harness.state().chronicle.footnote(96).unwrap().text.clone();
    assert!(harness.query_by_label(&footnote).is_none());
    harness.get_by_label("Footnote 96").click();
    harness.run_steps(3);
    harness.get_by_label(&footnote);
    harness.get_by_label_contains("Cold War International History Project Working Paper No. 1");
}

#[test]
fn searching_an_other_name_finds_the_place_under_the_sources_name() {
    // The paper never names Andong (today Dandong): the search offers the place itself.
    let mut harness = app_on_wide("1950-09-01");
    search(&mut harness, "Dandong");
    harness.get_by_label_contains("Place: Andong (also Dandong");
    harness.get_by_label("0 found");
    harness.get_by_label_contains("Place: Andong").click();
    harness.run_steps(3);
    let app = harness.state();
    let andong = app.chronicle.place("andong").unwrap();
    let camera = *app.map.camera().unwrap();
    let (lon, lat) = {
        let (w, s, e, n) = app.chronicle.home_extent().to_tuple();
        let projection = chronoatlas::map::projection::Projection::for_extent(w, s, e, n);
        projection.inverse(camera.center().0, camera.center().1)
    };
    assert!(
        (lon - andong.lon).abs() < 0.5 && (lat - andong.lat).abs() < 0.5,
        "the map centres on Andong"
    );

    // Mukden is Shenyang's old name: its events are found.
    let mut harness = app_on_wide("1950-09-01");
    search(&mut harness, "Mukden");
    let app = harness.state();
    let found = chronoatlas::search::search(&app.chronicle, app.timeline.order(), "Mukden");
    assert!(!found.is_empty());
    assert!(
        found
            .iter()
            .all(|&i| app.chronicle.events[i].places.iter().any(|p| p == "shenyang"))
    );
    harness.get_by_label(&format!("{} found", found.len()));
    // The arrow keys move through the results and Enter picks one.
    harness.key_press(Key::ArrowDown);
    harness.run_steps(1);
    harness.key_press(Key::Enter);
    harness.run_steps(3);
    let expected = found.get(1).or(found.first()).copied();
    assert_eq!(harness.state().state.selected(), expected);
}

#[test]
fn a_row_of_the_days_list_selects_its_event() {
    let mut harness = app_on_wide("1950-10-08");
    let app = harness.state();
    let on_day = app.timeline.active_on(day("1950-10-08"));
    assert!(on_day.len() >= 4, "8 October 1950 has at least four events");
    let peng = app
        .chronicle
        .events
        .iter()
        .position(|e| e.id == "peng-flies-to-shenyang")
        .unwrap();
    let row = format!(
        "{} — {}",
        app.chronicle.events[peng].date.in_words(),
        app.chronicle.events[peng].title
    );
    harness.get_by_label(&row).click();
    harness.run_steps(3);
    assert_eq!(harness.state().state.selected(), Some(peng));
    let title = harness.state().chronicle.events[peng].title.clone();
    harness.get_by_label(&title);
}

#[test]
fn the_panel_follows_a_marker_click_and_a_time_bar_mark() {
    let mut harness = app_on_wide("1950-10-10");
    let pos = {
        let app = harness.state();
        let yalu = app
            .chronicle
            .events
            .iter()
            .position(|e| e.id == "cpv-crosses-the-yalu")
            .unwrap();
        app.time_bar
            .screen_pos_of_event(&app.chronicle, &app.timeline, yalu)
            .unwrap()
    };
    click_at(&mut harness, pos);
    assert_eq!(selected_id(&harness).as_deref(), Some("cpv-crosses-the-yalu"));
    harness.get_by_label("Chinese troops cross the Yalu");
    harness.get_by_label("“On 19 October 1950, Chinese troops crossed the Yalu.”");

    // A marker on the map: the villa on the Black Sea on 9 October.
    harness.state_mut().state.go_to(day("1950-10-09"));
    harness.run_steps(3);
    let marker = harness
        .state()
        .map
        .last_scene()
        .unwrap()
        .markers
        .iter()
        .find(|m| m.place == "black-sea-villa")
        .cloned()
        .expect("the Black Sea meeting is on the map");
    let pos = harness.state().map.to_screen(marker.center);
    click_at(&mut harness, pos);
    assert_eq!(selected_id(&harness).as_deref(), Some("zhou-meets-stalin-black-sea"));
    harness.get_by_label("Zhou Enlai meets Stalin at a villa on the Black Sea");
}

#[test]
fn previous_in_thread_walks_the_thread() {
    let mut harness = app_on_wide("1950-10-19");
    let yalu = harness
        .state()
        .chronicle
        .events
        .iter()
        .position(|e| e.id == "cpv-crosses-the-yalu")
        .unwrap();
    harness.state_mut().choose(yalu, false);
    harness.run_steps(3);
    harness.get_by_label("‹ Previous in thread").click();
    harness.run_steps(3);
    let app = harness.state();
    let now = app.state.selected().unwrap();
    assert_ne!(now, yalu);
    assert_eq!(app.chronicle.events[now].thread, app.chronicle.events[yalu].thread);
    assert!(app.chronicle.events[now].date.first_day() <= day("1950-10-19"));
}

#[test]
fn a_thread_filter_hides_its_events_from_the_map() {
    let mut harness = app_on_wide("1950-10-19");
    let markers_for = |h: &Harness<ChronoatlasApp>, place: &str| {
        h.state()
            .map
            .last_scene()
            .unwrap()
            .markers
            .iter()
            .any(|m| m.place == place)
    };
    assert!(markers_for(&harness, "yalu"));
    let thread = {
        let app = harness.state();
        let e = app
            .chronicle
            .events
            .iter()
            .find(|e| e.id == "cpv-crosses-the-yalu")
            .unwrap();
        app.chronicle.thread(e.thread.as_deref().unwrap()).unwrap().name.clone()
    };
    harness.get_by_label("Filters").click();
    harness.run_steps(2);
    harness.get_by_label(&thread).click();
    harness.run_steps(3);
    assert!(
        !markers_for(&harness, "yalu"),
        "the Yalu crossing's thread is filtered out"
    );
}

fn app_on_wide(on: &str) -> Harness<'static, ChronoatlasApp> {
    app_on_sized(on, (1800.0, 1100.0))
}
