//! The rule for ids (docs/FORMAT.md): lower-case words of letters (any script) or digits,
//! joined by single hyphens, at most [`ID_LIMIT`] characters. Ids are typed in tours, on the
//! command line and in links, so they stay plain.

use super::json_spans::{Step, line_column, walk};

/// The longest id, in characters.
pub const ID_LIMIT: usize = 100;

/// What breaks the rule in `id`, in words; `None` when it keeps it.
pub fn id_fault(id: &str) -> Option<String> {
    if id.is_empty() {
        return Some("it is empty".to_string());
    }
    if id.chars().nth(ID_LIMIT).is_some() {
        return Some(format!("it is longer than {ID_LIMIT} characters"));
    }
    if let Some(c) = id.chars().find(|c| c.is_uppercase()) {
        return Some(format!("capital letter {c:?} (ids are lower case)"));
    }
    if id.chars().any(char::is_whitespace) {
        return Some("a space (words are joined by hyphens)".to_string());
    }
    if let Some(c) = id.chars().find(|&c| !c.is_alphanumeric() && c != '-') {
        return Some(format!("the character {c:?} (only letters, digits and hyphens)"));
    }
    if id.starts_with('-') || id.ends_with('-') || id.contains("--") {
        return Some("a hyphen at the start or end, or two together".to_string());
    }
    None
}

/// Whether `id` keeps the rule.
pub fn is_valid_id(id: &str) -> bool {
    id_fault(id).is_none()
}

/// An id outside the rule, where the file has it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdProblem {
    pub line: usize,
    pub column: usize,
    /// "event \"Zhou Meets\"", "place \"x y\"".
    pub subject: String,
    pub message: String,
}

/// Every `"id"` member of a chronicle's JSON text that breaks the rule, in file order, with
/// the line and column of its value.
pub fn id_problems(text: &str) -> Vec<IdProblem> {
    let mut found = Vec::new();
    walk(text, |v| {
        let (Some(id), Some(Step::Key(last))) = (v.string, v.path.last()) else {
            return;
        };
        if last != "id" {
            return;
        }
        if let Some(fault) = id_fault(id) {
            let (line, column) = line_column(text, v.offset);
            found.push(IdProblem {
                line,
                column,
                subject: format!("{} {id:?}", kind(v.path)),
                message: format!("id outside the rule (lower-case words joined by hyphens): {fault}"),
            });
        }
    });
    found
}

/// What the record holding an id is, from the list it is in.
fn kind(path: &[Step]) -> String {
    let list = path.iter().rev().find_map(|s| match s {
        Step::Key(k) if k != "id" => Some(k.as_str()),
        _ => None,
    });
    match list {
        Some("events") => "event",
        Some("places") => "place",
        Some("threads") => "thread",
        Some("movements") => "movement",
        Some("views") => "view",
        Some("periods") => "period",
        Some("sources") => "source",
        Some("features") => "map feature",
        Some("lines") => "map line",
        Some(other) => other,
        None => "record",
    }
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rule() {
        for good in ["zhou-meets-stalin", "38th-parallel", "北京-1950", "москва"] {
            assert_eq!(id_fault(good), None, "{good}");
        }
        for bad in ["Zhou", "zhou meets", "a_b", "a.b", "-a", "a--b", "", &"x".repeat(101)] {
            assert!(id_fault(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn problems_with_positions() {
        let text =
            "{\"events\": [\n  {\"id\": \"ok-one\"},\n  {\"id\": \"Not OK\"}\n],\n\"places\": [{\"id\": \"a_b\"}]}";
        let found = id_problems(text);
        assert_eq!(found.len(), 2);
        assert_eq!((found[0].line, found[0].column), (3, 10));
        assert_eq!(found[0].subject, "event \"Not OK\"");
        assert!(found[0].message.contains("capital letter 'N'"), "{}", found[0].message);
        assert_eq!((found[1].line, found[1].subject.as_str()), (5, "place \"a_b\""));
    }
}
