//! Event markers: one per place, grouping the events that share it with a count; a group can be
//! spread out so each event gets its own marker. Region places are soft areas, not pins.

use super::labels::Placer;
use super::shown::rank;
use super::{Align, Primitive, Rgba, SceneInput, Text, Transform};
use crate::chronicle::LocationPrecision;
use crate::timeline::show::ShownEvent;

/// A marker the pointer can hit.
#[derive(Clone, Debug, PartialEq)]
pub struct Marker {
    pub place: String,
    pub center: [f32; 2],
    pub radius: f32,
    /// Indices into `Chronicle::events`, in timeline order; one when `spread`.
    pub events: Vec<usize>,
    /// One event of a group drawn spread out around its place.
    pub spread: bool,
    /// `None` for the chronicle's own events; for a context layer's, its index, and `events`
    /// index that layer's chronicle.
    pub layer: Option<usize>,
    /// Set when the marker gathers several places at low zoom; `events` then holds a sample.
    pub cluster: Option<Cluster>,
}

/// The shown events of one place, gathered for the day by [`super::ShownDay`].
struct Group<'a> {
    /// Index into the chronicle's places.
    place: usize,
    /// How many events are shown there.
    count: usize,
    /// The most present first, at most [`CLUSTER_SAMPLE`].
    leading: &'a [ShownEvent],
    /// How present the first of them is, read with the group rather than from the list.
    lead_rank: (u8, f32),
    marks: &'a super::PlaceGroup,
}

/// Beyond this many places with markers on screen, nearby places are gathered into clusters
/// with counts: a chronicle of a few dozen places a day is never clustered.
pub const CLUSTER_ABOVE: usize = 150;
/// At most this many markers (single places and clusters) are drawn, however many places the
/// day has: the grid's cells grow until the occupied ones are no more.
pub const MAX_DRAWN: usize = 400;
/// The side of a cluster cell, in pixels, before it grows.
const CELL_PX: f32 = 48.0;
/// Markers this far off screen are still drawn (their rims and rings show at the edges).
const MARGIN_PX: f32 = 40.0;

/// Places gathered into one marker at low zoom.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cluster {
    /// How many places it gathers.
    pub places: usize,
    /// How many events those places have on the day shown.
    pub events: usize,
}

pub fn build(input: &SceneInput, transform: &Transform, placer: &mut Placer) -> (Vec<Primitive>, Vec<Marker>) {
    let chronicle = input.chronicle;
    let shown = input.shown;
    let places = &chronicle.places;
    let mut primitives = Vec::new();
    let mut markers = Vec::new();
    // Each group and where it is drawn. A place's own record is read only for a group drawn on
    // its own: a cumulative map has twenty thousand groups, most gathered into clusters, and
    // reading each one's record costs milliseconds in cache misses.
    let mut placed: Vec<(Group, [f32; 2])> = shown
        .groups()
        .iter()
        .filter(|marks| marks.place < places.len())
        .filter_map(|marks| {
            let group = Group {
                place: marks.place,
                count: shown.count_of(marks),
                leading: shown.leading_of(marks),
                lead_rank: shown.leading_of(marks).first().map_or((u8::MAX, 0.0), rank),
                marks,
            };
            Some((group, transform.apply(input.place_point(marks.place)?)))
        })
        .collect();
    if placed.len() > CLUSTER_ABOVE {
        let [w, h] = placer.size();
        let on_screen =
            |c: [f32; 2]| c[0] >= -MARGIN_PX && c[1] >= -MARGIN_PX && c[0] <= w + MARGIN_PX && c[1] <= h + MARGIN_PX;
        placed.retain(|(_, c)| on_screen(*c));
    }
    if placed.len() > CLUSTER_ABOVE {
        let (singles, clusters) = cluster(placed, input, placer.size());
        for cluster in &clusters {
            cluster_marker(input, cluster, placer, &mut primitives, &mut markers);
        }
        placed = singles;
    }
    // Regions first so pins sit on top of them; then by weight, so busy places end on top.
    placed.sort_by_key(|(g, _)| (!g.marks.region, g.count));
    for (group, center) in &placed {
        let Some(place) = places.get(group.place) else {
            continue;
        };
        group_marker(
            input,
            transform,
            placer,
            group,
            place,
            *center,
            &mut primitives,
            &mut markers,
        );
    }
    (primitives, markers)
}

