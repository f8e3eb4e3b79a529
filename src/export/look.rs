//! The looks an export can have, chosen by the same words on the command line (`--present`,
//! `--dark`) and in the export window, so a picture made either way looks the same.

use crate::scene::{OverlayOptions, Style};

/// How an exported picture looks, apart from what it shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Look {
    /// The presentation look: projector type sizes, the day's events named, a caption, no
    /// legend; what the hall saw.
    pub present: bool,
    /// The dark projector style, for a dark room (also without `present`).
    pub dark: bool,
}

impl Look {
    /// The style: the atlas, or a projector style when presenting or dark.
    pub fn style(self) -> Style {
        match (self.present, self.dark) {
            (_, true) => Style::projector_dark(),
            (true, false) => Style::projector_light(),
            (false, false) => Style::atlas(),
        }
    }

    /// The overlays, starting from `plain` (what the window shows, or the defaults) unless
    /// presenting.
    pub fn overlays(self, plain: OverlayOptions) -> OverlayOptions {
        if self.present {
            OverlayOptions::presenting()
        } else {
            plain
        }
    }
}
