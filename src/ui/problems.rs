//! The problems of the chronicle opened: what could not be read and what does not check out,
//! one line each (file, line or record, what was left out), so nothing is missing unseen.

use eframe::egui;

/// What the window lists, and whether the list is showing.
#[derive(Clone, Debug, Default)]
pub struct Problems {
    pub lines: Vec<String>,
    pub open: bool,
    /// The line above the list, when it is not that the chronicle was opened without them (a
    /// file that could not be opened at all).
    pub intro: Option<String>,
}

impl Problems {
    /// Opens on the list when there is anything to list.
    pub fn new(lines: Vec<String>) -> Problems {
        let open = !lines.is_empty();
        Problems {
            lines,
            open,
            intro: None,
        }
    }

    /// A file that could not be opened: its error, under a line saying what is shown instead.
    pub fn not_opened(error: String, intro: String) -> Problems {
        Problems {
            lines: vec![error],
            open: true,
            intro: Some(intro),
        }
    }
}

/// A window over the map listing each problem; closing it keeps the chronicle as opened.
pub fn show(ctx: &egui::Context, problems: &mut Problems) {
    if !problems.open || problems.lines.is_empty() {
        return;
    }
    let title = format!(
        "{} problem{} reading the chronicle",
        problems.lines.len(),
        if problems.lines.len() == 1 { "" } else { "s" }
    );
    let mut open = problems.open;
    egui::Window::new(title)
        .id(egui::Id::unique("chronicle-problems"))
        .open(&mut open)
        .anchor(egui::Align2::CENTER_BOTTOM, egui::vec2(0.0, -120.0))
        .default_width(720.0)
        .collapsible(true)
        .show(ctx, |ui| {
            // Text no font here draws (see `crate::fonts::warnings`) was not left out.
            let fonts_only = problems.lines.iter().all(|l| l.contains("no font here draws"));
            ui.label(problems.intro.as_deref().unwrap_or(if fonts_only {
                "The chronicle was opened whole, but no font on this machine draws these texts:"
            } else {
                "The chronicle was opened without these parts:"
            }));
            egui::ScrollArea::vertical().max_height(240.0).show(ui, |ui| {
                for line in &problems.lines {
                    ui.label(egui::RichText::new(line).monospace().size(12.0));
                }
            });
        });
    problems.open = open;
}
