//! A large picture is drawn in horizontal bands on separate threads. Each band draws the whole
//! document shifted by whole rows into its rows and an overlap around them, so the bands must
//! look like one pass: no seam, and only a few pixels a few levels apart, for any number of bands,
//! on the real maps (land, borders, labels, markers, callouts). The export is the banded picture.

use chrono::NaiveDate;
use chronoatlas::chronicle::Chronicle;
use chronoatlas::export::{self, ExportRequest, ExportView, Renderer};
use chronoatlas::render::raster;
use chronoatlas::scene::Style;
use chronoatlas::timeline::Timeline;

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// The SVG a PNG export rasterises (not the file form, whose labels embed their fonts).
fn raster_svg(chronicle: &Chronicle, timeline: &Timeline, request: &ExportRequest) -> String {
    let mut renderer = Renderer::new(
        chronicle,
        timeline,
        &request.view,
        request.size,
        request.style.clone(),
        request.overlays,
    )
    .unwrap()
    .with_caption(request.caption.clone());
    renderer.raster_svg(request.day, request.selected).unwrap()
}

fn drawn_in_bands(svg: &str, size: (u32, u32), bands: u32) -> Vec<u8> {
    let mut pixmap = raster::Pixmap::new(size.0, size.1).unwrap();
    raster::render_over_in_bands(svg, &mut pixmap, bands).unwrap();
    pixmap.take()
}

/// How many bytes of two pictures differ, and by at most how many levels.
fn difference(a: &[u8], b: &[u8]) -> (usize, u8) {
    let changed = a.iter().zip(b).filter(|(x, y)| x != y).count();
    let most = a.iter().zip(b).map(|(x, y)| x.abs_diff(*y)).max().unwrap_or(0);
    (changed, most)
}

/// The tolerance: tiny-skia starts an edge cut by a band's first row from that row rather than
/// from its own start, which moves its anti-aliasing by a few levels; nothing else may change.
const MAX_LEVELS: u8 = 12;
const MAX_CHANGED_BYTES_PER_MILLION: usize = 100;

fn bands_draw_as_one_pass_does(request: &ExportRequest) {
    let chronicle = Chronicle::embedded_default();
    let timeline = Timeline::new(&chronicle);
    let svg = raster_svg(&chronicle, &timeline, request);
    let one_pass = drawn_in_bands(&svg, request.size, 1);
    assert!(one_pass.chunks(4).any(|p| p[3] == 255), "the map drew nothing");
    for bands in [2, 3, 7] {
        let (changed, most) = difference(&one_pass, &drawn_in_bands(&svg, request.size, bands));
        eprintln!("{bands} bands: {changed} bytes changed, by at most {most} levels");
        assert!(most <= MAX_LEVELS, "{bands} bands changed a byte by {most} levels");
        assert!(
            changed * 1_000_000 <= one_pass.len() * MAX_CHANGED_BYTES_PER_MILLION,
            "{bands} bands changed {changed} of {} bytes",
            one_pass.len()
        );
    }
}

#[test]
fn bands_draw_the_eurasia_map_as_one_pass_does() {
    let request = ExportRequest {
        view: ExportView::Named("eurasia".into()),
        ..ExportRequest::new(day("1950-10-19"), (1920, 1080))
    };
    bands_draw_as_one_pass_does(&request);
}

#[test]
fn bands_draw_the_presenting_look_as_one_pass_does() {
    let request = ExportRequest {
        view: ExportView::Named("korean-peninsula".into()),
        style: Style::projector_dark(),
        selected: Chronicle::embedded_default()
            .events
            .iter()
            .position(|e| e.id == "cpv-crosses-the-yalu"),
        caption: Some("The Chinese People's Volunteers cross the Yalu".into()),
        ..ExportRequest::new(day("1950-10-19"), (1280, 720))
    };
    bands_draw_as_one_pass_does(&request);
}

