//! Keyframed features of the day (a front, the areas each side holds): fronts as a muted red line,
//! dashed where the keyframes are approximate; areas as a translucent fill with an outline; each
//! named beside its line. Drawn under the events, over the base map.

use super::labels::Placer;
use super::{Align, Primitive, Rgba, SceneInput, Text, TextKind, Transform, clip_and_thin};
use crate::chronicle::{Chronicle, FeatureKind};
use chrono::NaiveDate;
use geo::{Coord, LineString, Polygon, TriangulateEarcut};

/// A feature as the map draws it on one day, its keyframes already interpolated.
#[derive(Clone, Debug, PartialEq)]
pub struct DayFeature {
    pub name: String,
    pub kind: FeatureKind,
    /// Parts in [lon, lat].
    pub parts: Vec<Vec<[f64; 2]>>,
    pub approximate: bool,
    /// Its place among the day's areas, which picks the colour, so two sides differ.
    pub area_index: usize,
}

/// The features of `chronicles` drawn on `day`, in file order.
pub fn features_on<'a>(chronicles: impl IntoIterator<Item = &'a Chronicle>, day: NaiveDate) -> Vec<DayFeature> {
    let mut out: Vec<DayFeature> = Vec::new();
    for chronicle in chronicles {
        for feature in &chronicle.map.features {
            let Some(shown) = feature.on(day) else { continue };
            let area_index = out.iter().filter(|f| f.kind == FeatureKind::Area).count();
            out.push(DayFeature {
                name: feature.name.clone(),
                kind: feature.kind,
                parts: shown.parts,
                approximate: shown.approximate,
                area_index,
            });
        }
    }
    out
}

pub fn build(input: &SceneInput, transform: &Transform, placer: &mut Placer) -> Vec<Primitive> {
    let style = input.style;
    let size = placer.size();
    let projection = &input.base.projection;
    let mut fills = Vec::new();
    let mut lines = Vec::new();
    let mut labels = Vec::new();
    for feature in input.features {
        let color = match feature.kind {
            FeatureKind::Area if feature.area_index % 2 == 1 => style.front_other,
            // A crossing is the other side's movement, apart from the front's red.
            FeatureKind::Arrow => style.front_other,
            _ => style.front,
        };
        let dash = feature.approximate.then_some([9.0, 5.0]);
        let mut longest: Vec<[f32; 2]> = Vec::new();
        for part in &feature.parts {
            let lonlat: Vec<(f64, f64)> = part.iter().map(|p| (p[0], p[1])).collect();
            let world: Vec<[f32; 2]> = if feature.kind == FeatureKind::Area {
                lonlat
                    .iter()
                    .map(|&(lon, lat)| {
                        let (x, y) = projection.forward(lon, lat);
                        [x as f32, y as f32]
                    })
                    .collect()
            } else {
                // Lines are cut at the projection's seam; keep the longest run.
                projection
                    .project_line(&lonlat)
                    .into_iter()
                    .max_by_key(Vec::len)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(x, y)| [x as f32, y as f32])
                    .collect()
            };
            if feature.kind == FeatureKind::Area {
                let mut ring = world.clone();
                if ring.len() > 2 && ring.first() != ring.last() {
                    ring.push(ring[0]);
                }
                if let Some(area) = area_fill(&ring, transform, color.with_alpha(46)) {
                    fills.push(area);
                }
                let mut outline = world;
                if outline.len() > 2 {
                    outline.push(outline[0]);
                }
                push_line(&mut lines, &outline, transform, size, 1.6, color.with_alpha(190), dash);
            } else if feature.kind == FeatureKind::Arrow {
                let width = style.border_width * 2.6;
                let screen: Vec<[f32; 2]> = world.iter().map(|&p| transform.apply(p)).collect();
                if let Some(head) = arrow_head(&screen, width, color) {
                    // The shaft stops where the head begins, so a dash never shows through it.
                    let mut shaft = world.clone();
                    if let (Some(last), Primitive::Polygon { points, .. }) = (shaft.last_mut(), &head) {
                        let base = [(points[1][0] + points[2][0]) / 2.0, (points[1][1] + points[2][1]) / 2.0];
                        *last = transform.invert(base);
                    }
                    push_line(&mut lines, &shaft, transform, size, width, color, dash);
                    lines.push(head);
                }
            } else {
                push_line(
                    &mut lines,
                    &world,
                    transform,
                    size,
                    style.border_width * 2.6,
                    color,
                    dash,
                );
            }
            let screen: Vec<[f32; 2]> = part_on_screen(&input.base.projection, part, transform);
            if screen.len() > longest.len() {
                longest = screen;
            }
        }
        if let Some(text) = name_along(&feature.name, &longest, color, input, placer) {
            labels.push(Primitive::Text(text));
        }
    }
    fills.extend(lines);
    fills.extend(labels);
    fills
}

