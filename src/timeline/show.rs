//! What the map shows on a day: which events are active, which fade as a trail, which are
//! hidden, and where each journey has got to. Decided here, without a window, so it is tested.

use crate::chronicle::{Chronicle, Movement, TravelMode};
use crate::timeline::Timeline;
use chrono::NaiveDate;
use geo::{Distance, HaversineMeasure, InterpolatePoint, Point};
use serde::{Deserialize, Serialize};

/// How much of the past the map keeps showing.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ShowOptions {
    /// Events that ended up to this many days ago fade out as a trail.
    pub trail_days: u32,
    /// Show every event up to the day (dimmed once over), not only the recent ones.
    pub cumulative: bool,
}

impl Default for ShowOptions {
    fn default() -> Self {
        ShowOptions {
            trail_days: 7,
            cumulative: false,
        }
    }
}

/// How an event stands on the day shown.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Presence {
    /// The day lies inside the event's window.
    Active,
    /// Ended recently: 1.0 the day after it ended, falling towards 0 as the trail runs out.
    Fading(f32),
    /// Ended before the trail (shown only in cumulative mode).
    Past,
}

impl Presence {
    /// Opacity-like weight: 1 for active, the fade for a trail, a faint constant for the past.
    pub fn weight(self) -> f32 {
        match self {
            Presence::Active => 1.0,
            Presence::Fading(f) => 0.25 + 0.6 * f,
            Presence::Past => 0.25,
        }
    }
}

/// An event the map shows on a day.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ShownEvent {
    /// Index into `Chronicle::events`.
    pub event: usize,
    pub presence: Presence,
    /// The date is approximate, uncertain or coarser than a day: drawn as uncertain for its window.
    pub uncertain: bool,
}

/// The events shown on `day`, in timeline order. Future events are never shown.
pub fn events_on(chronicle: &Chronicle, timeline: &Timeline, day: NaiveDate, options: ShowOptions) -> Vec<ShownEvent> {
    positions_on(chronicle, timeline, day, options)
        .map(|(_, e)| e)
        .collect()
}

/// [`events_on`], each event with its position in the timeline's order, where the timeline
/// keeps what the map asks of it.
pub fn positions_on<'a>(
    chronicle: &'a Chronicle,
    timeline: &'a Timeline,
    day: NaiveDate,
    options: ShowOptions,
) -> impl Iterator<Item = (usize, ShownEvent)> + 'a {
    let from = if options.cumulative {
        timeline.span().map_or(day, |(first, _)| first.min(day))
    } else {
        day.checked_sub_days(chrono::Days::new(options.trail_days as u64))
            .unwrap_or(NaiveDate::MIN)
    };
    let presence_on = PresenceOn::new(day, options);
    timeline
        .positions_overlapping(from, day)
        .filter_map(move |k| Some((k, presence_on.event_at(chronicle, timeline, k)?)))
}

/// How an event begun by `day` stands on it: the rule [`positions_on`] applies, kept for a
/// cumulative map that carries its events from one day to the next.
#[derive(Clone, Copy, Debug)]
pub struct PresenceOn {
    day: NaiveDate,
    /// Events that ended on or after this day are within the trail; the rest, long past, are
    /// told apart without counting days.
    trail_from: NaiveDate,
    trail_days: u32,
}

impl PresenceOn {
    pub fn new(day: NaiveDate, options: ShowOptions) -> PresenceOn {
        PresenceOn {
            day,
            trail_from: day
                .checked_sub_days(chrono::Days::new(options.trail_days as u64))
                .unwrap_or(NaiveDate::MIN),
            trail_days: options.trail_days,
        }
    }

    /// The event at position `k` of the timeline (begun on or before the day) as the day shows
    /// it. Its window and fuzziness come from the timeline's index, read in order: a cumulative
    /// map asks this of half a million events. A timeline of other events than the chronicle's
    /// (it should not be) asks each event.
    pub fn event_at(self, chronicle: &Chronicle, timeline: &Timeline, k: usize) -> Option<ShownEvent> {
        let (i, first, last) = timeline.window_at(k)?;
        let uncertain = if timeline.len() == chronicle.events.len() {
            timeline.facts_at(k).is_some_and(|f| f.fuzzy())
        } else {
            chronicle.events.get(i).is_some_and(|e| e.date.is_fuzzy())
        };
        Some(ShownEvent {
            event: i,
            presence: self.of(first, last),
            uncertain,
        })
    }

