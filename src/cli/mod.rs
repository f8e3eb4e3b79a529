//! The command line: check a chronicle, list its events, print its schema, or open the window.

mod events;
mod export;

pub use export::ViewArgs;

use crate::chronicle::{self, Chronicle, LoadError, SourceText};
use crate::export::parse_size;
use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "chronoatlas",
    version,
    about = "A map-and-chronology explorer: step through a historical chronicle day by day.",
    long_about = "With no command, opens the window on FILE or on the embedded default chronicle \
                  (Chen Jian, The Sino-Soviet Alliance and China's Entry into the Korean War, 1992).",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// Chronicle file to open in the window (default: the embedded chronicle).
    pub file: Option<PathBuf>,
    /// Open on this day (1950-10-19, 19 Oct 1950, October 19, 1950).
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Open on this named view of the chronicle (e.g. korean-peninsula).
    #[arg(long, value_name = "VIEW")]
    pub view: Option<String>,
    /// Open with this event selected.
    #[arg(long, value_name = "EVENT_ID")]
    pub select: Option<String>,
    /// Render the window once, save its screenshot as this PNG and exit.
    #[arg(long, value_name = "PNG")]
    pub screenshot: Option<PathBuf>,
    /// Start in presentation mode (full screen, clicker keys; Esc leaves).
    #[arg(long)]
    pub present: bool,
    /// Use the dark projector theme when presenting.
    #[arg(long)]
    pub dark: bool,
    /// Size of the window in pixels.
    #[arg(long, value_name = "WxH", default_value = "1280x800", value_parser = parse_size)]
    pub window_size: (u32, u32),
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check a chronicle: syntax (file:line:column), references, dates, and with --source, quotes.
    Validate {
        /// Chronicle file (default: the embedded chronicle).
        file: Option<PathBuf>,
        /// Full text of the source: every quote, footnote and date wording must stand in it verbatim.
        #[arg(long, value_name = "TEXT")]
        source: Option<PathBuf>,
    },
    /// List events in timeline order.
    Events {
        /// Chronicle file (default: the embedded chronicle).
        file: Option<PathBuf>,
        /// Only events active on this day (1950-10-19, 19 Oct 1950, October 19, 1950).
        #[arg(long, value_name = "DATE", conflicts_with_all = ["from", "to"])]
        on: Option<String>,
        /// Only events that end on or after this day.
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// Only events that begin on or before this day.
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Print the JSON Schema of the chronicle file format.
    Schema,
    /// Draw the map of one day as a PNG or SVG file, without a window.
    Export {
        /// Chronicle file (default: the embedded chronicle).
        file: Option<PathBuf>,
        /// The day to draw (1950-10-19, 19 Oct 1950, October 19, 1950); default: the selected
        /// event's first day, else the chronicle's opening day.
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        #[command(flatten)]
        view: ViewArgs,
        /// The file to write; .png or .svg.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
    },
    /// Draw each day of a span as numbered PNG frames, and optionally an animated GIF.
    Frames {
        /// Chronicle file (default: the embedded chronicle).
        file: Option<PathBuf>,
        /// First day.
        #[arg(long, value_name = "DATE")]
        from: String,
        /// Last day (included).
        #[arg(long, value_name = "DATE")]
        to: String,
        #[command(flatten)]
        view: ViewArgs,
        /// Folder for the frames (created if missing): frame-0001-1950-09-15.png, …
        #[arg(short = 'o', long = "output", value_name = "DIR")]
        output: PathBuf,
        /// Also write the days as an animated GIF (half a second a day, looping).
        #[arg(long, value_name = "GIF")]
        gif: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Json,
    Table,
}

/// A failure the user must fix: printed as one line, exit code 2.
pub struct Failure(pub String);

impl From<LoadError> for Failure {
    fn from(e: LoadError) -> Self {
        Failure(e.to_string())
    }
}

/// Loads FILE, or the embedded chronicle when none is given; returns it with its display name.
pub fn load_chronicle(file: Option<&Path>) -> Result<(Chronicle, String), LoadError> {
    match file {
        Some(path) => Ok((chronicle::load_file(path)?, path.display().to_string())),
        None => Ok((
            chronicle::load_str(chronicle::DEFAULT_CHRONICLE_JSON, chronicle::DEFAULT_CHRONICLE_NAME)?,
            chronicle::DEFAULT_CHRONICLE_NAME.to_string(),
        )),
    }
}

/// Runs a subcommand, writing its output to `out`.
pub fn run(command: &Command, out: &mut dyn Write) -> ExitCode {
    let result = match command {
        Command::Validate { file, source } => validate(file.as_deref(), source.as_deref(), out),
        Command::Events {
            file,
            on,
            from,
            to,
            format,
        } => events::list(
            file.as_deref(),
            on.as_deref(),
            from.as_deref(),
            to.as_deref(),
            *format,
            out,
        ),
        Command::Schema => {
            let schema = schemars::schema_for!(Chronicle);
            let text = serde_json::to_string_pretty(&schema).unwrap_or_default();
            writeln!(out, "{text}").map_err(|e| Failure(format!("cannot write output: {e}")))
        }
        Command::Export {
            file,
            date,
            view,
            output,
        } => export::export(file.as_deref(), date.as_deref(), view, output, out),
        Command::Frames {
            file,
            from,
            to,
            view,
            output,
            gif,
        } => export::frames(file.as_deref(), from, to, view, output, gif.as_ref(), out),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(message)) => {
            eprintln!("chronoatlas: {message}");
            ExitCode::from(2)
        }
    }
}

