//! Diagnostics: every problem found in content, as `path:line:col: message`.

use std::fmt;

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Diag {
    pub path: String,
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl fmt::Display for Diag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path, self.line, self.col, self.message
        )
    }
}

/// A loaded source file, kept so problems found after parsing can be located in it.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: String,
    pub text: String,
}

impl SourceFile {
    /// Line and column (1-based, in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let before = &self.text[..floor_char_boundary(&self.text, offset)];
        let line = 1 + before.matches('\n').count();
        let col = 1 + before.rsplit('\n').next().map_or(0, |s| s.chars().count());
        (line, col)
    }

    /// Byte offset of `"needle"` (quoted) at or after `from`, if any.
    pub fn find_quoted(&self, needle: &str, from: usize) -> Option<usize> {
        let quoted = format!("\"{needle}\"");
        let from = floor_char_boundary(&self.text, from.min(self.text.len()));
        self.text[from..].find(&quoted).map(|i| from + i)
    }

    /// Byte offset of the item whose `id` is `id` (the `id: "…"` field), if found.
    pub fn find_id(&self, id: &str) -> Option<usize> {
        self.find_id_from(id, 0)
    }

    /// Byte offset of the next item whose `id` is `id`, at or after `from`.
    pub fn find_id_from(&self, id: &str, mut from: usize) -> Option<usize> {
        while let Some(at) = self.find_quoted(id, from) {
            let head = self.text[..at].trim_end();
            if head.ends_with(':') && head[..head.len() - 1].trim_end().ends_with("id") {
                return Some(at);
            }
            from = at + 1;
        }
        None
    }

    /// Byte offset of the bare word `field:` at or after `from`.
    pub fn find_field(&self, field: &str, from: usize) -> Option<usize> {
        let from = floor_char_boundary(&self.text, from.min(self.text.len()));
        let pat = format!("{field}:");
        let mut start = from;
        while let Some(i) = self.text[start..].find(&pat) {
            let at = start + i;
            let prev = self.text[..at].chars().next_back();
            if !prev.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                return Some(at);
            }
            start = at + pat.len();
        }
        None
    }
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Collects problems for many files.
#[derive(Debug, Default)]
pub struct Diags {
    pub list: Vec<Diag>,
    pub warnings: Vec<Diag>,
}

impl Diags {
    /// Record a problem at a byte offset of a file.
    pub fn at(&mut self, file: &SourceFile, offset: usize, message: impl Into<String>) {
        let (line, col) = file.line_col(offset);
        self.list.push(Diag {
            path: file.path.clone(),
            line,
            col,
            message: message.into(),
        });
    }

    /// Record a problem at line 1, column 1 of a path (whole-file problems).
    pub fn file(&mut self, path: &str, message: impl Into<String>) {
        self.list.push(Diag {
            path: path.to_string(),
            line: 1,
            col: 1,
            message: message.into(),
        });
    }

    /// Record a warning at a byte offset of a file.
    pub fn warn(&mut self, file: &SourceFile, offset: usize, message: impl Into<String>) {
        let (line, col) = file.line_col(offset);
        self.warnings.push(Diag {
            path: file.path.clone(),
            line,
            col,
            message: message.into(),
        });
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}
