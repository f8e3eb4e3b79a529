//! A chronicle of one's own, in any script: places given only by name are found in the
//! shipped gazetteer (and marked so), names that are not found are reported, ids outside the
//! rule and GeoJSON problems point at their line and column, and names in Chinese, Korean,
//! Japanese and Russian render in the window and in exports without empty boxes.

mod common;

use chronoatlas::chronicle::Chronicle;
use chronoatlas::import::{FileFormat, Imported, load_any, read_bytes};
use chronoatlas::render::raster;
use std::path::{Path, PathBuf};
use std::process::Command;

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/world")
        .join(name)
}

fn read(text: &str, name: &str) -> Imported {
    read_bytes(text.as_bytes(), name, FileFormat::from_extension(Path::new(name))).expect("reads")
}

fn place_of<'a>(c: &'a Chronicle, title: &str) -> Option<&'a chronoatlas::chronicle::Place> {
    let event = c.events.iter().find(|e| e.title == title).expect(title);
    event.places.first().and_then(|id| c.place(id))
}

#[test]
fn places_without_coordinates_are_placed_by_name_and_marked() {
    let imported = load_any(&data("asia-1950-by-name.csv")).expect("reads");
    let c = &imported.chronicle;
    // Case and accents do not matter; the gazetteer's other names count.
    let pyongyang = place_of(c, "평양 falls to UN forces").expect("placed");
    let placed = pyongyang.placed_by_name.as_ref().expect("marked placed by name");
    assert_eq!((placed.matched.as_str(), placed.country.as_str()), ("Pyongyang", "KP"));
    assert!((pyongyang.lat - 39.03).abs() < 0.1 && (pyongyang.lon - 125.75).abs() < 0.1);
    let moscow = place_of(c, "Москва: the October parade").expect("placed");
    assert_eq!(
        moscow.placed_by_name.as_ref().map(|p| p.matched.as_str()),
        Some("Moscow")
    );
    assert_eq!(
        moscow.placed_by_name.as_ref().map(|p| p.country.as_str()),
        Some("RU"),
        "not Moscow, Idaho"
    );
    let tokyo = place_of(c, "東京 headquarters").expect("placed");
    assert_eq!(tokyo.placed_by_name.as_ref().map(|p| p.matched.as_str()), Some("Tokyo"));
    // Andong is Dandong's old name and a smaller Korean town's: the larger place wins…
    let andong = place_of(c, "Crossing at Andong").expect("placed");
    let placed = andong.placed_by_name.as_ref().expect("marked");
    assert_eq!((placed.matched.as_str(), placed.country.as_str()), ("Dandong", "CN"));
    // …unless the Country column says otherwise.
    let south = place_of(c, "Andong in the south").expect("placed");
    assert_eq!(south.placed_by_name.as_ref().map(|p| p.country.as_str()), Some("KR"));
    assert!(south.lat < 37.0, "the Korean Andong lies near 36.6° N: {}", south.lat);
    // The detail panel's lines say so.
    let event = c
        .events
        .iter()
        .find(|e| e.title == "Crossing at Andong")
        .expect("event");
    let lines = chronoatlas::chronicle::describe::place_lines(c, event);
    assert!(lines[0].contains("placed by name: Dandong, CN"), "{lines:?}");
}

#[test]
fn an_unmatched_name_is_reported_with_its_line_and_never_guessed() {
    let imported = load_any(&data("asia-1950-by-name.csv")).expect("reads");
    let c = &imported.chronicle;
    assert!(
        place_of(c, "Battle of the Chosin Reservoir").is_none(),
        "nothing guessed"
    );
    let report: Vec<String> = imported.problems.iter().map(|p| p.to_string()).collect();
    let chosin: Vec<_> = report.iter().filter(|p| p.contains("Chosin")).collect();
    assert_eq!(chosin.len(), 1, "{report:?}");
    assert!(
        chosin[0].contains("asia-1950-by-name.csv:8: row 8: place \"Chosin Reservoir\"")
            && chosin[0].contains("not in the gazetteer"),
        "{}",
        chosin[0]
    );
    // A near miss is not a match: only whole names count.
    let imported = read("Year,Headline,Place\n1950,A,Pyong\n1950,B,Pyongyang,\n", "near.csv");
    assert!(place_of(&imported.chronicle, "A").is_none());
    assert!(place_of(&imported.chronicle, "B").is_some());
    // A country in which the name is not found is said so, with where it is.
    let imported = read("Year,Headline,Place,Country\n1950,A,Andong,JP\n", "c.csv");
    assert!(place_of(&imported.chronicle, "A").is_none());
    assert!(
        imported.problems[0]
            .message
            .contains("not in the gazetteer in country JP, only in CN, KR"),
        "{}",
        imported.problems[0]
    );
}

