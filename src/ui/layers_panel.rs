//! Chronicles shown as layers: a checkbox each, the evidence for a layer's event when one is
//! clicked, and the citations of any event (source by source, with the full reference).

use crate::chronicle::citation::cite;
use crate::chronicle::describe::{dispute_heading, dispute_sentence};
use crate::chronicle::{Chronicle, Event};
use crate::scene::Layer;
use eframe::egui::{self, RichText};

/// A checkbox per layer, named by the layer's title. Returns whether one changed.
pub fn toggles(ui: &mut egui::Ui, layers: &mut [Layer]) -> bool {
    let mut changed = false;
    ui.label(RichText::new("Layers beneath").size(12.0).weak());
    for layer in layers.iter_mut() {
        let title = layer.chronicle.metadata.title.clone();
        changed |= ui
            .checkbox(&mut layer.shown, title)
            .on_hover_text(&layer.name)
            .changed();
    }
    changed
}

/// The event's citations: each source's short name and place in it, its note, its reference.
pub fn citations(ui: &mut egui::Ui, chronicle: &Chronicle, event: &Event, body: f32) {
    if event.citations.is_empty() {
        return;
    }
    ui.add_space(6.0);
    ui.label(RichText::new("Cited").size(body * 0.8).weak());
    let sources = &chronicle.metadata.sources;
    for citation in &event.citations {
        ui.label(RichText::new(cite(sources, citation)).size(body).strong());
        if !citation.note.is_empty() {
            ui.label(RichText::new(&citation.note).size(body * 0.9));
        }
        if let Some(source) = sources.iter().find(|s| s.id == citation.source) {
            ui.label(RichText::new(&source.reference).size(body * 0.85).weak());
            if let Some(url) = &source.url {
                ui.label(RichText::new(url).size(body * 0.85).weak());
            }
        }
    }
}

/// The evidence for an event of a layer, as the detail panel shows the chronicle's own.
pub fn show_layer_event(ui: &mut egui::Ui, layer: &Layer, index: usize, body: f32) {
    let chronicle = &layer.chronicle;
    let Some(event) = chronicle.events.get(index) else {
        return;
    };
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        ui.style_mut().interaction.selectable_labels = true;
        ui.add_space(6.0);
        ui.label(RichText::new(event.title.as_str()).size(body * 1.35).strong());
        ui.label(
            RichText::new(format!("Context: {}", chronicle.metadata.title))
                .size(body * 0.9)
                .weak(),
        );
        ui.add_space(6.0);
        super::detail_panel::when_and_where(ui, chronicle, event, body);
        ui.separator();
        if !event.summary.is_empty() {
            ui.label(RichText::new("Summary (ours)").size(body * 0.8).weak());
            ui.label(RichText::new(&event.summary).size(body));
        }
        if !event.quote.is_empty() {
            ui.add_space(6.0);
            ui.label(RichText::new("The source's words").size(body * 0.8).weak());
            ui.label(RichText::new(format!("“{}”", event.quote)).size(body * 1.05).italics());
        }
        citations(ui, chronicle, event, body);
        for dispute in &event.disputes {
            ui.add_space(8.0);
            ui.label(RichText::new(dispute_heading(dispute)).size(body).strong());
            ui.label(RichText::new(dispute_sentence(dispute)).size(body));
            if !dispute.note.is_empty() {
                ui.label(RichText::new(&dispute.note).size(body * 0.9).italics());
            }
        }
        ui.add_space(6.0);
        ui.label(RichText::new("Source").size(body * 0.8).weak());
        ui.label(RichText::new(&chronicle.metadata.source.reference).size(body * 0.9));
    });
}
