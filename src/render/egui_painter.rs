//! Paints a `Scene` with egui. Thin: every decision about what to draw was made in the scene.

use crate::scene::{Primitive, Rgba, Scene};
use eframe::egui::{self, Color32, FontId, Pos2, Stroke, epaint};

fn color(c: Rgba) -> Color32 {
    let [r, g, b, a] = c.0;
    Color32::from_rgba_unmultiplied(r, g, b, a)
}

/// Paints `scene` with its top-left corner at `origin`.
pub fn paint(painter: &egui::Painter, origin: Pos2, scene: &Scene) {
    let at = |p: [f32; 2]| Pos2::new(origin.x + p[0], origin.y + p[1]);
    let rect = egui::Rect::from_min_size(origin, egui::vec2(scene.size[0], scene.size[1]));
    painter.rect_filled(rect, 0.0, color(scene.background));
    for primitive in &scene.primitives {
        match primitive {
            Primitive::Mesh {
                vertices,
                indices,
                color: c,
            } => {
                let mut mesh = epaint::Mesh::default();
                let fill = color(*c);
                mesh.vertices = vertices
                    .iter()
                    .map(|&p| epaint::Vertex {
                        pos: at(p),
                        uv: epaint::WHITE_UV,
                        color: fill,
                    })
                    .collect();
                mesh.indices = indices.clone();
                painter.add(egui::Shape::mesh(mesh));
            }
            Primitive::Polyline {
                points,
                width,
                color: c,
            } => {
                painter.add(egui::Shape::line(
                    points.iter().map(|&p| at(p)).collect(),
                    Stroke::new(*width, color(*c)),
                ));
            }
            Primitive::Circle {
                center,
                radius,
                fill,
                stroke_width,
                stroke,
            } => {
                painter.circle(
                    at(*center),
                    *radius,
                    color(*fill),
                    Stroke::new(*stroke_width, color(*stroke)),
                );
            }
            Primitive::Label {
                anchor,
                text,
                size,
                color: c,
                halo,
            } => {
                let font = FontId::proportional(*size);
                let pos = at(*anchor);
                for (dx, dy) in [
                    (-1.2, 0.0),
                    (1.2, 0.0),
                    (0.0, -1.2),
                    (0.0, 1.2),
                    (-1.0, -1.0),
                    (1.0, 1.0),
                    (-1.0, 1.0),
                    (1.0, -1.0),
                ] {
                    let p = pos + egui::vec2(dx, dy);
                    painter.text(p, egui::Align2::LEFT_CENTER, text, font.clone(), color(*halo));
                }
                painter.text(pos, egui::Align2::LEFT_CENTER, text, font, color(*c));
            }
        }
    }
}
