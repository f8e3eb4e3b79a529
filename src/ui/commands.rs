//! Every command the window answers to, in one table: its name, its keys at the desk and while
//! presenting, and the words of its tooltip. The key handler, the buttons' tooltips and the
//! README's key list are all read from here, so they cannot drift apart (the app's
//! `run_command` gives each its action).

use eframe::egui::{InputState, Key, KeyboardShortcut, Modifiers};

/// Where a command's keys work: the desk has panels and text fields; presenting has only the
/// map and a clicker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Desk,
    Presenting,
}

/// The modes a command's keys work in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    Desk,
    Presenting,
    Both,
}

impl When {
    pub fn includes(self, mode: Mode) -> bool {
        matches!(
            (self, mode),
            (When::Both, _) | (When::Desk, Mode::Desk) | (When::Presenting, Mode::Presenting)
        )
    }

    fn words(self) -> &'static str {
        match self {
            When::Desk => "at the desk",
            When::Presenting => "presenting",
            When::Both => "always",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Command {
    WeekForward,
    WeekBack,
    DayForward,
    DayBack,
    NextEventDay,
    PreviousEventDay,
    FirstEvent,
    LastEvent,
    PlayPause,
    Search,
    GoToDate,
    Present,
    Screenshot,
    ZoomIn,
    ZoomOut,
    FitAll,
    ClickerNext,
    ClickerPrevious,
    BlackScreen,
    StopPresenting,
    ToggleSidePanels,
    PlayTour,
    StopTour,
    ToggleLegend,
    PresenterConsole,
    OpenFile,
    UndoTourEdit,
    RedoTourEdit,
    Pen,
    Laser,
    Spotlight,
    ClearInk,
}

const fn key(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::NONE, key)
}

const fn shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::SHIFT, key)
}

const fn alt(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::ALT, key)
}

/// Ctrl, or Cmd on a Mac.
const fn command(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}

/// Ctrl+Shift, or Cmd+Shift on a Mac.
const fn command_shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), key)
}

/// Clickers send PageDown; → and Space are what slide software also answers to.
const CLICKER_NEXT: [KeyboardShortcut; 4] = [
    key(Key::PageDown),
    key(Key::ArrowRight),
    key(Key::Space),
    key(Key::ArrowDown),
];

impl Command {
    /// In the order of the README's key list.
    pub const ALL: [Command; 32] = [
        Command::DayForward,
        Command::DayBack,
        Command::WeekForward,
        Command::WeekBack,
        Command::NextEventDay,
        Command::PreviousEventDay,
        Command::FirstEvent,
        Command::LastEvent,
        Command::PlayPause,
        Command::GoToDate,
        Command::Search,
        Command::ZoomIn,
        Command::ZoomOut,
        Command::FitAll,
        Command::Present,
        Command::PresenterConsole,
        Command::PlayTour,
        Command::StopTour,
        Command::ClickerNext,
        Command::ClickerPrevious,
        Command::BlackScreen,
        Command::StopPresenting,
        Command::ToggleLegend,
        Command::Pen,
        Command::Laser,
        Command::Spotlight,
        Command::ClearInk,
        Command::Screenshot,
        Command::ToggleSidePanels,
        Command::OpenFile,
        Command::UndoTourEdit,
        Command::RedoTourEdit,
    ];

