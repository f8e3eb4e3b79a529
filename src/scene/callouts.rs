//! The day's story on the map: the titles of the day's events beside their markers, most
//! precisely dated first, up to a limit and "+N more"; or, when they cannot all be placed, the
//! same titles as a list on a card. Titles wrap and are never cut.

use super::labels::{Placer, pad};
use super::overlay::{Boxes, text, widest, wrap};
use super::{Align, Marker, Primitive, SceneInput, Text, TextKind, Transform};

/// A title set beside a marker, and the leader joining them when it stands off.
struct Callout {
    /// The small card under the title, so a callout reads apart from the names of places.
    card: [f32; 4],
    text: Text,
    leader: Option<[[f32; 2]; 2]>,
}

/// The callouts (or the list) and a note counting what is not named: the day's events beyond
/// the limit and `unnamed` markers of the day whose place had no room for its name. Where the
/// chronicle's own events leave room under the limit, the shown layers' events of the day are
/// called out too, in grey italic; those are returned as (layer, event), so the layer does not
/// name them a second time.
pub fn build(
    input: &SceneInput,
    markers: &[Marker],
    transform: &Transform,
    placer: &mut Placer,
    boxes: &Boxes,
    unnamed: usize,
) -> (Vec<Primitive>, Vec<(usize, usize)>) {
    let mut out = Vec::new();
    let mut layer_called = Vec::new();
    let [w, h] = placer.size();
    let style = input.style;
    let size = style.text_size(TextKind::Callout, h);
    let mut more = 0;
    if let Some((events, limit)) = &input.overlay.callouts {
        // The caption already names the selected event.
        let captioned = input.overlay.caption.as_ref().map(|c| c.0.as_str());
        let events: Vec<usize> = events
            .iter()
            .copied()
            .filter(|&i| Some(input.chronicle.events[i].title.as_str()) != captioned)
            .collect();
        let on_map: Vec<(usize, &Marker)> = events
            .iter()
            .filter_map(|&i| marker_of(markers, i).map(|m| (i, m)))
            .filter(|(_, m)| on_screen(m, [w, h]))
            .collect();
        let shown = on_map.len().min(*limit);
        more = events.len() - shown;
        let mark = placer.mark();
        let placed: Vec<Callout> = on_map[..shown]
            .iter()
            .map_while(|&(i, m)| {
                let title = super::fit::cut(&input.chronicle.events[i].title, super::fit::TITLE_CHARS);
                beside(input, m, &title, size, placer)
            })
            .collect();
        if placed.len() == shown {
            for c in placed {
                push_callout(&mut out, c, style);
            }
            let room = limit.saturating_sub(shown);
            for (layer, event, c) in layer_callouts(input, transform, size, room, placer) {
                push_callout(&mut out, c, style);
                layer_called.push((layer, event));
            }
        } else {
            // Too many to set beside their markers: a list, as a caption is set.
            placer.rollback(mark);
            let titles: Vec<std::borrow::Cow<str>> = on_map[..shown]
                .iter()
                .map(|&(i, _)| super::fit::cut(&input.chronicle.events[i].title, super::fit::TITLE_CHARS))
                .collect();
            let titles: Vec<&str> = titles.iter().map(|t| t.as_ref()).collect();
            out.extend(list(input, &titles, more, size, placer, boxes));
            more = 0;
        }
    }
    let mut parts = Vec::new();
    if more > 0 {
        parts.push(format!("+{more} more on this day"));
    }
    if unnamed > 0 {
        parts.push(match unnamed {
            1 => "1 place of the day not named for room".to_string(),
            n => format!("{n} places of the day not named for room"),
        });
    }
    if !parts.is_empty() {
        let note = parts.join(" · ");
        let margin = 16.0 * style.text_scale;
        let size = if input.overlay.callouts.is_some() {
            size
        } else {
            style.text_size(TextKind::Place, h)
        };
        let top = boxes.date_card.map_or(margin, |b| b[3] + margin / 2.0);
        let make = |anchor, align| Text {
            halo: Some(style.halo),
            ..text(anchor, align, &note, size, style.label, TextKind::Callout)
        };
        let candidates = [
            make([margin, top], Align::LeftTop),
            make([margin, top + size * 2.0], Align::LeftTop),
            make([w - margin, h - margin * 2.0], Align::RightBottom),
        ];
        // The count is part of the story: where no place is free, it goes where it covers least.
        let text = placer.place(candidates.clone()).unwrap_or_else(|| {
            let [first, rest @ ..] = candidates;
            let least = rest.into_iter().fold(first, |best, t| {
                if placer.covered(t.bounds()) < placer.covered(best.bounds()) {
                    t
                } else {
                    best
                }
            });
            placer.block(least.bounds());
            least
        });
        out.push(Primitive::Text(text));
    }
    (out, layer_called)
}

