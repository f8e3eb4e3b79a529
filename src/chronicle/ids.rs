//! The rule for ids (docs/FORMAT.md): lower-case words of letters (any script) or digits,
//! joined by single hyphens, at most [`ID_LIMIT`] characters. Ids are typed in tours, on the
//! command line and in links, so they stay plain.

use super::json_spans::{Step, line_column, walk};

/// The longest id, in characters.
pub const ID_LIMIT: usize = 100;

/// What breaks the rule in `id`, in words; `None` when it keeps it.
pub fn id_fault(id: &str) -> Option<String> {
    // The usual id, answered byte by byte: a million are checked when a large file opens.
    let plain = |b: u8| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-';
    if (1..=ID_LIMIT).contains(&id.len())
        && id.bytes().all(plain)
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
    {
        return None;
    }
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
    // Walking the whole JSON costs seconds for a million events; a scan of the raw text finds
    // whether any id could break the rule, and the walk is for those files alone.
    if !may_break_the_rule(text) {
        return found;
    }
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

/// Whether any `"id": "…"` member of raw JSON text might break the rule: a fast scan that errs
/// towards yes (an escape in an id, or `\u00` escapes anywhere, which could spell a key).
fn may_break_the_rule(text: &str) -> bool {
    let bytes = text.as_bytes();
    if memchr::memmem::find(bytes, b"\\u00").is_some() {
        return true;
    }
    let skip_space = |mut i: usize| {
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        i
    };
    // memchr's vectorised searches: the text of a million events is 150 MB.
    let key = memchr::memmem::Finder::new("\"id\"");
    let mut from = 0;
    while let Some(at) = key.find(&bytes[from..]) {
        let key_end = from + at + 4;
        from = key_end;
        let colon = skip_space(key_end);
        if bytes.get(colon) != Some(&b':') {
            continue;
        }
        let open = skip_space(colon + 1);
        if bytes.get(open) != Some(&b'"') {
            continue;
        }
        let Some(len) = memchr::memchr2(b'"', b'\\', &bytes[open + 1..]) else {
            return true;
        };
        let close = open + 1 + len;
        if bytes[close] == b'\\' || id_fault(&text[open + 1..close]).is_some() {
            return true;
        }
        from = close;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rule() {
        let longest = "x".repeat(ID_LIMIT);
        for good in [
            "zhou-meets-stalin",
            "38th-parallel",
            "北京-1950",
            "москва",
            "1",
            "a-b",
            &longest,
        ] {
            assert_eq!(id_fault(good), None, "{good}");
        }
        let too_long = "x".repeat(ID_LIMIT + 1);
        let long_letters = "é".repeat(ID_LIMIT);
        assert_eq!(id_fault(&long_letters), None, "a hundred letters of two bytes each");
        for bad in [
            "Zhou",
            "zhou meets",
            "a_b",
            "a.b",
            "-a",
            "a-",
            "-",
            "a--b",
            "",
            &too_long,
            "a\tb",
        ] {
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
