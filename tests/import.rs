//! Importing the formats lecturers have (TimelineJS CSV, GeoJSON, KML/KMZ): what each maps to,
//! the problems each reports, and hostile files that must fail cleanly.

use chrono::NaiveDate;
use chronoatlas::chronicle::{Chronicle, Precision, validate};
use chronoatlas::import::{FileFormat, Imported, load_any, read_bytes};
use std::path::Path;

fn data(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/import")
        .join(name)
}

fn read(bytes: &[u8], name: &str) -> Result<Imported, String> {
    read_bytes(bytes, name, FileFormat::from_extension(Path::new(name))).map_err(|e| e.to_string())
}

fn event<'a>(c: &'a Chronicle, title: &str) -> &'a chronoatlas::chronicle::Event {
    c.events.iter().find(|e| e.title == title).expect(title)
}

#[test]
fn a_timelinejs_sheet_without_coordinates_reads_dates_threads_and_reports_each_place() {
    let imported = load_any(&data("korea-1950-timelinejs.csv")).expect("reads");
    let c = &imported.chronicle;
    assert_eq!(imported.format, FileFormat::Csv);
    assert_eq!(c.metadata.title, "The Korean War in outline");
    assert_eq!(c.events.len(), 5);
    let inchon = event(c, "Battle of Inchon");
    assert_eq!(inchon.date.to_string(), "1950-09-15/1950-09-19");
    assert_eq!(inchon.date_text, "15–19 September 1950");
    assert_eq!(
        c.thread(inchon.thread.as_deref().expect("group"))
            .map(|t| t.name.as_str()),
        Some("UN offensive")
    );
    // No day gives month precision.
    assert_eq!(
        event(c, "Battle of the Chosin Reservoir").date.precision(),
        Precision::Month
    );
    assert_eq!(c.periods.len(), 1, "the era row is a period");
    // Ongjin and Inchon are in the gazetteer (placed by name); the other three are not, and
    // nothing is guessed for them.
    let placed: Vec<_> = c.places.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(placed, ["Ongjin", "Inchon"]);
    assert!(c.places.iter().all(|p| p.placed_by_name.is_some()));
    let unmatched: Vec<_> = imported
        .problems
        .iter()
        .filter(|p| p.message.contains("is not in the gazetteer"))
        .collect();
    assert_eq!(unmatched.len(), 3, "{:?}", imported.problems);
    assert!(
        unmatched[0]
            .to_string()
            .contains("korea-1950-timelinejs.csv:5: row 5: place \"Wake Island\""),
        "{}",
        unmatched[0]
    );
    assert!(!imported.dropped());
    assert!(validate(c, None).is_empty(), "{:?}", validate(c, None));
}

#[test]
fn csv_headers_are_matched_in_any_case_with_a_bom_and_coordinates_make_places() {
    let text = "\u{feff}YEAR,month,Day,HEADLINE,latitude,LONGITUDE,place,Display date\n\
                1950,10,19,Chinese troops cross the Yalu,40.1,124.4,Andong,19 October\n\
                1950,,,A year-only row,,,,\n";
    let imported = read(text.as_bytes(), "x.csv").expect("reads");
    let c = &imported.chronicle;
    let yalu = event(c, "Chinese troops cross the Yalu");
    let place = c.place(&yalu.places[0]).expect("place");
    assert_eq!((place.name.as_str(), place.lon, place.lat), ("Andong", 124.4, 40.1));
    assert_eq!(event(c, "A year-only row").date.precision(), Precision::Year);
    assert!(imported.problems.is_empty(), "{:?}", imported.problems);
}

#[test]
fn a_windows_1252_sheet_is_read_with_its_accents_and_dashes() {
    // "Pétain – Vichy" in Windows-1252: é is 0xE9, the en dash 0x96.
    let mut bytes = b"Year,Headline\n1940,P".to_vec();
    bytes.extend([0xE9]);
    bytes.extend(b"tain ");
    bytes.extend([0x96]);
    bytes.extend(b" Vichy\n");
    let imported = read(&bytes, "vichy.csv").expect("reads");
    assert_eq!(imported.chronicle.events[0].title, "Pétain – Vichy");
    assert!(imported.problems.iter().any(|p| p.message.contains("Windows-1252")));
}

