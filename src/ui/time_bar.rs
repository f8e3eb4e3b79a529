//! The time bar under the map: a density strip, one mark per event (ticks for days, bars for
//! ranges, soft spans for approximate dates, ghost ticks for disputed dates), adaptive date
//! labels and the cursor. Drag to scrub, click a mark to select its event, wheel to zoom.
//! The geometry lives in `timeline::axis`; this file only paints and reads the pointer.

use crate::chronicle::Chronicle;
use crate::scene::Style;
use crate::timeline::axis::TickLevel;
use crate::timeline::axis::{TimeAxis, date_of_day, day_number, density};
use crate::timeline::{EventFacts, Timeline};
use crate::view_state::ViewState;
use chrono::NaiveDate;
use eframe::egui::{self, Color32, Pos2, Rect, Sense, Stroke, vec2};

/// The time bar's own state: the visible window and the day it last followed.
#[derive(Default)]
pub struct TimeBar {
    axis: Option<TimeAxis>,
    followed_day: Option<NaiveDate>,
    /// Where the bar was drawn last, so a day can be found on screen.
    rect: Option<Rect>,
    /// What a mark needs of each event, in timeline order, for a timeline not built from the
    /// chronicle's events (a timeline built from them keeps its own); empty otherwise.
    looked_up: Vec<EventFacts>,
    /// The events list and timeline `looked_up` was computed for.
    computed_for: Option<(usize, usize, usize)>,
    /// The density strip and the marks as last drawn, kept while nothing they show changes: a
    /// lecturer's step to the next day moves the cursor, not the marks, and at a million events
    /// walking the timeline for them costs milliseconds a frame.
    drawn: Option<Drawn>,
}

/// The density strip and the marks of one bar, ready to paint.
struct Drawn {
    key: DrawnKey,
    density: std::sync::Arc<egui::Mesh>,
    marks_mesh: std::sync::Arc<egui::Mesh>,
    /// The outlines of the selected mark and of other dates the sources give, over the marks.
    outlines: Vec<egui::Shape>,
    marks: Vec<Mark>,
}

/// What the strip and the marks are drawn from.
#[derive(PartialEq)]
struct DrawnKey {
    rect: Rect,
    axis: TimeAxis,
    pixels_per_point: f32,
    ink: Color32,
    selected: Option<usize>,
    filter: crate::search::Filter,
    style: Style,
    of: (usize, usize, usize),
}

/// What a mark needs of each event (its thread, whether its date is soft, whether it is
/// disputed), read in timeline order as the bar walks it rather than fetched event by event.
struct Facts<'a> {
    chronicle: &'a Chronicle,
    timeline: &'a Timeline,
    looked_up: &'a [EventFacts],
}

impl Facts<'_> {
    fn fits(&self) -> bool {
        self.timeline.len() == self.chronicle.events.len()
    }

    /// The facts of the event at position `k` of the timeline.
    fn at(&self, k: usize) -> EventFacts {
        let facts = if self.fits() {
            self.timeline.facts_at(k)
        } else {
            self.looked_up.get(k).copied()
        };
        facts.unwrap_or(EventFacts::UNKNOWN)
    }

    /// The facts of event `i` of the chronicle.
    fn of_event(&self, i: usize) -> EventFacts {
        match self.timeline.facts_of_event(i).filter(|_| self.fits()) {
            Some(facts) => facts,
            None => (self.chronicle.events.get(i)).map_or(EventFacts::UNKNOWN, |e| EventFacts::of(self.chronicle, e)),
        }
    }
}

/// A lane of four for each thread, so neighbouring events of different threads do not hide
/// each other; events of no thread share the first.
fn lane_of(thread: Option<usize>) -> usize {
    thread.map_or(0, |t| t % 4)
}

/// An event mark as drawn this frame, for hit-testing.
struct Mark {
    event: usize,
    x0: f32,
    x1: f32,
    y: f32,
    /// A span wider than a tick (a range, a month): it answers a click only on its own line, so
    /// a long span does not swallow clicks meant for a day.
    wide: bool,
}

