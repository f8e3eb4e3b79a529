//! Headless export: the public API (scene → SVG → PNG, frames, GIF) and the `export` / `frames`
//! commands run as a user runs them. Sizes are small except for one 3840×2160 check.

use chrono::NaiveDate;
use chronoatlas::chronicle::{Chronicle, GeoBox};
use chronoatlas::export::{self, ExportRequest, ExportView, FramesRequest};
use chronoatlas::map::camera::Camera;
use chronoatlas::map::projection::Projection;
use chronoatlas::render::raster::{self, RgbaImage};
use chronoatlas::render::svg::{SvgOptions, scene_to_svg};
use chronoatlas::scene::{Align, LandMesh, Marker, OverlayOptions, Primitive, Rgba, Scene, Style, Text, Transform};
use chronoatlas::timeline::Timeline;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Arc;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn setup() -> (Chronicle, Timeline) {
    let chronicle = Chronicle::embedded_default();
    let timeline = Timeline::new(&chronicle);
    (chronicle, timeline)
}

fn event_index(chronicle: &Chronicle, id: &str) -> usize {
    chronicle
        .events
        .iter()
        .position(|e| e.id == id)
        .unwrap_or_else(|| panic!("no event {id}"))
}

/// The Yalu crossing, selected, on its day, in the yalu-crossing view.
fn yalu_request(chronicle: &Chronicle, size: (u32, u32)) -> ExportRequest {
    ExportRequest {
        selected: Some(event_index(chronicle, "cpv-crosses-the-yalu")),
        view: ExportView::Named("yalu-crossing".into()),
        ..ExportRequest::new(day(1950, 10, 19), size)
    }
}

fn decode_png(bytes: &[u8]) -> RgbaImage {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    decoder.set_transformations(png::Transformations::EXPAND);
    let mut reader = decoder.read_info().expect("a PNG");
    let mut pixels = vec![0; reader.output_buffer_size().expect("a size")];
    let info = reader.next_frame(&mut pixels).expect("pixels");
    assert_eq!(info.color_type, png::ColorType::Rgba);
    pixels.truncate(info.buffer_size());
    RgbaImage {
        width: info.width,
        height: info.height,
        pixels,
    }
}

fn pixel(image: &RgbaImage, x: u32, y: u32) -> [u8; 4] {
    let i = ((y * image.width + x) * 4) as usize;
    image.pixels[i..i + 4].try_into().unwrap()
}

fn close(a: [u8; 4], b: Rgba, tolerance: i32) -> bool {
    (0..3).all(|k| (a[k] as i32 - b.0[k] as i32).abs() <= tolerance)
}

/// Pixels of `color` within `band` px of the circle of `radius` around `center` (image pixels).
fn ring_pixels(image: &RgbaImage, center: [f32; 2], radius: f32, band: f32, color: Rgba) -> usize {
    let mut n = 0;
    let (x0, x1) = (
        (center[0] - radius - band).max(0.0) as u32,
        (center[0] + radius + band) as u32,
    );
    let (y0, y1) = (
        (center[1] - radius - band).max(0.0) as u32,
        (center[1] + radius + band) as u32,
    );
    for y in y0..=y1.min(image.height - 1) {
        for x in x0..=x1.min(image.width - 1) {
            let d = (x as f32 + 0.5 - center[0]).hypot(y as f32 + 0.5 - center[1]);
            if (d - radius).abs() <= band && close(pixel(image, x, y), color, 40) {
                n += 1;
            }
        }
    }
    n
}

fn yalu_marker(scene: &Scene) -> &Marker {
    scene
        .markers
        .iter()
        .find(|m| m.place == "yalu")
        .unwrap_or_else(|| panic!("no marker at the Yalu: {:?}", scene.markers))
}

#[test]
fn png_exports_have_exactly_the_size_asked_for() {
    let (chronicle, timeline) = setup();
    for size in [(1920, 1080), (500, 300)] {
        let request = ExportRequest {
            view: ExportView::Named("korean-peninsula".into()),
            ..ExportRequest::new(day(1950, 10, 19), size)
        };
        let image = decode_png(&export::export_png(&chronicle, &timeline, &request).unwrap());
        assert_eq!((image.width, image.height), size);
    }
}

