//! Reading a tour with errors that point at file, line and column, and saving it atomically:
//! a lecturer's file must never be left half-written by a crash or a full disk.

use super::{StopView, Tour};
use std::fs;
use std::io::{self, Write};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

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

/// Writes the tour to `path` atomically: into a temporary file in the same directory, flushed
/// to disk, then renamed over `path`. On any error the previous file at `path` is untouched and
/// the temporary file is removed.
pub fn save_tour(tour: &Tour, path: &Path) -> io::Result<()> {
    let text = to_json(tour)?;
    let file_name = path.file_name().ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{}: not a file name", path.display()),
        )
    })?;
    // Same directory, so the rename never crosses file systems; hidden, and unique per process
    // and per call, so two saves cannot write into each other's temporary file.
    static SAVES: AtomicU64 = AtomicU64::new(0);
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut temp_name = std::ffi::OsString::from(".");
    temp_name.push(file_name);
    temp_name.push(format!(
        ".tmp-{}-{}",
        std::process::id(),
        SAVES.fetch_add(1, Ordering::Relaxed)
    ));
    let temp = dir.join(temp_name);

    // Name the file in messages: io errors alone ("No such file or directory") do not.
    let context = |e: io::Error| io::Error::new(e.kind(), format!("cannot save {}: {e}", path.display()));
    // `create_new`: never write into a file that is not ours, and never remove one on failure.
    let file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&temp)
        .map_err(context)?;
    if let Err(e) = write_then_rename(file, &text, &temp, path) {
        let _ = fs::remove_file(&temp);
        return Err(context(e));
    }
    // Make the rename itself durable. Best effort: the new file is already in place, and some
    // systems cannot open a directory for syncing.
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

fn write_then_rename(mut file: fs::File, text: &str, temp: &Path, path: &Path) -> io::Result<()> {
    file.write_all(text.as_bytes())?;
    // Keep the permissions of the file being replaced (a file others may only read stays so).
    if let Ok(meta) = fs::metadata(path)
        && meta.is_file()
    {
        file.set_permissions(meta.permissions())?;
    }
    file.sync_all()?;
    drop(file);
    fs::rename(temp, path)
}
