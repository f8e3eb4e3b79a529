//! Finding events: a search over titles, summaries, quotes, actors and every name of their
//! places (searching "Dandong" finds events at Andong), and filters by thread, actor and date
//! precision that the map, the time bar and the lists all respect.

use crate::chronicle::{Chronicle, Event, Precision};
use std::collections::BTreeSet;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower case, accents dropped, dashes made spaces, so "Pyŏngyang" matches "pyongyang",
/// "Łódź" matches "lodz", "Straße" matches "strasse" and "en-lai" matches "en lai": a reader
/// types names as their keyboard allows, and the sources romanise them in different ways.
///
/// Compatibility decomposition (NFKD) splits accented letters into a base letter and combining
/// marks, which are dropped; the few letters that do not decompose (ø, ß, ł, đ, æ, œ, ı, þ, ð)
/// are spelt as an English reader would type them.
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.chars().map(|c| fold_punctuation(c.to_ascii_lowercase())).collect();
    }
    let lower = text.to_lowercase();
    let mut folded = String::with_capacity(lower.len());
    for c in lower.nfkd().filter(|&c| !is_combining_mark(c)) {
        match c {
            'ø' => folded.push('o'),
            'ß' => folded.push_str("ss"),
            'ł' => folded.push('l'),
            'đ' | 'ð' => folded.push('d'),
            'æ' => folded.push_str("ae"),
            'œ' => folded.push_str("oe"),
            'ı' => folded.push('i'),
            'þ' => folded.push_str("th"),
            c => folded.push(fold_punctuation(c)),
        }
    }
    folded
}

/// Typographic quotes as the keyboard's apostrophe, dashes as spaces.
fn fold_punctuation(c: char) -> char {
    match c {
        '’' | '‘' => '\'',
        '-' | '–' | '—' => ' ',
        c => c,
    }
}

/// Everything about an event a reader might type, folded.
fn haystack(chronicle: &Chronicle, event: &Event) -> (String, String) {
    let mut rest = vec![event.summary.as_str(), event.quote.as_str(), event.date_text.as_str()];
    rest.extend(event.actors.iter().map(|a| a.as_str()));
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

/// An event found by [`search_with_layers`]: the chronicle's own, or a layer's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Found {
    /// Index into the chronicle's events.
    Event(usize),
    /// (layer, index into that layer chronicle's events).
    Layer(usize, usize),
}

/// The chronicle's events matching `query`, then each layer's in turn (`layers` give each
/// chronicle with its timeline order, numbered as the caller numbers its layers), each as
/// [`search`] finds them: a reader looking for "Sinuiju" in a paper on Beijing's decisions also
/// finds the war's events beneath it.
pub fn search_with_layers<'a>(
    chronicle: &Chronicle,
    order: &[usize],
    layers: impl IntoIterator<Item = (usize, &'a Chronicle, &'a [usize])>,
    query: &str,
) -> Vec<Found> {
    let mut found: Vec<Found> = search(chronicle, order, query).into_iter().map(Found::Event).collect();
    for (l, layer, layer_order) in layers {
        found.extend(
            search(layer, layer_order, query)
                .into_iter()
                .map(|i| Found::Layer(l, i)),
        );
    }
    found
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
        let thread_ok = event
            .thread
            .as_ref()
            .is_none_or(|t| !self.hidden_threads.contains(t.as_str()));
        let actor_ok = self.actor.as_ref().is_none_or(|a| event.actors.iter().any(|x| x == a));
        thread_ok && actor_ok && !self.hidden_precisions.contains(&event.date.precision())
    }
}

/// Every actor named in the chronicle, sorted, for the actor filter.
pub fn actors(chronicle: &Chronicle) -> Vec<String> {
    let set: BTreeSet<&str> = chronicle
        .events
        .iter()
        .flat_map(|e| &e.actors)
        .map(|a| a.as_str())
        .collect();
    set.into_iter().map(str::to_string).collect()
}
