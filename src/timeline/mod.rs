//! The time index: which events are active on a day, what lies in a window, and which
//! day holds the next or previous event, answered without scanning the whole chronicle.

use crate::chronicle::{Chronicle, Event};
use chrono::NaiveDate;

pub mod axis;
pub mod show;

/// A timeline is millions of numbers: its debug form says how many events and which days.
impl std::fmt::Debug for Timeline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Timeline")
            .field("events", &self.len())
            .field("span", &self.span())
            .finish_non_exhaustive()
    }
}

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
    place_events: ahash::AHashMap<String, usize>,
    /// Each event's window as day numbers (days from the common era): first days ascending,
    /// and the days after the last ascending, so the windows overlapping any span are counted
    /// by two binary searches (the time bar's density over a million events).
    firsts: Vec<i32>,
    afters: Vec<i32>,
    /// For c = 0, 1, 2…: positions in timeline order of the events whose window is at least
    /// `2 << c` days, so the time bar can visit the long ones alone at a coarse zoom.
    long: Vec<Vec<u32>>,
    /// First and last day covered by any event, computed once (asked several times a frame).
    span: Option<(NaiveDate, NaiveDate)>,
    /// First and last day of the events of each thread, by thread id: the time bar's span
    /// presets, asked every frame, without a pass over every event.
    thread_spans: ahash::AHashMap<String, (NaiveDate, NaiveDate)>,
    /// The chronicle's places (indices), the most named by events first, then by id: the order
    /// in which town names compete for room, sorted once rather than on every frame.
    places_by_weight: Vec<u32>,
    /// What the map asks of each entry of `order`, in the same order: a day's events are read
    /// in sequence, not gathered from across the chronicle (half a million of them a day on a
    /// cumulative map).
    facts: Vec<EventFacts>,
    /// Each event's position in `order`.
    position_of_event: Vec<u32>,
}

/// What a map asks of an event, looked up once: its first place and thread as indices into
/// the chronicle's lists, and whether its date is fuzzy and its place inferred.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EventFacts {
    place: u32,
    thread: u32,
    flags: u8,
}

/// The date is approximate, uncertain or coarser than a day.
const FUZZY: u8 = 4;
/// The sources disagree about the event (its date, a figure, its place or a fact).
const DISPUTED: u8 = 8;

impl EventFacts {
    /// An event not in the chronicle: no place, no thread, nothing marked.
    pub const UNKNOWN: EventFacts = EventFacts {
        place: u32::MAX,
        thread: u32::MAX,
        flags: 0,
    };

    /// The facts of `event`, looked up in `chronicle`: what a timeline keeps for each event,
    /// and what is asked of an event a timeline was not built from.
    pub fn of(chronicle: &Chronicle, event: &crate::chronicle::Event) -> EventFacts {
        let to_u32 = |i: Option<usize>| i.and_then(|i| u32::try_from(i).ok()).unwrap_or(u32::MAX);
        let flag = |on: bool, bit: u8| if on { bit } else { 0 };
        EventFacts {
            place: to_u32(event.places.first().and_then(|p| chronicle.place_index(p))),
            thread: to_u32(event.thread.as_deref().and_then(|t| chronicle.thread_index(t))),
            flags: flag(event.date.is_fuzzy(), FUZZY)
                | flag(event.place_inferred, PLACE_INFERRED)
                | flag(event.places.len() > 1, MORE_PLACES)
                | flag(event.is_disputed(), DISPUTED),
        }
    }

    /// Index into `Chronicle::places` of the event's first place, if it names a known one.
    pub fn place(self) -> Option<usize> {
        (self.place != u32::MAX).then_some(self.place as usize)
    }

    /// Index into `Chronicle::threads` of the event's thread, if it names a known one.
    pub fn thread(self) -> Option<usize> {
        (self.thread != u32::MAX).then_some(self.thread as usize)
    }

