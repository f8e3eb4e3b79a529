//! Colours and sizes of a careful printed atlas page: quiet base, loud data.

/// An sRGB colour with straight alpha.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgba(pub [u8; 4]);

impl Rgba {
    pub const fn rgb(r: u8, g: u8, b: u8) -> Rgba {
        Rgba([r, g, b, 255])
    }
    pub const fn with_alpha(self, a: u8) -> Rgba {
        Rgba([self.0[0], self.0[1], self.0[2], a])
    }
}

/// Okabe–Ito, a palette that colour-blind readers can tell apart (yellow left out: it vanishes on
/// pale land). Red-orange is kept for the selected event.
const THREAD_PALETTE: [Rgba; 6] = [
    Rgba::rgb(0, 114, 178),
    Rgba::rgb(230, 159, 0),
    Rgba::rgb(0, 158, 115),
    Rgba::rgb(204, 121, 167),
    Rgba::rgb(86, 180, 233),
    Rgba::rgb(0, 0, 0),
];

#[derive(Clone, Debug, PartialEq)]
pub struct Style {
    pub sea: Rgba,
    pub land: Rgba,
    pub coast: Rgba,
    pub coast_width: f32,
    pub border: Rgba,
    pub border_width: f32,
    pub label: Rgba,
    pub halo: Rgba,
    pub label_size: f32,
    pub marker_radius: f32,
    /// Names of gazetteer places without events today, and their town dots.
    pub context_label: Rgba,
    /// State names, set in spaced capitals.
    pub state_label: Rgba,
    /// Rivers and the names of seas.
    pub water_label: Rgba,
    pub river_width: f32,
    /// Demarcation lines of the time (the 38th parallel).
    pub boundary_line: Rgba,
    /// Kept for the selected event; no thread uses it.
    pub selected: Rgba,
    pub card_fill: Rgba,
    pub card_stroke: Rgba,
    pub card_text: Rgba,
    pub card_subtext: Rgba,
    pub date_card_size: f32,
    /// Multiplies every text size (projectors, large rooms).
    pub text_scale: f32,
}

impl Style {
    /// The light atlas style.
    pub fn atlas() -> Style {
        Style {
            sea: Rgba::rgb(214, 228, 238),
            land: Rgba::rgb(246, 243, 236),
            coast: Rgba::rgb(128, 142, 156),
            coast_width: 0.8,
            border: Rgba::rgb(150, 138, 128),
            border_width: 1.0,
            label: Rgba::rgb(34, 34, 38),
            halo: Rgba::rgb(255, 255, 255),
            label_size: 15.0,
            marker_radius: 5.0,
            context_label: Rgba::rgb(96, 96, 104),
            state_label: Rgba::rgb(150, 128, 112),
            water_label: Rgba::rgb(62, 110, 160),
            river_width: 1.6,
            boundary_line: Rgba::rgb(150, 60, 50),
            selected: Rgba::rgb(213, 94, 0),
            card_fill: Rgba([255, 255, 255, 228]),
            card_stroke: Rgba::rgb(190, 190, 196),
            card_text: Rgba::rgb(24, 24, 28),
            card_subtext: Rgba::rgb(80, 80, 88),
            date_card_size: 30.0,
            text_scale: 1.0,
        }
    }

    /// The colour of the thread at `index` in the chronicle's thread list.
    pub fn thread_color(&self, index: usize) -> Rgba {
        THREAD_PALETTE[index % THREAD_PALETTE.len()]
    }
}
