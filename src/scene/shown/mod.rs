//! What the map shows on a day, gathered by place once for the day rather than on every frame.
//! A cumulative map of a million events shows half a million of them at twenty thousand places:
//! the markers, the legend and the crowding of the cards then look through the places, and the
//! window works the day out again only when the day, what is shown or the filter changes. A
//! cumulative map stepped to another day changes only what that step changes: the events begun
//! or ended on the way, and the groups they belong to.

mod groups;
mod places;

use crate::chronicle::Chronicle;
use crate::map::projection::Projection;
use crate::search::Filter;
use crate::timeline::show::{Journey, Presence, PresenceOn, ShowOptions, ShownEvent, journeys_on, positions_on};
use crate::timeline::{EventFacts, Timeline};
use crate::view_state::ViewState;
use chrono::NaiveDate;
use groups::Groups;
pub use groups::PlaceGroup;
use places::PlacesOnMap;

/// The events and journeys a day shows, and the same events gathered by their first place.
#[derive(Debug)]
pub struct ShownDay {
    key: Key,
    events: Vec<ShownEvent>,
    /// Each event's position in the timeline order.
    positions: Vec<u32>,
    journeys: Vec<Journey>,
    /// Indices of the events active on the day: few, asked for by name labels and rivers.
    active: Vec<usize>,
    groups: Groups,
    /// The chronicle's places on the map, whatever the day.
    places: PlacesOnMap,
    /// The places that may be named as towns on the day, the most named first, with their
    /// priority (see [`super::labels::priority`]): points, not areas, that exist on the day.
    towns: Vec<(u32, u8)>,
    weights: Weights,
    /// The events not yet past: all of them on a day's map; on a cumulative one, those whose
    /// presence the next day may change.
    recent: Vec<Recent>,
    /// How many positions of the timeline order a cumulative map has read: those begun by the day.
    begun: usize,
}

/// An event of the day that is not past, where it is and its group.
#[derive(Clone, Copy, Debug)]
struct Recent {
    /// Index into the day's events.
    j: u32,
    /// Position in the timeline order.
    k: u32,
    /// Its group, `u32::MAX` for none.
    group: u32,
}

/// Each place any shown event names, with the events' summed weight: three for an active
/// event, one for any other (what covers the story most when a card looks for room), in the
/// order first met.
#[derive(Debug, Default)]
struct Weights {
    list: Vec<(usize, f32)>,
    slot_of_place: Vec<u32>,
}

impl Weights {
    fn new(places: usize) -> Weights {
        Weights {
            list: Vec::new(),
            slot_of_place: vec![u32::MAX; places],
        }
    }

    fn add(&mut self, p: usize, weight: f32) {
        let Some(slot) = self.slot_of_place.get_mut(p) else {
            return;
        };
        if *slot == u32::MAX {
            *slot = self.list.len() as u32;
            self.list.push((p, 0.0));
        }
        self.list[*slot as usize].1 += weight;
    }

    /// Adds `weight` to each known place event `i` names.
    /// Forgets the places last met that no event names any more: those first met by events
    /// gone, which come after every place still named.
    fn drop_unmet(&mut self) {
        while let Some(&(p, w)) = self.list.last()
            && w <= 0.0
        {
            self.list.pop();
            if let Some(slot) = self.slot_of_place.get_mut(p) {
                *slot = u32::MAX;
            }
        }
    }

    fn add_event(&mut self, chronicle: &Chronicle, i: usize, f: EventFacts, weight: f32) {
        if let Some(p) = f.place() {
            self.add(p, weight);
        }
        if f.names_more_places()
            && let Some(event) = chronicle.events.get(i)
        {
            for p in event.places.iter().skip(1).filter_map(|p| chronicle.place_index(p)) {
                self.add(p, weight);
            }
        }
    }
}

