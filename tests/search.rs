//! Search folds accents and the letters that do not decompose, so a name matches however it
//! was typed.

use chronoatlas::chronicle::Chronicle;
use chronoatlas::search::{fold, search, search_places};

#[test]
fn accents_and_case_fold_away() {
    for (typed, folded) in [
        ("Pyŏngyang", "pyongyang"),
        ("Français", "francais"),
        ("España", "espana"),
        ("Zhōu Ēnlái", "zhou enlai"),
        ("Škoda", "skoda"),
        ("Čapek", "capek"),
        ("Dvořák", "dvorak"),
        ("Ürümqi", "urumqi"),
        ("Hà Nội", "ha noi"),
        ("ŁÓDŹ", "lodz"),
    ] {
        assert_eq!(fold(typed), folded, "{typed}");
    }
}

#[test]
fn letters_that_do_not_decompose_are_spelt_out() {
    for (typed, folded) in [
        ("København", "kobenhavn"),
        ("Øresund", "oresund"),
        ("Straße", "strasse"),
        ("Wałęsa", "walesa"),
        ("Đà Nẵng", "da nang"),
        ("Æthelred", "aethelred"),
        ("Œuvre", "oeuvre"),
        ("Diyarbakır", "diyarbakir"),
        ("İstanbul", "istanbul"),
        ("Þingvellir", "thingvellir"),
        ("Guðmundur", "gudmundur"),
    ] {
        assert_eq!(fold(typed), folded, "{typed}");
    }
}

#[test]
fn compatibility_forms_dashes_and_quotes_fold_too() {
    assert_eq!(fold("ﬁnal"), "final", "ligatures");
    assert_eq!(fold("ＵＳＳＲ"), "ussr", "full-width letters");
    assert_eq!(fold("Chou En-lai"), "chou en lai");
    assert_eq!(fold("Mao’s—telegram"), "mao's telegram");
    assert_eq!(fold("Kim Il Sung"), "kim il sung", "plain text unchanged but for case");
    assert_eq!(fold("毛泽东"), "毛泽东", "letters without a Latin form are kept");
}

#[test]
fn a_query_with_or_without_accents_finds_the_same_events() {
    let chronicle = Chronicle::embedded_default();
    let order: Vec<usize> = (0..chronicle.events.len()).collect();
    let plain = search(&chronicle, &order, "pyongyang");
    assert!(!plain.is_empty(), "the chronicle mentions Pyongyang");
    assert_eq!(search(&chronicle, &order, "Pyŏngyang"), plain);
    assert_eq!(search(&chronicle, &order, "PYÖNGYANG"), plain);
    assert_eq!(
        search_places(&chronicle, "Pyŏngyang"),
        search_places(&chronicle, "pyongyang")
    );
}
