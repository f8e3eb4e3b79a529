//! A lon/lat box, the one type behind a chronicle's views, an export's `--bbox` and the window's
//! fitted extent, so the antimeridian rule (west > east crosses 180°) and the range checks are
//! written once.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A box on the globe in WGS84 degrees. `west > east` means the box crosses the antimeridian:
/// `170, …, -170, …` is 20° wide, centred on 180°. Stored in files as `[west, south, east, north]`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(from = "[f64; 4]", into = "[f64; 4]")]
pub struct GeoBox {
    pub west: f64,
    pub south: f64,
    pub east: f64,
    pub north: f64,
}

impl From<[f64; 4]> for GeoBox {
    fn from([west, south, east, north]: [f64; 4]) -> GeoBox {
        GeoBox {
            west,
            south,
            east,
            north,
        }
    }
}

impl From<GeoBox> for [f64; 4] {
    fn from(b: GeoBox) -> [f64; 4] {
        b.to_array()
    }
}

impl fmt::Display for GeoBox {
    /// As typed on the command line, so a message shows the box the user gave.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{},{},{},{}", self.west, self.south, self.east, self.north)
    }
}

/// Why a box cannot be shown, in words that name the value to fix.
#[derive(Clone, Debug, PartialEq)]
pub enum GeoBoxError {
    /// The text is not four numbers separated by commas.
    Syntax(String),
    /// Four numbers that do not make a box, and why.
    Invalid { bbox: GeoBox, reason: &'static str },
}

impl fmt::Display for GeoBoxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GeoBoxError::Syntax(text) => write!(
                f,
                "bounding box \"{text}\" must be four numbers west,south,east,north in degrees, e.g. 120,33,131,43"
            ),
            GeoBoxError::Invalid { bbox, reason } => write!(f, "bad bounding box {bbox}: {reason}"),
        }
    }
}

impl std::error::Error for GeoBoxError {}

impl GeoBox {
    pub fn new(west: f64, south: f64, east: f64, north: f64) -> GeoBox {
        GeoBox {
            west,
            south,
            east,
            north,
        }
    }

    /// The whole world between the latitudes a history map draws.
    pub fn world() -> GeoBox {
        GeoBox::new(-180.0, -60.0, 180.0, 80.0)
    }

    /// `[west, south, east, north]`, the order of the file format.
    pub fn to_array(self) -> [f64; 4] {
        [self.west, self.south, self.east, self.north]
    }

    /// `(west, south, east, north)`, the order the map's projection and camera take.
    pub fn to_tuple(self) -> (f64, f64, f64, f64) {
        (self.west, self.south, self.east, self.north)
    }

    /// Reads `"W,S,E,N"` (spaces allowed) and checks it (see [`GeoBox::check`]).
    pub fn parse(text: &str) -> Result<GeoBox, GeoBoxError> {
        let parts: Vec<&str> = text.split(',').map(str::trim).collect();
        let numbers: Vec<f64> = parts.iter().filter_map(|p| p.parse::<f64>().ok()).collect();
        let bbox = match numbers[..] {
            [w, s, e, n] if parts.len() == 4 && numbers.iter().all(|v| v.is_finite()) => GeoBox::new(w, s, e, n),
            _ => return Err(GeoBoxError::Syntax(text.to_string())),
        };
        bbox.check()?;
        Ok(bbox)
    }

    /// Whether the box can be shown: finite, longitudes within ±180, latitudes within ±90, south
    /// below north, and some width (west = east would be nothing, not the world).
    pub fn check(&self) -> Result<(), GeoBoxError> {
        let bad = |reason| Err(GeoBoxError::Invalid { bbox: *self, reason });
        if self.to_array().iter().any(|v| !v.is_finite()) {
            return bad("all four values must be numbers");
        }
        let lon_ok = |x: f64| (-180.0..=180.0).contains(&x);
        let lat_ok = |y: f64| (-90.0..=90.0).contains(&y);
        if !lon_ok(self.west) || !lon_ok(self.east) {
            return bad("longitudes must lie from -180 to 180");
        }
        if !lat_ok(self.south) || !lat_ok(self.north) {
            return bad("latitudes must lie from -90 to 90");
        }
        if self.south >= self.north {
            return bad("south must be less than north");
        }
        if self.west == self.east {
            return bad("west and east must differ");
        }
        Ok(())
    }

