//! A sequence of days as numbered PNG frames and as an animated GIF, one frame per day.

use super::draw_days::draw_days;
use super::{ExportError, ExportView, Renderer};
use crate::atomic_file::{AtomicFile, OnExisting};
use crate::chronicle::Chronicle;
use crate::render::raster::{self, RgbaImage};
use crate::scene::{OverlayOptions, Style};
use crate::timeline::Timeline;
use crate::view_state::add_days;
use chrono::NaiveDate;
use std::io::BufWriter;
use std::path::{Path, PathBuf};

/// The most frames made in one go: ten years of days.
pub const MAX_FRAMES: usize = 3660;

/// GIF frames are scaled down to at most this width, to keep the file small.
pub const GIF_MAX_WIDTH: u32 = 960;

/// How long each day shows in the GIF.
pub const GIF_DELAY_CENTISECONDS: u16 = 50;

/// How long the last day stays before the GIF starts over.
pub const GIF_LAST_FRAME_CENTISECONDS: u16 = 200;

/// NeuQuant speed for the GIF palettes (1 best … 30 fastest; 10 is the usual compromise).
const GIF_QUANTISE_SPEED: i32 = 10;

/// A sequence of days of one view.
#[derive(Clone, Debug, PartialEq)]
pub struct FramesRequest {
    /// First and last day, both included.
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub view: ExportView,
    /// Width and height of each PNG frame in pixels.
    pub size: (u32, u32),
    /// Index into `Chronicle::events`, kept selected on every frame.
    pub selected: Option<usize>,
    pub overlays: OverlayOptions,
    pub style: Style,
    /// The window's trail, filters and spread group (see `ExportRequest::settings`).
    pub settings: Option<crate::view_state::ViewState>,
    /// A caption on every frame (see `Renderer::with_caption`).
    pub caption: Option<String>,
}

impl FramesRequest {
    /// The home view from `from` to `to` at `size`, default overlays, atlas style.
    pub fn new(from: NaiveDate, to: NaiveDate, size: (u32, u32)) -> FramesRequest {
        FramesRequest {
            from,
            to,
            view: ExportView::Home,
            size,
            selected: None,
            overlays: OverlayOptions::default(),
            style: Style::atlas(),
            settings: None,
            caption: None,
        }
    }
}

/// The days from `from` to `to`, both included; refuses an empty or overlong range.
pub fn frame_days(from: NaiveDate, to: NaiveDate) -> Result<Vec<NaiveDate>, ExportError> {
    if to < from {
        return Err(ExportError::BadRange { from, to });
    }
    let days = (to - from).num_days() + 1;
    if days > MAX_FRAMES as i64 {
        return Err(ExportError::TooManyFrames { days, max: MAX_FRAMES });
    }
    Ok((0..days).map(|i| add_days(from, i)).collect())
}

/// "frame-0001-1950-09-15.png" for the first frame (numbered from 1).
pub fn frame_file_name(number: usize, day: NaiveDate) -> String {
    format!("frame-{number:04}-{}.png", day.format("%Y-%m-%d"))
}

/// The GIF's frame size for PNG frames of `size`: at most [`GIF_MAX_WIDTH`] wide, same shape.
pub fn gif_size(size: (u32, u32)) -> (u32, u32) {
    if size.0 <= GIF_MAX_WIDTH {
        return size;
    }
    let h = (size.1 as f64 * GIF_MAX_WIDTH as f64 / size.0 as f64).round().max(1.0);
    (GIF_MAX_WIDTH, h as u32)
}

/// Writes an animated GIF frame by frame into a temporary file, put in place only once the last
/// frame is written: a GIF already at the path stays whole until then, and if anything fails.
struct GifWriter {
    path: PathBuf,
    encoder: gif::Encoder<BufWriter<AtomicFile>>,
    /// The last frame, held back so it can be given a longer delay.
    pending: Option<gif::Frame<'static>>,
}

