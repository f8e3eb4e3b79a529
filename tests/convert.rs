//! `chronoatlas convert` and the other commands on imported files, run as a user runs them.

use std::path::PathBuf;
use std::process::{Command, Output};

fn chronoatlas(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chronoatlas"))
        .args(args)
        .output()
        .expect("binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn data(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/import")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn convert_writes_each_format_and_refuses_to_clobber() {
    let dir = tempfile::tempdir().unwrap();
    for ext in ["geojson", "csv", "kml", "json"] {
        let out = dir.path().join(format!("korea.{ext}"));
        let out = out.to_str().unwrap();
        let o = chronoatlas(&["convert", &data("korea-1950-timespans.kml"), "-o", out]);
        assert_eq!(o.status.code(), Some(0), "{ext}: {}", text(&o.stderr));
        assert!(
            text(&o.stdout).contains("wrote 4 events, 4 places"),
            "{}",
            text(&o.stdout)
        );
        // What was written reads back with the same events.
        let listed = chronoatlas(&["events", out]);
        assert_eq!(listed.status.code(), Some(0), "{ext}: {}", text(&listed.stderr));
        assert!(text(&listed.stdout).contains("27 November – 13 December 1950  Battle of the Chosin Reservoir"));
        let again = chronoatlas(&["convert", &data("korea-1950-timespans.kml"), "-o", out]);
        assert_eq!(again.status.code(), Some(2));
        assert!(text(&again.stderr).contains("the file exists; give --overwrite to replace it"));
        let replaced = chronoatlas(&["convert", &data("korea-1950-timespans.kml"), "-o", out, "--overwrite"]);
        assert_eq!(replaced.status.code(), Some(0), "{}", text(&replaced.stderr));
    }
}

#[test]
fn convert_names_what_the_target_format_cannot_hold() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("wake.csv");
    let o = chronoatlas(&[
        "convert",
        &data("truman-wake-island.geojson"),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(
        text(&o.stderr).contains("2 journey(s) not written: CSV has no place for them"),
        "{}",
        text(&o.stderr)
    );
    let bad = chronoatlas(&["convert", &data("truman-wake-island.geojson"), "-o", "x.txt"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr).contains("-o x.txt: the name must end in .json, .csv, .geojson or .kml"));
    assert!(!PathBuf::from("x.txt").exists());
}

#[test]
fn a_file_with_records_left_out_is_listed_then_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sheet.csv");
    std::fs::write(&path, "Year,Headline\n1950,Kept\n,No year\n").unwrap();
    let o = chronoatlas(&["events", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stdout).contains("Kept"), "the command still does its work");
    let err = text(&o.stderr);
    assert!(err.contains("sheet.csv:3: row 3: no Year; row left out"), "{err}");
    assert!(err.contains("records were left out"), "{err}");
}

#[test]
fn validate_and_events_read_every_format() {
    for name in [
        "korea-1950-timelinejs.csv",
        "truman-wake-island.geojson",
        "korea-1950-timespans.kml",
    ] {
        let o = chronoatlas(&["validate", &data(name)]);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", text(&o.stderr));
        assert!(text(&o.stdout).contains(": valid: "));
    }
    let o = chronoatlas(&["events", &data("truman-wake-island.geojson"), "--format", "json"]);
    assert!(text(&o.stdout).contains("\"lon\": 166.65"), "{}", text(&o.stdout));
}