const HEIGHT: f32 = 86.0;
const DENSITY_H: f32 = 8.0;
const MARK_TOP: f32 = DENSITY_H + 4.0;
const MARK_H: f32 = 38.0;
const AXIS_TOP: f32 = MARK_TOP + MARK_H + 6.0;

fn color32(c: crate::scene::Rgba) -> Color32 {
    let [r, g, b, a] = c.0;
    Color32::from_rgba_unmultiplied(r, g, b, a)
}

impl TimeBar {
    /// Shows `first..=last` (a preset), leaving the day where it is.
    pub fn show_span(&mut self, first: NaiveDate, last: NaiveDate) {
        let width = self.axis.map_or(1000.0, |a| a.width_px());
        self.axis = Some(TimeAxis::for_dates(first, last, width));
    }

    /// The visible window, once the bar has been laid out.
    pub fn axis(&self) -> Option<&TimeAxis> {
        self.axis.as_ref()
    }

    /// Screen position of the middle of `day` on the row of event marks.
    pub fn screen_pos_of(&self, day: NaiveDate) -> Option<Pos2> {
        let (axis, rect) = (self.axis?, self.rect?);
        Some(Pos2::new(
            rect.left() + axis.x_of_day(day_number(day) + 0.5),
            rect.top() + MARK_TOP + MARK_H / 2.0,
        ))
    }

    /// Screen position of an event's mark (the middle of its first day, on its thread's lane).
    pub fn screen_pos_of_event(&self, chronicle: &Chronicle, timeline: &Timeline, event: usize) -> Option<Pos2> {
        let day = chronicle.events.get(event)?.date.first_day();
        let facts = Facts {
            chronicle,
            timeline,
            looked_up: &[],
        };
        let lane = lane_of(facts.of_event(event).thread());
        let at = self.screen_pos_of(day)?;
        Some(Pos2::new(at.x, at.y + (lane as f32 - 1.5) * 8.5))
    }

