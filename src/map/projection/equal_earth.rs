//! Equal Earth (Šavrič, Patterson & Jenny, "The Equal Earth map projection", IJGIS 33(3), 2019,
//! published online 2018), spherical form with the authors' coefficients. Angles in radians,
//! longitude relative to the central meridian; output in km.

use super::EARTH_RADIUS_KM as R;
use std::f64::consts::FRAC_PI_3;

const A1: f64 = 1.340264;
const A2: f64 = -0.081106;
const A3: f64 = 0.000893;
const A4: f64 = 0.003796;
/// √3 / 2: sin θ = M·sin φ defines the parametric latitude θ, which reaches ±π/3 at the poles.
const M: f64 = 0.866_025_403_784_438_6;

/// y / R as a polynomial of θ.
fn poly(theta: f64) -> f64 {
    let t2 = theta * theta;
    let t6 = t2 * t2 * t2;
    theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
}

/// d(poly)/dθ, which also appears in the x formula.
fn dpoly(theta: f64) -> f64 {
    let t2 = theta * theta;
    let t6 = t2 * t2 * t2;
    A1 + 3.0 * A2 * t2 + t6 * (7.0 * A3 + 9.0 * A4 * t2)
}

pub(super) fn forward(dlon: f64, phi: f64) -> (f64, f64) {
    let theta = (M * phi.sin()).asin();
    (R * dlon * theta.cos() / (M * dpoly(theta)), R * poly(theta))
}

/// Newton's method on y = R·poly(θ), starting from θ = y/R; θ is clamped to the poles' ±π/3 so
/// points beyond the outline land on it. Converges to 1e-12 in 3–5 steps.
pub(super) fn inverse(x: f64, y: f64) -> (f64, f64) {
    let target = y / R;
    let mut theta = target.clamp(-FRAC_PI_3, FRAC_PI_3);
    for _ in 0..20 {
        let delta = (poly(theta) - target) / dpoly(theta);
        theta = (theta - delta).clamp(-FRAC_PI_3, FRAC_PI_3);
        if delta.abs() <= 1e-12 || delta.is_nan() {
            break;
        }
    }
    let dlon = M * (x / R) * dpoly(theta) / theta.cos();
    (dlon, (theta.sin() / M).clamp(-1.0, 1.0).asin())
}
