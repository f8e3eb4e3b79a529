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
    /// The outline of state names: the land's own colour on a light map, so they stay quiet.
    pub state_halo: Rgba,
    /// Rivers and the names of seas.
    pub water_label: Rgba,
    pub river_width: f32,
    /// Demarcation lines of the time (the 38th parallel): a violet, far from the fronts' red so
    /// the line of 1945 and the front of the day are not taken for each other.
    pub boundary_line: Rgba,
    /// Keyframed fronts and the areas of one side, a muted red; the other side's areas.
    pub front: Rgba,
    pub front_other: Rgba,
    /// Kept for the selected event; no thread uses it.
    pub selected: Rgba,
    pub card_fill: Rgba,
    pub card_stroke: Rgba,
    pub card_text: Rgba,
    pub card_subtext: Rgba,
    pub date_card_size: f32,
    /// Multiplies every text size (projectors, large rooms).
    pub text_scale: f32,
    /// For a hall: each kind of text is at least its share of the screen's height (see
    /// [`TextKind::hall_share`]), so the back row reads it whatever the projector's resolution.
    pub hall_sizes: bool,
}

/// What a piece of text on the map is, which sets its size and lets tests check each kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum TextKind {
    /// The day in words on the date card.
    Date,
    /// The line under the date.
    DateNote,
    CaptionTitle,
    CaptionBody,
    /// The name of a place with an event shown.
    EventPlace,
    /// An event's title beside its marker, or in the list of the day's events.
    Callout,
    /// A town of the gazetteer without an event shown.
    #[default]
    Place,
    State,
    /// Seas.
    Water,
    /// Rivers and demarcation lines.
    Line,
    Legend,
    /// The count on a marker that groups several events.
    Count,
    /// "3 / 14", the tour stop shown.
    StopCounter,
    Attribution,
}

impl TextKind {
    /// Size in pixels at a text scale of 1 on an ordinary screen.
    pub fn base_size(self) -> f32 {
        match self {
            TextKind::Date => 30.0,
            TextKind::DateNote => 13.5,
            TextKind::CaptionTitle => 26.0,
            TextKind::CaptionBody => 18.0,
            TextKind::EventPlace => 15.0,
            TextKind::Callout => 14.0,
            TextKind::Place => 12.75,
            TextKind::State => 11.0,
            TextKind::Water => 14.0,
            TextKind::Line => 12.0,
            TextKind::Legend => 13.0,
            TextKind::Count => 9.0,
            TextKind::StopCounter => 16.0,
            TextKind::Attribution => 11.0,
        }
    }

    /// The least share of the screen's height this kind takes in a hall, from the back row's
    /// needs at 1920×1080 (date 3.4%, event places and callouts 2.5%, caption 3%, other places
    /// 1.8%), with a little to spare for the strip the time bar takes from the map.
    pub fn hall_share(self) -> f32 {
        match self {
            TextKind::Date => 0.05,
            TextKind::DateNote => 0.022,
            TextKind::CaptionTitle => 0.036,
            TextKind::CaptionBody => 0.032,
            TextKind::EventPlace | TextKind::Callout => 0.0265,
            TextKind::Place | TextKind::State | TextKind::Water | TextKind::Line => 0.0195,
            TextKind::Legend => 0.02,
            TextKind::StopCounter => 0.024,
            TextKind::Count | TextKind::Attribution => 0.0,
        }
    }
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
            state_halo: Rgba::rgb(246, 243, 236),
            water_label: Rgba::rgb(28, 72, 122),
            river_width: 1.6,
            boundary_line: Rgba::rgb(104, 52, 138),
            front: Rgba::rgb(176, 72, 66),
            front_other: Rgba::rgb(70, 96, 150),
            selected: Rgba::rgb(213, 94, 0),
            card_fill: Rgba::rgb(255, 255, 255),
            card_stroke: Rgba::rgb(190, 190, 196),
            card_text: Rgba::rgb(24, 24, 28),
            card_subtext: Rgba::rgb(80, 80, 88),
            date_card_size: 30.0,
            text_scale: 1.0,
            hall_sizes: false,
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
            hall_sizes: true,
            ..Style::atlas()
        }
    }

    /// For a projector in a dark room: grey land on a near-black sea (over 3:1, so the coasts
    /// read from afar), light text on dark halos (over 7:1 against what is under its strokes).
    pub fn projector_dark() -> Style {
        Style {
            palette: THREAD_PALETTE_DARK,
            no_thread: Rgba::rgb(170, 170, 176),
            sea: Rgba::rgb(8, 12, 22),
            land: Rgba::rgb(100, 104, 110),
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
            state_halo: Rgba::rgb(0, 0, 0),
            water_label: Rgba::rgb(150, 196, 240),
            river_width: 2.4,
            boundary_line: Rgba::rgb(212, 172, 255),
            front: Rgba::rgb(236, 126, 116),
            front_other: Rgba::rgb(140, 170, 230),
            selected: Rgba::rgb(255, 120, 40),
            card_fill: Rgba::rgb(0, 0, 0),
            card_stroke: Rgba::rgb(90, 90, 100),
            card_text: Rgba::rgb(255, 255, 255),
            card_subtext: Rgba::rgb(220, 220, 228),
            date_card_size: 30.0,
            text_scale: 1.5,
            hall_sizes: true,
        }
    }

    /// The size of a kind of text on a screen `height` pixels high.
    pub fn text_size(&self, kind: TextKind, height: f32) -> f32 {
        let size = kind.base_size() * self.text_scale;
        if self.hall_sizes {
            size.max(kind.hall_share() * height)
        } else {
            size
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
