//! The event list beside the map: the events of the day, of the map's view or of the whole
//! chronicle, in date order; a search over everything a reader might type (Ctrl+F, ↑/↓ and Enter
//! to choose); and the filters by thread, actor and date precision.

use crate::chronicle::{Chronicle, Precision};
use crate::scene::Style;
use crate::search::{self, Filter};
use crate::timeline::Timeline;
use crate::ui::commands::Command;
use crate::ui::map_view::MapView;
use crate::view_state::ViewState;
use eframe::egui::{self, RichText};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ListMode {
    /// Events active on the day shown.
    #[default]
    OnThisDay,
    /// Events whose place is on the map's screen.
    InView,
    All,
}

/// What the user picked in the list.
#[derive(Debug, Default)]
pub struct Choice {
    /// Index into `Chronicle::events`.
    pub event: Option<usize>,
    /// Index into `Chronicle::places`, from a place found by search.
    pub place: Option<usize>,
}

#[derive(Default)]
pub struct EventList {
    pub mode: ListMode,
    pub query: String,
    /// Set to focus the search field on the next frame (Ctrl+F).
    pub focus_search: bool,
    /// The row chosen with the arrow keys while searching.
    highlighted: usize,
    /// The last search and its results, so a frame does not search the chronicle again.
    found: Option<(String, Vec<usize>)>,
    /// The rows' heights as last laid out, and for what; a frame lays out only the rows in view
    /// unless the rows, the width or the text size changed.
    heights: Option<(HeightsKey, Vec<f32>)>,
}

/// What the rows' heights depend on.
#[derive(Clone, Debug, PartialEq)]
struct HeightsKey {
    rows: Vec<usize>,
    width: f32,
    font: egui::FontId,
    events: usize,
}

const PRECISIONS: [(Precision, &str); 7] = [
    (Precision::Day, "day"),
    (Precision::PartOfMonth, "part of month"),
    (Precision::Month, "month"),
    (Precision::Season, "season"),
    (Precision::Year, "year"),
    (Precision::Decade, "decade"),
    (Precision::Century, "century"),
];

