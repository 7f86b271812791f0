//! One vocabulary: `glossary.toml` maps each official Japanese term the texts use to the one
//! English wording that stands for it, so "moving-in notice" is always 転入届 and never drifts
//! into 転居届, and 失効 is always "becomes invalid", never "lapses" or "is abolished".
//!
//! `kb check` reads every bilingual text (`{ en = "…", ja = "…" }`) of every file and warns when
//! the two languages of one text disagree with the glossary:
//! - the English uses a term's wording but the Japanese does not use its Japanese term;
//! - the Japanese uses a term but the English uses none of its wordings;
//! - the English uses a wording the glossary lists as one to avoid.
//!
//! English wordings match whole words, case-insensitively, with an optional plural `s`; a `…`
//! in a wording stands for a few words in between ("change … validity"). Japanese terms match as
//! written, so 国外転出届 also counts as 転出届, as "moving-out notice for leaving Japan" also
//! counts as "moving-out notice": nested terms are nested in both languages.

use serde::Deserialize;
use toml::de::{DeTable, DeValue};

use super::Kb;
use super::diag::Diagnostic;
use super::schema::{Name, Source};
use super::text::Text;
use crate::kb::messages::glossary as m;
use crate::kb::messages::validate as v;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct GlossaryFile {
    #[serde(default, rename = "term")]
    pub(crate) terms: Vec<GlossaryTerm>,
}

/// One official term: its Japanese, its English wordings (the first is the preferred one).
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct GlossaryTerm {
    pub(crate) ja: Name,
    pub(crate) en: Vec<String>,
    /// English wordings that must not stand for this term (and are used for nothing else).
    #[serde(default)]
    pub(crate) avoid: Vec<String>,
    /// Japanese wordings that must not stand for this term (一時停止 for 一時利用停止).
    #[serde(default)]
    pub(crate) avoid_ja: Vec<String>,
    /// Where the term is used officially.
    #[serde(default)]
    pub(crate) sources: Vec<Source>,
}

/// How far apart (in bytes) the parts of a wording with `…` may be.
const GAP: usize = 40;

/// One disagreement between a text's two languages and the glossary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Drift {
    /// The English uses `wording` of the term `ja`, the Japanese does not say `ja`; `instead`
    /// is a glossary term the Japanese uses whose English is absent (the likely mix-up).
    EnglishOnly {
        wording: String,
        ja: String,
        instead: Option<(String, String)>,
    },
    /// The Japanese says `ja`, the English none of its wordings (`preferred` is the first);
    /// `instead` is a wording of another term the English uses whose Japanese is absent.
    JapaneseOnly {
        ja: String,
        preferred: String,
        instead: Option<(String, String)>,
    },
    /// The English uses `wording`, which the glossary says to avoid for `ja`.
    Avoided {
        wording: String,
        preferred: String,
        ja: String,
    },
    /// The Japanese uses `wording`, which the glossary says to avoid: the term is `ja`.
    AvoidedJapanese { wording: String, ja: String },
}

impl Drift {
    /// Whether the problem is in the English (else in the Japanese).
    pub(crate) fn in_english(&self) -> bool {
        !matches!(
            self,
            Drift::EnglishOnly { .. } | Drift::AvoidedJapanese { .. }
        )
    }

    pub(crate) fn message(&self) -> Text {
        match self {
            Drift::EnglishOnly {
                wording,
                ja,
                instead: None,
            } => m::english_only(wording, ja),
            Drift::EnglishOnly {
                wording,
                ja,
                instead: Some((other, other_en)),
            } => m::english_only_mixup(wording, ja, other, other_en),
            Drift::JapaneseOnly {
                ja,
                preferred,
                instead: None,
            } => m::japanese_only(ja, preferred),
            Drift::JapaneseOnly {
                ja,
                preferred,
                instead: Some((other, other_ja)),
            } => m::japanese_only_mixup(ja, preferred, other, other_ja),
            Drift::Avoided {
                wording,
                preferred,
                ja,
            } => m::avoided(wording, ja, preferred),
            Drift::AvoidedJapanese { wording, ja } => m::avoided_japanese(wording, ja),
        }
    }
}

