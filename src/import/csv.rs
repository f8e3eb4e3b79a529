//! The TimelineJS spreadsheet template as CSV, plus Latitude, Longitude and Place columns, and
//! our own Id, Date (EDTF), Place Id, Place Precision and Quote so a round trip loses nothing.

use super::build::{Builder, point_from_parts, precision, year_text};
use super::{FileFormat, Problems, empty_chronicle};
use crate::chronicle::date::{DatePoint, Unit};
use crate::chronicle::{Chronicle, Event, LoadError, LocationPrecision, Period};
use std::collections::HashMap;

/// The columns written, in order: the TimelineJS template, then ours.
const HEADERS: [&str; 26] = [
    "Year",
    "Month",
    "Day",
    "Time",
    "End Year",
    "End Month",
    "End Day",
    "End Time",
    "Display Date",
    "Headline",
    "Text",
    "Media",
    "Media Credit",
    "Media Caption",
    "Media Thumbnail",
    "Type",
    "Group",
    "Background",
    "Latitude",
    "Longitude",
    "Place",
    "Id",
    "Date",
    "Place Id",
    "Place Precision",
    "Quote",
];

/// Read but not written: narrows a place looked up by name to one country (ISO alpha-2).
const COUNTRY: &str = "country";

/// Columns of the template that a chronicle has nothing for: reported when they hold anything.
const NOT_READ: [&str; 8] = [
    "time",
    "end time",
    "media",
    "media credit",
    "media caption",
    "media thumbnail",
    "background",
    "type",
];

/// UTF-8 (a BOM is dropped); anything else is read as Windows-1252, the encoding Excel saves
/// "CSV" in on Western systems, which also covers Latin-1. Says so when it does.
pub(crate) fn decode(bytes: &[u8], problems: &mut Problems) -> String {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => {
            problems.note(
                0,
                "",
                "not UTF-8; read as Windows-1252 (Latin-1): check accented letters",
            );
            bytes.iter().map(|&b| windows_1252(b)).collect()
        }
    }
}

/// Windows-1252 differs from Latin-1 only in 0x80–0x9F.
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9f => HIGH[(b - 0x80) as usize],
        _ => b as char,
    }
}

/// A quoted field that is never closed makes the `csv` crate swallow the rest of the file into
/// one cell; find it first and name its line.
fn unterminated_quote(text: &str) -> Option<usize> {
    let mut line = 1;
    let mut opened_at = None;
    let mut at_field_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (opened_at, c) {
            (None, '"') if at_field_start => opened_at = Some(line),
            (Some(_), '"') => {
                if chars.peek() == Some(&'"') {
                    chars.next();
                } else {
                    opened_at = None;
                }
            }
            _ => {}
        }
        if c == '\n' {
            line += 1;
        }
        at_field_start = opened_at.is_none() && matches!(c, ',' | '\n' | '\r');
    }
    opened_at
}

