//! Embeds every file under `data/` into the binary, so the default knowledge base needs no
//! files at run time and a new step file needs no code change: `embedded_kb.rs` lists each
//! file's name and text (`include_str!`), and the program parses them like a `--kb` directory.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

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
    let mut files = Vec::new();
    collect(&data, &mut files)?;
    files.sort();
    let mut kb_date = String::new();
    let mut code = String::from(
        "/// `(name under data/, text)`\n\
         pub(crate) static FILES: &[(&str, &str)] = &[\n",
    );
    for f in &files {
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
