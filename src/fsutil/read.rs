//! Reading files: only regular files, with a size limit, as UTF-8 text. (Its own file, so
//! that `build.rs` can read the knowledge base with the same code without the writing side's
//! dependencies.)

use std::path::Path;

/// The most an answers file, a scenario or the saved profile may hold: a few hundred lines are
/// plenty, and a limit keeps `--answers /dev/zero`-like mistakes from filling memory.
pub(crate) const SMALL_FILE_LIMIT: u64 = 1 << 20;

/// The most one knowledge-base file may hold.
pub(crate) const KB_FILE_LIMIT: u64 = 8 << 20;

/// Why a file could not be read as text.
#[derive(Debug)]
pub(crate) enum ReadError {
    /// Not there (or a dangling link).
    NotFound(std::io::Error),
    /// A directory, FIFO, device or socket: refused before opening, so a FIFO never blocks.
    NotRegular(FileKind),
    /// Larger than the limit (in bytes).
    TooLarge(u64),
    /// Not text: invalid UTF-8 or a NUL byte at this byte offset.
    NotText(usize),
    /// Another I/O error (permissions, ...).
    Io(std::io::Error),
}

impl ReadError {
    /// Bad data (too large, not text, a special file) rather than a path that cannot be read.
    pub(crate) fn is_bad_data(&self) -> bool {
        matches!(self, ReadError::TooLarge(_) | ReadError::NotText(_))
    }
}

/// What kind of file a path is, for messages (`kb::messages::load::file_kind` words it in
/// both languages).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FileKind {
    Fifo,
    Device,
    Socket,
    Directory,
    Symlink,
    Regular,
    Special,
}

/// What kind of file this is.
pub(crate) fn kind_of(ft: std::fs::FileType) -> FileKind {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return FileKind::Fifo;
        }
        if ft.is_char_device() || ft.is_block_device() {
            return FileKind::Device;
        }
        if ft.is_socket() {
            return FileKind::Socket;
        }
    }
    if ft.is_dir() {
        FileKind::Directory
    } else if ft.is_symlink() {
        FileKind::Symlink
    } else if ft.is_file() {
        FileKind::Regular
    } else {
        FileKind::Special
    }
}

/// Reads a regular file (following symbolic links) as UTF-8 text of at most `limit` bytes.
/// Anything else is refused before it is opened for reading, so a FIFO or a device never blocks
/// and never fills memory.
pub(crate) fn read_text(path: &Path, limit: u64) -> Result<String, ReadError> {
    use std::io::Read;
    let io = |e: std::io::Error| {
        if e.kind() == std::io::ErrorKind::NotFound {
            ReadError::NotFound(e)
        } else {
            ReadError::Io(e)
        }
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(kind_of(meta.file_type())));
    }
    let file = std::fs::File::open(path).map_err(io)?;
    // The path could have been swapped between the two looks: check what was opened.
    let meta = file.metadata().map_err(io)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(kind_of(meta.file_type())));
    }
    if meta.len() > limit {
        return Err(ReadError::TooLarge(limit));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(limit + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge(limit));
    }
    if let Some(nul) = bytes.iter().position(|b| *b == 0) {
        return Err(ReadError::NotText(nul));
    }
    String::from_utf8(bytes).map_err(|e| ReadError::NotText(e.utf8_error().valid_up_to()))
}
