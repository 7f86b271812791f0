//! The engine's refusals and problems with answers (data, see `engine::facts`) as sentences
//! from the message catalogue. Apart from `messages`, so that the catalogue imports nothing of
//! the engine.

use super::messages;
use crate::engine::facts::{OrderProblem, Problem, Refusal};
use crate::kb::text::Text;

/// Why a value was refused.
pub(crate) fn refusal(r: &Refusal) -> Text {
    match r {
        Refusal::IndividualNumber => messages::individual_number_refusal(),
        Refusal::UnknownFact {
            fact,
            suggestion: Some(s),
        } => messages::unknown_fact_suggest(fact, s),
        Refusal::UnknownFact {
            fact,
            suggestion: None,
        } => messages::unknown_fact(fact),
        Refusal::Date(e) => messages::date_error(e),
        Refusal::ExpectedDate => messages::expected_date(),
        Refusal::NotYesNo(text) => messages::not_yes_no(text),
        Refusal::ExpectedBool => messages::expected_bool(),
        Refusal::UnknownStatus {
            key,
            suggestion: Some(s),
        } => messages::unknown_status_suggest(key, s),
        Refusal::UnknownStatus {
            key,
            suggestion: None,
        } => messages::unknown_status(key),
        Refusal::ExpectedStatus => messages::expected_status(),
        Refusal::NotAChoice { value, choices } => messages::not_a_choice(value, choices),
        Refusal::ExpectedChoice { choices } => messages::expected_choice(choices),
        Refusal::Municipality(why) => why.clone(),
        Refusal::ExpectedMunicipality => messages::expected_municipality(),
    }
}

/// A problem with the answers taken together.
pub(crate) fn problem(p: &Problem) -> Text {
    match p {
        Problem::InFuture { day, today } => messages::date_in_future(day, today),
        Problem::NotAfter {
            day,
            other,
            other_day,
        } => messages::date_not_after(day, other, other_day),
        Problem::Order(o) => order_problem(o),
    }
}

/// Two answered days in an order a rule of the knowledge base refuses or warns about.
pub(crate) fn order_problem(p: &OrderProblem) -> Text {
    messages::date_before(p.day, &p.other, p.other_day, &p.because)
}
