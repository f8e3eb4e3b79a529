//! The layers the embedded paper opens with beneath it.

use super::Chronicle;

/// Chronicles shown beneath the embedded default chronicle when the window opens on it with no
/// `--layer`. Empty while the Korean-war chronicle is not in the repository; when
/// `data/korean-war-1950.chronicle.json` is, embed it here:
///
/// ```ignore
/// const KOREAN_WAR: &str = include_str!("../../data/korean-war-1950.chronicle.json");
/// super::load_str(KOREAN_WAR, "data/korean-war-1950.chronicle.json (embedded)")
///     .map(|c| vec![(c, "data/korean-war-1950.chronicle.json (embedded)".to_string())])
///     .unwrap_or_default()
/// ```
pub fn default_layers() -> Vec<(Chronicle, String)> {
    Vec::new()
}
