//! From parsed HTML to typed document nodes: the allow-list (anything else is an error, so nothing executable can
//! survive), whitespace normalisation, explicit key-term spans, and automatic linking of glossary terms.

use crate::annotation::{parse_annotation, Annotation};
use crate::html::{Element, Node};
use explainer_core::model::{
    plain_text, Block, DocKind, Inline, Occurrence, OccurrenceId, TermId, TermRef,
};
use explainer_core::text::{fold, is_word_char, Folded};
use std::collections::HashMap;

/// Where an explicit key-term span points before the glossary is resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TermTarget {
    /// `data-term="id"`.
    Id { id: String, at: usize },
    /// `data-definition="Term — definition (GSn: Area)"`; `text` is what the span shows.
    Annotated {
        annotation: Annotation,
        text: String,
        at: usize,
    },
}

/// Inline content before linking.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Seg {
    Text(String),
    NoLink(Vec<Seg>),
    Strong(Vec<Seg>),
    Emphasis(Vec<Seg>),
    Term {
        target: TermTarget,
        content: Vec<Seg>,
    },
}

/// A block before linking.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SegBlock {
    Heading {
        level: u8,
        content: Vec<Seg>,
        at: usize,
    },
    Paragraph {
        lead: bool,
        content: Vec<Seg>,
        at: usize,
    },
    List {
        ordered: bool,
        items: Vec<Vec<Seg>>,
        at: usize,
    },
}

pub type Error = (usize, String);

/// Where a text node's first non-blank character is (a text node usually starts with the line break after
/// the previous tag). Leading blanks are ASCII, literal or from a character reference, so this stays on a
/// character boundary of the source and never past the character.
fn text_at(text: &str, at: usize) -> usize {
    at + (text.len()
        - text
            .trim_start_matches(|c: char| c.is_ascii_whitespace())
            .len())
}

const ALLOWED: &str = "h2, h3, h4, p, ul, ol, li, strong, b, em, i, span";

/// Applies the allow-list to a parsed HTML forest and returns its blocks; every problem is one error.
pub fn sanitise(nodes: &[Node]) -> (Vec<SegBlock>, Vec<Error>) {
    let mut errors = Vec::new();
    let mut blocks = Vec::new();
    for node in nodes {
        match node {
            Node::Text { text, at } => {
                if !text.trim().is_empty() {
                    errors.push((
                        text_at(text, *at),
                        "text outside a block: wrap it in <p>".to_string(),
                    ));
                }
            }
            Node::Element(el) => {
                if let Some(b) = block(el, &mut errors) {
                    blocks.push(b);
                }
            }
        }
    }
    normalise_heading_levels(&mut blocks);
    (blocks, errors)
}

fn check_attrs(el: &Element, allowed: &[&str], errors: &mut Vec<Error>) {
    for a in &el.attrs {
        if !allowed.contains(&a.name.as_str()) {
            errors.push((
                a.at,
                format!("attribute `{}` is not allowed on <{}>", a.name, el.name),
            ));
        }
    }
}

fn block(el: &Element, errors: &mut Vec<Error>) -> Option<SegBlock> {
    let at = el.at;
    match el.name.as_str() {
        "h1" => {
            errors.push((
                at,
                "<h1> is not allowed: the article title is the page heading; use <h2>–<h4>".into(),
            ));
            None
        }
        "h2" | "h3" | "h4" => {
            check_attrs(el, &[], errors);
            let level = el.name.as_bytes()[1] - b'0';
            Some(SegBlock::Heading {
                level,
                content: trimmed(inlines(&el.children, false, errors)),
                at,
            })
        }
        "p" => {
            check_attrs(el, &["class"], errors);
            let lead = match el.attr("class") {
                None => false,
                Some(a) if a.value == "standfirst" => true,
                Some(a) => {
                    errors.push((
                        a.value_at,
                        format!(
                            "class `{}` is not allowed on <p> (only `standfirst`)",
                            a.value
                        ),
                    ));
                    false
                }
            };
            Some(SegBlock::Paragraph {
                lead,
                content: trimmed(inlines(&el.children, false, errors)),
                at,
            })
        }
        "ul" | "ol" => {
            check_attrs(el, &[], errors);
            let mut items = Vec::new();
            for child in &el.children {
                match child {
                    Node::Element(li) if li.name == "li" => {
                        check_attrs(li, &[], errors);
                        items.push(trimmed(inlines(&li.children, false, errors)));
                    }
                    Node::Element(other) => errors.push((
                        other.at,
                        format!(
                            "<{}> is not allowed inside <{}>: use <li>",
                            other.name, el.name
                        ),
                    )),
                    Node::Text { text, at } if !text.trim().is_empty() => errors.push((
                        text_at(text, *at),
                        format!("text directly inside <{}>: wrap it in <li>", el.name),
                    )),
                    Node::Text { .. } => {}
                }
            }
            Some(SegBlock::List {
                ordered: el.name == "ol",
                items,
                at,
            })
        }
        "strong" | "b" | "em" | "i" | "span" | "li" => {
            errors.push((
                at,
                format!("<{}> must be inside a block such as <p>", el.name),
            ));
            None
        }
        other => {
            errors.push((
                at,
                format!("tag <{other}> is not allowed (allowed: {ALLOWED})"),
            ));
            None
        }
    }
}

