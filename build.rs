//! Embeds every file under `data/` into the binary, so the default knowledge base needs no
//! files at run time and a new step file needs no code change.
//!
//! Each file is also parsed here, once, into a snapshot (see `src/kb/snapshot.rs` for why and
//! for the format): loading the embedded knowledge base then skips TOML parsing, which was
//! most of its cost. A file that does not parse gets no snapshot, and the program parses its
//! text at run time, reporting the error where it is.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use toml::de::{DeTable, DeValue};

#[path = "src/kb/snapshot_format.rs"]
mod format;

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
    Ok(())
}

/// Writes one file's value tree in the snapshot format.
struct Encoder<'t> {
    /// The file's text: most strings are found in it and stored as a range of it.
    text: &'t str,
    /// Strings that are not in the text as written (they had escapes).
    extra: String,
    extra_at: HashMap<String, usize>,
    out: Vec<u8>,
}

impl Encoder<'_> {
    fn varint(&mut self, mut n: u64) {
        loop {
            let byte = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                self.out.push(byte);
                return;
            }
            self.out.push(byte | 0x80);
        }
    }

    /// A number stored as 4 bytes (read faster than a varint); `None` if it does not fit.
    fn u32(&mut self, n: usize) -> Option<()> {
        self.out
            .extend_from_slice(&u32::try_from(n).ok()?.to_le_bytes());
        Some(())
    }

    /// A span, as start and length.
    fn span(&mut self, span: &std::ops::Range<usize>) -> Option<()> {
        self.u32(span.start)?;
        self.u32(span.end.checked_sub(span.start)?)
    }

    /// A string, as `(offset << 1 | in_extra, len)`; `span` is where it was written.
    fn string(&mut self, s: &str, span: &std::ops::Range<usize>) -> Option<()> {
        let quoted = span.start + 1..span.end.saturating_sub(1);
        let in_text = if self.text.get(quoted.clone()) == Some(s) {
            Some(quoted.start)
        } else if self.text.get(span.clone()) == Some(s) {
            Some(span.start)
        } else {
            self.text.find(s)
        };
        let tagged = if let Some(at) = in_text {
            at << 1
        } else {
            let at = if let Some(&at) = self.extra_at.get(s) {
                at
            } else {
                let at = self.extra.len();
                self.extra.push_str(s);
                self.extra_at.insert(s.to_string(), at);
                at
            };
            (at << 1) | 1
        };
        self.u32(tagged)?;
        self.u32(s.len())
    }

    /// A value: tag, span (start, length), payload. `None` if a number is out of the range
    /// the snapshot stores (the run-time parser then handles the file).
    fn value(&mut self, v: &DeValue<'_>, span: std::ops::Range<usize>) -> Option<()> {
        let tag = match v {
            DeValue::String(_) => format::STRING,
            DeValue::Integer(_) => format::INTEGER,
            DeValue::Float(_) => format::FLOAT,
            DeValue::Boolean(false) => format::FALSE,
            DeValue::Boolean(true) => format::TRUE,
            DeValue::Datetime(_) => format::DATETIME,
            DeValue::Array(_) => format::ARRAY,
            DeValue::Table(_) => format::TABLE,
        };
        self.out.push(tag);
        self.span(&span)?;
        match v {
            DeValue::String(s) => self.string(s, &span)?,
            DeValue::Integer(i) => {
                let n = i64::from_str_radix(i.as_str(), i.radix()).ok()?;
                // Zig-zag, so small negative numbers stay short.
                self.varint(((n << 1) ^ (n >> 63)).cast_unsigned());
            }
            DeValue::Float(f) => {
                // As toml does: an overflow to infinity is an error unless written `inf`.
                let x: f64 = f.as_str().parse().ok()?;
                if x.is_infinite() && !f.as_str().contains("inf") {
                    return None;
                }
                self.out.extend_from_slice(&x.to_bits().to_le_bytes());
            }
            DeValue::Boolean(_) => {}
            DeValue::Datetime(d) => {
                let written = d.to_string();
                if written.parse::<toml::value::Datetime>().ok()? != *d {
                    return None;
                }
                self.string(&written, &span)?;
            }
            DeValue::Array(items) => {
                self.varint(items.len() as u64);
                for item in items {
                    self.value(item.get_ref(), item.span())?;
                }
            }
            DeValue::Table(table) => self.table(table)?,
        }
        Some(())
    }

    /// A table's entries, in the order toml gives them to a deserializer.
    fn table(&mut self, table: &DeTable<'_>) -> Option<()> {
        self.varint(table.len() as u64);
        for (k, v) in table {
            self.string(k.get_ref(), &k.span())?;
            self.value(v.get_ref(), v.span())?;
        }
        Some(())
    }
}

