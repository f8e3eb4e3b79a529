//! The map: projections, the camera between the world and the screen, and the base map.
//! Plain Rust with no GUI dependency, so the screen and the exports draw the same thing.

pub mod basemap;
pub mod camera;
pub mod projection;
