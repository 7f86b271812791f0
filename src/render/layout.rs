//! Laying text out for a terminal of a known width, without ever splitting a step id, a date
//! or an English word.
//!
//! Text breaks at spaces, and between two characters when one of them is not ASCII (Japanese
//! breaks between any two characters), except before closing punctuation (`、。）」`…) and
//! after opening brackets. A run of ASCII without spaces (`residence.register`,
//! `2026-10-19`, `(moving-in`) is never split: when it is wider than the line it stands alone
//! on its line and runs over.

use unicode_width::UnicodeWidthStr;

/// Characters that must not start a line.
const NO_BREAK_BEFORE: &str = "、。，．・：；？！ー）」』】〕〉》”’)]}.,;:!?%";
/// Characters that must not end a line.
const NO_BREAK_AFTER: &str = "（「『【〔〈《“‘([{";

/// Whether a line may break between `a` and `b` (neither a space).
fn can_break(a: char, b: char) -> bool {
    (!a.is_ascii() || !b.is_ascii()) && !NO_BREAK_BEFORE.contains(b) && !NO_BREAK_AFTER.contains(a)
}

/// The pieces of one line of text that are never split, each with the spaces before it
/// (kept where the line does not break there).
fn pieces(line: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut gap = String::new();
    let mut prev: Option<char> = None;
    for c in line.chars() {
        if c.is_whitespace() {
            gap.push(c);
            prev = None;
            continue;
        }
        match (prev, out.last_mut()) {
            (Some(p), Some((_, cur))) if !can_break(p, c) => cur.push(c),
            _ => {
                let before = if out.is_empty() {
                    String::new()
                } else {
                    std::mem::take(&mut gap)
                };
                out.push((before, c.to_string()));
                gap.clear();
            }
        }
        prev = Some(c);
    }
    out
}

/// The narrowest a cell can be laid out in without splitting a piece: its widest piece.
pub(crate) fn min_width(text: &str) -> usize {
    text.lines()
        .flat_map(pieces)
        .map(|(_, p)| p.width())
        .max()
        .unwrap_or(0)
}

/// `text` wrapped to `width` columns: the first line starts with `first`, the others with
/// `rest` (indents count in the width). Line breaks in `text` are kept.
pub(crate) fn wrap(text: &str, width: usize, first: &str, rest: &str) -> Vec<String> {
    let mut lines = Vec::new();
    for (i, source) in text.lines().enumerate() {
        let mut line = String::from(if i == 0 { first } else { rest });
        let mut used = line.width();
        let mut empty = true;
        for (gap, piece) in pieces(source) {
            let w = piece.width();
            if !empty && used + gap.width() + w > width {
                lines.push(std::mem::take(&mut line));
                line.push_str(rest);
                used = rest.width();
                empty = true;
            }
            if !empty {
                line.push_str(&gap);
                used += gap.width();
            }
            line.push_str(&piece);
            used += w;
            empty = false;
        }
        lines.push(line);
    }
    if lines.is_empty() {
        lines.push(first.to_string());
    }
    lines
}

/// Writes `text` wrapped to `width` (not wrapped when the width is unknown).
pub(crate) fn write_wrapped(
    out: &mut dyn std::io::Write,
    text: &str,
    width: Option<u16>,
    first: &str,
    rest: &str,
) -> std::io::Result<()> {
    if let Some(w) = width {
        for l in wrap(text, usize::from(w), first, rest) {
            writeln!(out, "{}", l.trim_end())?;
        }
        Ok(())
    } else {
        for (i, l) in text.lines().enumerate() {
            writeln!(out, "{}{l}", if i == 0 { first } else { rest })?;
        }
        if text.is_empty() {
            writeln!(out, "{first}")?;
        }
        Ok(())
    }
}

/// Whether a table whose columns are at least `mins` wide fits `width`, with the borders and
/// padding of the ASCII markdown style (`| a | b |`: three columns per column, plus one).
pub(crate) fn table_fits(mins: &[usize], width: u16) -> bool {
    mins.iter().sum::<usize>() + 3 * mins.len() < usize::from(width)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_dates_and_words_stay_whole() {
        let lines = wrap(
            "Join National Health Insurance insurance.nhi-enroll by 2026-10-19 (Mon)",
            12,
            "",
            "  ",
        );
        assert_eq!(
            lines,
            vec![
                "Join",
                "  National",
                "  Health",
                "  Insurance",
                "  insurance.nhi-enroll",
                "  by",
                "  2026-10-19",
                "  (Mon)"
            ]
        );
        for l in &lines {
            assert!(!l.ends_with('-'), "{l}");
        }
    }

    #[test]
    fn japanese_breaks_between_characters_but_not_before_closing_punctuation() {
        let lines = wrap("転入届（住居地の届出）をお願いします。", 10, "", "");
        for l in &lines {
            assert!(l.width() <= 10, "{l:?}");
            assert!(!l.starts_with('）') && !l.starts_with('。'), "{lines:?}");
            assert!(!l.ends_with('（'), "{lines:?}");
        }
        assert_eq!(lines.concat(), "転入届（住居地の届出）をお願いします。");
        // An id inside Japanese text stays whole.
        let lines = wrap("手続IDはresidence.registerです", 8, "", "");
        assert!(
            lines.iter().any(|l| l.contains("residence.register")),
            "{lines:?}"
        );
    }

    #[test]
    fn min_width_is_the_widest_piece() {
        assert_eq!(min_width("Register your address\nresidence.register"), 18);
        assert_eq!(min_width("2026-10-19 (Mon)"), 10);
        assert_eq!(min_width("回答が必要"), 2);
        assert_eq!(min_width("（住居"), 4);
        assert_eq!(min_width(""), 0);
    }

    #[test]
    fn fits() {
        assert!(table_fits(&[10, 10], 27));
        assert!(!table_fits(&[10, 10], 26));
    }
}
