//! Files, carefully. Writing: a temporary file in the same directory, flushed, then renamed
//! over the target, so a crash or Ctrl-C never leaves half a file; `-o` writes only regular
//! files. Reading: only regular files, with a size limit, as UTF-8 text.

use std::io::Write;
use std::path::{Path, PathBuf};

mod read;

pub(crate) use read::{FileKind, KB_FILE_LIMIT, ReadError, SMALL_FILE_LIMIT, kind_of, read_text};

/// Writes `bytes` to `path` atomically; with `private`, the file is readable only by its owner
/// (0600 on Unix) from the moment it exists, else 0644.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8], private: bool) -> std::io::Result<()> {
    write_atomic_as(path, bytes, Mode::New(if private { 0o600 } else { 0o644 }))
}

/// Why a path is left alone rather than written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// A symbolic link to nothing (or to a loop).
    LinkToNothing,
    NotRegular(FileKind),
    ReadOnly,
}

/// Why `-o` would not write a path.
#[derive(Debug)]
pub(crate) enum OutputError {
    /// Not a regular file (or a link to one): left alone, with the reason.
    Refused(Refusal),
    Io(std::io::Error),
}

impl From<std::io::Error> for OutputError {
    fn from(e: std::io::Error) -> Self {
        OutputError::Io(e)
    }
}

/// Writes a command's product to `-o PATH` without destroying anything: a new file is created
/// (0644), an existing regular file is replaced atomically keeping its permissions, a symbolic
/// link is written through to the regular file it points to, and anything else (a directory,
/// FIFO, device, socket, a link to one of those or to nothing) is refused untouched.
pub(crate) fn write_output_file(path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    match write_target(path)? {
        None => Ok(write_atomic_as(path, bytes, Mode::New(0o644))?),
        Some((target, meta)) => Ok(write_atomic_as(
            &target,
            bytes,
            Mode::Keep(meta.permissions()),
        )?),
    }
}

/// Where writing `path` goes: `None` when nothing is there yet, else the regular file itself or
/// the one a symbolic link points to, with its metadata. Anything else, and a read-only file,
/// is refused.
pub(crate) fn write_target(
    path: &Path,
) -> Result<Option<(PathBuf, std::fs::Metadata)>, OutputError> {
    let meta = match std::fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    let (target, meta) = if meta.file_type().is_symlink() {
        let target = std::fs::canonicalize(path)
            .map_err(|_| OutputError::Refused(Refusal::LinkToNothing))?;
        let meta = std::fs::metadata(&target)?;
        (target, meta)
    } else {
        (path.to_path_buf(), meta)
    };
    if !meta.is_file() {
        return Err(OutputError::Refused(Refusal::NotRegular(kind_of(
            meta.file_type(),
        ))));
    }
    if meta.permissions().readonly() {
        return Err(OutputError::Refused(Refusal::ReadOnly));
    }
    Ok(Some((target, meta)))
}

/// The permissions a file written atomically gets.
pub(crate) enum Mode {
    /// A new file, with this Unix mode (ignored elsewhere).
    New(u32),
    /// Those of the file it replaces.
    Keep(std::fs::Permissions),
}

/// [`write_atomic`] with explicit permissions, set on the temporary file before any byte is
/// written. The temporary file is removed on every error (it is deleted when dropped).
pub(crate) fn write_atomic_as(path: &Path, bytes: &[u8], mode: Mode) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)?;
    match mode {
        Mode::Keep(p) => tmp.as_file().set_permissions(p)?,
        #[cfg(unix)]
        Mode::New(m) => {
            use std::os::unix::fs::PermissionsExt;
            tmp.as_file()
                .set_permissions(std::fs::Permissions::from_mode(m))?;
        }
        #[cfg(not(unix))]
        Mode::New(_) => {}
    }
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Temporary files written next to their target are named `.mynumber-XXXXXX.tmp`.
pub(crate) const TEMP_PREFIX: &str = ".mynumber-";
pub(crate) const TEMP_SUFFIX: &str = ".tmp";