    /// Whether the date is approximate, uncertain or coarser than a day.
    pub fn fuzzy(self) -> bool {
        self.flags & FUZZY != 0
    }

    /// Whether the event's places are our inference rather than the source's.
    pub fn place_inferred(self) -> bool {
        self.flags & PLACE_INFERRED != 0
    }

    /// Whether the sources disagree about the event.
    pub fn disputed(self) -> bool {
        self.flags & DISPUTED != 0
    }

    /// Whether the event names more than one place.
    pub fn names_more_places(self) -> bool {
        self.flags & MORE_PLACES != 0
    }
}

/// The window lengths [`Timeline::long_positions`] answers for: 2, 4, 8, … 1024 days.
const LONG_CLASSES: usize = 10;

/// The events in timeline order, with each one's window.
struct Sorted {
    order: Vec<usize>,
    starts: Vec<NaiveDate>,
    ends: Vec<NaiveDate>,
}

impl Sorted {
    fn new(events: &[Event], keys: &[(NaiveDate, NaiveDate, crate::chronicle::Precision)]) -> Sorted {
        let mut order: Vec<usize> = (0..events.len()).collect();
        // The first eight bytes of each id, to settle most ties without reaching into the ids.
        let prefixes: Vec<u64> = events
            .iter()
            .map(|e| {
                let mut bytes = [0u8; 8];
                let id = e.id.as_bytes();
                let n = id.len().min(8);
                bytes[..n].copy_from_slice(&id[..n]);
                u64::from_be_bytes(bytes)
            })
            .collect();
        // A total order (the index settles repeated ids), so the faster unstable sort gives what
        // a stable one would. Equal prefixes compare the whole ids (a shorter id's missing bytes
        // count as zeros in its prefix, so only the ids themselves tell "a" from "a\0").
        order.sort_unstable_by(|&a, &b| {
            keys[a]
                .cmp(&keys[b])
                .then_with(|| match prefixes[a].cmp(&prefixes[b]) {
                    std::cmp::Ordering::Equal => events[a].id.cmp(&events[b].id),
                    unequal => unequal,
                })
                .then(a.cmp(&b))
        });
        Sorted {
            starts: order.iter().map(|&i| keys[i].0).collect(),
            ends: order.iter().map(|&i| keys[i].1).collect(),
            order,
        }
    }
}

/// What the scene asks of each event and place, looked up once.
struct ByEvent {
    thread_spans: ahash::AHashMap<String, (NaiveDate, NaiveDate)>,
    place_events: ahash::AHashMap<String, usize>,
    places_by_weight: Vec<u32>,
    event_facts: Vec<EventFacts>,
}

/// The source does not state the event's places: they are our inference.
const PLACE_INFERRED: u8 = 1;
/// The event names more than one place.
const MORE_PLACES: u8 = 2;

impl ByEvent {
    fn new(chronicle: &Chronicle, keys: &[(NaiveDate, NaiveDate, crate::chronicle::Precision)]) -> ByEvent {
        let events = &chronicle.events;
        let mut thread_spans: ahash::AHashMap<String, (NaiveDate, NaiveDate)> = ahash::AHashMap::new();
        for (e, &(first, last, _)) in events.iter().zip(keys) {
            let Some(thread) = e.thread.as_deref() else {
                continue;
            };
            match thread_spans.get_mut(thread) {
                Some(span) => *span = (span.0.min(first), span.1.max(last)),
                None => {
                    thread_spans.insert(thread.to_string(), (first, last));
                }
            }
        }
        let mut place_events: ahash::AHashMap<&str, usize> = ahash::AHashMap::new();
        for place in events.iter().flat_map(|e| &e.places) {
            *place_events.entry(place.as_str()).or_default() += 1;
        }
        let mut places_by_weight: Vec<u32> = (0..chronicle.places.len() as u32).collect();
        places_by_weight.sort_by_cached_key(|&i| {
            let id = chronicle.places[i as usize].id.as_str();
            (std::cmp::Reverse(place_events.get(id).copied().unwrap_or(0)), id)
        });
        ByEvent {
            event_facts: events.iter().map(|e| EventFacts::of(chronicle, e)).collect(),
            thread_spans,
            place_events: place_events.into_iter().map(|(id, n)| (id.to_string(), n)).collect(),
            places_by_weight,
        }
    }
}

