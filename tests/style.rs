//! Every style keeps text readable from the back of a hall: at least 7:1 against what it sits on.

use chronoatlas::scene::{Rgba, Style};

fn over(fg: Rgba, bg: Rgba) -> Rgba {
    // Cards are slightly translucent over the map; blend over the worst case, the land or sea.
    let a = fg.0[3] as f64 / 255.0;
    let mix = |i: usize| (fg.0[i] as f64 * a + bg.0[i] as f64 * (1.0 - a)).round() as u8;
    Rgba::rgb(mix(0), mix(1), mix(2))
}

#[test]
fn text_contrast_is_at_least_seven_to_one_in_every_style() {
    for (name, style) in [
        ("atlas", Style::atlas()),
        ("projector light", Style::projector_light()),
        ("projector dark", Style::projector_dark()),
    ] {
        let checks = [
            ("place names on land", style.label, style.land),
            ("place names on their halo", style.label, style.halo),
            ("town names on land", style.context_label, style.land),
            ("state names on land", style.state_label, style.land),
            ("sea names on the sea", style.water_label, style.sea),
            ("date card on land", style.card_text, over(style.card_fill, style.land)),
            (
                "date card on the sea",
                style.card_text,
                over(style.card_fill, style.sea),
            ),
            ("card subtitle", style.card_subtext, over(style.card_fill, style.sea)),
        ];
        for (what, fg, bg) in checks {
            let ratio = fg.contrast(bg);
            assert!(ratio >= 7.0, "{name}: {what}: {ratio:.1}:1");
        }
    }
}

#[test]
fn the_selection_colour_is_no_threads_colour() {
    for style in [Style::atlas(), Style::projector_dark()] {
        for i in 0..style.palette.len() {
            assert_ne!(style.thread_color(i), style.selected);
        }
    }
}
