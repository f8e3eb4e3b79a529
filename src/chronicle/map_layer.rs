//! How the base map should look in the chronicle's own time. Natural Earth draws today's world;
//! a chronicle of 1950 needs the Soviet Union as one state and Korea divided at the 38th parallel.
//! These adjustments are data chosen by the chronicle, so the renderer has no special cases.

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
    /// Modern borders that did not exist then (pairs of country codes); draw a `line` instead.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hidden_borders: Vec<[String; 2]>,
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
}

/// The name of a body of water at a point.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WaterLabel {
    pub name: String,
    pub lon: f64,
    pub lat: f64,
}
