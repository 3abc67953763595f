//! A strict parser for the small HTML subset our content uses. It reports malformed markup (unclosed or
//! mismatched tags, bad attributes, unknown entities, stray `<`) instead of guessing like a browser would, so what
//! an author wrote is exactly what gets checked against the allow-list in `document.rs`.

/// A parsed node; offsets are byte offsets into the source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Node {
    Element(Element),
    Text { text: String, at: usize },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<Attr>,
    pub children: Vec<Node>,
    pub at: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attr {
    pub name: String,
    pub value: String,
    pub at: usize,
    pub value_at: usize,
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&Attr> {
        self.attrs.iter().find(|a| a.name == name)
    }
}

/// A parse error at a byte offset.
pub type ParseError = (usize, String);

struct Open {
    el: Element,
}

/// Parses `src` into a forest of nodes. Errors do not stop parsing, so every problem is reported once.
pub fn parse(src: &str) -> (Vec<Node>, Vec<ParseError>) {
    let mut p = Parser {
        src,
        pos: 0,
        errors: Vec::new(),
        stack: Vec::new(),
        roots: Vec::new(),
    };
    p.run();
    (p.roots, p.errors)
}

struct Parser<'a> {
    src: &'a str,
    pos: usize,
    errors: Vec<ParseError>,
    stack: Vec<Open>,
    roots: Vec<Node>,
}

fn is_name_start(c: char) -> bool {
    c.is_ascii_alphabetic()
}

fn is_name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == ':'
}