#[test]
fn ragged_rows_are_left_out_with_their_line_and_bad_dates_too() {
    let text = "Year,Month,Headline\n1950,6,Fine\n1950,6,Shifted, by a comma\n1950,13,Bad month\n";
    let imported = read(text.as_bytes(), "r.csv").expect("reads");
    assert_eq!(imported.chronicle.events.len(), 1);
    let lines: Vec<String> = imported.problems.iter().map(|p| p.to_string()).collect();
    assert!(
        lines[0].starts_with("r.csv:3: row 3: 4 cells but 3 headers"),
        "{lines:?}"
    );
    assert!(lines[1].starts_with("r.csv:4: row 4: month 13"), "{lines:?}");
    assert!(imported.dropped());
}

#[test]
fn an_unterminated_quote_is_an_error_at_its_line() {
    let text = "Year,Headline\n1950,Fine\n1950,\"Never closed\n1951,Swallowed\n";
    let e = read(text.as_bytes(), "q.csv").expect_err("refused");
    assert!(e.starts_with("q.csv:3:1: a quoted cell"), "{e}");
}

#[test]
fn a_geojson_journey_across_the_antimeridian_is_drawn_the_short_way() {
    let imported = load_any(&data("truman-wake-island.geojson")).expect("reads");
    let c = &imported.chronicle;
    assert_eq!(c.movements.len(), 2);
    assert_eq!(c.events.len(), 1);
    let truman = &c.movements[0];
    assert_eq!(truman.route.len(), 2);
    assert_eq!(
        c.place(&truman.route[0].place).map(|p| p.name.as_str()),
        Some("Honolulu")
    );
    assert!(validate(c, None).is_empty(), "{:?}", validate(c, None));
    // It opens on the Pacific, not on the whole world.
    let home = c.home_extent();
    assert!(home.crosses_antimeridian() && home.width_degrees() < 180.0, "{home}");
    assert!(c.places.iter().all(|p| home.contains(p.lon, p.lat)), "{home}");
    // The same journey by ship (a straight line in degrees) and by air (a great circle).
    for mode in ["ship", "flight"] {
        let text = std::fs::read_to_string(data("truman-wake-island.geojson"))
            .unwrap()
            .replace("\"flight\"", &format!("\"{mode}\""));
        let c = read(text.as_bytes(), "w.geojson").expect("reads").chronicle;
        let day = NaiveDate::from_ymd_opt(1950, 10, 15).unwrap();
        let journeys = chronoatlas::timeline::show::journeys_on(&c, day, Default::default());
        let path = &journeys.iter().find(|j| j.movement == 0).expect("under way").path;
        assert!(
            path.iter().all(|&(lon, _)| lon.abs() >= 150.0),
            "{mode}: the path goes round the long way"
        );
    }
}

#[test]
fn geojson_named_json_is_recognised_by_its_content() {
    let text = std::fs::read(data("truman-wake-island.geojson")).unwrap();
    let imported = read(&text, "qgis-export.json").expect("reads");
    assert_eq!(imported.format, FileFormat::GeoJson);
    assert_eq!(imported.chronicle.movements.len(), 2);
}