/// Where `wording` (lower case, maybe with `…`) occurs in `text` (lower case) as whole words.
fn find(text: &str, wording: &str) -> bool {
    let parts: Vec<&str> = wording
        .split('…')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    !parts.is_empty() && find_from(text, &parts, 0, text.len())
}

/// Whether `parts` occur in order in `text`, the first starting in `from..until`.
fn find_from(text: &str, parts: &[&str], from: usize, until: usize) -> bool {
    let Some((first, rest)) = parts.split_first() else {
        return true;
    };
    let is_word = |c: char| c.is_alphanumeric() || c == '-';
    let mut at = from;
    while let Some(rel) = text.get(at..).and_then(|t| t.find(first)) {
        let start = at + rel;
        if start > until {
            return false;
        }
        let mut end = start + first.len();
        if text[end..].starts_with('s') {
            // A plural: "notices".
            if !text[end + 1..].starts_with(is_word) {
                end += 1;
            }
        }
        let before_ok = !text[..start].ends_with(is_word);
        let after_ok = !text[end..].starts_with(is_word);
        if before_ok && after_ok {
            // The next part follows within a few words of the same clause.
            let window = text[end..]
                .char_indices()
                .take_while(|&(i, c)| i <= GAP && !matches!(c, '.' | ';' | ':'))
                .last()
                .map_or(end, |(i, c)| end + i + c.len_utf8());
            if find_from(text, rest, end, window) {
                return true;
            }
        }
        at = start + first.chars().next().map_or(1, char::len_utf8);
    }
    false
}

/// Whether `ja` uses `term` other than as part of a longer glossary term.
fn standalone(terms: &[GlossaryTerm], ja: &str, term: &str) -> bool {
    let longer: Vec<&str> = terms
        .iter()
        .map(|o| o.ja.get_ref().as_str())
        .filter(|o| o.len() > term.len() && o.contains(term))
        .collect();
    ja.match_indices(term).any(|(at, _)| {
        !longer.iter().any(|l| {
            ja.match_indices(l)
                .any(|(start, _)| start <= at && at + term.len() <= start + l.len())
        })
    })
}

/// The disagreements of one bilingual text with the glossary.
pub(crate) fn drift<'t>(terms: &'t [GlossaryTerm], en: &str, ja: &str) -> Vec<Drift> {
    let en = en.to_lowercase();
    let said = |t: &'t GlossaryTerm| t.en.iter().find(|w| find(&en, &w.to_lowercase()));
    let mut out = Vec::new();
    for t in terms {
        let ja_term = t.ja.get_ref();
        let in_ja = ja.contains(ja_term.as_str());
        match (said(t), in_ja) {
            // Only inside a longer term (転出届 in 国外転出届): the longer term speaks for it.
            (None, true) if !standalone(terms, ja, ja_term) => {}
            (Some(w), false) => {
                let instead = terms
                    .iter()
                    .find(|o| {
                        let j = o.ja.get_ref();
                        j != ja_term && ja.contains(j.as_str()) && said(o).is_none()
                    })
                    .map(|o| (o.ja.get_ref().clone(), o.en[0].clone()));
                out.push(Drift::EnglishOnly {
                    wording: w.clone(),
                    ja: ja_term.clone(),
                    instead,
                });
            }
            (None, true) => {
                let instead = terms
                    .iter()
                    .filter(|o| !ja.contains(o.ja.get_ref().as_str()))
                    .find_map(|o| said(o).map(|w| (w.clone(), o.ja.get_ref().clone())));
                out.push(Drift::JapaneseOnly {
                    ja: ja_term.clone(),
                    preferred: t.en.first().cloned().unwrap_or_default(),
                    instead,
                });
            }
            _ => {}
        }
        for a in &t.avoid_ja {
            if ja.contains(a.as_str()) {
                out.push(Drift::AvoidedJapanese {
                    wording: a.clone(),
                    ja: ja_term.clone(),
                });
            }
        }
        for a in &t.avoid {
            if find(&en, &a.to_lowercase()) {
                out.push(Drift::Avoided {
                    wording: a.clone(),
                    preferred: t.en.first().cloned().unwrap_or_default(),
                    ja: ja_term.clone(),
                });
            }
        }
    }
    // A mix-up (English “moving-in notice”, Japanese 転居届) is one warning, not one per side.
    let mixups: Vec<(String, String)> = out
        .iter()
        .filter_map(|d| match d {
            Drift::EnglishOnly {
                wording,
                ja,
                instead: Some((other, _)),
            } => Some((other.clone(), format!("{wording}\n{ja}"))),
            _ => None,
        })
        .collect();
    out.retain(|d| match d {
        Drift::JapaneseOnly {
            ja,
            instead: Some((wording, other)),
            ..
        } => !mixups.contains(&(ja.clone(), format!("{wording}\n{other}"))),
        _ => true,
    });
    out
}

