//! Lines on the map: cutting polylines at the projection's seam, and great-circle routes.

use super::{EARTH_RADIUS_KM, Projection, wrap_lon};
use geo::{Destination, Distance, HaversineMeasure, InterpolatePoint, Point};

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
        let projector = self.projector();
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
                        push_distinct(&mut current, projector.forward_relative(edge, seam_lat));
                        finish(&mut parts, &mut current);
                        offset += 2.0 * edge;
                        current.push(projector.forward_relative(-edge, seam_lat));
                    }
                    u
                }
            };
            push_distinct(&mut current, projector.forward_relative(u - offset, lat));
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

/// The sphere of the projections (R = [`EARTH_RADIUS_KM`]), in metres as geo measures.
const SPHERE: HaversineMeasure = HaversineMeasure::new(EARTH_RADIUS_KM * 1000.0);

/// `segments + 1` lon/lat waypoints (degrees) along the shorter great circle from `a` to `b`:
/// the shortest route, as flown or sailed, which is not the straight lon/lat line and, except
/// along a meridian or the equator, curves on every projection here. Interpolated by geo's
/// haversine great circle; the ends are `a` and `b` exactly. Antipodal points have no unique
/// great circle: the route then runs through the north pole (or, from a pole, along its own
/// meridian to the equator and on).
pub fn great_circle(a: (f64, f64), b: (f64, f64), segments: usize) -> Vec<(f64, f64)> {
    let segments = segments.max(1);
    let (pa, pb) = (Point::from(a), Point::from(b));
    let angle = SPHERE.distance(pa, pb) / SPHERE.radius();
    let mut out: Vec<(f64, f64)> = if angle < 1e-12 {
        // One place (at a pole, under two longitudes): nothing to interpolate.
        vec![a; segments + 1]
    } else if angle > std::f64::consts::PI - 1e-9 && segments > 1 {
        // Every great circle through `a` reaches `b`; go by the one heading north.
        let mid = SPHERE.destination(pa, 0.0, SPHERE.radius() * std::f64::consts::FRAC_PI_2);
        let half = segments / 2;
        let mut route = great_circle(a, (mid.x(), mid.y()), half);
        route.extend(great_circle((mid.x(), mid.y()), b, segments - half).into_iter().skip(1));
        route
    } else {
        (0..=segments)
            .map(|i| {
                let p = SPHERE.point_at_ratio_between(pa, pb, i as f64 / segments as f64);
                (p.x(), p.y())
            })
            .collect()
    };
    out[0] = a;
    out[segments] = b;
    out
}