#[test]
fn the_selected_yalu_crossing_is_ringed_where_the_scene_puts_it() {
    let (chronicle, timeline) = setup();
    let request = yalu_request(&chronicle, (960, 540));
    let scene = export::render(&chronicle, &timeline, &request).unwrap();
    let marker = yalu_marker(&scene).clone();

    // The scene puts the Yalu where the view's projection and camera put it.
    let yalu = chronicle.place("yalu").unwrap();
    let (w, s, e, n) = chronicle.view("yalu-crossing").unwrap().bbox.to_tuple();
    let projection = Projection::for_extent(w, s, e, n);
    let mut camera = Camera::new((0.0, 0.0), 1.0, (960.0, 540.0));
    camera.fit_lonlat(&projection, (w, s, e, n), (960.0, 540.0), export::FIT_MARGIN);
    let (x, y) = camera.world_to_screen(projection.forward(yalu.lon, yalu.lat));
    assert!((x as f32 - marker.center[0]).abs() < 0.5 && (y as f32 - marker.center[1]).abs() < 0.5);

    let selected = Style::atlas().selected;
    let image = decode_png(&export::export_png(&chronicle, &timeline, &request).unwrap());
    let ringed = ring_pixels(&image, marker.center, marker.radius, 2.5, selected);
    let circumference = std::f32::consts::TAU * marker.radius;
    assert!(
        ringed as f32 > 0.4 * circumference,
        "{ringed} pixels of the selected colour on a ring of {circumference} px"
    );
    // Not selected, the ring is drawn in the thread's colour instead.
    let plain = ExportRequest {
        selected: None,
        ..request
    };
    let image = decode_png(&export::export_png(&chronicle, &timeline, &plain).unwrap());
    let ringed = ring_pixels(&image, marker.center, marker.radius, 2.5, selected);
    assert!(
        ringed < 20,
        "{ringed} pixels of the selected colour with nothing selected"
    );
}

#[test]
fn a_4k_export_is_the_1080p_layout_at_twice_the_scale() {
    let (chronicle, timeline) = setup();
    let hd = export::render(&chronicle, &timeline, &yalu_request(&chronicle, (1920, 1080))).unwrap();
    let request = yalu_request(&chronicle, (3840, 2160));
    let uhd = export::render(&chronicle, &timeline, &request).unwrap();
    assert_eq!(uhd.size, [1920.0, 1080.0]);
    assert_eq!(uhd.markers, hd.markers);
    assert_eq!(uhd.primitives.len(), hd.primitives.len());

    let image = decode_png(&export::export_png(&chronicle, &timeline, &request).unwrap());
    assert_eq!((image.width, image.height), (3840, 2160));
    let marker = yalu_marker(&uhd);
    let at_2x = [marker.center[0] * 2.0, marker.center[1] * 2.0];
    let selected = Style::atlas().selected;
    let ringed = ring_pixels(&image, at_2x, marker.radius * 2.0, 5.0, selected);
    let circumference = std::f32::consts::TAU * marker.radius * 2.0;
    assert!(ringed as f32 > 0.8 * circumference, "{ringed} on {circumference}");
    // At the 1:1 position (half the radius) there is no ring.
    let wrong = ring_pixels(&image, marker.center, marker.radius, 5.0, selected);
    assert!((wrong as f32) < 0.1 * circumference, "{wrong}");
}

#[test]
fn the_svg_carries_the_date_card_and_the_attribution() {
    let (chronicle, timeline) = setup();
    let svg = export::export_svg(&chronicle, &timeline, &yalu_request(&chronicle, (1280, 720))).unwrap();
    assert!(svg.contains(">Thursday, 19 October 1950<"), "no date card");
    assert!(svg.contains("Base map: Natural Earth."), "no attribution");
    assert!(svg.contains("width=\"1280\" height=\"720\" viewBox=\"0 0 1280 720\""));
    assert!(svg.contains("font-family=\"Ubuntu"));
    // Well-formed XML, and a document resvg reads.
    resvg::usvg::roxmltree::Document::parse(&svg).expect("well-formed XML");
    let image = raster::svg_to_rgba(&svg, 640, 360).unwrap();
    assert_eq!((image.width, image.height), (640, 360));
}

#[test]
fn the_same_state_exports_to_the_same_bytes() {
    let (chronicle, timeline) = setup();
    let request = yalu_request(&chronicle, (640, 360));
    let svg = |_| export::export_svg(&chronicle, &timeline, &request).unwrap();
    let png = |_| export::export_png(&chronicle, &timeline, &request).unwrap();
    assert!(svg(0) == svg(1), "SVG differs between two exports");
    assert!(png(0) == png(1), "PNG differs between two exports");
}

