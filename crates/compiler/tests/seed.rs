//! The seed article compiles, links what a student needs, and matches the fixture the app tests use.

mod common;
use common::repo_root;
use explainer_compiler::compile_dir;
use explainer_core::model::{Article, Block, Inline, TermRef};
use explainer_core::SyllabusPaper;

fn article() -> Article {
    let c = compile_dir(&repo_root().join("content")).unwrap_or_else(|e| panic!("{e:?}"));
    c.articles
        .into_iter()
        .find(|a| a.slug.as_str() == "india-italy-defence-2026")
        .expect("seed article")
}

fn terms(blocks: &[Block]) -> Vec<TermRef> {
    fn walk(c: &[Inline], out: &mut Vec<TermRef>) {
        for i in c {
            match i {
                Inline::Term(t) => {
                    assert!(
                        !t.content.iter().any(|x| matches!(x, Inline::Term(_))),
                        "a term inside another term"
                    );
                    out.push(t.clone());
                }
                Inline::Strong(c) | Inline::Emphasis(c) | Inline::Sentence { content: c, .. } => {
                    walk(c, out)
                }
                Inline::Text(_) => {}
            }
        }
    }
    let mut out = Vec::new();
    for b in blocks {
        match b {
            Block::Heading { content, .. } | Block::Paragraph { content, .. } => {
                walk(content, &mut out)
            }
            Block::List { items, .. } => items.iter().for_each(|i| walk(i, &mut out)),
        }
    }
    out
}

#[test]
fn metadata_and_glossary_size() {
    let a = article();
    assert_eq!(a.date.to_string(), "2026-04-30");
    assert_eq!(
        a.papers,
        [SyllabusPaper::GS2, SyllabusPaper::GS3, SyllabusPaper::GS4]
    );
    assert!(a.glossary.len() >= 30, "{} terms", a.glossary.len());
    for e in &a.glossary {
        assert!(!e.tags.is_empty() && !e.definition.is_empty(), "{}", e.id);
        assert!(!e.occurrences.is_empty(), "{} never occurs", e.id);
    }
    let sorted: Vec<String> = a.glossary.iter().map(|e| e.term.to_lowercase()).collect();
    let mut again = sorted.clone();
    again.sort();
    assert_eq!(sorted, again, "glossary is A–Z");
}

#[test]
fn brief_keeps_its_annotations_and_full_text_drops_site_chrome() {
    let a = article();
    let linked: Vec<String> = terms(&a.brief.blocks)
        .iter()
        .map(|t| t.term.0.clone())
        .collect();
    for id in [
        "defence-minister",
        "rajnath-singh",
        "italian-counterpart",
        "guido-crosetto",
        "manekshaw-centre",
        "defence-technology",
        "pakistan",
    ] {
        assert!(linked.iter().any(|l| l == id), "brief links {id}");
    }
    let json = serde_json::to_string(&a.full).unwrap();
    for chrome in [
        "Leave a Comment",
        "Scroll to Top",
        "Dhanteras",
        "Your email address",
    ] {
        assert!(
            !json.contains(chrome),
            "site chrome `{chrome}` left in the article"
        );
    }
    assert!(
        json.contains("keep channels open"),
        "the article's last paragraph is kept"
    );
}

#[test]
fn aliases_link_where_they_mean_the_term() {
    let a = article();
    let full = terms(&a.full.blocks);
    let text_of = |id: &str| -> Vec<String> {
        full.iter()
            .filter(|t| t.term.as_str() == id)
            .map(|t| explainer_core::model::plain_text(&t.content))
            .collect()
    };
    assert!(text_of("italy").iter().any(|t| t == "Rome"), "Rome → Italy");
    assert!(
        text_of("pakistan").iter().any(|t| t == "Islamabad"),
        "Islamabad → Pakistan"
    );
    assert!(text_of("military-cooperation-plan")
        .iter()
        .any(|t| t == "MCP"));
    assert!(
        text_of("co-production")
            .iter()
            .any(|t| t == "co\u{2011}production"),
        "hyphen variants"
    );
    // "Italian Defence Minister" is Italy's minister: kept out of the Indian office's entry with no-link.
    assert_eq!(text_of("defence-minister").len(), 1);
    // Occurrence numbers are 0..n in document order.
    let idx: Vec<u32> = full.iter().map(|t| t.occurrence.index).collect();
    assert_eq!(idx, (0..full.len() as u32).collect::<Vec<_>>());
}

#[test]
fn output_is_deterministic_and_matches_the_app_fixture() {
    let json = serde_json::to_string(&article()).unwrap();
    assert_eq!(json, serde_json::to_string(&article()).unwrap());
    let fixture = repo_root().join("tests/fixtures/article.json");
    if std::env::var_os("UPDATE_FIXTURES").is_some() {
        std::fs::write(&fixture, &json).unwrap();
    }
    let on_disk = std::fs::read_to_string(&fixture).unwrap_or_default();
    assert!(on_disk == json, "tests/fixtures/article.json is stale: run `UPDATE_FIXTURES=1 cargo test -p explainer-compiler --test seed`");
}

#[test]
fn plain_page_has_no_script_and_links_every_term() {
    let a = article();
    let html = explainer_compiler::static_page::render(&a);
    assert!(!html.to_lowercase().contains("<script"));
    for e in &a.glossary {
        assert!(html.contains(&format!("id=\"g-{}\"", e.id)));
    }
    assert!(
        html.contains("<h1>India asks Italy not to share defence technology with Pakistan</h1>")
    );
}
