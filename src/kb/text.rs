//! Bilingual text. Every user-facing string of the knowledge base exists in English and
//! Japanese; the engine's own messages are built as [`Text`] too, so a renderer can show either
//! language, or both side by side (the printable page does).

use serde::{Deserialize, Serialize};

/// The language a person reads the plan in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Ja,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
        }
    }
}

/// A text in English and Japanese: `{ en = "…", ja = "…" }` in the knowledge base.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub en: String,
    pub ja: String,
}

impl Text {
    pub fn new(en: impl Into<String>, ja: impl Into<String>) -> Text {
        Text {
            en: en.into(),
            ja: ja.into(),
        }
    }

    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Ja => &self.ja,
        }
    }

    /// Replaces `{name}` placeholders in both languages.
    pub fn fill(&self, vars: &[(&str, String)]) -> Text {
        let sub = |s: &str| {
            let mut out = s.to_string();
            for (k, v) in vars {
                out = out.replace(&format!("{{{k}}}"), v);
            }
            out
        };
        Text {
            en: sub(&self.en),
            ja: sub(&self.ja),
        }
    }
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
