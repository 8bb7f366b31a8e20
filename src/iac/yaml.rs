//! A YAML (and JSON: YAML 1.2 reads it too) document as a small tree whose every node knows
//! its line and column, built from `saphyr-parser`'s events. Mappings keep every key in file
//! order, repeats included, so the parser can report a duplicate key instead of losing it.
//! Aliases and custom tags are refused (a robots file has no use for them, and expanding
//! aliases is the classic way to make a small file huge).

use super::problem::{Pos, Problem};
use saphyr_parser::{Event, Parser, ScalarStyle, Span};

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A scalar's text; `plain` when unquoted and untagged (then `123`, `true`, `null` are
    /// numbers, booleans and null, not text).
    Scalar {
        text: String,
        plain: bool,
    },
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub pos: Pos,
    pub value: Value,
}

/// How deep collections may nest (a robots file needs 4).
pub const MAX_DEPTH: usize = 32;

fn pos(span: &Span) -> Pos {
    Pos {
        line: span.start.line(),
        column: span.start.col() + 1,
    }
}

enum Frame {
    Seq(Pos, Vec<Node>),
    Map(Pos, Vec<(Node, Node)>, Option<Node>),
}

fn syntax(p: Pos, message: impl Into<String>) -> Problem {
    Problem::new(p, "", message)
}

/// Parses one document. `Ok(None)`: the text holds no document (empty, or comments only).
pub fn load(text: &str) -> Result<Option<Node>, Problem> {
    let mut stack: Vec<Frame> = Vec::new();
    let mut root: Option<Node> = None;
    let mut documents = 0;
    for event in Parser::new_from_str(text) {
        let (event, span) = event.map_err(|e| {
            syntax(
                Pos {
                    line: e.marker().line(),
                    column: e.marker().col() + 1,
                },
                format!("YAML syntax: {}.", e.info()),
            )
        })?;
        let at = pos(&span);
        let done = match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return Err(syntax(
                        at,
                        "A robots file holds one document; remove the second one (after `---`).",
                    ));
                }
                None
            }
            Event::Alias(_) => {
                return Err(syntax(
                    at,
                    "YAML aliases (*name) are not supported in robots files; write the value out.",
                ))
            }
            Event::Scalar(v, style, _anchor, tag) => {
                let plain = match tag {
                    None => style == ScalarStyle::Plain,
                    Some(t) if t.handle == "tag:yaml.org,2002:" || t.handle == "!!" => {
                        if t.suffix != "str" {
                            return Err(syntax(at, format!("YAML tags like !!{} are not supported; write the value without a tag.", t.suffix)));
                        }
                        false
                    }
                    Some(t) => {
                        return Err(syntax(
                            at,
                            format!(
                            "YAML tags like {}{} are not supported; write the value without a tag.",
                            t.handle, t.suffix
                        ),
                        ))
                    }
                };
                Some(Node {
                    pos: at,
                    value: Value::Scalar {
                        text: v.into_owned(),
                        plain,
                    },
                })
            }
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(syntax(
                        at,
                        format!("The file nests deeper than {MAX_DEPTH} levels."),
                    ));
                }
                stack.push(if matches!(event, Event::SequenceStart(..)) {
                    Frame::Seq(at, Vec::new())
                } else {
                    Frame::Map(at, Vec::new(), None)
                });
                None
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(Frame::Seq(p, items)) => Some(Node {
                    pos: p,
                    value: Value::Seq(items),
                }),
                Some(Frame::Map(p, entries, _)) => Some(Node {
                    pos: p,
                    value: Value::Map(entries),
                }),
                None => None,
            },
            _ => None,
        };
        if let Some(node) = done {
            match stack.last_mut() {
                None => root = Some(node),
                Some(Frame::Seq(_, items)) => items.push(node),
                Some(Frame::Map(_, entries, key)) => match key.take() {
                    None => *key = Some(node),
                    Some(k) => entries.push((k, node)),
                },
            }
        }
    }
    Ok(root)
}

