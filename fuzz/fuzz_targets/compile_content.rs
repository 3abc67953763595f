//! The whole compiler on an arbitrary content directory: TOML files, HTML texts, quotes, validation, links,
//! translations. The input is the article's files separated by NUL bytes, in the order of `FILES` (a file
//! with no part is absent); they are written to a directory in memory (/dev/shm when there is one) and
//! compiled with `compile_dir`, exactly as `explainer-content build` does.
//!
//! Crashes on a panic, and on any broken promise of the compiler: every error is `file:line:col: message`
//! with a position inside the file it names; whatever is accepted renders with no active markup and is
//! accepted by the app's own check (`explainer_core::load::decode_article`).
#![no_main]

use explainer_compiler::corpus::unsafe_markup;
use explainer_compiler::{compile_dir, static_page};
use libfuzzer_sys::fuzz_target;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The parts of an input, in order (the names `article.toml` gives its texts are up to the input).
const FILES: [&str; 8] = [
    "article.toml",
    "brief.html",
    "full.html",
    "glossary.toml",
    "timeline.toml",
    "map.toml",
    "questions.toml",
    "hi.toml",
];

fn content_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let shm = Path::new("/dev/shm");
        let base = if shm.is_dir() {
            shm.to_path_buf()
        } else {
            std::env::temp_dir()
        };
        let root = base.join(format!("explainer-fuzz-{}", std::process::id()));
        let _ = fs::remove_dir_all(&root);
        fs::create_dir_all(root.join("content/a")).expect("work directory");
        root.join("content")
    })
}

/// Where a diagnostic points must exist: a line of the file, a column of that line (or just after it).
fn check_position(d: &explainer_compiler::diag::Diagnostic, content: &Path) {
    assert!(
        d.file.starts_with(content),
        "diagnostic about a file outside the content directory: {d}"
    );
    assert!(!d.message.trim().is_empty(), "empty message: {d}");
    // What is printed: one line of plain text, whatever the message quotes.
    assert!(
        !d.to_string().contains(char::is_control),
        "a diagnostic must print as one line without control characters: {d:?}"
    );
    let text = match fs::read(&d.file) {
        Ok(bytes) if d.file.is_file() => String::from_utf8_lossy(&bytes).into_owned(),
        // A directory, or a file that is not there: only the file itself can be meant.
        _ => {
            assert_eq!((d.line, d.col), (1, 1), "{d}");
            return;
        }
    };
    let lines: Vec<&str> = text.split('\n').collect();
    assert!(
        d.line >= 1 && d.line <= lines.len(),
        "line {} of a file with {} lines: {d}",
        d.line,
        lines.len()
    );
    let chars = lines[d.line - 1].chars().count();
    assert!(
        d.col >= 1 && d.col <= chars + 1,
        "column {} of a line of {chars} characters: {d}",
        d.col
    );
}

fuzz_target!(|data: &[u8]| {
    let content = content_dir();
    let dir = content.join("a");
    let mut parts = data.split(|b| *b == 0);
    for name in FILES {
        let path = dir.join(name);
        match parts.next() {
            Some(bytes) => fs::write(&path, bytes).expect("write input file"),
            None => {
                let _ = fs::remove_file(&path);
            }
        }
    }
    match compile_dir(content) {
        Ok(compiled) => {
            for d in &compiled.warnings {
                check_position(d, content);
            }
            for a in &compiled.articles {
                let body = static_page::render_body(a);
                let bad = unsafe_markup(&body);
                assert!(bad.is_empty(), "unsafe markup {bad:?} in\n{body}");
                let page = static_page::render(a);
                let title = &page[page.find("<title>").expect("title") + 7
                    ..page.find("</title>").expect("title end")];
                assert!(!title.contains('<'), "markup in the title: {title}");
                let json = serde_json::to_string(a).expect("serialises");
                if let Err(e) = explainer_core::load::decode_article(&json) {
                    panic!("the compiler accepted an article the app refuses: {e:?}");
                }
            }
        }
        Err(errors) => {
            assert!(!errors.is_empty(), "rejected without an error");
            for d in &errors {
                check_position(d, content);
            }
        }
    }
});
