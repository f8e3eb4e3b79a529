//! `frames --video`: an MP4 that players read (H.264 in an avc1 track, its index before the
//! pictures), as many frames and as long as the timing asks, the pictures those of the PNG frames;
//! what it refuses; a GIF at the size asked for; and the Export window's video.

mod common;
use common::*;

use chronoatlas::app::ChronoatlasApp;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use openh264::formats::YUVSource;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn chronoatlas(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chronoatlas"))
        .args(args)
        .output()
        .expect("binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("chronoatlas-video-{}-{name}", std::process::id()));
    std::fs::remove_dir_all(&dir).ok();
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// What a player finds in an MP4.
struct Mp4Facts {
    box_type: String,
    width: u16,
    height: u16,
    samples: u32,
    duration_seconds: f64,
    /// The top-level boxes in file order.
    boxes: Vec<String>,
    /// Each sample's picture's luma plane, decoded.
    lumas: Vec<Vec<u8>>,
}

fn top_level_boxes(bytes: &[u8]) -> Vec<String> {
    let mut boxes = Vec::new();
    let mut at = 0usize;
    while at + 8 <= bytes.len() {
        let size = u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
        boxes.push(String::from_utf8_lossy(&bytes[at + 4..at + 8]).into_owned());
        assert!(size >= 8, "a box of {size} bytes at {at}");
        at += size;
    }
    assert_eq!(at, bytes.len(), "the boxes end with the file");
    boxes
}

fn read_mp4(path: &Path) -> Mp4Facts {
    let bytes = std::fs::read(path).unwrap();
    let boxes = top_level_boxes(&bytes);
    let size = bytes.len() as u64;
    let mut reader = mp4::Mp4Reader::read_header(Cursor::new(&bytes), size).unwrap();
    assert_eq!(reader.tracks().len(), 1, "one track");
    let (&id, track) = reader.tracks().iter().next().unwrap();
    assert_eq!(track.media_type().unwrap(), mp4::MediaType::H264);
    let box_type = track.box_type().unwrap().to_string();
    let (width, height, samples) = (track.width(), track.height(), track.sample_count());
    let duration_seconds = track.duration().as_secs_f64();
    // Annex B for the decoder: the parameter sets from the track's description, then each
    // sample's NAL units with start codes for their lengths.
    let start = [0u8, 0, 0, 1];
    let mut parameter_sets = Vec::new();
    for set in [
        track.sequence_parameter_set().unwrap(),
        track.picture_parameter_set().unwrap(),
    ] {
        parameter_sets.extend_from_slice(&start);
        parameter_sets.extend_from_slice(set);
    }
    let mut decoder = openh264::decoder::Decoder::new().unwrap();
    let mut lumas = Vec::new();
    for i in 1..=samples {
        let sample = reader.read_sample(id, i).unwrap().expect("every sample is there");
        let mut packet = if i == 1 { parameter_sets.clone() } else { Vec::new() };
        let mut rest = &sample.bytes[..];
        while rest.len() >= 4 {
            let len = u32::from_be_bytes(rest[..4].try_into().unwrap()) as usize;
            packet.extend_from_slice(&start);
            packet.extend_from_slice(&rest[4..4 + len]);
            rest = &rest[4 + len..];
        }
        assert!(rest.is_empty(), "sample {i} is whole NAL units");
        let picture = decoder.decode(&packet).unwrap().expect("a picture for each sample");
        let (w, h) = picture.dimensions();
        let stride = picture.strides().0;
        lumas.push(
            (0..h)
                .flat_map(|y| picture.y()[y * stride..y * stride + w].to_vec())
                .collect(),
        );
    }
    Mp4Facts {
        box_type,
        width,
        height,
        samples,
        duration_seconds,
        boxes,
        lumas,
    }
}

/// The BT.709 video-range luma of a PNG's pixels, as the video stores them.
fn png_luma(path: &Path) -> (u32, u32, Vec<u8>) {
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(path).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let luma = buf[..info.buffer_size()]
        .chunks(channels)
        .map(|p| {
            let (r, g, b) = (p[0] as f64, p[1] as f64, p[2] as f64);
            (16.0 + 219.0 / 255.0 * (0.2126 * r + 0.7152 * g + 0.0722 * b)).round() as u8
        })
        .collect();
    (info.width, info.height, luma)
}

fn mean_difference(a: &[u8], b: &[u8]) -> f64 {
    assert_eq!(a.len(), b.len());
    a.iter().zip(b).map(|(&x, &y)| (x as f64 - y as f64).abs()).sum::<f64>() / a.len() as f64
}

#[test]
fn a_video_has_the_frames_and_length_asked_for_and_shows_the_frames_pictures() {
    let dir = temp_dir("cli");
    let video = dir.join("autumn.mp4");
    let frames = dir.join("frames");
    // 3 days at 10 frames a second, half a second a day, 0.3 s held at each end:
    // 5 + 3, 5, 5 + 3 = 21 frames, 2.1 seconds.
    let out = chronoatlas(&[
        "frames",
        "--from",
        "1950-10-17",
        "--to",
        "1950-10-19",
        "--view",
        "korean-peninsula",
        "--size",
        "320x180",
        "-o",
        frames.to_str().unwrap(),
        "--video",
        video.to_str().unwrap(),
        "--fps",
        "10",
        "--seconds-per-day",
        "0.5",
        "--hold",
        "0.3",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("3 frames 320x180") && said.contains("21 frames, 2.10 s"),
        "{said}"
    );

    let facts = read_mp4(&video);
    assert_eq!(facts.box_type, "avc1");
    assert_eq!((facts.width, facts.height), (320, 180));
    assert_eq!(facts.samples, 21);
    assert!(
        (facts.duration_seconds - 2.1).abs() < 1e-6,
        "{}",
        facts.duration_seconds
    );
    // Fast start: the index before the pictures.
    assert_eq!(facts.boxes, ["ftyp", "moov", "mdat"]);

    // Each day's frames show that day's PNG frame (the video's colours are BT.709).
    let pngs: Vec<PathBuf> = {
        let mut p: Vec<_> = std::fs::read_dir(&frames)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        p.sort();
        p
    };
    assert_eq!(pngs.len(), 3);
    let first_frame_of_day = [0, 8, 13];
    let last_frame_of_day = [7, 12, 20];
    for (day, png) in pngs.iter().enumerate() {
        let (w, h, luma) = png_luma(png);
        assert_eq!((w, h), (320, 180));
        let settled = mean_difference(&facts.lumas[last_frame_of_day[day]], &luma);
        assert!(
            settled < 1.5,
            "day {day}: its last frame is {settled} levels off its PNG"
        );
        let first = mean_difference(&facts.lumas[first_frame_of_day[day]], &luma);
        assert!(first < 3.0, "day {day}: its first frame is {first} levels off its PNG");
    }

    // A real player, where there is one.
    match Command::new("ffprobe")
        .args(["-v", "error", "-count_frames", "-show_streams", "-show_format"])
        .arg(&video)
        .output()
    {
        Ok(probe) => {
            assert!(probe.status.success(), "{}", stderr(&probe));
            let text = String::from_utf8_lossy(&probe.stdout);
            for line in [
                "codec_name=h264",
                "width=320",
                "height=180",
                "pix_fmt=yuv420p",
                "nb_read_frames=21",
                "r_frame_rate=10/1",
                "color_space=bt709",
            ] {
                assert!(text.lines().any(|l| l == line), "ffprobe lacks {line}:\n{text}");
            }
            assert!(text.contains("profile=Constrained Baseline"), "{text}");
            assert!(text.lines().any(|l| l.starts_with("duration=2.1")), "{text}");
        }
        Err(_) => println!("ffprobe is not installed: the video was checked with the mp4 crate only"),
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_video_alone_needs_no_folder_and_keeps_an_existing_file_unless_told() {
    let dir = temp_dir("alone");
    let video = dir.join("days.mp4");
    let args = |extra: &[&str]| {
        let mut a = vec![
            "frames",
            "--from",
            "1950-10-19",
            "--to",
            "1950-10-19",
            "--size",
            "160x90",
            "--video",
            video.to_str().unwrap(),
            "--hold",
            "0",
        ];
        a.extend_from_slice(extra);
        a.into_iter().map(String::from).collect::<Vec<_>>()
    };
    let run = |extra: &[&str]| {
        let a = args(extra);
        chronoatlas(&a.iter().map(String::as_str).collect::<Vec<_>>())
    };
    let out = run(&[]);
    assert!(out.status.success(), "{}", stderr(&out));
    // One day, half a second at 30 frames a second, no hold.
    let facts = read_mp4(&video);
    assert_eq!(facts.samples, 15);
    assert!((facts.duration_seconds - 0.5).abs() < 1e-6);
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        1,
        "the video and nothing else"
    );

    let before = std::fs::read(&video).unwrap();
    let out = run(&["--fps", "25"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--overwrite"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&video).unwrap(), before, "the old video stays");
    let out = run(&["--fps", "24", "--overwrite"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(read_mp4(&video).samples, 12);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn what_a_video_cannot_be_is_refused_before_drawing() {
    let dir = temp_dir("refused");
    let video = dir.join("v.mp4");
    let v = video.to_str().unwrap();
    let run = |extra: &[&str]| {
        let mut a = vec!["frames", "--from", "1950-10-18", "--to", "1950-10-19"];
        a.extend_from_slice(extra);
        chronoatlas(&a)
    };
    for (extra, says) in [
        (vec!["--size", "321x180", "--video", v], "even"),
        (vec!["--size", "4096x2160", "--video", v], "3840x2160"),
        (vec!["--size", "320x180", "--video", v, "--fps", "0"], "1 to 60"),
        (
            vec!["--size", "320x180", "--video", v, "--seconds-per-day", "0.01"],
            "less than one frame a day",
        ),
        (vec!["--size", "320x180", "--video", v, "--hold=-1"], "hold"),
        (
            vec!["--size", "320x180", "--video", dir.join("v.avi").to_str().unwrap()],
            ".mp4",
        ),
        (vec!["--size", "320x180", "--fps", "25"], "--video"),
        (vec!["--size", "320x180"], "--output"),
    ] {
        let out = run(&extra);
        assert_eq!(out.status.code(), Some(2), "{extra:?}");
        assert!(stderr(&out).contains(says), "{extra:?}: {}", stderr(&out));
    }
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0, "nothing was written");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_gif_has_the_size_asked_for() {
    let dir = temp_dir("gif");
    let gif = dir.join("days.gif");
    let out = chronoatlas(&[
        "frames",
        "--from",
        "1950-10-18",
        "--to",
        "1950-10-19",
        "--size",
        "1280x720",
        "--gif",
        gif.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("GIF 1280x720"));
    let mut options = gif::DecodeOptions::new();
    options.set_color_output(gif::ColorOutput::Indexed);
    let mut decoder = options.read_info(std::fs::File::open(&gif).unwrap()).unwrap();
    assert_eq!((decoder.width(), decoder.height()), (1280, 720));
    let mut frames = 0;
    while let Some(frame) = decoder.read_next_frame().unwrap() {
        assert_eq!((frame.width, frame.height), (1280, 720), "every frame whole");
        frames += 1;
    }
    assert_eq!(frames, 2);
    std::fs::remove_dir_all(&dir).ok();
}

/// Waits for the export thread's message.
fn wait_for_export(harness: &mut Harness<ChronoatlasApp>) -> Result<String, String> {
    for _ in 0..1200 {
        harness.step();
        if let Some(message) = harness.state().export_window.message.clone() {
            return message;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("the export did not finish");
}

#[test]
fn the_export_window_makes_a_video_of_the_days() {
    let mut harness = app_on("1950-10-19");
    let dir = temp_dir("window");
    harness.get_by_label("Export…").click();
    harness.run_steps(2);
    assert!(
        harness.query_by_label("Frames a second").is_none(),
        "the video's timing shows once a video is asked for"
    );
    harness.get_by_label("Video (MP4)").click();
    harness.get_by_label("One picture per day (PNG)").click();
    harness.get_by_label("GIF").click();
    harness.run_steps(2);
    harness.get_by_label("Frames a second");
    harness.get_by_label("Seconds a day");
    harness.get_by_label("Hold first and last day (s)");
    {
        let window = &mut harness.state_mut().export_window;
        window.folder = dir.display().to_string();
        window.size = (320, 180);
        window.from = "1950-10-18".into();
        window.to = "1950-10-19".into();
        window.video_options.fps = 10;
        window.video_options.hold_seconds = 0.0;
    }
    harness.run_steps(2);
    // 2 days at 10 frames a second, half a second a day.
    harness.get_by_label("10 frames, 1.0 s");
    harness.get_by_label("Export the days").click();
    let message = wait_for_export(&mut harness).expect("the video is made");
    let video = dir.join("chronoatlas-1950-10-18-1950-10-19.mp4");
    assert!(message.contains(&video.display().to_string()), "{message}");
    let files: Vec<_> = std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.path()).collect();
    assert_eq!(
        files,
        std::slice::from_ref(&video),
        "the video alone, no pictures, no GIF"
    );
    let facts = read_mp4(&video);
    assert_eq!((facts.width, facts.height, facts.samples), (320, 180, 10));

    // An odd size is refused at once, saying why.
    harness.state_mut().export_window.size = (321, 180);
    harness.state_mut().export_window.message = None;
    harness.run_steps(1);
    harness.get_by_label("Export the days").click();
    harness.run_steps(2);
    let message = harness.state().export_window.message.clone().expect("refused at once");
    assert!(message.is_err_and(|e| e.contains("even")));
    std::fs::remove_dir_all(&dir).ok();
}

/// The legend's card: the box around the legend's texts.
fn legend_box(scene: &chronoatlas::scene::Scene) -> Option<[f32; 4]> {
    use chronoatlas::scene::{Primitive, TextKind};
    let first = scene.texts().find(|t| t.kind == TextKind::Legend)?;
    scene.primitives.iter().find_map(|p| match p {
        Primitive::Rect { min, max, .. }
            if (min[0]..=max[0]).contains(&first.anchor[0]) && (min[1]..=max[1]).contains(&first.anchor[1]) =>
        {
            Some([min[0], min[1], max[0], max[1]])
        }
        _ => None,
    })
}

#[test]
fn the_legend_keeps_its_size_from_frame_to_frame() {
    use chronoatlas::chronicle::Chronicle;
    use chronoatlas::export::{self, ExportView, Renderer};
    use chronoatlas::scene::{OverlayOptions, Style, TextKind};
    use chronoatlas::timeline::Timeline;
    let chronicle = Chronicle::embedded_default();
    let timeline = Timeline::new(&chronicle);
    for (view, size) in [
        (ExportView::Home, (1920, 1080)),
        (ExportView::Named("korean-peninsula".into()), (1280, 720)),
    ] {
        // The base map is built once per view, as a sequence does.
        let mut renderer = Renderer::new(
            &chronicle,
            &timeline,
            &view,
            size,
            Style::atlas(),
            // As the frames, GIF and video ask for it (the window's legend fits the day).
            OverlayOptions {
                steady_legend: true,
                ..OverlayOptions::default()
            },
        )
        .unwrap();
        let mut boxes = Vec::new();
        let mut keys = Vec::new();
        let days = export::frame_days(common::day("1950-09-15"), common::day("1950-10-31")).unwrap();
        for &day in days.iter().step_by(3) {
            let scene = renderer.scene(day, None).unwrap();
            let texts: Vec<String> = scene
                .texts()
                .filter(|t| t.kind == TextKind::Legend)
                .map(|t| t.text.clone())
                .collect();
            if let Some(b) = legend_box(&scene) {
                boxes.push(b);
                keys.push(texts);
            }
        }
        assert!(boxes.len() > 10, "{view:?}: a legend on most days");
        keys.dedup();
        assert!(keys.len() > 1, "{view:?}: what the legend says changes with the days");
        assert!(
            boxes.windows(2).all(|w| w[0] == w[1]),
            "{view:?}: the card keeps its size and place: {:?}",
            {
                let mut distinct = boxes.clone();
                distinct.dedup();
                distinct
            }
        );
    }
}
