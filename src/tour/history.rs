//! Undo and redo for tour editing, by snapshots: before each edit the whole tour is kept, so
//! undoing any edit (a deleted stop, a move, a caption, an added stop) gives back exactly the
//! tour as it was. A tour is a few kilobytes, so a snapshot per edit costs nothing worth saving.
//!
//! Typing a caption is one edit per caption, not one per keystroke: edits that carry the same
//! [`EditGroup`] one after another share the snapshot taken before the first of them.

/// How many edits can be undone; older ones are forgotten first.
pub const HISTORY_LIMIT: usize = 200;

/// Edits of one kind in a row that undo together, such as typing into one stop's caption.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditGroup {
    /// Typing into the caption of stop `k` (from 0).
    Caption(usize),
}

/// The states before the edits made (to undo) and after those undone (to redo).
#[derive(Clone, Debug)]
pub struct History<T> {
    undo: Vec<T>,
    redo: Vec<T>,
    /// The group of the last edit recorded, while further edits of it may join it.
    group: Option<EditGroup>,
    limit: usize,
}

impl<T> Default for History<T> {
    fn default() -> Self {
        History::with_limit(HISTORY_LIMIT)
    }
}

impl<T> History<T> {
    /// A history that keeps at most `limit` edits to undo (at least one).
    pub fn with_limit(limit: usize) -> History<T> {
        History {
            undo: Vec::new(),
            redo: Vec::new(),
            group: None,
            limit: limit.max(1),
        }
    }

    /// Records an edit: `before` is the state it changed. What was undone can no longer be
    /// redone. An edit of the same `group` as the last one joins it (its snapshot stays).
    pub fn record(&mut self, before: T, group: Option<EditGroup>) {
        if group.is_some() && group == self.group && !self.undo.is_empty() {
            self.redo.clear();
            return;
        }
        self.group = group;
        self.redo.clear();
        self.undo.push(before);
        if self.undo.len() > self.limit {
            let excess = self.undo.len() - self.limit;
            self.undo.drain(..excess);
        }
    }

    /// Undoes the last edit: `current` becomes the state before it. Returns false, changing
    /// nothing, when there is nothing to undo.
    pub fn undo(&mut self, current: &mut T) -> bool {
        let Some(before) = self.undo.pop() else { return false };
        self.redo.push(std::mem::replace(current, before));
        self.group = None;
        true
    }

    /// Redoes the edit last undone. Returns false, changing nothing, when there is none.
    pub fn redo(&mut self, current: &mut T) -> bool {
        let Some(after) = self.redo.pop() else { return false };
        self.undo.push(std::mem::replace(current, after));
        self.group = None;
        true
    }

    /// Ends the current group: the next edit is a step of its own even if of the same group
    /// (another stop was visited, the caption field lost focus).
    pub fn end_group(&mut self) {
        self.group = None;
    }

    /// Forgets everything, as when another tour is opened.
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
        self.group = None;
    }

    /// How many edits can be undone.
    pub fn undo_len(&self) -> usize {
        self.undo.len()
    }

    /// How many undone edits can be redone.
    pub fn redo_len(&self) -> usize {
        self.redo.len()
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}

