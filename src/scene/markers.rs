//! Event markers: one per place, grouping the events that share it with a count; a group can be
//! spread out so each event gets its own marker. Region places are soft areas, not pins.

use super::labels::Placer;
use super::{Align, Primitive, Rgba, SceneInput, Text, Transform};
use crate::chronicle::LocationPrecision;
use crate::timeline::show::{Presence, ShownEvent};

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
}

struct Group<'a> {
    place: &'a str,
    shown: Vec<&'a ShownEvent>,
}

/// The most present first: active before fading before past, later before earlier.
fn rank(e: &ShownEvent) -> (u8, f32) {
    match e.presence {
        Presence::Active => (0, 0.0),
        Presence::Fading(f) => (1, -f),
        Presence::Past => (2, 0.0),
    }
}

pub fn build(input: &SceneInput, transform: &Transform, placer: &mut Placer) -> (Vec<Primitive>, Vec<Marker>) {
    let chronicle = input.chronicle;
    let style = input.style;
    let mut groups: Vec<Group> = Vec::new();
    for shown in input.events {
        let Some(place) = chronicle.events.get(shown.event).and_then(|e| e.places.first()) else {
            continue;
        };
        match groups.iter_mut().find(|g| g.place == place.as_str()) {
            Some(g) => g.shown.push(shown),
            None => groups.push(Group {
                place,
                shown: vec![shown],
            }),
        }
    }
    // Regions first so pins sit on top of them; then by weight, so busy places end on top.
    groups.sort_by_key(|g| {
        let region = chronicle
            .place(g.place)
            .is_some_and(|p| p.precision == LocationPrecision::Region);
        (!region, g.shown.len())
    });
    let mut primitives = Vec::new();
    let mut markers = Vec::new();
    for group in &mut groups {
        let Some(place) = chronicle.place(group.place) else {
            continue;
        };
        group
            .shown
            .sort_by(|a, b| rank(a).partial_cmp(&rank(b)).unwrap_or(std::cmp::Ordering::Equal));
        let lead = group.shown[0];
        let (x, y) = input.base.projection.forward(place.lon, place.lat);
        let center = transform.apply([x as f32, y as f32]);
        let color_of = |e: &ShownEvent| {
            style
                .event_color(chronicle, chronicle.events[e.event].thread.as_deref())
                .with_alpha((255.0 * e.presence.weight()) as u8)
        };
        // The source does not state the place of any of these events: drawn hollow.
        let inferred = group.shown.iter().all(|e| chronicle.events[e.event].place_inferred);
        let selected = input.selected.is_some_and(|s| group.shown.iter().any(|e| e.event == s));
        let events: Vec<usize> = {
            let mut v: Vec<usize> = group.shown.iter().map(|e| e.event).collect();
            v.sort_by(|a, b| chronicle.events[*a].date.timeline_cmp(&chronicle.events[*b].date));
            v
        };
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
            if group.shown.len() > 1 && input.expanded_place == Some(place.id.as_str()) {
                let small = style.marker_radius * style.text_scale.sqrt();
                spread_out(
                    input,
                    center,
                    small,
                    &events,
                    group,
                    &color_of,
                    placer,
                    &mut primitives,
                    &mut markers,
                );
                continue;
            }
            markers.push(Marker {
                place: place.id.clone(),
                center,
                radius,
                events,
                spread: false,
                layer: None,
            });
            continue;
        }
        let count = group.shown.len();
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
                input,
                center,
                radius,
                &events,
                group,
                &color_of,
                placer,
                &mut primitives,
                &mut markers,
            );
            continue;
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
        if group.shown.iter().any(|e| e.uncertain) {
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
        });
    }
    (primitives, markers)
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
    events: &[usize],
    group: &Group,
    color_of: &dyn Fn(&ShownEvent) -> Rgba,
    placer: &mut Placer,
    primitives: &mut Vec<Primitive>,
    markers: &mut Vec<Marker>,
) {
    let style = input.style;
    let small = style.marker_radius * style.text_scale.sqrt();
    let n = events.len() as f32;
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
    for (k, &event) in events.iter().enumerate() {
        let angle = -std::f32::consts::FRAC_PI_2 + std::f32::consts::TAU * k as f32 / n;
        let at = [
            center[0] + ring_radius * angle.cos(),
            center[1] + ring_radius * angle.sin(),
        ];
        let shown = group.shown.iter().find(|e| e.event == event).copied();
        let Some(shown) = shown else { continue };
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
            place: group.place.to_string(),
            center: at,
            radius: small,
            events: vec![event],
            spread: true,
            layer: None,
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
