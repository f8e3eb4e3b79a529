//! The event list beside the map: the events of the day, of the map's view or of the whole
//! chronicle, in date order; a search over everything a reader might type (Ctrl+F, ↑/↓ and Enter
//! to choose); and the filters by thread, actor and date precision.

use crate::chronicle::{Chronicle, Event, Precision};
use crate::scene::{Layer, Style, fit};
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

/// A row of the list: an event of the chronicle, or of a layer shown beneath it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Row {
    /// Index into `Chronicle::events`.
    Event(usize),
    /// A shown layer's event: (layer, index into that layer chronicle's events).
    Layer(usize, usize),
}

/// What the user picked in the list.
#[derive(Debug, Default)]
pub struct Choice {
    /// Index into `Chronicle::events`.
    pub event: Option<usize>,
    /// A layer's event: (layer, event).
    pub layer_event: Option<(usize, usize)>,
    /// Index into `Chronicle::places`, from a place found by search.
    pub place: Option<usize>,
}

/// What the list needs besides the chronicle: the layers beneath it, which of their events is
/// selected, and what the map shows.
pub struct Around<'a> {
    pub layers: &'a [Layer],
    /// A layer's event selected: (layer, event).
    pub selected: Option<(usize, usize)>,
    /// Whether a point (lon, lat) is on the map's screen, for "In view".
    pub in_view: &'a dyn Fn(f64, f64) -> bool,
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
    /// (query, which layers were shown, the filters, rows found).
    found: Option<Found>,
    /// The rows' heights as last laid out, and for what; a frame lays out only the rows in view
    /// unless the rows, the width or the text size changed.
    heights: Option<(HeightsKey, Vec<f32>)>,
    /// The rows of the list as last built and what they were built for, so a frame of a
    /// million events does not gather and filter them again.
    rows: Option<(RowsKey, std::sync::Arc<Vec<Row>>)>,
}

/// A search as last run: (query, which layers were shown, the filters, rows found).
type Found = (String, Vec<bool>, Filter, std::sync::Arc<Vec<Row>>);

/// What the rows of a list that is not a search depend on.
#[derive(Clone, Debug, PartialEq)]
struct RowsKey {
    mode: ListMode,
    day: Option<chrono::NaiveDate>,
    filter: Filter,
    layers: Vec<bool>,
    events: usize,
    /// For "In view": when it was built (seconds); a long list is rebuilt at most twice a second.
    built: Option<u64>,
}

/// Above this many rows, each row is one line of when and where and one of the title, cut to
/// the width, so the list lays out only the rows on screen; below it, rows wrap to their length.
pub const LONG_LIST: usize = 2_000;

