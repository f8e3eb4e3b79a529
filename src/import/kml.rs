//! KML 2.2 (Google Earth) and KMZ: Placemarks with TimeStamp or TimeSpan become events at their
//! Point, journeys along their LineString or gx:Track; Folders become threads; description and
//! ExtendedData are kept.

use super::build::{Builder, from_start_end, parse_when, precision, route};
use super::xml::{Element, escape, parse};
use super::{FileFormat, Problems, empty_chronicle};
use crate::chronicle::{Chronicle, Event, HistoricalDate, LoadError, Movement};
use std::io::Read;

/// The most a KMZ may unpack to: the same as any file read, so a zip bomb stops there.
const UNPACKED_LIMIT: u64 = crate::chronicle::load::CHRONICLE_LIMIT;

/// The KML inside a KMZ: `doc.kml`, else the first `.kml` file, read up to [`UNPACKED_LIMIT`].
pub(crate) fn unzip(bytes: &[u8], problems: &Problems) -> Result<String, LoadError> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))
        .map_err(|e| problems.error(0, format!("not a readable KMZ (zip) file: {e}")))?;
    let names: Vec<String> = archive
        .file_names()
        .filter_map(Result::ok)
        .map(|n| n.to_string())
        .collect();
    let name = names
        .iter()
        .find(|n| n.eq_ignore_ascii_case("doc.kml"))
        .or_else(|| names.iter().find(|n| n.to_ascii_lowercase().ends_with(".kml")))
        .ok_or_else(|| problems.error(0, "the KMZ holds no .kml file"))?
        .clone();
    let file = archive
        .by_name(&name)
        .map_err(|e| problems.error(0, format!("cannot unpack {name}: {e}")))?;
    let mut out = Vec::new();
    file.take(UNPACKED_LIMIT + 1)
        .read_to_end(&mut out)
        .map_err(|e| problems.error(0, format!("cannot unpack {name}: {e}")))?;
    if out.len() as u64 > UNPACKED_LIMIT {
        return Err(problems.error(
            0,
            format!(
                "{name} unpacks to more than {} MiB; not read",
                UNPACKED_LIMIT / (1024 * 1024)
            ),
        ));
    }
    String::from_utf8(out).map_err(|_| problems.error(0, format!("{name} in the KMZ is not UTF-8")))
}

/// Values of ExtendedData: `<Data name><value>` and `<SchemaData><SimpleData name>`.
fn extended_data(placemark: &Element) -> Vec<(String, String)> {
    let Some(data) = placemark.child("ExtendedData") else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for d in data.children_named("Data") {
        out.push((d.attribute("name").unwrap_or("").to_string(), d.child_text("value")));
    }
    for schema in data.children_named("SchemaData") {
        for d in schema.children_named("SimpleData") {
            out.push((d.attribute("name").unwrap_or("").to_string(), d.text.trim().to_string()));
        }
    }
    out
}

/// `lon,lat[,alt]` tuples separated by white space.
fn coordinates(text: &str) -> Option<Vec<(f64, f64)>> {
    text.split_whitespace()
        .map(|tuple| {
            let mut parts = tuple.split(',').map(|p| p.trim().parse::<f64>());
            Some((parts.next()?.ok()?, parts.next()?.ok()?))
        })
        .collect()
}

/// Where a Placemark is: its points (MultiGeometry gathered), whether they form a line, and the
/// dates of a gx:Track's points.
struct Geometry {
    points: Vec<(f64, f64)>,
    line: bool,
    track_dates: Vec<String>,
}

fn geometry(placemark: &Element) -> Result<Geometry, String> {
    let mut g = Geometry {
        points: Vec::new(),
        line: false,
        track_dates: Vec::new(),
    };
    let mut parts = Vec::new();
    for kind in ["Point", "LineString", "Track", "Polygon", "LinearRing", "Model"] {
        placemark.descendants(kind, &mut parts);
    }
    for part in parts {
        match part.name.as_str() {
            "Point" | "LineString" => {
                let found = coordinates(&part.child_text("coordinates"))
                    .ok_or_else(|| format!("{} coordinates are not lon,lat numbers", part.name))?;
                g.line |= part.name == "LineString";
                g.points.extend(found);
            }
            "Track" => {
                g.line = true;
                for coord in part.children_named("coord") {
                    let mut xy = coord.text.split_whitespace().map(str::parse::<f64>);
                    match (xy.next(), xy.next()) {
                        (Some(Ok(x)), Some(Ok(y))) => g.points.push((x, y)),
                        _ => return Err("a gx:coord is not \"lon lat alt\"".to_string()),
                    }
                }
                g.track_dates
                    .extend(part.children_named("when").map(|w| w.text.trim().to_string()));
            }
            "LinearRing" => {}
            other => return Err(format!("{other} geometry is not read (only points, lines and tracks)")),
        }
    }
    Ok(g)
}

