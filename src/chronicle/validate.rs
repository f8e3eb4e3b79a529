//! Checks a loaded chronicle for what a schema cannot see: references between records,
//! dates in order, coordinates in range, and, given the source text, verbatim quotes.

use super::{Chronicle, FORMAT, HistoricalDate, InForce, SourceText, overlap};
// ahash (already built for winit): a million ids are checked when a large file opens.
use ahash::{AHashMap as HashMap, AHashSet as HashSet};
use std::fmt;

/// One thing wrong with a chronicle, naming the record it concerns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// "event zhou-meets-stalin", "place yalu", "chronicle"…
    pub subject: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.subject, self.message)
    }
}

struct Report(Vec<Problem>);

/// The record a problem concerns ("event x"), put into words only when a problem is found: a
/// million events are checked without a million strings.
#[derive(Clone, Copy)]
struct Subject<'a>(&'static str, &'a str);

impl fmt::Display for Subject<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.0, self.1)
    }
}

impl Report {
    fn add(&mut self, subject: impl fmt::Display, message: impl Into<String>) {
        self.0.push(Problem {
            subject: subject.to_string(),
            message: message.into(),
        });
    }

    fn check_ids<'a>(&mut self, kind: &str, ids: impl ExactSizeIterator<Item = &'a str>) -> HashSet<&'a str> {
        let mut seen = HashSet::with_capacity(ids.len());
        for id in ids {
            if id.trim().is_empty() {
                self.add(kind, "empty id");
            } else if !seen.insert(id) {
                self.add(format!("{kind} {id}"), "duplicate id");
            } else if let Some(fault) = super::ids::id_fault(id) {
                self.add(
                    format!("{kind} {id:?}"),
                    format!("id outside the rule (lower-case words joined by hyphens): {fault}"),
                );
            }
        }
        seen
    }

    fn check_date(&mut self, subject: impl fmt::Display, what: &str, date: &HistoricalDate) {
        if date.ends_before_start() {
            self.add(subject, format!("{what} {date} ends before it starts"));
        }
    }

    fn check_window(&mut self, subject: impl fmt::Display, what: &str, window: Option<&InForce>) {
        if let Some(window) = window
            && window.is_empty()
        {
            let end = |d: &Option<HistoricalDate>| d.as_ref().map_or("…".to_string(), |d| d.to_string());
            self.add(
                subject,
                format!(
                    "{what} in_force from {} until {} is empty: it ends before it starts",
                    end(&window.from),
                    end(&window.until)
                ),
            );
        }
    }

    fn check_verbatim(&mut self, source: Option<&SourceText>, subject: impl fmt::Display, what: &str, text: &str) {
        if let Some(source) = source
            && !text.trim().is_empty()
            && !source.contains(text)
        {
            let shown: String = text.chars().take(60).collect();
            let more = if text.chars().count() > 60 { "…" } else { "" };
            self.add(
                subject,
                format!("{what} not found verbatim in the source: \"{shown}{more}\""),
            );
        }
    }
}

/// Lists every problem; an empty list means the chronicle is valid. With `source`,
/// quotes, footnotes and the source's date wording must stand verbatim in it.
pub fn validate(chronicle: &Chronicle, source: Option<&SourceText>) -> Vec<Problem> {
    let mut r = Report(Vec::new());
    if chronicle.format != FORMAT {
        r.add(
            "chronicle",
            format!("unknown format {:?}; this version reads {FORMAT:?}", chronicle.format),
        );
    }
    if chronicle.metadata.title.trim().is_empty() {
        r.add("metadata", "empty title");
    }
    let threads = r.check_ids("thread", chronicle.threads.iter().map(|t| t.id.as_str()));
    let places = r.check_ids("place", chronicle.places.iter().map(|p| p.id.as_str()));
    // The events' ids are checked on a second thread while this one checks everything else
    // (a million of each when a large file opens); their problems keep their place in the list.
    std::thread::scope(|scope| {
        let events = scope.spawn(|| {
            let mut r = Report(Vec::new());
            let ids = r.check_ids("event", chronicle.events.iter().map(|e| e.id.as_str()));
            (r.0, ids)
        });
        let mut rest = Report(Vec::new());
        let footnotes = check_records(&mut rest, chronicle, source, (&threads, &places));
        // A panic there is one of its own; the ids are then checked here.
        let (problems, events) = events.join().unwrap_or_else(|_| {
            let mut r = Report(Vec::new());
            let ids = r.check_ids("event", chronicle.events.iter().map(|e| e.id.as_str()));
            (r.0, ids)
        });
        r.0.extend(problems);
        r.0.extend(rest.0);
        check_the_rest(&mut r, chronicle, source, (&places, &events, &footnotes));
    });
    r.0
}

