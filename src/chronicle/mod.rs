//! The chronicle: what a historical source says happened, where and when, with the
//! passages and footnotes that say it. Plain data; loading and checking live beside it.

pub mod citation;
pub mod date;
mod default_layers;
pub mod describe;
mod events_in_parallel;
pub mod feature;
mod geobox;
pub mod ids;
mod in_force;
mod index;
pub mod json_spans;
pub(crate) mod load;
pub mod map_layer;
mod schema;
mod source;
mod validate;

pub use citation::{Citation, Source};
pub use compact_str::CompactString;
pub use date::{HistoricalDate, Precision};
pub use default_layers::default_layers;
pub use feature::{Feature, FeatureKind, FeatureOnDay, Keyframe};
pub use geobox::{GeoBox, GeoBoxError};
pub use in_force::{InForce, in_force_on, overlap};
pub use load::{LoadError, load_file, load_str};
pub use map_layer::MapLayer;
pub use source::SourceText;
pub use validate::{Problem, validate, validate_countries};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The file format this build reads and writes.
pub const FORMAT: &str = "chronoatlas/1";

/// The default chronicle, embedded so the app starts on it from any directory.
pub const DEFAULT_CHRONICLE_JSON: &str = include_str!("../../data/chen-jian-1992.chronicle.json");
/// The name shown for the embedded chronicle in messages.
pub const DEFAULT_CHRONICLE_NAME: &str = "data/chen-jian-1992.chronicle.json (embedded)";

/// A whole chronicle file.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Chronicle {
    /// Always "chronoatlas/1" for this version of the format.
    #[serde(default = "default_format")]
    pub format: String,
    pub metadata: Metadata,
    #[serde(default)]
    pub threads: Vec<Thread>,
    #[serde(default, deserialize_with = "exact_list")]
    pub places: Vec<Place>,
    #[serde(default)]
    pub footnotes: Vec<Footnote>,
    #[serde(default, deserialize_with = "exact_list")]
    pub events: Vec<Event>,
    #[serde(default)]
    pub movements: Vec<Movement>,
    /// Named map views ("bookmarks") a lecturer can jump to.
    #[serde(default)]
    pub views: Vec<View>,
    /// Named spans of time ("Autumn 1950") offered as time-bar presets.
    #[serde(default)]
    pub periods: Vec<Period>,
    /// How the base map should look in the chronicle's time (states, lost borders, lines).
    #[serde(default)]
    pub map: MapLayer,
    /// Ids to positions, built once on loading (see [`Chronicle::reindex`]).
    #[serde(skip)]
    #[schemars(skip)]
    index: index::Index,
}

fn default_format() -> String {
    FORMAT.to_string()
}

/// What the chronicle is and whom to credit.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Metadata {
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub source: SourceReference,
    /// Further works cited by id from events' and keyframes' `citations`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sources: Vec<Source>,
    /// Printed small on every export.
    #[serde(default)]
    pub attribution: String,
    #[serde(default)]
    pub licence: String,
    /// Where the window opens, when the chronicle's story is not at its first period's start
    /// (a paper spanning years, read for one autumn).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opening: Option<Opening>,
}

/// The day and named view the window opens on.
#[derive(Clone, Debug, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Opening {
    /// A day, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The id of one of the chronicle's views.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub view: Option<String>,
}

/// The work the chronicle is built from.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SourceReference {
    /// Full bibliographic reference, so a screenshot is citable.
    pub reference: String,
    /// Short citation for captions.
    #[serde(default)]
    pub short: String,
}

/// A strand of the story (a mission, a decision) that gives events a colour.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Thread {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
}

/// How exactly a place's coordinates pin it down.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum LocationPrecision {
    /// A building, a station, a bridge.
    Exact,
    /// A town or city.
    City,
    /// An area ("the Northeast", "a villa on the Black Sea"): drawn as a soft area, not a pin.
    Region,
}

