//! Reading a tour with errors that point at file, line and column, and saving it atomically:
//! a lecturer's file must never be left half-written by a crash or a full disk.

use super::{StopView, Tour};
use crate::atomic_file::{self, OnExisting};
use std::io;
use std::path::Path;

/// Why a tour could not be read. The chronicle's error type, so the app shows both kinds of
/// file alike: `file:line:column: message`, or `file: message` when there is no position.
pub type TourError = crate::chronicle::LoadError;

/// Parses tour JSON; `name` is the file name used in error messages.
pub fn tour_from_str(text: &str, name: &str) -> Result<Tour, TourError> {
    crate::chronicle::load::json_from_str(text, name)
}

/// Reads and parses a tour file.
pub fn load_tour(path: &Path) -> Result<Tour, TourError> {
    crate::chronicle::load::json_from_file(path)
}

/// The file's text: pretty JSON in field order with a trailing newline, so loading and saving
/// an unchanged tour gives the same bytes and version control shows only real edits.
fn to_json(tour: &Tour) -> io::Result<String> {
    // JSON has no NaN or infinity; serde_json would write `null`, a file that then fails to load.
    for (i, stop) in tour.stops.iter().enumerate() {
        if let Some(StopView::Bbox(bbox)) = &stop.view
            && bbox.iter().any(|x| !x.is_finite())
        {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("stop {}: bbox {bbox:?} is not finite and cannot be written", i + 1),
            ));
        }
    }
    let mut text = serde_json::to_string_pretty(tour).map_err(io::Error::other)?;
    text.push('\n');
    Ok(text)
}

/// Writes the tour to `path` atomically (see [`crate::atomic_file`]): on any error the previous
/// file at `path` is untouched and no temporary file is left. Saving through a symbolic link
/// writes the file it points to and keeps the link.
pub fn save_tour(tour: &Tour, path: &Path) -> io::Result<()> {
    let text = to_json(tour)?;
    atomic_file::write_bytes(path, OnExisting::Replace, text.as_bytes())
        .map(|_| ())
        // Name the file in messages: io errors alone ("No such file or directory") do not.
        .map_err(|e| io::Error::new(e.kind(), format!("cannot save {}: {e}", path.display())))
}
