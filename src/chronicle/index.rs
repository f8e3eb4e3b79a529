//! Id → position maps for a chronicle's records, so the window, the exports and the command line
//! find an event, a place or a view in constant time instead of each scanning the lists.

use super::Chronicle;

/// The lookups of one chronicle. Not serialised; rebuilt by [`Chronicle::reindex`].
#[derive(Clone, Debug, Default)]
pub(super) struct Index {
    pub events: Ids,
    pub places: Ids,
    pub threads: Ids,
    pub views: Ids,
}

impl Index {
    pub fn build(chronicle: &Chronicle) -> Index {
        Index {
            events: Ids::build(chronicle.events.iter().map(|e| e.id.as_str())),
            places: Ids::build(chronicle.places.iter().map(|p| p.id.as_str())),
            threads: Ids::build(chronicle.threads.iter().map(|t| t.id.as_str())),
            views: Ids::build(chronicle.views.iter().map(|v| v.id.as_str())),
        }
    }
}

/// One list's ids; the first record wins when an id repeats, as a search from the front would.
/// An open-addressing table of positions, each with a part of its id's hash to skip most
/// mismatches without reading the record: a million events' ids cost 16 bytes each and no copy,
/// and every answer is checked against the list anyway.
#[derive(Clone, Debug, Default)]
pub(super) struct Ids {
    /// (the hash's upper half, position + 1); position 0 marks an empty slot.
    slots: Vec<(u32, u32)>,
    hasher: ahash::RandomState,
    /// How many records the index was built from.
    len: usize,
}

impl Ids {
    fn build<'a>(ids: impl Iterator<Item = &'a str>) -> Ids {
        let hasher = ahash::RandomState::new();
        let ids: Vec<&str> = ids.collect();
        // At most half full, so a search meets an empty slot soon.
        let size = (ids.len() * 2).next_power_of_two().max(8);
        let mut slots = vec![(0u32, 0u32); size];
        for (i, id) in ids.iter().enumerate() {
            let Ok(stored) = u32::try_from(i + 1) else {
                break;
            };
            let hash = hasher.hash_one(id);
            let tag = (hash >> 32) as u32;
            let mut slot = hash as usize & (size - 1);
            loop {
                let (t, p) = slots[slot];
                if p == 0 {
                    slots[slot] = (tag, stored);
                    break;
                }
                // A repeated id keeps its first record.
                if t == tag && ids[p as usize - 1] == *id {
                    break;
                }
                slot = (slot + 1) & (size - 1);
            }
        }
        Ids {
            slots,
            hasher,
            len: ids.len(),
        }
    }

    /// The position of `id` in `records`. The public lists may have been edited since the index
    /// was built (a test adds an event, a benchmark swaps them all): an entry that no longer
    /// matches, or a miss, falls back to a search, so the answer is always that of the list.
    pub fn find<T>(&self, id: &str, records: &[T], id_of: impl Fn(&T) -> &str) -> Option<usize> {
        if self.len == records.len() && !self.slots.is_empty() {
            let hash = self.hasher.hash_one(id);
            let tag = (hash >> 32) as u32;
            let mask = self.slots.len() - 1;
            let mut slot = hash as usize & mask;
            loop {
                let (t, p) = self.slots[slot];
                if p == 0 {
                    break;
                }
                let i = p as usize - 1;
                if t == tag && records.get(i).is_some_and(|r| id_of(r) == id) {
                    return Some(i);
                }
                slot = (slot + 1) & mask;
            }
        }
        records.iter().position(|r| id_of(r) == id)
    }
}

#[cfg(test)]
mod tests {
    use super::Ids;
    use crate::chronicle::Chronicle;

    #[test]
    fn every_id_of_a_long_list_is_found_at_its_first_record() {
        // Ids repeated, some twice and some thrice, across a table that must probe past its
        // neighbours; and ids that are not there.
        let ids: Vec<String> = (0..30_000).map(|i| format!("e-{}", i % 12_000)).collect();
        let index = Ids::build(ids.iter().map(String::as_str));
        for (i, id) in ids.iter().enumerate().take(12_000) {
            assert_eq!(index.find(id, &ids, |s| s), Some(i), "{id}");
        }
        assert_eq!(index.find("e-12000", &ids, |s| s), None);
        assert_eq!(index.find("", &ids, |s| s), None);
        let empty = Ids::build(std::iter::empty());
        assert_eq!(empty.find("e-1", &ids[..0], |s| s), None);
    }

    #[test]
    fn lookups_agree_with_the_lists() {
        let chronicle = Chronicle::embedded_default();
        for (i, e) in chronicle.events.iter().enumerate() {
            assert_eq!(chronicle.event_index(&e.id), Some(i));
        }
        for (i, p) in chronicle.places.iter().enumerate() {
            assert_eq!(chronicle.place_index(&p.id), Some(i));
        }
        for (i, t) in chronicle.threads.iter().enumerate() {
            assert_eq!(chronicle.thread_index(&t.id), Some(i));
        }
        let korea = chronicle.view("korean-peninsula").map(|v| v.name.as_str());
        assert_eq!(
            korea,
            chronicle
                .views
                .iter()
                .find(|v| v.id == "korean-peninsula")
                .map(|v| v.name.as_str())
        );
        assert!(korea.is_some());
        assert_eq!(chronicle.event_index("no-such-event"), None);
        assert!(chronicle.place("atlantis").is_none() && chronicle.view("atlantis").is_none());
    }

    #[test]
    fn edited_lists_are_still_found_before_and_after_reindexing() {
        let mut chronicle = Chronicle::embedded_default();
        let first = chronicle.events[0].clone();
        chronicle.events.remove(0);
        let mut added = first.clone();
        added.id = "added-later".into();
        chronicle.events.push(added);
        // The index still names the old positions; the answers must follow the lists.
        assert_eq!(chronicle.event_index(&first.id), None);
        assert_eq!(chronicle.event_index("added-later"), Some(chronicle.events.len() - 1));
        let second = chronicle.events[0].id.clone();
        assert_eq!(chronicle.event_index(&second), Some(0));
        chronicle.reindex();
        assert_eq!(chronicle.event_index("added-later"), Some(chronicle.events.len() - 1));
        assert_eq!(chronicle.event_index(&second), Some(0));
    }

    #[test]
    fn a_repeated_id_finds_the_first_record() {
        let mut chronicle = Chronicle::embedded_default();
        let mut twin = chronicle.events[3].clone();
        twin.title = "twin".into();
        chronicle.events.push(twin);
        chronicle.reindex();
        let id = chronicle.events[3].id.clone();
        assert_eq!(chronicle.event_index(&id), Some(3));
    }
}
