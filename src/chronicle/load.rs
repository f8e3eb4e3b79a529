//! Reading a chronicle from text, with errors that point at the file, line and column.

use super::Chronicle;
use std::fmt;
use std::io::Read;
use std::path::Path;

/// The largest chronicle (or tour) file read: far above any real chronicle (the default is
/// under 1 MiB; a synthetic one of a million events is about 150 MiB), low enough that
/// `/dev/zero` or a wrong file fails at once instead of exhausting memory.
pub const CHRONICLE_LIMIT: u64 = 256 * 1024 * 1024;

/// Why a chronicle could not be read. Displays as `file:line:column: message`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    pub file: String,
    /// 1-based; 0 when the error has no position (the file could not be read).
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file, self.message)
        } else {
            write!(f, "{}:{}:{}: {}", self.file, self.line, self.column, self.message)
        }
    }
}

impl std::error::Error for LoadError {}

/// Parses chronicle JSON; `name` is the file name used in error messages.
pub fn load_str(text: &str, name: &str) -> Result<Chronicle, LoadError> {
    chronicle_from_str(text, name).map(indexed)
}

/// Reads and parses a chronicle file.
pub fn load_file(path: &Path) -> Result<Chronicle, LoadError> {
    let text = read_text(path, CHRONICLE_LIMIT)?;
    chronicle_from_str(&text, &path.display().to_string()).map(indexed)
}

/// Parses a chronicle's JSON, a large one's events on all cores (see
/// [`super::events_in_parallel`]), with `file:line:column` errors as [`json_from_str`] gives.
pub(crate) fn chronicle_from_str(text: &str, name: &str) -> Result<Chronicle, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let fast = (text.len() >= super::events_in_parallel::FROM_BYTES)
        .then(|| super::events_in_parallel::read(text))
        .flatten();
    match fast {
        Some(chronicle) => Ok(chronicle),
        None => json_from_str(text, name),
    }
}

fn indexed(mut chronicle: Chronicle) -> Chronicle {
    chronicle.reindex();
    chronicle
}

/// Parses any of our JSON files (chronicles, tours) with `file:line:column` errors.
pub(crate) fn json_from_str<T: serde::de::DeserializeOwned>(text: &str, name: &str) -> Result<T, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    serde_json::from_str(text).map_err(|e| {
        // serde_json appends " at line L column C"; we give the position in front instead.
        let message = e.to_string();
        let message = match message.rfind(" at line ") {
            Some(i) if e.line() > 0 => message[..i].to_string(),
            _ => message,
        };
        LoadError {
            file: name.to_string(),
            line: e.line(),
            column: e.column(),
            message,
        }
    })
}

/// Reads a file as UTF-8 (errors at the line and column of the first bad byte) and parses it.
pub(crate) fn json_from_file<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, LoadError> {
    let text = read_text(path, CHRONICLE_LIMIT)?;
    json_from_str(&text, &path.display().to_string())
}

/// Reads at most `limit` bytes of UTF-8 text. Stops after `limit + 1` bytes, so an endless
/// input (a device, a pipe that never closes its end) fails quickly with the file and the limit.
pub(crate) fn read_text(path: &Path, limit: u64) -> Result<String, LoadError> {
    let name = path.display().to_string();
    let failure = |message: String| LoadError {
        file: name.clone(),
        line: 0,
        column: 0,
        message,
    };
    let file = std::fs::File::open(path).map_err(|e| failure(format!("cannot read: {e}")))?;
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| failure(format!("cannot read: {e}")))?;
    if bytes.len() as u64 > limit {
        return Err(failure(format!(
            "larger than the limit of {} MiB; not read",
            limit / (1024 * 1024)
        )));
    }
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let before = &e.as_bytes()[..offset];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = offset - before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1) + 1;
        LoadError {
            file: name.clone(),
            line,
            column,
            message: "not valid UTF-8".to_string(),
        }
    })
}
