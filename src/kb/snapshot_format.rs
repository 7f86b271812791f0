// The byte layout of a knowledge-base snapshot, shared by the encoder (build.rs, which
// includes this file with `#[path]`) and the decoder (`kb::snapshot`). See `snapshot.rs` for
// the format as a whole. Kept dependency-free so the build script can include it.

/// Tags: the first byte of every encoded value.
pub(crate) const STRING: u8 = 0;
pub(crate) const INTEGER: u8 = 1;
pub(crate) const FLOAT: u8 = 2;
pub(crate) const FALSE: u8 = 3;
pub(crate) const TRUE: u8 = 4;
pub(crate) const DATETIME: u8 = 5;
pub(crate) const ARRAY: u8 = 6;
pub(crate) const TABLE: u8 = 7;

/// The first bytes of every snapshot, to reject a blob of another format version.
pub(crate) const MAGIC: &[u8; 4] = b"KBS1";
