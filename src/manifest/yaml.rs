//! A positioned YAML tree: every node keeps the 1-based line and column where it starts.
//!
//! Owns turning YAML (and JSON, which is read as YAML flow syntax) text into documents of
//! [`Node`]s, with the structural checks kubectl applies when it converts YAML to JSON:
//! duplicate keys are errors, merge keys (`<<`) are resolved, aliases are expanded within a
//! budget (alias bombs), and nesting depth is bounded. It does no I/O and knows nothing about
//! Kubernetes kinds.
//!
//! The event parser is `granit-parser`, the parser behind `serde-saphyr`. The lint rules need a
//! generic tree (unknown keys, misplaced keys, exact spans for every key and value), which
//! `serde-saphyr`'s typed `Spanned<T>` cannot give for arbitrary mappings, so the tree is built
//! here from the parser's spanned events.

use granit_parser::{Event, Marker, Parser, ScalarStyle, Span as ParserSpan};

/// Deepest nesting of collections accepted in one document.
pub const MAX_DEPTH: usize = 128;
/// Most nodes that alias expansion may copy in one stream (an "alias bomb" guard).
pub const MAX_ALIAS_NODES: usize = 100_000;

/// A position in the source text: 1-based line and column (in characters), and byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
    pub offset: usize,
}

/// The source range of a node: `start` inclusive, `end` exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub start: Pos,
    pub end: Pos,
}

/// How a scalar was written; decides how plain text resolves (only plain scalars are
/// booleans, numbers or null).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
    Folded,
}

/// A YAML node and where it starts and ends.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub span: Span,
}

/// The content of a node.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A scalar's text after escape processing, and how it was written.
    Scalar(String, Style),
    Seq(Vec<Node>),
    Map(Vec<Entry>),
}

/// One `key: value` pair of a mapping.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: Node,
    pub value: Node,
}

/// What a scalar means to kubectl (sigs.k8s.io/yaml resolves plain scalars with YAML 1.1
/// rules, so `yes`/`no`/`on`/`off` are booleans there too).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ScalarKind {
    Null,
    Bool(bool),
    Int,
    Float,
    String,
}

/// The type of a node, for messages ("expected a mapping, found a sequence").
pub fn describe(node: &Node) -> &'static str {
    match &node.value {
        Value::Map(_) => "a mapping",
        Value::Seq(_) => "a sequence",
        Value::Scalar(..) => match node.scalar_kind() {
            Some(ScalarKind::Null) => "null",
            Some(ScalarKind::Bool(_)) => "a boolean",
            Some(ScalarKind::Int) | Some(ScalarKind::Float) => "a number",
            _ => "a string",
        },
    }
}

impl Node {
    /// The entries, when this node is a mapping.
    pub fn entries(&self) -> Option<&[Entry]> {
        match &self.value {
            Value::Map(entries) => Some(entries),
            _ => None,
        }
    }

    /// The items, when this node is a sequence.
    pub fn items(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Seq(items) => Some(items),
            _ => None,
        }
    }

    /// The entry whose key is the scalar `key`, when this node is a mapping.
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.entries()?
            .iter()
            .find(|entry| entry.key.as_scalar() == Some(key))
    }

    /// The value under `key`, when this node is a mapping that has it.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|entry| &entry.value)
    }

    /// Follows a path of mapping keys.
    pub fn get_path(&self, path: &[&str]) -> Option<&Node> {
        path.iter().try_fold(self, |node, key| node.get(key))
    }

    /// The text of a scalar (any style), `None` for collections.
    pub fn as_scalar(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar(text, _) => Some(text),
            _ => None,
        }
    }

    /// The text of a scalar that is a string to kubectl: quoted, or plain and not a
    /// boolean/null/number.
    pub fn as_str(&self) -> Option<&str> {
        match self.scalar_kind()? {
            ScalarKind::String => self.as_scalar(),
            _ => None,
        }
    }

    /// The boolean a plain scalar means, with YAML 1.1 spellings as kubectl reads them.
    pub fn as_bool(&self) -> Option<bool> {
        match self.scalar_kind()? {
            ScalarKind::Bool(value) => Some(value),
            _ => None,
        }
    }

    /// An integer value (plain decimal scalar that fits in i64).
    pub fn as_i64(&self) -> Option<i64> {
        match self.scalar_kind()? {
            ScalarKind::Int => self.as_scalar()?.replace('_', "").parse().ok(),
            _ => None,
        }
    }

    /// Whether this is an explicit or implicit null (`null`, `~`, empty).
    pub fn is_null(&self) -> bool {
        self.scalar_kind() == Some(ScalarKind::Null)
    }

    /// How kubectl would resolve this scalar; `None` for collections.
    pub fn scalar_kind(&self) -> Option<ScalarKind> {
        let Value::Scalar(text, style) = &self.value else {
            return None;
        };
        if *style != Style::Plain {
            return Some(ScalarKind::String);
        }
        Some(resolve_plain(text))
    }
}

