//! What sits on top of the map: the date card, the caption, the legend and the attribution.
//! They are part of the scene so an exported image carries them exactly as the screen does.

use super::PlaceGroup;
use super::labels::Placer;
use super::{Align, Primitive, SceneInput, Text, TextKind, text_width};
use crate::chronicle::LocationPrecision;
use crate::chronicle::date::{MONTH_NAMES, WEEKDAY_NAMES};
use chrono::NaiveDate;

/// The overlays to draw; `None` or `false` leaves one out.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Overlay {
    /// The day in words, large, top left; and a smaller line under it.
    pub date_card: Option<(String, String)>,
    /// A caption in the lower third: a title and its text.
    pub caption: Option<(String, String)>,
    pub legend: bool,
    /// Small print, bottom right ("Base map: Natural Earth. Source: …").
    pub attribution: Option<String>,
    /// The day's events to name on the map, most precise first, and how many callouts at most.
    pub callouts: Option<(Vec<usize>, usize)>,
    /// The tour stop shown, from 1, and the number of stops.
    pub stop_counter: Option<(usize, usize)>,
    /// The chronicle's first and last day, so the date card is as wide on every day of it.
    pub date_span: Option<(NaiveDate, NaiveDate)>,
    /// The legend's card sized for every day's key in the view (see
    /// `OverlayOptions::steady_legend`).
    pub steady_legend: bool,
}

pub(super) fn text(anchor: [f32; 2], align: Align, text: &str, size: f32, color: super::Rgba, kind: TextKind) -> Text {
    Text {
        anchor,
        align,
        text: text.to_string(),
        size,
        color,
        halo: None,
        italic: false,
        letter_spacing: 0.0,
        kind,
    }
}

/// Breaks `text` at spaces into lines of at most `width` px (a word longer than that keeps a
/// line of its own). Nothing is left out: a projected picture never ends a text with "…".
pub(super) fn wrap(text: &str, size: f32, width: f32) -> Vec<String> {
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
    lines
}

/// The widest line among `lines` at `size`.
pub(super) fn widest(lines: &[String], size: f32) -> f32 {
    lines.iter().map(|l| text_width(l, size, 0.0)).fold(0.0, f32::max)
}

/// The width of the widest day in words any day of the years `from..=to` can have ("Wednesday,
/// 28 September 1950"), so the date card keeps its width from day to day.
fn widest_date(size: f32, span: Option<(NaiveDate, NaiveDate)>) -> f32 {
    let weekday = WEEKDAY_NAMES
        .iter()
        .map(|w| text_width(w, size, 0.0))
        .fold(0.0, f32::max);
    let month = MONTH_NAMES.iter().map(|m| text_width(m, size, 0.0)).fold(0.0, f32::max);
    let year = span.map_or(text_width("0000", size, 0.0), |(first, last)| {
        let width = |d: NaiveDate| text_width(&d.format("%Y").to_string(), size, 0.0);
        width(first).max(width(last))
    });
    weekday + month + year + text_width(", 28  ", size, 0.0)
}

/// Where the overlays that others keep clear of went, [left, top, right, bottom].
#[derive(Clone, Copy, Debug, Default)]
pub struct Boxes {
    pub date_card: Option<[f32; 4]>,
    pub stop_counter: Option<[f32; 4]>,
}

