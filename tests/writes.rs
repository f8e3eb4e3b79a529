//! No write ever loses a file: a failure half-way, a full disk or a read-only folder leave the old
//! file byte-identical and no temporary file behind; existing files are replaced only when asked.

use chronoatlas::atomic_file::{self, AtomicFile, OnExisting};
use chronoatlas::tour::{Tour, load_tour, save_tour};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const OLD: &[u8] = b"the old file, which must survive\n";

fn chronoatlas(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_chronoatlas"))
        .args(args)
        .output()
        .expect("binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The names in a folder, sorted: temporary files would show up here.
fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("test paths are UTF-8")
}

#[test]
fn a_writer_failing_half_way_leaves_the_old_file_and_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("map.png");
    fs::write(&target, OLD).unwrap();
    for on_existing in [OnExisting::Replace, OnExisting::Refuse] {
        let err = atomic_file::write_with(&target, on_existing, |w| {
            w.write_all(&[7u8; 100_000])?;
            Err(io::Error::new(io::ErrorKind::StorageFull, "no space left (injected)"))
        });
        assert!(err.is_err());
        assert_eq!(fs::read(&target).unwrap(), OLD);
        assert_eq!(entries(dir.path()), ["map.png"]);
    }
    // The injected error comes back as it was, so callers can tell a full disk from the rest.
    let err = atomic_file::write_with(&target, OnExisting::Replace, |w| {
        w.write_all(b"half")?;
        Err(io::Error::new(io::ErrorKind::StorageFull, "no space left (injected)"))
    })
    .unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::StorageFull);

    // A file dropped before its commit (a panic, an early return) is removed as well.
    let mut file = AtomicFile::create(&target, OnExisting::Replace).unwrap();
    file.write_all(b"never committed").unwrap();
    assert_eq!(
        entries(dir.path()).len(),
        2,
        "the temporary file sits beside the target"
    );
    drop(file);
    assert_eq!(fs::read(&target).unwrap(), OLD);
    assert_eq!(entries(dir.path()), ["map.png"]);

    // And a complete write replaces the file.
    atomic_file::write_bytes(&target, OnExisting::Replace, b"new").unwrap();
    assert_eq!(fs::read(&target).unwrap(), b"new");
    assert_eq!(entries(dir.path()), ["map.png"]);
}

#[test]
fn refusing_keeps_an_existing_file_even_one_that_appears_during_the_write() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.svg");
    fs::write(&target, OLD).unwrap();
    let err = atomic_file::write_bytes(&target, OnExisting::Refuse, b"new").unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
    assert_eq!(fs::read(&target).unwrap(), OLD);

    let late = dir.path().join("late.svg");
    let mut file = AtomicFile::create(&late, OnExisting::Refuse).unwrap();
    file.write_all(b"new").unwrap();
    fs::write(&late, OLD).unwrap();
    assert_eq!(file.commit().unwrap_err().kind(), io::ErrorKind::AlreadyExists);
    assert_eq!(fs::read(&late).unwrap(), OLD);
    assert_eq!(entries(dir.path()), ["late.svg", "out.svg"]);
}

#[cfg(unix)]
#[test]
fn replacing_keeps_the_old_files_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("shared.tour.json");
    fs::write(&target, OLD).unwrap();
    fs::set_permissions(&target, fs::Permissions::from_mode(0o640)).unwrap();
    atomic_file::write_bytes(&target, OnExisting::Replace, b"new").unwrap();
    assert_eq!(fs::metadata(&target).unwrap().permissions().mode() & 0o777, 0o640);
}

#[test]
fn f12_screenshots_take_the_next_free_name() {
    use chronoatlas::ui::screenshot;
    use eframe::egui::{Color32, ColorImage};
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("chronoatlas-1950-10-19.png");
    fs::write(&first, OLD).unwrap();
    let image = ColorImage::filled([4, 3], Color32::RED);
    let written = screenshot::save_png_new(&first, &image).unwrap();
    assert_eq!(written, dir.path().join("chronoatlas-1950-10-19-2.png"));
    assert_eq!(fs::read(&first).unwrap(), OLD);
    assert!(fs::read(&written).unwrap().starts_with(b"\x89PNG"));
    let err = screenshot::save_png(&first, &image, OnExisting::Refuse).unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
    assert_eq!(fs::read(&first).unwrap(), OLD);
    assert_eq!(
        entries(dir.path()),
        ["chronoatlas-1950-10-19-2.png", "chronoatlas-1950-10-19.png"]
    );
}

