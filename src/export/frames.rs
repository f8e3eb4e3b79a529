//! A sequence of days as numbered PNG frames, as an animated GIF (one frame per day) and as an
//! MP4 video (see [`super::video`]), all drawn once.

use super::draw_days::draw_days;
use super::video::{VideoOptions, VideoSummary, VideoWriter, YuvFrame, check_video_size, to_yuv};
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
use std::sync::mpsc;

/// The most frames made in one go: ten years of days.
pub const MAX_FRAMES: usize = 3660;

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

/// The GIF's frame size for frames of `size`: the size asked for (1280×720 gives 1280×720; for a
/// small file of a long span, a video is the better choice).
pub fn gif_size(size: (u32, u32)) -> (u32, u32) {
    size
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
        // One legend card for the whole sequence, so it does not change size from frame to frame.
        OverlayOptions {
            steady_legend: true,
            ..request.overlays
        },
    )?
    .with_settings(request.settings.clone())
    .with_caption(request.caption.clone())
    .with_layers(layers))
}

/// Where a sequence of days goes: numbered PNG frames in a folder, an animated GIF, an MP4
/// video; any of them, all from the same pictures drawn once.
#[derive(Clone, Debug, PartialEq)]
pub struct SequenceOutputs {
    /// The folder for the PNG frames (created if missing), named by [`frame_file_name`].
    pub frames: Option<PathBuf>,
    pub gif: Option<PathBuf>,
    pub video: Option<(PathBuf, VideoOptions)>,
    /// What happens to a GIF or a video already at its path; frames are always replaced (they
    /// are numbered files in a folder named for them).
    pub on_existing: OnExisting,
}

impl SequenceOutputs {
    /// Nothing yet; replacing what is there.
    pub fn new() -> SequenceOutputs {
        SequenceOutputs {
            frames: None,
            gif: None,
            video: None,
            on_existing: OnExisting::Replace,
        }
    }
}

impl Default for SequenceOutputs {
    fn default() -> Self {
        SequenceOutputs::new()
    }
}

/// What a sequence wrote.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SequenceWritten {
    /// The PNG frames, in order.
    pub frames: Vec<PathBuf>,
    pub gif: Option<PathBuf>,
    pub video: Option<VideoSummary>,
}

/// Work for the video's encoder thread.
enum VideoJob {
    /// A day's picture and the frames it shows for.
    Frame(YuvFrame, u32),
    /// Every day is in: complete the file and put it in place.
    Finish,
}

/// Days waiting for the encoder; the drawing waits when it is that far ahead.
const VIDEO_QUEUE: usize = 2;

/// A day drawn, ready for each output.
struct ForOutputs {
    number: usize,
    png: Option<PathBuf>,
    gif: Option<gif::Frame<'static>>,
    yuv: Option<YuvFrame>,
}

fn refuse_existing(path: &Path, action: &'static str) -> Result<(), ExportError> {
    crate::atomic_file::check_free(path).map_err(|source| ExportError::Io {
        path: path.to_path_buf(),
        action,
        source,
    })
}

