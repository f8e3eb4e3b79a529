//! `chronoatlas export` and `chronoatlas frames`: the map of a day (or of each day of a span) as
//! PNG, SVG, an animated GIF or an MP4 video, without a window.

use super::{Failure, load_chronicle, parse_size};
use crate::atomic_file::{self, OnExisting};
use crate::chronicle::{self, Chronicle, GeoBox};
use crate::export::{
    self, ExportError, ExportRequest, ExportView, Format, FramesRequest, Look, SequenceOutputs, VideoOptions,
};
use crate::render::svg::SvgText;
use crate::scene::{Layer, OverlayOptions, Style, day_in_words};
use crate::timeline::Timeline;
use crate::view_state::ViewState;
use chrono::NaiveDate;
use clap::Args;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What to show, shared by `export` and `frames`.
#[derive(Args, Debug, Clone)]
pub struct ViewArgs {
    /// Another chronicle drawn beneath this one as context; repeat for more.
    #[arg(long = "layer", value_name = "FILE")]
    pub layers: Vec<PathBuf>,
    /// A named view of the chronicle (e.g. korean-peninsula); default: the chronicle's first view.
    #[arg(long, value_name = "VIEW", conflicts_with = "bbox")]
    pub view: Option<String>,
    /// A lon/lat box to show: west,south,east,north in degrees (e.g. 120,33,131,43).
    #[arg(long, value_name = "W,S,E,N", allow_hyphen_values = true)]
    pub bbox: Option<String>,
    /// Select this event (ringed on the map, listed in the legend).
    #[arg(long, value_name = "EVENT_ID")]
    pub select: Option<String>,
    /// Image size in pixels; above 1080 lines the map is laid out like 1080 lines, only sharper.
    #[arg(long, value_name = "WxH", default_value = "1920x1080")]
    pub size: String,
    /// Leave out the legend.
    #[arg(long)]
    pub no_legend: bool,
    /// Leave out the date card.
    #[arg(long)]
    pub no_date_card: bool,
    /// Add a caption: with TEXT, these words (under the selected event's title, if one is
    /// selected); alone, the selected event's title and summary.
    #[arg(long, value_name = "TEXT", num_args = 0..=1)]
    pub caption: Option<Option<String>>,
    /// The presentation look: the projector style, the day's events named on the map, the
    /// caption, no legend.
    #[arg(long)]
    pub present: bool,
    /// The dark projector style (with or without --present).
    #[arg(long)]
    pub dark: bool,
}

/// Everything `ViewArgs` says, checked against the chronicle.
struct Resolved {
    view: ExportView,
    view_label: String,
    selected: Option<usize>,
    size: (u32, u32),
    overlays: OverlayOptions,
    style: Style,
    caption: Option<String>,
}

fn parse_date(flag: &str, text: &str) -> Result<NaiveDate, Failure> {
    chronicle::date::parse_day(text).map_err(|e| Failure(format!("{flag} {text:?}: {e}")))
}

fn resolve(args: &ViewArgs, chronicle: &Chronicle, name: &str) -> Result<Resolved, Failure> {
    let size = parse_size(&args.size).map_err(|e| Failure(format!("--size: {e}")))?;
    let (view, view_label) = match (&args.view, &args.bbox) {
        (Some(id), _) => {
            super::view_bbox(chronicle, name, id)?;
            (ExportView::Named(id.clone()), id.clone())
        }
        (None, Some(text)) => {
            // Checked here, so a bad box is reported before anything is drawn.
            let bbox = GeoBox::parse(text).map_err(|e| Failure(format!("--bbox: {e}")))?;
            (ExportView::Bbox(bbox), format!("box {text}"))
        }
        (None, None) => (
            ExportView::Home,
            chronicle
                .views
                .first()
                .map_or_else(|| "home view".to_string(), |v| v.id.clone()),
        ),
    };
    let selected = match &args.select {
        Some(id) => Some(super::event_index(chronicle, name, id)?),
        None => None,
    };
    let look = Look {
        present: args.present,
        dark: args.dark,
    };
    let mut overlays = look.overlays(OverlayOptions::default());
    overlays.legend &= !args.no_legend;
    overlays.date_card = !args.no_date_card;
    overlays.caption |= args.caption.is_some();
    Ok(Resolved {
        view,
        view_label,
        selected,
        size,
        overlays,
        style: look.style(),
        caption: args.caption.clone().flatten(),
    })
}