fn validate(file: Option<&Path>, source: Option<&Path>, out: &mut dyn Write) -> Result<(), Failure> {
    let (chronicle, name) = load_chronicle(file)?;
    let source_text = match source {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| Failure(format!("{}: cannot read source text: {e}", path.display())))?;
            Some(SourceText::new(&text))
        }
        None => None,
    };
    let mut problems = chronicle::validate(&chronicle, source_text.as_ref());
    let basemap = crate::map::basemap::Basemap::embedded(crate::map::basemap::Lod::Fine);
    problems.extend(chronicle::validate_countries(&chronicle, |code| {
        basemap.country_by_id(code).is_some()
    }));
    let write_err = |e: std::io::Error| Failure(format!("cannot write output: {e}"));
    for problem in &problems {
        writeln!(out, "{name}: {problem}").map_err(write_err)?;
    }
    if !problems.is_empty() {
        return Err(Failure(format!("{name}: {} problem(s)", problems.len())));
    }
    let checked = match source {
        Some(path) => format!("; quotes checked against {}", path.display()),
        None => String::new(),
    };
    writeln!(
        out,
        "{name}: valid: {} events, {} places, {} movements, {} footnotes{checked}",
        chronicle.events.len(),
        chronicle.places.len(),
        chronicle.movements.len(),
        chronicle.footnotes.len()
    )
    .map_err(write_err)
}

/// Resolves the window's command-line options against the chronicle, so a bad date, view or
/// event id is reported on the command line before any window opens.
pub fn window_startup(cli: &Cli) -> Result<(Chronicle, String, crate::app::Startup), Failure> {
    let (chronicle, name) = load_chronicle(cli.file.as_deref())?;
    let day = match &cli.date {
        Some(text) => Some(chronicle::date::parse_day(text).map_err(|e| Failure(format!("--date {text:?}: {e}")))?),
        None => None,
    };
    let view = match &cli.view {
        Some(id) => Some(view_bbox(&chronicle, &name, id)?),
        None => None,
    };
    let select = match &cli.select {
        Some(id) => Some(event_index(&chronicle, &name, id)?),
        None => None,
    };
    if let Some(path) = &cli.screenshot {
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        if !dir.is_dir() {
            return Err(Failure(format!(
                "--screenshot {}: the folder {} does not exist",
                path.display(),
                dir.display()
            )));
        }
    }
    let startup = crate::app::Startup {
        day,
        view,
        select,
        screenshot: cli.screenshot.clone(),
        window_size: cli.window_size,
        present: cli.present,
        dark: cli.dark,
        started: None,
    };
    Ok((chronicle, name, startup))
}

/// The box of a named view, or a one-line failure listing the views the chronicle has.
pub(crate) fn view_bbox(chronicle: &Chronicle, name: &str, id: &str) -> Result<chronicle::GeoBox, Failure> {
    chronicle.view(id).map(|v| v.bbox).ok_or_else(|| {
        let known: Vec<&str> = chronicle.views.iter().map(|v| v.id.as_str()).collect();
        let known = if known.is_empty() {
            "none".to_string()
        } else {
            known.join(", ")
        };
        Failure(format!("--view {id:?}: {name} has no such view (it has: {known})"))
    })
}

/// The index of an event by id, or a one-line failure.
pub(crate) fn event_index(chronicle: &Chronicle, name: &str, id: &str) -> Result<usize, Failure> {
    chronicle
        .event_index(id)
        .ok_or_else(|| Failure(format!("--select {id:?}: {name} has no event with this id")))
}
