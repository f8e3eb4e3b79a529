//! The scene built without a window: the 1950 base map, markers where the places are, labels
//! that do not collide, the selection and the overlays.

use chrono::NaiveDate;
use chronoatlas::chronicle::{Chronicle, MapLayer};
use chronoatlas::map::basemap::{Basemap, Lod};
use chronoatlas::map::camera::Camera;
use chronoatlas::map::projection::Projection;
use chronoatlas::scene::{self, BaseLayer, BaseLayers, OverlayOptions, Primitive, Scene, Style, Text};
use chronoatlas::timeline::Timeline;
use chronoatlas::timeline::show::ShowOptions;
use chronoatlas::view_state::ViewState;

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn bbox_of(chronicle: &Chronicle, view: &str) -> (f64, f64, f64, f64) {
    let (w, s, e, n) = chronicle.view(view).unwrap().bbox.to_tuple();
    (w, s, e, n)
}

/// The scene of a named view at 1920×1080, as the window or an export would build it.
fn scene_at(view: &str, on: &str, setup: impl FnOnce(&Chronicle, &mut ViewState)) -> (Chronicle, Scene) {
    scene_with(
        view,
        on,
        (1920.0, 1080.0),
        &Style::atlas(),
        OverlayOptions::default(),
        setup,
    )
}

/// The scene of a named view at any size, in any style, with any overlays.
fn scene_with(
    view: &str,
    on: &str,
    size: (f64, f64),
    style: &Style,
    options: OverlayOptions,
    setup: impl FnOnce(&Chronicle, &mut ViewState),
) -> (Chronicle, Scene) {
    let chronicle = Chronicle::embedded_default();
    let timeline = Timeline::new(&chronicle);
    let bbox = bbox_of(&chronicle, view);
    let projection = Projection::for_extent(bbox.0, bbox.1, bbox.2, bbox.3);
    let mut layers = BaseLayers::new(projection, &chronicle.map);
    let mut camera = Camera::new((0.0, 0.0), 1.0, size);
    camera.fit_lonlat(&projection, bbox, size, 24.0);
    let mut state = ViewState::new(&chronicle, &timeline);
    state.go_to(day(on));
    setup(&chronicle, &mut state);
    let scene = scene::compose(&chronicle, &timeline, &mut layers, &camera, style, &state, options);
    (chronicle, scene)
}

fn texts(scene: &Scene) -> Vec<&Text> {
    scene
        .primitives
        .iter()
        .filter_map(|p| match p {
            Primitive::Text(t) => Some(t),
            _ => None,
        })
        .collect()
}

#[test]
fn land_is_one_cached_mesh_placed_by_the_camera() {
    let (_, scene) = scene_at("eurasia", "1950-10-19", |_, _| {});
    let Some(Primitive::Land { mesh, transform, .. }) = scene.primitives.first() else {
        panic!("land is drawn first")
    };
    assert!(mesh.indices.len() > 3000 && mesh.indices.len() % 3 == 0);
    assert!(mesh.indices.iter().all(|&i| (i as usize) < mesh.vertices.len()));
    let inside = mesh
        .vertices
        .iter()
        .map(|&p| transform.apply(p))
        .filter(|p| (0.0..1920.0).contains(&p[0]) && (0.0..1080.0).contains(&p[1]))
        .count();
    assert!(inside > 1000, "the view shows land");
}

#[test]
fn markers_stand_where_the_places_are() {
    let (_, scene) = scene_at("eurasia", "1950-10-19", |_, s| {
        s.set_show(ShowOptions {
            cumulative: true,
            ..s.show()
        })
    });
    let at = |id: &str| {
        scene
            .markers
            .iter()
            .find(|m| m.place == id)
            .unwrap_or_else(|| panic!("a marker for {id}"))
            .center
    };
    let (moscow, beijing, shenyang) = (at("moscow"), at("beijing"), at("shenyang"));
    assert!(
        moscow[0] < beijing[0] && moscow[1] < beijing[1],
        "Moscow is west and north of Beijing"
    );
    assert!(
        shenyang[0] > beijing[0] && shenyang[1] < beijing[1],
        "Shenyang is north-east of Beijing"
    );
    for p in [moscow, beijing, shenyang] {
        assert!((0.0..1920.0).contains(&p[0]) && (0.0..1080.0).contains(&p[1]));
    }
    let beijing_events = scene
        .markers
        .iter()
        .find(|m| m.place == "beijing")
        .unwrap()
        .events
        .len();
    assert!(
        beijing_events > 20,
        "Beijing's events are grouped in one marker, got {beijing_events}"
    );
    let count = texts(&scene).into_iter().any(|t| t.text == beijing_events.to_string());
    assert!(count, "the group shows its count");
}

