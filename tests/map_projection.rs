//! Projections and the camera, through the public API (camera tests in `map_projection/camera.rs`).

use chronoatlas::map::projection::{EARTH_RADIUS_KM, Projection, great_circle, lon_span, wrap_lon};
use proptest::prelude::*;

#[path = "map_projection/camera.rs"]
mod camera;

const BEIJING: (f64, f64) = (116.40, 39.90);
const MOSCOW: (f64, f64) = (37.62, 55.75);
/// Eurasia from the Black Sea to Korea.
const EURASIA: (f64, f64, f64, f64) = (28.0, 20.0, 150.0, 62.0);

fn eurasia() -> Projection {
    let (w, s, e, n) = EURASIA;
    Projection::for_extent(w, s, e, n)
}

/// A spread of projections: conics north and south of the equator, a flat cone, and Equal Earth.
fn projections() -> Vec<Projection> {
    vec![
        eurasia(),
        Projection::for_extent(110.0, -45.0, 155.0, -10.0),
        Projection::LambertConformalConic {
            central_meridian: -100.0,
            origin_latitude: 0.0,
            parallel_1: -20.0,
            parallel_2: 20.0,
        },
        Projection::AlbersEqualArea {
            central_meridian: 10.0,
            origin_latitude: 50.0,
            parallel_1: 40.0,
            parallel_2: 60.0,
        },
        Projection::AlbersEqualArea {
            central_meridian: 0.0,
            origin_latitude: 0.0,
            parallel_1: -30.0,
            parallel_2: 30.0,
        },
        Projection::EqualEarth { central_meridian: 0.0 },
        Projection::EqualEarth {
            central_meridian: 150.0,
        },
    ]
}

/// Longitude difference the short way round, in degrees.
fn lon_diff(a: f64, b: f64) -> f64 {
    wrap_lon(a - b, 0.0).abs()
}

fn dist((ax, ay): (f64, f64), (bx, by): (f64, f64)) -> f64 {
    (ax - bx).hypot(ay - by)
}

fn assert_round_trip(p: &Projection, lon: f64, lat: f64) {
    let (x, y) = p.forward(lon, lat);
    assert!(x.is_finite() && y.is_finite(), "{p:?} ({lon}, {lat}) -> ({x}, {y})");
    let (lon2, lat2) = p.inverse(x, y);
    assert!(
        (lat2 - lat).abs() < 1e-6 && lon_diff(lon2, lon) < 1e-6,
        "{p:?}: ({lon}, {lat}) -> ({lon2}, {lat2})"
    );
}

#[test]
fn round_trips_over_a_grid() {
    for p in projections() {
        let max_lat = if matches!(p, Projection::EqualEarth { .. }) {
            90
        } else {
            89
        };
        for lon in (-180..180).step_by(5) {
            for lat in -max_lat..=max_lat {
                assert_round_trip(&p, lon as f64, lat as f64);
            }
        }
    }
}

#[test]
fn conics_stay_finite_at_the_poles_and_the_far_side() {
    for p in projections() {
        for (lon, lat) in [
            (0.0, 90.0),
            (0.0, -90.0),
            (180.0, -90.0),
            (-180.0, 90.0),
            (179.999, -89.9),
        ] {
            let (x, y) = p.forward(p.central_meridian() + lon, lat);
            assert!(x.is_finite() && y.is_finite(), "{p:?} at ({lon}, {lat})");
            let (lon2, lat2) = p.inverse(x, y);
            assert!(lon2.is_finite() && lat2.is_finite());
        }
        let (lon, lat) = p.inverse(1e9, -1e9);
        assert!(lon.is_finite() && lat.is_finite(), "{p:?} far outside the map");
    }
}

#[test]
fn lcc_has_true_scale_along_its_standard_parallels() {
    let p = eurasia();
    let Projection::LambertConformalConic {
        parallel_1, parallel_2, ..
    } = p
    else {
        panic!("Eurasia should get a Lambert conic, got {p:?}");
    };
    for lat in [parallel_1, parallel_2] {
        for lon in [60.0, 89.0, 140.0] {
            let d = dist(p.forward(lon, lat), p.forward(lon + 1.0, lat));
            // On the sphere of radius 6371 km one degree is 111.195 km; 111.32 is the WGS84
            // equatorial figure. The projection must match the former and be near the latter.
            let sphere = EARTH_RADIUS_KM.to_radians() * lat.to_radians().cos();
            assert!((d / sphere - 1.0).abs() < 1e-4, "at {lat}: {d} vs {sphere}");
            assert!((d / (111.32 * lat.to_radians().cos()) - 1.0).abs() < 2e-3);
        }
    }
}