impl EventList {
    /// Shows the list; returns an event the user chose, or a place.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        chronicle: &Chronicle,
        timeline: &Timeline,
        state: &mut ViewState,
        style: &Style,
        in_view: &dyn Fn(usize) -> bool,
    ) -> Choice {
        let mut chosen = None;
        let mut place_chosen = None;
        let label = ui.label(RichText::new("Search").strong());
        let field = ui
            .add(
                egui::TextEdit::singleline(&mut self.query)
                    .hint_text(format!("Dandong, Peng, Black Sea… ({})", Command::Search.keys_text()))
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        if std::mem::take(&mut self.focus_search) {
            field.request_focus();
        }
        if field.changed() {
            self.highlighted = 0;
        }
        let searching = !self.query.trim().is_empty();
        let rows: Vec<usize> = if searching {
            match &self.found {
                Some((query, found)) if *query == self.query => found.clone(),
                _ => {
                    let found = search::search(chronicle, timeline.order(), &self.query);
                    self.found = Some((self.query.clone(), found.clone()));
                    found
                }
            }
        } else {
            match self.mode {
                ListMode::OnThisDay => crate::scene::events_of_day(chronicle, timeline, state.day(), state.filter()),
                ListMode::InView => timeline.order().iter().copied().filter(|&i| in_view(i)).collect(),
                ListMode::All => timeline.order().to_vec(),
            }
        };
        let rows: Vec<usize> = rows
            .into_iter()
            .filter(|&i| state.filter().allows(&chronicle.events[i]))
            .collect();
        if searching && field.has_focus() {
            ui.input_mut(|i| {
                if i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowDown) {
                    self.highlighted = (self.highlighted + 1).min(rows.len().saturating_sub(1));
                }
                if i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowUp) {
                    self.highlighted = self.highlighted.saturating_sub(1);
                }
            });
        }
        if searching && field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            chosen = rows.get(self.highlighted).copied();
        }
        ui.horizontal(|ui| {
            ui.selectable_value(&mut self.mode, ListMode::OnThisDay, "This day");
            ui.selectable_value(&mut self.mode, ListMode::InView, "In view");
            ui.selectable_value(&mut self.mode, ListMode::All, "All");
        });
        let mut filter = state.filter().clone();
        self.filters(ui, chronicle, &mut filter, style);
        if filter != *state.filter() {
            state.set_filter(filter);
        }
        let heading = if searching {
            format!("{} found", rows.len())
        } else {
            match self.mode {
                ListMode::OnThisDay => format!("{} on {}", rows.len(), state.day().format("%-d %b %Y")),
                ListMode::InView => format!("{} in the map's view", rows.len()),
                ListMode::All => format!("{} in the chronicle", rows.len()),
            }
        };
        ui.label(RichText::new(heading).weak());
        if searching {
            for p in search::search_places(chronicle, &self.query) {
                let place = &chronicle.places[p];
                let count = chronicle.events.iter().filter(|e| e.places.contains(&place.id)).count();
                // Names in scripts the bundled font cannot draw (Chinese, Korean) are searchable
                // but not shown.
                let also: Vec<&str> = place
                    .other_names
                    .iter()
                    .map(|n| n.name.as_str())
                    .filter(|n| n.chars().all(|c| (c as u32) < 0x0530))
                    .collect();
                let text = format!(
                    "Place: {}{} — {}",
                    place.name,
                    if also.is_empty() {
                        String::new()
                    } else {
                        format!(" (also {})", also.join(", "))
                    },
                    match count {
                        0 => "no event of this chronicle".to_string(),
                        1 => "1 event".to_string(),
                        n => format!("{n} events"),
                    }
                );
                if ui.link(text).on_hover_text("Show on the map").clicked() {
                    place_chosen = Some(p);
                }
            }
        }
        ui.separator();
        let font = egui::TextStyle::Body.resolve(ui.style());
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show_viewport(ui, |ui, viewport| {
                let width = ui.available_width();
                let key = HeightsKey {
                    rows: rows.clone(),
                    width,
                    font: font.clone(),
                    events: chronicle.events.len(),
                };
                let heights = match &self.heights {
                    Some((k, h)) if *k == key => h.clone(),
                    _ => {
                        let h: Vec<f32> = rows
                            .iter()
                            .map(|&i| {
                                let lines = row_lines(chronicle, i);
                                row_galleys(ui, &lines, width, &font, [egui::Color32::WHITE; 2]).0
                            })
                            .collect();
                        self.heights = Some((key, h.clone()));
                        h
                    }
                };
                let total: f32 = heights.iter().sum();
                let (area, _) = ui.allocate_exact_size(egui::vec2(width, total), egui::Sense::hover());
                let mut top = 0.0;
                for (k, (&i, &height)) in rows.iter().zip(&heights).enumerate() {
                    let in_view = top + height >= viewport.min.y && top <= viewport.max.y;
                    if in_view {
                        let rect = egui::Rect::from_min_size(
                            area.min + egui::vec2(0.0, top),
                            egui::vec2(width, height - ROW_GAP),
                        );
                        let event = &chronicle.events[i];
                        let selected = state.selected() == Some(i) || (searching && k == self.highlighted);
                        let name = format!("{} — {}", event.date.in_words(), event.title);
                        let lines = row_lines(chronicle, i);
                        if event_row(ui, rect, selected, &lines, &font, &name, i).clicked() {
                            chosen = Some(i);
                        }
                    }
                    top += height;
                }
            });
        Choice {
            event: chosen,
            place: place_chosen,
        }
    }

    fn filters(&mut self, ui: &mut egui::Ui, chronicle: &Chronicle, filter: &mut Filter, style: &Style) {
        let title = if filter.is_active() { "Filters (on)" } else { "Filters" };
        egui::CollapsingHeader::new(title).id_salt("filters").show(ui, |ui| {
            for (k, thread) in chronicle.threads.iter().enumerate() {
                let mut shown = !filter.hidden_threads.contains(&thread.id);
                let [r, g, b, _] = style.thread_color(k).0;
                let text = RichText::new(&thread.name).color(egui::Color32::from_rgb(r, g, b));
                if ui.checkbox(&mut shown, text).changed() {
                    if shown {
                        filter.hidden_threads.remove(&thread.id);
                    } else {
                        filter.hidden_threads.insert(thread.id.clone());
                    }
                }
            }
            let actors = search::actors(chronicle);
            egui::ComboBox::from_label("Actor")
                .selected_text(filter.actor.clone().unwrap_or("Anyone".to_string()))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut filter.actor, None, "Anyone");
                    for actor in actors {
                        ui.selectable_value(&mut filter.actor, Some(actor.clone()), actor);
                    }
                });
            ui.horizontal_wrapped(|ui| {
                ui.label("Dated to the:");
                for (precision, name) in PRECISIONS {
                    let mut shown = !filter.hidden_precisions.contains(&precision);
                    if ui.checkbox(&mut shown, name).changed() {
                        if shown {
                            filter.hidden_precisions.remove(&precision);
                        } else {
                            filter.hidden_precisions.insert(precision);
                        }
                    }
                }
            });
            if filter.is_active() && ui.button("Show everything").clicked() {
                *filter = Filter::default();
            }
        });
    }
}

