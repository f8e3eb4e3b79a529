//! The land as its outline: one path of rings (coasts and lakes), clipped to the picture, instead
//! of the triangles the window fills; and a file's lines, merged by style. Rings are filled with
//! the nonzero rule: the land's rings run one way and its lakes the other, so lakes stay open and
//! nothing cancels out.

use super::path::PathData;
use super::{Num, paint};
use crate::scene::{LandMesh, Primitive, Rgba, Transform};
use std::fmt::Write;

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

/// The land's rings as [`rings_path`] writes them, as points: what a reader of that path data
/// finds. `None` as for [`rings_path`].
pub(super) fn rings_points(
    mesh: &LandMesh,
    transform: Transform,
    size: [f32; 2],
    decimals: u32,
) -> Option<Vec<Vec<[f32; 2]>>> {
    if mesh.rings.is_empty() {
        return None;
    }
    let (lo, hi) = ([-CLIP_MARGIN; 2], [size[0] + CLIP_MARGIN, size[1] + CLIP_MARGIN]);
    Some(
        mesh.rings
            .iter()
            .filter_map(|ring| {
                let screen: Vec<[f32; 2]> = ring.iter().map(|&p| transform.apply(p)).collect();
                PathData::poly_points(decimals, &clip_ring(screen, lo, hi), true, MIN_STEP)
            })
            .collect(),
    )
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

/// The land as one path: its outline's rings when the mesh has them, else its triangles. One
/// path filled with the non-zero rule has no seams between its triangles (coverage is computed
/// for the path as a whole), and with every triangle turned the same way overlapping triangles
/// never cancel out.
pub(super) fn land(
    out: &mut String,
    mesh: &LandMesh,
    transform: Transform,
    color: Rgba,
    size: [f32; 2],
    cull: bool,
    decimals: u32,
) {
    if color.0[3] == 0 {
        return;
    }
    if let Some(d) = rings_path(mesh, transform, size, decimals) {
        if !d.is_empty() {
            out.push_str("<path");
            paint(out, "fill", color);
            let _ = writeln!(out, " d=\"{d}\"/>");
        }
        return;
    }
    if mesh.indices.len() < 3 {
        return;
    }
    let projected: Vec<[f32; 2]> = mesh.vertices.iter().map(|&p| transform.apply(p)).collect();
    let margin = 2.0;
    let outside = |a: [f32; 2], b: [f32; 2], c: [f32; 2]| {
        let max_x = a[0].max(b[0]).max(c[0]);
        let min_x = a[0].min(b[0]).min(c[0]);
        let max_y = a[1].max(b[1]).max(c[1]);
        let min_y = a[1].min(b[1]).min(c[1]);
        max_x < -margin || min_x > size[0] + margin || max_y < -margin || min_y > size[1] + margin
    };
    let mut d = String::new();
    for tri in mesh.indices.chunks_exact(3) {
        let get = |i: u32| projected.get(i as usize).copied();
        let (Some(a), Some(mut b), Some(mut c)) = (get(tri[0]), get(tri[1]), get(tri[2])) else {
            continue;
        };
        if cull && outside(a, b, c) {
            continue;
        }
        let cross = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0]);
        if cross == 0.0 || !cross.is_finite() {
            continue;
        }
        if cross < 0.0 {
            std::mem::swap(&mut b, &mut c);
        }
        let _ = write!(
            d,
            "M{},{} {},{} {},{}Z",
            Num(a[0]),
            Num(a[1]),
            Num(b[0]),
            Num(b[1]),
            Num(c[0]),
            Num(c[1])
        );
    }
    if d.is_empty() {
        return;
    }
    out.push_str("<path");
    paint(out, "fill", color);
    out.push_str(" d=\"");
    out.push_str(&d);
    out.push_str("\"/>\n");
}

/// Lines of one style as one path, to 0.1 px.
pub(super) fn merged_lines(out: &mut String, lines: &[Primitive]) {
    let mut d = PathData::new(1);
    let mut style = None;
    for line in lines {
        if let Primitive::Polyline {
            points: pts,
            width,
            color,
            dash,
        } = line
        {
            style = Some((*width, *color, *dash));
            d.poly(pts, false, 0.0);
        }
    }
    let Some((width, color, dash)) = style else { return };
    if d.out.is_empty() || color.0[3] == 0 || width <= 0.0 {
        return;
    }
    out.push_str("<path fill=\"none\"");
    paint(out, "stroke", color);
    let _ = write!(out, " stroke-width=\"{}\" stroke-linejoin=\"round\"", Num(width));
    if let Some([on, off]) = dash {
        let _ = write!(out, " stroke-dasharray=\"{} {}\"", Num(on), Num(off));
    }
    let _ = writeln!(out, " d=\"{}\"/>", d.out);
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
