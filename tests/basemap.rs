//! The embedded Natural Earth base map: what it contains, the topology a chronicle relies on to merge
//! states, and the decoder's refusal to panic on damaged input.

use std::collections::HashSet;

use chronoatlas::map::basemap::{Basemap, Lod};
use proptest::prelude::*;

const CHINA: &str = "156";
const RUSSIA: &str = "643";
const NORTH_KOREA: &str = "408";
const SOUTH_KOREA: &str = "410";
const MONGOLIA: &str = "496";
const JAPAN: &str = "392";
const KAZAKHSTAN: &str = "398";
/// The fifteen Soviet republics by ISO 3166-1 numeric code.
const SOVIET: [&str; 15] = [
    "643", "804", "112", "398", "860", "795", "762", "417", "031", "051", "268", "498", "428", "440", "233",
];

fn index(map: &Basemap, id: &str) -> usize {
    map.country_by_id(id)
        .unwrap_or_else(|| panic!("no country {id} at 1:{}", map.scale_denominator()))
}

/// Indices of the arcs with countries `a` and `b` on their two sides (either way round).
fn arcs_between(map: &Basemap, a: usize, b: usize) -> Vec<usize> {
    let sides = |i: usize| (map.arcs()[i].left(), map.arcs()[i].right());
    (0..map.arcs().len())
        .filter(|&i| matches!(sides(i), (Some(l), Some(r)) if (l, r) == (a, b) || (l, r) == (b, a)))
        .collect()
}

/// Even-odd test: whether `p` is inside the closed ring.
fn in_ring(p: (f64, f64), ring: &[(f64, f64)]) -> bool {
    let mut inside = false;
    for w in ring.windows(2) {
        let ((x0, y0), (x1, y1)) = (w[0], w[1]);
        if (y0 > p.1) != (y1 > p.1) && p.0 < x0 + (p.1 - y0) * (x1 - x0) / (y1 - y0) {
            inside = !inside;
        }
    }
    inside
}

/// The chronicle knows no base map; the `validate` command checks its country codes against
/// the base map's, and the default chronicle names only countries the base map has.
#[test]
fn the_chronicles_country_codes_are_checked_against_the_base_map() {
    use chronoatlas::chronicle::{Chronicle, validate_countries};
    let map = Basemap::embedded(Lod::Fine);
    let known = |code: &str| map.country_by_id(code).is_some();
    let mut chronicle = Chronicle::embedded_default();
    assert!(
        !chronicle.map.states.is_empty(),
        "the default chronicle adjusts the base map"
    );
    assert_eq!(validate_countries(&chronicle, known), []);

    chronicle.map.states[0].countries.push("999".into());
    chronicle
        .map
        .hidden_borders
        .push(chronoatlas::chronicle::map_layer::HiddenBorder::Pair([
            "156".into(),
            "1560".into(),
        ]));
    let problems: Vec<String> = validate_countries(&chronicle, known)
        .iter()
        .map(|p| p.to_string())
        .collect();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems[0].starts_with("map state ") && problems[0].contains("\"999\""),
        "{problems:?}"
    );
    assert!(
        problems[1].starts_with("map hidden_borders") && problems[1].contains("\"1560\""),
        "{problems:?}"
    );
}

#[test]
fn every_level_loads_with_its_scale() {
    let expected = [
        (Lod::Coarse, 110_000_000),
        (Lod::Medium, 50_000_000),
        (Lod::Fine, 10_000_000),
    ];
    for (lod, denominator) in expected {
        let map = Basemap::embedded(lod);
        assert_eq!(map.scale_denominator(), denominator);
        assert!(
            map.countries().len() >= 170,
            "{lod:?}: {} countries",
            map.countries().len()
        );
        assert!(std::ptr::eq(map, Basemap::embedded(lod)), "decoded once and shared");
    }
    let points = |lod| {
        Basemap::embedded(lod)
            .arcs()
            .iter()
            .map(|a| a.points().len())
            .sum::<usize>()
    };
    assert!(points(Lod::Coarse) < points(Lod::Medium) && points(Lod::Medium) < points(Lod::Fine));
}

