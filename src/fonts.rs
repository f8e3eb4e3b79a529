//! The fonts every output shares: the window (egui), the PNG export (resvg) and the SVG export.
//! Text is set in Ubuntu Light (egui's default, which also covers Greek and Cyrillic); what it
//! lacks falls back, in this order, to the fonts below, so Chinese, Japanese and Korean names
//! render the same on every machine, with no empty boxes. Core: knows no egui, no resvg.
//!
//! Scripts the bundle lacks (Arabic, Hebrew, Thai, Devanagari, Georgian, ...) are drawn from the
//! system's own fonts: [`provide`] looks through the system's font folders for faces whose
//! character maps hold the characters a chronicle needs and loads only those (at most
//! [`MAX_SYSTEM_FACES`], no file over [`MAX_FONT_FILE`] bytes); the window and the exports then
//! use them after the bundled fonts. What no font here can draw is named by [`warnings`] (file,
//! record, characters and script), never drawn as empty boxes unnoticed.

use skrifa::MetadataProvider;
use std::borrow::Cow;
use std::collections::BTreeSet;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

/// A font bundled with the app.
#[derive(Clone, Copy, Debug)]
pub struct BundledFont {
    /// Its key in egui's font definitions.
    pub name: &'static str,
    /// The family name inside the font, as SVG and resvg name it.
    pub family: &'static str,
    pub bytes: &'static [u8],
}

/// The main text font: egui's Ubuntu Light (Latin, Greek, Cyrillic).
pub const TEXT: BundledFont = BundledFont {
    name: "Ubuntu-Light",
    family: "Ubuntu",
    bytes: epaint_default_fonts::UBUNTU_LIGHT,
};

/// Noto Sans CJK SC, subset to the characters of everyday Chinese, Japanese and Korean (see
/// `scripts/build_cjk_font.py` and `assets/fonts/MANIFEST`); SIL Open Font License 1.1.
pub const CJK: BundledFont = BundledFont {
    name: "NotoSansCJK-subset",
    family: "Noto Sans CJK SC",
    bytes: include_bytes!("../assets/fonts/NotoSansCJK-subset.otf"),
};

/// The fonts tried, in order, for a character the text font lacks.
pub const FALLBACKS: [BundledFont; 1] = [CJK];

/// The text font and its fallbacks, in the order they are tried.
pub fn all() -> [BundledFont; 2] {
    [TEXT, CJK]
}

/// Each bundled font's character map (a font that cannot be read has none, which a test rules
/// out).
fn charmaps() -> &'static [Vec<u32>] {
    static MAPS: OnceLock<Vec<Vec<u32>>> = OnceLock::new();
    MAPS.get_or_init(|| {
        all()
            .iter()
            .map(|font| match skrifa::FontRef::new(font.bytes) {
                Ok(face) => {
                    let mut codes: Vec<u32> = face.charmap().mappings().map(|(c, _)| c).collect();
                    codes.sort_unstable();
                    codes
                }
                Err(_) => Vec::new(),
            })
            .collect()
    })
}

/// Whether some bundled font can draw `c` (spaces and control characters need no glyph).
pub fn covers(c: char) -> bool {
    // ASCII answered from a table made once: the font check reads every character of a file.
    static ASCII: OnceLock<[bool; 128]> = OnceLock::new();
    if let Some(&known) = ASCII
        .get_or_init(|| std::array::from_fn(|b| char::from(b as u8)).map(looked_up))
        .get(c as usize)
    {
        return known;
    }
    looked_up(c)
}

/// Whether a bundled font has `c`, from their character maps.
fn looked_up(c: char) -> bool {
    c.is_whitespace() || c.is_control() || charmaps().iter().any(|m| m.binary_search(&(c as u32)).is_ok())
}

/// The characters of `text` no bundled font can draw, each once, in order of appearance: they
/// would show as empty boxes.
pub fn missing(text: &str) -> Vec<char> {
    let mut found: Vec<char> = Vec::new();
    for c in text.chars() {
        if !covers(c) && !found.contains(&c) {
            found.push(c);
        }
    }
    found
}

