//! SVG to pixels with resvg/tiny-skia: no window, no GPU, any size. The fonts are the ones the
//! window uses (Ubuntu Light, bundled with egui, and the bundled CJK fallback), so every machine
//! renders the same bytes.

pub mod paths;

use super::svg::{FONT_FAMILY, RasterPiece};
use resvg::{tiny_skia, usvg};

/// A picture being drawn, premultiplied RGBA.
pub type Pixmap = tiny_skia::Pixmap;
use std::collections::HashMap;
use std::fmt;
use std::sync::atomic::Ordering::Relaxed;
use std::sync::{Arc, Mutex, OnceLock};

/// What can stop an SVG from becoming pixels; the export turns it into its own error, with the
/// file it was writing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RasterError {
    /// A pixel size outside 1..=16384 on a side, or over [`MAX_PIXELS`] in all.
    BadSize { width: u32, height: u32 },
    /// The SVG could not be read back for rasterising.
    Svg(String),
    /// An image could not be encoded.
    Encode { format: &'static str, message: String },
}

impl fmt::Display for RasterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RasterError::BadSize { width, height } => write!(
                f,
                "bad image size {width}x{height}: each side must be 1 to 16384 pixels and the whole at most 100 megapixels"
            ),
            RasterError::Svg(message) => write!(f, "cannot read the SVG to rasterise it: {message}"),
            RasterError::Encode { format, message } => write!(f, "cannot encode the {format}: {message}"),
        }
    }
}

impl std::error::Error for RasterError {}

/// An image as straight-alpha RGBA bytes, row by row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RgbaImage {
    pub width: u32,
    pub height: u32,
    pub pixels: Vec<u8>,
}

/// The font database: the window's fonts (Ubuntu Light, then the bundled fallbacks of
/// [`crate::fonts`]) and nothing else (no system fonts), built once. A character Ubuntu Light
/// lacks is drawn from the first fallback that has it, as in the window.
pub fn font_database() -> Arc<usvg::fontdb::Database> {
    static FONTS: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = usvg::fontdb::Database::new();
            for font in crate::fonts::all() {
                db.load_font_data(font.bytes.to_vec());
            }
            // Generic names resolve to the same face, so any text renders with it.
            for set in [
                usvg::fontdb::Database::set_sans_serif_family,
                usvg::fontdb::Database::set_serif_family,
                usvg::fontdb::Database::set_monospace_family,
                usvg::fontdb::Database::set_cursive_family,
                usvg::fontdb::Database::set_fantasy_family,
            ] {
                set(&mut db, FONT_FAMILY);
            }
            Arc::new(db)
        })
        .clone()
}

fn options() -> usvg::Options<'static> {
    usvg::Options {
        font_family: FONT_FAMILY.to_string(),
        // The system faces loaded for scripts the bundled fonts lack, after the bundled fonts.
        fontdb: crate::fonts::with_system_fallbacks(font_database()),
        // Exports draw no images; an SVG handed in must not make us read files or decode data.
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: Box::new(|_, _, _| None),
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    }
}

/// Pictures with at least this many pixels are drawn in [`BANDS`] horizontal bands at once.
const BANDED_FROM_PIXELS: u64 = 1 << 20;

/// How many bands a large picture is cut into: fixed, not the machine's core count, so every
/// machine writes the same bytes; the bands are drawn on as many cores as there are.
const BANDS: u32 = 2;

/// The most pixels one picture may have (e.g. 12000×8000), so an export cannot exhaust memory.
pub const MAX_PIXELS: u64 = 100_000_000;

/// Checks a requested pixel size: both sides 1 to 16384, and at most [`MAX_PIXELS`] in all.
pub fn check_size(width: u32, height: u32) -> Result<(), RasterError> {
    // Each picture holds two RGBA copies in memory: 100 megapixels is 800 MB, well past 8K.
    let pixels = width as u64 * height as u64;
    if (1..=16384).contains(&width) && (1..=16384).contains(&height) && pixels <= MAX_PIXELS {
        Ok(())
    } else {
        Err(RasterError::BadSize { width, height })
    }
}

