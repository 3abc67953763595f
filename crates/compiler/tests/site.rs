//! The finished site (`explainer-content shells`): the service worker generated from the build output, the
//! route pages, the CSP of the shell, and the development opt-out. Built on a throwaway copy of a build made
//! of the seed article and stand-ins for Trunk's hashed assets.

use explainer_compiler::site::{finish_site, SiteOptions};
use explainer_compiler::{compile_dir, write_output};
use std::fs;
use std::path::{Path, PathBuf};

const SLUG: &str = "india-italy-defence-2026";

const SHELL: &str = r#"<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="explainer-base" content="/">
  <title>Articles</title>
  <link rel="stylesheet" href="/explainer-0123456789abcdef.css" integrity="sha384-x"/>
<script type="module">
import init from '/explainer-0123456789abcdef.js';
await init({ module_or_path: '/explainer-0123456789abcdef_bg.wasm' });
</script>
</head>
<body>
</body>
</html>
"#;

fn dist(name: &str) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dir = std::env::temp_dir().join(format!("explainer-site-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    let compiled = compile_dir(&root.join("content")).unwrap_or_else(|e| panic!("{e:?}"));
    write_output(&compiled, &dir.join("content")).unwrap();
    fs::write(dir.join("index.html"), SHELL).unwrap();
    for f in [
        "explainer-0123456789abcdef.js",
        "explainer-0123456789abcdef_bg.wasm",
        "explainer-0123456789abcdef.css",
        "embed.js",
    ] {
        fs::write(dir.join(f), format!("/* {f} */")).unwrap();
    }
    fs::create_dir_all(dir.join("icons")).unwrap();
    fs::write(dir.join("icons/icon-192.png"), b"png").unwrap();
    dir
}

fn on() -> SiteOptions {
    SiteOptions {
        site_url: "https://example.org/explainer/".into(),
        service_worker: true,
    }
}

/// The precache list and the version of the generated worker.
fn worker(dir: &Path) -> (Vec<String>, String) {
    let sw = fs::read_to_string(dir.join("sw.js")).expect("sw.js written");
    let list = sw
        .lines()
        .find_map(|l| l.strip_prefix("const PRECACHE = "))
        .expect("precache list")
        .trim_end_matches(';');
    let version = sw
        .lines()
        .find_map(|l| l.strip_prefix("const VERSION = '"))
        .expect("version")
        .trim_end_matches("';")
        .to_string();
    (serde_json::from_str(list).unwrap(), version)
}

#[test]
fn the_worker_precaches_every_built_file_but_the_route_copies() {
    let dir = dist("precache");
    finish_site(&dir, &on()).unwrap();
    let (precache, version) = worker(&dir);
    for f in [
        "index.html",
        "explainer-0123456789abcdef.js",
        "explainer-0123456789abcdef_bg.wasm",
        "explainer-0123456789abcdef.css",
        "embed.js",
        "icons/icon-192.png",
        "content/index.json",
        &format!("content/{SLUG}.json"),
        &format!("content/{SLUG}.html"),
        &format!("content/{SLUG}.oembed.json"),
    ] {
        assert!(
            precache.iter().any(|p| p == f),
            "{f} precached: {precache:?}"
        );
    }
    // Route pages exist (deep links on a plain server) but are not precached: offline, the worker answers
    // every route with index.html.
    assert!(dir.join(SLUG).join("glossary/nato/index.html").is_file());
    assert!(
        precache.iter().all(|p| !p.ends_with("/index.html")),
        "{precache:?}"
    );
    assert!(!precache.iter().any(|p| p == "sw.js"));
    assert_eq!(version.len(), 16);
    assert!(version.chars().all(|c| c.is_ascii_hexdigit()));
    // The strategies: hashed assets cache-first, the shell and content network-first, old caches dropped.
    let sw = fs::read_to_string(dir.join("sw.js")).unwrap();
    for needle in ["HASHED", "caches.delete", "activate", "fetch"] {
        assert!(sw.contains(needle), "worker has {needle}");
    }
    fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_version_follows_the_content_of_the_build() {
    // Two builds of the same files (each finished once, as Trunk's hook does), then one with changed content.
    let (a, b, c) = (dist("version-a"), dist("version-b"), dist("version-c"));
    let json = c.join(format!("content/{SLUG}.json"));
    let text = fs::read_to_string(&json).unwrap();
    fs::write(&json, text.replacen("India", "Bharat", 1)).unwrap();
    for d in [&a, &b, &c] {
        finish_site(d, &on()).unwrap();
    }
    assert_eq!(worker(&a).1, worker(&b).1, "same build, same version");
    assert_ne!(worker(&a).1, worker(&c).1, "changed content, new version");
    for d in [a, b, c] {
        fs::remove_dir_all(d).unwrap();
    }
}

#[test]
fn the_shell_gets_a_csp_with_the_loader_hash_and_the_development_opt_out_writes_no_worker() {
    let dir = dist("optout");
    let report = finish_site(
        &dir,
        &SiteOptions {
            service_worker: false,
            ..on()
        },
    )
    .unwrap();
    assert!(!dir.join("sw.js").exists(), "{report}");
    assert!(report.contains("no service worker"));
    let shell = fs::read_to_string(dir.join("index.html")).unwrap();
    let csp = shell
        .split("http-equiv=\"Content-Security-Policy\" content=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("CSP meta");
    assert!(csp.contains("'wasm-unsafe-eval'") && csp.contains("'sha256-"));
    assert!(!csp.contains("unsafe-inline") && !csp.contains("'unsafe-eval'"));
    // The oEmbed file names the public URL and carries the sizing script pinned by its hash.
    let oembed = fs::read_to_string(dir.join(format!("content/{SLUG}.oembed.json"))).unwrap();
    assert!(oembed.contains(&format!("https://example.org/explainer/{SLUG}/?embed=1")));
    assert!(oembed.contains("embed.js\\\" integrity=\\\"sha384-"));
    fs::remove_dir_all(&dir).unwrap();
}
