//! The projected map in a hall: the day's events named on the map, a solid date card of constant
//! width whose count agrees with the event list, a legend only of what is on screen, a tour stop
//! counter, and nothing cut with "…".

mod common;
use common::*;

use chronoatlas::chronicle::Chronicle;
use chronoatlas::map::camera::Camera;
use chronoatlas::map::projection::Projection;
use chronoatlas::scene::{self, BaseLayers, OverlayOptions, Primitive, Scene, Style, Text, TextKind};
use chronoatlas::timeline::Timeline;
use chronoatlas::tour::Tour;
use chronoatlas::view_state::ViewState;
use egui_kittest::kittest::{NodeT, Queryable};

/// A scene of a lon/lat box, with a state set up by `setup`.
fn scene_of(
    bbox: [f64; 4],
    size: (f64, f64),
    style: &Style,
    options: OverlayOptions,
    setup: impl FnOnce(&Chronicle, &mut ViewState),
) -> Scene {
    let chronicle = Chronicle::embedded_default();
    let timeline = Timeline::new(&chronicle);
    let [w, s, e, n] = bbox;
    let projection = Projection::for_extent(w, s, e, n);
    let mut layers = BaseLayers::new(projection, &chronicle.map);
    let mut camera = Camera::new((0.0, 0.0), 1.0, size);
    camera.fit_lonlat(&projection, (w, s, e, n), size, 24.0);
    let mut state = ViewState::new(&chronicle, &timeline);
    setup(&chronicle, &mut state);
    scene::compose(&chronicle, &timeline, &mut layers, &camera, style, &state, options)
}

fn view(id: &str) -> [f64; 4] {
    let chronicle = Chronicle::embedded_default();
    chronicle.views.iter().find(|v| v.id == id).unwrap().bbox.to_array()
}

/// The presentation scene of a view on a day at 1920×1080.
fn presenting(view_id: &str, on: &str, options: OverlayOptions) -> Scene {
    scene_of(
        view(view_id),
        (1920.0, 1080.0),
        &Style::projector_light(),
        options,
        |_, s| s.go_to(day(on)),
    )
}

fn of_kind(scene: &Scene, kind: TextKind) -> Vec<&Text> {
    scene.texts().filter(|t| t.kind == kind).collect()
}

fn rects(scene: &Scene) -> Vec<[f32; 4]> {
    scene
        .primitives
        .iter()
        .filter_map(|p| match p {
            Primitive::Rect { min, max, .. } => Some([min[0], min[1], max[0], max[1]]),
            _ => None,
        })
        .collect()
}

fn apart(a: &[f32; 4], b: &[f32; 4]) -> bool {
    a[2] <= b[0] || b[2] <= a[0] || a[3] <= b[1] || b[3] <= a[1]
}

fn titles_of_day(on: &str) -> Vec<String> {
    let chronicle = Chronicle::embedded_default();
    let timeline = Timeline::new(&chronicle);
    let mut events = scene::events_of_day(&chronicle, &timeline, day(on), &Default::default());
    scene::most_precise_first(&chronicle, &mut events);
    events.iter().map(|&i| chronicle.events[i].title.to_string()).collect()
}

