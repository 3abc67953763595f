//! Hostile input: every html5lib tokenizer input and every XSS payload, (a) as article body HTML, (b) inside a
//! key-term data-definition, (c) in every text field of the structured content. The compiler must never
//! panic; it either reports `file:line:col: message` errors or produces content whose rendering has no
//! script, event handler, dangerous URL or style.

mod common;
use common::*;
use explainer_compiler::corpus::{attr_escape, payloads, toml_string, unsafe_markup};
use explainer_compiler::{compile_dir, static_page};
use std::fs;

fn check(f: &Fixture, what: &str, payload: &str, stats: &mut (usize, usize)) {
    match compile_dir(&f.content()) {
        Ok(c) => {
            stats.0 += 1;
            for a in &c.articles {
                let html = static_page::render_body(a);
                let bad = unsafe_markup(&html);
                assert!(
                    bad.is_empty(),
                    "{what}: payload {payload:?} rendered unsafe markup: {bad:?}"
                );
                let json = serde_json::to_string(a).unwrap();
                explainer_core::load::decode_article(&json).expect("output decodes");
            }
        }
        Err(errors) => {
            stats.1 += 1;
            assert!(!errors.is_empty());
            for e in errors {
                let s = e.to_string();
                assert!(
                    e.line >= 1 && e.col >= 1 && !e.message.is_empty(),
                    "{what}: bad diagnostic {s}"
                );
                assert!(s.contains(&format!(":{}:{}: ", e.line, e.col)), "{s}");
            }
        }
    }
}

fn corpus() -> Vec<String> {
    let p = payloads(&repo_root().join("tests/corpora"));
    assert!(p.len() > 10_000, "corpora found: {}", p.len());
    p
}

#[test]
fn payloads_as_article_body() {
    let f = Fixture::new(&[]);
    let full = f.content().join("a/full.html");
    let mut stats = (0, 0);
    for p in corpus() {
        fs::write(&full, &p).unwrap();
        check(&f, "body", &p, &mut stats);
        fs::write(&full, format!("<p>{p}</p>")).unwrap();
        check(&f, "paragraph", &p, &mut stats);
    }
    eprintln!(
        "body: {} compiled, {} rejected with errors",
        stats.0, stats.1
    );
    assert!(
        stats.0 > 1000 && stats.1 > 1000,
        "both outcomes occur: {stats:?}"
    );
}

#[test]
fn payloads_inside_a_key_term_definition() {
    let f = Fixture::new(&[]);
    let brief = f.content().join("a/brief.html");
    let mut stats = (0, 0);
    for p in corpus() {
        let html = format!("<p><span class=\"key-term\" data-definition=\"Zed — {} (GS2: Polity)\">Zed</span> met NATO.</p>\n", attr_escape(&p));
        fs::write(&brief, html).unwrap();
        check(&f, "data-definition", &p, &mut stats);
    }
    eprintln!(
        "data-definition: {} compiled, {} rejected",
        stats.0, stats.1
    );
    assert!(stats.0 > 1000, "{stats:?}");
}

#[test]
fn payloads_in_every_structured_text_field() {
    let f = Fixture::new(&[]);
    let dir = f.content().join("a");
    let all = corpus();
    let mut stats = (0, 0);
    for (batch_no, batch) in all.chunks(50).enumerate() {
        let mut glossary = String::from(GLOSSARY);
        let mut timeline = String::new();
        let mut map = String::from("[[entity]]\nid = \"italy\"\nname = \"Italy\"\nkind = \"country\"\ndescription = \"x\"\n");
        let mut questions = String::new();
        for (i, p) in batch.iter().enumerate() {
            let t = toml_string(p);
            glossary.push_str(&format!(
                "\n[[term]]\nid = \"p{i}\"\nterm = {}\naliases = [{t}]\ndefinition = {t}\ntags = [\"GS3: Security\"]\n",
                toml_string(&format!("Payload {batch_no} {i} {p}"))
            ));
            timeline.push_str(&format!(
                "\n[[event]]\nid = \"e{i}\"\ntitle = {t}\ntext = {t}\ndate = \"2026\"\ncategory = \"policy\"\ntags = [\"GS2: Polity\"]\nquote = \"Italy and NATO talked in Rome.\"\n"
            ));
            map.push_str(&format!(
                "\n[[entity]]\nid = \"n{i}\"\nname = {t}\nkind = \"organisation\"\ndescription = {t}\n\n[[relation]]\nfrom = \"n{i}\"\nto = \"italy\"\nkind = \"backs\"\nlabel = {t}\nquote = \"Italy and NATO talked in Rome.\"\n"
            ));
            questions.push_str(&format!(
                "\n[[mcq]]\nid = \"q{i}\"\nkind = \"statements\"\nquestion = {t}\nstatements = [{t}, \"b\"]\noptions = [{t}, \"2\", \"3\", \"4\"]\nanswer = 1\nexplanation = {t}\nquote = \"Italy and NATO talked in Rome.\"\ntags = [\"GS2: Polity\"]\n\n[[mains]]\nid = \"m{i}\"\nquestion = {t}\ntags = [\"GS2: Polity\"]\nmarks = 10\nwords = 150\noutline = [{t}, \"b\", \"c\"]\nquote = \"Italy and NATO talked in Rome.\"\n"
            ));
        }
        fs::write(dir.join("glossary.toml"), glossary).unwrap();
        fs::write(dir.join("timeline.toml"), timeline).unwrap();
        fs::write(dir.join("map.toml"), map).unwrap();
        fs::write(dir.join("questions.toml"), questions).unwrap();
        check(&f, "structured fields", &batch.join(" | "), &mut stats);
    }
    eprintln!(
        "structured: {} batches compiled, {} rejected",
        stats.0, stats.1
    );
}
