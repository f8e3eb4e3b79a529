//! Saving what the window shows as a PNG, atomically (see [`crate::atomic_file`]): F12 never
//! overwrites a file, and the command line's screenshot replaces one only when told to.

use crate::atomic_file::{AtomicFile, OnExisting};
use eframe::egui::{ColorImage, Rect};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Writes `image` as an RGBA PNG at `path`, or at the next free numbered name (`stem-2.png`, …)
/// if a file is there or appears there meanwhile (the check is part of the rename: nothing is
/// replaced). Returns where it was written.
pub fn save_png_new(path: &Path, image: &ColorImage) -> io::Result<PathBuf> {
    let dir = path.parent().unwrap_or(Path::new(""));
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("chronoatlas");
    let mut names = std::iter::once(path.to_path_buf()).chain((2..10_000).map(|n| dir.join(format!("{stem}-{n}.png"))));
    let mut file = loop {
        let Some(name) = names.next() else {
            return Err(io::Error::other("no free file name"));
        };
        match AtomicFile::create(&name, OnExisting::Refuse) {
            Ok(file) => break file,
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    };
    let first = file.target().to_path_buf();
    write_png(&mut file, image)?;
    file.commit_to_first_free(std::iter::once(first).chain(names))
}

/// The pixels of a screenshot `[width, height]` that show `rect` (in points, at
/// `pixels_per_point`): its corner and size `([x, y], [w, h])`, kept inside the image, or `None`
/// when nothing of it is on the image.
pub fn crop_pixels(image_size: [usize; 2], rect: Rect, pixels_per_point: f32) -> Option<([usize; 2], [usize; 2])> {
    let scale = if pixels_per_point.is_finite() && pixels_per_point > 0.0 {
        pixels_per_point
    } else {
        1.0
    };
    let to_px = |v: f32, most: usize| {
        let v = (v * scale).round();
        if v.is_finite() {
            v.clamp(0.0, most as f32) as usize
        } else {
            0
        }
    };
    let [w, h] = image_size;
    let (left, right) = (to_px(rect.min.x, w), to_px(rect.max.x, w));
    let (top, bottom) = (to_px(rect.min.y, h), to_px(rect.max.y, h));
    (right > left && bottom > top).then_some(([left, top], [right - left, bottom - top]))
}

/// The part of a screenshot that shows `rect` (in points); the whole picture when `rect` misses
/// it.
pub fn crop(image: &ColorImage, rect: Rect, pixels_per_point: f32) -> ColorImage {
    match crop_pixels(image.size, rect, pixels_per_point) {
        Some((at, size)) => image.region_by_pixels(at, size),
        None => image.clone(),
    }
}

/// Writes `image` as an RGBA PNG at `path`; a file there is replaced only with
/// [`OnExisting::Replace`], and only once the new one is complete.
pub fn save_png(path: &Path, image: &ColorImage, on_existing: OnExisting) -> io::Result<()> {
    let mut file = AtomicFile::create(path, on_existing)?;
    write_png(&mut file, image)?;
    file.commit().map(|_| ())
}

/// Encodes `image` as an RGBA PNG into `out`. Unbuffered on purpose: the encoder writes whole
/// chunks, and a buffer dropped at the end would swallow the error of its last write.
pub fn write_png(out: &mut dyn Write, image: &ColorImage) -> io::Result<()> {
    let [w, h] = image.size;
    let mut encoder = png::Encoder::new(out, w as u32, h as u32);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(png_error)?;
    writer.write_image_data(image.as_raw()).map_err(png_error)?;
    writer.finish().map_err(png_error)
}

/// Keeps an io error (a full disk) as it was, so its kind survives.
fn png_error(e: png::EncodingError) -> io::Error {
    match e {
        png::EncodingError::IoError(e) => e,
        other => io::Error::other(other.to_string()),
    }
}

/// `dir/stem.png`, or `dir/stem-2.png`, `-3`… if that exists: a screenshot never replaces a file.
pub fn unique_path(dir: &Path, stem: &str) -> PathBuf {
    unique_path_with(dir, stem, "png")
}

/// `dir/stem.ext`, numbered like [`unique_path`] so nothing existing is replaced; an empty
/// extension names a folder.
pub fn unique_path_with(dir: &Path, stem: &str, extension: &str) -> PathBuf {
    let clean: String = stem
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    let name = |n: usize| {
        let numbered = if n < 2 { clean.clone() } else { format!("{clean}-{n}") };
        if extension.is_empty() {
            numbered
        } else {
            format!("{numbered}.{extension}")
        }
    };
    (1..)
        .map(|n| dir.join(name(n)))
        .find(|p| !p.exists())
        .unwrap_or_else(|| dir.join(name(1)))
}

/// The user's Pictures folder (XDG user-dirs on Linux, read from their file by `dirs`), else
/// ~/Pictures if it exists, else the current directory.
pub fn default_folder() -> PathBuf {
    if let Some(dir) = dirs::picture_dir().filter(|d| d.is_dir()) {
        return dir;
    }
    if let Some(pictures) = dirs::home_dir().map(|h| h.join("Pictures")).filter(|p| p.is_dir()) {
        return pictures;
    }
    PathBuf::from(".")
}