#[test]
fn presenting_names_the_days_events_beside_their_markers_most_precise_first() {
    let scene = presenting("north-china-korea", "1950-10-08", OverlayOptions::presenting());
    let titles = titles_of_day("1950-10-08");
    // Journeys under way are titled in italic beside the traveller (Zhou Enlai's flight of
    // 7–9 October); those titles are not callouts of the day's events.
    let callouts: Vec<String> = of_kind(&scene, TextKind::Callout)
        .iter()
        .filter(|t| !t.italic)
        .map(|t| t.text.replace('\n', " "))
        .filter(|t| !t.contains("more on this day") && !t.contains("not named"))
        .collect();
    assert!(callouts.len() >= 2, "{callouts:?}");
    assert!(callouts.len() <= 5);
    for c in &callouts {
        assert!(titles.contains(c), "a callout is a whole title of the day: {c}");
    }
    // In the order of precision, as far as they go.
    let positions: Vec<usize> = callouts
        .iter()
        .map(|c| titles.iter().position(|t| t == c).unwrap())
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{positions:?}");
    // Clear of each other, of the cards and of every other name.
    let cards = rects(&scene);
    // Callouts sit on cards; names of places and the "+N more" note have halos instead.
    let callout_boxes: Vec<[f32; 4]> = of_kind(&scene, TextKind::Callout)
        .iter()
        .filter(|t| t.halo.is_none())
        .map(|t| t.bounds())
        .collect();
    let others: Vec<[f32; 4]> = scene.texts().filter(|t| t.halo.is_some()).map(|t| t.bounds()).collect();
    for (k, a) in callout_boxes.iter().enumerate() {
        assert!(a[0] >= 0.0 && a[1] >= 0.0 && a[2] <= 1920.0 && a[3] <= 1080.0, "{a:?}");
        // Each callout sits on a card of its own; it covers no other.
        let own = |c: &&[f32; 4]| c[0] <= a[0] && c[1] <= a[1] && a[2] <= c[2] && a[3] <= c[3];
        assert_eq!(cards.iter().filter(own).count(), 1, "{a:?} on its card");
        let other_cards = cards.iter().filter(|c| !own(c));
        for b in callout_boxes[k + 1..].iter().chain(other_cards).chain(&others) {
            assert!(apart(a, b), "callout {a:?} covers {b:?}");
        }
    }
}

#[test]
fn past_the_limit_the_rest_are_counted() {
    let titles = titles_of_day("1950-10-08");
    assert!(titles.len() > 2);
    let options = OverlayOptions {
        callout_limit: 2,
        ..OverlayOptions::presenting()
    };
    let scene = presenting("north-china-korea", "1950-10-08", options);
    let texts: Vec<&str> = scene.texts().map(|t| t.text.as_str()).collect();
    let more = format!("+{} more on this day", titles.len() - 2);
    assert!(texts.iter().any(|t| t.contains(&more)), "{more} in {texts:?}");
}

#[test]
fn too_many_to_place_become_a_list_on_a_card() {
    // A small picture of the whole of Eurasia has no room beside the markers.
    let options = OverlayOptions::presenting();
    let scene = scene_of(
        view("eurasia"),
        (640.0, 360.0),
        &Style::projector_light(),
        options,
        |_, s| s.go_to(day("1950-10-08")),
    );
    let titles = titles_of_day("1950-10-08");
    let list = of_kind(&scene, TextKind::Callout)
        .into_iter()
        .find(|t| t.text.starts_with("• "))
        .expect("a list of the day's events");
    let flat = list.text.replace("\n   ", " ");
    for row in flat.lines().filter(|r| r.starts_with("• ")) {
        assert!(titles.iter().any(|t| *t == row[4..]), "{row}");
    }
}

#[test]
fn the_date_card_is_solid_and_keeps_its_width() {
    let style = Style::projector_dark();
    let mut widths = Vec::new();
    for on in [
        "1950-09-15",
        "1950-09-30",
        "1950-10-08",
        "1950-10-09",
        "1950-10-19",
        "1950-05-01",
    ] {
        let scene = scene_of(
            view("korean-peninsula"),
            (1920.0, 1080.0),
            &style,
            OverlayOptions::presenting(),
            |_, s| s.go_to(day(on)),
        );
        let date = of_kind(&scene, TextKind::Date)[0].anchor;
        let (min, max, fill) = scene
            .primitives
            .iter()
            .find_map(|p| match p {
                Primitive::Rect { min, max, fill, .. }
                    if (min[0]..max[0]).contains(&date[0]) && (min[1]..max[1]).contains(&date[1]) =>
                {
                    Some((*min, *max, *fill))
                }
                _ => None,
            })
            .expect("the date sits on its card");
        assert_eq!(fill.0[3], 255, "the card is opaque");
        widths.push(max[0] - min[0]);
    }
    assert!(widths.windows(2).all(|w| w[0] == w[1]), "{widths:?}");
}

