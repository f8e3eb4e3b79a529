//! Tours: the ordered stops a lecturer steps through with a clicker. Each stop sets the day,
//! the map view, the selected event and a caption. A tour is its own small file beside the
//! chronicle, so a lecture can be prepared and shared without touching the data it shows.
//!
//! Plain data and pure editing operations; reading, writing and checking live beside it.

mod check;
mod file;
pub mod history;

pub use check::{check, cited_footnotes};
pub use file::{TourError, load_tour, save_tour, tour_from_str};

use crate::chronicle::Chronicle;
use chrono::NaiveDate;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, de};
use std::fmt;

/// The tour file format this build reads and writes.
pub const TOUR_FORMAT: &str = "chronoatlas-tour/1";

/// The tour shipped with the default chronicle, embedded so the app can offer it from any directory.
pub const DEFAULT_TOUR_JSON: &str = include_str!("../../data/autumn-1950.tour.json");
/// The name shown for the embedded tour in messages.
pub const DEFAULT_TOUR_NAME: &str = "data/autumn-1950.tour.json (embedded)";

/// A whole tour file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tour {
    /// Always "chronoatlas-tour/1" for this version of the format.
    #[serde(default = "default_format")]
    pub format: String,
    pub title: String,
    /// File name of the chronicle the stops refer to. Informative only: the app checks a tour
    /// against whatever chronicle is open, so a renamed or moved chronicle still works.
    #[serde(default)]
    pub chronicle: String,
    /// In presentation order, which need not be date order: a tour may jump back in time.
    #[serde(default)]
    pub stops: Vec<Stop>,
}

fn default_format() -> String {
    TOUR_FORMAT.to_string()
}

/// One click of the lecture: where the map goes and what it shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Stop {
    /// The day the time bar moves to, written `YYYY-MM-DD`.
    #[serde(with = "iso_day")]
    #[schemars(schema_with = "iso_day_schema")]
    pub date: NaiveDate,
    /// Where the map goes; absent keeps the view of the previous stop.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub view: Option<StopView>,
    /// Id of the event to select; absent selects nothing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
    /// Shown under the map; in our own words, faithful to the chronicle.
    #[serde(default)]
    pub caption: String,
    /// Speaker notes, shown only on the presenter console: what to say at this stop and which
    /// footnote to cite ("fn. 96"). Our words, not quotes; several lines allowed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
}

/// A stop's map view: a bookmark of the chronicle by id, or bounds of its own.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum StopView {
    /// Id of one of the chronicle's `views`, so moving a bookmark moves every stop that uses it.
    Bookmark(String),
    /// [west, south, east, north] in degrees; west > east crosses the antimeridian.
    Bbox([f64; 4]),
}

impl StopView {
    /// The bounds to show, [west, south, east, north]; `None` for a bookmark the chronicle lacks.
    pub fn bbox(&self, chronicle: &Chronicle) -> Option<[f64; 4]> {
        match self {
            StopView::Bookmark(id) => chronicle.view(id).map(|v| v.bbox.to_array()),
            StopView::Bbox(bbox) => Some(*bbox),
        }
    }
}

// Written by hand rather than `#[serde(untagged)]`, whose only error is "data did not match any
// variant": a lecturer editing the file by hand deserves to be told what a view may be.
impl<'de> Deserialize<'de> for StopView {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<StopView, D::Error> {
        struct ViewVisitor;

        impl<'de> de::Visitor<'de> for ViewVisitor {
            type Value = StopView;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a view id of the chronicle or a bbox [west, south, east, north]")
            }

            fn visit_str<E: de::Error>(self, id: &str) -> Result<StopView, E> {
                Ok(StopView::Bookmark(id.to_string()))
            }

            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<StopView, A::Error> {
                const FOUR: &str = "a bbox has four numbers: [west, south, east, north]";
                let mut bbox = [0.0; 4];
                for slot in &mut bbox {
                    *slot = seq.next_element()?.ok_or_else(|| de::Error::custom(FOUR))?;
                }
                if seq.next_element::<de::IgnoredAny>()?.is_some() {
                    return Err(de::Error::custom(FOUR));
                }
                Ok(StopView::Bbox(bbox))
            }
        }

        deserializer.deserialize_any(ViewVisitor)
    }
}

