//! The window's panels, each a thin layer over the core.

pub mod map_view;
pub mod screenshot;
