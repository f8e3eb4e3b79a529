//! What sits on top of the map: the date card, the caption, the legend and the attribution.
//! They are part of the scene so an exported image carries them exactly as the screen does.

use super::labels::Placer;
use super::{Align, Primitive, SceneInput, Text, text_width};
use crate::chronicle::LocationPrecision;
use crate::timeline::show::ShownEvent;

/// The overlays to draw; `None` or `false` leaves one out.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Overlay {
    /// The day in words, large, top left; and a smaller line under it.
    pub date_card: Option<(String, String)>,
    /// A caption in the lower third: a title and one line of text.
    pub caption: Option<(String, String)>,
    pub legend: bool,
    /// Small print, bottom right ("Base map: Natural Earth. Source: …").
    pub attribution: Option<String>,
}

fn text(anchor: [f32; 2], align: Align, text: &str, size: f32, color: super::Rgba) -> Text {
    Text {
        anchor,
        align,
        text: text.to_string(),
        size,
        color,
        halo: None,
        italic: false,
        letter_spacing: 0.0,
    }
}

/// Breaks `text` into at most `rows` lines of `width` px at spaces; the last line ends with an
/// ellipsis if the text is longer.
fn wrap(text: &str, size: f32, width: f32, rows: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let candidate = if current.is_empty() {
            word.to_string()
        } else {
            format!("{current} {word}")
        };
        if text_width(&candidate, size, 0.0) <= width || current.is_empty() {
            current = candidate;
        } else {
            lines.push(std::mem::replace(&mut current, word.to_string()));
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    if lines.len() > rows {
        let rest = lines[rows - 1..].join(" ");
        lines.truncate(rows - 1);
        lines.push(fit(&format!("{rest} …"), size, width));
    }
    lines
        .into_iter()
        .map(|l| fit(&l, size, width))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Shortens `line` with an ellipsis so it fits `width` px.
fn fit(line: &str, size: f32, width: f32) -> String {
    if text_width(line, size, 0.0) <= width {
        return line.to_string();
    }
    let mut out = String::new();
    for c in line.chars() {
        if text_width(&out, size, 0.0) + size * 1.2 > width {
            break;
        }
        out.push(c);
    }
    format!("{}…", out.trim_end())
}

pub fn build(input: &SceneInput, placer: &mut Placer) -> Vec<Primitive> {
    let style = input.style;
    let s = style.text_scale;
    let [w, h] = [input.camera.viewport().0 as f32, input.camera.viewport().1 as f32];
    let margin = 16.0 * s;
    let mut out = Vec::new();
    let card = |out: &mut Vec<Primitive>, placer: &mut Placer, min: [f32; 2], max: [f32; 2]| {
        placer.block([min[0], min[1], max[0], max[1]]);
        out.push(Primitive::Rect {
            min,
            max,
            fill: style.card_fill,
            stroke_width: 1.0,
            stroke: style.card_stroke,
            corner: 6.0,
        });
    };
    if let Some((title, subtitle)) = &input.overlay.date_card {
        // At least a twentieth of the height, so the back of a hall can read it.
        let big = (style.date_card_size * s).max(h / 20.0).min(h / 8.0);
        let small = big * 0.45;
        let width = text_width(title, big, 0.0).max(text_width(subtitle, small, 0.0)) + 2.0 * margin;
        let height = big * 1.2 + if subtitle.is_empty() { 0.0 } else { small * 1.3 } + margin * 1.2;
        card(&mut out, placer, [margin, margin], [margin + width, margin + height]);
        out.push(Primitive::Text(text(
            [2.0 * margin, margin * 1.6],
            Align::LeftTop,
            title,
            big,
            style.card_text,
        )));
        if !subtitle.is_empty() {
            out.push(Primitive::Text(text(
                [2.0 * margin, margin * 1.6 + big * 1.25],
                Align::LeftTop,
                subtitle,
                small,
                style.card_subtext,
            )));
        }
    }
    if let Some(attribution) = &input.overlay.attribution {
        let size = 11.0 * s.sqrt();
        let line = fit(attribution, size, w * 0.6);
        let t = Text {
            halo: Some(style.halo),
            ..text([w - 8.0, h - 6.0], Align::RightBottom, &line, size, style.context_label)
        };
        placer.block(t.bounds());
        out.push(Primitive::Text(t));
    }
    let legend_box = if input.overlay.legend {
        Some(legend(input, placer, margin, &mut out))
    } else {
        None
    };
    if let Some((title, line)) = &input.overlay.caption {
        let big = 26.0 * s;
        let small = 18.0 * s;
        // The text wraps to four lines rather than losing its qualifiers.
        let layout = |max_width: f32| {
            let title = fit(title, big, max_width - 2.0 * margin);
            let line = wrap(line, small, max_width - 2.0 * margin, 4);
            let lines = if line.is_empty() {
                0.0
            } else {
                line.split('\n').count() as f32
            };
            let line_width = line.split('\n').map(|l| text_width(l, small, 0.0)).fold(0.0, f32::max);
            let width = text_width(&title, big, 0.0).max(line_width) + 2.0 * margin;
            let height = big * 1.2 + small * Text::LINE_HEIGHT * lines + margin * 1.4;
            (title, line, width, height)
        };
        let (mut title, mut line, mut width, mut height) = layout(w * 0.7);
        let mut left = (w - width) / 2.0;
        let mut top = h * 0.82 - height / 2.0;
        // Clear of the legend: beside it, narrower if need be, so the map's middle stays free;
        // above it only when there is no room beside.
        if let Some(b) = legend_box
            && left < b[2]
            && top + height > b[1]
        {
            let room = w - b[2] - 2.0 * margin;
            if room >= w * 0.35 {
                (title, line, width, height) = layout(room.min(w * 0.7));
                left = b[2] + margin;
                top = (b[3] - height).max(margin);
            } else {
                top = b[1] - margin - height;
            }
        }
        card(&mut out, placer, [left, top], [left + width, top + height]);
        out.push(Primitive::Text(text(
            [left + margin, top + margin * 0.7],
            Align::LeftTop,
            &title,
            big,
            style.card_text,
        )));
        out.push(Primitive::Text(text(
            [left + margin, top + margin * 0.7 + big * 1.3],
            Align::LeftTop,
            &line,
            small,
            style.card_subtext,
        )));
    }
    out
}

/// Threads of the events shown, then the symbols in use.
/// Returns the legend's box [left, top, right, bottom].
fn legend(input: &SceneInput, placer: &mut Placer, margin: f32, out: &mut Vec<Primitive>) -> [f32; 4] {
    let style = input.style;
    let chronicle = input.chronicle;
    let s = style.text_scale;
    let size = 13.0 * s;
    let row = size * 1.5;
    let mut threads: Vec<usize> = input
        .events
        .iter()
        .filter_map(|e: &ShownEvent| chronicle.events[e.event].thread.as_deref())
        .filter_map(|t| chronicle.thread_index(t))
        .collect();
    threads.sort_unstable();
    threads.dedup();
    if threads.is_empty() {
        threads = (0..chronicle.threads.len()).collect();
    }
    let any_uncertain = input.events.iter().any(|e| e.uncertain);
    let any_region = input.events.iter().any(|e| {
        chronicle.events[e.event]
            .places
            .first()
            .and_then(|p| chronicle.place(p))
            .is_some_and(|p| p.precision == LocationPrecision::Region)
    });
    let mut rows: Vec<(String, Option<usize>, &str)> = threads
        .iter()
        .map(|&t| (chronicle.threads[t].name.clone(), Some(t), "thread"))
        .collect();
    let any_unthreaded = input.events.iter().any(|e| {
        chronicle.events[e.event]
            .thread
            .as_deref()
            .is_none_or(|t| chronicle.thread(t).is_none())
    });
    if any_unthreaded {
        rows.push(("No thread".into(), None, "unthreaded"));
    }
    let any_inferred = input.events.iter().any(|e| chronicle.events[e.event].place_inferred);
    if any_inferred {
        rows.push((
            "Hollow: place inferred, not stated by the source".into(),
            None,
            "inferred",
        ));
    }
    if any_region {
        rows.push(("Area: place known only roughly".into(), None, "region"));
    }
    if any_uncertain {
        rows.push(("Dashed ring: approximate or uncertain date".into(), None, "uncertain"));
    }
    if !input.journeys.is_empty() {
        rows.push((
            "Journey: solid travelled, dashed to go, dotted inferred".into(),
            None,
            "journey",
        ));
    }
    if input.selected.is_some() {
        rows.push(("Selected event".into(), None, "selected"));
    }
    let h = input.camera.viewport().1 as f32;
    let width = rows.iter().map(|r| text_width(&r.0, size, 0.0)).fold(0.0, f32::max) + size * 2.5 + margin;
    let height = rows.len() as f32 * row + margin;
    let top = h - margin - height - 18.0;
    let (min, max) = ([margin, top], [margin + width, top + height]);
    placer.block([min[0], min[1], max[0], max[1]]);
    out.push(Primitive::Rect {
        min,
        max,
        fill: style.card_fill,
        stroke_width: 1.0,
        stroke: style.card_stroke,
        corner: 6.0,
    });
    for (k, (name, thread, kind)) in rows.iter().enumerate() {
        let y = top + margin / 2.0 + row * (k as f32 + 0.5);
        let at = [margin + margin / 2.0 + size * 0.5, y];
        let r = size * 0.38;
        match *kind {
            "thread" => out.push(Primitive::Circle {
                center: at,
                radius: r,
                fill: style.thread_color(thread.unwrap_or(0)),
                stroke_width: 1.0,
                stroke: style.halo,
                dashed: false,
            }),
            "unthreaded" => out.push(Primitive::Circle {
                center: at,
                radius: r,
                fill: style.no_thread,
                stroke_width: 1.0,
                stroke: style.halo,
                dashed: false,
            }),
            "inferred" => out.push(Primitive::Circle {
                center: at,
                radius: r,
                fill: style.halo,
                stroke_width: 2.0,
                stroke: style.context_label,
                dashed: false,
            }),
            "region" => out.push(Primitive::Circle {
                center: at,
                radius: r * 1.3,
                fill: style.context_label.with_alpha(50),
                stroke_width: 1.0,
                stroke: style.context_label,
                dashed: true,
            }),
            "uncertain" => out.push(Primitive::Circle {
                center: at,
                radius: r * 1.3,
                fill: super::Rgba([0, 0, 0, 0]),
                stroke_width: 1.3,
                stroke: style.context_label,
                dashed: true,
            }),
            "journey" => out.push(Primitive::Polyline {
                points: vec![[at[0] - r * 1.5, at[1]], [at[0] + r * 1.5, at[1]]],
                width: 3.0,
                color: style.context_label,
                dash: None,
            }),
            _ => out.push(Primitive::Circle {
                center: at,
                radius: r * 1.2,
                fill: super::Rgba([0, 0, 0, 0]),
                stroke_width: 2.5,
                stroke: style.selected,
                dashed: false,
            }),
        }
        out.push(Primitive::Text(text(
            [at[0] + size, y],
            Align::LeftCenter,
            name,
            size,
            style.card_text,
        )));
    }
    [min[0], min[1], max[0], max[1]]
}
