//! The crossing of the Yalu as an arrow where a source names the crossing, the Northeast's outline
//! along the base map's Yalu, and a front that cannot be taken for the 38th parallel.

use chrono::NaiveDate;
use chronoatlas::chronicle::{self, Chronicle, FeatureKind};
use chronoatlas::map::basemap::{Basemap, Lod};
use chronoatlas::map::camera::Camera;
use chronoatlas::map::projection::Projection;
use chronoatlas::render::svg::{SvgOptions, scene_to_svg};
use chronoatlas::scene::{self, BaseLayers, Context, Layer, OverlayOptions, Primitive, Rgba, Scene, Style};
use chronoatlas::timeline::Timeline;
use chronoatlas::view_state::ViewState;

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

const SIZE: (f64, f64) = (1280.0, 800.0);

/// The paper over Korea on `on`, the war beneath it, in `style`; and where a point is drawn.
fn korea_on(on: &str, style: &Style, overlays: OverlayOptions) -> (Scene, impl Fn(f64, f64) -> [f32; 2]) {
    let main = Chronicle::embedded_default();
    let timeline = Timeline::new(&main);
    let layers: Vec<Layer> = chronicle::default_layers()
        .into_iter()
        .map(|(c, name)| Layer::new(c, name))
        .collect();
    let (w, s, e, n) = main.view("korean-peninsula").unwrap().bbox.to_tuple();
    let projection = Projection::for_extent(w, s, e, n);
    let mut camera = Camera::new((0.0, 0.0), 1.0, SIZE);
    camera.fit_lonlat(&projection, (w, s, e, n), SIZE, 24.0);
    let mut base = BaseLayers::new(projection, &main.map);
    let mut state = ViewState::new(&main, &timeline);
    state.go_to(day(on));
    let context = Context {
        layers: &layers,
        selected: None,
    };
    let scene = scene::compose_with_layers(&main, &timeline, context, &mut base, &camera, style, &state, overlays);
    let at = move |lon: f64, lat: f64| {
        let (x, y) = camera.world_to_screen(projection.forward(lon, lat));
        [x as f32, y as f32]
    };
    (scene, at)
}

/// Filled triangles of the arrows' colour.
fn arrowheads(scene: &Scene, style: &Style) -> Vec<Vec<[f32; 2]>> {
    scene
        .primitives
        .iter()
        .filter_map(|p| match p {
            Primitive::Polygon { points, fill } if *fill == style.front_other.with_alpha(255) && points.len() == 3 => {
                Some(points.clone())
            }
            _ => None,
        })
        .collect()
}

#[test]
fn the_crossing_at_andong_is_an_arrow_on_19_october_and_not_on_15_october() {
    let war = chronicle::default_layers().remove(0).0;
    let arrows: Vec<_> = war
        .map
        .features
        .iter()
        .filter(|f| f.kind == FeatureKind::Arrow)
        .collect();
    assert_eq!(arrows.len(), 1, "one crossing point is named by a source we could read");
    let arrow = arrows[0];
    assert!(arrow.keyframes.iter().all(|k| k.approximate && !k.citations.is_empty()));
    assert!(
        arrow.note.contains("Ji'an"),
        "the note says why no arrow is drawn upstream"
    );
    let tip = *arrow.keyframes[0].geometry[0].last().unwrap();

    let style = Style::atlas();
    let (scene, at) = korea_on("1950-10-19", &style, OverlayOptions::default());
    let heads = arrowheads(&scene, &style);
    assert_eq!(heads.len(), 1, "{heads:?}");
    let expected = at(tip[0], tip[1]);
    let drawn = heads[0][0];
    assert!(
        (drawn[0] - expected[0]).hypot(drawn[1] - expected[1]) < 1.0,
        "the head's tip {drawn:?} is at the arrow's last point {expected:?}"
    );
    // The shaft: a dashed line (approximate) of the same colour, ending at the head's base.
    assert!(scene.primitives.iter().any(|p| matches!(
        p,
        Primitive::Polyline { color, dash: Some(_), .. } if *color == style.front_other
    )));
    let svg = scene_to_svg(&scene, &SvgOptions::default());
    let [r, g, b, _] = style.front_other.0;
    let hex = format!("#{r:02x}{g:02x}{b:02x}");
    let svg_heads = |svg: &str| {
        svg.lines()
            .filter(|l| l.starts_with("<polygon") && l.contains(&format!("fill=\"{hex}\"")))
            .count()
    };
    assert_eq!(svg_heads(&svg), 1, "the SVG draws the head in {hex}");

    let (before, _) = korea_on("1950-10-15", &style, OverlayOptions::default());
    assert!(
        arrowheads(&before, &style).is_empty(),
        "no crossing drawn on 15 October"
    );
    assert_eq!(svg_heads(&scene_to_svg(&before, &SvgOptions::default())), 0);
    let (after, _) = korea_on("1950-10-26", &style, OverlayOptions::default());
    assert!(arrowheads(&after, &style).is_empty(), "shown until 25 October only");
}

