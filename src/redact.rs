//! The one place where an Individual Number is kept from being shown.
//!
//! mynumber never needs an Individual Number, and refuses one where a value is read
//! ([`crate::engine::facts::parse_value`]). But a number can also reach a message by other
//! roads: a TOML parse error quotes the line it is on, an unknown key or step id is named, an
//! argument or environment variable is repeated. So every message for the person running the
//! tool (stderr, `profile show`, `profile path`) passes through [`redact`] on its way out, and the
//! functions here are the only way this crate writes to the terminal's streams outside a
//! command's product.
//!
//! What counts as "looks like an Individual Number": a run of at least 12 digits (ASCII or
//! full-width), where the digits may be grouped by spaces, hyphens, dashes or underscores (at
//! most three in a row between two digits). Dates (`2026-04-01`, 8 digits) and the call
//! centre's numbers (10 digits) are shorter; two dates are only joined into one run when
//! nothing but a space or hyphen separates them, which no message of this tool prints.
//!
//! Writing to a closed stream is not an error: a message nobody can read is dropped.

use std::borrow::Cow;
use std::io::Write;

/// What a redacted number is replaced with.
pub(crate) const MASK: &str = "[a 12-digit number, not shown]";

/// The fewest digits in a run that is masked.
const DIGITS: usize = 12;

/// The most separator characters allowed between two digits of one run.
const MAX_GAP: usize = 3;

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn is_separator(c: char) -> bool {
    matches!(
        c,
        ' ' | '-'
            | '_'
            | '\u{3000}' // ideographic space
            | '\u{2010}'
            ..='\u{2015}' // hyphens and dashes
            | '\u{2212}' // minus sign
            | '\u{30FC}' // katakana prolonged sound mark, typed for a dash
            | '\u{FF0D}' // full-width hyphen-minus
            | '\u{FF3F}' // full-width low line
    )
}

/// The byte ranges of `s` that look like an Individual Number, in order.
fn runs(s: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        if !is_digit(chars[i].1) {
            i += 1;
            continue;
        }
        // A run: digits, with gaps of up to MAX_GAP separators between them.
        let start = chars[i].0;
        let mut digits = 0;
        let mut last_digit = i;
        let mut j = i;
        while j < chars.len() {
            if is_digit(chars[j].1) {
                digits += 1;
                last_digit = j;
                j += 1;
                continue;
            }
            let mut k = j;
            while k < chars.len() && k - j < MAX_GAP && is_separator(chars[k].1) {
                k += 1;
            }
            if k > j && k < chars.len() && is_digit(chars[k].1) {
                j = k;
            } else {
                break;
            }
        }
        let end = chars[last_digit].0 + chars[last_digit].1.len_utf8();
        if digits >= DIGITS {
            out.push(start..end);
        }
        i = last_digit + 1;
    }
    out
}

/// True when `s` contains something that looks like an Individual Number.
pub fn contains_individual_number(s: &str) -> bool {
    !runs(s).is_empty()
}

/// `s` with everything that looks like an Individual Number replaced by [`MASK`].
pub(crate) fn redact(s: &str) -> Cow<'_, str> {
    let found = runs(s);
    if found.is_empty() {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut at = 0;
    for r in found {
        out.push_str(&s[at..r.start]);
        out.push_str(MASK);
        at = r.end;
    }
    out.push_str(&s[at..]);
    Cow::Owned(out)
}

/// True when a TOML value (or any key or value inside it) looks like an Individual Number.
pub(crate) fn toml_value_contains(v: &toml::Value) -> bool {
    match v {
        toml::Value::String(s) => contains_individual_number(s),
        toml::Value::Integer(i) => contains_individual_number(&i.to_string()),
        toml::Value::Float(f) => contains_individual_number(&f.to_string()),
        toml::Value::Array(a) => a.iter().any(toml_value_contains),
        toml::Value::Table(t) => t
            .iter()
            .any(|(k, v)| contains_individual_number(k) || toml_value_contains(v)),
        toml::Value::Boolean(_) | toml::Value::Datetime(_) => false,
    }
}

/// Writes a message to stderr, redacted; a closed or failing stderr drops it.
pub(crate) fn stderr(text: &str) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(redact(text).as_bytes());
    let _ = err.flush();
}

/// Writes text for the person (not a command's product) to stdout, redacted. A closed pipe is
/// not an error; another failure is returned.
pub(crate) fn stdout(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    match out
        .write_all(redact(text).as_bytes())
        .and_then(|()| out.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e),
        _ => Ok(()),
    }
}

/// `eprintln!`, redacted, never panicking on a closed stderr.
#[macro_export]
macro_rules! say {
    ($($arg:tt)*) => {{
        let mut s = format!($($arg)*);
        s.push('\n');
        $crate::redact::stderr(&s);
    }};
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_form_is_masked() {
        for form in [
            "123456789012",
            "1234 5678 9012",
            "1234-5678-9012",
            "1234_5678_9012",
            "１２３４５６７８９０１２",
            "１２３４－５６７８－９０１２",
            "1234\u{3000}5678\u{3000}9012",
            "1234 - 5678 - 9012",
            "0123456789012",
        ] {
            let s = format!("x = {form} and more");
            let r = redact(&s);
            assert_eq!(r, format!("x = {MASK} and more"), "{form}");
            assert!(contains_individual_number(form), "{form}");
        }
    }

    #[test]
    fn dates_and_short_numbers_are_left_alone() {
        for s in [
            "2026-04-01 is after today (2026-03-31)",
            "call 0120-95-0178",
            "p.toml:12:5: `moved_in`",
            "12345678901",
            "1234 5678    9012",
        ] {
            assert_eq!(redact(s), s);
            assert!(!contains_individual_number(s), "{s}");
        }
    }

    #[test]
    fn toml_values_are_searched_inside() {
        let t: toml::Table = toml::from_str("a = { b = [\"x 1234-5678-9012\"] }").unwrap();
        assert!(toml_value_contains(&toml::Value::Table(t)));
        assert!(toml_value_contains(&toml::Value::Integer(123_456_789_012)));
        assert!(!toml_value_contains(&toml::Value::Integer(20_261_122)));
    }
}
