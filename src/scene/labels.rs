//! Label placement: names go where they do not cover each other, the markers or the overlays,
//! in order of importance: capitals and the day's event places first, then the rest of the data's
//! places and the context, cities before towns before villages, then lines, seas and states.

use super::{Align, BaseLayer, Marker, NamedLine, Primitive, SceneInput, Text, TextKind, Transform};
use crate::chronicle::map_layer::LineKind;
use crate::chronicle::{LocationPrecision, PlaceRank};
use crate::timeline::show::Presence;

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

    pub fn size(&self) -> [f32; 2] {
        self.size
    }

    /// Marks a box as taken whatever is there (overlays, markers).
    pub fn block(&mut self, rect: [f32; 4]) {
        self.taken.push(rect);
    }

    /// Whether the box is on screen and free.
    pub fn is_free(&self, rect: [f32; 4]) -> bool {
        let on_screen = rect[0] >= 0.0 && rect[1] >= 0.0 && rect[2] <= self.size[0] && rect[3] <= self.size[1];
        on_screen && !self.taken.iter().any(|t| overlaps(t, &rect))
    }

    /// Takes the box if it is on screen and free.
    pub fn try_take(&mut self, rect: [f32; 4]) -> bool {
        let free = self.is_free(rect);
        if free {
            self.taken.push(rect);
        }
        free
    }

    /// How much of the box is already taken, in square pixels (overlaps counted each time).
    pub fn covered(&self, rect: [f32; 4]) -> f32 {
        self.taken
            .iter()
            .map(|t| {
                (t[2].min(rect[2]) - t[0].max(rect[0])).max(0.0) * (t[3].min(rect[3]) - t[1].max(rect[1])).max(0.0)
            })
            .sum()
    }

    /// A point to go back to with [`Self::rollback`].
    pub fn mark(&self) -> usize {
        self.taken.len()
    }

    /// Frees every box taken since `mark`.
    pub fn rollback(&mut self, mark: usize) {
        self.taken.truncate(mark);
    }

    /// Places the first candidate text that fits.
    pub fn place(&mut self, candidates: impl IntoIterator<Item = Text>) -> Option<Text> {
        candidates.into_iter().find(|t| self.try_take(pad(t.bounds(), 1.0)))
    }
}

pub(super) fn pad(r: [f32; 4], by: f32) -> [f32; 4] {
    [r[0] - by, r[1] - by, r[2] + by, r[3] + by]
}

/// Sets a text at an anchor with an alignment and a size.
type MakeText<'a> = dyn Fn([f32; 2], Align, &str, f32) -> Text + 'a;

/// The positions around a point a name may take, in a fixed order (right first, as atlases do;
/// the diagonals last), so a name keeps its place from day to day unless something takes it.
fn around(at: [f32; 2], gap: f32, text: &str, size: f32, make: &MakeText<'_>) -> Vec<Text> {
    let line = size * Text::LINE_HEIGHT;
    let diagonal = gap * 0.7;
    vec![
        make([at[0] + gap, at[1]], Align::LeftCenter, text, size),
        make([at[0] - gap, at[1]], Align::RightCenter, text, size),
        make([at[0], at[1] - gap * 0.6], Align::CenterBottom, text, size),
        make([at[0], at[1] + gap * 0.6 + line], Align::CenterBottom, text, size),
        make(
            [at[0] + diagonal, at[1] - diagonal - line / 2.0],
            Align::LeftCenter,
            text,
            size,
        ),
        make(
            [at[0] + diagonal, at[1] + diagonal + line / 2.0],
            Align::LeftCenter,
            text,
            size,
        ),
        make(
            [at[0] - diagonal, at[1] - diagonal - line / 2.0],
            Align::RightCenter,
            text,
            size,
        ),
        make(
            [at[0] - diagonal, at[1] + diagonal + line / 2.0],
            Align::RightCenter,
            text,
            size,
        ),
    ]
}

/// The words of a name that say which feature it is ("yalu" of "the Yalu River", "parallel" of
/// "38th parallel"), without articles and kinds of feature.
fn key_words(name: &str) -> Vec<String> {
    const COMMON: [&str; 6] = ["the", "of", "river", "sea", "a", "on"];
    name.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| w.len() > 2 && !COMMON.contains(&w.as_str()))
        .collect()
}

