//! Historical dates: not timestamps but statements such as "early December 1949",
//! "9–10 October 1950" or "14 (?) October", each with a precision and a certainty.
//!
//! The written form is EDTF (Level 0 and 1) with one extension, parts of a month
//! (`early 1949-12`, `mid 1950-04`, `late 1950-05`), which historians write and EDTF lacks.
//! Every date covers a window of whole days; "active on day D" means D lies in that window.

use chrono::{Datelike, Months, NaiveDate};
use std::cmp::Ordering;
use std::fmt;

/// How finely a date is known; coarser dates cover longer windows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    Day,
    PartOfMonth,
    Month,
    Season,
    Year,
    Decade,
    Century,
}

impl Precision {
    /// The name used in JSON output and the schema.
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::PartOfMonth => "part-of-month",
            Precision::Month => "month",
            Precision::Season => "season",
            Precision::Year => "year",
            Precision::Decade => "decade",
            Precision::Century => "century",
        }
    }
}

/// Whether the source vouches for the date (`?` uncertain, `~` approximate, `%` both).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Certainty {
    pub uncertain: bool,
    pub approximate: bool,
}

impl Certainty {
    fn suffix(self) -> &'static str {
        match (self.uncertain, self.approximate) {
            (false, false) => "",
            (true, false) => "?",
            (false, true) => "~",
            (true, true) => "%",
        }
    }
}

/// Early, mid or late in a month: days 1–10, 11–20, 21–end.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PartOfMonth {
    Early,
    Mid,
    Late,
}

impl PartOfMonth {
    fn word(self) -> &'static str {
        match self {
            PartOfMonth::Early => "early",
            PartOfMonth::Mid => "mid",
            PartOfMonth::Late => "late",
        }
    }
}

/// Northern-hemisphere seasons, as EDTF codes 21–24.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Season {
    Spring,
    Summer,
    Autumn,
    Winter,
}

impl Season {
    fn code(self) -> u32 {
        match self {
            Season::Spring => 21,
            Season::Summer => 22,
            Season::Autumn => 23,
            Season::Winter => 24,
        }
    }
    fn word(self) -> &'static str {
        match self {
            Season::Spring => "spring",
            Season::Summer => "summer",
            Season::Autumn => "autumn",
            Season::Winter => "winter",
        }
    }
}

/// The unit a single date point names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Unit {
    Century,
    Decade,
    Year,
    Season(Season),
    Month(u32),
    PartOfMonth(u32, PartOfMonth),
    Day(u32, u32),
}

/// One end of a historical date: a day, a part of a month, a month, a season, a year…
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DatePoint {
    pub year: i32,
    pub unit: Unit,
    pub certainty: Certainty,
}

/// Why a written date could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateError {
    pub input: String,
    pub reason: String,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid date {:?}: {}", self.input, self.reason)
    }
}

impl std::error::Error for DateError {}

/// Month names in English, January first: the one list the date in words and the date card use.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn month_name(month: u32) -> &'static str {
    MONTH_NAMES[(month.clamp(1, 12) - 1) as usize]
}

fn last_day_of_month(year: i32, month: u32) -> NaiveDate {
    let first = NaiveDate::from_ymd_opt(year, month, 1).expect("month validated on parse");
    first
        .checked_add_months(Months::new(1))
        .and_then(|d| d.pred_opt())
        .unwrap_or(first)
}

fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("date validated on parse")
}

/// `YYYY-MM-DD` of a year from 1000 to 9999 and a day the calendar has, as the EDTF parser
/// would read it (a certain day); `None` for anything else, which the EDTF parser then reads.
fn plain_day(text: &str) -> Option<DatePoint> {
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        b.get(range)?
            .iter()
            .try_fold(0u32, |n, &c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
    };
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    let year = i32::try_from(year).ok().filter(|&y| y >= 1000)?;
    NaiveDate::from_ymd_opt(year, month, day)?;
    Some(DatePoint {
        year,
        unit: Unit::Day(month, day),
        certainty: Certainty::default(),
    })
}

impl DatePoint {
    /// First day the point may mean.
    pub fn first_day(&self) -> NaiveDate {
        let y = self.year;
        match self.unit {
            Unit::Century => ymd(y.div_euclid(100) * 100, 1, 1),
            Unit::Decade => ymd(y.div_euclid(10) * 10, 1, 1),
            Unit::Year => ymd(y, 1, 1),
            Unit::Season(s) => match s {
                Season::Spring => ymd(y, 3, 1),
                Season::Summer => ymd(y, 6, 1),
                Season::Autumn => ymd(y, 9, 1),
                Season::Winter => ymd(y, 12, 1),
            },
            Unit::Month(m) => ymd(y, m, 1),
            Unit::PartOfMonth(m, p) => match p {
                PartOfMonth::Early => ymd(y, m, 1),
                PartOfMonth::Mid => ymd(y, m, 11),
                PartOfMonth::Late => ymd(y, m, 21),
            },
            Unit::Day(m, d) => ymd(y, m, d),
        }
    }