#[test]
fn labels_do_not_cover_each_other_and_stay_on_screen() {
    for view in ["eurasia", "korean-peninsula", "yalu-crossing"] {
        let (_, scene) = scene_at(view, "1950-10-08", |_, _| {});
        let labels: Vec<[f32; 4]> = texts(&scene)
            .into_iter()
            .filter(|t| t.halo.is_some() || t.italic)
            .map(|t| t.bounds())
            .collect();
        assert!(labels.len() >= 5, "{view}: {} labels", labels.len());
        for (i, a) in labels.iter().enumerate() {
            assert!(
                a[0] >= 0.0 && a[1] >= 0.0 && a[2] <= 1920.0 && a[3] <= 1080.0,
                "{view}: {a:?} off screen"
            );
            for b in &labels[i + 1..] {
                let apart = a[2] <= b[0] || b[2] <= a[0] || a[3] <= b[1] || b[3] <= a[1];
                assert!(apart, "{view}: labels overlap at {a:?} and {b:?}");
            }
        }
    }
}

#[test]
fn the_map_shows_the_states_of_1950() {
    let (_, eurasia) = scene_at("eurasia", "1950-10-19", |_, _| {});
    let names: Vec<&str> = texts(&eurasia).iter().map(|t| t.text.as_str()).collect();
    assert!(names.contains(&"USSR"), "{names:?}");
    assert!(names.contains(&"PEOPLE'S REPUBLIC\nOF CHINA"), "{names:?}");
    let (_, korea) = scene_at("korean-peninsula", "1950-10-19", |_, _| {});
    let find = |text: &str| {
        texts(&korea)
            .into_iter()
            .find(|t| t.text == text)
            .unwrap_or_else(|| panic!("{text} is labelled"))
            .anchor
    };
    assert!(find("NORTH\nKOREA")[1] < find("SOUTH\nKOREA")[1]);
    assert!(texts(&korea).iter().any(|t| t.text == "38th parallel"));
    assert!(texts(&korea).iter().any(|t| t.text == "Yalu" && t.italic));
}

/// Border points of a base layer inside a lon/lat box.
fn border_points_in(base: &BaseLayer, projection: &Projection, (w, s, e, n): (f64, f64, f64, f64)) -> usize {
    base.borders
        .iter()
        .flat_map(|l| &l.points)
        .map(|p| projection.inverse(p[0] as f64, p[1] as f64))
        .filter(|&(lon, lat)| (w..=e).contains(&lon) && (s..=n).contains(&lat))
        .count()
}

#[test]
fn the_1950_layer_removes_the_armistice_line_and_soviet_internal_borders() {
    let chronicle = Chronicle::embedded_default();
    let projection = Projection::for_extent(60.0, 30.0, 140.0, 60.0);
    let basemap = Basemap::embedded(Lod::Medium);
    let today = BaseLayer::build(basemap, projection, &MapLayer::default());
    let of_1950 = BaseLayer::build(basemap, projection, &chronicle.map);
    let dmz = (126.0, 37.6, 129.0, 38.7);
    let kazakh_russian = (60.0, 50.0, 80.0, 56.0);
    assert!(
        border_points_in(&today, &projection, dmz) > 5,
        "the modern map has the 1953 line"
    );
    assert_eq!(border_points_in(&of_1950, &projection, dmz), 0);
    assert!(border_points_in(&today, &projection, kazakh_russian) > 5);
    assert_eq!(border_points_in(&of_1950, &projection, kazakh_russian), 0);
    let line = |name: &str| of_1950.lines.iter().find(|l| l.name == name).unwrap();
    for p in line("38th parallel").pieces.iter().flat_map(|l| &l.points) {
        let (_, lat) = projection.inverse(p[0] as f64, p[1] as f64);
        assert!((lat - 38.0).abs() < 0.01, "the line follows the parallel");
    }
    let yalu: Vec<(f64, f64)> = line("Yalu")
        .pieces
        .iter()
        .flat_map(|l| &l.points)
        .map(|p| projection.inverse(p[0] as f64, p[1] as f64))
        .collect();
    assert!(yalu.len() > 20);
    assert!(
        yalu.iter()
            .all(|&(lon, lat)| (124.0..=128.1).contains(&lon) && (39.7..=42.4).contains(&lat))
    );
}