#[test]
fn east_asian_countries_are_present_with_their_names() {
    let expected = [
        (CHINA, "China"),
        (RUSSIA, "Russia"),
        (NORTH_KOREA, "North Korea"),
        (SOUTH_KOREA, "South Korea"),
        (MONGOLIA, "Mongolia"),
        (JAPAN, "Japan"),
    ];
    for lod in Lod::ALL {
        let map = Basemap::embedded(lod);
        for (id, name) in expected {
            let country = &map.countries()[index(map, id)];
            assert_eq!((country.id(), country.name()), (id, name), "{lod:?}");
            assert!(!country.polygons().is_empty(), "{lod:?} {name} has no polygons");
        }
        // Features without an ISO code are kept, with an empty id.
        assert!(
            map.countries()
                .iter()
                .any(|c| c.id().is_empty() && c.name() == "Kosovo"),
            "{lod:?}"
        );
    }
}

#[test]
fn korean_borders_are_arcs_with_both_sides_known() {
    for lod in Lod::ALL {
        let map = Basemap::embedded(lod);
        let (cn, nk, sk) = (index(map, CHINA), index(map, NORTH_KOREA), index(map, SOUTH_KOREA));
        assert!(!arcs_between(map, nk, sk).is_empty(), "{lod:?}: no inter-Korean border");
        assert!(!arcs_between(map, cn, nk).is_empty(), "{lod:?}: no Yalu/Tumen border");
        // Hiding the inter-Korean line is just saying the two sides are one state.
        let korea = |a: usize, b: usize| a == b || [a, b] == [nk, sk] || [a, b] == [sk, nk];
        let all: usize = map.borders(|a, b| a == b).count();
        let merged: usize = map.borders(korea).count();
        assert_eq!(all - merged, arcs_between(map, nk, sk).len(), "{lod:?}");
    }
}

#[test]
fn merging_the_soviet_republics_removes_their_internal_borders_only() {
    for lod in Lod::ALL {
        let map = Basemap::embedded(lod);
        let soviet: HashSet<usize> = SOVIET.iter().filter_map(|id| map.country_by_id(id)).collect();
        assert_eq!(soviet.len(), 15, "{lod:?}: all fifteen republics are on the map");
        let same_state = |a: usize, b: usize| a == b || (soviet.contains(&a) && soviet.contains(&b));
        let drawn: HashSet<*const (f64, f64)> = map.borders(same_state).map(|points| points.as_ptr()).collect();
        let is_drawn = |arc: usize| drawn.contains(&map.arcs()[arc].points().as_ptr());

        let (ru, kz, cn) = (index(map, RUSSIA), index(map, KAZAKHSTAN), index(map, CHINA));
        let ru_kz = arcs_between(map, ru, kz);
        assert!(!ru_kz.is_empty(), "{lod:?}: Russia and Kazakhstan share a border today");
        assert!(
            ru_kz.iter().all(|&a| !is_drawn(a)),
            "{lod:?}: a Russia–Kazakhstan border is still drawn"
        );
        let cn_kz = arcs_between(map, cn, kz);
        assert!(
            !cn_kz.is_empty() && cn_kz.iter().all(|&a| is_drawn(a)),
            "{lod:?}: China–Kazakhstan border missing"
        );
        assert!(arcs_between(map, cn, ru).iter().all(|&a| is_drawn(a)), "{lod:?}");
    }
}

#[test]
fn coastlines_have_sea_on_one_side_and_cut_edges_are_never_drawn() {
    for lod in Lod::ALL {
        let map = Basemap::embedded(lod);
        let coasts: HashSet<*const (f64, f64)> = map.coastlines().map(|p| p.as_ptr()).collect();
        let borders: HashSet<*const (f64, f64)> = map.borders(|a, b| a == b).map(|p| p.as_ptr()).collect();
        assert!(
            coasts.len() > 200 && borders.len() > 250,
            "{lod:?}: {} coasts, {} borders",
            coasts.len(),
            borders.len()
        );
        for arc in map.arcs() {
            let ptr = arc.points().as_ptr();
            let is_coast = !arc.is_cut() && (arc.left().is_none() != arc.right().is_none());
            assert_eq!(coasts.contains(&ptr), is_coast);
            assert!(!(coasts.contains(&ptr) && borders.contains(&ptr)));
            assert!(
                arc.left().is_some() || arc.right().is_some(),
                "{lod:?}: an arc with sea on both sides"
            );
        }
        // The antimeridian cut (Russia's Chukotka, Fiji) and Antarctica's closure exist but are hidden.
        assert!(map.arcs().iter().any(|a| a.is_cut()), "{lod:?}");
    }
}

