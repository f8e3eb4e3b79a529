//! Ink on the presentation map: the pointer's part. With the pen on, a drag with the primary
//! button (a mouse, or a tablet's pen, which egui sees as a pointer) draws a stroke instead of
//! panning the map; the laser follows the pointer while its key is held; the spotlight follows
//! it always. What the ink is and how it looks is `scene::ink`; the keys are in `commands`.

use crate::scene::ink::Ink;
use crate::ui::commands::Command;
use crate::ui::map_view::MapView;
use eframe::egui::{self, PointerButton};

/// Reads the pointer over the map just drawn and updates the ink; call it right after
/// [`MapView::show`], in the same `ui`, so a drag goes to the pen rather than to the map.
pub fn input(ui: &mut egui::Ui, map: &mut MapView) {
    let (Some(rect), Some(view)) = (map.last_rect(), map.ink_view()) else {
        return;
    };
    let local = |p: egui::Pos2| [p.x - rect.min.x, p.y - rect.min.y];
    let (hover, now, laser_held) = ui.input(|i| {
        let held = Command::Laser
            .keys()
            .iter()
            .any(|k| i.key_down(k.logical_key) && i.modifiers.matches_logically(k.modifiers));
        (i.pointer.hover_pos(), i.time, held)
    });
    let ink: &mut Ink = &mut map.ink;
    let pointer = hover.filter(|p| rect.contains(*p)).map(local);
    // The map was drawn with the last pointer: draw again where it is now.
    let moved = pointer != ink.pointer() && (ink.spotlight || laser_held);
    ink.set_pointer(pointer);
    if ink.pen {
        // Registered after the map, so on top of it: drags draw, clicks still reach the markers.
        let response = ui
            .interact(rect, ui.id().with("ink-pen"), egui::Sense::drag())
            .on_hover_cursor(egui::CursorIcon::Crosshair);
        if response.drag_started_by(PointerButton::Primary) {
            let origin = ui.input(|i| i.pointer.press_origin()).or(response.interact_pointer_pos());
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
    } else {
        ink.finish_stroke(&view);
    }
    let was_laser = ink.laser();
    ink.set_laser(laser_held, &view, now);
    if laser_held || was_laser || moved {
        ui.ctx().request_repaint();
    }
}
