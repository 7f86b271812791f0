//! Diagnostics of the glossary (`kb::glossary`).

use crate::kb::text::messages;

messages! {}