/// Renders `svg` scaled to fill `width` × `height` pixels. The document is laid out at its own
/// size (its `width`/`height`) and scaled uniformly when the aspect ratios agree, so an export at
/// twice the layout size looks the same, only sharper.
pub fn svg_to_pixmap(svg: &str, width: u32, height: u32) -> Result<tiny_skia::Pixmap, RasterError> {
    let mut pixmap = new_pixmap(width, height)?;
    render_over(svg, &mut pixmap)?;
    Ok(pixmap)
}

/// A transparent picture of `width` × `height` pixels (see [`check_size`]).
pub fn new_pixmap(width: u32, height: u32) -> Result<tiny_skia::Pixmap, RasterError> {
    check_size(width, height)?;
    tiny_skia::Pixmap::new(width, height).ok_or(RasterError::BadSize { width, height })
}

/// A copy of `pixmap` in the memory of `data` (whatever it held).
pub fn copy_into(pixmap: &tiny_skia::Pixmap, mut data: Vec<u8>) -> tiny_skia::Pixmap {
    data.clear();
    data.extend_from_slice(pixmap.data());
    tiny_skia::IntSize::from_wh(pixmap.width(), pixmap.height())
        .and_then(|size| tiny_skia::Pixmap::from_vec(data, size))
        .unwrap_or_else(|| pixmap.clone())
}

/// Draws `svg` over what `pixmap` already holds, scaled to fill it as [`svg_to_pixmap`] does.
/// Drawing a scene's first part and then its second part over it gives the pixels of the whole.
/// A large picture is drawn as [`BANDS`] horizontal bands on separate threads (see
/// [`render_over_in_bands`]).
pub fn render_over(svg: &str, pixmap: &mut tiny_skia::Pixmap) -> Result<(), RasterError> {
    let bands = bands_for(pixmap);
    render_over_in_bands(svg, pixmap, bands)
}

/// Rows each band draws beyond its own on either side. tiny-skia's anti-aliasing is not exact at
/// the edge of what it draws into (a glyph cut by it comes out lighter), so a band draws past its
/// rows and only its own are kept.
const BAND_OVERLAP_ROWS: u32 = 64;

/// [`render_over`] with a chosen number of bands (at least 1, at most one per row). Each band
/// draws the whole document shifted by whole rows into rows of its own plus
/// [`BAND_OVERLAP_ROWS`] on either side, and keeps its own rows. The result differs from one pass
/// only where tiny-skia starts an edge at a band's first row instead of the picture's: a few
/// pixels by a few levels, never a seam (tests/bands.rs states the tolerance). The bands are fixed
/// by the caller, not by the machine's cores, so every machine writes the same bytes.
pub fn render_over_in_bands(svg: &str, pixmap: &mut tiny_skia::Pixmap, bands: u32) -> Result<(), RasterError> {
    let tree = parse(svg)?;
    let scale = scale_to(&tree, pixmap.width(), pixmap.height());
    draw_in_bands(
        pixmap,
        bands,
        Start::Picture,
        |band, top| resvg::render(&tree, scale.post_translate(0.0, -(top as f32)), band),
        None,
    );
    Ok(())
}

fn parse(svg: &str) -> Result<usvg::Tree, RasterError> {
    usvg::Tree::from_str(svg, &options()).map_err(|e| RasterError::Svg(e.to_string()))
}

/// The transform that scales `tree` to fill `width` × `height` pixels.
fn scale_to(tree: &usvg::Tree, width: u32, height: u32) -> tiny_skia::Transform {
    let size = tree.size();
    tiny_skia::Transform::from_scale(width as f32 / size.width(), height as f32 / size.height())
}

