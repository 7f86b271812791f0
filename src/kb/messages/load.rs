//! Diagnostics of loading the files (`kb`, `embedded`).

use crate::kb::text::messages;

messages! {}