/// The glossary's own shape, checked on every load: each term has English wordings and a
/// source with a web address, and no Japanese term or English wording is listed twice.
pub(super) fn check(kb: &Kb, out: &mut Vec<Diagnostic>) {
    let Some(file) = glossary_file(kb) else {
        return;
    };
    let mut seen_ja = std::collections::HashSet::new();
    let mut seen_en = std::collections::HashMap::new();
    for t in &kb.glossary {
        let ja = t.ja.get_ref();
        let at = Some(t.ja.span());
        if ja.trim().is_empty() {
            out.push(Diagnostic::error(
                &file,
                at.clone(),
                m::term_needs_japanese(),
            ));
        }
        if !seen_ja.insert(ja.as_str()) {
            out.push(Diagnostic::error(&file, at.clone(), m::term_twice(ja)));
        }
        if t.en.iter().all(|e| e.trim().is_empty()) {
            out.push(
                Diagnostic::error(&file, at.clone(), m::no_english(ja))
                    .with_help(m::no_english_help()),
            );
        }
        for e in t.en.iter().chain(&t.avoid) {
            if let Some(other) = seen_en.insert(e.to_lowercase(), ja.as_str()) {
                out.push(Diagnostic::error(
                    &file,
                    at.clone(),
                    m::wording_twice(e, other, ja),
                ));
            }
        }
        if t.sources.is_empty() {
            out.push(
                Diagnostic::error(&file, at.clone(), m::no_source(ja))
                    .with_help(m::no_source_help()),
            );
        }
        for s in &t.sources {
            let url = s.url.get_ref();
            if !url.starts_with("https://") && !url.starts_with("http://") {
                out.push(Diagnostic::error(
                    &file,
                    Some(s.url.span()),
                    v::source_needs_url(),
                ));
            }
            if crate::dates::from_toml(s.checked.get_ref()).is_err() {
                out.push(Diagnostic::error(
                    &file,
                    Some(s.checked.span()),
                    v::checked_plain_date(),
                ));
            }
        }
    }
}

/// The warnings that need a reading of every text: each bilingual text that drifts from the
/// glossary, each term no text uses, each source not checked for a year. Cost: one parse of
/// each file and, per text, one scan per glossary wording.
pub(super) fn lint(kb: &Kb, today: chrono::NaiveDate, out: &mut Vec<Diagnostic>) {
    let Some(file) = glossary_file(kb) else {
        return;
    };
    let mut used = vec![false; kb.glossary.len()];
    for f in &kb.files {
        if f.name == file {
            continue;
        }
        let Ok(root) = DeTable::parse(&f.text) else {
            continue;
        };
        let mut texts = Vec::new();
        collect(root.get_ref(), &mut texts);
        for (en, ja) in texts {
            for (u, t) in used.iter_mut().zip(&kb.glossary) {
                *u |= ja.0.contains(t.ja.get_ref().as_str());
            }
            for d in drift(&kb.glossary, en.0, ja.0) {
                let span = if d.in_english() { &en.1 } else { &ja.1 };
                out.push(
                    Diagnostic::warning(&f.name, Some(span.clone()), d.message())
                        .with_help(m::drift_help()),
                );
            }
        }
    }
    for (t, used) in kb.glossary.iter().zip(used) {
        if !used {
            out.push(
                Diagnostic::warning(&file, Some(t.ja.span()), m::unused(t.ja.get_ref()))
                    .with_help(m::unused_help()),
            );
        }
    }
    for s in kb.glossary.iter().flat_map(|t| &t.sources) {
        if let Ok(checked) = crate::dates::from_toml(s.checked.get_ref()) {
            let span = Some(s.checked.span());
            out.extend(super::validate::stale_source(
                &file, span, &s.title, checked, today,
            ));
        }
    }
}

