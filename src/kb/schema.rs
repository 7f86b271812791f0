//! The knowledge base's file formats, as serde types.
//!
//! Positions are kept (`Spanned`) on every name that a later pass checks, so an unknown fact or
//! step is reported at its `file:line:column`. Every table denies unknown fields, and every enum
//! is externally tagged (`{ eq = { fact = "…", value = "…" } }`): internally tagged, untagged and
//! flattened enums lose the positions. This module only describes shapes; meaning is checked in
//! `validate`.

use super::span::Spanned;
use serde::Deserialize;

use super::text::Text;

pub type Name = Spanned<String>;

/// A TOML date (`2026-11-01`), kept as written; `validate` turns it into a calendar date.
pub(crate) type TomlDate = Spanned<Datetime>;

/// A TOML date literal (`toml::value::Datetime`). The stored knowledge base (see `span`) keeps
/// it as its text, since `toml::value::Datetime` can only be read back by the TOML parser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Datetime(pub(crate) toml::value::Datetime);

impl std::ops::Deref for Datetime {
    type Target = toml::value::Datetime;
    fn deref(&self) -> &toml::value::Datetime {
        &self.0
    }
}

impl std::fmt::Display for Datetime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl serde::Serialize for Datetime {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Datetime {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        if d.is_human_readable() {
            toml::value::Datetime::deserialize(d).map(Datetime)
        } else {
            let text = String::deserialize(d)?;
            text.parse().map(Datetime).map_err(serde::de::Error::custom)
        }
    }
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Source {
    pub(crate) url: Spanned<String>,
    pub(crate) title: String,
    pub(crate) checked: TomlDate,
}

// ---------------------------------------------------------------- facts.toml

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FactsFile {
    #[serde(default, rename = "fact")]
    pub(crate) facts: Vec<FactDecl>,
    #[serde(default, rename = "gate")]
    pub(crate) gates: Vec<GateDecl>,
}

/// A yes/no question the interview asks before the facts of one event ("Are you planning to
/// move?"): after a no, none of them is asked. Its answer is not stored; a known fact of the
/// event answers it yes.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct GateDecl {
    pub(crate) name: Name,
    pub(crate) question: Text,
    pub(crate) help: Option<Text>,
    /// How the answer is named on the review screen ("planning to move").
    pub(crate) noun: Text,
    /// Interview order, among the facts' `order`.
    pub(crate) order: u32,
    /// The facts of the event, asked only after a yes.
    pub(crate) facts: Vec<Name>,
    /// Asked only when this holds (or is not known yet) for the answers so far.
    pub(crate) when: Option<Cond>,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct FactDecl {
    pub name: Name,
    #[serde(rename = "type")]
    pub ty: Spanned<FactType>,
    /// The interview question.
    pub(crate) question: Text,
    pub(crate) help: Option<Text>,
    /// How the fact is named inside a sentence ("the day you moved in").
    pub(crate) noun: Text,
    /// Interview order: who you are, then dates you know, then what you have received.
    #[serde(default)]
    pub(crate) order: u32,
    /// A plan cannot be made without it (`nationality`, and `status` for a foreign resident).
    #[serde(default)]
    pub(crate) required: Option<Cond>,
    /// A date of a past event: it cannot be after today.
    #[serde(default)]
    pub past: bool,
    /// A date that must be later than another date fact (an expiry after an issue date).
    pub after: Option<Name>,
    /// The interview asks it only when this holds (or is not known yet) for the answers so
    /// far: the postcard's deadline only once the postcard has arrived.
    pub(crate) asked_when: Option<Cond>,
    /// Events that come first: this day cannot (or, with `warn`, usually does not) come
    /// before theirs. Checked wherever answers are read: options, files, the profile, the
    /// interview, batch rows.
    #[serde(default)]
    pub not_before: Vec<OrderRule>,
}

/// One order constraint between two date facts: `fact`'s day comes first.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct OrderRule {
    pub fact: Name,
    /// Only a warning (the plan is still made): the order is unusual but can happen.
    #[serde(default)]
    pub warn: bool,
    /// Only when this holds (e.g. a first registration in Japan).
    pub(crate) when: Option<Cond>,
    /// Why the order cannot (or usually does not) happen, and what to do, in both languages.
    pub(crate) because: Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum FactType {
    Date,
    Bool,
    /// A status of residence key from `statuses.toml`.
    Status,
    Choice(Vec<ChoiceDecl>),
    /// A municipality: its 6-digit local government code, given as the code or as a name of
    /// a municipal overlay (`municipalities/<code>.toml`).
    Municipality,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct ChoiceDecl {
    pub value: String,
    pub(crate) label: Text,
}

// ---------------------------------------------------------------- statuses.toml

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct StatusesFile {
    #[serde(default, rename = "status")]
    pub(crate) statuses: Vec<StatusDecl>,
    #[serde(default, rename = "source")]
    pub(crate) sources: Vec<Source>,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct StatusDecl {
    pub key: Name,
    pub(crate) name: Text,
    /// The My Number Card's validity follows the period of stay (every status but permanent
    /// resident, special permanent resident and highly skilled professional (ii)).
    pub(crate) card_tied_to_stay: bool,
    /// Holders get a resident record (住民票), and so a number and a card.
    #[serde(default = "yes")]
    pub(crate) resident_registration: bool,
    pub(crate) note: Option<Text>,
}

fn yes() -> bool {
    true
}

// ---------------------------------------------------------------- vocabulary.toml

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct VocabularyFile {
    #[serde(default, rename = "phase")]
    pub(crate) phases: Vec<Term>,
    #[serde(default, rename = "place")]
    pub(crate) places: Vec<Term>,
    #[serde(default, rename = "item")]
    pub(crate) items: Vec<ItemDecl>,
}

/// A named thing with an English and Japanese name: a phase, a place.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Term {
    pub(crate) key: Name,
    pub(crate) name: Text,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum ItemKind {
    Document,
    Pin,
    Fee,
    Other,
}

/// Something to bring (or know) at a visit; steps refer to items by key, so a visit can merge
/// them.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ItemDecl {
    pub(crate) key: Name,
    pub(crate) name: Text,
    pub(crate) kind: ItemKind,
    pub(crate) note: Option<Text>,
    /// One for the whole household (proof of the family relationship), not one per person:
    /// `checklist --household` lists it once.
    #[serde(default)]
    pub(crate) household: bool,
}

// ---------------------------------------------------------------- derived.toml

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DerivedFile {
    #[serde(default, rename = "condition")]
    pub(crate) conditions: Vec<NamedCondition>,
    #[serde(default, rename = "date")]
    pub(crate) dates: Vec<NamedDate>,
    #[serde(default, rename = "member_note")]
    pub(crate) member_notes: Vec<MemberNote>,
}

/// What a household's visit sheet says under one member's name when `when` holds on the day of
/// the visit (a child's pickup needs a legal representative; a child's card runs to the 5th
/// birthday). The rule is in the condition, so the ages are data, with their sources.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct MemberNote {
    pub(crate) name: Name,
    pub(crate) when: Cond,
    pub(crate) text: Varied,
    #[serde(default, rename = "source")]
    pub(crate) sources: Vec<Source>,
}

/// A derived yes/no fact ("card tied to the period of stay"), with the sentence that explains
/// it either way. `{fact}` placeholders are filled with answers.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NamedCondition {
    pub(crate) name: Name,
    pub(crate) when: Cond,
    pub(crate) yes: Text,
    pub(crate) no: Text,
}

