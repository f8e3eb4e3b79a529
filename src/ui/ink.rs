//! Ink on the presentation map: the pointer's part. With the pen on, a drag with the primary
//! button (a mouse, or a tablet's pen, which egui sees as a pointer) draws a stroke instead of
//! panning the map, and a click makes a dot; the laser follows the pointer while its key is held;
//! the spotlight follows it always. What the ink is and how it looks is `scene::ink`; the keys
//! are in `commands`.

use crate::ui::commands::Command;
use crate::ui::map_view::MapView;
use eframe::egui::{self, PointerButton};

/// The pointer, the laser and the spotlight; call it before [`MapView::show`], so the frame
/// draws them where the pointer is now (the map as last drawn places them).
pub fn pointer(ui: &egui::Ui, map: &mut MapView) {
    let (Some(rect), Some(view)) = (map.last_rect(), map.ink_view()) else {
        return;
    };
    let (hover, now, laser_held) = ui.input(|i| {
        let held = Command::Laser
            .keys()
            .iter()
            .any(|k| i.key_down(k.logical_key) && i.modifiers.matches_logically(k.modifiers));
        (i.pointer.hover_pos(), i.time, held)
    });
    let ink = &mut map.ink;
    ink.set_pointer(
        hover
            .filter(|p| rect.contains(*p))
            .map(|p| [p.x - rect.min.x, p.y - rect.min.y]),
    );
    ink.set_laser(laser_held, &view, now);
}

/// The pen; call it right after [`MapView::show`], in the same `ui`, so that its drag area lies
/// on top of the map: drags draw instead of panning.
pub fn pen(ui: &egui::Ui, map: &mut MapView) {
    let (Some(rect), Some(view)) = (map.last_rect(), map.ink_view()) else {
        return;
    };
    let local = |p: egui::Pos2| [p.x - rect.min.x, p.y - rect.min.y];
    let ink = &mut map.ink;
    if !ink.pen {
        ink.finish_stroke(&view);
        return;
    }
    let response = ui
        .interact(rect, egui::Id::unique("chronoatlas-ink-pen"), egui::Sense::drag())
        .on_hover_cursor(egui::CursorIcon::Crosshair);
    if response.drag_started_by(PointerButton::Primary) {
        let origin = ui
            .input(|i| i.pointer.press_origin())
            .or(response.interact_pointer_pos());
        if let Some(p) = origin {
            ink.begin_stroke(local(p), &view);
        }
    }
    if response.dragged_by(PointerButton::Primary)
        && let Some(p) = response.interact_pointer_pos()
    {
        ink.extend_stroke(local(p), &view);
        ui.ctx().request_repaint();
    }
    if response.drag_stopped() {
        ink.finish_stroke(&view);
        ui.ctx().request_repaint();
    }
}