/// The most system faces loaded in one run: each is a fallback for one or more scripts.
pub const MAX_SYSTEM_FACES: usize = 8;
/// Font files larger than this are passed over (a full CJK collection is about 20 MB).
pub const MAX_FONT_FILE: u64 = 32 * 1024 * 1024;
/// The most bytes of system fonts held in memory in all.
pub const MAX_SYSTEM_BYTES: u64 = 96 * 1024 * 1024;
/// The most font files looked at in the font folders.
const MAX_FONT_FILES: usize = 4000;
/// The longest character map read from a font when searching (the biggest real ones are ~1 MB).
const MAX_CMAP: u32 = 4 * 1024 * 1024;

/// A face of one of the system's fonts, loaded to draw characters the bundled fonts lack.
#[derive(Clone)]
pub struct SystemFont {
    /// Its key in egui's font definitions (unique per file and face).
    pub name: String,
    /// The family name inside the font, as SVG and resvg name it.
    pub family: String,
    pub path: PathBuf,
    /// The face's index in a collection (`.ttc`), else 0.
    pub index: u32,
    /// The whole file's bytes.
    pub data: Arc<Vec<u8>>,
    /// The characters it maps, sorted.
    charmap: Vec<u32>,
}

impl std::fmt::Debug for SystemFont {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SystemFont")
            .field("family", &self.family)
            .field("path", &self.path)
            .field("index", &self.index)
            .field("bytes", &self.data.len())
            .finish()
    }
}

impl SystemFont {
    /// Whether this face maps `c`.
    pub fn covers(&self, c: char) -> bool {
        self.charmap.binary_search(&(c as u32)).is_ok()
    }
}

/// The system fonts loaded so far, and the characters already looked for.
#[derive(Default)]
struct Loaded {
    fonts: Vec<SystemFont>,
    searched: BTreeSet<char>,
    /// Folders set by [`set_font_dirs`], in place of the system's.
    dirs: Option<Vec<PathBuf>>,
}

fn loaded() -> std::sync::MutexGuard<'static, Loaded> {
    static LOADED: OnceLock<Mutex<Loaded>> = OnceLock::new();
    LOADED
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// How many system faces are loaded; it only grows, so a changed count means new fonts.
static GENERATION: AtomicUsize = AtomicUsize::new(0);

/// The number of system faces loaded so far (see [`system_fonts`]); the window and the export
/// rebuild their fonts when it changes.
pub fn system_generation() -> usize {
    GENERATION.load(Ordering::Acquire)
}

/// The system faces loaded so far, in the order they are tried (after the bundled fonts).
pub fn system_fonts() -> Vec<SystemFont> {
    loaded().fonts.clone()
}

/// Looks for fonts in `dirs` instead of the system's font folders from now on (an empty list:
/// no system fonts). The environment variable `CHRONOATLAS_FONT_DIRS` (a path list) does the
/// same for a whole run.
pub fn set_font_dirs(dirs: Vec<PathBuf>) {
    let mut state = loaded();
    state.dirs = Some(dirs);
    state.searched.clear();
}

/// The folders searched for fonts: [`set_font_dirs`], else `CHRONOATLAS_FONT_DIRS`, else the
/// system's usual font folders.
pub fn font_dirs() -> Vec<PathBuf> {
    if let Some(dirs) = &loaded().dirs {
        return dirs.clone();
    }
    if let Some(list) = std::env::var_os("CHRONOATLAS_FONT_DIRS") {
        return std::env::split_paths(&list)
            .filter(|p| !p.as_os_str().is_empty())
            .collect();
    }
    let mut dirs: Vec<PathBuf> = Vec::new();
    if cfg!(target_os = "windows") {
        if let Some(root) = std::env::var_os("WINDIR").or_else(|| std::env::var_os("SYSTEMROOT")) {
            dirs.push(PathBuf::from(root).join("Fonts"));
        }
        if let Some(local) = std::env::var_os("LOCALAPPDATA") {
            dirs.push(PathBuf::from(local).join("Microsoft").join("Windows").join("Fonts"));
        }
    } else if cfg!(target_os = "macos") {
        dirs.push("/System/Library/Fonts".into());
        dirs.push("/Library/Fonts".into());
        if let Some(home) = dirs::home_dir() {
            dirs.push(home.join("Library/Fonts"));
        }
    } else {
        if let Some(data) = dirs::data_dir() {
            dirs.push(data.join("fonts"));
        }
        if let Some(home) = dirs::home_dir() {
            dirs.push(home.join(".fonts"));
        }
        dirs.push("/usr/local/share/fonts".into());
        dirs.push("/usr/share/fonts".into());
    }
    dirs
}

