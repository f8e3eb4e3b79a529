//! Screenshots of the window: F12 (saved beside the others, never over one) and the command
//! line's `--screenshot` (taken once the first frames have settled, then the window closes).

use super::ChronoatlasApp;
use crate::ui::screenshot;
use eframe::egui;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// Where a requested screenshot ended up, filled in by egui's callback.
pub type ScreenshotResult = Arc<Mutex<Option<Result<PathBuf, String>>>>;

impl ChronoatlasApp {
    /// A file name that says what the picture shows: the day and the selected event.
    pub(super) fn screenshot_stem(&self) -> String {
        let event = self
            .state
            .selected()
            .and_then(|i| self.chronicle.events.get(i))
            .map(|e| format!("-{}", e.id))
            .unwrap_or_default();
        format!("chronoatlas-{}{event}", self.state.day().format("%Y-%m-%d"))
    }

    /// What F12 saves: the map panel alone at the desk (with its date card and caption, what a
    /// lecture slide needs), or the whole window when the setting says so or while presenting
    /// (where the map, its time bar and counter are the whole picture). In points.
    pub fn screenshot_area(&self) -> Option<egui::Rect> {
        if self.presentation.active || self.screenshot_whole_window {
            return None;
        }
        self.map.last_rect()
    }

    /// Asks egui for a screenshot saved at `path`, of `area` only (in points) if given; `close`
    /// ends the app once it is written.
    pub(super) fn request_screenshot(&self, ctx: &egui::Context, path: PathBuf, close: bool, area: Option<egui::Rect>) {
        let result = self.screenshot_result.clone();
        let on_existing = self.exit_screenshot_existing;
        let ctx2 = ctx.clone();
        let pixels_per_point = ctx.pixels_per_point();
        // With the presenter console's picture still to come, the window closes after it.
        let close_now = close && !self.waits_for_console_screenshot();
        ctx.request_screenshot(move |image| {
            let image = match area {
                Some(rect) => Arc::new(screenshot::crop(&image, rect, pixels_per_point)),
                None => image,
            };
            // The command line names its file (replaced only with --overwrite); F12 never
            // replaces one.
            let written = if close {
                screenshot::save_png(&path, &image, on_existing).map(|()| path.clone())
            } else {
                screenshot::save_png_new(&path, &image)
            };
            let outcome = written.map_err(|e| {
                let hint = if e.kind() == std::io::ErrorKind::AlreadyExists {
                    " (give --overwrite to replace it)"
                } else {
                    ""
                };
                format!("{}: cannot write the screenshot: {e}{hint}", path.display())
            });
            if let Ok(mut slot) = result.lock() {
                *slot = Some(outcome);
            }
            if close_now {
                ctx2.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            ctx2.request_repaint();
        });
    }

    /// F12: saves the map (or the window, see [`Self::screenshot_area`]) as shown into the
    /// screenshot folder, never over an existing file. The folder is the one chosen in the export
    /// window (the Pictures folder at first).
    pub fn take_screenshot(&mut self, ctx: &egui::Context) {
        let chosen = PathBuf::from(self.export_window.folder.trim());
        let folder = if chosen.is_dir() {
            chosen
        } else {
            self.screenshot_folder.clone()
        };
        let path = screenshot::unique_path(&folder, &self.screenshot_stem());
        // The picture is of the frame being drawn: the ink is left out of it unless kept.
        if !self.export_window.keep_ink {
            self.map.ink.hide_at(ctx.input(|i| i.time));
        }
        self.request_screenshot(ctx, path, false, self.screenshot_area());
    }

    /// Shows the outcome of the last F12 screenshot once it is known.
    pub(super) fn show_notice(&mut self, ui: &egui::Ui) {
        let now = ui.input(|i| i.time);
        if self.exit_screenshot.is_none()
            && let Some(outcome) = self.screenshot_result.lock().ok().and_then(|mut r| r.take())
        {
            let text = match outcome {
                Ok(path) => format!("Screenshot saved: {}", path.display()),
                Err(message) => message,
            };
            self.notice = Some((text, now));
        }
        if let Some((text, since)) = &self.notice {
            if now - since > 6.0 {
                self.notice = None;
            } else {
                egui::Area::new(egui::Id::unique("notice"))
                    .anchor(egui::Align2::CENTER_BOTTOM, egui::vec2(0.0, -90.0))
                    .show(ui.ctx(), |ui| {
                        egui::Frame::popup(ui.style()).show(ui, |ui| ui.label(text));
                    });
                ui.ctx().request_repaint_after(std::time::Duration::from_millis(500));
            }
        }
    }
}
