//! From the state of the app to a scene: the one path the window and the exporters share, so an
//! exported image shows exactly what the screen showed for the same state.

use super::ShownDay;
use super::base_layer::Land;
use super::{BaseLayer, Layer, Overlay, Scene, SceneInput, Style, build};
use crate::chronicle::map_layer::MapKey;
use crate::chronicle::{Chronicle, MapLayer};
use crate::map::basemap::{Basemap, Lod};
use crate::map::camera::Camera;
use crate::map::projection::Projection;
use crate::timeline::Timeline;
use crate::view_state::ViewState;
use chrono::NaiveDate;
use std::collections::HashMap;
use std::sync::Arc;

/// The base map at each level of detail and for each state of the map layer, built on first use
/// and kept. Land is shared by all days; a day whose map layer is the same as another's (most
/// steps of a day) reuses that day's layer, so stepping never re-tessellates.
pub struct BaseLayers {
    projection: Projection,
    map: MapLayer,
    lands: HashMap<Lod, Arc<Land>>,
    layers: HashMap<(Lod, MapKey), BaseLayer>,
}

impl BaseLayers {
    pub fn new(projection: Projection, map: &MapLayer) -> BaseLayers {
        BaseLayers {
            projection,
            map: map.clone(),
            lands: HashMap::new(),
            layers: HashMap::new(),
        }
    }

    pub fn projection(&self) -> Projection {
        self.projection
    }

    /// The map of `day`, detailed enough for the camera's scale.
    pub fn for_camera(&mut self, camera: &Camera, day: NaiveDate) -> &BaseLayer {
        let lod = Lod::for_scale(camera.pixels_per_km() * 111.32);
        let (projection, map) = (self.projection, &self.map);
        let basemap = Basemap::embedded(lod);
        let land = self
            .lands
            .entry(lod)
            .or_insert_with(|| Arc::new(Land::build(basemap, projection)));
        self.layers
            .entry((lod, map.key_on(day)))
            .or_insert_with(|| BaseLayer::with_land(land.clone(), basemap, projection, &map.on(day)))
    }
}

/// Which overlays to draw.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OverlayOptions {
    pub date_card: bool,
    /// Off while presenting: a hall needs the map's room more than a key to its symbols.
    pub legend: bool,
    pub attribution: bool,
    /// The selected event's title and a line of its text, for presenting.
    pub caption: bool,
    /// The day's events named on the map beside their markers, so a projected map tells what
    /// happened without a click; a list when there are too many to place.
    pub callouts: bool,
    /// At most this many callouts; the rest are counted ("+2 more").
    pub callout_limit: usize,
    /// The tour stop shown, counted from 1, and the number of stops: "3 / 14".
    pub stop_counter: Option<(usize, usize)>,
    /// The legend's card as large as every day's key in the view, so it keeps one size from
    /// frame to frame of a sequence (a GIF, a video); otherwise it fits the day, leaving the map
    /// its room.
    pub steady_legend: bool,
}

impl Default for OverlayOptions {
    fn default() -> Self {
        OverlayOptions {
            date_card: true,
            legend: true,
            attribution: true,
            caption: false,
            callouts: false,
            callout_limit: 5,
            stop_counter: None,
            steady_legend: false,
        }
    }
}