#[test]
fn coordinates_are_on_the_globe_and_rings_never_jump_the_antimeridian() {
    for lod in Lod::ALL {
        let map = Basemap::embedded(lod);
        for arc in map.arcs() {
            assert!(arc.points().len() >= 2);
            for &(lon, lat) in arc.points() {
                assert!(
                    (-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat),
                    "{lod:?}: ({lon}, {lat})"
                );
            }
        }
        for country in 0..map.countries().len() {
            for polygon in map.polygons(country) {
                for ring in &polygon {
                    assert!(
                        ring.len() >= 2 && ring.first() == ring.last(),
                        "{lod:?}: ring not closed"
                    );
                    for w in ring.windows(2) {
                        let jump = (w[1].0 - w[0].0).abs();
                        // Only the closure along a pole may cross the whole map.
                        assert!(
                            jump < 180.0 || (w[0].1 == w[1].1 && w[0].1.abs() > 89.0),
                            "{lod:?}: {w:?}"
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn each_country_lies_to_the_right_of_its_rings() {
    for lod in Lod::ALL {
        let map = Basemap::embedded(lod);
        let mut disagreements = 0;
        for (c, country) in map.countries().iter().enumerate() {
            for r in country.polygons().iter().flatten().flatten() {
                let arc = &map.arcs()[r.arc];
                let side = if r.reversed { arc.left() } else { arc.right() };
                if side != Some(c) {
                    // Natural Earth has a few slivers that two countries both claim (Crimea, the Vatican,
                    // a point on the Jordan): only tiny arcs may disagree.
                    assert!(
                        arc.points().len() <= 3,
                        "{lod:?}: {} on the wrong side of a long arc",
                        country.name()
                    );
                    disagreements += 1;
                }
            }
        }
        assert!(disagreements <= 6, "{lod:?}: {disagreements}");
    }
}

#[test]
fn beijing_lies_in_china_and_not_in_mongolia() {
    let beijing = (116.4, 39.9);
    for lod in Lod::ALL {
        let map = Basemap::embedded(lod);
        let contains = |country: usize| {
            map.polygons(country)
                .iter()
                .any(|polygon| in_ring(beijing, &polygon[0]) && !polygon[1..].iter().any(|hole| in_ring(beijing, hole)))
        };
        assert!(contains(index(map, CHINA)), "{lod:?}");
        assert!(!contains(index(map, MONGOLIA)), "{lod:?}");
    }
}

#[test]
fn lod_follows_the_scale() {
    assert_eq!(Lod::for_scale(2.0), Lod::Coarse);
    assert_eq!(Lod::for_scale(10.0), Lod::Medium);
    assert_eq!(Lod::for_scale(100.0), Lod::Fine);
}

// ------------------------------------------------------------------------------------------------
// Damaged input

const COARSE: &[u8] = include_bytes!("../assets/basemap/countries-110m.cabm");

fn error_at(bytes: &[u8]) -> (usize, String) {
    let error = Basemap::from_bytes(bytes).expect_err("damaged input was accepted");
    assert!(
        error.offset() <= bytes.len(),
        "offset {} past the end ({})",
        error.offset(),
        bytes.len()
    );
    assert!(error.to_string().contains(&format!("byte {}", error.offset())));
    (error.offset(), error.message().to_owned())
}

#[test]
fn the_committed_asset_decodes_from_bytes() {
    assert_eq!(Basemap::from_bytes(COARSE).as_ref(), Ok(Basemap::embedded(Lod::Coarse)));
}

#[test]
fn empty_and_truncated_input_is_an_error() {
    assert!(error_at(&[]).1.contains("truncated"));
    let mut cuts: Vec<usize> = (0..200).collect();
    cuts.extend((200..COARSE.len()).step_by(211));
    cuts.push(COARSE.len() - 1);
    for cut in cuts {
        let (offset, message) = error_at(&COARSE[..cut]);
        assert!(offset <= cut, "cut at {cut}: {message} at {offset}");
    }
}

#[test]
fn wrong_magic_version_flags_and_trailing_bytes_are_named() {
    let mut bytes = COARSE.to_vec();
    bytes[0] = b'X';
    assert_eq!(error_at(&bytes).0, 0);
    assert!(error_at(&bytes).1.contains("magic"));

    let mut bytes = COARSE.to_vec();
    bytes[4] = 9;
    assert_eq!(
        error_at(&bytes),
        (4, "unsupported version 9 (this build reads 1)".to_owned())
    );

    let mut bytes = COARSE.to_vec();
    bytes[6] = 1;
    assert_eq!(error_at(&bytes).0, 6);

    let mut bytes = COARSE.to_vec();
    bytes.push(0);
    assert!(error_at(&bytes).1.contains("after the last arc"));
}

#[test]
fn absurd_counts_and_transforms_are_refused_without_allocating() {
    const COUNTS: usize = 44; // magic, version, flags, scale denominator, four f64
    let huge = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]; // 2^63 - 1
    for field in 0..3 {
        // Skip the varints before the one to damage, then put a huge one in its place.
        let mut pos = COUNTS;
        for _ in 0..field {
            while COARSE[pos] & 0x80 != 0 {
                pos += 1;
            }
            pos += 1;
        }
        let mut end = pos;
        while COARSE[end] & 0x80 != 0 {
            end += 1;
        }
        let bytes = [&COARSE[..pos], &huge[..], &COARSE[end + 1..]].concat();
        let (offset, message) = error_at(&bytes);
        assert_eq!(offset, pos, "{message}");
        assert!(message.contains("bytes left"), "{message}");
    }
    // An overlong varint.
    let bytes = [&COARSE[..COUNTS], &[0xff; 11][..]].concat();
    assert!(error_at(&bytes).1.contains("longer than 64 bits"));
    // A zero or non-finite scale.
    let mut bytes = COARSE.to_vec();
    bytes[12..20].copy_from_slice(&0.0f64.to_le_bytes());
    assert_eq!(error_at(&bytes), (12, "transform scale is not positive".to_owned()));
    bytes[12..20].copy_from_slice(&f64::NAN.to_le_bytes());
    assert_eq!(error_at(&bytes).0, 12);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Random damage anywhere gives a result, never a panic; damage in the header is always noticed.
    #[test]
    fn damaged_bytes_never_panic(
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8),
        cut in any::<prop::sample::Index>(),
        truncate in any::<bool>(),
    ) {
        let mut bytes = COARSE.to_vec();
        for (at, value) in &edits {
            let i = at.index(bytes.len());
            bytes[i] = *value;
        }
        if truncate {
            bytes.truncate(cut.index(bytes.len()));
        }
        match Basemap::from_bytes(&bytes) {
            Ok(map) => {
                for arc in map.arcs() {
                    for &(lon, lat) in arc.points() {
                        prop_assert!(lon.abs() <= 180.0 && lat.abs() <= 90.0);
                    }
                }
            }
            Err(e) => prop_assert!(e.offset() <= bytes.len()),
        }
    }

    /// Arbitrary short inputs (mostly garbage after a valid magic) are refused without panicking.
    #[test]
    fn garbage_after_the_magic_never_panics(tail in prop::collection::vec(any::<u8>(), 0..512)) {
        let bytes = [&b"CABM\x01\x00\x00\x00"[..], &tail[..]].concat();
        let _ = Basemap::from_bytes(&bytes);
    }
}

/// The committed assets are what the script builds from world-atlas 2.0.2 (needs python3 and npm with
/// the registry, or WORLD_ATLAS_DIR pointing at an unpacked package): `cargo test -- --ignored`.
#[test]
#[ignore = "runs scripts/build_basemap.py, which fetches world-atlas with npm"]
fn assets_are_reproducible_from_the_script() {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut command = std::process::Command::new("python3");
    command.current_dir(root).args(["scripts/build_basemap.py", "--check"]);
    if let Ok(dir) = std::env::var("WORLD_ATLAS_DIR") {
        command.args(["--package-dir", &dir]);
    }
    let status = command.status().expect("python3 runs");
    assert!(
        status.success(),
        "assets differ from a fresh build of scripts/build_basemap.py"
    );
}