/// What the rows' heights depend on.
#[derive(Clone, Debug, PartialEq)]
struct HeightsKey {
    rows: Vec<Row>,
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
    /// Shows the list; returns an event the user chose, or a place. The shown layers' events
    /// are listed and searched with the chronicle's own, in grey and named by their layer; the
    /// filters are the chronicle's and leave them alone.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        chronicle: &Chronicle,
        timeline: &Timeline,
        around: &Around,
        state: &mut ViewState,
        style: &Style,
    ) -> Choice {
        let (layers, selected_layer_event) = (around.layers, around.selected);
        let mut chosen: Option<Row> = None;
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
        let shown_layers = || layers.iter().enumerate().filter(|(_, l)| l.shown);
        let rows: std::sync::Arc<Vec<Row>> = if searching {
            let shown: Vec<bool> = layers.iter().map(|l| l.shown).collect();
            match &self.found {
                Some((query, was, filter, found))
                    if *query == self.query && *was == shown && filter == state.filter() =>
                {
                    found.clone()
                }
                _ => {
                    let beneath = shown_layers().map(|(l, layer)| (l, &layer.chronicle, layer.timeline.order()));
                    // The filters are the chronicle's own (its threads, its actors): a layer's rows stay.
                    let found: Vec<Row> = search::search_with_layers(chronicle, timeline.order(), beneath, &self.query)
                        .into_iter()
                        .map(|f| match f {
                            search::Found::Event(i) => Row::Event(i),
                            search::Found::Layer(l, i) => Row::Layer(l, i),
                        })
                        .filter(|&r| match r {
                            Row::Event(i) => state.filter().allows(&chronicle.events[i]),
                            Row::Layer(l, i) => layers.get(l).is_some_and(|l| i < l.chronicle.events.len()),
                        })
                        .collect();
                    let found = std::sync::Arc::new(found);
                    self.found = Some((self.query.clone(), shown, state.filter().clone(), found.clone()));
                    found
                }
            }
        } else {
            let shown: Vec<bool> = layers.iter().map(|l| l.shown).collect();
            let events = chronicle.events.len() + layers.iter().map(|l| l.chronicle.events.len()).sum::<usize>();
            // "In view" follows the map every frame while the chronicle is short; a long one's
            // is gathered again twice a second.
            let every_frame = self.mode == ListMode::InView && events <= LONG_LIST;
            let now = ui.input(|i| i.time);
            let key = RowsKey {
                mode: self.mode,
                day: (self.mode == ListMode::OnThisDay).then(|| state.day()),
                filter: state.filter().clone(),
                layers: shown,
                events,
                built: (self.mode == ListMode::InView).then_some((now * 2.0) as u64),
            };
            match &self.rows {
                Some((k, rows)) if *k == key && !every_frame => rows.clone(),
                _ => {
                    let rows = std::sync::Arc::new(self.build_rows(chronicle, timeline, around, state));
                    self.rows = Some((key, rows.clone()));
                    rows
                }
            }
        };
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
                let count = timeline.events_at_place(&place.id);
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
        let is_selected = |row: Row, k: usize| {
            let selected = match row {
                Row::Event(i) => state.selected() == Some(i),
                Row::Layer(l, i) => selected_layer_event == Some((l, i)),
            };
            selected || (searching && k == self.highlighted)
        };
        if rows.len() > LONG_LIST {
            // One line of when and where, one of the title, each cut to the width: every row
            // is as tall as the next, and only those on screen are laid out.
            let row_height = 2.0 * (ui.fonts_mut(|f| f.row_height(&font)) + 1.0) + 2.0 * ROW_PAD + ROW_GAP;
            egui::ScrollArea::vertical().auto_shrink([false, false]).show_rows(
                ui,
                row_height,
                rows.len(),
                |ui, range| {
                    let width = ui.available_width();
                    for k in range {
                        let row = rows[k];
                        let (rect, _) = ui.allocate_exact_size(egui::vec2(width, row_height), egui::Sense::hover());
                        let rect = egui::Rect::from_min_size(rect.min, egui::vec2(width, row_height - ROW_GAP));
                        let Some((of, event)) = row_event(chronicle, layers, row) else {
                            continue;
                        };
                        let name = row_name(of, event, row);
                        let lines = row_lines(chronicle, layers, row)
                            .map(|l| fit::cut_to_width(&l, width, font.size, 1).into_owned());
                        let grey = matches!(row, Row::Layer(..));
                        let shown = RowLook {
                            selected: is_selected(row, k),
                            grey,
                            one_line: true,
                        };
                        if event_row(ui, rect, shown, &lines, &font, &name, row).clicked() {
                            chosen = Some(row);
                        }
                    }
                },
            );
            return self.choice(chosen, place_chosen);
        }
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show_viewport(ui, |ui, viewport| {
                let width = ui.available_width();
                let key = HeightsKey {
                    rows: rows.to_vec(),
                    width,
                    font: font.clone(),
                    events: chronicle.events.len() + layers.iter().map(|l| l.chronicle.events.len()).sum::<usize>(),
                };
                let heights = match &self.heights {
                    Some((k, h)) if *k == key => h.clone(),
                    _ => {
                        let h: Vec<f32> = rows
                            .iter()
                            .map(|&i| {
                                let lines = row_lines(chronicle, layers, i);
                                row_galleys(ui, &lines, width, &font, [egui::Color32::WHITE; 2], false).0
                            })
                            .collect();
                        self.heights = Some((key, h.clone()));
                        h
                    }
                };
                let total: f32 = heights.iter().sum();
                let (area, _) = ui.allocate_exact_size(egui::vec2(width, total), egui::Sense::hover());
                let mut top = 0.0;
                for (k, (&row, &height)) in rows.iter().zip(&heights).enumerate() {
                    let in_view = top + height >= viewport.min.y && top <= viewport.max.y;
                    if in_view {
                        let rect = egui::Rect::from_min_size(
                            area.min + egui::vec2(0.0, top),
                            egui::vec2(width, height - ROW_GAP),
                        );
                        let Some((of, event)) = row_event(chronicle, layers, row) else {
                            top += height;
                            continue;
                        };
                        let name = row_name(of, event, row);
                        let lines = row_lines(chronicle, layers, row);
                        let shown = RowLook {
                            selected: is_selected(row, k),
                            grey: matches!(row, Row::Layer(..)),
                            one_line: false,
                        };
                        if event_row(ui, rect, shown, &lines, &font, &name, row).clicked() {
                            chosen = Some(row);
                        }
                    }
                    top += height;
                }
            });
        self.choice(chosen, place_chosen)
    }

    fn choice(&self, chosen: Option<Row>, place_chosen: Option<usize>) -> Choice {
        Choice {
            event: chosen.and_then(|r| match r {
                Row::Event(i) => Some(i),
                Row::Layer(..) => None,
            }),
            layer_event: chosen.and_then(|r| match r {
                Row::Layer(l, i) => Some((l, i)),
                Row::Event(_) => None,
            }),
            place: place_chosen,
        }
    }

    /// The rows of the list in its mode, in date order, filtered (not searching).
    fn build_rows(&self, chronicle: &Chronicle, timeline: &Timeline, around: &Around, state: &ViewState) -> Vec<Row> {
        let (layers, in_view) = (around.layers, around.in_view);
        let shown_layers = || layers.iter().enumerate().filter(|(_, l)| l.shown);
        let place_in_view = |c: &Chronicle, e: &Event| {
            e.places
                .first()
                .and_then(|p| c.place(p))
                .is_some_and(|p| in_view(p.lon, p.lat))
        };
        let mut rows: Vec<Row> = match self.mode {
            ListMode::OnThisDay => crate::scene::events_of_day(chronicle, timeline, state.day(), state.filter())
                .into_iter()
                .map(Row::Event)
                .collect(),
            ListMode::InView => timeline
                .order()
                .iter()
                .copied()
                .filter(|&i| place_in_view(chronicle, &chronicle.events[i]))
                .map(Row::Event)
                .collect(),
            ListMode::All => timeline.order().iter().copied().map(Row::Event).collect(),
        };
        for (l, layer) in shown_layers() {
            let c = &layer.chronicle;
            let of_layer: Vec<usize> = match self.mode {
                ListMode::OnThisDay => layer.timeline.active_on(state.day()),
                ListMode::InView => layer
                    .timeline
                    .order()
                    .iter()
                    .copied()
                    .filter(|&i| place_in_view(c, &c.events[i]))
                    .collect(),
                ListMode::All => layer.timeline.order().to_vec(),
            };
            rows.extend(of_layer.into_iter().map(|i| Row::Layer(l, i)));
        }
        // One list in date order, the chronicle's own first on a day they share (the
        // chronicle's own rows are in timeline order already).
        if shown_layers().next().is_some() {
            rows.sort_by_key(|&r| row_event(chronicle, layers, r).map(|(_, e)| e.date.first_day()));
        }
        rows.into_iter()
            .filter(|&r| match r {
                Row::Event(i) => !state.filter().is_active() || state.filter().allows(&chronicle.events[i]),
                Row::Layer(l, i) => layers.get(l).is_some_and(|l| i < l.chronicle.events.len()),
            })
            .collect()
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

/// Whether a point [lon, lat] is on the map's screen as last drawn, for the "In view" list.
pub fn in_view(map: &MapView) -> impl Fn(f64, f64) -> bool + '_ {
    move |lon, lat| map.is_visible_cached(lon, lat)
}