impl OverlayOptions {
    /// For a projector: caption and callouts on, legend off.
    pub fn presenting() -> OverlayOptions {
        OverlayOptions {
            legend: false,
            caption: true,
            callouts: true,
            ..OverlayOptions::default()
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

/// Chronicles shown beneath the main one, and which of their events is selected.
#[derive(Clone, Copy, Default)]
pub struct Context<'a> {
    pub layers: &'a [Layer],
    /// (layer, event) of a layer's event selected.
    pub selected: Option<(usize, usize)>,
}

/// The attribution with a line for each layer shown.
fn attribution_with(chronicle: &Chronicle, context: Context) -> String {
    let mut text = attribution(chronicle);
    for layer in context.layers.iter().filter(|l| l.shown) {
        text.push('\n');
        text.push_str(&layer.credit());
    }
    text
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
    compose_with_layers(
        chronicle,
        timeline,
        Context::default(),
        layers,
        camera,
        style,
        state,
        options,
    )
}

/// [`compose`], with chronicles shown beneath the main one.
#[allow(clippy::too_many_arguments)]
pub fn compose_with_layers(
    chronicle: &Chronicle,
    timeline: &Timeline,
    context: Context,
    layers: &mut BaseLayers,
    camera: &Camera,
    style: &Style,
    state: &ViewState,
    options: OverlayOptions,
) -> Scene {
    let shown = ShownDay::new(chronicle, timeline, state, layers.projection());
    compose_day(
        chronicle, timeline, &shown, context, layers, camera, style, state, options,
    )
}

/// [`compose_with_layers`], with the day's events already worked out (and kept from frame to
/// frame by the window): `shown` must be of `state`'s day, as [`ShownDay::update`] keeps it.
#[allow(clippy::too_many_arguments)]
pub fn compose_day(
    chronicle: &Chronicle,
    timeline: &Timeline,
    shown: &ShownDay,
    context: Context,
    layers: &mut BaseLayers,
    camera: &Camera,
    style: &Style,
    state: &ViewState,
    options: OverlayOptions,
) -> Scene {
    // A day worked out for another day, chronicle or plane is worked out again.
    let fresh;
    let shown = if shown.is_of(chronicle, timeline, state, layers.projection()) {
        shown
    } else {
        fresh = ShownDay::new(chronicle, timeline, state, layers.projection());
        &fresh
    };
    // Counted as the event list counts them, so the card and the list agree.
    let of_day = super::day::events_of_day(chronicle, timeline, state.day(), state.filter());
    let subtitle = super::day::DayCount::of(chronicle, &of_day).in_words(state.filter().is_active());
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
            // Cut by characters before any layout: a title of megabytes costs what a line does.
            Some((
                super::fit::cut(&e.title, super::fit::TITLE_CHARS).into_owned(),
                super::fit::cut(line, super::fit::MAX_CHARS / 2).into_owned(),
            ))
        }
        None => state
            .caption()
            .map(|c| {
                (
                    super::fit::cut(c, super::fit::MAX_CHARS / 2).into_owned(),
                    String::new(),
                )
            })
            .or_else(|| {
                // A layer's event clicked (while presenting): its title, its layer and its summary.
                let (l, i) = context.selected?;
                let layer = context.layers.get(l).filter(|l| l.shown)?;
                let e = layer
                    .chronicle
                    .events
                    .get(i)
                    .filter(|e| e.date.is_active_on(state.day()))?;
                let line = if e.summary.is_empty() {
                    e.date_text.as_str()
                } else {
                    e.summary.as_str()
                };
                let title = format!(
                    "{} · layer “{}”",
                    super::fit::cut(&e.title, super::fit::TITLE_CHARS),
                    super::fit::cut(&layer.chronicle.metadata.title, super::fit::TITLE_CHARS)
                );
                Some((title, super::fit::cut(line, super::fit::MAX_CHARS / 2).into_owned()))
            }),
    };
    let overlay = Overlay {
        date_card: options.date_card.then(|| (day_in_words(state.day()), subtitle)),
        caption,
        legend: options.legend,
        attribution: options.attribution.then(|| attribution_with(chronicle, context)),
        callouts: options.callouts.then(|| {
            let mut day = of_day;
            super::day::most_precise_first(chronicle, &mut day);
            (day, options.callout_limit)
        }),
        stop_counter: options.stop_counter,
        steady_legend: options.steady_legend,
        date_span: Some(timeline.span().map_or((state.day(), state.day()), |(first, last)| {
            (first.min(state.day()), last.max(state.day()))
        })),
    };
    let base = layers.for_camera(camera, state.day());
    let day = state.day();
    let features = super::features_on(
        std::iter::once(chronicle).chain(super::layers::shown(context.layers)),
        day,
    );
    let context_events = super::context_events(context.layers, day);
    build(&SceneInput {
        chronicle,
        day: state.day(),
        base,
        camera,
        style,
        shown,
        selected: state.selected(),
        expanded_place: state.expanded_place(),
        timeline,
        overlay: &overlay,
        features: &features,
        layers: context.layers,
        context_events: &context_events,
        selected_context: context.selected,
    })
}
