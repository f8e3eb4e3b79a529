//! The source's full text, used only to check that quotes are verbatim.

use super::LoadError;
use std::path::Path;

/// Marks an elision inside a quote, as in print: the text around it must stand in the
/// source in that order, with anything between (a page break, interleaved footnotes).
pub const ELISION: &str = "[…]";

/// A source text with its whitespace folded, so a quote may differ from it only in whitespace.
pub struct SourceText {
    folded: String,
}

/// Folds every run of whitespace into one space and trims the ends.
pub fn fold_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl SourceText {
    /// Where the paper of the default chronicle lives in the repository, for messages.
    pub const EMBEDDED_NAME: &str = "data/sources/chen-jian-1992-sino-soviet-alliance-korean-war.txt (embedded)";

    /// The paper of the default chronicle, verbatim, so the shipped quotes can be checked
    /// anywhere without a copy of the paper at hand.
    pub const EMBEDDED_TEXT: &str =
        include_str!("../../data/sources/chen-jian-1992-sino-soviet-alliance-korean-war.txt");

    /// The largest source text read: a long monograph is a few MiB of text; a bigger input is
    /// a mistake (a device, a binary file) and fails at once instead of filling memory.
    pub const LIMIT: u64 = 16 * 1024 * 1024;

    pub fn new(text: &str) -> SourceText {
        SourceText {
            folded: fold_whitespace(text),
        }
    }

    /// The paper of the default chronicle.
    pub fn embedded_default() -> SourceText {
        SourceText::new(Self::EMBEDDED_TEXT)
    }

    /// Reads a source text of at most [`SourceText::LIMIT`] bytes of UTF-8.
    pub fn read_file(path: &Path) -> Result<SourceText, LoadError> {
        super::load::read_text(path, Self::LIMIT).map(|text| SourceText::new(&text))
    }

    /// The passage stands in the source word for word; pieces separated by `[…]` must
    /// each stand there, in order.
    pub fn contains(&self, passage: &str) -> bool {
        let pieces: Vec<String> = passage.split(ELISION).map(fold_whitespace).collect();
        if pieces.iter().any(|p| p.is_empty()) {
            return false;
        }
        let mut rest = self.folded.as_str();
        for piece in &pieces {
            match rest.find(piece.as_str()) {
                Some(at) => rest = &rest[at + piece.len()..],
                None => return false,
            }
        }
        true
    }
}