/// Whether `c` can be drawn: by a bundled font or a system font loaded so far.
pub fn can_draw(c: char) -> bool {
    covers(c) || loaded().fonts.iter().any(|f| f.covers(c))
}

/// Makes sure the characters of `chars` that the bundled fonts lack are drawn, as far as the
/// system's fonts allow: looks for faces that cover them (each character is looked for once
/// per run) and loads the fewest that do, within [`MAX_SYSTEM_FACES`] and [`MAX_SYSTEM_BYTES`].
/// Returns the characters still without a font. Reads no network, only the font folders.
pub fn provide(chars: &[char]) -> Vec<char> {
    let mut state = loaded();
    let needed: Vec<char> = unique(chars.iter().copied().filter(|&c| !covers(c)))
        .into_iter()
        .filter(|&c| !state.fonts.iter().any(|f| f.covers(c)))
        .collect();
    let fresh: Vec<char> = needed.iter().copied().filter(|c| !state.searched.contains(c)).collect();
    if !fresh.is_empty() && state.fonts.len() < MAX_SYSTEM_FACES {
        state.searched.extend(fresh.iter().copied());
        let dirs = match &state.dirs {
            Some(dirs) => dirs.clone(),
            None => {
                drop(state);
                let dirs = font_dirs();
                state = loaded();
                dirs
            }
        };
        let used: u64 = state.fonts.iter().map(|f| f.data.len() as u64).sum();
        let room = MAX_SYSTEM_FACES - state.fonts.len();
        for font in choose(
            &search(&dirs, &fresh),
            &fresh,
            room,
            MAX_SYSTEM_BYTES.saturating_sub(used),
        ) {
            if !state.fonts.iter().any(|f| f.name == font.name) {
                state.fonts.push(font);
            }
        }
        GENERATION.store(state.fonts.len(), Ordering::Release);
    }
    needed
        .into_iter()
        .filter(|&c| !state.fonts.iter().any(|f| f.covers(c)))
        .collect()
}

fn unique(chars: impl Iterator<Item = char>) -> Vec<char> {
    let mut seen = BTreeSet::new();
    chars.filter(|c| seen.insert(*c)).collect()
}

/// A face found in a font folder, with the wanted characters it maps.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    pub path: PathBuf,
    pub index: u32,
    pub file_size: u64,
    /// OS/2 weight class (400 regular); 0 when unknown.
    pub weight: u16,
    pub italic: bool,
    /// Of the characters searched for, those it maps.
    pub covers: Vec<char>,
}

impl Candidate {
    /// Lower is better among faces covering as many characters: upright, regular weight, sans
    /// before serif and monospace, then the smaller file.
    fn rank(&self) -> (bool, u16, u8, u64) {
        let stem = self
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        let style = if stem.contains("mono") {
            2
        } else if stem.contains("sans") {
            0
        } else {
            1
        };
        let weight = if self.weight == 0 {
            100
        } else {
            self.weight.abs_diff(400)
        };
        (self.italic, weight, style, self.file_size)
    }
}

/// The font files under `dirs` (recursively, following links once), at most
/// [`MAX_FONT_FILES`], each at most [`MAX_FONT_FILE`] bytes, in a stable order.
pub fn font_files(dirs: &[PathBuf]) -> Vec<(PathBuf, u64)> {
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for dir in dirs {
        walk(dir, 0, &mut seen, &mut out);
    }
    out
}

fn walk(dir: &Path, depth: usize, seen: &mut BTreeSet<PathBuf>, out: &mut Vec<(PathBuf, u64)>) {
    if depth > 8 || out.len() >= MAX_FONT_FILES {
        return;
    }
    let Ok(canonical) = std::fs::canonicalize(dir) else {
        return;
    };
    if !seen.insert(canonical) {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        let Ok(meta) = std::fs::metadata(&path) else { continue };
        if meta.is_dir() {
            walk(&path, depth + 1, seen, out);
        } else if meta.is_file() && meta.len() <= MAX_FONT_FILE && is_font_file(&path) {
            if out.len() >= MAX_FONT_FILES {
                return;
            }
            out.push((path, meta.len()));
        }
    }
}

fn is_font_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "ttf" | "otf" | "ttc" | "otc"))
}

