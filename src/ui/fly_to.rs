//! Moving the map from one view to the next: a short eased flight instead of a hard cut, so a
//! hall keeps its bearings between tour stops; and the box that frames a day's events.

use crate::chronicle::{Chronicle, GeoBox};
use crate::map::camera::Camera;
use crate::map::projection::Projection;
use crate::timeline::Timeline;
use crate::view_state::ViewState;

/// How long a flight takes: long enough to follow, short enough not to keep a lecture waiting.
pub const FLY_SECONDS: f64 = 0.5;

/// The narrowest box a day's events are framed in, in degrees of longitude and latitude: never
/// so close that one region fills the screen and the hall loses where it is.
pub const MIN_FRAME_DEGREES: (f64, f64) = (6.0, 4.0);

/// A flight in progress, towards the camera that shows `bbox`.
#[derive(Clone, Copy, Debug)]
pub struct Flight {
    pub from: Camera,
    pub to: Camera,
    pub bbox: GeoBox,
    /// From 0 at the start to 1 on arrival.
    pub progress: f64,
}

impl Flight {
    /// The camera at the flight's present progress: the centre moves and the scale changes
    /// geometrically (so zooming out and back in feel alike), eased in and out.
    pub fn camera(&self) -> Camera {
        let t = ease_in_out(self.progress.clamp(0.0, 1.0));
        let (a, b) = (self.from.center(), self.to.center());
        let centre = (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t);
        let scale = self.from.pixels_per_km() * (self.to.pixels_per_km() / self.from.pixels_per_km()).powf(t);
        Camera::new(centre, scale, self.to.viewport())
    }

    pub fn arrived(&self) -> bool {
        self.progress >= 1.0
    }
}

/// Slow at both ends, fastest half-way.
pub fn ease_in_out(t: f64) -> f64 {
    if t < 0.5 {
        2.0 * t * t
    } else {
        1.0 - (-2.0 * t + 2.0).powi(2) / 2.0
    }
}

/// The same view in another projection: the centre's place is kept, and the scale.
pub fn reproject(camera: Camera, from: &Projection, to: &Projection) -> Camera {
    let (x, y) = camera.center();
    let (lon, lat) = from.inverse(x, y);
    if !(lon.is_finite() && lat.is_finite()) {
        return camera;
    }
    Camera::new(to.forward(lon, lat), camera.pixels_per_km(), camera.viewport())
}

/// The places of the day's own events (active on the day, dated to the day or within a few
/// days), as lon/lat points: what a click while presenting should bring into view.
pub fn day_points(chronicle: &Chronicle, timeline: &Timeline, state: &ViewState) -> Vec<(f64, f64)> {
    let day = state.day();
    timeline
        .active_on(day)
        .into_iter()
        .filter_map(|i| chronicle.events.get(i))
        .filter(|e| state.filter().allows(e) && (e.date.last_day() - e.date.first_day()).num_days() <= 7)
        .flat_map(|e| e.places.iter().filter_map(|p| chronicle.place(p)))
        .map(|p| (p.lon, p.lat))
        .collect()
}

/// A box around the points, at least [`MIN_FRAME_DEGREES`] and with a margin; `None` for none.
pub fn frame_around(points: &[(f64, f64)]) -> Option<GeoBox> {
    let first = points.first()?;
    let (mut w, mut s, mut e, mut n) = (first.0, first.1, first.0, first.1);
    for &(lon, lat) in points {
        (w, s, e, n) = (w.min(lon), s.min(lat), e.max(lon), n.max(lat));
    }
    let (cx, cy) = ((w + e) / 2.0, (s + n) / 2.0);
    let half_w = ((e - w) / 2.0 + 1.0).max(MIN_FRAME_DEGREES.0 / 2.0);
    let half_h = ((n - s) / 2.0 + 1.0).max(MIN_FRAME_DEGREES.1 / 2.0);
    Some(GeoBox::new(
        cx - half_w,
        (cy - half_h).max(-85.0),
        cx + half_w,
        (cy + half_h).min(85.0),
    ))
}
