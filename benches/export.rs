//! Export speed: a 3840×2160 PNG of the Eurasia view on 19 October 1950 (target: under a
//! second), from scratch as the command line does it and with the base map already built; its
//! steps (scene → SVG, SVG → pixels → PNG); and the 35-day frame sequence 15 September –
//! 19 October 1950 at 1920×1080, as PNG frames and with the animated GIF. The targets of
//! issue 14 are whole-process figures, so `whole process` runs the built binary itself: a
//! 3840×2160 PNG (target 0.25 s), the 35 frames of `vs-qgis.sh` (home view, as that script runs
//! them) and a 365-day sequence at 1920×1080 (target 10 s).

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

/// Runs the chronoatlas binary with `args`, as a user would, and waits for it.
fn run_binary(args: &[&str]) {
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_chronoatlas"))
        .args(args)
        .stdout(std::process::Stdio::null())
        .status()
        .expect("the chronoatlas binary runs");
    assert!(status.success(), "chronoatlas {args:?} failed");
}

fn whole_process(c: &mut Criterion) {
    let dir: PathBuf = std::env::temp_dir().join(format!("chronoatlas-bench-process-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = |name: &str| dir.join(name).to_string_lossy().into_owned();
    let (png, frames35, frames365) = (path("uhd.png"), path("frames35"), path("frames365"));
    let mut group = c.benchmark_group("whole process");
    group.sample_size(10).measurement_time(Duration::from_secs(20));
    group.bench_function("export --date 1950-10-19 --size 3840x2160", |b| {
        b.iter(|| {
            run_binary(&[
                "export",
                "--date",
                "1950-10-19",
                "--size",
                "3840x2160",
                "-o",
                &png,
                "--overwrite",
            ])
        })
    });
    group.bench_function("frames 1950-09-15..1950-10-19 --size 1920x1080 (vs-qgis.sh)", |b| {
        b.iter(|| {
            std::fs::remove_dir_all(&frames35).ok();
            run_binary(&[
                "frames",
                "--from",
                "1950-09-15",
                "--to",
                "1950-10-19",
                "--size",
                "1920x1080",
                "-o",
                &frames35,
            ])
        })
    });
    group.measurement_time(Duration::from_secs(120));
    group.bench_function("frames 1950-01-01..1950-12-31 --size 1920x1080 (365 days)", |b| {
        b.iter(|| {
            std::fs::remove_dir_all(&frames365).ok();
            run_binary(&[
                "frames",
                "--from",
                "1950-01-01",
                "--to",
                "1950-12-31",
                "--size",
                "1920x1080",
                "-o",
                &frames365,
            ])
        })
    });
    group.finish();
    std::fs::remove_dir_all(&dir).ok();
}

criterion_group!(benches, whole_process, single, sequence);
criterion_main!(benches);
