//! The tour editor: the stops of the open tour, to visit, reorder, delete and caption; the
//! current state added as a stop; the tour opened from and saved to a file (atomically).

use crate::chronicle::Chronicle;
use crate::scene::fit;
use crate::tour::{self, Stop, StopView, Tour};
use crate::ui::commands::{Command, shortcut_text};
use eframe::egui;
use std::path::PathBuf;

/// What the user asked of the tour panel.
#[derive(Debug, Default, PartialEq)]
pub struct TourAction {
    /// Go to this stop.
    pub visit: Option<usize>,
    /// Add the app's current state as a stop after the current one.
    pub add_current: bool,
    /// Stops were removed, moved or replaced: the current stop no longer means the same one.
    pub reordered: bool,
    /// Another tour was opened from the file typed (its edits are not this one's to undo).
    pub opened: bool,
    /// The tour was saved to the file typed.
    pub saved: bool,
    /// The tour as it was before this frame's edits, when there were any: taken only then, so
    /// an open panel on a tour of 100,000 stops does not copy it every frame.
    pub before: Option<Tour>,
}

#[derive(Default)]
pub struct TourPanel {
    /// The file the tour is saved to; typed by the user.
    pub path_text: String,
    /// The outcome of the last open or save, shown under the buttons.
    pub message: Option<(bool, String)>,
    /// Each stop's height as last drawn (an estimate until it is), so only the stops on screen
    /// are drawn: a tour of 100,000 stops costs what a screenful does.
    heights: Vec<f32>,
}

/// A stop's height before it has been drawn: its title, its caption and two lines of notes.
const STOP_HEIGHT_GUESS: f32 = 96.0;

impl TourPanel {
    /// The editor in its own window, which the user can close with `open`.
    pub fn window(
        &mut self,
        ctx: &egui::Context,
        open: &mut bool,
        chronicle: &Chronicle,
        tour: &mut Tour,
        current: Option<usize>,
    ) -> TourAction {
        let mut action = TourAction::default();
        egui::Window::new("Tour")
            .open(open)
            .default_width(520.0)
            .show(ctx, |ui| {
                action = self.show(ui, chronicle, tour, current);
            });
        action
    }

