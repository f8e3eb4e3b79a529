//! The reader of the `CABM` asset format (see `docs/BASEMAP.md`). Every read is bounds-checked and
//! every count is checked against the bytes left, so damaged input is an error, never a panic or a
//! huge allocation.

use super::{Arc, ArcRef, Basemap, BasemapError, Country, RingRefs};

const MAGIC: &[u8; 4] = b"CABM";
const VERSION: u16 = 1;
const ARC_CUT: u8 = 1;
/// Decoded coordinates may overshoot ±180/±90 by float rounding of the quantization; more is damage.
const SLACK_DEGREES: f64 = 1e-6;

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn error(&self, at: usize, message: impl Into<String>) -> BasemapError {
        BasemapError::new(at, message)
    }

    fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8], BasemapError> {
        match self.bytes.get(self.pos..).and_then(|rest| rest.get(..n)) {
            Some(slice) => {
                self.pos += n;
                Ok(slice)
            }
            None => Err(self.error(self.pos, format!("truncated: {what} needs {n} bytes"))),
        }
    }

    fn array<const N: usize>(&mut self, what: &str) -> Result<[u8; N], BasemapError> {
        let slice = self.take(N, what)?;
        let mut out = [0; N];
        out.copy_from_slice(slice);
        Ok(out)
    }

    fn u8(&mut self, what: &str) -> Result<u8, BasemapError> {
        Ok(self.array::<1>(what)?[0])
    }

    fn f64(&mut self, what: &str) -> Result<f64, BasemapError> {
        let at = self.pos;
        let value = f64::from_le_bytes(self.array(what)?);
        if value.is_finite() {
            Ok(value)
        } else {
            Err(self.error(at, format!("{what} is not a finite number")))
        }
    }

    /// Unsigned LEB128, at most 64 bits.
    fn varint(&mut self, what: &str) -> Result<u64, BasemapError> {
        let at = self.pos;
        let mut value: u64 = 0;
        for shift in (0..64).step_by(7) {
            let byte = self.u8(what)?;
            let bits = u64::from(byte & 0x7f);
            if shift == 63 && bits > 1 {
                break;
            }
            value |= bits << shift;
            if byte & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(self.error(at, format!("{what}: varint longer than 64 bits")))
    }

    fn zigzag(&mut self, what: &str) -> Result<i64, BasemapError> {
        let u = self.varint(what)?;
        Ok((u >> 1) as i64 ^ -((u & 1) as i64))
    }

    /// A count of items that each take at least `min_bytes`, so it cannot exceed what is left.
    fn count(&mut self, min_bytes: usize, what: &str) -> Result<usize, BasemapError> {
        let at = self.pos;
        let n = self.varint(what)?;
        let left = self.bytes.len() - self.pos;
        match usize::try_from(n) {
            Ok(n) if n.checked_mul(min_bytes).is_some_and(|b| b <= left) => Ok(n),
            _ => Err(self.error(at, format!("{what} {n} is more than the {left} bytes left can hold"))),
        }
    }

    fn text(&mut self, what: &str) -> Result<String, BasemapError> {
        let len = self.count(1, what)?;
        let at = self.pos;
        let bytes = self.take(len, what)?;
        String::from_utf8(bytes.to_vec()).map_err(|_| self.error(at, format!("{what} is not UTF-8")))
    }
}

