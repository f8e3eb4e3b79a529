//! Camera tests, compiled into the `map_projection` test target.

use super::{EURASIA, dist, eurasia};
use chronoatlas::map::camera::{Camera, MAX_CENTER_KM, MAX_PIXELS_PER_KM, MIN_PIXELS_PER_KM, WorldBox};
use chronoatlas::map::projection::Projection;
use proptest::prelude::*;

fn assert_sane(c: &Camera) {
    let s = c.pixels_per_km();
    assert!((MIN_PIXELS_PER_KM..=MAX_PIXELS_PER_KM).contains(&s), "{c:?}");
    assert!(c.center().0.is_finite() && c.center().1.is_finite(), "{c:?}");
    let b = c.visible_world_bbox();
    assert!(
        [b.min.0, b.min.1, b.max.0, b.max.1].iter().all(|v| v.is_finite()),
        "{c:?}"
    );
}

#[test]
fn camera_maps_screen_and_world_both_ways() {
    let c = Camera::new((1200.0, -300.0), 0.25, (1920.0, 1080.0));
    assert_eq!(c.world_to_screen((1200.0, -300.0)), (960.0, 540.0));
    // North is up.
    assert!(c.world_to_screen((1200.0, 0.0)).1 < 540.0);
    for p in [(0.0, 0.0), (17.5, 1000.0), (1919.0, 3.0)] {
        let back = c.world_to_screen(c.screen_to_world(p));
        assert!(dist(back, p) < 1e-9, "{p:?} -> {back:?}");
    }
    let b = c.visible_world_bbox();
    assert!((b.width() - 1920.0 / 0.25).abs() < 1e-9 && (b.height() - 1080.0 / 0.25).abs() < 1e-9);
}

#[test]
fn zoom_keeps_the_point_under_the_cursor() {
    let mut c = Camera::new((0.0, 0.0), 0.1, (800.0, 600.0));
    let cursor = (650.0, 120.0);
    let under = c.screen_to_world(cursor);
    for factor in [1.5, 0.2, 1e12, 1e-12] {
        c.zoom_about(cursor, factor);
        assert!(dist(c.world_to_screen(under), cursor) < 1e-6, "after ×{factor}: {c:?}");
        assert_sane(&c);
    }
    assert_eq!(c.pixels_per_km(), MIN_PIXELS_PER_KM);
    c.zoom_about(cursor, 1e300);
    assert_eq!(c.pixels_per_km(), MAX_PIXELS_PER_KM);
}

#[test]
fn panning_drags_the_content_with_the_pointer() {
    let mut c = Camera::new((0.0, 0.0), 0.5, (800.0, 600.0));
    let before = c.world_to_screen((100.0, 100.0));
    c.pan_by_pixels(30.0, -12.0);
    let after = c.world_to_screen((100.0, 100.0));
    assert!(dist(after, (before.0 + 30.0, before.1 - 12.0)) < 1e-9);
}

#[test]
fn fit_puts_the_box_inside_the_viewport_with_its_margin() {
    let p = eurasia();
    let mut c = Camera::default();
    c.fit_lonlat(&p, EURASIA, (1280.0, 720.0), 40.0);
    let (w, s, e, n) = EURASIA;
    let mut touches = false;
    for i in 0..=20 {
        let lon = w + (e - w) * i as f64 / 20.0;
        let lat = s + (n - s) * i as f64 / 20.0;
        for ll in [(lon, s), (lon, n), (w, lat), (e, lat)] {
            let (x, y) = c.world_to_screen(p.forward(ll.0, ll.1));
            assert!(
                (39.999..=1240.001).contains(&x) && (39.999..=680.001).contains(&y),
                "{ll:?} at ({x}, {y})"
            );
            touches |= (x - 40.0).abs() < 1e-6 || (y - 40.0).abs() < 1e-6 || (y - 680.0).abs() < 1e-6;
        }
    }
    assert!(touches, "the box should fill the viewport on one axis");
    // The conic's parallels are arcs round the pole: the southern edge sags well below its
    // corners, and the loop above found that sag inside the margin too.
    let bottom_middle = c.world_to_screen(p.forward(89.0, 20.0)).1;
    assert!(bottom_middle > c.world_to_screen(p.forward(28.0, 20.0)).1 + 10.0);
    // Centred and filling exactly on a plain world box.
    let bbox = WorldBox {
        min: (-100.0, 50.0),
        max: (300.0, 150.0),
    };
    c.fit(bbox, (500.0, 500.0), 50.0);
    assert_eq!(c.world_to_screen(bbox.center()), (250.0, 250.0));
    assert!((c.pixels_per_km() - 1.0).abs() < 1e-12);
    // Resizing keeps the centre.
    c.set_viewport((900.0, 300.0));
    assert_eq!(c.center(), bbox.center());
}

