//! The SVG file an export writes is one people can open elsewhere: the land as its outline (no
//! triangle slivers), lines merged by style, one text element per label, the fonts it uses
//! embedded as subsets (or the labels as outlines), under 1 MB for the Eurasia view, and it
//! draws, rasterised with resvg, what the PNG export of the same view shows.

use chrono::NaiveDate;
use chronoatlas::chronicle::{self, Chronicle};
use chronoatlas::export::{self, ExportRequest, ExportView, Renderer};
use chronoatlas::render::raster::{self, RgbaImage};
use chronoatlas::render::svg::{SvgOptions, SvgText, scene_to_svg};
use chronoatlas::scene::{Align, OverlayOptions, Primitive, Rgba, Scene, Style, Text};
use chronoatlas::timeline::Timeline;
use skrifa::MetadataProvider;
use std::path::Path;

const SIZE: (u32, u32) = (1920, 1080);

fn chen_jian() -> Chronicle {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/chen-jian-1992.chronicle.json");
    chronicle::load_file(&path).expect("the chronicle loads")
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(1950, 10, 19).unwrap()
}

/// The Eurasia view on 19 October 1950: its scene, its SVG files (text, outlines) and its PNG.
struct Eurasia {
    scene: Scene,
    text: String,
    outlines: String,
    png: RgbaImage,
}

fn eurasia() -> Eurasia {
    let chronicle = chen_jian();
    let timeline = Timeline::new(&chronicle);
    let view = ExportView::Named("eurasia".into());
    let renderer = |svg_text| {
        Renderer::new(
            &chronicle,
            &timeline,
            &view,
            SIZE,
            Style::atlas(),
            OverlayOptions::default(),
        )
        .unwrap()
        .with_svg_text(svg_text)
    };
    let mut text = renderer(SvgText::Text);
    let request = ExportRequest {
        view: view.clone(),
        ..ExportRequest::new(day(), SIZE)
    };
    Eurasia {
        scene: text.scene(day(), None).unwrap(),
        text: text.svg(day(), None).unwrap(),
        outlines: renderer(SvgText::Outlines).svg(day(), None).unwrap(),
        png: decode_png(&export::export_png(&chronicle, &timeline, &request).unwrap()),
    }
}

fn decode_png(bytes: &[u8]) -> RgbaImage {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder.read_info().expect("a PNG");
    let mut pixels = vec![0; reader.output_buffer_size().expect("a size")];
    let info = reader.next_frame(&mut pixels).expect("pixels");
    pixels.truncate(info.buffer_size());
    RgbaImage {
        width: info.width,
        height: info.height,
        pixels,
    }
}

/// Mean absolute difference per channel (0–255) and the share of pixels differing by more than
/// 64 in some channel.
fn difference(a: &RgbaImage, b: &RgbaImage) -> (f64, f64) {
    assert_eq!((a.width, a.height), (b.width, b.height));
    let mut sum = 0u64;
    let mut far = 0usize;
    for (p, q) in a.pixels.chunks(4).zip(b.pixels.chunks(4)) {
        let d: Vec<u8> = p.iter().zip(q).map(|(x, y)| x.abs_diff(*y)).collect();
        sum += d.iter().map(|&v| u64::from(v)).sum::<u64>();
        far += usize::from(d.iter().any(|&v| v > 64));
    }
    let n = (a.width * a.height) as f64;
    (sum as f64 / (n * 4.0), far as f64 / n)
}

fn count(svg: &str, needle: &str) -> usize {
    svg.matches(needle).count()
}

/// The embedded fonts: each `data:` URL's bytes, base64 read back.
fn embedded_fonts(svg: &str) -> Vec<Vec<u8>> {
    svg.split("base64,")
        .skip(1)
        .map(|rest| {
            let data: Vec<u8> = rest
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || b"+/=".contains(b))
                .collect();
            base64_decode(&data)
        })
        .collect()
}

fn base64_decode(data: &[u8]) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => c - b'A',
        b'a'..=b'z' => c - b'a' + 26,
        b'0'..=b'9' => c - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => panic!("not base64: {c}"),
    };
    let mut out = Vec::new();
    for chunk in data.chunks(4) {
        let digits: Vec<u8> = chunk.iter().filter(|&&c| c != b'=').map(|&c| value(c)).collect();
        let n = digits
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &d)| n | (u32::from(d) << (18 - 6 * i)));
        for k in 0..digits.len().saturating_sub(1) {
            out.push((n >> (16 - 8 * k)) as u8);
        }
    }
    out
}

