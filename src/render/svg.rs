//! Writes a `Scene` as an SVG 1.1 document that looks like the window's egui painting of it
//! (see `egui_painter.rs`): the same shapes, the same font (Ubuntu Light, egui's default), texts
//! placed on the same baselines, halos as an outline under the glyphs, egui's fake italics as a
//! skew about the baseline.
//!
//! The output is deterministic (same scene, same bytes) and compact: coordinates carry at most
//! two decimals and the land is its outline clipped to the picture.
//!
//! Two kinds of document: the rasteriser's (the PNG export and frames draw it with the bundled
//! fonts; each primitive one element), and a file for people and other programs
//! ([`SvgOptions::file`]): lines of one style merged into one path, one text element per label,
//! the fonts it uses embedded as subsets, or the labels as glyph outlines.

mod fonts;
mod land;
mod path;
mod text;

pub use text::text_baselines;

use crate::render::raster::paths::{Painting, Paths};
use crate::scene::{Primitive, Rgba, Scene, Text};
use std::fmt::{self, Write};

/// The family name of the font the window uses (egui's default proportional font, Ubuntu
/// Light); the rasteriser registers exactly this font under this name.
pub const FONT_FAMILY: &str = "Ubuntu";

/// The weight of Ubuntu Light, so viewers with several Ubuntu faces pick the light one.
pub const FONT_WEIGHT: u16 = 300;

/// Vertical metrics of Ubuntu Light (hhea table, per em), as egui lays rows out with them.
pub const FONT_ASCENT: f32 = 0.932;
pub const FONT_DESCENT: f32 = 0.189;
pub const FONT_LINE_GAP: f32 = 0.028;

/// Horizontal shift of a glyph's top per unit of its height in egui's fake italics.
pub const ITALIC_SLANT: f32 = 0.25;

/// Width of a halo's outline: egui paints the text eight times offset by about 1.2 px.
pub const HALO_WIDTH: f32 = 2.4;

/// Dash and gap of a dashed circle, as the egui painter draws them.
pub const CIRCLE_DASH: [f32; 2] = [4.0, 3.0];

/// Width (px at 1:1) of an outline in the text's own colour that thickens the glyphs a little.
/// egui's dark UI theme (the window's default) maps glyph coverage c to alpha 2c − c², which
/// moves each edge out by about 0.2 px; plain coverage, as resvg draws it, looks lighter.
pub const TEXT_EMBOLDEN: f32 = 0.4;

/// How a file's labels are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SvgText {
    /// Text elements, editable, with the fonts they use embedded (`@font-face`) for viewers that
    /// read them; others draw the text in a font of their own.
    #[default]
    Text,
    /// Each label a path of its glyphs' outlines: the same in every viewer, not editable as text.
    Outlines,
}

impl SvgText {
    /// The names the command line takes: "text", "outlines".
    pub fn parse(name: &str) -> Option<SvgText> {
        match name {
            "text" => Some(SvgText::Text),
            "outlines" => Some(SvgText::Outlines),
            _ => None,
        }
    }
}

/// How to write the document.
#[derive(Clone, Debug, PartialEq)]
pub struct SvgOptions {
    /// The document's `<title>`, if any (e.g. "19 October 1950 — Korean peninsula").
    pub title: Option<String>,
    /// Leave out land triangles that lie wholly outside the picture (smaller files, same look).
    pub cull_land: bool,
    /// Outline width thickening the glyphs as egui's text rendering does ([`TEXT_EMBOLDEN`] at
    /// 1:1; divide by the pixel ratio when the document is rasterised larger); 0 for none.
    pub text_embolden: f32,
    /// `None`: a document for the rasteriser, drawn with the bundled fonts. `Some`: a file to
    /// keep or open elsewhere: coordinates to 0.1 px, lines of one style merged into one path,
    /// one text element per label (halo painted under it) with the fonts embedded, or outlines.
    pub file: Option<SvgText>,
}

