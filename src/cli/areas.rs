//! `chronoatlas areas`: what the map layer draws on a day (states, lines, keyframed features
//! interpolated to the day), each with the source it rests on; a table, or GeoJSON for a GIS.

use super::{Failure, load_chronicle};
use crate::chronicle::citation::cite;
use crate::chronicle::{Chronicle, FeatureKind, date::parse_day};
use chrono::NaiveDate;
use clap::ValueEnum;
use serde_json::{Value, json};
use std::io::Write;
use std::path::Path;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum AreasFormat {
    /// A FeatureCollection (RFC 7946); states, made of the base map's countries, have no
    /// geometry of their own and carry their country codes.
    Geojson,
    Table,
}

/// One thing the map draws on the day.
struct Drawn {
    kind: &'static str,
    id: String,
    name: String,
    /// "2 points", "keyframe 1950-09-15", "between keyframes … and …".
    detail: String,
    /// Where it comes from, in words.
    source: String,
    geometry: Value,
    extra: Value,
}

fn drawn_on(chronicle: &Chronicle, day: NaiveDate) -> Vec<Drawn> {
    let main_source = if chronicle.metadata.source.short.is_empty() {
        chronicle.metadata.source.reference.clone()
    } else {
        chronicle.metadata.source.short.clone()
    };
    // States and lines in force that day; keyframed features are interpolated below.
    let map = &chronicle.map.on(day);
    let mut out = Vec::new();
    for state in &map.states {
        out.push(Drawn {
            kind: "state",
            id: String::new(),
            name: state.name.clone(),
            detail: format!("countries {}", state.countries.join(", ")),
            source: with_note(&main_source, &state.note),
            geometry: Value::Null,
            extra: json!({ "countries": state.countries }),
        });
    }
    for line in &map.lines {
        out.push(Drawn {
            kind: "line",
            id: line.id.clone(),
            name: line.name.clone(),
            detail: format!("{} points", line.points.len()),
            source: with_note(&main_source, &line.note),
            geometry: json!({ "type": "LineString", "coordinates": line.points }),
            extra: json!({}),
        });
    }
    for feature in &chronicle.map.features {
        let Some(shown) = feature.on(day) else { continue };
        let (a, b) = shown.keyframes;
        let date = |i: usize| feature.keyframes.get(i).map_or(String::new(), |k| k.date.to_string());
        let mut detail = match b {
            Some(b) => format!("between keyframes {} and {}", date(a), date(b)),
            None => format!("keyframe {}", date(a)),
        };
        if shown.approximate {
            detail.push_str(" (approximate)");
        }
        let citations = feature.citations_on(&shown);
        let sources = &chronicle.metadata.sources;
        let source = citations
            .iter()
            .map(|c| cite(sources, c))
            .collect::<Vec<_>>()
            .join("; ");
        let cited: Vec<Value> = citations
            .iter()
            .map(|c| {
                let reference = sources.iter().find(|s| s.id == c.source).map(|s| s.reference.as_str());
                json!({ "source": c.source, "locator": c.locator, "note": c.note, "reference": reference })
            })
            .collect();
        let geometry = match feature.kind {
            FeatureKind::Area => json!({
                "type": "MultiPolygon",
                "coordinates": shown.parts.iter().map(|ring| vec![closed(ring)]).collect::<Vec<_>>(),
            }),
            _ => json!({ "type": "MultiLineString", "coordinates": shown.parts }),
        };
        let keyframes: Vec<String> = [Some(a), b].into_iter().flatten().map(date).collect();
        out.push(Drawn {
            kind: feature.kind.as_str(),
            id: feature.id.clone(),
            name: feature.name.clone(),
            detail,
            source,
            geometry,
            extra: json!({
                "side": feature.side,
                "approximate": shown.approximate,
                "keyframes": keyframes,
                "citations": cited,
                "note": feature.note,
            }),
        });
    }
    out
}

/// A ring as GeoJSON wants it: the first point repeated at the end.
fn closed(ring: &[[f64; 2]]) -> Vec<[f64; 2]> {
    let mut v = ring.to_vec();
    if v.len() > 1 && v.first() != v.last() {
        v.push(v[0]);
    }
    v
}

pub fn list(file: Option<&Path>, on: &str, format: AreasFormat, out: &mut dyn Write) -> Result<(), Failure> {
    let day = parse_day(on).map_err(|e| Failure(format!("--on {on:?}: {e}")))?;
    let (chronicle, _) = load_chronicle(file)?;
    let drawn = drawn_on(&chronicle, day);
    let write_err = |e: std::io::Error| Failure(format!("cannot write output: {e}"));
    match format {
        AreasFormat::Geojson => {
            let features: Vec<Value> = drawn
                .into_iter()
                .map(|d| {
                    let mut properties = json!({
                        "kind": d.kind, "name": d.name, "detail": d.detail, "source": d.source,
                    });
                    if !d.id.is_empty() {
                        properties["id"] = json!(d.id);
                    }
                    if let (Some(p), Some(extra)) = (properties.as_object_mut(), d.extra.as_object()) {
                        p.extend(extra.clone());
                    }
                    json!({ "type": "Feature", "geometry": d.geometry, "properties": properties })
                })
                .collect();
            let collection = json!({
                "type": "FeatureCollection",
                "date": day.format("%Y-%m-%d").to_string(),
                "features": features,
            });
            let text = serde_json::to_string_pretty(&collection).unwrap_or_default();
            writeln!(out, "{text}").map_err(write_err)
        }
        AreasFormat::Table => {
            writeln!(out, "{:<7} {:<36} {:<62} SOURCE", "KIND", "NAME", "SHAPE").map_err(write_err)?;
            for d in drawn {
                writeln!(
                    out,
                    "{:<7} {:<36} {:<62} {}",
                    d.kind,
                    cut(&d.name, 36),
                    cut(&d.detail, 62),
                    d.source
                )
                .map_err(write_err)?;
            }
            Ok(())
        }
    }
}

/// At most `n` characters, a cut shown with "…".
fn cut(text: &str, n: usize) -> String {
    if text.chars().count() <= n {
        text.to_string()
    } else {
        let mut s: String = text.chars().take(n - 1).collect();
        s.push('…');
        s
    }
}

/// The chronicle's source, with the record's own note on where its dates come from.
fn with_note(source: &str, note: &str) -> String {
    if note.is_empty() {
        source.to_string()
    } else {
        format!("{source}; {note}")
    }
}
