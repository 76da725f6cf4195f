//! Label and field selectors with the grammar of `k8s.io/apimachinery/pkg/labels` and
//! `.../fields`: `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x)`, `a`, `!a`, `a>1`, `a<1`,
//! comma-separated; field selectors `f=v`, `f==v`, `f!=v` with `\` escapes.

use std::collections::BTreeMap;

use serde_json::Value;

/// One label requirement.
#[derive(Debug, Clone, PartialEq)]
pub enum Requirement {
    Equals(String, String),
    NotEquals(String, String),
    In(String, Vec<String>),
    NotIn(String, Vec<String>),
    Exists(String),
    DoesNotExist(String),
    Gt(String, i64),
    Lt(String, i64),
}

/// A parsed label selector; empty matches everything.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LabelSelector(pub Vec<Requirement>);

#[derive(Debug, PartialEq, Clone)]
enum Tok {
    Ident(String),
    Not,
    Eq,
    DoubleEq,
    NotEq,
    Gt,
    Lt,
    Comma,
    Open,
    Close,
}

fn tokenize(text: &str) -> Result<Vec<Tok>, String> {
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            ' ' | '\t' | '\n' | '\r' => i += 1,
            ',' => {
                out.push(Tok::Comma);
                i += 1;
            }
            '(' => {
                out.push(Tok::Open);
                i += 1;
            }
            ')' => {
                out.push(Tok::Close);
                i += 1;
            }
            '>' => {
                out.push(Tok::Gt);
                i += 1;
            }
            '<' => {
                out.push(Tok::Lt);
                i += 1;
            }
            '!' if chars.get(i + 1) == Some(&'=') => {
                out.push(Tok::NotEq);
                i += 2;
            }
            '!' => {
                out.push(Tok::Not);
                i += 1;
            }
            '=' if chars.get(i + 1) == Some(&'=') => {
                out.push(Tok::DoubleEq);
                i += 2;
            }
            '=' => {
                out.push(Tok::Eq);
                i += 1;
            }
            _ => {
                let start = i;
                while i < chars.len() && !" \t\n\r,()<>!=".contains(chars[i]) {
                    i += 1;
                }
                out.push(Tok::Ident(chars[start..i].iter().collect()));
            }
        }
    }
    Ok(out)
}

fn valid_key(key: &str) -> bool {
    let (prefix, name) = match key.rsplit_once('/') {
        Some((p, n)) => (Some(p), n),
        None => (None, key),
    };
    let name_ok = !name.is_empty()
        && name.len() <= 63
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
        && name.starts_with(|c: char| c.is_ascii_alphanumeric())
        && name.ends_with(|c: char| c.is_ascii_alphanumeric());
    let prefix_ok = prefix.is_none_or(|p| {
        !p.is_empty()
            && p.len() <= 253
            && p.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-.".contains(c))
    });
    name_ok && prefix_ok
}

fn valid_value(value: &str) -> bool {
    value.is_empty()
        || (value.len() <= 63
            && value
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
            && value.starts_with(|c: char| c.is_ascii_alphanumeric())
            && value.ends_with(|c: char| c.is_ascii_alphanumeric()))
}