#[test]
fn a_camera_view_exports_what_the_camera_shows() {
    let (chronicle, timeline) = setup();
    let hd = export::render(&chronicle, &timeline, &yalu_request(&chronicle, (960, 540))).unwrap();
    let (w, s, e, n) = chronicle.view("yalu-crossing").unwrap().bbox.to_tuple();
    let projection = Projection::for_extent(w, s, e, n);
    let mut camera = Camera::new((0.0, 0.0), 1.0, (960.0, 540.0));
    camera.fit_lonlat(&projection, (w, s, e, n), (960.0, 540.0), export::FIT_MARGIN);
    let request = ExportRequest {
        view: ExportView::Camera { camera, projection },
        ..yalu_request(&chronicle, (960, 540))
    };
    let scene = export::render(&chronicle, &timeline, &request).unwrap();
    assert_eq!(yalu_marker(&scene), yalu_marker(&hd));
}

#[test]
fn bad_requests_are_refused_with_the_reason() {
    let (chronicle, timeline) = setup();
    let request = |view: ExportView, size| ExportRequest {
        view,
        ..ExportRequest::new(day(1950, 10, 19), size)
    };
    let e = export::render(
        &chronicle,
        &timeline,
        &request(ExportView::Named("mars".into()), (100, 100)),
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("mars") && e.contains("yalu-crossing"), "{e}");
    let e = export::render(
        &chronicle,
        &timeline,
        &request(ExportView::Bbox(GeoBox::new(120.0, 45.0, 130.0, 35.0)), (100, 100)),
    )
    .unwrap_err()
    .to_string();
    assert!(e.contains("south"), "{e}");
    let e = export::export_png(&chronicle, &timeline, &request(ExportView::Home, (0, 100))).unwrap_err();
    assert!(e.to_string().contains("0x100"), "{e}");
    let bad_event = ExportRequest {
        selected: Some(100_000),
        ..request(ExportView::Home, (100, 100))
    };
    assert!(export::render(&chronicle, &timeline, &bad_event).is_err());
}

/// A land mesh of many small triangles sharing edges at fractional positions: one path filled
/// as a whole leaves no hairline of the background between them.
#[test]
fn land_triangles_leave_no_seams() {
    let (cols, rows) = (37, 23);
    let mut vertices = Vec::new();
    for j in 0..=rows {
        for i in 0..=cols {
            vertices.push([i as f32 * 4.3 + (j % 3) as f32 * 0.37, j as f32 * 3.7]);
        }
    }
    let mut indices = Vec::new();
    let at = |i: u32, j: u32| j * (cols + 1) + i;
    for j in 0..rows {
        for i in 0..cols {
            // Alternate the diagonal and the winding, as a triangulator may.
            if (i + j) % 2 == 0 {
                indices.extend([at(i, j), at(i + 1, j), at(i + 1, j + 1)]);
                indices.extend([at(i, j), at(i + 1, j + 1), at(i, j + 1)]);
            } else {
                indices.extend([at(i, j), at(i, j + 1), at(i + 1, j)]);
                indices.extend([at(i + 1, j), at(i, j + 1), at(i + 1, j + 1)]);
            }
        }
    }
    let land = Rgba::rgb(246, 243, 236);
    let scene = Scene {
        size: [200.0, 100.0],
        background: Rgba::rgb(0, 0, 255),
        primitives: vec![Primitive::Land {
            mesh: Arc::new(LandMesh {
                vertices,
                indices,
                rings: Vec::new(),
            }),
            transform: Transform {
                scale: 1.0,
                offset: [10.3, 95.1],
            },
            color: land,
        }],
        markers: Vec::new(),
    };
    let svg = scene_to_svg(&scene, &SvgOptions::default());
    for scale in [1, 3] {
        let image = raster::svg_to_rgba(&svg, 200 * scale, 100 * scale).unwrap();
        // The mesh covers x 10.3..170.2 and y 10..95.1 (y flipped); look well inside it.
        let s = scale as f32;
        let mut seams = 0;
        for y in (15.0 * s) as u32..(90.0 * s) as u32 {
            for x in (15.0 * s) as u32..(165.0 * s) as u32 {
                if pixel(&image, x, y) != [246, 243, 236, 255] {
                    seams += 1;
                }
            }
        }
        assert_eq!(seams, 0, "{seams} pixels of seams at scale {scale}");
    }
}