/// How many bands a picture of this size is drawn in (see [`render_over`]).
fn bands_for(pixmap: &tiny_skia::Pixmap) -> u32 {
    if u64::from(pixmap.width()) * u64::from(pixmap.height()) >= BANDED_FROM_PIXELS {
        BANDS
    } else {
        1
    }
}

/// What a picture's bands start from.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Start {
    /// What the picture holds.
    Picture,
    /// Nothing: the picture is new and transparent, so a band's rows need not be copied out.
    Blank,
}

/// Runs `draw` over `pixmap` in `bands` horizontal bands at once (see [`render_over_in_bands`]):
/// `draw` is given a band and the picture row its first row is, and draws the whole picture
/// shifted up by that many rows. `finish`, if given, then runs over each band's own rows on the
/// band's thread.
fn draw_in_bands(
    pixmap: &mut tiny_skia::Pixmap,
    bands: u32,
    start: Start,
    draw: impl Fn(&mut tiny_skia::PixmapMut, u32) + Sync,
    finish: Option<fn(&mut [u8])>,
) {
    let (width, height) = (pixmap.width(), pixmap.height());
    let bands = bands.clamp(1, height);
    let finish = |rows: &mut [u8]| {
        if let Some(finish) = finish {
            finish(rows);
        }
    };
    if bands == 1 {
        draw(&mut pixmap.as_mut(), 0);
        finish(pixmap.data_mut());
        return;
    }
    let row_bytes = width as usize * 4;
    let rows_per_band = height.div_ceil(bands);
    // Every band but the first draws into a copy of its rows and the overlap around them; the
    // first draws straight into the picture, past its own rows, which the others then cover.
    let mut later: Vec<(u32, u32, Vec<u8>)> = (1..bands)
        .map(|k| k * rows_per_band)
        .filter(|&own_top| own_top < height)
        .map(|own_top| {
            let top = own_top.saturating_sub(BAND_OVERLAP_ROWS);
            let bottom = (own_top + rows_per_band + BAND_OVERLAP_ROWS).min(height);
            let (from, to) = (top as usize * row_bytes, bottom as usize * row_bytes);
            let rows = match start {
                Start::Picture => {
                    let mut rows = spare_rows();
                    rows.clear();
                    rows.extend_from_slice(&pixmap.data()[from..to]);
                    rows
                }
                // Zeroed memory from the system costs nothing until the band draws into it.
                Start::Blank => vec![0; to - from],
            };
            (top, own_top, rows)
        })
        .collect();
    let first_rows = (rows_per_band + BAND_OVERLAP_ROWS).min(height) as usize;
    // Where a band's own rows lie in its buffer.
    let own_of = |top: u32, own_top: u32| -> std::ops::Range<usize> {
        let own_bottom = (own_top + rows_per_band).min(height) as usize;
        let skip = (own_top - top) as usize * row_bytes;
        skip..skip + (own_bottom - own_top as usize) * row_bytes
    };
    let draw = |top: u32, own_top: u32, rows: &mut [u8]| {
        let band_height = (rows.len() / row_bytes) as u32;
        if let Some(mut band) = tiny_skia::PixmapMut::from_bytes(rows, width, band_height) {
            draw(&mut band, top);
        }
        let own = own_of(top, own_top);
        finish(&mut rows[own]);
    };
    let first = &mut pixmap.data_mut()[..first_rows * row_bytes];
    if std::thread::available_parallelism().map_or(1, |n| n.get()) == 1 {
        draw(0, 0, first);
        later
            .iter_mut()
            .for_each(|(top, own_top, rows)| draw(*top, *own_top, rows));
    } else {
        std::thread::scope(|scope| {
            for (top, own_top, rows) in later.iter_mut() {
                let draw = &draw;
                scope.spawn(move || draw(*top, *own_top, rows));
            }
            draw(0, 0, first);
        });
    }
    let data = pixmap.data_mut();
    for (top, own_top, rows) in later {
        let own = own_of(top, own_top);
        let to = own_top as usize * row_bytes;
        data[to..to + own.len()].copy_from_slice(&rows[own]);
        SPARE_ROWS.with(|spare| {
            let mut spare = spare.borrow_mut();
            if spare.len() < BANDS as usize {
                spare.push(rows);
            }
        });
    }
}