impl GifWriter {
    fn create(path: &Path, size: (u32, u32), on_existing: OnExisting) -> Result<GifWriter, ExportError> {
        super::check_parent_dir(path)?;
        let (w, h) = (u16::try_from(size.0), u16::try_from(size.1));
        let (Ok(w), Ok(h)) = (w, h) else {
            return Err(ExportError::BadSize {
                width: size.0,
                height: size.1,
            });
        };
        let file = AtomicFile::create(path, on_existing).map_err(|source| ExportError::Io {
            path: path.to_path_buf(),
            action: "create the GIF",
            source,
        })?;
        let encode_error = |e: gif::EncodingError| ExportError::Encode {
            format: "GIF",
            message: e.to_string(),
        };
        let mut encoder = gif::Encoder::new(BufWriter::new(file), w, h, &[]).map_err(encode_error)?;
        encoder.set_repeat(gif::Repeat::Infinite).map_err(encode_error)?;
        Ok(GifWriter {
            path: path.to_path_buf(),
            encoder,
            pending: None,
        })
    }

    fn write(&mut self, mut frame: gif::Frame<'static>, delay: u16) -> Result<(), ExportError> {
        frame.delay = delay;
        self.encoder.write_frame(&frame).map_err(|e| ExportError::Io {
            path: self.path.clone(),
            action: "write the GIF",
            source: std::io::Error::other(e.to_string()),
        })
    }

    fn push(&mut self, frame: gif::Frame<'static>) -> Result<(), ExportError> {
        if let Some(previous) = self.pending.replace(frame) {
            self.write(previous, GIF_DELAY_CENTISECONDS)?;
        }
        Ok(())
    }

    fn finish(mut self) -> Result<(), ExportError> {
        if let Some(last) = self.pending.take() {
            self.write(last, GIF_LAST_FRAME_CENTISECONDS)?;
        }
        let path = self.path.clone();
        let io = |source: std::io::Error| ExportError::Io {
            path: path.clone(),
            action: "write the GIF",
            source,
        };
        let writer = self
            .encoder
            .into_inner()
            .map_err(|e| io(std::io::Error::other(e.to_string())))?;
        writer
            .into_inner()
            .map_err(|e| io(e.into_error()))?
            .commit()
            .map_err(io)?;
        Ok(())
    }
}

/// A GIF frame, palette chosen; done on the drawing threads, as it costs more than drawing.
fn quantise(mut image: RgbaImage) -> gif::Frame<'static> {
    gif::Frame::from_rgba_speed(
        image.width as u16,
        image.height as u16,
        &mut image.pixels,
        GIF_QUANTISE_SPEED,
    )
}

/// The renderer of `request`'s view, look and settings.
fn renderer_of<'a>(
    chronicle: &'a Chronicle,
    layers: &'a [crate::scene::Layer],
    timeline: &'a Timeline,
    request: &FramesRequest,
) -> Result<Renderer<'a>, ExportError> {
    Ok(Renderer::new(
        chronicle,
        timeline,
        &request.view,
        request.size,
        request.style.clone(),
        request.overlays,
    )?
    .with_settings(request.settings.clone())
    .with_caption(request.caption.clone())
    .with_layers(layers))
}

/// Writes one PNG per day into `dir` (created if missing), named by [`frame_file_name`], and,
/// when `gif` is given, the same days as an animated GIF there. Returns the PNG paths in order.
/// Existing frames of the same names, and an existing GIF, are replaced, each only once its new
/// content is complete.
pub fn export_frames(
    chronicle: &Chronicle,
    timeline: &Timeline,
    request: &FramesRequest,
    dir: &Path,
    gif: Option<&Path>,
) -> Result<Vec<PathBuf>, ExportError> {
    export_frames_with(chronicle, timeline, request, dir, gif, OnExisting::Replace)
}

/// [`export_frames`], saying what happens to a file already at the GIF's path. Refusing, it is
/// reported before any frame is drawn and checked again when the GIF is put in place; frames
/// are always replaced (they are numbered files in a folder named for them).
pub fn export_frames_with(
    chronicle: &Chronicle,
    timeline: &Timeline,
    request: &FramesRequest,
    dir: &Path,
    gif: Option<&Path>,
    gif_existing: OnExisting,
) -> Result<Vec<PathBuf>, ExportError> {
    export_layer_frames_with(chronicle, &[], timeline, request, dir, gif, gif_existing)
}

