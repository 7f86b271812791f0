//! Diagnostics of loading the files (`kb`, `embedded`), and why a file cannot be read as text
//! (`fsutil`'s errors, worded here so that the knowledge base can report them; the tool's other
//! messages use the same words through `wording::messages`).

use crate::fsutil::{FileKind, ReadError};
use crate::kb::text::{Text, messages, nest};

messages! {
    /// A `--kb` directory and its files.
    cannot_read_file(reason) =>
        "cannot read this file: {reason}",
        "このファイルを読めません：{reason}";
    cannot_read_dir(reason) =>
        "cannot read this directory: {reason}",
        "このディレクトリを読めません：{reason}";
    too_many_entries(max) =>
        "more than {max} files and directories; this does not look like a knowledge base",
        "ファイルとディレクトリが{max}件を超えています。知識ベースのディレクトリではないようです。";
    nested_too_deep(max) =>
        "directories nested more than {max} deep are not read",
        "{max}階層より深いディレクトリは読み込みません。";
    link_outside() =>
        "a symbolic link to something outside the knowledge-base directory (or to nothing) is not followed",
        "知識ベースのディレクトリの外を指すシンボリックリンクや、何も指さないシンボリックリンクはたどりません。";
    layout() =>
        "--kb takes a directory laid out like data/: facts.toml, statuses.toml, vocabulary.toml, derived.toml, calendar.toml, glossary.toml, steps/*.toml, municipalities/*.toml",
        "--kb には data/ と同じ構成のディレクトリを指定してください。`facts.toml`、`statuses.toml`、`vocabulary.toml`、`derived.toml`、`calendar.toml`、`glossary.toml`、`steps/*.toml`、`municipalities/*.toml` です。";
    /// After the first problems listed (`kb::diag`).
    one_more_problem(shown) =>
        "... and 1 more problem not shown (only the first {shown} are listed)",
        "ほかに問題が1件あります。表示しているのは最初の{shown}件だけです。";
    more_problems(more, shown) =>
        "... and {more} more problems not shown (only the first {shown} are listed)",
        "ほかに問題が{more}件あります。表示しているのは最初の{shown}件だけです。";
    missing_file(name) =>
        "the knowledge base has no {name}",
        "知識ベースに {name} がありません。";
    not_a_kb_file() =>
        "this file is not part of a knowledge base",
        "このファイルは知識ベースのファイルではありません。";
    kb_files_help() =>
        "expected facts.toml, statuses.toml, vocabulary.toml, derived.toml, calendar.toml, glossary.toml, steps/*.toml or municipalities/<code>.toml",
        "知識ベースのファイルは `facts.toml`、`statuses.toml`、`vocabulary.toml`、`derived.toml`、`calendar.toml`、`glossary.toml`、`steps/*.toml`、`municipalities/<code>.toml` のどれかです。";
    /// The TOML parser's own message (syntax, or a value the schema does not take) is kept as
    /// it is, after a sentence in the reader's language.
    toml_error(detail) =>
        "{detail}",
        "知識ベースのファイルとして読めません。TOML パーサーの説明：{detail}";
    /// The knowledge base built into the program.
    stored_unreadable(reason) =>
        "the knowledge base stored in this program could not be read ({reason}); this is a bug: please report it",
        "このプログラムに格納された知識ベースを読み込めませんでした（{reason}）。プログラムの不具合ですので、報告してください。";
    /// Why a file is not read as text (answers files, the profile, scenarios, a `--kb`
    /// directory's files).
    kind_fifo() => "a FIFO (named pipe)", "FIFO（名前付きパイプ）";
    kind_device() => "a device", "デバイス";
    kind_socket() => "a socket", "ソケット";
    kind_directory() => "a directory", "ディレクトリ";
    kind_symlink() => "a symbolic link", "シンボリックリンク";
    kind_regular() => "a regular file", "通常のファイル";
    kind_special() => "a special file", "特殊なファイル";
    read_not_regular(kind) =>
        "it is {kind}, not a regular file; only regular files are read",
        "通常のファイルではなく{kind}です。読み込むのは通常のファイルだけです";
    read_too_large(mib) =>
        "it is larger than {mib} MiB, more than such a file ever needs",
        "{mib} MiB を超えています。このファイルにそれほどの大きさは必要ありません";
    read_not_text(offset) =>
        "it is not UTF-8 text (byte {offset} is not); expected a TOML text file",
        "UTF-8 のテキストではありません。バイト位置 {offset} が UTF-8 ではありません。TOML のテキストファイルを指定してください";
}

/// What kind of file a path is, in both languages.
pub(crate) fn file_kind(k: FileKind) -> Text {
    match k {
        FileKind::Fifo => kind_fifo(),
        FileKind::Device => kind_device(),
        FileKind::Socket => kind_socket(),
        FileKind::Directory => kind_directory(),
        FileKind::Symlink => kind_symlink(),
        FileKind::Regular => kind_regular(),
        FileKind::Special => kind_special(),
    }
}

/// Why a file could not be read as text, in both languages (the system's own words for an
/// I/O error are kept as they are).
pub(crate) fn read_error(e: &ReadError) -> Text {
    match e {
        ReadError::NotFound(e) | ReadError::Io(e) => Text::from(e.to_string()),
        ReadError::NotRegular(kind) => nest(&file_kind(*kind), |k| read_not_regular(k)),
        ReadError::TooLarge(limit) => read_too_large(limit >> 20),
        ReadError::NotText(offset) => read_not_text(offset),
    }
}
