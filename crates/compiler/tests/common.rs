//! Helpers: a throwaway content directory with one small, valid article that tests then break.
#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

pub const ARTICLE_TOML: &str = r#"title = "Test article"
date = "2026-04-30"
papers = ["GS2"]
summary = "A test."

[source]
name = "Tests"

[brief]
file = "brief.html"
title = "Brief"

[full]
file = "full.html"
title = "Full"
"#;

pub const BRIEF: &str = r#"<h3>Overview</h3>
<p>The <span class="key-term" data-definition="NATO — A military alliance (GS2: International Relations)">NATO</span> met.</p>
"#;

pub const FULL: &str = "<p>Italy and NATO talked in Rome.</p>\n";

pub const GLOSSARY: &str = r#"[[term]]
id = "italy"
term = "Italy"
aliases = ["Rome"]
definition = "A country."
tags = ["GS2: International Relations"]
"#;

static N: AtomicUsize = AtomicUsize::new(0);

/// A content dir with `files` (relative path → text) under `content/a/` plus the defaults not overridden.
pub struct Fixture {
    pub root: PathBuf,
}

impl Fixture {
    pub fn new(overrides: &[(&str, &str)]) -> Self {
        let root = std::env::temp_dir().join(format!(
            "explainer-test-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ));
        let _ = fs::remove_dir_all(&root);
        let dir = root.join("content/a");
        fs::create_dir_all(&dir).unwrap();
        for (name, text) in [
            ("article.toml", ARTICLE_TOML),
            ("brief.html", BRIEF),
            ("full.html", FULL),
            ("glossary.toml", GLOSSARY),
        ] {
            fs::write(dir.join(name), text).unwrap();
        }
        for (name, text) in overrides {
            fs::write(dir.join(name), text).unwrap();
        }
        Self { root }
    }

    pub fn content(&self) -> PathBuf {
        self.root.join("content")
    }

    pub fn out(&self) -> PathBuf {
        self.root.join("out")
    }

    /// Runs `explainer-content build`; returns (success, stderr).
    pub fn build(&self) -> (bool, String) {
        let o = Command::new(env!("CARGO_BIN_EXE_explainer-content"))
            .arg("build")
            .arg(self.content())
            .arg(self.out())
            .output()
            .unwrap();
        (
            o.status.success(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )
    }

    /// Builds expecting failure: nothing may be written; returns the error lines (paths made relative to the
    /// article directory).
    pub fn errors(&self) -> Vec<String> {
        self.errors_under(&self.content().join("a"))
    }

    /// Like `errors`, with paths made relative to the content directory (for problems outside `content/a/`).
    pub fn content_errors(&self) -> Vec<String> {
        self.errors_under(&self.content())
    }

    fn errors_under(&self, dir: &Path) -> Vec<String> {
        let (ok, stderr) = self.build();
        assert!(!ok, "expected failure, got success:\n{stderr}");
        assert!(!self.out().exists(), "nothing may be written on error");
        let prefix = format!("{}/", dir.display());
        stderr
            .lines()
            .filter(|l| !l.ends_with("nothing written"))
            .map(|l| l.replace(&prefix, ""))
            .collect()
    }

    /// Writes raw bytes (e.g. not UTF-8) into the article directory.
    pub fn write_bytes(&self, name: &str, bytes: &[u8]) {
        fs::write(self.content().join("a").join(name), bytes).unwrap();
    }
}

impl Drop for Fixture {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.root);
    }
}

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}
