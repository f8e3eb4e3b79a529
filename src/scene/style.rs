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
        }
    }

    /// The colour of the thread at `index` in the chronicle's thread list.
    pub fn thread_color(&self, index: usize) -> Rgba {
        THREAD_PALETTE[index % THREAD_PALETTE.len()]
    }
}
