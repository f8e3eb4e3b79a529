//! Reading and writing the formats lecturers already have: a TimelineJS spreadsheet (CSV),
//! GeoJSON from QGIS, KML/KMZ from Google Earth, besides the chronicle's own JSON.
//!
//! Each reader maps a file to a [`Chronicle`] and lists every [`ImportProblem`]: what it could
//! not read, naming the file, the line or record, and what was left out. Nothing is guessed:
//! a place given only by name is looked up in the shipped gazetteer (exact names only) and
//! marked "placed by name"; a name it does not hold stays without a place and is reported.
//! Knows only `chronicle`; no egui, no command line.

mod build;
mod csv;
mod geojson;
mod kml;
mod xml;

use crate::chronicle::load::CHRONICLE_LIMIT;
use crate::chronicle::{Chronicle, LoadError, Metadata, SourceReference};
use std::fmt;
use std::io::Read;
use std::path::Path;

/// The longest title kept, in characters: a title is a line, not a paragraph.
pub const TITLE_LIMIT: usize = 500;
/// The longest quote kept, in characters: a few printed pages.
pub const QUOTE_LIMIT: usize = 20_000;

/// The formats read and written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileFormat {
    /// The chronicle's own JSON (`chronoatlas/1`).
    Chronicle,
    /// A TimelineJS spreadsheet saved as CSV.
    Csv,
    GeoJson,
    Kml,
    /// Zipped KML; read only.
    Kmz,
}

impl FileFormat {
    pub fn name(self) -> &'static str {
        match self {
            FileFormat::Chronicle => "chronicle JSON",
            FileFormat::Csv => "TimelineJS CSV",
            FileFormat::GeoJson => "GeoJSON",
            FileFormat::Kml => "KML",
            FileFormat::Kmz => "KMZ",
        }
    }

    /// The format a file name says, by its extension (`.chronicle.json` and `.json` are ours).
    pub fn from_extension(path: &Path) -> Option<FileFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "json" => FileFormat::Chronicle,
            "csv" => FileFormat::Csv,
            "geojson" => FileFormat::GeoJson,
            "kml" => FileFormat::Kml,
            "kmz" => FileFormat::Kmz,
            _ => return None,
        })
    }

    /// The format the bytes look like, for a file whose name does not say (or says `.json`,
    /// which GeoJSON files often carry).
    fn sniff(bytes: &[u8]) -> Option<FileFormat> {
        if bytes.starts_with(b"PK\x03\x04") {
            return Some(FileFormat::Kmz);
        }
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
        let head = head.trim_start_matches('\u{feff}').trim_start();
        if head.starts_with('<') {
            return Some(FileFormat::Kml);
        }
        if head.starts_with('{') {
            let geo = head.contains("\"FeatureCollection\"") || head.contains("\"Feature\"");
            let ours = head.contains("\"metadata\"") || head.contains("chronoatlas/");
            return Some(if geo && !ours {
                FileFormat::GeoJson
            } else {
                FileFormat::Chronicle
            });
        }
        if head.starts_with('[') {
            return Some(FileFormat::Chronicle);
        }
        let first_line = head.lines().next().unwrap_or("").to_ascii_lowercase();
        (first_line.contains("year") && first_line.contains("headline")).then_some(FileFormat::Csv)
    }
}

/// Something an import could not carry over. Displays as `file:line: record: message`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportProblem {
    pub file: String,
    /// 1-based; 0 when the problem has no line (a whole column).
    pub line: usize,
    /// 1-based, in characters; 0 when only the line is known.
    pub column: usize,
    /// "row 12", "feature 3", "Placemark \"Inchon\"", "event x"; empty for the whole file.
    pub record: String,
    pub message: String,
    /// A whole record was left out (the command line then exits 2); otherwise a part of one
    /// was, or the problem is a notice.
    pub dropped: bool,
}

impl fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        if !self.record.is_empty() {
            write!(f, ": {}", self.record)?;
        }
        write!(f, ": {}", self.message)
    }
}