/// The line of the base map that is the same feature as a region place ("the Yalu River" and
/// the river Yalu; "the thirty-eighth parallel" and the line "38th parallel"): a name word in
/// common, and the region's centre within its radius of the line.
fn same_line<'a>(input: &'a SceneInput, place: &crate::chronicle::Place) -> Option<&'a NamedLine> {
    if place.precision != LocationPrecision::Region {
        return None;
    }
    let words = key_words(place.name_on(input.day));
    let (x, y) = input.base.projection.forward(place.lon, place.lat);
    let reach = place.radius_km.unwrap_or(150.0) as f32;
    input.base.lines.iter().find(|line| {
        key_words(&line.name).iter().any(|w| words.contains(w))
            && line
                .pieces
                .iter()
                .flat_map(|p| &p.points)
                .any(|p| (p[0] - x as f32).hypot(p[1] - y as f32) <= reach)
    })
}

/// What the labels of a scene have named so far, so no feature is named twice.
#[derive(Default)]
pub struct Named {
    /// Names of base-map lines already set (by a region event place that is the same feature).
    lines: Vec<String>,
    /// Lines that are the same feature as a place of the day's events but found no room by its
    /// marker: named along the line instead, at the size of the day's places.
    emphasised: Vec<String>,
    /// Places labelled or given a marker.
    places: Vec<String>,
    /// A capital on screen went unnamed for want of room: villages then stay unnamed too, so
    /// the map never names Xibaipo where it leaves Beijing out.
    capital_left_out: bool,
}

/// Which names a labelling pass sets: the first sets capitals and the day's event places, the
/// rest come after the day's callouts, cities before towns before villages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pass {
    First,
    Rest,
}

/// How soon a place is named, 0 first: capitals and the places of the day's events, then cities,
/// then towns (and places without a rank), then villages.
pub fn priority(place: &crate::chronicle::Place, today: bool) -> u8 {
    match place.rank {
        _ if today => 0,
        Some(PlaceRank::Capital) => 0,
        Some(PlaceRank::City) => 1,
        Some(PlaceRank::Town) | None => 2,
        Some(PlaceRank::Village) => 3,
    }
}

impl Pass {
    fn takes(self, priority: u8) -> bool {
        (priority == 0) == (self == Pass::First)
    }
}

/// The names of the places with events shown, over the data.
pub struct EventLabels {
    pub primitives: Vec<Primitive>,
    /// Markers of the day's events left without a name for lack of room.
    pub unnamed: usize,
}