fn collapse_ws(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_ws = false;
    for c in s.chars() {
        if c.is_ascii_whitespace() {
            if !in_ws {
                out.push(' ');
            }
            in_ws = true;
        } else {
            out.push(c);
            in_ws = false;
        }
    }
    out
}

fn inlines(nodes: &[Node], in_term: bool, errors: &mut Vec<Error>) -> Vec<Seg> {
    let mut out = Vec::new();
    for node in nodes {
        match node {
            Node::Text { text, .. } => out.push(Seg::Text(collapse_ws(text))),
            Node::Element(el) => match el.name.as_str() {
                "strong" | "b" => {
                    check_attrs(el, &[], errors);
                    out.push(Seg::Strong(inlines(&el.children, in_term, errors)));
                }
                "em" | "i" => {
                    check_attrs(el, &[], errors);
                    out.push(Seg::Emphasis(inlines(&el.children, in_term, errors)));
                }
                "span" => {
                    if let Some(seg) = span(el, in_term, errors) {
                        out.push(seg);
                    }
                }
                other => {
                    let msg = match other {
                        "h1" | "h2" | "h3" | "h4" | "p" | "ul" | "ol" | "li" => {
                            format!("<{other}> is not allowed here: blocks cannot be nested inside inline text")
                        }
                        _ => format!("tag <{other}> is not allowed (allowed: {ALLOWED})"),
                    };
                    errors.push((el.at, msg));
                }
            },
        }
    }
    out
}

fn span(el: &Element, in_term: bool, errors: &mut Vec<Error>) -> Option<Seg> {
    check_attrs(el, &["class", "data-definition", "data-term"], errors);
    // A rejected span keeps its text, so one problem is one error (not also "empty article").
    let keep_text =
        |errors: &mut Vec<Error>| Some(Seg::NoLink(inlines(&el.children, true, errors)));
    let Some(class) = el.attr("class") else {
        errors.push((
            el.at,
            "<span> needs class=\"key-term\" or class=\"no-link\"".into(),
        ));
        return keep_text(errors);
    };
    match class.value.as_str() {
        "no-link" => {
            for a in el.attrs.iter().filter(|a| a.name.starts_with("data-")) {
                errors.push((
                    a.at,
                    format!("attribute `{}` is only allowed on key-term spans", a.name),
                ));
            }
            Some(Seg::NoLink(inlines(&el.children, in_term, errors)))
        }
        "key-term" => {
            if in_term {
                errors.push((el.at, "a key term cannot be inside another key term".into()));
                return keep_text(errors);
            }
            let content = inlines(&el.children, true, errors);
            let text = collapse_ws(&plain_segs(&content)).trim().to_string();
            if text.is_empty() {
                errors.push((el.at, "key-term span has no text".into()));
                return None;
            }
            let target = match (el.attr("data-term"), el.attr("data-definition")) {
                (Some(_), Some(d)) => {
                    errors.push((
                        d.at,
                        "use either data-term or data-definition on a key term, not both".into(),
                    ));
                    return Some(Seg::NoLink(content));
                }
                (Some(t), None) => TermTarget::Id {
                    id: t.value.trim().to_string(),
                    at: t.value_at,
                },
                (None, Some(d)) => match parse_annotation(&d.value) {
                    Ok(annotation) => TermTarget::Annotated {
                        annotation,
                        text,
                        at: d.value_at,
                    },
                    Err(msg) => {
                        errors.push((d.value_at, msg));
                        return Some(Seg::NoLink(content));
                    }
                },
                (None, None) => {
                    errors.push((el.at, "key-term span needs data-definition=\"Term — definition (GSn: Area)\" or data-term=\"id\"".into()));
                    return Some(Seg::NoLink(content));
                }
            };
            Some(Seg::Term { target, content })
        }
        other => {
            errors.push((
                class.value_at,
                format!("class `{other}` is not allowed on <span> (use key-term or no-link)"),
            ));
            keep_text(errors)
        }
    }
}

