//! Chronicles shown as layers beneath the main one: their features and events give context (the
//! war in Korea under a paper on Beijing's decisions). Each has its own toggle and its own line in
//! the attribution; its events are drawn in grey, apart from the main chronicle's thread colours.

use super::labels::Placer;
use super::{Align, Marker, Primitive, SceneInput, Text, TextKind, Transform};
use crate::chronicle::Chronicle;
use crate::timeline::Timeline;
use chrono::NaiveDate;

/// A chronicle shown as context beneath the main one.
pub struct Layer {
    pub chronicle: Chronicle,
    pub timeline: Timeline,
    /// The file it came from, for messages and the layer list.
    pub name: String,
    /// Whether it is drawn (the toggle in the window).
    pub shown: bool,
}

impl Layer {
    pub fn new(chronicle: Chronicle, name: String) -> Layer {
        let timeline = Timeline::new(&chronicle);
        Layer {
            chronicle,
            timeline,
            name,
            shown: true,
        }
    }

    /// Its line in the attribution: "Layer “The war in Korea”: Appleman (1961); Schnabel (1972)."
    pub fn credit(&self) -> String {
        let meta = &self.chronicle.metadata;
        // The base map is credited once, on the main chronicle's line.
        let own = meta.attribution.replace("Base map: Natural Earth.", "");
        let credit = if !own.trim().is_empty() {
            own.trim().to_string()
        } else {
            let mut names = vec![meta.source.short.as_str()];
            names.extend(meta.sources.iter().map(|s| s.short.as_str()));
            names.retain(|n| !n.is_empty());
            names.dedup();
            format!("Sources: {}.", names.join("; "))
        };
        format!("Layer “{}”: {credit}", meta.title)
    }
}

/// The shown layers' chronicles.
pub fn shown(layers: &[Layer]) -> impl Iterator<Item = &Chronicle> {
    layers.iter().filter(|l| l.shown).map(|l| &l.chronicle)
}

/// An event of a context layer on the day, where its first place is.
#[derive(Clone, Debug, PartialEq)]
pub struct ContextEvent {
    /// Index into the layers, and into that layer chronicle's events.
    pub layer: usize,
    pub event: usize,
    pub lonlat: [f64; 2],
}

/// The events of the shown layers active on `day` that have a place.
pub fn context_events(layers: &[Layer], day: NaiveDate) -> Vec<ContextEvent> {
    let mut out = Vec::new();
    for (l, layer) in layers.iter().enumerate().filter(|(_, l)| l.shown) {
        let c = &layer.chronicle;
        for i in layer.timeline.active_on(day) {
            let place = c.events.get(i).and_then(|e| e.places.first()).and_then(|p| c.place(p));
            if let Some(place) = place {
                out.push(ContextEvent {
                    layer: l,
                    event: i,
                    lonlat: [place.lon, place.lat],
                });
            }
        }
    }
    out
}

/// Grey markers with a white rim, smaller than the main chronicle's, and their titles in grey
/// italic where there is room (not those already `called_out`, named on a card by the
/// callouts); each marker can be clicked for the event's details.
pub fn build(
    input: &SceneInput,
    transform: &Transform,
    placer: &mut Placer,
    called_out: &[(usize, usize)],
) -> (Vec<Primitive>, Vec<Marker>) {
    let style = input.style;
    let mut out = Vec::new();
    let mut markers = Vec::new();
    let mut labels = Vec::new();
    let radius = style.marker_radius * 0.8 * style.text_scale.sqrt();
    let grey = style.context_label;
    for shown in input.context_events {
        let Some(event) = input
            .layers
            .get(shown.layer)
            .and_then(|l| l.chronicle.events.get(shown.event))
        else {
            continue;
        };
        let (x, y) = input.base.projection.forward(shown.lonlat[0], shown.lonlat[1]);
        let center = transform.apply([x as f32, y as f32]);
        let selected = input.selected_context == Some((shown.layer, shown.event));
        out.push(Primitive::Circle {
            center,
            radius,
            fill: grey.with_alpha(170),
            stroke_width: if selected { 2.5 } else { 1.2 },
            stroke: if selected { style.selected } else { style.halo },
            dashed: event.date.is_fuzzy(),
        });
        markers.push(Marker {
            place: event.places.first().map(|p| p.to_string()).unwrap_or_default(),
            center,
            radius,
            events: vec![shown.event],
            spread: false,
            layer: Some(shown.layer),
            cluster: None,
        });
        if called_out.contains(&(shown.layer, shown.event)) {
            continue;
        }
        let size = style.text_size(TextKind::Place, placer.size()[1]);
        let make = |anchor, align| Text {
            anchor,
            align,
            text: event.title.to_string(),
            size,
            color: grey,
            halo: Some(style.halo),
            italic: true,
            letter_spacing: 0.0,
            kind: TextKind::Place,
        };
        let gap = radius + 4.0;
        if let Some(text) = placer.place([
            make([center[0] + gap, center[1]], Align::LeftCenter),
            make([center[0] - gap, center[1]], Align::RightCenter),
        ]) {
            labels.push(Primitive::Text(text));
        }
    }
    out.extend(labels);
    (out, markers)
}