/// Every visible character of `texts` is in one of the embedded fonts with a glyph.
fn assert_fonts_cover(svg: &str, texts: &[&str]) {
    let fonts = embedded_fonts(svg);
    assert!(!fonts.is_empty(), "no @font-face data");
    assert!(svg.contains("@font-face{font-family:\"Ubuntu\""));
    let faces: Vec<skrifa::FontRef> = fonts
        .iter()
        .map(|bytes| skrifa::FontRef::new(bytes).expect("an embedded font reads"))
        .collect();
    for c in texts.iter().flat_map(|t| t.chars()).filter(|c| !c.is_whitespace()) {
        assert!(
            faces
                .iter()
                .any(|f| f.charmap().map(c).is_some_and(|g| g.to_u32() != 0)),
            "{c:?} is in no embedded font"
        );
    }
}

#[test]
fn the_eurasia_svg_is_outlines_merged_texts_and_embedded_fonts() {
    let e = eurasia();
    let labels: Vec<&Text> = e.scene.texts().filter(|t| !t.text.trim().is_empty()).collect();
    println!(
        "Eurasia SVG: {} bytes with text and fonts, {} bytes as outlines; {} paths, {} labels",
        e.text.len(),
        e.outlines.len(),
        count(&e.text, "<path"),
        labels.len()
    );
    assert!(e.text.len() < 1_000_000, "{} bytes", e.text.len());
    assert!(e.outlines.len() < 1_000_000, "{} bytes", e.outlines.len());
    // The land is one path of rings, and lines of one style are one path: a few dozen paths,
    // none a triangle, no polylines left.
    assert!(count(&e.text, "<path") < 40, "{} paths", count(&e.text, "<path"));
    assert_eq!(count(&e.text, "<polyline"), 0);
    let land = e.text.split("<path").nth(1).expect("the land's path");
    assert!(land.starts_with(" fill=\"#f6f3ec\""), "{}", &land[..40]);
    let rings = count(land.split("/>").next().unwrap(), "z");
    assert!((1..2000).contains(&rings), "{rings} rings of land");
    // Each label is one text element.
    assert_eq!(count(&e.text, "<text"), labels.len());
    assert!(e.text.contains("paint-order=\"stroke\""), "halos under their text");
    let words: Vec<&str> = labels.iter().map(|t| t.text.as_str()).collect();
    assert_fonts_cover(&e.text, &words);
    // As outlines: no text at all, the words are gone into paths.
    assert_eq!(count(&e.outlines, "<text"), 0);
    assert!(!e.outlines.contains("@font-face"));
    assert!(count(&e.outlines, "<path") >= labels.len());
}

#[test]
fn the_eurasia_svg_rasterised_is_the_png() {
    let e = eurasia();
    let (w, h) = SIZE;
    for (name, svg, tolerance) in [("text", &e.text, 0.6), ("outlines", &e.outlines, 0.6)] {
        // resvg reads no @font-face: it draws with the same bundled fonts as the PNG export.
        let drawn = raster::svg_to_rgba(svg, w, h).expect("the SVG rasterises");
        let (mean, far) = difference(&drawn, &e.png);
        println!(
            "{name}: mean absolute difference {mean:.3} per channel, {:.3}% of pixels far off",
            far * 100.0
        );
        assert!(mean < tolerance, "{name}: mean {mean}");
        assert!(far < 0.005, "{name}: {far} of pixels far off");
    }
}

#[test]
fn names_in_other_scripts_are_embedded_and_drawn() {
    let names = ["北京", "평양", "Москва", "東京 とうきょう", "Pyŏngyang"];
    let scene = Scene {
        size: [400.0, 300.0],
        background: Rgba::rgb(255, 255, 255),
        primitives: names
            .iter()
            .enumerate()
            .map(|(i, name)| {
                Primitive::Text(Text {
                    anchor: [20.0, 30.0 + 50.0 * i as f32],
                    align: Align::LeftCenter,
                    text: (*name).into(),
                    size: 24.0,
                    halo: Some(Rgba::rgb(255, 255, 0)),
                    ..Text::default()
                })
            })
            .collect(),
        markers: Vec::new(),
    };
    let file = |svg_text| {
        scene_to_svg(
            &scene,
            &SvgOptions {
                file: Some(svg_text),
                ..SvgOptions::default()
            },
        )
    };
    let text = file(SvgText::Text);
    assert_eq!(count(&text, "<text"), names.len());
    assert_eq!(embedded_fonts(&text).len(), 2, "Ubuntu Light and the CJK font");
    assert_fonts_cover(&text, &names);
    let raster = raster::svg_to_rgba(&scene_to_svg(&scene, &SvgOptions::default()), 400, 300).unwrap();
    for svg in [text, file(SvgText::Outlines)] {
        let (mean, _) = difference(&raster::svg_to_rgba(&svg, 400, 300).unwrap(), &raster);
        assert!(mean < 1.5, "mean {mean}");
    }
}
