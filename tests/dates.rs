//! The historical date model: reading, windows, "active on day", ordering and EDTF.

use chrono::NaiveDate;
use chronoatlas::chronicle::date::{HistoricalDate, Precision, parse_day};
use proptest::prelude::*;

fn d(s: &str) -> HistoricalDate {
    HistoricalDate::parse(s).unwrap_or_else(|e| panic!("{e}"))
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn each_kind_covers_the_window_the_format_promises() {
    let cases = [
        ("1950-10-19", "1950-10-19", "1950-10-19", Precision::Day),
        ("1949-12", "1949-12-01", "1949-12-31", Precision::Month),
        ("1950-02", "1950-02-01", "1950-02-28", Precision::Month),
        ("early 1949-12", "1949-12-01", "1949-12-10", Precision::PartOfMonth),
        ("mid 1950-04", "1950-04-11", "1950-04-20", Precision::PartOfMonth),
        ("late 1948-02", "1948-02-21", "1948-02-29", Precision::PartOfMonth),
        ("1950-21", "1950-03-01", "1950-05-31", Precision::Season),
        ("1950-23", "1950-09-01", "1950-11-30", Precision::Season),
        ("1951-24", "1951-12-01", "1952-02-29", Precision::Season),
        ("1950", "1950-01-01", "1950-12-31", Precision::Year),
        ("195X", "1950-01-01", "1959-12-31", Precision::Decade),
        ("1949-01-31/1949-02-07", "1949-01-31", "1949-02-07", Precision::Day),
        (
            "mid 1948-04/late 1948-05",
            "1948-04-11",
            "1948-05-31",
            Precision::PartOfMonth,
        ),
        ("1950-10-14?", "1950-10-14", "1950-10-14", Precision::Day),
    ];
    for (text, first, last, precision) in cases {
        let date = d(text);
        assert_eq!(date.first_day(), day(first), "{text}");
        assert_eq!(date.last_day(), day(last), "{text}");
        assert_eq!(date.precision(), precision, "{text}");
    }
}

#[test]
fn qualifiers_are_kept_and_shown() {
    assert!(d("1950-10-14?").is_uncertain());
    assert!(!d("1950-10-14?").is_approximate());
    assert!(d("1949-12~").is_approximate());
    assert!(d("1950%").is_approximate() && d("1950%").is_uncertain());
    assert!(
        d("early 1949-12").is_approximate(),
        "a part of a month is an approximation"
    );
    assert!(!d("1950-10-19").is_fuzzy());
    assert!(d("1950-10").is_fuzzy());
    assert_eq!(d("1950-10-14?").in_words(), "14 October 1950 (?)");
    assert_eq!(d("early 1949-12").in_words(), "early December 1949");
}

#[test]
fn words_name_the_weekday_of_a_certain_day() {
    assert_eq!(d("1950-10-19").in_words(), "Thursday, 19 October 1950");
    assert_eq!(d("1950-09-15").in_words(), "Friday, 15 September 1950");
    assert_eq!(d("1950-10-09/1950-10-10").in_words(), "9–10 October 1950");
    assert_eq!(
        d("1949-12-06/1950-02-17").in_words(),
        "6 December 1949 – 17 February 1950"
    );
    assert_eq!(d("mid 1948-04/late 1948-05").in_words(), "mid April – late May 1948");
    assert_eq!(d("1950-21").in_words(), "spring 1950");
}

#[test]
fn edtf_out_is_pure_edtf() {
    assert_eq!(d("1950-10-19").to_edtf(), "1950-10-19");
    assert_eq!(d("1950-10-14?").to_edtf(), "1950-10-14?");
    assert_eq!(d("early 1949-12").to_edtf(), "1949-12-01~/1949-12-10~");
    assert_eq!(d("mid 1948-04/late 1948-05").to_edtf(), "1948-04-11~/1948-05-31~");
    assert_eq!(d("1950-21").to_edtf(), "1950-21");
    // Every pure EDTF output parses back to the same window.
    for text in ["early 1949-12", "1950-21", "1949-12~", "1950-10-09/1950-10-10", "196X"] {
        let again = d(&d(text).to_edtf());
        assert_eq!(
            (again.first_day(), again.last_day()),
            (d(text).first_day(), d(text).last_day())
        );
    }
}

#[test]
fn bad_dates_say_what_is_wrong() {
    for bad in [
        "",
        "1950-13-01",
        "1950-02-30",
        "19 October 1950",
        "soon 1950-10",
        "early 1950",
        "1950/..",
        "1950-XX",
        "a/b/c",
    ] {
        let err = HistoricalDate::parse(bad).expect_err(bad);
        assert!(err.to_string().contains("invalid date"), "{err}");
    }
    assert!(
        HistoricalDate::parse("1950-10-10/1950-10-09")
            .unwrap()
            .ends_before_start()
    );
}

#[test]
fn users_may_type_days_in_three_common_ways() {
    let expected = day("1950-10-19");
    for text in [
        "1950-10-19",
        "19 Oct 1950",
        "19 October 1950",
        "October 19, 1950",
        "Oct 19 1950",
    ] {
        assert_eq!(parse_day(text).unwrap(), expected, "{text}");
    }
    assert!(parse_day("19/10/1950").is_err());
}

#[test]
fn days_before_the_common_era_are_astronomical_years_as_in_edtf() {
    // Year 0 is 1 BCE, so -0043 is 44 BCE.
    let ides = parse_day("-0043-03-15").unwrap();
    assert_eq!(ides, NaiveDate::from_ymd_opt(-43, 3, 15).unwrap());
    assert_eq!(
        parse_day("-0050-01-01").unwrap(),
        NaiveDate::from_ymd_opt(-50, 1, 1).unwrap()
    );
    assert!(parse_day("-0050-01-01").unwrap() < parse_day("0001-01-01").unwrap());
    let date = d("-0043-03-15");
    assert_eq!(date.first_day(), ides);
    assert_eq!(date.start.year, -43);
    assert_eq!(date.to_edtf(), "-0043-03-15");
    assert!(date.in_words().ends_with("15 March 44 BCE"), "{}", date.in_words());
    assert_eq!(d("-0050").last_day(), NaiveDate::from_ymd_opt(-50, 12, 31).unwrap());
}

#[test]
fn impossible_days_are_named_as_such() {
    let reason = |text: &str| parse_day(text).expect_err(text).reason;
    assert_eq!(reason("1950-02-29"), "1950 has no 29 February (it is not a leap year)");
    assert_eq!(reason("29 Feb 1950"), "1950 has no 29 February (it is not a leap year)");
    assert_eq!(reason("1950-04-31"), "April 1950 has no 31st day (it has 30)");
    assert_eq!(reason("February 30, 1950"), "February 1950 has no 30th day (it has 28)");
    assert_eq!(
        reason("-0050-02-29"),
        "51 BCE has no 29 February (it is not a leap year)"
    );
    assert_eq!(
        reason("Monday, 19 October 1950"),
        "19 October 1950 was a Thursday, not a Monday"
    );
    assert!(parse_day("1948-02-29").is_ok(), "1948 was a leap year");
    assert!(
        reason("next Tuesday").starts_with("expected a day such as"),
        "text that is no day at all gets the formats"
    );

    // The same words for a date in a chronicle file.
    let err = HistoricalDate::parse("1950-04-31").unwrap_err().to_string();
    assert_eq!(
        err,
        "invalid date \"1950-04-31\": April 1950 has no 31st day (it has 30)"
    );
    let err = HistoricalDate::parse("1950-10-01/1950-02-29?").unwrap_err().to_string();
    assert!(
        err.ends_with("1950 has no 29 February (it is not a leap year)"),
        "{err}"
    );
}

fn any_date() -> impl Strategy<Value = HistoricalDate> {
    let point = (1800i32..2000, 0u8..6, 1u32..13, 1u32..29, 0u8..4).prop_map(|(y, kind, m, dd, q)| {
        let q = ["", "?", "~", "%"][q as usize];
        match kind {
            0 => format!("{y}-{m:02}-{dd:02}{q}"),
            1 => format!("{y}-{m:02}{q}"),
            2 => format!("{} {y}-{m:02}", ["early", "mid", "late"][(dd % 3) as usize]),
            3 => format!("{y}-{}{q}", 21 + (m % 4)),
            4 => format!("{y}{q}"),
            _ => format!("{y}-{m:02}-{dd:02}"),
        }
    });
    (point.clone(), proptest::option::of(point)).prop_filter_map("range ends before start", |(a, b)| {
        let text = match b {
            Some(b) => format!("{a}/{b}"),
            None => a,
        };
        let date = HistoricalDate::parse(&text).ok()?;
        (!date.ends_before_start()).then_some(date)
    })
}

proptest! {
    #[test]
    fn active_exactly_inside_the_window(date in any_date(), offset in -400i64..800) {
        let probe = date.first_day() + chrono::Duration::days(offset);
        let inside = date.first_day() <= probe && probe <= date.last_day();
        prop_assert_eq!(date.is_active_on(probe), inside);
        prop_assert!(date.is_active_on(date.first_day()));
        prop_assert!(date.is_active_on(date.last_day()));
    }

    #[test]
    fn timeline_order_is_a_total_order_consistent_with_first_day(a in any_date(), b in any_date(), c in any_date()) {
        use std::cmp::Ordering::*;
        prop_assert_eq!(a.timeline_cmp(&b), b.timeline_cmp(&a).reverse());
        if a.first_day() < b.first_day() { prop_assert_eq!(a.timeline_cmp(&b), Less); }
        if a.timeline_cmp(&b) != Greater && b.timeline_cmp(&c) != Greater {
            prop_assert_ne!(a.timeline_cmp(&c), Greater);
        }
    }

    #[test]
    fn written_form_round_trips(date in any_date()) {
        let again = HistoricalDate::parse(&date.to_string()).unwrap();
        prop_assert_eq!(&again, &date);
        let edtf = HistoricalDate::parse(&date.to_edtf()).unwrap();
        prop_assert_eq!((edtf.first_day(), edtf.last_day()), (date.first_day(), date.last_day()));
    }
}

proptest! {
    #[test]
    fn no_written_date_makes_the_parser_panic(text in "\\PC{0,24}", edtfish in "(early |mid |late )?-?[0-9X]{1,5}(-[0-9X]{1,3}){0,2}[?~%]?(/[0-9X-]{0,10})?") {
        for input in [text, edtfish] {
            if let Ok(date) = HistoricalDate::parse(&input) {
                prop_assert!(date.first_day() <= date.start.last_day());
                let _ = (date.in_words(), date.to_edtf(), date.to_string());
            }
        }
    }
}
