//! What every reader needs: unique ids made from titles, places shared between records,
//! threads by name, and dates from the pieces other formats write them in.

use crate::chronicle::{Chronicle, HistoricalDate, LocationPrecision, Place, PlacedByName, Thread, Waypoint};
use crate::gazetteer::{self, Gazetteer, Miss};
use std::collections::{HashMap, HashSet};

/// Lower-case words joined by hyphens: "Zhou meets Stalin!" → "zhou-meets-stalin". Letters of
/// any script are kept ("北京" stays), so ids stay readable for any language.
pub(crate) fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 60 {
            break;
        }
    }
    out.trim_end_matches('-').to_string()
}

/// Hands out ids unique within one list: the wanted one, else `-2`, `-3`… appended.
#[derive(Default)]
pub(crate) struct Ids(HashSet<String>);

impl Ids {
    pub(crate) fn take(&mut self, wanted: &str, fallback: &str) -> String {
        // The fallback may be a title ("Battle of Inchon"): made an id by the same rule.
        let base = [slug_or_keep(wanted), slug_or_keep(fallback)]
            .into_iter()
            .find(|s| !s.is_empty())
            .unwrap_or_else(|| "record".to_string());
        let mut id = base.clone();
        let mut n = 2;
        while self.0.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.0.insert(id.clone());
        id
    }
}

/// An id the file gives is kept as it is when it is already one (so round trips keep ids);
/// anything else becomes a slug.
fn slug_or_keep(wanted: &str) -> String {
    let trimmed = wanted.trim();
    if crate::chronicle::ids::is_valid_id(trimmed) {
        trimmed.to_string()
    } else {
        slug(trimmed)
    }
}

/// Fills a chronicle record by record, sharing places and threads.
pub(crate) struct Builder {
    pub(crate) chronicle: Chronicle,
    pub(crate) events: Ids,
    pub(crate) movements: Ids,
    pub(crate) periods: Ids,
    places: Ids,
    threads: Ids,
    thread_by_name: HashMap<String, String>,
    /// (name, lon, lat) to id, so a place named twice with the same coordinates is one place.
    place_by_key: HashMap<(String, u64, u64), String>,
}

impl Builder {
    pub(crate) fn new(chronicle: Chronicle) -> Builder {
        Builder {
            chronicle,
            events: Ids::default(),
            movements: Ids::default(),
            periods: Ids::default(),
            places: Ids::default(),
            threads: Ids::default(),
            thread_by_name: HashMap::new(),
            place_by_key: HashMap::new(),
        }
    }

    /// The id of the thread named `name` (with `id` if the file gives one), made on first use.
    pub(crate) fn thread(&mut self, id: &str, name: &str) -> Option<String> {
        let name = name.trim();
        let key = if name.is_empty() { id.trim() } else { name };
        if key.is_empty() {
            return None;
        }
        if let Some(found) = self.thread_by_name.get(key) {
            return Some(found.clone());
        }
        let wanted = if id.trim().is_empty() { key } else { id };
        let id = self.threads.take(wanted, "thread");
        self.chronicle.threads.push(Thread {
            id: id.clone(),
            name: key.to_string(),
            description: String::new(),
        });
        self.thread_by_name.insert(key.to_string(), id.clone());
        Some(id)
    }

    /// The id of a place at `lon`, `lat`, made on first use; an error says what is wrong with
    /// the coordinates. Longitudes beyond ±180 (lines unwrapped across the antimeridian) are
    /// brought back into range.
    pub(crate) fn place(
        &mut self,
        id: &str,
        name: &str,
        lon: f64,
        lat: f64,
        precision: LocationPrecision,
    ) -> Result<String, String> {
        if !lon.is_finite() || !lat.is_finite() || lon.abs() > 540.0 {
            return Err(format!("coordinates {lon}, {lat} are not a longitude and latitude"));
        }
        if !(-90.0..=90.0).contains(&lat) {
            return Err(format!(
                "latitude {lat} is outside −90…90 (are longitude and latitude swapped?)"
            ));
        }
        let lon = if (-180.0..=180.0).contains(&lon) {
            lon
        } else {
            (lon + 180.0).rem_euclid(360.0) - 180.0
        };
        let name = if name.trim().is_empty() {
            format!("{lat:.4}, {lon:.4}")
        } else {
            name.trim().to_string()
        };
        let key = (name.clone(), lon.to_bits(), lat.to_bits());
        if let Some(found) = self.place_by_key.get(&key) {
            return Ok(found.clone());
        }
        let wanted = if id.trim().is_empty() { name.as_str() } else { id };
        let id = self.places.take(wanted, "place");
        self.chronicle.places.push(Place {
            id: id.clone(),
            name,
            other_names: Vec::new(),
            lon,
            lat,
            precision,
            radius_km: None,
            note: String::new(),
            area: None,
            in_force: None,
            rank: None,
            placed_by_name: None,
        });
        self.place_by_key.insert(key, id.clone());
        Ok(id)
    }

