//! Label placement: names go where they do not cover each other, the markers or the overlays,
//! in order of importance: capitals and the day's event places first, then the rest of the data's
//! places and the context, cities before towns before villages, then lines, seas and states.

use super::{Align, BaseLayer, Marker, NamedLine, Primitive, SceneInput, Text, TextKind, Transform};
use crate::chronicle::map_layer::LineKind;
use crate::chronicle::{LocationPrecision, PlaceRank};

/// The boxes already taken on screen, filed in a grid of cells so that asking whether a box is
/// free looks only at the boxes near it: a world of 20,000 towns asks thousands of times a frame.
pub struct Placer {
    size: [f32; 2],
    taken: Vec<[f32; 4]>,
    grid: Grid,
}

/// Square cells over the screen, each listing (in the order taken) the boxes that reach into it.
struct Grid {
    cell: f32,
    columns: usize,
    rows: usize,
    cells: Vec<Vec<u32>>,
}

/// At most this many cells a side, whatever the picture's size.
const MAX_CELLS_A_SIDE: f32 = 256.0;

impl Grid {
    fn new(size: [f32; 2]) -> Grid {
        let longest = size[0].max(size[1]);
        let cell = if longest.is_finite() {
            (longest / MAX_CELLS_A_SIDE).max(48.0)
        } else {
            48.0
        };
        let count = |side: f32| {
            if side.is_finite() && side > 0.0 {
                (side / cell).ceil() as usize + 1
            } else {
                1
            }
        };
        let (columns, rows) = (count(size[0]).min(257), count(size[1]).min(257));
        Grid {
            cell,
            columns,
            rows,
            cells: vec![Vec::new(); columns * rows],
        }
    }

    /// The cells a box reaches into, clamped to the grid (a box off screen lands on its edge).
    fn cells_of(&self, rect: &[f32; 4]) -> impl Iterator<Item = usize> + use<> {
        let (cell, columns, rows) = (self.cell, self.columns, self.rows);
        let index = |v: f32, n: usize| ((v / cell).max(0.0) as usize).min(n - 1);
        // By the lesser and greater edge: a box given inside out still overlaps what it spans.
        let (c0, c1) = (
            index(rect[0].min(rect[2]), columns),
            index(rect[0].max(rect[2]), columns),
        );
        let (r0, r1) = (index(rect[1].min(rect[3]), rows), index(rect[1].max(rect[3]), rows));
        (r0..=r1).flat_map(move |r| (c0..=c1).map(move |c| r * columns + c))
    }
}

fn overlaps(a: &[f32; 4], b: &[f32; 4]) -> bool {
    a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]
}

impl Placer {
    pub fn new(size: [f32; 2]) -> Placer {
        Placer {
            size,
            taken: Vec::new(),
            grid: Grid::new(size),
        }
    }

    pub fn size(&self) -> [f32; 2] {
        self.size
    }

    /// Marks a box as taken whatever is there (overlays, markers).
    pub fn block(&mut self, rect: [f32; 4]) {
        let k = u32::try_from(self.taken.len()).unwrap_or(u32::MAX);
        for c in self.grid.cells_of(&rect) {
            self.grid.cells[c].push(k);
        }
        self.taken.push(rect);
    }

    /// Whether the box is on screen and free.
    pub fn is_free(&self, rect: [f32; 4]) -> bool {
        let on_screen = rect[0] >= 0.0 && rect[1] >= 0.0 && rect[2] <= self.size[0] && rect[3] <= self.size[1];
        on_screen
            && !self.grid.cells_of(&rect).any(|c| {
                self.grid.cells[c]
                    .iter()
                    .any(|&k| self.taken.get(k as usize).is_some_and(|t| overlaps(t, &rect)))
            })
    }

