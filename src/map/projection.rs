//! Map projections from WGS84 longitude/latitude (degrees) to a planar "world" plane in
//! kilometres, y growing north, and back.
//!
//! Spherical forms with R = 6371 km are used throughout: at the small scales of a history map the
//! difference from the ellipsoid (< 0.5 %) is far below a pixel, and the spherical inverses are
//! closed-form or converge in a few Newton steps. The world origin is the projection's centre.

mod conic;
mod equal_earth;
mod lines;

pub use lines::great_circle;

use serde::{Deserialize, Serialize};

/// Mean Earth radius (km) used by every projection, so world units are ground kilometres.
pub const EARTH_RADIUS_KM: f64 = 6371.0;

/// Latitudes are clamped to ±this many degrees before a conic projection. Lambert conformal conic
/// sends the pole opposite the cone's apex to infinity (ρ = F/tanⁿ(45° + φ/2) with tan → 0); half a
/// degree short of it stays finite (a few tens of thousands of km) while losing nothing a history
/// map draws there.
pub const MAX_CONIC_LAT: f64 = 89.5;

/// Longitude span (degrees) above which [`Projection::for_extent`] stops using a conic: past a
/// hemisphere a cone's fan wraps round on itself and shapes at the edges shear badly.
const CONIC_MAX_LON_SPAN: f64 = 180.0;

/// An extent reaching further than this (degrees) into both hemispheres gets Equal Earth: standard
/// parallels on opposite sides of the equator make a cone degenerate towards a cylinder.
const CONIC_MAX_OTHER_HEMISPHERE: f64 = 15.0;

/// A map projection. Parameters are in degrees; all variants map the centre to world (0, 0).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Projection {
    /// Conformal (shapes true locally) with true scale along both standard parallels: the usual
    /// choice for a mid-latitude region wider than it is tall, such as Eurasia or the Pacific rim.
    LambertConformalConic {
        central_meridian: f64,
        origin_latitude: f64,
        parallel_1: f64,
        parallel_2: f64,
    },
    /// Equal-area with true scale along both standard parallels: the choice when a region's
    /// areas are compared (territory held, extent of a famine).
    AlbersEqualArea {
        central_meridian: f64,
        origin_latitude: f64,
        parallel_1: f64,
        parallel_2: f64,
    },
    /// Equal-area pseudocylindrical world projection (Šavrič, Patterson & Jenny 2018): for extents
    /// spanning most of the globe, where any conic would tear.
    EqualEarth { central_meridian: f64 },
}

impl Default for Projection {
    fn default() -> Self {
        Projection::EqualEarth { central_meridian: 0.0 }
    }
}

/// Shifts `lon` by whole turns into `[central - 180, central + 180)`, so longitudes are measured
/// the short way from the map's centre and the seam sits at `central ± 180`.
pub fn wrap_lon(lon: f64, central: f64) -> f64 {
    central - 180.0 + (lon - central + 180.0).rem_euclid(360.0)
}

/// The width in degrees of a longitude extent, in `[0, 360]`: `west > east` means the extent
/// crosses the antimeridian (170 → -170 is 20° wide); a difference of 360 or more is the world.
pub fn lon_span(west: f64, east: f64) -> f64 {
    let raw = east - west;
    if raw >= 360.0 { 360.0 } else { raw.rem_euclid(360.0) }
}

impl Projection {
    /// Picks a projection suited to a lon/lat extent (degrees): Lambert conformal conic centred on
    /// the extent, standard parallels at 1/6 and 5/6 of its latitude span (Snyder's rule of thumb,
    /// which keeps scale error even across the map), or Equal Earth when the extent is wider than a
    /// hemisphere or reaches well into both hemispheres. `west > east` means the extent crosses the
    /// antimeridian (170 → -170 is 20° wide, centred on 180).
    pub fn for_extent(west: f64, south: f64, east: f64, north: f64) -> Projection {
        let lon_span = lon_span(west, east);
        let central_meridian = wrap_lon(west + lon_span / 2.0, 0.0);
        let (south, north) = (south.min(north), south.max(north));
        let (south, north) = (
            south.clamp(-MAX_CONIC_LAT, MAX_CONIC_LAT),
            north.clamp(-MAX_CONIC_LAT, MAX_CONIC_LAT),
        );
        let both_hemispheres = south < -CONIC_MAX_OTHER_HEMISPHERE && north > CONIC_MAX_OTHER_HEMISPHERE;
        if lon_span > CONIC_MAX_LON_SPAN || both_hemispheres || !central_meridian.is_finite() {
            return Projection::EqualEarth {
                central_meridian: if central_meridian.is_finite() {
                    central_meridian
                } else {
                    0.0
                },
            };
        }
        let lat_span = north - south;
        Projection::LambertConformalConic {
            central_meridian,
            origin_latitude: south + lat_span / 2.0,
            parallel_1: south + lat_span / 6.0,
            parallel_2: south + lat_span * 5.0 / 6.0,
        }
    }

