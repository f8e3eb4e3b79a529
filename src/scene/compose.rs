//! From the state of the app to a scene: the one path the window and the exporters share, so an
//! exported image shows exactly what the screen showed for the same state.

use super::{BaseLayer, Overlay, Scene, SceneInput, Style, build};
use crate::chronicle::{Chronicle, MapLayer};
use crate::map::basemap::{Basemap, Lod};
use crate::map::camera::Camera;
use crate::map::projection::Projection;
use crate::timeline::Timeline;
use crate::timeline::show::{ShownEvent, events_on, journeys_on};
use crate::view_state::ViewState;
use std::collections::HashMap;

/// The base map at each level of detail, built on first use and kept.
pub struct BaseLayers {
    projection: Projection,
    map: MapLayer,
    layers: HashMap<Lod, BaseLayer>,
}

impl BaseLayers {
    pub fn new(projection: Projection, map: &MapLayer) -> BaseLayers {
        BaseLayers {
            projection,
            map: map.clone(),
            layers: HashMap::new(),
        }
    }

    pub fn projection(&self) -> Projection {
        self.projection
    }

    /// The layer detailed enough for the camera's scale.
    pub fn for_camera(&mut self, camera: &Camera) -> &BaseLayer {
        let lod = Lod::for_scale(camera.pixels_per_km() * 111.32);
        let (projection, map) = (self.projection, &self.map);
        self.layers
            .entry(lod)
            .or_insert_with(|| BaseLayer::build(Basemap::embedded(lod), projection, map))
    }
}

/// Which overlays to draw.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OverlayOptions {
    pub date_card: bool,
    pub legend: bool,
    pub attribution: bool,
    /// The selected event's title and a line of its text, for presenting.
    pub caption: bool,
}

impl Default for OverlayOptions {
    fn default() -> Self {
        OverlayOptions {
            date_card: true,
            legend: true,
            attribution: true,
            caption: false,
        }
    }
}

/// "Thursday, 19 October 1950".
pub fn day_in_words(day: chrono::NaiveDate) -> String {
    day.format("%A, %-d %B %Y").to_string()
}

/// The attribution printed on the map: the base map and the chronicle's own credit.
pub fn attribution(chronicle: &Chronicle) -> String {
    let credit = if chronicle.metadata.attribution.is_empty() {
        &chronicle.metadata.source.short
    } else {
        &chronicle.metadata.attribution
    };
    if credit.contains("Natural Earth") {
        credit.clone()
    } else if credit.is_empty() {
        "Base map: Natural Earth.".to_string()
    } else {
        format!("Base map: Natural Earth. {credit}")
    }
}

/// Builds the scene for the app's state seen through `camera`.
pub fn compose(
    chronicle: &Chronicle,
    timeline: &Timeline,
    layers: &mut BaseLayers,
    camera: &Camera,
    style: &Style,
    state: &ViewState,
    options: OverlayOptions,
) -> Scene {
    let allowed = |i: usize| chronicle.events.get(i).is_some_and(|e| state.filter().allows(e));
    let mut events = events_on(chronicle, timeline, state.day(), state.show());
    let mut journeys = journeys_on(chronicle, state.day(), state.show());
    if state.filter().is_active() {
        events.retain(|e| allowed(e.event));
        // A journey stays while any of its events is allowed (or it names none).
        journeys.retain(|j| {
            let ids = &chronicle.movements[j.movement].events;
            ids.is_empty() || ids.iter().any(|id| chronicle.event_index(id).is_some_and(allowed))
        });
    }
    let active = events
        .iter()
        .filter(|e| e.presence == crate::timeline::show::Presence::Active);
    let (rough, exact): (Vec<&ShownEvent>, Vec<&ShownEvent>) = active.partition(|e| e.uncertain);
    let mut subtitle = match exact.len() {
        0 => "No event dated to this day".to_string(),
        1 => "1 event on this day".to_string(),
        n => format!("{n} events on this day"),
    };
    if !rough.is_empty() {
        subtitle.push_str(&format!(" · {} dated only roughly", rough.len()));
    }
    if state.filter().is_active() {
        subtitle.push_str(" (filtered)");
    }
    // The caption speaks of the day shown: the selected event's, while it is happening, or a tour
    // stop's own words.
    let selected_now = state
        .selected()
        .and_then(|i| chronicle.events.get(i))
        .filter(|e| e.date.is_active_on(state.day()));
    let caption = match selected_now {
        _ if !options.caption => None,
        Some(e) => {
            let line = match state.caption() {
                Some(caption) => caption,
                None if e.summary.is_empty() => &e.date_text,
                None => &e.summary,
            };
            Some((e.title.clone(), line.to_string()))
        }
        None => state.caption().map(|c| (c.to_string(), String::new())),
    };
    let overlay = Overlay {
        date_card: options.date_card.then(|| (day_in_words(state.day()), subtitle)),
        caption,
        legend: options.legend,
        attribution: options.attribution.then(|| attribution(chronicle)),
    };
    let base = layers.for_camera(camera);
    build(&SceneInput {
        chronicle,
        base,
        camera,
        style,
        events: &events,
        journeys: &journeys,
        selected: state.selected(),
        expanded_place: state.expanded_place(),
        place_weight: &|place: &str| timeline.events_at_place(place),
        overlay: &overlay,
    })
}