pub fn build(input: &SceneInput, placer: &mut Placer) -> (Vec<Primitive>, Boxes) {
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
    let mut date_box = None;
    let mut counter_box = None;
    if let Some((title, subtitle)) = &input.overlay.date_card {
        // At least a twentieth of the height, so the back of a hall can read it.
        let big = (style.date_card_size * s)
            .max(style.text_size(TextKind::Date, h))
            .max(h / 20.0)
            .min(h / 8.0);
        let small = big * 0.45;
        let inner = widest_date(big, input.overlay.date_span).max(text_width(title, big, 0.0));
        let note = wrap(subtitle, small, inner);
        let width = inner + 2.0 * margin;
        let lines = note.len() as f32;
        let height = big * 1.2 + small * Text::LINE_HEIGHT * lines + small * 0.1 + margin * 1.2;
        card(&mut out, placer, [margin, margin], [margin + width, margin + height]);
        date_box = Some([margin, margin, margin + width, margin + height]);
        out.push(Primitive::Text(text(
            [2.0 * margin, margin * 1.6],
            Align::LeftTop,
            title,
            big,
            style.card_text,
            TextKind::Date,
        )));
        if !note.is_empty() {
            out.push(Primitive::Text(text(
                [2.0 * margin, margin * 1.6 + big * 1.25],
                Align::LeftTop,
                &note.join("\n"),
                small,
                style.card_subtext,
                TextKind::DateNote,
            )));
        }
    }
    if let Some((stop, stops)) = input.overlay.stop_counter {
        let size = style.text_size(TextKind::StopCounter, h);
        let label = format!("{stop} / {stops}");
        let pad = size * 0.5;
        let (tw, th) = (text_width(&label, size, 0.0), size * Text::LINE_HEIGHT);
        let top_right = [w - margin - tw - 2.0 * pad, margin, w - margin, margin + th + pad];
        // Top right, or under the date card on a screen too narrow for both.
        let rect = match date_box {
            Some(b) if b[2] + margin > top_right[0] => [
                top_right[0],
                b[3] + margin / 2.0,
                top_right[2],
                b[3] + margin / 2.0 + th + pad,
            ],
            _ => top_right,
        };
        card(&mut out, placer, [rect[0], rect[1]], [rect[2], rect[3]]);
        counter_box = Some(rect);
        out.push(Primitive::Text(text(
            [(rect[0] + rect[2]) / 2.0, (rect[1] + rect[3]) / 2.0],
            Align::Center,
            &label,
            size,
            style.card_text,
            TextKind::StopCounter,
        )));
    }
    if let Some(attribution) = &input.overlay.attribution {
        let size = 11.0 * s.sqrt();
        // Each source on its own line (the chronicle's, then each layer's), wrapped if long.
        let lines: Vec<String> = attribution.lines().flat_map(|l| wrap(l, size, w * 0.6)).collect();
        let t = Text {
            halo: Some(style.halo),
            ..text(
                [w - 8.0, h - 6.0],
                Align::RightBottom,
                &lines.join("\n"),
                size,
                style.context_label,
                TextKind::Attribution,
            )
        };
        placer.block(t.bounds());
        out.push(Primitive::Text(t));
    }
    let legend_box = if input.overlay.legend {
        legend(input, placer, margin, &mut out)
    } else {
        None
    };
    if let Some((title, line)) = &input.overlay.caption {
        let big = style.text_size(TextKind::CaptionTitle, h);
        let small = style.text_size(TextKind::CaptionBody, h);
        // Title and text wrap rather than lose a word or a qualifier.
        let layout = |max_width: f32| {
            let inner = max_width - 2.0 * margin;
            let title = wrap(title, big, inner);
            let line = wrap(line, small, inner);
            let width = widest(&title, big).max(widest(&line, small)) + 2.0 * margin;
            let height = big * Text::LINE_HEIGHT * title.len() as f32
                + small * Text::LINE_HEIGHT * line.len() as f32
                + big * 0.1
                + margin * 1.4;
            (title, line, width, height)
        };
        let (mut title, mut line, mut width, mut height) = layout(w * 0.7);
        if line.len() > 4 {
            // A long text takes more of the width before it takes more of the height.
            (title, line, width, height) = layout(w * 0.9);
        }
        let mut top = (h * 0.82 - height / 2.0).min(h - margin * 2.0 - height);
        let crowd = crowding(input, h);
        let mut left = [(w - width) / 2.0, margin, w - margin - width]
            .into_iter()
            .min_by(|&a, &b| {
                crowd([a, top, a + width, top + height]).total_cmp(&crowd([b, top, b + width, top + height]))
            })
            .unwrap_or((w - width) / 2.0);
        // A narrower, taller card in a bottom corner, when that covers clearly less of the day's
        // story (Eurasia's empty south-west rather than China).
        let wide = crowd([left, top, left + width, top + height]);
        let (t, l, nw, nh) = layout(w * 0.45);
        if nh <= h * 0.45 && wide > 0.0 {
            let ntop = h - margin * 2.0 - nh;
            let best = [margin, w - margin - nw]
                .into_iter()
                .map(|x| (x, crowd([x, ntop, x + nw, ntop + nh])))
                .min_by(|a, b| a.1.total_cmp(&b.1));
            if let Some((x, narrow)) = best
                && narrow < wide * 0.6
            {
                (title, line, width, height) = (t, l, nw, nh);
                (left, top) = (x, ntop);
            }
        }
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
            &title.join("\n"),
            big,
            style.card_text,
            TextKind::CaptionTitle,
        )));
        if !line.is_empty() {
            out.push(Primitive::Text(text(
                [
                    left + margin,
                    top + margin * 0.7 + big * Text::LINE_HEIGHT * title.len() as f32 + big * 0.1,
                ],
                Align::LeftTop,
                &line.join("\n"),
                small,
                style.card_subtext,
                TextKind::CaptionBody,
            )));
        }
    }
    let boxes = Boxes {
        date_card: date_box,
        stop_counter: counter_box,
    };
    (out, boxes)
}

