//! Benchmark (not a test): glossary search per keystroke over 5,000 synthetic terms. Prints a Markdown table.

use explainer_core::model::{GlossaryEntry, TermId};
use explainer_core::search::SearchIndex;
use explainer_core::syllabus::{SyllabusPaper, SyllabusTag};
use std::time::Instant;

fn main() {
    let syll = [
        "ka", "ri", "to", "me", "sun", "dar", "vi", "lo", "pan", "ne",
    ];
    let word = |mut n: usize| {
        let mut s = String::new();
        n += 1;
        while n > 0 {
            s.push_str(syll[n % 10]);
            n /= 10;
        }
        s
    };
    let entries: Vec<GlossaryEntry> = (0..5000)
        .map(|i| GlossaryEntry {
            id: TermId(format!("t{i}")),
            term: format!("{} {}", word(i), word(i * 7 + 3)),
            aliases: vec![format!("{}x", word(i))],
            definition: format!(
                "Definition {i}: the {} of {} in the synthetic article.",
                word(i + 1),
                word(i + 2)
            ),
            tags: vec![SyllabusTag {
                paper: SyllabusPaper::ALL[i % 4],
                area: "Area".into(),
            }],
            see_also: vec![],
            occurrences: vec![],
            tr: Default::default(),
        })
        .collect();
    let t = Instant::now();
    let index = SearchIndex::new(&entries);
    let build_ms = t.elapsed().as_secs_f64() * 1000.0;
    println!("Index build for 5,000 terms: {build_ms:.2} ms.\n");
    println!("| query | results | median ms | max ms |");
    println!("|---|---:|---:|---:|");
    for q in ["k", "ka", "kar", "kari", "karit", "sunda", "zzz"] {
        let mut times: Vec<f64> = (0..21)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(index.search(q, &[]));
                t.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        times.sort_by(f64::total_cmp);
        println!(
            "| `{q}` | {} | {:.3} | {:.3} |",
            index.search(q, &[]).len(),
            times[10],
            times[20]
        );
    }
}
