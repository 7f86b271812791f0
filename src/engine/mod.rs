//! The engine: pure functions from a knowledge base, answers and a day to a plan.
//!
//! No I/O, no clock, no terminal. `today` is always an input, so every deadline is a plain
//! table test.

pub mod eval;
pub mod facts;
pub mod plan;

use chrono::NaiveDate;

pub use eval::{Ctx, Truth};
pub use facts::{Answers, Value};
pub use plan::{Plan, PlannedStep, Skipped, Status, make_plan};

/// A TOML date without a time or offset, as a calendar date.
pub fn toml_date(dt: &toml::value::Datetime) -> Option<NaiveDate> {
    match (dt.date, dt.time, dt.offset) {
        (Some(d), None, None) => {
            NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
        }
        _ => None,
    }
}

/// Today in Japan (UTC+9, no daylight saving), whatever the machine's zone.
pub fn today_in_japan(now_utc: chrono::DateTime<chrono::Utc>) -> NaiveDate {
    (now_utc + chrono::Duration::hours(9)).date_naive()
}
