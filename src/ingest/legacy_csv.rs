//! The OFAC legacy CSV dialect: decoding and a strict record reader.
//!
//! OFAC's legacy files (sdn.csv, alt.csv, add.csv, sdn_comments.csv and the cons_* set) have no
//! header row, are ASCII or Latin-1 (in practice Windows-1252), use CRLF (the consolidated files
//! sometimes plain LF), write null as `-0- `, quote text fields with `"` (doubled inside), may
//! hold line breaks inside quoted fields, and end with a 0x1A (DOS end-of-file) byte.
//!
//! The `csv` crate is deliberately lenient about broken quoting (an unclosed quote silently
//! swallows the rest of the file, text after a closing quote is glued on), and OFAC files that
//! were cut short or mangled must be reported rather than half-read. So this reader is strict:
//! every error names the line where the bad record starts and says what to do.

use std::borrow::Cow;

use crate::error::{Error, Result};

/// One record (row) of a legacy CSV file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Record<'a> {
    /// 1-based line number where the record starts.
    pub line: usize,
    /// The fields, unquoted and unescaped but not trimmed.
    pub fields: Vec<Cow<'a, str>>,
}

/// The characters Windows-1252 puts at 0x80..=0x9F, where ISO 8859-1 has C1 controls. Bytes
/// that Windows-1252 leaves undefined map to the same code point, as the WHATWG `latin1`
/// decoder does.
const CP1252_HIGH: [char; 32] = [
    '\u{20AC}', '\u{0081}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{008D}', '\u{017D}', '\u{008F}',
    '\u{0090}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{009D}', '\u{017E}', '\u{0178}',
];

/// Decodes a legacy file to text: drops the trailing 0x1A byte(s) and a UTF-8 byte-order mark,
/// keeps the bytes as they are when they already are valid UTF-8, and otherwise reads them as
/// Latin-1 (Windows-1252).
pub(crate) fn decode(bytes: &[u8]) -> Cow<'_, str> {
    let mut end = bytes.len();
    while end > 0 && bytes[end - 1] == 0x1A {
        end -= 1;
    }
    let bytes = &bytes[..end];
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => Cow::Owned(bytes.iter().map(|&b| latin1_char(b)).collect()),
    }
}

fn latin1_char(b: u8) -> char {
    match b {
        0x80..=0x9F => CP1252_HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// The value of a field: trimmed, with OFAC's null marker `-0-` (and an empty field) as `None`.
pub(crate) fn value(field: &str) -> Option<&str> {
    let v = field.trim();
    if v.is_empty() || v == "-0-" {
        None
    } else {
        Some(v)
    }
}

/// Reads every record of `text`. `file` names the file in error messages. Blank lines are
/// skipped.
pub(crate) fn parse<'a>(text: &'a str, file: &str) -> Result<Vec<Record<'a>>> {
    let b = text.as_bytes();
    let mut records = Vec::new();
    let mut i = 0;
    let mut line = 1;
    while i < b.len() {
        if b[i] == b'\n' || b[i] == b'\r' {
            i = skip_newline(b, i);
            line += 1;
            continue;
        }
        let start_line = line;
        let mut fields = Vec::new();
        loop {
            let (field, next) = if b.get(i) == Some(&b'"') {
                quoted_field(text, i, &mut line, start_line, file)?
            } else {
                unquoted_field(text, i, line, file)?
            };
            fields.push(field);
            i = next;
            match b.get(i) {
                Some(b',') => i += 1,
                Some(b'\r') | Some(b'\n') => {
                    i = skip_newline(b, i);
                    line += 1;
                    break;
                }
                None => break,
                Some(_) => {
                    // Unreachable by construction: both field readers stop only at a delimiter.
                    return Err(Error::list(
                        format!("{file}:{line}"),
                        "unexpected character after a field; the file is damaged — download it again",
                    ));
                }
            }
        }
        records.push(Record {
            line: start_line,
            fields,
        });
    }
    Ok(records)
}

fn skip_newline(b: &[u8], i: usize) -> usize {
    if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
        i + 2
    } else {
        i + 1
    }
}

/// Reads an unquoted field starting at `i`; returns it and the index of the delimiter after it.
fn unquoted_field<'a>(
    text: &'a str,
    i: usize,
    line: usize,
    file: &str,
) -> Result<(Cow<'a, str>, usize)> {
    let b = text.as_bytes();
    let mut j = i;
    while j < b.len() && !matches!(b[j], b',' | b'\r' | b'\n') {
        if b[j] == b'"' {
            return Err(Error::list(
                format!("{file}:{line}"),
                "bad quoting: a double quote inside an unquoted field (fields that contain quotes \
                 must be quoted, with inner quotes doubled); the file is damaged or not an OFAC \
                 legacy CSV file — download it again",
            ));
        }
        j += 1;
    }
    Ok((Cow::Borrowed(&text[i..j]), j))
}

