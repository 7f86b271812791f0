//! Bilingual text. Every user-facing string of the knowledge base exists in English and
//! Japanese; the engine's own messages are built as [`Text`] too, so a renderer can show either
//! language, or both side by side (the printable page does).

use serde::{Deserialize, Serialize};

/// The language a person reads the plan in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Lang {
    #[default]
    En,
    Ja,
}

impl Lang {
    pub(crate) fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
        }
    }
}

/// Between names or short phrases: ", " in English, "、" in Japanese. The separators are
/// written here, once: the message catalogue re-exports them, and the knowledge base's
/// diagnostics (which may not import the catalogue) use them directly.
pub(crate) fn list_separator(lang: Lang) -> &'static str {
    match lang {
        Lang::En => ", ",
        Lang::Ja => "、",
    }
}

/// Between clauses of a list in running text: "; " in English, "、" in Japanese.
pub(crate) fn clause_separator(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "; ",
        Lang::Ja => "、",
    }
}

/// Between items that may hold commas of their own (the documents to bring): "; " in
/// English, "／" in Japanese.
pub(crate) fn item_separator(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "; ",
        Lang::Ja => "／",
    }
}

/// A text in English and Japanese: `{ en = "…", ja = "…" }` in the knowledge base.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Text {
    pub(crate) en: String,
    pub(crate) ja: String,
}

/// A sentence not (yet) in the message catalogue reads the same in both languages.
impl From<String> for Text {
    fn from(s: String) -> Text {
        Text {
            ja: s.clone(),
            en: s,
        }
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text::from(s.to_string())
    }
}

impl Text {
    pub(crate) fn new(en: impl Into<String>, ja: impl Into<String>) -> Text {
        Text {
            en: en.into(),
            ja: ja.into(),
        }
    }

    pub(crate) fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Ja => &self.ja,
        }
    }

    /// The names of the `{name}` placeholders, English first, as [`Text::fill_with`] finds
    /// them (without making the filled text).
    pub(crate) fn placeholders(&self) -> impl Iterator<Item = &str> {
        [self.en.as_str(), self.ja.as_str()]
            .into_iter()
            .flat_map(|s| Placeholders { rest: s })
    }

    /// Replaces each `{name}` placeholder with `lookup(name)`, in one pass; a name the lookup
    /// does not know is left as written. Only the names present are looked up.
    pub(crate) fn fill_with(&self, mut lookup: impl FnMut(&str) -> Option<String>) -> Text {
        Text {
            en: fill_one(&self.en, &mut lookup),
            ja: fill_one(&self.ja, &mut lookup),
        }
    }
}

/// The placeholders of one string, as `fill_one` finds them.
struct Placeholders<'a> {
    rest: &'a str,
}

impl<'a> Iterator for Placeholders<'a> {
    type Item = &'a str;
    fn next(&mut self) -> Option<&'a str> {
        while let Some(open) = self.rest.find('{') {
            let after = &self.rest[open + 1..];
            let name_len = after
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(after.len());
            if name_len > 0 && after[name_len..].starts_with('}') {
                self.rest = &after[name_len + 1..];
                return Some(&after[..name_len]);
            }
            self.rest = after;
        }
        None
    }
}

fn fill_one(s: &str, lookup: &mut impl FnMut(&str) -> Option<String>) -> String {
    if !s.contains('{') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 16);
    let mut rest = s;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let name_len = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(after.len());
        let value = (after[name_len..].starts_with('}') && name_len > 0)
            .then(|| lookup(&after[..name_len]))
            .flatten();
        if let Some(v) = value {
            out.push_str(&v);
            rest = &after[name_len + 1..];
        } else {
            out.push('{');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// Builds a [`Text`] from two `format!` templates: `text!("a {x}", "ア{x}")`, or with
/// arguments for each language: `text!(("{} days", n), ("{}日", n))`.
#[macro_export]
macro_rules! text {
    (($($en:tt)*), ($($ja:tt)*) $(,)?) => {
        $crate::kb::text::Text::new(format!($($en)*), format!($($ja)*))
    };
    ($en:expr, $ja:expr $(,)?) => {
        $crate::kb::text::Text::new(format!($en), format!($ja))
    };
}

/// A message around another message: each language of `inner` in the same language of
/// `outer` (`nest(&problem, |p| labelled(at, p))`).
pub(crate) fn nest(inner: &Text, outer: impl Fn(&str) -> Text) -> Text {
    Text::new(outer(&inner.en).en, outer(&inner.ja).ja)
}

/// A message whose arguments differ by language (a step's title, a day with its weekday):
/// each language's sentence made with that language's arguments.
pub(crate) fn per_lang(make: impl Fn(Lang) -> Text) -> Text {
    Text::new(make(Lang::En).en, make(Lang::Ja).ja)
}

/// Defines one function per message, and `ALL` (name, English, Japanese) for the tests. The
/// message catalogue is written with it: `wording::messages` (the tool's sentences) and
/// `kb::messages` (the knowledge base's diagnostics, which the knowledge base words itself, as
/// it may not import `wording`).
macro_rules! messages {
    ($( $(#[$doc:meta])* $name:ident ( $($arg:ident),* ) => $en:literal, $ja:literal; )*) => {
        $(
            $(#[$doc])*
            pub(crate) fn $name($($arg: impl std::fmt::Display),*) -> $crate::kb::text::Text {
                $crate::kb::text::Text::new(
                    format!($en $(, $arg = $arg)*),
                    format!($ja $(, $arg = $arg)*),
                )
            }
        )*
        /// Every message as written: (name, English, Japanese).
        #[cfg(test)]
        pub(crate) const ALL: &[(&str, &str, &str)] = &[$((stringify!($name), $en, $ja)),*];
    };
}
pub(crate) use messages;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_in_one_pass_and_unknown_ones_kept() {
        let t = Text::new(
            "ends {stay_expires}, not {x} or {not closed",
            "{stay_expires}に満了",
        );
        let f = t.fill_with(|k| (k == "stay_expires").then(|| "2028-03-31".to_string()));
        assert_eq!(f.en, "ends 2028-03-31, not {x} or {not closed");
        assert_eq!(f.ja, "2028-03-31に満了");
        // A value that itself looks like a placeholder is not filled again.
        let g = Text::new("{a}", "{a}").fill_with(|_| Some("{a}".into()));
        assert_eq!(g.en, "{a}");
    }

    #[test]
    fn placeholders_are_the_names_fill_with_looks_up() {
        let t = Text::new(
            "ends {stay_expires}, not {x} or {not closed {{y}} {}",
            "{stay_expires}に満了{z}",
        );
        let mut asked = Vec::new();
        t.fill_with(|k| {
            asked.push(k.to_string());
            None
        });
        let found: Vec<&str> = t.placeholders().collect();
        assert_eq!(found, asked);
        assert_eq!(found, ["stay_expires", "x", "y", "stay_expires", "z"]);
    }
}
