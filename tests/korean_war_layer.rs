//! The Korean-war chronicle the paper opens with beneath it: valid, its front where the issue's
//! sources put it, and shown by default under the embedded chronicle only.

use chrono::NaiveDate;
use chronoatlas::chronicle::{self, FeatureKind};

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn korean_war() -> chronicle::Chronicle {
    let layers = chronicle::default_layers();
    assert_eq!(layers.len(), 1, "the Korean-war chronicle is the default layer");
    layers.into_iter().next().unwrap().0
}

/// The points of the front lines drawn on a day.
fn front_points(on: &str) -> Vec<[f64; 2]> {
    let war = korean_war();
    let fronts: Vec<_> = war
        .map
        .features
        .iter()
        .filter(|f| f.kind == FeatureKind::Front)
        .filter_map(|f| f.on(day(on)))
        .collect();
    assert!(!fronts.is_empty(), "a front is drawn on {on}");
    fronts.into_iter().flat_map(|f| f.parts.into_iter().flatten()).collect()
}

#[test]
fn the_default_layer_is_a_valid_chronicle_citing_every_keyframe() {
    let war = korean_war();
    let problems = chronicle::validate(&war, None);
    assert!(problems.is_empty(), "{problems:?}");
    assert!(
        war.map
            .features
            .iter()
            .all(|f| f.keyframes.iter().all(|k| !k.citations.is_empty()))
    );
}

#[test]
fn the_front_lies_south_of_36_5_on_15_september_and_passes_pyongyang_on_19_october() {
    assert!(front_points("1950-09-15").iter().all(|p| p[1] < 36.5));
    let war = korean_war();
    let pyongyang_lat = war
        .places
        .iter()
        .find(|p| p.name.contains("yongyang"))
        .map_or(39.02, |p| p.lat);
    let north = front_points("1950-10-19").iter().map(|p| p[1]).fold(f64::MIN, f64::max);
    assert!(north > pyongyang_lat, "{north} not north of {pyongyang_lat}");
}
