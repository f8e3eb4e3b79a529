//! The window's painter and the exports must not drift apart: one fixed scene drawn by the egui
//! painter (rendered by egui_kittest through wgpu; Mesa's llvmpipe on a machine without a GPU)
//! and written as SVG then rasterised by resvg must give nearly the same pixels, with the same
//! font bytes.

use chronoatlas::render::egui_painter::ScenePainter;
use chronoatlas::render::raster::{self, RgbaImage};
use chronoatlas::render::svg::{SvgOptions, scene_to_svg};
use chronoatlas::scene::{Align, LandMesh, Primitive, Rgba, Scene, Text, Transform};
use eframe::egui;
use egui_kittest::Harness;
use std::sync::Arc;

const W: u32 = 320;
const H: u32 = 200;

/// A small atlas page: water, a non-convex coast mesh, a translucent area, a coastline, a dashed
/// border, a non-convex region outline, a marker with a white rim, a dashed (uncertain) marker, a
/// date card and a haloed label.
fn fixed_scene(label_at: [f32; 2]) -> Scene {
    // An L-shaped land in world units (y north), placed on screen by the transform.
    let corners = [
        [20.0, 20.0],
        [180.0, 20.0],
        [180.0, 80.0],
        [80.0, 80.0],
        [80.0, 170.0],
        [20.0, 170.0],
        [20.0, 80.0],
    ];
    let land = LandMesh {
        vertices: corners.iter().map(|&[x, y]: &[f32; 2]| [x, -y]).collect(),
        indices: vec![0, 1, 2, 0, 2, 6, 6, 3, 4, 6, 4, 5],
        rings: Vec::new(),
    };
    let text = |text: &str, anchor: [f32; 2], size: f32, align: Align| {
        Primitive::Text(Text {
            anchor,
            align,
            text: text.into(),
            size,
            color: Rgba::rgb(40, 40, 40),
            halo: Some(Rgba::rgb(255, 255, 255)),
            italic: false,
            letter_spacing: 0.0,
            kind: Default::default(),
        })
    };
    Scene {
        size: [W as f32, H as f32],
        background: Rgba::rgb(200, 222, 240),
        primitives: vec![
            Primitive::Land {
                mesh: Arc::new(land),
                transform: Transform {
                    scale: 1.0,
                    offset: [0.0, 0.0],
                },
                color: Rgba::rgb(246, 243, 236),
            },
            Primitive::Polygon {
                points: vec![[200.0, 30.0], [290.0, 40.0], [280.0, 110.0], [210.0, 100.0]],
                fill: Rgba([213, 94, 0, 90]),
            },
            Primitive::Polyline {
                points: vec![[20.0, 20.0], [180.0, 20.0], [180.0, 80.0], [80.0, 80.0], [80.0, 170.0]],
                width: 1.5,
                color: Rgba::rgb(120, 120, 120),
                dash: None,
            },
            Primitive::Polyline {
                points: vec![[20.0, 125.0], [80.0, 125.0], [150.0, 118.0]],
                width: 2.0,
                color: Rgba::rgb(90, 90, 90),
                dash: Some([6.0, 4.0]),
            },
            // A region's outline with a notch: a convex fill would cover the notch.
            Primitive::area(
                &[
                    [90.0, 195.0],
                    [190.0, 195.0],
                    [190.0, 130.0],
                    [150.0, 170.0],
                    [90.0, 130.0],
                ],
                Rgba([0, 158, 115, 110]),
                1.0,
                Rgba::rgb(0, 158, 115),
                false,
            )
            .expect("five points make an area"),
            Primitive::Circle {
                center: [240.0, 150.0],
                radius: 8.0,
                fill: Rgba::rgb(213, 94, 0),
                stroke_width: 1.5,
                stroke: Rgba::rgb(255, 255, 255),
                dashed: false,
            },
            Primitive::Circle {
                center: [140.0, 150.0],
                radius: 10.0,
                fill: Rgba::rgb(0, 114, 178),
                stroke_width: 1.5,
                stroke: Rgba::rgb(255, 255, 255),
                dashed: true,
            },
            Primitive::Rect {
                min: [200.0, 165.0],
                max: [312.0, 194.0],
                fill: Rgba::rgb(255, 255, 255),
                stroke_width: 1.0,
                stroke: Rgba::rgb(150, 150, 150),
                corner: 4.0,
            },
            text("19 Oct 1950", [256.0, 179.5], 14.0, Align::Center),
            text("Pyongyang", label_at, 18.0, Align::Center),
        ],
        markers: Vec::new(),
    }
}