    /// Draws the bar across the available width; returns an event the user clicked.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        chronicle: &Chronicle,
        timeline: &Timeline,
        state: &mut ViewState,
        style: &Style,
    ) -> Option<usize> {
        let (rect, response) = ui.allocate_exact_size(vec2(ui.available_width(), HEIGHT), Sense::click_and_drag());
        let response =
            response.on_hover_text("Drag to move through time; click a mark to select its event; wheel to zoom");
        let width = rect.width();
        let axis = self.axis.get_or_insert_with(|| {
            let (first, last) = state.span();
            TimeAxis::for_dates(first, last, width)
        });
        axis.set_width(width);
        // Keep the day in view when it moves by keys or playback, without zooming.
        if self.followed_day != Some(state.day()) {
            axis.follow(day_number(state.day()) + 0.5, 24.0);
            self.followed_day = Some(state.day());
        }
        if response.hovered() {
            let (scroll, pointer) = ui.input(|i| (i.smooth_scroll_delta, i.pointer.hover_pos()));
            if let Some(p) = pointer {
                if scroll.y != 0.0 {
                    axis.zoom_about(p.x - rect.left(), (scroll.y * 0.004).exp());
                }
                if scroll.x != 0.0 {
                    axis.pan_by_pixels(scroll.x);
                }
            }
        }
        if let Some((first, last)) = timeline.span() {
            axis.clamp_to_dates(first, last, width * 0.5);
        }
        let axis = *axis;
        self.rect = Some(rect);
        let painter = ui.painter_at(rect);
        let visuals = ui.visuals().clone();
        painter.rect_filled(rect, 0.0, visuals.extreme_bg_color);

        let key = (
            chronicle.events.as_ptr() as usize,
            chronicle.events.len(),
            timeline.len(),
        );
        if self.computed_for != Some(key) {
            // A timeline of other events: what the marks need is looked up here, once.
            self.looked_up = if timeline.len() == chronicle.events.len() {
                Vec::new()
            } else {
                (timeline.order().iter())
                    .map(|&i| (chronicle.events.get(i)).map_or(EventFacts::UNKNOWN, |e| EventFacts::of(chronicle, e)))
                    .collect()
            };
            self.computed_for = Some(key);
            self.drawn = None;
        }
        let drawn_key = DrawnKey {
            rect,
            axis,
            pixels_per_point: painter.pixels_per_point(),
            ink: visuals.text_color().gamma_multiply(0.5),
            selected: state.selected(),
            filter: state.filter().clone(),
            style: style.clone(),
            of: key,
        };
        let drawn = match self.drawn.take() {
            Some(drawn) if drawn.key == drawn_key => drawn,
            _ => {
                let facts = Facts {
                    chronicle,
                    timeline,
                    looked_up: &self.looked_up,
                };
                draw(drawn_key, &facts, state)
            }
        };
        painter.add(egui::Shape::Mesh(drawn.density.clone()));
        painter.add(egui::Shape::Mesh(drawn.marks_mesh.clone()));
        painter.extend(drawn.outlines.iter().cloned());
        let marks = &self.drawn.insert(drawn).marks;
        paint_axis(ui, &painter, rect, &axis);

        // The cursor on the day shown.
        let cx = rect.left() + axis.x_of_day(day_number(state.day()) + 0.5);
        let red = color32(style.selected);
        painter.line_segment(
            [Pos2::new(cx, rect.top()), Pos2::new(cx, rect.bottom())],
            Stroke::new(2.0, red),
        );
        painter.circle_filled(Pos2::new(cx, rect.top() + 3.0), 4.0, red);

        let pointer = response.interact_pointer_pos();
        // A tick answers within a few pixels of its lane; a wide span only on its line.
        let hit = |p: Pos2| {
            let near = |m: &&Mark| {
                let reach = if m.wide { 3.5 } else { 6.0 };
                p.x >= m.x0 - 4.0 && p.x <= m.x1 + 4.0 && (p.y - m.y).abs() <= reach
            };
            let ticks = marks.iter().filter(|m| !m.wide).filter(near);
            let centre = |m: &&Mark| ((m.x0 + m.x1) / 2.0 - p.x).abs();
            ticks
                .min_by(|a, b| centre(a).total_cmp(&centre(b)))
                .or_else(|| {
                    marks
                        .iter()
                        .filter(|m| m.wide)
                        .filter(near)
                        .min_by(|a, b| (a.x1 - a.x0).total_cmp(&(b.x1 - b.x0)))
                })
                .map(|m| m.event)
        };
        if response.clicked()
            && let Some(p) = pointer
            && let Some(event) = hit(p)
        {
            return Some(event);
        }
        if (response.dragged() || response.clicked())
            && let Some(p) = pointer
            && let Some(day) = date_of_day(axis.day_at_x(p.x - rect.left()).floor())
        {
            state.go_to(day);
            self.followed_day = Some(day);
        }
        None
    }
}

/// One mark per visible event, at most one per pixel column and lane for marks narrower than
/// a few pixels, and one per lane and extent for wider ones, so a million events stay cheap:
/// at a coarse zoom the short events are visited column by column, skipping the rest of a
/// column whose lanes are full, and the long ones from the timeline's index of long windows.
fn draw(key: DrawnKey, facts: &Facts, state: &ViewState) -> Drawn {
    let (density, (marks_mesh, outlines, marks)) = (density_strip(&key, facts, state), event_marks(&key, facts, state));
    Drawn {
        key,
        density: std::sync::Arc::new(density),
        marks_mesh: std::sync::Arc::new(marks_mesh),
        outlines,
        marks,
    }
}

