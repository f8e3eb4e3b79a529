//! A sequence of days as a video: H.264 (OpenH264, built from source) in an MP4 file that
//! PowerPoint, Keynote, LibreOffice and browsers play. Each day is shown for a chosen number of
//! seconds at a constant frame rate, the first and last day held longer; the pictures are those
//! of the PNG frames, converted to BT.709 YUV 4:2:0 on the drawing threads and encoded on a
//! thread of their own while the next days are drawn.
//!
//! The MP4 is "fast start": its index (`moov`) comes before the pictures (`mdat`), so a browser
//! or a slide can start playing before the whole file is read. The samples are first spooled to
//! an anonymous temporary file; the finished file is then written through
//! [`crate::atomic_file`], so a video already at the path stays whole until the new one is.

use super::ExportError;
use crate::atomic_file::{AtomicFile, OnExisting};
use crate::render::raster::RgbaImage;
use mp4::{Mp4Box, WriteBox};
use openh264::OpenH264API;
use openh264::encoder::{
    BitRate, Complexity, Encoder, EncoderConfig, FrameRate, FrameType, IntraFramePeriod, Profile, QpRange,
    RateControlMode, UsageType, VuiConfig,
};
use openh264::formats::YUVBuffer;
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// Frames a second unless told otherwise.
pub const VIDEO_DEFAULT_FPS: u32 = 30;
/// Seconds each day shows unless told otherwise.
pub const VIDEO_DEFAULT_SECONDS_PER_DAY: f64 = 0.5;
/// Seconds the first and the last day are held, beyond their own time, unless told otherwise.
pub const VIDEO_DEFAULT_HOLD_SECONDS: f64 = 1.5;
/// The highest frame rate offered: more only makes the file larger, the map moves by the day.
pub const VIDEO_MAX_FPS: u32 = 60;
/// The longest a day or a hold may last, in seconds.
pub const VIDEO_MAX_SECONDS: f64 = 60.0;
/// The largest picture OpenH264 encodes: 3840×2160 (or 2160×3840).
pub const VIDEO_MAX_SIZE: (u32, u32) = (3840, 2160);

/// Bits per pixel and frame the encoder may spend at most: enough for thin map lines and small
/// type to stay crisp (about 7.5 Mbit/s at 1920×1080 and 30 frames a second; most frames repeat
/// the one before and cost next to nothing).
const BITS_PER_PIXEL: f64 = 0.12;
/// The coarsest quantiser allowed, so a day's new text is never smeared to meet the rate.
const MAX_QP: u8 = 30;
/// The finest quantiser used: finer only adds size, not legibility.
const MIN_QP: u8 = 12;
/// A key frame every this many seconds, so a player can seek.
const KEY_FRAME_SECONDS: u32 = 2;

/// How a sequence of days is timed in the video.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct VideoOptions {
    /// Frames a second, 1 to [`VIDEO_MAX_FPS`].
    pub fps: u32,
    /// Seconds each day shows; at least one frame's time.
    pub seconds_per_day: f64,
    /// Seconds the first and the last day are held beyond their own time; 0 for none.
    pub hold_seconds: f64,
}

impl Default for VideoOptions {
    fn default() -> Self {
        VideoOptions {
            fps: VIDEO_DEFAULT_FPS,
            seconds_per_day: VIDEO_DEFAULT_SECONDS_PER_DAY,
            hold_seconds: VIDEO_DEFAULT_HOLD_SECONDS,
        }
    }
}

impl VideoOptions {
    /// Refuses a frame rate, a day's time or a hold the video cannot have, saying why.
    pub fn check(&self) -> Result<(), ExportError> {
        let bad = |message: String| Err(ExportError::BadVideo(message));
        if !(1..=VIDEO_MAX_FPS).contains(&self.fps) {
            return bad(format!(
                "frame rate {}: must be 1 to {VIDEO_MAX_FPS} frames a second",
                self.fps
            ));
        }
        let seconds = self.seconds_per_day;
        if !seconds.is_finite() || seconds <= 0.0 || seconds > VIDEO_MAX_SECONDS {
            return bad(format!(
                "{seconds} seconds a day: must be more than 0 and at most {VIDEO_MAX_SECONDS}"
            ));
        }
        if seconds * (self.fps as f64) < 1.0 - 1e-9 {
            return bad(format!(
                "{seconds} seconds a day at {} frames a second is less than one frame a day; \
                 give at least {:.3} seconds a day or a higher frame rate",
                self.fps,
                1.0 / self.fps as f64
            ));
        }
        let hold = self.hold_seconds;
        if !hold.is_finite() || !(0.0..=VIDEO_MAX_SECONDS).contains(&hold) {
            return bad(format!("hold of {hold} seconds: must be 0 to {VIDEO_MAX_SECONDS}"));
        }
        Ok(())
    }

