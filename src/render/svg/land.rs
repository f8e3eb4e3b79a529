//! The land as its outline: one path of rings (coasts and lakes), clipped to the picture, instead
//! of the triangles the window fills. Rings are filled with the nonzero rule: the land's rings
//! run one way and its lakes the other, so lakes stay open and nothing cancels out.

use super::path::PathData;
use crate::scene::{LandMesh, Transform};

/// How far outside the picture a clipped ring may run (px), so no stroke or antialiasing shows
/// its cut edge.
const CLIP_MARGIN: f32 = 4.0;

/// Kept points of a ring are at least this far apart (px, Manhattan), as the scene thins lines.
const MIN_STEP: f32 = 0.5;

/// The path data of the land's rings on screen, or `None` when the mesh has no rings (a
/// hand-made mesh: the caller draws its triangles).
pub(super) fn rings_path(mesh: &LandMesh, transform: Transform, size: [f32; 2], decimals: u32) -> Option<String> {
    if mesh.rings.is_empty() {
        return None;
    }
    let (lo, hi) = ([-CLIP_MARGIN; 2], [size[0] + CLIP_MARGIN, size[1] + CLIP_MARGIN]);
    let mut d = PathData::new(decimals);
    for ring in &mesh.rings {
        let screen: Vec<[f32; 2]> = ring.iter().map(|&p| transform.apply(p)).collect();
        let clipped = clip_ring(screen, lo, hi);
        d.poly(&clipped, true, MIN_STEP);
    }
    Some(d.out)
}

/// Sutherland–Hodgman: the part of a ring inside the box `lo`..`hi`. For filling, a ring clipped
/// by a convex box keeps the winding of every point inside the box, so rings of any shape, and
/// their holes, may be clipped one by one.
pub(super) fn clip_ring(ring: Vec<[f32; 2]>, lo: [f32; 2], hi: [f32; 2]) -> Vec<[f32; 2]> {
    let (mut min, mut max) = ([f32::INFINITY; 2], [f32::NEG_INFINITY; 2]);
    for p in &ring {
        for k in 0..2 {
            min[k] = min[k].min(p[k]);
            max[k] = max[k].max(p[k]);
        }
    }
    if (0..2).any(|k| max[k] < lo[k] || min[k] > hi[k]) {
        return Vec::new();
    }
    if (0..2).all(|k| min[k] >= lo[k] && max[k] <= hi[k]) {
        return ring;
    }
    let mut points = ring;
    // Each edge of the box: the axis, the bound and whether inside is above it.
    for (axis, bound, keep_above) in [(0, lo[0], true), (0, hi[0], false), (1, lo[1], true), (1, hi[1], false)] {
        let inside = |p: &[f32; 2]| if keep_above { p[axis] >= bound } else { p[axis] <= bound };
        let mut out = Vec::with_capacity(points.len() + 4);
        for i in 0..points.len() {
            let (a, b) = (points[(i + points.len() - 1) % points.len()], points[i]);
            let (ia, ib) = (inside(&a), inside(&b));
            if ia != ib {
                let t = (bound - a[axis]) / (b[axis] - a[axis]);
                let mut cut = [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
                cut[axis] = bound;
                out.push(cut);
            }
            if ib {
                out.push(b);
            }
        }
        points = out;
        if points.is_empty() {
            break;
        }
    }
    points
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn rings_are_clipped_to_the_box() {
        let square = vec![[-10.0, -10.0], [10.0, -10.0], [10.0, 10.0], [-10.0, 10.0]];
        let clipped = clip_ring(square, [0.0, 0.0], [100.0, 100.0]);
        assert_eq!(clipped.len(), 4);
        assert!(
            clipped
                .iter()
                .all(|p| p[0] >= 0.0 && p[1] >= 0.0 && p[0] <= 10.0 && p[1] <= 10.0)
        );
        assert!(clip_ring(vec![[200.0, 0.0], [300.0, 0.0], [250.0, 50.0]], [0.0; 2], [100.0; 2]).is_empty());
    }

    #[test]
    fn a_mesh_with_rings_is_written_as_its_rings() {
        let ring: Vec<[f32; 2]> = vec![[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0]];
        let mesh = LandMesh {
            rings: vec![Arc::from(ring)],
            ..LandMesh::default()
        };
        let t = Transform {
            scale: 1.0,
            offset: [5.0, 50.0],
        };
        assert_eq!(
            rings_path(&mesh, t, [100.0, 100.0], 1).unwrap(),
            "m5 50 10 0 0-10-10 0z"
        );
        assert_eq!(rings_path(&LandMesh::default(), t, [100.0, 100.0], 1), None);
    }
}
