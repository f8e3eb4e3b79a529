//! Headless export: the scene the window shows, written as SVG or rasterised to PNG, one day or
//! a sequence of days (PNG frames, an animated GIF, an MP4 video). No window, no GPU.
//!
//! The scene comes from [`scene::compose`], the path the window itself uses, so an export shows
//! what the screen shows for the same day, view and selection. A large export is laid out like a
//! 1080-line screen and rasterised sharper: 3840×2160 has the labels, margins and text sizes of
//! 1920×1080, every length doubled.

mod draw_days;
mod error;
mod frames;
mod look;
mod size;
mod video;

pub use error::ExportError;
pub use frames::{
    FramesRequest, GIF_DELAY_CENTISECONDS, GIF_LAST_FRAME_CENTISECONDS, MAX_FRAMES, SequenceOutputs, SequenceWritten,
    export_frames, export_frames_with, export_layer_frames_with, export_sequence, frame_days, frame_file_name,
    gif_size, write_gif, write_video,
};
pub use look::Look;
pub use size::parse_size;
pub use video::{
    VIDEO_DEFAULT_FPS, VIDEO_DEFAULT_HOLD_SECONDS, VIDEO_DEFAULT_SECONDS_PER_DAY, VIDEO_MAX_FPS, VIDEO_MAX_SECONDS,
    VIDEO_MAX_SIZE, VideoOptions, VideoSummary, check_video_size,
};

use crate::atomic_file::{self, OnExisting};
use crate::chronicle::{Chronicle, GeoBox};
use crate::map::camera::Camera;
use crate::map::projection::Projection;
use crate::render::raster;
use crate::render::svg::{RasterPiece, SvgOptions, SvgText, TEXT_EMBOLDEN, scene_part_to_pieces, scene_to_svg};
use crate::scene::ink::{InkStroke, InkView, strokes_primitives};
use crate::scene::{self, BaseLayers, Layer, OverlayOptions, Scene, Style};
use crate::timeline::Timeline;
use crate::view_state::ViewState;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Exports up to this many lines high are laid out 1:1; taller ones are laid out at this height
/// and scaled up.
pub const LAYOUT_HEIGHT: f64 = 1080.0;

/// Margin (layout pixels) around a fitted view, as in the window.
pub const FIT_MARGIN: f64 = 24.0;

/// What part of the world to show.
#[derive(Clone, Debug, PartialEq)]
pub enum ExportView {
    /// The extent the window opens on (the chronicle's first view, or all its places).
    Home,
    /// A named view of the chronicle, by id (e.g. "korean-peninsula").
    Named(String),
    /// A lon/lat box; west > east crosses the antimeridian.
    Bbox(GeoBox),
    /// Exactly what a window's camera shows, in that camera's projection. The centre is kept and
    /// the scale adjusted so everything the camera's viewport showed is shown at the export's
    /// layout size.
    Camera { camera: Camera, projection: Projection },
}

/// One picture to export.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportRequest {
    pub day: NaiveDate,
    /// Index into `Chronicle::events`.
    pub selected: Option<usize>,
    pub view: ExportView,
    /// Width and height in pixels.
    pub size: (u32, u32),
    pub overlays: OverlayOptions,
    pub style: Style,
    /// The window's state to draw with (trail, cumulative mode, filters, spread group, tour
    /// caption), so "export the view as shown" shows what was shown; `None` is the defaults.
    pub settings: Option<ViewState>,
    /// Words of the lecturer's own for the caption, beside the selected event's title if any
    /// (see [`Renderer::with_caption`]).
    pub caption: Option<String>,
    /// Pen strokes drawn while presenting, to draw over the picture; empty for none (ink is
    /// left out of exports unless asked for).
    pub ink: Vec<InkStroke>,
}

impl ExportRequest {
    /// The home view at `size` pixels on `day`, nothing selected, default overlays, atlas style.
    pub fn new(day: NaiveDate, size: (u32, u32)) -> ExportRequest {
        ExportRequest {
            day,
            selected: None,
            view: ExportView::Home,
            size,
            overlays: OverlayOptions::default(),
            style: Style::atlas(),
            settings: None,
            caption: None,
            ink: Vec::new(),
        }
    }
}

/// How many pixels of the image one layout pixel covers: 1 up to 1080 lines, then in proportion
/// (2 for 3840×2160).
pub fn pixel_ratio(size: (u32, u32)) -> f64 {
    (size.1 as f64 / LAYOUT_HEIGHT).max(1.0)
}