/// The chronicle a row's event belongs to, and the event.
fn row_event<'a>(chronicle: &'a Chronicle, layers: &'a [Layer], row: Row) -> Option<(&'a Chronicle, &'a Event)> {
    match row {
        Row::Event(i) => chronicle.events.get(i).map(|e| (chronicle, e)),
        Row::Layer(l, i) => {
            let c = &layers.get(l)?.chronicle;
            c.events.get(i).map(|e| (c, e))
        }
    }
}

/// Space between rows, and around a row's text.
const ROW_GAP: f32 = 2.0;
const ROW_PAD: f32 = 3.0;
const ROW_INDENT: f32 = 6.0;

/// A row's two lines: when and where (and, for a layer's event, which layer), then the title.
/// A row's name for assistive technology: its date in words and its title (and its layer's,
/// for a layer's event), each cut so a huge title costs nothing.
fn row_name(of: &Chronicle, event: &Event, row: Row) -> String {
    let mut name = format!(
        "{} — {}",
        event.date.in_words(),
        fit::cut(&event.title, fit::TITLE_CHARS)
    );
    if matches!(row, Row::Layer(..)) {
        name.push_str(&format!(
            " · layer “{}”",
            fit::cut(&of.metadata.title, fit::TITLE_CHARS)
        ));
    }
    name
}

