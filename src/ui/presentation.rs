//! Presentation mode: the map alone, full screen, with a large date card, a caption in the lower
//! third and a thin time bar; driven by a presenter clicker (its keys are in `commands`).

use crate::chronicle::Chronicle;
use crate::scene::{OverlayOptions, Style};
use crate::timeline::Timeline;
use crate::timeline::axis::{TimeAxis, day_number};
use crate::ui::map_view::{MapResponse, MapView};
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

#[derive(Clone, Debug, PartialEq)]
pub struct Presentation {
    pub active: bool,
    /// B: the screen goes black (and back), as in slide software.
    pub blacked: bool,
    pub unit: StepUnit,
    /// The dark projector theme instead of the light one.
    pub dark: bool,
    /// A tour is playing: the clicker keys go stop by stop, whatever `unit` says, so a lecturer
    /// need not find a setting before the tour follows the clicker.
    pub tour_playing: bool,
    /// With no tour playing, each click while presenting re-frames the map to the day's events
    /// when they are off screen, so the hall sees where the day happens.
    pub reframe: bool,
    /// The legend on the projected map (L); off by default, a hall needs the room.
    pub legend: bool,
    /// The day's events named beside their markers at the desk too (always on while presenting).
    pub desk_callouts: bool,
}

impl Default for Presentation {
    fn default() -> Self {
        Presentation {
            active: false,
            blacked: false,
            unit: StepUnit::default(),
            dark: false,
            tour_playing: false,
            reframe: true,
            legend: false,
            desk_callouts: false,
        }
    }
}

impl Presentation {
    /// What the map draws over itself: the projector's overlays while presenting (the legend
    /// only when asked for), the desk's otherwise; the stop counter while a tour plays.
    pub fn overlays(&self, stop_counter: Option<(usize, usize)>) -> OverlayOptions {
        let mut overlays = if self.active {
            OverlayOptions {
                legend: self.legend,
                ..OverlayOptions::presenting()
            }
        } else {
            OverlayOptions {
                callouts: self.desk_callouts,
                ..OverlayOptions::default()
            }
        };
        overlays.stop_counter = stop_counter.filter(|_| self.tour_playing);
        overlays
    }
}

/// The style for presenting.
pub fn style(presentation: &Presentation) -> Style {
    if presentation.dark {
        Style::projector_dark()
    } else {
        Style::projector_light()
    }
}

/// The presentation screen: the map above a thin time bar, or black. Returns what the user
/// clicked on the map: an event of the chronicle or of a layer.
pub fn show(
    ui: &mut egui::Ui,
    presentation: &Presentation,
    map: &mut MapView,
    chronicle: &Chronicle,
    timeline: &Timeline,
    state: &mut ViewState,
) -> MapResponse {
    let mut clicked = MapResponse::default();
    egui::CentralPanel::default().frame(egui::Frame::NONE).show(ui, |ui| {
        if presentation.blacked {
            let rect = ui.max_rect();
            ui.painter().rect_filled(rect, 0.0, Color32::BLACK);
            ui.allocate_rect(rect, egui::Sense::hover());
            return;
        }
        let full = ui.max_rect();
        let bar_height = (full.height() / 40.0).max(12.0);
        let map_rect = Rect::from_min_max(full.min, egui::pos2(full.max.x, full.max.y - bar_height));
        let bar_rect = Rect::from_min_max(egui::pos2(full.min.x, full.max.y - bar_height), full.max);
        ui.scope_builder(egui::UiBuilder::new().max_rect(map_rect), |ui| {
            crate::ui::ink::pointer(ui, map);
            clicked = map.show(ui, chronicle, timeline, state);
            crate::ui::ink::pen(ui, map);
        });
        let style = map.style.clone();
        thin_time_bar(ui, bar_rect, chronicle, timeline, state, &style);
    });
    clicked
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
    let (first, last) = state.span();
    let axis = TimeAxis::for_dates(first.min(state.day()), last.max(state.day()), rect.width());
    for i in timeline.overlapping(first, last) {
        let event = &chronicle.events[i];
        if !state.filter().allows(event) {
            continue;
        }
        let x = rect.left() + axis.x_of_day(day_number(event.date.first_day()) + 0.5);
        painter.line_segment(
            [Pos2::new(x, rect.top() + 4.0), Pos2::new(x, rect.bottom() - 4.0)],
            Stroke::new(2.0, color(style.event_color(chronicle, event.thread.as_deref()))),
        );
    }
    let x = rect.left() + axis.x_of_day(day_number(state.day()) + 0.5);
    painter.line_segment(
        [Pos2::new(x, rect.top()), Pos2::new(x, rect.bottom())],
        Stroke::new(4.0, color(style.selected)),
    );
}