/// [`export_frames_with`], with chronicles drawn beneath the main one.
pub fn export_layer_frames_with(
    chronicle: &Chronicle,
    layers: &[crate::scene::Layer],
    timeline: &Timeline,
    request: &FramesRequest,
    dir: &Path,
    gif: Option<&Path>,
    gif_existing: OnExisting,
) -> Result<Vec<PathBuf>, ExportError> {
    frame_days(request.from, request.to)?;
    raster::check_size(request.size.0, request.size.1)?;
    if let Some(path) = gif
        && gif_existing == OnExisting::Refuse
    {
        // Before the folder is made: a refused export leaves nothing behind.
        crate::atomic_file::check_free(path).map_err(|source| ExportError::Io {
            path: path.to_path_buf(),
            action: "create the GIF",
            source,
        })?;
    }
    std::fs::create_dir_all(dir).map_err(|source| ExportError::Io {
        path: dir.to_path_buf(),
        action: "create the folder",
        source,
    })?;
    let small = gif_size(request.size);
    let mut gif_writer = gif
        .map(|path| GifWriter::create(path, small, gif_existing))
        .transpose()?;
    let wants_gif = gif_writer.is_some();
    let second = (wants_gif && small != request.size).then_some(small);
    let days = frame_days(request.from, request.to)?;
    let mut renderer = renderer_of(chronicle, layers, timeline, request)?;
    let mut written = Vec::new();
    draw_days(
        &mut renderer,
        &days,
        request.selected,
        request.size,
        second,
        |drawn| {
            let path = dir.join(frame_file_name(drawn.number, drawn.day));
            super::write_file(&path, &raster::encode_png(&drawn.main)?)?;
            let frame = wants_gif.then(|| quantise(drawn.second.unwrap_or(drawn.main)));
            Ok((path, frame))
        },
        |(path, frame)| {
            written.push(path);
            match (&mut gif_writer, frame) {
                (Some(writer), Some(frame)) => writer.push(frame),
                _ => Ok(()),
            }
        },
    )?;
    if let Some(writer) = gif_writer {
        writer.finish()?;
    }
    Ok(written)
}

/// Writes the days of `request` as an animated GIF at `path`: half a second a day, the last day
/// held two seconds, looping forever; frames at most [`GIF_MAX_WIDTH`] wide. A file at `path` is
/// replaced once the GIF is complete.
pub fn write_gif(
    chronicle: &Chronicle,
    timeline: &Timeline,
    request: &FramesRequest,
    path: &Path,
) -> Result<(), ExportError> {
    frame_days(request.from, request.to)?;
    raster::check_size(request.size.0, request.size.1)?;
    let small = gif_size(request.size);
    let mut writer = GifWriter::create(path, small, OnExisting::Replace)?;
    let days = frame_days(request.from, request.to)?;
    let mut renderer = renderer_of(chronicle, &[], timeline, request)?;
    draw_days(
        &mut renderer,
        &days,
        request.selected,
        small,
        None,
        |drawn| Ok(quantise(drawn.main)),
        |frame| writer.push(frame),
    )?;
    writer.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn days_are_counted_inclusively_and_limited() {
        let days = frame_days(day("1950-09-15"), day("1950-10-19")).unwrap();
        assert_eq!(days.len(), 35);
        assert_eq!(days[34], day("1950-10-19"));
        assert_eq!(frame_days(day("1950-10-19"), day("1950-10-19")).unwrap().len(), 1);
        assert!(matches!(
            frame_days(day("1950-10-19"), day("1950-10-18")),
            Err(ExportError::BadRange { .. })
        ));
        assert!(frame_days(day("1950-01-01"), add_days(day("1950-01-01"), 3659)).is_ok());
        let e = frame_days(day("1950-01-01"), add_days(day("1950-01-01"), 3660)).unwrap_err();
        assert!(e.to_string().contains("3661 frames"), "{e}");
    }

    #[test]
    fn names_and_gif_sizes() {
        assert_eq!(frame_file_name(1, day("1950-09-15")), "frame-0001-1950-09-15.png");
        assert_eq!(gif_size((1920, 1080)), (960, 540));
        assert_eq!(gif_size((3840, 2160)), (960, 540));
        assert_eq!(gif_size((480, 270)), (480, 270));
    }
}
