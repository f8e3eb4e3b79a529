//! The window's panels, each a thin layer over the core.

pub mod commands;
pub mod console;
pub mod detail_panel;
pub mod event_list;
pub mod export_window;
pub mod file_menu;
pub mod fly_to;
pub mod fonts;
pub mod ink;
pub mod layers_panel;
pub mod map_view;
pub mod presentation;
pub mod problems;
pub mod screenshot;
pub mod time_bar;
pub mod time_controls;
pub mod top_bar;
pub mod tour_panel;
