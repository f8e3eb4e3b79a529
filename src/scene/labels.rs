//! Label placement: names go where they do not cover each other, the markers or the overlays,
//! in order of importance (data first, then places, lines, seas and states).

use super::{Align, BaseLayer, Marker, Primitive, SceneInput, Text, Transform};
use crate::chronicle::LocationPrecision;
use crate::chronicle::map_layer::LineKind;

/// The boxes already taken on screen.
pub struct Placer {
    size: [f32; 2],
    taken: Vec<[f32; 4]>,
}

fn overlaps(a: &[f32; 4], b: &[f32; 4]) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

impl Placer {
    pub fn new(size: [f32; 2]) -> Placer {
        Placer {
            size,
            taken: Vec::new(),
        }
    }

    /// Marks a box as taken whatever is there (overlays, markers).
    pub fn block(&mut self, rect: [f32; 4]) {
        self.taken.push(rect);
    }

    /// Takes the box if it is on screen and free.
    pub fn try_take(&mut self, rect: [f32; 4]) -> bool {
        let on_screen = rect[0] >= 0.0 && rect[1] >= 0.0 && rect[2] <= self.size[0] && rect[3] <= self.size[1];
        if !on_screen || self.taken.iter().any(|t| overlaps(t, &rect)) {
            return false;
        }
        self.taken.push(rect);
        true
    }

    /// Places the first candidate text that fits.
    pub fn place(&mut self, candidates: impl IntoIterator<Item = Text>) -> Option<Text> {
        candidates.into_iter().find(|t| self.try_take(pad(t.bounds(), 1.0)))
    }
}

fn pad(r: [f32; 4], by: f32) -> [f32; 4] {
    [r[0] - by, r[1] - by, r[2] + by, r[3] + by]
}

/// Labels under the data (states, seas, lines) and over it (places).
pub struct PlacedLabels {
    pub base: Vec<Primitive>,
    pub places: Vec<Primitive>,
}

/// Sets a text at an anchor with an alignment and a size.
type MakeText<'a> = dyn Fn([f32; 2], Align, &str, f32) -> Text + 'a;

/// The four positions around a point a name may take, right first as atlases do.
fn around(at: [f32; 2], gap: f32, text: &str, size: f32, make: &MakeText<'_>) -> Vec<Text> {
    vec![
        make([at[0] + gap, at[1]], Align::LeftCenter, text, size),
        make([at[0] - gap, at[1]], Align::RightCenter, text, size),
        make([at[0], at[1] - gap * 0.6], Align::CenterBottom, text, size),
        make([at[0], at[1] + gap * 0.6 + size * 1.2], Align::CenterBottom, text, size),
    ]
}

pub fn place_labels(
    input: &SceneInput,
    transform: &Transform,
    markers: &[Marker],
    placer: &mut Placer,
) -> PlacedLabels {
    let style = input.style;
    let chronicle = input.chronicle;
    let scale = style.text_scale;
    let mut places = Vec::new();
    let plain = |color| {
        move |anchor, align, text: &str, size| Text {
            anchor,
            align,
            text: text.to_string(),
            size,
            color,
            halo: Some(style.halo),
            italic: false,
            letter_spacing: 0.0,
        }
    };
    // Places with events shown today, most events first.
    let mut labelled: Vec<&str> = Vec::new();
    let mut shown: Vec<&Marker> = markers.iter().filter(|m| !m.spread).collect();
    shown.sort_by(|a, b| b.events.len().cmp(&a.events.len()).then(a.place.cmp(&b.place)));
    for marker in shown {
        let Some(place) = chronicle.place(&marker.place) else {
            continue;
        };
        let region = place.precision == LocationPrecision::Region;
        let gap = if region { 0.0 } else { marker.radius + 4.0 };
        let size = style.label_size * scale;
        let make = plain(style.label);
        let candidates = if region {
            vec![make(marker.center, Align::Center, &place.name, size)]
        } else {
            around(marker.center, gap, &place.name, size, &make)
        };
        if let Some(text) = placer.place(candidates) {
            places.push(Primitive::Text(text));
        }
        labelled.push(&marker.place);
    }
    // The rest of the gazetteer as context: a town dot and its name, where there is room.
    let weight = input.place_weight;
    let mut context: Vec<_> = chronicle
        .places
        .iter()
        .filter(|p| p.precision != LocationPrecision::Region && !labelled.contains(&p.id.as_str()))
        .collect();
    context.sort_by(|a, b| weight(&b.id).cmp(&weight(&a.id)).then(a.id.cmp(&b.id)));
    // Dots first, so no name is set over another town; then the names, most important first.
    let size = style.label_size * 0.85 * scale;
    let dots: Vec<([f32; 2], &str)> = context
        .into_iter()
        .filter_map(|place| {
            let (x, y) = input.base.projection.forward(place.lon, place.lat);
            let at = transform.apply([x as f32, y as f32]);
            placer
                .try_take([at[0] - 3.0, at[1] - 3.0, at[0] + 3.0, at[1] + 3.0])
                .then_some((at, place.name.as_str()))
        })
        .collect();
    for (at, name) in dots {
        if let Some(text) = placer.place(around(at, 5.0, name, size, &plain(style.context_label))) {
            places.push(Primitive::Circle {
                center: at,
                radius: 2.5,
                fill: style.context_label,
                stroke_width: 1.0,
                stroke: style.halo,
                dashed: false,
            });
            places.push(Primitive::Text(text));
        }
    }
    PlacedLabels {
        base: base_labels(input.base, input, transform, placer),
        places,
    }
}