/// Names the places of the markers the pass takes, by [`priority`], then those of the day's
/// events, then by how much the chronicle says about the place, then by id.
pub fn event_labels(
    input: &SceneInput,
    markers: &[Marker],
    placer: &mut Placer,
    named: &mut Named,
    pass: Pass,
) -> EventLabels {
    let style = input.style;
    let chronicle = input.chronicle;
    let h = placer.size()[1];
    let size = style.text_size(TextKind::EventPlace, h);
    let mut primitives = Vec::new();
    let mut unnamed = 0;
    // The day's active events, looked up per marker event (a scan per marker was quadratic).
    let active: std::collections::HashSet<usize> = input
        .events
        .iter()
        .filter(|e| e.presence == Presence::Active)
        .map(|e| e.event)
        .collect();
    let today = |m: &Marker| m.events.iter().any(|e| active.contains(e));
    let weight = input.place_weight;
    let rank = |m: &Marker| chronicle.place(&m.place).map_or(2, |p| priority(p, today(m)));
    let mut shown: Vec<&Marker> = markers
        .iter()
        .filter(|m| !m.spread && m.cluster.is_none() && pass.takes(rank(m)))
        .collect();
    shown.sort_by(|a, b| {
        rank(a)
            .cmp(&rank(b))
            .then(today(b).cmp(&today(a)))
            .then(weight(&b.place).cmp(&weight(&a.place)))
            .then(a.place.cmp(&b.place))
    });
    // A spread group is named once, at its centre.
    let mut groups: Vec<(&str, [f32; 2], bool)> = Vec::new();
    for m in markers.iter().filter(|m| m.spread) {
        if let Some(g) = groups.iter_mut().find(|g| g.0 == m.place) {
            g.2 |= today(m);
        } else {
            groups.push((&m.place, m.center, today(m)));
        }
    }
    groups.retain(|g| {
        let p = chronicle.place(g.0);
        pass.takes(p.map_or(2, |p| priority(p, g.2)))
    });
    // The dots of capitals without a marker: a name of the day is set clear of them if it can,
    // so Inchon's name does not hide Seoul.
    let transform = super::Transform::of(input.camera);
    let capital_dots: Vec<[f32; 4]> = chronicle
        .places
        .iter()
        .filter(|p| p.rank == Some(PlaceRank::Capital) && p.precision != LocationPrecision::Region)
        .filter(|p| !markers.iter().any(|m| m.place == p.id))
        .map(|p| {
            let (x, y) = input.base.projection.forward(p.lon, p.lat);
            let at = transform.apply([x as f32, y as f32]);
            [at[0] - 4.0, at[1] - 4.0, at[0] + 4.0, at[1] + 4.0]
        })
        .collect();
    let clear_of_capitals = |mut candidates: Vec<Text>| {
        candidates.sort_by_key(|t| capital_dots.iter().any(|d| overlaps(d, &t.bounds())));
        candidates
    };
    for marker in shown {
        let Some(place) = chronicle.place(&marker.place) else {
            continue;
        };
        named.places.push(place.id.clone());
        if named.capital_left_out && place.rank == Some(PlaceRank::Village) && !today(marker) {
            continue;
        }
        let region = place.precision == LocationPrecision::Region;
        let line = same_line(input, place);
        let (name, color, italic) = match line {
            Some(l) if l.kind == LineKind::River => (l.name.as_str(), style.water_label, true),
            Some(l) => (l.name.as_str(), style.boundary_line, false),
            None => (place.name_on(input.day), style.label, false),
        };
        let make = |anchor, align, text: &str, size| Text {
            anchor,
            align,
            text: text.to_string(),
            size,
            color,
            halo: Some(style.halo),
            italic,
            letter_spacing: 0.0,
            kind: TextKind::EventPlace,
        };
        let candidates = if region {
            let mut c = vec![make(marker.center, Align::Center, name, size)];
            c.extend(around(marker.center, size * 1.2, name, size, &make));
            c
        } else {
            around(marker.center, marker.radius + 4.0, name, size, &make)
        };
        match placer.place(clear_of_capitals(candidates)) {
            Some(text) => {
                primitives.push(Primitive::Text(text));
                if let Some(l) = line {
                    named.lines.push(l.name.clone());
                }
            }
            None if line.is_some() && today(marker) => {
                named.emphasised.extend(line.map(|l| l.name.clone()));
            }
            None => {
                let seen = super::callouts::on_screen(marker, placer.size());
                if seen && place.rank == Some(PlaceRank::Capital) {
                    named.capital_left_out = true;
                }
                if seen && today(marker) {
                    unnamed += 1;
                }
            }
        }
    }
    for (place, center, today) in groups {
        named.places.push(place.to_string());
        let Some(p) = chronicle.place(place) else { continue };
        let make = |anchor, align, text: &str, size| Text {
            anchor,
            align,
            text: text.to_string(),
            size,
            color: style.label,
            halo: Some(style.halo),
            italic: false,
            letter_spacing: 0.0,
            kind: TextKind::EventPlace,
        };
        let seen = (0.0..=placer.size()[0]).contains(&center[0]) && (0.0..=placer.size()[1]).contains(&center[1]);
        match placer.place(around(center, 8.0, p.name_on(input.day), size, &make)) {
            Some(text) => primitives.push(Primitive::Text(text)),
            None => {
                named.capital_left_out |= seen && p.rank == Some(PlaceRank::Capital);
                if today && seen {
                    unnamed += 1;
                }
            }
        }
    }
    EventLabels { primitives, unnamed }
}