/// The snapshot of one file (blob, extra strings), or `None` if it does not parse.
fn snapshot(text: &str) -> Option<(Vec<u8>, String)> {
    let root = DeTable::parse(text).ok()?;
    let mut enc = Encoder {
        text,
        extra: String::new(),
        extra_at: HashMap::new(),
        out: format::MAGIC.to_vec(),
    };
    // The text's length, so a snapshot of another version of the file is not used.
    enc.varint(text.len() as u64);
    let span = root.span();
    enc.out.push(format::TABLE);
    enc.span(&span)?;
    enc.table(root.get_ref())?;
    Some((enc.out, enc.extra))
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?);
    let out_dir = PathBuf::from(std::env::var("OUT_DIR")?);
    let data = root.join("data");
    println!("cargo:rerun-if-changed=data");
    println!("cargo:rerun-if-changed=src/kb/snapshot_format.rs");
    let mut files = Vec::new();
    collect(&data, &mut files)?;
    files.sort();
    let mut kb_date = String::new();
    let snapshots = out_dir.join("kb_snapshots");
    std::fs::create_dir_all(&snapshots)?;
    let mut code = String::from(
        "/// `(name under data/, text, snapshot (blob, extra strings) if the text parses)`\n\
         pub(crate) type File = (&'static str, &'static str, Option<(&'static [u8], &'static str)>);\n\
         pub(crate) static FILES: &[File] = &[\n",
    );
    for (i, f) in files.iter().enumerate() {
        println!("cargo:rerun-if-changed={}", f.display());
        let rel = f.strip_prefix(&data)?.to_string_lossy().replace('\\', "/");
        let text = std::fs::read_to_string(f)?;
        if let Ok(table) = text.parse::<toml::Table>() {
            newest_date(&toml::Value::Table(table), &mut kb_date);
        }
        let snap = match snapshot(&text) {
            Some((blob, extra)) => {
                let blob_path = snapshots.join(format!("{i}.bin"));
                let extra_path = snapshots.join(format!("{i}.txt"));
                std::fs::write(&blob_path, blob)?;
                std::fs::write(&extra_path, extra)?;
                format!(
                    "Some((include_bytes!({:?}), include_str!({:?})))",
                    blob_path.display().to_string(),
                    extra_path.display().to_string()
                )
            }
            None => "None".to_string(),
        };
        writeln!(
            code,
            "    ({rel:?}, include_str!({:?}), {snap}),",
            f.display().to_string()
        )?;
    }
    code.push_str("];\n");
    std::fs::write(out_dir.join("embedded_kb.rs"), code)?;
    // `mynumber --version` names the knowledge base's date.
    println!("cargo:rustc-env=MYNUMBER_KB_DATE={kb_date}");
    Ok(())
}

/// The knowledge base's date: the newest source check (`checked`) or rule date (`from` of an
/// `effective` period or an `in_force` condition), as YYYY-MM-DD.
fn newest_date(value: &toml::Value, newest: &mut String) {
    match value {
        toml::Value::Table(t) => {
            for (key, v) in t {
                if let (true, toml::Value::Datetime(d)) = (key == "checked" || key == "from", v) {
                    if let Some(day) = d.date {
                        let day = day.to_string();
                        if day > *newest {
                            *newest = day;
                        }
                    }
                }
                newest_date(v, newest);
            }
        }
        toml::Value::Array(a) => a.iter().for_each(|v| newest_date(v, newest)),
        _ => {}
    }
}