    /// Whether the box runs east from `west` across 180° to `east`.
    pub fn crosses_antimeridian(&self) -> bool {
        self.west > self.east
    }

    /// The width in degrees, in `[0, 360]`: across the antimeridian when west > east (170 → -170
    /// is 20°); a difference of 360 or more is the whole world.
    pub fn width_degrees(&self) -> f64 {
        let raw = self.east - self.west;
        if raw >= 360.0 { 360.0 } else { raw.rem_euclid(360.0) }
    }

    /// Whether a point lies in the box, edges included; longitudes taken modulo 360.
    pub fn contains(&self, lon: f64, lat: f64) -> bool {
        if !(self.south..=self.north).contains(&lat) {
            return false;
        }
        let width = self.width_degrees();
        width >= 360.0 || (lon - self.west).rem_euclid(360.0) <= width
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boxes_are_checked() {
        assert!(GeoBox::new(120.0, 33.0, 131.0, 43.0).check().is_ok());
        assert!(GeoBox::new(170.0, -50.0, -170.0, -30.0).check().is_ok());
        let reason = |b: [f64; 4]| match GeoBox::from(b).check() {
            Err(GeoBoxError::Invalid { reason, .. }) => reason,
            other => panic!("{b:?} gave {other:?}"),
        };
        assert!(reason([120.0, 43.0, 131.0, 33.0]).contains("south"));
        assert!(reason([120.0, 33.0, 120.0, 43.0]).contains("differ"));
        assert!(reason([200.0, 33.0, 131.0, 43.0]).contains("longitudes"));
        assert!(reason([120.0, 33.0, 131.0, 95.0]).contains("latitudes"));
        assert!(reason([f64::NAN, 33.0, 131.0, 43.0]).contains("numbers"));
    }

    #[test]
    fn boxes_parse_from_the_command_line_form() {
        assert_eq!(
            GeoBox::parse("120,33,131,43"),
            Ok(GeoBox::new(120.0, 33.0, 131.0, 43.0))
        );
        assert_eq!(
            GeoBox::parse(" -10.5, 30 ,20,50"),
            Ok(GeoBox::new(-10.5, 30.0, 20.0, 50.0))
        );
        for bad in ["120,33,131", "120,33,131,x", "120,33,131,43,5", "120,33,inf,43", ""] {
            let e = GeoBox::parse(bad).unwrap_err();
            assert!(matches!(e, GeoBoxError::Syntax(_)), "{bad}: {e:?}");
            assert!(e.to_string().contains(&format!("\"{bad}\"")), "{e}");
        }
        let e = GeoBox::parse("120,45,130,35").unwrap_err().to_string();
        assert_eq!(e, "bad bounding box 120,45,130,35: south must be less than north");
    }

    #[test]
    fn the_antimeridian_is_crossed_when_west_is_east_of_east() {
        let korea = GeoBox::new(123.5, 33.0, 131.5, 43.2);
        assert!(!korea.crosses_antimeridian());
        assert_eq!(korea.width_degrees(), 8.0);
        assert!(korea.contains(126.63, 37.47) && korea.contains(123.5, 43.2));
        assert!(!korea.contains(116.39, 39.91) && !korea.contains(126.63, 44.0));

        let pacific = GeoBox::new(170.0, -30.0, -150.0, 30.0);
        assert!(pacific.crosses_antimeridian());
        assert_eq!(pacific.width_degrees(), 40.0);
        assert!(pacific.contains(179.9, 0.0) && pacific.contains(-170.0, 0.0) && pacific.contains(180.0, 0.0));
        assert!(!pacific.contains(0.0, 0.0) && !pacific.contains(-140.0, 0.0) && !pacific.contains(160.0, 0.0));

        let world = GeoBox::new(-180.0, -60.0, 180.0, 80.0);
        assert_eq!(world.width_degrees(), 360.0);
        assert!(world.contains(0.0, 0.0) && world.contains(-180.0, 10.0) && world.contains(179.0, 10.0));
    }

    #[test]
    fn files_keep_the_four_number_form() {
        let b: GeoBox = serde_json::from_str("[170, -30, -150, 30]").unwrap();
        assert_eq!(b, GeoBox::new(170.0, -30.0, -150.0, 30.0));
        assert_eq!(serde_json::to_string(&b).unwrap(), "[170.0,-30.0,-150.0,30.0]");
        assert!(serde_json::from_str::<GeoBox>("[1, 2, 3]").is_err());
    }
}
