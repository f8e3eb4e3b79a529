//! Loading and validating chronicles: good files load, bad ones are named precisely.

use chronoatlas::chronicle::{self, SourceText, load_file};
use std::path::PathBuf;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn problems_of(name: &str) -> Vec<String> {
    let chronicle = load_file(&fixture(name)).unwrap_or_else(|e| panic!("{e}"));
    chronicle::validate(&chronicle, None)
        .iter()
        .map(|p| p.to_string())
        .collect()
}

#[test]
fn a_chronicle_of_another_century_and_ocean_loads_and_validates() {
    let chronicle = load_file(&fixture("voyage-1492.chronicle.json")).unwrap();
    assert_eq!(chronicle.events.len(), 3);
    assert_eq!(
        chronicle.place("guanahani").unwrap().other_names[0].name,
        "San Salvador"
    );
    assert!(problems_of("voyage-1492.chronicle.json").is_empty());
}

#[test]
fn syntax_errors_name_file_line_and_column() {
    let err = load_file(&fixture("syntax-error.json")).unwrap_err();
    assert_eq!((err.line, err.column), (6, 5), "{err}");
    let text = err.to_string();
    assert!(text.contains("syntax-error.json:6:5: expected"), "{text}");
}

#[test]
fn a_misspelt_field_is_an_error_not_silently_ignored() {
    let err = load_file(&fixture("unknown-field.json")).unwrap_err().to_string();
    assert!(
        err.contains("unknown-field.json:5:") && err.contains("unknown field `plaecs`"),
        "{err}"
    );
}

#[test]
fn an_impossible_date_is_reported_where_it_stands() {
    let err = load_file(&fixture("bad-date.json")).unwrap_err();
    assert_eq!(err.line, 5, "{err}");
    assert!(err.message.contains("invalid date \"1950-13-01\""), "{err}");
}

#[test]
fn missing_files_and_bad_encodings_are_clear() {
    let err = load_file(&fixture("no-such-file.json")).unwrap_err().to_string();
    assert!(err.contains("no-such-file.json: cannot read"), "{err}");
    let dir = std::env::temp_dir().join(format!("chronoatlas-latin1-{}", std::process::id()));
    std::fs::write(&dir, b"{\n  \"metadata\": \"caf\xe9\"\n}").unwrap();
    let err = load_file(&dir).unwrap_err();
    std::fs::remove_file(&dir).ok();
    assert_eq!((err.line, err.column), (2, 19), "{err}");
    assert!(err.message.contains("UTF-8"));
}

#[test]
fn semantic_errors_name_the_record() {
    let problems = problems_of("bad-references.json");
    let expect = [
        "place p: duplicate id",
        "event nowhere: duplicate id",
        "place p: longitude 200 is outside −180…180",
        "place p: latitude 95 is outside −90…90",
        "event nowhere: unknown place \"atlantis\"",
        "event backwards: date 1950-10-10/1950-10-09 ends before it starts",
        "event untitled: empty title",
        "event nowhere: unknown thread \"no-such-thread\"",
        "event nowhere: cites footnote 7, which has no text in the chronicle",
        "movement m: unknown place \"atlantis\"",
        "movement m: the first waypoint needs the departure date",
    ];
    for e in expect {
        assert!(problems.iter().any(|p| p == e), "missing {e:?} in {problems:#?}");
    }
    // In the order a reader goes through the file: the ids first, then each record in turn
    // (the events' ids are checked on a thread of their own, but listed in their place).
    assert_eq!(problems, expect, "{problems:#?}");
}

#[test]
fn quotes_are_checked_against_the_source_up_to_whitespace() {
    let chronicle = load_file(&fixture("voyage-1492.chronicle.json")).unwrap();
    let source = SourceText::new("On 12 October\n   land was\tsighted. A test footnote.");
    assert!(chronicle::validate(&chronicle, Some(&source)).is_empty());
    let source = SourceText::new("On 12 October land was seen. A test footnote.");
    let problems = chronicle::validate(&chronicle, Some(&source));
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(
        problems[0].to_string(),
        "event landfall: quote not found verbatim in the source: \"land was sighted\""
    );
}