/// Rendered text sits in the box `Text::bounds` gives it (which the label placer relies on),
/// for each alignment, italic or not.
#[test]
fn text_lands_in_its_bounds() {
    for (align, italic) in [
        (Align::Center, false),
        (Align::LeftCenter, true),
        (Align::RightBottom, false),
        (Align::LeftTop, false),
    ] {
        let text = Text {
            anchor: [150.0, 50.0],
            align,
            text: "Pyongyang Bay".into(),
            size: 20.0,
            color: Rgba::rgb(0, 0, 0),
            halo: None,
            italic,
            letter_spacing: 0.0,
            kind: Default::default(),
        };
        let [l, t, r, b] = text.bounds();
        let scene = Scene {
            size: [300.0, 100.0],
            background: Rgba::rgb(255, 255, 255),
            primitives: vec![Primitive::Text(text)],
            markers: Vec::new(),
        };
        let image = raster::svg_to_rgba(&scene_to_svg(&scene, &SvgOptions::default()), 300, 100).unwrap();
        let (mut x0, mut y0, mut x1, mut y1) = (u32::MAX, u32::MAX, 0, 0);
        for y in 0..100 {
            for x in 0..300 {
                if pixel(&image, x, y)[0] < 160 {
                    (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
                }
            }
        }
        let ink = [x0 as f32, y0 as f32, x1 as f32 + 1.0, y1 as f32 + 1.0];
        let inside = ink[0] >= l - 1.0 && ink[1] >= t - 1.0 && ink[2] <= r + 1.0 && ink[3] <= b + 1.0;
        assert!(
            inside,
            "{align:?} italic {italic}: ink {ink:?} outside bounds {:?}",
            [l, t, r, b]
        );
        // …and fills most of its width, so the estimate is not wildly wide either.
        assert!(
            ink[2] - ink[0] > 0.75 * (r - l),
            "{align:?}: ink {ink:?}, bounds {:?}",
            [l, t, r, b]
        );
    }
}

#[test]
fn frames_and_gif_cover_each_day() {
    let (chronicle, timeline) = setup();
    let dir = temp_dir("api-frames");
    let gif = dir.join("days.gif");
    let request = FramesRequest {
        view: ExportView::Named("korean-peninsula".into()),
        ..FramesRequest::new(day(1950, 10, 18), day(1950, 10, 19), (320, 180))
    };
    let frames = export::export_frames(&chronicle, &timeline, &request, &dir.join("frames"), Some(&gif)).unwrap();
    let names: Vec<_> = frames
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["frame-0001-1950-10-18.png", "frame-0002-1950-10-19.png"]);
    let last = decode_png(&std::fs::read(&frames[1]).unwrap());
    // A sequence keeps one legend card from day to day; the single export asks for the same.
    let direct = ExportRequest {
        view: request.view.clone(),
        overlays: OverlayOptions {
            steady_legend: true,
            ..OverlayOptions::default()
        },
        ..ExportRequest::new(day(1950, 10, 19), (320, 180))
    };
    assert_eq!(
        std::fs::read(&frames[1]).unwrap(),
        export::export_png(&chronicle, &timeline, &direct).unwrap(),
        "a frame is the export of its day"
    );
    assert_eq!((last.width, last.height), (320, 180));
    assert_eq!(gif_frames(&gif), (320, 180, 2));
    std::fs::remove_dir_all(&dir).ok();
}

// ---- the command line ----

