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

/// The keys under which html5lib tokenizer files keep their tests (`xmlViolation.test` uses its own).
const TEST_KEYS: [&str; 2] = ["tests", "xmlViolationTests"];

/// Every input of the html5lib tokenizer tests and every line of the XSS payload list. A file that is missing,
/// cannot be read or parsed, or holds a test without an input is an error: a corpus test must never pass
/// because it silently tested less.
pub fn payloads(corpora: &Path) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let dir = corpora.join("html5lib-tokenizer");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "test"))
        .collect();
    if files.is_empty() {
        return Err(format!("{}: no .test files", dir.display()));
    }
    files.sort();
    for f in files {
        let text = std::fs::read_to_string(&f).map_err(|e| format!("{}: {e}", f.display()))?;
        let json: serde_json::Value =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", f.display()))?;
        let mut found = false;
        for key in TEST_KEYS {
            let Some(tests) = json.get(key) else {
                continue;
            };
            found = true;
            let tests = tests
                .as_array()
                .ok_or_else(|| format!("{}: `{key}` is not an array", f.display()))?;
            for (i, t) in tests.iter().enumerate() {
                let input = t
                    .get("input")
                    .and_then(|i| i.as_str())
                    .ok_or_else(|| format!("{}: {key}[{i}] has no string input", f.display()))?;
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
        if !found {
            return Err(format!(
                "{}: no tests under any of {TEST_KEYS:?}",
                f.display()
            ));
        }
    }
    let list = corpora.join("xss-payloads/xss-payload-list.txt");
    let bytes = std::fs::read(&list).map_err(|e| format!("{}: {e}", list.display()))?;
    let text = String::from_utf8(bytes).map_err(|e| format!("{}: {e}", list.display()))?;
    out.extend(text.lines().map(str::to_string));
    Ok(out)
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

/// Elements that run, load or embed something, or change how the page or its links behave.
const ACTIVE_ELEMENTS: &[&str] = &[
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "param", "link",
    "meta", "base", "form", "input", "button", "select", "textarea", "img", "image", "picture",
    "svg", "math", "video", "audio", "source", "track", "template", "portal", "noscript", "xml",
    "xss",
];

/// Attributes that are dangerous whatever their value.
const ACTIVE_ATTRIBUTES: &[&str] = &[
    "srcdoc",
    "formaction",
    "action",
    "xlink:href",
    "background",
    "dynsrc",
    "lowsrc",
    "ping",
];

/// URL schemes that run code or carry a whole document.
const SCHEMES: [&str; 3] = ["javascript:", "vbscript:", "data:"];

/// Problems that would let rendered HTML run or load something: active elements (script, style, iframe,
/// object, embed, link, meta, base, form, …), event handler attributes (`on*`), style attributes (with what
/// makes them dangerous: `url(`, `expression(`, `@import`, …), and attribute values that are, once character
/// references are decoded and whitespace and control characters removed, `javascript:`, `vbscript:` or `data:`
/// URLs. Tags are read the way a browser reads them (quoted values may hold `>`; `/` separates attributes);
/// comments and other markup declarations are reported too. Escaped text that merely mentions such things is
/// harmless and not reported.
pub fn unsafe_markup(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        let start = i + off;
        let rest = &html[start + 1..];
        if let Some(comment) = rest.strip_prefix("!--") {
            found.push("comment".to_string());
            i = start + 4 + comment.find("-->").map_or(comment.len(), |e| e + 3);
            continue;
        }
        if rest.starts_with(['!', '?']) {
            if !rest
                .get(..8)
                .is_some_and(|d| d.eq_ignore_ascii_case("!doctype"))
            {
                found.push("markup declaration".to_string());
            }
            i = start + 1 + rest.find('>').map_or(rest.len(), |e| e + 1);
            continue;
        }
        let body = rest.strip_prefix('/').unwrap_or(rest);
        if !body.starts_with(|c: char| c.is_ascii_alphabetic()) {
            // A `<` that is not markup, as a browser reads it (our renderers never emit one).
            i = start + 1;
            continue;
        }
        let (name, attrs, len) = read_tag(body);
        i = start + 1 + (rest.len() - body.len()) + len;
        if ACTIVE_ELEMENTS.contains(&name.as_str()) {
            found.push(format!("element <{name}>"));
        }
        for (attr, value) in attrs {
            if attr.starts_with("on") {
                found.push(format!("event handler attribute {attr}"));
            } else if attr == "style" {
                found.push("attribute style".to_string());
                let css = normalise_css(&decode_references(&value));
                for bad in [
                    "url(",
                    "expression(",
                    "@import",
                    "javascript:",
                    "behavior:",
                    "-moz-binding",
                ] {
                    if css.contains(bad) {
                        found.push(format!("style attribute with {bad}"));
                    }
                }
            } else if ACTIVE_ATTRIBUTES.contains(&attr.as_str()) {
                found.push(format!("attribute {attr}"));
            }
            let url = normalise_url(&decode_references(&value));
            for scheme in SCHEMES {
                // `data:` only as the whole value's scheme (text such as "metadata:" is harmless); the two
                // script schemes anywhere, which no attribute we emit ever contains.
                if url.starts_with(scheme) || (scheme != "data:" && url.contains(scheme)) {
                    found.push(format!("url {scheme} in attribute {attr}"));
                }
            }
        }
    }
    found
}

/// Reads a tag after its `<` (and `/`): the lowercased name, the attributes (lowercased names, raw values)
/// and the length up to and including the closing `>` (or the end of the input).
fn read_tag(s: &str) -> (String, Vec<(String, String)>, usize) {
    let is_space = |c: char| matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0c');
    let name_len = s
        .find(|c: char| is_space(c) || c == '/' || c == '>')
        .unwrap_or(s.len());
    let name = s[..name_len].to_ascii_lowercase();
    let mut attrs = Vec::new();
    let mut i = name_len;
    loop {
        let rest = &s[i..];
        let skip = rest.len()
            - rest
                .trim_start_matches(|c: char| is_space(c) || c == '/')
                .len();
        i += skip;
        let rest = &s[i..];
        if rest.is_empty() {
            return (name, attrs, i);
        }
        if rest.starts_with('>') {
            return (name, attrs, i + 1);
        }
        // An attribute name runs to a space, `/`, `>` or `=` (a leading `=` belongs to the name).
        let first = rest.chars().next().map_or(0, char::len_utf8);
        let len = first
            + rest[first..]
                .find(|c: char| is_space(c) || matches!(c, '/' | '>' | '='))
                .unwrap_or(rest.len() - first);
        let attr = rest[..len].to_ascii_lowercase();
        i += len;
        let rest = &s[i..];
        let after_space = rest.trim_start_matches(is_space);
        let mut value = String::new();
        if let Some(v) = after_space.strip_prefix('=') {
            let v = v.trim_start_matches(is_space);
            i = s.len() - v.len();
            match v.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let end = v[1..].find(q).map_or(v.len(), |e| e + 1);
                    value = v[1..end].to_string();
                    i += (end + 1).min(v.len());
                }
                _ => {
                    let end = v.find(|c: char| is_space(c) || c == '>').unwrap_or(v.len());
                    value = v[..end].to_string();
                    i += end;
                }
            }
        }
        attrs.push((attr, value));
    }
}