/// YAML 1.1 plain-scalar resolution as go-yaml v2 (behind sigs.k8s.io/yaml) does it.
fn resolve_plain(text: &str) -> ScalarKind {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return ScalarKind::Null,
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            return ScalarKind::Bool(true);
        }
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            return ScalarKind::Bool(false);
        }
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" | "-.inf" | "-.Inf" | "-.INF"
        | ".nan" | ".NaN" | ".NAN" => return ScalarKind::Float,
        _ => {}
    }
    let digits = text
        .strip_prefix(['+', '-'])
        .unwrap_or(text)
        .replace('_', "");
    if digits.is_empty() {
        return ScalarKind::String;
    }
    let is_int = digits.bytes().all(|b| b.is_ascii_digit())
        || digits
            .strip_prefix("0x")
            .is_some_and(|hex| !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()))
        || digits
            .strip_prefix("0b")
            .is_some_and(|bin| !bin.is_empty() && bin.bytes().all(|b| b == b'0' || b == b'1'));
    if is_int {
        return ScalarKind::Int;
    }
    let looks_float = digits
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'))
        && digits.bytes().any(|b| b.is_ascii_digit())
        && digits.parse::<f64>().is_ok();
    if looks_float {
        ScalarKind::Float
    } else {
        ScalarKind::String
    }
}

/// Why a stream or document could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct SyntaxError {
    /// What went wrong, lower-case, from the parser or the structural checks.
    pub message: String,
    /// Where (1-based).
    pub pos: Pos,
    /// Whether the rest of the stream could not be read past this error (a parser error);
    /// structural errors (duplicate keys, depth) only lose their own document.
    pub fatal: bool,
}

/// One document of a stream: its root node, or why it is unusable.
#[derive(Debug, Clone)]
pub enum Document {
    /// A document that parsed; `None` root for an empty document (`---` with nothing after it).
    Parsed(Option<Node>),
    /// A document that broke a structural rule, or where a parser error stopped the stream.
    Invalid(SyntaxError),
}

/// Parses a YAML (or JSON) stream into documents. A parser error ends the list with an
/// [`Document::Invalid`]; earlier documents are kept.
pub fn parse_stream(text: &str) -> Vec<Document> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut builder = Builder::new(text);
    let mut parser = Parser::new_from_str(text);
    loop {
        match parser.next_event() {
            None => break,
            Some(Ok((event, span))) => {
                if builder.on_event(event, span) {
                    break;
                }
            }
            Some(Err(error)) => {
                let message = error.kind().to_string();
                builder.documents.push(Document::Invalid(SyntaxError {
                    message: lower_first(&message),
                    pos: builder.pos(error.marker()),
                    fatal: true,
                }));
                break;
            }
        }
    }
    builder.documents
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// An open collection while its children are being read.
enum Open {
    Seq {
        start: Pos,
        anchor: usize,
        items: Vec<Node>,
    },
    Map {
        start: Pos,
        anchor: usize,
        entries: Vec<Entry>,
        pending_key: Option<Node>,
    },
}

struct Builder<'text> {
    text: &'text str,
    documents: Vec<Document>,
    stack: Vec<Open>,
    anchors: Vec<(usize, Node, usize)>,
    alias_budget: usize,
    /// The current document broke a structural rule: skip its events until it ends.
    doc_error: Option<SyntaxError>,
    root: Option<Node>,
}

impl<'text> Builder<'text> {
    fn new(text: &'text str) -> Self {
        Builder {
            text,
            documents: Vec::new(),
            stack: Vec::new(),
            anchors: Vec::new(),
            alias_budget: MAX_ALIAS_NODES,
            doc_error: None,
            root: None,
        }
    }

