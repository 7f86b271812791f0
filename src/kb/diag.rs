//! Located diagnostics: `file:line:column`, the source line and a caret under the right
//! character, also on lines with Japanese text (annotate-snippets measures display width; the
//! toml crate's own display and byte columns do not).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::ops::Range;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use crate::kb::messages::load as m;
use crate::kb::text::{Lang, Text};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub(crate) enum Severity {
    Error,
    Warning,
}

/// The words a report is written with, in one language. The tool's own sentences are worded
/// above the knowledge base (`wording::messages::diagnostic_words`); [`Words::plain`] is the
/// renderer's own English, for the knowledge base's own use.
pub(crate) struct Words {
    pub(crate) lang: Lang,
    /// Written before an error's, a warning's and a help's sentence in place of the renderer's
    /// own `error: `, `warning: ` and `help: `; `None` keeps those.
    pub(crate) error: Option<String>,
    pub(crate) warning: Option<String>,
    pub(crate) help: Option<String>,
}

impl Words {
    /// English, with the renderer's level names.
    pub(crate) fn plain() -> Words {
        Words {
            lang: Lang::En,
            error: None,
            warning: None,
            help: None,
        }
    }
}

/// The line after the first `shown` problems, when `more` are not listed.
fn more_problems(more: usize, shown: usize) -> Text {
    if more == 1 {
        m::one_more_problem(shown)
    } else {
        m::more_problems(more, shown)
    }
}

/// One problem found in a file the user (or a maintainer) wrote. The message and help are
/// [`Text`]: in English and Japanese when they come from the message catalogue; a plain
/// string reads the same in both.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct Diagnostic {
    pub(crate) severity: Severity,
    /// The file as the user named it.
    pub(crate) file: String,
    pub(crate) span: Option<Range<usize>>,
    pub(crate) message: Text,
    /// What was expected, or how to fix it.
    pub(crate) help: Option<Box<Text>>,
}

impl Diagnostic {
    pub(crate) fn error(file: &str, span: Option<Range<usize>>, message: impl Into<Text>) -> Self {
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
        message: impl Into<Text>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, span, message)
        }
    }

    pub(crate) fn with_help(mut self, help: impl Into<Text>) -> Self {
        self.help = Some(Box::new(help.into()));
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

    /// Renders the diagnostic with its source line and caret, without colour, in English.
    #[cfg(test)]
    pub(crate) fn render(&self, source: Option<&str>) -> String {
        match source {
            Some(src) => self.render_indexed(Some((src, &LineIndex::new(src))), &Words::plain()),
            None => self.render_indexed(None, &Words::plain()),
        }
    }

    /// Renders against a file whose line starts are already known: only the lines the span
    /// touches are handed to the renderer, so the cost does not grow with the file.
    /// The level is named by `words` when it has a name for it (`エラー：`, with full-width
    /// punctuation), else by the renderer (`error: `).
    pub(crate) fn render_indexed(
        &self,
        source: Option<(&str, &LineIndex)>,
        words: &Words,
    ) -> String {
        let lang = words.lang;
        let (level, prefix) = match self.severity {
            Severity::Error => (Level::ERROR, &words.error),
            Severity::Warning => (Level::WARNING, &words.warning),
        };
        let message = self.message.get(lang);
        let title = match prefix {
            Some(p) => level.no_name().primary_title(format!("{p}{message}")),
            None => level.primary_title(message),
        };
        let mut groups: Vec<Group<'_>> = Vec::new();
        match (&self.span, source) {
            (Some(span), Some((src, index))) if span.start <= src.len() => {
                let span = clamp(src, span.clone());
                let (first, lines) = index.lines_of(src, &span);
                let excerpt = src.get(lines.clone()).unwrap_or_default();
                let local = span.start - lines.start..span.end - lines.start;
                groups.push(
                    title.element(
                        Snippet::source(excerpt)
                            .line_start(first)
                            .path(self.file.as_str())
                            .annotation(AnnotationKind::Primary.span(local)),
                    ),
                );
            }
            _ => groups.push(
                Group::with_title(title)
                    .element(annotate_snippets::Origin::path(self.file.as_str())),
            ),
        }
        if let Some(help) = &self.help {
            let help = help.get(lang);
            let title = match &words.help {
                Some(p) => Level::HELP.no_name().secondary_title(format!("{p}{help}")),
                None => Level::HELP.secondary_title(help),
            };
            groups.push(Group::with_title(title));
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
/// Scans the text up to the offset: for one position. To locate many positions in one text,
/// index it once with [`LineIndex`].
pub(crate) fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(src.len());
    let before = src.get(..offset).unwrap_or(src);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
    (line, col)
}

/// Where each line of a text starts, computed once per file so that locating many
/// diagnostics in one file costs a binary search each, not a scan from the start.
#[derive(Debug, Clone)]
pub(crate) struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub(crate) fn new(src: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(
            src.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { starts }
    }

    /// 0-based index of the line holding `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1)
    }

    /// 1-based line and character column of a byte offset in `src` (the indexed text).
    pub(crate) fn line_col(&self, src: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(src.len());
        let line = self.line_of(offset);
        let start = self.starts.get(line).copied().unwrap_or(0);
        let col = src.get(start..offset).map_or(0, |s| s.chars().count()) + 1;
        (line + 1, col)
    }

    /// The 1-based number of the first line `span` touches and the byte range of the whole
    /// lines it covers (including the last one's line break).
    fn lines_of(&self, src: &str, span: &Range<usize>) -> (usize, Range<usize>) {
        let first = self.line_of(span.start);
        let last = self.line_of(span.end.max(span.start));
        let start = self.starts.get(first).copied().unwrap_or(0);
        let end = self.starts.get(last + 1).copied().unwrap_or(src.len());
        (first + 1, start..end.max(start))
    }
}

/// How many diagnostics of one error are shown; the rest are counted. A file of a hundred
/// thousand bad lines gets a readable report, and the time to write it does not grow with
/// the number of problems beyond counting them.
pub(crate) const MAX_SHOWN: usize = 50;

/// Renders many diagnostics, each with its file's text, errors first; at most
/// [`MAX_SHOWN`], then how many more there are.
pub(crate) fn render_all<'s>(
    diags: &[Diagnostic],
    source_of: impl Fn(&str) -> Option<&'s str>,
    words: &Words,
) -> String {
    let mut sorted: Vec<&Diagnostic> = diags.iter().collect();
    sorted.sort_by_key(|d| d.severity);
    render_list(&sorted, source_of, "\n", Some(MAX_SHOWN), words)
}

