//! Scripts the bundled fonts lack are drawn with the system's fonts in exports, and what no font
//! here draws is named on the error stream. `CHRONOATLAS_FONT_DIRS` points the search at a
//! stand-in "system font" (a DejaVu Sans subset with Arabic, Hebrew, Armenian and Georgian), so
//! this passes the same on a machine with no fonts installed.

use std::path::Path;
use std::process::Command;

fn export(font_dirs: &str, out: &Path) -> (bool, String) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = Command::new(env!("CARGO_BIN_EXE_chronoatlas"))
        .current_dir(root)
        .env("CHRONOATLAS_FONT_DIRS", font_dirs)
        .args([
            "export",
            "tests/fixtures/scripts.chronicle.json",
            "--date",
            "1950-10-01",
        ])
        .args(["--size", "960x540", "-o"])
        .arg(out)
        .output()
        .expect("runs");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn an_export_draws_scripts_from_a_system_font_and_names_what_none_draws() {
    let dir = tempfile::tempdir().unwrap();
    let with = dir.path().join("with.png");
    let (ok, stderr) = export("tests/fixtures/fonts", &with);
    assert!(ok, "{stderr}");
    let lines: Vec<&str> = stderr.lines().filter(|l| l.contains("no font here draws")).collect();
    // Thai and Devanagari, each on its place and its event; nothing else.
    assert_eq!(lines.len(), 4, "{stderr}");
    assert!(
        lines.iter().all(|l| l.contains("Thai") || l.contains("Devanagari")),
        "{stderr}"
    );
    assert!(
        stderr.contains("scripts.chronicle.json: event th: no font here draws its Thai characters"),
        "{stderr}"
    );

    // No fonts at all: Arabic, Hebrew and Georgian are named too, and drawn differently (as
    // boxes), so the export did use the system font above.
    let without = dir.path().join("without.png");
    let (ok, stderr) = export("", &without);
    assert!(ok, "{stderr}");
    let lines: Vec<&str> = stderr.lines().filter(|l| l.contains("no font here draws")).collect();
    assert_eq!(lines.len(), 10, "{stderr}");
    for script in ["Arabic", "Hebrew", "Georgian"] {
        assert!(lines.iter().any(|l| l.contains(script)), "{script}: {stderr}");
    }
    assert!(
        !lines
            .iter()
            .any(|l| l.contains("Hangul") || l.contains("Cyrillic") || l.contains("Han")),
        "{stderr}"
    );
    assert_ne!(std::fs::read(&with).unwrap(), std::fs::read(&without).unwrap());
}

#[test]
fn an_svg_embeds_the_system_font_it_draws_with() {
    let dir = tempfile::tempdir().unwrap();
    let svg_path = dir.path().join("scripts.svg");
    let (ok, stderr) = export("tests/fixtures/fonts", &svg_path);
    assert!(ok, "{stderr}");
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    // The stand-in's family is named where the labels look for fonts, and its subset embedded.
    assert!(
        svg.contains("'DejaVu Sans', sans-serif"),
        "font-family list lacks the system font"
    );
    let faces = svg.matches("@font-face").count();
    assert!(
        svg.contains("@font-face{font-family:\"DejaVu Sans\""),
        "{faces} @font-face rules, none for DejaVu Sans"
    );

    // Without it, nothing of it is named or embedded.
    let bare = dir.path().join("bare.svg");
    let (ok, stderr) = export("", &bare);
    assert!(ok, "{stderr}");
    assert!(!std::fs::read_to_string(&bare).unwrap().contains("DejaVu"));
}
