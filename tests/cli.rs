//! The command line, run as a user runs it.

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

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
        .display()
        .to_string()
}

fn paper() -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/sources/chen-jian-1992-sino-soviet-alliance-korean-war.txt");
    assert!(path.exists(), "the source text is expected at {}", path.display());
    path.display().to_string()
}

#[test]
fn validate_passes_on_the_embedded_chronicle_against_the_paper() {
    let out = chronoatlas(&["validate", "--source", &paper()]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    assert!(stdout(&out).contains("valid:"), "{}", stdout(&out));
}

#[test]
fn validate_names_each_problem_and_exits_2() {
    let file = fixture("bad-references.json");
    let out = chronoatlas(&["validate", &file]);
    assert_eq!(out.status.code(), Some(2));
    let text = stdout(&out);
    assert!(
        text.contains(&format!("{file}: event nowhere: unknown place \"atlantis\"")),
        "{text}"
    );
    assert!(
        text.lines().all(|l| l.starts_with(&file)),
        "one line per problem, each naming the file"
    );
}

#[test]
fn a_syntax_error_gives_file_line_and_column() {
    let file = fixture("syntax-error.json");
    let out = chronoatlas(&["validate", &file]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains(&format!("{file}:6:5:")), "{}", stderr(&out));
}

#[test]
fn a_quote_missing_from_the_source_fails_validation() {
    let dir = std::env::temp_dir().join(format!("chronoatlas-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let source = dir.join("other.txt");
    std::fs::write(&source, "Nothing of the kind.").unwrap();
    let out = chronoatlas(&[
        "validate",
        &fixture("voyage-1492.chronicle.json"),
        "--source",
        source.to_str().unwrap(),
    ]);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stdout(&out).contains("event landfall: quote not found verbatim"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn events_on_19_october_1950_include_the_yalu_crossing_as_json() {
    let out = chronoatlas(&["events", "--on", "1950-10-19", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let events: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let events = events.as_array().unwrap();
    let yalu = events
        .iter()
        .find(|e| e["place"] == "the Yalu River" && e["start"] == "1950-10-19");
    let yalu = yalu.unwrap_or_else(|| panic!("no Yalu event on 19 October: {events:#?}"));
    for key in [
        "id",
        "title",
        "end",
        "precision",
        "date_text",
        "lon",
        "lat",
        "location_precision",
        "quote",
        "footnotes",
        "disputed",
    ] {
        assert!(yalu.get(key).is_some(), "missing {key}");
    }
    assert_eq!(yalu["precision"], "day");
    for e in events {
        assert!(e["start"].as_str().unwrap() <= "1950-10-19" && e["end"].as_str().unwrap() >= "1950-10-19");
    }
}

#[test]
fn the_autumn_1950_table_reads_in_date_order() {
    let out = chronoatlas(&[
        "events",
        "--from",
        "15 Sep 1950",
        "--to",
        "October 19, 1950",
        "--format",
        "table",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let at = |needle: &str| {
        text.find(needle)
            .unwrap_or_else(|| panic!("{needle:?} missing from\n{text}"))
    };
    assert!(at("Friday, 15 September 1950") < at("Saturday, 30 September 1950"));
    assert!(at("Saturday, 30 September 1950") < at("Sunday, 8 October 1950"));
    assert!(at("Sunday, 8 October 1950") < at("9–10 October 1950"));
    assert!(at("9–10 October 1950") < at("Thursday, 19 October 1950"));
    assert!(text.lines().next().unwrap().starts_with("DATE"));
}

#[test]
fn events_work_on_any_chronicle_and_refuse_bad_dates() {
    let out = chronoatlas(&["events", &fixture("voyage-1492.chronicle.json"), "--format", "json"]);
    let events: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<_> = events
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["departure", "canaries-stay", "landfall"]);

    let out = chronoatlas(&["events", "--on", "1950-02-30"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("invalid date \"1950-02-30\""), "{}", stderr(&out));
    let out = chronoatlas(&["events", "--from", "1950-10-19", "--to", "1950-10-01"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn schema_describes_the_file_format() {
    let out = chronoatlas(&["schema"]);
    assert!(out.status.success());
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(schema["title"], "Chronicle");
    assert!(schema["$defs"]["Event"]["properties"]["quote"].is_object());
    assert!(schema["$defs"]["HistoricalDate"]["pattern"].is_string());
}
