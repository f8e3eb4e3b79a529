//! The chronicle's places as the map asks of them on every frame, worked out once for a
//! chronicle and a projection: a place's own record lies far from the next one in memory, and
//! twenty thousand of them read a frame cost milliseconds in cache misses alone.

use crate::chronicle::{Chronicle, LocationPrecision};
use crate::map::projection::Projection;
use crate::timeline::Timeline;
use chrono::NaiveDate;

/// Where each of the chronicle's places falls on the map's plane, whether it is an area, and the
/// places that may be named as towns.
#[derive(Debug, Default)]
pub(super) struct PlacesOnMap {
    pub points: Vec<[f32; 2]>,
    pub regions: Vec<bool>,
    /// The points (not areas), the most named first, each with the days it exists.
    towns: Vec<Town>,
}

/// A place that may be named as a town, with its priority and the first and last day it exists.
#[derive(Clone, Copy, Debug)]
struct Town {
    place: u32,
    priority: u8,
    from: NaiveDate,
    until: NaiveDate,
}

impl PlacesOnMap {
    pub fn new(chronicle: &Chronicle, timeline: &Timeline, projection: Projection) -> PlacesOnMap {
        let projector = projection.projector();
        let points = chronicle
            .places
            .iter()
            .map(|p| {
                let (x, y) = projector.forward(p.lon, p.lat);
                [x as f32, y as f32]
            })
            .collect();
        let regions = chronicle
            .places
            .iter()
            .map(|p| p.precision == LocationPrecision::Region)
            .collect();
        PlacesOnMap {
            points,
            regions,
            towns: towns_by_importance(chronicle, timeline),
        }
    }

    pub fn region(&self, p: usize) -> bool {
        self.regions.get(p).copied().unwrap_or(false)
    }

    /// The towns that exist on `day`, the most named first, with their priority.
    pub fn towns_on(&self, day: NaiveDate) -> Vec<(u32, u8)> {
        self.towns
            .iter()
            .filter(|t| t.from <= day && day <= t.until)
            .map(|t| (t.place, t.priority))
            .collect()
    }
}

/// The places that are points, not areas, by how many events name them, then id, with their
/// priority and the days they exist: sorted by the timeline once (sorted here only should it be
/// of another chronicle).
fn towns_by_importance(chronicle: &Chronicle, timeline: &Timeline) -> Vec<Town> {
    let places = &chronicle.places;
    let sorted_here;
    let by_weight: &[u32] = if timeline.places_by_weight().len() == places.len() {
        timeline.places_by_weight()
    } else {
        let mut order: Vec<u32> = (0..places.len() as u32).collect();
        order.sort_by_cached_key(|&i| {
            let id = places[i as usize].id.as_str();
            (std::cmp::Reverse(timeline.events_at_place(id)), id)
        });
        sorted_here = order;
        &sorted_here
    };
    by_weight
        .iter()
        .filter_map(|&i| {
            let p = places.get(i as usize)?;
            if p.precision == LocationPrecision::Region {
                return None;
            }
            let window = p.in_force.as_ref();
            let from = window
                .and_then(|w| w.from.as_ref())
                .map_or(NaiveDate::MIN, |d| d.first_day());
            let until = window
                .and_then(|w| w.until.as_ref())
                .map_or(NaiveDate::MAX, |d| d.last_day());
            Some(Town {
                place: i,
                priority: crate::scene::labels::priority(p, false),
                from,
                until,
            })
        })
        .collect()
}