#[test]
fn the_selected_event_is_ringed_in_the_selection_colour() {
    let style = Style::atlas();
    let ring = |scene: &Scene| {
        scene
            .primitives
            .iter()
            .any(|p| matches!(p, Primitive::Circle { stroke, fill, .. } if *stroke == style.selected && fill.0[3] == 0))
    };
    let (_, plain) = scene_at("north-china-korea", "1950-10-08", |_, _| {});
    assert!(!ring(&plain));
    let (_, selected) = scene_at("north-china-korea", "1950-10-08", |c, s| {
        s.set_selected(c, c.events.iter().position(|e| e.id == "peng-flies-to-shenyang"))
    });
    assert!(ring(&selected));
}

#[test]
fn a_group_spreads_out_into_one_marker_per_event() {
    let (_, grouped) = scene_at("eurasia", "1950-10-08", |_, _| {});
    let beijing = grouped.markers.iter().find(|m| m.place == "beijing").unwrap();
    let n = beijing.events.len();
    assert!(n > 1);
    let (_, spread) = scene_at("eurasia", "1950-10-08", |_, s| s.expand_place(Some("beijing".into())));
    let singles: Vec<_> = spread.markers.iter().filter(|m| m.place == "beijing").collect();
    assert_eq!(singles.len(), n);
    assert!(singles.iter().all(|m| m.spread && m.events.len() == 1));
}

#[test]
fn the_overlays_carry_the_date_and_the_attribution() {
    let (_, scene) = scene_at("eurasia", "1950-10-19", |_, _| {});
    let all: Vec<&str> = texts(&scene).iter().map(|t| t.text.as_str()).collect();
    assert!(all.contains(&"Thursday, 19 October 1950"));
    assert!(
        all.iter()
            .any(|t| t.contains("Natural Earth") && t.contains("Chen Jian"))
    );
    let card = texts(&scene)
        .into_iter()
        .find(|t| t.text == "Thursday, 19 October 1950")
        .unwrap();
    assert!(
        card.size >= 1080.0 / 20.0,
        "the date card is readable from the back of a hall"
    );
}

#[test]
fn an_inferred_place_is_drawn_hollow_and_named_in_the_legend() {
    let style = Style::atlas();
    let (chronicle, scene) = scene_at("korean-peninsula", "1950-10-01", |_, s| {
        s.set_show(ShowOptions {
            trail_days: 0,
            ..s.show()
        })
    });
    let marker = scene
        .markers
        .iter()
        .find(|m| m.place == "pyongyang")
        .expect("Kim asks Ni Zhiliang");
    assert!(marker.events.iter().all(|&i| chronicle.events[i].place_inferred));
    let hollow = scene.primitives.iter().any(
        |p| matches!(p, Primitive::Circle { center, fill, .. } if *center == marker.center && *fill == style.halo),
    );
    assert!(hollow, "a place the source does not state is not drawn as if it did");
    assert!(
        texts(&scene)
            .iter()
            .any(|t| t.text.starts_with("Hollow: place inferred"))
    );
}