    /// The frames each of `days` days shows for, in order: a day ends at the frame nearest its
    /// time (so 0.5 s a day at 25 frames a second alternates 12 and 13 frames and never drifts),
    /// and the first and the last day have the hold added (a single day has both).
    pub fn frames_per_day(&self, days: usize) -> Vec<u32> {
        let per_day = self.seconds_per_day * self.fps as f64;
        let mut frames = Vec::with_capacity(days);
        let mut shown = 0u64;
        for day in 1..=days {
            let end = (day as f64 * per_day).round().max(0.0) as u64;
            frames.push(u32::try_from(end.saturating_sub(shown)).unwrap_or(u32::MAX));
            shown = end;
        }
        let hold = self.hold_frames();
        if let Some(first) = frames.first_mut() {
            *first = first.saturating_add(hold);
        }
        if let Some(last) = frames.last_mut() {
            *last = last.saturating_add(hold);
        }
        frames
    }

    /// The frames of one hold.
    pub fn hold_frames(&self) -> u32 {
        (self.hold_seconds * self.fps as f64).round().max(0.0) as u32
    }

    /// The frames of a video of `days` days.
    pub fn frame_count(&self, days: usize) -> u64 {
        self.frames_per_day(days).iter().map(|&n| n as u64).sum()
    }

    /// The length in seconds of a video of `days` days.
    pub fn duration_seconds(&self, days: usize) -> f64 {
        self.frame_count(days) as f64 / self.fps as f64
    }
}

/// Refuses a picture size H.264 in 4:2:0 cannot have: odd sides (the colour is stored for each
/// 2×2 block), or larger than [`VIDEO_MAX_SIZE`]. The nearest even size is suggested.
pub fn check_video_size(size: (u32, u32)) -> Result<(), ExportError> {
    let (w, h) = size;
    if w % 2 == 1 || h % 2 == 1 {
        let even = |n: u32| if n % 2 == 1 { n + 1 } else { n };
        return Err(ExportError::BadVideo(format!(
            "video size {w}x{h}: width and height must be even numbers of pixels for H.264 (e.g. {}x{})",
            even(w),
            even(h)
        )));
    }
    let (long, short) = (w.max(h), w.min(h));
    if long > VIDEO_MAX_SIZE.0 || short > VIDEO_MAX_SIZE.1 {
        return Err(ExportError::BadVideo(format!(
            "video size {w}x{h}: at most {}x{} (or {}x{}) for the H.264 encoder",
            VIDEO_MAX_SIZE.0, VIDEO_MAX_SIZE.1, VIDEO_MAX_SIZE.1, VIDEO_MAX_SIZE.0
        )));
    }
    Ok(())
}

/// A picture as the encoder takes it: BT.709 YUV 4:2:0 in video range, Y plane then U then V.
pub(super) struct YuvFrame {
    width: u32,
    height: u32,
    planes: Vec<u8>,
}

/// Fixed-point BT.709 (video range) coefficients, scaled by 2^16: Y from R, G, B; U and V from
/// R, G, B.
const Y_RGB: [i64; 3] = [11_966, 40_254, 4_064];
const U_RGB: [i64; 3] = [-6_597, -22_187, 28_784];
const V_RGB: [i64; 3] = [28_784, -26_147, -2_637];

fn luma(r: i64, g: i64, b: i64) -> u8 {
    let y = (Y_RGB[0] * r + Y_RGB[1] * g + Y_RGB[2] * b + (16 << 16) + (1 << 15)) >> 16;
    y.clamp(16, 235) as u8
}