#[test]
fn an_elision_mark_joins_pieces_that_stand_in_order() {
    let source = SourceText::new("He left on 6 December.¹ ¹ A note. After a long journey he arrived.");
    assert!(source.contains("He left on 6 December.¹ […] he arrived."));
    assert!(
        !source.contains("he arrived. […] He left on 6 December."),
        "pieces out of order"
    );
    assert!(!source.contains("He left on 6 December. […] he departed."));
    assert!(!source.contains("[…] he arrived."), "an empty piece proves nothing");
}

proptest::proptest! {
    #[test]
    fn no_text_makes_the_loader_panic(text in "\\PC{0,200}") {
        let _ = chronoatlas::chronicle::load_str(&text, "random.json");
    }

    #[test]
    fn damaging_the_default_chronicle_gives_a_located_error_or_a_chronicle(cut in 0usize..200_000, byte in 0u8..128) {
        let mut text = chronoatlas::chronicle::DEFAULT_CHRONICLE_JSON.as_bytes().to_vec();
        let at = cut % text.len();
        text[at] = byte;
        if let Ok(text) = String::from_utf8(text) {
            match chronoatlas::chronicle::load_str(&text, "damaged.json") {
                Ok(chronicle) => { let _ = chronicle::validate(&chronicle, None); }
                Err(e) => proptest::prop_assert!(e.line > 0 && e.to_string().starts_with("damaged.json:")),
            }
        }
    }
}

/// A chronicle of `events` one-line events (about 130 bytes each) after a metadata block;
/// `event` gives the text of event `i`.
fn big_chronicle(events: usize, event: impl Fn(usize) -> String) -> String {
    let mut text = String::from(
        "{\"format\": \"chronoatlas/1\",\n\"metadata\": {\"title\": \"Many \\\"events\\\" [test]\",\n\"source\": {\"reference\": \"None: made by a test.\", \"short\": \"test\"}},\n\"places\": [{\"id\": \"p\", \"name\": \"P, {the} place\", \"lon\": 10, \"lat\": 20, \"precision\": \"city\"}],\n\"events\": [\n",
    );
    for i in 0..events {
        if i > 0 {
            text.push_str(",\n");
        }
        text.push_str(&event(i));
    }
    text.push_str("\n],\n\"views\": []}\n");
    text
}

fn plain_event(i: usize) -> String {
    format!(
        "{{\"id\": \"e-{i}\", \"title\": \"Event {i}, with \\\"quotes\\\" and }},{{ in it\", \"date\": \"19{:02}-01-{:02}\", \"places\": [\"p\"]}}",
        i % 100,
        1 + i % 28
    )
}

/// A large chronicle's events are read on all cores: every event is read, in file order, and
/// what surrounds the list (metadata, places, views) as well.
#[test]
fn a_large_chronicle_reads_every_event_in_order() {
    let count = 40_000;
    let text = big_chronicle(count, plain_event);
    assert!(
        text.len() > 4 << 20,
        "{} bytes: large enough to be read on all cores",
        text.len()
    );
    let chronicle = chronicle::load_str(&text, "big.json").unwrap();
    assert_eq!(chronicle.events.len(), count);
    for (i, e) in chronicle.events.iter().enumerate() {
        assert_eq!(e.id, format!("e-{i}"));
        assert_eq!(e.title, format!("Event {i}, with \"quotes\" and }},{{ in it"));
    }
    assert_eq!(chronicle.metadata.title, "Many \"events\" [test]");
    assert_eq!(chronicle.places[0].name, "P, {the} place");
    assert_eq!(
        chronicle.event("e-39999").map(|e| e.date.first_day().to_string()),
        Some("1999-01-16".to_string())
    );
}

/// A mistake in one event of a large chronicle is named at its line and column, as in a small
/// one; so is a second "events" list.
#[test]
fn a_large_chronicle_names_its_mistakes_where_they_are() {
    let bad = 31_234;
    let text = big_chronicle(40_000, |i| {
        if i == bad {
            plain_event(i).replace("\"title\"", "\"titel\"")
        } else {
            plain_event(i)
        }
    });
    let err = chronicle::load_str(&text, "big.json").unwrap_err();
    // The events start on line 6, one a line.
    assert_eq!(err.line, 6 + bad, "{err}");
    assert!(err.column > 1, "{err}");
    assert!(err.to_string().contains("titel"), "{err}");
    let twice = big_chronicle(40_000, plain_event).replace("\"views\": []", "\"events\": []");
    let err = chronicle::load_str(&twice, "twice.json").unwrap_err();
    assert!(err.to_string().contains("duplicate field `events`"), "{err}");
}