    /// Converts a parser marker (0-based column in characters) to a [`Pos`].
    fn pos(&self, marker: &Marker) -> Pos {
        let offset = marker
            .byte_offset()
            .unwrap_or_else(|| char_to_byte(self.text, marker.index()));
        Pos {
            line: u32::try_from(marker.line()).unwrap_or(u32::MAX),
            column: u32::try_from(marker.col() + 1).unwrap_or(u32::MAX),
            offset,
        }
    }

    fn fail(&mut self, message: String, pos: Pos) {
        if self.doc_error.is_none() {
            self.doc_error = Some(SyntaxError {
                message,
                pos,
                fatal: false,
            });
        }
        self.stack.clear();
    }

    /// Handles one event; returns true when the stream is over.
    fn on_event(&mut self, event: Event<'_>, span: ParserSpan) -> bool {
        let start = self.pos(&span.start);
        let end = self.pos(&span.end);
        match event {
            Event::StreamStart => {}
            Event::StreamEnd => return true,
            Event::DocumentStart(..) => {
                self.stack.clear();
                self.anchors.clear();
                self.doc_error = None;
                self.root = None;
            }
            Event::DocumentEnd => {
                let document = match self.doc_error.take() {
                    Some(error) => Document::Invalid(error),
                    None => Document::Parsed(self.root.take()),
                };
                self.documents.push(document);
            }
            _ if self.doc_error.is_some() => {}
            Event::Alias(id) => {
                let Some((_, node, size)) = self.anchors.iter().rev().find(|(a, ..)| *a == id)
                else {
                    self.fail("alias refers to an unknown anchor".into(), start);
                    return false;
                };
                if *size > self.alias_budget {
                    self.fail(
                        format!(
                            "aliases expand to more than {MAX_ALIAS_NODES} nodes (an alias bomb?)"
                        ),
                        start,
                    );
                    return false;
                }
                self.alias_budget -= *size;
                let mut node = node.clone();
                // The copy is reported where the alias is written, its children where the
                // anchor defined them.
                node.span = Span { start, end };
                self.push_node(node, 0);
            }
            Event::Scalar(text, style, anchor, _tag) => {
                let style = match style {
                    ScalarStyle::Plain => Style::Plain,
                    ScalarStyle::SingleQuoted => Style::SingleQuoted,
                    ScalarStyle::DoubleQuoted => Style::DoubleQuoted,
                    ScalarStyle::Literal => Style::Literal,
                    ScalarStyle::Folded => Style::Folded,
                };
                let node = Node {
                    value: Value::Scalar(text.into_owned(), style),
                    span: Span { start, end },
                };
                self.push_node(node, anchor);
            }
            Event::SequenceStart(_, anchor, _) => {
                if self.stack.len() >= MAX_DEPTH {
                    self.fail(format!("nesting is deeper than {MAX_DEPTH} levels"), start);
                } else {
                    self.stack.push(Open::Seq {
                        start,
                        anchor,
                        items: Vec::new(),
                    });
                }
            }
            Event::MappingStart(_, anchor, _) => {
                if self.stack.len() >= MAX_DEPTH {
                    self.fail(format!("nesting is deeper than {MAX_DEPTH} levels"), start);
                } else {
                    self.stack.push(Open::Map {
                        start,
                        anchor,
                        entries: Vec::new(),
                        pending_key: None,
                    });
                }
            }
            Event::SequenceEnd => {
                if let Some(Open::Seq {
                    start,
                    anchor,
                    items,
                }) = self.stack.pop()
                {
                    let node = Node {
                        value: Value::Seq(items),
                        span: Span { start, end },
                    };
                    self.push_node(node, anchor);
                }
            }
            Event::MappingEnd => {
                if let Some(Open::Map {
                    start,
                    anchor,
                    entries,
                    ..
                }) = self.stack.pop()
                {
                    match resolve_merge_keys(entries) {
                        Ok(entries) => {
                            let node = Node {
                                value: Value::Map(entries),
                                span: Span { start, end },
                            };
                            self.push_node(node, anchor);
                        }
                        Err((message, pos)) => self.fail(message, pos),
                    }
                }
            }
            _ => {}
        }
        false
    }

