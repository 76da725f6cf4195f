//! Format-preserving edits of YAML (and JSON) text: set a scalar at a path of mappings,
//! creating missing mappings, changing only the bytes that must change.
//!
//! `serde_yaml` (and any serde round trip) drops comments, quoting, flow style and key order,
//! so a rewrite cannot go through it. The positioned tree (`yaml`) already knows the byte
//! range of every key and value, so edits are text splices at those ranges: a replaced
//! scalar keeps its quote style, an inserted key takes its siblings' indentation (or joins a
//! flow mapping, with JSON quoting in JSON), line endings follow the file, and every other
//! byte is untouched by construction. [`verify`] re-parses the result and checks that the
//! documents differ from the original exactly at the intended paths.
//!
//! Pure: text in, text out.

use super::yaml::{Document, Entry, Node, Style, Value, parse_stream};

/// A value to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NewValue {
    Bool(bool),
    /// A quantity or other string, written plain unless the value it replaces was quoted
    /// (or the file is JSON).
    Text(String),
}

impl NewValue {
    fn plain(&self) -> String {
        match self {
            NewValue::Bool(value) => value.to_string(),
            NewValue::Text(text) => text.clone(),
        }
    }

    /// Whether `node` already holds this value (as kubectl would read it).
    fn matches(&self, node: &Node) -> bool {
        match self {
            NewValue::Bool(value) => node.as_bool() == Some(*value),
            NewValue::Text(text) => node.as_scalar() == Some(text.as_str()),
        }
    }
}

/// Path segments from a document's root (`items[3]` steps into a list).
pub type FieldPath = Vec<String>;

/// The intended changes of one document: its index and the fields set in it.
pub type DocumentChanges = (usize, Vec<(FieldPath, NewValue)>);

/// One splice: replace `start..end` (byte offsets) with `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Splice {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// Why an edit cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// A node on the path is not a mapping (e.g. `domain: 5`), so nothing can be set under it.
    #[error("{path} is not a mapping, so {key} cannot be set under it")]
    NotAMapping { path: String, key: String },
    /// The value to replace is a mapping or a list, not a scalar.
    #[error("{path} holds a mapping or a list, not a value that can be replaced")]
    NotAScalar { path: String },
    /// Two edits touch the same bytes.
    #[error("two edits overlap at byte {at}")]
    Overlap { at: usize },
    /// The edited text no longer parses, or differs from the original elsewhere than intended.
    #[error("the rewrite was not safe and was discarded: {reason}")]
    Unsafe { reason: String },
}

