//! The base map projected and triangulated once per projection and level of detail, so a frame
//! only moves cached geometry with the camera instead of re-tessellating the world. The
//! chronicle's map layer (states of the time, lost borders, lines, rivers) is applied here.

use crate::chronicle::map_layer::{LineKind, MapLayer};
use crate::map::basemap::{Basemap, Polygon};
use crate::map::camera::WorldBox;
use crate::map::projection::{Projection, Projector, wrap_lon};
use geo::{Area, Coord, InteriorPoint, LineString, TriangulateEarcut};
use std::collections::HashSet;
use std::sync::{Arc, Mutex};

/// Land as one triangle mesh in world kilometres; shared, so painters can cache it by pointer.
#[derive(Debug, Default, PartialEq)]
pub struct LandMesh {
    pub vertices: Vec<[f32; 2]>,
    pub indices: Vec<u32>,
    /// The same land as closed rings (world km; the last point joins the first), countries
    /// merged: coasts and the edges of the map only, oriented so the nonzero rule fills the land
    /// and leaves its lakes. Writers of outlines (SVG) use these; empty for a hand-made mesh.
    pub rings: Vec<LandRing>,
}

/// One ring of the land's outline in world km, shared between the meshes that show it.
pub type LandRing = Arc<[[f32; 2]]>;

/// A polyline in world km with its bounding box, so lines out of view are skipped cheaply.
#[derive(Clone, Debug)]
pub struct WorldLine {
    pub points: Vec<[f32; 2]>,
    pub bbox: WorldBox,
}

impl WorldLine {
    fn new(points: Vec<[f32; 2]>) -> Option<WorldLine> {
        let bbox = WorldBox::from_points(points.iter().map(|p| (p[0] as f64, p[1] as f64)))?;
        (points.len() > 1).then_some(WorldLine { points, bbox })
    }
}

/// A named line of the map (a river, a demarcation line), possibly in several pieces.
#[derive(Clone, Debug)]
pub struct NamedLine {
    pub name: String,
    pub kind: LineKind,
    pub pieces: Vec<WorldLine>,
}

/// Where a state's name goes, and how big the state is, to size and cull its label.
#[derive(Clone, Debug)]
pub struct StateLabel {
    pub text: String,
    pub at: [f32; 2],
    /// Square root of the state's projected area (km): a length that says how much room it has.
    pub extent_km: f32,
}

/// The name of a sea, in world km.
#[derive(Clone, Debug)]
pub struct WaterLabel {
    pub text: String,
    pub at: [f32; 2],
}

/// A square of the land mesh, so a close view draws only the land it shows.
#[derive(Debug)]
pub struct LandTile {
    pub mesh: LandMesh,
    pub bbox: WorldBox,
}

/// Side of a land tile in world kilometres.
const TILE_KM: f64 = 600.0;

/// The land of the base map, which does not change with the date: built once per projection and
/// level of detail, and shared by the maps of every day.
pub struct Land {
    tiles: Vec<LandTile>,
    /// The land of the last set of visible tiles, merged, so a still or slowly moving camera
    /// gets the same mesh (and painters their cached copy) frame after frame.
    visible: Mutex<Option<(Visible, Arc<LandMesh>)>>,
    coastlines: Vec<WorldLine>,
    /// The outline of the land, ring by ring, each with its bounding box.
    rings: Vec<(WorldBox, LandRing)>,
    /// Per country: where its label would go.
    spots: Vec<LabelSpot>,
}

/// The base map of one day, in world kilometres: the shared land, and the borders, lines and
/// names in force that day.
pub struct BaseLayer {
    pub projection: Projection,
    land: Arc<Land>,
    pub borders: Vec<WorldLine>,
    /// Rivers and lines of the chronicle's map layer.
    pub lines: Vec<NamedLine>,
    pub state_labels: Vec<StateLabel>,
    pub water_labels: Vec<WaterLabel>,
}

/// The tiles and outline rings a view meets, by index.
type Visible = (Vec<usize>, Vec<usize>);

/// A country's total projected area, its largest polygon's area and that polygon, where a point
/// inside it is found only for the few countries that name a state (it costs more than the
/// triangulation).
type LabelSpot = (f64, f64, Option<geo::Polygon<f64>>);

