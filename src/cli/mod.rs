//! The command line: check a chronicle, list its events, print its schema, or open the window.

mod areas;
mod convert;
mod events;
mod export;
mod output;
pub mod synth;

pub use areas::AreasFormat;
pub use export::ViewArgs;

use crate::chronicle::{self, Chronicle, LoadError, SourceText};
use crate::export::parse_size;
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

/// Exit codes, as scripts rely on them; shown by `--help` and the README.
pub const EXIT_CODES: &str = "Exit codes:\n  \
    0  success\n  \
    1  validate found problems: the file was read but is not a valid chronicle\n  \
    2  usage or input error: bad arguments, a file that cannot be read, a syntax error,\n     \
    a file that cannot be written, no display for the window, or records left out of a file\n     \
    read (each is listed on the error stream; the command's work is still done)";

#[derive(Parser, Debug)]
#[command(
    name = "chronoatlas",
    version,
    about = "A map-and-chronology explorer: step through a historical chronicle day by day.",
    long_about = "With no command, opens the window on FILE or on the embedded default chronicle \
                  (Chen Jian, The Sino-Soviet Alliance and China's Entry into the Korean War, 1992).",
    args_conflicts_with_subcommands = true,
    after_help = EXIT_CODES
)]
pub struct Cli {
    /// Chronicle file to open in the window (default: the embedded chronicle).
    pub file: Option<PathBuf>,
    /// Another chronicle to show beneath it as context (its features and events in grey);
    /// repeat for more. Each has a toggle in the window and a line in the attribution.
    #[arg(long = "layer", value_name = "FILE")]
    pub layers: Vec<PathBuf>,
    /// Open on this day (1950-10-19, 19 Oct 1950, October 19, 1950; -0050-03-15 before the era).
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
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
    /// Let --screenshot replace an existing file.
    #[arg(long, requires = "screenshot")]
    pub overwrite: bool,
    /// Start in presentation mode (full screen, clicker keys; Esc leaves).
    #[arg(long)]
    pub present: bool,
    /// Use the dark projector theme when presenting.
    #[arg(long)]
    pub dark: bool,
    /// Present with the presenter console: the map for the hall, and a second window for the
    /// lecturer with the speaker notes, the next stop, the selected event's sources and a clock
    /// (implies --present).
    #[arg(long)]
    pub presenter: bool,
    /// With --screenshot and --presenter: also save the presenter console as this PNG.
    #[arg(long, value_name = "PNG", requires_all = ["screenshot", "presenter"])]
    pub presenter_screenshot: Option<PathBuf>,
    /// Open this tour ready to play: the clicker keys go stop by stop (with --present, presenting).
    #[arg(long, value_name = "TOUR")]
    pub tour: Option<PathBuf>,
    /// Start the tour at this stop, counted from 1.
    #[arg(long, value_name = "N", requires = "tour")]
    pub stop: Option<usize>,
    /// Size of the window in pixels.
    #[arg(long, value_name = "WxH", default_value = "1280x800", value_parser = parse_size)]
    pub window_size: (u32, u32),
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check a chronicle: syntax (file:line:column), references, dates, and quotes against the source.
    #[command(after_help = EXIT_CODES)]
    Validate {
        /// Chronicle file (default: the embedded chronicle, checked against the embedded paper).
        file: Option<PathBuf>,
        /// Full text of the source: every quote, footnote and date wording must stand in it
        /// verbatim. Default: the embedded paper for the embedded chronicle, none for a FILE.
        #[arg(long, value_name = "TEXT")]
        source: Option<PathBuf>,
    },
    /// List events in timeline order.
    Events {
        /// Chronicle file (default: the embedded chronicle).
        file: Option<PathBuf>,
        /// Only events active on this day (1950-10-19, 19 Oct 1950, October 19, 1950).
        #[arg(long, value_name = "DATE", conflicts_with_all = ["from", "to"], allow_hyphen_values = true)]
        on: Option<String>,
        /// Only events that end on or after this day.
        #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
        from: Option<String>,
        /// Only events that begin on or before this day.
        #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
        to: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Print the JSON Schema of the chronicle file format.
    Schema,
    /// Convert a chronicle between formats: chronicle JSON, TimelineJS CSV, GeoJSON, KML (KMZ
    /// is read only). What the target format cannot hold is listed on the error stream.
    #[command(after_help = EXIT_CODES)]
    Convert {
        /// The file to read (.json, .csv, .geojson, .kml, .kmz; else recognised by content).
        file: PathBuf,
        /// The file to write; its extension chooses the format: .json, .csv, .geojson or .kml.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
        /// Replace the output file if it exists.
        #[arg(long)]
        overwrite: bool,
    },
    /// List what the map layer draws on a day: states, lines and keyframed features
    /// (interpolated to the day), each with its source.
    Areas {
        /// Chronicle file (default: the embedded chronicle).
        file: Option<PathBuf>,
        /// The day (1950-10-19, 19 Oct 1950, October 19, 1950).
        #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
        on: String,
        #[arg(long, value_enum, default_value_t = AreasFormat::Table)]
        format: AreasFormat,
    },
    /// Draw the map of one day as a PNG or SVG file, without a window.
    Export {
        /// Chronicle file (default: the embedded chronicle).
        file: Option<PathBuf>,
        /// The day to draw (1950-10-19, 19 Oct 1950, October 19, 1950); default: the selected
        /// event's first day, else the chronicle's opening day.
        #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
        date: Option<String>,
        #[command(flatten)]
        view: ViewArgs,
        /// The file to write; .png or .svg.
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
        /// Replace the output file if it exists.
        #[arg(long)]
        overwrite: bool,
        /// How an SVG's labels are written: "text" (editable, the fonts used embedded) or
        /// "outlines" (glyph shapes, the same in every viewer).
        #[arg(long, value_name = "HOW", value_parser = ["text", "outlines"], default_value = "text")]
        svg_text: String,
    },
    /// Draw each day of a span as numbered PNG frames, an animated GIF or an MP4 video (any of
    /// them, from the same pictures drawn once).
    Frames {
        /// Chronicle file (default: the embedded chronicle).
        file: Option<PathBuf>,
        /// First day.
        #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
        from: String,
        /// Last day (included).
        #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
        to: String,
        #[command(flatten)]
        view: ViewArgs,
        /// Folder for the frames (created if missing): frame-0001-1950-09-15.png, …; may be left
        /// out when --gif or --video is given.
        #[arg(short = 'o', long = "output", value_name = "DIR", required_unless_present_any = ["gif", "video"])]
        output: Option<PathBuf>,
        /// Also write the days as an animated GIF at --size (half a second a day, looping).
        #[arg(long, value_name = "GIF")]
        gif: Option<PathBuf>,
        #[command(flatten)]
        video: export::VideoArgs,
        /// Replace the GIF or the video if it exists (frames in the folder are always replaced).
        #[arg(long)]
        overwrite: bool,
    },
    /// Write a synthetic chronicle (and a tour over it) for benchmarks and load tests.
    #[command(hide = true)]
    Synth(synth::SynthArgs),
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

/// Set when a file was read with records left out: the command still does its work, then
/// exits 2 (see [`EXIT_CODES`]). One process runs one command, so a flag is enough.
static RECORDS_LEFT_OUT: AtomicBool = AtomicBool::new(false);

/// Loads FILE in any format [`crate::import::load_any`] reads, or the embedded chronicle when
/// none is given; returns it with its display name. What could not be read is printed on the
/// error stream, one line each.
pub fn load_chronicle(file: Option<&Path>) -> Result<(Chronicle, String), LoadError> {
    load_listing_problems(file).map(|(chronicle, name, _)| (chronicle, name))
}

/// [`load_chronicle`], also returning the problems it printed.
fn load_listing_problems(file: Option<&Path>) -> Result<(Chronicle, String, Vec<String>), LoadError> {
    match file {
        Some(path) => {
            let imported = crate::import::load_any(path)?;
            for problem in &imported.problems {
                eprintln!("chronoatlas: {problem}");
            }
            if imported.dropped() {
                RECORDS_LEFT_OUT.store(true, Ordering::Relaxed);
            }
            let mut problems: Vec<String> = imported.problems.iter().map(|p| p.to_string()).collect();
            // Characters no font here draws (after loading system fonts for them) are named.
            let name = path.display().to_string();
            for warning in crate::fonts::warnings(&imported.chronicle, &name) {
                eprintln!("chronoatlas: {warning}");
                problems.push(warning);
            }
            Ok((imported.chronicle, name, problems))
        }
        None => Ok((
            chronicle::load_str(chronicle::DEFAULT_CHRONICLE_JSON, chronicle::DEFAULT_CHRONICLE_NAME)?,
            chronicle::DEFAULT_CHRONICLE_NAME.to_string(),
            Vec::new(),
        )),
    }
}

/// Loads the chronicles named by `--layer`, each as a layer shown beneath the main one.
pub fn load_layers(paths: &[PathBuf]) -> Result<Vec<(Chronicle, String)>, Failure> {
    paths
        .iter()
        .map(|path| {
            let (chronicle, name) = load_chronicle(Some(path)).map_err(|e| Failure(format!("--layer {e}")))?;
            Ok((chronicle, name))
        })
        .collect()
}

/// Runs a subcommand, writing its output to `out`.
pub fn run(command: &Command, out: &mut dyn Write) -> ExitCode {
    let out = &mut output::UntilClosed::new(out);
    let result = match command {
        Command::Validate { file, source } => match validate(file.as_deref(), source.as_deref(), out) {
            Ok(Verdict::Valid) => Ok(()),
            Ok(Verdict::Problems(summary)) => {
                eprintln!("chronoatlas: {summary}");
                return ExitCode::from(1);
            }
            Err(failure) => Err(failure),
        },
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
        Command::Areas { file, on, format } => areas::list(file.as_deref(), on, *format, out),
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
            overwrite,
            svg_text,
        } => export::export(
            file.as_deref(),
            date.as_deref(),
            view,
            output,
            *overwrite,
            crate::render::svg::SvgText::parse(svg_text).unwrap_or_default(),
            out,
        ),
        Command::Frames {
            file,
            from,
            to,
            view,
            output,
            gif,
            video,
            overwrite,
        } => export::frames(
            file.as_deref(),
            (from, to),
            view,
            (output.as_deref(), gif.as_deref(), video),
            *overwrite,
            out,
        ),
        Command::Convert {
            file,
            output,
            overwrite,
        } => convert::convert(file, output, *overwrite, out),
        Command::Synth(args) => synth::run(args, out),
    };
    let result = result.and_then(|()| match RECORDS_LEFT_OUT.load(Ordering::Relaxed) {
        true => Err(Failure(
            "records were left out of the file read (listed above)".to_string(),
        )),
        false => Ok(()),
    });
    match result.and_then(|()| out.flush().map_err(|e| Failure(format!("cannot write output: {e}")))) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(message)) => {
            eprintln!("chronoatlas: {message}");
            ExitCode::from(2)
        }
    }
}