/// U or V of a 2×2 block from the sums of its four pixels' R, G and B.
fn chroma(coefficients: [i64; 3], r4: i64, g4: i64, b4: i64) -> u8 {
    let c = (coefficients[0] * r4 + coefficients[1] * g4 + coefficients[2] * b4 + (128 << 18) + (1 << 17)) >> 18;
    c.clamp(16, 240) as u8
}

/// Converts an opaque RGBA picture of even width and height (see [`check_video_size`]) for the
/// encoder. A picture of another shape gives an empty frame, which the encoder refuses.
pub(super) fn to_yuv(image: &RgbaImage) -> YuvFrame {
    let (w, h) = (image.width as usize, image.height as usize);
    if w % 2 == 1 || h % 2 == 1 || image.pixels.len() != w * h * 4 {
        return YuvFrame {
            width: image.width,
            height: image.height,
            planes: Vec::new(),
        };
    }
    let (cw, ch) = (w / 2, h / 2);
    let mut planes = vec![0u8; w * h + 2 * cw * ch];
    let (y_plane, chroma_planes) = planes.split_at_mut(w * h);
    let (u_plane, v_plane) = chroma_planes.split_at_mut(cw * ch);
    let px = &image.pixels;
    let rgb = |x: usize, y: usize| {
        let i = (y * w + x) * 4;
        (px[i] as i64, px[i + 1] as i64, px[i + 2] as i64)
    };
    for cy in 0..ch {
        for cx in 0..cw {
            let (mut r4, mut g4, mut b4) = (0, 0, 0);
            for (dx, dy) in [(0, 0), (1, 0), (0, 1), (1, 1)] {
                let (x, y) = (2 * cx + dx, 2 * cy + dy);
                let (r, g, b) = rgb(x, y);
                y_plane[y * w + x] = luma(r, g, b);
                r4 += r;
                g4 += g;
                b4 += b;
            }
            u_plane[cy * cw + cx] = chroma(U_RGB, r4, g4, b4);
            v_plane[cy * cw + cx] = chroma(V_RGB, r4, g4, b4);
        }
    }
    YuvFrame {
        width: image.width,
        height: image.height,
        planes,
    }
}

/// What was written.
#[derive(Clone, Debug, PartialEq)]
pub struct VideoSummary {
    pub path: PathBuf,
    pub size: (u32, u32),
    pub fps: u32,
    /// Frames in the file (its samples).
    pub frames: u64,
    pub duration_seconds: f64,
    /// The file's length in bytes.
    pub bytes: u64,
}

/// A sample held back until the next frame is known, so a frame the encoder skips lengthens it.
struct Pending {
    bytes: Vec<u8>,
    is_sync: bool,
    start: u64,
    frames: u32,
}

/// Writes an MP4 video frame by frame; see the module's notes.
pub(super) struct VideoWriter {
    path: PathBuf,
    target: AtomicFile,
    size: (u32, u32),
    fps: u32,
    encoder: Encoder,
    /// Created at the first frame, when the encoder has given the parameter sets.
    mp4: Option<mp4::Mp4Writer<BufWriter<File>>>,
    /// The spool until `mp4` takes it.
    spool: Option<File>,
    pending: Option<Pending>,
    /// Frames given to the encoder so far.
    frames: u64,
}

fn encode_error(message: impl std::fmt::Display) -> ExportError {
    ExportError::Encode {
        format: "H.264 video",
        message: message.to_string(),
    }
}