fn weight(presence: Presence) -> f32 {
    if presence == Presence::Active { 3.0 } else { 1.0 }
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

impl ShownDay {
    /// How many of a group's events [`ShownDay::leading_of`] keeps: what a cluster's marker names.
    pub const LEADING: usize = groups::LEADING;

    /// The day of `state` for `chronicle`, its places on the plane of `projection`.
    pub fn new(chronicle: &Chronicle, timeline: &Timeline, state: &ViewState, projection: Projection) -> ShownDay {
        let places = PlacesOnMap::new(chronicle, timeline, projection);
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
        let mut day = ShownDay {
            events: Vec::new(),
            positions: Vec::new(),
            journeys: Vec::new(),
            active: Vec::new(),
            groups: Groups::new(chronicle.places.len(), chronicle.threads.len()),
            towns: Vec::new(),
            weights: Weights::new(chronicle.places.len()),
            recent: Vec::new(),
            begun: 0,
            places,
            key,
        };
        // The events, and what is asked of them, read in timeline order from the timeline's index.
        let (day_shown, show) = (day.key.day, day.key.show);
        let shown = positions_on(chronicle, timeline, day_shown, show);
        day.events.reserve(shown.size_hint().1.unwrap_or(0));
        day.positions.reserve(shown.size_hint().1.unwrap_or(0));
        let lookup = Lookup { chronicle, timeline };
        for (k, e) in shown {
            day.take(&lookup, k, e);
        }
        if show.cumulative {
            day.begun = timeline.begun_by(day_shown);
        }
        day.settle(chronicle);
        day
    }

    /// Adds the event at position `k` of the timeline, if the filter allows it.
    fn take(&mut self, lookup: &Lookup, k: usize, e: ShownEvent) {
        let chronicle = lookup.chronicle;
        if self.key.filter.is_active()
            && !chronicle
                .events
                .get(e.event)
                .is_some_and(|ev| self.key.filter.allows(ev))
        {
            return;
        }
        let f = lookup.facts(k, e.event);
        let j = self.events.len() as u32;
        self.events.push(e);
        self.positions.push(k as u32);
        self.weights.add_event(chronicle, e.event, f, weight(e.presence));
        let places = &self.places;
        let group = self.groups.add(j, &e, f, |p| places.region(p));
        if e.presence != Presence::Past {
            self.recent.push(Recent {
                j,
                k: k as u32,
                group: group.unwrap_or(u32::MAX),
            });
        }
    }

    /// Moves a cumulative map on to `day`, later than its own: the events still recent take
    /// the new day's presence (some fall into the past), and the events begun since are added.
    fn advance(&mut self, lookup: &Lookup, day: NaiveDate) {
        let presence_on = PresenceOn::new(day, self.key.show);
        let mut recent = std::mem::take(&mut self.recent);
        recent.retain(|r| {
            let (_, now) = self.restate(lookup, r.j as usize, r.k as usize, presence_on);
            if r.group != u32::MAX {
                if now == Presence::Past {
                    self.groups.now_past(r.group, r.j);
                } else {
                    self.groups.touch(r.group);
                }
            }
            now != Presence::Past
        });
        self.recent = recent;
        self.key.day = day;
        let begun = lookup.timeline.begun_by(day);
        for k in self.begun..begun {
            if let Some(e) = presence_on.event_at(lookup.chronicle, lookup.timeline, k) {
                self.take(lookup, k, e);
            }
        }
        self.begun = begun;
        self.settle(lookup.chronicle);
    }

    /// Event `j` of the day, at position `k` of the timeline, takes its presence on the day of
    /// `presence_on`, its places' weights with it; returns its presence before and now.
    fn restate(&mut self, lookup: &Lookup, j: usize, k: usize, presence_on: PresenceOn) -> (Presence, Presence) {
        let before = self.events[j].presence;
        let Some((i, first, last)) = lookup.timeline.window_at(k) else {
            return (before, before);
        };
        let now = presence_on.of(first, last);
        if weight(now) != weight(before) {
            let f = lookup.facts(k, i);
            self.weights
                .add_event(lookup.chronicle, i, f, weight(now) - weight(before));
        }
        self.events[j].presence = now;
        (before, now)
    }

    /// Moves a cumulative map back to `day`, earlier than its own: the events begun since go,
    /// the events still recent take the day's presence, those past on the later day but not on
    /// this one are recent again, and the groups that lost or regained events are gone over.
    fn retreat(&mut self, lookup: &Lookup, day: NaiveDate) {
        let chronicle = lookup.chronicle;
        let presence_on = PresenceOn::new(day, self.key.show);
        let begun = lookup.timeline.begun_by(day);
        let cut = self.positions.partition_point(|&k| (k as usize) < begun);
        // The events begun after the day go, the last first: each is the last of its group.
        let mut changed: Vec<u32> = Vec::new();
        for j in (cut..self.events.len()).rev() {
            let (e, k) = (self.events[j], self.positions[j] as usize);
            let f = lookup.facts(k, e.event);
            self.weights.add_event(chronicle, e.event, f, -weight(e.presence));
            if let Some(g) = self.groups.remove_last(f) {
                changed.push(g);
            }
        }
        self.events.truncate(cut);
        self.positions.truncate(cut);
        self.weights.drop_unmet();
        self.groups.drop_empty();
        self.recent.retain(|r| (r.j as usize) < cut);
        self.key.day = day;
        self.begun = begun;
        // The recent events' presence on the earlier day (none falls into the past going back).
        for n in 0..self.recent.len() {
            let r = self.recent[n];
            self.restate(lookup, r.j as usize, r.k as usize, presence_on);
            self.groups.touch(r.group);
        }
        // The events that ended within the trail of this day: past on the later day, recent again.
        let trail_from = day
            .checked_sub_days(chrono::Days::new(u64::from(self.key.show.trail_days)))
            .unwrap_or(NaiveDate::MIN);
        let (mut again, mut regained) = (Vec::new(), Vec::new());
        for k in lookup.timeline.positions_overlapping(trail_from, day) {
            let Ok(j) = self.positions.binary_search(&(k as u32)) else {
                continue;
            };
            // The recent ones have their presence already: only the past ones change here.
            let (before, now) = self.restate(lookup, j, k, presence_on);
            if before != Presence::Past || now == Presence::Past {
                continue;
            }
            let group = lookup
                .place_of_event(self.events[j].event)
                .and_then(|p| self.groups.group_of_place(p))
                .map_or(u32::MAX, |g| g.index);
            regained.push(group);
            again.push(Recent {
                j: j as u32,
                k: k as u32,
                group,
            });
        }
        if !again.is_empty() {
            self.recent.extend(again);
            self.recent.sort_unstable_by_key(|r| r.j);
        }
        // A group that lost events is gone over whole; one that only regained some needs only
        // its first past events found again (its marks and threads stand).
        changed.sort_unstable();
        changed.dedup();
        let (events, positions) = (&self.events, &self.positions);
        for &g in &changed {
            self.groups.go_over(g, events, |j| {
                lookup.facts(positions[j as usize] as usize, events[j as usize].event)
            });
        }
        for g in regained.into_iter().filter(|g| changed.binary_search(g).is_err()) {
            self.groups.find_first_past(g, events);
        }
        self.settle(chronicle);
    }

    /// Works out what follows from the day's events: each touched group's most present
    /// events, the active events, the towns and the journeys.
    fn settle(&mut self, chronicle: &Chronicle) {
        let mut present: Vec<(u32, u32)> = (self.recent.iter())
            .filter(|r| r.group != u32::MAX)
            .map(|r| (r.group, r.j))
            .collect();
        self.groups.settle(&self.events, &mut present);
        self.active = (self.recent.iter())
            .map(|r| self.events[r.j as usize])
            .filter(|e| e.presence == Presence::Active)
            .map(|e| e.event)
            .collect();
        self.towns = self.places.towns_on(self.key.day);
        let (day, show) = (self.key.day, self.key.show);
        let mut journeys = journeys_on(chronicle, day, show);
        if self.key.filter.is_active() {
            let allowed = |i: usize| chronicle.events.get(i).is_some_and(|e| self.key.filter.allows(e));
            // A journey stays while any of its events is allowed (or it names none).
            journeys.retain(|j| {
                let ids = &chronicle.movements[j.movement].events;
                ids.is_empty() || ids.iter().any(|id| chronicle.event_index(id).is_some_and(allowed))
            });
        }
        self.journeys = journeys;
    }

    /// Brings the day up to date with `state`, working it out again only when the day, what is
    /// shown, the filter, the chronicle or the projection changed (the places' points only for
    /// the last two). A cumulative map moved to another day adds (or takes away) the events
    /// begun in between and changes the presence of the recent ones. Returns whether anything
    /// changed.
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
        let same_but_the_day = Key {
            day: self.key.day,
            ..key.clone()
        } == self.key;
        if key.show.cumulative && same_but_the_day {
            let lookup = Lookup { chronicle, timeline };
            if key.day > self.key.day {
                self.advance(&lookup, key.day);
            } else {
                self.retreat(&lookup, key.day);
            }
            return true;
        }
        let places = std::mem::take(&mut self.places);
        // The old day's lists go before the new day's are gathered: a cumulative map of a million
        // events would otherwise hold two days of half a million at once on every step.
        let same_of = self.key.of == key.of;
        *self = ShownDay::empty(key);
        *self = if same_of {
            ShownDay::with_places(chronicle, timeline, state, projection, places)
        } else {
            ShownDay::new(chronicle, timeline, state, projection)
        };
        true
    }

    /// A day with nothing gathered, holding only its key.
    fn empty(key: Key) -> ShownDay {
        ShownDay {
            key,
            events: Vec::new(),
            positions: Vec::new(),
            journeys: Vec::new(),
            active: Vec::new(),
            groups: Groups::default(),
            places: PlacesOnMap::default(),
            towns: Vec::new(),
            weights: Weights::default(),
            recent: Vec::new(),
            begun: 0,
        }
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
        &self.groups.list
    }

    /// A group's events, in timeline order.
    pub fn events_of(&self, group: &PlaceGroup) -> impl ExactSizeIterator<Item = &ShownEvent> + '_ {
        let members = self
            .groups
            .members
            .get(group.index as usize)
            .map_or(&[][..], |m| &m[..]);
        members.iter().map(|&j| &self.events[j as usize])
    }

    /// How many events a group has.
    pub fn count_of(&self, group: &PlaceGroup) -> usize {
        self.groups.members.get(group.index as usize).map_or(0, Vec::len)
    }

    /// The group of a place (index into the chronicle's places), if it has shown events.
    pub fn group_of_place(&self, place: usize) -> Option<&PlaceGroup> {
        self.groups.group_of_place(place)
    }

    /// A group's most present events, first the first: active, then fading (the most recently
    /// ended first), then past, each kind in timeline order; at most [`Self::LEADING`].
    pub fn leading_of(&self, group: &PlaceGroup) -> &[ShownEvent] {
        self.groups.leading_of(group.index as usize)
    }

    /// A group's threads (indices into the chronicle's threads), each once.
    pub fn threads_of(&self, group: &PlaceGroup) -> impl Iterator<Item = u32> + '_ {
        self.groups.threads_of(group)
    }

    /// The places that may be named as towns on the day (indices into the chronicle's places),
    /// the most named first (then by id); each with its priority as [`super::labels::priority`]
    /// gives it for a place without events that day.
    pub fn towns(&self) -> &[(u32, u8)] {
        &self.towns
    }

    /// Each place the shown events name, with their summed weight.
    pub fn place_weights(&self) -> &[(usize, f32)] {
        &self.weights.list
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

/// How present an event is, the most present least: active before fading before past, the most
/// recently ended fading first.
pub fn rank(e: &ShownEvent) -> (u8, f32) {
    match e.presence {
        Presence::Active => (0, 0.0),
        Presence::Fading(f) => (1, -f),
        Presence::Past => (2, 0.0),
    }
}