    /// The meridian at the map's centre; its opposite (`± 180`) is the seam where lines are cut.
    pub fn central_meridian(&self) -> f64 {
        match *self {
            Projection::LambertConformalConic { central_meridian, .. }
            | Projection::AlbersEqualArea { central_meridian, .. }
            | Projection::EqualEarth { central_meridian } => central_meridian,
        }
    }

    /// Projects lon/lat degrees to world km (y north). Longitudes are taken the short way from the
    /// central meridian; conic latitudes are clamped to ±[`MAX_CONIC_LAT`]. Finite in, finite out.
    /// To project many points, take a [`Projector`] once.
    pub fn forward(&self, lon: f64, lat: f64) -> (f64, f64) {
        self.projector().forward(lon, lat)
    }

    /// Projects a point given by its longitude relative to the central meridian, clamped to
    /// `[-180, 180]`. Unlike [`forward`](Self::forward) both ends of that range are kept, so a
    /// line or an outline can be drawn up to either edge of the map.
    pub fn forward_relative(&self, dlon: f64, lat: f64) -> (f64, f64) {
        self.projector().forward_relative(dlon, lat)
    }

    /// This projection with its constants worked out: a cone's constants cost more
    /// transcendental calls than projecting a point, and a map projects hundreds of thousands.
    pub fn projector(&self) -> Projector {
        let shape = match *self {
            Projection::LambertConformalConic {
                origin_latitude,
                parallel_1,
                parallel_2,
                ..
            } => Shape::Lambert(conic::Lcc::new(origin_latitude, parallel_1, parallel_2)),
            Projection::AlbersEqualArea {
                origin_latitude,
                parallel_1,
                parallel_2,
                ..
            } => Shape::Albers(conic::Albers::new(origin_latitude, parallel_1, parallel_2)),
            Projection::EqualEarth { .. } => Shape::EqualEarth,
        };
        Projector {
            central_meridian: self.central_meridian(),
            shape,
        }
    }

    /// World km back to lon/lat degrees; longitude in `[-180, 180)`. Points outside the map's
    /// outline are pulled onto its edge rather than returning NaN, so a cursor anywhere on screen
    /// still reads as some place.
    pub fn inverse(&self, x: f64, y: f64) -> (f64, f64) {
        let (dlon, lat) = match *self {
            Projection::LambertConformalConic {
                origin_latitude,
                parallel_1,
                parallel_2,
                ..
            } => conic::Lcc::new(origin_latitude, parallel_1, parallel_2).inverse(x, y),
            Projection::AlbersEqualArea {
                origin_latitude,
                parallel_1,
                parallel_2,
                ..
            } => conic::Albers::new(origin_latitude, parallel_1, parallel_2).inverse(x, y),
            Projection::EqualEarth { .. } => equal_earth::inverse(x, y),
        };
        let dlon = dlon.to_degrees().clamp(-180.0, 180.0);
        let lat = lat.to_degrees().clamp(-90.0, 90.0);
        (wrap_lon(self.central_meridian() + dlon, 0.0), lat)
    }
}

/// A [`Projection`] ready to project many points: the same results, its constants worked out
/// once.
#[derive(Clone, Copy, Debug)]
pub struct Projector {
    central_meridian: f64,
    shape: Shape,
}

#[derive(Clone, Copy, Debug)]
enum Shape {
    Lambert(conic::Lcc),
    Albers(conic::Albers),
    EqualEarth,
}

impl Projector {
    /// See [`Projection::forward`].
    pub fn forward(&self, lon: f64, lat: f64) -> (f64, f64) {
        let central = self.central_meridian;
        self.forward_relative(wrap_lon(lon, central) - central, lat)
    }

    /// See [`Projection::forward_relative`].
    pub fn forward_relative(&self, dlon: f64, lat: f64) -> (f64, f64) {
        let dlon = dlon.clamp(-180.0, 180.0).to_radians();
        match &self.shape {
            Shape::Lambert(cone) => cone.forward(dlon, clamp_conic(lat)),
            Shape::Albers(cone) => cone.forward(dlon, clamp_conic(lat)),
            Shape::EqualEarth => equal_earth::forward(dlon, lat.clamp(-90.0, 90.0).to_radians()),
        }
    }

    /// The meridian at the map's centre (see [`Projection::central_meridian`]).
    pub fn central_meridian(&self) -> f64 {
        self.central_meridian
    }
}

/// Clamps a latitude for the conics and converts it to radians (see [`MAX_CONIC_LAT`]).
fn clamp_conic(lat: f64) -> f64 {
    lat.clamp(-MAX_CONIC_LAT, MAX_CONIC_LAT).to_radians()
}