/// The rest of the gazetteer as context: a town dot and its name, where there is room, those
/// the pass takes, by [`priority`] and then the places the chronicle says most about first.
pub fn context_labels(
    input: &SceneInput,
    transform: &Transform,
    placer: &mut Placer,
    named: &mut Named,
    pass: Pass,
) -> Vec<Primitive> {
    let style = input.style;
    let chronicle = input.chronicle;
    let weight = input.place_weight;
    let mut context: Vec<_> = chronicle
        .places
        .iter()
        .filter(|p| p.precision != LocationPrecision::Region && !named.places.contains(&p.id))
        .filter(|p| p.exists_on(input.day))
        .filter(|p| pass.takes(priority(p, false)))
        .filter(|p| !(named.capital_left_out && p.rank == Some(PlaceRank::Village)))
        .collect();
    context.sort_by(|a, b| {
        priority(a, false)
            .cmp(&priority(b, false))
            .then(weight(&b.id).cmp(&weight(&a.id)))
            .then(a.id.cmp(&b.id))
    });
    let size = style.text_size(TextKind::Place, placer.size()[1]);
    let make = |anchor, align, text: &str, size| Text {
        anchor,
        align,
        text: text.to_string(),
        size,
        color: style.context_label,
        halo: Some(style.halo),
        italic: false,
        letter_spacing: 0.0,
        kind: TextKind::Place,
    };
    // A town is shown only with its name, and a name is set only where no more important town's
    // dot or name is: one at a time, in order of importance.
    let mut out = Vec::new();
    for place in context {
        let (x, y) = input.base.projection.forward(place.lon, place.lat);
        let at = transform.apply([x as f32, y as f32]);
        let dot = [at[0] - 3.0, at[1] - 3.0, at[0] + 3.0, at[1] + 3.0];
        let [w, h] = placer.size();
        let seen = (0.0..=w).contains(&at[0]) && (0.0..=h).contains(&at[1]);
        let capital = place.rank == Some(PlaceRank::Capital);
        if !placer.is_free(dot) {
            named.capital_left_out |= seen && capital;
            continue;
        }
        let mark = placer.mark();
        placer.block(dot);
        match placer.place(around(at, 5.0, place.name_on(input.day), size, &make)) {
            Some(text) => {
                out.push(Primitive::Circle {
                    center: at,
                    radius: 2.5,
                    fill: style.context_label,
                    stroke_width: 1.0,
                    stroke: style.halo,
                    dashed: false,
                });
                out.push(Primitive::Text(text));
            }
            None => {
                named.capital_left_out |= seen && capital;
                placer.rollback(mark);
            }
        }
    }
    out
}

/// How near a line (in km) a place of the day's events is "on" it: Andong on the Yalu.
const ON_LINE_KM: f32 = 25.0;

/// The rivers the day's story is about, to be named at the size of the day's places: one that
/// is the same feature as a place of the day's events, one a place of the day's events lies on,
/// and one the caption names (a tour stop's "cross the Yalu").
fn story_rivers<'a>(input: &'a SceneInput, named: &Named) -> Vec<&'a str> {
    let chronicle = input.chronicle;
    let today: Vec<&crate::chronicle::Place> = input
        .events
        .iter()
        .filter(|e| e.presence == Presence::Active)
        .flat_map(|e| &chronicle.events[e.event].places)
        .filter_map(|p| chronicle.place(p))
        .collect();
    let caption: Vec<String> = input
        .overlay
        .caption
        .iter()
        .flat_map(|(title, line)| key_words(title).into_iter().chain(key_words(line)))
        .collect();
    input
        .base
        .lines
        .iter()
        .filter(|line| line.kind == LineKind::River)
        .filter(|line| {
            let words = key_words(&line.name);
            let near = |p: &&crate::chronicle::Place| {
                let (x, y) = input.base.projection.forward(p.lon, p.lat);
                line.pieces
                    .iter()
                    .flat_map(|piece| &piece.points)
                    .any(|q| (q[0] - x as f32).hypot(q[1] - y as f32) <= ON_LINE_KM)
            };
            named.emphasised.contains(&line.name)
                || today
                    .iter()
                    .any(|p| p.precision != LocationPrecision::Region && near(p))
                || (!words.is_empty() && words.iter().all(|w| caption.contains(w)))
        })
        .map(|line| line.name.as_str())
        .collect()
}

