//! Where things stand in a JSON text: serde_json's values carry no positions, so problems found
//! after parsing (a bad id, a GeoJSON feature left out) are located by one lexical pass over
//! the text, which gives the path and the byte offset of every value.

/// One step of a path from the root to a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
}

/// A value met on the walk: its path, where it starts, and its text when it is a string.
pub struct Visit<'a> {
    pub path: &'a [Step],
    pub offset: usize,
    pub string: Option<&'a str>,
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or("");
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

enum Frame {
    /// The key of the member being read, if its key has been read.
    Object(Option<String>),
    Array(usize),
}

/// Calls `visit` for every value of `text` (containers before what they hold). Stops quietly
/// at the first thing that is not JSON: it is meant for text serde_json has already accepted.
pub fn walk(text: &str, mut visit: impl FnMut(Visit)) {
    let bytes = text.as_bytes();
    let mut stack: Vec<Frame> = Vec::new();
    let mut path: Vec<Step> = Vec::new();
    let mut i = 0;
    // Whether the next string in an object is a key.
    let mut want_key = false;
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            b' ' | b'\t' | b'\n' | b'\r' | b':' => i += 1,
            b',' => {
                i += 1;
                match stack.last_mut() {
                    Some(Frame::Object(key)) => {
                        *key = None;
                        want_key = true;
                    }
                    Some(Frame::Array(n)) => *n += 1,
                    None => return,
                }
            }
            b'}' | b']' => {
                i += 1;
                stack.pop();
                want_key = false;
            }
            b'"' if want_key => {
                let Some(end) = string_end(bytes, i) else { return };
                let key = decode(&text[i..end]);
                if let Some(Frame::Object(slot)) = stack.last_mut() {
                    *slot = Some(key);
                }
                want_key = false;
                i = end;
            }
            _ => {
                // A value: its path is the containers' keys and indices.
                path.clear();
                for frame in &stack {
                    path.push(match frame {
                        Frame::Object(key) => Step::Key(key.clone().unwrap_or_default()),
                        Frame::Array(n) => Step::Index(*n),
                    });
                }
                match c {
                    b'{' | b'[' => {
                        visit(Visit {
                            path: &path,
                            offset: i,
                            string: None,
                        });
                        if c == b'{' {
                            stack.push(Frame::Object(None));
                            want_key = true;
                        } else {
                            stack.push(Frame::Array(0));
                        }
                        i += 1;
                    }
                    b'"' => {
                        let Some(end) = string_end(bytes, i) else { return };
                        let value = decode(&text[i..end]);
                        visit(Visit {
                            path: &path,
                            offset: i,
                            string: Some(&value),
                        });
                        i = end;
                    }
                    _ => {
                        let start = i;
                        while i < bytes.len() && !matches!(bytes[i], b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
                        {
                            i += 1;
                        }
                        if i == start {
                            return;
                        }
                        visit(Visit {
                            path: &path,
                            offset: start,
                            string: None,
                        });
                    }
                }
            }
        }
    }
}

/// The offset just past the string starting at `start` (a `"`).
fn string_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// A JSON string literal's text (escapes resolved); the raw text if it cannot be read.
fn decode(literal: &str) -> String {
    serde_json::from_str::<String>(literal).unwrap_or_else(|_| literal.trim_matches('"').to_string())
}

/// Where each element of the top-level member `key`'s array starts (GeoJSON's `features`).
pub fn top_level_items(text: &str, key: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    walk(text, |v| {
        if let [Step::Key(k), Step::Index(n)] = v.path
            && k == key
            && *n == starts.len()
        {
            starts.push(v.offset);
        }
    });
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_positions() {
        let text = "{\n  \"a\": [ {\"id\": \"x\"},\n {\"id\": \"y\\\"z\", \"n\": 3} ],\n \"b\": {\"id\": \"w\"}\n}";
        let mut ids = Vec::new();
        walk(text, |v| {
            if let (Some(s), Some(Step::Key(k))) = (v.string, v.path.last())
                && k == "id"
            {
                ids.push((v.path.to_vec(), s.to_string(), line_column(text, v.offset)));
            }
        });
        let key = |k: &str| Step::Key(k.to_string());
        assert_eq!(
            ids,
            vec![
                (vec![key("a"), Step::Index(0), key("id")], "x".to_string(), (2, 17)),
                (vec![key("a"), Step::Index(1), key("id")], "y\"z".to_string(), (3, 9)),
                (vec![key("b"), key("id")], "w".to_string(), (4, 14)),
            ]
        );
        let items: Vec<_> = top_level_items(text, "a")
            .into_iter()
            .map(|o| line_column(text, o))
            .collect();
        assert_eq!(items, vec![(2, 10), (3, 2)]);
        assert_eq!(line_column("ab\nπc", 6), (2, 3));
    }
}
