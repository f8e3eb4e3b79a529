//! What the map shows on a day, gathered by place once for the day rather than on every frame.
//! A cumulative map of a million events shows half a million of them at twenty thousand places:
//! the markers, the legend and the crowding of the cards then look through the places, and the
//! window works the day out again only when the day, what is shown or the filter changes.

use crate::chronicle::{Chronicle, LocationPrecision};
use crate::map::projection::Projection;
use crate::search::Filter;
use crate::timeline::show::{Journey, Presence, ShowOptions, ShownEvent, journeys_on, positions_on};
use crate::timeline::{EventFacts, Timeline};
use crate::view_state::ViewState;
use chrono::NaiveDate;
use std::ops::Range;

/// The events and journeys a day shows, and the same events gathered by their first place.
#[derive(Debug)]
pub struct ShownDay {
    key: Key,
    events: Vec<ShownEvent>,
    journeys: Vec<Journey>,
    /// Indices of the events active on the day: few, asked for by name labels and rivers.
    active: Vec<usize>,
    /// The events with a known first place (indices into `events`), place by place, each
    /// place's in timeline order.
    grouped: Vec<u32>,
    groups: Vec<PlaceGroup>,
    /// Each of the chronicle's places' group, `u32::MAX` for none.
    group_of_place: Vec<u32>,
    /// The most present events of each group, at most [`ShownDay::LEADING`], group after group.
    leading: Vec<ShownEvent>,
    /// The threads of each group (indices into the chronicle's threads), group after group.
    group_threads: Vec<u32>,
    /// The chronicle's places on the map, whatever the day.
    places: PlacesOnMap,
    /// The places that may be named as towns on the day, the most important first, with their
    /// priority (see [`super::labels::priority`]): points, not areas, that exist on the day.
    towns: Vec<(u32, u8)>,
    /// Each place any shown event names, with the events' summed weight: three for an active
    /// event, one for any other (what covers the story most when a card looks for room).
    weights: Vec<(usize, f32)>,
}

/// What the day was worked out from. The chronicle is known by its events' address and count,
/// and by its timeline's length; the window also forgets the day when its chronicle changes.
#[derive(Clone, Debug, PartialEq)]
struct Key {
    day: NaiveDate,
    show: ShowOptions,
    filter: Filter,
    of: Of,
}

/// Where each of the chronicle's places falls on the map's plane, and whether it is an area:
/// the markers, the names of towns and the legend ask it of every place on every frame.
#[derive(Debug, Default)]
struct PlacesOnMap {
    points: Vec<[f32; 2]>,
    regions: Vec<bool>,
}

impl PlacesOnMap {
    fn new(chronicle: &Chronicle, projection: Projection) -> PlacesOnMap {
        let points = chronicle
            .places
            .iter()
            .map(|p| {
                let (x, y) = projection.forward(p.lon, p.lat);
                [x as f32, y as f32]
            })
            .collect();
        let regions = chronicle
            .places
            .iter()
            .map(|p| p.precision == LocationPrecision::Region)
            .collect();
        PlacesOnMap { points, regions }
    }
}

/// The chronicle and the projection: what the places' points depend on.
#[derive(Clone, Copy, Debug, PartialEq)]
struct Of {
    events_at: usize,
    events: usize,
    places: usize,
    timeline: usize,
    projection: Projection,
}

impl Key {
    fn of(chronicle: &Chronicle, timeline: &Timeline, state: &ViewState, projection: Projection) -> Key {
        Key {
            day: state.day(),
            show: state.show(),
            filter: state.filter().clone(),
            of: Of {
                events_at: chronicle.events.as_ptr() as usize,
                events: chronicle.events.len(),
                places: chronicle.places.len(),
                timeline: timeline.len(),
                projection,
            },
        }
    }
}

/// The shown events at one place.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceGroup {
    /// Index into the chronicle's places.
    pub place: usize,
    events: Range<usize>,
    threads: Range<usize>,
    leading: Range<usize>,
    /// Some event is drawn with an uncertain date.
    pub any_uncertain: bool,
    /// Some event's place is our inference.
    pub any_inferred: bool,
    /// Every event's place is our inference: the marker is drawn hollow.
    pub all_inferred: bool,
    /// Some event names no known thread.
    pub any_unthreaded: bool,
    /// The place is known only roughly: an area, not a pin.
    pub region: bool,
}