    /// The name on the command's button, where it has one.
    pub fn name(self) -> &'static str {
        match self {
            Command::WeekForward => "Week ›",
            Command::WeekBack => "‹ Week",
            Command::DayForward => "Day ›",
            Command::DayBack => "‹ Day",
            Command::NextEventDay => "Event »",
            Command::PreviousEventDay => "« Event",
            Command::FirstEvent => "First",
            Command::LastEvent => "Last",
            Command::PlayPause => "Play",
            Command::Search => "Search",
            Command::GoToDate => "Go to",
            Command::Present => "Present",
            Command::Screenshot => "Screenshot",
            Command::ZoomIn => "Zoom in",
            Command::ZoomOut => "Zoom out",
            Command::FitAll => "Fit all",
            Command::ClickerNext => "Next",
            Command::ClickerPrevious => "Previous",
            Command::BlackScreen => "Black screen",
            Command::StopPresenting => "Leave",
            Command::ToggleSidePanels => "Side panels",
            Command::PlayTour => "Play tour",
            Command::StopTour => "Stop tour",
            Command::ToggleLegend => "Legend",
            Command::PresenterConsole => "Presenter console",
            Command::OpenFile => "Open…",
            Command::UndoTourEdit => "Undo tour edit",
            Command::RedoTourEdit => "Redo tour edit",
            Command::Pen => "Pen",
            Command::Laser => "Laser",
            Command::Spotlight => "Spotlight",
            Command::ClearInk => "Clear ink",
        }
    }

    /// What the command does, in the words of its tooltip and of the README.
    pub fn description(self) -> &'static str {
        match self {
            Command::WeekForward => "One week on",
            Command::WeekBack => "One week back",
            Command::DayForward => "One day on",
            Command::DayBack => "One day back",
            Command::NextEventDay => "The next day with an event, the key presenter clickers send",
            Command::PreviousEventDay => "The previous day with an event",
            Command::FirstEvent => "The first event",
            Command::LastEvent => "The last event",
            Command::PlayPause => "Play or pause; speed, direction and looping are in the bar under the map",
            Command::Search => "Search everything: events, places and their other names",
            Command::GoToDate => "Go to a date typed as 1950-10-19, 19 Oct 1950 or October 19, 1950",
            Command::Present => "Present: full screen, large date card, caption, thin time bar",
            Command::Screenshot => {
                "Save a screenshot into your Pictures folder (at the desk the map alone, unless a setting says the whole window), never over an existing file"
            }
            Command::ZoomIn => "Zoom the map in",
            Command::ZoomOut => "Zoom the map out",
            Command::FitAll => "Fit the map to the chronicle's home view",
            Command::ClickerNext => "On by one clicker step: a day, an event day or a tour stop",
            Command::ClickerPrevious => "Back by one clicker step",
            Command::BlackScreen => "Black the screen, and back",
            Command::StopPresenting => "Leave presentation mode",
            Command::ToggleSidePanels => "Hide both side panels so the map takes the whole width, and back",
            Command::PlayTour => {
                "Play the open tour (or the built-in one): the clicker keys, PageDown / → / Space and PageUp / ←, then go stop by stop"
            }
            Command::StopTour => "Stop playing the tour: the keys step as before",
            Command::ToggleLegend => "Show or hide the legend on the projected map",
            Command::PresenterConsole => {
                "Present with a presenter console: the map for the hall, and a window for you with the speaker notes, the next stop, the selected event's sources and a clock; while presenting, opens or closes the console"
            }
            Command::OpenFile => {
                "Open a chronicle (JSON, TimelineJS CSV, GeoJSON, KML/KMZ) or a tour (.tour.json); dropping a file on the window opens it too"
            }
            Command::UndoTourEdit => "Undo the last edit of the tour: a deleted, moved or added stop, a caption",
            Command::RedoTourEdit => "Redo the tour edit last undone",
            Command::Pen => {
                "The pen, on and off: drag on the map to draw; the strokes stay on their places as the map moves and go with the next step"
            }
            Command::Laser => "A laser pointer while the key is held: a bright dot with a short fading trail",
            Command::Spotlight => "A spotlight, on and off: all but a circle around the pointer is dimmed",
            Command::ClearInk => {
                "Clear the ink; exports and screenshots leave it out unless the Export window's \"Keep the ink\" is ticked"
            }
        }
    }

    /// Where the keys work.
    pub fn when(self) -> When {
        match self {
            Command::ZoomIn
            | Command::ZoomOut
            | Command::FitAll
            | Command::Screenshot
            | Command::PlayTour
            | Command::PresenterConsole => When::Both,
            Command::ClickerNext
            | Command::ClickerPrevious
            | Command::BlackScreen
            | Command::StopPresenting
            | Command::ToggleLegend
            | Command::Pen
            | Command::Laser
            | Command::Spotlight
            | Command::ClearInk => When::Presenting,
            _ => When::Desk,
        }
    }

    /// The keys, the first one shown in tooltips.
    pub fn keys(self) -> &'static [KeyboardShortcut] {
        match self {
            Command::WeekForward => &const { [shift(Key::ArrowRight)] },
            Command::WeekBack => &const { [shift(Key::ArrowLeft)] },
            Command::DayForward => &const { [key(Key::ArrowRight)] },
            Command::DayBack => &const { [key(Key::ArrowLeft)] },
            Command::NextEventDay => &const { [key(Key::PageDown)] },
            Command::PreviousEventDay => &const { [key(Key::PageUp)] },
            Command::FirstEvent => &const { [key(Key::Home)] },
            Command::LastEvent => &const { [key(Key::End)] },
            Command::PlayPause => &const { [key(Key::Space)] },
            Command::Search => &const { [command(Key::F)] },
            Command::GoToDate => &const { [command(Key::G)] },
            Command::Present => &const { [key(Key::F5)] },
            Command::Screenshot => &const { [key(Key::F12)] },
            // `=` is where `+` sits on many keyboards without Shift.
            Command::ZoomIn => &const { [key(Key::Plus), key(Key::Equals)] },
            Command::ZoomOut => &const { [key(Key::Minus)] },
            Command::FitAll => &const { [key(Key::Num0)] },
            Command::ClickerNext => &CLICKER_NEXT,
            Command::ClickerPrevious => &const { [key(Key::PageUp), key(Key::ArrowLeft), key(Key::ArrowUp)] },
            Command::BlackScreen => &const { [key(Key::B), key(Key::Period)] },
            Command::StopPresenting => &const { [key(Key::Escape)] },
            Command::ToggleSidePanels => &const { [key(Key::F9)] },
            Command::PlayTour => &const { [key(Key::T)] },
            // At the desk only: while presenting, Esc leaves presentation mode first.
            Command::StopTour => &const { [key(Key::Escape)] },
            Command::ToggleLegend => &const { [key(Key::L)] },
            Command::PresenterConsole => &const { [alt(Key::F5)] },
            Command::OpenFile => &const { [command(Key::O)] },
            Command::UndoTourEdit => &const { [command(Key::Z)] },
            Command::RedoTourEdit => &const { [command_shift(Key::Z), command(Key::Y)] },
            Command::Pen => &const { [key(Key::P)] },
            Command::Laser => &const { [key(Key::K)] },
            Command::Spotlight => &const { [key(Key::S)] },
            Command::ClearInk => &const { [key(Key::C), key(Key::Delete)] },
        }
    }

    /// The keys as a reader writes them: `Shift+→ / PageDown`.
    pub fn keys_text(self) -> String {
        self.keys().iter().map(shortcut_text).collect::<Vec<_>>().join(" / ")
    }

    /// The tooltip of the command's button: what it does and its first key.
    pub fn tooltip(self) -> String {
        match self.keys().first() {
            Some(k) => format!("{} ({})", self.description(), shortcut_text(k)),
            None => self.description().to_string(),
        }
    }

    /// The button's text with its key, for buttons whose key is worth learning: "Present (F5)".
    pub fn label_with_key(self) -> String {
        match self.keys().first() {
            Some(k) => format!("{} ({})", self.name(), shortcut_text(k)),
            None => self.name().to_string(),
        }
    }

    /// Takes this frame's key presses of the commands that work in `mode`, in the order they
    /// should run. Shortcuts with modifiers are tried first: egui matches extra Shift loosely,
    /// so a plain → would otherwise also take Shift+→.
    pub fn consume_pressed(input: &mut InputState, mode: Mode) -> Vec<Command> {
        let mut bindings: Vec<(Command, KeyboardShortcut)> = Command::ALL
            .into_iter()
            .filter(|c| c.when().includes(mode))
            .flat_map(|c| c.keys().iter().map(move |k| (c, *k)))
            .collect();
        bindings.sort_by_key(|(_, k)| std::cmp::Reverse(modifier_count(k.modifiers)));
        let mut pressed = Vec::new();
        for (command, shortcut) in bindings {
            let count = input.count_and_consume_key(shortcut.modifiers, shortcut.logical_key);
            pressed.extend(std::iter::repeat_n(command, count));
        }
        pressed
    }
}