/// Density: how many events' windows cover each pixel column, as one mesh of plain quads (a
/// rect per bin would each be tessellated with a feather).
fn density_strip(key: &DrawnKey, facts: &Facts, state: &ViewState) -> egui::Mesh {
    let (chronicle, timeline, axis, rect) = (facts.chronicle, facts.timeline, &key.axis, key.rect);
    let (first, last) = axis.visible_dates();
    let bins = (rect.width() / 2.0).max(1.0) as usize;
    // Unfiltered, the counts come from the timeline's index whatever the number of events;
    // a filter counts the visible events it allows.
    let strength = if state.filter().is_active() {
        let windows = timeline
            .positions_overlapping(first, last)
            .filter_map(|k| timeline.window_at(k))
            .filter(|&(i, _, _)| chronicle.events.get(i).is_some_and(|e| state.filter().allows(e)))
            .map(|(_, a, b)| (a, b));
        density(windows, axis, bins).normalized()
    } else {
        timeline.density(axis, bins).normalized()
    };
    let bin_w = rect.width() / bins as f32;
    let mut columns = egui::Mesh::default();
    for (k, v) in strength.iter().enumerate() {
        if *v > 0.0 {
            let x = rect.left() + k as f32 * bin_w;
            let h = DENSITY_H * v.sqrt();
            columns.add_colored_rect(
                Rect::from_min_max(
                    Pos2::new(x, rect.top() + DENSITY_H - h + 2.0),
                    Pos2::new(x + bin_w, rect.top() + DENSITY_H + 2.0),
                ),
                key.ink,
            );
        }
    }
    columns
}

/// The marks' rects as one mesh of plain quads (a few thousand small rounded, feathered rects
/// cost egui's tessellator several milliseconds a frame at a million events, and at six points
/// tall a plain quad reads the same), the outlines to draw over them, and the marks drawn.
fn event_marks(key: &DrawnKey, facts: &Facts, state: &ViewState) -> (egui::Mesh, Vec<egui::Shape>, Vec<Mark>) {
    let (rect, axis, style) = (key.rect, &key.axis, &key.style);
    let (chronicle, timeline) = (facts.chronicle, facts.timeline);
    let mut marks = Vec::new();
    let mut mesh = egui::Mesh::default();
    let mut outlines = Vec::new();
    let columns = rect.width().max(1.0) as usize + 1;
    let mut used = vec![false; columns * 4];
    // The wide marks drawn at the current left edge, as (lane, right edge): the timeline is
    // walked in order of first day, so marks of one left edge come together and one short list
    // does what a set of every wide mark would.
    let mut wide_seen: (i32, Vec<(usize, i32)>) = (i32::MIN, Vec::new());
    let (first, last) = axis.visible_dates();
    let px_per_day = (axis.width_px() as f64 / axis.span_days().max(1e-9)).max(1e-12);
    // Windows shorter than this many days are narrower than 3 px: one per column and lane.
    let narrow_days = 3.0 / px_per_day;
    let long = timeline.long_positions(narrow_days);
    let mut drawn_selected = false;
    let mut visit = |k: usize, marks: &mut Vec<Mark>, used: &mut Vec<bool>| -> bool {
        let Some((i, first, last)) = timeline.window_at(k) else {
            return false;
        };
        let info = facts.at(k);
        let x0 = axis.x_of_day(day_number(first));
        let x1 = axis.x_of_day(day_number(last) + 1.0);
        let lane = lane_of(info.thread());
        let column = (x0.max(0.0) as usize).min(columns - 1) + columns * lane;
        let selected = state.selected() == Some(i);
        let narrow = !selected && x1 - x0 < 3.0;
        if narrow && used[column] {
            return false;
        }
        let wide = !narrow && !selected;
        if wide {
            if wide_seen.0 != x0 as i32 {
                wide_seen.0 = x0 as i32;
                wide_seen.1.clear();
            }
            if wide_seen.1.contains(&(lane, x1 as i32)) {
                return false;
            }
        }
        drawn_selected |= selected;
        paint_mark(
            (&mut mesh, &mut outlines, key.pixels_per_point),
            rect,
            chronicle,
            i,
            (x0, x1, lane, info),
            selected,
            state,
            style,
            axis,
        )
        .map(|mark| {
            // Only a mark drawn takes its column or extent: one the filter hides leaves it free.
            if narrow {
                used[column] = true;
            }
            if wide {
                wide_seen.1.push((lane, x1 as i32));
            }
            marks.push(mark);
        })
        .is_some()
    };
    let upper = timeline.position_from(last + chrono::Days::new(1));
    match long {
        Some((long, min_days)) => {
            // The short events, column by column from the first that starts in view.
            let mut k = timeline.position_from(first);
            while k < upper {
                let Some((_, start, end)) = timeline.window_at(k) else {
                    break;
                };
                if (end - start).num_days() + 1 < min_days {
                    visit(k, &mut marks, &mut used);
                }
                let x = axis.x_of_day(day_number(start)).max(0.0);
                let column = (x as usize).min(columns - 1);
                if (0..4).all(|lane| used[column + columns * lane]) {
                    // The column is full: on to the first event of the next one.
                    let next = date_of_day(axis.day_at_x(column as f32 + 1.0).floor() + 1.0).unwrap_or(last);
                    k = timeline.position_from(next).max(k + 1);
                } else {
                    k += 1;
                }
            }
            // The long ones, from their own index.
            let earliest = first
                .checked_sub_days(chrono::Days::new(timeline.longest_days().max(0) as u64))
                .unwrap_or(NaiveDate::MIN);
            let lower = long.partition_point(|&p| timeline.window_at(p as usize).is_some_and(|(_, s, _)| s < earliest));
            for &p in &long[lower..] {
                let Some((_, start, end)) = timeline.window_at(p as usize) else {
                    continue;
                };
                if start > last {
                    break;
                }
                if end >= first {
                    visit(p as usize, &mut marks, &mut used);
                }
            }
        }
        None => {
            for k in timeline.positions_overlapping(first, last) {
                visit(k, &mut marks, &mut used);
            }
        }
    }
    // The selected event is always marked, even where its column was full.
    if let Some(selected) = state.selected().filter(|_| !drawn_selected)
        && let Some(event) = chronicle.events.get(selected)
        && event.date.last_day() >= first
        && event.date.first_day() <= last
    {
        let info = facts.of_event(selected);
        let x0 = axis.x_of_day(day_number(event.date.first_day()));
        let x1 = axis.x_of_day(day_number(event.date.last_day()) + 1.0);
        let lane = lane_of(info.thread());
        if let Some(mark) = paint_mark(
            (&mut mesh, &mut outlines, key.pixels_per_point),
            rect,
            chronicle,
            selected,
            (x0, x1, lane, info),
            true,
            state,
            style,
            axis,
        ) {
            marks.push(mark);
        }
    }
    (mesh, outlines, marks)
}