#[test]
fn the_date_cards_count_is_the_event_lists_count() {
    let mut harness = app_on("1950-10-09");
    for on in [
        "1950-10-09",
        "1950-10-08",
        "1950-10-19",
        "1950-09-15",
        "1950-10-01",
        "1950-08-03",
    ] {
        harness.state_mut().state.go_to(day(on));
        harness.run_steps(3);
        let heading = format!(" on {}", day(on).format("%-d %b %Y"));
        let label = harness
            .get_all_by_label_contains(&heading)
            .filter_map(|n| {
                let node = n.accesskit_node();
                node.label().or(node.value())
            })
            .find(|l| l.ends_with(&heading))
            .expect("the list's heading");
        let listed: usize = label.split(' ').next().unwrap().parse().unwrap();
        let scene = harness.state().map.last_scene().unwrap().clone();
        let note = of_kind(&scene, TextKind::DateNote)[0].text.replace('\n', " ");
        let card = if note.starts_with("No event") {
            0
        } else {
            note.split(' ').next().unwrap().parse().unwrap()
        };
        assert_eq!(card, listed, "{on}: card \"{note}\", list \"{label}\"");
    }
}

#[test]
fn the_legend_is_off_while_presenting_and_lists_only_what_is_on_screen() {
    let scene = presenting("korean-peninsula", "1950-10-09", OverlayOptions::presenting());
    assert!(of_kind(&scene, TextKind::Legend).is_empty());
    let chronicle = Chronicle::embedded_default();
    let desk = scene_of(
        view("korean-peninsula"),
        (1920.0, 1080.0),
        &Style::atlas(),
        OverlayOptions::default(),
        |_, s| s.go_to(day("1950-10-09")),
    );
    let on_screen: Vec<usize> = desk
        .markers
        .iter()
        .filter(|m| (0.0..1920.0).contains(&m.center[0]) && (0.0..1080.0).contains(&m.center[1]))
        .flat_map(|m| m.events.clone())
        .collect();
    let legend: Vec<&str> = of_kind(&desk, TextKind::Legend)
        .iter()
        .map(|t| t.text.as_str())
        .collect();
    for thread in &chronicle.threads {
        let shown = on_screen
            .iter()
            .any(|&i| chronicle.events[i].thread.as_deref() == Some(thread.id.as_str()));
        assert_eq!(
            legend.contains(&thread.name.as_str()),
            shown,
            "{}: in the legend exactly when on screen ({legend:?})",
            thread.name
        );
    }
}

#[test]
fn a_stop_counter_stands_clear_of_the_date_card_and_caption() {
    for size in [(1920.0, 1080.0), (1280.0, 720.0)] {
        let options = OverlayOptions {
            stop_counter: Some((3, 14)),
            ..OverlayOptions::presenting()
        };
        let scene = scene_of(
            view("korean-peninsula"),
            size,
            &Style::projector_light(),
            options,
            |c, s| {
                s.go_to(day("1950-10-19"));
                s.set_selected(c, c.events.iter().position(|e| e.id == "cpv-crosses-the-yalu"));
            },
        );
        let counter = of_kind(&scene, TextKind::StopCounter);
        assert_eq!(counter.len(), 1);
        assert_eq!(counter[0].text, "3 / 14");
        assert!(counter[0].size >= size.1 as f32 * 0.02, "legible: {}", counter[0].size);
        let cards = rects(&scene);
        assert!(cards.len() >= 3, "date card, caption and counter");
        for (k, a) in cards.iter().enumerate() {
            for b in &cards[k + 1..] {
                assert!(apart(a, b), "{size:?}: cards overlap: {a:?} {b:?}");
            }
        }
    }
}

