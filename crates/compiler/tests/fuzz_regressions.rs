//! Inputs the fuzzers (fuzz/, scripts/fuzz) found to break the compiler, reduced by hand to what matters.
//! Each test failed before its fix; bench/fuzz.md lists the runs that found them.

mod common;
use common::*;

/// compile_html, crash-b367d58b…: a sentence mark after a word that follows a multi-byte space (U+2000 in
/// the crash; a no-break space does the same) panicked with "byte index is not a char boundary".
#[test]
fn unicode_space_before_a_full_stop() {
    let f = Fixture::new(&[(
        "full.html",
        "<p>Italy and NATO talked in Rome.</p>\n<p>Over\u{2000}here. Then&nbsp;Italy. Next\u{3000}one! Yes</p>\n",
    )]);
    let (ok, stderr) = f.build();
    assert!(ok, "{stderr}");
}

/// compile_content, crash-7c796025…: a message quoting what the author wrote (here an attribute value that
/// runs over several lines) was printed over several lines, so it was no longer one `file:line:col: message`.
#[test]
fn a_diagnostic_quoting_a_line_break_stays_one_line() {
    let f = Fixture::new(&[(
        "full.html",
        "<p>Italy and NATO talked in Rome.</p>\n<p><span class=\"no-link\nx\">y</span></p>\n",
    )]);
    assert_eq!(
        f.errors(),
        ["full.html:2:17: class `no-link\\nx` is not allowed on <span> (use key-term or no-link)"]
    );
    let f = Fixture::new(&[(
        "glossary.toml",
        &GLOSSARY.replace("id = \"italy\"", "id = \"it\\u001b[2Jaly\\r\""),
    )]);
    assert_eq!(
        f.errors(),
        ["glossary.toml:2:6: term id `it\\u{1b}[2Jaly\\r` is not valid: use lowercase letters, digits and `-`"]
    );
}
