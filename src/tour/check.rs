//! Checks a tour against the chronicle it is shown over: what a schema cannot see.

use super::{StopView, TOUR_FORMAT, Tour};
use crate::chronicle::{Chronicle, GeoBox, Problem};

/// Lists every problem of `tour` over `chronicle`; an empty list means every stop shows what
/// it promises. Stops are named by their number as a lecturer counts them, from 1.
///
/// Stops need not be in date order (a tour may jump back), but a stop that selects an event must
/// fall within the event's dates: on any other day the map does not show the event as active,
/// and the caption would speak of something the map does not show.
pub fn check(tour: &Tour, chronicle: &Chronicle) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut add = |subject: &str, message: String| {
        problems.push(Problem {
            subject: subject.to_string(),
            message,
        })
    };
    if tour.format != TOUR_FORMAT {
        add(
            "tour",
            format!("unknown format {:?}; this version reads {TOUR_FORMAT:?}", tour.format),
        );
    }
    if tour.title.trim().is_empty() {
        add("tour", "empty title".to_string());
    }
    if tour.stops.is_empty() {
        add("tour", "no stops".to_string());
    }

    for (i, stop) in tour.stops.iter().enumerate() {
        let subject = format!("stop {}", i + 1);
        for number in cited_footnotes(&stop.notes) {
            if chronicle.footnote(number).is_none() {
                add(
                    &subject,
                    format!("the notes cite fn. {number}, which the chronicle's footnotes lack"),
                );
            }
        }
        let bbox = match &stop.view {
            None => None,
            Some(StopView::Bookmark(id)) => {
                let found = chronicle.view(id);
                if found.is_none() {
                    add(&subject, format!("unknown view {id:?}"));
                }
                found.map(|v| v.bbox.to_array())
            }
            Some(StopView::Bbox(bbox)) => {
                if bbox_is_valid(bbox) {
                    Some(*bbox)
                } else {
                    add(
                        &subject,
                        format!("bbox {bbox:?} must be [west, south, east, north] in degrees with south < north"),
                    );
                    None
                }
            }
        };
        let Some(id) = &stop.event else { continue };
        let Some(event) = chronicle.event(id) else {
            add(&subject, format!("unknown event {id:?}"));
            continue;
        };
        if !event.date.is_active_on(stop.date) {
            add(
                &subject,
                format!(
                    "{} is outside the dates of event {id:?} ({}, {} to {}): the map would not show it as active",
                    stop.date,
                    event.date,
                    event.date.first_day(),
                    event.date.last_day()
                ),
            );
        }
        // An event with places must be seen: at least one of them inside the stop's view.
        if let Some(bbox) = bbox {
            let located: Vec<_> = event.places.iter().filter_map(|p| chronicle.place(p)).collect();
            if !located.is_empty() && !located.iter().any(|p| bbox_contains(&bbox, p.lon, p.lat)) {
                add(
                    &subject,
                    format!("none of the places of event {id:?} lies within the view"),
                );
            }
        }
    }
    problems
}

/// The footnote numbers speaker notes cite, written `fn. 96` (or `fn 96`), in order.
pub fn cited_footnotes(notes: &str) -> Vec<u32> {
    let mut numbers = Vec::new();
    let mut rest = notes;
    while let Some(at) = rest.find("fn") {
        let before = &notes[..notes.len() - rest.len() + at];
        rest = &rest[at + 2..];
        // "fn" inside a word ("often") is not a citation.
        if before.chars().next_back().is_some_and(char::is_alphanumeric) {
            continue;
        }
        let after = rest.strip_prefix('.').unwrap_or(rest).trim_start_matches(' ');
        let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
        if let Ok(number) = digits.parse() {
            numbers.push(number);
        }
    }
    numbers
}

/// The same rule as for the chronicle's views.
fn bbox_is_valid(bbox: &[f64; 4]) -> bool {
    GeoBox::from(*bbox).check().is_ok()
}

fn bbox_contains(bbox: &[f64; 4], lon: f64, lat: f64) -> bool {
    GeoBox::from(*bbox).contains(lon, lat)
}

#[cfg(test)]
mod tests {
    use super::{bbox_contains, bbox_is_valid, cited_footnotes};

    #[test]
    fn notes_cite_footnotes_as_fn_and_a_number() {
        assert_eq!(cited_footnotes("Cite fn. 96, then fn 97 and fn.98."), [96, 97, 98]);
        assert_eq!(cited_footnotes("often, fnord, fn. x, no number"), Vec::<u32>::new());
        assert_eq!(cited_footnotes("ends with fn"), Vec::<u32>::new());
    }

    #[test]
    fn bounds_hold_their_edges_and_may_cross_the_antimeridian() {
        let korea = [123.5, 33.0, 131.5, 43.2];
        assert!(bbox_contains(&korea, 126.63, 37.47));
        assert!(bbox_contains(&korea, 123.5, 43.2));
        assert!(!bbox_contains(&korea, 116.39, 39.91));
        let pacific = [170.0, -30.0, -150.0, 30.0];
        assert!(bbox_is_valid(&pacific));
        assert!(bbox_contains(&pacific, 179.9, 0.0) && bbox_contains(&pacific, -170.0, 0.0));
        assert!(!bbox_contains(&pacific, 0.0, 0.0) && !bbox_contains(&pacific, -140.0, 0.0));
        assert!(!bbox_is_valid(&[10.0, 5.0, 10.0, 6.0]));
        assert!(!bbox_is_valid(&[10.0, f64::NAN, 20.0, 6.0]));
    }
}
