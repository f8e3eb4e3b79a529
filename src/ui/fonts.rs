//! The window's fonts: egui's defaults (Ubuntu Light for text) with the bundled fallbacks of
//! [`crate::fonts`] after them, so names in Chinese, Japanese and Korean show instead of boxes.
//! The PNG export's font database holds the same fonts in the same order.

use eframe::egui;
use std::sync::Arc;

/// egui's default definitions with the bundled fallbacks appended to both families.
pub fn definitions() -> egui::FontDefinitions {
    let mut fonts = egui::FontDefinitions::default();
    for font in crate::fonts::FALLBACKS {
        fonts
            .font_data
            .insert(font.name.to_string(), Arc::new(egui::FontData::from_static(font.bytes)));
        for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
            fonts.families.entry(family).or_default().push(font.name.to_string());
        }
    }
    fonts
}

/// Installs [`definitions`] in `ctx` once (later calls do nothing); takes effect from the next
/// frame on.
pub fn install(ctx: &egui::Context) {
    let id = egui::Id::unique("chronoatlas-bundled-fonts");
    if ctx.data(|d| d.get_temp::<bool>(id)).unwrap_or(false) {
        return;
    }
    ctx.set_fonts(definitions());
    ctx.data_mut(|d| d.insert_temp(id, true));
}