impl ShownDay {
    /// How many of a group's events [`ShownDay::leading_of`] keeps: what a cluster's marker names.
    pub const LEADING: usize = 10;

    /// The day of `state` for `chronicle`, its places on the plane of `projection`.
    pub fn new(chronicle: &Chronicle, timeline: &Timeline, state: &ViewState, projection: Projection) -> ShownDay {
        let places = PlacesOnMap::new(chronicle, projection);
        ShownDay::with_places(chronicle, timeline, state, projection, places)
    }

    fn with_places(
        chronicle: &Chronicle,
        timeline: &Timeline,
        state: &ViewState,
        projection: Projection,
        places: PlacesOnMap,
    ) -> ShownDay {
        let key = Key::of(chronicle, timeline, state, projection);
        let lookup = Lookup { chronicle, timeline };
        let filtering = key.filter.is_active();
        let allowed = |i: usize| chronicle.events.get(i).is_some_and(|e| key.filter.allows(e));
        // The events, and what is asked of them, read in timeline order from the timeline's index.
        let shown = positions_on(chronicle, timeline, key.day, key.show);
        let most = shown.size_hint().1.unwrap_or(0);
        let (mut events, mut facts) = (Vec::with_capacity(most), Vec::with_capacity(most));
        for (k, e) in shown.filter(|(_, e)| !filtering || allowed(e.event)) {
            facts.push(lookup.facts(k, e.event));
            events.push(e);
        }
        let mut journeys = journeys_on(chronicle, key.day, key.show);
        if filtering {
            // A journey stays while any of its events is allowed (or it names none).
            journeys.retain(|j| {
                let ids = &chronicle.movements[j.movement].events;
                ids.is_empty() || ids.iter().any(|id| chronicle.event_index(id).is_some_and(allowed))
            });
        }
        let active = events
            .iter()
            .filter(|e| e.presence == Presence::Active)
            .map(|e| e.event)
            .collect();
        let weights = weights(&lookup, &events, &facts);
        let towns = towns(&lookup, key.day);
        let Grouped {
            grouped,
            groups,
            group_of_place,
            group_threads,
            leading,
        } = group(&lookup, &events, &facts, &places.regions);
        ShownDay {
            key,
            events,
            journeys,
            active,
            grouped,
            groups,
            group_of_place,
            leading,
            group_threads,
            places,
            towns,
            weights,
        }
    }

    /// Brings the day up to date with `state`, working it out again only when the day, what is
    /// shown, the filter, the chronicle or the projection changed (the places' points only for
    /// the last two). Returns whether it did.
    pub fn update(
        &mut self,
        chronicle: &Chronicle,
        timeline: &Timeline,
        state: &ViewState,
        projection: Projection,
    ) -> bool {
        let key = Key::of(chronicle, timeline, state, projection);
        if self.key == key {
            return false;
        }
        let places = std::mem::take(&mut self.places);
        // The old day's lists go before the new day's are gathered: a cumulative map of a million
        // events would otherwise hold two days of half a million at once on every step.
        self.release();
        *self = if self.key.of == key.of {
            ShownDay::with_places(chronicle, timeline, state, projection, places)
        } else {
            ShownDay::new(chronicle, timeline, state, projection)
        };
        true
    }

    /// Lets go of the day's lists (not of its key).
    fn release(&mut self) {
        self.events = Vec::new();
        self.journeys = Vec::new();
        self.active = Vec::new();
        self.grouped = Vec::new();
        self.groups = Vec::new();
        self.group_of_place = Vec::new();
        self.leading = Vec::new();
        self.group_threads = Vec::new();
        self.towns = Vec::new();
        self.weights = Vec::new();
    }

    /// Whether this is the day of `state` for `chronicle`, on `projection`'s plane.
    pub fn is_of(&self, chronicle: &Chronicle, timeline: &Timeline, state: &ViewState, projection: Projection) -> bool {
        self.key == Key::of(chronicle, timeline, state, projection)
    }

