//! When something on the map existed: a state, a border, a line, a name. The map of a day draws only
//! what was in force that day, so "People's Republic of China" is not drawn over 1945.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::HistoricalDate;

/// A window of days, either end open. `from` counts from the first day its date may cover,
/// `until` to the last day its date may cover, so "1949-10" means "from October 1949".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct InForce {
    /// First date in force; open when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<HistoricalDate>,
    /// Last date in force; open when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<HistoricalDate>,
}

impl InForce {
    /// Whether the window holds `day`.
    pub fn holds(&self, day: NaiveDate) -> bool {
        self.from.as_ref().is_none_or(|from| from.first_day() <= day)
            && self.until.as_ref().is_none_or(|until| day <= until.last_day())
    }

    /// True when the window ends before it starts: a data error the validator reports.
    pub fn is_empty(&self) -> bool {
        match (&self.from, &self.until) {
            (Some(from), Some(until)) => until.last_day() < from.first_day(),
            _ => false,
        }
    }
}

/// Whether two optional windows (absent: always) share at least one day.
pub fn overlap(a: Option<&InForce>, b: Option<&InForce>) -> bool {
    let first = |w: Option<&InForce>| w.and_then(|w| w.from.as_ref()).map(HistoricalDate::first_day);
    let last = |w: Option<&InForce>| w.and_then(|w| w.until.as_ref()).map(HistoricalDate::last_day);
    let start = first(a).max(first(b));
    let end = match (last(a), last(b)) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    };
    match (start, end) {
        (Some(start), Some(end)) => start <= end,
        _ => true,
    }
}

/// Whether an optional window holds `day`: no window means always.
pub fn in_force_on(window: Option<&InForce>, day: NaiveDate) -> bool {
    window.is_none_or(|w| w.holds(day))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn window(json: &str) -> InForce {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn open_ends_and_coarse_dates_cover_whole_units() {
        let prc = window(r#"{"from": "1949-10-01"}"#);
        assert!(!prc.holds(day("1949-09-30")));
        assert!(prc.holds(day("1949-10-01")));
        assert!(prc.holds(day("2000-01-01")));
        let beiping = window(r#"{"until": "1949-09"}"#);
        assert!(beiping.holds(day("1949-09-30")));
        assert!(!beiping.holds(day("1949-10-01")));
        assert!(in_force_on(None, day("1066-10-14")));
    }

    #[test]
    fn a_window_ending_before_it_starts_is_empty() {
        assert!(window(r#"{"from": "1950", "until": "1949"}"#).is_empty());
        assert!(!window(r#"{"from": "1949", "until": "1949"}"#).is_empty());
        assert!(serde_json::from_str::<InForce>(r#"{"from": "not a date"}"#).is_err());
    }

    #[test]
    fn windows_overlap_when_they_share_a_day() {
        let roc = window(r#"{"until": "1949-09-30"}"#);
        let prc = window(r#"{"from": "1949-10-01"}"#);
        let year = window(r#"{"from": "1949", "until": "1949"}"#);
        assert!(!overlap(Some(&roc), Some(&prc)));
        assert!(overlap(Some(&roc), Some(&year)) && overlap(Some(&prc), Some(&year)));
        assert!(overlap(None, Some(&prc)) && overlap(None, None));
        let autumn = window(r#"{"from": "1949-09-30", "until": "1949-10-01"}"#);
        assert!(overlap(Some(&roc), Some(&autumn)) && overlap(Some(&autumn), Some(&prc)));
    }
}
