//! Calendar dates as the program reads and writes them: `YYYY-MM-DD` in and out, TOML dates,
//! and today in Japan. A leaf: it imports nothing of the program.

use chrono::{Datelike, NaiveDate};

/// `YYYY-MM-DD`. Written digit by digit: plans format hundreds of dates, and the general
/// formatting machinery showed up in profiles.
pub(crate) fn fmt(d: NaiveDate) -> String {
    let (m, day) = (d.month(), d.day());
    let Some(y) = u32::try_from(d.year()).ok().filter(|y| *y <= 9999) else {
        return d.format("%Y-%m-%d").to_string();
    };
    // Two digits of `n` (0..=99).
    let two = |s: &mut String, n: u32| {
        s.push(char::from(b'0' + (n / 10 % 10) as u8));
        s.push(char::from(b'0' + (n % 10) as u8));
    };
    let mut s = String::with_capacity(10);
    two(&mut s, y / 100);
    two(&mut s, y % 100);
    s.push('-');
    two(&mut s, m);
    s.push('-');
    two(&mut s, day);
    s
}

/// Why a text is not a date; `crate::wording::messages::date_error` words it in both
/// languages, `Display` in English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DateError {
    /// Nothing was written.
    Missing,
    /// Not of the form YYYY-MM-DD (the text as written).
    Malformed(String),
    /// Of the right form, but no such day (`2026-02-30`).
    Nonexistent(String),
    /// A real day, but outside the years any answer or visit can be in (`0000-03-01`).
    OutOfRange(String),
}

/// The years an answer, today or a visit can be in: anything else is a typing mistake (year
/// 0000 made "740301 days late"; 9999-12-31 an ICS end date in year 10000).
pub(crate) const YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

impl std::fmt::Display for DateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DateError::Missing => {
                f.write_str("no date was given; write it as YYYY-MM-DD, e.g. 2026-04-01")
            }
            DateError::Malformed(s) => write!(
                f,
                "`{s}` is not a date; write it as YYYY-MM-DD, e.g. 2026-04-01"
            ),
            DateError::Nonexistent(s) => write!(
                f,
                "{s} is not a day that exists; write a real date as YYYY-MM-DD"
            ),
            DateError::OutOfRange(s) => {
                write!(f, "{s} is outside the years 1900 to 2100; check the year")
            }
        }
    }
}

/// Parses a `YYYY-MM-DD` date strictly.
pub(crate) fn parse(s: &str) -> Result<NaiveDate, DateError> {
    let s = s.trim();
    if s.is_empty() {
        return Err(DateError::Missing);
    }
    let bytes = s.as_bytes();
    let shape = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !shape {
        return Err(DateError::Malformed(s.to_string()));
    }
    let d = NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| DateError::Nonexistent(s.to_string()))?;
    if !YEARS.contains(&chrono::Datelike::year(&d)) {
        return Err(DateError::OutOfRange(s.to_string()));
    }
    Ok(d)
}

/// TOML local dates only: a date with a time or an offset is an error, not silently truncated.
pub(crate) fn from_toml(dt: &toml::value::Datetime) -> Result<NaiveDate, String> {
    match (dt.date, dt.time, dt.offset) {
        (Some(d), None, None) => {
            NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
                .ok_or_else(|| format!("{dt} is not a calendar date"))
        }
        _ => Err(format!("expected a date such as 2026-11-22, found {dt}")),
    }
}

/// Today in Japan (UTC+9, no daylight saving), whatever the machine's zone.
pub(crate) fn today_in_japan(now_utc: chrono::DateTime<chrono::Utc>) -> NaiveDate {
    (now_utc + chrono::Duration::hours(9)).date_naive()
}