/// True when consecutive points of a ring are more than half a turn apart once measured from the
/// projection's centre: the ring crosses the seam and would streak across the map if filled.
fn crosses_seam(ring: &[(f64, f64)], central: f64) -> bool {
    ring.windows(2)
        .any(|w| (wrap_lon(w[0].0, central) - wrap_lon(w[1].0, central)).abs() > 180.0)
}

fn projected_ring(projection: &Projector, ring: &[(f64, f64)]) -> LineString<f64> {
    LineString::new(
        ring.iter()
            .map(|&(lon, lat)| {
                let (x, y) = projection.forward(lon, lat);
                Coord { x, y }
            })
            .collect(),
    )
}

fn project_lines<'a>(projection: &Projection, lines: impl Iterator<Item = &'a [(f64, f64)]>) -> Vec<WorldLine> {
    lines
        .flat_map(|line| projection.project_line(line))
        .filter_map(|part| WorldLine::new(part.into_iter().map(|(x, y)| [x as f32, y as f32]).collect()))
        .collect()
}

impl Land {
    /// Projects and triangulates the land of `basemap`, the countries dealt out to the cores
    /// in turn (big and small alike) and joined in country order, so the mesh is the same on
    /// any machine.
    pub fn build(basemap: &Basemap, projection: Projection) -> Land {
        let countries = basemap.countries().len();
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 8);
        let arcs = basemap.arcs().len();
        // Each core's countries, and how often each arc is walked forwards minus backwards by the
        // rings it triangulated: a border between two countries cancels out, a coast is left.
        type Part = (Vec<(usize, LandMesh, LabelSpot)>, Vec<i32>);
        let parts: Vec<Part> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..cores)
                .map(|core| {
                    let projection = &projection;
                    scope.spawn(move || {
                        let mut arc_use = vec![0i32; arcs];
                        let built = (core..countries)
                            .step_by(cores)
                            .map(|country| {
                                let (mesh, spot) = land_of(basemap, projection, country, &mut arc_use);
                                (country, mesh, spot)
                            })
                            .collect();
                        (built, arc_use)
                    })
                })
                .collect();
            handles.into_iter().filter_map(|h| h.join().ok()).collect()
        });
        let mut arc_use = vec![0i32; arcs];
        let mut built = Vec::with_capacity(countries);
        for (part, part_use) in parts {
            built.extend(part);
            arc_use.iter_mut().zip(part_use).for_each(|(total, n)| *total += n);
        }
        built.sort_unstable_by_key(|(country, _, _)| *country);
        // The coasts and the outline on one core while the mesh is joined and tiled on another.
        std::thread::scope(|scope| {
            let lines = scope.spawn(|| {
                (
                    project_lines(&projection, basemap.coastlines()),
                    outline_rings(basemap, &arc_use, &projection),
                )
            });
            let mut land = LandMesh::default();
            // A country lost to a panicking thread keeps an empty spot rather than shifting others.
            let mut spots: Vec<LabelSpot> = vec![(0.0, 0.0, None); countries];
            for (country, mesh, spot) in built {
                let base = land.vertices.len() as u32;
                land.vertices.extend_from_slice(&mesh.vertices);
                land.indices.extend(mesh.indices.iter().map(|&i| base + i));
                spots[country] = spot;
            }
            let tiles = tiles(&land);
            let (coastlines, rings) = lines.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            Land {
                tiles,
                visible: Mutex::new(None),
                coastlines,
                rings,
                spots,
            }
        })
    }
}

/// One country's land, indices counted from its own first vertex, and its label spot: its
/// projected area and its largest polygon.
/// The arcs its triangulated rings walk are counted into `arc_use` (see [`count_arcs`]).
fn land_of(basemap: &Basemap, projection: &Projection, country: usize, arc_use: &mut [i32]) -> (LandMesh, LabelSpot) {
    let central = projection.central_meridian();
    let mut land = LandMesh::default();
    let mut spot: LabelSpot = (0.0, 0.0, None);
    let refs = basemap.countries()[country].polygons();
    let projector = projection.projector();
    for (polygon, rings) in basemap.polygons(country).into_iter().zip(refs) {
        if let Some(geometry) = append_polygon(&projector, central, &polygon, &mut land) {
            count_arcs(&polygon, rings, central, arc_use);
            let area = geometry.unsigned_area();
            spot.0 += area;
            if area > spot.1 {
                spot.1 = area;
                spot.2 = Some(geometry);
            }
        }
    }
    (land, spot)
}

