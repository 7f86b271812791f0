//! Tests: explain.
