//! A value with the byte range it was read from, so a later check can point at it.
//!
//! Read from TOML it is `toml::Spanned` (the range comes from the parser). The embedded
//! knowledge base is also stored with postcard at build time (see `src/embedded.rs`); there
//! the range is an ordinary field, as `toml::Spanned` can only be read back by the TOML parser.
//! A format says which it is with `is_human_readable`: TOML does, postcard does not.

use std::ops::Range;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A value and the bytes of its file it was read from. Compared by the value alone, like
/// `toml::Spanned`.
#[derive(Debug, Clone)]
pub struct Spanned<T> {
    span: Range<usize>,
    value: T,
}

impl<T> Spanned<T> {
    pub fn new(span: Range<usize>, value: T) -> Spanned<T> {
        Spanned { span, value }
    }
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }
    pub fn get_ref(&self) -> &T {
        &self.value
    }
    pub fn into_inner(self) -> T {
        self.value
    }
}

impl<T: PartialEq> PartialEq for Spanned<T> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl<T: Eq> Eq for Spanned<T> {}

/// The stored form: the range and the value.
#[derive(Serialize, Deserialize)]
struct Stored<T> {
    start: usize,
    end: usize,
    value: T,
}

impl<T: Serialize> Serialize for Spanned<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Stored {
            start: self.span.start,
            end: self.span.end,
            value: &self.value,
        }
        .serialize(s)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spanned<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        if d.is_human_readable() {
            let read = toml::Spanned::<T>::deserialize(d)?;
            Ok(Spanned::new(read.span(), read.into_inner()))
        } else {
            let Stored { start, end, value } = Stored::deserialize(d)?;
            Ok(Spanned::new(start..end, value))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Spanned;

    #[derive(serde::Deserialize, serde::Serialize)]
    struct Doc {
        name: Spanned<String>,
    }

    #[test]
    fn read_from_toml_it_keeps_the_position() {
        let doc: Doc = toml::from_str("name = \"arrival\"\n").unwrap();
        assert_eq!(doc.name.get_ref(), "arrival");
        assert_eq!(doc.name.span(), 7..16);
    }

    #[test]
    fn stored_and_read_back_it_keeps_the_position() {
        let doc: Doc = toml::from_str("\n\nname = 'x'").unwrap();
        let bytes = postcard::to_stdvec(&doc).unwrap();
        let back: Doc = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(back.name.get_ref(), "x");
        assert_eq!(back.name.span(), doc.name.span());
    }
}
