//! Saving what the window shows as a PNG, without ever overwriting a file.

use eframe::egui::ColorImage;
use std::io;
use std::path::{Path, PathBuf};

/// Writes `image` as an RGBA PNG at `path`, or at the next free numbered name if a file has
/// appeared there meanwhile (the check and the write are one step: nothing is replaced).
/// Returns where it was written.
pub fn save_png_new(path: &Path, image: &ColorImage) -> io::Result<PathBuf> {
    let mut target = path.to_path_buf();
    for _ in 0..1000 {
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&target) {
            Ok(file) => {
                write_png(file, image)?;
                return Ok(target);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                let dir = target.parent().unwrap_or(Path::new(".")).to_path_buf();
                let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("chronoatlas");
                target = unique_path(&dir, stem);
            }
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other("no free file name"))
}

/// Writes `image` as an RGBA PNG at `path`, replacing any file there.
pub fn save_png(path: &Path, image: &ColorImage) -> io::Result<()> {
    write_png(std::fs::File::create(path)?, image)
}

fn write_png(file: std::fs::File, image: &ColorImage) -> io::Result<()> {
    let [w, h] = image.size;
    let mut encoder = png::Encoder::new(io::BufWriter::new(file), w as u32, h as u32);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.writeheader_or_io()?;
    writer
        .write_image_data(image.as_raw())
        .map_err(|e| io::Error::other(e.to_string()))?;
    writer.finish().map_err(|e| io::Error::other(e.to_string()))
}

trait HeaderIo<W: io::Write> {
    fn writeheader_or_io(self) -> io::Result<png::Writer<W>>;
}

impl<W: io::Write> HeaderIo<W> for png::Encoder<'_, W> {
    fn writeheader_or_io(self) -> io::Result<png::Writer<W>> {
        self.write_header().map_err(|e| io::Error::other(e.to_string()))
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

/// The user's Pictures folder ($XDG_PICTURES_DIR, else ~/Pictures), else the current directory.
pub fn default_folder() -> PathBuf {
    if let Some(dir) = std::env::var_os("XDG_PICTURES_DIR") {
        return PathBuf::from(dir);
    }
    if let Some(home) = std::env::var_os("HOME").or_else(|| std::env::var_os("USERPROFILE")) {
        let pictures = PathBuf::from(home).join("Pictures");
        if pictures.is_dir() {
            return pictures;
        }
    }
    PathBuf::from(".")
}
