//! Events that complete roll into the present (spec v2, "Facts describe the present; events
//! have their own facts").
//!
//! `moved_in`, `registered_on`, `card_issued_on`, `card_expires` and `ecert_expires` always
//! describe the current address and the current card. A planned move and a card being made have
//! facts of their own; when `mynumber done` records that such an event is complete, its facts
//! become the present ones and the event's own facts are cleared, so the next event starts clean.

use chrono::NaiveDate;

use super::facts::{Answers, Value};

/// The facts of a planned move.
pub(crate) const MOVE_FACTS: [&str; 5] = [
    "move_planned_on",
    "move_within_municipality",
    "move_out_filed_on",
    "moved_on",
    "move_in_filed_on",
];

/// The facts of a card being made (and of the loss it replaces).
pub(crate) const CARD_FACTS: [&str; 6] = [
    "card_applied_on",
    "card_express",
    "card_notice_on",
    "pickup_deadline",
    "card_lost_on",
    "loss_reported_on",
];

/// What rolling an event into the present changed, for the message `done` prints.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Rolled {
    pub(crate) set: Vec<(String, Value)>,
    pub(crate) cleared: Vec<String>,
}

/// Rolls the event that `step` completes on `day` into the present, when `step` completes one:
/// `move.in` / `move.within` (the new address becomes current), `card.pickup` (the new card
/// becomes current) and `card.notice-wait` for an express application (the card came by post).
/// Returns `None` for any other step.
pub(crate) fn roll_into_present(
    answers: &mut Answers,
    step: &str,
    day: NaiveDate,
) -> Option<Rolled> {
    let mut r = Rolled::default();
    match step {
        "move.in" | "move.within" => {
            // The day the person began living at the new address: the answer, else the planned
            // day (never after the notice).
            let moved = answers
                .date("moved_on")
                .or_else(|| answers.date("move_planned_on").map(|p| p.min(day)))
                .unwrap_or(day);
            set(answers, &mut r, "moved_in", Value::Date(moved));
            set(answers, &mut r, "registered_on", Value::Date(day));
            // A move within Japan keeps the number: no new Notice (card-lifecycle.md 1.12).
            if answers.get("has_number").is_none() {
                set(answers, &mut r, "has_number", Value::Bool(true));
            }
            // The arrival from abroad is no longer the current address's story: express issuance
            // is not for a move within Japan.
            clear(answers, &mut r, &["entry_date"]);
            clear(answers, &mut r, &MOVE_FACTS);
        }
        "card.pickup" => {
            roll_card(answers, &mut r, day);
        }
        "card.notice-wait" if answers.get("card_express") == Some(&Value::Bool(true)) => {
            roll_card(answers, &mut r, day);
        }
        _ => return None,
    }
    Some(r)
}

/// Facts that recording `step` as done implies besides the one it `records`: an application
/// made at the express-issuance counter is an express application.
pub(crate) fn implied_by(step: &str) -> &'static [(&'static str, bool)] {
    match step {
        "card.apply-express" => &[("card_express", true)],
        _ => &[],
    }
}

/// The new card is the current one: issued on `day` (the spec's rule: the day it is received);
/// its expiry and certificates' expiry are the new card's, asked again.
fn roll_card(answers: &mut Answers, r: &mut Rolled, day: NaiveDate) {
    set(answers, r, "card_issued_on", Value::Date(day));
    clear(answers, r, &["card_expires", "ecert_expires"]);
    clear(answers, r, &CARD_FACTS);
}

fn set(answers: &mut Answers, r: &mut Rolled, fact: &str, v: Value) {
    answers.set(fact, v.clone());
    r.set.push((fact.to_string(), v));
}

fn clear(answers: &mut Answers, r: &mut Rolled, facts: &[&str]) {
    for f in facts {
        if answers.remove(f).is_some() {
            r.cleared.push((*f).to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_completed_move_makes_the_new_address_current_and_clears_the_move() {
        let mut a = Answers::new();
        a.set("moved_in", Value::Date(d("2024-04-01")));
        a.set("registered_on", Value::Date(d("2024-04-03")));
        a.set("entry_date", Value::Date(d("2024-03-30")));
        a.set("move_planned_on", Value::Date(d("2026-11-01")));
        a.set("move_within_municipality", Value::Bool(false));
        a.set("move_out_filed_on", Value::Date(d("2026-10-20")));
        a.set("moved_on", Value::Date(d("2026-11-02")));
        let r = roll_into_present(&mut a, "move.in", d("2026-11-05")).unwrap();
        assert_eq!(a.date("moved_in"), Some(d("2026-11-02")));
        assert_eq!(a.date("registered_on"), Some(d("2026-11-05")));
        assert_eq!(a.get("has_number"), Some(&Value::Bool(true)));
        for f in MOVE_FACTS.iter().chain(&["entry_date"]) {
            assert!(a.get(f).is_none(), "{f} still set");
        }
        assert!(r.cleared.contains(&"moved_on".to_string()));
    }

    #[test]
    fn without_the_moving_day_the_planned_day_is_used_but_never_after_the_notice() {
        let mut a = Answers::new();
        a.set("move_planned_on", Value::Date(d("2026-11-10")));
        roll_into_present(&mut a, "move.within", d("2026-11-08"));
        assert_eq!(a.date("moved_in"), Some(d("2026-11-08")));
    }

    #[test]
    fn a_collected_card_is_the_current_card() {
        let mut a = Answers::new();
        a.set("card_issued_on", Value::Date(d("2016-11-01")));
        a.set("card_expires", Value::Date(d("2026-12-20")));
        a.set("card_applied_on", Value::Date(d("2026-10-01")));
        a.set("card_notice_on", Value::Date(d("2026-11-01")));
        roll_into_present(&mut a, "card.pickup", d("2026-11-20"));
        assert_eq!(a.date("card_issued_on"), Some(d("2026-11-20")));
        assert!(a.get("card_expires").is_none());
        assert!(a.get("card_applied_on").is_none());
        assert!(a.get("card_notice_on").is_none());
    }

    #[test]
    fn only_an_express_card_arrives_by_post() {
        let mut a = Answers::new();
        a.set("card_applied_on", Value::Date(d("2026-11-20")));
        assert!(roll_into_present(&mut a, "card.notice-wait", d("2026-11-27")).is_none());
        a.set("card_express", Value::Bool(true));
        assert!(roll_into_present(&mut a, "card.notice-wait", d("2026-11-27")).is_some());
        assert_eq!(a.date("card_issued_on"), Some(d("2026-11-27")));
        assert!(roll_into_present(&mut a, "card.apply", d("2026-11-27")).is_none());
    }
}