impl LabelSelector {
    /// Parses a selector; the error reads like the API server's.
    pub fn parse(text: &str) -> Result<LabelSelector, String> {
        let toks = tokenize(text)?;
        let mut reqs = Vec::new();
        let mut i = 0;
        let err = |msg: String| Err(format!("unable to parse requirement: {msg}"));
        while i < toks.len() {
            let negated = toks[i] == Tok::Not;
            if negated {
                i += 1;
            }
            let Some(Tok::Ident(key)) = toks.get(i).cloned() else {
                return err(format!(
                    "found '{}', expected: identifier",
                    describe(toks.get(i))
                ));
            };
            if !valid_key(&key) {
                return err(format!("invalid label key {key:?}"));
            }
            i += 1;
            if negated {
                reqs.push(Requirement::DoesNotExist(key));
            } else {
                match toks.get(i) {
                    None | Some(Tok::Comma) => reqs.push(Requirement::Exists(key)),
                    Some(Tok::Eq | Tok::DoubleEq | Tok::NotEq) => {
                        let op = toks[i].clone();
                        i += 1;
                        let value = match toks.get(i) {
                            Some(Tok::Ident(v)) => {
                                i += 1;
                                v.clone()
                            }
                            None | Some(Tok::Comma) => String::new(),
                            other => {
                                return err(format!(
                                    "found '{}', expected: identifier",
                                    describe(other)
                                ));
                            }
                        };
                        if !valid_value(&value) {
                            return err(format!("invalid label value {value:?}"));
                        }
                        reqs.push(if op == Tok::NotEq {
                            Requirement::NotEquals(key, value)
                        } else {
                            Requirement::Equals(key, value)
                        });
                    }
                    Some(Tok::Gt | Tok::Lt) => {
                        let gt = toks[i] == Tok::Gt;
                        i += 1;
                        let Some(Tok::Ident(v)) = toks.get(i) else {
                            return err("expected an integer after > or <".into());
                        };
                        let n: i64 = v.parse().map_err(|_| {
                            format!("unable to parse requirement: {v:?} is not an integer")
                        })?;
                        i += 1;
                        reqs.push(if gt {
                            Requirement::Gt(key, n)
                        } else {
                            Requirement::Lt(key, n)
                        });
                    }
                    Some(Tok::Ident(op)) if op == "in" || op == "notin" => {
                        let notin = op == "notin";
                        i += 1;
                        if toks.get(i) != Some(&Tok::Open) {
                            return err(format!(
                                "found '{}', expected: '('",
                                describe(toks.get(i))
                            ));
                        }
                        i += 1;
                        let mut values = Vec::new();
                        loop {
                            match toks.get(i) {
                                Some(Tok::Ident(v)) => {
                                    if !valid_value(v) {
                                        return err(format!("invalid label value {v:?}"));
                                    }
                                    values.push(v.clone());
                                    i += 1;
                                }
                                Some(Tok::Close) if values.is_empty() => {
                                    return err(
                                        "for 'in', 'notin' operators, values set can't be empty"
                                            .into(),
                                    );
                                }
                                other => {
                                    return err(format!(
                                        "found '{}', expected: identifier",
                                        describe(other)
                                    ));
                                }
                            }
                            match toks.get(i) {
                                Some(Tok::Comma) => i += 1,
                                Some(Tok::Close) => {
                                    i += 1;
                                    break;
                                }
                                other => {
                                    return err(format!(
                                        "found '{}', expected: ',' or ')'",
                                        describe(other)
                                    ));
                                }
                            }
                        }
                        reqs.push(if notin {
                            Requirement::NotIn(key, values)
                        } else {
                            Requirement::In(key, values)
                        });
                    }
                    other => {
                        return err(format!(
                            "found '{}', expected: in, notin, =, ==, !=, gt, lt",
                            describe(other)
                        ));
                    }
                }
            }
            match toks.get(i) {
                None => break,
                Some(Tok::Comma) => {
                    i += 1;
                    if i == toks.len() {
                        return err("found '', expected: identifier after ','".into());
                    }
                }
                other => return err(format!("found '{}', expected: ','", describe(other))),
            }
        }
        Ok(LabelSelector(reqs))
    }