impl BaseLayer {
    /// Projects and triangulates `basemap`, applying every record of the chronicle's `map`
    /// layer (pass [`MapLayer::on`] a day for the map of that day).
    pub fn build(basemap: &Basemap, projection: Projection, map: &MapLayer) -> BaseLayer {
        BaseLayer::with_land(Arc::new(Land::build(basemap, projection)), basemap, projection, map)
    }

    /// The map layer's borders, lines and names over land already built for this projection.
    pub fn with_land(land: Arc<Land>, basemap: &Basemap, projection: Projection, map: &MapLayer) -> BaseLayer {
        let countries = basemap.countries().len();
        let index_of = |code: &str| basemap.country_by_id(code);
        // Each country's state: the chronicle's state that lists it, else itself.
        let mut state_of: Vec<usize> = (0..countries).collect();
        for (s, state) in map.states.iter().enumerate() {
            for i in state.countries.iter().filter_map(|c| index_of(c)) {
                state_of[i] = countries + s;
            }
        }
        let hidden: HashSet<(usize, usize)> = map
            .hidden_borders
            .iter()
            .map(|border| border.countries())
            .filter_map(|[a, b]| Some((index_of(a)?, index_of(b)?)))
            .flat_map(|(a, b)| [(a, b), (b, a)])
            .collect();
        let largest = &land.spots;

        let same_state = |a: usize, b: usize| state_of[a] == state_of[b] || hidden.contains(&(a, b));
        let borders = project_lines(&projection, basemap.borders(same_state));

        let mut lines: Vec<NamedLine> = map
            .border_rivers
            .iter()
            .map(|river| {
                let pair = (index_of(&river.countries[0]), index_of(&river.countries[1]));
                let stretches: Vec<Vec<(f64, f64)>> = match pair {
                    (Some(a), Some(b)) => basemap
                        .arcs()
                        .iter()
                        .filter(|arc| {
                            matches!((arc.left(), arc.right()), (Some(l), Some(r)) if (l, r) == (a, b) || (l, r) == (b, a))
                        })
                        .flat_map(|arc| within_longitudes(arc.points(), river.lon_range))
                        .collect(),
                    _ => Vec::new(),
                };
                NamedLine {
                    name: river.name.clone(),
                    kind: LineKind::River,
                    pieces: project_lines(&projection, stretches.iter().map(Vec::as_slice)),
                }
            })
            .collect();
        lines.extend(map.lines.iter().map(|line| {
            let points: Vec<(f64, f64)> = line.points.iter().map(|&[lon, lat]| (lon, lat)).collect();
            NamedLine {
                name: line.name.clone(),
                kind: line.kind,
                pieces: project_lines(&projection, std::iter::once(densify(&points).as_slice())),
            }
        }));

        let state_labels = map
            .states
            .iter()
            .filter_map(|state| {
                let members: Vec<usize> = state.countries.iter().filter_map(|c| index_of(c)).collect();
                let area: f64 = members.iter().map(|&i| largest[i].0).sum();
                let at = match state.label_at {
                    Some([lon, lat]) => projection.forward(lon, lat),
                    None => members
                        .iter()
                        .max_by(|&&a, &&b| largest[a].1.total_cmp(&largest[b].1))
                        .and_then(|&i| largest[i].2.as_ref()?.interior_point())
                        .map(|p| (p.x(), p.y()))?,
                };
                Some(StateLabel {
                    text: state.map_label().to_string(),
                    at: [at.0 as f32, at.1 as f32],
                    extent_km: area.sqrt() as f32,
                })
            })
            .collect();
        let water_labels = map
            .water_labels
            .iter()
            .map(|w| {
                let (x, y) = projection.forward(w.lon, w.lat);
                WaterLabel {
                    text: w.name.clone(),
                    at: [x as f32, y as f32],
                }
            })
            .collect();
        BaseLayer {
            projection,
            land,
            borders,
            lines,
            state_labels,
            water_labels,
        }
    }
}