    /// Adds `stop` after the current one (or at the end); returns where it went. Says at once
    /// if the stop would not show its event (a day outside its window).
    pub fn add_stop(
        &mut self,
        chronicle: &Chronicle,
        tour: &mut Tour,
        current: Option<usize>,
        stop: Stop,
    ) -> Option<usize> {
        let at = current.map_or(tour.stops.len(), |k| k + 1);
        if !tour.add_stop(at, stop) {
            self.message = Some((false, format!("There is no stop {at} to add after")));
            return None;
        }
        let note = problems_note(tour, chronicle);
        self.message = Some((note.is_empty(), format!("Stop {} added{note}", at + 1)));
        Some(at)
    }

    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        chronicle: &Chronicle,
        tour: &mut Tour,
        current: Option<usize>,
    ) -> TourAction {
        let mut action = TourAction::default();
        ui.heading(fit::cut(&tour.title, fit::TITLE_CHARS));
        let first_key = |c: Command| c.keys().first().map(shortcut_text).unwrap_or_default();
        ui.label(format!(
            "{} stops · {}/{} step through them in presentation ({})",
            tour.stops.len(),
            first_key(Command::ClickerNext),
            first_key(Command::ClickerPrevious),
            first_key(Command::Present),
        ));
        ui.separator();
        let mut remove = None;
        let mut swap = None;
        // Typing changes a copy of the caption or notes; the change is made after the list, once
        // the tour as it was has been kept for undo.
        let mut typed: Vec<(usize, Option<String>, Option<String>)> = Vec::new();
        let heights = &mut self.heights;
        let guess = heights
            .iter()
            .copied()
            .find(|&h| h != STOP_HEIGHT_GUESS)
            .unwrap_or(STOP_HEIGHT_GUESS);
        heights.resize(tour.stops.len(), guess);
        egui::ScrollArea::vertical()
            .max_height(420.0)
            .auto_shrink([false, true])
            .show_viewport(ui, |ui, viewport| {
                // The stops above the screen are space; so are those below it.
                let mut k = 0;
                let mut top = 0.0;
                while k < heights.len() && top + heights[k] < viewport.min.y {
                    top += heights[k];
                    k += 1;
                }
                if top > 0.0 {
                    ui.allocate_space(egui::vec2(ui.available_width(), top));
                }
                let mut y = top;
                while k < tour.stops.len() && y <= viewport.max.y {
                    let before = ui.cursor().top();
                    let stop = &tour.stops[k];
                    ui.horizontal(|ui| {
                        let title = stop
                            .event
                            .as_deref()
                            .and_then(|id| chronicle.event(id))
                            .map_or("(no event)".to_string(), |e| {
                                fit::cut(&e.title, fit::TITLE_CHARS).into_owned()
                            });
                        let label = format!("{}. {} — {}", k + 1, stop.date.format("%-d %b %Y"), title);
                        if ui.selectable_label(current == Some(k), label).clicked() {
                            action.visit = Some(k);
                        }
                    });
                    let (mut caption, mut notes) = (stop.caption.clone(), stop.notes.clone());
                    let mut caption_changed = false;
                    ui.horizontal(|ui| {
                        caption_changed = ui
                            .add(
                                egui::TextEdit::singleline(&mut caption)
                                    .id_salt(("stop-caption", k))
                                    .desired_width(360.0)
                                    .hint_text("Caption"),
                            )
                            .changed();
                        if ui.small_button("Up").on_hover_text("Move this stop earlier").clicked() && k > 0 {
                            swap = Some((k, k - 1));
                        }
                        if ui.small_button("Down").on_hover_text("Move this stop later").clicked() {
                            swap = Some((k, k + 1));
                        }
                        if ui.small_button("Delete").clicked() {
                            remove = Some(k);
                        }
                    });
                    let mut notes_changed = false;
                    ui.horizontal(|ui| {
                        let label = ui.label("Notes").on_hover_text(format!(
                            "Speaker notes: shown only on the presenter console ({}). Cite footnotes as fn. 96.",
                            first_key(Command::PresenterConsole)
                        ));
                        notes_changed = ui
                            .add(
                                egui::TextEdit::multiline(&mut notes)
                                    .id_salt(("stop-notes", k))
                                    .desired_width(420.0)
                                    .desired_rows(2)
                                    .hint_text("What to say here, which footnote to cite"),
                            )
                            .labelled_by(label.id)
                            .changed();
                    });
                    if caption_changed || notes_changed {
                        typed.push((k, caption_changed.then_some(caption), notes_changed.then_some(notes)));
                    }
                    ui.add_space(4.0);
                    let height = (ui.cursor().top() - before).max(1.0);
                    heights[k] = height;
                    y += height;
                    k += 1;
                }
                let below: f32 = heights[k.min(heights.len())..].iter().sum();
                if below > 0.0 {
                    ui.allocate_space(egui::vec2(ui.available_width(), below));
                }
            });
        if !typed.is_empty() || swap.is_some() || remove.is_some() {
            action.before = Some(tour.clone());
        }
        for (k, caption, notes) in typed {
            if let Some(stop) = tour.stops.get_mut(k) {
                if let Some(caption) = caption {
                    stop.caption = caption;
                }
                if let Some(notes) = notes {
                    stop.notes = notes;
                }
            }
        }
        if let Some((from, to)) = swap {
            action.reordered |= tour.move_stop(from, to);
        }
        if let Some(k) = remove {
            action.reordered |= tour.remove_stop(k).is_some();
        }
        ui.separator();
        if ui.button("Add the current day, view and event as a stop").clicked() {
            action.add_current = true;
        }
        ui.horizontal(|ui| {
            let label = ui.label("Tour file");
            ui.add(
                egui::TextEdit::singleline(&mut self.path_text)
                    .desired_width(300.0)
                    .hint_text("autumn-1950.tour.json"),
            )
            .labelled_by(label.id);
        });
        ui.horizontal(|ui| {
            if ui.button("Save").clicked() {
                let (ok, saved) = self.save(tour);
                action.saved = ok;
                self.message = Some((ok, format!("{saved}{}", problems_note(tour, chronicle))));
            }
            if ui.button("Open").clicked() {
                match self.open() {
                    Ok(opened) => {
                        *tour = opened;
                        action.reordered = true;
                        action.opened = true;
                        let note = problems_note(tour, chronicle);
                        self.message = Some((note.is_empty(), format!("Opened {}{note}", self.path_text)));
                    }
                    Err(e) => self.message = Some((false, e)),
                }
            }
        });
        if let Some((ok, message)) = &self.message {
            let color = if *ok {
                ui.visuals().text_color()
            } else {
                ui.visuals().error_fg_color
            };
            ui.colored_label(color, message);
        }
        action
    }

    fn path(&self) -> Option<PathBuf> {
        let text = self.path_text.trim();
        (!text.is_empty()).then(|| PathBuf::from(text))
    }

    fn save(&self, tour: &Tour) -> (bool, String) {
        let Some(path) = self.path() else {
            return (false, "Type the file to save to first.".to_string());
        };
        match tour::save_tour(tour, &path) {
            Ok(()) => (true, format!("Saved {}", path.display())),
            Err(e) => (false, format!("{}: not saved: {e}", path.display())),
        }
    }

    /// Opens the typed file (its problems against the chronicle are reported, not refused, so
    /// a tour can be mended here).
    fn open(&self) -> Result<Tour, String> {
        let path = self.path().ok_or("Type the file to open first.")?;
        tour::load_tour(&path).map_err(|e| e.to_string())
    }
}

/// " — 2 problem(s)…, first: stop 3: …" when the tour does not fit the chronicle, else "".
pub fn problems_note(tour: &Tour, chronicle: &Chronicle) -> String {
    let problems = tour::check(tour, chronicle);
    match problems.first() {
        None => String::new(),
        Some(first) => format!(
            " — {} problem(s) with this chronicle, first: {}: {}",
            problems.len(),
            first.subject,
            first.message
        ),
    }
}

/// A stop for the app's current state.
pub fn stop_for(day: chrono::NaiveDate, bbox: Option<[f64; 4]>, event: Option<String>, caption: String) -> Stop {
    Stop {
        date: day,
        view: bbox.map(StopView::Bbox),
        event,
        caption,
        notes: String::new(),
    }
}