pub(crate) fn read(text: &str, problems: &mut Problems) -> Result<Chronicle, LoadError> {
    if let Some(line) = unterminated_quote(text) {
        return Err(problems.error(line, "a quoted cell starting on this line is never closed"));
    }
    let mut reader = ::csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| problems.error(1, format!("cannot read the header row: {e}")))?
        .iter()
        .map(|h| h.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase())
        .collect();
    let column: HashMap<&str, usize> = headers.iter().enumerate().map(|(i, h)| (h.as_str(), i)).collect();
    if !column.contains_key("year") && !column.contains_key("date") {
        return Err(problems.error(
            1,
            "no Year column: not a TimelineJS sheet (expected Year, Month, Day, …, Headline, Text)",
        ));
    }
    for h in &headers {
        let known = HEADERS.iter().any(|k| k.eq_ignore_ascii_case(h))
            || ["lat", "lon", "lng", "long", COUNTRY].contains(&h.as_str());
        if !known && !h.is_empty() {
            problems.note(1, "", format!("column {h:?} is not read"));
        }
    }
    let name = problems.file.clone();
    let mut builder = Builder::new(empty_chronicle(&name, FileFormat::Csv));
    let mut unread: HashMap<&str, usize> = HashMap::new();
    for (n, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line() as usize);
            problems.error(line, format!("cannot read the row: {e}"))
        })?;
        let line = record.position().map_or(n + 2, |p| p.line() as usize);
        let at = format!("row {}", n + 2);
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if record.len() > headers.len() && record.iter().skip(headers.len()).any(|c| !c.trim().is_empty()) {
            problems.dropped(
                line,
                at,
                format!(
                    "{} cells but {} headers (an unquoted comma?); row left out",
                    record.len(),
                    headers.len()
                ),
            );
            continue;
        }
        let cell = |names: &[&str]| -> String {
            names
                .iter()
                .find_map(|h| column.get(h).and_then(|&i| record.get(i)))
                .unwrap_or("")
                .trim()
                .to_string()
        };
        for h in NOT_READ {
            if h != "type" && !cell(&[h]).is_empty() {
                *unread.entry(h).or_default() += 1;
            }
        }
        let kind = cell(&["type"]).to_lowercase();
        let headline = cell(&["headline"]);
        let text = cell(&["text"]);
        if kind == "title" {
            if !headline.is_empty() {
                builder.chronicle.metadata.title = headline;
            }
            builder.chronicle.metadata.description = text;
            continue;
        }
        let date = match row_date(&cell) {
            Ok(date) => date,
            Err(reason) => {
                problems.dropped(line, at, format!("{reason}; row left out"));
                continue;
            }
        };
        if headline.is_empty() {
            problems.dropped(line, at, "no Headline; row left out");
            continue;
        }
        if kind == "era" {
            let id = builder.periods.take(&cell(&["id"]), "period");
            builder.chronicle.periods.push(Period {
                id,
                name: headline,
                date,
            });
            continue;
        }
        let mut places = Vec::new();
        let (lat, lon, place) = (
            cell(&["latitude", "lat"]),
            cell(&["longitude", "lon", "lng", "long"]),
            cell(&["place"]),
        );
        match (lat.parse::<f64>(), lon.parse::<f64>()) {
            (Ok(lat), Ok(lon)) => {
                let precision = precision(&cell(&["place precision"]));
                match builder.place(&cell(&["place id"]), &place, lon, lat, precision) {
                    Ok(id) => places.push(id),
                    Err(e) => problems.note(line, &at, format!("{e}; event kept without a place")),
                }
            }
            _ if lat.is_empty() && lon.is_empty() && !place.is_empty() => {
                let precision = match cell(&["place precision"]).as_str() {
                    "" => LocationPrecision::City,
                    given => precision(given),
                };
                match builder.place_by_name(&cell(&["place id"]), &place, &cell(&["country"]), precision) {
                    Ok(id) => places.push(id),
                    Err(e) => problems.note(line, &at, format!("{e}; event kept without a place")),
                }
            }
            _ if lat.is_empty() && lon.is_empty() => {}
            _ => problems.note(
                line,
                &at,
                format!("Latitude {lat:?} and Longitude {lon:?} are not two numbers; event kept without a place"),
            ),
        }
        let thread = builder.thread("", &cell(&["group"]));
        let id = builder.events.take(&cell(&["id"]), &headline);
        builder.chronicle.events.push(Event {
            id: id.into(),
            title: headline.into(),
            date,
            date_text: cell(&["display date"]).into(),
            places: places.into_iter().map(Into::into).collect(),
            place_inferred: false,
            actors: Vec::new(),
            thread: thread.map(Into::into),
            summary: text,
            quote: cell(&["quote"]),
            footnotes: Vec::new(),
            disputes: Vec::new(),
            citations: Vec::new(),
        });
    }
    let mut unread: Vec<_> = unread.into_iter().collect();
    unread.sort();
    for (column, count) in unread {
        problems.note(
            0,
            "",
            format!("column {column:?}: {count} cell(s) not imported (a chronicle has no place for them)"),
        );
    }
    Ok(builder.chronicle)
}

/// The row's date: the Date column (EDTF) when filled, else Year/Month/Day to End Year/….
fn row_date(cell: &dyn Fn(&[&str]) -> String) -> Result<crate::chronicle::HistoricalDate, String> {
    let edtf = cell(&["date"]);
    if !edtf.is_empty() {
        return super::build::parse_when(&edtf).map_err(|e| format!("Date: {e}"));
    }
    if cell(&["year"]).is_empty() {
        return Err("no Year".to_string());
    }
    let start = point_from_parts(&cell(&["year"]), &cell(&["month"]), &cell(&["day"]))?;
    let text = if cell(&["end year"]).is_empty() {
        start
    } else {
        let end = point_from_parts(&cell(&["end year"]), &cell(&["end month"]), &cell(&["end day"]))
            .map_err(|e| format!("end: {e}"))?;
        if end == start { start } else { format!("{start}/{end}") }
    };
    crate::chronicle::HistoricalDate::parse(&text).map_err(|e| e.to_string())
}

/// Year, month and day cells of one end of a date, as fine as it is known.
fn parts(point: &DatePoint) -> [String; 3] {
    let y = year_text(point.year as i64);
    match point.unit {
        Unit::Day(m, d) => [y, m.to_string(), d.to_string()],
        Unit::Month(m) | Unit::PartOfMonth(m, _) => [y, m.to_string(), String::new()],
        _ => [
            year_text(chrono::Datelike::year(&point.first_day()) as i64),
            String::new(),
            String::new(),
        ],
    }
}