impl<'a> Parser<'a> {
    fn rest(&self) -> &'a str {
        &self.src[self.pos..]
    }

    fn push_node(&mut self, node: Node) {
        match self.stack.last_mut() {
            Some(open) => open.el.children.push(node),
            None => self.roots.push(node),
        }
    }

    fn err(&mut self, at: usize, msg: impl Into<String>) {
        self.errors.push((at, msg.into()));
    }

    fn run(&mut self) {
        while self.pos < self.src.len() {
            let rest = self.rest();
            if let Some(comment) = rest.strip_prefix("<!--") {
                let at = self.pos;
                match comment.find("-->") {
                    Some(end) => self.pos += 4 + end + 3,
                    None => {
                        self.err(at, "malformed HTML: comment is never closed with `-->`");
                        self.pos = self.src.len();
                    }
                }
            } else if rest.starts_with("</") {
                self.end_tag();
            } else if rest.starts_with('<') && rest[1..].chars().next().is_some_and(is_name_start) {
                self.start_tag();
            } else if rest.starts_with('<') {
                let at = self.pos;
                self.err(
                    at,
                    "malformed HTML: stray `<` (write `&lt;` for a literal less-than sign)",
                );
                self.pos += 1;
                self.push_node(Node::Text {
                    text: "<".into(),
                    at,
                });
            } else {
                let end = rest.find('<').map_or(self.src.len(), |i| self.pos + i);
                let at = self.pos;
                let text = self.decode(at, end);
                self.pos = end;
                self.push_node(Node::Text { text, at });
            }
        }
        while let Some(open) = self.stack.pop() {
            let el = open.el;
            self.err(
                el.at,
                format!("malformed HTML: <{}> is never closed", el.name),
            );
            self.push_node(Node::Element(el));
        }
    }

    fn read_name(&mut self) -> String {
        let rest = self.rest();
        let len = rest.find(|c: char| !is_name_char(c)).unwrap_or(rest.len());
        self.pos += len;
        rest[..len].to_ascii_lowercase()
    }

    fn skip_ws(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start().len();
    }

    fn end_tag(&mut self) {
        let at = self.pos;
        self.pos += 2;
        let name = self.read_name();
        self.skip_ws();
        if self.rest().starts_with('>') {
            self.pos += 1;
        } else {
            self.err(
                at,
                format!("malformed HTML: end tag </{name}> is not closed with `>`"),
            );
            self.pos += self.rest().find('>').map_or(self.rest().len(), |i| i + 1);
        }
        if name.is_empty() {
            self.err(at, "malformed HTML: end tag without a name");
            return;
        }
        match self.stack.iter().rposition(|o| o.el.name == name) {
            Some(i) => {
                while self.stack.len() > i + 1 {
                    let unclosed = self.stack.pop().expect("len checked").el;
                    self.err(
                        unclosed.at,
                        format!(
                            "malformed HTML: <{}> is never closed (</{name}> comes first)",
                            unclosed.name
                        ),
                    );
                    self.push_node(Node::Element(unclosed));
                }
                let el = self.stack.pop().expect("index found").el;
                self.push_node(Node::Element(el));
            }
            None => self.err(
                at,
                format!("malformed HTML: </{name}> has no matching <{name}>"),
            ),
        }
    }

    fn start_tag(&mut self) {
        let at = self.pos;
        self.pos += 1;
        let name = self.read_name();
        let mut attrs: Vec<Attr> = Vec::new();
        let mut self_closing = false;
        loop {
            self.skip_ws();
            let rest = self.rest();
            if rest.is_empty() {
                self.err(
                    at,
                    format!("malformed HTML: <{name}> tag is not closed with `>`"),
                );
                return;
            }
            if rest.starts_with('>') {
                self.pos += 1;
                break;
            }
            if rest.starts_with("/>") {
                self.pos += 2;
                self_closing = true;
                break;
            }
            let attr_at = self.pos;
            if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
                let c = rest.chars().next().unwrap_or(' ');
                self.err(
                    attr_at,
                    format!("malformed HTML: unexpected `{c}` in <{name}> tag"),
                );
                self.pos += c.len_utf8();
                continue;
            }
            let attr_name = self.read_name();
            self.skip_ws();
            let (value, value_at) = if self.rest().starts_with('=') {
                self.pos += 1;
                self.skip_ws();
                // An unclosed quoted value runs to the end of the file: that one error says it all.
                let Some(v) = self.attr_value(&name) else {
                    return;
                };
                v
            } else {
                (String::new(), self.pos)
            };
            if attrs.iter().any(|a| a.name == attr_name) {
                self.err(
                    attr_at,
                    format!("malformed HTML: attribute `{attr_name}` appears twice on <{name}>"),
                );
                continue;
            }
            attrs.push(Attr {
                name: attr_name,
                value,
                at: attr_at,
                value_at,
            });
        }
        // Void elements never have an end tag; treating them as open would report a bogus "never closed".
        let void = matches!(
            name.as_str(),
            "area"
                | "base"
                | "br"
                | "col"
                | "embed"
                | "hr"
                | "img"
                | "input"
                | "link"
                | "meta"
                | "source"
                | "track"
                | "wbr"
        );
        let el = Element {
            name,
            attrs,
            children: Vec::new(),
            at,
        };
        if self_closing || void {
            self.push_node(Node::Element(el));
        } else {
            self.stack.push(Open { el });
        }
    }

    /// A quoted or unquoted attribute value and where it starts; `None` if a quoted one is never closed.
    fn attr_value(&mut self, tag: &str) -> Option<(String, usize)> {
        let rest = self.rest();
        match rest.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let start = self.pos + 1;
                match rest[1..].find(q) {
                    Some(len) => {
                        let v = self.decode(start, start + len);
                        self.pos = start + len + 1;
                        Some((v, start))
                    }
                    None => {
                        self.err(
                            self.pos,
                            format!("malformed HTML: attribute value in <{tag}> is never closed"),
                        );
                        self.pos = self.src.len();
                        None
                    }
                }
            }
            _ => {
                let start = self.pos;
                let len = rest
                    .find(|c: char| c.is_whitespace() || c == '>')
                    .unwrap_or(rest.len());
                let raw = &rest[..len];
                if raw.is_empty() || raw.contains(['"', '\'', '<', '=', '`']) {
                    self.err(
                        start,
                        format!("malformed HTML: bad unquoted attribute value in <{tag}>"),
                    );
                }
                let v = self.decode(start, start + len);
                self.pos += len;
                Some((v, start))
            }
        }
    }

    /// Decodes character references in `src[start..end]`; unknown or invalid ones are errors.
    fn decode(&mut self, start: usize, end: usize) -> String {
        let raw = &self.src[start..end];
        let mut out = String::with_capacity(raw.len());
        let mut i = 0;
        while let Some(off) = raw[i..]
            .find(|c: char| c == '&' || (c.is_control() && !matches!(c, '\n' | '\t' | '\r')))
        {
            let at = i + off;
            out.push_str(&raw[i..at]);
            let c = raw[at..].chars().next().expect("found a char");
            if c != '&' {
                self.err(
                    start + at,
                    format!(
                        "control character U+{:04X} is not allowed in content",
                        c as u32
                    ),
                );
                i = at + c.len_utf8();
                continue;
            }
            let after = &raw[at + 1..];
            let name_len = after
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
                .unwrap_or(after.len());
            if name_len == 0 || !after[name_len..].starts_with(';') {
                // A bare ampersand ("Defence & Security") is just text.
                out.push('&');
                i = at + 1;
                continue;
            }
            let name = &after[..name_len];
            match decode_entity(name) {
                Ok(ch) => out.push(ch),
                Err(msg) => {
                    self.err(start + at, msg);
                }
            }
            i = at + 1 + name_len + 1;
        }
        out.push_str(&raw[i..]);
        out
    }
}