/// The records' ids, footnotes, places and events; returns the footnotes' texts by number.
fn check_records<'a>(
    r: &mut Report,
    chronicle: &'a Chronicle,
    source: Option<&SourceText>,
    (threads, places): (&HashSet<&str>, &HashSet<&str>),
) -> HashMap<u32, &'a str> {
    let sources = r.check_ids("source", chronicle.metadata.sources.iter().map(|s| s.id.as_str()));
    r.check_ids("map feature", chronicle.map.features.iter().map(|f| f.id.as_str()));
    for source in &chronicle.metadata.sources {
        if source.reference.trim().is_empty() {
            r.add(format!("source {}", source.id), "empty reference");
        }
    }
    for feature in &chronicle.map.features {
        for message in feature.problems(&sources) {
            r.add(format!("map feature {}", feature.id), message);
        }
    }
    r.check_ids("movement", chronicle.movements.iter().map(|m| m.id.as_str()));
    r.check_ids("view", chronicle.views.iter().map(|v| v.id.as_str()));
    r.check_ids("period", chronicle.periods.iter().map(|p| p.id.as_str()));

    let mut footnotes: HashMap<u32, &str> = HashMap::new();
    for note in &chronicle.footnotes {
        let subject = format!("footnote {}", note.number);
        if footnotes.insert(note.number, &note.text).is_some() {
            r.add(&subject, "defined twice");
        }
        if note.text.trim().is_empty() {
            r.add(&subject, "empty text");
        }
        r.check_verbatim(source, &subject, "text", &note.text);
    }

    for place in &chronicle.places {
        let subject = Subject("place", &place.id);
        if place.name.trim().is_empty() {
            r.add(subject, "empty name");
        }
        if !(-180.0..=180.0).contains(&place.lon) {
            r.add(subject, format!("longitude {} is outside −180…180", place.lon));
        }
        if !(-90.0..=90.0).contains(&place.lat) {
            r.add(subject, format!("latitude {} is outside −90…90", place.lat));
        }
        if let Some(radius) = place.radius_km
            && !(radius > 0.0 && radius.is_finite())
        {
            r.add(subject, format!("radius_km {radius} must be positive"));
        }
        check_place_time(r, place);
    }

    for event in &chronicle.events {
        let subject = Subject("event", &event.id);
        if event.title.trim().is_empty() {
            r.add(subject, "empty title");
        }
        r.check_date(subject, "date", &event.date);
        for place in &event.places {
            if !places.contains(place.as_str()) {
                r.add(subject, format!("unknown place {place:?}"));
            }
        }
        for place in event.places.iter().filter_map(|id| chronicle.place(id)) {
            let during = InForce {
                from: Some(event.date.clone()),
                until: Some(event.date.clone()),
            };
            if !overlap(place.in_force.as_ref(), Some(&during)) {
                r.add(subject, format!("place {:?} did not exist on {}", place.id, event.date));
            }
        }
        if event.place_inferred && event.places.is_empty() {
            r.add(subject, "place_inferred is set but no place is given");
        }
        if let Some(thread) = &event.thread
            && !threads.contains(thread.as_str())
        {
            r.add(subject, format!("unknown thread {thread:?}"));
        }
        check_footnote_refs(r, &footnotes, subject, &event.footnotes);
        for citation in &event.citations {
            if !sources.contains(citation.source.as_str()) {
                r.add(subject, format!("cites unknown source {:?}", citation.source));
            }
        }
        r.check_verbatim(source, subject, "quote", &event.quote);
        r.check_verbatim(source, subject, "date_text", &event.date_text);
        for dispute in &event.disputes {
            if dispute.claims.len() < 2 {
                r.add(subject, "a dispute needs at least two claims");
            }
            if dispute.claims.iter().filter(|c| c.preferred).count() > 1 {
                r.add(subject, "a dispute has more than one preferred claim");
            }
            for claim in &dispute.claims {
                if let Some(date) = &claim.date {
                    r.check_date(subject, "disputed date", date);
                }
                check_footnote_refs(r, &footnotes, subject, &claim.footnotes);
            }
        }
    }

    footnotes
}