/// A chronicle read from a file, with what could not be read.
#[derive(Clone, Debug)]
pub struct Imported {
    pub chronicle: Chronicle,
    pub format: FileFormat,
    pub problems: Vec<ImportProblem>,
}

impl Imported {
    /// Whether any record was left out.
    pub fn dropped(&self) -> bool {
        self.problems.iter().any(|p| p.dropped)
    }
}

/// Collects problems for one file.
pub(crate) struct Problems {
    file: String,
    list: Vec<ImportProblem>,
}

impl Problems {
    pub(crate) fn new(file: &str) -> Problems {
        Problems {
            file: file.to_string(),
            list: Vec::new(),
        }
    }

    /// A whole record left out.
    pub(crate) fn dropped(&mut self, line: usize, record: impl Into<String>, message: impl Into<String>) {
        self.push((line, 0), record.into(), message.into(), true);
    }

    /// Part of a record left out, or a notice.
    pub(crate) fn note(&mut self, line: usize, record: impl Into<String>, message: impl Into<String>) {
        self.push((line, 0), record.into(), message.into(), false);
    }

    /// [`Problems::dropped`] at a line and column.
    pub(crate) fn dropped_at(&mut self, at: (usize, usize), record: impl Into<String>, message: impl Into<String>) {
        self.push(at, record.into(), message.into(), true);
    }

    /// [`Problems::note`] at a line and column.
    pub(crate) fn note_at(&mut self, at: (usize, usize), record: impl Into<String>, message: impl Into<String>) {
        self.push(at, record.into(), message.into(), false);
    }

    fn push(&mut self, (line, column): (usize, usize), record: String, message: String, dropped: bool) {
        self.list.push(ImportProblem {
            file: self.file.clone(),
            line,
            column,
            record,
            message,
            dropped,
        });
    }

    /// A fatal error at `line` (0: none) of this file.
    pub(crate) fn error(&self, line: usize, message: impl Into<String>) -> LoadError {
        LoadError {
            file: self.file.clone(),
            line,
            column: if line > 0 { 1 } else { 0 },
            message: message.into(),
        }
    }
}

/// Reads a chronicle in any supported format, chosen by extension, else by content.
pub fn load_any(path: &Path) -> Result<Imported, LoadError> {
    let name = path.display().to_string();
    let bytes = read_limited(path, &name)?;
    read_cow(std::borrow::Cow::Owned(bytes), &name, FileFormat::from_extension(path))
}

/// Reads at most [`CHRONICLE_LIMIT`] bytes: an endless device or a huge file fails at once.
fn read_limited(path: &Path, name: &str) -> Result<Vec<u8>, LoadError> {
    let problems = Problems::new(name);
    let file = std::fs::File::open(path).map_err(|e| problems.error(0, format!("cannot read: {e}")))?;
    let mut bytes = Vec::new();
    file.take(CHRONICLE_LIMIT + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| problems.error(0, format!("cannot read: {e}")))?;
    if bytes.len() as u64 > CHRONICLE_LIMIT {
        return Err(problems.error(
            0,
            format!(
                "larger than the limit of {} MiB; not read",
                CHRONICLE_LIMIT / (1024 * 1024)
            ),
        ));
    }
    Ok(bytes)
}

/// Reads `bytes` named `name` as `format` (None: by content; `.json` is checked by content too,
/// as GeoJSON files are often named so).
pub fn read_bytes(bytes: &[u8], name: &str, format: Option<FileFormat>) -> Result<Imported, LoadError> {
    read_cow(std::borrow::Cow::Borrowed(bytes), name, format)
}