    /// The id of a place the file names without coordinates, found in the shipped gazetteer
    /// (in `country`, an ISO alpha-2 code, when the file gives one) and marked "placed by
    /// name"; an error says why it was not found. Nothing is guessed: only exact matches of a
    /// name or other name (ignoring case and accents) count, the most populous first.
    pub(crate) fn place_by_name(
        &mut self,
        id: &str,
        name: &str,
        country: &str,
        precision: LocationPrecision,
    ) -> Result<String, String> {
        let name = name.trim();
        let country = country.trim();
        let is_code = country.len() == 2 && country.chars().all(|c| c.is_ascii_alphabetic());
        if !country.is_empty() && !is_code {
            return Err(format!(
                "Country {country:?} is not a two-letter ISO code (CN, KP, RU…); place {name:?} not looked up"
            ));
        }
        let entry = Gazetteer::world()
            .lookup(name, (!country.is_empty()).then_some(country))
            .map_err(|miss| match miss {
                Miss::Unknown => format!(
                    "place {name:?} has no Latitude and Longitude and is not in the gazetteer ({}): \
                     not placed; give its coordinates",
                    gazetteer::ATTRIBUTION
                ),
                Miss::NotInCountry(found) => format!(
                    "place {name:?} is not in the gazetteer in country {country}, only in {}: not placed",
                    found.join(", ")
                ),
            })?;
        let placed = PlacedByName {
            matched: entry.name.clone(),
            country: entry.country.clone(),
            population: entry.population,
            gazetteer: gazetteer::ATTRIBUTION.to_string(),
        };
        let id = self.place(id, name, entry.lon, entry.lat, precision)?;
        if let Some(place) = self.chronicle.places.iter_mut().find(|p| p.id == id) {
            place.placed_by_name = Some(placed);
        }
        Ok(id)
    }
}

/// The precision a file names, `exact` for anything else (a coordinate pins a point).
pub(crate) fn precision(text: &str) -> LocationPrecision {
    match text.trim().to_ascii_lowercase().as_str() {
        "city" => LocationPrecision::City,
        "region" => LocationPrecision::Region,
        _ => LocationPrecision::Exact,
    }
}

/// A year as EDTF writes it: four digits at least, `-` before the era.
pub(crate) fn year_text(year: i64) -> String {
    if year < 0 {
        format!("-{:04}", -year)
    } else {
        format!("{year:04}")
    }
}

/// An EDTF point from spreadsheet cells: year, optional month, optional day.
pub(crate) fn point_from_parts(year: &str, month: &str, day: &str) -> Result<String, String> {
    let number = |what: &str, text: &str| -> Result<Option<i64>, String> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        // Spreadsheets write whole numbers as "1950.0".
        let text = text.strip_suffix(".0").unwrap_or(text);
        text.parse::<i64>()
            .map(Some)
            .map_err(|_| format!("{what} {text:?} is not a number"))
    };
    let Some(y) = number("year", year)? else {
        return Err("no year".to_string());
    };
    if y.abs() > 9999 {
        return Err(format!("year {y} is outside −9999…9999"));
    }
    let mut text = year_text(y);
    if let Some(m) = number("month", month)? {
        if !(1..=12).contains(&m) {
            return Err(format!("month {m} is not 1…12"));
        }
        text.push_str(&format!("-{m:02}"));
        if let Some(d) = number("day", day)? {
            if !(1..=31).contains(&d) {
                return Err(format!("day {d} is not 1…31"));
            }
            text.push_str(&format!("-{d:02}"));
        }
    } else if !day.trim().is_empty() {
        return Err("a day without a month".to_string());
    }
    Ok(text)
}

