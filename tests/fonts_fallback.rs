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