    /// The presence of an event of window `first..=last` that begins on or before the day.
    pub fn of(self, first: NaiveDate, last: NaiveDate) -> Presence {
        if first <= self.day && self.day <= last {
            Presence::Active
        } else if last >= self.trail_from {
            let since = (self.day - last).num_days();
            Presence::Fading(1.0 - (since - 1) as f32 / (self.trail_days.max(1)) as f32)
        } else {
            Presence::Past
        }
    }
}

/// Where a journey stands on a day.
#[derive(Clone, Debug, PartialEq)]
pub struct Journey {
    /// Index into `Chronicle::movements`.
    pub movement: usize,
    /// The whole route as (lon, lat): great circles for flights, straight in degrees otherwise.
    pub path: Vec<(f64, f64)>,
    /// For each leg between waypoints, the range of `path` indices it covers and whether either
    /// of its waypoints is our inference rather than the source's.
    pub legs: Vec<(std::ops::Range<usize>, bool)>,
    /// How far along the route, by distance, 0–1.
    pub progress: f64,
    /// The travellers' position.
    pub position: (f64, f64),
    pub presence: Presence,
}

/// Each journey under way on `day`, or ended within the trail (or earlier, in cumulative mode).
pub fn journeys_on(chronicle: &Chronicle, day: NaiveDate, options: ShowOptions) -> Vec<Journey> {
    chronicle
        .movements
        .iter()
        .enumerate()
        .filter_map(|(i, m)| journey_on(chronicle, i, m, day, options))
        .collect()
}

/// A waypoint's moment: the middle of its date window, in days since the common era.
fn moment(date: &crate::chronicle::HistoricalDate) -> f64 {
    let first = date.first_day().num_days_from_ce_f64();
    let last = date.last_day().num_days_from_ce_f64();
    (first + last + 1.0) / 2.0
}

trait DaysFromCe {
    fn num_days_from_ce_f64(&self) -> f64;
}

impl DaysFromCe for NaiveDate {
    fn num_days_from_ce_f64(&self) -> f64 {
        chrono::Datelike::num_days_from_ce(self) as f64
    }
}

fn journey_on(
    chronicle: &Chronicle,
    index: usize,
    movement: &Movement,
    day: NaiveDate,
    options: ShowOptions,
) -> Option<Journey> {
    let start = moment(movement.route.first()?.date.as_ref()?);
    let end = moment(movement.route.last()?.date.as_ref()?);
    let first_day = movement.route.first()?.date.as_ref()?.first_day();
    let last_day = movement.route.last()?.date.as_ref()?.last_day();
    if day < first_day {
        return None;
    }
    let since = (day - last_day).num_days();
    let presence = if since <= 0 {
        Presence::Active
    } else if since <= options.trail_days as i64 {
        Presence::Fading(1.0 - (since - 1) as f32 / options.trail_days.max(1) as f32)
    } else if options.cumulative {
        Presence::Past
    } else {
        return None;
    };
    let stops: Vec<(f64, f64)> = movement
        .route
        .iter()
        .map(|w| chronicle.place(&w.place).map(|p| (p.lon, p.lat)))
        .collect::<Option<_>>()?;
    let mut path = vec![stops[0]];
    let mut legs = Vec::new();
    // Cumulative distance at each waypoint, to place dated waypoints along the route.
    let mut at_waypoint = vec![0.0];
    let mut distance = 0.0;
    for (k, pair) in stops.windows(2).enumerate() {
        let leg = match movement.mode {
            TravelMode::Flight => great_circle(pair[0], pair[1]),
            _ => straight(pair[0], pair[1]),
        };
        let begin = path.len() - 1;
        for p in leg.into_iter().skip(1) {
            distance += km_between(*path.last().unwrap_or(&p), p);
            path.push(p);
        }
        // A leg is our inference when either of its ends is.
        legs.push((
            begin..path.len(),
            movement.route[k].inferred || movement.route[k + 1].inferred,
        ));
        at_waypoint.push(distance);
    }
    // Known (moment, distance) pairs: dated waypoints, in order.
    let known: Vec<(f64, f64)> = movement
        .route
        .iter()
        .zip(&at_waypoint)
        .filter_map(|(w, &d)| w.date.as_ref().map(|date| (moment(date), d)))
        .collect();
    let now = day.num_days_from_ce_f64() + 0.5;
    // A journey made within one day is shown complete on that day.
    let travelled = if now >= end {
        distance
    } else if now <= start {
        0.0
    } else {
        let k = known.partition_point(|&(t, _)| t <= now).clamp(1, known.len() - 1);
        let ((t0, d0), (t1, d1)) = (known[k - 1], known[k]);
        if t1 > t0 {
            d0 + (d1 - d0) * (now - t0) / (t1 - t0)
        } else {
            d1
        }
    };
    let progress = if distance > 0.0 { travelled / distance } else { 1.0 };
    Some(Journey {
        movement: index,
        position: point_at_distance(&path, travelled),
        path,
        legs,
        progress,
        presence,
    })
}

