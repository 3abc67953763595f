//! Finishes the built site after Trunk (a `post_build` hook): a Content-Security-Policy with the hash of the
//! inline loader Trunk emits, the manifest and oEmbed discovery links, a copy of the shell for every route, an
//! oEmbed file per article, the SRI hash of the host-page embed script, and a service worker whose precache list
//! and version come from the files actually built.

use crate::shells;
use crate::static_page::esc;
use explainer_core::i18n::Lang;
use explainer_core::model::{Article, ArticleIndex};
use sha2::{Digest, Sha256, Sha384};
use std::fs;
use std::path::{Path, PathBuf};

/// Standard base64 (with padding), for SRI and CSP hashes.
/// An I/O error as `path: what went wrong`.
pub(crate) fn io(p: &Path, e: std::io::Error) -> String {
    format!("{}: {e}", p.display())
}

pub fn base64(bytes: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for c in bytes.chunks(3) {
        let n = (u32::from(c[0]) << 16)
            | (u32::from(*c.get(1).unwrap_or(&0)) << 8)
            | u32::from(*c.get(2).unwrap_or(&0));
        for k in 0..4 {
            if k <= c.len() {
                out.push(T[(n >> (18 - 6 * k) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The policy: scripts and styles only from this origin plus the hashed inline blocks of the page (loader,
/// import map, theme script, stylesheet); wasm may compile; nothing else.
pub fn csp(inline_script_hashes: &[String], inline_style_hashes: &[String]) -> String {
    let hashes =
        |hs: &[String]| -> String { hs.iter().map(|h| format!(" 'sha256-{h}'")).collect() };
    let (scripts, styles) = (hashes(inline_script_hashes), hashes(inline_style_hashes));
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{scripts}; style-src 'self'{styles}; img-src 'self' data:; \
font-src 'self'; connect-src 'self'; manifest-src 'self'; worker-src 'self'; frame-src 'none'; object-src 'none'; \
base-uri 'none'; form-action 'none'"
    )
}

/// Hashes (base64 SHA-256) of every inline `<script>` in `html`.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(open_end) = after.find('>') else {
            break;
        };
        let tag = &after[..open_end];
        let body_start = open_end + 1;
        let Some(close) = after[body_start..].find("</script>") else {
            break;
        };
        if !tag.contains(" src=") {
            out.push(base64(&Sha256::digest(
                &after.as_bytes()[body_start..body_start + close],
            )));
        }
        rest = &after[body_start + close..];
    }
    out
}

fn insert_after_charset(html: &str, extra: &str) -> String {
    match html.find("<meta charset=\"utf-8\">") {
        Some(i) => {
            let at = i + "<meta charset=\"utf-8\">".len();
            format!("{}\n  {extra}{}", &html[..at], &html[at..])
        }
        None => html.replacen("<head>", &format!("<head>\n  {extra}"), 1),
    }
}

/// Adds `crossorigin="anonymous"` to every tag with an `integrity` attribute that lacks one: SRI can only be
/// checked on CORS requests, and in a sandboxed embed (opaque origin) every request is cross-origin, so without
/// it the browser blocks the stylesheets.
pub fn cors_for_integrity(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 256);
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        let end = after.find('>').map_or(after.len(), |e| e + 1);
        let tag = &after[..end];
        if tag.contains(" integrity=") && !tag.contains("crossorigin") {
            let insert_at = if tag.ends_with("/>") {
                tag.len() - 2
            } else {
                tag.len() - 1
            };
            out.push_str(&tag[..insert_at]);
            out.push_str(" crossorigin=\"anonymous\"");
            out.push_str(&tag[insert_at..]);
        } else {
            out.push_str(tag);
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

fn walk(dir: &Path, root: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let p = entry?.path();
        if p.is_dir() {
            walk(&p, root, out)?;
        } else if let Ok(rel) = p.strip_prefix(root) {
            out.push(rel.to_path_buf());
        }
    }
    Ok(())
}

/// Options from the environment of the build.
pub struct SiteOptions {
    /// The public URL of the site, for oEmbed (which needs absolute URLs). `EXPLAINER_SITE_URL`.
    pub site_url: String,
    /// Whether to write a service worker (`EXPLAINER_SW=off` skips it, for development).
    pub service_worker: bool,
}

impl SiteOptions {
    pub fn from_env() -> Self {
        let mut site_url =
            std::env::var("EXPLAINER_SITE_URL").unwrap_or_else(|_| "http://127.0.0.1:8080/".into());
        if !site_url.ends_with('/') {
            site_url.push('/');
        }
        Self {
            site_url,
            service_worker: std::env::var("EXPLAINER_SW").map_or(true, |v| v != "off"),
        }
    }
}

/// Everything after Trunk: returns a one-line summary.
pub fn finish_site(dist: &Path, opts: &SiteOptions) -> Result<String, String> {
    let shell_path = dist.join("index.html");
    let mut shell = fs::read_to_string(&shell_path).map_err(|e| io(&shell_path, e))?;
    let base = shell
        .split("name=\"explainer-base\" content=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap_or("/")
        .to_string();

    let embed_js = dist.join("embed.js");
    let embed_sri = fs::read(&embed_js)
        .map(|b| format!("sha384-{}", base64(&Sha384::digest(&b))))
        .ok();
    let mut head = format!(
        "<link rel=\"manifest\" href=\"{base}manifest.webmanifest\">\n  <meta name=\"theme-color\" content=\"#0b5cad\">\n  <link rel=\"apple-touch-icon\" href=\"{base}icons/apple-touch-icon.png\">"
    );
    if let Some(sri) = &embed_sri {
        head.push_str(&format!(
            "\n  <meta name=\"explainer-embed-sri\" content=\"{sri}\">"
        ));
    }
    shell = insert_after_charset(&shell, &head);
    shell = crate::critical::rewrite(dist, &base, &shell)?;
    // The policy goes first, and hashes the inline blocks as they finally are.
    let policy = format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
        csp(
            &inline_script_hashes(&shell),
            &crate::critical::inline_style_hashes(&shell)
        )
    );
    shell = insert_after_charset(&shell, &policy);
    shell = cors_for_integrity(&shell);
    fs::write(&shell_path, &shell).map_err(|e| io(&shell_path, e))?;

    // oEmbed: one JSON per article, discovered from each of its pages.
    let index_path = dist.join("content/index.json");
    let index: ArticleIndex =
        serde_json::from_str(&fs::read_to_string(&index_path).map_err(|e| io(&index_path, e))?)
            .map_err(|e| format!("{}: {e}", index_path.display()))?;
    for a in &index.articles {
        let p = dist.join(format!("content/{}.json", a.slug));
        let article: Article =
            serde_json::from_str(&fs::read_to_string(&p).map_err(|e| io(&p, e))?)
                .map_err(|e| format!("{}: {e}", p.display()))?;
        let src = format!("{}{}/?embed=1", opts.site_url, article.slug);
        let mut html = format!(
            "<iframe data-explainer src=\"{}\" title=\"{}\" width=\"100%\" height=\"600\" style=\"border:0\" loading=\"lazy\"></iframe>",
            esc(&src),
            esc(&article.title)
        );
        // The host script sizes the frame to its content (auto-height), pinned by its SRI hash.
        if let Some(sri) = &embed_sri {
            html.push_str(&format!(
                "<script src=\"{}embed.js\" integrity=\"{sri}\" crossorigin=\"anonymous\" defer></script>",
                esc(&opts.site_url)
            ));
        }
        let oembed = serde_json::json!({
            "version": "1.0",
            "type": "rich",
            "provider_name": "News explainer",
            "provider_url": opts.site_url,
            "title": article.title,
            "width": 800,
            "height": 600,
            "html": html,
        });
        let out = dist.join(format!("content/{}.oembed.json", article.slug));
        fs::write(&out, oembed.to_string()).map_err(|e| io(&out, e))?;
    }
    let pages = shells::write_shells(dist, &|slug| {
        format!(
            "<link rel=\"alternate\" type=\"application/json+oembed\" href=\"{}content/{slug}.oembed.json\" title=\"oEmbed\">",
            opts.site_url
        )
    })?;

    // The service worker precaches what was built (route copies of the shell excepted: offline, every route is
    // served from index.html) and is versioned by the content of those files.
    let sw_path = dist.join("sw.js");
    let _ = fs::remove_file(&sw_path);
    if !opts.service_worker {
        return Ok(format!(
            "{pages} route pages; no service worker (EXPLAINER_SW=off)"
        ));
    }
    let mut files = Vec::new();
    walk(dist, dist, &mut files).map_err(|e| io(dist, e))?;
    let mut precache: Vec<String> = files
        .iter()
        .map(|p| p.to_string_lossy().replace('\\', "/"))
        .filter(|p| !p.ends_with("/index.html") && !p.starts_with('.') && p != "sw.js")
        .collect();
    precache.sort();
    let mut h = Sha256::new();
    for p in &precache {
        h.update(p.as_bytes());
        h.update(fs::read(dist.join(p)).map_err(|e| io(&dist.join(p), e))?);
    }
    let version: String = h
        .finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect();
    let sw = include_str!("sw.template.js")
        .replace("__VERSION__", &version)
        .replace("__BASE__", &base)
        // The prerender writes a page per route in each of these (`index.<code>.html`, src/bin/prerender.rs).
        .replace("__PAGE_LANGS__", &page_langs())
        .replace(
            "__PRECACHE__",
            &serde_json::to_string(&precache).map_err(|e| e.to_string())?,
        );
    fs::write(&sw_path, sw).map_err(|e| io(&sw_path, e))?;
    Ok(format!(
        "{pages} route pages; service worker {version} precaching {} files",
        precache.len()
    ))
}

/// The languages other than English, as a JSON array of codes: those with a prerendered page of their own.
fn page_langs() -> String {
    let codes: Vec<&str> = Lang::ALL
        .into_iter()
        .filter(|l| *l != Lang::En)
        .map(Lang::code)
        .collect();
    serde_json::to_string(&codes).unwrap_or_else(|_| "[]".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integrity_tags_get_crossorigin_once() {
        let html = r#"<link rel="stylesheet" href="/a.css" integrity="sha384-x"/><link rel="modulepreload" href="/b.js" crossorigin="anonymous" integrity="sha384-y"><p>x</p>"#;
        assert_eq!(
            cors_for_integrity(html),
            r#"<link rel="stylesheet" href="/a.css" integrity="sha384-x" crossorigin="anonymous"/><link rel="modulepreload" href="/b.js" crossorigin="anonymous" integrity="sha384-y"><p>x</p>"#
        );
    }

    #[test]
    fn the_worker_knows_the_languages_with_pages_of_their_own() {
        assert_eq!(page_langs(), r#"["hi"]"#);
        assert!(include_str!("sw.template.js").contains("const PAGE_LANGS = __PAGE_LANGS__;"));
    }

    #[test]
    fn base64_matches_rfc4648_vectors() {
        for (i, o) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(i.as_bytes()), o);
        }
    }

    #[test]
    fn hashes_only_inline_scripts() {
        let html = "<script type=\"module\">alert(1)</script><script src=\"/x.js\"></script>";
        let h = inline_script_hashes(html);
        assert_eq!(h.len(), 1);
        // sha256("alert(1)"), the value a browser reports for this inline script.
        assert_eq!(h[0], "bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI=");
        let policy = csp(&h, &[]);
        assert!(policy.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"));
        assert!(policy.contains("object-src 'none'") && policy.contains("base-uri 'none'"));
        assert!(!policy.contains("unsafe-inline") && !policy.contains("'unsafe-eval'"));
    }
}
