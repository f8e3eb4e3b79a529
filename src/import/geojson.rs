//! GeoJSON FeatureCollections (RFC 7946), as QGIS writes them: points become events at places,
//! lines become journeys. Dates, titles, texts and threads come from the properties.

use super::build::{Builder, from_start_end, parse_when, precision, route};
use super::{FileFormat, Problems, empty_chronicle};
use crate::chronicle::json_spans::{line_column, top_level_items};
use crate::chronicle::{Chronicle, Event, HistoricalDate, LoadError, LocationPrecision, Movement, TravelMode};
use serde_json::{Map, Value, json};

type Props = Map<String, Value>;

/// A property as text: strings as they are, numbers and booleans written out, else empty.
fn text(props: &Props, names: &[&str]) -> String {
    names
        .iter()
        .find_map(|n| match props.get(*n) {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
            Some(Value::Number(x)) => Some(x.to_string()),
            _ => None,
        })
        .unwrap_or_default()
}

/// A property holding a list of texts (or nulls), as we write `place_ids`, `dates`.
fn list(props: &Props, name: &str) -> Vec<Option<String>> {
    match props.get(name) {
        Some(Value::Array(items)) => items.iter().map(|v| v.as_str().map(str::to_string)).collect(),
        _ => Vec::new(),
    }
}

/// The feature's date: `date` or `when` (a whole date or range), else `start`/`end`.
fn date(props: &Props) -> Result<HistoricalDate, String> {
    let whole = text(props, &["date", "when", "Date", "When"]);
    if !whole.is_empty() {
        return parse_when(&whole);
    }
    from_start_end(
        &text(props, &["start", "Start", "begin"]),
        &text(props, &["end", "End"]),
    )
}

/// The first text of a list property, or empty.
fn pick_first(list: &[Option<String>]) -> String {
    list.first().cloned().flatten().unwrap_or_default()
}

/// `[lon, lat]` (a third value, the height, is ignored).
fn position(value: &Value) -> Option<(f64, f64)> {
    let array = value.as_array()?;
    Some((array.first()?.as_f64()?, array.get(1)?.as_f64()?))
}