thread_local! {
    /// Band buffers kept for the next picture this thread draws: fresh memory costs a page fault
    /// per 4 KB, more than copying into memory already touched.
    static SPARE_ROWS: std::cell::RefCell<Vec<Vec<u8>>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// A band buffer from [`SPARE_ROWS`], or a new one.
fn spare_rows() -> Vec<u8> {
    SPARE_ROWS.with(|spare| spare.borrow_mut().pop()).unwrap_or_default()
}

/// A label drawn once, premultiplied, and where its top-left pixel goes in the picture.
struct Sprite {
    left: i32,
    top: i32,
    pixmap: tiny_skia::Pixmap,
}

/// Labels already drawn, by their document and the picture size: a sequence of days draws each
/// label once and reuses it wherever it comes again. A label is drawn the same way whether it is
/// found here or drawn afresh, so a picture does not depend on what was drawn before it.
#[derive(Default)]
pub struct LabelCache {
    sprites: Mutex<HashMap<(String, u32, u32), Arc<LabelSlot>>>,
    /// The bytes of the labels drawn since the cache last started again.
    bytes: std::sync::atomic::AtomicUsize,
}

/// A label being drawn or drawn: a thread wanting a label another is drawing waits for it.
type LabelSlot = OnceLock<Result<Arc<Option<Sprite>>, RasterError>>;

/// Past this many labels, or this many bytes of them, the cache starts again: a long sequence
/// has a new date card every day, at 4K a megabyte each.
const MAX_CACHED_LABELS: usize = 8192;
const MAX_CACHED_BYTES: usize = 128 << 20;

impl LabelCache {
    pub fn new() -> LabelCache {
        LabelCache::default()
    }

    fn sprite(&self, doc: &str, picture: (u32, u32)) -> Result<Arc<Option<Sprite>>, RasterError> {
        let slot = {
            let mut sprites = self.sprites.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            if sprites.len() >= MAX_CACHED_LABELS || self.bytes.load(Relaxed) >= MAX_CACHED_BYTES {
                sprites.clear();
                self.bytes.store(0, Relaxed);
            }
            sprites
                .entry((doc.to_string(), picture.0, picture.1))
                .or_default()
                .clone()
        };
        slot.get_or_init(|| {
            let sprite = draw_label(doc, picture)?;
            let bytes = sprite.as_ref().map_or(0, |s| s.pixmap.data().len());
            self.bytes.fetch_add(bytes, Relaxed);
            Ok(Arc::new(sprite))
        })
        .clone()
    }
}

impl LabelCache {
    /// Whether the label of `doc` has been drawn (or is being drawn) for this picture size.
    fn has(&self, doc: &str, picture: (u32, u32)) -> bool {
        let sprites = self.sprites.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        sprites.contains_key(&(doc.to_string(), picture.0, picture.1))
    }
}

impl fmt::Debug for LabelCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.sprites.lock().map_or(0, |s| s.len());
        write!(f, "LabelCache({count} labels)")
    }
}

/// Pixels around a label's outline left for its anti-aliasing.
const LABEL_MARGIN: f32 = 2.0;