impl LocationPrecision {
    pub fn as_str(self) -> &'static str {
        match self {
            LocationPrecision::Exact => "exact",
            LocationPrecision::City => "city",
            LocationPrecision::Region => "region",
        }
    }
}

/// A place of the gazetteer, defined once and referred to by id.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Place {
    pub id: String,
    /// The name as the source writes it.
    pub name: String,
    /// Other languages, spellings and modern names (Andong/Dandong), so search finds them.
    #[serde(default)]
    pub other_names: Vec<OtherName>,
    /// Longitude, WGS84 degrees, −180…180.
    pub lon: f64,
    /// Latitude, WGS84 degrees, −90…90.
    pub lat: f64,
    pub precision: LocationPrecision,
    /// Size of a region's area in kilometres (default 150).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub radius_km: Option<f64>,
    /// A region's outline, one ring of [lon, lat] points, drawn instead of the circle. Outlines
    /// are approximate; the note says from what they were drawn.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub area: Option<Vec<[f64; 2]>>,
    /// When the place existed; always when absent. The map of a day outside it does not show it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_force: Option<InForce>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// What kind of settlement the place was in the chronicle's time, so a map names a capital
    /// before a village when both compete for room; none for a site or an area.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<PlaceRank>,
    /// Set when an import placed the place by looking its name up in a gazetteer, because the
    /// file gave no coordinates: the lecturer should check it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub placed_by_name: Option<PlacedByName>,
}

/// Where a place given only by name was found.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PlacedByName {
    /// The gazetteer's name of the place matched ("Dandong" for a file's "Andong").
    pub matched: String,
    /// Its country, ISO 3166-1 alpha-2 ("CN").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub country: String,
    /// Its population in the gazetteer: the most populous of the places so named is taken.
    #[serde(default)]
    pub population: u64,
    /// The gazetteer and its licence ("GeoNames cities15000 (CC BY 4.0)").
    pub gazetteer: String,
}

impl PlacedByName {
    /// "placed by name: Dandong, CN (GeoNames cities15000 (CC BY 4.0))".
    pub fn describe(&self) -> String {
        let country = if self.country.is_empty() {
            String::new()
        } else {
            format!(", {}", self.country)
        };
        format!("placed by name: {}{country} ({})", self.matched, self.gazetteer)
    }
}

/// A settlement's standing, most important first (the derived order sorts a capital first).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum PlaceRank {
    /// The seat of a state's government.
    Capital,
    City,
    Town,
    Village,
}

impl Place {
    /// The place's name on `day`: the other name marked `map_name` whose window holds the day
    /// (Beiping before 27 September 1949), else `name`.
    pub fn name_on(&self, day: chrono::NaiveDate) -> &str {
        self.other_names
            .iter()
            .find(|n| n.map_name && in_force_on(n.in_force.as_ref(), day))
            .map_or(&self.name, |n| &n.name)
    }

    /// The name on the first day `date` may cover, for an event or a waypoint; `name` without one.
    pub fn name_at(&self, date: Option<&HistoricalDate>) -> &str {
        date.map_or(&self.name, |d| self.name_on(d.first_day()))
    }

    /// Whether the place existed on `day`.
    pub fn exists_on(&self, day: chrono::NaiveDate) -> bool {
        in_force_on(self.in_force.as_ref(), day)
    }
}

/// Another name for a place.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OtherName {
    pub name: String,
    /// BCP 47 language tag, e.g. "zh", "ko", "ru".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub lang: String,
    /// When the name was in use; always when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_force: Option<InForce>,
    /// In its window this name, not `name`, is the one the map, the detail panel and the events
    /// listing show (Beiping until September 1949 for the place the source calls Beijing).
    #[serde(default, skip_serializing_if = "is_false")]
    pub map_name: bool,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// A footnote of the source, whose text is the citation behind an event.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Footnote {
    pub number: u32,
    /// Verbatim text of the footnote.
    pub text: String,
}