fn plain_segs(segs: &[Seg]) -> String {
    let mut s = String::new();
    for seg in segs {
        match seg {
            Seg::Text(t) => s.push_str(t),
            Seg::NoLink(c) | Seg::Strong(c) | Seg::Emphasis(c) | Seg::Term { content: c, .. } => {
                s.push_str(&plain_segs(c))
            }
        }
    }
    s
}

/// Trims the whitespace at both ends of a block's content, descending into its first and last children.
fn trimmed(mut segs: Vec<Seg>) -> Vec<Seg> {
    fn edge(segs: &mut Vec<Seg>, start: bool) {
        loop {
            let Some(seg) = (if start {
                segs.first_mut()
            } else {
                segs.last_mut()
            }) else {
                return;
            };
            match seg {
                Seg::Text(t) => {
                    *t = if start {
                        t.trim_start().to_string()
                    } else {
                        t.trim_end().to_string()
                    };
                    if t.is_empty() {
                        if start {
                            segs.remove(0);
                        } else {
                            segs.pop();
                        }
                        continue;
                    }
                }
                Seg::NoLink(c)
                | Seg::Strong(c)
                | Seg::Emphasis(c)
                | Seg::Term { content: c, .. } => edge(c, start),
            }
            return;
        }
    }
    edge(&mut segs, true);
    edge(&mut segs, false);
    segs
}

fn normalise_heading_levels(blocks: &mut [SegBlock]) {
    let min = blocks
        .iter()
        .filter_map(|b| match b {
            SegBlock::Heading { level, .. } => Some(*level),
            _ => None,
        })
        .min();
    if let Some(min) = min {
        for b in blocks {
            if let SegBlock::Heading { level, .. } = b {
                *level = (*level - min + 2).min(4);
            }
        }
    }
}

/// Finds glossary terms in text: whole words, case/accent/hyphen-insensitive, longest match first.
pub struct Linker {
    /// Folded patterns keyed by their first word, longest first.
    by_first_word: HashMap<String, Vec<(String, usize)>>,
}

fn first_word(s: &str) -> &str {
    let end = s.find(|c: char| !is_word_char(c)).unwrap_or(s.len());
    &s[..end]
}

impl Linker {
    /// `names[i]` are the surface forms (term and aliases) of entry `i`.
    pub fn new(names: &[Vec<String>]) -> Self {
        let mut by_first_word: HashMap<String, Vec<(String, usize)>> = HashMap::new();
        for (i, forms) in names.iter().enumerate() {
            for form in forms {
                let pat = fold(form.trim());
                let key = first_word(&pat).to_string();
                if key.is_empty() {
                    continue;
                }
                by_first_word.entry(key).or_default().push((pat, i));
            }
        }
        for v in by_first_word.values_mut() {
            v.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.1.cmp(&b.1)));
            v.dedup();
        }
        Self { by_first_word }
    }

    /// Matches in `s` as (original byte range, entry index), left to right, never overlapping.
    pub fn find(&self, s: &str) -> Vec<((usize, usize), usize)> {
        let f = Folded::new(s);
        let t = f.text.as_str();
        let mut out = Vec::new();
        let mut i = 0;
        let mut prev_word = false;
        while i < t.len() {
            let c = t[i..].chars().next().expect("in bounds");
            if is_word_char(c) && !prev_word {
                if let Some(cands) = self.by_first_word.get(first_word(&t[i..])) {
                    let hit = cands.iter().find(|(pat, _)| {
                        t[i..].starts_with(pat.as_str())
                            && !t[i + pat.len()..].chars().next().is_some_and(is_word_char)
                    });
                    if let Some((pat, idx)) = hit {
                        out.push((f.original_range(i, i + pat.len()), *idx));
                        i += pat.len();
                        prev_word = false;
                        continue;
                    }
                }
            }
            prev_word = is_word_char(c);
            i += c.len_utf8();
        }
        out
    }
}