/// How much of the story a card at a rect would cover: each place of the shown events (the
/// day's thrice) and each ranked town counts, the more the nearer it is to the card (fully
/// when under it, half at a twentieth of the screen's height away).
fn crowding<'a>(input: &'a SceneInput, h: f32) -> impl Fn([f32; 4]) -> f32 + 'a {
    let transform = super::Transform::of(input.camera);
    let at = move |p: usize| input.place_point(p).map(|world| transform.apply(world));
    let chronicle = input.chronicle;
    // The weights summed per place once for the day: in cumulative mode half a million events
    // fall on twenty thousand places.
    let mut points: Vec<([f32; 2], f32)> = input
        .shown
        .place_weights()
        .iter()
        .filter_map(|&(p, weight)| Some((at(p)?, weight)))
        .collect();
    points.extend(
        chronicle
            .places
            .iter()
            .enumerate()
            .filter(|(_, p)| p.rank.is_some())
            .filter_map(|(i, _)| Some((at(i)?, 1.0))),
    );
    let (w, _) = input.camera.viewport();
    points.retain(|(p, _)| p[0] >= 0.0 && p[0] <= w as f32 && p[1] >= 0.0 && p[1] <= h);
    let reach = h / 20.0;
    move |r: [f32; 4]| {
        points
            .iter()
            .map(|(p, weight)| {
                let dx = (r[0] - p[0]).max(p[0] - r[2]).max(0.0);
                let dy = (r[1] - p[1]).max(p[1] - r[3]).max(0.0);
                weight / (1.0 + dx.hypot(dy) / reach)
            })
            .sum()
    }
}

/// Whether a lon/lat point falls on the screen (with `slack` pixels around it).
fn on_screen(input: &SceneInput, lon: f64, lat: f64, slack: f32) -> bool {
    let (x, y) = input.base.projection.forward(lon, lat);
    point_on_screen(input, [x as f32, y as f32], slack)
}

/// Whether a point of the map's plane falls on the screen (with `slack` pixels around it).
fn point_on_screen(input: &SceneInput, world: [f32; 2], slack: f32) -> bool {
    let [px, py] = super::Transform::of(input.camera).apply(world);
    let (w, h) = input.camera.viewport();
    (-slack..=w as f32 + slack).contains(&px) && (-slack..=h as f32 + slack).contains(&py)
}

/// The most events whose key is looked through on every frame to keep the legend's card one
/// size from day to day; beyond it (a synthetic million) the card fits the day, as a frame's
/// budget matters more there.
const LEGEND_KEY_SCAN_LIMIT: usize = 20_000;