impl Default for SvgOptions {
    fn default() -> Self {
        SvgOptions {
            title: None,
            cull_land: true,
            text_embolden: TEXT_EMBOLDEN,
            file: None,
        }
    }
}

/// A number with at most two decimals and no trailing zeros ("12", "12.5", "-0.25").
struct Num(f32);

impl Num {
    /// Hundredths as an integer, so formatting is exact and the same everywhere.
    fn hundredths(&self) -> i64 {
        let v = if self.0.is_finite() { self.0 } else { 0.0 };
        (f64::from(v) * 100.0).round() as i64
    }

    /// The number a reader of the written text finds.
    fn value(&self) -> f32 {
        (self.hundredths() as f64 / 100.0) as f32
    }
}

/// Decimals of the land's outline in the rasteriser's documents.
const RASTER_DECIMALS: u32 = 2;

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hundredths = self.hundredths();
        if hundredths == 0 {
            return f.write_str("0");
        }
        let sign = if hundredths < 0 { "-" } else { "" };
        let abs = hundredths.unsigned_abs();
        let (whole, frac) = (abs / 100, abs % 100);
        match frac {
            0 => write!(f, "{sign}{whole}"),
            f2 if f2 % 10 == 0 => write!(f, "{sign}{whole}.{}", f2 / 10),
            f2 => write!(f, "{sign}{whole}.{f2:02}"),
        }
    }
}

/// `#rrggbb`.
struct Hex(Rgba);

impl fmt::Display for Hex {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let [r, g, b, _] = self.0.0;
        write!(f, "#{r:02x}{g:02x}{b:02x}")
    }
}

/// ` fill="#rrggbb"` plus ` fill-opacity` when translucent, or ` fill="none"` when invisible.
fn paint(out: &mut String, property: &str, c: Rgba) {
    let a = c.0[3];
    if a == 0 {
        let _ = write!(out, " {property}=\"none\"");
        return;
    }
    let _ = write!(out, " {property}=\"{}\"", Hex(c));
    if a < 255 {
        let _ = write!(out, " {property}-opacity=\"{}\"", Opacity(a));
    }
}

/// An alpha byte as an opacity with three decimals at most (255 steps need them).
struct Opacity(u8);

impl fmt::Display for Opacity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let thousandths = (u32::from(self.0) * 1000 + 127) / 255;
        match thousandths {
            0 => f.write_str("0"),
            1000 => f.write_str("1"),
            t => {
                let s = format!("{t:03}");
                write!(f, "0.{}", s.trim_end_matches('0'))
            }
        }
    }
}

/// Escapes text for XML content and attribute values, and drops characters XML 1.0 forbids.
pub fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

fn points(out: &mut String, pts: &[[f32; 2]]) {
    for (i, p) in pts.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let _ = write!(out, "{},{}", Num(p[0]), Num(p[1]));
    }
}

/// Writes `scene` as a complete SVG document, `scene.size` wide and high.
pub fn scene_to_svg(scene: &Scene, options: &SvgOptions) -> String {
    scene_part_to_svg(scene, 0..scene.primitives.len(), true, options)
}

/// What the rasteriser draws a part of a scene from, in order: the land and long runs of lines
/// as outlines to fill and stroke, other runs of shapes as one SVG document each, and each label
/// as a document of its own, which the rasteriser draws once and reuses wherever the same label
/// comes again (see `raster::draw_pieces`).
#[derive(Clone, Debug)]
pub enum RasterPiece {
    /// A run of primitives that are not labels (and the background, first, if asked for).
    Shapes(String),
    /// One label alone, in a document of the scene's size; equal documents draw equal pixels.
    Label(String),
    /// Land and lines as the outlines the SVG document would hold (and the background, first,
    /// if asked for), drawn without writing and reading the document.
    Paths(Paths),
}

