//! The attack corpora (tests/corpora: html5lib tokenizer inputs and an XSS payload list) and checks that
//! rendered output cannot run anything. Used by the corpus test and the hostile-article generator.

use std::path::Path;

/// Escapes a payload for a double-quoted HTML attribute, so that the decoded value is the payload itself.
pub fn attr_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}

/// A payload as a TOML basic string.
pub fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// Every input of the html5lib tokenizer tests and every line of the XSS payload list.
pub fn payloads(corpora: &Path) -> Vec<String> {
    let mut out = Vec::new();
    if let Ok(dir) = std::fs::read_dir(corpora.join("html5lib-tokenizer")) {
        let mut files: Vec<_> = dir
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "test"))
            .collect();
        files.sort();
        for f in files {
            let Ok(text) = std::fs::read_to_string(&f) else {
                continue;
            };
            let Ok(json) = serde_json::from_str::<serde_json::Value>(&text) else {
                continue;
            };
            let tests = json
                .get("tests")
                .and_then(|t| t.as_array())
                .cloned()
                .unwrap_or_default();
            for t in tests {
                let Some(input) = t.get("input").and_then(|i| i.as_str()) else {
                    continue;
                };
                let double = t
                    .get("doubleEscaped")
                    .and_then(|d| d.as_bool())
                    .unwrap_or(false);
                out.push(if double {
                    unescape_u(input)
                } else {
                    input.to_string()
                });
            }
        }
    }
    if let Ok(text) = std::fs::read(corpora.join("xss-payloads/xss-payload-list.txt")) {
        out.extend(String::from_utf8_lossy(&text).lines().map(str::to_string));
    }
    out
}

/// Decodes `\uXXXX` sequences (html5lib's double escaping); lone surrogates become U+FFFD.
fn unescape_u(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find("\\u") {
        out.push_str(&rest[..i]);
        let hex = rest.get(i + 2..i + 6).unwrap_or("");
        match u32::from_str_radix(hex, 16) {
            Ok(n) if hex.len() == 4 => {
                out.push(char::from_u32(n).unwrap_or('\u{fffd}'));
                rest = &rest[i + 6..];
            }
            _ => {
                out.push_str("\\u");
                rest = &rest[i + 2..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Problems that would let rendered HTML run or load something: script elements, event handlers, dangerous
/// URL schemes, style attributes or elements, and other active elements. Only markup (tags) is inspected;
/// escaped text that merely mentions such things is harmless.
pub fn unsafe_markup(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        let after = &rest[i + 1..];
        let end = after.find('>').unwrap_or(after.len());
        let tag = after[..end].to_ascii_lowercase();
        rest = &after[end.min(after.len())..];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if matches!(
            name.as_str(),
            "script"
                | "iframe"
                | "object"
                | "embed"
                | "img"
                | "svg"
                | "math"
                | "link"
                | "meta"
                | "base"
                | "form"
                | "input"
                | "button"
                | "frame"
                | "frameset"
                | "video"
                | "audio"
                | "source"
                | "applet"
                | "template"
        ) {
            found.push(format!("element <{name}>"));
        }
        for attr in tag.split_whitespace().skip(1) {
            let attr_name: String = attr.chars().take_while(|c| *c != '=').collect();
            if attr_name.starts_with("on")
                || attr_name == "style"
                || attr_name == "srcdoc"
                || attr_name == "formaction"
            {
                found.push(format!("attribute {attr_name}"));
            }
        }
        for scheme in ["javascript:", "vbscript:", "data:"] {
            if tag.contains(&format!("=\"{scheme}"))
                || tag.contains(&format!("='{scheme}"))
                || tag.contains(&format!("={scheme}"))
            {
                found.push(format!("url {scheme}"));
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_active_markup_but_not_escaped_text() {
        assert!(unsafe_markup(
            "<p>&lt;script&gt;alert(1)&lt;/script&gt; javascript:x onload=1</p>"
        )
        .is_empty());
        assert_eq!(
            unsafe_markup("<script>x</script>"),
            ["element <script>", "element <script>"]
        );
        assert_eq!(
            unsafe_markup("<a href=\"javascript:x\" onclick=\"y\">"),
            ["attribute onclick", "url javascript:"]
        );
        assert_eq!(
            unsafe_markup("<p style=\"background:url(x)\">"),
            ["attribute style"]
        );
    }

    #[test]
    fn unescapes_double_escaped_inputs() {
        assert_eq!(unescape_u("a\\u0000b\\uD800c\\u00e9"), "a\u{0}b\u{fffd}cé");
    }
}
