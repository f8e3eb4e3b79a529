//! Sources beyond the chronicle's main one, and citations to them: a chronicle built from several
//! works (an official history, a reference book) says which one supports each event and keyframe.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A work the chronicle cites, listed once in `metadata.sources` and referred to by id.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// How citations name it ("appleman-1961").
    pub id: String,
    /// Full bibliographic reference, shown beside every citation of it.
    pub reference: String,
    /// Short form for captions and attributions ("Appleman (1961)").
    #[serde(default)]
    pub short: String,
    /// Where a reader finds it, when it is online.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// Where in a source a statement stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    /// The id of one of `metadata.sources`.
    pub source: String,
    /// Chapter, page or map ("chap. XXVIII", "p. 604", "map 15").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub locator: String,
    /// What the source supports, or how it was read.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// A citation in words: "Appleman (1961), chap. XXVIII", falling back to the id for an unknown
/// source (which validation reports).
pub fn cite(sources: &[Source], citation: &Citation) -> String {
    let name = sources
        .iter()
        .find(|s| s.id == citation.source)
        .map(|s| if s.short.is_empty() { &s.reference } else { &s.short })
        .unwrap_or(&citation.source);
    if citation.locator.is_empty() {
        name.clone()
    } else {
        format!("{name}, {}", citation.locator)
    }
}
