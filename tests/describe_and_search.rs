//! The words the panel uses for an event, and finding and filtering events.

use chronoatlas::chronicle::describe::{date_line, dispute_sentence, place_lines, source_wording, thread_neighbours};
use chronoatlas::chronicle::{Chronicle, Precision};
use chronoatlas::search::{Filter, fold, search, search_places};
use chronoatlas::timeline::Timeline;

fn event<'a>(c: &'a Chronicle, id: &str) -> &'a chronoatlas::chronicle::Event {
    c.event(id).unwrap_or_else(|| panic!("{id}"))
}

#[test]
fn a_dispute_is_stated_plainly_with_the_authors_choice() {
    let c = Chronicle::embedded_default();
    let e = event(&c, "zhou-meets-stalin-black-sea");
    let sentence = dispute_sentence(&e.disputes[0]);
    let zhang = sentence.find("Zhang Xi").unwrap();
    let shi = sentence.find("Shi Zhe").unwrap();
    assert!(zhang < shi, "claims keep their order: {sentence}");
    assert!(sentence[zhang..shi].contains("(followed by the author)"));
    assert!(sentence[shi..].contains(": 6 October."));
    assert!(!sentence[shi..].contains("followed"));
}

#[test]
fn dates_are_given_in_words_with_their_precision_and_the_sources_wording() {
    let c = Chronicle::embedded_default();
    assert_eq!(
        date_line(event(&c, "cpv-crosses-the-yalu")),
        "Thursday, 19 October 1950"
    );
    assert_eq!(date_line(event(&c, "zhou-meets-stalin-black-sea")), "9–10 October 1950");
    let month = c
        .events
        .iter()
        .find(|e| e.date.precision() == Precision::Month && !e.date.is_range())
        .unwrap();
    assert!(date_line(month).ends_with("(to the month)"), "{}", date_line(month));
    let wording = source_wording(event(&c, "zhou-meets-stalin-black-sea")).unwrap();
    assert!(wording.contains("from 7 PM on 9 October"), "{wording}");
}

#[test]
fn places_say_how_precisely_they_are_known() {
    let c = Chronicle::embedded_default();
    assert_eq!(
        place_lines(&c, event(&c, "zhou-meets-stalin-black-sea")),
        vec!["a villa on the Black Sea — region, known only roughly".to_string()]
    );
    let inferred = c
        .events
        .iter()
        .find(|e| e.place_inferred && !e.places.is_empty())
        .unwrap();
    assert!(place_lines(&c, inferred).last().unwrap().contains("our inference"));
}

#[test]
fn thread_neighbours_follow_timeline_order_within_the_thread() {
    let c = Chronicle::embedded_default();
    let t = Timeline::new(&c);
    let yalu = c.events.iter().position(|e| e.id == "cpv-crosses-the-yalu").unwrap();
    let (previous, next) = thread_neighbours(&c, t.order(), yalu);
    let previous = previous.unwrap();
    assert_eq!(c.events[previous].thread, c.events[yalu].thread);
    assert!(c.events[previous].date.first_day() <= c.events[yalu].date.first_day());
    if let Some(n) = next {
        assert!(c.events[n].date.first_day() >= c.events[yalu].date.first_day());
    }
    // No event of the thread lies between the neighbour and the event.
    let between = t
        .order()
        .iter()
        .skip_while(|&&i| i != previous)
        .skip(1)
        .take_while(|&&i| i != yalu)
        .filter(|&&i| c.events[i].thread == c.events[yalu].thread)
        .count();
    assert_eq!(between, 0);
}

#[test]
fn search_matches_every_word_anywhere_titles_first() {
    let c = Chronicle::embedded_default();
    let t = Timeline::new(&c);
    let found = search(&c, t.order(), "peng shenyang");
    assert!(found.contains(&c.events.iter().position(|e| e.id == "peng-flies-to-shenyang").unwrap()));
    for &i in &found {
        let e = &c.events[i];
        let text = fold(&format!("{} {} {} {}", e.title, e.summary, e.quote, e.actors.join(" ")));
        let places = e
            .places
            .iter()
            .filter_map(|p| c.place(p))
            .map(|p| p.name.clone())
            .collect::<String>();
        assert!(text.contains("peng") && (text.contains("shenyang") || fold(&places).contains("shenyang")));
    }
    let title_hits = found
        .iter()
        .take_while(|&&i| fold(&c.events[i].title).contains("shenyang"))
        .count();
    assert!(title_hits >= 1);
    assert!(search(&c, t.order(), "   ").is_empty());
    assert!(search(&c, t.order(), "Zzyzx").is_empty());
    // Other names of places: Mukden is Shenyang.
    assert!(!search(&c, t.order(), "mukden").is_empty());
    assert_eq!(
        search_places(&c, "Dandong"),
        vec![c.places.iter().position(|p| p.id == "andong").unwrap()]
    );
}

#[test]
fn filters_hide_threads_actors_and_precisions() {
    let c = Chronicle::embedded_default();
    let yalu = event(&c, "cpv-crosses-the-yalu");
    let mut filter = Filter::default();
    assert!(!filter.is_active() && filter.allows(yalu));
    filter.hidden_threads.insert(yalu.thread.as_ref().unwrap().to_string());
    assert!(filter.is_active() && !filter.allows(yalu));
    let mut filter = Filter {
        actor: Some("Stalin".into()),
        ..Filter::default()
    };
    assert!(filter.allows(event(&c, "zhou-meets-stalin-black-sea")));
    assert!(!filter.allows(yalu));
    filter.actor = None;
    filter.hidden_precisions.insert(Precision::Day);
    assert!(!filter.allows(yalu));
}