/// Draws a label's document (of the picture's layout size) over nothing, cut to the label's
/// outline and the picture; `None` when nothing of it is in the picture.
fn draw_label(doc: &str, picture: (u32, u32)) -> Result<Option<Sprite>, RasterError> {
    let tree = parse(doc)?;
    if !tree.root().has_children() {
        return Ok(None);
    }
    let scale = scale_to(&tree, picture.0, picture.1);
    let outline = tree.root().abs_stroke_bounding_box();
    let left = (outline.left() * scale.sx).floor() - LABEL_MARGIN;
    let top = (outline.top() * scale.sy).floor() - LABEL_MARGIN;
    let right = (outline.right() * scale.sx).ceil() + LABEL_MARGIN;
    let bottom = (outline.bottom() * scale.sy).ceil() + LABEL_MARGIN;
    let (left, top) = (left.max(0.0), top.max(0.0));
    let (right, bottom) = (right.min(picture.0 as f32), bottom.min(picture.1 as f32));
    // Also false for NaN.
    if !(right > left && bottom > top) {
        return Ok(None);
    }
    let Some(mut pixmap) = tiny_skia::Pixmap::new((right - left) as u32, (bottom - top) as u32) else {
        return Ok(None);
    };
    resvg::render(&tree, scale.post_translate(-left, -top), &mut pixmap.as_mut());
    Ok(Some(Sprite {
        left: left as i32,
        top: top as i32,
        pixmap,
    }))
}

/// Puts `sprite` over `band`, whose first row is the picture's row `top`: premultiplied
/// source-over, rounded to the nearest level.
fn composite(sprite: &Sprite, band: &mut tiny_skia::PixmapMut, top: u32) {
    let (band_width, band_height) = (band.width() as i32, band.height() as i32);
    let (width, height) = (sprite.pixmap.width() as i32, sprite.pixmap.height() as i32);
    let x0 = sprite.left.max(0);
    let x1 = (sprite.left + width).min(band_width);
    if x1 <= x0 {
        return;
    }
    let first = (top as i32 - sprite.top).max(0);
    let last = (top as i32 + band_height - sprite.top).min(height);
    let src = sprite.pixmap.data();
    let dst = band.data_mut();
    let n = (x1 - x0) as usize * 4;
    for row in first..last {
        let s = ((row * width + x0 - sprite.left) * 4) as usize;
        let d = (((sprite.top + row - top as i32) * band_width + x0) * 4) as usize;
        source_over(&src[s..s + n], &mut dst[d..d + n]);
    }
}

/// `dst = src + dst × (1 − src alpha)` on premultiplied RGBA bytes.
fn source_over(src: &[u8], dst: &mut [u8]) {
    for (s, d) in src.chunks_exact(4).zip(dst.chunks_exact_mut(4)) {
        match s[3] {
            0 => {}
            255 => d.copy_from_slice(s),
            a => {
                let keep = 255 - u32::from(a);
                for (d, s) in d.iter_mut().zip(s) {
                    let v = u32::from(*d) * keep + 128;
                    // v / 255 rounded; never past 255 − a, so the sum stays a byte.
                    *d = s.saturating_add(((v + (v >> 8)) >> 8) as u8);
                }
            }
        }
    }
}

/// Pieces are read on all cores from this many bytes of SVG, a label still to draw counting as
/// [`LABEL_WORTH_BYTES`].
const SHARED_FROM_BYTES: usize = 64 * 1024;
const LABEL_WORTH_BYTES: usize = 8 * 1024;
/// A point of an outline to stroke counts as about as much work as this many bytes of SVG.
const PATH_POINT_WORTH_BYTES: usize = 8;