/// The faces in the font files under `dirs` that map any of `chars`, reading of each file only
/// its table directory, character map and OS/2 table.
pub fn search(dirs: &[PathBuf], chars: &[char]) -> Vec<Candidate> {
    let mut out = Vec::new();
    if chars.is_empty() {
        return out;
    }
    for (path, size) in font_files(dirs) {
        let Ok(mut file) = std::fs::File::open(&path) else {
            continue;
        };
        for (index, face) in face_offsets(&mut file).into_iter().enumerate() {
            if let Some(found) = look_at_face(&mut file, face, chars) {
                out.push(Candidate {
                    path: path.clone(),
                    index: index as u32,
                    file_size: size,
                    weight: found.0,
                    italic: found.1,
                    covers: found.2,
                });
            }
        }
    }
    out
}

fn read_at(file: &mut std::fs::File, offset: u64, len: usize) -> Option<Vec<u8>> {
    file.seek(SeekFrom::Start(offset)).ok()?;
    let mut buf = vec![0; len];
    file.read_exact(&mut buf).ok()?;
    Some(buf)
}

fn be_u16(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*b.get(at)?, *b.get(at + 1)?]))
}

fn be_u32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes([
        *b.get(at)?,
        *b.get(at + 1)?,
        *b.get(at + 2)?,
        *b.get(at + 3)?,
    ]))
}

/// Where each face's table directory starts: one face, or those of a collection (`ttcf`).
fn face_offsets(file: &mut std::fs::File) -> Vec<u64> {
    let Some(head) = read_at(file, 0, 12) else {
        return Vec::new();
    };
    if head.get(0..4) != Some(b"ttcf") {
        return vec![0];
    }
    let count = be_u32(&head, 8).unwrap_or(0).min(64) as usize;
    let Some(list) = read_at(file, 12, count * 4) else {
        return Vec::new();
    };
    (0..count).filter_map(|i| be_u32(&list, i * 4)).map(u64::from).collect()
}

/// A face's weight, italic flag and which of `chars` its character map holds (`None` when it
/// holds none or cannot be read).
fn look_at_face(file: &mut std::fs::File, at: u64, chars: &[char]) -> Option<(u16, bool, Vec<char>)> {
    let header = read_at(file, at, 12)?;
    let tables = be_u16(&header, 4)? as usize;
    let directory = read_at(file, at + 12, tables * 16)?;
    let mut cmap = None;
    let mut os2 = None;
    for t in 0..tables {
        let record = directory.get(t * 16..t * 16 + 16)?;
        let place = (be_u32(record, 8)?, be_u32(record, 12)?);
        match record.get(0..4)? {
            b"cmap" => cmap = Some(place),
            b"OS/2" => os2 = Some(place),
            _ => {}
        }
    }
    let (offset, len) = cmap?;
    if len > MAX_CMAP {
        return None;
    }
    let bytes = read_at(file, u64::from(offset), len as usize)?;
    use skrifa::raw::FontRead;
    let table = skrifa::raw::tables::cmap::Cmap::read(skrifa::raw::FontData::new(&bytes)).ok()?;
    let covers: Vec<char> = chars
        .iter()
        .copied()
        .filter(|&c| table.map_codepoint(c).is_some_and(|g| g.to_u32() != 0))
        .collect();
    if covers.is_empty() {
        return None;
    }
    let (weight, italic) = os2
        .and_then(|(offset, len)| read_at(file, u64::from(offset), (len as usize).min(64)))
        .map(|b| (be_u16(&b, 4).unwrap_or(0), be_u16(&b, 62).unwrap_or(0) & 1 == 1))
        .unwrap_or((0, false));
    Some((weight, italic, covers))
}

/// Loads the fewest faces of `candidates` that cover `chars` (greedily: most characters first,
/// then by [`Candidate::rank`]), at most `faces` of them and `bytes` in all.
pub fn choose(candidates: &[Candidate], chars: &[char], faces: usize, bytes: u64) -> Vec<SystemFont> {
    let mut left: BTreeSet<char> = chars.iter().copied().collect();
    let mut out: Vec<SystemFont> = Vec::new();
    let mut used = 0u64;
    let mut tried: BTreeSet<(PathBuf, u32)> = BTreeSet::new();
    while !left.is_empty() && out.len() < faces {
        let best = candidates
            .iter()
            .filter(|c| !tried.contains(&(c.path.clone(), c.index)) && used + c.file_size <= bytes)
            .map(|c| (c.covers.iter().filter(|ch| left.contains(ch)).count(), c))
            .filter(|(n, _)| *n > 0)
            .min_by(|(n1, c1), (n2, c2)| n2.cmp(n1).then_with(|| c1.rank().cmp(&c2.rank())));
        let Some((_, best)) = best else { break };
        tried.insert((best.path.clone(), best.index));
        let Some(font) = load_face(&best.path, best.index) else {
            continue;
        };
        used += font.data.len() as u64;
        left.retain(|c| !font.covers(*c));
        out.push(font);
    }
    out
}

