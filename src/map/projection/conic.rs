//! Spherical conic projections (Snyder, "Map Projections: A Working Manual", USGS PP 1395, 1987):
//! Lambert conformal conic (§15) and Albers equal-area conic (§14). Angles in radians, the
//! longitude already relative to the central meridian; output in km with the origin at
//! (central meridian, latitude of origin).
//!
//! When the standard parallels sit symmetrically about the equator the cone constant n is 0 and
//! the cone opens into a cylinder. The general formulas then divide by ~0, so below [`FLAT_CONE`]
//! the limiting cylindrical forms (Mercator, Lambert cylindrical equal-area) are used instead.

use super::{EARTH_RADIUS_KM as R, MAX_CONIC_LAT};
use std::f64::consts::{FRAC_PI_2, FRAC_PI_4};

/// |n| below which a cone is treated as its cylindrical limit. At 1e-6 the cone's apex lies
/// ~6·10⁹ km away: the cone formulas still hold to a millimetre there, and the limit is as close.
const FLAT_CONE: f64 = 1e-6;

/// Clamped latitudes in radians for the three parameters (origin, parallel 1, parallel 2).
fn radians(lat0: f64, p1: f64, p2: f64) -> [f64; 3] {
    [lat0, p1, p2].map(|d| d.clamp(-MAX_CONIC_LAT, MAX_CONIC_LAT).to_radians())
}

/// tan(π/4 + φ/2): the conformal latitude term shared by Lambert and Mercator.
fn t(phi: f64) -> f64 {
    (FRAC_PI_4 + phi / 2.0).tan()
}

/// Lambert conformal conic constants derived from the parameters (a few transcendental calls).
#[derive(Clone, Copy, Debug)]
pub(super) enum Lcc {
    Cone {
        n: f64,
        rf: f64,
        rho0: f64,
    },
    /// Mercator with true scale at ±φ1: `k` is R·cos φ1, `y0` the origin's ln t(φ0).
    Cylinder {
        k: f64,
        y0: f64,
    },
}

impl Lcc {
    /// Snyder eqs. 15-3, 15-2, 15-1a (spherical).
    pub(super) fn new(lat0: f64, p1: f64, p2: f64) -> Lcc {
        let [phi0, phi1, phi2] = radians(lat0, p1, p2);
        let n = if (phi1 - phi2).abs() < 1e-10 {
            phi1.sin()
        } else {
            (phi1.cos() / phi2.cos()).ln() / (t(phi2) / t(phi1)).ln()
        };
        if n.abs() < FLAT_CONE || !n.is_finite() {
            return Lcc::Cylinder {
                k: R * phi1.cos(),
                y0: t(phi0).ln(),
            };
        }
        let rf = R * phi1.cos() * t(phi1).powf(n) / n;
        Lcc::Cone {
            n,
            rf,
            rho0: rf / t(phi0).powf(n),
        }
    }

    /// Snyder eqs. 15-1, 14-4, 14-1, 14-2.
    pub(super) fn forward(&self, dlon: f64, phi: f64) -> (f64, f64) {
        match *self {
            Lcc::Cone { n, rf, rho0 } => {
                let rho = rf / t(phi).powf(n);
                let theta = n * dlon;
                (rho * theta.sin(), rho0 - rho * theta.cos())
            }
            Lcc::Cylinder { k, y0 } => (k * dlon, k * (t(phi).ln() - y0)),
        }
    }

    /// Snyder eqs. 14-10, 14-11, 15-9 (with his sign rule for negative n).
    pub(super) fn inverse(&self, x: f64, y: f64) -> (f64, f64) {
        match *self {
            Lcc::Cone { n, rf, rho0 } => {
                let s = n.signum();
                let (xs, ys) = (s * x, s * (rho0 - y));
                let rho = s * xs.hypot(ys);
                let theta = xs.atan2(ys);
                let phi = if rho == 0.0 {
                    s * FRAC_PI_2
                } else {
                    2.0 * (rf / rho).powf(1.0 / n).atan() - FRAC_PI_2
                };
                (theta / n, phi)
            }
            Lcc::Cylinder { k, y0 } => (x / k, 2.0 * (y / k + y0).exp().atan() - FRAC_PI_2),
        }
    }
}

/// Albers equal-area conic constants.
#[derive(Clone, Copy, Debug)]
pub(super) enum Albers {
    Cone {
        n: f64,
        c: f64,
        rho0: f64,
    },
    /// Lambert cylindrical equal-area with true scale at ±φ1: `cos1` is cos φ1, `sin0` is sin φ0.
    Cylinder {
        cos1: f64,
        sin0: f64,
    },
}

impl Albers {
    /// Snyder eqs. 14-6, 14-5, 14-3a (spherical).
    pub(super) fn new(lat0: f64, p1: f64, p2: f64) -> Albers {
        let [phi0, phi1, phi2] = radians(lat0, p1, p2);
        let n = (phi1.sin() + phi2.sin()) / 2.0;
        if n.abs() < FLAT_CONE || !n.is_finite() {
            return Albers::Cylinder {
                cos1: phi1.cos(),
                sin0: phi0.sin(),
            };
        }
        let c = phi1.cos().powi(2) + 2.0 * n * phi1.sin();
        Albers::Cone {
            n,
            c,
            rho0: R * (c - 2.0 * n * phi0.sin()).max(0.0).sqrt() / n,
        }
    }

    /// Snyder eqs. 14-3, 14-4, 14-1, 14-2.
    pub(super) fn forward(&self, dlon: f64, phi: f64) -> (f64, f64) {
        match *self {
            Albers::Cone { n, c, rho0 } => {
                let rho = R * (c - 2.0 * n * phi.sin()).max(0.0).sqrt() / n;
                let theta = n * dlon;
                (rho * theta.sin(), rho0 - rho * theta.cos())
            }
            Albers::Cylinder { cos1, sin0 } => (R * cos1 * dlon, R * (phi.sin() - sin0) / cos1),
        }
    }

    /// Snyder eqs. 14-10, 14-11, 14-8.
    pub(super) fn inverse(&self, x: f64, y: f64) -> (f64, f64) {
        match *self {
            Albers::Cone { n, c, rho0 } => {
                let s = n.signum();
                let (xs, ys) = (s * x, s * (rho0 - y));
                let rho = s * xs.hypot(ys);
                let theta = xs.atan2(ys);
                let sin_phi = (c - (rho * n / R).powi(2)) / (2.0 * n);
                (theta / n, sin_phi.clamp(-1.0, 1.0).asin())
            }
            Albers::Cylinder { cos1, sin0 } => {
                let sin_phi = y * cos1 / R + sin0;
                (x / (R * cos1), sin_phi.clamp(-1.0, 1.0).asin())
            }
        }
    }
}