/// The PNG export draws each label once into a picture of its own and composites it, where the
/// SVG it stands for draws the labels in place: the two differ only in rounding, by a few levels
/// on the labels' edges.
#[test]
fn the_png_export_is_the_rendered_svg_but_for_rounding() {
    let chronicle = Chronicle::embedded_default();
    let timeline = Timeline::new(&chronicle);
    let request = ExportRequest::new(day("1950-10-08"), (1920, 1080));
    let svg = raster_svg(&chronicle, &timeline, &request);
    let rendered = {
        let mut pixmap = raster::Pixmap::new(1920, 1080).unwrap();
        raster::render_over(&svg, &mut pixmap).unwrap();
        raster::pixmap_into_rgba(pixmap).pixels
    };
    let png = export::export_png(&chronicle, &timeline, &request).unwrap();
    let mut decoder = png::Decoder::new(std::io::Cursor::new(png));
    decoder.set_transformations(png::Transformations::IDENTITY);
    let mut reader = decoder.read_info().unwrap();
    let mut exported = vec![0; reader.output_buffer_size().unwrap()];
    reader.next_frame(&mut exported).unwrap();
    assert_eq!(exported.len(), rendered.len());
    let (changed, most) = difference(&rendered, &exported);
    eprintln!("{changed} bytes changed, by at most {most} levels");
    // Measured: 0.44% of the bytes, by at most 8 levels.
    assert!(most <= MAX_LEVELS, "a byte changed by {most} levels");
    assert!(
        changed * 100 <= rendered.len(),
        "{changed} of {} bytes changed",
        rendered.len()
    );
}

/// Land and lines are drawn as outlines straight with tiny-skia, not written as SVG and read
/// back: on the Eurasia map of a day, with thin (hairline), wide, dashed and faint lines added,
/// at 1:1 and at 4K, the outlines give the pixels resvg draws from the SVG document of the same
/// primitives, in one pass and in bands.
#[test]
fn outlines_draw_what_resvg_draws_from_their_svg() {
    use chronoatlas::render::svg::{RasterPiece, SvgOptions, scene_part_to_pieces, scene_part_to_svg};
    use chronoatlas::scene::{Primitive, Rgba};
    let chronicle = Chronicle::embedded_default();
    let timeline = Timeline::new(&chronicle);
    for size in [(1920, 1080), (3840, 2160)] {
        let request = ExportRequest {
            view: ExportView::Named("eurasia".into()),
            ..ExportRequest::new(day("1950-10-19"), size)
        };
        let mut scene = export::render(&chronicle, &timeline, &request).unwrap();
        scene
            .primitives
            .retain(|p| matches!(p, Primitive::Land { .. } | Primitive::Polyline { .. }));
        for k in 0..20 {
            let y = 100.0 + 40.0 * k as f32;
            scene.primitives.push(Primitive::Polyline {
                points: vec![[300.0, y], [900.33, y + 17.7], [1200.0, y - 60.0], [1203.0, y + 90.0]],
                width: [0.4, 1.0, 2.5, 6.0][k % 4],
                color: Rgba([200, 40, 90, [255, 120, 30][k % 3]]),
                dash: (k % 2 == 1).then_some([7.0, 4.0]),
            });
        }
        let all = 0..scene.primitives.len();
        let pieces = scene_part_to_pieces(&scene, all.clone(), true, &SvgOptions::default());
        assert!(
            pieces.iter().all(|p| matches!(p, RasterPiece::Paths(_))),
            "land and lines are all drawn as outlines"
        );
        let svg = scene_part_to_svg(&scene, all, true, &SvgOptions::default());
        let mut outlines = raster::new_pixmap(size.0, size.1).unwrap();
        raster::draw_pieces(&pieces, &mut outlines, &raster::LabelCache::new()).unwrap();
        let outlines = outlines.take();
        // The export draws in one band or in two by the picture's size: drawn the same way, the
        // SVG gives exactly the same bytes; the other way, the bands' own few levels.
        let changed: Vec<usize> = [1, 2]
            .into_iter()
            .map(|bands| {
                let (changed, most) = difference(&outlines, &drawn_in_bands(&svg, size, bands));
                eprintln!("{size:?}, SVG in {bands} band(s): {changed} bytes changed, by at most {most} levels");
                assert!(most <= MAX_LEVELS, "a byte changed by {most} levels");
                changed
            })
            .collect();
        assert_eq!(changed.iter().min(), Some(&0), "{size:?}: {changed:?} bytes changed");
        assert!(
            changed
                .iter()
                .all(|&n| n <= outlines.len() * MAX_CHANGED_BYTES_PER_MILLION / 1_000_000)
        );
    }
}
