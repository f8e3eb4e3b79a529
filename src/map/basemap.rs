//! The base map: Natural Earth countries and the arcs between them, at three levels of detail.
//!
//! The assets under `assets/basemap/` are built by `scripts/build_basemap.py` and embedded in the
//! binary, so the map works offline. Their format is described in `docs/BASEMAP.md`. The geometry is
//! topological, as in TopoJSON: each border or coast is stored once as an arc that knows the countries
//! on its left and right, and a country's rings are lists of arc references. A chronicle therefore
//! decides at run time which borders exist (a border is drawn where the states on its two sides
//! differ), e.g. merging the Soviet republics for 1950, without editing any geometry.
//!
//! Rings never jump across the antimeridian: polygons crossing ±180° are cut there (and Antarctica is
//! closed along the south pole), so planar projections can fill them directly. The edges added by
//! that cut are arcs flagged [`Arc::is_cut`]: neither coast nor border.

mod decode;

use std::sync::OnceLock;

/// Why a basemap could not be decoded, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BasemapError {
    offset: usize,
    message: String,
}

impl BasemapError {
    fn new(offset: usize, message: impl Into<String>) -> Self {
        Self {
            offset,
            message: message.into(),
        }
    }

    /// Byte offset in the input at which the problem was found.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// What is wrong, in words.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl std::fmt::Display for BasemapError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "invalid basemap at byte {}: {}", self.offset, self.message)
    }
}

impl std::error::Error for BasemapError {}

/// Level of detail: which Natural Earth scale to draw. Finer levels cost more to decode and draw.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lod {
    /// 1:110m, for the whole world or a continent.
    Coarse,
    /// 1:50m, for a region such as East Asia.
    Medium,
    /// 1:10m, for a country or a campaign.
    Fine,
}

impl Lod {
    /// All levels, coarsest first.
    pub const ALL: [Lod; 3] = [Lod::Coarse, Lod::Medium, Lod::Fine];

    /// The level whose detail suits a view drawn at `pixels_per_degree` (of longitude at the centre):
    /// Natural Earth's scales at screen resolution are about 4 (110m), 8 (50m) and 40 (10m) px/°.
    pub fn for_scale(pixels_per_degree: f64) -> Lod {
        if pixels_per_degree < 6.0 {
            Lod::Coarse
        } else if pixels_per_degree < 20.0 {
            Lod::Medium
        } else {
            Lod::Fine
        }
    }

    fn bytes(self) -> &'static [u8] {
        match self {
            Lod::Coarse => include_bytes!("../../assets/basemap/countries-110m.cabm"),
            Lod::Medium => include_bytes!("../../assets/basemap/countries-50m.cabm"),
            Lod::Fine => include_bytes!("../../assets/basemap/countries-10m.cabm"),
        }
    }
}

/// A reference from a ring to an arc, walked forwards or backwards (TopoJSON's `i` and `~i`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ArcRef {
    /// Index into [`Basemap::arcs`].
    pub arc: usize,
    /// Whether the ring walks the arc from its last point to its first.
    pub reversed: bool,
}

/// A ring as arc references; closed (its last point is its first).
pub type RingRefs = Vec<ArcRef>;

/// A polygon as rings of (longitude, latitude) in degrees: the outer ring first, then its holes.
pub type Polygon = Vec<Vec<(f64, f64)>>;

/// A country (Natural Earth admin-0 unit) as of the data's edition (2018).
#[derive(Clone, Debug, PartialEq)]
pub struct Country {
    id: String,
    name: String,
    polygons: Vec<Vec<RingRefs>>,
}

impl Country {
    /// ISO 3166-1 numeric code as three digits ("156"), or "" where Natural Earth has none (Kosovo,
    /// Somaliland, N. Cyprus, …). Not unique: Ashmore and Cartier Is. share Australia's "036".
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Short English name (Natural Earth's `NAME`, e.g. "North Korea").
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Polygons as rings of arc references; the first ring of each is the outer one. The country lies
    /// on the right of every ring (outer rings run clockwise, holes anticlockwise, with north up).
    pub fn polygons(&self) -> &[Vec<RingRefs>] {
        &self.polygons
    }
}

/// A polyline shared by the rings on either side of it: a border, a coast or a cut edge.
#[derive(Clone, Debug, PartialEq)]
pub struct Arc {
    points: Vec<(f64, f64)>,
    left: Option<usize>,
    right: Option<usize>,
    cut: bool,
}

impl Arc {
    /// Points as (longitude, latitude) in degrees, at least two.
    pub fn points(&self) -> &[(f64, f64)] {
        &self.points
    }

