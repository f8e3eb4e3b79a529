//! Export speed: a 3840×2160 PNG of the Eurasia view on 19 October 1950 (target: under a
//! second), from scratch as the command line does it and with the base map already built; its
//! steps (scene → SVG, SVG → pixels → PNG); and the 35-day frame sequence 15 September –
//! 19 October 1950 at 1920×1080, as PNG frames and with the animated GIF.

use chrono::NaiveDate;
use chronoatlas::chronicle::Chronicle;
use chronoatlas::export::{self, ExportRequest, ExportView, FramesRequest, Renderer};
use chronoatlas::render::raster;
use chronoatlas::scene::{OverlayOptions, Style};
use chronoatlas::timeline::Timeline;
use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::PathBuf;
use std::time::Duration;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

const UHD: (u32, u32) = (3840, 2160);

fn eurasia() -> ExportView {
    ExportView::Named("eurasia".into())
}

fn single(c: &mut Criterion) {
    let chronicle = Chronicle::embedded_default();
    let timeline = Timeline::new(&chronicle);
    let request = ExportRequest {
        view: eurasia(),
        ..ExportRequest::new(day(1950, 10, 19), UHD)
    };
    let mut group = c.benchmark_group("export 3840x2160 eurasia 1950-10-19");
    group.sample_size(10).measurement_time(Duration::from_secs(15));
    group.bench_function("png from scratch (base map built)", |b| {
        b.iter(|| black_box(export::export_png(&chronicle, &timeline, &request).unwrap()))
    });
    let mut renderer = Renderer::new(
        &chronicle,
        &timeline,
        &eurasia(),
        UHD,
        Style::atlas(),
        OverlayOptions::default(),
    )
    .unwrap();
    renderer.png(request.day, None).unwrap();
    group.bench_function("png, base map cached", |b| {
        b.iter(|| black_box(renderer.png(request.day, None).unwrap()))
    });
    group.bench_function("scene and svg, base map cached", |b| {
        b.iter(|| black_box(renderer.svg(request.day, None).unwrap()))
    });
    let svg = renderer.svg(request.day, None).unwrap();
    group.bench_function("svg to pixels", |b| {
        b.iter(|| black_box(raster::svg_to_rgba(&svg, UHD.0, UHD.1).unwrap()))
    });
    let image = raster::svg_to_rgba(&svg, UHD.0, UHD.1).unwrap();
    group.bench_function("png encoding", |b| {
        b.iter(|| black_box(raster::encode_png(&image).unwrap()))
    });
    group.finish();
}

fn sequence(c: &mut Criterion) {
    let chronicle = Chronicle::embedded_default();
    let timeline = Timeline::new(&chronicle);
    let request = FramesRequest {
        view: eurasia(),
        ..FramesRequest::new(day(1950, 9, 15), day(1950, 10, 19), (1920, 1080))
    };
    let dir: PathBuf = std::env::temp_dir().join(format!("chronoatlas-bench-frames-{}", std::process::id()));
    let mut group = c.benchmark_group("frames 1950-09-15..1950-10-19 (35 days) 1920x1080 eurasia");
    group.sample_size(10).measurement_time(Duration::from_secs(75));
    group.bench_function("png frames", |b| {
        b.iter(|| black_box(export::export_frames(&chronicle, &timeline, &request, &dir, None).unwrap()))
    });
    let gif = dir.join("sequence.gif");
    group.bench_function("png frames and gif", |b| {
        b.iter(|| black_box(export::export_frames(&chronicle, &timeline, &request, &dir, Some(&gif)).unwrap()))
    });
    group.finish();
    std::fs::remove_dir_all(&dir).ok();
}

criterion_group!(benches, single, sequence);
criterion_main!(benches);