    /// Takes the box if it is on screen and free.
    pub fn try_take(&mut self, rect: [f32; 4]) -> bool {
        let free = self.is_free(rect);
        if free {
            self.block(rect);
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
        while self.taken.len() > mark {
            let Some(rect) = self.taken.pop() else { break };
            let k = self.taken.len() as u32;
            for c in self.grid.cells_of(&rect) {
                // Boxes enter a cell in the order taken, so the newest are at its end.
                while self.grid.cells[c].last().is_some_and(|&last| last >= k) {
                    self.grid.cells[c].pop();
                }
            }
        }
    }

    /// Takes the first of `spots` where a text `extent` large fits, as [`Self::place`] would for
    /// texts set there, without making them: returns the spot taken.
    pub fn place_extent(&mut self, extent: (f32, f32), spots: &[([f32; 2], Align)]) -> Option<([f32; 2], Align)> {
        spots
            .iter()
            .copied()
            .find(|&(anchor, align)| self.try_take(pad(Text::box_at(anchor, align, extent.0, extent.1), 1.0)))
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
    spots_around(at, gap, size)
        .into_iter()
        .map(|(anchor, align)| make(anchor, align, text, size))
        .collect()
}

/// The anchors and alignments of [`around`], without the texts.
fn spots_around(at: [f32; 2], gap: f32, size: f32) -> [([f32; 2], Align); 8] {
    let line = size * Text::LINE_HEIGHT;
    let diagonal = gap * 0.7;
    [
        ([at[0] + gap, at[1]], Align::LeftCenter),
        ([at[0] - gap, at[1]], Align::RightCenter),
        ([at[0], at[1] - gap * 0.6], Align::CenterBottom),
        ([at[0], at[1] + gap * 0.6 + line], Align::CenterBottom),
        ([at[0] + diagonal, at[1] - diagonal - line / 2.0], Align::LeftCenter),
        ([at[0] + diagonal, at[1] + diagonal + line / 2.0], Align::LeftCenter),
        ([at[0] - diagonal, at[1] - diagonal - line / 2.0], Align::RightCenter),
        ([at[0] - diagonal, at[1] + diagonal + line / 2.0], Align::RightCenter),
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
    let active: ahash::AHashSet<usize> = input.shown.active().iter().copied().collect();
    let today = |m: &Marker| m.events.iter().any(|e| active.contains(e));
    let weight = |place: &str| input.timeline.events_at_place(place);
    let rank = |m: &Marker| chronicle.place(&m.place).map_or(2, |p| priority(p, today(m)));
    let mut shown: Vec<&Marker> = markers
        .iter()
        .filter(|m| !m.spread && m.cluster.is_none() && pass.takes(rank(m)))
        .collect();
    // Each key looks up a place and its events: taken once per marker, not per comparison.
    shown.sort_by_cached_key(|m| {
        let m: &Marker = m;
        (
            rank(m),
            std::cmp::Reverse(today(m)),
            std::cmp::Reverse(weight(&m.place)),
            m.place.as_str(),
        )
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
    // Filed in a placer of their own, so a name's candidates are checked against the capitals
    // near them: a world of thousands of capitals asks this of every candidate of every marker.
    let marked: ahash::AHashSet<&str> = markers.iter().map(|m| m.place.as_str()).collect();
    let mut capital_dots = Placer::new(placer.size());
    for p in chronicle
        .places
        .iter()
        .filter(|p| p.rank == Some(PlaceRank::Capital) && p.precision != LocationPrecision::Region)
        .filter(|p| !marked.contains(p.id.as_str()))
    {
        let (x, y) = input.base.projection.forward(p.lon, p.lat);
        let at = transform.apply([x as f32, y as f32]);
        capital_dots.block([at[0] - 4.0, at[1] - 4.0, at[0] + 4.0, at[1] + 4.0]);
    }
    // A candidate off screen is never taken, so where it sorts does not matter; on screen, "not
    // free" among the capitals' dots is "over one of them".
    let clear_of_capitals = |mut candidates: Vec<Text>| {
        candidates.sort_by_cached_key(|t| !capital_dots.is_free(t.bounds()));
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
    // A place off screen can be neither named (the placer takes nothing off screen) nor missed,
    // so it is left out before the sort: a world of 20,000 towns zoomed in on one country sorts
    // the towns of that country.
    let [w, h] = placer.size();
    let dot_at = |i: usize| {
        let at = transform.apply(input.place_point(i)?);
        ((0.0..=w).contains(&at[0]) && (0.0..=h).contains(&at[1])).then_some(at)
    };
    // The places already named, by index: a flag to read rather than a name to hash per place.
    let places = &chronicle.places;
    let mut already = vec![false; places.len()];
    for i in named.places.iter().filter_map(|id| chronicle.place_index(id)) {
        already[i] = true;
    }
    // The day's towns by importance, listed once for the day: only those on screen are read,
    // and a place's record only once its dot has room (twenty thousand records read a frame
    // cost milliseconds in cache misses alone).
    let mut by_priority: [Vec<([f32; 2], usize, u8)>; 4] = Default::default();
    for &(i, priority) in input.shown.towns() {
        let i = i as usize;
        // Only villages have priority 3.
        let village = priority == 3;
        let wanted =
            pass.takes(priority) && !already.get(i).copied().unwrap_or(true) && !(named.capital_left_out && village);
        if let Some(at) = wanted.then(|| dot_at(i)).flatten() {
            by_priority[usize::from(priority.min(3))].push((at, i, priority));
        }
    }
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
    for (at, i, priority) in by_priority.into_iter().flatten() {
        let dot = [at[0] - 3.0, at[1] - 3.0, at[0] + 3.0, at[1] + 3.0];
        // A town's priority is 0 only for a capital.
        let capital = priority == 0;
        if !placer.is_free(dot) {
            named.capital_left_out |= capital;
            continue;
        }
        let Some(place) = places.get(i) else {
            continue;
        };
        let mark = placer.mark();
        placer.block(dot);
        let name = place.name_on(input.day);
        let spot = placer.place_extent(Text::extent(name, size, 0.0), &spots_around(at, 5.0, size));
        match spot.map(|(anchor, align)| make(anchor, align, name, size)) {
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
                named.capital_left_out |= capital;
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
        .shown
        .active()
        .iter()
        .flat_map(|&i| &chronicle.events[i].places)
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

#[cfg(test)]
mod tests {
    use super::Placer;
    use proptest::prelude::*;

    /// What the placer answered before it had a grid: every box against every box taken.
    #[derive(Default)]
    struct Linear {
        taken: Vec<[f32; 4]>,
    }

    impl Linear {
        fn is_free(&self, size: [f32; 2], r: [f32; 4]) -> bool {
            r[0] >= 0.0
                && r[1] >= 0.0
                && r[2] <= size[0]
                && r[3] <= size[1]
                && !self.taken.iter().any(|t| super::overlaps(t, &r))
        }
    }

    #[derive(Clone, Debug)]
    enum Step {
        Block([f32; 4]),
        Take([f32; 4]),
        Mark,
        Rollback,
    }

    fn rect() -> impl Strategy<Value = [f32; 4]> {
        // Boxes on, across and off a small screen, some inside out.
        (-80.0f32..400.0, -80.0f32..300.0, -40.0f32..160.0, -40.0f32..120.0)
            .prop_map(|(x, y, w, h)| [x, y, x + w, y + h])
    }

    fn step() -> impl Strategy<Value = Step> {
        prop_oneof![
            3 => rect().prop_map(Step::Block),
            6 => rect().prop_map(Step::Take),
            1 => Just(Step::Mark),
            1 => Just(Step::Rollback),
        ]
    }

    proptest! {
        /// The grid changes how fast the placer answers, never what it answers.
        #[test]
        fn prop_grid_answers_as_the_linear_scan(
            steps in prop::collection::vec(step(), 1..120),
            probes in prop::collection::vec(rect(), 1..40),
        ) {
            let size = [320.0, 200.0];
            let mut placer = Placer::new(size);
            let mut linear = Linear::default();
            let mut marks = Vec::new();
            for s in steps {
                match s {
                    Step::Block(r) => {
                        placer.block(r);
                        linear.taken.push(r);
                    }
                    Step::Take(r) => {
                        let free = linear.is_free(size, r);
                        prop_assert_eq!(placer.try_take(r), free);
                        if free {
                            linear.taken.push(r);
                        }
                    }
                    Step::Mark => marks.push(placer.mark()),
                    Step::Rollback => {
                        let mark = marks.pop().unwrap_or(0);
                        placer.rollback(mark);
                        linear.taken.truncate(mark);
                    }
                }
                for &p in &probes {
                    prop_assert_eq!(placer.is_free(p), linear.is_free(size, p));
                }
            }
        }
    }

    #[test]
    fn a_box_over_a_taken_one_is_not_free_until_rolled_back() {
        let mut placer = Placer::new([1920.0, 1080.0]);
        let mark = placer.mark();
        assert!(placer.try_take([100.0, 100.0, 300.0, 140.0]));
        assert!(!placer.is_free([290.0, 130.0, 400.0, 160.0]));
        assert!(
            placer.is_free([300.0, 100.0, 400.0, 140.0]),
            "touching edges do not overlap"
        );
        placer.rollback(mark);
        assert!(placer.is_free([290.0, 130.0, 400.0, 160.0]));
    }
}
