//! The knowledge base's diagnostics, in English and Japanese: the part of the message catalogue
//! the knowledge base words itself (it may not import `wording`, which is above it). Written
//! with the same `messages!` macro and checked by the same tests as `wording::messages`. One
//! file per module that reports.

pub(crate) mod calendar;
pub(crate) mod glossary;
pub(crate) mod load;
pub(crate) mod overlay;
pub(crate) mod validate;

/// Every message of each file, as written: (name, English, Japanese).
#[cfg(test)]
pub(crate) const ALL: [&[(&str, &str, &str)]; 5] = [
    calendar::ALL,
    glossary::ALL,
    load::ALL,
    overlay::ALL,
    validate::ALL,
];