/// The `--layer` chronicles, each shown.
fn layers(args: &ViewArgs) -> Result<Vec<Layer>, Failure> {
    Ok(super::load_layers(&args.layers)?
        .into_iter()
        .map(|(chronicle, name)| Layer::new(chronicle, name))
        .collect())
}

fn failure(e: ExportError) -> Failure {
    Failure(e.to_string())
}

/// The refusal of a file that is already there, naming the flag that allows replacing it.
fn exists_failure(flag: &str, path: &Path) -> Failure {
    Failure(format!(
        "{flag} {}: the file exists; give --overwrite to replace it",
        path.display()
    ))
}

/// Fails unless `path` is free or `overwrite` was given; checked before any drawing, and again
/// (race-free) when the file is put in place.
pub(super) fn refuse_existing(flag: &str, path: &Path, overwrite: bool) -> Result<(), Failure> {
    if !overwrite && atomic_file::check_free(path).is_err() {
        return Err(exists_failure(flag, path));
    }
    Ok(())
}

fn on_existing(overwrite: bool) -> OnExisting {
    if overwrite {
        OnExisting::Replace
    } else {
        OnExisting::Refuse
    }
}

/// An export error, with a file that appeared meanwhile reported like one found at the start.
fn write_failure(flag: &str, path: &Path, e: ExportError) -> Failure {
    match &e {
        ExportError::Io { source, .. } if source.kind() == std::io::ErrorKind::AlreadyExists => {
            exists_failure(flag, path)
        }
        _ => failure(e),
    }
}

/// `chronoatlas export`; `svg_text` says how an SVG file's labels are written.
#[allow(clippy::too_many_arguments)]
pub fn export(
    file: Option<&Path>,
    date: Option<&str>,
    args: &ViewArgs,
    output: &Path,
    overwrite: bool,
    svg_text: SvgText,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let (chronicle, name) = load_chronicle(file)?;
    let format = Format::from_path(output).map_err(|e| Failure(format!("-o: {e}")))?;
    export::check_parent_dir(output).map_err(|e| Failure(format!("-o: {e}")))?;
    refuse_existing("-o", output, overwrite)?;
    let resolved = resolve(args, &chronicle, &name)?;
    let timeline = Timeline::new(&chronicle);
    // As the window does: selecting an event moves to its first day, an explicit date wins.
    let mut state = ViewState::new(&chronicle, &timeline);
    if let Some(i) = resolved.selected {
        state.select(&chronicle, i);
    }
    if let Some(text) = date {
        state.go_to(parse_date("--date", text)?);
    }
    let request = ExportRequest {
        day: state.day(),
        selected: resolved.selected,
        view: resolved.view,
        size: resolved.size,
        overlays: resolved.overlays,
        style: resolved.style,
        settings: None,
        caption: resolved.caption,
        ink: Vec::new(),
    };
    let layers = layers(args)?;
    export::export_layers_to_file_as(
        &chronicle,
        &layers,
        &timeline,
        &request,
        output,
        on_existing(overwrite),
        svg_text,
    )
    .map_err(|e| write_failure("-o", output, e))?;
    let (w, h) = request.size;
    let kind = match format {
        Format::Png => "PNG",
        Format::Svg => "SVG",
    };
    writeln!(
        out,
        "{}: {kind} {w}x{h}, {}, {}",
        output.display(),
        day_in_words(request.day),
        resolved.view_label
    )
    .map_err(|e| Failure(format!("cannot write output: {e}")))
}

/// How `frames` makes a video.
#[derive(Args, Debug, Clone)]
pub struct VideoArgs {
    /// Also write the days as an MP4 video (H.264) that PowerPoint, Keynote, LibreOffice and
    /// browsers play, from the same pictures as the frames; --size must be even and at most
    /// 3840x2160.
    #[arg(long, value_name = "MP4")]
    pub video: Option<PathBuf>,
    /// Video frames a second (1 to 60).
    #[arg(long, value_name = "N", default_value_t = export::VIDEO_DEFAULT_FPS, requires = "video")]
    pub fps: u32,
    /// Seconds each day shows in the video (at least one frame's time).
    #[arg(long, value_name = "SECONDS", default_value_t = export::VIDEO_DEFAULT_SECONDS_PER_DAY, requires = "video")]
    pub seconds_per_day: f64,
    /// Seconds the video holds the first and the last day beyond their own time (0 for none).
    #[arg(long, value_name = "SECONDS", default_value_t = export::VIDEO_DEFAULT_HOLD_SECONDS, requires = "video")]
    pub hold: f64,
}