impl Timeline {
    pub fn new(chronicle: &Chronicle) -> Timeline {
        let events = &chronicle.events;
        // The keys of `HistoricalDate::timeline_cmp`, computed once per event rather than in
        // every comparison of the sort.
        let keys: Vec<(NaiveDate, NaiveDate, crate::chronicle::Precision)> = events
            .iter()
            .map(|e| (e.date.first_day(), e.date.last_day(), e.date.precision()))
            .collect();
        // What is looked up per event (places, threads) is worked out on a second thread while
        // this one sorts: a million events take a second either way.
        let (sorted, by_event) = std::thread::scope(|scope| {
            let by_event = scope.spawn(|| ByEvent::new(chronicle, &keys));
            let sorted = Sorted::new(events, &keys);
            // A panic on the other thread is one of its own; the lookups are then made here.
            let by_event = by_event.join().unwrap_or_else(|_| ByEvent::new(chronicle, &keys));
            (sorted, by_event)
        });
        drop(keys);
        let Sorted { order, starts, ends } = sorted;
        let ByEvent {
            thread_spans,
            place_events,
            places_by_weight,
            event_facts,
        } = by_event;
        // The facts put in timeline order, so a day's events are read in sequence.
        let facts: Vec<EventFacts> = order.iter().map(|&i| event_facts[i]).collect();
        drop(event_facts);
        let mut position_of_event = vec![u32::MAX; order.len()];
        for (k, &i) in order.iter().enumerate() {
            position_of_event[i] = k as u32;
        }
        let longest_days = starts
            .iter()
            .zip(&ends)
            .map(|(s, e)| (*e - *s).num_days())
            .max()
            .unwrap_or(0);
        let span = starts.first().copied().zip(ends.iter().max().copied());
        let mut event_days = starts.clone();
        event_days.dedup();
        use chrono::Datelike;
        let firsts: Vec<i32> = starts.iter().map(|d| d.num_days_from_ce()).collect();
        let mut afters: Vec<i32> = ends.iter().map(|d| d.num_days_from_ce().saturating_add(1)).collect();
        afters.sort_unstable();
        // Each window in one pass, into every class it is long enough for.
        let mut long: Vec<Vec<u32>> = vec![Vec::new(); LONG_CLASSES];
        for k in 0..starts.len() {
            let days = (ends[k] - starts[k]).num_days() + 1;
            for (c, class) in long.iter_mut().enumerate() {
                if days < 2i64 << c {
                    break;
                }
                class.push(k as u32);
            }
        }
        Timeline {
            order,
            starts,
            ends,
            longest_days,
            event_days,
            place_events,
            firsts,
            afters,
            long,
            span,
            thread_spans,
            places_by_weight,
            facts,
            position_of_event,
        }
    }

    /// What the map asks of the event at position `k` of the timeline order.
    pub fn facts_at(&self, k: usize) -> Option<EventFacts> {
        self.facts.get(k).copied()
    }

    /// What the map asks of event `i` (index into `Chronicle::events`).
    pub fn facts_of_event(&self, i: usize) -> Option<EventFacts> {
        self.facts_at(*self.position_of_event.get(i)? as usize)
    }

    /// Index into `Chronicle::places` of the first place of event `i`, if it names a known one.
    pub fn place_of_event(&self, i: usize) -> Option<usize> {
        self.facts_of_event(i)?.place()
    }