fn push_callout(out: &mut Vec<Primitive>, c: Callout, style: &super::Style) {
    if let Some(leader) = c.leader {
        out.push(Primitive::Polyline {
            points: leader.to_vec(),
            width: 1.5,
            color: style.label.with_alpha(200),
            dash: None,
        });
    }
    out.push(Primitive::Rect {
        min: [c.card[0], c.card[1]],
        max: [c.card[2], c.card[3]],
        fill: style.card_fill,
        stroke_width: 1.0,
        stroke: style.card_stroke,
        corner: 4.0,
    });
    out.push(Primitive::Text(c.text));
}

/// The shown layers' events of the day on screen, most precisely dated first, layer by layer, up
/// to `room` of them, each set beside its grey marker in grey italic.
fn layer_callouts(
    input: &SceneInput,
    transform: &Transform,
    size: f32,
    room: usize,
    placer: &mut Placer,
) -> Vec<(usize, usize, Callout)> {
    let style = input.style;
    let [w, h] = placer.size();
    let radius = style.marker_radius * 0.8 * style.text_scale.sqrt();
    let mut out = Vec::new();
    for (l, layer) in input.layers.iter().enumerate() {
        if out.len() >= room {
            break;
        }
        let mut of_day: Vec<usize> = input
            .context_events
            .iter()
            .filter(|c| c.layer == l)
            .map(|c| c.event)
            .collect();
        super::day::most_precise_first(&layer.chronicle, &mut of_day);
        for event in of_day {
            if out.len() >= room {
                break;
            }
            // The caption already names a layer's event selected.
            if input.overlay.caption.is_some() && input.selected_context == Some((l, event)) {
                continue;
            }
            let (Some(shown), Some(e)) = (
                input.context_events.iter().find(|c| c.layer == l && c.event == event),
                layer.chronicle.events.get(event),
            ) else {
                continue;
            };
            let (x, y) = input.base.projection.forward(shown.lonlat[0], shown.lonlat[1]);
            let marker = Marker {
                place: String::new(),
                center: transform.apply([x as f32, y as f32]),
                radius,
                events: Vec::new(),
                spread: false,
                layer: Some(l),
                cluster: None,
            };
            if !on_screen(&marker, [w, h]) {
                continue;
            }
            if let Some(mut c) = beside(
                input,
                &marker,
                &super::fit::cut(&e.title, super::fit::TITLE_CHARS),
                size,
                placer,
            ) {
                c.text.color = style.context_label;
                c.text.italic = true;
                out.push((l, event, c));
            }
        }
    }
    out
}

/// Whether a marker's centre is on the screen.
pub(super) fn on_screen(marker: &Marker, [w, h]: [f32; 2]) -> bool {
    (0.0..=w).contains(&marker.center[0]) && (0.0..=h).contains(&marker.center[1])
}

/// The marker that shows an event: its own when its group is spread out, else its place's.
fn marker_of(markers: &[Marker], event: usize) -> Option<&Marker> {
    markers
        .iter()
        .filter(|m| m.events.contains(&event))
        .min_by_key(|m| m.events.len())
}