impl BaseLayer {
    /// The land this day's map is drawn over, to share with the maps of other days.
    pub fn land(&self) -> &Arc<Land> {
        &self.land
    }

    pub fn land_tiles(&self) -> &[LandTile] {
        &self.land.tiles
    }

    pub fn coastlines(&self) -> &[WorldLine] {
        &self.land.coastlines
    }

    /// Whether a world point (km) is on land: inside a triangle of the land mesh.
    pub fn is_land(&self, p: [f32; 2]) -> bool {
        let (x, y) = (p[0] as f64, p[1] as f64);
        self.land
            .tiles
            .iter()
            .filter(|t| t.bbox.min.0 <= x && x <= t.bbox.max.0 && t.bbox.min.1 <= y && y <= t.bbox.max.1)
            .any(|t| {
                t.mesh.indices.chunks_exact(3).any(|tri| {
                    let [a, b, c] = [tri[0], tri[1], tri[2]].map(|i| t.mesh.vertices[i as usize]);
                    in_triangle(p, a, b, c)
                })
            })
    }

    /// The land of the tiles that meet `view`, as one mesh (the same `Arc` while the set of
    /// visible tiles does not change).
    pub fn land_in(&self, view: &WorldBox) -> Arc<LandMesh> {
        let tiles = &self.land.tiles;
        let meets = |b: &WorldBox| {
            b.max.0 >= view.min.0 && b.min.0 <= view.max.0 && b.max.1 >= view.min.1 && b.min.1 <= view.max.1
        };
        let rings = &self.land.rings;
        let visible: Visible = (
            (0..tiles.len()).filter(|&i| meets(&tiles[i].bbox)).collect(),
            (0..rings.len()).filter(|&i| meets(&rings[i].0)).collect(),
        );
        let mut cache = self.land.visible.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((tiles, mesh)) = cache.as_ref()
            && *tiles == visible
        {
            return mesh.clone();
        }
        let mut merged = LandMesh {
            rings: visible.1.iter().map(|&i| rings[i].1.clone()).collect(),
            ..LandMesh::default()
        };
        for &i in &visible.0 {
            let tile = &tiles[i].mesh;
            let base = merged.vertices.len() as u32;
            merged.vertices.extend_from_slice(&tile.vertices);
            merged.indices.extend(tile.indices.iter().map(|&k| base + k));
        }
        let merged = Arc::new(merged);
        *cache = Some((visible, merged.clone()));
        merged
    }
}

fn in_triangle(p: [f32; 2], a: [f32; 2], b: [f32; 2], c: [f32; 2]) -> bool {
    let side = |u: [f32; 2], v: [f32; 2]| (v[0] - u[0]) * (p[1] - u[1]) - (v[1] - u[1]) * (p[0] - u[0]);
    let (d1, d2, d3) = (side(a, b), side(b, c), side(c, a));
    let negative = d1 < 0.0 || d2 < 0.0 || d3 < 0.0;
    let positive = d1 > 0.0 || d2 > 0.0 || d3 > 0.0;
    !(negative && positive)
}

/// Splits the land mesh into squares by the centre of each triangle.
fn tiles(land: &LandMesh) -> Vec<LandTile> {
    let mut cells: std::collections::BTreeMap<(i64, i64), LandMesh> = Default::default();
    let mut remap = vec![u32::MAX; land.vertices.len()];
    let mut stamp = vec![(i64::MIN, i64::MIN); land.vertices.len()];
    for triangle in land.indices.chunks_exact(3) {
        let [a, b, c] = [triangle[0], triangle[1], triangle[2]].map(|i| land.vertices[i as usize]);
        let cx = ((a[0] + b[0] + c[0]) as f64 / 3.0 / TILE_KM).floor() as i64;
        let cy = ((a[1] + b[1] + c[1]) as f64 / 3.0 / TILE_KM).floor() as i64;
        let mesh = cells.entry((cx, cy)).or_default();
        for &i in triangle {
            let i = i as usize;
            if stamp[i] != (cx, cy) {
                stamp[i] = (cx, cy);
                remap[i] = mesh.vertices.len() as u32;
                mesh.vertices.push(land.vertices[i]);
            }
            mesh.indices.push(remap[i]);
        }
    }
    cells
        .into_values()
        .filter_map(|mesh| {
            let bbox = WorldBox::from_points(mesh.vertices.iter().map(|p| (p[0] as f64, p[1] as f64)))?;
            Some(LandTile { mesh, bbox })
        })
        .collect()
}

