//! What the user is looking at, apart from the camera: the day, the selection, how much of the
//! past is shown, and playback. Plain data with commands, so stepping is tested without a window.

use crate::chronicle::Chronicle;
use crate::search::Filter;
use crate::timeline::Timeline;
use crate::timeline::show::ShowOptions;
use chrono::{Days, NaiveDate};

/// Playback of time: how fast, which way, and whether it loops over a span.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Playback {
    pub playing: bool,
    /// Days per second, from half a day to thirty days.
    pub days_per_second: f64,
    pub backwards: bool,
    /// Loop within this span instead of stopping at its end.
    pub looping: bool,
    /// Fraction of a day carried between frames, so slow speeds still advance.
    carried: f64,
}

impl Default for Playback {
    fn default() -> Self {
        Playback {
            playing: false,
            days_per_second: 2.0,
            backwards: false,
            looping: false,
            carried: 0.0,
        }
    }
}

/// The speeds offered, in days per second.
pub const SPEEDS: [f64; 7] = [0.5, 1.0, 2.0, 4.0, 7.0, 14.0, 30.0];

/// The day, selection, filters and playback behind every view of the chronicle. The fields are
/// private so that the rules tying them together (a caption belongs to its day, a selection names
/// an event, a span runs forwards) hold whoever changes them: the window, a tour, an export.
#[derive(Clone, Debug, PartialEq)]
pub struct ViewState {
    day: NaiveDate,
    /// Index into `Chronicle::events`.
    selected: Option<usize>,
    show: ShowOptions,
    /// A place whose events are drawn spread out.
    expanded_place: Option<String>,
    playback: Playback,
    /// The span that playback runs over and time-bar presets select (first, last day).
    span: (NaiveDate, NaiveDate),
    /// Which events the map, the time bar and the lists show.
    filter: Filter,
    /// A tour stop's caption, shown instead of the selected event's summary, with the day it was
    /// written for.
    caption: Option<(NaiveDate, String)>,
}

/// Adds `n` days (negative goes back), staying within chrono's calendar.
pub fn add_days(day: NaiveDate, n: i64) -> NaiveDate {
    let result = if n >= 0 {
        day.checked_add_days(Days::new(n as u64))
    } else {
        day.checked_sub_days(Days::new(n.unsigned_abs()))
    };
    result.unwrap_or(if n >= 0 { NaiveDate::MAX } else { NaiveDate::MIN })
}

impl ViewState {
    /// Opens on the chronicle's opening day (`metadata.opening`), else on its first period if
    /// it has one, else on its first event: the story, not an empty day before it.
    pub fn new(chronicle: &Chronicle, timeline: &Timeline) -> ViewState {
        let whole = timeline.span().unwrap_or((NaiveDate::MIN, NaiveDate::MIN));
        let span = chronicle
            .periods
            .first()
            .map(|p| (p.date.first_day(), p.date.last_day()))
            .unwrap_or(whole);
        let whole_known = timeline.span().is_some();
        ViewState {
            day: if let Some(day) = chronicle.opening_day() {
                day
            } else if whole_known || !chronicle.periods.is_empty() {
                span.0
            } else {
                chrono::Local::now().date_naive()
            },
            selected: None,
            show: ShowOptions::default(),
            expanded_place: None,
            playback: Playback::default(),
            span,
            filter: Filter::default(),
            caption: None,
        }
    }

    /// The day the map shows.
    pub fn day(&self) -> NaiveDate {
        self.day
    }

    /// The selected event, an index into `Chronicle::events`.
    pub fn selected(&self) -> Option<usize> {
        self.selected
    }

    pub fn show(&self) -> ShowOptions {
        self.show
    }

    pub fn expanded_place(&self) -> Option<&str> {
        self.expanded_place.as_deref()
    }

    pub fn playback(&self) -> &Playback {
        &self.playback
    }

    /// The span playback runs over (first, last day; first never after last).
    pub fn span(&self) -> (NaiveDate, NaiveDate) {
        self.span
    }

    pub fn filter(&self) -> &Filter {
        &self.filter
    }

    /// A tour stop's words for the day shown; none once the day has changed.
    pub fn caption(&self) -> Option<&str> {
        self.caption
            .as_ref()
            .filter(|(day, _)| *day == self.day)
            .map(|(_, text)| text.as_str())
    }

    /// The one place the day changes: a caption written for another day goes with it.
    fn set_day(&mut self, day: NaiveDate) {
        if self
            .caption
            .as_ref()
            .is_some_and(|(written_for, _)| *written_for != day)
        {
            self.caption = None;
        }
        self.day = day;
    }

    /// Moves the day; a tour stop's caption, written for its own day, goes.
    pub fn go_to(&mut self, day: NaiveDate) {
        self.set_day(day);
    }

    pub fn step_days(&mut self, n: i64) {
        self.set_day(add_days(self.day, n));
    }

    /// Shows a tour stop's words on its day: moves to `day` and keeps `text` until the day
    /// changes. An empty text shows none.
    pub fn show_caption_for(&mut self, day: NaiveDate, text: impl Into<String>) {
        self.set_day(day);
        let text = text.into();
        self.caption = (!text.is_empty()).then_some((day, text));
    }

    /// Whether an event the filter shows begins on `day`.
    fn shown_event_begins(&self, chronicle: &Chronicle, timeline: &Timeline, day: NaiveDate) -> bool {
        !self.filter.is_active()
            || timeline
                .overlapping_windows(day, day)
                .iter()
                .any(|&(i, first, _)| first == day && chronicle.events.get(i).is_some_and(|e| self.filter.allows(e)))
    }