/// The primitives `range` of `scene` as [`RasterPiece`]s, for the rasteriser (`options.file` is
/// ignored). Drawn one after another they give the picture [`scene_part_to_svg`] gives, each
/// label composited from a picture of its own.
pub fn scene_part_to_pieces(
    scene: &Scene,
    range: std::ops::Range<usize>,
    background: bool,
    options: &SvgOptions,
) -> Vec<RasterPiece> {
    let options = SvgOptions {
        title: None,
        file: None,
        ..options.clone()
    };
    let primitives = scene.primitives.get(range.clone()).unwrap_or_default();
    // How many primitives from each one on can be drawn as outlines.
    let mut outline_run = vec![0usize; primitives.len() + 1];
    for i in (0..primitives.len()).rev() {
        if as_outline(&primitives[i]) {
            outline_run[i] = outline_run[i + 1] + 1;
        }
    }
    let outlines_from = |i: usize| {
        (matches!(primitives[i], Primitive::Land { .. }) && as_outline(&primitives[i]))
            || outline_run[i] >= MIN_OUTLINE_RUN
    };
    let background_alone = || {
        let mut paths = Paths::new(scene.size);
        paths.fill_all(scene.background);
        RasterPiece::Paths(paths)
    };
    let mut pieces = Vec::new();
    let mut background = background;
    let root_font = root_font();
    let mut i = 0;
    while i < primitives.len() {
        if let Primitive::Text(t) = &primitives[i] {
            // The background goes beneath everything, a first label included.
            if std::mem::take(&mut background) {
                pieces.push(background_alone());
            }
            if text::visible(t) {
                let mut doc = document_open(scene.size, &root_font, 1024);
                text::write_for_raster(&mut doc, t, options.text_embolden);
                doc.push_str("</svg>\n");
                pieces.push(RasterPiece::Label(doc));
            }
            i += 1;
            continue;
        }
        if outlines_from(i) {
            let end = i + outline_run[i].min(RUN_PRIMITIVES);
            let mut paths = Paths::new(scene.size);
            if std::mem::take(&mut background) {
                paths.fill_all(scene.background);
            }
            primitives[i..end]
                .iter()
                .for_each(|p| push_outline(&mut paths, p, scene.size));
            pieces.push(RasterPiece::Paths(paths));
            i = end;
            continue;
        }
        let start = i;
        while i < primitives.len()
            && i - start < RUN_PRIMITIVES
            && !matches!(primitives[i], Primitive::Text(_))
            && !outlines_from(i)
        {
            i += 1;
        }
        let run = range.start + start..range.start + i;
        pieces.push(RasterPiece::Shapes(scene_part_to_svg(
            scene,
            run,
            std::mem::take(&mut background),
            &options,
        )));
    }
    if background {
        pieces.push(background_alone());
    }
    pieces
}

/// Runs of at least this many lines are drawn as outlines; shorter ones stay in the document of
/// the shapes around them rather than cut it in pieces.
const MIN_OUTLINE_RUN: usize = 16;

/// Whether a primitive is drawn as an outline: a line, or land with its rings.
fn as_outline(primitive: &Primitive) -> bool {
    match primitive {
        Primitive::Land { mesh, .. } => !mesh.rings.is_empty(),
        Primitive::Polyline { .. } => true,
        _ => false,
    }
}

/// Adds a primitive [`as_outline`] accepts to `paths`, from the points the rasteriser's SVG
/// document would hold for it.
fn push_outline(paths: &mut Paths, primitive: &Primitive, size: [f32; 2]) {
    match primitive {
        Primitive::Land { mesh, transform, color } => {
            if let Some(rings) = land::rings_points(mesh, *transform, size, RASTER_DECIMALS) {
                paths.push(rings.into_iter().map(|ring| (ring, true)), *color, Painting::Fill);
            }
        }
        Primitive::Polyline {
            points,
            width,
            color,
            dash,
        } if points.len() >= 2 => {
            let written = points.iter().map(|p| [Num(p[0]).value(), Num(p[1]).value()]).collect();
            let painting = Painting::Stroke {
                width: Num(*width).value(),
                dash: dash.map(|d| d.map(|v| Num(v).value())),
            };
            paths.push([(written, false)], *color, painting);
        }
        _ => {}
    }
}