pub(crate) fn read(text_in: &str, problems: &mut Problems) -> Result<Chronicle, LoadError> {
    let name = problems.file.clone();
    // serde_json stops at 128 levels of nesting, so a deeply nested file fails cleanly.
    let root: Value = crate::chronicle::load::json_from_str(text_in, &name)?;
    let features = match root.get("type").and_then(Value::as_str) {
        Some("FeatureCollection") => match root.get("features") {
            Some(Value::Array(features)) => features.clone(),
            _ => return Err(problems.error(0, "a FeatureCollection without a \"features\" list")),
        },
        Some("Feature") => vec![root.clone()],
        _ if root.is_array() => {
            return Err(problems.error(1, "a top-level array; GeoJSON is one FeatureCollection object"));
        }
        _ => {
            return Err(problems.error(
                0,
                "not a GeoJSON FeatureCollection (no \"type\": \"FeatureCollection\")",
            ));
        }
    };
    // Where each feature starts, so a problem names its line and column.
    let starts: Vec<(usize, usize)> = match root.get("type").and_then(Value::as_str) {
        Some("FeatureCollection") => top_level_items(text_in, "features")
            .into_iter()
            .map(|offset| line_column(text_in, offset))
            .collect(),
        _ => vec![line_column(text_in, text_in.len() - text_in.trim_start().len())],
    };
    let mut b = Builder::new(empty_chronicle(&name, FileFormat::GeoJson));
    if let Some(title) = root
        .get("name")
        .and_then(Value::as_str)
        .filter(|t| !t.trim().is_empty())
    {
        b.chronicle.metadata.title = title.to_string();
    }
    if let Some(description) = root.get("description").and_then(Value::as_str) {
        b.chronicle.metadata.description = description.to_string();
    }
    // Foreign members of ours (RFC 7946 allows them): the source and whom to credit.
    let member = |name: &str| root.get(name).and_then(Value::as_str).unwrap_or("").to_string();
    if !member("source").is_empty() {
        b.chronicle.metadata.source.reference = member("source");
    }
    b.chronicle.metadata.attribution = member("attribution");
    b.chronicle.metadata.licence = member("licence");
    for (n, feature) in features.iter().enumerate() {
        let pos = starts.get(n).copied().unwrap_or((0, 0));
        let empty = Props::new();
        let props = feature.get("properties").and_then(Value::as_object).unwrap_or(&empty);
        let title = text(props, &["title", "name", "Title", "Name", "headline"]);
        let at = if title.is_empty() {
            format!("feature {}", n + 1)
        } else {
            format!("feature {} {title:?}", n + 1)
        };
        if title.is_empty() {
            problems.dropped_at(pos, at, "no title or name; left out");
            continue;
        }
        let date = match date(props) {
            Ok(date) => date,
            Err(e) => {
                problems.dropped_at(pos, at, format!("{e} (properties start/end/date/when); left out"));
                continue;
            }
        };
        let geometry = feature.get("geometry").filter(|g| !g.is_null());
        let kind = geometry
            .and_then(|g| g.get("type"))
            .and_then(Value::as_str)
            .unwrap_or("");
        let coordinates = geometry.and_then(|g| g.get("coordinates"));
        let points: Vec<Option<(f64, f64)>> = match (kind, coordinates) {
            ("Point", Some(c)) => vec![position(c)],
            ("MultiPoint" | "LineString", Some(Value::Array(cs))) => cs.iter().map(position).collect(),
            ("MultiLineString", Some(Value::Array(lines))) => lines
                .iter()
                .flat_map(|l| l.as_array().cloned().unwrap_or_default())
                .map(|c| position(&c))
                .collect(),
            ("", _) => Vec::new(),
            (other, _) => {
                problems.dropped_at(
                    pos,
                    at,
                    format!("geometry {other} is not read (only points and lines); left out"),
                );
                continue;
            }
        };
        if points.iter().any(Option::is_none) {
            problems.dropped_at(pos, at, "a position is not [longitude, latitude]; left out");
            continue;
        }
        let points: Vec<(f64, f64)> = points.into_iter().flatten().collect();
        let thread = b.thread(&text(props, &["thread"]), &text(props, &["group", "thread_name"]));
        let ids = list(props, "place_ids");
        let names = list(props, "place_names");
        let precisions = list(props, "place_precisions");
        let mut places = Vec::new();
        let single_name = text(props, &["place"]);
        if points.is_empty() && !single_name.is_empty() {
            // No geometry, only a place's name: looked up in the gazetteer, or reported.
            let precision = match pick_first(&precisions) {
                p if p.is_empty() => LocationPrecision::City,
                p => precision(&p),
            };
            match b.place_by_name(&pick_first(&ids), &single_name, &text(props, &["country"]), precision) {
                Ok(id) => places.push(id),
                Err(e) => problems.note_at(pos, &at, format!("{e}; kept without a place")),
            }
        }
        for (k, &(lon, lat)) in points.iter().enumerate() {
            let pick = |v: &[Option<String>]| v.get(k).cloned().flatten().unwrap_or_default();
            let mut place_name = pick(&names);
            if place_name.is_empty() && points.len() == 1 {
                place_name = single_name.clone();
            }
            if place_name.is_empty() && kind.contains("Line") {
                place_name = format!("{title}, point {}", k + 1);
            }
            match b.place(&pick(&ids), &place_name, lon, lat, precision(&pick(&precisions))) {
                Ok(id) => places.push(id),
                Err(e) => {
                    problems.dropped_at(pos, &at, format!("{e}; left out"));
                    places.clear();
                    break;
                }
            }
        }
        if places.len() != points.len() && !(points.is_empty() && places.len() == 1) {
            continue;
        }
        let wanted_id = text(props, &["id"]);
        let wanted_id = if wanted_id.is_empty() {
            feature.get("id").and_then(Value::as_str).unwrap_or(&title).to_string()
        } else {
            wanted_id
        };
        let summary = text(props, &["description", "text", "summary"]);
        let quote = text(props, &["quote"]);
        if kind.contains("Line") {
            if places.len() < 2 {
                problems.dropped_at(pos, at, "a line of fewer than two points; left out");
                continue;
            }
            let id = b.movements.take(&wanted_id, "journey");
            let route = route(&places, &date, &list(props, "dates"));
            if !summary.is_empty() {
                problems.note_at(pos, &at, "description not kept: a journey has no text of its own");
            }
            b.chronicle.movements.push(Movement {
                id,
                title,
                travellers: list(props, "travellers").into_iter().flatten().collect(),
                mode: mode(&text(props, &["mode"])),
                route,
                events: Vec::new(),
                quote,
                footnotes: Vec::new(),
            });
        } else {
            let id = b.events.take(&wanted_id, "event");
            b.chronicle.events.push(Event {
                id: id.into(),
                title: title.into(),
                date,
                date_text: text(props, &["date_text"]).into(),
                places: places.into_iter().map(Into::into).collect(),
                place_inferred: false,
                actors: list(props, "actors").into_iter().flatten().map(Into::into).collect(),
                thread: thread.map(Into::into),
                summary,
                quote,
                footnotes: Vec::new(),
                disputes: Vec::new(),
                citations: Vec::new(),
            });
        }
    }
    Ok(b.chronicle)
}