    /// Last day the point may mean.
    pub fn last_day(&self) -> NaiveDate {
        let y = self.year;
        match self.unit {
            Unit::Century => ymd(y.div_euclid(100) * 100 + 99, 12, 31),
            Unit::Decade => ymd(y.div_euclid(10) * 10 + 9, 12, 31),
            Unit::Year => ymd(y, 12, 31),
            Unit::Season(s) => match s {
                Season::Spring => ymd(y, 5, 31),
                Season::Summer => ymd(y, 8, 31),
                Season::Autumn => ymd(y, 11, 30),
                Season::Winter => last_day_of_month(y + 1, 2),
            },
            Unit::Month(m) => last_day_of_month(y, m),
            Unit::PartOfMonth(m, p) => match p {
                PartOfMonth::Early => ymd(y, m, 10),
                PartOfMonth::Mid => ymd(y, m, 20),
                PartOfMonth::Late => last_day_of_month(y, m),
            },
            Unit::Day(m, d) => ymd(y, m, d),
        }
    }

    pub fn precision(&self) -> Precision {
        match self.unit {
            Unit::Century => Precision::Century,
            Unit::Decade => Precision::Decade,
            Unit::Year => Precision::Year,
            Unit::Season(_) => Precision::Season,
            Unit::Month(_) => Precision::Month,
            Unit::PartOfMonth(..) => Precision::PartOfMonth,
            Unit::Day(..) => Precision::Day,
        }
    }

    /// A part of a month is a historian's approximation even when not marked `~`.
    pub fn is_approximate(&self) -> bool {
        self.certainty.approximate || matches!(self.unit, Unit::PartOfMonth(..))
    }

    fn parse(input: &str, whole: &str) -> Result<DatePoint, DateError> {
        let err = |reason: &str| DateError {
            input: whole.to_string(),
            reason: reason.to_string(),
        };
        let input = input.trim();
        if input.is_empty() || input == ".." {
            return Err(err("open or unknown ends (`..`, empty) are not supported; give a date"));
        }
        let (part, rest) = match input.split_once(' ') {
            Some((word, rest)) => {
                let part = match word {
                    "early" => PartOfMonth::Early,
                    "mid" => PartOfMonth::Mid,
                    "late" => PartOfMonth::Late,
                    _ => {
                        return Err(err(
                            "only `early`, `mid` or `late` may stand before a month (e.g. `early 1949-12`)",
                        ));
                    }
                };
                (Some(part), rest.trim())
            }
            None => (None, input),
        };
        // The common case, a plain day such as 1950-10-19, read without the EDTF grammar: a
        // million events load in a second less. Anything else goes to the full parser.
        if part.is_none()
            && let Some(point) = plain_day(rest)
        {
            return Ok(point);
        }
        let parsed = edtf::level_1::Date::parse(rest).map_err(|e| {
            let bare = rest.trim_end_matches(['?', '~', '%']);
            match read_day(bare, "%Y-%m-%d") {
                Err(Some(reason)) => err(&reason),
                _ => err(&format!(
                    "not an EDTF date ({e:?}); write e.g. 1950-10-19, 1949-12, 1950-21 or 1950"
                )),
            }
        })?;
        let (precision, certainty) = parsed.precision_certainty();
        use edtf::level_1::{Certainty as C, Precision as P};
        let certainty = match certainty {
            C::Certain => Certainty::default(),
            C::Uncertain => Certainty {
                uncertain: true,
                approximate: false,
            },
            C::Approximate => Certainty {
                uncertain: false,
                approximate: true,
            },
            C::ApproximateUncertain => Certainty {
                uncertain: true,
                approximate: true,
            },
        };
        let (year, unit) = match precision {
            P::Century(y) => (y, Unit::Century),
            P::Decade(y) => (y, Unit::Decade),
            P::Year(y) => (y, Unit::Year),
            P::Season(y, s) => (
                y,
                Unit::Season(match s {
                    edtf::level_1::Season::Spring => Season::Spring,
                    edtf::level_1::Season::Summer => Season::Summer,
                    edtf::level_1::Season::Autumn => Season::Autumn,
                    edtf::level_1::Season::Winter => Season::Winter,
                }),
            ),
            P::Month(y, m) => (y, Unit::Month(m)),
            P::Day(y, m, d) => (y, Unit::Day(m, d)),
            P::MonthOfYear(_) | P::DayOfYear(_) | P::DayOfMonth(..) => {
                return Err(err(
                    "unspecified digits (X) are not supported; give the coarser unit instead (1950, 1950-10)",
                ));
            }
        };
        // chrono's calendar is proleptic Gregorian and bounded; EDTF years beyond it are refused.
        if NaiveDate::from_ymd_opt(year.saturating_sub(100), 1, 1).is_none()
            || NaiveDate::from_ymd_opt(year.saturating_add(100), 12, 31).is_none()
        {
            return Err(err("year out of the supported range"));
        }
        let unit = match (part, unit) {
            (None, unit) => unit,
            (Some(p), Unit::Month(m)) => Unit::PartOfMonth(m, p),
            (Some(_), _) => return Err(err("`early`, `mid` and `late` go with a month, e.g. `late 1950-05`")),
        };
        Ok(DatePoint { year, unit, certainty })
    }