/// [`read_bytes`], taking the bytes when they are owned: a chronicle's text is then not copied
/// (a file of a million events is 150 MB).
fn read_cow(cow: std::borrow::Cow<[u8]>, name: &str, format: Option<FileFormat>) -> Result<Imported, LoadError> {
    let bytes: &[u8] = &cow;
    let problems = Problems::new(name);
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(problems.error(0, "the file is empty"));
    }
    let format = match format {
        Some(FileFormat::Chronicle) | None => FileFormat::sniff(bytes).ok_or_else(|| {
            problems.error(
                0,
                "not a format chronoatlas reads (chronicle JSON, TimelineJS CSV, GeoJSON, KML, KMZ)",
            )
        })?,
        Some(format) => format,
    };
    let mut problems = problems;
    // The chronicle JSON, to point at a title too long by its line and column.
    let mut json_text = None;
    let mut chronicle = match format {
        FileFormat::Chronicle => {
            let (chronicle, text) = read_chronicle_json(cow.into_owned(), name)?;
            for p in crate::chronicle::ids::id_problems(&text) {
                problems.note_at((p.line, p.column), p.subject, p.message);
            }
            json_text = Some(text);
            chronicle
        }
        FileFormat::Csv => {
            let text = csv::decode(bytes, &mut problems);
            csv::read(&text, &mut problems)?
        }
        FileFormat::GeoJson => geojson::read(&utf8(bytes, name)?, &mut problems)?,
        FileFormat::Kml => kml::read(&utf8(bytes, name)?, &mut problems)?,
        FileFormat::Kmz => kml::read(&kml::unzip(bytes, &problems)?, &mut problems)?,
    };
    enforce_limits(&mut chronicle, &mut problems, json_text.as_deref());
    // Coordinates from the gazetteer are credited on every export, as its licence asks.
    if chronicle.places.iter().any(|p| p.placed_by_name.is_some())
        && !chronicle.metadata.attribution.contains("GeoNames")
    {
        let credit = "Places found by name: GeoNames (CC BY 4.0).";
        let attribution = &mut chronicle.metadata.attribution;
        *attribution = if attribution.trim().is_empty() {
            credit.to_string()
        } else {
            format!("{} {credit}", attribution.trim())
        };
    }
    chronicle.reindex();
    Ok(Imported {
        chronicle,
        format,
        problems: problems.list,
    })
}

/// Text as UTF-8 without a BOM, or an error at the line of the first bad byte.
fn utf8(bytes: &[u8], name: &str) -> Result<String, LoadError> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let line = bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1;
        Problems::new(name).error(line, "not valid UTF-8 (save the file as UTF-8)")
    })
}

fn read_chronicle_json(mut bytes: Vec<u8>, name: &str) -> Result<(Chronicle, String), LoadError> {
    if bytes.starts_with("\u{feff}".as_bytes()) {
        bytes.drain(..3);
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => utf8(e.as_bytes(), name)?,
    };
    if text.trim_start().starts_with('[') {
        return Err(Problems::new(name).error(
            1,
            "a top-level array; a chronicle is one JSON object with \"metadata\" and \"events\"",
        ));
    }
    let chronicle = crate::chronicle::load::chronicle_from_str(&text, name)?;
    Ok((chronicle, text))
}

/// Where the `title` and `quote` of each event and movement of a chronicle's JSON start, in
/// file order (the order the chronicle holds them in before it is indexed). Offsets only: the
/// line and column are counted for the few texts reported, not for every record.
#[derive(Default)]
struct Spans<'a> {
    text: &'a str,
    offsets: std::collections::HashMap<(String, usize, String), usize>,
}