    /// The first day after `from` on which an event the filter shows begins.
    fn next_shown_day(&self, chronicle: &Chronicle, timeline: &Timeline, from: NaiveDate) -> Option<NaiveDate> {
        let mut day = from;
        while let Some(next) = timeline.next_event_day(day) {
            if self.shown_event_begins(chronicle, timeline, next) {
                return Some(next);
            }
            day = next;
        }
        None
    }

    /// The last day before `from` on which an event the filter shows begins.
    fn previous_shown_day(&self, chronicle: &Chronicle, timeline: &Timeline, from: NaiveDate) -> Option<NaiveDate> {
        let mut day = from;
        while let Some(previous) = timeline.previous_event_day(day) {
            if self.shown_event_begins(chronicle, timeline, previous) {
                return Some(previous);
            }
            day = previous;
        }
        None
    }

    /// Moves to the next day on which an event the filter shows begins; false when there is none.
    pub fn next_event(&mut self, chronicle: &Chronicle, timeline: &Timeline) -> bool {
        let next = self.next_shown_day(chronicle, timeline, self.day);
        next.map(|day| self.set_day(day)).is_some()
    }

    /// Moves to the previous day on which an event the filter shows begins; false when there is none.
    pub fn previous_event(&mut self, chronicle: &Chronicle, timeline: &Timeline) -> bool {
        let previous = self.previous_shown_day(chronicle, timeline, self.day);
        previous.map(|day| self.set_day(day)).is_some()
    }

    /// The first day on which an event the filter shows begins.
    pub fn first_event(&mut self, chronicle: &Chronicle, timeline: &Timeline) {
        let Some((first, _)) = timeline.span() else { return };
        let day = if self.shown_event_begins(chronicle, timeline, first) {
            Some(first)
        } else {
            self.next_shown_day(chronicle, timeline, first)
        };
        if let Some(day) = day {
            self.set_day(day);
        }
    }

    /// The last day on which an event the filter shows begins.
    pub fn last_event(&mut self, chronicle: &Chronicle, timeline: &Timeline) {
        if let Some(day) = self.previous_shown_day(chronicle, timeline, NaiveDate::MAX) {
            self.set_day(day);
        }
    }

    /// Selects an event and moves to its first day unless it is already active on the day shown.
    pub fn select(&mut self, chronicle: &Chronicle, event: usize) {
        let Some(e) = chronicle.events.get(event) else {
            return;
        };
        self.mark_selected(Some(event));
        if !e.date.is_active_on(self.day) {
            self.set_day(e.date.first_day());
        }
    }

    /// Rings an event without moving the day, as an export of a given day and selection does;
    /// an index the chronicle does not have selects nothing.
    pub fn set_selected(&mut self, chronicle: &Chronicle, event: Option<usize>) {
        self.mark_selected(event.filter(|&i| i < chronicle.events.len()));
    }

    /// Nothing selected.
    pub fn deselect(&mut self) {
        self.mark_selected(None);
    }

    /// A caption speaks of the selected event: another selection drops it.
    fn mark_selected(&mut self, event: Option<usize>) {
        if self.selected != event {
            self.caption = None;
        }
        self.selected = event;
    }

    /// Spreads out the markers of a place's events (or gathers them again with `None`).
    pub fn expand_place(&mut self, place: Option<String>) {
        self.expanded_place = place;
    }

    pub fn set_show(&mut self, show: ShowOptions) {
        self.show = show;
    }

    pub fn set_filter(&mut self, filter: Filter) {
        self.filter = filter;
    }

    /// Sets the span played and shown (in either order); a day outside it moves to its start.
    pub fn set_span(&mut self, a: NaiveDate, b: NaiveDate) {
        let (first, last) = (a.min(b), a.max(b));
        self.span = (first, last);
        if !(first..=last).contains(&self.day) {
            self.set_day(first);
        }
    }

    /// Days per second, kept within the speeds offered (half a day to thirty days).
    pub fn set_speed(&mut self, days_per_second: f64) {
        if days_per_second.is_finite() {
            self.playback.days_per_second = days_per_second.clamp(SPEEDS[0], SPEEDS[SPEEDS.len() - 1]);
        }
    }

    pub fn set_backwards(&mut self, backwards: bool) {
        self.playback.backwards = backwards;
    }

    pub fn set_looping(&mut self, looping: bool) {
        self.playback.looping = looping;
    }

    /// Starts or pauses playback.
    /// Starting outside the span starts from its beginning (its end when playing backwards).
    pub fn toggle_play(&mut self) {
        self.playback.playing = !self.playback.playing;
        self.playback.carried = 0.0;
        let (first, last) = self.span;
        if self.playback.playing && !(first..=last).contains(&self.day) {
            self.set_day(if self.playback.backwards { last } else { first });
        }
    }

    /// Advances playback by `seconds` of wall time; returns true when the day changed. Stops at
    /// the end of the span, or wraps to its start when looping.
    pub fn advance(&mut self, seconds: f64) -> bool {
        let p = &mut self.playback;
        if !(p.playing && seconds.is_finite() && seconds > 0.0) {
            return false;
        }
        p.carried += seconds.min(1.0) * p.days_per_second.clamp(0.5, 30.0);
        let whole = p.carried.floor();
        if whole < 1.0 {
            return false;
        }
        p.carried -= whole;
        let (first, last) = self.span;
        let step = whole as i64;
        let next = add_days(self.day, if p.backwards { -step } else { step });
        let day = if p.backwards && next < first {
            if p.looping {
                last
            } else {
                p.playing = false;
                first
            }
        } else if !p.backwards && next > last {
            if p.looping {
                first
            } else {
                p.playing = false;
                last
            }
        } else {
            next
        };
        self.set_day(day);
        true
    }
}

#[cfg(test)]
mod tests;