/// Each footnote a record cites must have its text in the chronicle.
fn check_footnote_refs(r: &mut Report, footnotes: &HashMap<u32, &str>, subject: impl fmt::Display, numbers: &[u32]) {
    for n in numbers {
        if !footnotes.contains_key(n) {
            r.add(
                &subject,
                format!("cites footnote {n}, which has no text in the chronicle"),
            );
        }
    }
}

/// The journeys, views, opening, periods and map layer.
fn check_the_rest(
    r: &mut Report,
    chronicle: &Chronicle,
    source: Option<&SourceText>,
    (places, events, footnotes): (&HashSet<&str>, &HashSet<&str>, &HashMap<u32, &str>),
) {
    for movement in &chronicle.movements {
        let subject = format!("movement {}", movement.id);
        if movement.title.trim().is_empty() {
            r.add(&subject, "empty title");
        }
        if movement.route.len() < 2 {
            r.add(&subject, "a route needs at least two waypoints");
        }
        for waypoint in &movement.route {
            if !places.contains(waypoint.place.as_str()) {
                r.add(&subject, format!("unknown place {:?}", waypoint.place));
            }
            if let Some(date) = &waypoint.date {
                r.check_date(&subject, "waypoint date", date);
            }
        }
        if movement.route.first().is_some_and(|w| w.date.is_none()) {
            r.add(&subject, "the first waypoint needs the departure date");
        }
        if movement.route.len() > 1 && movement.route.last().is_some_and(|w| w.date.is_none()) {
            r.add(&subject, "the last waypoint needs the arrival date");
        }
        let dated: Vec<_> = movement.route.iter().filter_map(|w| w.date.as_ref()).collect();
        if dated.windows(2).any(|pair| pair[1].last_day() < pair[0].first_day()) {
            r.add(&subject, "waypoint dates go backwards");
        }
        for event in &movement.events {
            if !events.contains(event.as_str()) {
                r.add(&subject, format!("unknown event {event:?}"));
            }
        }
        check_footnote_refs(r, footnotes, &subject, &movement.footnotes);
        r.check_verbatim(source, &subject, "quote", &movement.quote);
    }

    for view in &chronicle.views {
        if view.bbox.check().is_err() {
            r.add(
                format!("view {}", view.id),
                "bbox must be [west, south, east, north] in degrees with south < north",
            );
        }
    }
    if let Some(opening) = &chronicle.metadata.opening {
        if let Some(text) = &opening.date
            && let Err(e) = super::date::parse_day(text)
        {
            r.add("metadata.opening", format!("date {text:?}: {e}"));
        }
        if let Some(id) = &opening.view
            && chronicle.view(id).is_none()
        {
            r.add("metadata.opening", format!("unknown view {id:?}"));
        }
    }
    for period in &chronicle.periods {
        r.check_date(format!("period {}", period.id), "date", &period.date);
    }
    check_map_layer(r, &chronicle.map);
}

/// Lists the map layer's country codes that `known` does not accept. The chronicle knows no base
/// map, so the caller (the `validate` command) passes the base map's codes; run it beside
/// [`validate`], or an adjustment naming a wrong code would silently do nothing.
pub fn validate_countries(chronicle: &Chronicle, known: impl Fn(&str) -> bool) -> Vec<Problem> {
    let mut r = Report(Vec::new());
    let map = &chronicle.map;
    let mut check = |subject: &str, code: &str| {
        if !known(code) {
            r.add(
                subject.to_string(),
                format!("country \"{code}\" is not an ISO 3166-1 numeric code of the base map"),
            );
        }
    };
    for state in &map.states {
        for code in &state.countries {
            check(&format!("map state {}", state.name), code);
        }
    }
    for [a, b] in map.hidden_borders.iter().map(|b| b.countries()) {
        check("map hidden_borders", a);
        check("map hidden_borders", b);
    }
    for river in &map.border_rivers {
        for code in &river.countries {
            check(&format!("map river {}", river.name), code);
        }
    }
    r.0
}

