//! Features of the map layer whose shape changes with the date: a front line, the area each side
//! holds. Each keyframe is a geometry on a cited day; the days between are interpolated, so
//! scrubbing through a campaign moves the front smoothly, and never beyond what the keyframes say.

use super::citation::Citation;
use super::{HistoricalDate, InForce, Precision};
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// [lon, lat] in degrees.
pub type LonLat = [f64; 2];

/// What a feature is, which decides how it is drawn and checked.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum FeatureKind {
    /// A front line: drawn in muted red, dashed where approximate.
    #[default]
    Front,
    /// Any other line that moves (a line of advance, a perimeter).
    Line,
    /// An area, its parts closed rings: drawn as a translucent fill with an outline.
    Area,
    /// A movement across a line (a crossing of a river): each part drawn from its first point to
    /// its last, with a head at the last.
    Arrow,
}

impl FeatureKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FeatureKind::Front => "front",
            FeatureKind::Line => "line",
            FeatureKind::Area => "area",
            FeatureKind::Arrow => "arrow",
        }
    }

    /// The fewest points a part may have: a line needs two, a ring three.
    fn min_points(self) -> usize {
        match self {
            FeatureKind::Area => 3,
            _ => 2,
        }
    }
}

/// A feature with keyframed geometry.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Feature {
    pub id: String,
    /// Set along the line or in the area ("Front line").
    pub name: String,
    #[serde(default)]
    pub kind: FeatureKind,
    /// Whose line or area it is ("UN", "KPA"), in the sources' words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub side: Option<String>,
    /// Days it is drawn beyond its keyframes: a given `from` before the first keyframe, a given
    /// `until` after the last, holding the nearest keyframe's shape. Never drawn outside it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_force: Option<InForce>,
    /// How it was drawn and how precise it is.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// In date order, at most one per day.
    pub keyframes: Vec<Keyframe>,
}

/// The feature's geometry on one day, with the citations for it.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Keyframe {
    /// A day, or a range of days (its first day is used); never coarser than the source.
    pub date: HistoricalDate,
    /// The source's own words for the date.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub date_text: String,
    /// The geometry is approximate (read off a small map, generalised): drawn dashed.
    #[serde(default)]
    pub approximate: bool,
    /// Parts: lines of [lon, lat] for fronts and lines, closed rings for areas.
    pub geometry: Vec<Vec<LonLat>>,
    /// At least one.
    #[serde(default)]
    pub citations: Vec<Citation>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl Keyframe {
    /// The day the geometry holds.
    pub fn day(&self) -> NaiveDate {
        self.date.first_day()
    }
}

/// A feature's shape on a day.
#[derive(Clone, Debug, PartialEq)]
pub struct FeatureOnDay {
    pub parts: Vec<Vec<LonLat>>,
    /// Either keyframe it comes from is approximate.
    pub approximate: bool,
    /// The keyframe at or before the day (or the nearest one, outside the keyframes' span), and
    /// the one after it when the shape is interpolated between the two.
    pub keyframes: (usize, Option<usize>),
}

impl Feature {
    /// The shape on `day`, or `None` when the feature is not drawn that day.
    pub fn on(&self, day: NaiveDate) -> Option<FeatureOnDay> {
        let first = self.keyframes.first()?;
        let last = self.keyframes.last()?;
        let window = self.in_force.as_ref();
        let start = window
            .and_then(|w| w.from.as_ref())
            .map_or(first.day(), |d| d.first_day());
        let end = window
            .and_then(|w| w.until.as_ref())
            .map_or(last.day(), |d| d.last_day());
        if day < start || day > end {
            return None;
        }
        // The last keyframe on or before the day; before the first, the first holds.
        let at = self.keyframes.iter().rposition(|k| k.day() <= day).unwrap_or(0);
        let hold = |i: usize| {
            let k = &self.keyframes[i];
            Some(FeatureOnDay {
                parts: k.geometry.clone(),
                approximate: k.approximate,
                keyframes: (i, None),
            })
        };
        let (a, Some(b)) = (&self.keyframes[at], self.keyframes.get(at + 1)) else {
            return hold(at);
        };
        let (span, elapsed) = ((b.day() - a.day()).num_days(), (day - a.day()).num_days());
        if day < a.day() || elapsed == 0 || span <= 0 || a.geometry.len() != b.geometry.len() {
            return hold(at);
        }
        let t = elapsed as f64 / span as f64;
        let closed = self.kind == FeatureKind::Area;
        let parts = a
            .geometry
            .iter()
            .zip(&b.geometry)
            .map(|(pa, pb)| interpolate(pa, pb, t, closed))
            .collect();
        Some(FeatureOnDay {
            parts,
            approximate: a.approximate || b.approximate,
            keyframes: (at, Some(at + 1)),
        })
    }