/// The size the scene is laid out at for an image of `size` pixels.
pub fn layout_size(size: (u32, u32)) -> (f64, f64) {
    let ratio = pixel_ratio(size);
    (size.0 as f64 / ratio, size.1 as f64 / ratio)
}

/// The lon/lat box of a named view.
pub fn named_view(chronicle: &Chronicle, id: &str) -> Result<GeoBox, ExportError> {
    chronicle
        .view(id)
        .map(|v| v.bbox)
        .ok_or_else(|| ExportError::UnknownView {
            id: id.to_string(),
            known: chronicle.views.iter().map(|v| v.id.clone()).collect(),
        })
}

/// The projection and camera for a view at a layout size, chosen as the window chooses them: a
/// projection centred on the box, the box fitted with a margin.
pub fn frame_view(
    chronicle: &Chronicle,
    view: &ExportView,
    layout: (f64, f64),
) -> Result<(Projection, Camera), ExportError> {
    let bbox = match view {
        ExportView::Home => chronicle.home_extent(),
        ExportView::Named(id) => named_view(chronicle, id)?,
        ExportView::Bbox(bbox) => {
            bbox.check().map_err(ExportError::BadBbox)?;
            *bbox
        }
        ExportView::Camera { camera, projection } => {
            let (cw, ch) = camera.viewport();
            let factor = if cw > 0.0 && ch > 0.0 {
                (layout.0 / cw).min(layout.1 / ch)
            } else {
                1.0
            };
            let c = Camera::new(camera.center(), camera.pixels_per_km() * factor, layout);
            return Ok((*projection, c));
        }
    };
    let (w, s, e, n) = bbox.to_tuple();
    let projection = Projection::for_extent(w, s, e, n);
    let mut camera = Camera::new((0.0, 0.0), 1.0, layout);
    camera.fit_lonlat(&projection, (w, s, e, n), layout, FIT_MARGIN);
    Ok((projection, camera))
}

/// Renders scenes of one view at one size, day after day, building the base map only once.
pub struct Renderer<'a> {
    chronicle: &'a Chronicle,
    timeline: &'a Timeline,
    layers: BaseLayers,
    camera: Camera,
    size: (u32, u32),
    style: Style,
    overlays: OverlayOptions,
    view_name: String,
    settings: Option<ViewState>,
    caption: Option<String>,
    /// Chronicles drawn beneath the main one (`--layer`).
    context: &'a [Layer],
    /// Pen strokes drawn over every picture.
    ink: Vec<InkStroke>,
    /// How an SVG file's labels are written.
    svg_text: SvgText,
    /// The labels drawn so far, each drawn once and reused (see [`raster::LabelCache`]).
    labels: Arc<raster::LabelCache>,
}

