//! How the base map should look in the chronicle's own time. Natural Earth draws today's world;
//! a chronicle of 1950 needs the Soviet Union as one state and Korea divided at the 38th parallel.
//! These adjustments are data chosen by the chronicle, so the renderer has no special cases.

use super::{InForce, in_force_on};
use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The chronicle's adjustments to the modern base map. Countries are named by their ISO 3166-1
/// numeric code as three digits ("156" China, "643" Russia), as in the base map.
#[derive(Clone, Debug, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MapLayer {
    /// States of the chronicle's time, each made of one or more modern countries: borders between
    /// members are not drawn and the state is labelled with its name of the time.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub states: Vec<HistoricalState>,
    /// Modern borders that did not exist then: pairs of country codes (`["408", "410"]`), or
    /// objects with a window (`{"countries": ["408", "410"], "in_force": {"until": "1945-08"}}`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hidden_borders: Vec<HiddenBorder>,
    /// Lines of the time: demarcation lines, fronts, canals.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<MapLine>,
    /// Rivers that run along a border of the base map, drawn from the border's own geometry.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub border_rivers: Vec<BorderRiver>,
    /// Names of seas, gulfs and straits, set in italic.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub water_labels: Vec<WaterLabel>,
    /// Lines and areas whose shape changes with the date (a front), keyframed and cited.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub features: Vec<crate::chronicle::Feature>,
}

/// A state as it was, over one or more modern countries.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HistoricalState {
    /// Its name at the time ("Union of Soviet Socialist Republics").
    pub name: String,
    /// The label on the map, when shorter than the name ("USSR"); `\n` breaks the line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// ISO 3166-1 numeric codes of the modern countries it covered.
    pub countries: Vec<String>,
    /// Where to set the label [lon, lat]; by default inside the state's largest polygon.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label_at: Option<[f64; 2]>,
    /// When the state held these countries; always when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_force: Option<InForce>,
    /// Where its dates come from, and what was simplified.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl HistoricalState {
    /// The text set on the map.
    pub fn map_label(&self) -> &str {
        self.label.as_deref().unwrap_or(&self.name)
    }
}

/// What kind of line, which decides how it is drawn.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum LineKind {
    /// A border or demarcation line of the time.
    #[default]
    Boundary,
    /// A front line or line of advance.
    Front,
    River,
}

/// A line drawn on the map. Points are joined straight in longitude and latitude, so a line between
/// two points of one latitude follows the parallel.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MapLine {
    pub id: String,
    /// Set along the line ("38th parallel").
    pub name: String,
    #[serde(default)]
    pub kind: LineKind,
    /// [lon, lat] points, at least two.
    pub points: Vec<[f64; 2]>,
    /// When the line existed; always when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_force: Option<InForce>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// A river along a border: the stretch of the border between two countries within a range of
/// longitudes ("the Yalu: China–North Korea border west of Mount Paektu").
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BorderRiver {
    pub name: String,
    /// The two countries the river separates.
    pub countries: [String; 2],
    /// [west, east] longitudes of the stretch.
    pub lon_range: [f64; 2],
    /// When the river was a border; always when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_force: Option<InForce>,
}

/// The name of a body of water at a point.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WaterLabel {
    pub name: String,
    pub lon: f64,
    pub lat: f64,
    /// When the name was used; always when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_force: Option<InForce>,
}

/// A modern border that did not exist, as a bare pair of country codes or with a window.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(untagged)]
pub enum HiddenBorder {
    /// Hidden on every day.
    Pair([String; 2]),
    Dated(DatedBorder),
}

/// A hidden border with the window in which it did not exist.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DatedBorder {
    pub countries: [String; 2],
    /// When the border was not there; always when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_force: Option<InForce>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

impl HiddenBorder {
    pub fn countries(&self) -> &[String; 2] {
        match self {
            HiddenBorder::Pair(pair) => pair,
            HiddenBorder::Dated(d) => &d.countries,
        }
    }

    pub fn in_force(&self) -> Option<&InForce> {
        match self {
            HiddenBorder::Pair(_) => None,
            HiddenBorder::Dated(d) => d.in_force.as_ref(),
        }
    }
}

/// Which of the layer's records are in force on a day, one flag each in a fixed order: two days
/// with the same key have the same map, so caches of the drawn map are keyed by it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct MapKey(Vec<bool>);

impl MapLayer {
    /// The windows of every record, in the order [`MapKey`] uses.
    fn windows(&self) -> impl Iterator<Item = Option<&InForce>> {
        let states = self.states.iter().map(|s| s.in_force.as_ref());
        let hidden = self.hidden_borders.iter().map(HiddenBorder::in_force);
        let lines = self.lines.iter().map(|l| l.in_force.as_ref());
        let rivers = self.border_rivers.iter().map(|r| r.in_force.as_ref());
        let waters = self.water_labels.iter().map(|w| w.in_force.as_ref());
        states.chain(hidden).chain(lines).chain(rivers).chain(waters)
    }

    /// What is in force on `day`, as a cache key.
    pub fn key_on(&self, day: NaiveDate) -> MapKey {
        MapKey(self.windows().map(|w| in_force_on(w, day)).collect())
    }

    /// The layer as it stood on `day`: only the records in force then.
    pub fn on(&self, day: NaiveDate) -> MapLayer {
        let holds = |w: Option<&InForce>| in_force_on(w, day);
        MapLayer {
            // Keyframed features are interpolated where they are drawn (`Feature::on`), each
            // within its own window; the day's layer carries states, borders, lines and names.
            features: Vec::new(),
            states: self
                .states
                .iter()
                .filter(|s| holds(s.in_force.as_ref()))
                .cloned()
                .collect(),
            hidden_borders: self
                .hidden_borders
                .iter()
                .filter(|b| holds(b.in_force()))
                .cloned()
                .collect(),
            lines: self
                .lines
                .iter()
                .filter(|l| holds(l.in_force.as_ref()))
                .cloned()
                .collect(),
            border_rivers: self
                .border_rivers
                .iter()
                .filter(|r| holds(r.in_force.as_ref()))
                .cloned()
                .collect(),
            water_labels: self
                .water_labels
                .iter()
                .filter(|w| holds(w.in_force.as_ref()))
                .cloned()
                .collect(),
        }
    }
}