/// What `validate` found in a chronicle it could read.
enum Verdict {
    Valid,
    /// Problems were listed on the output; the one-line summary for the error stream.
    Problems(String),
}

fn validate(file: Option<&Path>, source: Option<&Path>, out: &mut dyn Write) -> Result<Verdict, Failure> {
    let (chronicle, name) = load_chronicle(file)?;
    // The shipped chronicle is checked against the shipped paper unless told otherwise; another
    // file's source is unknown, so its quotes are checked only against a --source given.
    let (source_text, checked) = match (source, file) {
        (Some(path), _) => (
            Some(SourceText::read_file(path)?),
            format!("quotes checked against {}", path.display()),
        ),
        (None, None) => (
            Some(SourceText::embedded_default()),
            format!("quotes checked against {}", SourceText::EMBEDDED_NAME),
        ),
        (None, Some(_)) => (
            None,
            "quotes not checked (give --source TEXT to check them)".to_string(),
        ),
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
    // Places an import found by name are not wrong, but the lecturer should check them.
    let by_name: Vec<_> = chronicle
        .places
        .iter()
        .filter_map(|p| p.placed_by_name.as_ref().map(|b| (p, b)))
        .collect();
    for (place, placed) in &by_name {
        writeln!(
            out,
            "{name}: place {}: {} at {:.4}, {:.4}; check it",
            place.id,
            placed.describe(),
            place.lat,
            place.lon
        )
        .map_err(write_err)?;
    }
    if !problems.is_empty() {
        return Ok(Verdict::Problems(format!("{name}: {} problem(s)", problems.len())));
    }
    let by_name = match by_name.len() {
        0 => String::new(),
        n => format!(" ({n} placed by name: check them)"),
    };
    writeln!(
        out,
        "{name}: valid: {} events, {} places{by_name}, {} movements, {} footnotes; {checked}",
        chronicle.events.len(),
        chronicle.places.len(),
        chronicle.movements.len(),
        chronicle.footnotes.len()
    )
    .map_err(write_err)?;
    Ok(Verdict::Valid)
}

/// A FILE argument that does not exist but is one or two letters from a command name
/// (`valdate`, `evnts`) was meant as the command: say so instead of "cannot read valdate".
pub fn mistyped_command(arg: &std::ffi::OsStr) -> Option<Failure> {
    let text = arg.to_str()?;
    if text.starts_with('-') || Path::new(text).exists() {
        return None;
    }
    let cli = Cli::command();
    let names: Vec<&str> = cli.get_subcommands().map(|c| c.get_name()).collect();
    if names.contains(&text) {
        return None;
    }
    let closest = names
        .into_iter()
        .map(|name| (strsim::levenshtein(text, name), name))
        .filter(|&(distance, _)| distance <= 2)
        .min()?;
    Some(Failure(format!(
        "no such file \"{text}\"; did you mean the command \"{}\"?",
        closest.1
    )))
}

/// Resolves the window's command-line options against the chronicle, so a bad date, view or
/// event id is reported on the command line before any window opens.
pub fn window_startup(cli: &Cli) -> Result<(Chronicle, String, crate::app::Startup), Failure> {
    let (chronicle, name, mut problems) = load_listing_problems(cli.file.as_deref())?;
    // The window opens what is valid and lists what is not (a bad reference, a missing place).
    // The events are put in order for the timeline meanwhile, on a thread of their own.
    let (timeline, invalid) = std::thread::scope(|scope| {
        let timeline = scope.spawn(|| crate::timeline::Timeline::new(&chronicle));
        let invalid = chronicle::validate(&chronicle, None);
        (timeline.join().ok(), invalid)
    });
    problems.extend(invalid.iter().map(|p| format!("{name}: {p}")));
    // Without --layer, the embedded chronicle gets its default layers when the window opens
    // (it may open a remembered file instead; see `ChronoatlasApp::open`).
    let layers = load_layers(&cli.layers)?;
    for (layer, layer_name) in &layers {
        problems.extend(crate::fonts::warnings(layer, layer_name));
    }
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
        check_screenshot_target("--screenshot", path, cli.overwrite)?;
    }
    if let Some(path) = &cli.presenter_screenshot {
        check_screenshot_target("--presenter-screenshot", path, cli.overwrite)?;
        if cli.screenshot.as_deref() == Some(path.as_path()) {
            return Err(Failure(format!(
                "--presenter-screenshot {}: the same file as --screenshot; name another",
                path.display()
            )));
        }
    }
    let tour = match &cli.tour {
        Some(path) => Some(tour_startup(&chronicle, path, cli.stop)?),
        None => None,
    };
    let startup = crate::app::Startup {
        file: cli.file.clone(),
        day,
        view,
        select,
        tour,
        screenshot: cli.screenshot.clone(),
        overwrite: cli.overwrite,
        window_size: cli.window_size,
        present: cli.present,
        presenter: cli.presenter,
        presenter_screenshot: cli.presenter_screenshot.clone(),
        dark: cli.dark,
        problems,
        started: None,
        layers,
        timeline: timeline.map(std::sync::Arc::new),
    };
    Ok((chronicle, name, startup))
}