    /// Attaches a finished node to its parent (or makes it the document root).
    fn push_node(&mut self, node: Node, anchor: usize) {
        if anchor != 0 {
            let size = count_nodes(&node);
            self.anchors.push((anchor, node.clone(), size));
        }
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Open::Seq { items, .. }) => items.push(node),
            Some(Open::Map {
                entries,
                pending_key,
                ..
            }) => match pending_key.take() {
                None => *pending_key = Some(node),
                Some(key) => {
                    let duplicate = key.as_scalar().and_then(|name| {
                        entries
                            .iter()
                            .find(|e| e.key.as_scalar() == Some(name) && name != "<<")
                    });
                    if let Some(first) = duplicate {
                        let message = format!(
                            "duplicate key '{}' (first defined at line {})",
                            key.as_scalar().unwrap_or_default(),
                            first.key.span.start.line
                        );
                        let pos = key.span.start;
                        self.fail(message, pos);
                        return;
                    }
                    if !matches!(key.value, Value::Scalar(..)) {
                        let pos = key.span.start;
                        self.fail(
                            "mapping keys must be scalars (kubectl cannot convert a complex key to JSON)"
                                .into(),
                            pos,
                        );
                        return;
                    }
                    entries.push(Entry { key, value: node });
                }
            },
        }
    }
}

fn count_nodes(node: &Node) -> usize {
    1 + match &node.value {
        Value::Scalar(..) => 0,
        Value::Seq(items) => items.iter().map(count_nodes).sum(),
        Value::Map(entries) => entries
            .iter()
            .map(|e| count_nodes(&e.key) + count_nodes(&e.value))
            .sum(),
    }
}

/// Applies YAML merge keys (`<<: *base` or `<<: [*a, *b]`) the way go-yaml does: explicit
/// keys win over merged ones, earlier merge sources win over later ones.
fn resolve_merge_keys(entries: Vec<Entry>) -> Result<Vec<Entry>, (String, Pos)> {
    let is_merge = |e: &Entry| e.key.as_scalar() == Some("<<") && e.key.scalar_kind().is_some();
    if !entries.iter().any(is_merge) {
        return Ok(entries);
    }
    let (merges, mut explicit): (Vec<Entry>, Vec<Entry>) = entries.into_iter().partition(is_merge);
    for merge in merges {
        let sources: Vec<&Node> = match &merge.value.value {
            Value::Map(_) => vec![&merge.value],
            Value::Seq(items) if items.iter().all(|i| i.entries().is_some()) => {
                items.iter().collect()
            }
            _ => {
                return Err((
                    "a merge key (<<) needs a mapping or a list of mappings".into(),
                    merge.value.span.start,
                ));
            }
        };
        for source in sources {
            for entry in source.entries().unwrap_or_default() {
                let name = entry.key.as_scalar();
                if !explicit.iter().any(|e| e.key.as_scalar() == name) {
                    explicit.push(entry.clone());
                }
            }
        }
    }
    Ok(explicit)
}