impl VideoArgs {
    fn options(&self) -> VideoOptions {
        VideoOptions {
            fps: self.fps,
            seconds_per_day: self.seconds_per_day,
            hold_seconds: self.hold,
        }
    }
}

/// Fails unless `path` names a file of this extension (any case) in a folder that exists.
fn check_target(flag: &str, path: &Path, extension: &str) -> Result<(), Failure> {
    let fits = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case(extension));
    if !fits {
        return Err(Failure(format!(
            "{flag} {}: the file name must end in .{extension}",
            path.display()
        )));
    }
    export::check_parent_dir(path).map_err(|e| Failure(format!("{flag}: {e}")))
}

/// `chronoatlas frames`: PNG frames in `dir`, a GIF, a video, any of them; `overwrite` lets
/// the GIF and the video replace a file.
pub fn frames(
    file: Option<&Path>,
    (from_text, to_text): (&str, &str),
    args: &ViewArgs,
    (dir, gif, video): (Option<&Path>, Option<&Path>, &VideoArgs),
    overwrite: bool,
    out: &mut dyn Write,
) -> Result<(), Failure> {
    let (chronicle, name) = load_chronicle(file)?;
    let from = parse_date("--from", from_text)?;
    let to = parse_date("--to", to_text)?;
    let days = export::frame_days(from, to).map_err(|e| Failure(format!("--from {from_text} --to {to_text}: {e}")))?;
    if let Some(gif) = gif {
        check_target("--gif", gif, "gif")?;
        refuse_existing("--gif", gif, overwrite)?;
    }
    let video_path = video.video.as_deref();
    if let Some(path) = video_path {
        check_target("--video", path, "mp4")?;
        video.options().check().map_err(|e| Failure(format!("--video: {e}")))?;
        refuse_existing("--video", path, overwrite)?;
        if gif == Some(path) {
            return Err(Failure(format!(
                "--video {}: the same file as --gif; name another",
                path.display()
            )));
        }
    }
    if let Some(dir) = dir
        && dir.exists()
        && !dir.is_dir()
    {
        return Err(Failure(format!("-o {}: exists and is not a folder", dir.display())));
    }
    let resolved = resolve(args, &chronicle, &name)?;
    if video_path.is_some() {
        export::check_video_size(resolved.size).map_err(|e| Failure(format!("--size: {e}")))?;
    }
    let timeline = Timeline::new(&chronicle);
    let request = FramesRequest {
        from,
        to,
        view: resolved.view,
        size: resolved.size,
        selected: resolved.selected,
        overlays: resolved.overlays,
        style: resolved.style,
        settings: None,
        caption: resolved.caption,
    };
    let layers = layers(args)?;
    let outputs = SequenceOutputs {
        frames: dir.map(Path::to_path_buf),
        gif: gif.map(Path::to_path_buf),
        video: video_path.map(|p| (p.to_path_buf(), video.options())),
        on_existing: on_existing(overwrite),
    };
    let written = export::export_sequence(&chronicle, &layers, &timeline, &request, &outputs).map_err(|e| {
        // A file that appeared meanwhile is named by its flag.
        match (&e, gif, video_path) {
            (ExportError::Io { path, .. }, Some(g), _) if path == g => write_failure("--gif", g, e),
            (ExportError::Io { path, .. }, _, Some(v)) if path == v => write_failure("--video", v, e),
            _ => failure(e),
        }
    })?;
    let (w, h) = request.size;
    let mut line = match dir {
        Some(dir) => format!("{}: {} frames {w}x{h}", dir.display(), written.frames.len()),
        None => format!("{} days {w}x{h}", days.len()),
    };
    line.push_str(&format!(", {from} to {to}, {}", resolved.view_label));
    if let Some(gif) = &written.gif {
        let (gw, gh) = export::gif_size(request.size);
        line.push_str(&format!("; GIF {gw}x{gh} at {}", gif.display()));
    }
    if let Some(v) = &written.video {
        line.push_str(&format!(
            "; MP4 (H.264) {}x{} at {} frames a second, {} frames, {:.2} s, at {}",
            v.size.0,
            v.size.1,
            v.fps,
            v.frames,
            v.duration_seconds,
            v.path.display()
        ));
    }
    writeln!(out, "{line}").map_err(|e| Failure(format!("cannot write output: {e}")))
}