fn modifier_count(m: Modifiers) -> u8 {
    u8::from(m.alt) + u8::from(m.shift) + u8::from(m.command || m.ctrl || m.mac_cmd)
}

/// One shortcut as a reader writes it (Ctrl, not Cmd: the README's readers are mostly on Linux
/// and Windows).
pub fn shortcut_text(shortcut: &KeyboardShortcut) -> String {
    let m = shortcut.modifiers;
    let mut text = String::new();
    if m.command || m.ctrl || m.mac_cmd {
        text.push_str("Ctrl+");
    }
    if m.alt {
        text.push_str("Alt+");
    }
    if m.shift {
        text.push_str("Shift+");
    }
    text.push_str(match shortcut.logical_key {
        Key::ArrowLeft => "←",
        Key::ArrowRight => "→",
        Key::ArrowUp => "↑",
        Key::ArrowDown => "↓",
        Key::Minus => "−",
        Key::Plus => "+",
        Key::Equals => "=",
        Key::Period => ".",
        Key::Num0 => "0",
        Key::Escape => "Esc",
        other => other.name(),
    });
    text
}

/// The hint a first start shows over the map: the few keys that get a lecture going. Arrows are
/// named in words: the window's font has no arrow glyphs.
pub fn first_start_hint() -> String {
    let keys: Vec<String> = [
        Command::DayForward,
        Command::NextEventDay,
        Command::Present,
        Command::PlayTour,
    ]
    .into_iter()
    .map(|c| {
        let key = c.keys().first().map(shortcut_text).unwrap_or_default();
        let key = key.replace('→', "Right arrow").replace('←', "Left arrow");
        format!("{key} {}", c.name())
    })
    .collect();
    format!("Keys: {}", keys.join("  ·  "))
}

/// The README's key list, a Markdown table generated from the commands.
pub fn markdown_key_list() -> String {
    let mut out = String::from("| Keys | When | What it does |\n| --- | --- | --- |\n");
    for command in Command::ALL {
        out.push_str(&format!(
            "| {} | {} | {} |\n",
            command.keys_text(),
            command.when().words(),
            command.description()
        ));
    }
    out
}
