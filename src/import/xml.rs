//! A small element tree over `quick-xml`, safe for files from anywhere: a DTD is skipped and
//! never read, entities other than XML's five and character references are refused rather
//! than expanded (no entity bomb, no external file), and nesting is bounded.

use super::Problems;
use crate::chronicle::LoadError;
use quick_xml::events::Event;

/// Deeper than any KML; a file nested deeper is refused instead of exhausting the stack.
const MAX_DEPTH: usize = 100;
/// More elements than any chronicle needs (a long GPS track has tens of thousands); the tree
/// of a file with more would take gigabytes, so it is refused.
const MAX_ELEMENTS: usize = 2_000_000;

/// An element: its local name (prefix dropped: `gx:Track` is `Track`), attributes, children
/// and the text directly inside it.
#[derive(Debug, Default)]
pub(crate) struct Element {
    pub name: String,
    pub attributes: Vec<(String, String)>,
    pub children: Vec<Element>,
    pub text: String,
    /// 1-based line of the start tag.
    pub line: usize,
}

impl Element {
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The trimmed text of the first child so named, or empty.
    pub fn child_text(&self, name: &str) -> String {
        self.child(name).map(|c| c.text.trim().to_string()).unwrap_or_default()
    }

    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// Every descendant so named, in document order.
    pub fn descendants<'a>(&'a self, name: &'a str, out: &mut Vec<&'a Element>) {
        for child in &self.children {
            if child.name == name {
                out.push(child);
            }
            child.descendants(name, out);
        }
    }
}

/// Line numbers from byte offsets.
struct Lines(Vec<usize>);

impl Lines {
    fn new(text: &str) -> Lines {
        Lines(text.match_indices('\n').map(|(i, _)| i).collect())
    }
    fn at(&self, offset: u64) -> usize {
        self.0.partition_point(|&i| (i as u64) < offset) + 1
    }
}

fn local(name: &[u8]) -> String {
    let name = String::from_utf8_lossy(name);
    match name.rsplit_once(':') {
        Some((_, local)) => local.to_string(),
        None => name.to_string(),
    }
}

/// Parses `text` into its root element.
pub(crate) fn parse(text: &str, problems: &mut Problems) -> Result<Element, LoadError> {
    let lines = Lines::new(text);
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<Element> = vec![Element::default()];
    let mut count = 0;
    loop {
        let offset = reader.buffer_position();
        let event = reader.read_event().map_err(|e| {
            let line = lines.at(reader.error_position());
            problems.error(line, format!("not well-formed XML: {e}"))
        })?;
        let line = lines.at(offset);
        match event {
            Event::Start(_) | Event::Empty(_) if stack.len() > MAX_DEPTH => {
                return Err(problems.error(line, format!("nested deeper than {MAX_DEPTH} elements; not read")));
            }
            Event::Start(_) | Event::Empty(_) if count >= MAX_ELEMENTS => {
                return Err(problems.error(line, format!("more than {MAX_ELEMENTS} elements; not read")));
            }
            Event::Start(start) => {
                count += 1;
                stack.push(element(&start, line, problems)?);
            }
            Event::Empty(start) => {
                count += 1;
                let element = element(&start, line, problems)?;
                if let Some(parent) = stack.last_mut() {
                    parent.children.push(element);
                }
            }
            Event::End(_) => {
                let Some(done) = stack.pop() else { break };
                match stack.last_mut() {
                    Some(parent) => parent.children.push(done),
                    None => return Err(problems.error(line, "an end tag without a start tag")),
                }
            }
            Event::Text(t) => {
                let t = t
                    .xml10_content()
                    .map_err(|e| problems.error(line, format!("bad text: {e}")))?;
                push_text(&mut stack, &t);
            }
            Event::CData(t) => {
                let t = t
                    .decode()
                    .map_err(|e| problems.error(line, format!("bad CDATA: {e}")))?;
                push_text(&mut stack, &t);
            }
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => {
                        let name = r.decode().map(|n| n.to_string()).unwrap_or_default();
                        match quick_xml::escape::resolve_predefined_entity(&name) {
                            Some(s) => s.to_string(),
                            None => {
                                return Err(problems.error(
                                    line,
                                    format!("entity &{name}; is not expanded: DTDs and entities are never read"),
                                ));
                            }
                        }
                    }
                    Err(e) => return Err(problems.error(line, format!("bad character reference: {e}"))),
                };
                push_text(&mut stack, &resolved);
            }
            Event::DocType(_) => problems.note(line, "", "the DOCTYPE (DTD) is ignored: it is never read"),
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
        }
    }
    if stack.len() != 1 {
        return Err(problems.error(
            lines.at(text.len() as u64),
            "the file ends inside an element (truncated?)",
        ));
    }
    let mut document = stack.pop().unwrap_or_default();
    document
        .children
        .pop()
        .filter(|_| document.children.is_empty())
        .ok_or_else(|| problems.error(0, "not one XML root element"))
}

fn push_text(stack: &mut [Element], text: &str) {
    if let Some(top) = stack.last_mut() {
        top.text.push_str(text);
    }
}

fn element(start: &quick_xml::events::BytesStart, line: usize, problems: &Problems) -> Result<Element, LoadError> {
    let mut attributes = Vec::new();
    for attribute in start.attributes() {
        let attribute = attribute.map_err(|e| problems.error(line, format!("bad attribute: {e}")))?;
        let raw = String::from_utf8_lossy(&attribute.value).to_string();
        let value = quick_xml::escape::unescape(&raw)
            .map_err(|e| problems.error(line, format!("attribute value: {e} (entities are never expanded)")))?
            .to_string();
        attributes.push((local(attribute.key.as_ref()), value));
    }
    Ok(Element {
        name: local(start.name().as_ref()),
        attributes,
        children: Vec::new(),
        text: String::new(),
        line,
    })
}

/// Escapes text for an element or attribute.
pub(crate) fn escape(text: &str) -> String {
    quick_xml::escape::escape(text).to_string()
}
