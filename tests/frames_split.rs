//! A sequence draws the base map once per map and the days over it, on all cores; each frame must
//! still be, byte for byte, the single export of its day: across a change of the map, with a
//! layer beneath, in the presenting look, and with a GIF at a smaller size beside the frames.

use chrono::NaiveDate;
use chronoatlas::atomic_file::OnExisting;
use chronoatlas::chronicle::{self, Chronicle};
use chronoatlas::export::{self, ExportRequest, ExportView, FramesRequest};
use chronoatlas::scene::{Layer, OverlayOptions, Style};
use chronoatlas::timeline::Timeline;
use std::path::{Path, PathBuf};

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("chronoatlas-split-{}-{name}", std::process::id()));
    std::fs::remove_dir_all(&dir).ok();
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn war_layer() -> Layer {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/korean-war-1950.chronicle.json");
    Layer::new(chronicle::load_file(&path).unwrap(), "war".into())
}

/// Writes the frames of `request`, then checks each against the single export of its day.
fn frames_match_single_exports(name: &str, request: &FramesRequest, layers: &[Layer], gif: bool) {
    let chronicle = Chronicle::embedded_default();
    let timeline = Timeline::new(&chronicle);
    let dir = temp_dir(name);
    let gif_path = dir.join("days.gif");
    let frames = export::export_layer_frames_with(
        &chronicle,
        layers,
        &timeline,
        request,
        &dir.join("frames"),
        gif.then_some(gif_path.as_path()),
        OnExisting::Replace,
    )
    .unwrap();
    let days = export::frame_days(request.from, request.to).unwrap();
    assert_eq!(frames.len(), days.len());
    for (frame, &on) in frames.iter().zip(&days) {
        assert!(frame.ends_with(export::frame_file_name(
            frames.iter().position(|f| f == frame).unwrap() + 1,
            on
        )));
        let single = ExportRequest {
            view: request.view.clone(),
            // A sequence keeps one legend card throughout; the single export asks for the same.
            overlays: OverlayOptions {
                steady_legend: true,
                ..request.overlays
            },
            style: request.style.clone(),
            caption: request.caption.clone(),
            ..ExportRequest::new(on, request.size)
        };
        let path = dir.join(format!("single-{on}.png"));
        export::export_layers_to_file_with(&chronicle, layers, &timeline, &single, &path, OnExisting::Refuse).unwrap();
        assert!(
            std::fs::read(frame).unwrap() == std::fs::read(&path).unwrap(),
            "{name}: the frame of {on} differs from the export of that day"
        );
    }
    if gif {
        let bytes = std::fs::read(&gif_path).unwrap();
        let mut options = gif::DecodeOptions::new();
        options.set_color_output(gif::ColorOutput::Indexed);
        let mut decoder = options.read_info(std::io::Cursor::new(bytes)).unwrap();
        let size = (decoder.width() as u32, decoder.height() as u32);
        assert_eq!(size, export::gif_size(request.size));
        let mut count = 0;
        while decoder.read_next_frame().unwrap().is_some() {
            count += 1;
        }
        assert_eq!(count, days.len(), "one GIF frame a day");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn frames_across_a_change_of_the_map_are_single_exports() {
    // The People's Republic is proclaimed on 1 October 1949: the map, and so the base, changes.
    let request = FramesRequest::new(day("1949-09-29"), day("1949-10-02"), (640, 360));
    frames_match_single_exports("map-change", &request, &[], false);
}

#[test]
fn frames_with_a_layer_in_the_presenting_look_are_single_exports() {
    // The front moves every day of the breakout; the layer's features are drawn per day.
    let request = FramesRequest {
        view: ExportView::Named("korean-peninsula".into()),
        overlays: OverlayOptions::presenting(),
        style: Style::projector_dark(),
        caption: Some("The breakout".into()),
        ..FramesRequest::new(day("1950-09-15"), day("1950-09-19"), (800, 450))
    };
    frames_match_single_exports("layer-dark", &request, &[war_layer()], false);
}

#[test]
fn a_smaller_gif_beside_the_frames_keeps_its_size_and_every_day() {
    let request = FramesRequest::new(day("1950-10-17"), day("1950-10-19"), (1280, 720));
    frames_match_single_exports("gif", &request, &[], true);
}