#[test]
fn no_tour_stop_cuts_a_text_with_an_ellipsis() {
    let chronicle = Chronicle::embedded_default();
    let timeline = Timeline::new(&chronicle);
    let tour = Tour::embedded_default();
    let size = (1920.0, 1080.0);
    let mut bbox = view("eurasia");
    let mut framed: Option<([f64; 4], BaseLayers, Camera)> = None;
    for (k, stop) in tour.stops.iter().enumerate() {
        if let Some(b) = stop.view.as_ref().and_then(|v| v.bbox(&chronicle)) {
            bbox = b;
        }
        if framed.as_ref().is_none_or(|f| f.0 != bbox) {
            let [w, s, e, n] = bbox;
            let projection = Projection::for_extent(w, s, e, n);
            let mut camera = Camera::new((0.0, 0.0), 1.0, size);
            camera.fit_lonlat(&projection, (w, s, e, n), size, 24.0);
            framed = Some((bbox, BaseLayers::new(projection, &chronicle.map), camera));
        }
        let Some((_, layers, camera)) = framed.as_mut() else {
            continue;
        };
        let mut state = ViewState::new(&chronicle, &timeline);
        state.go_to(stop.date);
        let selected = stop
            .event
            .as_deref()
            .and_then(|id| chronicle.events.iter().position(|e| e.id == id));
        state.set_selected(&chronicle, selected);
        state.show_caption_for(stop.date, stop.caption.clone());
        let options = OverlayOptions {
            stop_counter: Some((k + 1, tour.stops.len())),
            ..OverlayOptions::presenting()
        };
        let style = if k % 2 == 0 {
            Style::projector_light()
        } else {
            Style::projector_dark()
        };
        let scene = scene::compose(&chronicle, &timeline, layers, camera, &style, &state, options);
        let texts: Vec<&str> = scene.texts().map(|t| t.text.as_str()).collect();
        assert!(!texts.iter().any(|t| t.contains('…')), "stop {}: {texts:?}", k + 1);
        let whole = scene.texts().any(|t| {
            matches!(t.kind, TextKind::CaptionBody | TextKind::CaptionTitle)
                && t.text.replace('\n', " ") == stop.caption
        });
        assert!(whole, "stop {}: the caption is whole", k + 1);
    }
}

/// The presentation scene of a tour stop of the built-in tour (1-based) at 1920×1080, as the
/// app shows it: its view, day, event and caption, and the counter.
fn tour_stop(n: usize) -> Scene {
    let chronicle = Chronicle::embedded_default();
    let tour = Tour::embedded_default();
    let stop = tour.stops[n - 1].clone();
    let bbox = tour.stops[..n]
        .iter()
        .rev()
        .find_map(|s| s.view.as_ref().and_then(|v| v.bbox(&chronicle)))
        .map_or(view("eurasia"), |b| b);
    let options = OverlayOptions {
        stop_counter: Some((n, tour.stops.len())),
        ..OverlayOptions::presenting()
    };
    scene_of(
        bbox,
        (1920.0, 1080.0),
        &Style::projector_light(),
        options,
        |c, state| {
            state.go_to(stop.date);
            let selected = stop
                .event
                .as_deref()
                .and_then(|id| c.events.iter().position(|e| e.id == id));
            state.set_selected(c, selected);
            state.show_caption_for(stop.date, stop.caption.clone());
        },
    )
}

/// The caption's card: the rectangle around its title.
fn caption_card(scene: &Scene) -> [f32; 4] {
    let title = of_kind(scene, TextKind::CaptionTitle)[0].bounds();
    rects(scene)
        .into_iter()
        .find(|r| r[0] <= title[0] && r[1] <= title[1] && r[2] >= title[2] && r[3] >= title[3])
        .expect("the caption sits on a card")
}

#[test]
fn at_the_yalu_crossing_the_river_is_named_in_large_type() {
    let least = 0.025 * 1080.0;
    let scene = tour_stop(14);
    let yalu = scene.texts().find(|t| t.text == "Yalu").expect("the Yalu is named");
    assert!(yalu.size >= least, "Yalu at {} px", yalu.size);
    assert!(of_kind(&scene, TextKind::CaptionTitle)[0].size >= 0.025 * 1080.0);
    // At stop 13 the Yalu is only in the caption ("cross the Yalu"): it is named large there too,
    // where the day's other rivers and lines stay background.
    let scene = tour_stop(13);
    let yalu = scene.texts().find(|t| t.text == "Yalu").expect("the Yalu is named");
    assert!(yalu.size >= least, "Yalu at {} px at stop 13", yalu.size);
    for other in scene.texts().filter(|t| t.kind == TextKind::Line) {
        assert!(other.size < least, "{} is background", other.text);
    }
}