/// The Placemark's date: our `date` ExtendedData (exact, with precision), else TimeStamp, else
/// TimeSpan, else the first and last times of a track.
fn date(placemark: &Element, data: &[(String, String)], g: &Geometry) -> Result<HistoricalDate, String> {
    if let Some((_, d)) = data.iter().find(|(k, v)| k == "date" && !v.is_empty()) {
        return parse_when(d);
    }
    if let Some(stamp) = placemark.child("TimeStamp") {
        return parse_when(&stamp.child_text("when"));
    }
    if let Some(span) = placemark.child("TimeSpan") {
        return from_start_end(&span.child_text("begin"), &span.child_text("end"));
    }
    match (g.track_dates.first(), g.track_dates.last()) {
        (Some(a), Some(b)) => from_start_end(a, b),
        _ => Err("no TimeStamp or TimeSpan".to_string()),
    }
}

fn data_list(data: &[(String, String)], key: &str) -> Vec<String> {
    data.iter()
        .find(|(k, _)| k == key)
        .and_then(|(_, v)| serde_json::from_str::<Vec<String>>(v).ok())
        .unwrap_or_default()
}

/// Keys of ExtendedData we write and read back; any other is kept in the event's text.
const OUR_KEYS: [&str; 13] = [
    "actors",
    "place",
    "country",
    "id",
    "date",
    "date_text",
    "quote",
    "place_ids",
    "place_names",
    "place_precisions",
    "dates",
    "mode",
    "travellers",
];

