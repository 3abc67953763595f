//! Cutting the hydrating wasm into a main module and lazily loaded chunks (a Trunk post_build hook, before
//! `shells`).
//!
//! Trunk 0.21 cannot split a wasm, so this step redoes its last two stages on the module cargo linked (with
//! `--emit-relocs`, see `build.rs`): `wasm-split-cli` cuts it at the app's split points (`src/chunks.rs`) into
//! a main module, one module per split point, shared chunks and a JS loader; `wasm-bindgen` makes the glue for
//! the main module; `wasm-opt -Oz` shrinks each module. The results replace Trunk's files under the same names,
//! so the rest of the pipeline (the loader rewrite, the prerender, the service worker) is unchanged; the
//! integrity hashes Trunk wrote for the glue and the wasm are recomputed.
//!
//! The chunks and the loader carry the build's hash in their names (`split_map-<hash>.wasm`): a browser must
//! never pair a main module with chunks of another build (their function tables would not match), and hashed
//! names are what the service worker and HTTP caches treat as immutable.

use crate::site::{base64, io};
use sha2::{Digest, Sha384};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The name wasm-split-cli gives its JS loader; the main module imports it under this name.
const LINK: &str = "__wasm_split.js";

/// The stem (`explainer-<hash>`) and hash of the wasm Trunk staged, from the names of the staged files.
pub fn staged_stem<'a>(names: impl IntoIterator<Item = &'a str>) -> Option<(String, String)> {
    names.into_iter().find_map(|n| {
        let stem = n.strip_suffix("_bg.wasm")?;
        let (_, hash) = stem.rsplit_once('-')?;
        (hash.len() >= 8 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| (stem.to_string(), hash.to_string()))
    })
}

/// The name a chunk file gets in the site: its hash before the extension.
pub fn hashed(name: &str, hash: &str) -> String {
    match name.rsplit_once('.') {
        Some((base, ext)) => format!("{base}-{hash}.{ext}"),
        None => format!("{name}-{hash}"),
    }
}

/// The loader with every chunk it fetches (`fetch(new URL("./split_map.wasm", import.meta.url))`) renamed
/// with the build's hash and checked against its subresource integrity (`integrity(chunk)`): a chunk runs in
/// the page's memory with the main module's function table, so a tampered one must be refused like the main
/// wasm. Fails if the loader does not fetch a chunk exactly that way (another wasm-split-cli version).
pub fn rename_fetches(
    loader: &str,
    chunks: &[String],
    hash: &str,
    integrity: impl Fn(&str) -> Result<String, String>,
) -> Result<String, String> {
    let mut out = loader.to_string();
    for c in chunks {
        let call = format!("new URL(\"./{c}\", import.meta.url))");
        if out.matches(&call).count() != 1 {
            return Err(format!(
                "{LINK}: expected one `fetch({call}` for {c}; has wasm-split-cli changed its loader?"
            ));
        }
        let checked = format!(
            "new URL(\"./{}\", import.meta.url), {{ integrity: \"{}\" }})",
            hashed(c, hash),
            integrity(c)?
        );
        out = out.replace(&call, &checked);
    }
    Ok(out)
}

/// The files each split point needs, from the loader [`rename_fetches`] wrote: split name (`glossary`) → its
/// module and every shared chunk it waits for, each as (file name, integrity), module first. The loader declares
/// `const __chunk_6 = makeLoad(() => { … fetch(new URL("./chunk_6-….wasm", …), { integrity: "…" }) …`, and for
/// each split point `export const __wasm_split_load_glossary = wrapAsyncCb(makeLoad(() => { … fetch(…) …
/// }, [__chunk_6, …]));`.
pub fn split_files(
    loader: &str,
) -> Result<std::collections::BTreeMap<String, Vec<(String, String)>>, String> {
    let fetched = |block: &str| -> Option<(String, String)> {
        let rest = block.split("new URL(\"./").nth(1)?;
        let file = rest.split('"').next()?;
        let sri = rest.split("integrity: \"").nth(1)?.split('"').next()?;
        Some((file.to_string(), sri.to_string()))
    };
    let bad = |what: &str| format!("{LINK}: {what}; has wasm-split-cli changed its loader?");
    let mut shared = std::collections::HashMap::new();
    for block in loader.split("const __chunk_").skip(1) {
        let var = block.split(' ').next().unwrap_or_default();
        let body = block.split("export const").next().unwrap_or(block);
        let f = fetched(body).ok_or_else(|| bad(&format!("chunk {var} fetches no file")))?;
        shared.insert(format!("__chunk_{var}"), f);
    }
    let mut out = std::collections::BTreeMap::new();
    for block in loader.split("export const __wasm_split_load_").skip(1) {
        let name = block.split(' ').next().unwrap_or_default().to_string();
        let mut files =
            vec![fetched(block).ok_or_else(|| bad(&format!("{name} fetches no file")))?];
        let deps = block
            .rsplit_once(", [")
            .and_then(|(_, d)| d.split(']').next())
            .ok_or_else(|| bad(&format!("{name} lists no chunks")))?;
        for dep in deps.split(',').map(str::trim).filter(|d| !d.is_empty()) {
            let f = shared
                .get(dep)
                .ok_or_else(|| bad(&format!("{name} waits for an unknown {dep}")))?;
            files.push(f.clone());
        }
        out.insert(name, files);
    }
    Ok(out)
}