    /// Whether an object's labels satisfy every requirement.
    pub fn matches(&self, labels: Option<&serde_json::Map<String, Value>>) -> bool {
        let get = |k: &str| labels.and_then(|l| l.get(k)).and_then(Value::as_str);
        self.0.iter().all(|r| match r {
            Requirement::Equals(k, v) => get(k) == Some(v.as_str()),
            Requirement::NotEquals(k, v) => get(k) != Some(v.as_str()),
            Requirement::In(k, vs) => get(k).is_some_and(|x| vs.iter().any(|v| v == x)),
            Requirement::NotIn(k, vs) => get(k).is_none_or(|x| vs.iter().all(|v| v != x)),
            Requirement::Exists(k) => get(k).is_some(),
            Requirement::DoesNotExist(k) => get(k).is_none(),
            Requirement::Gt(k, n) => get(k)
                .and_then(|x| x.parse::<i64>().ok())
                .is_some_and(|x| x > *n),
            Requirement::Lt(k, n) => get(k)
                .and_then(|x| x.parse::<i64>().ok())
                .is_some_and(|x| x < *n),
        })
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

fn describe(tok: Option<&Tok>) -> String {
    match tok {
        None => String::new(),
        Some(Tok::Ident(s)) => s.clone(),
        Some(Tok::Not) => "!".into(),
        Some(Tok::Eq) => "=".into(),
        Some(Tok::DoubleEq) => "==".into(),
        Some(Tok::NotEq) => "!=".into(),
        Some(Tok::Gt) => ">".into(),
        Some(Tok::Lt) => "<".into(),
        Some(Tok::Comma) => ",".into(),
        Some(Tok::Open) => "(".into(),
        Some(Tok::Close) => ")".into(),
    }
}

/// A parsed field selector: `(field, value, equal)` terms, all of which must hold.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FieldSelector(pub Vec<(String, String, bool)>);

impl FieldSelector {
    /// Parses a field selector, checking each field against `supported`.
    pub fn parse(text: &str, supported: &[&str]) -> Result<FieldSelector, String> {
        let mut terms = Vec::new();
        for part in split_unescaped(text, ',') {
            if part.is_empty() {
                continue;
            }
            let (field, value, equal) = if let Some((f, v)) = split_op(&part, "!=") {
                (f, v, false)
            } else if let Some((f, v)) = split_op(&part, "==") {
                (f, v, true)
            } else if let Some((f, v)) = split_op(&part, "=") {
                (f, v, true)
            } else {
                return Err(format!(
                    "invalid selector: '{text}'; can't understand '{part}'"
                ));
            };
            let field = field.trim().to_string();
            if !supported.contains(&field.as_str()) {
                return Err(format!("field label not supported: {field}"));
            }
            terms.push((field, unescape(&value), equal));
        }
        Ok(FieldSelector(terms))
    }

    /// Whether the object's fields satisfy every term. Field paths are dotted JSON paths.
    pub fn matches(&self, obj: &Value) -> bool {
        self.0.iter().all(|(field, value, equal)| {
            let mut cur = obj;
            for seg in field.split('.') {
                cur = cur.get(seg).unwrap_or(&Value::Null);
            }
            let actual = match cur {
                Value::String(s) => s.clone(),
                Value::Bool(b) => b.to_string(),
                Value::Number(n) => n.to_string(),
                Value::Null => match field.as_str() {
                    "spec.unschedulable" | "spec.hostNetwork" => "false".into(),
                    _ => String::new(),
                },
                other => other.to_string(),
            };
            (actual == *value) == *equal
        })
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

fn split_unescaped(text: &str, sep: char) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut escaped = false;
    for c in text.chars() {
        if escaped {
            out.last_mut().expect("non-empty").push('\\');
            out.last_mut().expect("non-empty").push(c);
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == sep {
            out.push(String::new());
        } else {
            out.last_mut().expect("non-empty").push(c);
        }
    }
    out
}

fn split_op(part: &str, op: &str) -> Option<(String, String)> {
    let bytes = part.as_bytes();
    let mut i = 0;
    while i + op.len() <= bytes.len() {
        if bytes[i] == b'\\' {
            i += 1;
            i += part[i..].chars().next().map_or(0, char::len_utf8);
            continue;
        }
        if part[i..].starts_with(op) {
            // `=` must not be the tail of `!=` or part of `==`.
            if op == "=" && (part[..i].ends_with('!') || part[i + 1..].starts_with('=')) {
                i += 1;
                continue;
            }
            return Some((part[..i].to_string(), part[i + op.len()..].to_string()));
        }
        i += part[i..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

fn unescape(value: &str) -> String {
    let mut out = String::new();
    let mut escaped = false;
    for c in value.chars() {
        if escaped || c != '\\' {
            out.push(c);
            escaped = false;
        } else {
            escaped = true;
        }
    }
    out
}

/// Labels of an object as a sorted map (for builders and tests).
pub fn labels_of(obj: &Value) -> BTreeMap<String, String> {
    obj.pointer("/metadata/labels")
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string())))
                .collect()
        })
        .unwrap_or_default()
}