#[test]
fn a_river_no_story_names_stays_background_size() {
    // 15 September: Inchon, nothing on the Yalu, and no caption naming it.
    let scene = presenting("north-china-korea", "1950-09-15", OverlayOptions::presenting());
    if let Some(yalu) = scene.texts().find(|t| t.text == "Yalu") {
        assert_eq!(yalu.kind, TextKind::Line);
        assert!(yalu.size < 0.025 * 1080.0);
    }
}

#[test]
fn callouts_stand_clear_of_each_other_and_the_caption_at_every_stop() {
    for n in 1..=14 {
        let scene = tour_stop(n);
        let caption = caption_card(&scene);
        // Callouts on their cards (the "+N more" note is set apart, on a halo).
        let callouts: Vec<[f32; 4]> = scene
            .texts()
            .filter(|t| t.kind == TextKind::Callout && t.halo.is_none())
            .map(|t| t.bounds())
            .collect();
        for (i, a) in callouts.iter().enumerate() {
            assert!(apart(a, &caption), "stop {n}: a callout under the caption");
            for b in &callouts[i + 1..] {
                assert!(apart(a, b), "stop {n}: two callouts overlap");
            }
        }
    }
}

#[test]
fn at_stop_9_the_caption_covers_none_of_the_days_markers() {
    let scene = tour_stop(9);
    let card = caption_card(&scene);
    for m in &scene.markers {
        let [x, y] = m.center;
        let inside = x >= card[0] && x <= card[2] && y >= card[1] && y <= card[3];
        assert!(!inside, "the caption covers the marker of {}", m.place);
    }
    // Nor the cities of China the day's story is about: the caption goes to the empty south-west
    // of Eurasia (centred, it covered Guangzhou and most of southern China).
    let chronicle = Chronicle::embedded_default();
    let eurasia = view("eurasia");
    let projection = Projection::for_extent(eurasia[0], eurasia[1], eurasia[2], eurasia[3]);
    let mut camera = Camera::new((0.0, 0.0), 1.0, (1920.0, 1080.0));
    camera.fit_lonlat(
        &projection,
        (eurasia[0], eurasia[1], eurasia[2], eurasia[3]),
        (1920.0, 1080.0),
        24.0,
    );
    for id in ["beijing", "shenyang", "nanjing", "shanghai", "guangzhou", "xuzhou"] {
        let p = chronicle.place(id).unwrap();
        let (x, y) = camera.world_to_screen(projection.forward(p.lon, p.lat));
        let (x, y) = (x as f32, y as f32);
        let inside = x >= card[0] && x <= card[2] && y >= card[1] && y <= card[3];
        assert!(!inside, "the caption covers {id}");
    }
}

#[test]
fn the_name_of_the_days_place_leaves_room_for_the_capital_beside_it() {
    // Inchon's name once went right of its marker, over Seoul's dot, and Seoul went unnamed.
    let scene = tour_stop(1);
    for name in ["Inchon", "Seoul", "Pyongyang"] {
        assert!(scene.texts().any(|t| t.text == name), "{name} is not named");
    }
}

#[test]
fn a_journey_whose_act_has_a_callout_is_not_titled_twice() {
    let chronicle = Chronicle::embedded_default();
    let tour = Tour::embedded_default();
    let mut checked = 0;
    for n in 1..=tour.stops.len() {
        let scene = tour_stop(n);
        let callouts: Vec<&str> = of_kind(&scene, TextKind::Callout)
            .iter()
            .map(|t| t.text.as_str())
            .collect();
        for movement in &chronicle.movements {
            let named_by_a_card = movement.events.iter().any(|id| {
                chronicle
                    .events
                    .iter()
                    .find(|e| e.id == *id)
                    .is_some_and(|e| callouts.iter().any(|c| c.replace('\n', " ") == e.title))
            });
            if named_by_a_card {
                checked += 1;
                assert!(
                    !callouts.iter().any(|c| c.replace('\n', " ") == movement.title),
                    "stop {n}: the journey \"{}\" is titled beside its own event's card",
                    movement.title
                );
            }
        }
    }
    // Stops 7 and 8 (8 October) have Zhou's flight both as a card and as a journey under way.
    assert!(checked > 0, "no stop has a journey whose event is called out");
}