/// The head at the end of an arrow on screen: a filled triangle whose tip is the last point, its
/// size in proportion to the line's width, never longer than half the arrow.
fn arrow_head(screen: &[[f32; 2]], width: f32, color: Rgba) -> Option<Primitive> {
    let tip = *screen.last()?;
    let from = screen
        .iter()
        .rev()
        .skip(1)
        .find(|p| (p[0] - tip[0]).hypot(p[1] - tip[1]) > 0.5)?;
    let (dx, dy) = (tip[0] - from[0], tip[1] - from[1]);
    let len = dx.hypot(dy);
    let total: f32 = screen
        .windows(2)
        .map(|w| (w[1][0] - w[0][0]).hypot(w[1][1] - w[0][1]))
        .sum();
    let head = (width * 5.0).max(10.0).min(total * 0.5);
    let (ux, uy) = (dx / len, dy / len);
    let back = [tip[0] - ux * head, tip[1] - uy * head];
    let half = head * 0.55;
    Some(Primitive::Polygon {
        points: vec![
            tip,
            [back[0] - uy * half, back[1] + ux * half],
            [back[0] + uy * half, back[1] - ux * half],
        ],
        fill: color.with_alpha(255),
    })
}

fn part_on_screen(
    projection: &crate::map::projection::Projection,
    part: &[[f64; 2]],
    transform: &Transform,
) -> Vec<[f32; 2]> {
    part.iter()
        .map(|p| {
            let (x, y) = projection.forward(p[0], p[1]);
            transform.apply([x as f32, y as f32])
        })
        .collect()
}

fn push_line(
    out: &mut Vec<Primitive>,
    world: &[[f32; 2]],
    transform: &Transform,
    size: [f32; 2],
    width: f32,
    color: Rgba,
    dash: Option<[f32; 2]>,
) {
    for points in clip_and_thin(world, transform, size) {
        out.push(Primitive::Polyline {
            points,
            width,
            color,
            dash,
        });
    }
}

/// A ring (world km, closed) filled on screen: triangulated here, since a painter's own polygon
/// fill assumes a convex shape and a held area seldom is one.
fn area_fill(ring: &[[f32; 2]], transform: &Transform, fill: Rgba) -> Option<Primitive> {
    let screen: Vec<[f32; 2]> = ring.iter().map(|&p| transform.apply(p)).collect();
    let coords: Vec<Coord<f64>> = screen
        .iter()
        .map(|p| Coord {
            x: p[0] as f64,
            y: p[1] as f64,
        })
        .collect();
    let raw = Polygon::new(LineString::new(coords), vec![]).earcut_triangles_raw();
    let points: Vec<[f32; 2]> = raw.vertices.iter().map(|c| [c[0] as f32, c[1] as f32]).collect();
    let triangles: Vec<u32> = raw.triangle_indices.iter().map(|&i| i as u32).collect();
    // The outline is drawn as its own line (dashed when approximate), so the area has none.
    (!triangles.is_empty()).then_some(Primitive::Area {
        ring: points,
        triangles,
        fill,
        stroke_width: 0.0,
        stroke: fill,
        dashed: false,
    })
}

/// The name set beside the middle of the line, on the side with room.
fn name_along(name: &str, line: &[[f32; 2]], color: Rgba, input: &SceneInput, placer: &mut Placer) -> Option<Text> {
    if name.is_empty() || line.len() < 2 {
        return None;
    }
    let (first, last) = (line[0], line[line.len() - 1]);
    if (last[0] - first[0]).hypot(last[1] - first[1]) < 40.0 {
        return None;
    }
    let style = input.style;
    let size = style.text_size(TextKind::Line, placer.size()[1]);
    let mid = line[line.len() / 2];
    let make = |anchor, align| Text {
        anchor,
        align,
        text: name.to_string(),
        size,
        color: color.with_alpha(255),
        halo: Some(style.halo),
        italic: true,
        letter_spacing: 0.0,
        kind: TextKind::Line,
    };
    placer.place([
        make([mid[0] + 8.0, mid[1] - 4.0], Align::LeftTop),
        make([mid[0] - 8.0, mid[1] - 4.0], Align::RightBottom),
        make([mid[0], mid[1] - 6.0], Align::CenterBottom),
    ])
}