/// Points every half degree between two positions, straight in longitude and latitude.
fn straight(a: (f64, f64), b: (f64, f64)) -> Vec<(f64, f64)> {
    let across = short_way(a.0, b.0).abs();
    let steps = ((across.max((b.1 - a.1).abs())) / 0.5).ceil().clamp(1.0, 720.0) as usize;
    (0..=steps)
        .map(|k| lerp_lon_lat(a, b, k as f64 / steps as f64))
        .collect()
}

/// The change in longitude from `a` to `b` the short way round, −180…180.
fn short_way(a: f64, b: f64) -> f64 {
    (b - a + 180.0).rem_euclid(360.0) - 180.0
}

/// The point a fraction `t` from `a` to `b`, straight in degrees and the short way round in
/// longitude: 170° to −170° crosses the antimeridian rather than Greenwich. The longitude is
/// kept within −180…180.
pub fn lerp_lon_lat(a: (f64, f64), b: (f64, f64), t: f64) -> (f64, f64) {
    let lon = a.0 + short_way(a.0, b.0) * t;
    let lon = if (-180.0..=180.0).contains(&lon) {
        lon
    } else {
        (lon + 180.0).rem_euclid(360.0) - 180.0
    };
    (lon, a.1 + (b.1 - a.1) * t)
}

/// The sphere journeys are measured on: mean Earth radius 6371 km (the map's projections use
/// the same), in metres as geo measures.
const SPHERE: HaversineMeasure = HaversineMeasure::new(6_371_000.0);

/// Points along a flight's leg: 48 segments of the great circle, the ends exact.
fn great_circle(a: (f64, f64), b: (f64, f64)) -> Vec<(f64, f64)> {
    const SEGMENTS: usize = 48;
    let (pa, pb) = (Point::from(a), Point::from(b));
    if SPHERE.distance(pa, pb) < 1e-6 {
        // One place (at a pole, under two longitudes): nothing to interpolate.
        return (0..=SEGMENTS).map(|k| if k < SEGMENTS { a } else { b }).collect();
    }
    (0..=SEGMENTS)
        .map(|k| {
            let p = SPHERE.point_at_ratio_between(pa, pb, k as f64 / SEGMENTS as f64);
            (p.x(), p.y())
        })
        .collect()
}

/// Great-circle distance in kilometres (haversine, mean Earth radius).
pub fn km_between(a: (f64, f64), b: (f64, f64)) -> f64 {
    SPHERE.distance(Point::from(a), Point::from(b)) / 1000.0
}

/// The point `distance` km along `path`.
pub fn point_at_distance(path: &[(f64, f64)], distance: f64) -> (f64, f64) {
    let mut left = distance;
    for pair in path.windows(2) {
        let d = km_between(pair[0], pair[1]);
        if left <= d && d > 0.0 {
            return lerp_lon_lat(pair[0], pair[1], left / d);
        }
        left -= d;
    }
    path.last().copied().unwrap_or((0.0, 0.0))
}