fn char_to_byte(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(byte, _)| byte)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Node {
        match parse_stream(text).into_iter().next() {
            Some(Document::Parsed(Some(node))) => node,
            other => panic!("expected one parsed document, got {other:?}"),
        }
    }

    #[test]
    fn keys_and_values_keep_one_based_positions() {
        let root = one("a: 1\nb:\n  c: true\n  d: [x, 'y']\n");
        let b = root.entry("b").unwrap();
        assert_eq!((b.key.span.start.line, b.key.span.start.column), (2, 1));
        let c = b.value.entry("c").unwrap();
        assert_eq!((c.key.span.start.line, c.key.span.start.column), (3, 3));
        assert_eq!(c.value.as_bool(), Some(true));
        let d = b.value.get("d").unwrap().items().unwrap();
        assert_eq!(d[1].as_str(), Some("y"));
        assert_eq!((d[1].span.start.line, d[1].span.start.column), (4, 10));
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let root = one("é: {ü: x}\n");
        let inner = root.get("é").unwrap().entry("ü").unwrap();
        assert_eq!(inner.key.span.start.column, 5);
        assert_eq!(inner.key.span.start.offset, "é: {".len());
    }

    #[test]
    fn plain_scalars_resolve_like_kubectl() {
        let root = one("a: yes\nb: 'true'\nc: ~\nd: 1024\ne: 1.5\nf: 1Gi\ng: off\n");
        assert_eq!(root.get("a").unwrap().as_bool(), Some(true));
        assert_eq!(root.get("b").unwrap().as_bool(), None);
        assert_eq!(root.get("b").unwrap().as_str(), Some("true"));
        assert!(root.get("c").unwrap().is_null());
        assert_eq!(root.get("d").unwrap().as_i64(), Some(1024));
        assert_eq!(
            root.get("e").unwrap().scalar_kind(),
            Some(ScalarKind::Float)
        );
        assert_eq!(root.get("f").unwrap().as_str(), Some("1Gi"));
        assert_eq!(root.get("g").unwrap().as_bool(), Some(false));
    }

    #[test]
    fn multi_document_streams_keep_each_document() {
        let docs = parse_stream("a: 1\n---\n---\nb: 2\n");
        assert_eq!(docs.len(), 3);
        assert!(matches!(
            &docs[1],
            Document::Parsed(None) | Document::Parsed(Some(_))
        ));
        let Document::Parsed(Some(last)) = &docs[2] else {
            panic!("{docs:?}")
        };
        assert_eq!(last.get("b").unwrap().span.start.line, 4);
    }

    #[test]
    fn duplicate_keys_invalidate_only_their_document() {
        let docs = parse_stream("a: 1\na: 2\n---\nb: 1\n");
        let Document::Invalid(error) = &docs[0] else {
            panic!("{docs:?}")
        };
        assert!(error.message.contains("duplicate key 'a'"), "{error:?}");
        assert_eq!((error.pos.line, error.pos.column), (2, 1));
        assert!(matches!(&docs[1], Document::Parsed(Some(_))));
    }

    #[test]
    fn syntax_errors_stop_the_stream_but_keep_earlier_documents() {
        let docs = parse_stream("a: 1\n---\nb: [1, 2\n");
        assert!(matches!(&docs[0], Document::Parsed(Some(_))));
        let Document::Invalid(error) = docs.last().unwrap() else {
            panic!("{docs:?}")
        };
        assert!(error.fatal);
        assert!(error.pos.line >= 3, "{error:?}");
    }

    #[test]
    fn a_mapping_under_a_scalar_is_a_syntax_error_at_the_nested_key() {
        let text = "resources:\n  overcommitGuestOverhead: true\n    requests:\n      memory: 1G\n";
        let Document::Invalid(error) = parse_stream(text).pop().unwrap() else {
            panic!()
        };
        assert_eq!(error.pos.line, 3, "{error:?}");
    }

    #[test]
    fn merge_keys_apply_with_explicit_keys_winning() {
        let root = one("base: &b {x: 1, y: 2}\nobj:\n  <<: *b\n  y: 3\n");
        let obj = root.get("obj").unwrap();
        assert_eq!(obj.get("x").unwrap().as_i64(), Some(1));
        assert_eq!(obj.get("y").unwrap().as_i64(), Some(3));
        assert!(obj.get("<<").is_none());
    }

    #[test]
    fn alias_bombs_are_refused() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for level in 1..12 {
            let prev = level - 1;
            text.push_str(&format!(
                "a{level}: &a{level} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"
            ));
        }
        let Document::Invalid(error) = parse_stream(&text).remove(0) else {
            panic!()
        };
        assert!(error.message.contains("alias"), "{error:?}");
    }

    #[test]
    fn deep_nesting_is_refused_without_overflowing_the_stack() {
        let text = "[".repeat(100_000);
        let docs = parse_stream(&text);
        assert!(
            matches!(docs.last(), Some(Document::Invalid(_))),
            "{docs:?}"
        );
    }

    #[test]
    fn json_with_tabs_and_a_bom_parses() {
        let root = one("\u{feff}{\n\t\"kind\": \"VirtualMachine\",\n\t\"spec\": {\"a\": 1}\n}\n");
        assert_eq!(root.get("kind").unwrap().as_str(), Some("VirtualMachine"));
        assert_eq!(root.get("spec").unwrap().span.start.line, 3);
    }

    #[test]
    fn crlf_line_endings_count_lines_once() {
        let root = one("a: 1\r\nb:\r\n  c: 2\r\n");
        assert_eq!(root.get_path(&["b", "c"]).unwrap().span.start.line, 3);
        assert_eq!(root.get_path(&["b", "c"]).unwrap().as_i64(), Some(2));
    }
}