/// Whether an event's first place is on the map's screen as last drawn, for the "In view" list.
pub fn in_view<'a>(map: &'a MapView, chronicle: &'a Chronicle) -> impl Fn(usize) -> bool + 'a {
    move |i| {
        chronicle.events[i]
            .places
            .first()
            .and_then(|p| chronicle.place(p))
            .is_some_and(|p| map.is_visible_cached(p.lon, p.lat))
    }
}

/// Space between rows, and around a row's text.
const ROW_GAP: f32 = 2.0;
const ROW_PAD: f32 = 3.0;
const ROW_INDENT: f32 = 6.0;

/// A row's two lines: when and where, then the title.
fn row_lines(chronicle: &Chronicle, i: usize) -> [String; 2] {
    let event = &chronicle.events[i];
    let place = event
        .places
        .first()
        .and_then(|p| chronicle.place(p))
        .map_or(String::new(), |p| format!(" · {}", p.name_at(Some(&event.date))));
    [format!("{}{}", event.date.in_words(), place), event.title.clone()]
}

/// A row's lines laid out to wrap at the row's width (never cut with "…"), and the height the
/// row takes with them, gap included.
fn row_galleys(
    ui: &egui::Ui,
    lines: &[String; 2],
    width: f32,
    font: &egui::FontId,
    colors: [egui::Color32; 2],
) -> (f32, Vec<std::sync::Arc<egui::Galley>>) {
    let wrap = (width - 2.0 * ROW_INDENT).max(20.0);
    let galleys: Vec<_> = lines
        .iter()
        .zip(colors)
        .map(|(line, color)| {
            let job = egui::text::LayoutJob::simple(line.clone(), font.clone(), color, wrap);
            ui.fonts_mut(|f| f.layout_job(job))
        })
        .collect();
    let text: f32 = galleys.iter().map(|g| g.size().y + 1.0).sum();
    (text + 2.0 * ROW_PAD + ROW_GAP, galleys)
}

/// A row of the list: two left-aligned lines that wrap to their length, highlighted when
/// selected, named for AccessKit.
fn event_row(
    ui: &mut egui::Ui,
    rect: egui::Rect,
    selected: bool,
    lines: &[String; 2],
    font: &egui::FontId,
    name: &str,
    event: usize,
) -> egui::Response {
    let response = ui.interact(rect, egui::Id::unique(("event-row", event)), egui::Sense::click());
    let name = name.to_string();
    response.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, selected, name.clone()));
    if ui.is_rect_visible(rect) {
        let visuals = ui.style().interact_selectable(&response, selected);
        if selected || response.hovered() {
            ui.painter().rect_filled(rect, 3.0, visuals.weak_bg_fill);
        }
        let colors = [visuals.text_color().gamma_multiply(0.75), visuals.text_color()];
        let (_, galleys) = row_galleys(ui, lines, rect.width(), font, colors);
        let mut y = rect.top() + ROW_PAD;
        for (galley, color) in galleys.into_iter().zip(colors) {
            let h = galley.size().y;
            ui.painter()
                .galley(egui::pos2(rect.left() + ROW_INDENT, y), galley, color);
            y += h + 1.0;
        }
    }
    response
}
