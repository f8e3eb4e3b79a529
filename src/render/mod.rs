//! Painting a scene: on screen with egui (and, later, to SVG/PNG for export).

pub mod egui_painter;