fn caption_scene(on: &str, select: &str, caption: Option<&str>) -> Scene {
    let chronicle = Chronicle::embedded_default();
    let timeline = Timeline::new(&chronicle);
    let bbox = bbox_of(&chronicle, "eurasia");
    let projection = Projection::for_extent(bbox.0, bbox.1, bbox.2, bbox.3);
    let mut layers = BaseLayers::new(projection, &chronicle.map);
    let mut camera = Camera::new((0.0, 0.0), 1.0, (1920.0, 1080.0));
    camera.fit_lonlat(&projection, bbox, (1920.0, 1080.0), 24.0);
    let mut state = ViewState::new(&chronicle, &timeline);
    state.go_to(day(on));
    state.set_selected(&chronicle, chronicle.events.iter().position(|e| e.id == select));
    if let Some(caption) = caption {
        state.show_caption_for(day(on), caption);
    }
    let options = OverlayOptions {
        caption: true,
        ..OverlayOptions::default()
    };
    scene::compose(
        &chronicle,
        &timeline,
        &mut layers,
        &camera,
        &Style::projector_light(),
        &state,
        options,
    )
}

#[test]
fn the_caption_speaks_of_the_day_shown_and_keeps_its_qualifiers() {
    let title = "Zhou Enlai meets Stalin at a villa on the Black Sea";
    let on_day = caption_scene("1950-10-09", "zhou-meets-stalin-black-sea", None);
    assert!(texts(&on_day).iter().any(|t| t.text == title));
    let later = caption_scene("1950-10-13", "zhou-meets-stalin-black-sea", None);
    assert!(
        !texts(&later).iter().any(|t| t.text == title),
        "no caption for an event not on the day"
    );

    let long = chronoatlas::tour::Tour::embedded_default().stops[8].caption.clone();
    assert!(long.contains("the author follows Zhang Xi"));
    let scene = caption_scene("1950-10-09", "zhou-meets-stalin-black-sea", Some(&long));
    let caption = texts(&scene)
        .into_iter()
        .find(|t| t.text.contains("Black Sea, Zhou"))
        .expect("the stop's caption is shown");
    let flat = caption.text.replace('\n', " ");
    assert!(flat.contains("the author follows Zhang Xi"), "wrapped, not cut: {flat}");
    // The caption card and the legend do not cover each other.
    let rects: Vec<[f32; 4]> = scene
        .primitives
        .iter()
        .filter_map(|p| match p {
            Primitive::Rect { min, max, .. } => Some([min[0], min[1], max[0], max[1]]),
            _ => None,
        })
        .collect();
    for (i, a) in rects.iter().enumerate() {
        for b in &rects[i + 1..] {
            let apart = a[2] <= b[0] || b[2] <= a[0] || a[3] <= b[1] || b[3] <= a[1];
            assert!(apart, "cards overlap: {a:?} {b:?}");
        }
    }
}

#[test]
fn the_date_card_tells_dated_events_from_roughly_dated_ones() {
    let (_, scene) = scene_at("korean-peninsula", "1950-10-19", |_, _| {});
    let card = texts(&scene)
        .into_iter()
        .find(|t| t.text.contains("on this day"))
        .unwrap()
        .text
        .clone();
    assert!(
        card.contains("3 events on this day") && card.contains("2 dated only roughly"),
        "{card}"
    );
}

#[test]
fn beijing_is_labelled_on_a_laptop_screen_in_the_default_view() {
    let (chronicle, scene) = scene_with(
        &Chronicle::embedded_default().views[0].id,
        "1950-09-30",
        (1280.0, 720.0),
        &Style::atlas(),
        OverlayOptions::default(),
        |_, _| {},
    );
    let beijing = &chronicle.place("beijing").unwrap().name;
    let names: Vec<&str> = texts(&scene).iter().map(|t| t.text.as_str()).collect();
    assert!(names.contains(&beijing.as_str()), "{names:?}");
}

#[test]
fn the_38th_parallel_has_one_label() {
    for (view, on) in [
        ("korean-peninsula", "1950-09-30"),
        ("korean-peninsula", "1950-10-19"),
        ("north-china-korea", "1950-09-30"),
    ] {
        let (_, scene) = scene_at(view, on, |_, _| {});
        let labels: Vec<&str> = texts(&scene)
            .iter()
            .map(|t| t.text.as_str())
            .filter(|t| t.contains("38th parallel") || t.contains("thirty-eighth parallel"))
            .collect();
        assert_eq!(labels.len(), 1, "{view} on {on}: {labels:?}");
    }
}

