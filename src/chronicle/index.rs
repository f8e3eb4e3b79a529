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
/// Kept as each id's hash, sorted, beside the record's position rather than a copy of the id
/// or a hash table: a million events' ids cost 12 bytes each, and every answer is checked
/// against the list anyway (two ids of one hash: each is tried, then the list is searched).
#[derive(Clone, Debug, Default)]
pub(super) struct Ids {
    hashes: Vec<u64>,
    positions: Vec<u32>,
    hasher: ahash::RandomState,
    /// How many records the index was built from.
    len: usize,
}

impl Ids {
    fn build<'a>(ids: impl Iterator<Item = &'a str>) -> Ids {
        let hasher = ahash::RandomState::new();
        let mut pairs: Vec<(u64, u32)> = Vec::with_capacity(ids.size_hint().0);
        let mut len = 0;
        for (i, id) in ids.enumerate() {
            len = i + 1;
            if let Ok(i) = u32::try_from(i) {
                pairs.push((hasher.hash_one(id), i));
            }
        }
        // By hash, then position: of one id repeated, the first record comes first.
        pairs.sort_unstable();
        Ids {
            hashes: pairs.iter().map(|&(h, _)| h).collect(),
            positions: pairs.iter().map(|&(_, i)| i).collect(),
            hasher,
            len,
        }
    }

    /// The position of `id` in `records`. The public lists may have been edited since the index
    /// was built (a test adds an event, a benchmark swaps them all): an entry that no longer
    /// matches, or a miss, falls back to a search, so the answer is always that of the list.
    pub fn find<T>(&self, id: &str, records: &[T], id_of: impl Fn(&T) -> &String) -> Option<usize> {
        if self.len == records.len() {
            let hash = self.hasher.hash_one(id);
            let first = self.hashes.partition_point(|&h| h < hash);
            let same_hash = self.hashes[first..].iter().take_while(|&&h| h == hash).count();
            let found = self.positions[first..first + same_hash]
                .iter()
                .map(|&i| i as usize)
                .find(|&i| records.get(i).is_some_and(|r| id_of(r) == id));
            if found.is_some() {
                return found;
            }
        }
        records.iter().position(|r| id_of(r) == id)
    }
}

#[cfg(test)]
mod tests {
    use crate::chronicle::Chronicle;

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
