//! The interactive interview: asks for missing facts, generated from the knowledge base.