/// The group an edit from `before` to `after` belongs to: a change of one caption alone is
/// typing; anything else (stops added, removed, moved, several fields at once) is an edit of
/// its own.
pub fn edit_group(before: &super::Tour, after: &super::Tour) -> Option<EditGroup> {
    if before.stops.len() != after.stops.len() || before.title != after.title {
        return None;
    }
    let mut changed = before
        .stops
        .iter()
        .zip(&after.stops)
        .enumerate()
        .filter(|(_, (a, b))| a != b);
    let (k, (a, b)) = changed.next()?;
    if changed.next().is_some() {
        return None;
    }
    let only_caption = a.date == b.date && a.view == b.view && a.event == b.event;
    only_caption.then_some(EditGroup::Caption(k))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tour::{Stop, Tour};

    fn tour(captions: &[&str]) -> Tour {
        let mut tour = Tour::new("t", "c");
        for (k, caption) in captions.iter().enumerate() {
            tour.stops.push(Stop {
                date: chrono::NaiveDate::from_ymd_opt(1950, 10, 1 + k as u32).unwrap(),
                view: None,
                event: None,
                caption: caption.to_string(),
                notes: String::new(),
            });
        }
        tour
    }

    /// Applies an edit as the app does: snapshot, change, record.
    fn edit(history: &mut History<Tour>, tour: &mut Tour, change: impl FnOnce(&mut Tour)) {
        let before = tour.clone();
        change(tour);
        let group = edit_group(&before, tour);
        history.record(before, group);
    }

    #[test]
    fn undo_restores_a_deleted_stop_and_redo_deletes_it_again() {
        let mut history = History::default();
        let mut t = tour(&["a", "b", "c"]);
        let original = t.clone();
        edit(&mut history, &mut t, |t| {
            t.remove_stop(1);
        });
        assert_eq!(t.stops.len(), 2);
        assert!(history.undo(&mut t));
        assert_eq!(t, original);
        assert!(history.redo(&mut t));
        assert_eq!(
            t.stops.iter().map(|s| s.caption.as_str()).collect::<Vec<_>>(),
            ["a", "c"]
        );
        assert!(!history.redo(&mut t), "nothing more to redo");
    }

    #[test]
    fn nothing_to_undo_changes_nothing() {
        let mut history: History<Tour> = History::default();
        let mut t = tour(&["a"]);
        assert!(!history.undo(&mut t));
        assert!(!history.redo(&mut t));
        assert_eq!(t, tour(&["a"]));
    }

    #[test]
    fn several_edits_undo_in_reverse_order() {
        let mut history = History::default();
        let mut t = tour(&["a", "b", "c"]);
        let states = [t.clone()];
        edit(&mut history, &mut t, |t| {
            t.move_stop(0, 2);
        });
        let moved = t.clone();
        edit(&mut history, &mut t, |t| {
            t.remove_stop(0);
        });
        assert_eq!(history.undo_len(), 2);
        history.undo(&mut t);
        assert_eq!(t, moved);
        history.undo(&mut t);
        assert_eq!(t, states[0]);
        assert_eq!(history.redo_len(), 2);
    }

    #[test]
    fn a_new_edit_after_undo_drops_the_redo_steps() {
        let mut history = History::default();
        let mut t = tour(&["a", "b"]);
        edit(&mut history, &mut t, |t| {
            t.remove_stop(0);
        });
        history.undo(&mut t);
        assert!(history.can_redo());
        edit(&mut history, &mut t, |t| {
            t.remove_stop(1);
        });
        assert!(!history.can_redo());
        assert_eq!(t.stops.len(), 1);
        assert_eq!(t.stops[0].caption, "a");
    }

    #[test]
    fn typing_into_one_caption_is_one_step() {
        let mut history = History::default();
        let mut t = tour(&["", "b"]);
        for text in ["H", "He", "Hel", "Hello"] {
            edit(&mut history, &mut t, |t| t.stops[0].caption = text.to_string());
        }
        assert_eq!(history.undo_len(), 1);
        // Another caption is another step.
        edit(&mut history, &mut t, |t| t.stops[1].caption = "bee".to_string());
        assert_eq!(history.undo_len(), 2);
        history.undo(&mut t);
        assert_eq!(t.stops[1].caption, "b");
        assert_eq!(t.stops[0].caption, "Hello");
        history.undo(&mut t);
        assert_eq!(t.stops[0].caption, "");
    }

    #[test]
    fn typing_again_after_an_undo_or_a_break_is_a_new_step() {
        let mut history = History::default();
        let mut t = tour(&["a"]);
        edit(&mut history, &mut t, |t| t.stops[0].caption = "ab".to_string());
        history.end_group();
        edit(&mut history, &mut t, |t| t.stops[0].caption = "abc".to_string());
        assert_eq!(history.undo_len(), 2);
        history.undo(&mut t);
        edit(&mut history, &mut t, |t| t.stops[0].caption = "abx".to_string());
        assert_eq!(history.undo_len(), 2);
    }

    #[test]
    fn the_oldest_edits_are_forgotten_past_the_limit() {
        let mut history = History::with_limit(3);
        let mut t = tour(&["a", "b", "c", "d", "e"]);
        for _ in 0..5 {
            edit(&mut history, &mut t, |t| {
                t.remove_stop(0);
            });
        }
        assert_eq!(history.undo_len(), 3);
        while history.undo(&mut t) {}
        // Back three steps only: stops a and b stay deleted.
        assert_eq!(
            t.stops.iter().map(|s| s.caption.as_str()).collect::<Vec<_>>(),
            ["c", "d", "e"]
        );
        assert_eq!(History::<Tour>::default().limit, HISTORY_LIMIT);
    }

    #[test]
    fn edit_groups() {
        let a = tour(&["a", "b"]);
        let mut b = a.clone();
        b.stops[1].caption.push('!');
        assert_eq!(edit_group(&a, &b), Some(EditGroup::Caption(1)));
        let mut c = b.clone();
        c.stops[0].caption.push('!');
        assert_eq!(edit_group(&a, &c), None, "two captions at once");
        let mut d = a.clone();
        d.stops[0].event = Some("x".into());
        assert_eq!(edit_group(&a, &d), None);
        let mut e = a.clone();
        e.remove_stop(0);
        assert_eq!(edit_group(&a, &e), None);
        assert_eq!(edit_group(&a, &a), None);
    }
}