/// A screenshot's file must be a PNG in a folder that exists, and new unless `overwrite`.
fn check_screenshot_target(flag: &str, path: &Path, overwrite: bool) -> Result<(), Failure> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !dir.is_dir() {
        return Err(Failure(format!(
            "{flag} {}: the folder {} does not exist",
            path.display(),
            dir.display()
        )));
    }
    let is_png = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("png"));
    if !is_png {
        return Err(Failure(format!(
            "{flag} {}: screenshots are PNG only; the file name must end in .png",
            path.display()
        )));
    }
    export::refuse_existing(flag, path, overwrite)
}

/// The tour to play and its stop (from 0), or a failure naming the file: a tour that does not
/// load or does not fit the chronicle, a stop it does not have.
fn tour_startup(
    chronicle: &Chronicle,
    path: &Path,
    stop: Option<usize>,
) -> Result<(crate::tour::Tour, usize), Failure> {
    let tour = crate::tour::load_tour(path).map_err(|e| Failure(format!("--tour {}: {e}", path.display())))?;
    let problems = crate::tour::check(&tour, chronicle);
    if !problems.is_empty() {
        let lines: Vec<String> = problems
            .iter()
            .map(|p| format!("--tour {}: {p}", path.display()))
            .collect();
        return Err(Failure(lines.join("\n")));
    }
    let count = tour.stops.len();
    let n = stop.unwrap_or(1);
    if n == 0 || n > count {
        return Err(Failure(format!(
            "--stop {n}: {} has {count} stop{}, numbered 1 to {count}",
            path.display(),
            if count == 1 { "" } else { "s" }
        )));
    }
    Ok((tour, n - 1))
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