/// Distance in km between two points given in degrees (haversine, on a sphere of 6371 km).
fn km(a: [f64; 2], b: [f64; 2]) -> f64 {
    let (p1, p2) = (a[1].to_radians(), b[1].to_radians());
    let dp = p2 - p1;
    let dl = (b[0] - a[0]).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

/// Distance in km from `p` to the segment `a`–`b`, measured in a local flat projection.
fn km_to_segment(p: [f64; 2], a: [f64; 2], b: [f64; 2]) -> f64 {
    let k = p[1].to_radians().cos();
    let flat = |q: [f64; 2]| [(q[0] - p[0]) * k, q[1] - p[1]];
    let (a, b) = (flat(a), flat(b));
    let (dx, dy) = (b[0] - a[0], b[1] - a[1]);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (-(a[0] * dx + a[1] * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let near = [a[0] + t * dx, a[1] + t * dy];
    km([0.0, 0.0], [near[0], near[1]])
}

fn km_to_line(p: [f64; 2], line: &[[f64; 2]]) -> f64 {
    line.windows(2)
        .map(|w| km_to_segment(p, w[0], w[1]))
        .fold(f64::INFINITY, f64::min)
}

#[test]
fn the_northeast_follows_the_base_maps_yalu_within_two_kilometres() {
    const WITHIN_KM: f64 = 2.0;
    let chronicle = Chronicle::embedded_default();
    let northeast = chronicle.place("northeast-china").unwrap();
    assert!(northeast.note.contains("approximate") && northeast.note.contains("scripts/northeast_outline.py"));
    let mut ring: Vec<[f64; 2]> = northeast.area.clone().unwrap();
    ring.push(ring[0]);
    let base = Basemap::embedded(Lod::Fine);
    let china = base.country_by_id("156").unwrap();
    let korea = base.country_by_id("408").unwrap();
    let border: Vec<[f64; 2]> = base
        .arcs()
        .iter()
        .filter(|a| {
            let sides = [a.left(), a.right()];
            sides.contains(&Some(china)) && sides.contains(&Some(korea))
        })
        .flat_map(|a| a.points().iter().map(|&(x, y)| [x, y]))
        .collect();
    assert!(border.len() > 100, "the base map has the Yalu and Tumen border");
    // Every point of the border (the Yalu and the Tumen) lies on the outline, within the
    // simplification; the hand-drawn outline strayed by tens of kilometres.
    let worst = border.iter().map(|&p| km_to_line(p, &ring)).fold(0.0, f64::max);
    assert!(worst < WITHIN_KM, "the outline strays {worst:.1} km from the border");
    // And the outline's points along the border lie on it.
    let (west, east) = border
        .iter()
        .fold((f64::MAX, f64::MIN), |(w, e), p| (w.min(p[0]), e.max(p[0])));
    let on_border: Vec<&[f64; 2]> = ring
        .iter()
        .filter(|p| p[0] > west + 0.2 && p[0] < east - 0.2 && p[1] < 43.0 && p[1] > 40.0)
        .collect();
    assert!(on_border.len() > 50, "{} points along the border", on_border.len());
    for p in on_border {
        let d = km_to_line(*p, &border);
        assert!(d < WITHIN_KM, "{p:?} is {d:.1} km from the border");
    }
}

/// CIE76 colour difference (ΔE*ab) between two sRGB colours, D65.
fn delta_e(a: Rgba, b: Rgba) -> f64 {
    fn lab(c: Rgba) -> [f64; 3] {
        let lin = |v: u8| {
            let v = v as f64 / 255.0;
            if v <= 0.04045 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        let [r, g, b] = [lin(c.0[0]), lin(c.0[1]), lin(c.0[2])];
        let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
        let y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
        let f = |t: f64| {
            if t > 0.008856 {
                t.cbrt()
            } else {
                7.787 * t + 16.0 / 116.0
            }
        };
        let (fx, fy, fz) = (f(x), f(y), f(z));
        [116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)]
    }
    let (p, q) = (lab(a), lab(b));
    ((p[0] - q[0]).powi(2) + (p[1] - q[1]).powi(2) + (p[2] - q[2]).powi(2)).sqrt()
}

#[test]
fn the_front_and_the_38th_parallel_differ_clearly_in_every_style() {
    for (name, style) in [
        ("atlas", Style::atlas()),
        ("projector light", Style::projector_light()),
        ("projector dark", Style::projector_dark()),
    ] {
        let d = delta_e(style.front, style.boundary_line);
        // ΔE 2 is a just-noticeable difference; 40 is two different hues at a glance.
        assert!(d > 40.0, "{name}: front and 38th parallel differ by ΔE {d:.1}");
        assert!(
            delta_e(style.front_other, style.boundary_line) > 20.0,
            "{name}: arrows and the parallel"
        );
    }
    // The old colours were ΔE ≈ 9 apart: the check can fail.
    assert!(delta_e(Rgba::rgb(176, 72, 66), Rgba::rgb(150, 60, 50)) < 40.0);
}

#[test]
fn the_fronts_name_is_kept_on_19_october_and_a_layer_event_gets_a_grey_callout() {
    let style = Style::projector_light();
    let (scene, _) = korea_on("1950-10-19", &style, OverlayOptions::presenting());
    assert!(
        scene.texts().any(|t| t.text == "Front line"),
        "{:?}",
        scene.texts().map(|t| &t.text).collect::<Vec<_>>()
    );
    let war = chronicle::default_layers().remove(0).0;
    let grey: Vec<&str> = scene
        .texts()
        .filter(|t| t.kind == scene::TextKind::Callout && t.italic && t.color == style.context_label)
        .map(|t| t.text.as_str())
        .collect();
    assert!(
        !grey.is_empty(),
        "a layer's event of the day is called out in grey italic"
    );
    for text in grey {
        let title = text.replace('\n', " ");
        assert!(
            war.events.iter().any(|e| e.title == title),
            "{title:?} is a title of the war's events"
        );
    }
}
