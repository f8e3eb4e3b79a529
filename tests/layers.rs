//! Keyframed features and chronicles shown as layers: `areas`, `validate`, `export --layer`, and
//! the scene a layer adds, run as a user runs them on the synthetic test layer.

use chrono::NaiveDate;
use chronoatlas::chronicle::{self, Chronicle};
use chronoatlas::map::camera::Camera;
use chronoatlas::map::projection::Projection;
use chronoatlas::scene::{self, BaseLayers, Context, Layer, OverlayOptions, Primitive, Style};
use chronoatlas::timeline::Timeline;
use chronoatlas::view_state::ViewState;
use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Output};

fn chronoatlas(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chronoatlas"))
        .args(args)
        .output()
        .expect("binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn layer_file() -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/moving-line.chronicle.json")
        .display()
        .to_string()
}

fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("chronoatlas-layers-{test}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn geojson_on(date: &str) -> Value {
    let out = chronoatlas(&["areas", &layer_file(), "--on", date, "--format", "geojson"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_str(&stdout(&out)).unwrap()
}

fn feature<'a>(collection: &'a Value, id: &str) -> Option<&'a Value> {
    collection["features"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["properties"]["id"] == id)
}

#[test]
fn areas_gives_the_front_of_a_day_between_keyframes_as_geojson_with_its_citations() {
    let collection = geojson_on("1950-09-22");
    assert_eq!(collection["type"], "FeatureCollection");
    let line = feature(&collection, "test-line").expect("the line is drawn on 22 September");
    assert_eq!(line["geometry"]["type"], "MultiLineString");
    // Between the keyframes of 15 September (about 35.8°N) and 30 September (about 37.1°N).
    for point in line["geometry"]["coordinates"][0].as_array().unwrap() {
        let lat = point[1].as_f64().unwrap();
        assert!(lat > 35.9 && lat < 37.1, "{lat}");
    }
    let properties = &line["properties"];
    assert_eq!(properties["approximate"], true);
    assert_eq!(properties["keyframes"], serde_json::json!(["1950-09-15", "1950-09-30"]));
    let citations = properties["citations"].as_array().unwrap();
    assert_eq!(citations[0]["locator"], "sheet 1");
    assert!(
        citations[0]["reference"]
            .as_str()
            .unwrap()
            .starts_with("First test sketch")
    );
    let area = feature(&collection, "test-area").unwrap();
    assert_eq!(area["geometry"]["type"], "MultiPolygon");
    let ring = area["geometry"]["coordinates"][0][0].as_array().unwrap();
    assert_eq!(ring.first(), ring.last(), "GeoJSON rings are closed");
}

#[test]
fn areas_draws_nothing_outside_the_keyframes_unless_in_force_holds_it() {
    // The area's in_force holds its last keyframe until 20 October; the line stops on 15 October.
    let on_10th = geojson_on("1950-10-10");
    assert!(feature(&on_10th, "test-area").is_some());
    let on_25th = geojson_on("1950-10-25");
    assert!(feature(&on_25th, "test-area").is_none());
    assert!(feature(&on_25th, "test-line").is_none());
    assert!(feature(&geojson_on("1950-09-14"), "test-line").is_none());
}