/// The runs of `points` whose longitudes lie within `[west, east]`.
fn within_longitudes(points: &[(f64, f64)], [west, east]: [f64; 2]) -> Vec<Vec<(f64, f64)>> {
    let mut runs: Vec<Vec<(f64, f64)>> = vec![Vec::new()];
    for &p in points {
        let inside = (west..=east).contains(&p.0);
        match runs.last_mut() {
            Some(run) if inside => run.push(p),
            Some(run) if !run.is_empty() => runs.push(Vec::new()),
            _ => {}
        }
    }
    runs.retain(|run| run.len() > 1);
    runs
}

/// Adds points every half degree so a line drawn "straight" in longitude and latitude follows
/// the parallels and meridians once projected.
fn densify(points: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let mut out = Vec::new();
    for pair in points.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let steps = (((b.0 - a.0).abs().max((b.1 - a.1).abs())) / 0.5)
            .ceil()
            .clamp(1.0, 2000.0) as usize;
        out.extend((0..steps).map(|k| {
            let t = k as f64 / steps as f64;
            (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t)
        }));
    }
    out.extend(points.last());
    out
}

/// Counts the arcs of a polygon's rings the way [`append_polygon`] keeps them: the outer ring
/// and the holes it triangulates, each arc +1 walked forwards and −1 backwards.
fn count_arcs(polygon: &Polygon, refs: &[crate::map::basemap::RingRefs], central: f64, arc_use: &mut [i32]) {
    for (k, (ring, ring_refs)) in polygon.iter().zip(refs).enumerate() {
        // The outer ring is kept whenever the polygon is; a hole only as `append_polygon` keeps it.
        if k > 0 && (ring.len() < 4 || crosses_seam(ring, central)) {
            continue;
        }
        for r in ring_refs {
            if let Some(count) = arc_use.get_mut(r.arc) {
                *count += if r.reversed { -1 } else { 1 };
            }
        }
    }
}

/// The outline of the land: the arcs left over by [`count_arcs`], each walked the way its land
/// ring walks it, chained end to start into closed rings and projected.
fn outline_rings(basemap: &Basemap, arc_use: &[i32], projection: &Projection) -> Vec<(WorldBox, LandRing)> {
    use std::collections::HashMap;
    let arcs = basemap.arcs();
    let projector = projection.projector();
    let key = |p: (f64, f64)| (p.0.to_bits(), p.1.to_bits());
    // Each left-over arc once per net use, as (arc, reversed).
    let mut pieces: Vec<(usize, bool)> = Vec::new();
    for (i, &n) in arc_use.iter().enumerate() {
        for _ in 0..n.unsigned_abs() {
            pieces.push((i, n < 0));
        }
    }
    let ends = |&(i, reversed): &(usize, bool)| {
        let points = arcs[i].points();
        let (first, last) = (points.first().copied(), points.last().copied());
        if reversed { (last, first) } else { (first, last) }
    };
    let mut starting: HashMap<(u64, u64), Vec<usize>> = HashMap::new();
    for (k, piece) in pieces.iter().enumerate() {
        if let (Some(start), _) = ends(piece) {
            starting.entry(key(start)).or_default().push(k);
        }
    }
    let mut used = vec![false; pieces.len()];
    let mut rings = Vec::new();
    for first in 0..pieces.len() {
        if used[first] {
            continue;
        }
        let mut lonlat: Vec<(f64, f64)> = Vec::new();
        let mut next = Some(first);
        while let Some(k) = next {
            used[k] = true;
            let (i, reversed) = pieces[k];
            let points = arcs[i].points();
            let skip = usize::from(!lonlat.is_empty());
            if reversed {
                lonlat.extend(points.iter().rev().skip(skip));
            } else {
                lonlat.extend(points.iter().skip(skip));
            }
            // Go on with an unused piece that starts where this one ends; none closes the ring.
            next = ends(&pieces[k]).1.and_then(|end| {
                starting
                    .get(&key(end))
                    .and_then(|list| list.iter().copied().find(|&j| !used[j]))
            });
        }
        if lonlat.len() > 1 && lonlat.first() == lonlat.last() {
            lonlat.pop();
        }
        if lonlat.len() < 3 {
            continue;
        }
        let ring: Vec<[f32; 2]> = lonlat
            .iter()
            .map(|&(lon, lat)| {
                let (x, y) = projector.forward(lon, lat);
                [x as f32, y as f32]
            })
            .collect();
        if let Some(bbox) = WorldBox::from_points(ring.iter().map(|p| (p[0] as f64, p[1] as f64))) {
            rings.push((bbox, LandRing::from(ring)));
        }
    }
    rings
}