/// Reads a whole font file and takes face `index` of it.
fn load_face(path: &Path, index: u32) -> Option<SystemFont> {
    let meta = std::fs::metadata(path).ok()?;
    if meta.len() > MAX_FONT_FILE {
        return None;
    }
    let data = std::fs::read(path).ok()?;
    let face = skrifa::FontRef::from_index(&data, index).ok()?;
    let name_of = |id| {
        face.localized_strings(id)
            .english_or_first()
            .map(|s| s.to_string())
            .filter(|s| !s.trim().is_empty())
    };
    let family = name_of(skrifa::string::StringId::TYPOGRAPHIC_FAMILY_NAME)
        .or_else(|| name_of(skrifa::string::StringId::FAMILY_NAME))
        .unwrap_or_else(|| {
            path.file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        });
    let mut charmap: Vec<u32> = face.charmap().mappings().map(|(c, _)| c).collect();
    charmap.sort_unstable();
    Some(SystemFont {
        name: format!("system:{}#{index}", path.display()),
        family,
        path: path.to_path_buf(),
        index,
        data: Arc::new(data),
        charmap,
    })
}

/// `base` (the bundled fonts' database) with the system faces loaded so far added after its
/// own, so resvg falls back to them for characters the bundled fonts lack; `base` itself when
/// none are loaded. Built once per set of system fonts.
pub fn with_system_fallbacks(base: Arc<fontdb::Database>) -> Arc<fontdb::Database> {
    let generation = system_generation();
    if generation == 0 {
        return base;
    }
    type Cached = Option<(usize, usize, Arc<fontdb::Database>)>;
    static CACHE: Mutex<Cached> = Mutex::new(None);
    let mut cache = CACHE.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let key = Arc::as_ptr(&base) as usize;
    if let Some((g, k, db)) = &*cache
        && *g == generation
        && *k == key
    {
        return db.clone();
    }
    let mut db = (*base).clone();
    for font in system_fonts() {
        let ids = db.load_font_source(fontdb::Source::Binary(font.data.clone()));
        // Only the face that was chosen: a collection's other faces are not wanted.
        for (i, id) in ids.into_iter().enumerate() {
            if i as u32 != font.index {
                db.remove_face(id);
            }
        }
    }
    let db = Arc::new(db);
    *cache = Some((generation, key, db.clone()));
    db
}

/// The name of the script `c` is written in ("Arabic", "Thai").
pub fn script_name(c: char) -> &'static str {
    use unicode_script::UnicodeScript;
    c.script().full_name()
}

/// A record's kind and id (`("event", "x")`; `("metadata", "")`).
pub type Record<'a> = (&'static str, Cow<'a, str>);