#[test]
fn areas_as_a_table_names_each_shape_and_its_source() {
    let out = chronoatlas(&["areas", &layer_file(), "--on", "22 Sep 1950"]);
    assert!(out.status.success());
    let text = stdout(&out);
    let row = text.lines().find(|l| l.starts_with("front")).expect(&text);
    assert!(row.contains("Test line"), "{row}");
    assert!(
        row.contains("between keyframes 1950-09-15 and 1950-09-30 (approximate)"),
        "{row}"
    );
    assert!(row.contains("Sketch A, sheet 1; Sketch A, sheet 2"), "{row}");
    let bad = chronoatlas(&["areas", &layer_file(), "--on", "1950-02-30"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn validate_names_the_file_and_rejects_a_keyframe_without_a_citation() {
    let good = chronoatlas(&["validate", &layer_file()]);
    assert!(good.status.success(), "{}", stdout(&good));
    let dir = scratch("validate");
    let mut json: Value = serde_json::from_str(&std::fs::read_to_string(layer_file()).unwrap()).unwrap();
    json["map"]["features"][0]["keyframes"][1]["citations"] = serde_json::json!([]);
    json["events"][0]["citations"][0]["source"] = "nobody".into();
    let path = dir.join("uncited.chronicle.json");
    std::fs::write(&path, serde_json::to_string(&json).unwrap()).unwrap();
    let path = path.display().to_string();
    let out = chronoatlas(&["validate", &path]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(
        text.contains(&format!(
            "{path}: map feature test-line: keyframe 1950-09-30: no citation"
        )),
        "{text}"
    );
    assert!(
        text.contains("event line-starts: cites unknown source \"nobody\""),
        "{text}"
    );
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn export_with_a_layer_draws_its_features_and_credits_it() {
    let dir = scratch("export");
    let with = dir.join("with.svg");
    let without = dir.join("without.svg");
    let args = [
        "export",
        "--date",
        "1950-09-22",
        "--view",
        "korean-peninsula",
        "--size",
        "960x540",
    ];
    let out = chronoatlas(&[&args[..], &["--layer", &layer_file(), "-o", with.to_str().unwrap()]].concat());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = chronoatlas(&[&args[..], &["-o", without.to_str().unwrap()]].concat());
    assert!(out.status.success());
    let with = std::fs::read_to_string(with).unwrap();
    let without = std::fs::read_to_string(without).unwrap();
    assert!(with.contains("Test line") && !without.contains("Test line"));
    assert!(
        with.contains("Layer “A moving line (synthetic test layer)”"),
        "the layer's credit line"
    );
    let missing = chronoatlas(&["export", "--layer", "no-such.json", "-o", "x.svg"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("--layer no-such.json"));
    std::fs::remove_dir_all(dir).ok();
}

/// The default chronicle's scene on `on` over Korea, with the test layer shown or not.
fn scene_with_layer(on: &str, shown: bool) -> scene::Scene {
    let main = Chronicle::embedded_default();
    let timeline = Timeline::new(&main);
    let mut layer = Layer::new(chronicle::load_file(layer_file().as_ref()).unwrap(), "test".into());
    layer.shown = shown;
    let layers = [layer];
    let bbox = main.view("korean-peninsula").unwrap().bbox;
    let (w, s, e, n) = bbox.to_tuple();
    let projection = Projection::for_extent(w, s, e, n);
    let mut camera = Camera::new((0.0, 0.0), 1.0, (1280.0, 800.0));
    camera.fit_lonlat(&projection, (w, s, e, n), (1280.0, 800.0), 24.0);
    let mut base = BaseLayers::new(projection, &main.map);
    let mut state = ViewState::new(&main, &timeline);
    state.go_to(day(on));
    let context = Context {
        layers: &layers,
        selected: None,
    };
    let style = Style::atlas();
    scene::compose_with_layers(
        &main,
        &timeline,
        context,
        &mut base,
        &camera,
        &style,
        &state,
        OverlayOptions::default(),
    )
}

#[test]
fn a_layer_adds_a_dashed_front_a_filled_area_and_grey_clickable_events() {
    let style = Style::atlas();
    let scene = scene_with_layer("1950-09-15", true);
    let front_dashed = scene
        .primitives
        .iter()
        .any(|p| matches!(p, Primitive::Polyline { color, dash: Some(_), .. } if *color == style.front));
    assert!(front_dashed, "the approximate front is a dashed muted red line");
    assert!(
        scene
            .primitives
            .iter()
            .any(|p| matches!(p, Primitive::Area { triangles, .. } if triangles.len() >= 9))
    );
    let layer_markers: Vec<_> = scene.markers.iter().filter(|m| m.layer == Some(0)).collect();
    assert_eq!(layer_markers.len(), 1, "the layer's event of 15 September");
    let attribution = scene.texts().find(|t| t.kind == scene::TextKind::Attribution).unwrap();
    assert!(attribution.text.contains("Natural Earth") && attribution.text.contains("Test data (synthetic)"));

    let hidden = scene_with_layer("1950-09-15", false);
    assert!(hidden.markers.iter().all(|m| m.layer.is_none()));
    assert!(!hidden.primitives.iter().any(|p| matches!(p, Primitive::Area { .. })));
    assert!(!hidden.texts().any(|t| t.text.contains("Test data")));
}

#[test]
fn the_schema_describes_sources_citations_and_keyframes() {
    let out = chronoatlas(&["schema"]);
    let schema: Value = serde_json::from_slice(&out.stdout).unwrap();
    let defs = &schema["$defs"];
    assert!(defs["Metadata"]["properties"]["sources"].is_object());
    assert!(defs["Event"]["properties"]["citations"].is_object());
    assert!(defs["MapLayer"]["properties"]["features"].is_object());
    assert!(defs["Keyframe"]["properties"]["geometry"].is_object());
    let kinds: Vec<&str> = defs["FeatureKind"]["oneOf"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|k| k["const"].as_str())
        .collect();
    assert_eq!(kinds, ["front", "line", "area", "arrow"]);
}

#[test]
fn frames_with_a_layer_draw_it_on_every_frame() {
    let dir = scratch("frames");
    let args = |out: &std::path::Path, layer: bool| {
        let mut v = vec![
            "frames".to_string(),
            "--from".into(),
            "1950-09-20".into(),
            "--to".into(),
            "1950-09-21".into(),
            "--view".into(),
            "korean-peninsula".into(),
            "--size".into(),
            "480x270".into(),
            "-o".into(),
            out.display().to_string(),
        ];
        if layer {
            v.extend(["--layer".to_string(), layer_file()]);
        }
        v
    };
    let run = |v: Vec<String>| chronoatlas(&v.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(run(args(&dir.join("with"), true)).status.success());
    assert!(run(args(&dir.join("without"), false)).status.success());
    let frame =
        |sub: &str, n: usize, d: &str| std::fs::read(dir.join(sub).join(format!("frame-000{n}-{d}.png"))).unwrap();
    let (with_20, with_21) = (frame("with", 1, "1950-09-20"), frame("with", 2, "1950-09-21"));
    let (without_20, without_21) = (frame("without", 1, "1950-09-20"), frame("without", 2, "1950-09-21"));
    // Both frames of the span carry the layer (its front, its credit line).
    assert!(
        with_20 != without_20 && with_21 != without_21,
        "the layer is drawn on every frame"
    );
    std::fs::remove_dir_all(dir).ok();
}