    /// The citations behind the shape of a day: its keyframes'.
    pub fn citations_on<'a>(&'a self, shown: &FeatureOnDay) -> Vec<&'a Citation> {
        let (a, b) = shown.keyframes;
        let mut out: Vec<&Citation> = Vec::new();
        for k in [Some(a), b].into_iter().flatten().filter_map(|i| self.keyframes.get(i)) {
            for c in &k.citations {
                if !out.contains(&c) {
                    out.push(c);
                }
            }
        }
        out
    }

    /// What is wrong with the feature, as (what, message) pairs; `sources` are the known ids.
    pub fn problems<S: std::hash::BuildHasher>(&self, sources: &HashSet<&str, S>) -> Vec<String> {
        let mut out = Vec::new();
        if self.name.trim().is_empty() {
            out.push("empty name".to_string());
        }
        if self.keyframes.is_empty() {
            out.push("a feature needs at least one keyframe".to_string());
        }
        if let Some(window) = &self.in_force
            && window.is_empty()
        {
            out.push("in_force ends before it starts".to_string());
        }
        let mut previous: Option<NaiveDate> = None;
        for k in &self.keyframes {
            let what = format!("keyframe {}", k.date);
            if k.date.precision() != Precision::Day && !k.date.is_range() {
                out.push(format!("{what}: a keyframe's date must be a day or a range of days"));
            }
            if k.date.ends_before_start() {
                out.push(format!("{what}: the range ends before it starts"));
            }
            match previous {
                Some(p) if k.day() == p => out.push(format!("{what}: a second keyframe on the same day")),
                Some(p) if k.day() < p => out.push(format!("{what}: keyframes out of date order")),
                _ => {}
            }
            previous = Some(k.day());
            if k.citations.is_empty() {
                out.push(format!("{what}: no citation; every keyframe cites its source"));
            }
            for c in &k.citations {
                if !sources.contains(c.source.as_str()) {
                    out.push(format!("{what}: cites unknown source {:?}", c.source));
                }
            }
            if k.geometry.is_empty() {
                out.push(format!("{what}: no geometry"));
            }
            let min = self.kind.min_points();
            for (n, part) in k.geometry.iter().enumerate() {
                if distinct_points(part) < min {
                    out.push(format!("{what}: part {} has fewer than {min} distinct points", n + 1));
                }
                if let Some([lon, lat]) = part
                    .iter()
                    .find(|[lon, lat]| !(-180.0..=180.0).contains(lon) || !(-90.0..=90.0).contains(lat))
                {
                    out.push(format!("{what}: part {} has [{lon}, {lat}] out of range", n + 1));
                }
            }
        }
        out
    }
}

/// Points of a part, a ring's closing repeat not counted.
fn distinct_points(part: &[LonLat]) -> usize {
    match (part.first(), part.last()) {
        (Some(a), Some(b)) if part.len() > 1 && a == b => part.len() - 1,
        _ => part.len(),
    }
}

/// Arc length (in degrees, as lines are drawn straight in lon/lat) at each vertex, as a share of
/// the whole: 0 … 1.
fn fractions(line: &[LonLat]) -> Vec<f64> {
    let mut sums = vec![0.0];
    for pair in line.windows(2) {
        let step = (pair[1][0] - pair[0][0]).hypot(pair[1][1] - pair[0][1]);
        sums.push(sums.last().copied().unwrap_or(0.0) + step);
    }
    let total = sums.last().copied().unwrap_or(0.0);
    if total > 0.0 {
        sums.iter().map(|s| s / total).collect()
    } else {
        (0..line.len())
            .map(|i| i as f64 / (line.len().max(2) - 1) as f64)
            .collect()
    }
}

/// The point at `share` of the line's arc length.
fn point_at(line: &[LonLat], shares: &[f64], share: f64) -> LonLat {
    let k = shares.partition_point(|&s| s < share).clamp(1, line.len().max(2) - 1);
    let (a, b) = (line[k - 1], line.get(k).copied().unwrap_or(line[k - 1]));
    let span = shares.get(k).copied().unwrap_or(1.0) - shares[k - 1];
    let t = if span > 0.0 {
        ((share - shares[k - 1]) / span).clamp(0.0, 1.0)
    } else {
        0.0
    };
    [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t]
}