/// A plain scalar that YAML's core schema reads as something other than text.
pub fn plain_kind(text: &str) -> Option<&'static str> {
    let t = text;
    if matches!(t, "" | "~" | "null" | "Null" | "NULL") {
        return Some("null");
    }
    if matches!(t, "true" | "True" | "TRUE" | "false" | "False" | "FALSE") {
        return Some("a boolean");
    }
    let digits = |s: &str, radix: u32| !s.is_empty() && s.chars().all(|c| c.is_digit(radix));
    let unsigned = t.strip_prefix(['-', '+']).unwrap_or(t);
    if digits(unsigned, 10)
        || t.strip_prefix("0o").is_some_and(|s| digits(s, 8))
        || t.strip_prefix("0x").is_some_and(|s| digits(s, 16))
    {
        return Some("a number");
    }
    if matches!(unsigned, ".inf" | ".Inf" | ".INF") || matches!(t, ".nan" | ".NaN" | ".NAN") {
        return Some("a number");
    }
    // [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
    let (mantissa, exp) = match unsigned.find(['e', 'E']) {
        Some(i) => (&unsigned[..i], Some(&unsigned[i + 1..])),
        None => (unsigned, None),
    };
    let mantissa_ok = match mantissa.split_once('.') {
        Some(("", frac)) => digits(frac, 10),
        Some((int, frac)) => digits(int, 10) && (frac.is_empty() || digits(frac, 10)),
        None => digits(mantissa, 10),
    };
    let exp_ok = exp.is_none_or(|e| digits(e.strip_prefix(['-', '+']).unwrap_or(e), 10));
    (mantissa_ok && exp_ok).then_some("a number")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(n: &Node) -> &str {
        match &n.value {
            Value::Scalar { text, .. } => text,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn nodes_carry_their_line_and_column_and_keep_repeated_keys() {
        let doc = load("a: 1\nb:\n  - x\n  - 'y'\na: 2\n").unwrap().unwrap();
        let Value::Map(entries) = &doc.value else {
            panic!()
        };
        assert_eq!(entries.len(), 3);
        assert_eq!(text(&entries[2].0), "a");
        assert_eq!(entries[2].0.pos, Pos { line: 5, column: 1 });
        let Value::Seq(items) = &entries[1].1.value else {
            panic!()
        };
        assert_eq!(items[1].pos, Pos { line: 4, column: 5 });
        assert_eq!(
            items[1].value,
            Value::Scalar {
                text: "y".into(),
                plain: false
            }
        );
    }

    #[test]
    fn json_reads_as_yaml_with_positions() {
        let doc = load("{\n  \"version\": 1,\n  \"robots\": [{\"name\": \"bot\"}]\n}")
            .unwrap()
            .unwrap();
        let Value::Map(entries) = &doc.value else {
            panic!()
        };
        assert_eq!(text(&entries[0].0), "version");
        assert_eq!(entries[0].0.pos, Pos { line: 2, column: 3 });
        assert_eq!(
            entries[0].1.value,
            Value::Scalar {
                text: "1".into(),
                plain: true
            }
        );
    }

    #[test]
    fn syntax_errors_aliases_and_second_documents_are_refused_with_their_place() {
        let e = load("a: [1, 2\nb: 3\n").unwrap_err();
        assert!(e.message.starts_with("YAML syntax: "), "{e}");
        assert!(e.line >= 1);
        let e = load("a: &x 1\nb: *x\n").unwrap_err();
        assert_eq!((e.line, e.column), (2, 4));
        assert!(e.message.contains("aliases"));
        let e = load("a: 1\n---\nb: 2\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(load("# nothing\n").unwrap().is_none());
        assert!(load(&"[".repeat(100)).is_err());
    }

    #[test]
    fn plain_scalars_that_are_not_text_are_recognised() {
        for (s, k) in [
            ("", "null"),
            ("~", "null"),
            ("true", "a boolean"),
            ("123", "a number"),
            ("-1.5e3", "a number"),
            ("0x1F", "a number"),
            (".5", "a number"),
        ] {
            assert_eq!(plain_kind(s), Some(k), "{s}");
        }
        for s in [
            "billing",
            "1.2.3",
            "v1",
            "yes",
            "on",
            "e5",
            "1e",
            "api-server",
        ] {
            assert_eq!(plain_kind(s), None, "{s}");
        }
    }
}
