//! Presentation mode: the map alone, full screen, with a large date card, a caption in the lower
//! third and a thin time bar; driven by a presenter clicker (PageDown/PageUp, arrows, Space, B).

use crate::chronicle::Chronicle;
use crate::scene::Style;
use crate::timeline::Timeline;
use crate::timeline::axis::{TimeAxis, day_number};
use crate::view_state::ViewState;
use eframe::egui::{self, Color32, Pos2, Rect, Stroke};

/// What one click of the clicker moves by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum StepUnit {
    Day,
    /// The next day on which an event begins.
    #[default]
    Event,
    /// The next stop of the open tour.
    TourStop,
}

impl StepUnit {
    pub const ALL: [StepUnit; 3] = [StepUnit::Day, StepUnit::Event, StepUnit::TourStop];

    pub fn name(self) -> &'static str {
        match self {
            StepUnit::Day => "Day",
            StepUnit::Event => "Event",
            StepUnit::TourStop => "Tour stop",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Presentation {
    pub active: bool,
    /// B: the screen goes black (and back), as in slide software.
    pub blacked: bool,
    pub unit: StepUnit,
    /// The dark projector theme instead of the light one.
    pub dark: bool,
}

/// A clicker's intent, read from the keys it sends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Click {
    Next,
    Previous,
    Black,
    Leave,
}

/// Reads the clicker keys of this frame (consumed, so nothing else reacts to them).
pub fn read_clicks(ctx: &egui::Context) -> Vec<Click> {
    use egui::{Key, Modifiers};
    ctx.input_mut(|i| {
        let mut clicks = Vec::new();
        for key in [Key::PageDown, Key::ArrowRight, Key::Space, Key::ArrowDown] {
            if i.consume_key(Modifiers::NONE, key) {
                clicks.push(Click::Next);
            }
        }
        for key in [Key::PageUp, Key::ArrowLeft, Key::ArrowUp] {
            if i.consume_key(Modifiers::NONE, key) {
                clicks.push(Click::Previous);
            }
        }
        if i.consume_key(Modifiers::NONE, Key::B) || i.consume_key(Modifiers::NONE, Key::Period) {
            clicks.push(Click::Black);
        }
        if i.consume_key(Modifiers::NONE, Key::Escape) {
            clicks.push(Click::Leave);
        }
        clicks
    })
}

/// The style for presenting.
pub fn style(presentation: &Presentation) -> Style {
    if presentation.dark {
        Style::projector_dark()
    } else {
        Style::projector_light()
    }
}

/// A thin time bar across the bottom: the span, its events and the day.
pub fn thin_time_bar(
    ui: &egui::Ui,
    rect: Rect,
    chronicle: &Chronicle,
    timeline: &Timeline,
    state: &ViewState,
    style: &Style,
) {
    let color = |c: crate::scene::Rgba| Color32::from_rgba_unmultiplied(c.0[0], c.0[1], c.0[2], c.0[3]);
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, color(style.card_fill));
    let (first, last) = state.span;
    let axis = TimeAxis::for_dates(first.min(state.day), last.max(state.day), rect.width());
    for i in timeline.overlapping(first, last) {
        let event = &chronicle.events[i];
        if !state.filter.allows(event) {
            continue;
        }
        let x = rect.left() + axis.x_of_day(day_number(event.date.first_day()) + 0.5);
        painter.line_segment(
            [Pos2::new(x, rect.top() + 4.0), Pos2::new(x, rect.bottom() - 4.0)],
            Stroke::new(2.0, color(style.event_color(chronicle, event.thread.as_deref()))),
        );
    }
    let x = rect.left() + axis.x_of_day(day_number(state.day) + 0.5);
    painter.line_segment(
        [Pos2::new(x, rect.top()), Pos2::new(x, rect.bottom())],
        Stroke::new(4.0, color(style.selected)),
    );
}