/// A derived date (e.g. when a foreign resident's card is expected to expire).
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NamedDate {
    pub(crate) name: Name,
    pub(crate) noun: Text,
    pub(crate) value: DateExpr,
    #[serde(default, rename = "source")]
    pub(crate) sources: Vec<Source>,
}

// ---------------------------------------------------------------- steps/*.toml

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct StepsFile {
    #[serde(default, rename = "step")]
    pub(crate) steps: Vec<StepDecl>,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct StepDecl {
    pub(crate) id: Name,
    pub(crate) phase: Name,
    pub(crate) title: Text,
    pub(crate) summary: Varied,
    #[serde(rename = "where")]
    pub(crate) place: Name,
    /// Item keys, each either always (`"passport"`) or only when a condition holds
    /// (`{ item = "student_id", when = … }`).
    #[serde(default)]
    pub(crate) bring: Vec<Spanned<Bring>>,
    /// When the step applies; absent means always.
    pub(crate) applies: Option<Cond>,
    /// When the answers show the step is done.
    pub(crate) done_when: Option<Cond>,
    /// The fact `mynumber done STEP --on DATE` sets.
    pub(crate) records: Option<Name>,
    /// Steps that come before this one (ordering only).
    #[serde(default)]
    pub(crate) after: Vec<Name>,
    /// Waiting for something outside the person's control (mail); the deadline is the day to
    /// start chasing it.
    #[serde(default)]
    pub(crate) waiting: bool,
    /// The first day the office accepts it; never moved for closures.
    pub(crate) opens: Option<DateExpr>,
    pub(crate) deadline: Option<Deadline>,
    /// When something is expected (mail), as an earliest and latest day; shown, not enforced.
    pub(crate) expected: Option<Expected>,
    /// What happens if the deadline is missed.
    pub(crate) missed: Option<Varied>,
    /// What to ask for at the counter, in Japanese with an English gloss.
    pub(crate) ask: Option<Varied>,
    pub(crate) fee: Option<Text>,
    /// Municipal practice varies: the text says "usually" and "check with your office".
    #[serde(default)]
    pub(crate) varies: bool,
    /// Filed once for the household: one member files it for everyone who moves together (the
    /// notices of moving). `plan --household` shows it once, with everyone it covers.
    #[serde(default)]
    pub(crate) household: bool,
    #[serde(default, rename = "note")]
    pub(crate) notes: Vec<Note>,
    /// The dates between which this rule is in force (judged against the plan's today).
    pub(crate) effective: Option<Effective>,
    #[serde(default, rename = "source")]
    pub(crate) sources: Vec<Source>,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Deadline {
    pub(crate) kind: Spanned<DeadlineKind>,
    pub(crate) date: DateExpr,
    /// How a last day on a closed day moves; defaults by kind (legal: to the next open day;
    /// expiry and stated: to the last open day on or before; expected and recommended: not).
    pub(crate) adjust: Option<Adjust>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum DeadlineKind {
    Legal,
    Expiry,
    Stated,
    Recommended,
    Expected,
}

impl DeadlineKind {
    pub(crate) fn key(self) -> &'static str {
        match self {
            DeadlineKind::Legal => "legal",
            DeadlineKind::Expiry => "expiry",
            DeadlineKind::Stated => "stated",
            DeadlineKind::Recommended => "recommended",
            DeadlineKind::Expected => "expected",
        }
    }

    /// period-reckoning.md §2–§3: legal periods roll forward (Local Autonomy Act art. 4-2);
    /// acting before an expiry or by a stated date rolls back; estimates are not moved.
    pub(crate) fn default_adjust(self) -> Adjust {
        match self {
            DeadlineKind::Legal => Adjust::NextOpen,
            DeadlineKind::Expiry | DeadlineKind::Stated => Adjust::LastOpenOnOrBefore,
            DeadlineKind::Recommended | DeadlineKind::Expected => Adjust::None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Adjust {
    NextOpen,
    LastOpenOnOrBefore,
    None,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Expected {
    pub(crate) from: DateExpr,
    pub(crate) to: DateExpr,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Note {
    pub(crate) when: Option<Cond>,
    pub(crate) text: Text,
    /// A warning rather than a tip.
    #[serde(default)]
    pub(crate) warning: bool,
}

/// A text that may depend on the person: one text (`{ en, ja }`), or a list of variants
/// (`[{ when = …, text = { en, ja } }, { text = … }]`) of which the first whose `when` holds
/// (or that has none) is used, as a date's `choose` picks its case.
#[derive(Debug, Clone)]
pub(crate) enum Varied {
    One(Text),
    Variants(Vec<Variant>),
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Variant {
    pub(crate) when: Option<Cond>,
    pub(crate) text: Text,
}

/// The stored form of [`Varied`] (see `span`): a tagged enum, as postcard does not say which
/// shape a value has the way TOML does.
#[derive(serde::Serialize, Deserialize)]
#[serde(remote = "Varied")]
enum StoredVaried {
    One(Text),
    Variants(Vec<Variant>),
}

impl serde::Serialize for Varied {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        StoredVaried::serialize(self, s)
    }
}

impl<'de> Deserialize<'de> for Varied {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Varied;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a text { en = \"…\", ja = \"…\" } or a list of { when = …, text = … }")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Varied, A::Error> {
                Text::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(Varied::One)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(self, seq: A) -> Result<Varied, A::Error> {
                Vec::<Variant>::deserialize(serde::de::value::SeqAccessDeserializer::new(seq))
                    .map(Varied::Variants)
            }
        }
        if !d.is_human_readable() {
            return StoredVaried::deserialize(d);
        }
        d.deserialize_any(V)
    }
}

/// An item a step needs: always, or only when a condition holds.
#[derive(Debug, Clone)]
pub(crate) enum Bring {
    Always(String),
    When(BringWhen),
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct BringWhen {
    pub(crate) item: Name,
    pub(crate) when: Cond,
}

/// The stored form of [`Bring`] (see `span`): a tagged enum, as postcard does not say which
/// shape a value has the way TOML does.
#[derive(serde::Serialize, Deserialize)]
#[serde(remote = "Bring")]
enum StoredBring {
    Always(String),
    When(BringWhen),
}

impl serde::Serialize for Bring {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        StoredBring::serialize(self, s)
    }
}

impl<'de> Deserialize<'de> for Bring {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Bring;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an item key or { item = \"…\", when = … }")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Bring, E> {
                Ok(Bring::Always(s.to_string()))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<Bring, A::Error> {
                BringWhen::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(Bring::When)
            }
        }
        if !d.is_human_readable() {
            return StoredBring::deserialize(d);
        }
        d.deserialize_any(V)
    }
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Effective {
    pub(crate) from: Option<TomlDate>,
    pub(crate) until: Option<TomlDate>,
}

// ---------------------------------------------------------------- conditions

/// The condition language: data, not code. Externally tagged so positions survive parsing.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub(crate) enum Cond {
    All(Vec<Cond>),
    Any(Vec<Cond>),
    Not(Box<Cond>),
    /// A yes/no fact is yes, or a named derived condition holds.
    Is(Name),
    /// A choice or status fact has this value.
    Eq(FactValue),
    /// A choice or status fact has one of these values.
    In(FactValues),
    /// The fact has been answered.
    Known(Name),
    /// The fact has not been answered.
    Unknown(Name),
    /// `date` is strictly before `than`.
    Before(Compare),
    /// `date` is strictly after `than`.
    After(Compare),
    /// `date` is on or before `than`.
    OnOrBefore(Compare),
    /// Age in full years on a day (Act on Counting Age: a year is completed the day before the
    /// birthday ends; we count it on the birthday, as municipal pages do).
    AgeAtLeast(AgeTest),
    /// The status of residence has this property (`card_tied_to_stay`,
    /// `resident_registration`).
    Status(Name),
    /// The plan's today lies in this period (a rule in force).
    InForce(Effective),
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FactValue {
    pub(crate) fact: Name,
    pub(crate) value: Name,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FactValues {
    pub(crate) fact: Name,
    pub(crate) values: Vec<Name>,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Compare {
    pub(crate) date: DateExpr,
    pub(crate) than: DateExpr,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AgeTest {
    pub(crate) years: u32,
    pub(crate) on: DateExpr,
}

// ---------------------------------------------------------------- date expressions

/// How a date is derived from answers. Externally tagged, e.g.
/// `{ add = { from = { fact = "moved_in" }, days = 14 } }`.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub(crate) enum DateExpr {
    /// An answered date fact, or a named derived date.
    Fact(Name),
    /// The plan's today: `{ today = true }`.
    Today(bool),
    /// A fixed calendar date.
    Date(TomlDate),
    /// A Civil Code period from an event (arts. 140–143): the period's last day.
    Add(Box<PeriodSpec>),
    /// A window that opens a period before a date (period-reckoning.md §4); with `days = 1`,
    /// "the day before".
    Before(Box<PeriodSpec>),
    /// The earliest of the dates that are known (unknown if any is unknown).
    Earliest(Vec<DateExpr>),
    /// The latest of the dates.
    Latest(Vec<DateExpr>),
    /// The first of these that can be computed.
    FirstKnown(Vec<DateExpr>),
    /// The `nth` birthday strictly after a day.
    Birthday(Box<BirthdaySpec>),
    /// The first case whose condition holds.
    Choose(Box<ChooseSpec>),
    /// The last day the office is open on or before a date: the last day of a window that is
    /// not a legal period, when whether a closed last day moves later is not stated
    /// (period-reckoning.md §3). Lets one case of a `choose` be moved back while another is not.
    LastOpenOnOrBefore(Box<DateExpr>),
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PeriodSpec {
    pub(crate) from: DateExpr,
    pub(crate) days: Option<Spanned<u32>>,
    pub(crate) weeks: Option<Spanned<u32>>,
    pub(crate) months: Option<Spanned<u32>>,
    pub(crate) years: Option<Spanned<u32>>,
    /// The statute counts the first day (e.g. a birth notice, Family Register Act art. 43).
    #[serde(default)]
    pub(crate) count_first_day: bool,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct BirthdaySpec {
    pub(crate) birth: DateExpr,
    pub(crate) after: DateExpr,
    pub(crate) nth: u32,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ChooseSpec {
    pub(crate) cases: Vec<Case>,
    pub(crate) otherwise: Option<DateExpr>,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Case {
    pub(crate) when: Cond,
    pub(crate) then: DateExpr,
}