#[test]
fn geojson_features_without_a_date_or_with_polygons_are_reported_and_left_out() {
    let text = r#"{"type":"FeatureCollection","features":[
        {"type":"Feature","geometry":{"type":"Point","coordinates":[126.9,37.5]},"properties":{"name":"Seoul"}},
        {"type":"Feature","geometry":{"type":"Polygon","coordinates":[]},"properties":{"name":"Zone","date":"1950"}},
        {"type":"Feature","geometry":{"type":"Point","coordinates":[126.9,137.5]},"properties":{"name":"Swapped","date":"1950"}},
        {"type":"Feature","geometry":null,"properties":{"title":"No place","when":"1950-06-25T04:00:00Z","thread":"war"}}
    ]}"#;
    let imported = read(text.as_bytes(), "f.geojson").expect("reads");
    let messages: Vec<String> = imported.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(imported.chronicle.events.len(), 1, "{messages:?}");
    assert_eq!(imported.chronicle.events[0].date.to_string(), "1950-06-25");
    assert!(messages[0].contains("feature 1 \"Seoul\": no date"), "{messages:?}");
    assert!(messages[1].contains("Polygon is not read"), "{messages:?}");
    assert!(messages[2].contains("latitude 137.5"), "{messages:?}");
}

#[test]
fn kml_timespans_folders_and_extended_data_are_read() {
    let imported = load_any(&data("korea-1950-timespans.kml")).expect("reads");
    let c = &imported.chronicle;
    assert_eq!(c.metadata.title, "Korea, autumn 1950");
    assert_eq!(c.events.len(), 4);
    let inchon = event(c, "Battle of Inchon");
    assert_eq!(inchon.date.to_string(), "1950-09-15/1950-09-19");
    assert_eq!(
        c.thread(inchon.thread.as_deref().expect("folder"))
            .map(|t| t.name.as_str()),
        Some("UN offensive")
    );
    assert!(inchon.summary.ends_with("operation: Chromite"), "{}", inchon.summary);
    let place = c.place(&inchon.places[0]).expect("place");
    assert_eq!((place.lon, place.lat), (126.60, 37.47));
    assert_eq!(event(c, "Armistice signed at Panmunjom").thread, None);
    assert!(imported.problems.is_empty(), "{:?}", imported.problems);
    assert!(validate(c, None).is_empty());
}

#[test]
fn a_gx_track_becomes_a_journey_dated_at_each_point() {
    let text = r#"<kml xmlns="http://www.opengis.net/kml/2.2" xmlns:gx="http://www.google.com/kml/ext/2.2"><Document>
      <Placemark><name>March</name><gx:Track>
        <when>1950-10-19</when><when>1950-10-20</when><when>1950-10-25T06:00:00Z</when>
        <gx:coord>124.4 40.1 0</gx:coord><gx:coord>125.0 40.5 0</gx:coord><gx:coord>125.5 40.9 0</gx:coord>
      </gx:Track></Placemark></Document></kml>"#;
    let c = read(text.as_bytes(), "t.kml").expect("reads").chronicle;
    let dates: Vec<String> = c.movements[0]
        .route
        .iter()
        .map(|w| w.date.as_ref().unwrap().to_string())
        .collect();
    assert_eq!(dates, ["1950-10-19", "1950-10-20", "1950-10-25"]);
}

#[test]
fn a_kmz_is_unpacked_and_one_that_unpacks_too_far_is_refused() {
    use std::io::Write;
    let zip = |name: &str, content: &[u8]| {
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        w.start_file(name, options).unwrap();
        w.write_all(content).unwrap();
        w.finish().unwrap().into_inner()
    };
    let kml = std::fs::read(data("korea-1950-timespans.kml")).unwrap();
    let imported = read_bytes(&zip("doc.kml", &kml), "k.kmz", None).expect("reads by content");
    assert_eq!(imported.format, FileFormat::Kmz);
    assert_eq!(imported.chronicle.events.len(), 4);
    let bomb = zip("doc.kml", &vec![b' '; 257 * 1024 * 1024]);
    assert!(bomb.len() < 1024 * 1024);
    let e = read(&bomb, "bomb.kmz").expect_err("refused");
    assert!(e.contains("unpacks to more than 256 MiB"), "{e}");
}