/// Area of a 1°×1° cell with its south-west corner at (lon, lat), by the shoelace formula over
/// its projected outline (edges sampled, so curved meridians count).
fn cell_area(p: &Projection, lon: f64, lat: f64) -> f64 {
    let steps = 16;
    let mut ring = Vec::new();
    for i in 0..steps {
        ring.push((lon + i as f64 / steps as f64, lat));
    }
    for i in 0..steps {
        ring.push((lon + 1.0, lat + i as f64 / steps as f64));
    }
    for i in 0..steps {
        ring.push((lon + 1.0 - i as f64 / steps as f64, lat + 1.0));
    }
    for i in 0..steps {
        ring.push((lon, lat + 1.0 - i as f64 / steps as f64));
    }
    let pts: Vec<_> = ring.iter().map(|&(lo, la)| p.forward(lo, la)).collect();
    let twice: f64 = (0..pts.len())
        .map(|i| {
            let (a, b) = (pts[i], pts[(i + 1) % pts.len()]);
            a.0 * b.1 - b.0 * a.1
        })
        .sum();
    twice.abs() / 2.0
}

#[test]
fn equal_earth_preserves_area() {
    let p = Projection::EqualEarth { central_meridian: 0.0 };
    let equator = cell_area(&p, 20.0, 0.0);
    let north = cell_area(&p, 20.0, 60.0);
    // A cell's area on the sphere is R²·Δλ·(sin φ2 − sin φ1), nearly R²·Δλ·Δφ·cos(mid-latitude).
    let ratio_by_cos = 60.5_f64.to_radians().cos() / 0.5_f64.to_radians().cos();
    assert!(
        (north / equator / ratio_by_cos - 1.0).abs() < 1e-3,
        "{}",
        north / equator
    );
    let exact = EARTH_RADIUS_KM.powi(2) * 1f64.to_radians() * 1f64.to_radians().sin();
    assert!((equator / exact - 1.0).abs() < 1e-3, "{equator} vs {exact}");
    // A conformal conic, by contrast, does not keep the ratio (its scale grows away from 27–55°N).
    let lcc = eurasia();
    let r = cell_area(&lcc, 20.0, 60.0) / cell_area(&lcc, 20.0, 0.0);
    assert!((r / ratio_by_cos - 1.0).abs() > 0.1, "{r} {ratio_by_cos}");
}

#[test]
fn moscow_is_west_and_north_of_beijing_on_the_eurasia_map() {
    let p = eurasia();
    let moscow = p.forward(MOSCOW.0, MOSCOW.1);
    let beijing = p.forward(BEIJING.0, BEIJING.1);
    assert!(
        moscow.0 < beijing.0 && moscow.1 > beijing.1,
        "{moscow:?} vs {beijing:?}"
    );
    // The great-circle distance is about 5 800 km; a conformal regional map is close.
    let d = dist(moscow, beijing);
    assert!((5500.0..6100.0).contains(&d), "{d}");
}

#[test]
fn for_extent_picks_a_suitable_projection() {
    assert_eq!(
        Projection::for_extent(-180.0, -90.0, 180.0, 90.0),
        Projection::EqualEarth { central_meridian: 0.0 }
    );
    assert!(matches!(
        Projection::for_extent(-20.0, -40.0, 55.0, 38.0),
        Projection::EqualEarth { .. }
    ));
    let Projection::LambertConformalConic {
        central_meridian,
        origin_latitude,
        parallel_1,
        parallel_2,
    } = eurasia()
    else {
        panic!("expected a Lambert conic for Eurasia");
    };
    assert!((central_meridian - 89.0).abs() < 1e-9);
    assert!((origin_latitude - 41.0).abs() < 1e-9);
    assert!((parallel_1 - 27.0).abs() < 1e-9 && (parallel_2 - 55.0).abs() < 1e-9);
    // Across the antimeridian: 170°E to 170°W is 20° wide and centred on 180°.
    let bering = Projection::for_extent(170.0, 50.0, -170.0, 66.0);
    assert!(matches!(bering, Projection::LambertConformalConic { .. }));
    assert!((bering.central_meridian().abs() - 180.0).abs() < 1e-9);
    assert!(bering.forward(180.0, 58.0).0.abs() < 1e-6);
    assert!(bering.forward(175.0, 58.0).0 < 0.0 && bering.forward(-175.0, 58.0).0 > 0.0);
    assert_eq!(lon_span(170.0, -170.0), 20.0);
    assert_eq!(lon_span(-180.0, 180.0), 360.0);
}

#[test]
fn wrap_lon_measures_from_the_centre() {
    assert_eq!(wrap_lon(190.0, 0.0), -170.0);
    assert_eq!(wrap_lon(-170.0, 180.0), 190.0);
    assert_eq!(wrap_lon(180.0, 0.0), -180.0);
    assert_eq!(wrap_lon(725.0, 0.0), 5.0);
}