/// Numbers occurrences of one document and turns segments into inline nodes.
pub struct Emitter<'a> {
    pub doc: DocKind,
    pub linker: &'a Linker,
    pub ids: &'a [TermId],
    /// Resolves explicit spans to entry indices (same order as `ids`).
    pub resolve: &'a dyn Fn(&TermTarget) -> Option<usize>,
    pub autolink: bool,
    next: u32,
    /// (entry index, occurrence) in document order.
    pub occurrences: Vec<(usize, Occurrence)>,
    next_sentence: u32,
    /// Text units a quote may come from (a heading, paragraph or list item) with their sentences'
    /// (index, start, end) byte ranges.
    pub units: Vec<crate::sentences::TextUnit>,
}

impl<'a> Emitter<'a> {
    pub fn new(
        doc: DocKind,
        linker: &'a Linker,
        ids: &'a [TermId],
        resolve: &'a dyn Fn(&TermTarget) -> Option<usize>,
        autolink: bool,
    ) -> Self {
        Self {
            doc,
            linker,
            ids,
            resolve,
            autolink,
            next: 0,
            occurrences: Vec::new(),
            next_sentence: 0,
            units: Vec::new(),
        }
    }

    fn occurrence(&mut self) -> OccurrenceId {
        let id = OccurrenceId {
            doc: self.doc,
            index: self.next,
        };
        self.next += 1;
        id
    }

    /// Splits a built block into sentences and records their text for quote lookup.
    fn sentences(&mut self, block: Block) -> Block {
        let unit = |content: Vec<Inline>, me: &mut Self| {
            let (content, ranges) = crate::sentences::split(content, &mut me.next_sentence);
            me.units.push(crate::sentences::TextUnit {
                text: plain_text(&content),
                sentences: ranges,
            });
            content
        };
        match block {
            Block::Heading { level, content } => Block::Heading {
                level,
                content: unit(content, self),
            },
            Block::Paragraph { lead, content } => Block::Paragraph {
                lead,
                content: unit(content, self),
            },
            Block::List { ordered, items } => Block::List {
                ordered,
                items: items.into_iter().map(|i| unit(i, self)).collect(),
            },
        }
    }

    pub fn block(&mut self, b: &SegBlock) -> Block {
        let start = self.occurrences.len();
        let block = match b {
            SegBlock::Heading { level, content, .. } => Block::Heading {
                level: *level,
                content: self.inlines(content, true),
            },
            SegBlock::Paragraph { lead, content, .. } => Block::Paragraph {
                lead: *lead,
                content: self.inlines(content, true),
            },
            SegBlock::List { ordered, items, .. } => Block::List {
                ordered: *ordered,
                items: items.iter().map(|i| self.inlines(i, true)).collect(),
            },
        };
        self.snippets(&block, start);
        self.sentences(block)
    }

    fn inlines(&mut self, segs: &[Seg], linkable: bool) -> Vec<Inline> {
        let mut out: Vec<Inline> = Vec::new();
        for seg in segs {
            match seg {
                Seg::Text(t) if linkable && self.autolink => {
                    let mut last = 0;
                    for ((a, b), idx) in self.linker.find(t) {
                        if a > last {
                            push_text(&mut out, &t[last..a]);
                        }
                        let occurrence = self.occurrence();
                        self.occurrences.push((idx, placeholder(occurrence)));
                        out.push(Inline::Term(TermRef {
                            term: self.ids[idx].clone(),
                            occurrence,
                            content: vec![Inline::Text(t[a..b].to_string())],
                        }));
                        last = b;
                    }
                    push_text(&mut out, &t[last..]);
                }
                Seg::Text(t) => push_text(&mut out, t),
                Seg::NoLink(c) => {
                    for i in self.inlines(c, false) {
                        match i {
                            Inline::Text(t) => push_text(&mut out, &t),
                            other => out.push(other),
                        }
                    }
                }
                Seg::Strong(c) => {
                    let inner = self.inlines(c, linkable);
                    out.push(Inline::Strong(inner));
                }
                Seg::Emphasis(c) => {
                    let inner = self.inlines(c, linkable);
                    out.push(Inline::Emphasis(inner));
                }
                Seg::Term { target, content } => {
                    // Unresolved targets were reported by the caller; show their text unlinked.
                    match (self.resolve)(target) {
                        Some(idx) => {
                            let occurrence = self.occurrence();
                            self.occurrences.push((idx, placeholder(occurrence)));
                            let content = self.inlines(content, false);
                            out.push(Inline::Term(TermRef {
                                term: self.ids[idx].clone(),
                                occurrence,
                                content,
                            }));
                        }
                        None => out.extend(self.inlines(content, false)),
                    }
                }
            }
        }
        out
    }

