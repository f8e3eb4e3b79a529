//! SVG to pixels with resvg/tiny-skia: no window, no GPU, any size. The fonts are the ones the
//! window uses (Ubuntu Light, bundled with egui, and the bundled CJK fallback), so every machine
//! renders the same bytes.

use super::svg::FONT_FAMILY;
use resvg::{tiny_skia, usvg};

/// A picture being drawn, premultiplied RGBA.
pub type Pixmap = tiny_skia::Pixmap;
use std::fmt;
use std::sync::{Arc, OnceLock};

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
    check_size(width, height)?;
    let mut pixmap = tiny_skia::Pixmap::new(width, height).ok_or(RasterError::BadSize { width, height })?;
    render_over(svg, &mut pixmap)?;
    Ok(pixmap)
}

/// Draws `svg` over what `pixmap` already holds, scaled to fill it as [`svg_to_pixmap`] does.
/// Drawing a scene's first part and then its second part over it gives the pixels of the whole.
pub fn render_over(svg: &str, pixmap: &mut tiny_skia::Pixmap) -> Result<(), RasterError> {
    let tree = usvg::Tree::from_str(svg, &options()).map_err(|e| RasterError::Svg(e.to_string()))?;
    let size = tree.size();
    let transform = tiny_skia::Transform::from_scale(
        pixmap.width() as f32 / size.width(),
        pixmap.height() as f32 / size.height(),
    );
    resvg::render(&tree, transform, &mut pixmap.as_mut());
    Ok(())
}

/// Renders `svg` to straight-alpha RGBA pixels (see [`svg_to_pixmap`]).
pub fn svg_to_rgba(svg: &str, width: u32, height: u32) -> Result<RgbaImage, RasterError> {
    Ok(pixmap_to_rgba(&svg_to_pixmap(svg, width, height)?))
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

/// Encodes an image as an 8-bit RGBA PNG, deterministically.
pub fn encode_png(image: &RgbaImage) -> Result<Vec<u8>, RasterError> {
    let encode_error = |e: png::EncodingError| RasterError::Encode {
        format: "PNG",
        message: e.to_string(),
    };
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, image.width, image.height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    // Flat map colours compress well even with the fast deflate, at a fraction of the time.
    encoder.set_compression(png::Compression::Fast);
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
    fn rejects_bad_sizes_and_bad_svg() {
        assert!(matches!(svg_to_png("<svg/>", 0, 10), Err(RasterError::BadSize { .. })));
        assert!(matches!(svg_to_png("not svg", 10, 10), Err(RasterError::Svg(_))));
    }
}
