//! Journeys: the route with arrows showing the direction, the stretch already travelled drawn
//! solid and the rest dashed, and the travellers where they are on the day.

use super::labels::Placer;
use super::{Align, Primitive, Rgba, SceneInput, Text, Transform};
use crate::timeline::show::{Journey, km_between, lerp_lon_lat};

type LonLat = (f64, f64);

/// Splits `path` at `distance` km: the part before and the part after (sharing the cut point).
fn split_at_distance(path: &[LonLat], distance: f64) -> (Vec<LonLat>, Vec<LonLat>) {
    let mut left = distance;
    for (k, pair) in path.windows(2).enumerate() {
        let d = km_between(pair[0], pair[1]);
        if left <= d {
            let t = if d > 0.0 { left / d } else { 0.0 };
            let cut = lerp_lon_lat(pair[0], pair[1], t);
            let mut before = path[..=k].to_vec();
            before.push(cut);
            let mut after = vec![cut];
            after.extend_from_slice(&path[k + 1..]);
            return (before, after);
        }
        left -= d;
    }
    (path.to_vec(), Vec::new())
}

fn length(path: &[(f64, f64)]) -> f64 {
    path.windows(2).map(|w| km_between(w[0], w[1])).sum()
}

pub fn build(input: &SceneInput, transform: &Transform, placer: &mut Placer) -> Vec<Primitive> {
    let mut out = Vec::new();
    for journey in input.shown.journeys() {
        draw(input, transform, journey, placer, &mut out);
    }
    out
}

fn draw(input: &SceneInput, transform: &Transform, journey: &Journey, placer: &mut Placer, out: &mut Vec<Primitive>) {
    let style = input.style;
    let chronicle = input.chronicle;
    let Some(movement) = chronicle.movements.get(journey.movement) else {
        return;
    };
    let thread = movement
        .events
        .iter()
        .filter_map(|id| chronicle.event(id))
        .find_map(|e| e.thread.as_deref());
    let weight = journey.presence.weight();
    let color = style.event_color(chronicle, thread).with_alpha((255.0 * weight) as u8);
    let to_screen = |line: &[(f64, f64)]| -> Vec<Vec<[f32; 2]>> {
        input
            .base
            .projection
            .project_line(line)
            .into_iter()
            .map(|part| {
                part.into_iter()
                    .map(|(x, y)| transform.apply([x as f32, y as f32]))
                    .collect()
            })
            .collect()
    };
    let mut travelled = length(&journey.path) * journey.progress;
    // Each leg: faint and dashed still to go; the part travelled solid, or dotted when a waypoint
    // of the leg is our inference, so an inferred route never looks like the source's.
    for (range, inferred) in &journey.legs {
        let Some(leg) = journey.path.get(range.clone()) else {
            continue;
        };
        for points in to_screen(leg) {
            out.push(Primitive::Polyline {
                points,
                width: 2.0,
                color: color.with_alpha((color.0[3] as f32 * 0.45) as u8),
                dash: Some([8.0, 5.0]),
            });
        }
        let leg_length = length(leg);
        let (done, _) = split_at_distance(leg, travelled.clamp(0.0, leg_length));
        travelled -= leg_length;
        if done.len() < 2 || length(&done) <= 0.0 {
            continue;
        }
        for points in to_screen(&done) {
            out.push(Primitive::Polyline {
                points,
                width: 3.0,
                color,
                dash: if *inferred { Some([2.0, 4.0]) } else { None },
            });
        }
    }
    // An arrowhead at the middle of each leg, pointing the way the travellers went.
    for (range, _) in &journey.legs {
        let Some(leg) = journey.path.get(range.clone()) else {
            continue;
        };
        let (first, rest) = split_at_distance(leg, length(leg) / 2.0);
        let (Some(&a), Some(&b)) = (first.iter().rev().nth(1), rest.get(1)) else {
            continue;
        };
        let project = |p: (f64, f64)| {
            let (x, y) = input.base.projection.forward(p.0, p.1);
            transform.apply([x as f32, y as f32])
        };
        let (pa, pb) = (project(a), project(b));
        out.push(arrowhead(pa, pb, 9.0, color));
    }
    let (x, y) = input.base.projection.forward(journey.position.0, journey.position.1);
    let at = transform.apply([x as f32, y as f32]);
    out.push(Primitive::Circle {
        center: at,
        radius: 6.5,
        fill: style.halo,
        stroke_width: 3.0,
        stroke: color,
        dashed: false,
    });
    placer.block([at[0] - 7.0, at[1] - 7.0, at[0] + 7.0, at[1] + 7.0]);
    if journey.progress < 1.0 && !called_out(input, &movement.events) {
        let size = style.text_size(super::TextKind::Callout, placer.size()[1]);
        let make = |anchor, align| Text {
            anchor,
            align,
            text: movement.title.clone(),
            size,
            color: color.with_alpha(255),
            halo: Some(style.halo),
            italic: true,
            letter_spacing: 0.0,
            kind: super::TextKind::Callout,
        };
        if let Some(text) = placer.place([
            make([at[0] + 11.0, at[1]], Align::LeftCenter),
            make([at[0] - 11.0, at[1]], Align::RightCenter),
        ]) {
            out.push(Primitive::Text(text));
        }
    }
}

/// Whether a callout card of the day already names an event of the journey: then the journey's
/// own title would say the same act twice.
fn called_out(input: &SceneInput, events: &[String]) -> bool {
    let Some((called, limit)) = &input.overlay.callouts else {
        return false;
    };
    let called = &called[..called.len().min(*limit)];
    events
        .iter()
        .filter_map(|id| input.chronicle.event_index(id))
        .any(|i| called.contains(&i))
}

/// A filled triangle with its tip `size` px ahead of the midpoint of `a`→`b`.
fn arrowhead(a: [f32; 2], b: [f32; 2], size: f32, color: Rgba) -> Primitive {
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let len = dx.hypot(dy).max(1e-3);
    let (ux, uy) = (dx / len, dy / len);
    let mid = [(a[0] + b[0]) / 2.0, (a[1] + b[1]) / 2.0];
    let tip = [mid[0] + ux * size * 0.6, mid[1] + uy * size * 0.6];
    let back = [mid[0] - ux * size * 0.4, mid[1] - uy * size * 0.4];
    Primitive::Polygon {
        points: vec![
            tip,
            [back[0] - uy * size * 0.5, back[1] + ux * size * 0.5],
            [back[0] + uy * size * 0.5, back[1] - ux * size * 0.5],
        ],
        fill: color.with_alpha(255),
    }
}
