//! Paints a `Scene` with egui. Thin: every decision about what to draw was made in the scene.
//! The land mesh is turned into an egui mesh once per camera and reused while the camera is still.

use crate::scene::{Align, LandMesh, Primitive, Rgba, Scene, Text, Transform};
use eframe::egui::{self, Color32, FontId, Pos2, Stroke, epaint, text::LayoutJob};
use std::sync::Arc;

fn color(c: Rgba) -> Color32 {
    let [r, g, b, a] = c.0;
    Color32::from_rgba_unmultiplied(r, g, b, a)
}

/// Keeps the land as a ready egui mesh, keyed by the mesh, the transform, the origin and colour.
#[derive(Default)]
pub struct ScenePainter {
    land: Option<CachedLand>,
}

/// The egui mesh built for a land mesh placed by a transform at an origin in a colour.
type CachedLand = (Arc<LandMesh>, Transform, Pos2, Rgba, Arc<epaint::Mesh>);

impl ScenePainter {
    fn land_mesh(&mut self, mesh: &Arc<LandMesh>, transform: Transform, origin: Pos2, fill: Rgba) -> Arc<epaint::Mesh> {
        if let Some((k, t, o, c, cached)) = &self.land
            && Arc::ptr_eq(k, mesh)
            && *t == transform
            && *o == origin
            && *c == fill
        {
            return cached.clone();
        }
        let fill32 = color(fill);
        let vertices = mesh
            .vertices
            .iter()
            .map(|&p| {
                let [x, y] = transform.apply(p);
                epaint::Vertex {
                    pos: Pos2::new(origin.x + x, origin.y + y),
                    uv: epaint::WHITE_UV,
                    color: fill32,
                }
            })
            .collect();
        let built = Arc::new(epaint::Mesh {
            indices: mesh.indices.clone(),
            vertices,
            ..Default::default()
        });
        self.land = Some((mesh.clone(), transform, origin, fill, built.clone()));
        built
    }

    /// Paints `scene` with its top-left corner at `origin`.
    pub fn paint(&mut self, painter: &egui::Painter, origin: Pos2, scene: &Scene) {
        let at = |p: [f32; 2]| Pos2::new(origin.x + p[0], origin.y + p[1]);
        let rect = egui::Rect::from_min_size(origin, egui::vec2(scene.size[0], scene.size[1]));
        painter.rect_filled(rect, 0.0, color(scene.background));
        for primitive in &scene.primitives {
            match primitive {
                Primitive::Land {
                    mesh,
                    transform,
                    color: c,
                } => {
                    painter.add(egui::Shape::Mesh(self.land_mesh(mesh, *transform, origin, *c)));
                }
                Primitive::Polyline {
                    points,
                    width,
                    color: c,
                    dash,
                } => {
                    let points: Vec<Pos2> = points.iter().map(|&p| at(p)).collect();
                    let stroke = Stroke::new(*width, color(*c));
                    match dash {
                        Some([on, off]) => painter.extend(egui::Shape::dashed_line(&points, stroke, *on, *off)),
                        None => {
                            painter.add(egui::Shape::line(points, stroke));
                        }
                    }
                }
                Primitive::Polygon { points, fill } => {
                    painter.add(egui::Shape::convex_polygon(
                        points.iter().map(|&p| at(p)).collect(),
                        color(*fill),
                        Stroke::NONE,
                    ));
                }
                Primitive::Area {
                    ring,
                    triangles,
                    fill,
                    stroke_width,
                    stroke,
                    dashed,
                } => {
                    // egui fills only convex polygons; the triangles fill any shape.
                    let fill32 = color(*fill);
                    let vertices = ring
                        .iter()
                        .map(|&p| epaint::Vertex {
                            pos: at(p),
                            uv: epaint::WHITE_UV,
                            color: fill32,
                        })
                        .collect();
                    // Indices past the ring would make egui panic; the scene never makes them.
                    if triangles.iter().all(|&i| (i as usize) < ring.len()) {
                        painter.add(egui::Shape::Mesh(Arc::new(epaint::Mesh {
                            indices: triangles.clone(),
                            vertices,
                            ..Default::default()
                        })));
                    }
                    if *stroke_width > 0.0 {
                        let mut outline: Vec<Pos2> = ring.iter().map(|&p| at(p)).collect();
                        outline.extend(outline.first().copied());
                        let stroke32 = Stroke::new(*stroke_width, color(*stroke));
                        if *dashed {
                            painter.extend(egui::Shape::dashed_line(&outline, stroke32, 4.0, 3.0));
                        } else {
                            painter.add(egui::Shape::line(outline, stroke32));
                        }
                    }
                }
                Primitive::Circle {
                    center,
                    radius,
                    fill,
                    stroke_width,
                    stroke,
                    dashed,
                } => {
                    let stroke32 = Stroke::new(*stroke_width, color(*stroke));
                    if *dashed {
                        painter.circle_filled(at(*center), *radius, color(*fill));
                        let ring = circle_points(at(*center), *radius);
                        painter.extend(egui::Shape::dashed_line(&ring, stroke32, 4.0, 3.0));
                    } else {
                        painter.circle(at(*center), *radius, color(*fill), stroke32);
                    }
                }
                Primitive::Rect {
                    min,
                    max,
                    fill,
                    stroke_width,
                    stroke,
                    corner,
                } => {
                    painter.rect(
                        egui::Rect::from_min_max(at(*min), at(*max)),
                        *corner,
                        color(*fill),
                        Stroke::new(*stroke_width, color(*stroke)),
                        egui::StrokeKind::Inside,
                    );
                }
                Primitive::Text(text) => paint_text(painter, origin, text),
            }
        }
    }
}

fn circle_points(center: Pos2, radius: f32) -> Vec<Pos2> {
    let n = ((radius * 1.5) as usize).clamp(16, 256);
    (0..=n)
        .map(|k| {
            let a = std::f32::consts::TAU * k as f32 / n as f32;
            center + egui::vec2(a.cos(), a.sin()) * radius
        })
        .collect()
}

fn paint_text(painter: &egui::Painter, origin: Pos2, text: &Text) {
    let format = egui::TextFormat {
        font_id: FontId::proportional(text.size),
        color: color(text.color),
        italics: text.italic,
        extra_letter_spacing: text.letter_spacing,
        line_height: Some(text.size * Text::LINE_HEIGHT),
        ..Default::default()
    };
    let mut job = LayoutJob::single_section(text.text.clone(), format);
    job.halign = match text.align {
        Align::Center | Align::CenterBottom => egui::Align::Center,
        Align::RightCenter | Align::RightBottom => egui::Align::RIGHT,
        Align::LeftCenter | Align::LeftTop => egui::Align::LEFT,
    };
    let galley = painter.layout_job(job);
    let size = galley.size();
    let [x, y] = text.anchor;
    // With a centred or right-aligned job the galley's x origin is the alignment line itself.
    let left = x;
    let top = match text.align {
        Align::LeftCenter | Align::Center | Align::RightCenter => y - size.y / 2.0,
        Align::LeftTop => y,
        Align::RightBottom | Align::CenterBottom => y - size.y,
    };
    let pos = Pos2::new(origin.x + left, origin.y + top);
    if let Some(halo) = text.halo {
        let halo = color(halo);
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
            painter.galley_with_override_text_color(pos + egui::vec2(dx, dy), galley.clone(), halo);
        }
    }
    painter.galley(pos, galley, color(text.color));
}