/// Triangulates one polygon into `land`; returns its projected geometry for area and labels.
fn append_polygon(
    projection: &Projector,
    central: f64,
    polygon: &Polygon,
    land: &mut LandMesh,
) -> Option<geo::Polygon<f64>> {
    let outer = polygon.first()?;
    if outer.len() < 4 || crosses_seam(outer, central) {
        return None;
    }
    let holes = polygon[1..]
        .iter()
        .filter(|h| h.len() >= 4 && !crosses_seam(h, central))
        .map(|h| projected_ring(projection, h))
        .collect();
    let geometry = geo::Polygon::new(projected_ring(projection, outer), holes);
    let triangulation = geometry.earcut_triangles_raw();
    let base = land.vertices.len() as u32;
    land.vertices
        .extend(triangulation.vertices.iter().map(|xy| [xy[0] as f32, xy[1] as f32]));
    land.indices
        .extend(triangulation.triangle_indices.iter().map(|&i| base + i as u32));
    Some(geometry)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::map::basemap::Lod;

    /// The nonzero winding number of `rings` about `p`.
    fn winding(rings: &[(WorldBox, LandRing)], p: [f32; 2]) -> i32 {
        let mut w = 0;
        for (_, ring) in rings {
            for i in 0..ring.len() {
                let (a, b) = (ring[i], ring[(i + 1) % ring.len()]);
                let side = (b[0] - a[0]) * (p[1] - a[1]) - (p[0] - a[0]) * (b[1] - a[1]);
                if a[1] <= p[1] && b[1] > p[1] && side > 0.0 {
                    w += 1;
                } else if a[1] > p[1] && b[1] <= p[1] && side < 0.0 {
                    w -= 1;
                }
            }
        }
        w
    }

    #[test]
    fn the_outline_covers_what_the_triangles_cover() {
        let projection = Projection::for_extent(20.0, 0.0, 150.0, 70.0);
        let land = Land::build(Basemap::embedded(Lod::Coarse), projection);
        // Far fewer rings than polygons: the borders between countries cancel out.
        assert!((10..1000).contains(&land.rings.len()), "{} rings", land.rings.len());
        let in_mesh = |p: [f32; 2]| {
            land.tiles.iter().any(|t| {
                t.mesh.indices.chunks_exact(3).any(|tri| {
                    let [a, b, c] = [tri[0], tri[1], tri[2]].map(|i| t.mesh.vertices[i as usize]);
                    in_triangle(p, a, b, c)
                })
            })
        };
        let (mut land_points, mut differ) = (0, 0);
        for i in 0..60 {
            for j in 0..40 {
                let p = [-4000.0 + 8000.0 * i as f32 / 59.0, -3500.0 + 7000.0 * j as f32 / 39.0];
                let (mesh, outline) = (in_mesh(p), winding(&land.rings, p) != 0);
                land_points += usize::from(mesh);
                differ += usize::from(mesh != outline);
            }
        }
        assert!(land_points > 300, "{land_points} points on land");
        assert_eq!(differ, 0, "{differ} of 2400 points differ");
    }
}
