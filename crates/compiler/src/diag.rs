//! Diagnostics: one per problem, printed as `file:line:col: message`.

use std::fmt;
use std::path::{Path, PathBuf};

/// An error (or warning) found in a content file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: PathBuf,
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl Diagnostic {
    /// Another message at the same place.
    pub fn at(&self, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            message: message.into(),
            ..self.clone()
        }
    }
}

/// Control characters (line breaks, tabs, terminal escapes) written as escapes: messages quote what authors
/// wrote, and one diagnostic must stay one line of plain text.
fn escape_controls(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control() {
            out.extend(c.escape_debug());
        } else {
            out.push(c);
        }
    }
    out
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            escape_controls(&self.file.display().to_string()),
            self.line,
            self.col,
            escape_controls(&self.message)
        )
    }
}

/// Turns byte offsets of one source file into 1-based line and column (columns count characters).
pub struct SourceFile<'a> {
    pub path: &'a Path,
    pub text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> SourceFile<'a> {
    pub fn new(path: &'a Path, text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Self {
            path,
            text,
            line_starts,
        }
    }

    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let col = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count())
            + 1;
        (line + 1, col)
    }

    pub fn error(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        let (line, col) = self.line_col(offset);
        Diagnostic {
            file: self.path.to_path_buf(),
            line,
            col,
            message: message.into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_chars() {
        let p = Path::new("x.html");
        let f = SourceFile::new(p, "ab\nc—d\n");
        assert_eq!(f.line_col(0), (1, 1));
        assert_eq!(f.line_col(3), (2, 1));
        assert_eq!(f.line_col(7), (2, 3));
        assert_eq!(f.error(3, "boom").to_string(), "x.html:2:1: boom");
    }

    #[test]
    fn one_diagnostic_is_one_line_of_plain_text() {
        let p = Path::new("a\nb.html");
        let d = SourceFile::new(p, "x").error(0, "class `a\nb\r\u{1b}[31m\u{85}` — ok");
        assert_eq!(
            d.to_string(),
            "a\\nb.html:1:1: class `a\\nb\\r\\u{1b}[31m\\u{85}` — ok"
        );
    }
}
