//! The scene built without a window: the base map in view, markers where the places are.

use chronoatlas::chronicle::Chronicle;
use chronoatlas::map::basemap::{Basemap, Lod};
use chronoatlas::map::camera::Camera;
use chronoatlas::map::projection::Projection;
use chronoatlas::scene::{self, BaseLayer, Primitive, Style};
use chronoatlas::ui::map_view::home_extent;

fn eurasia_scene() -> (Chronicle, scene::Scene) {
    let chronicle = Chronicle::embedded_default();
    let home = home_extent(&chronicle);
    let projection = Projection::for_extent(home.0, home.1, home.2, home.3);
    let base = BaseLayer::build(Basemap::embedded(Lod::Coarse), projection, |a, b| a == b);
    let mut camera = Camera::new((0.0, 0.0), 1.0, (1920.0, 1080.0));
    camera.fit_lonlat(&projection, home, (1920.0, 1080.0), 24.0);
    let all: Vec<usize> = (0..chronicle.events.len()).collect();
    let scene = scene::build(&chronicle, &base, &camera, &all, &Style::atlas());
    (chronicle, scene)
}

#[test]
fn land_is_filled_with_whole_triangles_inside_the_frame() {
    let (_, scene) = eurasia_scene();
    let Some(Primitive::Mesh { vertices, indices, .. }) = scene.primitives.first() else {
        panic!("land first")
    };
    assert!(indices.len() > 3000 && indices.len() % 3 == 0);
    assert!(indices.iter().all(|&i| (i as usize) < vertices.len()));
    let inside = vertices
        .iter()
        .filter(|p| (0.0..1920.0).contains(&p[0]) && (0.0..1080.0).contains(&p[1]))
        .count();
    assert!(inside > 1000, "the view shows land");
}

#[test]
fn markers_stand_where_the_places_are() {
    let (_, scene) = eurasia_scene();
    let at = |id: &str| {
        scene
            .markers
            .iter()
            .find(|m| m.place == id)
            .unwrap_or_else(|| panic!("{id}"))
            .center
    };
    let (moscow, beijing, shenyang) = (at("moscow"), at("beijing"), at("shenyang"));
    assert!(
        moscow[0] < beijing[0] && moscow[1] < beijing[1],
        "Moscow is west and north of Beijing"
    );
    assert!(
        shenyang[0] > beijing[0] && shenyang[1] < beijing[1],
        "Shenyang is north-east of Beijing"
    );
    for p in [moscow, beijing, shenyang] {
        assert!((0.0..1920.0).contains(&p[0]) && (0.0..1080.0).contains(&p[1]));
    }
    let events: usize = scene.markers.iter().map(|m| m.events.len()).sum();
    assert!(events > 100, "every placed event is in a marker");
}

#[test]
fn labels_do_not_cover_each_other() {
    let (_, scene) = eurasia_scene();
    let labels: Vec<_> = scene
        .primitives
        .iter()
        .filter_map(|p| match p {
            Primitive::Label { anchor, text, size, .. } => {
                Some((anchor, text.chars().count() as f32 * size * 0.55, size))
            }
            _ => None,
        })
        .collect();
    assert!(labels.len() >= 5);
    for (i, a) in labels.iter().enumerate() {
        for b in &labels[i + 1..] {
            let apart = a.0[0] + a.1 <= b.0[0] || b.0[0] + b.1 <= a.0[0] || (a.0[1] - b.0[1]).abs() >= a.2 * 1.2;
            assert!(apart, "labels overlap at {:?} and {:?}", a.0, b.0);
        }
    }
}
