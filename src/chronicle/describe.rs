//! An event put into plain sentences for a reader: its date with the source's own wording, its
//! places with how precisely they are known, and its disputes stated plainly. The detail panel,
//! captions and exports all use these words, so they are tested once here.

use super::{Chronicle, Dispute, DisputeSubject, Event, LocationPrecision, Precision};

/// "Monday, 9 October 1950 – Tuesday…" in words, then how exact it is, then the source's words.
pub fn date_line(event: &Event) -> String {
    let date = &event.date;
    let mut qualities = Vec::new();
    match date.precision() {
        Precision::Day => {}
        p => qualities.push(format!("to the {}", precision_word(p))),
    }
    if date.is_approximate() {
        qualities.push("approximate".to_string());
    }
    if date.is_uncertain() {
        qualities.push("uncertain".to_string());
    }
    let mut line = date.in_words();
    if !qualities.is_empty() {
        line.push_str(&format!(" ({})", qualities.join(", ")));
    }
    line
}

fn precision_word(p: Precision) -> &'static str {
    match p {
        Precision::Day => "day",
        Precision::Month => "month",
        Precision::PartOfMonth => "part of a month",
        Precision::Season => "season",
        Precision::Year => "year",
        Precision::Decade => "decade",
        Precision::Century => "century",
    }
}

/// The source's own words for the date, quoted, when they differ from ours.
pub fn source_wording(event: &Event) -> Option<String> {
    let words = event.date_text.trim();
    (!words.is_empty() && words != event.date.in_words()).then(|| format!("The source: “{words}”"))
}

/// Each place with how precisely it is known: "a villa on the Black Sea — region".
pub fn place_lines(chronicle: &Chronicle, event: &Event) -> Vec<String> {
    let mut lines: Vec<String> = event
        .places
        .iter()
        .map(|id| match chronicle.place(id) {
            Some(place) => {
                let how = match place.precision {
                    LocationPrecision::Exact => "exact place",
                    LocationPrecision::City => "town or city",
                    LocationPrecision::Region => "region, known only roughly",
                };
                // The name of the event's day, and the source's where it differs.
                let name = place.name_at(Some(&event.date));
                let mut line = if name == place.name {
                    format!("{name} — {how}")
                } else {
                    format!("{name} — {how} (the source writes {})", place.name)
                };
                // Found in a gazetteer by its name, not given coordinates: to be checked.
                if let Some(placed) = &place.placed_by_name {
                    line.push_str(&format!("; {}", placed.describe()));
                }
                line
            }
            None => id.to_string(),
        })
        .collect();
    if event.place_inferred && !lines.is_empty() {
        lines.push("The place is our inference; the text does not state it.".to_string());
    }
    if lines.is_empty() {
        lines.push("The text gives no place.".to_string());
    }
    lines
}

/// "Shi Zhe: 6 October. Zhang Xi: 9–10 October (followed by the author)."
pub fn dispute_sentence(dispute: &Dispute) -> String {
    dispute
        .claims
        .iter()
        .map(|claim| {
            let mut s = format!("{}: {}", claim.source.trim(), claim.value.trim());
            if claim.preferred {
                s.push_str(" (followed by the author)");
            }
            if !s.ends_with(['.', '!', '?']) {
                s.push('.');
            }
            s
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// What a dispute is about, as a heading.
pub fn dispute_heading(dispute: &Dispute) -> &'static str {
    match dispute.about {
        DisputeSubject::Date => "The sources disagree on the date",
        DisputeSubject::Figure => "The sources disagree on the figure",
        DisputeSubject::Place => "The sources disagree on the place",
        DisputeSubject::Fact => "The sources disagree on what happened",
    }
}

/// The previous and next events of the same thread in timeline order (indices into events).
pub fn thread_neighbours(chronicle: &Chronicle, order: &[usize], event: usize) -> (Option<usize>, Option<usize>) {
    let Some(thread) = chronicle.events.get(event).and_then(|e| e.thread.as_deref()) else {
        return (None, None);
    };
    let same: Vec<usize> = order
        .iter()
        .copied()
        .filter(|&i| chronicle.events[i].thread.as_deref() == Some(thread))
        .collect();
    match same.iter().position(|&i| i == event) {
        Some(k) => (k.checked_sub(1).map(|k| same[k]), same.get(k + 1).copied()),
        None => (None, None),
    }
}