/// A legend row: its text, its thread (for the colour) and the kind of symbol.
type LegendRow = (String, Option<usize>, &'static str);

/// What a legend has keys for: the threads met and the kinds of symbol on screen.
struct Keys {
    threads: Vec<bool>,
    unthreaded: bool,
    inferred: bool,
    region: bool,
    uncertain: bool,
    journey: bool,
    selected: bool,
}

impl Keys {
    fn new(input: &SceneInput) -> Keys {
        Keys {
            threads: vec![false; input.chronicle.threads.len()],
            unthreaded: false,
            inferred: false,
            region: false,
            uncertain: false,
            journey: false,
            selected: false,
        }
    }

    /// Event `i` on screen, its date drawn as uncertain or not.
    fn add_event(&mut self, input: &SceneInput, i: usize, uncertain: bool) {
        match input.thread_of_event(i).and_then(|t| self.threads.get_mut(t)) {
            Some(met) => *met = true,
            None => self.unthreaded = true,
        }
        self.inferred |= input.chronicle.events.get(i).is_some_and(|e| e.place_inferred);
        self.region |= input
            .place_of_event(i)
            .is_some_and(|p| p.precision == LocationPrecision::Region);
        self.uncertain |= uncertain;
    }

    /// The shown events of a place on screen.
    fn add_group(&mut self, input: &SceneInput, group: &PlaceGroup) {
        for t in input.shown.threads_of(group) {
            if let Some(met) = self.threads.get_mut(t as usize) {
                *met = true;
            }
        }
        self.unthreaded |= group.any_unthreaded;
        self.inferred |= group.any_inferred;
        self.region |= group.region;
        self.uncertain |= group.any_uncertain;
    }

    /// The legend's rows, in its order: threads, then the symbols.
    fn rows(&self, input: &SceneInput) -> Vec<LegendRow> {
        let chronicle = input.chronicle;
        let mut rows: Vec<LegendRow> = (0..self.threads.len())
            .filter(|&t| self.threads[t])
            .map(|t| (chronicle.threads[t].name.clone(), Some(t), "thread"))
            .collect();
        if self.unthreaded {
            rows.push(("No thread".into(), None, "unthreaded"));
        }
        if self.inferred {
            rows.push((
                "Hollow: place inferred, not stated by the source".into(),
                None,
                "inferred",
            ));
        }
        if self.region {
            rows.push(("Area: place known only roughly".into(), None, "region"));
        }
        if self.uncertain {
            rows.push(("Dashed ring: approximate or uncertain date".into(), None, "uncertain"));
        }
        if self.journey {
            rows.push((
                "Journey: solid travelled, dashed to go, dotted inferred".into(),
                None,
                "journey",
            ));
        }
        if self.selected {
            rows.push(("Selected event".into(), None, "selected"));
        }
        rows
    }
}

/// Threads of the events on screen, then the symbols on screen: a key to what is not there
/// only takes room. With a steady legend (a sequence of frames) the card is as large as the key
/// of every event of the chronicle this view shows on any day would be, so it keeps its size from
/// day to day as the date card keeps its width. Returns the legend's box
/// [left, top, right, bottom], if it has anything.
fn legend(input: &SceneInput, placer: &mut Placer, margin: f32, out: &mut Vec<Primitive>) -> Option<[f32; 4]> {
    let style = input.style;
    let chronicle = input.chronicle;
    let h = input.camera.viewport().1 as f32;
    let size = style.text_size(TextKind::Legend, h);
    let row = size * 1.5;
    // Whether each place is on screen, worked out once per place: in cumulative mode half a
    // million events share twenty thousand places.
    let seen: Vec<std::cell::Cell<u8>> = vec![std::cell::Cell::new(0); chronicle.places.len()];
    let place_index_on_screen = |p: usize| {
        let Some(flag) = seen.get(p) else { return false };
        if flag.get() == 0 {
            let on = input
                .place_point(p)
                .is_some_and(|world| point_on_screen(input, world, 0.0));
            flag.set(if on { 2 } else { 1 });
        }
        flag.get() == 2
    };
    let place_on_screen = |i: usize| input.place_index_of_event(i).is_some_and(place_index_on_screen);
    // Today's key: the places on screen with shown events, gathered once for the day.
    let mut keys = Keys::new(input);
    for group in input.shown.groups() {
        if place_index_on_screen(group.place) {
            keys.add_group(input, group);
        }
    }
    keys.journey = input
        .shown
        .journeys()
        .iter()
        .any(|j| j.path.iter().any(|&(lon, lat)| on_screen(input, lon, lat, 0.0)));
    keys.selected = input.selected.is_some_and(|s| {
        input
            .place_index_of_event(s)
            .filter(|&p| place_index_on_screen(p))
            .and_then(|p| input.shown.group_of_place(p))
            .is_some_and(|g| input.shown.events_of(g).any(|e| e.event == s))
    });
    let rows = keys.rows(input);
    if rows.is_empty() {
        return None;
    }
    // Every day's key in this view: the chronicle's events placed on screen, its journeys with
    // a stop on screen, the selection if it is there; and today's rows, should they differ. A
    // chronicle too large to look through on every frame keeps today's card.
    let scan = if input.overlay.steady_legend && chronicle.events.len() <= LEGEND_KEY_SCAN_LIMIT {
        chronicle.events.len()
    } else {
        0
    };
    let steady = input.overlay.steady_legend;
    // Without a steady legend the key of every day is today's: not worked out twice.
    let every_day = if steady {
        for i in (0..scan).filter(|&i| place_on_screen(i)) {
            keys.add_event(input, i, chronicle.events[i].date.is_fuzzy());
        }
        keys.journey |= chronicle.movements.iter().any(|m| {
            m.route
                .iter()
                .filter_map(|w| chronicle.place(&w.place))
                .any(|p| on_screen(input, p.lon, p.lat, 0.0))
        });
        keys.selected |= input.selected.is_some_and(place_on_screen);
        keys.rows(input)
    } else {
        rows.clone()
    };
    let [w, _] = placer.size();
    let card = fit_legend(&every_day, size, margin, [w, h]);
    let fitted = fit_legend(&rows, size, margin, [w, h])?;
    let (rows, more) = (&rows[..fitted.rows.len()], rows.len() - fitted.rows.len());
    let (width, height) = match card {
        Some(card) => (card.width.max(fitted.width), card.height.max(fitted.height)),
        None => (fitted.width, fitted.height),
    };
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
    let mut y_top = top + margin / 2.0;
    for ((_, thread, kind), lines) in rows.iter().zip(&fitted.rows) {
        let row_height = legend_row_height(lines.len(), size);
        let y = y_top + row_height / 2.0;
        y_top += row_height;
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
            &lines.join("\n"),
            size,
            style.card_text,
            TextKind::Legend,
        )));
    }
    if more > 0 {
        let y = y_top + row / 2.0;
        out.push(Primitive::Text(text(
            [margin + margin / 2.0, y],
            Align::LeftCenter,
            &format!("+{more} more"),
            size,
            style.card_subtext,
            TextKind::Legend,
        )));
    }
    Some([min[0], min[1], max[0], max[1]])
}

