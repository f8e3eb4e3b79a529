//! "The events of this day", decided once: the date card counts them, the event list's "This
//! day" mode lists them and the callouts name them, so the three cannot disagree.

use crate::chronicle::Chronicle;
use crate::search::Filter;
use crate::timeline::Timeline;
use chrono::NaiveDate;

/// The events whose date window holds `day` and that `filter` lets through, in timeline order.
pub fn events_of_day(chronicle: &Chronicle, timeline: &Timeline, day: NaiveDate, filter: &Filter) -> Vec<usize> {
    timeline
        .active_on(day)
        .into_iter()
        .filter(|&i| chronicle.events.get(i).is_some_and(|e| filter.allows(e)))
        .collect()
}

/// The events of a day, and how many of them the source dates only roughly (a month, "early
/// October", "about"), which the map draws as uncertain.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DayCount {
    pub events: usize,
    pub rough: usize,
}

impl DayCount {
    pub fn of(chronicle: &Chronicle, events: &[usize]) -> DayCount {
        DayCount {
            events: events.len(),
            rough: events
                .iter()
                .filter(|&&i| chronicle.events.get(i).is_some_and(|e| e.date.is_fuzzy()))
                .count(),
        }
    }

    /// The date card's line: "4 events on this day · 2 dated only roughly".
    pub fn in_words(self, filtered: bool) -> String {
        let mut words = match self.events {
            0 => "No event on this day".to_string(),
            1 => "1 event on this day".to_string(),
            n => format!("{n} events on this day"),
        };
        if self.rough > 0 {
            if self.rough == self.events {
                words.push_str(if self.rough == 1 {
                    " · dated only roughly"
                } else {
                    " · all dated only roughly"
                });
            } else {
                words.push_str(&format!(" · {} dated only roughly", self.rough));
            }
        }
        if filtered {
            words.push_str(" (filtered)");
        }
        words
    }
}

/// The events of a day most precisely dated first (a day before a part of a month before a
/// month; exact before approximate; a short window before a long one), then in timeline order:
/// the order in which callouts name them.
pub fn most_precise_first(chronicle: &Chronicle, events: &mut [usize]) {
    events.sort_by_key(|&i| {
        let date = &chronicle.events[i].date;
        (
            date.precision(),
            date.is_fuzzy(),
            (date.last_day() - date.first_day()).num_days(),
        )
    });
}
