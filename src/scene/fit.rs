//! Text of any length cut to what can be shown, by characters and before any layout: a title
//! of ten megabytes costs as much as one of a line. Plain `str`, shared by the scene and the window.

use std::borrow::Cow;

/// The most characters any single text is laid out with in the window: several screens of
/// lines at any width, far under what would cost a frame.
pub const MAX_CHARS: usize = 4_000;
/// A title in a list row, a callout or a tooltip: a few lines at most.
pub const TITLE_CHARS: usize = 300;

/// `text` cut to at most `max` characters, ending in "…" when cut. Only the first `max + 1`
/// characters are looked at, so the cost does not grow with the text.
pub fn cut(text: &str, max: usize) -> Cow<'_, str> {
    match text.char_indices().nth(max) {
        None => Cow::Borrowed(text),
        Some(_) => {
            let keep = max.saturating_sub(1);
            let end = text.char_indices().nth(keep).map_or(text.len(), |(i, _)| i);
            Cow::Owned(format!("{}…", text[..end].trim_end()))
        }
    }
}

/// [`cut`] to the characters a line of `width` pixels holds at `size` (an estimate that errs
/// long, so layout still elides the rest), at most `lines` lines of them.
pub fn cut_to_width(text: &str, width: f32, size: f32, lines: usize) -> Cow<'_, str> {
    // The narrowest glyphs are about a quarter of an em.
    let per_line = (width.max(0.0) / (size.max(1.0) * 0.25)).ceil() as usize;
    cut(text, (per_line * lines.max(1)).clamp(1, MAX_CHARS))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_text_is_kept_whole_and_borrowed() {
        assert!(matches!(cut("Chinese troops cross the Yalu", 100), Cow::Borrowed(_)));
        assert_eq!(cut("abc", 3), "abc");
    }

    #[test]
    fn a_ten_megabyte_title_yields_a_short_string() {
        let huge = "Ω".repeat(5 * 1024 * 1024);
        assert!(huge.len() >= 10 * 1024 * 1024);
        let shown = cut(&huge, TITLE_CHARS);
        assert_eq!(shown.chars().count(), TITLE_CHARS);
        assert!(shown.ends_with('…'));
        let line = cut_to_width(&huge, 300.0, 14.0, 2);
        assert!(line.chars().count() < 200, "{}", line.chars().count());
        assert!(line.ends_with('…'));
    }

    #[test]
    fn cutting_respects_character_boundaries() {
        let text = "北京-1950 and more";
        assert_eq!(cut(text, 3), "北京…");
        assert_eq!(cut(text, 0), "…");
    }
}
