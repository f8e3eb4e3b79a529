//! The day's events gathered by their first place, built event by event so that a cumulative
//! map's next day adds its new events to the groups it has rather than gathering half a million
//! again.

use super::rank;
use crate::timeline::EventFacts;
use crate::timeline::show::{Presence, ShownEvent};

/// How many of a group's events are kept as its most present: what a cluster's marker names.
pub(super) const LEADING: usize = 10;

/// The shown events at one place.
#[derive(Clone, Debug, PartialEq)]
pub struct PlaceGroup {
    /// Index into the chronicle's places.
    pub place: usize,
    /// Its place among the day's groups.
    pub(super) index: u32,
    /// Its threads as bits, when the chronicle has at most 64 (kept in the group, which the
    /// legend reads anyway, rather than in a list of its own elsewhere in memory).
    pub(super) thread_bits: u64,
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

/// The groups, in the order their first event comes in the timeline, and what each keeps.
#[derive(Debug, Default)]
pub(super) struct Groups {
    pub list: Vec<PlaceGroup>,
    /// Each of the chronicle's places' group, `u32::MAX` for none.
    group_of_place: Vec<u32>,
    /// Each group's events (indices into the day's events), in timeline order.
    pub members: Vec<Vec<u32>>,
    /// Each group's threads (indices into the chronicle's threads), each once in the order
    /// met, when the chronicle has more than 64 (fewer are a group's `thread_bits`).
    threads: Vec<Vec<u32>>,
    thread_count: usize,
    /// Each group's most present events, [`LEADING`] slots a group, and how many are filled.
    leading: Vec<ShownEvent>,
    leading_len: Vec<u8>,
    /// Each group's first past events (indices into the day's events) in timeline order,
    /// [`LEADING`] slots a group, and how many are filled: a group's most present events after
    /// its active and fading ones.
    first_past: Vec<u32>,
    past_kept: Vec<u8>,
    /// The groups whose most present events may have changed since they were last worked out.
    dirty: Vec<u32>,
    is_dirty: Vec<bool>,
}

/// A group's threads, as [`Groups::threads_of`] gives them.
pub enum Threads<'a> {
    Bits(u64),
    Listed(std::slice::Iter<'a, u32>),
}

impl Iterator for Threads<'_> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        match self {
            Threads::Bits(0) => None,
            Threads::Bits(word) => {
                let t = word.trailing_zeros();
                *word &= *word - 1;
                Some(t)
            }
            Threads::Listed(list) => list.next().copied(),
        }
    }
}

/// Threads are marked in a word per group when there are few, the usual case.
const WORD_THREADS: usize = 64;

impl Groups {
    pub fn new(places: usize, threads: usize) -> Groups {
        Groups {
            group_of_place: vec![u32::MAX; places],
            thread_count: threads,
            ..Groups::default()
        }
    }

    pub fn group_of_place(&self, place: usize) -> Option<&PlaceGroup> {
        self.list.get(*self.group_of_place.get(place)? as usize)
    }

