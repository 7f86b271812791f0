//! The plain prompts (under `NO_COLOR`, and the confirmations): dialoguer's plain theme with
//! its words and punctuation from the message catalogue. In English it writes exactly what
//! `SimpleTheme` writes (`prompt: `, `error: …`, `[y/N]`); in Japanese a prompt ends with `：`,
//! an error starts with `エラー：` and the brackets are full-width. Only the methods whose text
//! differs are written here; the others (list entries, the fuzzy search line) keep dialoguer's.

use std::fmt;

use dialoguer::theme::Theme;

use crate::kb::text::Lang;
use crate::wording::messages;

/// The plain theme in one language.
pub(crate) struct Plain {
    pub(crate) lang: Lang,
}

impl Theme for Plain {
    fn format_prompt(&self, f: &mut dyn fmt::Write, prompt: &str) -> fmt::Result {
        f.write_str(messages::prompt(prompt).get(self.lang))
    }

    fn format_error(&self, f: &mut dyn fmt::Write, err: &str) -> fmt::Result {
        write!(f, "{}{err}", messages::error_prefix().get(self.lang))
    }

    fn format_confirm_prompt(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        default: Option<bool>,
    ) -> fmt::Result {
        if !prompt.is_empty() {
            write!(f, "{prompt} ")?;
        }
        let keys = match default {
            None => messages::confirm_keys(),
            Some(true) => messages::confirm_keys_yes(),
            Some(false) => messages::confirm_keys_no(),
        };
        f.write_str(keys.get(self.lang))
    }

    fn format_confirm_prompt_selection(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        selection: Option<bool>,
    ) -> fmt::Result {
        let answer = selection.map(|yes| if yes { messages::yes() } else { messages::no() });
        match (answer, prompt.is_empty()) {
            (Some(answer), true) => f.write_str(answer.get(self.lang)),
            (Some(answer), false) => write!(f, "{prompt} {}", answer.get(self.lang)),
            (None, _) => f.write_str(prompt),
        }
    }

    fn format_input_prompt(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        default: Option<&str>,
    ) -> fmt::Result {
        let text = match default {
            Some(default) if prompt.is_empty() => messages::input_default(default),
            Some(default) => messages::input_prompt_default(prompt, default),
            None => messages::input_prompt(prompt),
        };
        f.write_str(text.get(self.lang))
    }

    fn format_input_prompt_selection(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        sel: &str,
    ) -> fmt::Result {
        f.write_str(messages::prompt_answered(prompt, sel).get(self.lang))
    }
}

#[cfg(test)]
mod tests {
    use dialoguer::theme::{ColorfulTheme, SimpleTheme};

    use super::*;

    /// Everything the interview and the confirmations ask a theme to write, for one prompt.
    fn rendered(theme: &dyn Theme, prompt: &str) -> Vec<String> {
        type Format<'a> = Box<dyn Fn(&mut String) -> fmt::Result + 'a>;
        let formats: Vec<Format<'_>> = vec![
            Box::new(|f| theme.format_prompt(f, prompt)),
            Box::new(|f| theme.format_select_prompt(f, prompt)),
            Box::new(|f| theme.format_select_prompt_selection(f, prompt, "2026-11-01")),
            Box::new(|f| theme.format_input_prompt(f, prompt, None)),
            Box::new(|f| theme.format_input_prompt(f, prompt, Some("2026-11-01"))),
            Box::new(|f| theme.format_input_prompt_selection(f, prompt, "2026-11-01")),
            Box::new(|f| theme.format_error(f, "日付ではありません。")),
            Box::new(|f| theme.format_fuzzy_select_prompt(f, prompt, "", 0)),
            Box::new(|f| theme.format_confirm_prompt(f, prompt, None)),
            Box::new(|f| theme.format_confirm_prompt(f, prompt, Some(true))),
            Box::new(|f| theme.format_confirm_prompt(f, prompt, Some(false))),
            Box::new(|f| theme.format_confirm_prompt_selection(f, prompt, None)),
            Box::new(|f| theme.format_confirm_prompt_selection(f, prompt, Some(true))),
            Box::new(|f| theme.format_confirm_prompt_selection(f, prompt, Some(false))),
        ];
        formats
            .iter()
            .map(|format| {
                let mut out = String::new();
                format(&mut out).unwrap();
                out
            })
            .collect()
    }

    #[test]
    fn in_english_the_plain_theme_writes_what_dialoguer_s_simple_theme_writes() {
        let ours = Plain { lang: Lang::En };
        for prompt in ["When did you land in Japan?", ""] {
            assert_eq!(rendered(&ours, prompt), rendered(&SimpleTheme, prompt));
        }
    }

    #[test]
    fn in_japanese_the_plain_theme_uses_full_width_punctuation_and_japanese_words() {
        let ours = Plain { lang: Lang::Ja };
        let prompt = "日本に入国した日は？";
        let out = rendered(&ours, prompt);
        assert_eq!(out[0], "日本に入国した日は？：");
        assert_eq!(out[2], "日本に入国した日は？：2026-11-01");
        assert_eq!(out[3], "日本に入国した日は？：");
        assert_eq!(out[4], "日本に入国した日は？［2026-11-01］：");
        assert_eq!(out[6], "エラー：日付ではありません。");
        assert_eq!(out[10], "日本に入国した日は？ （y／n、Enterで「いいえ」）");
        assert_eq!(out[13], "日本に入国した日は？ いいえ");
        for line in &out {
            assert!(
                !line.contains(':') && !line.contains('[') && !line.contains("error"),
                "{line}"
            );
        }
        let bare = rendered(&ours, "");
        assert_eq!(bare[4], "［2026-11-01］：");
        assert_eq!(bare[12], "はい");
    }

    /// The colourful theme (used unless `NO_COLOR`) has symbols where the plain one has words:
    /// nothing it writes around a Japanese prompt is English, as long as the interview uses
    /// lists and typed dates (its confirmation would say `(y/n)` and `yes`, so confirmations use
    /// the plain theme).
    #[test]
    fn the_colourful_theme_adds_no_english_word_to_the_interview() {
        let theme = ColorfulTheme::default();
        let out = rendered(&theme, "日本に入国した日は？");
        // Lists and typed dates: the prompts, the answers and the errors.
        for line in &out[..8] {
            let plain = dialoguer::console::strip_ansi_codes(line);
            let letters: String = plain
                .replace("2026-11-01", "")
                .chars()
                .filter(char::is_ascii_alphabetic)
                .collect();
            assert!(letters.is_empty(), "{letters:?} in {plain:?}");
        }
    }
}