    /// The point in EDTF, or for a part of a month, the approximate days it stands for.
    fn edtf_parts(&self) -> (String, Option<String>) {
        let q = self.certainty.suffix();
        let y = format_year(self.year);
        match self.unit {
            Unit::Century => (format!("{}XX{q}", &y[..y.len() - 2]), None),
            Unit::Decade => (format!("{}X{q}", &y[..y.len() - 1]), None),
            Unit::Year => (format!("{y}{q}"), None),
            Unit::Season(s) => (format!("{y}-{}{q}", s.code()), None),
            Unit::Month(m) => (format!("{y}-{m:02}{q}"), None),
            Unit::Day(m, d) => (format!("{y}-{m:02}-{d:02}{q}"), None),
            Unit::PartOfMonth(..) => {
                let q = if self.certainty.uncertain { "%" } else { "~" };
                (
                    format!("{}{q}", self.first_day().format("%Y-%m-%d")),
                    Some(format!("{}{q}", self.last_day().format("%Y-%m-%d"))),
                )
            }
        }
    }

    fn in_words(&self, with_year: bool) -> String {
        let y = if with_year {
            format!(" {}", year_in_words(self.year))
        } else {
            String::new()
        };
        let core = match self.unit {
            Unit::Century => format!("the {}s", self.year.div_euclid(100) * 100),
            Unit::Decade => format!("the {}s", self.year.div_euclid(10) * 10),
            Unit::Year => year_in_words(self.year),
            Unit::Season(s) => format!("{}{y}", s.word()),
            Unit::Month(m) => format!("{}{y}", month_name(m)),
            Unit::PartOfMonth(m, p) => format!("{} {}{y}", p.word(), month_name(m)),
            Unit::Day(m, d) => format!("{d} {}{y}", month_name(m)),
        };
        match (self.certainty.uncertain, self.certainty.approximate) {
            (false, false) => core,
            (true, false) => format!("{core} (?)"),
            (false, true) => format!("about {core}"),
            (true, true) => format!("about {core} (?)"),
        }
    }
}

impl fmt::Display for DatePoint {
    /// The native written form, which parses back to the same point.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.unit {
            Unit::PartOfMonth(m, p) => {
                let bare = DatePoint {
                    unit: Unit::Month(m),
                    ..*self
                };
                write!(f, "{} {}", p.word(), bare)
            }
            _ => f.write_str(&self.edtf_parts().0),
        }
    }
}

fn format_year(year: i32) -> String {
    if year < 0 {
        format!("-{:04}", -year)
    } else {
        format!("{year:04}")
    }
}

fn year_in_words(year: i32) -> String {
    if year <= 0 {
        format!("{} BCE", 1 - year)
    } else {
        year.to_string()
    }
}

/// A date as a historian states it: one point or a range between two points.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct HistoricalDate {
    pub start: DatePoint,
    pub end: Option<DatePoint>,
}

impl HistoricalDate {
    /// Reads the native form: EDTF plus `early`/`mid`/`late` before a month.
    pub fn parse(input: &str) -> Result<HistoricalDate, DateError> {
        let trimmed = input.trim();
        let mut halves = trimmed.split('/');
        let start = DatePoint::parse(halves.next().unwrap_or(""), input)?;
        let end = match halves.next() {
            Some(b) => Some(DatePoint::parse(b, input)?),
            None => None,
        };
        if halves.next().is_some() {
            return Err(DateError {
                input: input.to_string(),
                reason: "a range has one `/`".to_string(),
            });
        }
        Ok(HistoricalDate { start, end })
    }