/// Decodes character references as a browser does in an attribute value: decimal and hexadecimal ones (the
/// `;` optional), and the named ones that stand for ASCII punctuation or whitespace (enough to hide a URL
/// scheme: `&colon;`, `&Tab;`, `&NewLine;`, …). Anything else is kept as written.
pub fn decode_references(s: &str) -> String {
    const NAMED: &[(&str, char)] = &[
        ("Tab", '\t'),
        ("NewLine", '\n'),
        ("nbsp", '\u{a0}'),
        ("NonBreakingSpace", '\u{a0}'),
        ("excl", '!'),
        ("quot", '"'),
        ("QUOT", '"'),
        ("num", '#'),
        ("dollar", '$'),
        ("percnt", '%'),
        ("amp", '&'),
        ("AMP", '&'),
        ("apos", '\''),
        ("lpar", '('),
        ("rpar", ')'),
        ("ast", '*'),
        ("midast", '*'),
        ("plus", '+'),
        ("comma", ','),
        ("period", '.'),
        ("sol", '/'),
        ("colon", ':'),
        ("semi", ';'),
        ("lt", '<'),
        ("LT", '<'),
        ("equals", '='),
        ("gt", '>'),
        ("GT", '>'),
        ("quest", '?'),
        ("commat", '@'),
        ("lsqb", '['),
        ("lbrack", '['),
        ("bsol", '\\'),
        ("rsqb", ']'),
        ("rbrack", ']'),
        ("Hat", '^'),
        ("lowbar", '_'),
        ("UnderBar", '_'),
        ("grave", '`'),
        ("DiacriticalGrave", '`'),
        ("lcub", '{'),
        ("lbrace", '{'),
        ("verbar", '|'),
        ("vert", '|'),
        ("VerticalLine", '|'),
        ("rcub", '}'),
        ("rbrace", '}'),
    ];
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        if let Some(num) = after.strip_prefix('#') {
            let (hex, digits) = match num.strip_prefix(['x', 'X']) {
                Some(h) => (true, h),
                None => (false, num),
            };
            let len = digits
                .find(|c: char| {
                    !(if hex {
                        c.is_ascii_hexdigit()
                    } else {
                        c.is_ascii_digit()
                    })
                })
                .unwrap_or(digits.len());
            if len > 0 {
                let n = u32::from_str_radix(&digits[..len], if hex { 16 } else { 10 })
                    .unwrap_or(0xFFFD);
                out.push(
                    char::from_u32(n)
                        .filter(|c| *c != '\0')
                        .unwrap_or('\u{fffd}'),
                );
                let used = num.len() - digits.len() + len;
                rest = &num[used..];
                rest = rest.strip_prefix(';').unwrap_or(rest);
                continue;
            }
        } else if let Some((name, c)) = NAMED
            .iter()
            .find(|(name, _)| after.starts_with(name) && after[name.len()..].starts_with(';'))
        {
            out.push(*c);
            rest = &after[name.len() + 1..];
            continue;
        }
        out.push('&');
        rest = after;
    }
    out.push_str(rest);
    out
}