pub(crate) fn write(chronicle: &Chronicle, problems: &mut Problems) -> String {
    let mut writer = ::csv::WriterBuilder::new().from_writer(Vec::new());
    let mut rows: Vec<Vec<String>> = vec![HEADERS.iter().map(|h| h.to_string()).collect()];
    let row = |cells: &[(&str, String)]| -> Vec<String> {
        HEADERS
            .iter()
            .map(|h| {
                cells
                    .iter()
                    .find(|(k, _)| k == h)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_default()
            })
            .collect()
    };
    rows.push(row(&[
        ("Type", "title".to_string()),
        ("Headline", chronicle.metadata.title.clone()),
        ("Text", chronicle.metadata.description.clone()),
    ]));
    let date_cells = |date: &crate::chronicle::HistoricalDate| {
        let [y, m, d] = parts(&date.start);
        let mut cells = vec![("Year", y), ("Month", m), ("Day", d), ("Date", date.to_string())];
        if let Some(end) = &date.end {
            let [y, m, d] = parts(end);
            cells.extend([("End Year", y), ("End Month", m), ("End Day", d)]);
        }
        cells
    };
    for event in &chronicle.events {
        let mut cells = date_cells(&event.date);
        cells.extend([
            ("Display Date", event.date_text.to_string()),
            ("Headline", event.title.to_string()),
            ("Text", event.summary.clone()),
            ("Id", event.id.to_string()),
            ("Quote", event.quote.clone()),
        ]);
        if let Some(thread) = event.thread.as_deref().and_then(|t| chronicle.thread(t)) {
            cells.push(("Group", thread.name.clone()));
        }
        if let Some(place) = event.places.first().and_then(|p| chronicle.place(p)) {
            cells.extend([
                ("Latitude", place.lat.to_string()),
                ("Longitude", place.lon.to_string()),
                ("Place", place.name.clone()),
                ("Place Id", place.id.clone()),
                ("Place Precision", place.precision.as_str().to_string()),
            ]);
        }
        if event.places.len() > 1 {
            problems.note(
                0,
                format!("event {}", event.id),
                "a row has one place; only the first is written",
            );
        }
        rows.push(row(&cells));
    }
    for period in &chronicle.periods {
        let mut cells = date_cells(&period.date);
        cells.extend([
            ("Type", "era".to_string()),
            ("Headline", period.name.clone()),
            ("Id", period.id.clone()),
        ]);
        rows.push(row(&cells));
    }
    left_out(chronicle, problems, "CSV");
    for r in rows {
        // Writing to memory cannot fail.
        let _ = writer.write_record(&r);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// Says which parts of a chronicle a format has no room for.
pub(crate) fn left_out(chronicle: &Chronicle, problems: &mut Problems, format: &str) {
    let csv = format == "CSV";
    let mut say = |count: usize, what: &str| {
        if count > 0 {
            problems.note(
                0,
                "",
                format!("{count} {what} not written: {format} has no place for them"),
            );
        }
    };
    if csv {
        say(chronicle.movements.len(), "journey(s)");
        let with_actors = chronicle.events.iter().filter(|e| !e.actors.is_empty()).count();
        say(with_actors, "event(s) with actors: the actors are");
        let m = &chronicle.metadata;
        let filled = [&m.source.reference, &m.attribution, &m.licence];
        say(
            filled.iter().filter(|t| !t.is_empty()).count(),
            "of the source reference, attribution and licence",
        );
    }
    say(chronicle.footnotes.len(), "footnote(s)");
    say(chronicle.views.len(), "view(s)");
    say(chronicle.metadata.sources.len(), "further source(s) of the metadata");
    say(
        chronicle.events.iter().filter(|e| !e.citations.is_empty()).count(),
        "event(s) with citations: the citations are",
    );
    say(chronicle.map.features.len(), "keyframed map feature(s)");
    say(
        chronicle.events.iter().filter(|e| !e.disputes.is_empty()).count(),
        "event(s) with disputes: the disputes are",
    );
    // In these formats a place exists only where an event (in CSV, its first place) or a
    // journey is.
    let mut used: std::collections::HashSet<&str> = std::collections::HashSet::new();
    for event in &chronicle.events {
        used.extend(
            event
                .places
                .iter()
                .take(if csv { 1 } else { usize::MAX })
                .map(|p| p.as_str()),
        );
    }
    if !csv {
        used.extend(
            chronicle
                .movements
                .iter()
                .flat_map(|m| m.route.iter().map(|w| w.place.as_str())),
        );
    }
    let unused = chronicle
        .places
        .iter()
        .filter(|p| !used.contains(p.id.as_str()))
        .count();
    say(unused, "place(s) of no event or journey");
}