fn chronoatlas(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chronoatlas"))
        .args(args)
        .output()
        .expect("binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("chronoatlas-export-{}-{name}", std::process::id()));
    std::fs::remove_dir_all(&dir).ok();
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Width, height and number of frames of a GIF file.
fn gif_frames(path: &Path) -> (u16, u16, usize) {
    let bytes = std::fs::read(path).unwrap();
    assert_eq!(&bytes[..6], b"GIF89a");
    let mut options = gif::DecodeOptions::new();
    options.set_color_output(gif::ColorOutput::Indexed);
    let mut decoder = options.read_info(std::io::Cursor::new(bytes)).unwrap();
    let (w, h) = (decoder.width(), decoder.height());
    let mut n = 0;
    while decoder.read_next_frame().unwrap().is_some() {
        n += 1;
    }
    (w, h, n)
}

/// A failure: exit code 2 and one line on stderr naming the problem.
fn assert_fails(out: &Output, needles: &[&str]) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    for needle in needles {
        assert!(err.contains(needle), "{needle:?} missing from {err}");
    }
}

#[test]
fn export_writes_png_and_svg() {
    let dir = temp_dir("cli-export");
    let png_path = dir.join("yalu.png");
    let out = chronoatlas(&[
        "export",
        "--date",
        "19 Oct 1950",
        "--view",
        "yalu-crossing",
        "--select",
        "cpv-crosses-the-yalu",
        "--size",
        "480x270",
        "-o",
        s(&png_path),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let bytes = std::fs::read(&png_path).unwrap();
    let image = decode_png(&bytes);
    assert_eq!((image.width, image.height), (480, 270));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Thursday, 19 October 1950"));
    // Another run, another process: the same bytes.
    let again = dir.join("again.png");
    let out = chronoatlas(&[
        "export",
        "--date",
        "1950-10-19",
        "--view",
        "yalu-crossing",
        "--select",
        "cpv-crosses-the-yalu",
        "--size",
        "480x270",
        "-o",
        s(&again),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(std::fs::read(&again).unwrap() == bytes, "two runs wrote different PNGs");

    let svg_path = dir.join("box.SVG");
    let out = chronoatlas(&[
        "export",
        "--date",
        "1950-10-19",
        "--bbox",
        "118,36,132,44",
        "--no-legend",
        "--size",
        "640x360",
        "-o",
        s(&svg_path),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    assert!(svg.contains("Thursday, 19 October 1950"));
    assert!(!svg.contains("Selected event"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn export_refuses_bad_input_in_one_line() {
    let dir = temp_dir("cli-errors");
    let out_png = dir.join("out.png");
    let o = s(&out_png);
    assert_fails(
        &chronoatlas(&["export", "--date", "1950-02-30", "-o", o]),
        &["--date", "1950-02-30"],
    );
    assert_fails(
        &chronoatlas(&["export", "--date", "1950-10-19", "--view", "atlantis", "-o", o]),
        &["atlantis", "korean-peninsula", "yalu-crossing"],
    );
    assert_fails(
        &chronoatlas(&["export", "--date", "1950-10-19", "--select", "no-such-event", "-o", o]),
        &["no-such-event"],
    );
    assert_fails(
        &chronoatlas(&["export", "--bbox", "120,45,130", "-o", o]),
        &["--bbox", "120,45,130"],
    );
    assert_fails(
        &chronoatlas(&["export", "--bbox", "120,45,130,35", "-o", o]),
        &["--bbox", "south"],
    );
    assert_fails(&chronoatlas(&["export", "--size", "big", "-o", o]), &["--size", "big"]);
    let missing = dir.join("no-such-folder").join("out.png");
    assert_fails(
        &chronoatlas(&["export", "--date", "1950-10-19", "-o", s(&missing)]),
        &["no-such-folder", "does not exist"],
    );
    assert_fails(
        &chronoatlas(&["export", "-o", s(&dir.join("out.jpg"))]),
        &["out.jpg", ".png"],
    );
    assert!(!out_png.exists(), "nothing is written on failure");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn frames_writes_a_png_per_day_and_a_gif() {
    let dir = temp_dir("cli-frames");
    let frames = dir.join("frames");
    let gif = dir.join("autumn.gif");
    let out = chronoatlas(&[
        "frames",
        "--from",
        "1950-10-15",
        "--to",
        "1950-10-19",
        "--view",
        "north-china-korea",
        "--size",
        "480x270",
        "-o",
        s(&frames),
        "--gif",
        s(&gif),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let mut names: Vec<String> = std::fs::read_dir(&frames)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "frame-0001-1950-10-15.png",
            "frame-0002-1950-10-16.png",
            "frame-0003-1950-10-17.png",
            "frame-0004-1950-10-18.png",
            "frame-0005-1950-10-19.png",
        ]
    );
    for name in &names {
        let image = decode_png(&std::fs::read(frames.join(name)).unwrap());
        assert_eq!((image.width, image.height), (480, 270));
    }
    assert_eq!(gif_frames(&gif), (480, 270, 5));

    assert_fails(
        &chronoatlas(&["frames", "--from", "1950-01-01", "--to", "1961-01-01", "-o", s(&frames)]),
        &["4019 frames", "3660"],
    );
    assert_fails(
        &chronoatlas(&["frames", "--from", "1950-10-19", "--to", "1950-10-01", "-o", s(&frames)]),
        &["before"],
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_picture_too_large_for_memory_is_refused_with_a_reason() {
    let chronicle = Chronicle::embedded_default();
    let timeline = Timeline::new(&chronicle);
    let request = ExportRequest::new(NaiveDate::from_ymd_opt(1950, 10, 19).unwrap(), (16384, 16384));
    let error = chronoatlas::export::export_png(&chronicle, &timeline, &request).unwrap_err();
    assert!(error.to_string().contains("100 megapixels"), "{error}");
}