#[test]
fn a_geojson_feature_without_geometry_is_placed_by_name() {
    let text = r#"{"type": "FeatureCollection", "features": [
  {"type": "Feature", "geometry": null, "properties": {"title": "Mao in Moscow", "date": "1949-12-16", "place": "Moskva"}},
  {"type": "Feature", "geometry": null, "properties": {"title": "Nowhere", "date": "1950", "place": "Nowhere Town"}}
]}"#;
    let imported = read(text, "by-name.geojson");
    let moscow = place_of(&imported.chronicle, "Mao in Moscow").expect("placed");
    assert_eq!(
        moscow.placed_by_name.as_ref().map(|p| p.matched.as_str()),
        Some("Moscow")
    );
    assert!(place_of(&imported.chronicle, "Nowhere").is_none());
    assert!(
        imported.problems[0]
            .to_string()
            .starts_with("by-name.geojson:3:3: feature 2 \"Nowhere\": place \"Nowhere Town\""),
        "{}",
        imported.problems[0]
    );
}

#[test]
fn geojson_problems_name_the_line_and_column_of_the_feature() {
    let text = "{\"type\": \"FeatureCollection\",\n \"features\": [\n  {\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [1, 2]}, \"properties\": {\"title\": \"Fine\", \"date\": \"1950\"}},\n\n    {\"type\": \"Feature\", \"geometry\": {\"type\": \"Point\", \"coordinates\": [1, 2]}, \"properties\": {\"title\": \"Undated\"}}\n ]}";
    let imported = read(text, "lines.geojson");
    assert_eq!(imported.chronicle.events.len(), 1);
    let problem = imported.problems[0].to_string();
    assert!(
        problem.starts_with("lines.geojson:5:5: feature 2 \"Undated\": "),
        "{problem}"
    );
}

#[test]
fn ids_outside_the_rule_are_reported_with_line_and_column() {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/moving-line.chronicle.json"))
            .expect("fixture");
    let mut chronicle: serde_json::Value = serde_json::from_str(&text).expect("json");
    chronicle["threads"] = serde_json::json!([{ "id": "Bad Thread", "name": "A thread" }]);
    let text = serde_json::to_string_pretty(&chronicle).expect("json");
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("ids.chronicle.json");
    std::fs::write(&path, &text).expect("write");
    let (line, column) = text
        .lines()
        .enumerate()
        .find_map(|(n, l)| l.find("\"Bad Thread\"").map(|c| (n + 1, c + 1)))
        .expect("in the text");
    let imported = load_any(&path).expect("reads");
    let problem = imported
        .problems
        .iter()
        .find(|p| p.message.contains("outside the rule"))
        .expect("reported on load");
    assert_eq!((problem.line, problem.column), (line, column), "{problem}");
    assert!(problem.to_string().contains("thread \"Bad Thread\""), "{problem}");
    assert!(problem.message.contains("capital letter 'B'"), "{problem}");
    // validate reports it too, and fails.
    let out = Command::new(env!("CARGO_BIN_EXE_chronoatlas"))
        .arg("validate")
        .arg(&path)
        .output()
        .expect("runs");
    let said = String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(
        said.contains(&format!("ids.chronicle.json:{line}:{column}: thread \"Bad Thread\"")),
        "{said}"
    );
}

#[test]
fn overlong_titles_and_quotes_in_a_chronicle_point_at_their_line() {
    let text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/moving-line.chronicle.json"))
            .expect("fixture");
    let mut chronicle: serde_json::Value = serde_json::from_str(&text).expect("json");
    let events = chronicle["events"].as_array_mut().expect("events");
    assert!(!events.is_empty());
    events[0]["quote"] = serde_json::Value::String("q".repeat(chronoatlas::import::QUOTE_LIMIT + 1));
    let text = serde_json::to_string_pretty(&chronicle).expect("json");
    let line = text.lines().position(|l| l.contains("\"qqqq")).expect("quote") + 1;
    let imported = read(&text, "long.json");
    let problem = imported
        .problems
        .iter()
        .find(|p| p.message.contains("quote longer"))
        .expect("reported");
    assert_eq!(problem.line, line, "{problem}");
    assert!(
        problem.message.contains("(20001; the limit is a few pages)"),
        "{problem}"
    );
}

