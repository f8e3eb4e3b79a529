//! The base map projected and triangulated once per projection and level of detail, so a frame
//! only moves cached vertices with the camera instead of re-tessellating the world.

use crate::map::basemap::{Basemap, Polygon};
use crate::map::projection::{Projection, wrap_lon};
use geo::{Coord, LineString, TriangulateEarcut};

/// Land as one triangle mesh and coasts and borders as polylines, all in world kilometres.
pub struct BaseLayer {
    pub projection: Projection,
    /// Triangle vertices (world km) and indices into them.
    pub land_vertices: Vec<[f32; 2]>,
    pub land_indices: Vec<u32>,
    pub coastlines: Vec<Vec<[f32; 2]>>,
    pub borders: Vec<Vec<[f32; 2]>>,
}

/// True when consecutive points of a ring are more than half a turn apart once measured from the
/// projection's centre: the ring crosses the seam and would streak across the map if filled.
fn crosses_seam(ring: &[(f64, f64)], central: f64) -> bool {
    ring.windows(2)
        .any(|w| (wrap_lon(w[0].0, central) - wrap_lon(w[1].0, central)).abs() > 180.0)
}

fn project_ring(projection: &Projection, ring: &[(f64, f64)]) -> Vec<(f64, f64)> {
    ring.iter().map(|&(lon, lat)| projection.forward(lon, lat)).collect()
}

fn to_f32(points: Vec<(f64, f64)>) -> Vec<[f32; 2]> {
    points.into_iter().map(|(x, y)| [x as f32, y as f32]).collect()
}

impl BaseLayer {
    /// Projects and triangulates `basemap`. `same_state(a, b)` decides which borders are drawn.
    pub fn build(basemap: &Basemap, projection: Projection, same_state: impl Fn(usize, usize) -> bool) -> BaseLayer {
        let central = projection.central_meridian();
        let mut land_vertices = Vec::new();
        let mut land_indices = Vec::new();
        for country in 0..basemap.countries().len() {
            for polygon in basemap.polygons(country) {
                append_polygon(&projection, central, &polygon, &mut land_vertices, &mut land_indices);
            }
        }
        let lines = |arcs: &mut dyn Iterator<Item = &[(f64, f64)]>| -> Vec<Vec<[f32; 2]>> {
            arcs.flat_map(|arc| projection.project_line(arc))
                .map(to_f32)
                .filter(|l| l.len() > 1)
                .collect()
        };
        let coastlines = lines(&mut basemap.coastlines());
        let borders = lines(&mut basemap.borders(same_state));
        BaseLayer {
            projection,
            land_vertices,
            land_indices,
            coastlines,
            borders,
        }
    }
}

fn append_polygon(
    projection: &Projection,
    central: f64,
    polygon: &Polygon,
    vertices: &mut Vec<[f32; 2]>,
    indices: &mut Vec<u32>,
) {
    let Some(outer) = polygon.first() else { return };
    if outer.len() < 4 || crosses_seam(outer, central) {
        return;
    }
    let ring = |r: &[(f64, f64)]| -> LineString<f64> {
        LineString::new(
            project_ring(projection, r)
                .into_iter()
                .map(|(x, y)| Coord { x, y })
                .collect(),
        )
    };
    let holes = polygon[1..]
        .iter()
        .filter(|h| h.len() >= 4 && !crosses_seam(h, central))
        .map(|h| ring(h))
        .collect();
    let triangulation = geo::Polygon::new(ring(outer), holes).earcut_triangles_raw();
    let base = vertices.len() as u32;
    vertices.extend(triangulation.vertices.iter().map(|xy| [xy[0] as f32, xy[1] as f32]));
    indices.extend(triangulation.triangle_indices.iter().map(|&i| base + i as u32));
}