    /// Where place `p` (index into the chronicle's places) falls on the map's plane.
    pub fn place_point(&self, p: usize) -> Option<[f32; 2]> {
        self.places.points.get(p).copied()
    }

    /// The day the events were worked out for.
    pub fn day(&self) -> NaiveDate {
        self.key.day
    }

    /// The events shown, in timeline order.
    pub fn events(&self) -> &[ShownEvent] {
        &self.events
    }

    /// The journeys under way, or ended within the trail (or earlier, in cumulative mode).
    pub fn journeys(&self) -> &[Journey] {
        &self.journeys
    }

    /// The events active on the day (indices into the chronicle's events), in timeline order.
    pub fn active(&self) -> &[usize] {
        &self.active
    }

    /// The places with shown events, in the order their first event comes in the timeline.
    pub fn groups(&self) -> &[PlaceGroup] {
        &self.groups
    }

    /// A group's events, in timeline order.
    pub fn events_of(&self, group: &PlaceGroup) -> impl ExactSizeIterator<Item = &ShownEvent> + '_ {
        let members = self.grouped.get(group.events.clone()).unwrap_or(&[]);
        members.iter().map(|&j| &self.events[j as usize])
    }

    /// How many events a group has.
    pub fn count_of(&self, group: &PlaceGroup) -> usize {
        group.events.len()
    }

    /// The group of a place (index into the chronicle's places), if it has shown events.
    pub fn group_of_place(&self, place: usize) -> Option<&PlaceGroup> {
        self.groups.get(*self.group_of_place.get(place)? as usize)
    }

    /// A group's most present events, first the first: active, then fading (the most recently
    /// ended first), then past, each kind in timeline order; at most [`Self::LEADING`].
    pub fn leading_of(&self, group: &PlaceGroup) -> &[ShownEvent] {
        self.leading.get(group.leading.clone()).unwrap_or(&[])
    }

    /// A group's threads (indices into the chronicle's threads), each once.
    pub fn threads_of(&self, group: &PlaceGroup) -> &[u32] {
        self.group_threads.get(group.threads.clone()).unwrap_or(&[])
    }

    /// The places that may be named as towns on the day (indices into the chronicle's places),
    /// by importance: priority first, then how many events name them, then id; each with its
    /// priority as [`super::labels::priority`] gives it for a place without events that day.
    pub fn towns(&self) -> &[(u32, u8)] {
        &self.towns
    }

    /// Each place the shown events name, with their summed weight.
    pub fn place_weights(&self) -> &[(usize, f32)] {
        &self.weights
    }
}

/// An event's place and thread, from the timeline's index when it was built from this
/// chronicle's events (looked up by name otherwise).
pub(crate) struct Lookup<'a> {
    pub chronicle: &'a Chronicle,
    pub timeline: &'a Timeline,
}

impl Lookup<'_> {
    fn fits(&self) -> bool {
        self.timeline.len() == self.chronicle.events.len()
    }

    /// Index into the chronicle's places of event `i`'s first place.
    pub fn place_of_event(&self, i: usize) -> Option<usize> {
        if self.fits() {
            self.timeline.place_of_event(i)
        } else {
            let event = self.chronicle.events.get(i)?;
            self.chronicle.place_index(event.places.first()?)
        }
    }

    /// Index into the chronicle's threads of event `i`'s thread, if it names a known one.
    pub fn thread_of_event(&self, i: usize) -> Option<usize> {
        if self.fits() {
            self.timeline.thread_of_event(i)
        } else {
            self.chronicle
                .thread_index(self.chronicle.events.get(i)?.thread.as_deref()?)
        }
    }

    /// What is asked of event `i` at position `k` of the timeline: from the timeline's index,
    /// read in order, when it was built from this chronicle's events.
    fn facts(&self, k: usize, i: usize) -> EventFacts {
        match self.timeline.facts_at(k).filter(|_| self.fits()) {
            Some(facts) => facts,
            None => (self.chronicle.events.get(i)).map_or(EventFacts::UNKNOWN, |e| EventFacts::of(self.chronicle, e)),
        }
    }
}

