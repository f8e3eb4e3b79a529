//! KML Placemarks without coordinates are placed by name through the shipped gazetteer: by
//! their `<address>`, a `place` ExtendedData, or their `<name>`; each such place is marked
//! "placed by name", and a name the gazetteer does not hold is reported with its line, never
//! guessed.

use chronoatlas::chronicle::Chronicle;
use chronoatlas::import::{FileFormat, Imported, read_bytes};

const KML: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>Places by name</name>
<Placemark>
  <name>Pyongyang</name>
  <TimeStamp><when>1950-10-19</when></TimeStamp>
</Placemark>
<Placemark>
  <name>UN forces enter the capital</name>
  <address>Pyongyang, North Korea</address>
  <TimeStamp><when>1950-10-20</when></TimeStamp>
</Placemark>
<Placemark>
  <name>Somewhere on the Chongchon</name>
  <TimeStamp><when>1950-10-25</when></TimeStamp>
</Placemark>
<Placemark>
  <name>Landing</name>
  <ExtendedData><Data name="place"><value>Inchon</value></Data></ExtendedData>
  <TimeStamp><when>1950-09-15</when></TimeStamp>
</Placemark>
<Placemark>
  <name>Wrong country</name>
  <ExtendedData><Data name="place"><value>Pyongyang</value></Data><Data name="country"><value>JP</value></Data></ExtendedData>
  <TimeStamp><when>1950-10-21</when></TimeStamp>
</Placemark>
<Placemark>
  <name>With a point</name>
  <TimeStamp><when>1950-10-22</when></TimeStamp>
  <Point><coordinates>125.7,39.0</coordinates></Point>
</Placemark>
</Document></kml>"#;

fn read(text: &str) -> Imported {
    read_bytes(text.as_bytes(), "places.kml", Some(FileFormat::Kml)).expect("reads")
}

fn place_of<'a>(c: &'a Chronicle, title: &str) -> Option<&'a chronoatlas::chronicle::Place> {
    let event = c.events.iter().find(|e| e.title == title).expect(title);
    event.places.first().and_then(|id| c.place(id))
}

#[test]
fn placemarks_without_coordinates_are_placed_by_name_and_marked() {
    let imported = read(KML);
    let c = &imported.chronicle;
    assert_eq!(c.events.len(), 6, "no Placemark is left out: {:?}", imported.problems);
    for title in ["Pyongyang", "UN forces enter the capital", "Landing"] {
        let place = place_of(c, title).unwrap_or_else(|| panic!("{title} placed: {:?}", imported.problems));
        let placed = place.placed_by_name.as_ref().expect("marked placed by name");
        assert!(!placed.gazetteer.is_empty(), "the gazetteer is credited");
    }
    let pyongyang = place_of(c, "Pyongyang").unwrap();
    assert!(
        (pyongyang.lat - 39.0).abs() < 0.5 && (pyongyang.lon - 125.75).abs() < 0.5,
        "{pyongyang:?}"
    );
    // The address is tried whole, then by its first part.
    let capital = place_of(c, "UN forces enter the capital").unwrap();
    assert_eq!(capital.placed_by_name.as_ref().unwrap().matched, "Pyongyang");
    // A point is a point: not looked up, not marked.
    assert!(place_of(c, "With a point").unwrap().placed_by_name.is_none());
}

#[test]
fn a_name_the_gazetteer_does_not_hold_is_reported_with_its_line_not_guessed() {
    let imported = read(KML);
    let c = &imported.chronicle;
    assert!(place_of(c, "Somewhere on the Chongchon").is_none());
    assert!(place_of(c, "Wrong country").is_none());
    let lines: Vec<String> = imported.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(lines.len(), 2, "{lines:#?}");
    assert!(
        lines[0].starts_with("places.kml:12: Placemark \"Somewhere on the Chongchon\": place \"Somewhere on the Chongchon\" has no Latitude and Longitude and is not in the gazetteer"),
        "{lines:#?}"
    );
    assert!(lines[0].ends_with("kept without a place"), "{lines:#?}");
    assert!(
        lines[1].starts_with(
            "places.kml:21: Placemark \"Wrong country\": place \"Pyongyang\" is not in the gazetteer in country JP"
        ),
        "{lines:#?}"
    );
    assert!(!imported.dropped(), "the events are kept, without a place");
}

#[test]
fn an_event_without_a_place_written_by_this_app_reads_back_without_one() {
    let c = read(KML).chronicle;
    let (kml, _) = chronoatlas::import::write(&c, FileFormat::Kml, "out.kml");
    let again = read(&kml);
    let unplaced = again
        .chronicle
        .events
        .iter()
        .find(|e| e.title == "Somewhere on the Chongchon")
        .unwrap();
    assert!(unplaced.places.is_empty());
    assert!(again.problems.is_empty(), "{:?}", again.problems);
    // And the placed ones keep their coordinates (written as points).
    assert!(place_of(&again.chronicle, "Pyongyang").is_some());
}