/// Names of the base map under the data: lines (each once, and not if an event place already
/// named the same feature; the rivers of the day's story first and large), seas (only where the
/// whole name sits on water) and states.
pub fn base_labels(input: &SceneInput, transform: &Transform, placer: &mut Placer, named: &Named) -> Vec<Primitive> {
    let base: &BaseLayer = input.base;
    let style = input.style;
    let h = placer.size()[1];
    let mut out = Vec::new();
    let mut lines_named: Vec<&str> = named.lines.iter().map(String::as_str).collect();
    let story = story_rivers(input, named);
    let mut ordered: Vec<&NamedLine> = base.lines.iter().collect();
    ordered.sort_by_key(|l| !story.contains(&l.name.as_str()));
    for line in ordered {
        if lines_named.contains(&line.name.as_str()) {
            continue;
        }
        let Some(piece) = line.pieces.iter().max_by_key(|p| p.points.len()) else {
            continue;
        };
        let screen: Vec<[f32; 2]> = piece.points.iter().map(|&p| transform.apply(p)).collect();
        let line_size = style.text_size(TextKind::Line, h);
        let large = story.contains(&line.name.as_str());
        let (size, color, italic, kind) = match line.kind {
            LineKind::River if large => (
                style.text_size(TextKind::EventPlace, h),
                style.water_label,
                true,
                TextKind::EventPlace,
            ),
            LineKind::River => (line_size * 13.0 / 12.0, style.water_label, true, TextKind::Line),
            _ => (line_size, style.boundary_line, false, TextKind::Line),
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
            kind,
        };
        let (first, last) = (screen[0], screen[screen.len() - 1]);
        // A river is named by its middle, or, for the day's story, wherever along it there is
        // room on screen.
        let along: &[f32] = if large {
            &[0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]
        } else {
            &[0.5]
        };
        let candidates = match line.kind {
            // A demarcation line is named at its ends, where it meets the sea.
            LineKind::Boundary | LineKind::Front => vec![
                make([last[0] + 6.0, last[1]], Align::LeftCenter, &line.name),
                make([first[0] - 6.0, first[1]], Align::RightCenter, &line.name),
            ],
            LineKind::River => along
                .iter()
                .flat_map(|t| {
                    let k = if *t == 0.5 {
                        screen.len() / 2
                    } else {
                        ((screen.len() - 1) as f32 * t) as usize
                    };
                    let at = screen[k];
                    [
                        make([at[0], at[1] + size * 1.3], Align::CenterBottom, &line.name),
                        make([at[0], at[1] - 3.0], Align::CenterBottom, &line.name),
                    ]
                })
                .collect(),
        };
        // Only name a line drawn long enough on screen to be recognised.
        let length = (last[0] - first[0]).hypot(last[1] - first[1]);
        if length > 40.0
            && let Some(text) = placer.place(candidates)
        {
            out.push(Primitive::Text(text));
            lines_named.push(&line.name);
        }
    }
    for water in &base.water_labels {
        let at = transform.apply(water.at);
        let size = style.text_size(TextKind::Water, h);
        let text = Text {
            anchor: at,
            align: Align::Center,
            text: balanced_lines(&water.text),
            size,
            color: style.water_label,
            halo: None,
            italic: true,
            letter_spacing: 1.0,
            kind: TextKind::Water,
        };
        if !on_water(base, transform, text.bounds()) {
            continue;
        }
        if let Some(text) = placer.place([text]) {
            out.push(Primitive::Text(text));
        }
    }
    let mut states: Vec<_> = base.state_labels.iter().collect();
    states.sort_by(|a, b| b.extent_km.total_cmp(&a.extent_km));
    let least = style.text_size(TextKind::State, h);
    for state in states {
        let extent_px = state.extent_km * transform.scale;
        let size = ((extent_px / 16.0).clamp(11.0, 22.0) * style.text_scale).max(least);
        let at = transform.apply(state.at);
        let make = |dx: f32, dy: f32| Text {
            anchor: [at[0] + dx, at[1] + dy],
            align: Align::Center,
            text: state.text.to_uppercase(),
            size,
            color: style.state_label,
            halo: Some(style.state_halo),
            italic: false,
            letter_spacing: size * 0.3,
            kind: TextKind::State,
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

/// Whether a box on screen lies on water: its corners, edge middles and centre are not on land.
fn on_water(base: &BaseLayer, transform: &Transform, r: [f32; 4]) -> bool {
    let world = |x: f32, y: f32| {
        [
            (x - transform.offset[0]) / transform.scale,
            -(y - transform.offset[1]) / transform.scale,
        ]
    };
    let xs = [r[0], (r[0] + r[2]) / 2.0, r[2]];
    let ys = [r[1], (r[1] + r[3]) / 2.0, r[3]];
    !xs.iter().any(|&x| ys.iter().any(|&y| base.is_land(world(x, y))))
}
