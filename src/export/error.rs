//! What can go wrong in an export, said so the user knows which file or value to fix.

use crate::chronicle::GeoBoxError;
use crate::render::raster::RasterError;
use chrono::NaiveDate;
use std::fmt;
use std::path::PathBuf;

#[derive(Debug)]
pub enum ExportError {
    /// A view id the chronicle does not have; `known` lists the ones it has.
    UnknownView { id: String, known: Vec<String> },
    /// A selected event index past the end of the chronicle's events.
    NoSuchEvent(usize),
    /// A lon/lat box that cannot be shown, and why.
    BadBbox(GeoBoxError),
    /// A pixel size outside 1..=16384 on a side.
    BadSize { width: u32, height: u32 },
    /// A frame range that ends before it begins.
    BadRange { from: NaiveDate, to: NaiveDate },
    /// More frames than an export makes in one go.
    TooManyFrames { days: i64, max: usize },
    /// A file name whose extension names no format we write.
    UnknownFormat { path: PathBuf },
    /// The SVG could not be read back for rasterising.
    Svg(String),
    /// A video timing or size the video cannot have, and why.
    BadVideo(String),
    /// An image could not be encoded.
    Encode { format: &'static str, message: String },
    /// A file or folder could not be written or created.
    Io {
        path: PathBuf,
        action: &'static str,
        source: std::io::Error,
    },
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExportError::UnknownView { id, known } if known.is_empty() => {
                write!(f, "unknown view {id:?}: the chronicle has no named views")
            }
            ExportError::UnknownView { id, known } => {
                write!(f, "unknown view {id:?} (known views: {})", known.join(", "))
            }
            ExportError::NoSuchEvent(i) => write!(f, "no event number {i} in the chronicle"),
            ExportError::BadBbox(e) => write!(f, "{e}"),
            ExportError::BadSize { width, height } => write!(
                f,
                "bad image size {width}x{height}: each side must be 1 to 16384 pixels and the whole at most 100 megapixels"
            ),
            ExportError::BadRange { from, to } => write!(f, "bad range: {to} is before {from}"),
            ExportError::TooManyFrames { days, max } => write!(
                f,
                "{days} frames asked for, at most {max} are made in one go (about ten years of days); \
                 split the range"
            ),
            ExportError::UnknownFormat { path } => write!(
                f,
                "{}: unknown image format; the file name must end in .png or .svg",
                path.display()
            ),
            ExportError::BadVideo(message) => write!(f, "{message}"),
            ExportError::Svg(message) => write!(f, "cannot read the SVG to rasterise it: {message}"),
            ExportError::Encode { format, message } => write!(f, "cannot encode the {format}: {message}"),
            ExportError::Io { path, action, source } => write!(f, "{}: cannot {action}: {source}", path.display()),
        }
    }
}

impl std::error::Error for ExportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ExportError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

impl From<RasterError> for ExportError {
    fn from(e: RasterError) -> ExportError {
        match e {
            RasterError::BadSize { width, height } => ExportError::BadSize { width, height },
            RasterError::Svg(message) => ExportError::Svg(message),
            RasterError::Encode { format, message } => ExportError::Encode { format, message },
        }
    }
}