fn longest_segment(parts: &[Vec<(f64, f64)>]) -> f64 {
    parts
        .iter()
        .flat_map(|part| part.windows(2).map(|w| dist(w[0], w[1])))
        .fold(0.0, f64::max)
}

#[test]
fn lines_are_cut_at_the_seam_only() {
    let line = [(160.0, 50.0), (170.0, 52.0), (-170.0, 54.0), (-160.0, 55.0)];
    let centred_on_0 = [
        Projection::EqualEarth { central_meridian: 0.0 },
        Projection::for_extent(-30.0, 30.0, 30.0, 70.0),
    ];
    for p in centred_on_0 {
        let parts = p.project_line(&line);
        assert_eq!(parts.len(), 2, "{p:?}: {parts:?}");
        assert_eq!(parts.iter().map(Vec::len).sum::<usize>(), 6, "two seam points added");
        let whole = p.forward(160.0, 50.0).0.abs() * 2.0;
        assert!(
            longest_segment(&parts) < 0.1 * whole,
            "{p:?}: a segment streaks across the map"
        );
        // Both cut ends sit on the seam at the interpolated latitude, 53°.
        assert_eq!(*parts[0].last().unwrap(), p.forward_relative(180.0, 53.0));
        assert_eq!(parts[1][0], p.forward_relative(-180.0, 53.0));
    }
    let centred_on_180 = [
        Projection::EqualEarth {
            central_meridian: 180.0,
        },
        Projection::for_extent(150.0, 40.0, -150.0, 65.0),
    ];
    for p in centred_on_180 {
        let parts = p.project_line(&line);
        assert_eq!(parts.len(), 1, "{p:?}");
        assert_eq!(parts[0].len(), 4);
        assert!(longest_segment(&parts) < 2500.0, "{p:?} {parts:?}");
    }
}

#[test]
fn a_trans_pacific_route_is_cut_once_on_a_world_map() {
    let tokyo_sf = great_circle((139.7, 35.7), (-122.4, 37.8), 64);
    let parts = Projection::EqualEarth { central_meridian: 0.0 }.project_line(&tokyo_sf);
    assert_eq!(parts.len(), 2);
    assert!(longest_segment(&parts) < 500.0);
    let pacific = Projection::for_extent(120.0, 20.0, -110.0, 65.0);
    assert_eq!(pacific.project_line(&tokyo_sf).len(), 1);
}

#[test]
fn great_circle_from_beijing_to_moscow_bows_north() {
    let path = great_circle(BEIJING, MOSCOW, 32);
    assert_eq!(path.len(), 33);
    assert_eq!((path[0], path[32]), (BEIJING, MOSCOW));
    for &(lon, lat) in &path[1..32] {
        let t = (lon - BEIJING.0) / (MOSCOW.0 - BEIJING.0);
        let straight = BEIJING.1 + t * (MOSCOW.1 - BEIJING.1);
        assert!(
            lat > straight,
            "({lon}, {lat}) is not north of the straight line ({straight})"
        );
    }
    // Antipodes and repeated points still give finite routes.
    for (a, b) in [
        ((0.0, 0.0), (180.0, 0.0)),
        ((0.0, 90.0), (0.0, -90.0)),
        (BEIJING, BEIJING),
    ] {
        assert!(
            great_circle(a, b, 8)
                .iter()
                .all(|(x, y)| x.is_finite() && y.is_finite())
        );
    }
    assert_eq!(great_circle(BEIJING, MOSCOW, 0).len(), 2);
}

proptest! {
    #[test]
    fn prop_projection_round_trip(
        lon in -180.0..180.0f64,
        lat in -89.0..89.0f64,
        west in -180.0..180.0f64,
        width in 1.0..360.0f64,
        south in -85.0..80.0f64,
        height in 1.0..90.0f64,
    ) {
        let p = Projection::for_extent(west, south, west + width, (south + height).min(89.0));
        let (x, y) = p.forward(lon, lat);
        let (lon2, lat2) = p.inverse(x, y);
        prop_assert!((lat2 - lat).abs() < 1e-6 && lon_diff(lon2, lon) < 1e-6, "{:?}: {} {} -> {} {}", p, lon, lat, lon2, lat2);
        for q in projections() {
            let (x, y) = q.forward(lon, lat);
            let (lon2, lat2) = q.inverse(x, y);
            prop_assert!((lat2 - lat).abs() < 1e-6 && lon_diff(lon2, lon) < 1e-6, "{:?}: {} {}", q, lon2, lat2);
        }
    }
}
