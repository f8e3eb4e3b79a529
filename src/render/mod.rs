//! Painting a scene: on screen with egui, as an SVG document, and from SVG to pixels for export.

pub mod egui_painter;
pub mod raster;
pub mod svg;