/// `prepare` applied to each of `items` on as many cores as there are, in order; the first error.
fn on_all_cores<T: Sync, R: Send>(
    items: &[T],
    prepare: impl Fn(&T) -> Result<R, RasterError> + Sync,
) -> Result<Vec<R>, RasterError> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, items.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(item) = items.get(i) else { break };
            done.push((i, prepare(item)));
        }
        done
    };
    let mut done: Vec<(usize, Result<R, RasterError>)> = std::thread::scope(|scope| {
        let others: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut done = work();
        for other in others {
            match other.join() {
                Ok(part) => done.extend(part),
                Err(_) => done.push((usize::MAX, Err(RasterError::Svg("a drawing thread stopped".into())))),
            }
        }
        done
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

/// A piece ready to draw.
enum Ready {
    Shapes(Box<usvg::Tree>),
    Label(Arc<Option<Sprite>>),
    Paths(paths::Prepared),
}

/// Draws `pieces` (a scene part, see [`super::svg::scene_part_to_pieces`]) over what `pixmap`
/// holds, scaled to fill it: runs of shapes as [`render_over`] draws them, outlines as resvg
/// would draw them, labels from `labels`, drawn once per label and picture size and composited.
/// A large picture is drawn in [`BANDS`] bands, as [`render_over`] does.
pub fn draw_pieces(
    pieces: &[RasterPiece],
    pixmap: &mut tiny_skia::Pixmap,
    labels: &LabelCache,
) -> Result<(), RasterError> {
    let size = (pixmap.width(), pixmap.height());
    let ready = prepare_pieces(pieces, size, labels)?;
    let bands = bands_for(pixmap);
    draw_in_bands(
        pixmap,
        bands,
        Start::Picture,
        |band, top| draw_ready(&ready, size, band, top),
        None,
    );
    Ok(())
}

/// A new `width` × `height` picture of `pieces` drawn as [`draw_pieces`] draws them, as
/// straight-alpha pixels: the bands start blank instead of copied from a picture, and each
/// band's rows are turned straight on its own thread.
pub fn draw_picture(
    pieces: &[RasterPiece],
    width: u32,
    height: u32,
    labels: &LabelCache,
) -> Result<RgbaImage, RasterError> {
    let mut pixmap = new_pixmap(width, height)?;
    let ready = prepare_pieces(pieces, (width, height), labels)?;
    let bands = bands_for(&pixmap);
    draw_in_bands(
        &mut pixmap,
        bands,
        Start::Blank,
        |band, top| draw_ready(&ready, (width, height), band, top),
        Some(demultiply),
    );
    Ok(RgbaImage {
        width,
        height,
        pixels: pixmap.take(),
    })
}

/// Premultiplied RGBA bytes made straight in place, as [`tiny_skia::Pixmap::take_demultiplied`]
/// makes them.
fn demultiply(rows: &mut [u8]) {
    for pixel in rows.chunks_exact_mut(4) {
        if pixel[3] == u8::MAX {
            continue;
        }
        if let Some(c) = tiny_skia::PremultipliedColorU8::from_rgba(pixel[0], pixel[1], pixel[2], pixel[3]) {
            let c = c.demultiply();
            pixel.copy_from_slice(&[c.red(), c.green(), c.blue(), c.alpha()]);
        }
    }
}

/// The pieces ready to draw into a picture of `size`: documents read, outlines stroked, labels
/// drawn (or found in `labels`), on all cores when that is worth it.
fn prepare_pieces(pieces: &[RasterPiece], size: (u32, u32), labels: &LabelCache) -> Result<Vec<Ready>, RasterError> {
    let (width, height) = size;
    let prepare = |piece: &RasterPiece| match piece {
        RasterPiece::Shapes(svg) => parse(svg).map(|tree| Ready::Shapes(Box::new(tree))),
        RasterPiece::Label(doc) => labels.sprite(doc, size).map(Ready::Label),
        RasterPiece::Paths(paths) => Ok(Ready::Paths(paths.prepare(width, height))),
    };
    // Reading a base map's documents, or drawing a picture's labels for the first time, is
    // worth sharing out; a day whose labels are all drawn already is not.
    let bytes: usize = pieces
        .iter()
        .map(|piece| match piece {
            RasterPiece::Shapes(svg) => svg.len(),
            RasterPiece::Label(doc) if !labels.has(doc, size) => LABEL_WORTH_BYTES,
            RasterPiece::Label(_) => 0,
            RasterPiece::Paths(paths) => paths.points() * PATH_POINT_WORTH_BYTES,
        })
        .sum();
    if bytes >= SHARED_FROM_BYTES {
        on_all_cores(pieces, prepare)
    } else {
        pieces.iter().map(prepare).collect()
    }
}

/// Draws pieces ready to draw into `band`, the rows of a picture of `size` from `top` down.
fn draw_ready(ready: &[Ready], size: (u32, u32), band: &mut tiny_skia::PixmapMut, top: u32) {
    for piece in ready {
        match piece {
            Ready::Shapes(tree) => {
                let scale = scale_to(tree, size.0, size.1);
                resvg::render(tree, scale.post_translate(0.0, -(top as f32)), band);
            }
            Ready::Label(sprite) => {
                if let Some(sprite) = sprite.as_ref() {
                    composite(sprite, band, top);
                }
            }
            Ready::Paths(paths) => paths.draw(band, top),
        }
    }
}

/// Renders `svg` to straight-alpha RGBA pixels (see [`svg_to_pixmap`]).
pub fn svg_to_rgba(svg: &str, width: u32, height: u32) -> Result<RgbaImage, RasterError> {
    Ok(pixmap_into_rgba(svg_to_pixmap(svg, width, height)?))
}

/// Renders `svg` as a PNG file's bytes (see [`svg_to_pixmap`]).
pub fn svg_to_png(svg: &str, width: u32, height: u32) -> Result<Vec<u8>, RasterError> {
    encode_png(&svg_to_rgba(svg, width, height)?)
}

/// tiny-skia keeps premultiplied alpha; files want it straight.
pub fn pixmap_to_rgba(pixmap: &tiny_skia::Pixmap) -> RgbaImage {
    let mut pixels = Vec::with_capacity(pixmap.data().len());
    for p in pixmap.pixels() {
        let c = p.demultiply();
        pixels.extend_from_slice(&[c.red(), c.green(), c.blue(), c.alpha()]);
    }
    RgbaImage {
        width: pixmap.width(),
        height: pixmap.height(),
        pixels,
    }
}

/// Like [`pixmap_to_rgba`], converting in place rather than into a second picture's worth of
/// fresh memory (at 4K, touching 33 MB of new pages costs more than the conversion).
pub fn pixmap_into_rgba(pixmap: tiny_skia::Pixmap) -> RgbaImage {
    let (width, height) = (pixmap.width(), pixmap.height());
    RgbaImage {
        width,
        height,
        pixels: pixmap.take_demultiplied(),
    }
}

/// Encodes an image as an 8-bit RGBA PNG, deterministically.
pub fn encode_png(image: &RgbaImage) -> Result<Vec<u8>, RasterError> {
    let encode_error = |e: png::EncodingError| RasterError::Encode {
        format: "PNG",
        message: e.to_string(),
    };
    // Map pictures compress to well under a tenth; reserving that spares the growing copies.
    let mut out = Vec::with_capacity(image.pixels.len() / 8);
    let mut encoder = png::Encoder::new(&mut out, image.width, image.height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    // Flat map colours compress well with each row against the one above and the fastest
    // deflate; choosing a filter per row ("Fast") took a tenth of a frame for a few % smaller.
    encoder.set_compression(png::Compression::Fastest);
    let mut writer = encoder.write_header().map_err(encode_error)?;
    writer.write_image_data(&image.pixels).map_err(encode_error)?;
    writer.finish().map_err(encode_error)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_font_database_holds_the_windows_fonts_only() {
        let db = font_database();
        let families: Vec<Vec<String>> = db
            .faces()
            .map(|f| f.families.iter().map(|(name, _)| name.clone()).collect())
            .collect();
        assert_eq!(families.len(), 2, "{families:?}");
        assert!(families[0].iter().any(|n| n == FONT_FAMILY), "{families:?}");
        assert!(
            families[1].iter().any(|n| n == crate::fonts::CJK.family),
            "{families:?}"
        );
    }

    #[test]
    fn text_renders_with_the_embedded_font() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="60" height="20">
            <rect width="60" height="20" fill="#ffffff"/>
            <text x="2" y="15" font-family="Ubuntu" font-size="14" fill="#000000">Hello</text></svg>"##;
        let image = svg_to_rgba(svg, 120, 40).unwrap();
        assert_eq!((image.width, image.height), (120, 40));
        let dark = image.pixels.chunks(4).filter(|p| p[0] < 128).count();
        assert!(dark > 50, "text drew {dark} dark pixels");
    }

    #[test]
    fn source_over_rounds_to_the_nearest_level() {
        for a in 0..=255u8 {
            for d in (0..=255u8).step_by(5) {
                // A premultiplied source: colour at most its alpha.
                let src = [a / 2, a, 0, a];
                let mut dst = [d, d, d, d];
                source_over(&src, &mut dst);
                for k in 0..4 {
                    let exact = f64::from(src[k]) + f64::from(d) * f64::from(255 - a) / 255.0;
                    assert!(
                        (f64::from(dst[k]) - exact).abs() <= 0.5,
                        "a {a} d {d}: {} for {exact}",
                        dst[k]
                    );
                }
            }
        }
    }

    #[test]
    fn a_label_from_the_cache_draws_what_a_fresh_one_does() {
        use crate::render::svg::{SvgOptions, scene_part_to_pieces};
        use crate::scene::{Align, Primitive, Rgba, Scene, Text};
        let label = |x: f32| {
            Primitive::Text(Text {
                anchor: [x, 30.0],
                align: Align::LeftCenter,
                text: "Pyongyang".into(),
                size: 14.0,
                color: Rgba::rgb(40, 40, 40),
                halo: Some(Rgba::rgb(255, 255, 255)),
                italic: false,
                letter_spacing: 0.0,
                kind: Default::default(),
            })
        };
        let scene = Scene {
            size: [160.0, 60.0],
            background: Rgba::rgb(200, 220, 240),
            primitives: vec![
                label(10.0),
                Primitive::Circle {
                    center: [40.0, 30.0],
                    radius: 8.0,
                    fill: Rgba::rgb(200, 0, 0),
                    stroke_width: 1.0,
                    stroke: Rgba::rgb(255, 255, 255),
                    dashed: false,
                },
                label(60.5),
                label(10.0),
            ],
            markers: Vec::new(),
        };
        let pieces = scene_part_to_pieces(&scene, 0..scene.primitives.len(), true, &SvgOptions::default());
        assert_eq!(pieces.iter().filter(|p| matches!(p, RasterPiece::Label(_))).count(), 3);
        assert!(
            matches!(pieces[0], RasterPiece::Paths(_)),
            "the background comes first, beneath the first label"
        );
        let draw = |labels: &LabelCache| {
            let mut pixmap = new_pixmap(320, 120).unwrap();
            draw_pieces(&pieces, &mut pixmap, labels).unwrap();
            pixmap.take()
        };
        let cache = LabelCache::new();
        let first = draw(&cache);
        assert_eq!(
            cache.sprites.lock().unwrap().len(),
            2,
            "the same label twice is drawn once"
        );
        assert_eq!(draw(&cache), first);
        assert_eq!(draw(&LabelCache::new()), first);
        // The labels are there: dark glyphs on their white halo.
        assert!(first.chunks(4).any(|p| p[0] < 100));
        assert!(first.chunks(4).any(|p| p == [255, 255, 255, 255]));
    }

    #[test]
    fn rejects_bad_sizes_and_bad_svg() {
        assert!(matches!(svg_to_png("<svg/>", 0, 10), Err(RasterError::BadSize { .. })));
        assert!(matches!(svg_to_png("not svg", 10, 10), Err(RasterError::Svg(_))));
    }
}