/// Stop dates as `YYYY-MM-DD` and nothing else, so a saved file reads back to the same bytes
/// (chrono's serde support is not enabled in this build, and would accept other forms).
mod iso_day {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer, de};

    const FORMAT: &str = "%Y-%m-%d";

    pub fn serialize<S: Serializer>(day: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&day.format(FORMAT))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
        let text = String::deserialize(deserializer)?;
        match NaiveDate::parse_from_str(&text, FORMAT) {
            Ok(day) if day.format(FORMAT).to_string() == text => Ok(day),
            _ => Err(de::Error::custom(format!(
                "invalid day {text:?}: write a calendar day as YYYY-MM-DD, e.g. 1950-10-19"
            ))),
        }
    }
}

fn iso_day_schema(_: &mut SchemaGenerator) -> Schema {
    json_schema!({
        "type": "string",
        "format": "date",
        "pattern": r"^\d{4}-\d{2}-\d{2}$",
        "examples": ["1950-10-19"]
    })
}

impl Tour {
    /// An empty tour of the current format.
    pub fn new(title: impl Into<String>, chronicle: impl Into<String>) -> Tour {
        Tour {
            format: TOUR_FORMAT.to_string(),
            title: title.into(),
            chronicle: chronicle.into(),
            stops: Vec::new(),
        }
    }

    /// The embedded default tour (Autumn 1950, over Chen Jian 1992).
    pub fn embedded_default() -> Tour {
        tour_from_str(DEFAULT_TOUR_JSON, DEFAULT_TOUR_NAME).expect("the embedded tour is checked by the test suite")
    }

    // Editing for the GUI. Every operation is total: an index out of range changes nothing and
    // says so, because a stale index from a click must never bring down a lecture.

    /// Inserts `stop` so that it becomes stop `at`; `at == stops.len()` appends.
    /// Returns false, leaving the tour unchanged, when `at` is past the end.
    pub fn add_stop(&mut self, at: usize, stop: Stop) -> bool {
        if at > self.stops.len() {
            return false;
        }
        self.stops.insert(at, stop);
        true
    }

    /// Removes and returns stop `i`; `None` when there is no such stop.
    pub fn remove_stop(&mut self, i: usize) -> Option<Stop> {
        (i < self.stops.len()).then(|| self.stops.remove(i))
    }

    /// Moves stop `from` so that it ends up at index `to`, shifting the stops between.
    /// Returns false, leaving the tour unchanged, when either index is out of range.
    pub fn move_stop(&mut self, from: usize, to: usize) -> bool {
        let len = self.stops.len();
        if from >= len || to >= len {
            return false;
        }
        if from < to {
            self.stops[from..=to].rotate_left(1);
        } else {
            self.stops[to..=from].rotate_right(1);
        }
        true
    }

    /// The stop after `current`: the first stop when the tour has not started (`None`),
    /// `None` at the last stop, for an empty tour, or when `current` is past the end.
    pub fn next_stop_index(&self, current: Option<usize>) -> Option<usize> {
        let next = match current {
            None => 0,
            Some(i) => i.checked_add(1)?,
        };
        (next < self.stops.len()).then_some(next)
    }

    /// The stop before `current`: `None` before the tour starts and at the first stop; a
    /// `current` past the end (stops were removed) steps back to the last stop.
    pub fn previous_stop_index(&self, current: Option<usize>) -> Option<usize> {
        current?.min(self.stops.len()).checked_sub(1)
    }
}

#[cfg(test)]
mod tests {
    use super::Stop;

    fn date_of(json: &str) -> Result<String, String> {
        serde_json::from_str::<Stop>(&format!(r#"{{"date": {json}, "caption": ""}}"#))
            .map(|s| s.date.to_string())
            .map_err(|e| e.to_string())
    }

    #[test]
    fn stop_dates_are_calendar_days_written_one_way() {
        assert_eq!(date_of(r#""1952-02-29""#), Ok("1952-02-29".to_string()));
        for bad in [
            r#""1950-02-29""#,
            r#""1950-10-9""#,
            r#""19 Oct 1950""#,
            r#""1950-10-19T00:00""#,
            "19501019",
        ] {
            assert!(date_of(bad).is_err(), "{bad} was accepted");
        }
    }
}