/// A URL as a browser's scheme check sees it, and then some: lowercase, with every whitespace and control
/// character removed (browsers strip them at the ends and drop tabs and line breaks anywhere).
fn normalise_url(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .flat_map(char::to_lowercase)
        .collect()
}

/// CSS without comments, escapes (`\75` or `\u` for `u`) and whitespace, lowercased: what to look for
/// `url(` and friends in.
fn normalise_css(s: &str) -> String {
    let mut plain = String::with_capacity(s.len());
    let mut rest = s;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("/*") {
            rest = after.find("*/").map_or("", |e| &after[e + 2..]);
        } else if let Some(after) = rest.strip_prefix('\\') {
            let hex_len = after
                .char_indices()
                .take_while(|(i, c)| *i < 6 && c.is_ascii_hexdigit())
                .count();
            if hex_len > 0 {
                let n = u32::from_str_radix(&after[..hex_len], 16).unwrap_or(0xFFFD);
                plain.push(char::from_u32(n).unwrap_or('\u{fffd}'));
                let after = &after[hex_len..];
                rest = after.strip_prefix([' ', '\t', '\n']).unwrap_or(after);
            } else if let Some(c) = after.chars().next() {
                plain.push(c);
                rest = &after[c.len_utf8()..];
            } else {
                rest = after;
            }
        } else {
            let c = rest.chars().next().expect("not empty");
            plain.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    normalise_url(&plain)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(html: &str, what: &str) -> bool {
        let found = unsafe_markup(html);
        assert!(
            found.iter().any(|f| f.contains(what)),
            "{html:?}: expected {what:?} in {found:?}"
        );
        true
    }

    #[test]
    fn escaped_text_and_our_own_markup_are_fine() {
        for ok in [
            "<p>&lt;script&gt;alert(1)&lt;/script&gt; javascript:x onload=1 &lt;style&gt;</p>",
            "<p class=\"lead\">a</p><a class=\"term\" id=\"o-full-0\" href=\"#g-nato\">NATO</a>",
            "<h3>x</h3>\n<ul>\n<li>y</li>\n</ul>\n<q>1 &lt; 2</q><dt id=\"g-x\">x</dt><br>",
            "<nav aria-label=\"Sections\"><a href=\"#brief\">Brief</a></nav>",
            "<p title=\"metadata: none\">x</p>",
            "1 < 2 and a <3",
        ] {
            assert!(
                unsafe_markup(ok).is_empty(),
                "{ok}: {:?}",
                unsafe_markup(ok)
            );
        }
    }

    #[test]
    fn catches_every_active_element() {
        for name in [
            "style", "script", "iframe", "object", "embed", "link", "meta", "base", "form", "svg",
            "img",
        ] {
            has(
                &format!("<p>x</p><{name} x=\"1\">"),
                &format!("element <{name}>"),
            );
            has(
                &format!("<{}>", name.to_uppercase()),
                &format!("element <{name}>"),
            );
            has(&format!("</{name}>"), &format!("element <{name}>"));
        }
        has("<style>body{background:url(x)}</style>", "element <style>");
        has("<script\n>alert(1)</script>", "element <script>");
        has(
            "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
            "element <meta>",
        );
        has("<!--[if IE]><script>x</script><![endif]-->", "comment");
        has("<![CDATA[x]]>", "markup declaration");
    }

    #[test]
    fn catches_event_handlers_however_written() {
        has("<p onclick=\"x()\">", "event handler attribute onclick");
        has("<a ONMOUSEOVER=x>", "event handler attribute onmouseover");
        has("<a/onclick=x>", "event handler attribute onclick");
        has(
            "<a\tonfocus\n=\n'x' autofocus>",
            "event handler attribute onfocus",
        );
        // A quoted `>` does not end the tag.
        has(
            "<a title=\"x>y\" onclick=\"z\">",
            "event handler attribute onclick",
        );
        has(
            "<a title='a b' onerror=x>",
            "event handler attribute onerror",
        );
    }

    #[test]
    fn catches_styles_that_load_or_run() {
        has("<p style=\"color:red\">", "attribute style");
        has(
            "<p style=\"background:url(x)\">",
            "style attribute with url(",
        );
        has(
            "<p style=\"background: U\\52 L(x)\">",
            "style attribute with url(",
        );
        has(
            "<p style=\"width: expression(alert(1))\">",
            "style attribute with expression(",
        );
        has(
            "<p style=\"w: exp/**/ression(alert(1))\">",
            "style attribute with expression(",
        );
        has(
            "<p style='@import \"x.css\"'>",
            "style attribute with @import",
        );
        has(
            "<p style=\"background:&#117;rl(x)\">",
            "style attribute with url(",
        );
        has(
            "<p style=\"behavior: url(x.htc)\">",
            "style attribute with behavior:",
        );
    }

    #[test]
    fn catches_dangerous_urls_through_encoding_and_whitespace() {
        for href in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " \t javascript:alert(1)",
            "java\tscript:alert(1)",
            "java&Tab;script:alert(1)",
            "java&#x09;script:alert(1)",
            "java&NewLine;script:alert(1)",
            "&#106;avascript:alert(1)",
            "&#x6A;avascript:alert(1)",
            "&#0000106&#0000097vascript:alert(1)",
            "javascript&colon;alert(1)",
            "javascript&#58;alert(1)",
            "&#1;javascript:alert(1)",
        ] {
            has(&format!("<a href=\"{href}\">"), "url javascript:");
        }
        has("<a href=javascript:alert(1)>", "url javascript:");
        has("<a href='javascript:alert(1)'>", "url javascript:");
        has("<a href = \"javascript:x\">", "url javascript:");
        has("<a href=\"vbscript:msgbox(1)\">", "url vbscript:");
        has("<a href=\"VBScript&colon;x\">", "url vbscript:");
        has(
            "<a href=\"data:text/html;base64,PHNjcmlwdD4=\">",
            "url data:",
        );
        has("<a href=\" DATA:text/html,x\">", "url data:");
        has("<form action=\"x\">", "attribute action");
        has("<button formaction=\"javascript:x\">", "url javascript:");
        has(
            "<iframe srcdoc=\"&lt;script&gt;x&lt;/script&gt;\">",
            "attribute srcdoc",
        );
    }

    #[test]
    fn decodes_references_once() {
        assert_eq!(
            decode_references("&#106;&#x61;v&Tab;a&colon;&bogus;&amp;#106;"),
            "jav\ta:&bogus;&#106;"
        );
        assert_eq!(decode_references("&#0;&#x110000;&"), "\u{fffd}\u{fffd}&");
    }

    #[test]
    fn unescapes_double_escaped_inputs() {
        assert_eq!(unescape_u("a\\u0000b\\uD800c\\u00e9"), "a\u{0}b\u{fffd}cé");
    }
}