/// The part `t` of the way from `a` to `b`: both resampled by arc length at the union of their
/// vertices' shares (so each keeps its corners), then each vertex moved linearly in lon/lat.
/// Rings are closed first, so they are resampled all the way round.
fn interpolate(a: &[LonLat], b: &[LonLat], t: f64, closed: bool) -> Vec<LonLat> {
    let close = |part: &[LonLat]| {
        let mut v = part.to_vec();
        if closed && v.len() > 1 && v.first() != v.last() {
            v.push(v[0]);
        }
        v
    };
    let (a, b) = (close(a), close(b));
    if a.is_empty() || b.is_empty() {
        return if t < 1.0 { a } else { b };
    }
    let (fa, fb) = (fractions(&a), fractions(&b));
    let mut shares: Vec<f64> = fa.iter().chain(&fb).copied().collect();
    shares.sort_by(f64::total_cmp);
    shares.dedup_by(|x, y| (*x - *y).abs() < 1e-9);
    shares
        .into_iter()
        .map(|s| {
            let (p, q) = (point_at(&a, &fa, s), point_at(&b, &fb, s));
            [p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn front() -> Feature {
        serde_json::from_value(serde_json::json!({
            "id": "front", "name": "Front line", "kind": "front",
            "keyframes": [
                {"date": "1950-09-15", "approximate": true,
                 "geometry": [[[126.0, 35.0], [127.5, 35.2], [129.0, 35.0]]],
                 "citations": [{"source": "a", "locator": "map 1"}]},
                {"date": "1950-09-25",
                 "geometry": [[[126.0, 37.0], [129.0, 37.0]]],
                 "citations": [{"source": "a", "locator": "map 2"}]}
            ]
        }))
        .unwrap()
    }

    #[test]
    fn a_day_between_two_keyframes_lies_between_them() {
        let f = front();
        let mid = f.on(day("1950-09-20")).unwrap();
        assert_eq!(mid.keyframes, (0, Some(1)));
        assert!(mid.approximate);
        let part = &mid.parts[0];
        assert!(part.len() >= 3);
        for [lon, lat] in part {
            assert!((126.0..=129.0).contains(lon), "{lon}");
            assert!(*lat > 35.0 && *lat < 37.0, "{lat}");
        }
        // Halfway in days, halfway in latitude at the ends.
        assert!((part[0][1] - 36.0).abs() < 1e-9);
        // A day later lies further north.
        let later = f.on(day("1950-09-21")).unwrap();
        assert!(later.parts[0][0][1] > part[0][1]);
    }

    #[test]
    fn keyframe_days_give_their_own_geometry_and_the_ends_hold_only_within_in_force() {
        let mut f = front();
        assert_eq!(f.on(day("1950-09-15")).unwrap().parts, f.keyframes[0].geometry);
        assert_eq!(f.on(day("1950-09-25")).unwrap().parts, f.keyframes[1].geometry);
        assert!(f.on(day("1950-09-14")).is_none());
        assert!(f.on(day("1950-09-26")).is_none());
        f.in_force = Some(serde_json::from_str(r#"{"from": "1950-09-01", "until": "1950-10"}"#).unwrap());
        assert_eq!(f.on(day("1950-09-01")).unwrap().keyframes, (0, None));
        assert_eq!(f.on(day("1950-10-31")).unwrap().parts, f.keyframes[1].geometry);
        assert!(f.on(day("1950-11-01")).is_none());
    }

    #[test]
    fn different_part_counts_hold_the_earlier_keyframe() {
        let mut f = front();
        f.keyframes[1].geometry.push(vec![[125.0, 38.0], [125.5, 38.5]]);
        let shown = f.on(day("1950-09-24")).unwrap();
        assert_eq!(shown.parts, f.keyframes[0].geometry);
        assert_eq!(shown.keyframes, (0, None));
    }

    #[test]
    fn rings_are_interpolated_all_the_way_round() {
        let square = |d: f64| vec![[0.0, 0.0], [d, 0.0], [d, d], [0.0, d]];
        let a = interpolate(&square(1.0), &square(3.0), 0.5, true);
        assert_eq!(a.first(), a.last());
        assert!(
            a.iter().any(|p| (p[0] - 2.0).abs() < 1e-9 && (p[1] - 2.0).abs() < 1e-9),
            "{a:?}"
        );
    }

    #[test]
    fn problems_name_the_keyframe() {
        let sources: HashSet<&str> = ["a"].into_iter().collect();
        assert!(front().problems(&sources).is_empty());
        let mut f = front();
        f.keyframes[1].citations.clear();
        f.keyframes[0].citations[0].source = "nobody".into();
        f.keyframes[0].geometry[0].truncate(1);
        f.keyframes[1].date = HistoricalDate::parse("1950-09").unwrap();
        let problems = f.problems(&sources).join("\n");
        for expected in [
            "keyframe 1950-09: no citation",
            "unknown source \"nobody\"",
            "part 1 has fewer than 2",
            "must be a day or a range",
            "out of date order",
        ] {
            assert!(problems.contains(expected), "{expected} not in {problems}");
        }
    }
}
