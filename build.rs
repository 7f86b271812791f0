//! Embeds the knowledge base under `data/` in the binary, so the default knowledge base needs no
//! files at run time and a new step file needs no code change.
//!
//! It writes two files for `src/embedded.rs`:
//! - `embedded_kb.rs`: each file's name and text (`include_str!`), for `kb check` and for
//!   diagnostics that quote a line;
//! - `kb.postcard`: the knowledge base loaded by the program's own code (the modules below are
//!   the program's `kb`, `calendar`, `dates` and file reading, compiled into this script) and
//!   stored with `postcard`, so a command starts from the checked, resolved model.
//!
//! A knowledge base with errors stops the build with the same report as `mynumber kb check`.

// The program's modules, of which this script uses only the loading.
#![allow(dead_code, unreachable_pub, unused_imports)]

use std::borrow::Cow;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[path = "src/calendar/mod.rs"]
mod calendar;
#[path = "src/dates.rs"]
mod dates;
#[path = "src/fsutil/read.rs"]
mod fsutil;
#[path = "src/kb/mod.rs"]
mod kb;

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

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?);
    let out_dir = PathBuf::from(std::env::var("OUT_DIR")?);
    let data = root.join("data");
    println!("cargo:rerun-if-changed=data");
    println!("cargo:rerun-if-changed=src/kb");
    println!("cargo:rerun-if-changed=src/calendar");
    let mut paths = Vec::new();
    collect(&data, &mut paths)?;
    paths.sort();
    let mut kb_date = String::new();
    let mut code = String::from(
        "/// `(name under data/, text)`\n\
         pub(crate) static FILES: &[(&str, &str)] = &[\n",
    );
    let mut files = Vec::new();
    for f in &paths {
        println!("cargo:rerun-if-changed={}", f.display());
        let rel = f.strip_prefix(&data)?.to_string_lossy().replace('\\', "/");
        let text = std::fs::read_to_string(f)?;
        if let Ok(table) = text.parse::<toml::Table>() {
            newest_date(&toml::Value::Table(table), &mut kb_date);
        }
        writeln!(
            code,
            "    ({rel:?}, include_str!({:?})),",
            f.display().to_string()
        )?;
        files.push(kb::SourceFile {
            name: format!("data/{rel}"),
            text: Cow::Owned(text),
        });
    }
    code.push_str("];\n");
    std::fs::write(out_dir.join("embedded_kb.rs"), code)?;
    let kb = kb::Kb::from_files(files, "data/")
        .map_err(|e| format!("the knowledge base in data/ has errors:\n{}", e.render()))?;
    std::fs::write(out_dir.join("kb.postcard"), postcard::to_stdvec(&kb)?)?;
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