/// The line break the text uses (CRLF when its first line break is one).
pub fn line_ending(text: &str) -> &'static str {
    match text.find('\n') {
        Some(index) if index > 0 && text.as_bytes()[index - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}

/// The offset just after the line break that ends the line containing `offset` (or the end
/// of the text).
fn next_line_start(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    if offset > 0 && text.as_bytes()[offset - 1] == b'\n' {
        return offset;
    }
    // A position the parser reports inside a multi-byte character (seen with a BOM in the
    // middle of a scalar) yields no line: `apply` then refuses the splice.
    text.get(offset..)
        .and_then(|tail| tail.find('\n'))
        .map_or(text.len(), |index| offset + index + 1)
}

/// The furthest byte the content of `node` reaches: a flow collection ends at its closing
/// bracket, a block collection at the end of its last child.
fn content_end(text: &str, node: &Node) -> usize {
    let own = node.span.end.offset;
    if is_flow(text, node) {
        return own;
    }
    match &node.value {
        Value::Scalar(..) => own,
        Value::Seq(items) => items
            .iter()
            .map(|item| content_end(text, item))
            .max()
            .unwrap_or(own),
        Value::Map(entries) => entries
            .iter()
            .map(|e| content_end(text, &e.key).max(content_end(text, &e.value)))
            .max()
            .unwrap_or(own),
    }
}

/// Whether a mapping or sequence is written in flow style (`{…}`, `[…]`).
fn is_flow(text: &str, node: &Node) -> bool {
    matches!(
        text.as_bytes().get(node.span.start.offset),
        Some(b'{') | Some(b'[')
    )
}

/// Formats a scalar the way its neighbour was written.
fn format_scalar(value: &NewValue, style: Style) -> String {
    match (value, style) {
        (NewValue::Bool(_), _) => value.plain(),
        (NewValue::Text(text), Style::DoubleQuoted) => format!("\"{text}\""),
        (NewValue::Text(text), Style::SingleQuoted) => format!("'{text}'"),
        (NewValue::Text(text), _) => text.clone(),
    }
}

/// Indentation step of the document: how much deeper children sit than their parent key.
fn indent_step(text: &str, root: &Node) -> usize {
    fn find(text: &str, node: &Node) -> Option<usize> {
        let entries = node.entries()?;
        for entry in entries {
            if let Some(children) = entry.value.entries()
                && !is_flow(text, &entry.value)
                && let Some(first) = children.first()
            {
                let parent = entry.key.span.start.column as usize;
                let child = first.key.span.start.column as usize;
                if child > parent {
                    return Some(child - parent);
                }
            }
            if let Some(step) = find(text, &entry.value) {
                return Some(step);
            }
        }
        None
    }
    find(text, root).unwrap_or(2)
}

/// Plans the splice that sets `path` (keys of nested mappings, from `root`) to `value`.
/// `None` when the value is already there.
pub fn plan_set(
    text: &str,
    root: &Node,
    path: &[&str],
    value: &NewValue,
) -> Result<Option<Splice>, EditError> {
    let eol = line_ending(text);
    let step = indent_step(text, root);
    // A JSON document (flow root with double-quoted keys) gets JSON syntax everywhere.
    let json = is_flow(text, root)
        && root
            .entries()
            .and_then(<[Entry]>::first)
            .is_some_and(|e| matches!(e.key.value, Value::Scalar(_, Style::DoubleQuoted)));
    let mut current = root;
    for (depth, key) in path.iter().enumerate() {
        let shown = path[..=depth].join(".");
        let entries = match &current.value {
            Value::Map(entries) => entries,
            _ => {
                return Err(EditError::NotAMapping {
                    path: path[..depth].join("."),
                    key: (*key).to_string(),
                });
            }
        };
        let Some(entry) = entries.iter().find(|e| e.key.as_scalar() == Some(*key)) else {
            return insert(
                text,
                current,
                &path[depth..],
                value,
                Layout { eol, step, json },
            )
            .map(Some);
        };
        let last = depth + 1 == path.len();
        if last {
            if value.matches(&entry.value) {
                return Ok(None);
            }
            return replace(text, entry, &path[depth..], value, &shown, eol, step);
        }
        if entry.value.is_null() {
            return Ok(Some(fill_null(
                text,
                entry,
                &path[depth + 1..],
                value,
                Layout { eol, step, json },
            )));
        }
        current = &entry.value;
    }
    Ok(None)
}

/// Replaces an existing value (a scalar, or a null that becomes the scalar).
fn replace(
    text: &str,
    entry: &Entry,
    _rest: &[&str],
    value: &NewValue,
    shown: &str,
    _eol: &str,
    _step: usize,
) -> Result<Option<Splice>, EditError> {
    let Value::Scalar(_, style) = &entry.value.value else {
        return Err(EditError::NotAScalar {
            path: shown.to_string(),
        });
    };
    let start = entry.value.span.start.offset;
    let end = entry.value.span.end.offset;
    if entry.value.is_null() && start == end {
        // `key:` with nothing after it: write the value after the colon.
        let colon = text
            .get(entry.key.span.end.offset..)
            .unwrap_or_default()
            .find(':')
            .map_or(entry.key.span.end.offset, |i| {
                entry.key.span.end.offset + i + 1
            });
        return Ok(Some(Splice {
            start: colon,
            end: colon,
            text: format!(" {}", value.plain()),
        }));
    }
    Ok(Some(Splice {
        start,
        end,
        text: format_scalar(value, *style),
    }))
}

/// A nested block for `rest` (at least one key), each level `step` deeper than `indent`.
fn block(rest: &[&str], value: &NewValue, indent: usize, step: usize, eol: &str) -> String {
    let mut out = String::new();
    for (depth, key) in rest.iter().enumerate() {
        let pad = " ".repeat(indent + depth * step);
        if depth + 1 == rest.len() {
            out.push_str(&format!("{pad}{key}: {}{eol}", value.plain()));
        } else {
            out.push_str(&format!("{pad}{key}:{eol}"));
        }
    }
    out
}

/// `{a: {b: value}}` (or JSON-quoted keys) for `rest`.
fn flow(rest: &[&str], value: &NewValue, json: bool) -> String {
    let key = |k: &str| {
        if json {
            format!("\"{k}\"")
        } else {
            k.to_string()
        }
    };
    let leaf = match value {
        NewValue::Text(text) if json => format!("\"{text}\""),
        other => other.plain(),
    };
    let mut out = format!("{}: {leaf}", key(rest[rest.len() - 1]));
    for k in rest[..rest.len() - 1].iter().rev() {
        out = format!("{}: {{{out}}}", key(k));
    }
    out
}

/// How inserted text is laid out: line break, indentation step, JSON syntax.
#[derive(Debug, Clone, Copy)]
struct Layout<'a> {
    eol: &'a str,
    step: usize,
    json: bool,
}