    /// A group's threads, each once: in thread order when the chronicle has at most 64, in the
    /// order met otherwise.
    pub fn threads_of(&self, group: &PlaceGroup) -> Threads<'_> {
        match self.threads.get(group.index as usize) {
            Some(list) => Threads::Listed(list.iter()),
            None => Threads::Bits(group.thread_bits),
        }
    }

    pub fn leading_of(&self, g: usize) -> &[ShownEvent] {
        let len = self.leading_len.get(g).map_or(0, |&n| usize::from(n));
        self.leading.get(g * LEADING..g * LEADING + len).unwrap_or(&[])
    }

    /// Adds event `j` of the day (`e`, with facts `f`) to its place's group, if its first place
    /// is known; returns the group.
    pub fn add(&mut self, j: u32, e: &ShownEvent, f: EventFacts, region: impl Fn(usize) -> bool) -> Option<u32> {
        let p = f.place().filter(|&p| p < self.group_of_place.len())?;
        if self.group_of_place[p] == u32::MAX {
            let g = self.list.len() as u32;
            self.group_of_place[p] = g;
            self.list.push(PlaceGroup {
                place: p,
                index: g,
                thread_bits: 0,
                any_uncertain: false,
                any_inferred: false,
                all_inferred: true,
                any_unthreaded: false,
                region: region(p),
            });
            self.members.push(Vec::new());
            if self.thread_count > WORD_THREADS {
                self.threads.push(Vec::new());
            }
            self.leading.extend([*e; LEADING]);
            self.leading_len.push(0);
            self.first_past.extend([0; LEADING]);
            self.past_kept.push(0);
            self.is_dirty.push(false);
        }
        let g = self.group_of_place[p];
        let gi = g as usize;
        self.members[gi].push(j);
        let group = &mut self.list[gi];
        group.any_uncertain |= e.uncertain;
        group.any_inferred |= f.place_inferred();
        group.all_inferred &= f.place_inferred();
        let thread = f.thread().filter(|&t| t < self.thread_count);
        group.any_unthreaded |= thread.is_none();
        if let Some(t) = thread {
            if self.thread_count <= WORD_THREADS {
                group.thread_bits |= 1u64 << t;
            } else if let Some(threads) = self.threads.get_mut(gi)
                && !threads.contains(&(t as u32))
            {
                threads.push(t as u32);
            }
        }
        if e.presence == Presence::Past {
            self.now_past(g, j);
        } else {
            self.touch(g);
        }
        Some(g)
    }

    /// Event `j` of group `g` is past (from the start, or since the day moved on): it is among
    /// the group's first past events if it comes before one of them.
    pub fn now_past(&mut self, g: u32, j: u32) {
        let gi = g as usize;
        let kept = usize::from(self.past_kept[gi]);
        let slots = &mut self.first_past[gi * LEADING..gi * LEADING + LEADING];
        let at = slots[..kept].partition_point(|&k| k < j);
        if at < LEADING {
            // Shifted one slot on, the last falling off when all are filled.
            let end = (kept + 1).min(LEADING);
            slots.copy_within(at..end - 1, at + 1);
            slots[at] = j;
            self.past_kept[gi] = end as u8;
        }
        self.touch(g);
    }

    /// Takes the last event off the group of an event's first place (the event going is the
    /// group's last); returns the group.
    pub fn remove_last(&mut self, f: EventFacts) -> Option<u32> {
        let g = *self.group_of_place.get(f.place()?)?;
        self.members.get_mut(g as usize)?.pop();
        Some(g)
    }

    /// Forgets the groups left without events: those first met by events gone, which come
    /// after every group still shown.
    pub fn drop_empty(&mut self) {
        while self.members.last().is_some_and(Vec::is_empty) {
            self.members.pop();
            let Some(group) = self.list.pop() else { break };
            self.group_of_place[group.place] = u32::MAX;
            let len = self.list.len();
            self.threads.truncate(len);
            self.leading.truncate(len * LEADING);
            self.leading_len.truncate(len);
            self.first_past.truncate(len * LEADING);
            self.past_kept.truncate(len);
            self.is_dirty.truncate(len);
        }
        let len = self.list.len() as u32;
        self.dirty.retain(|&g| g < len);
    }

    /// Goes over a group's events again, after some left it or were no longer past: its marks,
    /// its threads and its first past events, from its events as they now stand (`facts` of
    /// an event of the day).
    pub fn go_over(&mut self, g: u32, events: &[ShownEvent], facts: impl Fn(u32) -> EventFacts) {
        let gi = g as usize;
        let (Some(members), Some(group)) = (self.members.get(gi), self.list.get_mut(gi)) else {
            return;
        };
        group.any_uncertain = false;
        group.any_inferred = false;
        group.all_inferred = true;
        group.any_unthreaded = false;
        group.thread_bits = 0;
        let mut listed: Vec<u32> = Vec::new();
        for &j in members {
            let (e, f) = (&events[j as usize], facts(j));
            group.any_uncertain |= e.uncertain;
            group.any_inferred |= f.place_inferred();
            group.all_inferred &= f.place_inferred();
            let thread = f.thread().filter(|&t| t < self.thread_count);
            group.any_unthreaded |= thread.is_none();
            match thread {
                Some(t) if self.thread_count <= WORD_THREADS => group.thread_bits |= 1u64 << t,
                Some(t) if !listed.contains(&(t as u32)) => listed.push(t as u32),
                _ => {}
            }
        }
        if let Some(threads) = self.threads.get_mut(gi) {
            *threads = listed;
        }
        self.find_first_past(g, events);
    }

    /// Finds a group's first past events again, after some of them were no longer past.
    pub fn find_first_past(&mut self, g: u32, events: &[ShownEvent]) {
        let gi = g as usize;
        let Some(members) = self.members.get(gi) else {
            return;
        };
        let mut kept = 0;
        for &j in members {
            if kept == LEADING {
                break;
            }
            if events[j as usize].presence == Presence::Past {
                self.first_past[gi * LEADING + kept] = j;
                kept += 1;
            }
        }
        self.past_kept[gi] = kept as u8;
        self.touch(g);
    }

    /// Marks a group's most present events to be worked out again.
    pub fn touch(&mut self, g: u32) {
        if let Some(flag) = self.is_dirty.get_mut(g as usize)
            && !*flag
        {
            *flag = true;
            self.dirty.push(g);
        }
    }

    /// Works out again the most present events of each group touched: its active and fading
    /// ones (`present`, as (group, event of the day), in any order), the most present first
    /// and then in timeline order, then its first past ones; at most [`LEADING`].
    pub fn settle(&mut self, events: &[ShownEvent], present: &mut [(u32, u32)]) {
        present.sort_unstable_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| {
                    let (ra, rb) = (rank(&events[a.1 as usize]), rank(&events[b.1 as usize]));
                    ra.partial_cmp(&rb).unwrap_or(std::cmp::Ordering::Equal)
                })
                .then(a.1.cmp(&b.1))
        });
        let mut dirty = std::mem::take(&mut self.dirty);
        dirty.sort_unstable();
        let mut cursor = 0;
        for &g in &dirty {
            let gi = g as usize;
            self.is_dirty[gi] = false;
            while present.get(cursor).is_some_and(|&(pg, _)| pg < g) {
                cursor += 1;
            }
            let mut n = 0;
            while let Some(&(pg, j)) = present.get(cursor)
                && pg == g
            {
                if n < LEADING {
                    self.leading[gi * LEADING + n] = events[j as usize];
                    n += 1;
                }
                cursor += 1;
            }
            let past = usize::from(self.past_kept[gi]);
            for k in 0..past.min(LEADING - n) {
                let j = self.first_past[gi * LEADING + k];
                self.leading[gi * LEADING + n] = events[j as usize];
                n += 1;
            }
            self.leading_len[gi] = n as u8;
        }
        dirty.clear();
        self.dirty = dirty;
    }
}