    /// Fills in the context words of the occurrences found in `block` (those from index `start` on).
    fn snippets(&mut self, block: &Block, start: usize) {
        let mut spans: Vec<(OccurrenceId, usize, usize)> = Vec::new();
        let mut text = String::new();
        fn walk(
            content: &[Inline],
            text: &mut String,
            spans: &mut Vec<(OccurrenceId, usize, usize)>,
        ) {
            for i in content {
                match i {
                    Inline::Text(t) => text.push_str(t),
                    Inline::Strong(c)
                    | Inline::Emphasis(c)
                    | Inline::Sentence { content: c, .. } => walk(c, text, spans),
                    Inline::Term(t) => {
                        let a = text.len();
                        text.push_str(&plain_text(&t.content));
                        spans.push((t.occurrence, a, text.len()));
                    }
                }
            }
        }
        match block {
            Block::Heading { content, .. } | Block::Paragraph { content, .. } => {
                walk(content, &mut text, &mut spans)
            }
            Block::List { items, .. } => {
                for item in items {
                    walk(item, &mut text, &mut spans);
                    text.push(' ');
                }
            }
        }
        for (occ, a, b) in spans {
            if let Some((_, o)) = self.occurrences[start..]
                .iter_mut()
                .find(|(_, o)| o.id == occ)
            {
                o.before = context_before(&text[..a]);
                o.matched = text[a..b].to_string();
                o.after = context_after(&text[b..]);
            }
        }
    }
}

fn placeholder(id: OccurrenceId) -> Occurrence {
    Occurrence {
        id,
        before: String::new(),
        matched: String::new(),
        after: String::new(),
    }
}

const CONTEXT_CHARS: usize = 60;

fn context_before(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() <= CONTEXT_CHARS {
        return s.to_string();
    }
    let tail: String = chars[chars.len() - CONTEXT_CHARS..].iter().collect();
    match tail.find(' ') {
        Some(sp) => format!("…{}", &tail[sp + 1..]),
        None => format!("…{tail}"),
    }
}

fn context_after(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    if chars.len() <= CONTEXT_CHARS {
        return s.trim_end().to_string();
    }
    let head: String = chars[..CONTEXT_CHARS].iter().collect();
    match head.rfind(' ') {
        Some(sp) => format!("{}…", &head[..sp]),
        None => format!("{head}…"),
    }
}