/// A place's windows (its own and its names'), and its outline.
fn check_place_time(r: &mut Report, place: &super::Place) {
    let subject = Subject("place", &place.id);
    r.check_window(subject, "the place's", place.in_force.as_ref());
    for name in &place.other_names {
        r.check_window(subject, &format!("name {:?}", name.name), name.in_force.as_ref());
    }
    let map_names: Vec<_> = place.other_names.iter().filter(|n| n.map_name).collect();
    for (i, a) in map_names.iter().enumerate() {
        for b in &map_names[i + 1..] {
            if overlap(a.in_force.as_ref(), b.in_force.as_ref()) {
                r.add(
                    subject,
                    format!("map names {:?} and {:?} are both in force on one day", a.name, b.name),
                );
            }
        }
    }
    if let Some(ring) = &place.area {
        let in_range = |&[lon, lat]: &[f64; 2]| (-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat);
        let distinct: std::collections::BTreeSet<(u64, u64)> =
            ring.iter().map(|p| (p[0].to_bits(), p[1].to_bits())).collect();
        if distinct.len() < 3 || !ring.iter().all(in_range) {
            r.add(
                subject,
                "an area needs at least three distinct [lon, lat] points in range",
            );
        }
        if place.precision != super::LocationPrecision::Region {
            r.add(subject, "only a place of region precision may have an area");
        }
    }
}

/// Ranges and counts of the map layer; its country codes are [`validate_countries`]'s job.
fn check_map_layer(r: &mut Report, map: &crate::chronicle::MapLayer) {
    let point_ok = |lon: f64, lat: f64| (-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat);
    for (i, state) in map.states.iter().enumerate() {
        let subject = format!("map state {}", state.name);
        r.check_window(&subject, "the state's", state.in_force.as_ref());
        for other in &map.states[i + 1..] {
            let shared = state.countries.iter().find(|c| other.countries.contains(c));
            if let Some(code) = shared
                && overlap(state.in_force.as_ref(), other.in_force.as_ref())
            {
                r.add(
                    subject.clone(),
                    format!("claims country {code:?} on a day \"{}\" claims it too", other.name),
                );
            }
        }
        if state.countries.is_empty() {
            r.add(subject.clone(), "a state needs at least one country");
        }
        if let Some([lon, lat]) = state.label_at
            && !point_ok(lon, lat)
        {
            r.add(subject.clone(), "label_at is out of range");
        }
    }
    for border in &map.hidden_borders {
        let [a, b] = border.countries();
        r.check_window(format!("map hidden border {a}–{b}"), "the border's", border.in_force());
    }
    for line in &map.lines {
        let subject = format!("map line {}", line.id);
        r.check_window(&subject, "the line's", line.in_force.as_ref());
        if line.points.len() < 2 || line.points.iter().any(|&[lon, lat]| !point_ok(lon, lat)) {
            r.add(subject, "a line needs at least two [lon, lat] points in range");
        }
    }
    for river in &map.border_rivers {
        let subject = format!("map river {}", river.name);
        r.check_window(&subject, "the river's", river.in_force.as_ref());
        let [west, east] = river.lon_range;
        if !(west < east && point_ok(west, 0.0) && point_ok(east, 0.0)) {
            r.add(subject, "lon_range must be [west, east] with west < east");
        }
    }
    for water in &map.water_labels {
        r.check_window(
            format!("map water label {}", water.name),
            "the label's",
            water.in_force.as_ref(),
        );
        if !point_ok(water.lon, water.lat) {
            r.add(format!("map water label {}", water.name), "position is out of range");
        }
    }
}