    /// A single day, certain.
    pub fn day(day: NaiveDate) -> HistoricalDate {
        HistoricalDate {
            start: DatePoint {
                year: day.year(),
                unit: Unit::Day(day.month(), day.day()),
                certainty: Certainty::default(),
            },
            end: None,
        }
    }

    /// First day the date may cover.
    pub fn first_day(&self) -> NaiveDate {
        self.start.first_day()
    }

    /// Last day the date may cover.
    pub fn last_day(&self) -> NaiveDate {
        self.end.as_ref().unwrap_or(&self.start).last_day()
    }

    /// True when a range ends before it starts: a data error the validator reports.
    pub fn ends_before_start(&self) -> bool {
        self.end.is_some_and(|end| end.last_day() < self.start.first_day())
    }

    /// The coarser precision of the two ends.
    pub fn precision(&self) -> Precision {
        let p = self.start.precision();
        self.end.map_or(p, |e| p.max(e.precision()))
    }

    pub fn is_range(&self) -> bool {
        self.end.is_some()
    }

    pub fn is_approximate(&self) -> bool {
        self.start.is_approximate() || self.end.is_some_and(|e| e.is_approximate())
    }

    pub fn is_uncertain(&self) -> bool {
        self.start.certainty.uncertain || self.end.is_some_and(|e| e.certainty.uncertain)
    }

    /// Whether the map should show the event as not pinned to a day: approximate,
    /// uncertain or coarser than a day.
    pub fn is_fuzzy(&self) -> bool {
        self.is_approximate() || self.is_uncertain() || self.precision() != Precision::Day
    }

    /// The event may be happening on `day`: the day lies in its window.
    pub fn is_active_on(&self, day: NaiveDate) -> bool {
        self.first_day() <= day && day <= self.last_day()
    }

    /// The window overlaps the days `from..=to`.
    pub fn overlaps(&self, from: NaiveDate, to: NaiveDate) -> bool {
        self.first_day() <= to && from <= self.last_day()
    }

    /// Timeline order: first day, then last day (shorter first), then finer precision.
    pub fn timeline_cmp(&self, other: &HistoricalDate) -> Ordering {
        self.first_day()
            .cmp(&other.first_day())
            .then(self.last_day().cmp(&other.last_day()))
            .then(self.precision().cmp(&other.precision()))
    }

    /// Pure EDTF for interchange; parts of a month become approximate day ranges.
    pub fn to_edtf(&self) -> String {
        let (s_first, s_last) = self.start.edtf_parts();
        match &self.end {
            None => match s_last {
                Some(last) => format!("{s_first}/{last}"),
                None => s_first,
            },
            Some(end) => {
                let (e_first, e_last) = end.edtf_parts();
                format!("{s_first}/{}", e_last.unwrap_or(e_first))
            }
        }
    }

    /// The date in words for a reader, with the weekday when it is a single certain day:
    /// "Thursday, 19 October 1950", "9–10 October 1950", "early December 1949".
    pub fn in_words(&self) -> String {
        match &self.end {
            None => match self.start.unit {
                Unit::Day(..) if !self.is_fuzzy() => {
                    format!("{}, {}", self.first_day().format("%A"), self.start.in_words(true))
                }
                _ => self.start.in_words(true),
            },
            Some(end) => {
                let (a, b) = (self.start, *end);
                let same_year = a.year == b.year;
                if let (Unit::Day(am, ad), Unit::Day(bm, bd)) = (a.unit, b.unit)
                    && same_year
                    && am == bm
                    && a.certainty == b.certainty
                    && a.certainty == Certainty::default()
                {
                    return format!("{ad}–{bd} {} {}", month_name(am), year_in_words(a.year));
                }
                format!("{} – {}", a.in_words(!same_year), b.in_words(true))
            }
        }
    }
}

impl fmt::Display for HistoricalDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.end {
            None => write!(f, "{}", self.start),
            Some(end) => write!(f, "{}/{}", self.start, end),
        }
    }
}

impl TryFrom<String> for HistoricalDate {
    type Error = DateError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        HistoricalDate::parse(&value)
    }
}

impl From<HistoricalDate> for String {
    fn from(value: HistoricalDate) -> Self {
        value.to_string()
    }
}

