//! The evidence for the selected event: its date in words and in the source's own words, its
//! places and actors, our summary, the verbatim quote with its footnotes (each expandable to the
//! full citation), the disputes stated plainly, and the source's reference, so a screenshot of the
//! panel is citable. All text is selectable.

use crate::chronicle::Chronicle;
use crate::chronicle::describe::{
    date_line, dispute_heading, dispute_sentence, place_lines, source_wording, thread_neighbours,
};
use crate::scene::Style;
use crate::scene::fit;
use crate::timeline::Timeline;
use crate::view_state::ViewState;
use eframe::egui::{self, RichText};

/// What the user asked for from the panel's links.
#[derive(Debug, Default, PartialEq)]
pub struct DetailAction {
    /// Select this event instead (previous/next in its thread).
    pub select: Option<usize>,
    /// Centre the map on the event's place and flash its marker.
    pub show_on_map: bool,
    /// Move the day to the event's first day.
    pub go_to_date: bool,
}

/// The text size of the panel's body; the heading and quote scale with it.
pub const BODY_SIZE: f32 = 15.0;

pub fn show(
    ui: &mut egui::Ui,
    chronicle: &Chronicle,
    timeline: &Timeline,
    state: &ViewState,
    style: &Style,
) -> DetailAction {
    show_sized(ui, chronicle, timeline, state, style, BODY_SIZE)
}

/// [`show`] with body text of `body` points (the presenter console reads it from further off).
pub fn show_sized(
    ui: &mut egui::Ui,
    chronicle: &Chronicle,
    timeline: &Timeline,
    state: &ViewState,
    style: &Style,
    body: f32,
) -> DetailAction {
    let mut action = DetailAction::default();
    let Some(index) = state.selected().filter(|&i| i < chronicle.events.len()) else {
        ui.add_space(8.0);
        ui.label(RichText::new("No event selected").size(body * 1.2).strong());
        ui.label(
            RichText::new(
                "Click a marker on the map, a mark on the time bar or a row of the event list to see \
                 the source's passage, its footnotes and where the sources disagree.",
            )
            .size(body),
        );
        return action;
    };
    let event = &chronicle.events[index];
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        ui.style_mut().interaction.selectable_labels = true;
        ui.add_space(6.0);
        ui.label(
            RichText::new(fit::cut(&event.title, fit::MAX_CHARS))
                .size(body * 1.35)
                .strong(),
        );
        if let Some(thread) = event.thread.as_deref().and_then(|t| chronicle.thread(t)) {
            let index = chronicle.thread_index(&thread.id).unwrap_or(0);
            let [r, g, b, _] = style.thread_color(index).0;
            ui.horizontal(|ui| {
                let (dot, _) = ui.allocate_exact_size(egui::vec2(body * 0.7, body * 0.7), egui::Sense::hover());
                ui.painter()
                    .circle_filled(dot.center(), body * 0.32, egui::Color32::from_rgb(r, g, b));
                ui.label(RichText::new(&thread.name).size(body * 0.9));
            });
        }
        ui.add_space(6.0);
        when_and_where(ui, chronicle, event, body);
        if !event.actors.is_empty() {
            ui.label(RichText::new(format!("Actors: {}", event.actors.join(", "))).size(body));
        }
        ui.horizontal_wrapped(|ui| {
            if ui.button("Go to this date").clicked() {
                action.go_to_date = true;
            }
            if !event.places.is_empty() && ui.button("Show on map").clicked() {
                action.show_on_map = true;
            }
        });
        ui.separator();
        if !event.summary.is_empty() {
            ui.label(RichText::new("Summary (ours)").size(body * 0.8).weak());
            ui.label(RichText::new(fit::cut(&event.summary, fit::MAX_CHARS)).size(body));
            ui.add_space(6.0);
        }
        if !event.quote.is_empty() {
            ui.label(RichText::new("The source's words").size(body * 0.8).weak());
            let bar = ui.visuals().selection.bg_fill;
            egui::Frame::new()
                .inner_margin(egui::Margin {
                    left: 12,
                    right: 6,
                    top: 6,
                    bottom: 6,
                })
                .fill(ui.visuals().faint_bg_color)
                .show(ui, |ui| {
                    let rect = ui.max_rect();
                    ui.painter()
                        .vline(rect.left() - 8.0, rect.y_range(), egui::Stroke::new(3.0, bar));
                    let mut quote = format!("“{}”", fit::cut(&event.quote, fit::MAX_CHARS));
                    if !event.footnotes.is_empty() {
                        let marks: Vec<String> = event.footnotes.iter().map(|n| format!("[{n}]")).collect();
                        quote.push(' ');
                        quote.push_str(&marks.join(" "));
                    }
                    ui.label(RichText::new(quote).size(body * 1.05).italics());
                });
        }
        if !event.footnotes.is_empty() {
            ui.add_space(6.0);
            ui.label(RichText::new("Footnotes").size(body * 0.8).weak());
            for &number in &event.footnotes {
                let text = chronicle
                    .footnote(number)
                    .map_or("(not in this chronicle)".to_string(), |f| f.text.clone());
                egui::CollapsingHeader::new(RichText::new(format!("Footnote {number}")).size(body))
                    .id_salt(("footnote", index, number))
                    .show(ui, |ui| {
                        ui.label(RichText::new(text).size(body * 0.95));
                    });
            }
        }
        super::layers_panel::citations(ui, chronicle, event, body);
        for dispute in &event.disputes {
            ui.add_space(8.0);
            egui::Frame::new()
                .inner_margin(8)
                .stroke(egui::Stroke::new(1.0, ui.visuals().warn_fg_color))
                .corner_radius(4)
                .show(ui, |ui| {
                    ui.label(
                        RichText::new(dispute_heading(dispute))
                            .size(body)
                            .strong()
                            .color(ui.visuals().warn_fg_color),
                    );
                    ui.label(RichText::new(dispute_sentence(dispute)).size(body));
                    if !dispute.note.is_empty() {
                        ui.label(RichText::new(&dispute.note).size(body * 0.9).italics());
                    }
                });
        }
        ui.add_space(8.0);
        ui.separator();
        let (previous, next) = thread_neighbours(chronicle, timeline.order(), index);
        ui.horizontal_wrapped(|ui| {
            if let Some(p) = previous
                && ui
                    .button("‹ Previous in thread")
                    .on_hover_text(fit::cut(&chronicle.events[p].title, fit::TITLE_CHARS))
                    .clicked()
            {
                action.select = Some(p);
            }
            if let Some(n) = next
                && ui
                    .button("Next in thread ›")
                    .on_hover_text(fit::cut(&chronicle.events[n].title, fit::TITLE_CHARS))
                    .clicked()
            {
                action.select = Some(n);
            }
        });
        ui.add_space(6.0);
        ui.label(RichText::new("Source").size(body * 0.8).weak());
        ui.label(RichText::new(&chronicle.metadata.source.reference).size(body * 0.9));
    });
    action
}

/// The event's date, the source's own wording of it and its places: the same lines for the
/// chronicle's events and for a layer's.
pub(crate) fn when_and_where(ui: &mut egui::Ui, chronicle: &Chronicle, event: &crate::chronicle::Event, body: f32) {
    ui.label(RichText::new(date_line(event)).size(body).strong());
    if let Some(words) = source_wording(event) {
        ui.label(RichText::new(words).size(body * 0.9).italics());
    }
    for line in place_lines(chronicle, event) {
        ui.label(RichText::new(line).size(body));
    }
}
