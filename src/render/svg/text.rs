//! Labels: for the rasteriser, the halo and the glyphs as two text elements (as they have
//! always been drawn); for a file, one text element per label with its halo as a stroke painted
//! under the fill (`paint-order`), or the glyphs' outlines as one path per label.

use super::path::PathData;
use super::{FONT_ASCENT, FONT_DESCENT, FONT_LINE_GAP, HALO_WIDTH, ITALIC_SLANT, Num, escape_xml, paint};
use crate::scene::{Align, Text};
use resvg::{tiny_skia, usvg};
use std::fmt::Write;

/// The baseline of each line of `text`, as egui lays the galley out: rows `size × LINE_HEIGHT`
/// high, the font's own height centred in each row, the galley placed by its alignment.
pub fn text_baselines(text: &Text) -> Vec<f32> {
    let lines = text.text.split('\n').count();
    let row = text.size * Text::LINE_HEIGHT;
    let height = row * lines as f32;
    let y = text.anchor[1];
    let top = match text.align {
        Align::LeftCenter | Align::Center | Align::RightCenter => y - height / 2.0,
        Align::LeftTop => y,
        Align::RightBottom | Align::CenterBottom => y - height,
    };
    let font_height = (FONT_ASCENT + FONT_DESCENT + FONT_LINE_GAP) * text.size;
    let first = top + FONT_ASCENT * text.size + 0.5 * (row - font_height);
    (0..lines).map(|i| first + row * i as f32).collect()
}

/// Whether a text draws anything.
pub(super) fn visible(text: &Text) -> bool {
    !text.text.trim().is_empty() && text.size > 0.0 && text.color.0[3] > 0
}

fn anchor_of(text: &Text) -> &'static str {
    match text.align {
        Align::LeftCenter | Align::LeftTop => "start",
        Align::Center | Align::CenterBottom => "middle",
        Align::RightCenter | Align::RightBottom => "end",
    }
}

/// The non-blank lines of `text` with their baselines.
fn lines(text: &Text) -> Vec<(&str, f32)> {
    text.text
        .split('\n')
        .zip(text_baselines(text))
        .filter(|(line, _)| !line.trim().is_empty())
        .collect()
}

/// The outline width that thickens opaque glyphs, none for translucent ones (an outline would
/// darken where it overlaps the fill).
fn embolden_of(text: &Text, embolden: f32) -> f32 {
    if text.color.0[3] == 255 { embolden.max(0.0) } else { 0.0 }
}

/// For the rasteriser: the halo beneath as a text element of its own, then the glyphs.
pub(super) fn write_for_raster(out: &mut String, text: &Text, embolden: f32) {
    if !visible(text) {
        return;
    }
    let anchor = anchor_of(text);
    let lines = lines(text);
    let embolden = embolden_of(text, embolden);
    let halo = text.halo.filter(|h| h.0[3] > 0);
    // Each italic line leans about its own baseline, so each is a text element of its own.
    let groups: Vec<&[(&str, f32)]> = if text.italic {
        lines.chunks(1).collect()
    } else {
        vec![&lines[..]]
    };
    for group in groups {
        let skew_about = if text.italic { group.first().map(|g| g.1) } else { None };
        if let Some(halo) = halo {
            // The halo beneath: the glyphs outlined in the halo colour.
            open_text(out, text, anchor, skew_about);
            paint(out, "fill", halo);
            paint(out, "stroke", halo);
            let _ = write!(out, " stroke-width=\"{}\" stroke-linejoin=\"round\">", Num(HALO_WIDTH));
            tspans(out, text.anchor[0], group, None);
            out.push_str("</text>\n");
        }
        open_text(out, text, anchor, skew_about);
        paint(out, "fill", text.color);
        if embolden > 0.0 {
            paint(out, "stroke", text.color);
            let _ = write!(out, " stroke-width=\"{}\" stroke-linejoin=\"round\"", Num(embolden));
        }
        out.push('>');
        tspans(out, text.anchor[0], group, None);
        out.push_str("</text>\n");
    }
}

/// The halo as a stroke painted before the fill, or else the thickening outline, as attributes.
fn label_paint(out: &mut String, text: &Text, embolden: f32) {
    paint(out, "fill", text.color);
    if let Some(halo) = text.halo.filter(|h| h.0[3] > 0) {
        paint(out, "stroke", halo);
        let _ = write!(
            out,
            " stroke-width=\"{}\" stroke-linejoin=\"round\" paint-order=\"stroke\"",
            Num(HALO_WIDTH)
        );
    } else {
        let embolden = embolden_of(text, embolden);
        if embolden > 0.0 {
            paint(out, "stroke", text.color);
            let _ = write!(out, " stroke-width=\"{}\" stroke-linejoin=\"round\"", Num(embolden));
        }
    }
}