/// Paints one event's mark; `None` when the filter hides it.
#[allow(clippy::too_many_arguments)]
fn paint_mark(
    (mesh, outlines, ppp): (&mut egui::Mesh, &mut Vec<egui::Shape>, f32),
    rect: Rect,
    chronicle: &Chronicle,
    i: usize,
    (x0, x1, lane, facts): (f32, f32, usize, EventFacts),
    selected: bool,
    state: &ViewState,
    style: &Style,
    axis: &TimeAxis,
) -> Option<Mark> {
    let y_mid = rect.top() + MARK_TOP + MARK_H / 2.0;
    let filtering = state.filter().is_active();
    // The event itself is fetched only when the filter or its other dates need it.
    let event = if filtering || facts.disputed() {
        let event = chronicle.events.get(i)?;
        if filtering && !state.filter().allows(event) {
            return None;
        }
        Some(event)
    } else {
        None
    };
    let (left, right) = (rect.left() + x0, rect.left() + x1);
    let y = y_mid + (lane as f32 - 1.5) * 8.5;
    {
        let color = color32(facts.thread().map_or(style.no_thread, |t| style.thread_color(t)));
        // Coarser than a day or approximate: a soft span.
        if facts.fuzzy() {
            // A soft span for approximate or coarse dates: the whole window, faintly.
            mesh.add_colored_rect(
                Rect::from_min_max(Pos2::new(left, y - 3.0), Pos2::new(right.max(left + 2.0), y + 3.0)),
                color.gamma_multiply(0.35),
            );
        } else if right - left > 4.0 {
            // A pixel short of its window's end, so the days of one place stay apart.
            mesh.add_colored_rect(
                Rect::from_min_max(Pos2::new(left, y - 3.0), Pos2::new(right - 1.0, y + 3.0)),
                color.gamma_multiply(0.85),
            );
        } else {
            // A tick two pixels wide on whole pixels, crisp without feathering.
            let xm = ((left + right) / 2.0 * ppp).round() / ppp;
            mesh.add_colored_rect(
                Rect::from_min_max(Pos2::new(xm - 1.0, y - 8.0), Pos2::new(xm + 1.0, y + 8.0)),
                color,
            );
        }
        // Other dates the sources give, as hollow ghost marks joined to the author's date.
        for claim in event
            .iter()
            .flat_map(|e| &e.disputes)
            .flat_map(|d| &d.claims)
            .filter(|c| !c.preferred)
        {
            if let Some(other) = &claim.date {
                let g0 = rect.left() + axis.x_of_day(day_number(other.first_day()));
                let g1 = rect.left() + axis.x_of_day(day_number(other.last_day()) + 1.0);
                let ghost = color.gamma_multiply(0.8);
                outlines.push(egui::Shape::rect_stroke(
                    Rect::from_min_max(Pos2::new(g0, y - 3.0), Pos2::new(g1.max(g0 + 2.0), y + 3.0)),
                    2.0,
                    Stroke::new(1.0, ghost),
                    egui::StrokeKind::Middle,
                ));
                let (from, to) = ((g0 + g1) / 2.0, (left + right) / 2.0);
                let link = [
                    Pos2::new(from, y - 3.0),
                    Pos2::new(from, y - 6.0),
                    Pos2::new(to, y - 6.0),
                    Pos2::new(to, y - 3.0),
                ];
                outlines.extend(egui::Shape::dashed_line(&link, Stroke::new(1.0, ghost), 2.0, 2.0));
            }
        }
        if selected {
            outlines.push(egui::Shape::rect_stroke(
                Rect::from_min_max(
                    Pos2::new(left - 3.0, y - 10.0),
                    Pos2::new(right.max(left + 1.0) + 3.0, y + 10.0),
                ),
                3.0,
                Stroke::new(2.0, color32(style.selected)),
                egui::StrokeKind::Outside,
            ));
        }
    }
    Some(Mark {
        event: i,
        x0: left,
        x1: right,
        y,
        wide: right - left > 12.0,
    })
}

fn paint_axis(ui: &egui::Ui, painter: &egui::Painter, rect: Rect, axis: &TimeAxis) {
    let font = egui::FontId::proportional(12.0);
    let color = ui.visuals().text_color();
    let measure = |s: &str| {
        ui.fonts_mut(|f| f.layout_no_wrap(s.to_string(), font.clone(), color))
            .size()
            .x
    };
    let top = rect.top() + AXIS_TOP;
    painter.line_segment(
        [Pos2::new(rect.left(), top), Pos2::new(rect.right(), top)],
        Stroke::new(1.0, color.gamma_multiply(0.4)),
    );
    for tick in axis.ticks(10.0, measure) {
        let x = rect.left() + tick.x;
        let tall = if tick.major || tick.level <= TickLevel::Year {
            9.0
        } else if tick.label.is_some() {
            6.0
        } else {
            3.0
        };
        painter.line_segment(
            [Pos2::new(x, top), Pos2::new(x, top + tall)],
            Stroke::new(1.0, color.gamma_multiply(0.6)),
        );
        if let Some(label) = tick.label {
            painter.text(
                Pos2::new(x + 2.0, top + 10.0),
                egui::Align2::LEFT_TOP,
                label,
                font.clone(),
                color,
            );
        }
    }
}