/// Text inserted at `at`: when that is the end of a text without a final line break, the
/// block goes after a new line break and keeps the file without one.
fn at_line_start(text: &str, at: usize, block: String, eol: &str) -> String {
    if at == text.len() && !text.is_empty() && !text.ends_with('\n') {
        format!("{eol}{}", block.strip_suffix(eol).unwrap_or(&block))
    } else {
        block
    }
}

/// Inserts the missing keys `rest` into the mapping `map`.
fn insert(
    text: &str,
    map: &Node,
    rest: &[&str],
    value: &NewValue,
    layout: Layout<'_>,
) -> Result<Splice, EditError> {
    let Layout { eol, step, json } = layout;
    let entries = map.entries().unwrap_or_default();
    if is_flow(text, map) {
        let item = flow(rest, value, json);
        return Ok(match entries.last() {
            Some(last) => {
                let at = content_end(text, &last.value).max(content_end(text, &last.key));
                Splice {
                    start: at,
                    end: at,
                    text: format!(", {item}"),
                }
            }
            None => {
                // `{}` (possibly with spaces inside): fill it.
                let start = map.span.start.offset + 1;
                let end = text
                    .get(start..)
                    .and_then(|tail| tail.find('}'))
                    .map_or(start, |index| start + index);
                Splice {
                    start,
                    end,
                    text: item,
                }
            }
        });
    }
    // A block mapping always has entries; an empty one that is not `{}` was written through
    // an alias (`*name`), and editing it would edit every place the anchor is used.
    let (Some(first), Some(last)) = (entries.first(), entries.last()) else {
        return Err(EditError::Unsafe {
            reason: format!(
                "the mapping that should hold {} is written through an alias; edit it by hand",
                rest.first().copied().unwrap_or("the field")
            ),
        });
    };
    let indent = (first.key.span.start.column as usize).saturating_sub(1);
    let end = content_end(text, &last.value).max(content_end(text, &last.key));
    let at = next_line_start(text, end);
    Ok(Splice {
        start: at,
        end: at,
        text: at_line_start(text, at, block(rest, value, indent, step, eol), eol),
    })
}

/// `key:` (or `key: null`/`~`) on the path: give it the missing children.
fn fill_null(
    text: &str,
    entry: &Entry,
    rest: &[&str],
    value: &NewValue,
    layout: Layout<'_>,
) -> Splice {
    let Layout { eol, step, json } = layout;
    let start = entry.value.span.start.offset;
    let end = entry.value.span.end.offset;
    if start != end {
        // An explicit `null` or `~`: a flow mapping in its place keeps it on one line.
        return Splice {
            start,
            end,
            text: format!("{{{}}}", flow(rest, value, json)),
        };
    }
    let indent = (entry.key.span.start.column as usize).saturating_sub(1) + step;
    let at = next_line_start(text, entry.key.span.end.offset);
    Splice {
        start: at,
        end: at,
        text: at_line_start(text, at, block(rest, value, indent, step, eol), eol),
    }
}

/// One field to set in a stream: the document, the object's path inside it (`items[2]` for
/// a List item, empty for the root), and the field's path from the object.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldChange {
    pub document: usize,
    pub object: FieldPath,
    pub field: FieldPath,
    pub value: NewValue,
}

/// Follows `items[3]`-style segments from a document root to an object.
fn object_at<'n>(root: &'n Node, segments: &[String]) -> Option<&'n Node> {
    segments.iter().try_fold(root, |node, segment| {
        let (key, index) = match segment.split_once('[') {
            Some((key, rest)) => (key, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (segment.as_str(), None),
        };
        let value = node.get(key)?;
        match index {
            Some(index) => value.items()?.get(index),
            None => Some(value),
        }
    })
}