/// For a file: the label as one text element, its lines as tspans. An italic label leans about
/// its first baseline, each further line moved right to lean about its own, as the rasteriser's
/// one element per line does.
pub(super) fn write_for_file(out: &mut String, text: &Text, embolden: f32, id: Option<usize>) {
    if !visible(text) {
        return;
    }
    let lines = lines(text);
    let skew_about = if text.italic { lines.first().map(|l| l.1) } else { None };
    open_text(out, text, anchor_of(text), skew_about);
    if let Some(id) = id {
        // Only for the outlining pass, which wants the glyphs alone.
        let _ = write!(out, " id=\"t{id}\"");
        paint(out, "fill", text.color);
    } else {
        label_paint(out, text, embolden);
    }
    out.push('>');
    tspans(out, text.anchor[0], &lines, skew_about);
    out.push_str("</text>\n");
}

/// `<text` with the size, anchor, spacing and italic skew of `text`, left open for paint.
fn open_text(out: &mut String, text: &Text, anchor: &str, skew_about: Option<f32>) {
    let _ = write!(out, "<text font-size=\"{}\"", Num(text.size));
    if anchor != "start" {
        let _ = write!(out, " text-anchor=\"{anchor}\"");
    }
    if text.letter_spacing != 0.0 {
        let _ = write!(out, " letter-spacing=\"{}\"", Num(text.letter_spacing));
    }
    if let Some(baseline) = skew_about {
        // x' = x − slant·(y − baseline): the tops of the glyphs lean right, the baseline stays.
        let _ = write!(
            out,
            " transform=\"matrix(1 0 {} 1 {} 0)\"",
            Num(-ITALIC_SLANT),
            Num(ITALIC_SLANT * baseline)
        );
    }
}

/// One tspan per line; with `skewed_about`, each line's x is moved to undo the lean its
/// distance from that baseline gives it.
fn tspans(out: &mut String, x: f32, lines: &[(&str, f32)], skewed_about: Option<f32>) {
    for (line, baseline) in lines {
        let shift = skewed_about.map_or(0.0, |about| ITALIC_SLANT * (baseline - about));
        let _ = write!(
            out,
            "<tspan x=\"{}\" y=\"{}\">{}</tspan>",
            Num(x + shift),
            Num(*baseline),
            escape_xml(line)
        );
    }
}

/// The glyph outlines of each of `texts`, as the rasteriser lays them out (same fonts, same
/// shaping), as path data in the document's coordinates; `None` where a text draws nothing.
pub(super) fn outlines(texts: &[&Text], size: [f32; 2], root_font: &str) -> Vec<Option<String>> {
    let mut doc = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{}\" height=\"{}\" {root_font}>\n",
        Num(size[0].max(1.0)),
        Num(size[1].max(1.0))
    );
    for (i, text) in texts.iter().enumerate() {
        write_for_file(&mut doc, text, 0.0, Some(i));
    }
    doc.push_str("</svg>\n");
    let options = usvg::Options {
        font_family: super::FONT_FAMILY.to_string(),
        fontdb: crate::render::raster::font_database(),
        ..usvg::Options::default()
    };
    let Ok(tree) = usvg::Tree::from_str(&doc, &options) else {
        return vec![None; texts.len()];
    };
    (0..texts.len())
        .map(|i| match tree.node_by_id(&format!("t{i}")) {
            Some(usvg::Node::Text(text)) => {
                let mut d = PathData::new(1);
                group_path(text.flattened(), &mut d);
                (!d.out.is_empty()).then_some(d.out)
            }
            _ => None,
        })
        .collect()
}

fn group_path(group: &usvg::Group, d: &mut PathData) {
    for node in group.children() {
        match node {
            usvg::Node::Group(g) => group_path(g, d),
            usvg::Node::Path(path) => {
                let t = path.abs_transform();
                let map = |p: tiny_skia::Point| [t.sx * p.x + t.kx * p.y + t.tx, t.ky * p.x + t.sy * p.y + t.ty];
                for segment in path.data().segments() {
                    match segment {
                        tiny_skia::PathSegment::MoveTo(p) => d.move_to(map(p)),
                        tiny_skia::PathSegment::LineTo(p) => d.line_to(map(p)),
                        tiny_skia::PathSegment::QuadTo(c, p) => d.quad_to(map(c), map(p)),
                        tiny_skia::PathSegment::CubicTo(c1, c2, p) => d.cubic_to(map(c1), map(c2), map(p)),
                        tiny_skia::PathSegment::Close => d.close(),
                    }
                }
            }
            _ => {}
        }
    }
}

/// A label as one path of its glyphs' outlines, painted as its text element would be.
pub(super) fn write_outline(out: &mut String, text: &Text, d: &str, embolden: f32) {
    out.push_str("<path");
    label_paint(out, text, embolden);
    let _ = writeln!(out, " d=\"{d}\"/>");
}