impl<'a> Spans<'a> {
    fn of(text: &'a str) -> Spans<'a> {
        use crate::chronicle::json_spans::{Step, walk};
        let mut spans = Spans {
            text,
            offsets: std::collections::HashMap::new(),
        };
        walk(text, |v| {
            if let [Step::Key(list), Step::Index(n), Step::Key(field)] = v.path
                && (list == "events" || list == "movements")
                && (field == "title" || field == "quote")
            {
                spans.offsets.insert((list.clone(), *n, field.clone()), v.offset);
            }
        });
        spans
    }

    fn at(&self, list: &str, n: usize, field: &str) -> (usize, usize) {
        self.offsets
            .get(&(list.to_string(), n, field.to_string()))
            .map_or((0, 0), |&offset| {
                crate::chronicle::json_spans::line_column(self.text, offset)
            })
    }
}

/// Leaves out titles and quotes beyond the limits, saying so (with the line and column of the
/// text in a chronicle's JSON).
fn enforce_limits(chronicle: &mut Chronicle, problems: &mut Problems, json_text: Option<&str>) {
    let too_long = |text: &str, limit: usize| text.chars().nth(limit).is_some();
    // The JSON is walked for positions only when something is too long.
    let any = chronicle
        .events
        .iter()
        .any(|e| too_long(&e.quote, QUOTE_LIMIT) || too_long(&e.title, TITLE_LIMIT))
        || chronicle
            .movements
            .iter()
            .any(|m| too_long(&m.quote, QUOTE_LIMIT) || too_long(&m.title, TITLE_LIMIT));
    if !any {
        return;
    }
    let spans = json_text.map(Spans::of).unwrap_or_default();
    let spans = &spans;
    let count = |text: &str| text.chars().count();
    // A quote beyond the limit is left out, its record kept.
    let mut clear_long_quote = |list: &str, n: usize, what: String, quote: &mut String| {
        if too_long(quote, QUOTE_LIMIT) {
            problems.note_at(
                spans.at(list, n, "quote"),
                what,
                format!(
                    "quote longer than {QUOTE_LIMIT} characters ({}; the limit is a few pages); quote left out",
                    count(quote)
                ),
            );
            quote.clear();
        }
    };
    for (n, event) in chronicle.events.iter_mut().enumerate() {
        clear_long_quote("events", n, format!("event {}", event.id), &mut event.quote);
    }
    for (n, movement) in chronicle.movements.iter_mut().enumerate() {
        clear_long_quote("movements", n, format!("movement {}", movement.id), &mut movement.quote);
    }
    let mut n = 0;
    chronicle.events.retain(|e| {
        let keep = !too_long(&e.title, TITLE_LIMIT);
        if !keep {
            problems.dropped_at(
                spans.at("events", n, "title"),
                format!("event {}", e.id),
                format!(
                    "title longer than {TITLE_LIMIT} characters ({}; a title is a line); event left out",
                    count(&e.title)
                ),
            );
        }
        n += 1;
        keep
    });
    let mut n = 0;
    chronicle.movements.retain(|m| {
        let keep = !too_long(&m.title, TITLE_LIMIT);
        if !keep {
            problems.dropped_at(
                spans.at("movements", n, "title"),
                format!("movement {}", m.id),
                format!(
                    "title longer than {TITLE_LIMIT} characters ({}; a title is a line); journey left out",
                    count(&m.title)
                ),
            );
        }
        n += 1;
        keep
    });
}

/// An empty chronicle named after the file it came from: imports have no bibliographic
/// reference, so the file is named as the source rather than inventing one.
pub(crate) fn empty_chronicle(name: &str, format: FileFormat) -> Chronicle {
    let stem = Path::new(name)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or(name)
        .to_string();
    let metadata = Metadata {
        title: stem,
        description: String::new(),
        source: SourceReference {
            reference: format!("Imported from {name} ({})", format.name()),
            short: String::new(),
        },
        attribution: String::new(),
        licence: String::new(),
        opening: None,
        sources: Vec::new(),
    };
    Chronicle::new(metadata)
}

/// Writes `chronicle` as `format`, with what the format cannot hold (KMZ is written as KML).
pub fn write(chronicle: &Chronicle, format: FileFormat, name: &str) -> (String, Vec<ImportProblem>) {
    let mut problems = Problems::new(name);
    let text = match format {
        FileFormat::Chronicle => serde_json::to_string_pretty(chronicle).unwrap_or_default() + "\n",
        FileFormat::Csv => csv::write(chronicle, &mut problems),
        FileFormat::GeoJson => geojson::write(chronicle, &mut problems),
        FileFormat::Kml | FileFormat::Kmz => kml::write(chronicle, &mut problems),
    };
    (text, problems.list)
}
