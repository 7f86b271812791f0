//! Diagnostics of municipal overlays (`kb::municipality`).

use crate::kb::text::messages;

messages! {}