/// Draws the days of `request` once and writes them to each of `outputs`: PNG frames as they
/// are drawn, the GIF frame by frame, the video encoded on a thread of its own while the next
/// days are drawn. A GIF or a video is put in place only when complete; refused (see
/// [`SequenceOutputs::on_existing`]), an existing file is reported before anything is drawn or
/// any folder made.
pub fn export_sequence(
    chronicle: &Chronicle,
    layers: &[crate::scene::Layer],
    timeline: &Timeline,
    request: &FramesRequest,
    outputs: &SequenceOutputs,
) -> Result<SequenceWritten, ExportError> {
    let days = frame_days(request.from, request.to)?;
    raster::check_size(request.size.0, request.size.1)?;
    if let Some((path, options)) = &outputs.video {
        check_video_size(request.size)?;
        options.check()?;
        super::check_parent_dir(path)?;
    }
    if outputs.on_existing == OnExisting::Refuse {
        if let Some(path) = &outputs.gif {
            refuse_existing(path, "create the GIF")?;
        }
        if let Some((path, _)) = &outputs.video {
            refuse_existing(path, "create the video")?;
        }
    }
    if let Some(dir) = &outputs.frames {
        std::fs::create_dir_all(dir).map_err(|source| ExportError::Io {
            path: dir.to_path_buf(),
            action: "create the folder",
            source,
        })?;
    }
    let mut gif_writer = outputs
        .gif
        .as_deref()
        .map(|path| GifWriter::create(path, gif_size(request.size), outputs.on_existing))
        .transpose()?;
    let video_writer = outputs
        .video
        .as_ref()
        .map(|(path, options)| VideoWriter::create(path, request.size, options, outputs.on_existing))
        .transpose()?;
    let frames_per_day = outputs
        .video
        .as_ref()
        .map(|(_, options)| options.frames_per_day(days.len()))
        .unwrap_or_default();
    let (dir, wants_gif, wants_video) = (outputs.frames.as_deref(), gif_writer.is_some(), video_writer.is_some());
    let mut renderer = renderer_of(chronicle, layers, timeline, request)?;
    let mut written = SequenceWritten::default();
    let video = std::thread::scope(|scope| {
        let (to_encoder, jobs) = mpsc::sync_channel::<VideoJob>(VIDEO_QUEUE);
        let encoder = video_writer.map(|mut writer| {
            scope.spawn(move || -> Result<Option<VideoSummary>, ExportError> {
                for job in jobs {
                    match job {
                        VideoJob::Frame(frame, count) => writer.push(frame, count)?,
                        VideoJob::Finish => return writer.finish().map(Some),
                    }
                }
                // The drawing stopped: the writer is dropped and any file at the path stays.
                Ok(None)
            })
        });
        let stopped = || ExportError::Encode {
            format: "H.264 video",
            message: "the encoder stopped".to_string(),
        };
        let drawn = draw_days(
            &mut renderer,
            &days,
            request.selected,
            request.size,
            None,
            |drawn| {
                let png = match dir {
                    Some(dir) => {
                        let path = dir.join(frame_file_name(drawn.number, drawn.day));
                        super::write_file(&path, &raster::encode_png(&drawn.main)?)?;
                        Some(path)
                    }
                    None => None,
                };
                let yuv = wants_video.then(|| to_yuv(&drawn.main));
                // Last: quantising takes the picture (the second size's, were one drawn).
                let gif = wants_gif.then(|| {
                    let image = match drawn.second.take() {
                        Some(second) => second,
                        None => std::mem::replace(
                            &mut drawn.main,
                            RgbaImage {
                                width: 0,
                                height: 0,
                                pixels: Vec::new(),
                            },
                        ),
                    };
                    quantise(image)
                });
                Ok(ForOutputs {
                    number: drawn.number,
                    png,
                    gif,
                    yuv,
                })
            },
            |day| {
                written.frames.extend(day.png);
                if let (Some(writer), Some(frame)) = (&mut gif_writer, day.gif) {
                    writer.push(frame)?;
                }
                if let Some(yuv) = day.yuv {
                    let count = frames_per_day.get(day.number - 1).copied().unwrap_or(1);
                    to_encoder.send(VideoJob::Frame(yuv, count)).map_err(|_| stopped())?;
                }
                Ok(())
            },
        );
        if drawn.is_ok() && encoder.is_some() {
            // Should the encoder have stopped meanwhile, its error is reported below.
            let _ = to_encoder.send(VideoJob::Finish);
        }
        drop(to_encoder);
        let encoded = match encoder {
            Some(handle) => handle.join().unwrap_or_else(|_| Err(stopped())),
            None => Ok(None),
        };
        // An encoder's error explains why the drawing stopped, so it goes first.
        match (drawn, encoded) {
            (_, Err(e)) | (Err(e), _) => Err(e),
            (Ok(()), Ok(video)) => Ok(video),
        }
    })?;
    written.video = video;
    if let (Some(writer), Some(path)) = (gif_writer, &outputs.gif) {
        writer.finish()?;
        written.gif = Some(path.clone());
    }
    Ok(written)
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
    let outputs = SequenceOutputs {
        frames: Some(dir.to_path_buf()),
        gif: gif.map(Path::to_path_buf),
        video: None,
        on_existing: gif_existing,
    };
    export_sequence(chronicle, layers, timeline, request, &outputs).map(|written| written.frames)
}

/// Writes the days of `request` as an animated GIF at `path`: half a second a day, the last day
/// held two seconds, looping forever, at the request's size. A file at `path` is replaced once
/// the GIF is complete.
pub fn write_gif(
    chronicle: &Chronicle,
    timeline: &Timeline,
    request: &FramesRequest,
    path: &Path,
) -> Result<(), ExportError> {
    let outputs = SequenceOutputs {
        gif: Some(path.to_path_buf()),
        ..SequenceOutputs::new()
    };
    export_sequence(chronicle, &[], timeline, request, &outputs).map(|_| ())
}

/// Writes the days of `request` as an MP4 video at `path` (see [`VideoOptions`]); a file at
/// `path` is replaced, or kept with `OnExisting::Refuse`, once the video is complete.
pub fn write_video(
    chronicle: &Chronicle,
    layers: &[crate::scene::Layer],
    timeline: &Timeline,
    request: &FramesRequest,
    path: &Path,
    options: VideoOptions,
    on_existing: OnExisting,
) -> Result<VideoSummary, ExportError> {
    let outputs = SequenceOutputs {
        video: Some((path.to_path_buf(), options)),
        on_existing,
        ..SequenceOutputs::new()
    };
    let written = export_sequence(chronicle, layers, timeline, request, &outputs)?;
    written.video.ok_or_else(|| ExportError::Encode {
        format: "H.264 video",
        message: "no video was written".to_string(),
    })
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
        assert_eq!(gif_size((1920, 1080)), (1920, 1080));
        assert_eq!(gif_size((1280, 720)), (1280, 720));
        assert_eq!(gif_size((480, 270)), (480, 270));
    }
}