/// Something the source says happened.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Event {
    pub id: CompactString,
    pub title: CompactString,
    /// The date the source's author follows.
    pub date: HistoricalDate,
    /// The source's own words for the date.
    #[serde(default)]
    pub date_text: CompactString,
    /// Place ids; empty when the text gives no place.
    #[serde(default, deserialize_with = "exact_list")]
    pub places: Vec<CompactString>,
    /// The places are our inference, not stated by the text.
    #[serde(default, skip_serializing_if = "is_false")]
    pub place_inferred: bool,
    #[serde(default, deserialize_with = "exact_list")]
    pub actors: Vec<CompactString>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub thread: Option<CompactString>,
    /// Our own words.
    #[serde(default)]
    pub summary: String,
    /// Verbatim passage of the source that states the event.
    #[serde(default)]
    pub quote: String,
    /// Footnote numbers of the source that support the event.
    #[serde(default, deserialize_with = "exact_list")]
    pub footnotes: Vec<u32>,
    /// Where `metadata.sources` state the event; with citations the quote may be empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "exact_list")]
    pub citations: Vec<Citation>,
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "exact_list")]
    pub disputes: Vec<Dispute>,
}

impl Event {
    pub fn is_disputed(&self) -> bool {
        !self.disputes.is_empty()
    }
}

/// A list read at its exact length. Read from JSON, whose lists do not say how long they are, a
/// list grows to room for four before its first item is in; a million events naming one place
/// each would carry about 100 MB of empty room.
fn exact_list<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    let mut list = Vec::<T>::deserialize(deserializer)?;
    list.shrink_to_fit();
    Ok(list)
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// Where sources disagree about an event.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Dispute {
    pub about: DisputeSubject,
    pub claims: Vec<Claim>,
    /// How the author weighs the claims, plainly.
    #[serde(default)]
    pub note: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum DisputeSubject {
    Date,
    Figure,
    Place,
    Fact,
}

/// One side of a dispute.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// What this source says, in its words ("6 October", "about 23,000").
    pub value: String,
    /// The machine date, when the claim is a date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<HistoricalDate>,
    /// Who says so.
    pub source: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub footnotes: Vec<u32>,
    /// The source's author follows this claim.
    #[serde(default, skip_serializing_if = "is_false")]
    pub preferred: bool,
}

/// A journey: who went from where to where, through which places, when.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Movement {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub travellers: Vec<String>,
    #[serde(default)]
    pub mode: TravelMode,
    /// Waypoints in order; the first carries the departure date and the last the arrival.
    pub route: Vec<Waypoint>,
    /// Ids of the events of departure and arrival.
    #[serde(default)]
    pub events: Vec<String>,
    #[serde(default)]
    pub quote: String,
    #[serde(default)]
    pub footnotes: Vec<u32>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum TravelMode {
    Train,
    Flight,
    March,
    Ship,
    Road,
    #[default]
    Unknown,
}

/// A place on a route, with the date the travellers were there when the source gives it.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Waypoint {
    pub place: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<HistoricalDate>,
    /// The source does not name this waypoint; we infer it (e.g. a border station).
    #[serde(default, skip_serializing_if = "is_false")]
    pub inferred: bool,
}

/// A named map view: west, south, east, north in degrees.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct View {
    pub id: String,
    pub name: String,
    /// [west, south, east, north]; west > east crosses the antimeridian.
    #[schemars(with = "[f64; 4]")]
    pub bbox: GeoBox,
}

/// A named span of time offered as a time-bar preset.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Period {
    pub id: String,
    pub name: String,
    pub date: HistoricalDate,
}

impl Chronicle {
    /// An empty chronicle with this metadata, for importers that fill its lists.
    pub fn new(metadata: Metadata) -> Chronicle {
        Chronicle {
            format: default_format(),
            metadata,
            threads: Vec::new(),
            places: Vec::new(),
            footnotes: Vec::new(),
            events: Vec::new(),
            movements: Vec::new(),
            views: Vec::new(),
            periods: Vec::new(),
            map: MapLayer::default(),
            index: index::Index::default(),
        }
    }