    /// Index of the country on the left when walking from the first point to the last; `None` is sea.
    pub fn left(&self) -> Option<usize> {
        self.left
    }

    /// Index of the country on the right; `None` is sea.
    pub fn right(&self) -> Option<usize> {
        self.right
    }

    /// Whether this edge only exists because the map is cut at the antimeridian or a pole: it closes
    /// polygons for filling but is never stroked.
    pub fn is_cut(&self) -> bool {
        self.cut
    }
}

/// One level of detail of the base map, decoded.
#[derive(Clone, Debug, PartialEq)]
pub struct Basemap {
    scale_denominator: u32,
    countries: Vec<Country>,
    arcs: Vec<Arc>,
}

impl Basemap {
    /// Decodes an asset in the format of `docs/BASEMAP.md`. Never panics: damaged input gives an error
    /// naming the problem and its byte offset.
    pub fn from_bytes(bytes: &[u8]) -> Result<Basemap, BasemapError> {
        decode::decode(bytes)
    }

    /// The embedded asset for `lod`, decoded on first use and then shared.
    ///
    /// # Panics
    /// If the asset compiled into the binary is damaged, which the test suite rules out.
    pub fn embedded(lod: Lod) -> &'static Basemap {
        static CELLS: [OnceLock<Basemap>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
        let cell = &CELLS[lod as usize];
        cell.get_or_init(|| match Basemap::from_bytes(lod.bytes()) {
            Ok(map) => map,
            Err(e) => panic!("embedded {lod:?} basemap: {e}"),
        })
    }

    /// Natural Earth scale of this level (110 000 000 for 1:110m).
    pub fn scale_denominator(&self) -> u32 {
        self.scale_denominator
    }

    /// All countries; arcs and callers refer to them by index into this slice.
    pub fn countries(&self) -> &[Country] {
        &self.countries
    }

    /// Index of the first country with this ISO numeric id.
    pub fn country_by_id(&self, id: &str) -> Option<usize> {
        self.countries.iter().position(|c| c.id == id)
    }

    /// All arcs; each border and coast appears once.
    pub fn arcs(&self) -> &[Arc] {
        &self.arcs
    }

    /// The points of a ring, joined from its arcs, closed (first point repeated at the end).
    /// Panics on a reference to an arc this map does not have (rings of this map never do).
    pub fn ring_points(&self, ring: &[ArcRef]) -> Vec<(f64, f64)> {
        let mut out: Vec<(f64, f64)> = Vec::new();
        for r in ring {
            let points = self.arcs[r.arc].points.as_slice();
            let skip = usize::from(!out.is_empty()); // the joint is shared with the previous arc
            if r.reversed {
                out.extend(points.iter().rev().skip(skip));
            } else {
                out.extend(points.iter().skip(skip));
            }
        }
        out
    }

    /// A country's polygons as rings of (longitude, latitude): the outer ring first, then holes.
    /// Computed on each call (callers cache meshes); panics if `country` is not an index of [`Self::countries`].
    pub fn polygons(&self, country: usize) -> Vec<Polygon> {
        let polygons = &self.countries[country].polygons;
        polygons
            .iter()
            .map(|rings| rings.iter().map(|r| self.ring_points(r)).collect())
            .collect()
    }

    /// Borders to draw: arcs between two countries that `same_state` says belong to different states.
    /// `same_state(a, b)` gets country indices; it lets a chronicle merge or split states by date.
    pub fn borders(&self, same_state: impl Fn(usize, usize) -> bool) -> impl Iterator<Item = &[(f64, f64)]> {
        self.arcs.iter().filter_map(move |arc| match (arc.left, arc.right) {
            (Some(a), Some(b)) if !arc.cut && a != b && !same_state(a, b) => Some(arc.points()),
            _ => None,
        })
    }

    /// Coastlines: arcs with land on exactly one side.
    pub fn coastlines(&self) -> impl Iterator<Item = &[(f64, f64)]> {
        self.arcs
            .iter()
            .filter(|arc| !arc.cut && arc.left.is_none() != arc.right.is_none())
            .map(Arc::points)
    }
}