#[test]
fn presentation_text_meets_the_back_rows_heights() {
    use chronoatlas::scene::TextKind;
    // At 1920×1080 (an export) and with the time bar's strip taken off (the window).
    for height in [1080.0, 1053.0] {
        for style in [Style::projector_light(), Style::projector_dark()] {
            let options = OverlayOptions {
                stop_counter: Some((9, 14)),
                ..OverlayOptions::presenting()
            };
            let (_, scene) = scene_with(
                "north-china-korea",
                "1950-10-09",
                (1920.0, height),
                &style,
                options,
                |c, s| {
                    s.set_selected(
                        c,
                        c.events
                            .iter()
                            .position(|e| e.id == "peng-conference-13th-army-corps-cadres-9-october"),
                    );
                },
            );
            let least = |kind: TextKind| match kind {
                TextKind::Date => 0.034 * 1080.0,
                TextKind::EventPlace | TextKind::Callout => 27.0,
                TextKind::CaptionBody | TextKind::CaptionTitle => 33.0,
                TextKind::Place | TextKind::State | TextKind::Water | TextKind::Line => 20.0,
                _ => 0.0,
            };
            let mut kinds = Vec::new();
            for t in texts(&scene) {
                assert!(
                    t.size >= least(t.kind),
                    "{:?} {:?} is {} px high on {height} lines",
                    t.kind,
                    t.text,
                    t.size
                );
                kinds.push(t.kind);
            }
            for kind in [
                TextKind::Date,
                TextKind::EventPlace,
                TextKind::Callout,
                TextKind::CaptionBody,
                TextKind::Place,
                TextKind::StopCounter,
            ] {
                assert!(kinds.contains(&kind), "the scene has {kind:?} text: {kinds:?}");
            }
        }
    }
}

#[test]
fn an_export_with_the_windows_settings_shows_what_the_window_shows() {
    let chronicle = Chronicle::embedded_default();
    let timeline = Timeline::new(&chronicle);
    let yalu = chronicle
        .events
        .iter()
        .position(|e| e.id == "cpv-crosses-the-yalu")
        .unwrap();
    let mut settings = ViewState::new(&chronicle, &timeline);
    let mut filter = settings.filter().clone();
    filter
        .hidden_threads
        .insert(chronicle.events[yalu].thread.as_ref().unwrap().to_string());
    settings.set_filter(filter);
    let mut request = chronoatlas::export::ExportRequest::new(day("1950-10-19"), (960, 540));
    request.view = chronoatlas::export::ExportView::Named("korean-peninsula".into());
    let plain = chronoatlas::export::render(&chronicle, &timeline, &request).unwrap();
    request.settings = Some(settings);
    let filtered = chronoatlas::export::render(&chronicle, &timeline, &request).unwrap();
    assert!(plain.markers.iter().any(|m| m.events.contains(&yalu)));
    assert!(!filtered.markers.iter().any(|m| m.events.contains(&yalu)));
}

#[test]
fn a_segment_crossing_the_frame_is_kept_though_both_ends_are_outside() {
    let t = chronoatlas::scene::Transform {
        scale: 1.0,
        offset: [0.0, 0.0],
    };
    let runs = scene::clip_and_thin(&[[-500.0, -100.0], [1500.0, -100.0]], &t, [900.0, 600.0]);
    assert_eq!(runs.len(), 1);
    let off = scene::clip_and_thin(&[[-500.0, -900.0], [1500.0, -900.0]], &t, [900.0, 600.0]);
    assert!(off.is_empty());
}

#[test]
fn a_chronicle_opens_on_its_first_view_else_around_its_places() {
    let mut chronicle = Chronicle::embedded_default();
    assert_eq!(chronicle.home_extent(), chronicle.views[0].bbox);
    chronicle.views.clear();
    let home = chronicle.home_extent();
    for p in &chronicle.places {
        assert!(home.contains(p.lon, p.lat), "{} outside {home}", p.id);
    }
    assert!(home.check().is_ok() && !home.crosses_antimeridian());
    chronicle.places.clear();
    assert_eq!(chronicle.home_extent().width_degrees(), 360.0);
}