/// Decodes a whole asset; the result's rings are checked to join up and close.
pub(super) fn decode(bytes: &[u8]) -> Result<Basemap, BasemapError> {
    let mut r = Reader { bytes, pos: 0 };
    if r.take(4, "magic")? != MAGIC {
        return Err(r.error(0, "not a chronoatlas basemap (magic is not \"CABM\")"));
    }
    let version = u16::from_le_bytes(r.array("version")?);
    if version != VERSION {
        return Err(r.error(4, format!("unsupported version {version} (this build reads {VERSION})")));
    }
    let flags = u16::from_le_bytes(r.array("header flags")?);
    if flags != 0 {
        return Err(r.error(6, format!("unknown header flags {flags:#06x}")));
    }
    let scale_denominator = u32::from_le_bytes(r.array("scale denominator")?);
    let mut transform = [0.0; 4];
    for (k, value) in transform.iter_mut().enumerate() {
        let at = r.pos;
        *value = r.f64("transform")?;
        if k < 2 && *value <= 0.0 {
            return Err(r.error(at, "transform scale is not positive"));
        }
    }
    let [sx, sy, tx, ty] = transform;

    let country_count = r.count(3, "country count")?; // id, name and polygon count: a byte each at least
    let arc_count = r.count(6, "arc count")?; // flags, left, right, point count, one point of two bytes
    let point_count = r.count(2, "point count")?;

    let mut countries = Vec::with_capacity(country_count);
    let mut ring_offsets = Vec::new(); // where each ring starts, to name it if it does not join up
    for _ in 0..country_count {
        let id = r.text("country id")?;
        let name = r.text("country name")?;
        let polygon_count = r.count(2, "polygon count")?;
        let mut polygons = Vec::with_capacity(polygon_count);
        for _ in 0..polygon_count {
            let at = r.pos;
            let ring_count = r.count(2, "ring count")?;
            if ring_count == 0 {
                return Err(r.error(at, "polygon without rings"));
            }
            let mut rings = Vec::with_capacity(ring_count);
            for _ in 0..ring_count {
                let at = r.pos;
                ring_offsets.push(at);
                let ref_count = r.count(1, "arc reference count")?;
                if ref_count == 0 {
                    return Err(r.error(at, "ring without arcs"));
                }
                let mut ring: RingRefs = Vec::with_capacity(ref_count);
                for _ in 0..ref_count {
                    let at = r.pos;
                    let value = r.zigzag("arc reference")?;
                    let (index, reversed) = if value < 0 { (!value, true) } else { (value, false) };
                    match usize::try_from(index) {
                        Ok(arc) if arc < arc_count => ring.push(ArcRef { arc, reversed }),
                        _ => return Err(r.error(at, format!("arc reference {value} with only {arc_count} arcs"))),
                    }
                }
                rings.push(ring);
            }
            polygons.push(rings);
        }
        countries.push(Country { id, name, polygons });
    }

    let mut arcs = Vec::with_capacity(arc_count);
    let mut points_seen = 0usize;
    for _ in 0..arc_count {
        let at = r.pos;
        let flags = r.u8("arc flags")?;
        if flags & !ARC_CUT != 0 {
            return Err(r.error(at, format!("unknown arc flags {flags:#04x}")));
        }
        let left = side(&mut r, country_count, "left country")?;
        let right = side(&mut r, country_count, "right country")?;
        let at = r.pos;
        let n = r.count(2, "arc point count")?;
        if n < 2 {
            return Err(r.error(at, format!("arc with {n} point(s)")));
        }
        points_seen += n;
        if points_seen > point_count {
            return Err(r.error(at, format!("more points than the header's {point_count}")));
        }
        let (mut x, mut y) = (0i64, 0i64);
        let mut points = Vec::with_capacity(n);
        for _ in 0..n {
            let at = r.pos;
            let dx = r.zigzag("x delta")?;
            let dy = r.zigzag("y delta")?;
            let (Some(nx), Some(ny)) = (x.checked_add(dx), y.checked_add(dy)) else {
                return Err(r.error(at, "coordinate overflows"));
            };
            (x, y) = (nx, ny);
            let (lon, lat) = (tx + x as f64 * sx, ty + y as f64 * sy);
            if !(lon.abs() <= 180.0 + SLACK_DEGREES && lat.abs() <= 90.0 + SLACK_DEGREES) {
                return Err(r.error(at, format!("point ({lon}, {lat}) is off the globe")));
            }
            points.push((lon.clamp(-180.0, 180.0), lat.clamp(-90.0, 90.0)));
        }
        arcs.push(Arc {
            points,
            left,
            right,
            cut: flags & ARC_CUT != 0,
        });
    }
    if points_seen != point_count {
        return Err(r.error(
            r.pos,
            format!("{points_seen} points where the header says {point_count}"),
        ));
    }
    if r.pos != bytes.len() {
        return Err(r.error(r.pos, format!("{} bytes after the last arc", bytes.len() - r.pos)));
    }

    let rings = countries.iter().flat_map(|c| c.polygons.iter().flatten());
    for (ring, &at) in rings.zip(&ring_offsets) {
        if !joins_up(&arcs, ring) {
            return Err(r.error(at, "ring whose arcs do not join up into a closed ring"));
        }
    }
    Ok(Basemap {
        scale_denominator,
        countries,
        arcs,
    })
}

/// A country index stored plus one, with 0 for none (sea).
fn side(r: &mut Reader<'_>, country_count: usize, what: &str) -> Result<Option<usize>, BasemapError> {
    let at = r.pos;
    match r.varint(what)? {
        0 => Ok(None),
        v => match usize::try_from(v - 1) {
            Ok(i) if i < country_count => Ok(Some(i)),
            _ => Err(r.error(at, format!("{what} {} with only {country_count} countries", v - 1))),
        },
    }
}

/// Whether each arc of the ring starts where the previous one ends, the last ending at the first's start.
fn joins_up(arcs: &[Arc], ring: &[ArcRef]) -> bool {
    let ends = |r: &ArcRef| {
        let points = &arcs[r.arc].points;
        let (first, last) = (points[0], points[points.len() - 1]);
        if r.reversed { (last, first) } else { (first, last) }
    };
    ring.iter()
        .zip(ring.iter().cycle().skip(1))
        .all(|(a, b)| ends(a).1 == ends(b).0)
}