/// Sets a title beside its marker: close on one of eight sides, else further off with a leader.
fn beside(input: &SceneInput, marker: &Marker, title: &str, size: f32, placer: &mut Placer) -> Option<Callout> {
    let style = input.style;
    let [w, _] = placer.size();
    let lines = wrap(title, size, (w * 0.2).max(size * 9.0).min(size * 14.0));
    let inset = size * 0.25;
    let tw = widest(&lines, size) + 2.0 * inset;
    let th = lines.len() as f32 * size * Text::LINE_HEIGHT + 2.0 * inset;
    let body = lines.join("\n");
    let [cx, cy] = marker.center;
    // An area's marker is its whole circle: its callout goes by its centre.
    let radius = marker.radius.min(12.0);
    for reach in [radius + 8.0, radius + 30.0 + size, radius + 60.0 + 2.0 * size] {
        let diagonal = reach * 0.7;
        // The top-left corner of the card on each side, in a fixed order so a callout keeps its
        // side from day to day when it can.
        let corners = [
            [cx + reach, cy - th / 2.0],
            [cx - reach - tw, cy - th / 2.0],
            [cx + diagonal, cy - diagonal - th],
            [cx + diagonal, cy + diagonal],
            [cx - diagonal - tw, cy - diagonal - th],
            [cx - diagonal - tw, cy + diagonal],
            [cx - tw / 2.0, cy - reach - th],
            [cx - tw / 2.0, cy + reach],
        ];
        for [left, top] in corners {
            let card = [left, top, left + tw, top + th];
            if !placer.try_take(pad(card, 2.0)) {
                continue;
            }
            let near = [cx.clamp(card[0], card[2]), cy.clamp(card[1], card[3])];
            let (dx, dy) = (near[0] - cx, near[1] - cy);
            let distance = dx.hypot(dy);
            let leader = (distance > radius + 14.0).then(|| {
                let from = [cx + dx / distance * (radius + 2.0), cy + dy / distance * (radius + 2.0)];
                [from, near]
            });
            let text = text(
                [left + inset, top + inset],
                Align::LeftTop,
                &body,
                size,
                style.card_text,
                TextKind::Callout,
            );
            return Some(Callout { card, text, leader });
        }
    }
    None
}

/// The day's titles as a list on a card, on the right where it covers least, with "+N more".
fn list(
    input: &SceneInput,
    titles: &[&str],
    more: usize,
    size: f32,
    placer: &mut Placer,
    boxes: &Boxes,
) -> Vec<Primitive> {
    let style = input.style;
    let [w, h] = placer.size();
    let margin = 16.0 * style.text_scale;
    let inner = (w * 0.28).max(size * 10.0);
    let mut rows: Vec<String> = Vec::new();
    for title in titles {
        let lines = wrap(title, size, inner - size);
        for (k, line) in lines.iter().enumerate() {
            rows.push(if k == 0 {
                format!("• {line}")
            } else {
                format!("   {line}")
            });
        }
    }
    if more > 0 {
        rows.push(format!("+{more} more on this day"));
    }
    let width = widest(&rows, size) + 2.0 * margin;
    let height = rows.len() as f32 * size * Text::LINE_HEIGHT + margin * 1.4;
    let below_counter = boxes.stop_counter.map_or(margin, |b| b[3] + margin / 2.0);
    let candidates = [
        [w - margin - width, below_counter],
        [w - margin - width, h - margin * 3.0 - height],
        [margin, boxes.date_card.map_or(margin, |b| b[3] + margin / 2.0)],
    ];
    let rect_of = |[left, top]: [f32; 2]| [left, top, left + width, top + height];
    let best = candidates
        .iter()
        .map(|&c| rect_of(c))
        .filter(|r| r[1] >= 0.0 && r[3] <= h)
        .min_by(|a, b| placer.covered(*a).total_cmp(&placer.covered(*b)))
        .unwrap_or_else(|| rect_of(candidates[0]));
    placer.block(best);
    vec![
        Primitive::Rect {
            min: [best[0], best[1]],
            max: [best[2], best[3]],
            fill: style.card_fill,
            stroke_width: 1.0,
            stroke: style.card_stroke,
            corner: 6.0,
        },
        Primitive::Text(text(
            [best[0] + margin, best[1] + margin * 0.7],
            Align::LeftTop,
            &rows.join("\n"),
            size,
            style.card_text,
            TextKind::Callout,
        )),
    ]
}