pub(crate) fn read(text: &str, problems: &mut Problems) -> Result<Chronicle, LoadError> {
    let root = parse(text, problems)?;
    if root.name != "kml" {
        return Err(problems.error(root.line, format!("the root element is <{}>, not <kml>", root.name)));
    }
    let name = problems.file.clone();
    let mut b = Builder::new(empty_chronicle(&name, FileFormat::Kml));
    let document = root.child("Document").unwrap_or(&root);
    let title = document.child_text("name");
    if !title.is_empty() {
        b.chronicle.metadata.title = title;
    }
    b.chronicle.metadata.description = document.child_text("description");
    let data = extended_data(document);
    let get = |key: &str| {
        data.iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    if !get("source").is_empty() {
        b.chronicle.metadata.source.reference = get("source");
    }
    b.chronicle.metadata.attribution = get("attribution");
    b.chronicle.metadata.licence = get("licence");
    walk(document, None, &mut b, problems);
    Ok(b.chronicle)
}

/// Reads the Placemarks of a container; Folders inside become threads (the innermost wins).
fn walk(container: &Element, thread: Option<String>, b: &mut Builder, problems: &mut Problems) {
    for child in &container.children {
        match child.name.as_str() {
            "Folder" | "Document" => {
                let data = extended_data(child);
                let id = data
                    .iter()
                    .find(|(k, _)| k == "thread_id")
                    .map_or("", |(_, v)| v.as_str());
                let inner = b.thread(id, &child.child_text("name")).or(thread.clone());
                walk(child, inner, b, problems);
            }
            "Placemark" => placemark(child, thread.clone(), b, problems),
            _ => {}
        }
    }
}

/// The name a Placemark without geometry is placed by: its `<address>`, else its `place`
/// ExtendedData, else its first `place_names`, else its `<name>` (not for a Placemark this app
/// wrote, with its `id` in ExtendedData: an event without a place is written without one).
fn place_name(p: &Element, data: &[(String, String)], title: &str) -> Option<String> {
    let value = |key: &str| {
        data.iter()
            .find(|(k, v)| k == key && !v.trim().is_empty())
            .map(|(_, v)| v.trim().to_string())
    };
    let address = p.child_text("address");
    if !address.trim().is_empty() {
        return Some(address.trim().to_string());
    }
    if let Some(place) = value("place") {
        return Some(place);
    }
    if let Some(name) = data_list(data, "place_names")
        .into_iter()
        .find(|n| !n.trim().is_empty())
    {
        return Some(name);
    }
    value("id").is_none().then(|| title.to_string())
}

/// Places `name` by the gazetteer; an address ("Pyongyang, North Korea") that is not a name
/// there is tried by its first part. The error is the one for the whole text.
fn by_name(b: &mut Builder, id: &str, name: &str, country: &str) -> Result<String, String> {
    let city = crate::chronicle::LocationPrecision::City;
    b.place_by_name(id, name, country, city)
        .or_else(|whole| match name.split_once(',') {
            Some((head, _)) if !head.trim().is_empty() => b.place_by_name(id, head, country, city).map_err(|_| whole),
            _ => Err(whole),
        })
}

fn placemark(p: &Element, thread: Option<String>, b: &mut Builder, problems: &mut Problems) {
    let title = p.child_text("name");
    let at = format!("Placemark {title:?}");
    if title.is_empty() {
        problems.dropped(p.line, "Placemark", "no <name>; left out");
        return;
    }
    let data = extended_data(p);
    let get = |key: &str| {
        data.iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let g = match geometry(p) {
        Ok(g) => g,
        Err(e) => return problems.dropped(p.line, at, format!("{e}; left out")),
    };
    let date = match date(p, &data, &g) {
        Ok(d) => d,
        Err(e) => return problems.dropped(p.line, at, format!("{e}; left out")),
    };
    let (ids, names, precisions) = (
        data_list(&data, "place_ids"),
        data_list(&data, "place_names"),
        data_list(&data, "place_precisions"),
    );
    let mut places = Vec::new();
    for (k, &(lon, lat)) in g.points.iter().enumerate() {
        let pick = |v: &[String]| v.get(k).cloned().unwrap_or_default();
        let mut name = pick(&names);
        if name.is_empty() {
            name = if g.line {
                format!("{title}, point {}", k + 1)
            } else {
                title.clone()
            };
        }
        match b.place(&pick(&ids), &name, lon, lat, precision(&pick(&precisions))) {
            Ok(id) => places.push(id),
            Err(e) => return problems.dropped(p.line, at, format!("{e}; left out")),
        }
    }
    if g.points.is_empty()
        && let Some(name) = place_name(p, &data, &title)
    {
        // No geometry, only a place's name: looked up in the gazetteer, or reported.
        let country = get("country");
        match by_name(b, &ids.first().cloned().unwrap_or_default(), &name, &country) {
            Ok(id) => places.push(id),
            Err(e) => problems.note(p.line, &at, format!("{e}; kept without a place")),
        }
    }
    let mut summary = p.child_text("description");
    for (key, value) in &data {
        if !OUR_KEYS.contains(&key.as_str()) && !value.is_empty() {
            if !summary.is_empty() {
                summary.push('\n');
            }
            summary.push_str(&format!("{key}: {value}"));
        }
    }
    if g.line {
        if places.len() < 2 {
            return problems.dropped(p.line, at, "a line of fewer than two points; left out");
        }
        let mut dates: Vec<Option<String>> = data_list(&data, "dates")
            .into_iter()
            .map(|d| Some(d).filter(|d| !d.is_empty()))
            .collect();
        if dates.is_empty() && g.track_dates.len() == places.len() {
            dates = g.track_dates.iter().cloned().map(Some).collect();
        }
        if !summary.is_empty() {
            problems.note(p.line, &at, "description not kept: a journey has no text of its own");
        }
        let id = b.movements.take(&get("id"), "journey");
        b.chronicle.movements.push(Movement {
            id,
            title,
            travellers: data_list(&data, "travellers"),
            mode: super::geojson::mode(&get("mode")),
            route: route(&places, &date, &dates),
            events: Vec::new(),
            quote: get("quote"),
            footnotes: Vec::new(),
        });
    } else {
        let id = b.events.take(&get("id"), "event");
        b.chronicle.events.push(Event {
            id: id.into(),
            title: title.into(),
            date,
            date_text: get("date_text").into(),
            places: places.into_iter().map(Into::into).collect(),
            place_inferred: false,
            actors: data_list(&data, "actors").into_iter().map(Into::into).collect(),
            thread: thread.map(Into::into),
            summary,
            quote: get("quote"),
            footnotes: Vec::new(),
            disputes: Vec::new(),
            citations: Vec::new(),
        });
    }
}

/// A KML time: the first and last day as `xsd:date` (KML has no seasons or parts of months;
/// the exact date goes in ExtendedData).
fn time_element(date: &HistoricalDate) -> String {
    let (first, last) = (date.first_day(), date.last_day());
    if first == last {
        format!("<TimeStamp><when>{first}</when></TimeStamp>")
    } else {
        format!("<TimeSpan><begin>{first}</begin><end>{last}</end></TimeSpan>")
    }
}

fn data_xml(pairs: &[(&str, String)]) -> String {
    let mut out = String::from("<ExtendedData>");
    for (k, v) in pairs {
        if !v.is_empty() && v != "[]" {
            out.push_str(&format!("<Data name=\"{k}\"><value>{}</value></Data>", escape(v)));
        }
    }
    out.push_str("</ExtendedData>");
    out
}

pub(crate) fn write(chronicle: &Chronicle, problems: &mut Problems) -> String {
    let json = |v: Vec<&str>| serde_json::to_string(&v).unwrap_or_default();
    let places = |ids: Vec<&str>| {
        let found: Vec<_> = ids.into_iter().filter_map(|id| chronicle.place(id)).collect();
        let coords: Vec<String> = found.iter().map(|p| format!("{},{}", p.lon, p.lat)).collect();
        let meta = [
            ("place_ids", json(found.iter().map(|p| p.id.as_str()).collect())),
            ("place_names", json(found.iter().map(|p| p.name.as_str()).collect())),
            (
                "place_precisions",
                json(found.iter().map(|p| p.precision.as_str()).collect()),
            ),
        ];
        (coords, meta)
    };
    let placemark = |event: &Event| {
        let (coords, meta) = places(event.places.iter().map(|p| p.as_str()).collect());
        let geometry = match coords.len() {
            0 => String::new(),
            1 => format!("<Point><coordinates>{}</coordinates></Point>", coords[0]),
            _ => format!(
                "<MultiGeometry>{}</MultiGeometry>",
                coords
                    .iter()
                    .map(|c| format!("<Point><coordinates>{c}</coordinates></Point>"))
                    .collect::<String>()
            ),
        };
        let mut data = vec![
            ("id", event.id.to_string()),
            ("date", event.date.to_string()),
            ("date_text", event.date_text.to_string()),
            ("quote", event.quote.clone()),
            ("actors", json(event.actors.iter().map(|a| a.as_str()).collect())),
        ];
        data.extend(meta);
        format!(
            "<Placemark><name>{}</name><description>{}</description>{}{}{geometry}</Placemark>\n",
            escape(&event.title),
            escape(&event.summary),
            time_element(&event.date),
            data_xml(&data)
        )
    };
    let mut body = String::new();
    for event in chronicle
        .events
        .iter()
        .filter(|e| e.thread.as_deref().and_then(|t| chronicle.thread(t)).is_none())
    {
        body.push_str(&placemark(event));
    }
    for thread in &chronicle.threads {
        body.push_str(&format!(
            "<Folder><name>{}</name>{}\n",
            escape(&thread.name),
            data_xml(&[("thread_id", thread.id.clone())])
        ));
        for event in chronicle
            .events
            .iter()
            .filter(|e| e.thread.as_deref() == Some(thread.id.as_str()))
        {
            body.push_str(&placemark(event));
        }
        body.push_str("</Folder>\n");
    }
    for movement in &chronicle.movements {
        let (coords, meta) = places(movement.route.iter().map(|w| w.place.as_str()).collect());
        let first = movement.route.iter().find_map(|w| w.date.as_ref());
        let last = movement.route.iter().rev().find_map(|w| w.date.as_ref());
        let time = match (first, last) {
            (Some(a), Some(b)) => time_element(&HistoricalDate {
                start: a.start,
                end: Some(b.end.unwrap_or(b.start)),
            }),
            _ => String::new(),
        };
        let dates: Vec<String> = movement
            .route
            .iter()
            .map(|w| w.date.as_ref().map(|d| d.to_string()).unwrap_or_default())
            .collect();
        let mut data = vec![
            ("id", movement.id.clone()),
            ("quote", movement.quote.clone()),
            ("dates", serde_json::to_string(&dates).unwrap_or_default()),
            (
                "mode",
                serde_json::to_value(movement.mode)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default(),
            ),
            (
                "travellers",
                json(movement.travellers.iter().map(String::as_str).collect()),
            ),
        ];
        data.extend(meta);
        body.push_str(&format!(
            "<Placemark><name>{}</name>{time}{}<LineString><tessellate>1</tessellate><coordinates>{}</coordinates></LineString></Placemark>\n",
            escape(&movement.title),
            data_xml(&data),
            coords.join(" ")
        ));
    }
    if !chronicle.periods.is_empty() {
        problems.note(
            0,
            "",
            format!(
                "{} period(s) not written: KML has no place for them",
                chronicle.periods.len()
            ),
        );
    }
    super::csv::left_out(chronicle, problems, "KML");
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<kml xmlns=\"http://www.opengis.net/kml/2.2\" \
         xmlns:gx=\"http://www.google.com/kml/ext/2.2\">\n<Document><name>{}</name><description>{}</description>{}\n{body}</Document>\n</kml>\n",
        escape(&chronicle.metadata.title),
        escape(&chronicle.metadata.description),
        data_xml(&[
            ("source", chronicle.metadata.source.reference.clone()),
            ("attribution", chronicle.metadata.attribution.clone()),
            ("licence", chronicle.metadata.licence.clone()),
        ])
    )
}
