//! Tours: the shipped lecture loads and fits the chronicle, bad files are named precisely,
//! editing never panics, and saving is atomic and byte-stable.

use chrono::NaiveDate;
use chronoatlas::chronicle::Chronicle;
use chronoatlas::tour::{
    self, DEFAULT_TOUR_JSON, Stop, StopView, TOUR_FORMAT, Tour, load_tour, save_tour, tour_from_str,
};
use proptest::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};

fn shipped_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/autumn-1950.tour.json")
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn stop(date: &str, event: Option<&str>) -> Stop {
    Stop {
        date: day(date),
        view: None,
        event: event.map(str::to_string),
        caption: format!("caption {date}"),
        notes: String::new(),
    }
}

/// A fresh, empty directory of its own under the system temp dir.
fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("chronoatlas-tour-{}-{name}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn problems(tour: &Tour) -> Vec<String> {
    tour::check(tour, &Chronicle::embedded_default())
        .iter()
        .map(|p| p.to_string())
        .collect()
}

#[test]
fn the_shipped_tour_loads_and_fits_the_embedded_chronicle() {
    let tour = load_tour(&shipped_path()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(tour.format, TOUR_FORMAT);
    assert_eq!(tour.title, "Autumn 1950: from Inchon to the Yalu");
    assert_eq!(problems(&tour), Vec::<String>::new());
    assert!((12..=14).contains(&tour.stops.len()), "{} stops", tour.stops.len());
    assert_eq!(tour.stops.first().unwrap().date, day("1950-09-15"));
    assert_eq!(tour.stops.last().unwrap().date, day("1950-10-19"));
    let chronicle = Chronicle::embedded_default();
    for (i, stop) in tour.stops.iter().enumerate() {
        assert!((day("1950-09-15")..=day("1950-10-19")).contains(&stop.date), "stop {i}");
        assert!(!stop.caption.trim().is_empty(), "stop {i} has no caption");
        // Every stop selects an event that is active that day and goes to a bookmark of the chronicle.
        let event = chronicle
            .event(stop.event.as_deref().expect("every stop selects an event"))
            .unwrap();
        assert!(event.date.is_active_on(stop.date), "stop {i}");
        let view = stop.view.as_ref().expect("every stop sets a view");
        assert!(matches!(view, StopView::Bookmark(_)), "stop {i}");
        assert!(view.bbox(&chronicle).is_some(), "stop {i}");
    }
    assert_eq!(
        tour.stops.last().unwrap().event.as_deref(),
        Some("cpv-crosses-the-yalu")
    );
}

#[test]
fn the_embedded_tour_is_the_shipped_file() {
    assert_eq!(DEFAULT_TOUR_JSON, fs::read_to_string(shipped_path()).unwrap());
    assert_eq!(Tour::embedded_default(), load_tour(&shipped_path()).unwrap());
}

#[test]
fn syntax_errors_name_file_line_and_column() {
    let err = load_tour(&fixture("syntax-error.tour.json")).unwrap_err();
    assert_eq!((err.line, err.column), (6, 5), "{err}");
    let text = err.to_string();
    assert!(text.contains("syntax-error.tour.json:6:5: expected"), "{text}");
}

#[test]
fn a_misspelt_field_is_an_error_not_silently_ignored() {
    let err = load_tour(&fixture("unknown-field.tour.json")).unwrap_err();
    assert_eq!(err.line, 5, "{err}");
    let text = err.to_string();
    assert!(
        text.contains("unknown-field.tour.json:5:") && text.contains("unknown field `evnet`"),
        "{text}"
    );
}

#[test]
fn impossible_days_and_malformed_views_are_reported_where_they_stand() {
    let err = load_tour(&fixture("bad-day.tour.json")).unwrap_err();
    assert_eq!(err.line, 6, "{err}");
    assert!(err.message.contains("invalid day \"1950-02-30\""), "{err}");
    let err = load_tour(&fixture("bad-view.tour.json")).unwrap_err();
    assert_eq!(err.line, 5, "{err}");
    assert!(err.message.contains("four numbers"), "{err}");
    // Only the canonical form is read, so that saving gives back the same bytes.
    let loose = r#"{"title": "t", "stops": [{"date": "1950-10-9", "caption": ""}]}"#;
    let err = tour_from_str(loose, "loose.tour.json").unwrap_err();
    assert!(err.to_string().starts_with("loose.tour.json:1:"), "{err}");
    let err = tour_from_str(r#"{"title": "t", "stops": [{"date": "1950-10-09", "view": 5}]}"#, "v").unwrap_err();
    assert!(err.message.contains("a view id of the chronicle or a bbox"), "{err}");
}

#[test]
fn missing_files_are_named() {
    let err = load_tour(&fixture("no-such.tour.json")).unwrap_err().to_string();
    assert!(err.contains("no-such.tour.json: cannot read"), "{err}");
}

#[test]
fn check_finds_unknown_references_and_stops_outside_their_events_dates() {
    let mut tour = Tour::new("Checked", "chen-jian-1992.chronicle.json");
    tour.stops = vec![
        stop("1950-10-19", Some("cpv-crosses-the-yalu")),
        stop("1950-10-19", Some("no-such-event")),
        // The crossing is dated 19 October: on the 20th the map does not show it.
        stop("1950-10-20", Some("cpv-crosses-the-yalu")),
        // A range: 9–10 October is fine on the 10th, not on the 11th.
        stop("1950-10-10", Some("zhou-meets-stalin-black-sea")),
        stop("1950-10-11", Some("zhou-meets-stalin-black-sea")),
        Stop {
            view: Some(StopView::Bookmark("atlantis".into())),
            ..stop("1950-09-15", None)
        },
        Stop {
            view: Some(StopView::Bbox([124.0, 43.0, 131.0, 33.0])),
            ..stop("1950-09-15", None)
        },
        Stop {
            view: Some(StopView::Bbox([200.0, 33.0, 131.0, 43.0])),
            ..stop("1950-09-15", None)
        },
        // The Black Sea is not on a map of the Yalu.
        Stop {
            view: Some(StopView::Bookmark("yalu-crossing".into())),
            ..stop("1950-10-09", Some("zhou-meets-stalin-black-sea"))
        },
        // An explicit bbox across the antimeridian that does hold Inchon is fine.
        Stop {
            view: Some(StopView::Bbox([120.0, 30.0, -170.0, 45.0])),
            ..stop("1950-09-15", Some("inchon-landing"))
        },
    ];
    let found = problems(&tour);
    let expected = [
        "stop 2: unknown event \"no-such-event\"",
        "stop 3: 1950-10-20 is outside the dates of event \"cpv-crosses-the-yalu\" (1950-10-19, 1950-10-19 to 1950-10-19): the map would not show it as active",
        "stop 5: 1950-10-11 is outside the dates of event \"zhou-meets-stalin-black-sea\" (1950-10-09/1950-10-10, 1950-10-09 to 1950-10-10): the map would not show it as active",
        "stop 6: unknown view \"atlantis\"",
        "stop 7: bbox [124.0, 43.0, 131.0, 33.0] must be [west, south, east, north] in degrees with south < north",
        "stop 8: bbox [200.0, 33.0, 131.0, 43.0] must be [west, south, east, north] in degrees with south < north",
        "stop 9: none of the places of event \"zhou-meets-stalin-black-sea\" lies within the view",
    ];
    assert_eq!(found, expected);

    let mut bare = Tour::new(" ", "");
    bare.format = "chronoatlas-tour/0".into();
    assert_eq!(
        problems(&bare),
        [
            "tour: unknown format \"chronoatlas-tour/0\"; this version reads \"chronoatlas-tour/1\"",
            "tour: empty title",
            "tour: no stops",
        ]
    );
}

#[test]
fn a_tour_may_jump_back_in_time() {
    let mut tour = Tour::embedded_default();
    tour.stops.reverse();
    assert_eq!(problems(&tour), Vec::<String>::new());
}

#[test]
fn editing_is_total_and_does_what_it_says() {
    let mut tour = Tour::new("Edited", "");
    assert_eq!(tour.next_stop_index(None), None);
    assert_eq!(tour.previous_stop_index(None), None);
    assert_eq!(tour.next_stop_index(Some(usize::MAX)), None);
    assert_eq!(tour.previous_stop_index(Some(usize::MAX)), None);
    assert_eq!(tour.remove_stop(0), None);
    assert!(!tour.move_stop(0, 0));
    assert!(!tour.add_stop(1, stop("1950-10-01", None)));
    assert!(tour.stops.is_empty());

    assert!(tour.add_stop(0, stop("1950-10-02", None)));
    assert!(tour.add_stop(0, stop("1950-10-01", None)));
    assert!(tour.add_stop(2, stop("1950-10-04", None)));
    assert!(tour.add_stop(2, stop("1950-10-03", None)));
    assert!(!tour.add_stop(5, stop("1950-10-05", None)));
    assert!(!tour.add_stop(usize::MAX, stop("1950-10-05", None)));
    let days = |t: &Tour| {
        t.stops
            .iter()
            .map(|s| s.date.format("%d").to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(days(&tour), ["01", "02", "03", "04"]);

    assert!(tour.move_stop(0, 3));
    assert_eq!(days(&tour), ["02", "03", "04", "01"]);
    assert!(tour.move_stop(3, 0));
    assert_eq!(days(&tour), ["01", "02", "03", "04"]);
    assert!(tour.move_stop(1, 2));
    assert_eq!(days(&tour), ["01", "03", "02", "04"]);
    assert!(tour.move_stop(2, 2));
    assert!(!tour.move_stop(4, 0));
    assert!(!tour.move_stop(0, 4));
    assert!(!tour.move_stop(usize::MAX, usize::MAX));
    assert_eq!(days(&tour), ["01", "03", "02", "04"]);

    assert_eq!(tour.next_stop_index(None), Some(0));
    assert_eq!(tour.next_stop_index(Some(2)), Some(3));
    assert_eq!(tour.next_stop_index(Some(3)), None);
    assert_eq!(tour.next_stop_index(Some(9)), None);
    assert_eq!(tour.previous_stop_index(Some(0)), None);
    assert_eq!(tour.previous_stop_index(Some(3)), Some(2));
    // A stale index after stops were removed steps back onto the last stop.
    assert_eq!(tour.previous_stop_index(Some(9)), Some(3));

    assert_eq!(tour.remove_stop(4), None);
    assert_eq!(tour.remove_stop(1).map(|s| s.date), Some(day("1950-10-03")));
    assert_eq!(days(&tour), ["01", "02", "04"]);
}

#[derive(Clone, Debug)]
enum Edit {
    Add(usize),
    Remove(usize),
    Move(usize, usize),
    Next(Option<usize>),
    Previous(Option<usize>),
}

fn any_index() -> impl Strategy<Value = usize> {
    prop_oneof![0usize..8, Just(usize::MAX), any::<usize>()]
}

fn any_edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        any_index().prop_map(Edit::Add),
        any_index().prop_map(Edit::Remove),
        (any_index(), any_index()).prop_map(|(a, b)| Edit::Move(a, b)),
        proptest::option::of(any_index()).prop_map(Edit::Next),
        proptest::option::of(any_index()).prop_map(Edit::Previous),
    ]
}

proptest! {
    #[test]
    fn no_index_makes_editing_panic(edits in proptest::collection::vec(any_edit(), 0..40)) {
        let mut tour = Tour::new("Random", "");
        for edit in edits {
            let before = tour.stops.len();
            match edit {
                Edit::Add(at) => {
                    let added = tour.add_stop(at, stop("1950-10-19", None));
                    prop_assert_eq!(added, at <= before);
                    prop_assert_eq!(tour.stops.len(), before + usize::from(added));
                }
                Edit::Remove(i) => {
                    let removed = tour.remove_stop(i).is_some();
                    prop_assert_eq!(removed, i < before);
                    prop_assert_eq!(tour.stops.len(), before - usize::from(removed));
                }
                Edit::Move(from, to) => {
                    prop_assert_eq!(tour.move_stop(from, to), from < before && to < before);
                    prop_assert_eq!(tour.stops.len(), before);
                }
                Edit::Next(current) => {
                    if let Some(i) = tour.next_stop_index(current) {
                        prop_assert!(i < before);
                    }
                }
                Edit::Previous(current) => {
                    if let Some(i) = tour.previous_stop_index(current) {
                        prop_assert!(i < before);
                    }
                }
            }
        }
    }
}

#[test]
fn saving_a_loaded_tour_gives_back_the_same_bytes() {
    let dir = scratch_dir("round-trip");
    let target = dir.join("autumn-1950.tour.json");
    let tour = load_tour(&shipped_path()).unwrap();
    save_tour(&tour, &target).unwrap();
    assert_eq!(fs::read(&target).unwrap(), fs::read(shipped_path()).unwrap());
    // Over an existing file, too; and nothing but the tour is left in the directory.
    save_tour(&tour, &target).unwrap();
    assert_eq!(fs::read(&target).unwrap(), fs::read(shipped_path()).unwrap());
    assert_eq!(entries(&dir), ["autumn-1950.tour.json"]);
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn explicit_bounds_and_bare_stops_round_trip() {
    let dir = scratch_dir("bounds");
    let target = dir.join("bounds.tour.json");
    let mut tour = Tour::new("Bounds", "voyage-1492.chronicle.json");
    tour.stops = vec![
        Stop {
            view: Some(StopView::Bbox([-80.5, 20.25, -70.0, 28.0])),
            ..stop("1492-10-12", None)
        },
        stop("1492-10-28", None),
    ];
    save_tour(&tour, &target).unwrap();
    let first = fs::read_to_string(&target).unwrap();
    assert!(first.ends_with("}\n") && !first.contains("\"event\""), "{first}");
    let loaded = load_tour(&target).unwrap();
    assert_eq!(loaded, tour);
    save_tour(&loaded, &target).unwrap();
    assert_eq!(fs::read_to_string(&target).unwrap(), first);
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn saving_into_a_missing_directory_fails_and_creates_nothing() {
    let dir = scratch_dir("missing");
    let target = dir.join("no-such-dir").join("t.tour.json");
    let err = save_tour(&Tour::embedded_default(), &target).unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::NotFound, "{err}");
    assert!(err.to_string().contains("no-such-dir"), "{err}");
    assert!(entries(&dir).is_empty());
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_failed_save_leaves_the_previous_file_and_no_temporary_file() {
    let dir = scratch_dir("failed");
    // Fails before anything is written: JSON cannot hold NaN.
    let target = dir.join("t.tour.json");
    fs::write(&target, "previous contents\n").unwrap();
    let mut tour = Tour::embedded_default();
    tour.stops[0].view = Some(StopView::Bbox([f64::NAN, 33.0, 131.0, 43.0]));
    assert!(save_tour(&tour, &target).is_err());
    assert_eq!(fs::read_to_string(&target).unwrap(), "previous contents\n");

    // Fails at the rename, after the temporary file was written: the target is a directory.
    let occupied = dir.join("occupied.tour.json");
    fs::create_dir(&occupied).unwrap();
    fs::write(occupied.join("inside"), "kept").unwrap();
    assert!(save_tour(&Tour::embedded_default(), &occupied).is_err());
    assert_eq!(fs::read_to_string(occupied.join("inside")).unwrap(), "kept");
    assert_eq!(entries(&dir), ["occupied.tour.json", "t.tour.json"]);
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_schema_describes_stops() {
    let schema = serde_json::to_string(&schemars::schema_for!(Tour)).unwrap();
    for word in [
        "\"stops\"",
        "\"caption\"",
        "\"notes\"",
        "\"format\":\"date\"",
        "west, south, east, north",
    ] {
        assert!(schema.contains(word), "{word} missing from {schema}");
    }
}