fn base_labels(base: &BaseLayer, input: &SceneInput, transform: &Transform, placer: &mut Placer) -> Vec<Primitive> {
    let style = input.style;
    let scale = style.text_scale;
    let mut out = Vec::new();
    for line in &base.lines {
        let Some(piece) = line.pieces.iter().max_by_key(|p| p.points.len()) else {
            continue;
        };
        let screen: Vec<[f32; 2]> = piece.points.iter().map(|&p| transform.apply(p)).collect();
        let (size, color, italic) = match line.kind {
            LineKind::River => (13.0 * scale, style.water_label, true),
            _ => (12.0 * scale, style.boundary_line, false),
        };
        let make = |anchor, align, text: &str| Text {
            anchor,
            align,
            text: text.to_string(),
            size,
            color,
            halo: Some(style.halo),
            italic,
            letter_spacing: 0.0,
        };
        let mid = screen[screen.len() / 2];
        let (first, last) = (screen[0], screen[screen.len() - 1]);
        let candidates = match line.kind {
            // A demarcation line is named at its ends, where it meets the sea.
            LineKind::Boundary | LineKind::Front => vec![
                make([last[0] + 6.0, last[1]], Align::LeftCenter, &line.name),
                make([first[0] - 6.0, first[1]], Align::RightCenter, &line.name),
            ],
            LineKind::River => vec![
                make([mid[0], mid[1] + size * 1.3], Align::CenterBottom, &line.name),
                make([mid[0], mid[1] - 3.0], Align::CenterBottom, &line.name),
            ],
        };
        // Only name a line drawn long enough on screen to be recognised.
        let length = (last[0] - first[0]).hypot(last[1] - first[1]);
        if length > 40.0
            && let Some(text) = placer.place(candidates)
        {
            out.push(Primitive::Text(text));
        }
    }
    for water in &base.water_labels {
        let at = transform.apply(water.at);
        let size = 14.0 * scale;
        let text = Text {
            anchor: at,
            align: Align::Center,
            text: balanced_lines(&water.text),
            size,
            color: style.water_label,
            halo: None,
            italic: true,
            letter_spacing: 1.0,
        };
        if let Some(text) = placer.place([text]) {
            out.push(Primitive::Text(text));
        }
    }
    let mut states: Vec<_> = base.state_labels.iter().collect();
    states.sort_by(|a, b| b.extent_km.total_cmp(&a.extent_km));
    for state in states {
        let extent_px = state.extent_km * transform.scale;
        let size = (extent_px / 16.0).clamp(11.0, 22.0) * scale;
        let at = transform.apply(state.at);
        let make = |dx: f32, dy: f32| Text {
            anchor: [at[0] + dx, at[1] + dy],
            align: Align::Center,
            text: state.text.to_uppercase(),
            size,
            color: style.state_label,
            halo: Some(style.land),
            italic: false,
            letter_spacing: size * 0.3,
        };
        let bounds = make(0.0, 0.0).bounds();
        let (bw, bh) = (bounds[2] - bounds[0], bounds[3] - bounds[1]);
        // A state too small on screen to hold its name is left unnamed rather than overflowing.
        if bw > extent_px * 1.6 {
            continue;
        }
        // If a town's name is in the way, the state's name moves a little, as in an atlas.
        let shifts = [
            (0.0, 0.0),
            (-0.3, 0.0),
            (0.3, 0.0),
            (0.0, 0.8),
            (0.0, -0.8),
            (-0.3, 0.8),
            (-0.3, -0.8),
        ];
        if let Some(text) = placer.place(shifts.iter().map(|&(x, y)| make(x * bw, y * bh))) {
            out.push(Primitive::Text(text));
        }
    }
    out
}

/// Long names of seas go on two lines of about equal length, as atlases set them.
fn balanced_lines(name: &str) -> String {
    if name.chars().count() <= 12 {
        return name.to_string();
    }
    let middle = name.len() / 2;
    let split = name
        .match_indices(' ')
        .map(|(i, _)| i)
        .min_by_key(|&i| i.abs_diff(middle));
    match split {
        Some(i) => format!("{}\n{}", &name[..i], &name[i + 1..]),
        None => name.to_string(),
    }
}
