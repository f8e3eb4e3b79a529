//! Land and lines drawn straight with tiny-skia: the bulk of a base map. Written as SVG they
//! would be formatted, read back by usvg (which strokes every line once more to find its
//! bounds) and stroked again in every band; here each outline is built once from the points the
//! SVG would hold, stroked once per picture size, and only filled per band. resvg makes the same
//! tiny-skia calls from the same points, so the pixels are those of the SVG drawn by resvg.

use crate::scene::Rgba;
use resvg::tiny_skia::{
    self, FillRule, LineCap, LineJoin, Paint, Path, PathBuilder, PathStroker, Stroke, StrokeDash, Transform,
};

/// How an outline is painted.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Painting {
    /// Filled by the nonzero rule.
    Fill,
    /// Stroked `width` layout pixels wide, with round joins and butt caps, dashed if given (as
    /// the SVG writer's `stroke-linejoin="round"` lines are).
    Stroke { width: f32, dash: Option<[f32; 2]> },
}

/// Outlines in layout pixels with their paints, drawn in order over a picture of `size`
/// layout pixels scaled to fill it.
#[derive(Clone, Debug)]
pub struct Paths {
    size: [f32; 2],
    items: Vec<(Path, Rgba, Painting)>,
    points: usize,
}

impl Paths {
    pub fn new(size: [f32; 2]) -> Paths {
        Paths {
            size,
            items: Vec::new(),
            points: 0,
        }
    }

    /// The whole picture filled with `color` (an SVG `<rect width="100%" height="100%">`).
    pub fn fill_all(&mut self, color: Rgba) {
        if let Some(rect) = tiny_skia::Rect::from_xywh(0.0, 0.0, self.size[0], self.size[1]) {
            self.push_path(PathBuilder::from_rect(rect), color, Painting::Fill);
        }
    }

    /// An outline of subpaths, each its points and whether it is closed; nothing for a colour
    /// with no alpha, a stroke of no width, or no points.
    pub fn push(&mut self, subpaths: impl IntoIterator<Item = (Vec<[f32; 2]>, bool)>, color: Rgba, painting: Painting) {
        if color.0[3] == 0 || matches!(painting, Painting::Stroke { width, .. } if width <= 0.0) {
            return;
        }
        let mut builder = PathBuilder::new();
        for (points, closed) in subpaths {
            let Some((first, rest)) = points.split_first() else {
                continue;
            };
            builder.move_to(first[0], first[1]);
            for p in rest {
                builder.line_to(p[0], p[1]);
            }
            if closed {
                builder.close();
            }
        }
        if let Some(path) = builder.finish() {
            self.push_path(path, color, painting);
        }
    }

    fn push_path(&mut self, path: Path, color: Rgba, painting: Painting) {
        self.points += path.len();
        self.items.push((path, color, painting));
    }

    /// How many points the outlines have: the work of drawing them, roughly.
    pub fn points(&self) -> usize {
        self.points
    }

    /// The outlines in the pixels of a `width` × `height` picture, lines already stroked.
    pub(super) fn prepare(&self, width: u32, height: u32) -> Prepared {
        let scale = Transform::from_scale(width as f32 / self.size[0], height as f32 / self.size[1]);
        let items = self
            .items
            .iter()
            .filter_map(|(path, color, painting)| prepare_one(path, *color, *painting, scale))
            .collect();
        Prepared { items }
    }
}

/// An outline ready to draw into any band of the picture.
enum Ready {
    /// In picture pixels, filled by the rule.
    Filled {
        path: Path,
        paint: Paint<'static>,
        rule: FillRule,
    },
    /// A line thinner than a pixel, which tiny-skia draws as a hairline of reduced coverage: kept
    /// in layout pixels and drawn as resvg draws it.
    Hairline {
        path: Path,
        paint: Paint<'static>,
        stroke: Stroke,
        scale: Transform,
    },
}

/// [`Paths`] ready for one picture size.
pub(super) struct Prepared {
    items: Vec<Ready>,
}

fn prepare_one(path: &Path, color: Rgba, painting: Painting, scale: Transform) -> Option<Ready> {
    let [r, g, b, a] = color.0;
    let mut paint = Paint::default();
    paint.set_color_rgba8(r, g, b, a);
    paint.anti_alias = true;
    match painting {
        Painting::Fill => {
            // As resvg: horizontal and vertical lines cannot be filled.
            let bounds = path.bounds();
            if bounds.width() == 0.0 || bounds.height() == 0.0 {
                return None;
            }
            Some(Ready::Filled {
                path: path.clone().transform(scale)?,
                paint,
                rule: FillRule::Winding,
            })
        }
        Painting::Stroke { width, dash } => {
            let stroke = Stroke {
                width,
                miter_limit: 4.0,
                line_cap: LineCap::Butt,
                line_join: LineJoin::Round,
                dash: dash.and_then(|[on, off]| StrokeDash::new(vec![on, off], 0.0)),
            };
            // tiny-skia draws a line at most a pixel wide as a hairline.
            if width * scale.sx <= 1.0 && width * scale.sy <= 1.0 {
                return Some(Ready::Hairline {
                    path: path.clone(),
                    paint,
                    stroke,
                    scale,
                });
            }
            // What `PixmapMut::stroke_path` does for a wide line, done once instead of per band.
            let res_scale = PathStroker::compute_resolution_scale(&scale);
            let dashed;
            let path = match &stroke.dash {
                Some(dash) => {
                    dashed = path.dash(dash, res_scale)?;
                    &dashed
                }
                None => path,
            };
            Some(Ready::Filled {
                path: path.stroke(&stroke, res_scale)?.transform(scale)?,
                paint,
                rule: FillRule::Winding,
            })
        }
    }
}

impl Prepared {
    /// Draws the outlines into `band`, the rows of the picture from `top` down.
    pub(super) fn draw(&self, band: &mut tiny_skia::PixmapMut, top: u32) {
        let shift = Transform::from_translate(0.0, -(top as f32));
        for item in &self.items {
            match item {
                Ready::Filled { path, paint, rule } => band.fill_path(path, paint, *rule, shift, None),
                Ready::Hairline {
                    path,
                    paint,
                    stroke,
                    scale,
                } => band.stroke_path(path, paint, stroke, scale.post_translate(0.0, -(top as f32)), None),
            }
        }
    }
}
