//! Every style keeps text readable from the back of a hall: at least 7:1 against what is under
//! its strokes (its halo, its card, or the sea for sea names); the dark projector theme keeps
//! land and sea apart (at least 3:1) so the coasts read from afar.

use chronoatlas::scene::{Rgba, Style};

/// A style by name, built on demand.
type Named = (&'static str, fn() -> Style);

const STYLES: [Named; 3] = [
    ("atlas", Style::atlas),
    ("projector light", Style::projector_light),
    ("projector dark", Style::projector_dark),
];

#[test]
fn text_contrast_is_at_least_seven_to_one_in_every_style() {
    for (name, style) in STYLES {
        let style = style();
        assert_eq!(style.card_fill.0[3], 255, "{name}: cards are solid");
        let checks = [
            ("place names on their halo", style.label, style.halo),
            ("town names on their halo", style.context_label, style.halo),
            ("state names on their halo", style.state_label, style.state_halo),
            ("sea names on the sea", style.water_label, style.sea),
            ("rivers' names on their halo", style.water_label, style.halo),
            (
                "demarcation lines' names on their halo",
                style.boundary_line,
                style.halo,
            ),
            ("date card", style.card_text, style.card_fill),
            ("card subtitle", style.card_subtext, style.card_fill),
        ];
        for (what, fg, bg) in checks {
            let ratio = fg.contrast(bg);
            assert!(ratio >= 7.0, "{name}: {what}: {ratio:.1}:1");
        }
    }
}

#[test]
fn on_light_maps_names_read_on_the_land_itself() {
    for (name, style) in &STYLES[..2] {
        let style = style();
        for (what, fg) in [
            ("place names", style.label),
            ("town names", style.context_label),
            ("state names", style.state_label),
        ] {
            let ratio = fg.contrast(style.land);
            assert!(ratio >= 7.0, "{name}: {what} on land: {ratio:.1}:1");
        }
    }
}

#[test]
fn the_dark_theme_keeps_land_and_sea_apart() {
    let style = Style::projector_dark();
    let ratio = style.land.contrast(style.sea);
    assert!(ratio >= 3.0, "land against sea: {ratio:.2}:1");
    // Halos are darker than the land, so a name stands out of it, not just off its outline.
    assert!(style.halo.luminance() < style.land.luminance());
}

#[test]
fn the_selection_colour_is_no_threads_colour() {
    for style in [Style::atlas(), Style::projector_dark()] {
        for i in 0..style.palette.len() {
            assert_ne!(style.thread_color(i), style.selected);
        }
    }
}

#[test]
fn rgba_contrast_is_wcags() {
    assert!((Rgba::rgb(0, 0, 0).contrast(Rgba::rgb(255, 255, 255)) - 21.0).abs() < 1e-9);
    assert!((Rgba::rgb(90, 90, 90).contrast(Rgba::rgb(90, 90, 90)) - 1.0).abs() < 1e-9);
}