/// Applies field changes one after the other (each planned on the text the previous one
/// produced, so two fields under one missing mapping create it once), then [`verify`]s the
/// result. Returns the new text and how many edits were made.
pub fn apply_changes(text: &str, changes: &[FieldChange]) -> Result<(String, usize), EditError> {
    let mut current = text.to_string();
    let mut edits = 0;
    let mut intended: Vec<DocumentChanges> = Vec::new();
    for change in changes {
        let documents = parse_stream(&current);
        let Some(Document::Parsed(Some(root))) = documents.get(change.document) else {
            return Err(EditError::Unsafe {
                reason: format!("document {} is not there any more", change.document + 1),
            });
        };
        let Some(object) = object_at(root, &change.object) else {
            return Err(EditError::Unsafe {
                reason: format!("object {} is not there any more", change.object.join(".")),
            });
        };
        let path: Vec<&str> = change.field.iter().map(String::as_str).collect();
        if let Some(splice) = plan_set(&current, object, &path, &change.value)? {
            current = apply(&current, vec![splice])?;
            edits += 1;
            let mut full = change.object.clone();
            full.extend(change.field.iter().cloned());
            match intended.iter_mut().find(|(d, _)| *d == change.document) {
                Some((_, list)) => list.push((full, change.value.clone())),
                None => intended.push((change.document, vec![(full, change.value.clone())])),
            }
        }
    }
    verify(text, &current, &intended)?;
    Ok((current, edits))
}

/// Applies splices (any order) to the text; they must not overlap.
pub fn apply(text: &str, mut splices: Vec<Splice>) -> Result<String, EditError> {
    splices.sort_by_key(|s| (s.start, s.end));
    for pair in splices.windows(2) {
        if pair[1].start < pair[0].end {
            return Err(EditError::Overlap { at: pair[1].start });
        }
    }
    let mut out = String::with_capacity(text.len() + 64);
    let mut position = 0;
    for splice in &splices {
        if !text.is_char_boundary(splice.start) || !text.is_char_boundary(splice.end) {
            return Err(EditError::Unsafe {
                reason: format!(
                    "the parser placed a field at byte {} inside a character (a byte-order mark inside the document?); edit it by hand",
                    splice.start
                ),
            });
        }
        out.push_str(&text[position..splice.start]);
        out.push_str(&splice.text);
        position = splice.end;
    }
    out.push_str(&text[position..]);
    Ok(out)
}

/// Structural equality, ignoring positions and how scalars were written where kubectl reads
/// them the same.
pub fn same_value(a: &Node, b: &Node) -> bool {
    match (&a.value, &b.value) {
        (Value::Scalar(x, _), Value::Scalar(y, _)) => {
            x == y && a.scalar_kind() == b.scalar_kind()
                || (a.scalar_kind() == b.scalar_kind()
                    && a.scalar_kind().is_some_and(|k| {
                        matches!(
                            k,
                            super::yaml::ScalarKind::Null | super::yaml::ScalarKind::Bool(_)
                        )
                    })
                    && a.as_bool() == b.as_bool())
        }
        (Value::Seq(x), Value::Seq(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_value(p, q))
        }
        (Value::Map(x), Value::Map(y)) => {
            x.len() == y.len()
                && x.iter().all(|e| {
                    y.iter().any(|f| {
                        e.key.as_scalar() == f.key.as_scalar() && same_value(&e.value, &f.value)
                    })
                })
        }
        _ => false,
    }
}

/// What a document should contain after the intended edits: the original with each path set.
/// A path segment `items[3]` steps into the fourth item of the `items` list (objects inside
/// `List` documents).
fn expected_after(original: &Node, changes: &[(FieldPath, NewValue)]) -> Node {
    fn set(node: &mut Node, path: &[String], value: &NewValue) {
        let (key, index) = match path[0].split_once('[') {
            Some((key, rest)) => (key, rest.trim_end_matches(']').parse::<usize>().ok()),
            None => (path[0].as_str(), None),
        };
        if node.is_null() {
            node.value = Value::Map(Vec::new());
        }
        let Value::Map(entries) = &mut node.value else {
            return;
        };
        let position = entries.iter().position(|e| e.key.as_scalar() == Some(key));
        let slot = match position {
            Some(position) => position,
            None => {
                entries.push(Entry {
                    key: Node {
                        value: Value::Scalar(key.to_string(), Style::Plain),
                        span: Default::default(),
                    },
                    value: Node {
                        value: Value::Map(Vec::new()),
                        span: Default::default(),
                    },
                });
                entries.len() - 1
            }
        };
        let mut target = &mut entries[slot].value;
        if let Some(index) = index {
            let Value::Seq(items) = &mut target.value else {
                return;
            };
            let Some(item) = items.get_mut(index) else {
                return;
            };
            target = item;
        }
        if path.len() == 1 {
            *target = Node {
                value: Value::Scalar(value.plain(), Style::Plain),
                span: Default::default(),
            };
        } else {
            set(target, &path[1..], value);
        }
    }
    let mut node = original.clone();
    for (path, value) in changes {
        set(&mut node, path, value);
    }
    node
}

