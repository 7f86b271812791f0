//! Diagnostics of the office calendar (`kb::calendar`).

use crate::kb::text::messages;

messages! {}