/// The places that exist on `day` and are points, not areas, by importance, with their
/// priority: sorted by the timeline once (sorted here only should it be of another chronicle).
fn towns(lookup: &Lookup, day: NaiveDate) -> Vec<(u32, u8)> {
    let places = &lookup.chronicle.places;
    let sorted_here;
    let by_weight: &[u32] = if lookup.timeline.places_by_weight().len() == places.len() {
        lookup.timeline.places_by_weight()
    } else {
        let mut order: Vec<u32> = (0..places.len() as u32).collect();
        order.sort_by_cached_key(|&i| {
            let id = places[i as usize].id.as_str();
            (std::cmp::Reverse(lookup.timeline.events_at_place(id)), id)
        });
        sorted_here = order;
        &sorted_here
    };
    by_weight
        .iter()
        .filter_map(|&i| {
            let p = places.get(i as usize)?;
            let wanted = p.precision != LocationPrecision::Region && p.exists_on(day);
            wanted.then(|| (i, super::labels::priority(p, false)))
        })
        .collect()
}

/// Each place the events name, with their summed weight, in the order first met.
fn weights(lookup: &Lookup, events: &[ShownEvent], facts: &[EventFacts]) -> Vec<(usize, f32)> {
    let chronicle = lookup.chronicle;
    let mut slot_of_place = vec![u32::MAX; chronicle.places.len()];
    let mut weights: Vec<(usize, f32)> = Vec::new();
    let mut add = |p: usize, weight: f32| {
        let Some(slot) = slot_of_place.get_mut(p) else {
            return;
        };
        if *slot == u32::MAX {
            *slot = weights.len() as u32;
            weights.push((p, 0.0));
        }
        weights[*slot as usize].1 += weight;
    };
    for (e, f) in events.iter().zip(facts) {
        let weight = if e.presence == Presence::Active { 3.0 } else { 1.0 };
        if let Some(p) = f.place() {
            add(p, weight);
        }
        if f.names_more_places()
            && let Some(event) = chronicle.events.get(e.event)
        {
            for p in event.places.iter().skip(1).filter_map(|p| chronicle.place_index(p)) {
                add(p, weight);
            }
        }
    }
    weights
}

/// Short for [`ShownDay::LEADING`] within this file.
const LEADING: usize = ShownDay::LEADING;

/// How present an event is, the most present least: active before fading before past, the most
/// recently ended fading first.
pub fn rank(e: &ShownEvent) -> (u8, f32) {
    match e.presence {
        Presence::Active => (0, 0.0),
        Presence::Fading(f) => (1, -f),
        Presence::Past => (2, 0.0),
    }
}

/// The day's events gathered by place.
struct Grouped {
    grouped: Vec<u32>,
    groups: Vec<PlaceGroup>,
    group_of_place: Vec<u32>,
    group_threads: Vec<u32>,
    leading: Vec<ShownEvent>,
}

/// What a group's events are, marked in one pass over the day's events.
const UNCERTAIN: u8 = 1;
const INFERRED: u8 = 2;
const NOT_INFERRED: u8 = 4;
const UNTHREADED: u8 = 8;

