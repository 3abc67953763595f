//! Benchmark (not a test): map layout time for synthetic graphs of 50, 500 and 2,000 nodes.
//! Prints a Markdown table of medians over several runs. Run through `scripts/bench`.

use explainer_core::graph::{layout_graph, LayoutNode};
use std::time::Instant;

fn graph(n: usize) -> (Vec<LayoutNode>, Vec<(usize, usize)>) {
    let names = [
        "India",
        "Leonardo S.p.A.",
        "Military Cooperation Plan 2026–27",
        "WASS",
        "Indian armed forces",
    ];
    let nodes = (0..n)
        .map(|i| LayoutNode {
            label: format!("{} {i}", names[i % names.len()]),
            prominent: i < 3,
        })
        .collect();
    let mut edges = Vec::new();
    let mut s: u64 = 7;
    for i in 1..n {
        s = s
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        edges.push((i, (s >> 33) as usize % i));
        if i > 3 {
            edges.push((i, (s >> 17) as usize % (i / 2)));
        }
    }
    (nodes, edges)
}

fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(15);
    println!("| nodes | edges | median ms | min ms | max ms | runs |");
    println!("|---:|---:|---:|---:|---:|---:|");
    for n in [50, 500, 2000] {
        let (nodes, edges) = graph(n);
        let mut times: Vec<f64> = (0..runs)
            .map(|_| {
                let t = Instant::now();
                let l = layout_graph(&nodes, &edges);
                std::hint::black_box(&l);
                t.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        times.sort_by(f64::total_cmp);
        println!(
            "| {n} | {} | {:.3} | {:.3} | {:.3} | {runs} |",
            edges.len(),
            times[runs / 2],
            times[0],
            times[runs - 1]
        );
    }
}
