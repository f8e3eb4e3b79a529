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

#[derive(Clone, Debug, PartialEq)]
pub struct ViewState {
    pub day: NaiveDate,
    /// Index into `Chronicle::events`.
    pub selected: Option<usize>,
    pub show: ShowOptions,
    /// A place whose events are drawn spread out.
    pub expanded_place: Option<String>,
    pub playback: Playback,
    /// The span that playback runs over and time-bar presets select (first, last day).
    pub span: (NaiveDate, NaiveDate),
    /// Which events the map, the time bar and the lists show.
    pub filter: Filter,
    /// A tour stop's caption, shown instead of the selected event's summary.
    pub caption: Option<String>,
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
    /// Opens on the chronicle's first period if it has one, else on its first event.
    pub fn new(chronicle: &Chronicle, timeline: &Timeline) -> ViewState {
        let whole = timeline.span().unwrap_or((NaiveDate::MIN, NaiveDate::MIN));
        let span = chronicle
            .periods
            .first()
            .map(|p| (p.date.first_day(), p.date.last_day()))
            .unwrap_or(whole);
        let whole_known = timeline.span().is_some();
        ViewState {
            day: if whole_known || !chronicle.periods.is_empty() {
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

    /// Moves the day; a tour stop's caption, written for its own day, goes.
    pub fn go_to(&mut self, day: NaiveDate) {
        if day != self.day {
            self.caption = None;
        }
        self.day = day;
    }

    pub fn step_days(&mut self, n: i64) {
        self.go_to(add_days(self.day, n));
    }

    /// Whether an event the filter shows begins on `day`.
    fn shown_event_begins(&self, chronicle: &Chronicle, timeline: &Timeline, day: NaiveDate) -> bool {
        !self.filter.is_active()
            || timeline
                .overlapping_windows(day, day)
                .iter()
                .any(|&(i, first, _)| first == day && chronicle.events.get(i).is_some_and(|e| self.filter.allows(e)))
    }

    /// Moves to the next day on which an event the filter shows begins; false when there is none.
    pub fn next_event(&mut self, chronicle: &Chronicle, timeline: &Timeline) -> bool {
        let mut day = self.day;
        while let Some(next) = timeline.next_event_day(day) {
            if self.shown_event_begins(chronicle, timeline, next) {
                self.go_to(next);
                return true;
            }
            day = next;
        }
        false
    }

    /// Moves to the previous day on which an event the filter shows begins; false when there is none.
    pub fn previous_event(&mut self, chronicle: &Chronicle, timeline: &Timeline) -> bool {
        let mut day = self.day;
        while let Some(previous) = timeline.previous_event_day(day) {
            if self.shown_event_begins(chronicle, timeline, previous) {
                self.go_to(previous);
                return true;
            }
            day = previous;
        }
        false
    }

    /// The first day on which an event the filter shows begins.
    pub fn first_event(&mut self, chronicle: &Chronicle, timeline: &Timeline) {
        if let Some((first, _)) = timeline.span() {
            if self.shown_event_begins(chronicle, timeline, first) {
                self.go_to(first);
            } else {
                let before = self.day;
                self.day = first;
                if !self.next_event(chronicle, timeline) {
                    self.day = before;
                }
            }
        }
    }

    /// The last day on which an event the filter shows begins.
    pub fn last_event(&mut self, chronicle: &Chronicle, timeline: &Timeline) {
        let before = self.day;
        self.day = NaiveDate::MAX;
        if !self.previous_event(chronicle, timeline) {
            self.day = before;
        }
    }

    /// Selects an event and moves to its first day unless it is already active on the day shown.
    pub fn select(&mut self, chronicle: &Chronicle, event: usize) {
        let Some(e) = chronicle.events.get(event) else {
            return;
        };
        if self.selected != Some(event) {
            self.caption = None;
        }
        self.selected = Some(event);
        if !e.date.is_active_on(self.day) {
            self.day = e.date.first_day();
        }
    }

    /// Starts or pauses playback.
    /// Starting outside the span starts from its beginning (its end when playing backwards).
    pub fn toggle_play(&mut self) {
        self.playback.playing = !self.playback.playing;
        self.playback.carried = 0.0;
        let (first, last) = self.span;
        if self.playback.playing && !(first..=last).contains(&self.day) {
            self.day = if self.playback.backwards { last } else { first };
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
        if p.backwards && next < first {
            if p.looping {
                self.day = last;
            } else {
                self.day = first;
                p.playing = false;
            }
        } else if !p.backwards && next > last {
            if p.looping {
                self.day = first;
            } else {
                self.day = last;
                p.playing = false;
            }
        } else {
            self.day = next;
        }
        self.caption = None;
        true
    }
}