impl VideoWriter {
    /// Starts a video at `path`; fails at once (before anything is drawn) for a bad size or
    /// timing, a missing or read-only folder, or, refusing, a file already there.
    pub(super) fn create(
        path: &Path,
        size: (u32, u32),
        options: &VideoOptions,
        on_existing: OnExisting,
    ) -> Result<VideoWriter, ExportError> {
        check_video_size(size)?;
        options.check()?;
        super::check_parent_dir(path)?;
        let io = |source: std::io::Error| ExportError::Io {
            path: path.to_path_buf(),
            action: "create the video",
            source,
        };
        let target = AtomicFile::create(path, on_existing).map_err(io)?;
        let folder = target
            .target()
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf();
        // Anonymous: gone with the process, whatever happens.
        let spool = tempfile::tempfile_in(&folder).map_err(io)?;
        let fps = options.fps;
        let pixels = size.0 as f64 * size.1 as f64;
        let bitrate = (pixels * fps as f64 * BITS_PER_PIXEL).clamp(200_000.0, 60_000_000.0) as u32;
        let config = EncoderConfig::new()
            .profile(Profile::Baseline)
            .usage_type(UsageType::ScreenContentRealTime)
            // Quality from the encoder's buffer, no bit rate chased: a new day's picture is
            // refined over its first frames to about 51 dB, and a day that does not change costs
            // about 2 kB a frame at 1920×1080. (The rate-chasing modes also warn on the error
            // stream that frames are never skipped.)
            .rate_control_mode(RateControlMode::Bufferbased)
            .bitrate(BitRate::from_bps(bitrate))
            .max_frame_rate(FrameRate::from_hz(fps as f32))
            .qp(QpRange::new(MIN_QP, MAX_QP))
            .skip_frames(false)
            .complexity(Complexity::Medium)
            .adaptive_quantization(false)
            .background_detection(false)
            .intra_frame_period(IntraFramePeriod::from_num_frames(fps * KEY_FRAME_SECONDS))
            .num_threads(1)
            .vui(VuiConfig::bt709());
        let encoder = Encoder::with_api_config(OpenH264API::from_source(), config).map_err(encode_error)?;
        Ok(VideoWriter {
            path: path.to_path_buf(),
            target,
            size,
            fps,
            encoder,
            mp4: None,
            spool: Some(spool),
            pending: None,
            frames: 0,
        })
    }

    fn io(&self, action: &'static str) -> impl Fn(std::io::Error) -> ExportError + '_ {
        move |source| ExportError::Io {
            path: self.path.clone(),
            action,
            source,
        }
    }

    fn mp4_error(&self) -> impl Fn(mp4::Error) -> ExportError + '_ {
        move |e| match e {
            mp4::Error::IoError(source) => ExportError::Io {
                path: self.path.clone(),
                action: "write the video",
                source,
            },
            other => encode_error(other),
        }
    }

    /// Track units per frame: the track counts thousandths of a frame's time.
    const TICKS_PER_FRAME: u32 = 1000;

    fn timescale(&self) -> u32 {
        self.fps * Self::TICKS_PER_FRAME
    }

    /// Shows `frame` for `count` frames.
    pub(super) fn push(&mut self, frame: YuvFrame, count: u32) -> Result<(), ExportError> {
        if (frame.width, frame.height) != self.size || frame.planes.is_empty() {
            return Err(encode_error(format!(
                "a {}x{} picture in a {}x{} video",
                frame.width, frame.height, self.size.0, self.size.1
            )));
        }
        let yuv = YUVBuffer::from_vec(frame.planes, frame.width as usize, frame.height as usize);
        for _ in 0..count {
            self.encode(&yuv)?;
        }
        Ok(())
    }

    fn encode(&mut self, yuv: &YUVBuffer) -> Result<(), ExportError> {
        let millis = self.frames * 1000 / self.fps as u64;
        let stream = self
            .encoder
            .encode_at(yuv, openh264::Timestamp::from_millis(millis))
            .map_err(encode_error)?;
        let is_sync = stream.frame_type() == FrameType::IDR;
        let mut sample = Vec::new();
        let mut sps = None;
        let mut pps = None;
        for l in 0..stream.num_layers() {
            let Some(layer) = stream.layer(l) else { continue };
            for n in 0..layer.nal_count() {
                let Some(nal) = layer.nal_unit(n).map(without_start_code) else {
                    continue;
                };
                let Some(&header) = nal.first() else { continue };
                match header & 0x1f {
                    // Parameter sets go in the track's description, not in the samples.
                    7 => sps = Some(nal.to_vec()),
                    8 => pps = Some(nal.to_vec()),
                    _ => {
                        let len = u32::try_from(nal.len()).map_err(encode_error)?;
                        sample.extend_from_slice(&len.to_be_bytes());
                        sample.extend_from_slice(nal);
                    }
                }
            }
        }
        let start = self.frames;
        self.frames += 1;
        if self.mp4.is_none() {
            let (Some(sps), Some(pps)) = (sps, pps) else {
                return Err(encode_error("the encoder gave no parameter sets with its first frame"));
            };
            self.start_mp4(sps, pps)?;
        }
        if sample.is_empty() {
            // A skipped frame: the picture before stays on for longer.
            return match &mut self.pending {
                Some(pending) => {
                    pending.frames += 1;
                    Ok(())
                }
                None => Err(encode_error("the encoder skipped the first frame")),
            };
        }
        let next = Pending {
            bytes: sample,
            is_sync,
            start,
            frames: 1,
        };
        if let Some(previous) = self.pending.replace(next) {
            self.write_sample(previous)?;
        }
        Ok(())
    }

