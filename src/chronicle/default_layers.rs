//! The layers the embedded paper opens with beneath it: the war in Korea, June–November 1950,
//! whose front and military events explain what Beijing was deciding about.

use super::Chronicle;

/// The Korean-war chronicle, embedded so the window shows it from any directory.
pub const KOREAN_WAR_JSON: &str = include_str!("../../data/korean-war-1950.chronicle.json");
/// Its name in messages and the layer list.
pub const KOREAN_WAR_NAME: &str = "data/korean-war-1950.chronicle.json (embedded)";

/// Chronicles shown beneath the embedded default chronicle when the window opens on it with no
/// `--layer` (see `ChronoatlasApp::open`). The test suite checks that each loads and validates;
/// one that did not would be left out rather than stop the window.
pub fn default_layers() -> Vec<(Chronicle, String)> {
    super::load_str(KOREAN_WAR_JSON, KOREAN_WAR_NAME)
        .map(|c| vec![(c, KOREAN_WAR_NAME.to_string())])
        .unwrap_or_default()
}