/// The page with a `modulepreload` of the split loader (`href`, pinned by `sri`) after the glue's
/// (`glue`): the glue imports the loader, and the page turns every modulepreload's hash into an import-map
/// integrity entry (`critical::rewrite`), so the browser checks the loader as it checks the glue.
pub fn pin_loader(html: &str, glue: &str, loader: &str, sri: &str) -> Result<String, String> {
    let at = html
        .find("<link rel=\"modulepreload\"")
        .filter(|&i| {
            html[i..]
                .split('>')
                .next()
                .is_some_and(|t| t.contains(glue))
        })
        .ok_or_else(|| format!("index.html: no modulepreload of {glue}"))?;
    let end = at + html[at..].find('>').map_or(0, |e| e + 1);
    let tag = &html[at..end];
    let href = tag
        .split("href=\"")
        .nth(1)
        .and_then(|h| h.split('"').next())
        .ok_or_else(|| format!("index.html: the modulepreload of {glue} has no href"))?;
    let prefix = href.strip_suffix(glue).unwrap_or("/");
    let link = format!(
        "<link rel=\"modulepreload\" href=\"{prefix}{loader}\" crossorigin=\"anonymous\" integrity=\"{sri}\">"
    );
    Ok(format!("{}{link}{}", &html[..end], &html[end..]))
}

/// The glue with its imports of the loader pointed at `new_name`. Only the `import … from` statements: the keys
/// of the imports object name the wasm's import module, which stays `./__wasm_split.js` inside the binary.
pub fn rename_link_imports(glue: &str, new_name: &str) -> String {
    glue.replace(
        &format!("from \"./{LINK}\""),
        &format!("from \"./{new_name}\""),
    )
    .replace(&format!("from './{LINK}'"), &format!("from './{new_name}'"))
}

/// The page with the integrity of every tag that names `file` (as the last part of an `href` or `src`)
/// replaced by `sri`.
pub fn refresh_integrity(html: &str, file: &str, sri: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let Some(len) = rest[start..].find('>') else {
            break;
        };
        let tag = &rest[start..start + len + 1];
        out.push_str(&rest[..start]);
        let names_file = [format!("/{file}\""), format!("\"{file}\"")]
            .iter()
            .any(|p| tag.contains(p.as_str()));
        match (names_file, tag.find("integrity=\"")) {
            (true, Some(i)) => {
                let value_at = i + "integrity=\"".len();
                let end = tag[value_at..]
                    .find('"')
                    .map_or(tag.len(), |e| value_at + e);
                out.push_str(&tag[..value_at]);
                out.push_str(sri);
                out.push_str(&tag[end..]);
            }
            _ => out.push_str(tag),
        }
        rest = &rest[start + len + 1..];
    }
    out.push_str(rest);
    out
}

/// The subresource-integrity value of some bytes, as Trunk writes it.
pub fn sri(bytes: &[u8]) -> String {
    format!("sha384-{}", base64(&Sha384::digest(bytes)))
}