impl<'a> Renderer<'a> {
    pub fn new(
        chronicle: &'a Chronicle,
        timeline: &'a Timeline,
        view: &ExportView,
        size: (u32, u32),
        style: Style,
        overlays: OverlayOptions,
    ) -> Result<Renderer<'a>, ExportError> {
        raster::check_size(size.0, size.1)?;
        let (projection, camera) = frame_view(chronicle, view, layout_size(size))?;
        let view_name = match view {
            ExportView::Named(id) => chronicle.view(id).map_or_else(|| id.clone(), |v| v.name.clone()),
            ExportView::Home => chronicle.views.first().map_or_else(String::new, |v| v.name.clone()),
            ExportView::Bbox(b) => format!("{}, {}, {}, {}", b.west, b.south, b.east, b.north),
            ExportView::Camera { .. } => String::new(),
        };
        Ok(Renderer {
            chronicle,
            timeline,
            layers: BaseLayers::new(projection, &chronicle.map),
            camera,
            size,
            style,
            overlays,
            view_name,
            settings: None,
            caption: None,
            context: &[],
            ink: Vec::new(),
            svg_text: SvgText::default(),
            labels: Arc::new(raster::LabelCache::new()),
        })
    }

    /// Draws these chronicles beneath the main one, those marked shown.
    pub fn with_layers(mut self, layers: &'a [Layer]) -> Renderer<'a> {
        self.context = layers;
        self
    }

    /// Draws with the window's trail, filters, spread group and caption (see
    /// [`ExportRequest::settings`]); the day and selection are still given per picture.
    pub fn with_settings(mut self, settings: Option<ViewState>) -> Renderer<'a> {
        self.settings = settings;
        self
    }

    /// Puts `caption` on every picture, unlike a tour stop's caption, which belongs to its day:
    /// under the selected event's title while it happens, else on its own. An empty text shows
    /// none.
    pub fn with_caption(mut self, caption: Option<String>) -> Renderer<'a> {
        self.caption = caption.filter(|c| !c.trim().is_empty());
        if self.caption.is_some() {
            self.overlays.caption = true;
        }
        self
    }

    /// Draws these pen strokes over every picture, placed by their longitudes and latitudes.
    pub fn with_ink(mut self, ink: Vec<InkStroke>) -> Renderer<'a> {
        self.ink = ink;
        self
    }

    /// Writes an SVG file's labels as text (with the fonts embedded) or as outlines.
    pub fn with_svg_text(mut self, svg_text: SvgText) -> Renderer<'a> {
        self.svg_text = svg_text;
        self
    }

    /// The pixel size of the images.
    pub fn size(&self) -> (u32, u32) {
        self.size
    }

    /// The camera, at the layout size.
    pub fn camera(&self) -> &Camera {
        &self.camera
    }

    /// The scene for a day and a selection, at the layout size.
    pub fn scene(&mut self, day: NaiveDate, selected: Option<usize>) -> Result<Scene, ExportError> {
        if let Some(i) = selected
            && i >= self.chronicle.events.len()
        {
            return Err(ExportError::NoSuchEvent(i));
        }
        let mut state = match &self.settings {
            Some(settings) => settings.clone(),
            None => ViewState::new(self.chronicle, self.timeline),
        };
        // A caption belongs to the day it was written for: ViewState drops it when the day moves.
        state.go_to(day);
        state.set_selected(self.chronicle, selected);
        if let Some(caption) = &self.caption {
            state.show_caption_for(day, caption.clone());
        }
        let context = scene::Context {
            layers: self.context,
            selected: None,
        };
        let mut scene = scene::compose_with_layers(
            self.chronicle,
            self.timeline,
            context,
            &mut self.layers,
            &self.camera,
            &self.style,
            &state,
            self.overlays,
        );
        let view = InkView::new(self.camera, self.layers.projection());
        scene
            .primitives
            .extend(strokes_primitives(&self.ink, &view, &self.style));
        Ok(scene)
    }

    /// The scene of a day, how many of its first primitives are the base map (land, borders,
    /// coasts, the map's lines: the same on every day with the same map), and its SVG options.
    fn split_scene(
        &mut self,
        day: NaiveDate,
        selected: Option<usize>,
    ) -> Result<(Scene, usize, SvgOptions), ExportError> {
        let scene = self.scene(day, selected)?;
        let base = scene::base_primitives(self.layers.for_camera(&self.camera, day), &self.camera, &self.style);
        // `build` starts every scene with these; were it ever not so, the whole day is drawn.
        let base_len = if scene.primitives.starts_with(&base) {
            base.len()
        } else {
            0
        };
        Ok((scene, base_len, self.svg_options(day)))
    }

    fn svg_options(&self, day: NaiveDate) -> SvgOptions {
        let mut title = format!("{} — {}", scene::day_in_words(day), self.chronicle.metadata.title);
        if !self.view_name.is_empty() {
            title = format!("{title} — {}", self.view_name);
        }
        SvgOptions {
            title: Some(title),
            // The screen's thickening is about a fraction of a device pixel, not of a layout one.
            text_embolden: TEXT_EMBOLDEN / pixel_ratio(self.size) as f32,
            ..SvgOptions::default()
        }
    }

    /// The SVG file for a day and a selection: lines merged by style, one text element per
    /// label with the fonts it uses embedded, or outlines (see [`Renderer::with_svg_text`]).
    pub fn svg(&mut self, day: NaiveDate, selected: Option<usize>) -> Result<String, ExportError> {
        let scene = self.scene(day, selected)?;
        let options = SvgOptions {
            file: Some(self.svg_text),
            ..self.svg_options(day)
        };
        Ok(scene_to_svg(&scene, &options))
    }

    /// The SVG document the PNG is drawn from, with the bundled fonts (none embedded).
    pub fn raster_svg(&mut self, day: NaiveDate, selected: Option<usize>) -> Result<String, ExportError> {
        let scene = self.scene(day, selected)?;
        Ok(scene_to_svg(&scene, &self.svg_options(day)))
    }

    /// The pieces the rasteriser draws a day from: its base map (with the background) and what
    /// the day adds over it (see [`scene_part_to_pieces`]).
    fn raster_pieces(
        &mut self,
        day: NaiveDate,
        selected: Option<usize>,
    ) -> Result<(Vec<RasterPiece>, Vec<RasterPiece>), ExportError> {
        let (scene, base_len, options) = self.split_scene(day, selected)?;
        Ok((
            scene_part_to_pieces(&scene, 0..base_len, true, &options),
            scene_part_to_pieces(&scene, base_len..scene.primitives.len(), false, &options),
        ))
    }

    /// The picture of a day and a selection, at the renderer's size: the base map, then the day
    /// over it, as a sequence of days draws each of its days (drawing is per pixel, so the two
    /// parts drawn in one pass give the pixels of two passes).
    pub fn rgba(&mut self, day: NaiveDate, selected: Option<usize>) -> Result<raster::RgbaImage, ExportError> {
        let (mut pieces, over) = self.raster_pieces(day, selected)?;
        // Both parts in one pass: the pixels of the base drawn first and the day over it.
        pieces.extend(over);
        Ok(raster::draw_picture(&pieces, self.size.0, self.size.1, &self.labels)?)
    }

    /// The PNG file's bytes for a day and a selection, at the renderer's size.
    pub fn png(&mut self, day: NaiveDate, selected: Option<usize>) -> Result<Vec<u8>, ExportError> {
        let image = self.rgba(day, selected)?;
        Ok(raster::encode_png(&image)?)
    }
}