/// Reads a quoted field whose opening quote is at `i`; returns it and the index of the delimiter
/// after it. Advances `line` over line breaks inside the field.
fn quoted_field<'a>(
    text: &'a str,
    i: usize,
    line: &mut usize,
    start_line: usize,
    file: &str,
) -> Result<(Cow<'a, str>, usize)> {
    let b = text.as_bytes();
    let field_line = *line;
    let mut owned: Option<String> = None;
    let mut seg_start = i + 1;
    let mut j = i + 1;
    loop {
        let Some(off) = b[j..].iter().position(|&c| c == b'"' || c == b'\n') else {
            return Err(Error::list(
                format!("{file}:{start_line}"),
                "bad quoting: a quoted field that starts on this line is never closed (the file \
                 may be truncated); download it again",
            ));
        };
        j += off;
        if b[j] == b'\n' {
            *line += 1;
            j += 1;
            continue;
        }
        // A quote: either an escaped `""` or the closing quote.
        if b.get(j + 1) == Some(&b'"') {
            owned
                .get_or_insert_with(String::new)
                .push_str(&text[seg_start..=j]);
            j += 2;
            seg_start = j;
            continue;
        }
        let field = match owned {
            Some(mut s) => {
                s.push_str(&text[seg_start..j]);
                Cow::Owned(s)
            }
            None => Cow::Borrowed(&text[seg_start..j]),
        };
        j += 1;
        // Tolerate padding between the closing quote and the delimiter.
        while j < b.len() && matches!(b[j], b' ' | b'\t') {
            j += 1;
        }
        if j < b.len() && !matches!(b[j], b',' | b'\r' | b'\n') {
            return Err(Error::list(
                format!("{file}:{field_line}"),
                "bad quoting: a quoted field that starts on this line is followed by text after its \
                 closing quote (an unclosed quote, or a quote inside a quoted field that is not \
                 doubled); the file is damaged — download it again",
            ));
        }
        return Ok((field, j));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(text: &str) -> Vec<Vec<String>> {
        parse(text, "t.csv")
            .expect("parses")
            .into_iter()
            .map(|r| r.fields.into_iter().map(|f| f.into_owned()).collect())
            .collect()
    }

    #[test]
    fn reads_the_ofac_dialect() {
        let text = "36,\"AERO, S.A.\",-0- ,\"CUBA\"\r\n173,\"A \"\"B\"\" C\",-0- ,\"X] [Y\"\r\n";
        assert_eq!(
            fields(text),
            vec![
                vec!["36", "AERO, S.A.", "-0- ", "CUBA"],
                vec!["173", "A \"B\" C", "-0- ", "X] [Y"],
            ]
        );
    }

    #[test]
    fn newlines_inside_quotes_and_line_numbers() {
        let text = "1,\"a\r\nb\"\r\n\r\n2,\"c\"\n3,-0- ";
        let recs = parse(text, "t.csv").expect("parses");
        assert_eq!(recs.len(), 3);
        assert_eq!(recs[0].fields[1], "a\r\nb");
        assert_eq!(recs[0].line, 1);
        assert_eq!(recs[1].line, 4);
        assert_eq!(recs[2].line, 5);
        assert_eq!(value(&recs[2].fields[1]), None);
    }

    #[test]
    fn trailing_empty_field() {
        assert_eq!(fields("1,\n"), vec![vec!["1", ""]]);
    }

    #[test]
    fn unclosed_quote_is_an_error() {
        let err = parse("1,\"ok\"\r\n2,\"never closed\r\n3,\"x\"", "f.csv").expect_err("must fail");
        assert!(err.to_string().starts_with("f.csv:2: bad quoting"), "{err}");
        let err = parse("1,\"ok\"\r\n2,\"never closed", "f.csv").expect_err("must fail");
        assert!(
            err.to_string().starts_with(
                "f.csv:2: bad quoting: a quoted field that starts on this line is never closed"
            ),
            "{err}"
        );
    }

    #[test]
    fn text_after_closing_quote_is_an_error() {
        let err = parse("1,\"ab\"cd,3\r\n", "f.csv").expect_err("must fail");
        assert!(err.to_string().contains("f.csv:1: bad quoting"), "{err}");
        assert!(
            err.to_string().contains("text after its closing quote"),
            "{err}"
        );
    }

    #[test]
    fn stray_quote_is_an_error() {
        let err = parse("1,ab\"cd\r\n", "f.csv").expect_err("must fail");
        assert!(
            err.to_string()
                .contains("double quote inside an unquoted field"),
            "{err}"
        );
    }

    #[test]
    fn decodes_latin1_and_strips_eof_byte() {
        let bytes = b"1,\"JOS\xC9 \x93X\x94\"\r\n\x1A";
        let text = decode(bytes);
        assert_eq!(text, "1,\"JOS\u{c9} \u{201c}X\u{201d}\"\r\n");
        let utf8 = "1,\"JOSÉ\"\r\n\u{1a}".as_bytes();
        assert_eq!(decode(utf8), "1,\"JOSÉ\"\r\n");
    }
}
