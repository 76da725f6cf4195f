//! Manifests as the tool reads them: sources (files, directories, stdin), their YAML
//! documents with positions, and the objects inside them (`List` kinds expanded).
//!
//! `read` is the only part that touches the file system; `yaml` and the object expansion
//! here are pure.

pub mod edit;
pub mod read;
pub mod write;
pub mod yaml;

use yaml::{Document, Node, Pos, SyntaxError};

/// One input: a file or stdin, its text, and its parsed documents.
#[derive(Debug)]
pub struct Source {
    /// How the input is named in messages: the path as given, or `<stdin>`.
    pub name: String,
    /// The text (empty when it was not UTF-8).
    pub text: String,
    /// The documents; a text that is not UTF-8 yields one invalid document.
    pub documents: Vec<Document>,
}

impl Source {
    /// Decodes and parses an input's bytes.
    pub fn from_bytes(name: impl Into<String>, bytes: Vec<u8>) -> Source {
        let name = name.into();
        match String::from_utf8(bytes) {
            Ok(text) => {
                let documents = yaml::parse_stream(&text);
                Source {
                    name,
                    text,
                    documents,
                }
            }
            Err(error) => {
                let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
                let prefix = String::from_utf8_lossy(valid);
                let line = prefix.matches('\n').count() + 1;
                let column = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
                let pos = Pos {
                    line: u32::try_from(line).unwrap_or(u32::MAX),
                    column: u32::try_from(column).unwrap_or(u32::MAX),
                    offset: valid.len(),
                };
                Source {
                    name,
                    text: String::new(),
                    documents: vec![Document::Invalid(SyntaxError {
                        message: format!(
                            "the file is not valid UTF-8 (invalid byte at offset {})",
                            valid.len()
                        ),
                        pos,
                        fatal: true,
                    })],
                }
            }
        }
    }

    /// Parses text that is already a string (tests, stdin already decoded).
    pub fn from_text(name: impl Into<String>, text: impl Into<String>) -> Source {
        Source::from_bytes(name, text.into().into_bytes())
    }

    /// The 1-based line `line` of the text, without its line break.
    pub fn line(&self, line: u32) -> Option<&str> {
        let index = usize::try_from(line).ok()?.checked_sub(1)?;
        self.text
            .strip_prefix('\u{feff}')
            .unwrap_or(&self.text)
            .split('\n')
            .nth(index)
            .map(|l| l.strip_suffix('\r').unwrap_or(l))
    }
}

/// What one document of a source holds.
#[derive(Debug)]
pub enum DocumentContent<'a> {
    /// Objects (one, or a List's items, expanded recursively).
    Objects(Vec<(String, &'a Node)>),
    /// The root is not a mapping: a scalar or a sequence.
    NotAnObject(&'a Node),
    /// Nothing in it (comments only, or `---` alone).
    Empty,
    /// The document could not be parsed.
    Invalid(&'a SyntaxError),
}

/// Splits a document into the objects it holds; `List`-like kinds (`kind: List` or any kind
/// ending in `List` with an `items` sequence) are expanded recursively.
pub fn document_content(document: &Document) -> DocumentContent<'_> {
    match document {
        Document::Invalid(error) => DocumentContent::Invalid(error),
        Document::Parsed(None) => DocumentContent::Empty,
        Document::Parsed(Some(root)) if root.is_null() => DocumentContent::Empty,
        Document::Parsed(Some(root)) if root.entries().is_none() => {
            DocumentContent::NotAnObject(root)
        }
        Document::Parsed(Some(root)) => {
            let mut objects = Vec::new();
            expand(root, String::new(), &mut objects);
            DocumentContent::Objects(objects)
        }
    }
}

fn expand<'a>(node: &'a Node, prefix: String, out: &mut Vec<(String, &'a Node)>) {
    let is_list = node
        .get("kind")
        .and_then(Node::as_str)
        .is_some_and(|kind| kind.ends_with("List"));
    match node.get("items").and_then(Node::items) {
        Some(items) if is_list => {
            for (index, item) in items.iter().enumerate() {
                let path = format!("{prefix}items[{index}].");
                if item.entries().is_some() {
                    expand(item, path, out);
                }
            }
        }
        _ => out.push((prefix, node)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_expand_recursively_with_paths() {
        let source = Source::from_text(
            "t.yaml",
            "kind: List\nitems:\n- kind: A\n- kind: BList\n  items:\n  - kind: C\n",
        );
        let DocumentContent::Objects(objects) = document_content(&source.documents[0]) else {
            panic!()
        };
        let kinds: Vec<_> = objects
            .iter()
            .map(|(p, n)| (p.as_str(), n.get("kind").unwrap().as_str().unwrap()))
            .collect();
        assert_eq!(kinds, vec![("items[0].", "A"), ("items[1].items[0].", "C")]);
    }

    #[test]
    fn non_utf8_is_an_invalid_document_located_at_the_bad_byte() {
        let source = Source::from_bytes("b.yaml", b"a: 1\nb: \xff\n".to_vec());
        let Document::Invalid(error) = &source.documents[0] else {
            panic!()
        };
        assert_eq!((error.pos.line, error.pos.column), (2, 4));
    }

    #[test]
    fn lines_strip_crlf_and_bom() {
        let source = Source::from_text("c.yaml", "\u{feff}a: 1\r\nb: 2\r\n");
        assert_eq!(source.line(1), Some("a: 1"));
        assert_eq!(source.line(2), Some("b: 2"));
    }
}
