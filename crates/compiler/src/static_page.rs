//! A plain HTML page per article: readable with JavaScript off, printable, and the performance baseline.

use explainer_core::model::*;
use std::fmt::Write;

/// Escapes text for HTML element content and double-quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn inlines(content: &[Inline], out: &mut String) {
    for i in content {
        match i {
            Inline::Text(t) => out.push_str(&esc(t)),
            Inline::Strong(c) => {
                out.push_str("<strong>");
                inlines(c, out);
                out.push_str("</strong>");
            }
            Inline::Emphasis(c) => {
                out.push_str("<em>");
                inlines(c, out);
                out.push_str("</em>");
            }
            Inline::Sentence { content, .. } => inlines(content, out),
            Inline::Term(t) => {
                let _ = write!(
                    out,
                    "<a class=\"term\" id=\"{}\" href=\"#g-{}\">",
                    t.occurrence.anchor(),
                    esc(t.term.as_str())
                );
                inlines(&t.content, out);
                out.push_str("</a>");
            }
        }
    }
}

/// One document's blocks as HTML (what the fuzzer checks).
pub fn render_document(doc: &Document) -> String {
    let mut out = String::new();
    blocks(doc, &mut out);
    out
}

fn blocks(doc: &Document, out: &mut String) {
    for b in &doc.blocks {
        match b {
            Block::Heading { level, content } => {
                // The document's own title is h2 on this page, so its headings go one level down.
                let l = (level + 1).min(6);
                let _ = write!(out, "<h{l}>");
                inlines(content, out);
                let _ = writeln!(out, "</h{l}>");
            }
            Block::Paragraph { lead, content } => {
                out.push_str(if *lead { "<p class=\"lead\">" } else { "<p>" });
                inlines(content, out);
                out.push_str("</p>\n");
            }
            Block::List { ordered, items } => {
                let tag = if *ordered { "ol" } else { "ul" };
                let _ = writeln!(out, "<{tag}>");
                for item in items {
                    out.push_str("<li>");
                    inlines(item, out);
                    out.push_str("</li>\n");
                }
                let _ = writeln!(out, "</{tag}>");
            }
        }
    }
}

const STYLE: &str = "body{font:1.0625rem/1.6 system-ui,sans-serif;margin:0 auto;max-width:42rem;padding:1rem;color:#1a1a1a;background:#fff}\
h1{font-size:1.6rem;line-height:1.25}a.term{color:inherit;text-decoration:underline dotted}\
.lead{font-size:1.15rem}dt{font-weight:700;margin-top:1rem}.tags{color:#555;font-size:.9rem}nav a{margin-right:1rem}\
li{margin-bottom:.6rem}table{border-collapse:collapse;font-size:.9rem}td,th{border:1px solid #ccc;padding:.3rem;vertical-align:top;text-align:left}";

fn page(title: &str, body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n",
        esc(title)
    )
}

/// The plain page of one article: both texts and the glossary, terms linked to their entries.
pub fn render(a: &Article) -> String {
    page(&a.title, &render_body(a))
}

/// The content of the plain page, everything that comes from the article (inside `<main>`).
pub fn render_body(a: &Article) -> String {
    let mut b = String::new();
    let _ = writeln!(b, "<h1>{}</h1>", esc(&a.title));
    let papers: Vec<String> = a.papers.iter().map(|p| p.label().to_string()).collect();
    let _ = writeln!(
        b,
        "<p>{} · {} · {}</p>",
        esc(&a.date.long()),
        esc(&a.source.name),
        esc(&papers.join(", "))
    );
    b.push_str("<nav aria-label=\"Sections\"><a href=\"#brief\">Brief</a><a href=\"#full\">Full article</a><a href=\"#glossary\">Glossary</a><a href=\"#timeline\">Timeline</a><a href=\"#relations\">Relations</a></nav>\n");
    for doc in [&a.brief, &a.full] {
        let _ = writeln!(
            b,
            "<section id=\"{}\">\n<h2>{}</h2>",
            doc.kind.key(),
            esc(&doc.title)
        );
        blocks(doc, &mut b);
        b.push_str("</section>\n");
    }
    b.push_str("<section id=\"glossary\">\n<h2>Glossary</h2>\n<dl>\n");
    for e in &a.glossary {
        let tags: Vec<String> = e.tags.iter().map(|t| t.to_string()).collect();
        let _ = writeln!(
            b,
            "<dt id=\"g-{}\">{}</dt>\n<dd>{}<br><span class=\"tags\">{}</span></dd>",
            esc(e.id.as_str()),
            esc(&e.term),
            esc(&e.definition),
            esc(&tags.join(" · "))
        );
    }
    b.push_str("</dl>\n</section>\n");
    if !a.timeline.is_empty() {
        b.push_str("<section id=\"timeline\">\n<h2>Timeline</h2>\n<ol>\n");
        for e in &a.timeline {
            let _ = writeln!(
                b,
                "<li><strong>{}</strong> — {} ({})<br>{}<br><q>{}</q></li>",
                esc(&e.date.label()),
                esc(&e.title),
                esc(e.category.label()),
                esc(&e.text),
                esc(&e.quote.text)
            );
        }
        b.push_str("</ol>\n</section>\n");
    }
    if !a.relations.is_empty() {
        let name = |id: &EntityId| a.entity(id).map_or(id.to_string(), |e| e.name.clone());
        b.push_str("<section id=\"relations\">\n<h2>Who is related to whom</h2>\n<table>\n<thead><tr><th>From</th><th>Relation</th><th>To</th><th>Source sentence</th></tr></thead>\n<tbody>\n");
        for r in &a.relations {
            let _ = writeln!(
                b,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td><q>{}</q></td></tr>",
                esc(&name(&r.from)),
                esc(&r.label),
                esc(&name(&r.to)),
                esc(&r.quote.text)
            );
        }
        b.push_str("</tbody>\n</table>\n</section>\n");
    }
    b
}

/// A plain list of all articles.
pub fn render_index(index: &ArticleIndex) -> String {
    let mut b = String::from("<h1>Articles</h1>\n<ul>\n");
    for a in &index.articles {
        let _ = writeln!(
            b,
            "<li><a href=\"{}.html\">{}</a> ({})</li>",
            esc(a.slug.as_str()),
            esc(&a.title),
            esc(&a.date.long())
        );
    }
    b.push_str("</ul>\n");
    page("Articles", &b)
}
