//! `explainer-content`: the content compiler's command line.

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage:
  explainer-content check <content-dir>            validate, write nothing
  explainer-content build <content-dir> <out-dir>  validate and write JSON + plain HTML pages
  explainer-content shells [<dist-dir>]            finish the built site: CSP, a page per route, oEmbed,
                                                   service worker (default dir: $TRUNK_STAGING_DIR, for a
                                                   Trunk post_build hook; EXPLAINER_SW=off skips the worker,
                                                   EXPLAINER_SITE_URL sets the public URL used by oEmbed)
  explainer-content split [<dist-dir>]             cut the staged hydrating wasm into a main module and lazily
                                                   loaded chunks (Trunk post_build hook, before shells; reads
                                                   <target>/wasm32-unknown-unknown/release/explainer.wasm)";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.as_slice() {
        ["check", dir] => compile(dir, None),
        ["build", dir, out] => compile(dir, Some(PathBuf::from(out))),
        ["shells"] | ["shells", _] => {
            let Some(dist) = staging_dir(&args, "shells") else {
                return ExitCode::from(2);
            };
            match explainer_compiler::site::finish_site(
                &dist,
                &explainer_compiler::site::SiteOptions::from_env(),
            ) {
                Ok(summary) => {
                    eprintln!("{}: {summary}", dist.display());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("shells: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        ["split"] | ["split", _] => {
            let Some(dist) = staging_dir(&args, "split") else {
                return ExitCode::from(2);
            };
            let target = std::env::var_os("CARGO_TARGET_DIR")
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from("target"));
            let input = target.join("wasm32-unknown-unknown/release/explainer.wasm");
            match explainer_compiler::split::split_site(&dist, &input, &target.join("wasm-split")) {
                Ok(summary) => {
                    eprintln!("split: {summary}");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("split: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// The dist directory a post_build step works on: its argument, else the one Trunk names; `None` (said) if
/// neither is there.
fn staging_dir(args: &[&str], cmd: &str) -> Option<PathBuf> {
    let dist = args
        .get(1)
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("TRUNK_STAGING_DIR").map(PathBuf::from));
    if dist.is_none() {
        eprintln!("{cmd}: no dist directory given and TRUNK_STAGING_DIR is not set");
    }
    dist
}

fn compile(dir: &str, out: Option<PathBuf>) -> ExitCode {
    match explainer_compiler::compile_dir(dir.as_ref()) {
        Ok(c) => {
            for w in &c.warnings {
                eprintln!("{w}");
            }
            let terms: usize = c.articles.iter().map(|a| a.glossary.len()).sum();
            if let Some(out) = out {
                if let Err(e) = explainer_compiler::write_output(&c, &out) {
                    eprintln!("{}: cannot write output: {e}", out.display());
                    return ExitCode::FAILURE;
                }
                eprintln!(
                    "compiled {} article(s), {terms} terms → {}",
                    c.articles.len(),
                    out.display()
                );
            } else {
                eprintln!("ok: {} article(s), {terms} terms", c.articles.len());
            }
            ExitCode::SUCCESS
        }
        Err(errors) => {
            for e in &errors {
                eprintln!("{e}");
            }
            eprintln!("{} error(s); nothing written", errors.len());
            ExitCode::FAILURE
        }
    }
}