#[test]
fn fit_across_the_antimeridian_centres_on_it() {
    let p = Projection::for_extent(170.0, 50.0, -170.0, 66.0);
    let mut c = Camera::default();
    c.fit_lonlat(&p, (170.0, 50.0, -170.0, 66.0), (800.0, 600.0), 20.0);
    assert!(c.center().0.abs() < 1e-6);
    assert!((c.visible_world_bbox().width() - 800.0 / c.pixels_per_km()).abs() < 1e-6);
    assert!(
        c.visible_world_bbox().width() < 3000.0,
        "a 20° box, not the whole globe"
    );
}

#[test]
fn degenerate_camera_inputs_never_give_nan() {
    let mut c = Camera::new((f64::NAN, f64::INFINITY), 0.0, (-5.0, f64::NAN));
    assert_sane(&c);
    assert_eq!(c.viewport(), (0.0, 0.0));
    c.fit(
        WorldBox {
            min: (0.0, 0.0),
            max: (1000.0, 1000.0),
        },
        (0.0, 0.0),
        10.0,
    );
    assert_sane(&c);
    c.fit(
        WorldBox {
            min: (5.0, 5.0),
            max: (5.0, 5.0),
        },
        (800.0, 600.0),
        0.0,
    );
    assert_sane(&c);
    assert_eq!(c.center(), (5.0, 5.0));
    for f in [0.0, -2.0, f64::NAN, f64::INFINITY, 1e308, 1e-308] {
        c.zoom_about((400.0, 300.0), f);
        assert_sane(&c);
    }
    c.pan_by_pixels(1e308, -1e308);
    c.pan_by_pixels(f64::NAN, 3.0);
    assert_sane(&c);
    c.set_viewport((1e300, 1e300));
    assert_sane(&c);
    let p = eurasia();
    c.fit_lonlat(&p, (0.0, 90.0, 0.0, 90.0), (0.0, 0.0), 1e9);
    assert_sane(&c);
}

#[test]
fn camera_survives_a_save_and_rejects_a_damaged_one() {
    let c = Camera::new((10.0, -20.0), 0.3, (640.0, 480.0));
    let json = serde_json::to_string(&c).unwrap();
    assert_eq!(serde_json::from_str::<Camera>(&json).unwrap(), c);
    let damaged: Camera = serde_json::from_str(r#"{"pixels_per_km": -1.0, "center": [1e300, 0.0]}"#).unwrap();
    assert_sane(&damaged);
}

proptest! {
    #[test]
    fn prop_camera_round_trip(
        cx in -2e4..2e4f64,
        cy in -2e4..2e4f64,
        log_scale in -3.0..3.0f64,
        sx in -500.0..2500.0f64,
        sy in -500.0..1500.0f64,
        factor in 0.01..100.0f64,
    ) {
        let mut c = Camera::new((cx, cy), 10f64.powf(log_scale), (1920.0, 1080.0));
        let back = c.world_to_screen(c.screen_to_world((sx, sy)));
        prop_assert!(dist(back, (sx, sy)) < 1e-6);
        let under = c.screen_to_world((sx, sy));
        c.zoom_about((sx, sy), factor);
        // The point under the cursor stays put unless keeping it there needs a centre
        // beyond MAX_CENTER_KM (far out at the smallest zoom), where the centre is clamped.
        let s = c.pixels_per_km();
        let wanted = (under.0 - (sx - 960.0) / s, under.1 + (sy - 540.0) / s);
        if wanted.0.abs() < MAX_CENTER_KM && wanted.1.abs() < MAX_CENTER_KM {
            let tol = 1e-9 * (1.0 + under.0.abs().max(under.1.abs())) * s + 1e-6;
            prop_assert!(dist(c.world_to_screen(under), (sx, sy)) < tol);
        } else {
            prop_assert!(c.center().0.abs() <= MAX_CENTER_KM && c.center().1.abs() <= MAX_CENTER_KM);
        }
    }
}