#[cfg(unix)]
#[test]
fn saving_a_tour_through_a_symbolic_link_writes_the_target_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("lectures")).unwrap();
    let real = dir.path().join("lectures/autumn.tour.json");
    fs::write(&real, OLD).unwrap();
    // A relative link, as `ln -s lectures/autumn.tour.json current.tour.json` makes.
    let link = dir.path().join("current.tour.json");
    std::os::unix::fs::symlink("lectures/autumn.tour.json", &link).unwrap();

    let tour = Tour::embedded_default();
    save_tour(&tour, &link).unwrap();
    assert!(fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert_eq!(
        fs::read_link(&link).unwrap(),
        PathBuf::from("lectures/autumn.tour.json")
    );
    assert_eq!(load_tour(&real).unwrap(), tour);
    assert_eq!(entries(dir.path()), ["current.tour.json", "lectures"]);
    assert_eq!(entries(&dir.path().join("lectures")), ["autumn.tour.json"]);
}

#[test]
fn export_refuses_an_existing_file_without_overwrite_and_replaces_it_with() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("map.png");
    fs::write(&target, OLD).unwrap();
    let args = [
        "export",
        "--date",
        "1950-10-19",
        "--size",
        "320x180",
        "-o",
        path_str(&target),
    ];
    let out = chronoatlas(&args);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--overwrite"), "{}", stderr(&out));
    assert!(stderr(&out).contains("map.png"), "{}", stderr(&out));
    assert_eq!(fs::read(&target).unwrap(), OLD);

    let out = chronoatlas(&[&args[..], &["--overwrite"]].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(fs::read(&target).unwrap().starts_with(b"\x89PNG"));
    assert_eq!(entries(dir.path()), ["map.png"]);
}

#[test]
fn frames_leave_an_existing_gif_untouched_without_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let gif = dir.path().join("autumn.gif");
    fs::write(&gif, OLD).unwrap();
    let frames = dir.path().join("frames");
    let args = [
        "frames",
        "--from",
        "1950-10-18",
        "--to",
        "1950-10-19",
        "--size",
        "160x90",
        "-o",
        path_str(&frames),
        "--gif",
        path_str(&gif),
    ];
    let out = chronoatlas(&args);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--overwrite"), "{}", stderr(&out));
    assert_eq!(fs::read(&gif).unwrap(), OLD);
    // Refused before any work: not even the frames' folder was made.
    assert_eq!(entries(dir.path()), ["autumn.gif"]);

    let out = chronoatlas(&[&args[..], &["--overwrite"]].concat());
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(fs::read(&gif).unwrap().starts_with(b"GIF89a"));
    assert_eq!(entries(dir.path()), ["autumn.gif", "frames"]);
    assert_eq!(entries(&frames).len(), 2);
}

#[test]
fn the_library_refuses_an_existing_gif_before_drawing() {
    use chronoatlas::chronicle::Chronicle;
    use chronoatlas::export::{self, FramesRequest};
    use chronoatlas::timeline::Timeline;
    let chronicle = Chronicle::embedded_default();
    let timeline = Timeline::new(&chronicle);
    let day = chrono::NaiveDate::from_ymd_opt(1950, 10, 19).unwrap();
    let request = FramesRequest::new(day, day, (160, 90));
    let dir = tempfile::tempdir().unwrap();
    let gif = dir.path().join("a.gif");
    fs::write(&gif, OLD).unwrap();
    let frames = dir.path().join("frames");
    let err = export::export_frames_with(&chronicle, &timeline, &request, &frames, Some(&gif), OnExisting::Refuse)
        .unwrap_err();
    assert!(matches!(&err, export::ExportError::Io { source, .. } if source.kind() == io::ErrorKind::AlreadyExists));
    assert_eq!(fs::read(&gif).unwrap(), OLD);
    assert_eq!(entries(dir.path()), ["a.gif"]);
}

#[test]
fn screenshots_are_png_only_and_never_replace_a_file_unasked() {
    let dir = tempfile::tempdir().unwrap();
    let jpg = dir.path().join("x.jpg");
    let out = chronoatlas(&["--screenshot", path_str(&jpg)]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("PNG"), "{}", stderr(&out));
    assert!(!jpg.exists());

    // Refused on the command line, before any window opens.
    let png = dir.path().join("shot.png");
    fs::write(&png, OLD).unwrap();
    let out = chronoatlas(&["--screenshot", path_str(&png)]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("--overwrite"), "{}", stderr(&out));
    assert_eq!(fs::read(&png).unwrap(), OLD);
    assert_eq!(entries(dir.path()), ["shot.png"]);
}

#[test]
fn a_screenshot_run_remembers_nothing() {
    use chronoatlas::app::{ChronoatlasApp, Startup, native_options};
    use chronoatlas::chronicle::Chronicle;
    use eframe::App;
    let chronicle = Chronicle::embedded_default();
    let window = Startup {
        window_size: (1280, 800),
        ..Startup::default()
    };
    let screenshot = Startup {
        screenshot: Some(PathBuf::from("shot.png")),
        ..window.clone()
    };
    assert!(native_options(&chronicle, &window).persist_window);
    assert!(!native_options(&chronicle, &screenshot).persist_window);
    let app = |startup: &Startup| ChronoatlasApp::new(chronicle.clone(), "test".into()).with_startup(startup);
    assert!(app(&window).persist_egui_memory());
    assert!(!app(&screenshot).persist_egui_memory());
}

