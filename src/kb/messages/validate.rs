//! Diagnostics of checking and resolving steps, facts and statuses (`kb::validate`).

use crate::kb::text::messages;

messages! {}