    /// Rebuilds the id lookups after the records were changed in place. Loading does this; a
    /// lookup on a stale index is still right (it checks and falls back to a search), only slower.
    pub fn reindex(&mut self) {
        self.index = index::Index::build(self);
    }

    /// The position in `events` of the event with this id (the first, if ids repeat).
    pub fn event_index(&self, id: &str) -> Option<usize> {
        self.index.events.find(id, &self.events, |e| e.id.as_str())
    }

    /// The position in `places` of the place with this id.
    pub fn place_index(&self, id: &str) -> Option<usize> {
        self.index.places.find(id, &self.places, |p| p.id.as_str())
    }

    /// The position in `threads` of the thread with this id; its colour follows from it.
    pub fn thread_index(&self, id: &str) -> Option<usize> {
        self.index.threads.find(id, &self.threads, |t| &t.id)
    }

    pub fn place(&self, id: &str) -> Option<&Place> {
        self.place_index(id).map(|i| &self.places[i])
    }

    pub fn event(&self, id: &str) -> Option<&Event> {
        self.event_index(id).map(|i| &self.events[i])
    }

    pub fn thread(&self, id: &str) -> Option<&Thread> {
        self.thread_index(id).map(|i| &self.threads[i])
    }

    /// A named view (bookmark) by id.
    pub fn view(&self, id: &str) -> Option<&View> {
        self.index
            .views
            .find(id, &self.views, |v| &v.id)
            .map(|i| &self.views[i])
    }

    pub fn footnote(&self, number: u32) -> Option<&Footnote> {
        self.footnotes.iter().find(|f| f.number == number)
    }

    /// The box a chronicle opens on: its first named view, else the box around its places with
    /// a margin of two degrees, else the world. The window and exports both start here. Places on
    /// both sides of the Pacific (Honolulu and Wake Island) get the box across the antimeridian,
    /// the narrower way round.
    pub fn home_extent(&self) -> GeoBox {
        if let Some(view) = self.views.first() {
            return view.bbox;
        }
        let mut lons: Vec<f64> = self.places.iter().map(|p| p.lon).collect();
        lons.sort_by(f64::total_cmp);
        let lats = self.places.iter().map(|p| p.lat);
        let (s, n) = lats.fold((f64::MAX, f64::MIN), |(a, b), y| (a.min(y), b.max(y)));
        let (Some(&first), Some(&last)) = (lons.first(), lons.last()) else {
            return GeoBox::world();
        };
        // The box is the circle less its widest gap between neighbouring longitudes.
        let (mut w, mut e, mut widest) = (first, last, first + 360.0 - last);
        for pair in lons.windows(2) {
            if pair[1] - pair[0] > widest {
                (w, e, widest) = (pair[1], pair[0], pair[1] - pair[0]);
            }
        }
        if w <= e {
            GeoBox::new(w - 2.0, s - 2.0, e + 2.0, n + 2.0)
        } else {
            let wrap = |lon: f64| (lon + 180.0).rem_euclid(360.0) - 180.0;
            GeoBox::new(wrap(w - 2.0), s - 2.0, wrap(e + 2.0), n + 2.0)
        }
    }

    /// The day the window opens on, from `metadata.opening`.
    pub fn opening_day(&self) -> Option<chrono::NaiveDate> {
        let text = self.metadata.opening.as_ref()?.date.as_deref()?;
        date::parse_day(text).ok()
    }

    /// The view the window opens on, from `metadata.opening`.
    pub fn opening_view(&self) -> Option<GeoBox> {
        let id = self.metadata.opening.as_ref()?.view.as_deref()?;
        self.view(id).map(|v| v.bbox)
    }

    /// The embedded default chronicle (Chen Jian, 1992).
    pub fn embedded_default() -> Chronicle {
        load_str(DEFAULT_CHRONICLE_JSON, DEFAULT_CHRONICLE_NAME)
            .expect("the embedded chronicle is checked by the test suite")
    }
}