fn run(cmd: &mut Command) -> Result<(), String> {
    let shown = format!("{cmd:?}");
    let status = cmd
        .status()
        .map_err(|e| format!("cannot run {shown}: {e} (scripts/setup.sh installs it)"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed: {status}"))
    }
}

/// Splits `input` (the module cargo linked) into the staged site `dist`, replacing Trunk's wasm and glue;
/// `work` is a scratch directory. Returns a one-line summary.
pub fn split_site(dist: &Path, input: &Path, work: &Path) -> Result<String, String> {
    let staged: Vec<String> = fs::read_dir(dist)
        .map_err(|e| io(dist, e))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    let (stem, hash) = staged_stem(staged.iter().map(String::as_str))
        .ok_or_else(|| format!("{}: no <name>-<hash>_bg.wasm staged", dist.display()))?;
    let _ = fs::remove_dir_all(work);
    let bindgen = work.join("bindgen");
    fs::create_dir_all(&bindgen).map_err(|e| io(&bindgen, e))?;

    run(Command::new("wasm-split-cli")
        .arg(input)
        .arg(work)
        .args(["--out-name", &stem]))?;
    run(Command::new("wasm-bindgen")
        .args([
            "--target=web",
            "--no-typescript",
            "--keep-lld-exports",
            "--no-demangle",
        ])
        .arg(format!("--out-dir={}", bindgen.display()))
        // Trunk's name, not the hashed one: the wasm names its glue module after it (`./explainer_bg.js`), and
        // a name without the hash keeps the binary the same when only the hash changes.
        .arg("--out-name=explainer")
        .arg(work.join(format!("{stem}.wasm"))))?;

    let mut chunks: Vec<String> = fs::read_dir(work)
        .map_err(|e| io(work, e))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".wasm") && *n != format!("{stem}.wasm"))
        .collect();
    chunks.sort();
    if chunks.is_empty() {
        return Err(format!(
            "{}: wasm-split-cli found no split point (is it linked with --emit-relocs?)",
            input.display()
        ));
    }

    // wasm-opt: the main module on one thread, the chunks one after another on the other (2 cores).
    let opt = |from: PathBuf, to: PathBuf| {
        run(Command::new("wasm-opt")
            .arg("-Oz")
            .arg(format!("--output={}", to.display()))
            .arg(from))
    };
    let main_wasm = format!("{stem}_bg.wasm");
    let (main_done, chunks_done) = std::thread::scope(|s| {
        let main = s.spawn(|| opt(bindgen.join("explainer_bg.wasm"), dist.join(&main_wasm)));
        let rest = chunks
            .iter()
            .try_for_each(|c| opt(work.join(c), dist.join(hashed(c, &hash))));
        (
            main.join()
                .unwrap_or_else(|_| Err("wasm-opt thread panicked".into())),
            rest,
        )
    });
    main_done?;
    chunks_done?;

    let link = hashed(LINK, &hash);
    let loader_path = work.join(LINK);
    let loader = fs::read_to_string(&loader_path).map_err(|e| io(&loader_path, e))?;
    let loader_out = dist.join(&link);
    let integrity = |c: &str| {
        let path = dist.join(hashed(c, &hash));
        fs::read(&path).map(|b| sri(&b)).map_err(|e| io(&path, e))
    };
    let loader = rename_fetches(&loader, &chunks, &hash, integrity)?;
    fs::write(&loader_out, &loader).map_err(|e| io(&loader_out, e))?;
    let glue_path = bindgen.join("explainer.js");
    let glue = fs::read_to_string(&glue_path).map_err(|e| io(&glue_path, e))?;
    let glue = rename_link_imports(&glue, &link);
    let glue_out = dist.join(format!("{stem}.js"));
    fs::write(&glue_out, &glue).map_err(|e| io(&glue_out, e))?;

    let index = dist.join("index.html");
    let mut html = fs::read_to_string(&index).map_err(|e| io(&index, e))?;
    let wasm = fs::read(dist.join(&main_wasm)).map_err(|e| io(&dist.join(&main_wasm), e))?;
    html = refresh_integrity(&html, &main_wasm, &sri(&wasm));
    html = refresh_integrity(&html, &format!("{stem}.js"), &sri(glue.as_bytes()));
    html = pin_loader(&html, &format!("{stem}.js"), &link, &sri(loader.as_bytes()))?;
    fs::write(&index, html).map_err(|e| io(&index, e))?;

    Ok(format!(
        "{main_wasm}: main module {} bytes, {} chunks",
        wasm.len(),
        chunks.len()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_stem_and_hash_of_the_staged_wasm() {
        let names = [
            "index.html",
            "explainer-0123456789abcdef.js",
            "explainer-0123456789abcdef_bg.wasm",
        ];
        assert_eq!(
            staged_stem(names),
            Some((
                "explainer-0123456789abcdef".into(),
                "0123456789abcdef".into()
            ))
        );
        assert_eq!(staged_stem(["explainer_bg.wasm", "x-zz_bg.wasm"]), None);
    }

    #[test]
    fn chunk_names_carry_the_build_hash_where_the_service_worker_looks_for_it() {
        assert_eq!(
            hashed("split_map.wasm", "0123abcd"),
            "split_map-0123abcd.wasm"
        );
        assert_eq!(hashed(LINK, "0123abcd"), "__wasm_split-0123abcd.js");
        let loader = r#"const a = fetch(new URL("./split_map.wasm", import.meta.url));
const b = fetch(new URL("./chunk_12.wasm", import.meta.url));
const c = fetch(new URL("./chunk_1.wasm", import.meta.url));"#;
        let chunks = [
            "chunk_1.wasm".into(),
            "chunk_12.wasm".into(),
            "split_map.wasm".into(),
        ];
        let sri_of = |c: &str| Ok(format!("sha384-{}", c.len()));
        let out = rename_fetches(loader, &chunks, "0123abcd", sri_of).unwrap();
        for (name, sri) in [("split_map", 14), ("chunk_12", 13), ("chunk_1", 12)] {
            let fetch = format!(
                r#"fetch(new URL("./{name}-0123abcd.wasm", import.meta.url), {{ integrity: "sha384-{sri}" }});"#
            );
            assert!(out.contains(&fetch), "{fetch} in {out}");
        }
        // A loader that fetches a chunk some other way is an error, not a chunk without a hash.
        let other = loader.replace(
            "new URL(\"./chunk_1.wasm\", import.meta.url)",
            "\"chunk_1.wasm\"",
        );
        let err = rename_fetches(&other, &chunks, "0123abcd", sri_of).unwrap_err();
        assert!(err.contains("chunk_1.wasm"), "{err}");
    }

    #[test]
    fn lists_each_split_points_module_and_the_shared_chunks_it_waits_for() {
        // The shape wasm-split-cli 0.2.4 writes, integrity added by rename_fetches.
        let loader = r#"/* glossary, map */
const __chunk_6 = makeLoad(() => {
    const src = fetch(new URL("./chunk_6-h.wasm", import.meta.url), { integrity: "sha384-six" });
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
, []);
/* map */
const __chunk_7 = makeLoad(() => {
    const src = fetch(new URL("./chunk_7-h.wasm", import.meta.url), { integrity: "sha384-seven" });
}
, []);
export const __wasm_split_load_map = wrapAsyncCb(makeLoad(() => {
    const src = fetch(new URL("./split_map-h.wasm", import.meta.url), { integrity: "sha384-map" });
}
, [__chunk_6, __chunk_7]));
export const __wasm_split_load_glossary = wrapAsyncCb(makeLoad(() => {
    const src = fetch(new URL("./split_glossary-h.wasm", import.meta.url), { integrity: "sha384-g" });
}
, [__chunk_6]));
"#;
        let files = split_files(loader).unwrap();
        let pair = |f: &str, s: &str| (f.to_string(), s.to_string());
        assert_eq!(
            files["map"],
            [
                pair("split_map-h.wasm", "sha384-map"),
                pair("chunk_6-h.wasm", "sha384-six"),
                pair("chunk_7-h.wasm", "sha384-seven")
            ]
        );
        assert_eq!(
            files["glossary"],
            [
                pair("split_glossary-h.wasm", "sha384-g"),
                pair("chunk_6-h.wasm", "sha384-six")
            ]
        );
        assert_eq!(files.len(), 2);
        let unknown = loader.replace("[__chunk_6]));", "[__chunk_9]));");
        assert!(split_files(&unknown).unwrap_err().contains("__chunk_9"));
    }

    #[test]
    fn the_split_loader_is_pinned_next_to_the_glue_under_the_same_prefix() {
        let html = r#"<head><link rel="modulepreload" href="/app/explainer-1.js" crossorigin="anonymous" integrity="sha384-g"><link rel="stylesheet" href="/app/x.css"></head>"#;
        let out = pin_loader(html, "explainer-1.js", "__wasm_split-1.js", "sha384-l").unwrap();
        assert_eq!(
            out,
            html.replace(
                r#"integrity="sha384-g">"#,
                r#"integrity="sha384-g"><link rel="modulepreload" href="/app/__wasm_split-1.js" crossorigin="anonymous" integrity="sha384-l">"#
            )
        );
        assert!(pin_loader("<head></head>", "explainer-1.js", "l.js", "s").is_err());
    }

    #[test]
    fn the_glue_imports_the_renamed_loader_but_keeps_the_wasm_import_key() {
        let glue = r#"import * as import1 from "./__wasm_split.js"
function imports() { return { "./__wasm_split.js": import1 }; }"#;
        let out = rename_link_imports(glue, "__wasm_split-0123abcd.js");
        assert!(
            out.starts_with(r#"import * as import1 from "./__wasm_split-0123abcd.js""#),
            "{out}"
        );
        assert!(out.contains(r#"{ "./__wasm_split.js": import1 }"#), "{out}");
    }

    #[test]
    fn refreshes_the_integrity_of_the_tags_naming_the_file_only() {
        let html = r#"<link rel="modulepreload" href="/explainer-1.js" crossorigin="anonymous" integrity="sha384-old"><link rel="preload" href="/explainer-1_bg.wasm" integrity="sha384-w" as="fetch"><script src="/pwa-1.js" integrity="sha384-p"></script>"#;
        let out = refresh_integrity(html, "explainer-1.js", "sha384-new");
        assert_eq!(
            out,
            html.replace("sha384-old", "sha384-new"),
            "only the glue's tag changes"
        );
        assert_eq!(refresh_integrity("a < b", "x.js", "s"), "a < b");
    }

    #[test]
    fn sri_is_sha384_in_base64() {
        // sha384("abc"), FIPS 180-2 test vector.
        assert_eq!(
            sri(b"abc"),
            "sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn"
        );
    }
}