/// The most of the map a legend may cover in each direction: half its width and half its height,
/// so never more than a quarter of it, whatever the text size.
pub const LEGEND_MAX_SHARE: f32 = 0.5;

/// The legend's rows as they fit: each name wrapped to the room there is, as many rows as fit
/// (the rest counted on a "+N more" line), and the card's size.
struct FittedLegend {
    rows: Vec<Vec<String>>,
    width: f32,
    height: f32,
}

/// A row of `lines` lines of legend text at `size`: one line in a row of 1.5 times the size.
fn legend_row_height(lines: usize, size: f32) -> f32 {
    size * 1.5 + lines.saturating_sub(1) as f32 * size * Text::LINE_HEIGHT
}

/// Fits the legend's rows into [`LEGEND_MAX_SHARE`] of a map of `size_px`; `None` when not even
/// one row fits.
fn fit_legend(
    rows: &[(String, Option<usize>, &str)],
    size: f32,
    margin: f32,
    [w, h]: [f32; 2],
) -> Option<FittedLegend> {
    let symbol = size * 2.5 + margin;
    let (max_w, max_h) = (w * LEGEND_MAX_SHARE, h * LEGEND_MAX_SHARE);
    let room = max_w - symbol;
    if room < size * 4.0 {
        return None;
    }
    let wrapped: Vec<Vec<String>> = rows.iter().map(|r| wrap(&r.0, size, room)).collect();
    let more_line = size * 1.5;
    let mut kept = wrapped.len();
    let height_of = |n: usize| -> f32 {
        let rows: f32 = wrapped[..n].iter().map(|l| legend_row_height(l.len(), size)).sum();
        rows + margin + if n < wrapped.len() { more_line } else { 0.0 }
    };
    while kept > 0 && height_of(kept) > max_h {
        kept -= 1;
    }
    if kept == 0 {
        return None;
    }
    let height = height_of(kept);
    let mut rows = wrapped;
    let more = rows.len() - kept;
    rows.truncate(kept);
    let mut width = rows.iter().map(|l| widest(l, size)).fold(0.0, f32::max) + symbol;
    if more > 0 {
        width = width.max(text_width(&format!("+{more} more"), size, 0.0) + margin * 1.5);
    }
    (width <= max_w).then_some(FittedLegend { rows, width, height })
}