pub(crate) fn mode(text: &str) -> TravelMode {
    serde_json::from_value(Value::String(text.to_lowercase())).unwrap_or_default()
}

fn mode_name(mode: TravelMode) -> String {
    serde_json::to_value(mode)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

pub(crate) fn write(chronicle: &Chronicle, problems: &mut Problems) -> String {
    let mut features = Vec::new();
    let places_of = |ids: &mut dyn Iterator<Item = &str>| {
        let places: Vec<_> = ids.filter_map(|id| chronicle.place(id)).collect();
        let coords: Vec<[f64; 2]> = places.iter().map(|p| [p.lon, p.lat]).collect();
        let ids: Vec<&str> = places.iter().map(|p| p.id.as_str()).collect();
        let names: Vec<&str> = places.iter().map(|p| p.name.as_str()).collect();
        let precisions: Vec<&str> = places.iter().map(|p| p.precision.as_str()).collect();
        (coords, json!(ids), json!(names), json!(precisions))
    };
    for event in &chronicle.events {
        let (coords, ids, names, precisions) = places_of(&mut event.places.iter().map(|p| p.as_str()));
        let geometry = match coords.len() {
            0 => Value::Null,
            1 => json!({ "type": "Point", "coordinates": coords[0] }),
            _ => json!({ "type": "MultiPoint", "coordinates": coords }),
        };
        let thread = event.thread.as_deref().and_then(|t| chronicle.thread(t));
        features.push(json!({
            "type": "Feature",
            "geometry": geometry,
            "properties": {
                "id": event.id,
                "title": event.title,
                "date": event.date.to_string(),
                "start": event.date.first_day().to_string(),
                "end": event.date.last_day().to_string(),
                "date_text": event.date_text,
                "description": event.summary,
                "quote": event.quote,
                "thread": thread.map(|t| t.id.as_str()),
                "group": thread.map(|t| t.name.as_str()),
                "actors": event.actors,
                "place_ids": ids,
                "place_names": names,
                "place_precisions": precisions,
            }
        }));
    }
    for movement in &chronicle.movements {
        let (coords, ids, names, precisions) = places_of(&mut movement.route.iter().map(|w| w.place.as_str()));
        let dates: Vec<Option<String>> = movement
            .route
            .iter()
            .map(|w| w.date.as_ref().map(|d| d.to_string()))
            .collect();
        let first = movement.route.iter().find_map(|w| w.date.as_ref());
        let last = movement.route.iter().rev().find_map(|w| w.date.as_ref());
        features.push(json!({
            "type": "Feature",
            "geometry": { "type": "LineString", "coordinates": coords },
            "properties": {
                "id": movement.id,
                "title": movement.title,
                "start": first.map(|d| d.first_day().to_string()),
                "end": last.map(|d| d.last_day().to_string()),
                "dates": dates,
                "mode": mode_name(movement.mode),
                "travellers": movement.travellers,
                "quote": movement.quote,
                "place_ids": ids,
                "place_names": names,
                "place_precisions": precisions,
            }
        }));
    }
    if !chronicle.periods.is_empty() {
        problems.note(
            0,
            "",
            format!(
                "{} period(s) not written: GeoJSON has no place for them",
                chronicle.periods.len()
            ),
        );
    }
    super::csv::left_out(chronicle, problems, "GeoJSON");
    let collection = json!({
        "type": "FeatureCollection",
        "name": chronicle.metadata.title,
        "description": chronicle.metadata.description,
        "source": chronicle.metadata.source.reference,
        "attribution": chronicle.metadata.attribution,
        "licence": chronicle.metadata.licence,
        "features": features,
    });
    serde_json::to_string_pretty(&collection).unwrap_or_default() + "\n"
}
