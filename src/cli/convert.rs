//! `chronoatlas convert`: a chronicle from any format read, written as JSON, TimelineJS CSV,
//! GeoJSON or KML, so it opens in TimelineJS, QGIS or Google Earth.

use super::{Failure, export::refuse_existing, load_chronicle};
use crate::atomic_file::{self, OnExisting};
use crate::import::{self, FileFormat};
use std::io::Write;
use std::path::Path;

pub(super) fn convert(input: &Path, output: &Path, overwrite: bool, out: &mut dyn Write) -> Result<(), Failure> {
    let format = FileFormat::from_extension(output)
        .filter(|f| *f != FileFormat::Kmz)
        .ok_or_else(|| {
            Failure(format!(
                "-o {}: the name must end in .json, .csv, .geojson or .kml (the format written)",
                output.display()
            ))
        })?;
    refuse_existing("-o", output, overwrite)?;
    let (chronicle, _) = load_chronicle(Some(input))?;
    let (text, left_out) = import::write(&chronicle, format, &output.display().to_string());
    // What the target format has no room for is said, never silently lost.
    for problem in &left_out {
        eprintln!("chronoatlas: {problem}");
    }
    let on_existing = if overwrite {
        OnExisting::Replace
    } else {
        OnExisting::Refuse
    };
    atomic_file::write_bytes(output, on_existing, text.as_bytes()).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            Failure(format!(
                "-o {}: the file exists; give --overwrite to replace it",
                output.display()
            ))
        } else {
            Failure(format!("-o {}: cannot write: {e}", output.display()))
        }
    })?;
    writeln!(
        out,
        "{}: wrote {} events, {} places, {} journeys as {}",
        output.display(),
        chronicle.events.len(),
        chronicle.places.len(),
        if format == FileFormat::Csv {
            0
        } else {
            chronicle.movements.len()
        },
        format.name()
    )
    .map_err(|e| Failure(format!("cannot write output: {e}")))
}