#[test]
fn xml_entities_are_never_expanded_nor_external_files_read() {
    let bomb = r#"<?xml version="1.0"?>
<!DOCTYPE kml [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<kml><Document><Placemark><name>&b;</name></Placemark></Document></kml>"#;
    let e = read(bomb.as_bytes(), "bomb.kml").expect_err("refused");
    assert_eq!(
        e,
        "bomb.kml:3:1: entity &b; is not expanded: DTDs and entities are never read"
    );
    let external = r#"<?xml version="1.0"?>
<!DOCTYPE kml [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<kml><Document><Placemark><name>&x;</name></Placemark></Document></kml>"#;
    let e = read(external.as_bytes(), "ext.kml").expect_err("refused");
    assert!(e.contains("entity &x; is not expanded"), "{e}");
}

#[test]
fn hostile_files_fail_with_the_file_and_line() {
    let cases: [(&str, &[u8], &str); 7] = [
        ("empty.json", b"  \n", "empty.json: the file is empty"),
        ("binary.kml", b"\x00\x01\xff<kml>", "binary.kml:1:1: not valid UTF-8"),
        ("truncated.kml", b"<kml><Document><Placemark><name>x", "truncated.kml:1"),
        ("truncated.json", b"{\"metadata\": {\"title\": ", "truncated.json:1:"),
        (
            "array.json",
            b"[{\"type\": \"Feature\"}]",
            "array.json:1:1: a top-level array",
        ),
        (
            "unknown.dat",
            b"\x7fELF\x02\x01",
            "unknown.dat: not a format chronoatlas reads",
        ),
        (
            "bad.geojson",
            b"{\"type\": \"Topology\"}",
            "bad.geojson: not a GeoJSON FeatureCollection",
        ),
    ];
    for (name, bytes, expected) in cases {
        let e = read(bytes, name).err().unwrap_or_else(|| panic!("{name} was accepted"));
        assert!(e.starts_with(expected), "{name}: {e}");
    }
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let e = read(
        format!("{{\"type\":\"FeatureCollection\",\"features\":{deep}}}").as_bytes(),
        "deep.geojson",
    )
    .expect_err("refused");
    assert!(e.contains("recursion limit"), "{e}");
    let deep_xml = format!("<kml>{}", "<Folder>".repeat(10_000));
    let e = read(deep_xml.as_bytes(), "deep.kml").expect_err("refused");
    assert!(e.contains("nested deeper than"), "{e}");
    let wide_xml = format!("<kml>{}</kml>", "<a/>".repeat(2_000_001));
    let e = read(wide_xml.as_bytes(), "wide.kml").expect_err("refused");
    assert!(e.contains("more than 2000000 elements"), "{e}");
}

#[test]
fn a_file_larger_than_the_limit_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.geojson");
    // Sparse: takes no disk space, but is larger than any chronicle.
    std::fs::File::create(&path)
        .unwrap()
        .set_len(257 * 1024 * 1024)
        .unwrap();
    let e = load_any(&path).expect_err("refused").to_string();
    assert!(
        e.ends_with("huge.geojson: larger than the limit of 256 MiB; not read"),
        "{e}"
    );
}

#[test]
fn overlong_titles_and_quotes_are_left_out_with_a_message() {
    let long = "x".repeat(chronoatlas::import::TITLE_LIMIT + 1);
    let text = format!(
        "Year,Headline,Quote\n1950,{long},\n1950,Short,{}\n",
        "q".repeat(chronoatlas::import::QUOTE_LIMIT + 1)
    );
    let imported = read(text.as_bytes(), "l.csv").expect("reads");
    assert_eq!(imported.chronicle.events.len(), 1);
    assert!(imported.chronicle.events[0].quote.is_empty());
    let said = |start: &str| imported.problems.iter().any(|p| p.message.starts_with(start));
    assert!(
        said("title longer than 500 characters (501;"),
        "{:?}",
        imported.problems
    );
    assert!(
        said("quote longer than 20000 characters (20001;"),
        "{:?}",
        imported.problems
    );
}