/// Reads a date as other tools write it: our form or EDTF (`1950-10`, `1950-10-09/1950-10-10`),
/// an ISO date-time (`1950-10-19T05:00:00Z`, the day is kept), or a bare year (`476`, `-44`).
pub(crate) fn parse_when(text: &str) -> Result<HistoricalDate, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("empty date".to_string());
    }
    if let Ok(date) = HistoricalDate::parse(text) {
        return Ok(date);
    }
    let halves: Vec<String> = text.split('/').map(normalise_point).collect();
    HistoricalDate::parse(&halves.join("/")).map_err(|e| e.to_string())
}

/// `1950-10-19T05:00Z` → `1950-10-19`; `476` → `0476`; other text unchanged.
fn normalise_point(text: &str) -> String {
    let text = text.trim();
    let date = match text.find('T') {
        Some(at) if at >= 4 => &text[..at],
        _ => text,
    };
    let digits = date.strip_prefix('-').unwrap_or(date);
    if !digits.is_empty() && digits.len() < 4 && digits.chars().all(|c| c.is_ascii_digit()) {
        let year: i64 = date.parse().unwrap_or(0);
        return year_text(year);
    }
    date.to_string()
}

/// A date from separate start and end values, as GeoJSON properties and KML TimeSpans give it.
pub(crate) fn from_start_end(start: &str, end: &str) -> Result<HistoricalDate, String> {
    match (start.trim(), end.trim()) {
        ("", "") => Err("no date".to_string()),
        (s, "") | ("", s) => parse_when(s),
        (s, e) if normalise_point(s) == normalise_point(e) => parse_when(s),
        (s, e) => parse_when(&format!("{}/{}", normalise_point(s), normalise_point(e))),
    }
}

/// Waypoints dated from `dates` when the file gives one per point, else the record's start on
/// the first and its end on the last (the waypoints between undated, as the source gives them).
pub(crate) fn route(places: &[String], date: &HistoricalDate, dates: &[Option<String>]) -> Vec<Waypoint> {
    let each = (dates.len() == places.len()).then(|| {
        dates
            .iter()
            .map(|d| d.as_deref().and_then(|d| parse_when(d).ok()))
            .collect::<Vec<_>>()
    });
    let end = HistoricalDate {
        start: date.end.unwrap_or(date.start),
        end: None,
    };
    let start = HistoricalDate {
        start: date.start,
        end: None,
    };
    places
        .iter()
        .enumerate()
        .map(|(k, place)| Waypoint {
            place: place.clone(),
            date: match &each {
                Some(each) => each[k].clone(),
                None if k == 0 => Some(start.clone()),
                None if k + 1 == places.len() => Some(end.clone()),
                None => None,
            },
            inferred: false,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_and_unique_ids() {
        assert_eq!(slug("Zhou meets Stalin!"), "zhou-meets-stalin");
        assert_eq!(slug("北京 1950"), "北京-1950");
        let mut ids = Ids::default();
        assert_eq!(ids.take("Inchon landing", "event"), "inchon-landing");
        assert_eq!(ids.take("Inchon landing", "event"), "inchon-landing-2");
        assert_eq!(ids.take("", "event"), "event");
        assert_eq!(ids.take("kept-as-is-1", "event"), "kept-as-is-1");
        assert_eq!(ids.take("Not_an.id", "event"), "not-an-id");
    }

    #[test]
    fn dates_from_parts_and_other_tools() {
        assert_eq!(point_from_parts("1950", "10", "").as_deref(), Ok("1950-10"));
        assert_eq!(point_from_parts("-44", "3", "15").as_deref(), Ok("-0044-03-15"));
        assert!(point_from_parts("1950", "13", "").is_err());
        assert!(point_from_parts("", "1", "").is_err());
        assert_eq!(
            parse_when("1950-10-19T05:00:00Z").map(|d| d.to_string()).as_deref(),
            Ok("1950-10-19")
        );
        assert_eq!(parse_when("476").map(|d| d.to_string()).as_deref(), Ok("0476"));
        assert_eq!(
            from_start_end("1950-10-09", "1950-10-10")
                .map(|d| d.to_string())
                .as_deref(),
            Ok("1950-10-09/1950-10-10")
        );
        assert!(parse_when("next Tuesday").is_err());
    }
}
