//! Writes and compiles a test article made of the attack payloads the compiler accepts (as body paragraphs,
//! key-term definitions and glossary/timeline/map/question text), for the browser check that nothing in it runs.
//! Usage: hostile_article <corpora-dir> <work-dir>; prints the output directory (content JSON + plain page).

use explainer_compiler::corpus::{attr_escape, payloads, toml_string};
use explainer_compiler::{compile_dir, write_output};
use std::fs;
use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (corpora, work) = (PathBuf::from(&args[1]), PathBuf::from(&args[2]));
    let dir = work.join("content/hostile");
    let _ = fs::remove_dir_all(work.join("content"));
    fs::create_dir_all(&dir).unwrap();
    fs::write(
        dir.join("article.toml"),
        "title = \"Hostile input test\"\ndate = \"2026-01-01\"\npapers = [\"GS2\"]\nsummary = \"Attack payloads as content.\"\n[source]\nname = \"Test corpora\"\n[brief]\nfile = \"brief.html\"\ntitle = \"Brief\"\n[full]\nfile = \"full.html\"\ntitle = \"Full\"\n",
    )
    .unwrap();
    let glossary = "[[term]]\nid = \"zed\"\nterm = \"Zed\"\ndefinition = \"A test term.\"\ntags = [\"GS2: Polity\"]\n";
    fs::write(dir.join("glossary.toml"), glossary).unwrap();
    fs::write(dir.join("brief.html"), "<p>Zed is here.</p>\n").unwrap();
    // Keep the payloads that compile on their own, in each placement.
    let mut body = Vec::new();
    let mut defs = Vec::new();
    let all = payloads(&corpora).unwrap_or_else(|e| panic!("corpora: {e}"));
    for p in &all {
        fs::write(dir.join("full.html"), format!("<p>{p}</p>")).unwrap();
        if compile_dir(&work.join("content")).is_ok() {
            body.push(format!("<p>{p}</p>"));
        }
        fs::write(dir.join("full.html"), "<p>Zed again.</p>").unwrap();
        let html = format!("<p><span class=\"key-term\" data-definition=\"Zed{} — {} (GS2: Polity)\">Zed{}</span></p>\n", defs.len(), attr_escape(p), defs.len());
        fs::write(dir.join("brief.html"), &html).unwrap();
        if compile_dir(&work.join("content")).is_ok() && defs.len() < 400 {
            defs.push(html);
        }
    }
    fs::write(dir.join("full.html"), body.join("\n")).unwrap();
    fs::write(
        dir.join("brief.html"),
        format!("<p>Zed is here.</p>\n{}", defs.join("")),
    )
    .unwrap();
    // Structured fields: a sample of payloads as glossary, timeline and map text.
    let sample: Vec<String> = all.into_iter().step_by(40).take(150).collect();
    let mut g = String::from(glossary);
    let mut map = String::from("[[entity]]\nid = \"zed\"\nname = \"Zed\"\nkind = \"country\"\ndescription = \"x\"\nprominent = true\n");
    let mut timeline = String::new();
    for (i, p) in sample.iter().enumerate() {
        let t = toml_string(p);
        g.push_str(&format!(
            "\n[[term]]\nid = \"p{i}\"\nterm = {}\ndefinition = {t}\ntags = [\"GS3: Security\"]\n",
            toml_string(&format!("Payload {i}"))
        ));
        map.push_str(&format!("\n[[entity]]\nid = \"n{i}\"\nname = {t}\nkind = \"organisation\"\ndescription = {t}\n\n[[relation]]\nfrom = \"n{i}\"\nto = \"zed\"\nkind = \"backs\"\nlabel = {t}\nquote = \"Zed is here.\"\n"));
        timeline.push_str(&format!("\n[[event]]\nid = \"e{i}\"\ntitle = {t}\ntext = {t}\ndate = \"2026\"\ncategory = \"policy\"\ntags = [\"GS2: Polity\"]\nquote = \"Zed is here.\"\n"));
    }
    // Questions: payloads as stems, statements, options, explanations and mains outlines.
    let mut questions = String::new();
    for (i, chunk) in sample.chunks(6).take(12).enumerate() {
        let t = |k: usize| toml_string(&chunk[k % chunk.len()]);
        let opts = (0..4)
            .map(|k| toml_string(&format!("{} {k}", chunk[k % chunk.len()])))
            .collect::<Vec<_>>()
            .join(", ");
        questions.push_str(&format!(
            "\n[[mcq]]\nid = \"q{i}\"\nkind = \"statements\"\nquestion = {}\nstatements = [{}, {}]\noptions = [{opts}]\nanswer = {}\nexplanation = {}\nquote = \"Zed is here.\"\ntags = [\"GS2: Polity\"]\nterms = [\"zed\"]\n",
            t(0),
            t(1),
            t(2),
            i % 4,
            t(3)
        ));
        questions.push_str(&format!(
            "\n[[mains]]\nid = \"m{i}\"\nquestion = {}\ntags = [\"GS2: Polity\"]\nmarks = 10\nwords = 150\noutline = [{}, {}, {}]\nquote = \"Zed is here.\"\n",
            t(4),
            t(5),
            t(0),
            t(1)
        ));
    }
    fs::write(dir.join("questions.toml"), questions).unwrap();
    fs::write(dir.join("glossary.toml"), g).unwrap();
    fs::write(dir.join("map.toml"), map).unwrap();
    fs::write(dir.join("timeline.toml"), timeline).unwrap();
    let compiled = match compile_dir(&work.join("content")) {
        Ok(c) => c,
        Err(e) => {
            for d in e {
                eprintln!("{d}");
            }
            std::process::exit(1);
        }
    };
    let out = work.join("out");
    write_output(&compiled, &out).unwrap();
    eprintln!(
        "{} body paragraphs, {} definitions, {} structured payloads",
        body.len(),
        defs.len(),
        sample.len()
    );
    println!("{}", out.display());
}
