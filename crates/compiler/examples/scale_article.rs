//! Generates a synthetic article of a given size (terms; body paragraphs ≈ 1 MB at 5,000 terms) and compiles
//! it, printing one line of figures: terms, input bytes, output bytes, compile ms, peak RSS (MB).
//! Usage: scale_article <terms> <work-dir> [--map <actors>]   (used by scripts/bench and the scale e2e test)

use explainer_compiler::{compile_dir, write_output};
use std::fs;
use std::path::PathBuf;
use std::time::Instant;

fn peak_rss_mb() -> f64 {
    fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let terms: usize = args[1].parse().unwrap();
    let work = PathBuf::from(&args[2]);
    let dir = work.join("content/scale");
    let _ = fs::remove_dir_all(work.join("content"));
    fs::create_dir_all(&dir).unwrap();
    let word = |i: usize| {
        let syll = [
            "ka", "ri", "to", "me", "sun", "dar", "vi", "lo", "pan", "ne",
        ];
        let mut s = String::new();
        let mut n = i + 1;
        while n > 0 {
            s.push_str(syll[n % 10]);
            n /= 10;
        }
        s
    };
    let mut glossary = String::new();
    for i in 0..terms {
        let name = format!("{} {}", word(i), word(i * 7 + 3));
        glossary.push_str(&format!(
            "[[term]]\nid = \"t{i}\"\nterm = \"{name}\"\naliases = [\"{}x\"]\ndefinition = \"Definition {i}: the {} of {} in the synthetic article.\"\ntags = [\"GS{}: Area\"]\n\n",
            word(i),
            word(i + 1),
            word(i + 2),
            1 + i % 4
        ));
    }
    // Body: paragraphs that mention terms, ~200 bytes per term.
    let mut full = String::new();
    for p in 0..terms.div_ceil(2) {
        let a = format!("{} {}", word(2 * p), word(2 * p * 7 + 3));
        let b = format!("{} {}", word(2 * p + 1), word((2 * p + 1) * 7 + 3));
        full.push_str(&format!(
            "<p>Paragraph {p} talks about {a} and then about {b}, with some ordinary words that are not terms, to make the text read like an article of plausible length and shape.</p>\n"
        ));
    }
    fs::write(dir.join("article.toml"), "title = \"Scale test\"\ndate = \"2026-01-01\"\npapers = [\"GS1\", \"GS2\", \"GS3\", \"GS4\"]\nsummary = \"Synthetic.\"\n[source]\nname = \"Generated\"\n[brief]\nfile = \"brief.html\"\ntitle = \"Brief\"\n[full]\nfile = \"full.html\"\ntitle = \"Full\"\n").unwrap();
    fs::write(
        dir.join("brief.html"),
        "<p>A synthetic article for scale tests.</p>\n",
    )
    .unwrap();
    // Optional map: `--map N` actors, each supplying one other and partnering with the next; every relation's
    // quote is a sentence of the text.
    let actors: usize = args
        .iter()
        .position(|a| a == "--map")
        .and_then(|i| args.get(i + 1)?.parse().ok())
        .unwrap_or(0);
    let mut map = String::new();
    let kinds = ["company", "country", "organisation", "person", "agreement"];
    for i in 0..actors {
        map.push_str(&format!(
            "[[entity]]\nid = \"e{i}\"\nname = \"Actor {}\"\nkind = \"{}\"\ndescription = \"Synthetic actor {i}.\"\nprominent = {}\n\n",
            word(i),
            kinds[i % kinds.len()],
            i < 3
        ));
    }
    for i in 0..actors {
        for (to, kind, verb) in [
            ((i * 7 + 1) % actors, "supplies", "supplies"),
            ((i + 1) % actors, "partners-with", "partners with"),
        ] {
            if to == i || (kind == "partners-with" && actors == 2 && i == 1) {
                continue;
            }
            let quote = format!("Actor {} {verb} actor {}.", word(i), word(to));
            full.push_str(&format!("<p>{quote}</p>\n"));
            map.push_str(&format!(
                "[[relation]]\nfrom = \"e{i}\"\nto = \"e{to}\"\nkind = \"{kind}\"\nlabel = \"{verb}\"\nquote = \"{quote}\"\n\n"
            ));
        }
    }
    if actors > 0 {
        fs::write(dir.join("map.toml"), &map).unwrap();
    }
    fs::write(dir.join("full.html"), &full).unwrap();
    fs::write(dir.join("glossary.toml"), &glossary).unwrap();
    let input = full.len() + glossary.len();
    let t = Instant::now();
    let compiled =
        compile_dir(&work.join("content")).unwrap_or_else(|e| panic!("{:?}", &e[..e.len().min(3)]));
    let out = work.join("out");
    write_output(&compiled, &out).unwrap();
    let ms = t.elapsed().as_secs_f64() * 1000.0;
    let output = fs::metadata(out.join("scale.json"))
        .map(|m| m.len())
        .unwrap_or(0);
    println!("{terms}\t{input}\t{output}\t{ms:.0}\t{:.1}", peak_rss_mb());
}