/// Renders `diags` in the order given, each followed by `separator`; with a `limit`, only
/// that many, then a line saying how many more there are. Each file's text is looked up and
/// its lines indexed once, and each diagnostic renders only the lines its span covers, so
/// the cost is linear in the size of the files plus the size of the report.
pub(crate) fn render_list<'s>(
    diags: &[&Diagnostic],
    source_of: impl Fn(&str) -> Option<&'s str>,
    separator: &str,
    limit: Option<usize>,
    words: &Words,
) -> String {
    let mut indexes: HashMap<&str, Option<(&'s str, LineIndex)>> = HashMap::new();
    let shown = limit.unwrap_or(diags.len()).min(diags.len());
    let mut out = String::new();
    for d in diags.iter().take(shown) {
        let entry = indexes
            .entry(d.file.as_str())
            .or_insert_with(|| source_of(&d.file).map(|src| (src, LineIndex::new(src))));
        let src = entry.as_ref().map(|(src, index)| (*src, index));
        out.push_str(&d.render_indexed(src, words));
        out.push_str(separator);
    }
    let more = diags.len() - shown;
    if more > 0 {
        let _ = writeln!(out, "{}", more_problems(more, shown).get(words.lang));
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

    #[test]
    fn the_line_index_agrees_with_a_scan_from_the_start() {
        let src = "a = 1\n\ntitle = \"転入届\"\r\nlast";
        let index = LineIndex::new(src);
        for offset in (0..=src.len() + 3).filter(|&o| o > src.len() || src.is_char_boundary(o)) {
            assert_eq!(
                index.line_col(src, offset),
                line_col(src, offset),
                "{offset}"
            );
        }
    }

    #[test]
    fn a_snippet_shows_its_line_with_its_number_far_into_a_file() {
        let src = (1..=1000).fold(String::new(), |mut s, i| {
            let _ = writeln!(s, "key_{i} = {i}");
            s
        });
        let off = src.find("key_700 ").unwrap_or(0);
        let d = Diagnostic::error("a.toml", Some(off..off + 7), "unknown fact");
        let out = d.render(Some(&src));
        assert!(out.contains("a.toml:700:1"), "{out}");
        assert!(out.contains("700 | key_700 = 700"), "{out}");
        assert!(
            !out.contains("key_699") && !out.contains("key_701"),
            "{out}"
        );
    }

    #[test]
    fn only_the_first_problems_are_shown_and_the_rest_counted() {
        let src = "x\n".repeat(60);
        let diags: Vec<Diagnostic> = (0..60)
            .map(|i| Diagnostic::error("a.toml", Some(2 * i..2 * i + 1), format!("problem {i}")))
            .collect();
        let out = render_all(&diags, |_| Some(src.as_str()), &Words::plain());
        assert!(
            out.contains("problem 49") && !out.contains("problem 50"),
            "{out}"
        );
        assert!(
            out.ends_with("... and 10 more problems not shown (only the first 50 are listed)\n"),
            "{out}"
        );
        let one = render_all(&diags[..1], |_| Some(src.as_str()), &Words::plain());
        assert!(!one.contains("more problem"), "{one}");
    }
}
