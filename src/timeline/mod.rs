//! The time index: which events are active on a day, what lies in a window, and which
//! day holds the next or previous event, answered without scanning the whole chronicle.

use crate::chronicle::{Chronicle, Event};
use chrono::NaiveDate;

pub mod axis;
pub mod show;

/// Events of one chronicle in timeline order, with the days they cover.
pub struct Timeline {
    /// Indices into `Chronicle::events`, in timeline order.
    order: Vec<usize>,
    /// `first_day` of each entry of `order`, for binary search.
    starts: Vec<NaiveDate>,
    /// `last_day` of each entry of `order`.
    ends: Vec<NaiveDate>,
    /// The longest window of any event, so a lookup knows how far back to look.
    longest_days: i64,
    /// Distinct first days of events, ascending: the stops of "next event".
    event_days: Vec<NaiveDate>,
    /// How many events name each place: how much a town matters when labels compete.
    place_events: std::collections::HashMap<String, usize>,
}

impl Timeline {
    pub fn new(chronicle: &Chronicle) -> Timeline {
        let events = &chronicle.events;
        let mut order: Vec<usize> = (0..events.len()).collect();
        order.sort_by(|&a, &b| {
            events[a]
                .date
                .timeline_cmp(&events[b].date)
                .then_with(|| events[a].id.cmp(&events[b].id))
        });
        let starts: Vec<NaiveDate> = order.iter().map(|&i| events[i].date.first_day()).collect();
        let ends: Vec<NaiveDate> = order.iter().map(|&i| events[i].date.last_day()).collect();
        let longest_days = starts
            .iter()
            .zip(&ends)
            .map(|(s, e)| (*e - *s).num_days())
            .max()
            .unwrap_or(0);
        let mut event_days = starts.clone();
        event_days.dedup();
        let mut place_events = std::collections::HashMap::new();
        for place in events.iter().flat_map(|e| &e.places) {
            *place_events.entry(place.clone()).or_insert(0) += 1;
        }
        Timeline {
            order,
            starts,
            ends,
            longest_days,
            event_days,
            place_events,
        }
    }

    /// How many events of the chronicle name this place.
    pub fn events_at_place(&self, place: &str) -> usize {
        self.place_events.get(place).copied().unwrap_or(0)
    }

    /// Event indices in timeline order.
    pub fn order(&self) -> &[usize] {
        &self.order
    }

    /// Indices of events whose window contains `day`, in timeline order.
    pub fn active_on(&self, day: NaiveDate) -> Vec<usize> {
        self.overlapping(day, day)
    }

    /// Indices of events whose window overlaps `from..=to`, in timeline order.
    pub fn overlapping(&self, from: NaiveDate, to: NaiveDate) -> Vec<usize> {
        self.overlapping_positions(from, to).map(|k| self.order[k]).collect()
    }

    /// Like [`Self::overlapping`], with each event's first and last day, read from the index
    /// rather than recomputed from its date (the time bar asks this for every visible event).
    pub fn overlapping_windows(&self, from: NaiveDate, to: NaiveDate) -> Vec<(usize, NaiveDate, NaiveDate)> {
        self.overlapping_positions(from, to)
            .map(|k| (self.order[k], self.starts[k], self.ends[k]))
            .collect()
    }

    /// Positions in timeline order of the events overlapping `from..=to`: a binary search bounded
    /// by the longest window, then a filter on the ends.
    fn overlapping_positions(&self, from: NaiveDate, to: NaiveDate) -> impl Iterator<Item = usize> + '_ {
        let upper = self.starts.partition_point(|s| *s <= to);
        let earliest = from
            .checked_sub_signed(chrono::Duration::days(self.longest_days))
            .unwrap_or(NaiveDate::MIN);
        let lower = self.starts.partition_point(|s| *s < earliest).min(upper);
        (lower..upper).filter(move |&k| self.ends[k] >= from)
    }

    /// The first day after `day` on which an event begins.
    pub fn next_event_day(&self, day: NaiveDate) -> Option<NaiveDate> {
        let k = self.event_days.partition_point(|d| *d <= day);
        self.event_days.get(k).copied()
    }

    /// The last day before `day` on which an event begins.
    pub fn previous_event_day(&self, day: NaiveDate) -> Option<NaiveDate> {
        let k = self.event_days.partition_point(|d| *d < day);
        k.checked_sub(1).map(|k| self.event_days[k])
    }

    /// First and last day covered by any event.
    pub fn span(&self) -> Option<(NaiveDate, NaiveDate)> {
        Some((*self.starts.first()?, *self.ends.iter().max()?))
    }

    /// Events in timeline order, borrowed from the chronicle this timeline was built from.
    pub fn events<'a>(&'a self, chronicle: &'a Chronicle) -> impl Iterator<Item = &'a Event> + 'a {
        self.order.iter().map(move |&i| &chronicle.events[i])
    }
}