    fn start_mp4(&mut self, sps: Vec<u8>, pps: Vec<u8>) -> Result<(), ExportError> {
        // The MP4 box copies the profile and level from the SPS's first bytes.
        if sps.len() < 4 || pps.is_empty() {
            return Err(encode_error("the encoder gave malformed parameter sets"));
        }
        let Some(spool) = self.spool.take() else {
            return Err(encode_error("the video was started twice"));
        };
        let brand = |s: &[u8; 4]| mp4::FourCC { value: *s };
        let config = mp4::Mp4Config {
            major_brand: brand(b"isom"),
            minor_version: 512,
            compatible_brands: vec![brand(b"isom"), brand(b"iso2"), brand(b"avc1"), brand(b"mp41")],
            timescale: self.timescale(),
        };
        let mut writer = mp4::Mp4Writer::write_start(BufWriter::new(spool), &config).map_err(self.mp4_error())?;
        let (Ok(width), Ok(height)) = (u16::try_from(self.size.0), u16::try_from(self.size.1)) else {
            return Err(ExportError::BadSize {
                width: self.size.0,
                height: self.size.1,
            });
        };
        let track = mp4::TrackConfig {
            track_type: mp4::TrackType::Video,
            timescale: self.timescale(),
            language: "und".to_string(),
            media_conf: mp4::MediaConfig::AvcConfig(mp4::AvcConfig {
                width,
                height,
                seq_param_set: sps,
                pic_param_set: pps,
            }),
        };
        writer.add_track(&track).map_err(self.mp4_error())?;
        self.mp4 = Some(writer);
        Ok(())
    }

    fn write_sample(&mut self, pending: Pending) -> Result<(), ExportError> {
        let sample = mp4::Mp4Sample {
            start_time: pending.start * Self::TICKS_PER_FRAME as u64,
            duration: pending.frames.saturating_mul(Self::TICKS_PER_FRAME),
            rendering_offset: 0,
            is_sync: pending.is_sync,
            bytes: mp4::Bytes::from(pending.bytes),
        };
        let path = self.path.clone();
        let Some(mp4) = &mut self.mp4 else {
            return Err(encode_error("a frame before the video was started"));
        };
        mp4.write_sample(1, &sample).map_err(|e| match e {
            mp4::Error::IoError(source) => ExportError::Io {
                path,
                action: "write the video",
                source,
            },
            other => encode_error(other),
        })
    }

    /// Completes the video and puts it in place.
    pub(super) fn finish(mut self) -> Result<VideoSummary, ExportError> {
        if let Some(last) = self.pending.take() {
            self.write_sample(last)?;
        }
        let Some(mut mp4) = self.mp4.take() else {
            return Err(encode_error("no frames to write"));
        };
        mp4.write_end().map_err(self.mp4_error())?;
        let spool = mp4
            .into_writer()
            .into_inner()
            .map_err(|e| e.into_error())
            .map_err(self.io("write the video"))?;
        let frames = self.frames;
        let fps = self.fps;
        let mut target = BufWriter::new(self.target);
        let written = fast_start(spool, &mut target, frames).map_err(|e| match e {
            mp4::Error::IoError(source) => ExportError::Io {
                path: self.path.clone(),
                action: "write the video",
                source,
            },
            other => encode_error(other),
        })?;
        let path = self.path.clone();
        let io = |source: std::io::Error| ExportError::Io {
            path: path.clone(),
            action: "write the video",
            source,
        };
        target
            .into_inner()
            .map_err(|e| io(e.into_error()))?
            .commit()
            .map_err(io)?;
        Ok(VideoSummary {
            path: self.path,
            size: self.size,
            fps,
            frames,
            duration_seconds: frames as f64 / fps as f64,
            bytes: written,
        })
    }
}