fn renderer<'a>(
    chronicle: &'a Chronicle,
    timeline: &'a Timeline,
    request: &ExportRequest,
) -> Result<Renderer<'a>, ExportError> {
    layered_renderer(chronicle, &[], timeline, request)
}

fn layered_renderer<'a>(
    chronicle: &'a Chronicle,
    layers: &'a [Layer],
    timeline: &'a Timeline,
    request: &ExportRequest,
) -> Result<Renderer<'a>, ExportError> {
    Renderer::new(
        chronicle,
        timeline,
        &request.view,
        request.size,
        request.style.clone(),
        request.overlays,
    )
    .map(|r| {
        r.with_settings(request.settings.clone())
            .with_caption(request.caption.clone())
            .with_layers(layers)
            .with_ink(request.ink.clone())
    })
}

/// The scene an export shows, laid out at [`layout_size`] of the requested size.
pub fn render(chronicle: &Chronicle, timeline: &Timeline, request: &ExportRequest) -> Result<Scene, ExportError> {
    renderer(chronicle, timeline, request)?.scene(request.day, request.selected)
}

/// The export as an SVG document (laid out at [`layout_size`]; scale it to the pixel size).
pub fn export_svg(chronicle: &Chronicle, timeline: &Timeline, request: &ExportRequest) -> Result<String, ExportError> {
    renderer(chronicle, timeline, request)?.svg(request.day, request.selected)
}

/// The export as a PNG file's bytes, exactly `request.size` pixels.
pub fn export_png(chronicle: &Chronicle, timeline: &Timeline, request: &ExportRequest) -> Result<Vec<u8>, ExportError> {
    renderer(chronicle, timeline, request)?.png(request.day, request.selected)
}

/// The file formats an export writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Png,
    Svg,
}

impl Format {
    /// The format a file name asks for by its extension (.png, .svg; any case).
    pub fn from_path(path: &Path) -> Result<Format, ExportError> {
        let ext = path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
        match ext.as_deref() {
            Some("png") => Ok(Format::Png),
            Some("svg") => Ok(Format::Svg),
            _ => Err(ExportError::UnknownFormat {
                path: path.to_path_buf(),
            }),
        }
    }
}

/// Checks that the folder a file is to be written in exists.
pub fn check_parent_dir(path: &Path) -> Result<(), ExportError> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if dir.is_dir() {
        Ok(())
    } else {
        Err(ExportError::Io {
            path: path.to_path_buf(),
            action: "write the file",
            source: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("the folder {} does not exist", dir.display()),
            ),
        })
    }
}

/// Writes `bytes` to `path` atomically, replacing a file there (the caller named it): a failure
/// half-way leaves the old file whole (see [`crate::atomic_file`]).
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
    write_file_with(path, bytes, OnExisting::Replace).map(|_| ())
}

/// Writes `bytes` to `path` atomically; with [`OnExisting::Refuse`] an existing file is kept
/// and the error's source is [`std::io::ErrorKind::AlreadyExists`]. Returns the file written.
pub fn write_file_with(path: &Path, bytes: &[u8], on_existing: OnExisting) -> Result<PathBuf, ExportError> {
    check_parent_dir(path)?;
    atomic_file::write_bytes(path, on_existing, bytes).map_err(|source| ExportError::Io {
        path: path.to_path_buf(),
        action: "write the file",
        source,
    })
}

