//! The window's fonts: egui's defaults (Ubuntu Light for text) with the bundled fallbacks of
//! [`crate::fonts`] after them, so names in Chinese, Japanese and Korean show instead of boxes,
//! and after those the system faces [`crate::fonts::provide`] loaded for other scripts (Arabic,
//! Hebrew, Thai, ...). The PNG export's font database holds the same fonts in the same order.
//!
//! egui 0.37 shapes text with harfrust, as resvg does for the exports: Arabic letters join and a
//! right-to-left name reads right to left. It runs no full bidirectional algorithm over a line
//! that mixes directions, so such a line may order its runs differently from a browser.

use eframe::egui;
use std::sync::Arc;

/// egui's default definitions with the bundled fallbacks appended to both families, then the
/// system fonts loaded so far.
pub fn definitions() -> egui::FontDefinitions {
    let mut fonts = egui::FontDefinitions::default();
    let mut add = |name: String, data: egui::FontData| {
        fonts.font_data.insert(name.clone(), Arc::new(data));
        for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
            fonts.families.entry(family).or_default().push(name.clone());
        }
    };
    for font in crate::fonts::FALLBACKS {
        add(font.name.to_string(), egui::FontData::from_static(font.bytes));
    }
    for font in crate::fonts::system_fonts() {
        add(
            font.name.clone(),
            egui::FontData::from_blob(font.data.clone(), font.index),
        );
    }
    fonts
}

/// Installs [`definitions`] in `ctx`, again only when system fonts were loaded since (cheap to
/// call each frame); takes effect from the next frame on.
pub fn install(ctx: &egui::Context) {
    let id = egui::Id::unique("chronoatlas-bundled-fonts");
    // How many system fonts the installed definitions hold, plus one.
    let wanted = crate::fonts::system_generation() + 1;
    if ctx.data(|d| d.get_temp::<usize>(id)) == Some(wanted) {
        return;
    }
    ctx.set_fonts(definitions());
    ctx.data_mut(|d| d.insert_temp(id, wanted));
}
