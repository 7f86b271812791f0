//! Tests: interview.
