//! The source's full text, used only to check that quotes are verbatim.

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
    pub fn new(text: &str) -> SourceText {
        SourceText {
            folded: fold_whitespace(text),
        }
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