/// The events with a known first place, gathered place by place (a counting sort, so each
/// place keeps its events in timeline order), with each group's threads, marks and most
/// present events. The day's events are read once, in order; per group only small tables are
/// written, and each event's index, not the event, is moved into its group.
fn group(lookup: &Lookup, events: &[ShownEvent], facts: &[EventFacts], regions: &[bool]) -> Grouped {
    let places = lookup.chronicle.places.len();
    let threads = lookup.chronicle.threads.len();
    // Threads are marked in a word per group when there are few, the usual case.
    let few_threads = threads <= 64;
    let mut group_of_place = vec![u32::MAX; places];
    let mut group_places: Vec<usize> = Vec::new();
    let mut counts: Vec<u32> = Vec::new();
    let mut marks: Vec<u8> = Vec::new();
    let mut thread_words: Vec<u64> = Vec::new();
    // Each group's first past events, in timeline order (at most LEADING a group), and every
    // active or fading event with its group: the most present of a group are among them.
    let mut first_past: Vec<ShownEvent> = Vec::new();
    let mut past_kept: Vec<u8> = Vec::new();
    let mut present: Vec<(u32, u32)> = Vec::new();
    let mut of_event: Vec<u32> = Vec::with_capacity(events.len());
    for (j, (e, f)) in events.iter().zip(facts).enumerate() {
        let Some(p) = f.place().filter(|&p| p < places) else {
            of_event.push(u32::MAX);
            continue;
        };
        if group_of_place[p] == u32::MAX {
            group_of_place[p] = counts.len() as u32;
            group_places.push(p);
            counts.push(0);
            marks.push(0);
            thread_words.push(0);
            past_kept.push(0);
            first_past.extend([*e; LEADING]);
        }
        let g = group_of_place[p] as usize;
        counts[g] += 1;
        let thread = f.thread().filter(|&t| t < threads);
        marks[g] |= if e.uncertain { UNCERTAIN } else { 0 }
            | if f.place_inferred() { INFERRED } else { NOT_INFERRED }
            | if thread.is_none() { UNTHREADED } else { 0 };
        if few_threads && let Some(t) = thread {
            thread_words[g] |= 1 << t;
        }
        if e.presence != Presence::Past {
            present.push((g as u32, j as u32));
        } else if usize::from(past_kept[g]) < LEADING {
            first_past[g * LEADING + usize::from(past_kept[g])] = *e;
            past_kept[g] += 1;
        }
        of_event.push(g as u32);
    }
    // By group, then the most present first, then in timeline order.
    present.sort_unstable_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| {
                let (ra, rb) = (rank(&events[a.1 as usize]), rank(&events[b.1 as usize]));
                ra.partial_cmp(&rb).unwrap_or(std::cmp::Ordering::Equal)
            })
            .then(a.1.cmp(&b.1))
    });
    let mut starts = Vec::with_capacity(counts.len() + 1);
    let mut total = 0usize;
    for &n in &counts {
        starts.push(total);
        total += n as usize;
    }
    starts.push(total);
    let mut next = starts.clone();
    let mut grouped = vec![0u32; total];
    for (j, &g) in of_event.iter().enumerate() {
        if let Some(at) = next.get_mut(g as usize) {
            grouped[*at] = j as u32;
            *at += 1;
        }
    }
    drop(of_event);
    let region = |p: usize| regions.get(p).copied().unwrap_or(false);
    let mut group_threads: Vec<u32> = Vec::new();
    let mut seen = vec![false; if few_threads { 0 } else { threads }];
    let mut leading: Vec<ShownEvent> = Vec::with_capacity(group_places.len());
    let mut groups = Vec::with_capacity(group_places.len());
    let mut cursor = 0;
    for (g, &place) in group_places.iter().enumerate() {
        let members = &grouped[starts[g]..starts[g + 1]];
        // Its threads, each once, in thread order (or, past 64 threads, in order met).
        let threads_begin = group_threads.len();
        if few_threads {
            let mut word = thread_words[g];
            while word != 0 {
                group_threads.push(word.trailing_zeros());
                word &= word - 1;
            }
        } else {
            for t in members.iter().filter_map(|&j| facts[j as usize].thread()) {
                if t < threads && !seen[t] {
                    seen[t] = true;
                    group_threads.push(t as u32);
                }
            }
            for &t in &group_threads[threads_begin..] {
                seen[t as usize] = false;
            }
        }
        // Its most present events: its active and fading ones, then its first past ones.
        let leading_begin = leading.len();
        let mut of_group = 0;
        while let Some(&(pg, j)) = present.get(cursor)
            && pg as usize == g
        {
            if of_group < LEADING {
                leading.push(events[j as usize]);
                of_group += 1;
            }
            cursor += 1;
        }
        let past = &first_past[g * LEADING..g * LEADING + usize::from(past_kept[g])];
        leading.extend(past.iter().take(LEADING - of_group).copied());
        groups.push(PlaceGroup {
            place,
            events: starts[g]..starts[g + 1],
            threads: threads_begin..group_threads.len(),
            leading: leading_begin..leading.len(),
            any_uncertain: marks[g] & UNCERTAIN != 0,
            any_inferred: marks[g] & INFERRED != 0,
            all_inferred: marks[g] & NOT_INFERRED == 0,
            any_unthreaded: marks[g] & UNTHREADED != 0,
            region: region(place),
        });
    }
    Grouped {
        grouped,
        groups,
        group_of_place,
        group_threads,
        leading,
    }
}