/// Renders `text` alone, black on white, with the export's fonts.
fn render(text: &str) -> Vec<u8> {
    let svg = format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><rect width="200" height="40" fill="#ffffff"/><text x="4" y="28" font-family="Ubuntu, sans-serif" font-size="24" fill="#000000">{text}</text></svg>"##
    );
    raster::svg_to_rgba(&svg, 200, 40).expect("renders").pixels
}

#[test]
fn names_in_any_script_render_in_the_png_export_without_empty_boxes() {
    for name in ["北京", "평양", "東京", "Москва"] {
        let drawn = render(name);
        let ink = drawn.chunks(4).filter(|p| p[0] < 128).count();
        assert!(ink > 40, "{name}: {ink} dark pixels");
        // A character no font has (a private-use one) draws the .notdef box, or nothing; the
        // name, as many characters long, draws something else.
        let missing: String = name.chars().map(|_| '\u{e000}').collect();
        assert_ne!(drawn, render(&missing), "{name} drew as missing glyphs");
        assert!(chronoatlas::fonts::missing(name).is_empty(), "{name}");
    }
    // The glyphs differ from one another: 北 and 京 are not one box twice.
    assert_ne!(render("北"), render("京"));
}

#[test]
fn names_in_any_script_have_their_glyphs_in_the_window() {
    let imported = load_any(&data("asia-1950-by-name.csv")).expect("reads");
    let mut harness = egui_kittest::Harness::builder()
        .with_size(eframe::egui::vec2(1400.0, 900.0))
        .with_max_steps(64)
        .build_eframe(|_cc| chronoatlas::app::ChronoatlasApp::new(imported.chronicle, "asia.csv".into()));
    harness.run_steps(3);
    let font = eframe::egui::FontId::proportional(14.0);
    for name in ["北京", "평양", "東京", "Москва"] {
        assert!(
            harness.ctx.fonts_mut(|f| f.has_glyphs(&font, name)),
            "the window's fonts lack a glyph of {name}"
        );
    }
    // egui's own fonts alone lack them: the bundled fallback is what draws them.
    let plain = eframe::egui::Context::default();
    plain.set_fonts(eframe::egui::FontDefinitions::default());
    let mut output = plain.run_ui(Default::default(), |_| {});
    output.textures_delta.clear();
    assert!(!plain.fonts_mut(|f| f.has_glyphs(&font, "北京")));
}

#[test]
fn events_and_validate_say_placed_by_name() {
    let file = data("asia-1950-by-name.csv");
    let out = Command::new(env!("CARGO_BIN_EXE_chronoatlas"))
        .arg("events")
        .arg(&file)
        .output()
        .expect("runs");
    let table = String::from_utf8_lossy(&out.stdout);
    let row = table.lines().find(|l| l.contains("평양 falls")).expect("row");
    assert!(row.contains("placed by name"), "{table}");
    // Wide scripts take two terminal columns a character; the place column starts at one column
    // on every row all the same.
    let place_column = |line: &str| {
        let at = line.find(" placed by name").expect("a note");
        let before = line[..at].trim_end();
        let place_start = before.rfind("  ").expect("two spaces before the place") + 2;
        unicode_width::UnicodeWidthStr::width(&line[..place_start])
    };
    let rows: Vec<&str> = table.lines().filter(|l| l.contains("placed by name")).collect();
    assert!(rows.len() >= 4, "{table}");
    let first = place_column(rows[0]);
    assert!(rows.iter().all(|r| place_column(r) == first), "{table}");
    let out = Command::new(env!("CARGO_BIN_EXE_chronoatlas"))
        .arg("validate")
        .arg(&file)
        .output()
        .expect("runs");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.lines()
            .any(|l| l.contains("placed by name: Pyongyang, KP") && l.contains("check it")),
        "{said}"
    );
}
