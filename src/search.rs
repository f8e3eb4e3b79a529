//! Finding events: a search over titles, summaries, quotes, actors and every name of their
//! places (searching "Dandong" finds events at Andong), and filters by thread, actor and date
//! precision that the map, the time bar and the lists all respect.

use crate::chronicle::{Chronicle, Event, Precision};
use std::collections::BTreeSet;

/// Lower case, common accents dropped and dashes made spaces, so "Pyŏngyang" matches
/// "pyongyang" and "en-lai" matches "en lai".
pub fn fold(text: &str) -> String {
    text.chars()
        .flat_map(|c| c.to_lowercase())
        .map(|c| match c {
            'á' | 'à' | 'â' | 'ä' | 'ā' | 'ă' | 'ǎ' | 'ã' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'ē' | 'ě' | 'ĕ' => 'e',
            'í' | 'ì' | 'î' | 'ï' | 'ī' | 'ǐ' | 'ĭ' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'ō' | 'ŏ' | 'ǒ' | 'õ' => 'o',
            'ú' | 'ù' | 'û' | 'ü' | 'ū' | 'ǔ' | 'ŭ' | 'ǖ' | 'ǘ' | 'ǚ' | 'ǜ' => 'u',
            '’' | '‘' => '\'',
            '-' | '–' | '—' => ' ',
            c => c,
        })
        .collect()
}

/// Everything about an event a reader might type, folded.
fn haystack(chronicle: &Chronicle, event: &Event) -> (String, String) {
    let mut rest = vec![event.summary.as_str(), event.quote.as_str(), event.date_text.as_str()];
    rest.extend(event.actors.iter().map(String::as_str));
    for place in event.places.iter().filter_map(|id| chronicle.place(id)) {
        rest.push(&place.name);
        rest.extend(place.other_names.iter().map(|n| n.name.as_str()));
    }
    (fold(&event.title), fold(&rest.join(" \u{1f} ")))
}

/// Events matching every word of `query`, title matches first, each group in `order`
/// (timeline order). An empty query matches nothing.
pub fn search(chronicle: &Chronicle, order: &[usize], query: &str) -> Vec<usize> {
    let words: Vec<String> = fold(query).split_whitespace().map(str::to_string).collect();
    if words.is_empty() {
        return Vec::new();
    }
    let mut in_title = Vec::new();
    let mut elsewhere = Vec::new();
    for &i in order {
        let Some(event) = chronicle.events.get(i) else {
            continue;
        };
        let (title, rest) = haystack(chronicle, event);
        if words
            .iter()
            .all(|w| title.contains(w.as_str()) || rest.contains(w.as_str()))
        {
            if words.iter().all(|w| title.contains(w.as_str())) {
                in_title.push(i);
            } else {
                elsewhere.push(i);
            }
        }
    }
    in_title.extend(elsewhere);
    in_title
}

/// Places of the gazetteer whose name or other names match every word of `query` (indices
/// into `Chronicle::places`), so a place the source never ties to an event can still be found.
pub fn search_places(chronicle: &Chronicle, query: &str) -> Vec<usize> {
    let words: Vec<String> = fold(query).split_whitespace().map(str::to_string).collect();
    if words.is_empty() {
        return Vec::new();
    }
    (0..chronicle.places.len())
        .filter(|&i| {
            let place = &chronicle.places[i];
            let mut names = vec![place.name.as_str()];
            names.extend(place.other_names.iter().map(|n| n.name.as_str()));
            let names = fold(&names.join(" "));
            words.iter().all(|w| names.contains(w.as_str()))
        })
        .collect()
}

/// Which events are shown. The default shows everything.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Filter {
    /// Thread ids switched off.
    pub hidden_threads: BTreeSet<String>,
    /// Only events with this actor.
    pub actor: Option<String>,
    /// Date precisions switched off (e.g. hide month-precision events).
    pub hidden_precisions: BTreeSet<Precision>,
}

impl Filter {
    pub fn is_active(&self) -> bool {
        *self != Filter::default()
    }

    pub fn allows(&self, event: &Event) -> bool {
        let thread_ok = event.thread.as_ref().is_none_or(|t| !self.hidden_threads.contains(t));
        let actor_ok = self.actor.as_ref().is_none_or(|a| event.actors.contains(a));
        thread_ok && actor_ok && !self.hidden_precisions.contains(&event.date.precision())
    }
}

/// Every actor named in the chronicle, sorted, for the actor filter.
pub fn actors(chronicle: &Chronicle) -> Vec<String> {
    let set: BTreeSet<&String> = chronicle.events.iter().flat_map(|e| &e.actors).collect();
    set.into_iter().cloned().collect()
}