/// The most primitives in one run of shapes of [`scene_part_to_pieces`].
const RUN_PRIMITIVES: usize = 256;

/// The root element's font attributes: the bundled fonts, then the system fonts found for
/// other scripts.
fn root_font() -> String {
    // Viewers that have the bundled CJK fallback (or the system fonts found for other scripts)
    // installed, or read the embedded ones, use them as the PNG export does.
    let system: String = crate::fonts::system_fonts()
        .iter()
        .map(|f| format!("'{}', ", escape_xml(&f.family).replace('\'', "&apos;")))
        .collect();
    format!(
        "font-family=\"{FONT_FAMILY}, '{}', {system}sans-serif\" font-weight=\"{FONT_WEIGHT}\"",
        crate::fonts::CJK.family,
    )
}

/// The XML declaration and the open root element of a document of `size`.
fn document_open(size: [f32; 2], root_font: &str, capacity: usize) -> String {
    let mut out = String::with_capacity(capacity);
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{w}\" height=\"{h}\" \
         viewBox=\"0 0 {w} {h}\" {root_font}>\n",
        w = Num(size[0]),
        h = Num(size[1]),
    );
    out
}

/// Writes the primitives `range` of `scene` as an SVG document of the scene's size, with the
/// background first when `background` is set. Rasterised one over the other, the parts
/// `0..n` (with background) and `n..` (without) give the pixels of the whole scene: a sequence
/// draws the part that does not change once.
pub fn scene_part_to_svg(
    scene: &Scene,
    range: std::ops::Range<usize>,
    background: bool,
    options: &SvgOptions,
) -> String {
    let primitives = scene.primitives.get(range).unwrap_or_default();
    let root_font = root_font();
    let mut out = document_open(scene.size, &root_font, 64 * 1024);
    if let Some(title) = &options.title {
        let _ = writeln!(out, "<title>{}</title>", escape_xml(title));
    }
    let texts: Vec<&Text> = primitives
        .iter()
        .filter_map(|p| match p {
            Primitive::Text(t) if text::visible(t) => Some(t),
            _ => None,
        })
        .collect();
    let mut outlines = match options.file {
        Some(SvgText::Text) => {
            let faces = fonts::subsets(texts.iter().map(|t| t.text.as_str()));
            out.push_str(&fonts::style_element(&faces, FONT_WEIGHT));
            Vec::new()
        }
        Some(SvgText::Outlines) => text::outlines(&texts, scene.size, &root_font),
        None => Vec::new(),
    }
    .into_iter();
    if background {
        out.push_str("<rect width=\"100%\" height=\"100%\"");
        paint(&mut out, "fill", scene.background);
        out.push_str("/>\n");
    }
    let mut i = 0;
    while i < primitives.len() {
        let primitive = &primitives[i];
        match (options.file, primitive) {
            (Some(_), Primitive::Polyline { width, color, dash, .. }) => {
                // The run of lines of this style, as one path.
                let same = |p: &Primitive| matches!(p, Primitive::Polyline { width: w, color: c, dash: d, .. } if w == width && c == color && d == dash);
                let run = primitives[i..].iter().take_while(|p| same(p)).count().max(1);
                land::merged_lines(&mut out, &primitives[i..i + run]);
                i += run;
                continue;
            }
            (Some(mode), Primitive::Text(t)) => {
                if text::visible(t) {
                    match mode {
                        SvgText::Text => text::write_for_file(&mut out, t, options.text_embolden, None),
                        SvgText::Outlines => {
                            if let Some(d) = outlines.next().flatten() {
                                text::write_outline(&mut out, t, &d, options.text_embolden);
                            }
                        }
                    }
                }
            }
            _ => write_primitive(&mut out, primitive, scene.size, options),
        }
        i += 1;
    }
    out.push_str("</svg>\n");
    out
}

