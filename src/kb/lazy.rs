//! A part of the knowledge base decoded when first used.
//!
//! The embedded knowledge base is stored at build time (see `src/embedded.rs`). Most commands
//! read a small part of it: `plan` shows the texts of the steps that apply and never opens the
//! glossary. A [`Lazy`] part is stored as its own bytes (postcard, inside the knowledge base's
//! postcard), kept as bytes when the knowledge base is read, and decoded on first use. Read from
//! TOML (a `--kb` directory, or `build.rs`) it holds its value from the start.

use std::ops::{Deref, DerefMut};
use std::sync::OnceLock;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Debug, Clone)]
pub struct Lazy<T> {
    value: OnceLock<T>,
    /// The stored form, when `value` is not decoded yet.
    stored: Vec<u8>,
}

impl<T> Lazy<T> {
    pub(crate) fn new(value: T) -> Lazy<T> {
        Lazy {
            value: OnceLock::from(value),
            stored: Vec::new(),
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
        if self.value.get().is_none() {
            let value: T = postcard::from_bytes(&self.stored)
                .unwrap_or_else(|e| panic!("the stored knowledge base is inconsistent: {e}"));
            self.value = OnceLock::from(value);
        }
        self.value
            .get_mut()
            .unwrap_or_else(|| unreachable!("set above"))
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
        if s.is_human_readable() {
            return self.decoded().serialize(s);
        }
        let bytes = postcard::to_stdvec(self.decoded()).map_err(serde::ser::Error::custom)?;
        s.serialize_bytes(&bytes)
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for Lazy<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        if d.is_human_readable() {
            return T::deserialize(d).map(Lazy::new);
        }
        let stored = serde_bytes::ByteBuf::deserialize(d)?.into_vec();
        Ok(Lazy {
            value: OnceLock::new(),
            stored,
        })
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
        let back: Vec<Lazy<Part>> = postcard::from_bytes(&bytes).unwrap();
        assert!(back[0].value.get().is_none(), "not decoded before use");
        assert_eq!(*back[0], part);
        assert!(back[0].value.get().is_some());
    }

    #[test]
    fn read_from_toml_it_holds_its_value() {
        #[derive(serde::Deserialize)]
        struct Doc {
            part: Lazy<Part>,
        }
        let doc: Doc = toml::from_str("part = { text = 'x', n = 3 }").unwrap();
        assert!(doc.part.value.get().is_some());
        assert_eq!(doc.part.n, 3);
    }
}