/// A NAL unit without the Annex B start code (00 00 01 or 00 00 00 01) before it.
fn without_start_code(nal: &[u8]) -> &[u8] {
    let zeros = nal.iter().take_while(|&&b| b == 0).count();
    if zeros >= 2 && nal.get(zeros) == Some(&1) {
        &nal[zeros + 1..]
    } else {
        nal
    }
}

/// Copies the spooled MP4 (ftyp, mdat, moov) to `out` as ftyp, moov, mdat, the chunk offsets
/// moved by the index's size; also makes the track "in movie" and "in preview" (as players
/// expect, the muxer sets only "enabled"), names the next free track id, and states the
/// durations exactly (the muxer rounds each frame's share down). Returns the bytes written.
fn fast_start(mut spool: File, out: &mut impl Write, frames: u64) -> mp4::Result<u64> {
    let size = spool.seek(SeekFrom::End(0))?;
    spool.seek(SeekFrom::Start(0))?;
    let reader = mp4::Mp4Reader::read_header(BufReader::new(&mut spool), size)?;
    let ftyp = reader.ftyp.clone();
    let mut moov = reader.moov.clone();
    drop(reader);
    let mdat_start = ftyp.box_size();
    let moov_start = size.checked_sub(moov.box_size()).unwrap_or(size);
    if moov_start < mdat_start {
        return Err(mp4::Error::InvalidData("the spooled video is not ftyp, mdat, moov"));
    }
    // Movie and track in the same units: a thousandth of a frame's time.
    let duration = frames * VideoWriter::TICKS_PER_FRAME as u64;
    moov.mvhd.duration = duration;
    moov.mvhd.version = u8::from(duration > u32::MAX as u64);
    moov.mvhd.next_track_id = moov.traks.len() as u32 + 1;
    for trak in &mut moov.traks {
        trak.tkhd.flags = 0x7;
        trak.tkhd.duration = duration;
        trak.tkhd.version = u8::from(duration > u32::MAX as u64);
        trak.mdia.mdhd.duration = duration;
        trak.mdia.mdhd.version = u8::from(duration > u32::MAX as u64);
    }
    // Moving the pictures after the index moves every chunk by the index's size; offsets past
    // 4 GiB need the 64-bit table, which makes the index larger, so measure again.
    let original = moov.clone();
    let mut shift = moov.box_size();
    loop {
        moov = original.clone();
        let mut widened = false;
        for trak in &mut moov.traks {
            let stbl = &mut trak.mdia.minf.stbl;
            if let Some(stco) = &mut stbl.stco {
                let moved: Option<Vec<u32>> = stco
                    .entries
                    .iter()
                    .map(|&o| u32::try_from(o as u64 + shift).ok())
                    .collect();
                match moved {
                    Some(entries) => stco.entries = entries,
                    None => {
                        let entries = stco.entries.iter().map(|&o| o as u64 + shift).collect();
                        let mut co64 = stbl.co64.take().unwrap_or_default();
                        co64.entries = entries;
                        stbl.co64 = Some(co64);
                        stbl.stco = None;
                        widened = true;
                    }
                }
            } else if let Some(co64) = &mut stbl.co64 {
                for o in &mut co64.entries {
                    *o += shift;
                }
            }
        }
        let new_shift = moov.box_size();
        if new_shift == shift || !widened {
            break;
        }
        shift = new_shift;
    }
    let mut written = ftyp.write_box(out)?;
    written += moov.write_box(out)?;
    spool.seek(SeekFrom::Start(mdat_start))?;
    let copied = std::io::copy(&mut (&mut spool).take(moov_start - mdat_start), out)?;
    out.flush()?;
    Ok(written + copied)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(fps: u32, seconds_per_day: f64, hold_seconds: f64) -> VideoOptions {
        VideoOptions {
            fps,
            seconds_per_day,
            hold_seconds,
        }
    }

    #[test]
    fn days_take_their_share_of_frames_without_drifting() {
        let o = options(30, 0.5, 1.5);
        assert_eq!(o.hold_frames(), 45);
        let frames = o.frames_per_day(4);
        assert_eq!(frames, [15 + 45, 15, 15, 15 + 45]);
        assert_eq!(o.frame_count(4), 150);
        assert_eq!(o.duration_seconds(4), 5.0);
        // Half a second at 25 frames a second: 12.5 frames, so 13 and 12 in turn, 25 in two days.
        let frames = options(25, 0.5, 0.0).frames_per_day(4);
        assert_eq!(frames.iter().sum::<u32>(), 50);
        assert!(frames.iter().all(|&n| n == 12 || n == 13), "{frames:?}");
        // Autumn 1950 as the README makes it: 47 days.
        assert_eq!(VideoOptions::default().frame_count(47), 47 * 15 + 2 * 45);
    }

    #[test]
    fn one_day_has_both_holds_and_no_day_is_left_out() {
        assert_eq!(options(30, 0.5, 1.0).frames_per_day(1), [15 + 60]);
        assert_eq!(options(30, 0.5, 1.0).frames_per_day(0), Vec::<u32>::new());
        // One frame a day at the least: every day is seen.
        let frames = options(10, 0.1, 0.0).frames_per_day(100);
        assert!(frames.iter().all(|&n| n == 1));
        let frames = options(7, 0.15, 0.0).frames_per_day(100);
        assert!(frames.iter().all(|&n| n >= 1), "{frames:?}");
        assert_eq!(frames.iter().sum::<u32>(), 105);
    }

    #[test]
    fn impossible_timings_are_refused_with_the_reason() {
        assert!(VideoOptions::default().check().is_ok());
        let message = |o: VideoOptions| o.check().unwrap_err().to_string();
        assert!(message(options(0, 0.5, 1.0)).contains("1 to 60"));
        assert!(message(options(61, 0.5, 1.0)).contains("1 to 60"));
        assert!(message(options(30, 0.01, 1.0)).contains("less than one frame a day"));
        assert!(message(options(30, f64::NAN, 1.0)).contains("seconds a day"));
        assert!(message(options(30, -1.0, 1.0)).contains("seconds a day"));
        assert!(message(options(30, 0.5, -1.0)).contains("hold"));
        assert!(message(options(30, 0.5, f64::INFINITY)).contains("hold"));
        assert!(options(30, 1.0 / 30.0, 0.0).check().is_ok());
    }

    #[test]
    fn sizes_must_be_even_and_within_the_encoder() {
        assert!(check_video_size((1920, 1080)).is_ok());
        assert!(check_video_size((2160, 3840)).is_ok());
        let e = check_video_size((1281, 721)).unwrap_err().to_string();
        assert!(
            e.contains("1281x721") && e.contains("even") && e.contains("1282x722"),
            "{e}"
        );
        let e = check_video_size((4096, 2160)).unwrap_err().to_string();
        assert!(e.contains("3840x2160"), "{e}");
    }

    #[test]
    fn colours_convert_to_video_range_bt709() {
        let image = |rgb: [u8; 3]| RgbaImage {
            width: 2,
            height: 2,
            pixels: [rgb[0], rgb[1], rgb[2], 255].repeat(4),
        };
        let yuv = |rgb| to_yuv(&image(rgb)).planes;
        assert_eq!(yuv([0, 0, 0]), [16, 16, 16, 16, 128, 128]);
        assert_eq!(yuv([255, 255, 255]), [235, 235, 235, 235, 128, 128]);
        // Pure red in BT.709: Y 63, Cb 102, Cr 240.
        assert_eq!(yuv([255, 0, 0]), [63, 63, 63, 63, 102, 240]);
        // An odd size gives nothing to encode rather than a wrong picture.
        let odd = RgbaImage {
            width: 3,
            height: 2,
            pixels: vec![0; 24],
        };
        assert!(to_yuv(&odd).planes.is_empty());
    }

    #[test]
    fn start_codes_are_taken_off() {
        assert_eq!(without_start_code(&[0, 0, 0, 1, 0x67, 5]), [0x67, 5]);
        assert_eq!(without_start_code(&[0, 0, 1, 0x68]), [0x68]);
        assert_eq!(without_start_code(&[0x65, 1]), [0x65, 1]);
    }
}