fn row_lines(chronicle: &Chronicle, layers: &[Layer], row: Row) -> [String; 2] {
    let Some((of, event)) = row_event(chronicle, layers, row) else {
        return [String::new(), String::new()];
    };
    let place = event
        .places
        .first()
        .and_then(|p| of.place(p))
        .map_or(String::new(), |p| {
            format!(" · {}", fit::cut(p.name_at(Some(&event.date)), fit::TITLE_CHARS))
        });
    let layer = match row {
        Row::Layer(..) => format!(" · layer “{}”", fit::cut(&of.metadata.title, fit::TITLE_CHARS)),
        Row::Event(_) => String::new(),
    };
    [
        fit::cut(&format!("{}{place}{layer}", event.date.in_words()), fit::TITLE_CHARS).into_owned(),
        fit::cut(&event.title, fit::TITLE_CHARS).into_owned(),
    ]
}

/// A row's lines laid out to wrap at the row's width (never cut with "…"), and the height the
/// row takes with them, gap included.
fn row_galleys(
    ui: &egui::Ui,
    lines: &[String; 2],
    width: f32,
    font: &egui::FontId,
    colors: [egui::Color32; 2],
    one_line: bool,
) -> (f32, Vec<std::sync::Arc<egui::Galley>>) {
    let wrap = (width - 2.0 * ROW_INDENT).max(20.0);
    let galleys: Vec<_> = lines
        .iter()
        .zip(colors)
        .map(|(line, color)| {
            let mut job = egui::text::LayoutJob::simple(line.clone(), font.clone(), color, wrap);
            if one_line {
                // Cut with "…" at the width: a long list's rows are all one height.
                job.wrap.max_rows = 1;
                job.wrap.break_anywhere = true;
            }
            ui.fonts_mut(|f| f.layout_job(job))
        })
        .collect();
    let text: f32 = galleys.iter().map(|g| g.size().y + 1.0).sum();
    (text + 2.0 * ROW_PAD + ROW_GAP, galleys)
}

/// A row of the list: two left-aligned lines that wrap to their length, highlighted when
/// selected, named for AccessKit.
/// How a row is drawn.
#[derive(Clone, Copy)]
struct RowLook {
    selected: bool,
    /// A layer's event.
    grey: bool,
    /// Each line cut to the width (a long list) rather than wrapped.
    one_line: bool,
}

fn event_row(
    ui: &mut egui::Ui,
    rect: egui::Rect,
    look: RowLook,
    lines: &[String; 2],
    font: &egui::FontId,
    name: &str,
    row: Row,
) -> egui::Response {
    let id = match row {
        Row::Event(i) => egui::Id::unique(("event-row", i)),
        Row::Layer(l, i) => egui::Id::unique(("layer-event-row", l, i)),
    };
    let response = ui.interact(rect, id, egui::Sense::click());
    let RowLook { selected, grey, .. } = look;
    let name = name.to_string();
    response.widget_info(|| egui::WidgetInfo::selected(egui::Role::Button, true, selected, name.clone()));
    if ui.is_rect_visible(rect) {
        let visuals = ui.style().interact_selectable(&response, selected);
        if selected || response.hovered() {
            ui.painter().rect_filled(rect, 3.0, visuals.weak_bg_fill);
        }
        // A layer's event in grey, as its marker on the map, apart from the chronicle's own.
        let text = if grey {
            ui.visuals().weak_text_color()
        } else {
            visuals.text_color()
        };
        let colors = [text.gamma_multiply(0.75), text];
        let (_, galleys) = row_galleys(ui, lines, rect.width(), font, colors, look.one_line);
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