/// The name of the glossary file, if the knowledge base has one.
fn glossary_file(kb: &Kb) -> Option<String> {
    if kb.glossary.is_empty() {
        return None;
    }
    kb.files
        .iter()
        .map(|f| f.name.as_str())
        .find(|n| n.replace('\\', "/").ends_with("/glossary.toml") || *n == "glossary.toml")
        .map(str::to_string)
}

type Located<'a> = (&'a str, std::ops::Range<usize>);

/// Every table with an `en` and a `ja` string: (English, Japanese), each with its span.
fn collect<'a>(t: &'a DeTable<'_>, out: &mut Vec<(Located<'a>, Located<'a>)>) {
    let get = |k: &str| t.iter().find(|(key, _)| key.get_ref() == k).map(|(_, v)| v);
    if let (Some(en), Some(ja)) = (get("en"), get("ja")) {
        if let (DeValue::String(e), DeValue::String(j)) = (en.get_ref(), ja.get_ref()) {
            out.push(((e.as_ref(), en.span()), (j.as_ref(), ja.span())));
        }
    }
    for (_, v) in t {
        value(v.get_ref(), out);
    }
}

fn value<'a>(v: &'a DeValue<'_>, out: &mut Vec<(Located<'a>, Located<'a>)>) {
    match v {
        DeValue::Table(t) => collect(t, out),
        DeValue::Array(a) => a.iter().for_each(|x| value(x.get_ref(), out)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(ja: &str, en: &[&str], avoid: &[&str]) -> GlossaryTerm {
        GlossaryTerm {
            ja: crate::kb::span::Spanned::new(0..0, ja.to_string()),
            en: en.iter().map(|s| (*s).to_string()).collect(),
            avoid: avoid.iter().map(|s| (*s).to_string()).collect(),
            avoid_ja: Vec::new(),
            sources: Vec::new(),
        }
    }

    fn terms() -> Vec<GlossaryTerm> {
        vec![
            term("転入届", &["moving-in notice"], &[]),
            term("転居届", &["change-of-address notice"], &["moving notice"]),
            term("転出届", &["moving-out notice"], &[]),
            term("国外転出届", &["moving-out notice for leaving Japan"], &[]),
            term(
                "有効期間変更",
                &["validity change", "change … validity"],
                &[],
            ),
        ]
    }

    #[test]
    fn matching_pairs_are_fine() {
        let t = terms();
        assert_eq!(
            drift(&t, "File the moving-in notice.", "転入届を出します。"),
            []
        );
        assert_eq!(
            drift(&t, "Moving-in notices are free.", "転入届は無料です。"),
            []
        );
        // Nested terms are nested in both languages.
        assert_eq!(
            drift(
                &t,
                "File the moving-out notice for leaving Japan; with the moving-out notice, hand in the card.",
                "国外転出届を出し、その際にカードを返納します。"
            ),
            []
        );
        assert_eq!(
            drift(&t, "Change your card's validity", "カードの有効期間変更"),
            []
        );
        // Words that only contain a wording are not it.
        assert_eq!(drift(&t, "unmoving-in notice", ""), []);
    }

    #[test]
    fn a_mixed_up_term_is_reported_once() {
        // Reported once, at the Japanese.
        let d = drift(&terms(), "File the moving-in notice.", "転居届を出します。");
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(
            d[0].message().en,
            "the English says “moving-in notice”, but the Japanese does not say 転入届; it says 転居届, which the glossary gives for “change-of-address notice”"
        );
        assert_eq!(
            d[0].message().ja,
            "英語は「moving-in notice」ですが、日本語に「転入届」がありません。日本語の「転居届」は、用語集では「change-of-address notice」に当たる語です。"
        );
        assert!(!d[0].in_english());
        // A term missing beside a mix-up is still reported.
        let d = drift(
            &terms(),
            "File the moving-in notice.",
            "転居届と転出届を出します。",
        );
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!(
            d[1].message().en,
            "the Japanese says 転出届, but the English does not say “moving-out notice”; it says “moving-in notice”, which the glossary gives for 転入届"
        );
        assert!(d[1].in_english());
    }

    #[test]
    fn a_term_missing_in_one_language_and_an_avoided_wording_are_reported() {
        let t = terms();
        let d = drift(&t, "File it within 14 days.", "転出届を出します。");
        assert_eq!(
            d,
            [Drift::JapaneseOnly {
                ja: "転出届".into(),
                preferred: "moving-out notice".into(),
                instead: None
            }]
        );
        let d = drift(&t, "File a moving notice (転居届).", "転居届を出します。");
        assert!(
            d.iter().any(|d| d.message().en
                == "“moving notice” is not the glossary's wording: 転居届 is “change-of-address notice” in English"),
            "{d:?}"
        );
        // Possessive and plural forms are the same word.
        assert_eq!(drift(&t, "The moving-in notice's date", "転入届の日"), []);
        // A Japanese wording to avoid.
        let mut t2 = t.clone();
        t2.push(GlossaryTerm {
            avoid_ja: vec!["一時停止".into()],
            ..term("一時利用停止", &["suspend"], &[])
        });
        let d = drift(&t2, "Suspend the card.", "カードを一時停止します。");
        assert_eq!(
            d.iter().map(|d| d.message().en).collect::<Vec<_>>(),
            [
                "the English says “suspend”, but the Japanese does not say 一時利用停止",
                "一時停止 is not the glossary's term: say 一時利用停止"
            ]
        );
        // The gap of a `…` wording stays within one clause of a few words.
        let d = drift(&t, "Change the address. Its validity ends.", "");
        assert_eq!(d, []);
    }

    /// The embedded knowledge base with `glossary.toml` replaced by `text`.
    fn with_glossary(text: &str) -> Result<Kb, crate::kb::LoadError> {
        let mut files = Kb::embedded()
            .unwrap_or_else(|e| panic!("{}", e.render()))
            .files;
        for f in &mut files {
            if f.name == "data/glossary.toml" {
                f.text = text.to_string().into();
            }
        }
        Kb::from_files(files, "data/")
    }

    #[test]
    fn a_term_without_english_or_source_or_listed_twice_is_an_error() {
        let src = "[[term]]\nja = \"転入届\"\nen = []\n\n[[term]]\nja = \"転入届\"\nen = [\"moving-in notice\"]\n[[term.sources]]\nurl = \"example.org\"\ntitle = \"t\"\nchecked = 2026-11-01\n";
        let Err(e) = with_glossary(src) else {
            panic!("a broken glossary loads");
        };
        let messages: Vec<&str> = e
            .diagnostics
            .iter()
            .map(|d| d.message.en.as_str())
            .collect();
        for m in [
            "転入届 has no English wording",
            "転入届 has no source",
            "転入届 is in the glossary twice",
            "a source needs a web address (http:// or https://)",
        ] {
            assert!(messages.contains(&m), "{m} not in {messages:?}");
        }
        let japanese = |en: &str| {
            let d = e.diagnostics.iter().find(|d| d.message.en == en);
            d.map(|d| {
                let help = d.help.as_deref().map(|h| h.ja.as_str());
                (d.message.ja.as_str(), help)
            })
        };
        assert_eq!(
            japanese("転入届 has no English wording"),
            Some((
                "「転入届」に英語がありません。",
                Some("`en = [\"…\"]` を追加してください。推奨する英語を先頭に書きます。")
            ))
        );
        assert_eq!(
            japanese("転入届 is in the glossary twice"),
            Some(("「転入届」が用語集に二度あります。", None))
        );
        assert_eq!(
            japanese("a source needs a web address (http:// or https://)"),
            Some((
                "出典にはウェブアドレス（http:// または https://）が必要です。",
                None
            ))
        );
        assert!(
            e.render().contains("data/glossary.toml:2:6"),
            "{}",
            e.render()
        );
    }

    #[test]
    fn the_shipped_glossary_loads_and_the_tool_s_own_messages_follow_it() {
        let kb = Kb::embedded().unwrap_or_else(|e| panic!("{}", e.render()));
        assert!(kb.glossary.len() >= 30);
        for (name, en, ja) in crate::kb::messages::ALL
            .into_iter()
            .flatten()
            .chain(crate::wording::messages::ALL)
        {
            assert_eq!(drift(&kb.glossary, en, ja), [], "{name}");
        }
    }
}
