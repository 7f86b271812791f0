//! Located diagnostics: `file:line:column`, the source line and a caret under the right
//! character, also on lines with Japanese text (annotate-snippets measures display width; the
//! toml crate's own display and byte columns do not).

use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Severity {
    Error,
    Warning,
}

/// One problem found in a file the user (or a maintainer) wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Diagnostic {
    pub(crate) severity: Severity,
    /// The file as the user named it.
    pub(crate) file: String,
    pub(crate) span: Option<Range<usize>>,
    pub(crate) message: String,
    /// What was expected, or how to fix it.
    pub(crate) help: Option<String>,
}

impl Diagnostic {
    pub(crate) fn error(
        file: &str,
        span: Option<Range<usize>>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_string(),
            span,
            message: message.into(),
            help: None,
        }
    }

    pub(crate) fn warning(
        file: &str,
        span: Option<Range<usize>>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, span, message)
        }
    }

    pub(crate) fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// `file:line:column` (1-based, the column counted in characters).
    #[cfg(test)]
    pub(crate) fn location(&self, source: Option<&str>) -> String {
        match (&self.span, source) {
            (Some(span), Some(src)) => {
                let (line, col) = line_col(src, span.start);
                format!("{}:{line}:{col}", self.file)
            }
            _ => self.file.clone(),
        }
    }

    /// Renders the diagnostic with its source line and caret, without colour.
    pub(crate) fn render(&self, source: Option<&str>) -> String {
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let title = level.primary_title(self.message.as_str());
        let mut groups: Vec<Group<'_>> = Vec::new();
        match (&self.span, source) {
            (Some(span), Some(src)) if span.start <= src.len() => {
                let span = clamp(src, span.clone());
                groups.push(
                    title.element(
                        Snippet::source(src)
                            .path(self.file.as_str())
                            .annotation(AnnotationKind::Primary.span(span)),
                    ),
                );
            }
            _ => groups.push(
                Group::with_title(title)
                    .element(annotate_snippets::Origin::path(self.file.as_str())),
            ),
        }
        if let Some(help) = &self.help {
            groups.push(Group::with_title(
                Level::HELP.secondary_title(help.as_str()),
            ));
        }
        Renderer::plain().render(&groups).clone()
    }
}

/// Keeps a span inside the text and on character boundaries.
fn clamp(src: &str, span: Range<usize>) -> Range<usize> {
    let mut start = span.start.min(src.len());
    while !src.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = span.end.clamp(start, src.len());
    while !src.is_char_boundary(end) {
        end += 1;
    }
    start..end
}

/// 1-based line and character column of a byte offset.
pub(crate) fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(src.len());
    let before = src.get(..offset).unwrap_or(src);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
    (line, col)
}

/// Renders many diagnostics, each with its file's text, errors first.
pub(crate) fn render_all(
    diags: &[Diagnostic],
    source_of: impl Fn(&str) -> Option<String>,
) -> String {
    let mut sorted: Vec<&Diagnostic> = diags.iter().collect();
    sorted.sort_by_key(|d| d.severity);
    let mut out = String::new();
    for d in sorted {
        let src = source_of(&d.file);
        out.push_str(&d.render(src.as_deref()));
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let src = "a = 1\ntitle = { ja = \"転入届\", en = x }\n";
        let off = src.find('x').unwrap_or(0);
        assert_eq!(line_col(src, off), (2, 28));
    }

    #[test]
    fn caret_sits_under_the_character_after_japanese_text() {
        let src = "title = { ja = \"転入届\", en = x }\n";
        let off = src.find('x').unwrap_or(0);
        let d = Diagnostic::error("steps.toml", Some(off..off + 1), "expected a string");
        let out = d.render(Some(src));
        assert!(out.contains("steps.toml:1:28"), "{out}");
        let lines: Vec<&str> = out.lines().collect();
        let src_line = lines.iter().position(|l| l.contains("転入届")).unwrap_or(0);
        let caret_line = lines[src_line + 1];
        let caret_col =
            unicode_width::UnicodeWidthStr::width(&caret_line[..caret_line.find('^').unwrap_or(0)]);
        let x_col = unicode_width::UnicodeWidthStr::width(
            &lines[src_line][..lines[src_line].find('x').unwrap_or(0)],
        );
        assert_eq!(caret_col, x_col, "{out}");
    }
}
