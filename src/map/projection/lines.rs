//! Lines on the map: cutting polylines at the projection's seam, and great-circle routes.

use super::{Projection, wrap_lon};

impl Projection {
    /// Projects a lon/lat polyline to world km, cut into parts wherever it crosses the seam (the
    /// meridian opposite the central one), so no segment streaks across the whole map.
    ///
    /// Consecutive points are joined the short way round (170° → -170° is 20° across the
    /// antimeridian, not 340° back), and each part ends exactly on the map's edge. The crossing's
    /// latitude is interpolated linearly in lon/lat, which is close enough for densified lines
    /// such as [`great_circle`] output. A non-finite point breaks the line; parts of fewer than
    /// two points are dropped. Segments are not densified: long ones become straight chords.
    pub fn project_line(&self, points: &[(f64, f64)]) -> Vec<Vec<(f64, f64)>> {
        let central = self.central_meridian();
        let mut parts = Vec::new();
        let mut current = Vec::new();
        // The previous point as (longitude relative to the centre, unwrapped along the line so it
        // is continuous; latitude), and the offset (a multiple of 360) of the copy of the map the
        // current part lies on.
        let mut prev: Option<(f64, f64)> = None;
        let mut offset = 0.0;
        for &(lon, lat) in points {
            if !lon.is_finite() || !lat.is_finite() {
                finish(&mut parts, &mut current);
                prev = None;
                continue;
            }
            let u = match prev {
                None => {
                    offset = 0.0;
                    wrap_lon(lon, central) - central
                }
                Some((pu, plat)) => {
                    let u = pu + wrap_lon(lon - central - pu, 0.0);
                    // |u - pu| <= 180, so at most one seam lies between them.
                    let rel = u - offset;
                    if rel.abs() > 180.0 {
                        let edge = 180.0_f64.copysign(rel);
                        let t = (offset + edge - pu) / (u - pu);
                        let seam_lat = plat + t * (lat - plat);
                        push_distinct(&mut current, self.forward_relative(edge, seam_lat));
                        finish(&mut parts, &mut current);
                        offset += 2.0 * edge;
                        current.push(self.forward_relative(-edge, seam_lat));
                    }
                    u
                }
            };
            push_distinct(&mut current, self.forward_relative(u - offset, lat));
            prev = Some((u, lat));
        }
        finish(&mut parts, &mut current);
        parts
    }
}

fn push_distinct(part: &mut Vec<(f64, f64)>, p: (f64, f64)) {
    if part.last() != Some(&p) {
        part.push(p);
    }
}

fn finish(parts: &mut Vec<Vec<(f64, f64)>>, current: &mut Vec<(f64, f64)>) {
    let part = std::mem::take(current);
    if part.len() >= 2 {
        parts.push(part);
    }
}

/// `segments + 1` lon/lat waypoints (degrees) along the shorter great circle from `a` to `b`:
/// the shortest route, as flown or sailed, which is not the straight lon/lat line and, except
/// along a meridian or the equator, curves on every projection here. Interpolated by slerp on
/// unit vectors; the ends are `a` and `b` exactly. Antipodal points have no unique great
/// circle: the route then runs through the poles (or, from a pole, along the prime meridian).
pub fn great_circle(a: (f64, f64), b: (f64, f64), segments: usize) -> Vec<(f64, f64)> {
    let segments = segments.max(1);
    let pa = unit(a);
    let pb = unit(b);
    let cos_w = dot(pa, pb).clamp(-1.0, 1.0);
    let omega = cos_w.acos();
    // The unit vector at right angles to `pa` in the plane of the route.
    let towards = |v: [f64; 3]| {
        let perp = sub_along(v, pa);
        let len = dot(perp, perp).sqrt();
        (len > 1e-12).then(|| perp.map(|c| c / len))
    };
    let c = towards(pb)
        .or_else(|| towards([0.0, 0.0, 1.0]))
        .or_else(|| towards([1.0, 0.0, 0.0]))
        .unwrap_or([0.0, 0.0, 0.0]);
    let mut out: Vec<(f64, f64)> = (0..=segments)
        .map(|i| {
            let (s, co) = (omega * i as f64 / segments as f64).sin_cos();
            lonlat([0, 1, 2].map(|k| co * pa[k] + s * c[k]))
        })
        .collect();
    out[0] = a;
    out[segments] = b;
    out
}

/// `v` minus its component along the unit vector `p`.
fn sub_along(v: [f64; 3], p: [f64; 3]) -> [f64; 3] {
    let d = dot(v, p);
    [v[0] - d * p[0], v[1] - d * p[1], v[2] - d * p[2]]
}

fn dot(a: [f64; 3], b: [f64; 3]) -> f64 {
    a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
}

fn unit((lon, lat): (f64, f64)) -> [f64; 3] {
    let (slon, clon) = lon.to_radians().sin_cos();
    let (slat, clat) = lat.to_radians().sin_cos();
    [clat * clon, clat * slon, slat]
}

fn lonlat(v: [f64; 3]) -> (f64, f64) {
    (v[1].atan2(v[0]).to_degrees(), v[2].clamp(-1.0, 1.0).asin().to_degrees())
}