/// The scene as the window paints it: egui's painter, tessellated and rendered by wgpu.
fn painted(scene: &Scene) -> RgbaImage {
    let scene = scene.clone();
    let mut painter = ScenePainter::default();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(W as f32, H as f32))
        .with_pixels_per_point(1.0)
        .with_render_cursor(false)
        .build_ui(move |ui| {
            // The whole screen, past the margin the harness leaves around a test's ui.
            let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(W as f32, H as f32));
            painter.paint(&ui.painter().with_clip_rect(screen), egui::Pos2::ZERO, &scene);
        });
    harness.run();
    let image = harness
        .render()
        .expect("wgpu renders the harness (Mesa llvmpipe without a GPU)");
    assert_eq!((image.width(), image.height()), (W, H));
    RgbaImage {
        width: W,
        height: H,
        pixels: image.into_raw(),
    }
}

/// The scene as an export draws it: SVG rasterised by resvg.
fn exported(scene: &Scene) -> RgbaImage {
    raster::svg_to_rgba(&scene_to_svg(scene, &SvgOptions::default()), W, H).expect("the SVG rasterises")
}

/// Mean absolute difference per colour channel (0–255), and the share of pixels where some
/// channel differs by more than 40.
fn difference(a: &RgbaImage, b: &RgbaImage) -> (f64, f64) {
    assert_eq!((a.width, a.height), (b.width, b.height));
    let mut sum = 0u64;
    let mut far = 0usize;
    for (p, q) in a.pixels.chunks(4).zip(b.pixels.chunks(4)) {
        let d: Vec<u64> = (0..3)
            .map(|k| (p[k] as i32 - q[k] as i32).unsigned_abs() as u64)
            .collect();
        sum += d.iter().sum::<u64>();
        if d.iter().any(|&v| v > 40) {
            far += 1;
        }
    }
    let n = (a.width * a.height) as f64;
    (sum as f64 / (3.0 * n), far as f64 / n)
}

/// The bounds on [`difference`] within which two renderings count as the same picture.
fn close_enough(mean: f64, far: f64) -> bool {
    mean < 1.8 && far < 0.015
}

#[test]
fn the_export_embeds_exactly_eguis_own_font() {
    let fonts = chronoatlas::ui::fonts::definitions();
    let proportional = &fonts.families[&egui::FontFamily::Proportional];
    assert_eq!(proportional[0], "Ubuntu-Light", "the window's text font");
    // The window's text font, then its bundled fallbacks (after egui's emoji fonts), in order.
    let mut window: Vec<&str> = vec!["Ubuntu-Light"];
    window.extend(
        proportional
            .iter()
            .map(String::as_str)
            .filter(|n| chronoatlas::fonts::FALLBACKS.iter().any(|f| f.name == *n)),
    );
    assert_eq!(window, ["Ubuntu-Light", "NotoSansCJK-subset"]);

    let db = raster::font_database();
    let faces: Vec<_> = db.faces().collect();
    assert_eq!(faces.len(), window.len(), "the export knows the window's fonts only");
    for (face, name) in faces.iter().zip(&window) {
        let egui_bytes: &[u8] = fonts.font_data[*name].font.as_ref().as_ref();
        let (bytes, index) = db
            .with_face_data(face.id, |data, index| (data.to_vec(), index))
            .expect("the face has its data in memory");
        assert_eq!(index, 0);
        assert!(bytes == egui_bytes, "the export's {name} differs from the window's");
    }
}

#[test]
fn the_window_and_the_export_draw_the_same_picture() {
    let scene = fixed_scene([120.0, 50.0]);
    let (screen, export) = (painted(&scene), exported(&scene));
    let (mean, far) = difference(&screen, &export);
    eprintln!(
        "window vs export: mean {mean:.3} per channel, {:.3} % of pixels off by > 40",
        far * 100.0
    );
    // Antialiasing and glyph rasterisation differ by a fraction of a pixel along edges only
    // (measured on llvmpipe: mean 1.3, 1.2 % of pixels).
    assert!(close_enough(mean, far), "the window and the export drifted apart");

    // The same marker colours in the same places, not just a similar average.
    let at = |image: &RgbaImage, x: u32, y: u32| {
        let i = ((y * image.width + x) * 4) as usize;
        [image.pixels[i], image.pixels[i + 1], image.pixels[i + 2]]
    };
    // (165, 150) is in the notch of the region's outline, (170, 185) inside it.
    for (x, y) in [
        (240, 150),
        (140, 150),
        (100, 40),
        (250, 70),
        (10, 10),
        (256, 168),
        (165, 150),
        (170, 185),
    ] {
        let (a, b) = (at(&screen, x, y), at(&export, x, y));
        let close = a.iter().zip(b).all(|(p, q)| (*p as i32 - q as i32).abs() <= 3);
        assert!(close, "pixel ({x}, {y}): window {a:?}, export {b:?}");
    }

    // The bounds see a drift: the same scene with one label 30 px to the right fails them.
    let moved = exported(&fixed_scene([150.0, 50.0]));
    let (mean_moved, far_moved) = difference(&screen, &moved);
    eprintln!("moved label: mean {mean_moved:.3}, {:.3} % off", far_moved * 100.0);
    assert!(
        !close_enough(mean_moved, far_moved),
        "a moved label passed as the same picture"
    );
}