    /// Index into `Chronicle::threads` of the thread of event `i`, if it names a known one.
    pub fn thread_of_event(&self, i: usize) -> Option<usize> {
        self.facts_of_event(i)?.thread()
    }

    /// Indices into `Chronicle::places`, the place named by the most events first (ties by id):
    /// for a chronicle whose places are those this timeline was built from.
    pub fn places_by_weight(&self) -> &[u32] {
        &self.places_by_weight
    }

    /// First and last day of the events of the thread `id`; `None` when it has none.
    pub fn thread_span(&self, id: &str) -> Option<(NaiveDate, NaiveDate)> {
        self.thread_spans.get(id).copied()
    }

    /// How many events' windows overlap the span of day numbers `from..to` (fractions allowed;
    /// a window covers its days whole): those begun before `to` less those over by `from`.
    /// Two binary searches, whatever the number of events.
    pub fn count_overlapping(&self, from: f64, to: f64) -> usize {
        let begun = self.firsts.partition_point(|&d| f64::from(d) < to);
        let over = self.afters.partition_point(|&d| f64::from(d) <= from);
        begun.saturating_sub(over)
    }

    /// How many events' windows overlap each of `bins` equal slices of the axis' window: the
    /// time bar's density strip, from the index (the same counts as [`axis::density`] over all
    /// the events, at the cost of the bins alone).
    pub fn density(&self, axis: &axis::TimeAxis, bins: usize) -> axis::Density {
        let bins = bins.min(axis::MAX_DENSITY_BINS);
        let (start, bin_days) = (axis.start_day(), axis.span_days() / bins.max(1) as f64);
        // The same slack as `axis::density`: a window ending on an edge stays out of the next bin.
        const SLACK: f64 = 1e-9;
        let counts = (0..bins)
            .map(|k| {
                let from = start + k as f64 * bin_days + SLACK * bin_days;
                let to = start + (k + 1) as f64 * bin_days - SLACK * bin_days;
                u32::try_from(self.count_overlapping(from, to)).unwrap_or(u32::MAX)
            })
            .collect();
        axis::Density { counts }
    }

    /// The longest window of any event, in days.
    pub fn longest_days(&self) -> i64 {
        self.longest_days
    }

    /// The number of events, and of positions in timeline order.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// The event at position `k` of the timeline order with its first and last day.
    pub fn window_at(&self, k: usize) -> Option<(usize, NaiveDate, NaiveDate)> {
        Some((*self.order.get(k)?, self.starts[k], self.ends[k]))
    }

    /// The first position of the timeline order whose event begins on or after `day`.
    pub fn position_from(&self, day: NaiveDate) -> usize {
        self.starts.partition_point(|s| *s < day)
    }

    /// How many events of the timeline order begin on or before `day`: they come first, so a
    /// cumulative map of `day` reads the positions below this.
    pub fn begun_by(&self, day: NaiveDate) -> usize {
        self.starts.partition_point(|s| *s <= day)
    }

    /// Positions in timeline order of the events overlapping `from..=to`.
    pub fn positions_overlapping(&self, from: NaiveDate, to: NaiveDate) -> impl Iterator<Item = usize> + '_ {
        self.overlapping_positions(from, to)
    }

    /// The positions, in timeline order, of the events whose window is at least `min_days`
    /// long, for the longest class that holds all of them (at most `min_days`); the class's
    /// length comes with them. `None` below two days: every event is that long.
    pub fn long_positions(&self, min_days: f64) -> Option<(&[u32], i64)> {
        let c = (0..LONG_CLASSES).rev().find(|&c| (2i64 << c) as f64 <= min_days)?;
        Some((&self.long[c], 2i64 << c))
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
        self.span
    }

    /// Events in timeline order, borrowed from the chronicle this timeline was built from.
    pub fn events<'a>(&'a self, chronicle: &'a Chronicle) -> impl Iterator<Item = &'a Event> + 'a {
        self.order.iter().map(move |&i| &chronicle.events[i])
    }
}
