//! The fonts every output shares: the window (egui), the PNG export (resvg) and the SVG export.
//! Text is set in Ubuntu Light (egui's default, which also covers Greek and Cyrillic); what it
//! lacks falls back, in this order, to the fonts below, so Chinese, Japanese and Korean names
//! render the same on every machine, with no empty boxes. Core: knows no egui, no resvg.

use skrifa::MetadataProvider;
use std::sync::OnceLock;

/// A font bundled with the app.
#[derive(Clone, Copy, Debug)]
pub struct BundledFont {
    /// Its key in egui's font definitions.
    pub name: &'static str,
    /// The family name inside the font, as SVG and resvg name it.
    pub family: &'static str,
    pub bytes: &'static [u8],
}

/// The main text font: egui's Ubuntu Light (Latin, Greek, Cyrillic).
pub const TEXT: BundledFont = BundledFont {
    name: "Ubuntu-Light",
    family: "Ubuntu",
    bytes: epaint_default_fonts::UBUNTU_LIGHT,
};

/// Noto Sans CJK SC, subset to the characters of everyday Chinese, Japanese and Korean (see
/// `scripts/build_cjk_font.py` and `assets/fonts/MANIFEST`); SIL Open Font License 1.1.
pub const CJK: BundledFont = BundledFont {
    name: "NotoSansCJK-subset",
    family: "Noto Sans CJK SC",
    bytes: include_bytes!("../assets/fonts/NotoSansCJK-subset.otf"),
};

/// The fonts tried, in order, for a character the text font lacks.
pub const FALLBACKS: [BundledFont; 1] = [CJK];

/// The text font and its fallbacks, in the order they are tried.
pub fn all() -> [BundledFont; 2] {
    [TEXT, CJK]
}

/// Each bundled font's character map (a font that cannot be read has none, which a test rules
/// out).
fn charmaps() -> &'static [Vec<u32>] {
    static MAPS: OnceLock<Vec<Vec<u32>>> = OnceLock::new();
    MAPS.get_or_init(|| {
        all()
            .iter()
            .map(|font| match skrifa::FontRef::new(font.bytes) {
                Ok(face) => {
                    let mut codes: Vec<u32> = face.charmap().mappings().map(|(c, _)| c).collect();
                    codes.sort_unstable();
                    codes
                }
                Err(_) => Vec::new(),
            })
            .collect()
    })
}

/// Whether some bundled font can draw `c` (spaces and control characters need no glyph).
pub fn covers(c: char) -> bool {
    c.is_whitespace() || c.is_control() || charmaps().iter().any(|m| m.binary_search(&(c as u32)).is_ok())
}

/// The characters of `text` no bundled font can draw, each once, in order of appearance: they
/// would show as empty boxes.
pub fn missing(text: &str) -> Vec<char> {
    let mut found: Vec<char> = Vec::new();
    for c in text.chars() {
        if !covers(c) && !found.contains(&c) {
            found.push(c);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_many_scripts_are_covered() {
        for name in [
            "北京",
            "평양",
            "東京",
            "Москва",
            "Pyŏngyang",
            "Ελλάδα",
            "とうきょう",
            "シンウィジュ",
            "新義州",
        ] {
            assert_eq!(missing(name), Vec::<char>::new(), "{name}");
        }
        // Scripts the bundle does not hold are named, not drawn as boxes unnoticed.
        assert_eq!(missing("القاهرة x"), ['ا', 'ل', 'ق', 'ه', 'ر', 'ة']);
    }
}