fn push_text(out: &mut Vec<Inline>, t: &str) {
    if t.is_empty() {
        return;
    }
    if let Some(Inline::Text(prev)) = out.last_mut() {
        prev.push_str(t);
    } else {
        out.push(Inline::Text(t.to_string()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::parse;

    fn linker(names: &[&[&str]]) -> Linker {
        Linker::new(
            &names
                .iter()
                .map(|n| n.iter().map(|s| s.to_string()).collect())
                .collect::<Vec<_>>(),
        )
    }

    fn matched<'a>(l: &Linker, s: &'a str) -> Vec<(&'a str, usize)> {
        l.find(s)
            .into_iter()
            .map(|((a, b), i)| (&s[a..b], i))
            .collect()
    }

    #[test]
    fn links_whole_words_case_insensitively_longest_first() {
        let l = linker(&[
            &["Defence Minister"],
            &["Italian Defence Minister"],
            &["Italy", "Rome"],
            &["NATO"],
        ]);
        assert_eq!(
            matched(
                &l,
                "The italian defence minister met the Defence Minister in ROME."
            ),
            [
                ("italian defence minister", 1),
                ("Defence Minister", 0),
                ("ROME", 2)
            ]
        );
        // Word boundaries: no match inside other words.
        assert!(matched(&l, "Romeo, Italyx and NATOs").is_empty());
        assert_eq!(matched(&l, "India–Italy ties"), [("Italy", 2)]);
    }

    #[test]
    fn hyphen_variants_and_accents_match() {
        let l = linker(&[&["co-production"], &["Défense"]]);
        assert_eq!(
            matched(&l, "joint co\u{2011}production and defense"),
            [("co\u{2011}production", 0), ("defense", 1)]
        );
        // A hyphenated compound still has a boundary after the term…
        let l = linker(&[&["Pakistan"]]);
        assert_eq!(
            matched(&l, "Pakistan\u{2011}linked networks"),
            [("Pakistan", 0)]
        );
        // …but a space does not match a hyphen unless listed as an alias.
        let l = linker(&[&["end use"]]);
        assert!(matched(&l, "end-use monitoring").is_empty());
    }

    #[test]
    fn sanitise_rejects_disallowed_tags_and_attributes() {
        let src = "<p onclick=\"x()\">a</p>\n<script>alert(1)</script><p><a href=\"javascript:x\">y</a></p><div>z</div>";
        let (nodes, perr) = parse(src);
        assert!(perr.is_empty());
        let (_, errors) = sanitise(&nodes);
        let msgs: Vec<&str> = errors.iter().map(|e| e.1.as_str()).collect();
        assert_eq!(msgs.len(), 4, "{msgs:?}");
        assert!(msgs[0].contains("attribute `onclick` is not allowed on <p>"));
        assert!(msgs[1].contains("tag <script> is not allowed"));
        assert!(msgs[2].contains("tag <a> is not allowed"));
        assert!(msgs[3].contains("tag <div> is not allowed"));
    }

    #[test]
    fn sanitise_normalises_whitespace_and_heading_levels() {
        let (nodes, _) =
            parse("<h3>  Over\n view </h3>\n<p>\n  A <strong>b</strong>\n c  \n</p><h4>Sub</h4>");
        let (blocks, errors) = sanitise(&nodes);
        assert!(errors.is_empty());
        assert_eq!(
            blocks[0],
            SegBlock::Heading {
                level: 2,
                content: vec![Seg::Text("Over view".into())],
                at: 0
            }
        );
        match &blocks[1] {
            SegBlock::Paragraph { content, .. } => assert_eq!(
                content,
                &vec![
                    Seg::Text("A ".into()),
                    Seg::Strong(vec![Seg::Text("b".into())]),
                    Seg::Text(" c".into())
                ]
            ),
            other => panic!("{other:?}"),
        }
        assert!(matches!(blocks[2], SegBlock::Heading { level: 3, .. }));
    }

    #[test]
    fn nested_key_terms_and_bad_spans_are_errors() {
        let (nodes, _) = parse(
            r#"<p><span class="key-term" data-term="a"><span class="key-term" data-term="b">x</span></span><span>y</span><span class="evil">z</span><span class="key-term">w</span></p>"#,
        );
        let (_, errors) = sanitise(&nodes);
        let msgs: Vec<&str> = errors.iter().map(|e| e.1.as_str()).collect();
        assert_eq!(msgs.len(), 4, "{msgs:?}");
        assert!(msgs[0].contains("inside another key term"));
        assert!(msgs[1].contains("needs class"));
        assert!(msgs[2].contains("class `evil`"));
        assert!(msgs[3].contains("needs data-definition"));
    }

    #[test]
    fn never_links_inside_explicit_terms_or_no_link_spans_and_numbers_in_order() {
        let (nodes, _) = parse(
            r#"<p>Italy and <span class="no-link">Italy</span> and <span class="key-term" data-term="rome">Rome, Italy</span>; <em>Italy</em>.</p>"#,
        );
        let (blocks, errors) = sanitise(&nodes);
        assert!(errors.is_empty(), "{errors:?}");
        let l = linker(&[&["Italy"], &["Rome"]]);
        let ids = [TermId("italy".into()), TermId("rome".into())];
        let resolve = |t: &TermTarget| match t {
            TermTarget::Id { id, .. } if id == "rome" => Some(1),
            _ => None,
        };
        let mut e = Emitter::new(DocKind::Full, &l, &ids, &resolve, true);
        let b = e.block(&blocks[0]);
        let Block::Paragraph { content, .. } = b else {
            panic!()
        };
        // One sentence here; look inside it.
        let [Inline::Sentence { content, .. }] = content.as_slice() else {
            panic!("{content:?}")
        };
        let terms: Vec<(String, u32, String)> = content
            .iter()
            .flat_map(|i| match i {
                Inline::Term(t) => vec![t.clone()],
                Inline::Emphasis(c) => c
                    .iter()
                    .filter_map(|i| {
                        if let Inline::Term(t) = i {
                            Some(t.clone())
                        } else {
                            None
                        }
                    })
                    .collect(),
                _ => vec![],
            })
            .map(|t| (t.term.0, t.occurrence.index, plain_text(&t.content)))
            .collect();
        assert_eq!(
            terms,
            [
                ("italy".into(), 0, "Italy".into()),
                ("rome".into(), 1, "Rome, Italy".into()),
                ("italy".into(), 2, "Italy".into())
            ]
        );
        assert_eq!(e.occurrences.len(), 3);
        assert_eq!(e.occurrences[1].1.before, "Italy and Italy and ");
        assert_eq!(e.occurrences[1].1.after, "; Italy.");
    }
}