fn write_primitive(out: &mut String, primitive: &Primitive, size: [f32; 2], options: &SvgOptions) {
    match primitive {
        Primitive::Land { mesh, transform, color } => {
            let decimals = if options.file.is_some() { 1 } else { RASTER_DECIMALS };
            land::land(out, mesh, *transform, *color, size, options.cull_land, decimals)
        }
        Primitive::Polyline {
            points: pts,
            width,
            color,
            dash,
        } => {
            if pts.len() < 2 || color.0[3] == 0 || *width <= 0.0 {
                return;
            }
            out.push_str("<polyline points=\"");
            points(out, pts);
            out.push_str("\" fill=\"none\"");
            paint(out, "stroke", *color);
            let _ = write!(out, " stroke-width=\"{}\" stroke-linejoin=\"round\"", Num(*width));
            if let Some([on, off]) = dash {
                let _ = write!(out, " stroke-dasharray=\"{} {}\"", Num(*on), Num(*off));
            }
            out.push_str("/>\n");
        }
        // The outline in order is the shape; SVG fills any outline, so the triangles are not needed.
        Primitive::Polygon { points: pts, fill } => {
            if pts.len() < 3 || fill.0[3] == 0 {
                return;
            }
            out.push_str("<polygon points=\"");
            points(out, pts);
            out.push('"');
            paint(out, "fill", *fill);
            out.push_str("/>\n");
        }
        Primitive::Area {
            ring,
            fill,
            stroke_width,
            stroke,
            dashed,
            ..
        } => {
            if ring.len() < 3 {
                return;
            }
            out.push_str("<polygon points=\"");
            points(out, ring);
            out.push('"');
            paint(out, "fill", *fill);
            if *stroke_width > 0.0 && stroke.0[3] > 0 {
                paint(out, "stroke", *stroke);
                let _ = write!(
                    out,
                    " stroke-width=\"{}\" stroke-linejoin=\"round\"",
                    Num(*stroke_width)
                );
                if *dashed {
                    let [on, off] = CIRCLE_DASH;
                    let _ = write!(out, " stroke-dasharray=\"{} {}\"", Num(on), Num(off));
                }
            }
            out.push_str("/>\n");
        }
        Primitive::Circle {
            center,
            radius,
            fill,
            stroke_width,
            stroke,
            dashed,
        } => {
            if *radius <= 0.0 {
                return;
            }
            let _ = write!(
                out,
                "<circle cx=\"{}\" cy=\"{}\" r=\"{}\"",
                Num(center[0]),
                Num(center[1]),
                Num(*radius)
            );
            paint(out, "fill", *fill);
            if *stroke_width > 0.0 && stroke.0[3] > 0 {
                paint(out, "stroke", *stroke);
                let _ = write!(out, " stroke-width=\"{}\"", Num(*stroke_width));
                if *dashed {
                    let [on, off] = CIRCLE_DASH;
                    let _ = write!(out, " stroke-dasharray=\"{} {}\"", Num(on), Num(off));
                }
            }
            out.push_str("/>\n");
        }
        Primitive::Rect {
            min,
            max,
            fill,
            stroke_width,
            stroke,
            corner,
        } => rect(out, *min, *max, *fill, *stroke_width, *stroke, *corner),
        Primitive::Text(t) => text::write_for_raster(out, t, options.text_embolden),
    }
}