/// Checks a rewrite: `after` parses into as many documents as `before`, every document is
/// the same except `changed[doc]`, which equals the original with exactly those paths set.
/// Paths are relative to the document root.
pub fn verify(before: &str, after: &str, changed: &[DocumentChanges]) -> Result<(), EditError> {
    let unsafe_because = |reason: String| Err(EditError::Unsafe { reason });
    let old = parse_stream(before);
    let new = parse_stream(after);
    if old.len() != new.len() {
        return unsafe_because(format!("{} documents became {}", old.len(), new.len()));
    }
    for (index, (a, b)) in old.iter().zip(&new).enumerate() {
        let (a, b) = match (a, b) {
            (Document::Parsed(a), Document::Parsed(b)) => (a, b),
            (_, Document::Invalid(error)) => {
                return unsafe_because(format!(
                    "document {} no longer parses: {} at line {}",
                    index + 1,
                    error.message,
                    error.pos.line
                ));
            }
            _ => continue,
        };
        let expected = match (a, changed.iter().find(|(doc, _)| *doc == index)) {
            (Some(a), Some((_, changes))) => Some(expected_after(a, changes)),
            (a, _) => a.clone(),
        };
        let same = match (&expected, b) {
            (Some(x), Some(y)) => same_value(x, y),
            (None, None) => true,
            _ => false,
        };
        if !same {
            return unsafe_because(format!(
                "document {} would change beyond the intended fields",
                index + 1
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(text: &str, path: &[&str], value: NewValue) -> String {
        let documents = parse_stream(text);
        let Document::Parsed(Some(root)) = &documents[0] else {
            panic!("{documents:?}")
        };
        let splice = plan_set(text, root, path, &value).unwrap();
        let out = apply(text, splice.into_iter().collect()).unwrap();
        let owned: Vec<String> = path.iter().map(|s| s.to_string()).collect();
        verify(text, &out, &[(0, vec![(owned, value)])]).unwrap();
        out
    }

    #[test]
    fn replaces_a_scalar_keeping_everything_else() {
        let text = "a:\n  b: true   # keep me\n  c: 1\n";
        assert_eq!(
            set(text, &["a", "b"], NewValue::Bool(false)),
            "a:\n  b: false   # keep me\n  c: 1\n"
        );
    }

    #[test]
    fn keeps_the_quote_style_of_replaced_strings() {
        let text = "memory:\n  guest: \"1Gi\"\n  other: '2Gi'\n";
        let out = set(text, &["memory", "guest"], NewValue::Text("3Gi".into()));
        assert_eq!(out, "memory:\n  guest: \"3Gi\"\n  other: '2Gi'\n");
    }

    #[test]
    fn inserts_after_the_last_sibling_with_its_indentation() {
        let text = "spec:\n    domain:\n        devices:\n            disks:\n            - name: a\n        # trailing comment\n    other: 1\n";
        let out = set(
            text,
            &["spec", "domain", "resources", "overcommitGuestOverhead"],
            NewValue::Bool(true),
        );
        assert_eq!(
            out,
            "spec:\n    domain:\n        devices:\n            disks:\n            - name: a\n        resources:\n            overcommitGuestOverhead: true\n        # trailing comment\n    other: 1\n"
        );
    }

    #[test]
    fn fills_flow_mappings_and_empty_ones() {
        assert_eq!(
            set(
                "devices: {}\n",
                &["devices", "autoattachGraphicsDevice"],
                NewValue::Bool(false)
            ),
            "devices: {autoattachGraphicsDevice: false}\n"
        );
        assert_eq!(
            set(
                "devices: {disks: []}\n",
                &["devices", "autoattachGraphicsDevice"],
                NewValue::Bool(false)
            ),
            "devices: {disks: [], autoattachGraphicsDevice: false}\n"
        );
        assert_eq!(
            set(
                "devices: {disks: [a, {b: c}], x: {y: 1} }\n",
                &["devices", "z"],
                NewValue::Bool(false)
            ),
            "devices: {disks: [a, {b: c}], x: {y: 1}, z: false }\n"
        );
        assert_eq!(
            set(
                "spec: {domain: {devices: {}}}\n",
                &["spec", "domain", "resources", "a"],
                NewValue::Bool(true)
            ),
            "spec: {domain: {devices: {}, resources: {a: true}}}\n"
        );
    }

    #[test]
    fn json_gets_json() {
        let empty = "{\"spec\": {\"devices\": {}}}";
        assert_eq!(
            set(empty, &["spec", "devices", "x"], NewValue::Bool(false)),
            "{\"spec\": {\"devices\": {\"x\": false}}}"
        );
        let text = "{\n  \"spec\": {\n    \"domain\": {\"devices\": {}}\n  }\n}\n";
        let out = set(
            text,
            &["spec", "domain", "resources", "overcommitGuestOverhead"],
            NewValue::Bool(true),
        );
        assert_eq!(
            out,
            "{\n  \"spec\": {\n    \"domain\": {\"devices\": {}, \"resources\": {\"overcommitGuestOverhead\": true}}\n  }\n}\n"
        );
        assert!(serde_json::from_str::<serde_json::Value>(&out).is_ok());
    }

    #[test]
    fn empty_and_null_parents_get_children() {
        assert_eq!(
            set(
                "devices:\nnext: 1\n",
                &["devices", "x"],
                NewValue::Bool(false)
            ),
            "devices:\n  x: false\nnext: 1\n"
        );
        assert_eq!(
            set("devices: ~\n", &["devices", "x"], NewValue::Bool(false)),
            "devices: {x: false}\n"
        );
        assert_eq!(
            set("a:\n  b:", &["a", "b"], NewValue::Bool(true)),
            "a:\n  b: true"
        );
    }

    #[test]
    fn crlf_is_kept_for_inserted_lines() {
        let text = "a:\r\n  b: 1\r\n";
        assert_eq!(
            set(text, &["a", "c"], NewValue::Bool(true)),
            "a:\r\n  b: 1\r\n  c: true\r\n"
        );
    }

    #[test]
    fn a_missing_final_newline_is_handled() {
        assert_eq!(
            set("a:\n  b: 1", &["a", "c"], NewValue::Bool(true)),
            "a:\n  b: 1\n  c: true"
        );
    }

    #[test]
    fn setting_what_is_there_is_no_edit() {
        let text = "a:\n  b: yes\n";
        let Document::Parsed(Some(root)) = &parse_stream(text)[0] else {
            panic!()
        };
        assert_eq!(
            plan_set(text, root, &["a", "b"], &NewValue::Bool(true)).unwrap(),
            None
        );
    }

    #[test]
    fn refuses_to_descend_into_scalars() {
        let text = "a: 5\n";
        let Document::Parsed(Some(root)) = &parse_stream(text)[0] else {
            panic!()
        };
        assert!(matches!(
            plan_set(text, root, &["a", "b"], &NewValue::Bool(true)),
            Err(EditError::NotAMapping { .. })
        ));
    }

    #[test]
    fn two_fields_under_one_missing_mapping_create_it_once() {
        let text = "spec:\n  domain:\n    devices: {}\n";
        let change = |field: &[&str], value| FieldChange {
            document: 0,
            object: Vec::new(),
            field: field.iter().map(|s| s.to_string()).collect(),
            value,
        };
        let (out, edits) = apply_changes(
            text,
            &[
                change(
                    &["spec", "domain", "resources", "overcommitGuestOverhead"],
                    NewValue::Bool(true),
                ),
                change(
                    &["spec", "domain", "resources", "requests", "memory"],
                    NewValue::Text("1Gi".into()),
                ),
            ],
        )
        .unwrap();
        assert_eq!(edits, 2);
        assert_eq!(
            out,
            "spec:\n  domain:\n    devices: {}\n    resources:\n      overcommitGuestOverhead: true\n      requests:\n        memory: 1Gi\n"
        );
    }

    #[test]
    fn verify_rejects_unintended_changes() {
        let before = "a: 1\nb: 2\n";
        let after = "a: 1\nb: 3\n";
        assert!(verify(before, after, &[]).is_err());
        assert!(verify(before, "a: [\n", &[]).is_err());
    }
}