/// Exports to `path` in the format its extension names, replacing a file there; returns that
/// format.
pub fn export_to_file(
    chronicle: &Chronicle,
    timeline: &Timeline,
    request: &ExportRequest,
    path: &Path,
) -> Result<Format, ExportError> {
    export_to_file_with(chronicle, timeline, request, path, OnExisting::Replace)
}

/// [`export_to_file`], saying what happens to a file already at `path`. Refusing, an existing
/// file is reported before anything is drawn, and checked again when the new file is put in
/// place.
pub fn export_to_file_with(
    chronicle: &Chronicle,
    timeline: &Timeline,
    request: &ExportRequest,
    path: &Path,
    on_existing: OnExisting,
) -> Result<Format, ExportError> {
    export_layers_to_file_with(chronicle, &[], timeline, request, path, on_existing)
}

/// [`export_to_file_with`], with chronicles drawn beneath the main one.
pub fn export_layers_to_file_with(
    chronicle: &Chronicle,
    layers: &[Layer],
    timeline: &Timeline,
    request: &ExportRequest,
    path: &Path,
    on_existing: OnExisting,
) -> Result<Format, ExportError> {
    export_layers_to_file_as(
        chronicle,
        layers,
        timeline,
        request,
        path,
        on_existing,
        SvgText::default(),
    )
}

/// [`export_layers_to_file_with`], saying how an SVG file's labels are written.
pub fn export_layers_to_file_as(
    chronicle: &Chronicle,
    layers: &[Layer],
    timeline: &Timeline,
    request: &ExportRequest,
    path: &Path,
    on_existing: OnExisting,
    svg_text: SvgText,
) -> Result<Format, ExportError> {
    let format = Format::from_path(path)?;
    check_parent_dir(path)?;
    if on_existing == OnExisting::Refuse {
        atomic_file::check_free(path).map_err(|source| ExportError::Io {
            path: path.to_path_buf(),
            action: "write the file",
            source,
        })?;
    }
    let mut renderer = layered_renderer(chronicle, layers, timeline, request)?.with_svg_text(svg_text);
    let bytes = match format {
        Format::Png => renderer.png(request.day, request.selected)?,
        Format::Svg => renderer.svg(request.day, request.selected)?.into_bytes(),
    };
    write_file_with(path, &bytes, on_existing)?;
    Ok(format)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_splits_after_its_base_map() {
        let chronicle = Chronicle::embedded_default();
        let timeline = Timeline::new(&chronicle);
        let on = NaiveDate::from_ymd_opt(1950, 10, 19).unwrap();
        let mut renderer = renderer(&chronicle, &timeline, &ExportRequest::new(on, (640, 360))).unwrap();
        let (scene, base_len, _) = renderer.split_scene(on, None).unwrap();
        // The land, then coasts and borders: all drawn once per sequence, and nothing of the day.
        assert!(base_len > 1, "only {base_len} primitives in the base");
        assert!(matches!(scene.primitives[0], scene::Primitive::Land { .. }));
        assert!(
            scene.primitives[..base_len]
                .iter()
                .all(|p| !matches!(p, scene::Primitive::Text(_) | scene::Primitive::Circle { .. }))
        );
        assert!(
            scene.primitives.len() > base_len,
            "the day adds its date card and events"
        );
    }

    #[test]
    fn layout_follows_the_height() {
        assert_eq!(pixel_ratio((1920, 1080)), 1.0);
        assert_eq!(pixel_ratio((480, 270)), 1.0);
        assert_eq!(pixel_ratio((3840, 2160)), 2.0);
        assert_eq!(layout_size((3840, 2160)), (1920.0, 1080.0));
        assert_eq!(layout_size((2560, 1440)), (1920.0, 1080.0));
        assert_eq!(layout_size((800, 600)), (800.0, 600.0));
    }

    #[test]
    fn formats_come_from_the_extension() {
        assert_eq!(Format::from_path(Path::new("a/b.PNG")).unwrap(), Format::Png);
        assert_eq!(Format::from_path(Path::new("b.svg")).unwrap(), Format::Svg);
        let e = Format::from_path(Path::new("b.jpg")).unwrap_err().to_string();
        assert!(e.contains("b.jpg") && e.contains(".png"), "{e}");
    }

    #[test]
    fn unknown_views_list_the_known_ones() {
        let chronicle = Chronicle::embedded_default();
        let e = named_view(&chronicle, "atlantis").unwrap_err().to_string();
        assert!(e.contains("atlantis") && e.contains("korean-peninsula"), "{e}");
    }
}
