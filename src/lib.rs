//! chronoatlas: a map-and-chronology explorer for historians.
//!
//! The core (chronicle, dates, timeline) is plain Rust with no GUI dependency; the window
//! and the command line are thin layers over it.
#![forbid(unsafe_code)]
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

pub mod app;
pub mod atomic_file;
pub mod chronicle;
pub mod cli;
pub mod export;
pub mod fonts;
pub mod gazetteer;
pub mod import;
pub mod map;
pub mod render;
pub mod scene;
pub mod search;
pub mod timeline;
pub mod tour;
pub mod ui;
pub mod view_state;