/// A rectangle stroked on its inside, as egui's `StrokeKind::Inside`: the fill covers the whole
/// box and the stroke is drawn over it, inset by half its width.
fn rect(out: &mut String, min: [f32; 2], max: [f32; 2], fill: Rgba, stroke_width: f32, stroke: Rgba, corner: f32) {
    let (x0, y0) = (min[0].min(max[0]), min[1].min(max[1]));
    let (x1, y1) = (min[0].max(max[0]), min[1].max(max[1]));
    let (w, h) = (x1 - x0, y1 - y0);
    if w <= 0.0 || h <= 0.0 {
        return;
    }
    let corner = corner.clamp(0.0, w.min(h) / 2.0);
    if fill.0[3] > 0 {
        let _ = write!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"",
            Num(x0),
            Num(y0),
            Num(w),
            Num(h)
        );
        if corner > 0.0 {
            let _ = write!(out, " rx=\"{}\"", Num(corner));
        }
        paint(out, "fill", fill);
        out.push_str("/>\n");
    }
    let sw = stroke_width.min(w.min(h) / 2.0);
    if sw > 0.0 && stroke.0[3] > 0 {
        let inset = sw / 2.0;
        let _ = write!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"",
            Num(x0 + inset),
            Num(y0 + inset),
            Num(w - sw),
            Num(h - sw)
        );
        let r = corner - inset;
        if r > 0.0 {
            let _ = write!(out, " rx=\"{}\"", Num(r));
        }
        out.push_str(" fill=\"none\"");
        paint(out, "stroke", stroke);
        let _ = writeln!(out, " stroke-width=\"{}\"/>", Num(sw));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scene::{Align, LandMesh, Transform};
    use std::sync::Arc;

    fn text(s: &str, align: Align) -> Text {
        Text {
            anchor: [100.0, 50.0],
            align,
            text: s.to_string(),
            size: 20.0,
            color: Rgba::rgb(0, 0, 0),
            halo: None,
            italic: false,
            letter_spacing: 0.0,
            kind: Default::default(),
        }
    }

    fn scene(primitives: Vec<Primitive>) -> Scene {
        Scene {
            size: [200.0, 100.0],
            background: Rgba::rgb(1, 2, 3),
            primitives,
            markers: Vec::new(),
        }
    }

    #[test]
    fn numbers_have_at_most_two_decimals() {
        let s = |v: f32| Num(v).to_string();
        assert_eq!(s(12.0), "12");
        assert_eq!(s(12.5), "12.5");
        assert_eq!(s(12.345), "12.35");
        assert_eq!(s(-0.25), "-0.25");
        assert_eq!(s(-0.001), "0");
        assert_eq!(s(0.05), "0.05");
        assert_eq!(s(f32::NAN), "0");
        assert_eq!(s(1920.0), "1920");
    }

    #[test]
    fn opacity_from_alpha() {
        assert_eq!(Opacity(255).to_string(), "1");
        assert_eq!(Opacity(0).to_string(), "0");
        assert_eq!(Opacity(128).to_string(), "0.502");
        assert_eq!(Opacity(51).to_string(), "0.2");
    }

    #[test]
    fn escapes_markup_and_drops_control_characters() {
        assert_eq!(
            escape_xml("Tom & \"Jerry\" <'x'>\u{1}"),
            "Tom &amp; &quot;Jerry&quot; &lt;&apos;x&apos;&gt;"
        );
    }

    #[test]
    fn baselines_follow_egui_rows() {
        // One 20 px line centred on y = 50: a 24 px row from 38 to 62, baseline 0.9575 em down.
        let b = text_baselines(&text("Seoul", Align::LeftCenter));
        assert_eq!(b.len(), 1);
        assert!((b[0] - (38.0 + 19.15)).abs() < 0.01, "{b:?}");
        let two = text_baselines(&text("a\nb", Align::LeftTop));
        assert!((two[1] - two[0] - 24.0).abs() < 1e-4);
        assert!((two[0] - (50.0 + 19.15)).abs() < 0.01);
        let bottom = text_baselines(&text("a", Align::CenterBottom));
        assert!((bottom[0] - (26.0 + 19.15)).abs() < 0.01);
    }

    #[test]
    fn writes_every_kind_of_primitive() {
        let mesh = Arc::new(LandMesh {
            vertices: vec![[0.0, 0.0], [10.0, 0.0], [0.0, 10.0], [5000.0, 5000.0]],
            indices: vec![0, 1, 2, 3, 3, 3],
            rings: Vec::new(),
        });
        let svg = scene_to_svg(
            &scene(vec![
                Primitive::Land {
                    mesh,
                    transform: Transform {
                        scale: 1.0,
                        offset: [10.0, 60.0],
                    },
                    color: Rgba::rgb(255, 255, 255),
                },
                Primitive::Polyline {
                    points: vec![[0.0, 0.0], [10.5, 20.25]],
                    width: 1.5,
                    color: Rgba([255, 0, 0, 128]),
                    dash: Some([7.0, 4.0]),
                },
                Primitive::Circle {
                    center: [5.0, 5.0],
                    radius: 3.0,
                    fill: Rgba([0, 0, 0, 0]),
                    stroke_width: 1.0,
                    stroke: Rgba::rgb(0, 0, 0),
                    dashed: true,
                },
                Primitive::Rect {
                    min: [1.0, 1.0],
                    max: [51.0, 21.0],
                    fill: Rgba::rgb(255, 255, 255),
                    stroke_width: 1.0,
                    stroke: Rgba::rgb(9, 9, 9),
                    corner: 6.0,
                },
                Primitive::Polygon {
                    points: vec![[0.0, 0.0], [1.0, 0.0], [0.0, 1.0]],
                    fill: Rgba::rgb(0, 0, 255),
                },
                Primitive::Text(Text {
                    halo: Some(Rgba::rgb(255, 255, 255)),
                    italic: true,
                    letter_spacing: 1.0,
                    ..text("Yellow Sea & <Bo Hai>", Align::Center)
                }),
                Primitive::Text(text("two\nlines", Align::RightBottom)),
            ]),
            &SvgOptions::default(),
        );
        assert!(svg.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "));
        assert!(svg.ends_with("</svg>\n"));
        assert!(svg.contains("viewBox=\"0 0 200 100\""));
        assert!(svg.contains("<rect width=\"100%\" height=\"100%\" fill=\"#010203\"/>"));
        // The triangle far outside the picture is left out, the visible one turned clockwise.
        assert!(svg.contains("d=\"M10,60 10,50 20,60Z\""), "{svg}");
        assert!(svg.contains("stroke=\"#ff0000\" stroke-opacity=\"0.502\""));
        assert!(svg.contains("stroke-dasharray=\"7 4\""));
        assert!(svg.contains("stroke-dasharray=\"4 3\""));
        assert!(svg.contains("rx=\"6\""));
        assert!(svg.contains("<polygon points=\"0,0 1,0 0,1\" fill=\"#0000ff\"/>"));
        assert!(svg.contains("Yellow Sea &amp; &lt;Bo Hai&gt;"));
        assert!(svg.contains("stroke=\"#ffffff\" stroke-width=\"2.4\""));
        assert!(svg.contains("transform=\"matrix(1 0 -0.25 1 "));
        assert!(svg.contains("letter-spacing=\"1\""));
        assert!(svg.contains("text-anchor=\"end\""));
        // The italic text's halo and glyphs, and the two lines of the other text in one element.
        assert_eq!(svg.matches("<tspan").count(), 4);
    }

    #[test]
    fn output_is_deterministic() {
        let s = scene(vec![Primitive::Text(text("Pyongyang", Align::Center))]);
        let o = SvgOptions {
            title: Some("T".into()),
            ..SvgOptions::default()
        };
        assert_eq!(scene_to_svg(&s, &o), scene_to_svg(&s, &o));
    }
}