/// Hands `f` each record of a chronicle whose texts are shown (titles, names, summaries,
/// quotes, notes), with those texts. One list is filled again for each record, so a million
/// events are read without a million lists.
pub fn for_each_record_texts<'a>(c: &'a crate::chronicle::Chronicle, mut f: impl FnMut(Record<'a>, &[&'a str])) {
    let mut texts: Vec<&'a str> = Vec::new();
    let mut record = |r: Record<'a>, fill: &mut dyn FnMut(&mut Vec<&'a str>)| {
        texts.clear();
        fill(&mut texts);
        f(r, &texts);
    };
    let m = &c.metadata;
    record(("metadata", Cow::Borrowed("")), &mut |t| {
        t.extend(
            [
                &m.title,
                &m.description,
                &m.attribution,
                &m.source.short,
                &m.source.reference,
            ]
            .map(|s| s.as_str()),
        );
        for s in &m.sources {
            t.extend([s.short.as_str(), s.reference.as_str()]);
        }
    });
    for th in &c.threads {
        record(("thread", Cow::Borrowed(th.id.as_str())), &mut |t| {
            t.extend([th.name.as_str(), th.description.as_str()])
        });
    }
    for p in &c.places {
        record(("place", Cow::Borrowed(p.id.as_str())), &mut |t| {
            t.extend([p.name.as_str(), p.note.as_str()]);
            t.extend(p.other_names.iter().map(|n| n.name.as_str()));
        });
    }
    for n in &c.footnotes {
        record(("footnote", Cow::Owned(n.number.to_string())), &mut |t| t.push(&n.text));
    }
    for e in &c.events {
        record(("event", Cow::Borrowed(e.id.as_str())), &mut |t| {
            t.extend([
                e.title.as_str(),
                e.date_text.as_str(),
                e.summary.as_str(),
                e.quote.as_str(),
            ]);
            t.extend(e.actors.iter().map(|a| a.as_str()));
        });
    }
    for mv in &c.movements {
        record(("movement", Cow::Borrowed(mv.id.as_str())), &mut |t| {
            t.extend([mv.title.as_str(), mv.quote.as_str()]);
            t.extend(mv.travellers.iter().map(String::as_str));
        });
    }
    for v in &c.views {
        record(("view", Cow::Borrowed(v.id.as_str())), &mut |t| t.push(&v.name));
    }
    for p in &c.periods {
        record(("period", Cow::Borrowed(p.id.as_str())), &mut |t| t.push(&p.name));
    }
    for st in &c.map.states {
        record(("map state", Cow::Borrowed(st.name.as_str())), &mut |t| {
            t.push(&st.name);
            t.extend(st.label.as_deref());
        });
    }
    for l in &c.map.lines {
        record(("map line", Cow::Borrowed(l.id.as_str())), &mut |t| t.push(&l.name));
    }
    for r in &c.map.border_rivers {
        record(("map river", Cow::Borrowed(r.name.as_str())), &mut |t| t.push(&r.name));
    }
    for w in &c.map.water_labels {
        record(("map water", Cow::Borrowed(w.name.as_str())), &mut |t| t.push(&w.name));
    }
    for ft in &c.map.features {
        record(("map feature", Cow::Borrowed(ft.id.as_str())), &mut |t| {
            t.push(&ft.name)
        });
    }
}

/// Whether some bundled font draws every character of `text`; ASCII is answered byte by byte.
fn covers_all(text: &str) -> bool {
    if text.is_ascii() {
        text.bytes().all(|b| covers(char::from(b)))
    } else {
        text.chars().all(covers)
    }
}

/// How many records [`warnings`] names one by one before summing up the rest.
pub const WARNINGS_LISTED: usize = 20;

