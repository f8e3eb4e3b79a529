//! `chronoatlas events`: the chronology as a table for people or JSON for tools.

use super::{Failure, Format, load_chronicle};
use crate::chronicle::{Chronicle, Event, date::parse_day};
use crate::timeline::Timeline;
use serde::Serialize;
use std::io::Write;
use std::path::Path;
use unicode_width::UnicodeWidthStr;

/// One event as other tools read it (`--format json`).
#[derive(Serialize)]
pub struct EventRecord<'a> {
    pub id: &'a str,
    pub title: &'a str,
    /// First day the event may cover (ISO).
    pub start: String,
    /// Last day the event may cover (ISO).
    pub end: String,
    pub precision: &'static str,
    pub date_text: &'a str,
    pub date_in_words: String,
    pub edtf: String,
    pub approximate: bool,
    pub uncertain: bool,
    pub place: Option<&'a str>,
    pub place_id: Option<&'a str>,
    pub lon: Option<f64>,
    pub lat: Option<f64>,
    pub location_precision: Option<&'static str>,
    pub place_inferred: bool,
    /// The gazetteer's match when the file gave the place only by name (to be checked).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub placed_by_name: Option<&'a crate::chronicle::PlacedByName>,
    pub thread: Option<&'a str>,
    pub actors: &'a [crate::chronicle::CompactString],
    pub summary: &'a str,
    pub quote: &'a str,
    pub footnotes: &'a [u32],
    pub disputed: bool,
}

impl<'a> EventRecord<'a> {
    pub fn new(chronicle: &'a Chronicle, event: &'a Event) -> EventRecord<'a> {
        let place = event.places.first().and_then(|id| chronicle.place(id));
        EventRecord {
            id: &event.id,
            title: &event.title,
            start: event.date.first_day().format("%Y-%m-%d").to_string(),
            end: event.date.last_day().format("%Y-%m-%d").to_string(),
            precision: event.date.precision().as_str(),
            date_text: &event.date_text,
            date_in_words: event.date.in_words(),
            edtf: event.date.to_edtf(),
            approximate: event.date.is_approximate(),
            uncertain: event.date.is_uncertain(),
            // The name of the event's day: Beiping for July 1949, Beijing for 1950.
            place: place.map(|p| p.name_at(Some(&event.date))),
            place_id: place.map(|p| p.id.as_str()),
            lon: place.map(|p| p.lon),
            lat: place.map(|p| p.lat),
            location_precision: place.map(|p| p.precision.as_str()),
            place_inferred: event.place_inferred,
            placed_by_name: place.and_then(|p| p.placed_by_name.as_ref()),
            thread: event.thread.as_deref(),
            actors: &event.actors,
            summary: &event.summary,
            quote: &event.quote,
            footnotes: &event.footnotes,
            disputed: event.is_disputed(),
        }
    }
}

pub fn list(
    file: Option<&Path>,
    on: Option<&str>,
    from: Option<&str>,
    to: Option<&str>,
    format: Format,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let day = |flag: &str, text: Option<&str>| -> Result<_, Failure> {
        text.map(|t| parse_day(t).map_err(|e| Failure(format!("{flag}: {e}"))))
            .transpose()
    };
    let (on, from, to) = (day("--on", on)?, day("--from", from)?, day("--to", to)?);
    if let (Some(f), Some(t)) = (from, to)
        && t < f
    {
        return Err(Failure(format!("--to {t} is before --from {f}")));
    }
    let (chronicle, _) = load_chronicle(file)?;
    let timeline = Timeline::new(&chronicle);
    let selected: Vec<&Event> = match (on, from, to) {
        (Some(d), _, _) => timeline
            .active_on(d)
            .into_iter()
            .map(|i| &chronicle.events[i])
            .collect(),
        (None, None, None) => timeline.events(&chronicle).collect(),
        (None, f, t) => {
            let f = f.unwrap_or(chrono::NaiveDate::MIN);
            let t = t.unwrap_or(chrono::NaiveDate::MAX);
            timeline
                .overlapping(f, t)
                .into_iter()
                .map(|i| &chronicle.events[i])
                .collect()
        }
    };
    let records: Vec<EventRecord> = selected.iter().map(|e| EventRecord::new(&chronicle, e)).collect();
    let text = match format {
        Format::Json => serde_json::to_string_pretty(&records).unwrap_or_default(),
        Format::Table => table(&records),
    };
    writeln!(out, "{text}").map_err(|e| Failure(format!("cannot write output: {e}")))
}

/// The widest each column may be, in characters: DATE, EVENT, PLACE, NOTES. A table is for
/// reading; the full text is in `--format json`. Fixed caps keep one huge field from padding
/// every row (a 10 MB title would otherwise cost seconds and gigabytes).
const MAX_WIDTHS: [usize; 4] = [40, 72, 32, 48];

/// `text` cut to `max` characters, ending with "…" when something was cut. Line breaks and
/// other control characters become spaces so a row stays one line. Only the first `max + 1`
/// characters are looked at.
fn cut(text: &str, max: usize) -> String {
    let mut chars = text.chars().map(|c| if c.is_control() { ' ' } else { c });
    let mut shown: String = chars.by_ref().take(max).collect();
    if chars.next().is_some() {
        shown.pop();
        shown.push('…');
    }
    shown
}

fn table(records: &[EventRecord]) -> String {
    if records.is_empty() {
        return "no events".to_string();
    }
    let rows: Vec<[String; 4]> = records
        .iter()
        .map(|r| {
            let mut notes = Vec::new();
            if r.approximate {
                notes.push("approximate");
            }
            if r.uncertain {
                notes.push("uncertain");
            }
            if r.disputed {
                notes.push("disputed");
            }
            if r.place_inferred {
                notes.push("place inferred");
            }
            if r.placed_by_name.is_some() {
                notes.push("placed by name");
            }
            let cells = [&*r.date_in_words, r.title, r.place.unwrap_or("—"), &*notes.join(", ")];
            std::array::from_fn(|col| cut(cells[col], MAX_WIDTHS[col]))
        })
        .collect();
    let header = ["DATE", "EVENT", "PLACE", "NOTES"].map(String::from);
    let width = |col: usize| rows.iter().chain([&header]).map(|r| r[col].width()).max().unwrap_or(0);
    let widths = [width(0), width(1), width(2)];
    let line = |r: &[String; 4]| {
        // Padded by the columns a terminal gives each character: 北京 takes four, not two.
        let pad = |s: &str, w: usize| format!("{s}{}", " ".repeat(w.saturating_sub(s.width())));
        format!(
            "{}  {}  {}  {}",
            pad(&r[0], widths[0]),
            pad(&r[1], widths[1]),
            pad(&r[2], widths[2]),
            r[3]
        )
        .trim_end()
        .to_string()
    };
    let mut text = vec![line(&header)];
    text.extend(rows.iter().map(line));
    text.push(format!("{} event(s)", rows.len()));
    text.join("\n")
}