/// Through the real window on a virtual X display, where there is one (`xvfb-run`): the run
/// replaces the file it was told to and leaves no settings file behind.
#[test]
fn a_screenshot_run_writes_no_settings_file() {
    let dir = tempfile::tempdir().unwrap();
    let shot = dir.path().join("shot.png");
    fs::write(&shot, OLD).unwrap();
    let data = dir.path().join("data");
    let run = Command::new("timeout")
        .args(["120", "xvfb-run", "-a", env!("CARGO_BIN_EXE_chronoatlas")])
        .args([
            "--screenshot",
            path_str(&shot),
            "--overwrite",
            "--window-size",
            "640x400",
        ])
        .env("XDG_DATA_HOME", &data)
        .env("HOME", dir.path())
        .output();
    let out = match run {
        Ok(out) if out.status.code() != Some(127) && !stderr(&out).contains("cannot open the window") => out,
        Ok(out) => {
            eprintln!(
                "a_screenshot_run_writes_no_settings_file: skipped, no virtual display here: {}",
                stderr(&out).trim()
            );
            return;
        }
        Err(e) => {
            eprintln!("a_screenshot_run_writes_no_settings_file: skipped, cannot run timeout/xvfb-run: {e}");
            return;
        }
    };
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(fs::read(&shot).unwrap().starts_with(b"\x89PNG"));
    assert!(!data.exists(), "the screenshot run created {}", data.display());
    assert_eq!(entries(dir.path()), ["shot.png"]);
}

/// A small tmpfs mounted on a fresh folder, unmounted when dropped.
struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    /// `None` (said on stderr) where mounting is not permitted.
    fn mount(size: &str, test: &str) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().unwrap();
        let out = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .output();
        match out {
            Ok(out) if out.status.success() => Some(Tmpfs { dir }),
            Ok(out) => {
                eprintln!(
                    "{test}: skipped, cannot mount a tmpfs ({}); the guarantee rests on \
                     a_writer_failing_half_way_leaves_the_old_file_and_no_temporary_file",
                    stderr(&out).trim()
                );
                None
            }
            Err(e) => {
                eprintln!(
                    "{test}: skipped, cannot run mount ({e}); the guarantee rests on \
                     a_writer_failing_half_way_leaves_the_old_file_and_no_temporary_file"
                );
                None
            }
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn remount_read_only(&self) {
        let status = Command::new("mount")
            .args(["-o", "remount,ro"])
            .arg(self.path())
            .status()
            .unwrap();
        assert!(status.success(), "remounting read-only failed");
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(self.dir.path()).status();
    }
}

/// Fills the file system until a write fails, so the next write finds the disk full.
fn fill(path: &Path) {
    let mut filler = fs::File::create(path).unwrap();
    let chunk = [0u8; 1024];
    while filler.write_all(&chunk).is_ok() {}
    let _ = filler.sync_all();
}

#[test]
fn a_full_disk_leaves_the_old_file_whole() {
    let Some(disk) = Tmpfs::mount("256k", "a_full_disk_leaves_the_old_file_whole") else {
        return;
    };
    let map = disk.path().join("map.png");
    fs::write(&map, OLD).unwrap();
    let tour_path = disk.path().join("autumn.tour.json");
    fs::write(&tour_path, OLD).unwrap();
    fill(&disk.path().join("filler"));

    let out = chronoatlas(&["export", "--size", "640x360", "-o", path_str(&map), "--overwrite"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(fs::read(&map).unwrap(), OLD);

    let err = save_tour(&Tour::embedded_default(), &tour_path).unwrap_err();
    assert!(err.to_string().contains("autumn.tour.json"), "{err}");
    assert_eq!(fs::read(&tour_path).unwrap(), OLD);
    assert_eq!(entries(disk.path()), ["autumn.tour.json", "filler", "map.png"]);
}

#[test]
fn a_read_only_folder_leaves_the_old_file_whole() {
    let Some(disk) = Tmpfs::mount("1m", "a_read_only_folder_leaves_the_old_file_whole") else {
        return;
    };
    let map = disk.path().join("map.svg");
    fs::write(&map, OLD).unwrap();
    let tour_path = disk.path().join("autumn.tour.json");
    fs::write(&tour_path, OLD).unwrap();
    disk.remount_read_only();

    let out = chronoatlas(&["export", "--size", "320x180", "-o", path_str(&map), "--overwrite"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("map.svg"), "{}", stderr(&out));
    // The message names the file asked for, not the temporary one.
    assert!(!stderr(&out).contains(".map.svg."), "{}", stderr(&out));
    assert_eq!(fs::read(&map).unwrap(), OLD);

    assert!(save_tour(&Tour::embedded_default(), &tour_path).is_err());
    assert_eq!(fs::read(&tour_path).unwrap(), OLD);
    assert_eq!(entries(disk.path()), ["autumn.tour.json", "map.svg"]);
}