fn decode_entity(name: &str) -> Result<char, String> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok(),
            None => num.parse::<u32>().ok(),
        };
        return match code.and_then(char::from_u32) {
            Some(c) if c == '\0' || (c.is_control() && !matches!(c, '\n' | '\t')) => Err(format!(
                "character reference `&{name};` encodes a control character"
            )),
            Some(c) => Ok(c),
            None => Err(format!(
                "character reference `&{name};` is not a valid character"
            )),
        };
    }
    let c = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "shy" => '\u{ad}',
        "rupee" => '₹',
        _ => return Err(format!("unknown character reference `&{name};`")),
    };
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn el(n: &Node) -> &Element {
        match n {
            Node::Element(e) => e,
            Node::Text { .. } => panic!("not an element: {n:?}"),
        }
    }

    #[test]
    fn parses_nested_elements_attributes_and_entities() {
        let (nodes, errors) = parse(
            r#"<p>A &amp; B <span class="key-term" data-definition='X — y (GS2: Polity)'>x</span>&#x2014;</p>"#,
        );
        assert!(errors.is_empty(), "{errors:?}");
        let p = el(&nodes[0]);
        assert_eq!(p.name, "p");
        assert_eq!(
            p.children[0],
            Node::Text {
                text: "A & B ".into(),
                at: 3
            }
        );
        let span = el(&p.children[1]);
        assert_eq!(span.attr("class").unwrap().value, "key-term");
        assert_eq!(
            span.attr("data-definition").unwrap().value,
            "X — y (GS2: Polity)"
        );
        assert!(matches!(&p.children[2], Node::Text { text, .. } if text == "—"));
    }

    #[test]
    fn bare_ampersand_is_text_but_unknown_entity_is_an_error() {
        let (_, errors) = parse("<p>Defence & Security</p>");
        assert!(errors.is_empty());
        let (_, errors) = parse("<p>&bogus; &#0; &#xD800;</p>");
        assert_eq!(errors.len(), 3, "{errors:?}");
        assert!(errors[0].1.contains("unknown character reference"));
    }

    #[test]
    fn reports_unclosed_mismatched_and_stray_tags() {
        let (_, errors) = parse("<p>one <strong>two</p>");
        assert_eq!(
            errors,
            vec![(
                7,
                "malformed HTML: <strong> is never closed (</p> comes first)".to_string()
            )]
        );
        let (_, errors) = parse("<p>one</p></em>");
        assert_eq!(errors[0].0, 10);
        assert!(errors[0].1.contains("</em> has no matching"));
        let (_, errors) = parse("<p>x");
        assert_eq!(
            errors,
            vec![(0, "malformed HTML: <p> is never closed".to_string())]
        );
        let (_, errors) = parse("<p>1 < 2</p>");
        assert!(errors[0].1.contains("stray `<`"));
        let (_, errors) = parse("<p class=\"x>hi</p>");
        assert_eq!(
            errors,
            [(
                9,
                "malformed HTML: attribute value in <p> is never closed".to_string()
            )]
        );
        let (_, errors) = parse("<p a=1 a=2>x</p>");
        assert!(errors[0].1.contains("appears twice"));
        let (_, errors) = parse("<!-- open");
        assert!(errors[0].1.contains("comment"));
        let (_, errors) = parse("<p>\u{0}</p>");
        assert!(errors[0].1.contains("control character"));
    }

    #[test]
    fn never_panics_on_odd_input() {
        for s in [
            "<",
            "</",
            "<a",
            "<a b",
            "<a b=",
            "<a b='",
            "&",
            "&#",
            "&#x;",
            "</>",
            "<a/><b / >",
            "<p>é&#233;</p>",
            "<😀>",
        ] {
            let _ = parse(s);
        }
    }
}