/// Places gathered in one cell of the grid.
struct Gathered {
    center: [f32; 2],
    places: usize,
    /// The most present events first, at most [`CLUSTER_SAMPLE`] of them.
    sample: Vec<ShownEvent>,
    events: usize,
    /// The side of the grid's cells: a cluster's disc stays inside its own.
    cell: f32,
}

/// How many of a cluster's events its marker names (the tooltip lists them).
const CLUSTER_SAMPLE: usize = super::ShownDay::LEADING;

/// Gathers the groups into a grid in screen space whose cells grow until at most [`MAX_DRAWN`]
/// are occupied. A cell holding one place keeps its own marker; a cell of several becomes a
/// cluster. The group of the selected event always keeps its own marker, drawn above.
#[allow(clippy::type_complexity)]
fn cluster<'a>(
    placed: Vec<(Group<'a>, [f32; 2])>,
    input: &SceneInput,
    size: [f32; 2],
) -> (Vec<(Group<'a>, [f32; 2])>, Vec<Gathered>) {
    // The grid covers the screen and its margin, where every place left to cluster lies: cells
    // are counted in a table, not hashed.
    let mut grid = Grid::new(CELL_PX, size);
    let mut occupied = vec![false; grid.cells()];
    for _ in 0..16 {
        occupied.clear();
        occupied.resize(grid.cells(), false);
        let mut count = 0;
        for (_, c) in &placed {
            let slot = &mut occupied[grid.index(*c)];
            count += usize::from(!*slot);
            *slot = true;
        }
        if count <= MAX_DRAWN {
            break;
        }
        grid = Grid::new(grid.cell * 1.5, size);
    }
    let cell = grid.cell;
    // The places of each cell, in the order placed (a counting sort); cells in column order.
    let mut starts = vec![0usize; grid.cells() + 1];
    let of_place: Vec<usize> = placed.iter().map(|(_, c)| grid.index(*c)).collect();
    for &g in &of_place {
        starts[g + 1] += 1;
    }
    for g in 1..starts.len() {
        starts[g] += starts[g - 1];
    }
    let mut next = starts.clone();
    let mut members_of = vec![0usize; placed.len()];
    for (k, &g) in of_place.iter().enumerate() {
        members_of[next[g]] = k;
        next[g] += 1;
    }
    // The selected event's group: the one at its place, if the event is among its shown ones.
    let selected_place = input.selected.and_then(|s| {
        let p = input.place_index_of_event(s)?;
        let g = input.shown.group_of_place(p)?;
        input.shown.events_of(g).any(|e| e.event == s).then_some(p)
    });
    let selected_group = |g: &Group| selected_place == Some(g.marks.place);
    let mut single = vec![false; placed.len()];
    let mut gathered = Vec::new();
    for at in 0..grid.cells() {
        let members = &members_of[starts[at]..starts[at + 1]];
        if members.is_empty() {
            continue;
        }
        if members.len() == 1 {
            single[members[0]] = true;
            continue;
        }
        let mut sample: Vec<ShownEvent> = Vec::new();
        let (mut sx, mut sy, mut events, mut places) = (0.0, 0.0, 0, 0);
        for &k in members {
            let (g, c) = &placed[k];
            if selected_group(g) {
                // The selection stays a marker of its own, ringed.
                single[k] = true;
                continue;
            }
            sx += c[0];
            sy += c[1];
            places += 1;
            events += g.count;
            merge_leading(&mut sample, g);
        }
        if places == 0 {
            continue;
        }
        gathered.push(Gathered {
            center: [sx / places as f32, sy / places as f32],
            places,
            sample,
            events,
            cell,
        });
    }
    let singles = placed
        .into_iter()
        .zip(single)
        .filter_map(|(p, keep)| keep.then_some(p))
        .collect();
    (singles, gathered)
}

/// Square cells over the screen and its margin, numbered column by column.
struct Grid {
    cell: f32,
    /// The first column and row: the cell of the margin's top left corner.
    first: (i64, i64),
    columns: usize,
    rows: usize,
}

impl Grid {
    fn new(cell: f32, size: [f32; 2]) -> Grid {
        let at = |v: f32| (v / cell).floor() as i64;
        let first = (at(-MARGIN_PX), at(-MARGIN_PX));
        let last = (at(size[0] + MARGIN_PX), at(size[1] + MARGIN_PX));
        Grid {
            cell,
            first,
            columns: (last.0 - first.0 + 1).max(1) as usize,
            rows: (last.1 - first.1 + 1).max(1) as usize,
        }
    }

    fn cells(&self) -> usize {
        self.columns * self.rows
    }

    /// The cell of a point (one beyond the margin counts in the nearest cell).
    fn index(&self, c: [f32; 2]) -> usize {
        let at =
            |v: f32, first: i64, n: usize| ((v / self.cell).floor() as i64 - first).clamp(0, n as i64 - 1) as usize;
        at(c[0], self.first.0, self.columns) * self.rows + at(c[1], self.first.1, self.rows)
    }
}

/// Merges `more` into `sample`, both the most present first, keeping the first
/// [`CLUSTER_SAMPLE`]; among equals, those already in come first, as a stable sort would keep them.
fn merge_leading(sample: &mut Vec<ShownEvent>, group: &Group) {
    let more = group.leading;
    let full = sample.len() >= CLUSTER_SAMPLE;
    // A cumulative map's clusters are of past events: a full sample of them takes no more.
    if full && (more.is_empty() || sample.last().is_some_and(|last| group.lead_rank >= rank(last))) {
        return;
    }
    let mut merged = Vec::with_capacity(CLUSTER_SAMPLE);
    let (mut a, mut b) = (0, 0);
    while merged.len() < CLUSTER_SAMPLE && (a < sample.len() || b < more.len()) {
        let take_more = a >= sample.len() || (b < more.len() && rank(&more[b]) < rank(&sample[a]));
        if take_more {
            merged.push(more[b]);
            b += 1;
        } else {
            merged.push(sample[a]);
            a += 1;
        }
    }
    *sample = merged;
}

/// "7", "950", "1.2k", "34k", "1.1M": a count that fits a marker.
pub fn short_count(n: usize) -> String {
    match n {
        0..=999 => n.to_string(),
        1_000..=9_949 => format!("{:.1}k", n as f64 / 1e3),
        9_950..=999_499 => format!("{}k", (n as f64 / 1e3).round()),
        _ => format!("{:.1}M", n as f64 / 1e6),
    }
}

/// A cluster: a soft disc sized by its count, the count in its middle.
fn cluster_marker(
    input: &SceneInput,
    cluster: &Gathered,
    placer: &mut Placer,
    primitives: &mut Vec<Primitive>,
    markers: &mut Vec<Marker>,
) {
    let style = input.style;
    let scale = style.text_scale.sqrt();
    // Sized by its count, within its cell, so neighbouring clusters do not cover each other.
    let radius = ((style.marker_radius + 2.5 * (cluster.events as f32).log2().max(1.0)) * scale)
        .min(cluster.cell * 0.5 - 5.0)
        .max(style.marker_radius);
    let lead = cluster.sample.first();
    let color = lead.map_or(style.no_thread, |e| {
        style.event_color(input.chronicle, input.chronicle.events[e.event].thread.as_deref())
    });
    let center = cluster.center;
    placer.block([
        center[0] - radius,
        center[1] - radius,
        center[0] + radius,
        center[1] + radius,
    ]);
    primitives.push(Primitive::Circle {
        center,
        radius: radius + 4.0,
        fill: color.with_alpha(60),
        stroke_width: 0.0,
        stroke: style.halo,
        dashed: false,
    });
    primitives.push(Primitive::Circle {
        center,
        radius,
        fill: color.with_alpha(215),
        stroke_width: 1.5,
        stroke: style.halo,
        dashed: false,
    });
    primitives.push(Primitive::Text(Text {
        anchor: center,
        align: Align::Center,
        text: short_count(cluster.events),
        size: (radius * 0.8).clamp(9.0, 18.0),
        color: style.halo,
        halo: None,
        italic: false,
        letter_spacing: 0.0,
        kind: super::TextKind::Count,
    }));
    markers.push(Marker {
        place: String::new(),
        center,
        radius,
        events: cluster.sample.iter().map(|e| e.event).collect(),
        spread: false,
        layer: None,
        cluster: Some(Cluster {
            places: cluster.places,
            events: cluster.events,
        }),
    });
}

/// The marker of one place's events: a pin with its count, or a region's soft area; spread out
/// around the place when it is the expanded one.
#[allow(clippy::too_many_arguments)]
fn group_marker(
    input: &SceneInput,
    transform: &Transform,
    placer: &mut Placer,
    group: &Group,
    place: &crate::chronicle::Place,
    center: [f32; 2],
    primitives: &mut Vec<Primitive>,
    markers: &mut Vec<Marker>,
) {
    let chronicle = input.chronicle;
    let style = input.style;
    {
        let Some(lead) = group.leading.first() else {
            return;
        };
        let color_of = |e: &ShownEvent| {
            style
                .event_color(chronicle, chronicle.events[e.event].thread.as_deref())
                .with_alpha((255.0 * e.presence.weight()) as u8)
        };
        // The source does not state the place of any of these events: drawn hollow.
        let inferred = group.marks.all_inferred;
        // Gathered in timeline order.
        let shown: Vec<ShownEvent> = input.shown.events_of(group.marks).copied().collect();
        let selected = input.selected.is_some_and(|s| shown.iter().any(|e| e.event == s));
        let events: Vec<usize> = shown.iter().map(|e| e.event).collect();
        if place.precision == LocationPrecision::Region {
            // An outline, where the place has one, is drawn instead of the circle; its marker is
            // the circle of the same area, for hovering and callouts.
            let outline: Option<Vec<[f32; 2]>> = place.area.as_ref().map(|ring| {
                ring.iter()
                    .map(|&[lon, lat]| {
                        let (x, y) = input.base.projection.forward(lon, lat);
                        transform.apply([x as f32, y as f32])
                    })
                    .collect()
            });
            let radius = match &outline {
                Some(ring) => (ring_area(ring) / std::f32::consts::PI).sqrt().clamp(10.0, 400.0),
                None => (place.radius_km.unwrap_or(150.0) as f32 * transform.scale).clamp(10.0, 400.0),
            };
            let color = color_of(lead);
            // Large areas are fainter, so a region the size of Manchuria does not drown the map;
            // an inferred one is only outlined.
            let fill_alpha = if inferred {
                0.0
            } else {
                0.10 * (120.0 / radius).clamp(0.4, 1.0)
            };
            let fill = color.with_alpha((color.0[3] as f32 * fill_alpha) as u8);
            let stroke_width = if selected { 2.5 } else { 1.2 };
            let stroke = if selected {
                style.selected
            } else {
                color.with_alpha((color.0[3] as f32 * 0.5) as u8)
            };
            let area = outline.and_then(|ring| Primitive::area(&ring, fill, stroke_width, stroke, true));
            primitives.push(area.unwrap_or(Primitive::Circle {
                center,
                radius,
                fill,
                stroke_width,
                stroke,
                dashed: true,
            }));
            if group.count > 1 && input.expanded_place == Some(place.id.as_str()) {
                let small = style.marker_radius * style.text_scale.sqrt();
                spread_out(
                    input, center, small, &shown, group, &color_of, placer, primitives, markers,
                );
                return;
            }
            markers.push(Marker {
                place: place.id.clone(),
                center,
                radius,
                events,
                spread: false,
                layer: None,
                cluster: None,
            });
            return;
        }
        let count = group.count;
        let weight = lead.presence.weight();
        let radius =
            (style.marker_radius + 1.6 * (count as f32).sqrt()) * (0.7 + 0.3 * weight) * style.text_scale.sqrt();
        placer.block([
            center[0] - radius,
            center[1] - radius,
            center[0] + radius,
            center[1] + radius,
        ]);
        let expanded = count > 1 && input.expanded_place == Some(place.id.as_str());
        if expanded {
            spread_out(
                input, center, radius, &shown, group, &color_of, placer, primitives, markers,
            );
            return;
        }
        if selected {
            primitives.push(ring(center, radius + 4.0, style.selected));
        }
        let (fill, stroke, stroke_width) = if inferred {
            (style.halo.with_alpha((255.0 * weight) as u8), color_of(lead), 2.2)
        } else {
            (color_of(lead), style.halo.with_alpha((255.0 * weight) as u8), 1.5)
        };
        primitives.push(Primitive::Circle {
            center,
            radius,
            fill,
            stroke_width,
            stroke,
            dashed: false,
        });
        if group.marks.any_uncertain {
            // A date not pinned to the day: a dashed ring around the pin for its whole window.
            primitives.push(Primitive::Circle {
                center,
                radius: radius + 2.5,
                fill: Rgba([0, 0, 0, 0]),
                stroke_width: 1.3,
                stroke: color_of(lead),
                dashed: true,
            });
        }
        if count > 1 {
            primitives.push(Primitive::Text(Text {
                anchor: center,
                align: Align::Center,
                text: count.to_string(),
                size: (radius * 1.1).max(9.0),
                color: if inferred {
                    color_of(lead).with_alpha(255)
                } else {
                    style.halo
                },
                halo: None,
                italic: false,
                letter_spacing: 0.0,
                kind: super::TextKind::Count,
            }));
        }
        markers.push(Marker {
            place: place.id.clone(),
            center,
            radius,
            events,
            spread: false,
            layer: None,
            cluster: None,
        });
    }
}

fn ring(center: [f32; 2], radius: f32, color: Rgba) -> Primitive {
    Primitive::Circle {
        center,
        radius,
        fill: Rgba([0, 0, 0, 0]),
        stroke_width: 2.5,
        stroke: color,
        dashed: false,
    }
}

/// Draws each event of a group on a ring around its place, joined to it by a spoke.
#[allow(clippy::too_many_arguments)]
fn spread_out(
    input: &SceneInput,
    center: [f32; 2],
    radius: f32,
    shown: &[ShownEvent],
    group: &Group,
    color_of: &dyn Fn(&ShownEvent) -> Rgba,
    placer: &mut Placer,
    primitives: &mut Vec<Primitive>,
    markers: &mut Vec<Marker>,
) {
    let style = input.style;
    let small = style.marker_radius * style.text_scale.sqrt();
    let n = shown.len() as f32;
    let ring_radius = (radius + 14.0).max(n * (small * 2.6) / std::f32::consts::TAU);
    primitives.push(Primitive::Circle {
        center,
        radius: ring_radius,
        fill: style.halo.with_alpha(150),
        stroke_width: 1.0,
        stroke: style.context_label.with_alpha(120),
        dashed: false,
    });
    primitives.push(Primitive::Circle {
        center,
        radius: 3.0,
        fill: style.context_label,
        stroke_width: 0.0,
        stroke: style.halo,
        dashed: false,
    });
    for (k, shown) in shown.iter().enumerate() {
        let event = shown.event;
        let angle = -std::f32::consts::FRAC_PI_2 + std::f32::consts::TAU * k as f32 / n;
        let at = [
            center[0] + ring_radius * angle.cos(),
            center[1] + ring_radius * angle.sin(),
        ];
        primitives.push(Primitive::Polyline {
            points: vec![center, at],
            width: 0.8,
            color: style.context_label.with_alpha(140),
            dash: None,
        });
        if input.selected == Some(event) {
            primitives.push(ring(at, small + 4.0, style.selected));
        }
        primitives.push(Primitive::Circle {
            center: at,
            radius: small,
            fill: if input.chronicle.events[event].place_inferred {
                style.halo
            } else {
                color_of(shown)
            },
            stroke_width: if input.chronicle.events[event].place_inferred {
                2.2
            } else {
                1.5
            },
            stroke: if input.chronicle.events[event].place_inferred {
                color_of(shown)
            } else {
                style.halo
            },
            dashed: shown.uncertain,
        });
        placer.block([at[0] - small, at[1] - small, at[0] + small, at[1] + small]);
        markers.push(Marker {
            place: input.chronicle.places[group.place].id.clone(),
            center: at,
            radius: small,
            events: vec![event],
            spread: true,
            layer: None,
            cluster: None,
        });
    }
}

/// The area of a ring in square pixels (shoelace formula).
fn ring_area(ring: &[[f32; 2]]) -> f32 {
    let n = ring.len();
    let twice: f32 = (0..n)
        .map(|i| {
            let (a, b) = (ring[i], ring[(i + 1) % n]);
            a[0] * b[1] - b[0] * a[1]
        })
        .sum();
    twice.abs() / 2.0
}
