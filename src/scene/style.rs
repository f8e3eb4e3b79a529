//! Colours and sizes of a careful printed atlas page: quiet base, loud data.

/// An sRGB colour with straight alpha.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgba(pub [u8; 4]);

impl Rgba {
    pub const fn rgb(r: u8, g: u8, b: u8) -> Rgba {
        Rgba([r, g, b, 255])
    }

    /// WCAG relative luminance of the opaque colour.
    pub fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = c as f64 / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0[0]) + 0.7152 * channel(self.0[1]) + 0.0722 * channel(self.0[2])
    }

    /// WCAG contrast ratio between two opaque colours (1 to 21).
    pub fn contrast(self, other: Rgba) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }
    pub const fn with_alpha(self, a: u8) -> Rgba {
        Rgba([self.0[0], self.0[1], self.0[2], a])
    }
}

/// Okabe–Ito's colours (yellow left out: it vanishes on pale land; vermilion kept for the
/// selected event), then four of Paul Tol's "muted" ones, so ten threads get ten colours. Past
/// six, no palette stays distinct for every kind of colour blindness: the legend names them.
const THREAD_PALETTE: [Rgba; 10] = [
    Rgba::rgb(0, 114, 178),
    Rgba::rgb(230, 159, 0),
    Rgba::rgb(0, 158, 115),
    Rgba::rgb(204, 121, 167),
    Rgba::rgb(86, 180, 233),
    Rgba::rgb(0, 0, 0),
    Rgba::rgb(51, 34, 136),
    Rgba::rgb(136, 34, 85),
    Rgba::rgb(153, 153, 51),
    Rgba::rgb(68, 170, 153),
];

/// The same palette for dark maps: black becomes white, the darkest colours lighter.
const THREAD_PALETTE_DARK: [Rgba; 10] = [
    Rgba::rgb(86, 180, 233),
    Rgba::rgb(230, 159, 0),
    Rgba::rgb(0, 158, 115),
    Rgba::rgb(204, 121, 167),
    Rgba::rgb(0, 114, 178),
    Rgba::rgb(240, 240, 240),
    Rgba::rgb(136, 120, 230),
    Rgba::rgb(210, 90, 150),
    Rgba::rgb(190, 190, 80),
    Rgba::rgb(68, 170, 153),
];

#[derive(Clone, Debug, PartialEq)]
pub struct Style {
    /// Colours of the chronicle's threads, in order.
    pub palette: [Rgba; 10],
    /// Events that belong to no thread.
    pub no_thread: Rgba,
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
            palette: THREAD_PALETTE,
            no_thread: Rgba::rgb(120, 120, 126),
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
            context_label: Rgba::rgb(66, 66, 74),
            state_label: Rgba::rgb(98, 78, 64),
            water_label: Rgba::rgb(28, 72, 122),
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

    /// For a projector: the atlas with darker lines and every text larger.
    pub fn projector_light() -> Style {
        Style {
            coast: Rgba::rgb(90, 104, 120),
            coast_width: 1.2,
            border: Rgba::rgb(110, 96, 86),
            border_width: 1.4,
            label: Rgba::rgb(0, 0, 0),
            river_width: 2.4,
            marker_radius: 6.5,
            text_scale: 1.5,
            ..Style::atlas()
        }
    }

    /// For a projector in a dark room: pale land on a dark sea, light text with dark halos.
    pub fn projector_dark() -> Style {
        Style {
            palette: THREAD_PALETTE_DARK,
            no_thread: Rgba::rgb(170, 170, 176),
            sea: Rgba::rgb(16, 26, 40),
            land: Rgba::rgb(44, 48, 54),
            coast: Rgba::rgb(150, 166, 184),
            coast_width: 1.2,
            border: Rgba::rgb(130, 124, 118),
            border_width: 1.4,
            label: Rgba::rgb(255, 255, 255),
            halo: Rgba::rgb(0, 0, 0),
            label_size: 15.0,
            marker_radius: 6.5,
            context_label: Rgba::rgb(214, 214, 220),
            state_label: Rgba::rgb(226, 210, 190),
            water_label: Rgba::rgb(150, 196, 240),
            river_width: 2.4,
            boundary_line: Rgba::rgb(255, 140, 120),
            selected: Rgba::rgb(255, 120, 40),
            card_fill: Rgba([0, 0, 0, 220]),
            card_stroke: Rgba::rgb(90, 90, 100),
            card_text: Rgba::rgb(255, 255, 255),
            card_subtext: Rgba::rgb(220, 220, 228),
            date_card_size: 30.0,
            text_scale: 1.5,
        }
    }

    /// The colour of the thread at `index` in the chronicle's thread list.
    pub fn thread_color(&self, index: usize) -> Rgba {
        self.palette[index % self.palette.len()]
    }

    /// The colour of an event's thread (by id), grey when it has none the chronicle knows.
    pub fn event_color(&self, chronicle: &crate::chronicle::Chronicle, thread: Option<&str>) -> Rgba {
        thread
            .and_then(|t| chronicle.thread_index(t))
            .map_or(self.no_thread, |i| self.thread_color(i))
    }
}
