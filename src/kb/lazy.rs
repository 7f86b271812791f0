//! A part of the knowledge base decoded when first used.
//!
//! The embedded knowledge base is stored at build time (see `src/embedded.rs`). Most commands
//! read a small part of it: `plan` shows the texts of the steps that apply and never opens the
//! glossary. A [`Lazy`] part is stored as its own bytes (postcard, inside the knowledge base's
//! postcard); reading the knowledge base only notes where those bytes are in the binary, and
//! the part is decoded on first use. Loaded from TOML files (a `--kb` directory, or `build.rs`)
//! it holds its value from the start ([`Lazy::new`]).
//!
//! Only data that lives as long as the program (the embedded bytes) can be read this way: a
//! type holding a `Lazy` is read with `#[serde(bound(deserialize = "'de: 'static"))]`.

use std::borrow::Cow;
use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync::OnceLock;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Debug, Clone)]
pub struct Lazy<T> {
    value: OnceLock<T>,
    /// The stored form, when `value` is not decoded yet.
    stored: Cow<'static, [u8]>,
}

impl<T> Lazy<T> {
    pub(crate) fn new(value: T) -> Lazy<T> {
        Lazy {
            value: OnceLock::from(value),
            stored: Cow::Borrowed(&[]),
        }
    }
}

impl<T: DeserializeOwned> Lazy<T> {
    fn decoded(&self) -> &T {
        self.value.get_or_init(|| {
            // The bytes were written by `build.rs` from this very type, and a test decodes
            // every part (`embedded::tests`): failing here is a bug in the program, never a
            // problem with anything a person gave.
            postcard::from_bytes(&self.stored)
                .unwrap_or_else(|e| panic!("the stored knowledge base is inconsistent: {e}"))
        })
    }
}

impl<T: DeserializeOwned> Deref for Lazy<T> {
    type Target = T;
    fn deref(&self) -> &T {
        self.decoded()
    }
}

impl<T: DeserializeOwned> DerefMut for Lazy<T> {
    fn deref_mut(&mut self) -> &mut T {
        self.decoded();
        self.value
            .get_mut()
            .unwrap_or_else(|| unreachable!("decoded above"))
    }
}

impl<'a, T: DeserializeOwned> IntoIterator for &'a Lazy<Vec<T>> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.decoded().iter()
    }
}

impl<T: Serialize + DeserializeOwned> Serialize for Lazy<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let bytes = postcard::to_stdvec(self.decoded()).map_err(serde::ser::Error::custom)?;
        s.serialize_bytes(&bytes)
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for Lazy<T>
where
    'de: 'static,
{
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let stored = d.deserialize_bytes(StoredBytes)?;
        Ok(Lazy {
            value: OnceLock::new(),
            stored,
        })
    }
}

/// The stored bytes: borrowed from the embedded knowledge base, copied from anything else.
struct StoredBytes;

impl<'de> serde::de::Visitor<'de> for StoredBytes
where
    'de: 'static,
{
    type Value = Cow<'static, [u8]>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the bytes of a stored part of the knowledge base")
    }
    fn visit_borrowed_bytes<E: serde::de::Error>(self, v: &'de [u8]) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }
    fn visit_bytes<E: serde::de::Error>(self, v: &[u8]) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_vec()))
    }
}

#[cfg(test)]
mod tests {
    use super::Lazy;

    #[derive(serde::Serialize, serde::Deserialize, Debug, PartialEq, Clone)]
    struct Part {
        text: String,
        n: u32,
    }

    #[test]
    fn stored_it_is_decoded_on_first_use_and_equals_what_was_stored() {
        let part = Part {
            text: "転入届".to_string(),
            n: 14,
        };
        let bytes = postcard::to_stdvec(&vec![Lazy::new(part.clone())]).unwrap();
        // As the embedded knowledge base, bytes that live as long as the program.
        let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
        let back: Vec<Lazy<Part>> = postcard::from_bytes(bytes).unwrap();
        assert!(
            matches!(back[0].stored, std::borrow::Cow::Borrowed(_)),
            "not copied"
        );
        assert!(back[0].value.get().is_none(), "not decoded before use");
        assert_eq!(*back[0], part);
        assert!(back[0].value.get().is_some());
    }
}
