//! The command line, run as a user runs it.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

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
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("data/sources/chen-jian-1992-sino-soviet-alliance-korean-war.txt")
        .display()
        .to_string()
}

/// A fresh folder for one test's files.
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("chronoatlas-cli-{test}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The 1492 fixture with `change` applied, written into `dir`.
fn voyage_with(dir: &Path, change: impl FnOnce(&mut serde_json::Value)) -> String {
    let text = std::fs::read_to_string(fixture("voyage-1492.chronicle.json")).unwrap();
    let mut chronicle: serde_json::Value = serde_json::from_str(&text).unwrap();
    change(&mut chronicle);
    let path = dir.join("changed.chronicle.json");
    std::fs::write(&path, serde_json::to_string_pretty(&chronicle).unwrap()).unwrap();
    path.display().to_string()
}

#[test]
fn validate_passes_on_the_embedded_chronicle_against_the_paper() {
    let out = chronoatlas(&["validate", "--source", &paper()]);
    assert!(out.status.success(), "{}{}", stdout(&out), stderr(&out));
    assert!(stdout(&out).contains("valid:"), "{}", stdout(&out));
}

#[test]
fn validate_without_arguments_checks_the_embedded_chronicle_against_the_embedded_paper() {
    let out = chronoatlas(&["validate"]);
    assert_eq!(out.status.code(), Some(0), "{}{}", stdout(&out), stderr(&out));
    assert!(
        stdout(&out).contains(
            "valid: " // counts follow
        ) && stdout(&out).contains(
            "quotes checked against data/sources/chen-jian-1992-sino-soviet-alliance-korean-war.txt (embedded)"
        ),
        "{}",
        stdout(&out)
    );
}

#[test]
fn validate_of_another_file_says_its_quotes_were_not_checked() {
    let out = chronoatlas(&["validate", &fixture("voyage-1492.chronicle.json")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("quotes not checked"), "{}", stdout(&out));
}

#[test]
fn validate_names_each_problem_and_exits_1() {
    let file = fixture("bad-references.json");
    let out = chronoatlas(&["validate", &file]);
    assert_eq!(out.status.code(), Some(1));
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
    assert_eq!(out.status.code(), Some(1));
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
    assert!(
        stderr(&out).contains("--on: invalid date \"1950-02-30\": February 1950 has no 30th day"),
        "{}",
        stderr(&out)
    );
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

#[test]
fn exit_codes_are_0_ok_1_invalid_2_usage_or_input_error() {
    let dir = scratch("exit-codes");
    let unreadable = dir.join("missing.chronicle.json").display().to_string();
    let cases: [(&[&str], i32); 8] = [
        (&["validate", &fixture("voyage-1492.chronicle.json")], 0),
        (&["events", "--on", "1950-10-19"], 0),
        (&["validate", &fixture("bad-references.json")], 1),
        (&["validate", &fixture("syntax-error.json")], 2),
        (&["validate", &unreadable], 2),
        (&["validate", "--source", &unreadable], 2),
        (&["events", "--on", "someday"], 2),
        (&["events", "--no-such-flag"], 2),
    ];
    for (args, code) in cases {
        let out = chronoatlas(args);
        assert_eq!(out.status.code(), Some(code), "{args:?}: {}", stderr(&out));
        if code == 0 {
            assert!(stderr(&out).is_empty(), "{args:?}: {}", stderr(&out));
        } else {
            assert!(stderr(&out).starts_with("chronoatlas: ") || stderr(&out).starts_with("error:"));
        }
    }
    std::fs::remove_dir_all(&dir).ok();
    for args in [&["--help"][..], &["validate", "--help"]] {
        let out = chronoatlas(args);
        assert_eq!(out.status.code(), Some(0));
        let help = stdout(&out);
        assert!(help.contains("Exit codes:"), "{help}");
        for line in ["0  success", "1  validate found problems", "2  usage or input error"] {
            assert!(help.contains(line), "{line:?} missing from\n{help}");
        }
    }
}

#[test]
fn a_reader_that_stops_early_ends_the_output_quietly() {
    // The JSON list is far larger than a pipe's buffer, so the command is still writing when
    // the reader goes away, whatever the timing.
    let mut child = Command::new(env!("CARGO_BIN_EXE_chronoatlas"))
        .args(["events", "--format", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary runs");
    let mut first = [0u8; 16];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The read end is closed here, as `| head -c 16` would.
    let out = child.wait_with_output().unwrap();
    assert_eq!(&first[..1], b"[");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));

    let full = chronoatlas(&["events", "--format", "json"]);
    assert!(
        full.stdout.len() > 1 << 17,
        "the test needs more output than a pipe holds"
    );
}

#[test]
fn table_columns_are_cut_to_a_width_and_json_keeps_the_whole_text() {
    let dir = scratch("wide");
    // Just under the title limit (500 characters; a longer title leaves its event out).
    let huge = "Landfall and a very long account ".repeat(15);
    let file = voyage_with(&dir, |c| {
        c["events"][0]["title"] = huge.clone().into();
        c["places"][1]["name"] = "San Salvador\n(Guanahani), as the admiral named it on landing".into();
    });
    let out = chronoatlas(&["events", &file, "--format", "table"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.len() < 2_000, "the table is {} bytes", text.len());
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 5, "header, three events, count:\n{text}");
    let landfall = lines.iter().find(|l| l.contains("Landfall")).unwrap();
    assert!(landfall.contains(&format!("{}…", &huge[..71])), "{landfall}");
    assert!(landfall.contains("San Salvador (Guanahani), as th…"), "{landfall}");
    // Columns line up: the event column starts where the header's does.
    let column = |line: &str, needle: &str| line.find(needle).map(|at| line[..at].chars().count());
    assert_eq!(column(landfall, "Landfall"), column(lines[0], "EVENT"));
    assert_eq!(column(landfall, "San Salvador"), column(lines[0], "PLACE"));
    assert!(
        lines.iter().all(|l| l.chars().count() <= 40 + 72 + 32 + 48 + 6),
        "{text}"
    );

    let out = chronoatlas(&["events", &file, "--format", "json"]);
    let events: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let title = events
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "landfall")
        .unwrap()["title"]
        .clone();
    assert_eq!(title.as_str().map(str::len), Some(huge.len()));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_mistyped_command_is_not_taken_for_a_file() {
    for (typed, meant) in [("valdate", "validate"), ("evnts", "events"), ("shema", "schema")] {
        let out = chronoatlas(&[typed]);
        assert_eq!(out.status.code(), Some(2), "{typed}");
        assert_eq!(
            stderr(&out).trim_end(),
            format!("chronoatlas: no such file \"{typed}\"; did you mean the command \"{meant}\"?")
        );
    }
    let out = chronoatlas(&["valdate", "--source", &paper()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("did you mean the command \"validate\"?"),
        "{}",
        stderr(&out)
    );
    // A missing file that looks like no command is reported as a missing file.
    let out = chronoatlas(&["no-such-chronicle.json", "--screenshot", "/nonexistent-dir/x.png"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no-such-chronicle.json: cannot read"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn negative_years_are_dates_not_flags() {
    use chronoatlas::cli::{Cli, Command as Sub};
    use clap::Parser;
    let bce = chrono::NaiveDate::from_ymd_opt(-50, 1, 1).unwrap();
    let cli = Cli::try_parse_from(["chronoatlas", "--date", "-0050-01-01"]).unwrap();
    let (_, _, startup) = chronoatlas::cli::window_startup(&cli).unwrap_or_else(|e| panic!("{}", e.0));
    assert_eq!(startup.day, Some(bce));
    let cli = Cli::try_parse_from(["chronoatlas", "events", "--from", "-0050-01-01", "--to", "-0040-01-01"]).unwrap();
    assert!(matches!(cli.command, Some(Sub::Events { from: Some(ref f), .. }) if f == "-0050-01-01"));
    for args in [
        &["chronoatlas", "export", "--date", "-0050-01-01", "-o", "x.png"][..],
        &[
            "chronoatlas",
            "frames",
            "--from",
            "-0050-01-01",
            "--to",
            "-0049-01-01",
            "-o",
            "dir",
        ],
    ] {
        Cli::try_parse_from(args).unwrap_or_else(|e| panic!("{args:?}: {e}"));
    }

    let dir = scratch("bce");
    let file = voyage_with(&dir, |c| {
        c["events"][1]["date"] = "-0049-01-10".into();
        c["events"][1]["title"] = "Caesar crosses the Rubicon".into();
    });
    let out = chronoatlas(&["events", &file, "--on", "-0049-01-10", "--format", "json"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let events: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(events[0]["title"], "Caesar crosses the Rubicon");
    assert_eq!(events[0]["edtf"], "-0049-01-10");
    let out = chronoatlas(&["events", &file, "--from", "-0050-01-01", "--to", "1492-08-03"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("50 BCE"), "{}", stdout(&out));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn an_impossible_day_in_a_chronicle_is_named_with_its_line() {
    let dir = scratch("impossible");
    let file = voyage_with(&dir, |c| c["events"][2]["date"] = "1492-04-31".into());
    let out = chronoatlas(&["validate", &file]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains(&format!("{file}:")), "{err}");
    assert!(err.contains("April 1492 has no 31st day (it has 30)"), "{err}");
    let out = chronoatlas(&["--date", "1950-02-29"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("1950 has no 29 February"), "{}", stderr(&out));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn an_endless_input_is_refused_at_the_limit_naming_the_file() {
    for (args, limit) in [
        (&["validate", "/dev/zero"][..], "256 MiB"),
        (&["events", "/dev/zero"], "256 MiB"),
        (&["validate", "--source", "/dev/zero"], "16 MiB"),
    ] {
        let out = chronoatlas(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert!(err.contains("/dev/zero: larger than the limit of"), "{err}");
        assert!(err.contains(limit), "{err}");
    }
}

#[test]
fn the_window_opens_with_the_timeline_ordered_while_the_chronicle_was_checked() {
    use chronoatlas::app::ChronoatlasApp;
    use chronoatlas::cli::Cli;
    use clap::Parser;
    let cli = Cli::try_parse_from(["chronoatlas", "--date", "1950-10-19"]).unwrap();
    let (chronicle, name, mut startup) = chronoatlas::cli::window_startup(&cli).unwrap_or_else(|e| panic!("{}", e.0));
    let timeline = startup.timeline.take().expect("ordered beside the checks");
    assert_eq!(timeline.len(), chronicle.events.len());
    assert_eq!(
        timeline.order(),
        chronoatlas::timeline::Timeline::new(&chronicle).order(),
        "the same order as one built in the window"
    );
    // A timeline of other events is not taken: the window orders its own chronicle's.
    let other = std::sync::Arc::try_unwrap(timeline).ok();
    assert!(other.is_some(), "the window's to take");
    let mut fewer = chronicle.clone();
    fewer.events.truncate(10);
    fewer.reindex();
    let app = ChronoatlasApp::with_timeline(fewer, other, name);
    assert_eq!(app.timeline.len(), 10);
}