/// Makes the fonts ready for `chronicle` (see [`provide`]) and names each record with text no
/// font here can draw, as `file: record: ...` lines (at most [`WARNINGS_LISTED`] and a line
/// counting the rest). Empty when everything can be drawn.
pub fn warnings(chronicle: &crate::chronicle::Chronicle, file: &str) -> Vec<String> {
    let mut lacking = BTreeSet::new();
    for_each_record_texts(chronicle, |_, texts| {
        for text in texts.iter().filter(|t| !covers_all(t)) {
            lacking.extend(text.chars().filter(|&c| !covers(c)));
        }
    });
    if lacking.is_empty() {
        return Vec::new();
    }
    let lacking: Vec<char> = lacking.into_iter().collect();
    let undrawable: BTreeSet<char> = provide(&lacking).into_iter().collect();
    if undrawable.is_empty() {
        return Vec::new();
    }
    let mut lines = Vec::new();
    let mut more = 0;
    for_each_record_texts(chronicle, |(kind, id), texts| {
        let chars = unique(texts.iter().flat_map(|t| t.chars()).filter(|c| undrawable.contains(c)));
        if chars.is_empty() {
            return;
        }
        if lines.len() >= WARNINGS_LISTED {
            more += 1;
            return;
        }
        let record = if id.is_empty() {
            kind.to_string()
        } else {
            format!("{kind} {id}")
        };
        let mut scripts: Vec<&str> = Vec::new();
        for c in &chars {
            let s = script_name(*c);
            if !scripts.contains(&s) {
                scripts.push(s);
            }
        }
        // The first text holding them, as written (the characters alone would tear combining
        // marks from their letters).
        let text = texts
            .iter()
            .find(|t| t.chars().any(|c| undrawable.contains(&c)))
            .map(|t| t.trim())
            .unwrap_or_default();
        let mut shown: String = text.chars().take(40).collect();
        if text.chars().count() > 40 {
            shown.push('…');
        }
        lines.push(format!(
            "{file}: {record}: no font here draws its {} characters ({} different) in “{shown}”; they show as empty boxes until a font for {} is installed",
            scripts.join(" and "),
            chars.len(),
            if scripts.len() == 1 { "that script" } else { "those scripts" }
        ));
    });
    if more > 0 {
        lines.push(format!(
            "{file}: {more} more record(s) with characters no font here draws"
        ));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_many_scripts_are_covered() {
        for name in [
            "北京",
            "평양",
            "東京",
            "Москва",
            "Pyŏngyang",
            "Ελλάδα",
            "とうきょう",
            "シンウィジュ",
            "新義州",
        ] {
            assert_eq!(missing(name), Vec::<char>::new(), "{name}");
        }
        // Scripts the bundle does not hold are named, not drawn as boxes unnoticed.
        assert_eq!(missing("القاهرة x"), ['ا', 'ل', 'ق', 'ه', 'ر', 'ة']);
    }

    fn fixture_dirs() -> Vec<PathBuf> {
        vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fonts")]
    }

    #[test]
    fn the_search_reads_character_maps_and_chooses_faces_within_the_caps() {
        let wanted: Vec<char> = "القاهرة თბილისი กรุงเทพ"
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let found = search(&fixture_dirs(), &wanted);
        assert_eq!(found.len(), 1, "{found:?}");
        let candidate = &found[0];
        assert!(
            candidate.covers.contains(&'ق') && candidate.covers.contains(&'თ'),
            "{candidate:?}"
        );
        assert!(!candidate.covers.contains(&'ก'), "DejaVu Sans has no Thai");
        assert_eq!((candidate.index, candidate.italic), (0, false));

        let chosen = choose(&found, &wanted, 4, MAX_SYSTEM_BYTES);
        assert_eq!(chosen.len(), 1);
        assert_eq!(chosen[0].family, "DejaVu Sans");
        assert!(chosen[0].covers('ი') && !chosen[0].covers('ก'));
        // No room: nothing is loaded.
        assert!(choose(&found, &wanted, 0, MAX_SYSTEM_BYTES).is_empty());
        assert!(
            choose(&found, &wanted, 4, 1000).is_empty(),
            "a file over the byte cap is not read"
        );
        // A folder that does not exist, or holds no fonts, finds nothing.
        assert!(search(&[PathBuf::from("/nonexistent-fonts")], &wanted).is_empty());
        assert!(search(&[Path::new(env!("CARGO_MANIFEST_DIR")).join("src")], &wanted).is_empty());
    }

    #[test]
    fn characters_no_font_draws_are_named_with_their_script_and_record() {
        // The only test here that touches the run's fonts: the fixture stands for the system's.
        set_font_dirs(fixture_dirs());
        let json = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scripts.chronicle.json"),
        )
        .unwrap();
        let chronicle = crate::chronicle::load_str(&json, "scripts.chronicle.json").unwrap();
        let lines = warnings(&chronicle, "scripts.chronicle.json");
        // Arabic, Hebrew and Georgian come from the stand-in system font; CJK and Cyrillic are
        // bundled; Thai and Devanagari have no font.
        assert!(system_generation() >= 1);
        assert!(can_draw('ق') && can_draw('ש') && can_draw('თ') && can_draw('北'));
        assert!(!can_draw('ก') && !can_draw('द'));
        assert_eq!(lines.len(), 4, "{lines:#?}");
        assert!(lines.iter().any(|l| l.starts_with("scripts.chronicle.json: place bangkok: no font here draws its Thai characters (12 different) in “กรุงเทพมหานคร”")), "{lines:#?}");
        assert!(lines.iter().any(|l| l.starts_with("scripts.chronicle.json: event hi: no font here draws its Devanagari characters (5 different) in “दिल्ली”")), "{lines:#?}");
        assert!(
            !lines.iter().any(|l| l.contains("event ar") || l.contains("event ru")),
            "{lines:#?}"
        );
        assert_eq!(script_name('ß'), "Latin");
        // The export's font database gets the system face after the bundled ones.
        let base = Arc::new(fontdb::Database::new());
        let with = with_system_fallbacks(base.clone());
        assert_eq!(with.len(), system_generation());
        assert!(with.faces().any(|f| f.families.iter().any(|(n, _)| n == "DejaVu Sans")));
    }
}