/// Reads a day as a user types it: `1950-10-19`, `19 Oct 1950`, `October 19, 1950`, and
/// astronomical years before the common era as in EDTF (`-0050-03-15` is 15 March 51 BCE).
pub fn parse_day(input: &str) -> Result<NaiveDate, DateError> {
    let text = input.trim().replace(',', " ");
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    const FORMATS: [&str; 6] = [
        "%Y-%m-%d",
        "%d %b %Y",
        "%d %B %Y",
        "%b %d %Y",
        "%B %d %Y",
        "%A %d %B %Y",
    ];
    let mut impossible = None;
    for format in FORMATS {
        match read_day(&text, format) {
            Ok(day) => return Ok(day),
            Err(Some(reason)) => impossible = impossible.or(Some(reason)),
            Err(None) => {}
        }
    }
    Err(DateError {
        input: input.to_string(),
        reason: impossible
            .unwrap_or_else(|| "expected a day such as 1950-10-19, 19 Oct 1950 or October 19, 1950".to_string()),
    })
}

/// Reads `text` in one strftime `format`. The error is `Some(reason)` when the text has the
/// format's shape but names a day the calendar lacks, so the user learns what is wrong with
/// it rather than which formats exist.
fn read_day(text: &str, format: &str) -> Result<NaiveDate, Option<String>> {
    let mut parsed = chrono::format::Parsed::new();
    chrono::format::parse(&mut parsed, text, chrono::format::StrftimeItems::new(format)).map_err(|_| None)?;
    if let Ok(day) = parsed.to_naive_date() {
        return Ok(day);
    }
    let (Some(year), Some(month), Some(day)) = (parsed.year(), parsed.month(), parsed.day()) else {
        return Err(None);
    };
    match NaiveDate::from_ymd_opt(year, month, day) {
        None => Err(missing_day(year, month, day)),
        // The day exists, so the weekday typed with it is the wrong one.
        Some(real) => Err(parsed.weekday().map(|typed| {
            format!(
                "{day} {} {} was a {}, not a {}",
                month_name(month),
                year_in_words(year),
                real.format("%A"),
                weekday_name(typed)
            )
        })),
    }
}

/// Weekday names in English, Monday first.
pub const WEEKDAY_NAMES: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

fn weekday_name(day: chrono::Weekday) -> &'static str {
    WEEKDAY_NAMES[day.num_days_from_monday() as usize]
}

/// Why year-month-day is no day, in words ("1950 has no 29 February"); `None` when the day
/// exists or the year is beyond the calendar.
fn missing_day(year: i32, month: u32, day: u32) -> Option<String> {
    NaiveDate::from_ymd_opt(year, month, 1)?;
    if NaiveDate::from_ymd_opt(year, month, day).is_some() {
        return None;
    }
    let year_words = year_in_words(year);
    if month == 2 && day == 29 {
        return Some(format!("{year_words} has no 29 February (it is not a leap year)"));
    }
    let days = last_day_of_month(year, month).day();
    let ordinal = match day {
        1 | 21 | 31 => "st",
        2 | 22 => "nd",
        3 | 23 => "rd",
        _ => "th",
    };
    Some(format!(
        "{} {year_words} has no {day}{ordinal} day (it has {days})",
        month_name(month)
    ))
}

#[cfg(test)]
mod plain_day_tests {
    use super::{Certainty, Unit, plain_day};
    use chrono::{Datelike, NaiveDate};

    /// The quick reading of a plain day is the EDTF parser's, for every day of years around the
    /// leap rules, and it leaves to that parser what it does not read itself.
    #[test]
    fn a_plain_day_reads_as_the_edtf_parser_reads_it() {
        for year in [1000, 1582, 1600, 1900, 1950, 2000, 2024, 9999] {
            let mut day = NaiveDate::from_ymd_opt(year, 1, 1).unwrap();
            while day.year() == year {
                let text = day.format("%Y-%m-%d").to_string();
                let quick = plain_day(&text).expect("a plain day");
                let edtf = edtf::level_1::Date::parse(&text).unwrap();
                let (precision, certainty) = edtf.precision_certainty();
                assert_eq!(precision, edtf::level_1::Precision::Day(year, day.month(), day.day()));
                assert_eq!(certainty, edtf::level_1::Certainty::Certain);
                assert_eq!((quick.year, quick.unit), (year, Unit::Day(day.month(), day.day())));
                assert_eq!(quick.certainty, Certainty::default());
                day = day.succ_opt().unwrap();
            }
        }
        for other in [
            "1950-02-30",
            "1951-02-29",
            "1950-13-01",
            "1950-00-10",
            "0950-10-19",
            "1950-10-19~",
            "1950-10-19?",
            "1950-10",
            "1950",
            "1950-1-19",
            "+1950-10-19",
            "1950/10/19",
            "195O-10-19",
            "1950-10-1९",
        ] {
            assert!(plain_day(other).is_none(), "{other} is left to the EDTF parser");
        }
    }
}
