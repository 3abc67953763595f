//! The compiler's parse → sanitise → link → render path on arbitrary input, as body HTML and as an annotation.
//! Crashes on a panic, or if anything accepted renders with active markup.
#![no_main]

use explainer_compiler::annotation::parse_annotation;
use explainer_compiler::corpus::unsafe_markup;
use explainer_compiler::document::{sanitise, Emitter, Linker, TermTarget};
use explainer_compiler::html;
use explainer_core::model::{DocKind, Document, TermId};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let src = String::from_utf8_lossy(data);
    let _ = parse_annotation(&src);
    let (nodes, parse_errors) = html::parse(&src);
    let (blocks, errors) = sanitise(&nodes);
    if !parse_errors.is_empty() || !errors.is_empty() {
        return;
    }
    let names = vec![vec!["Italy".to_string(), "Rome".to_string()], vec!["NATO".to_string()], vec!["co-production".to_string()]];
    let ids = [TermId("italy".into()), TermId("nato".into()), TermId("co-production".into())];
    let linker = Linker::new(&names);
    let resolve = |t: &TermTarget| match t {
        TermTarget::Id { id, .. } => ids.iter().position(|i| i.as_str() == id),
        TermTarget::Annotated { .. } => Some(0),
    };
    let mut em = Emitter::new(DocKind::Full, &linker, &ids, &resolve, true);
    let blocks = blocks.iter().map(|b| em.block(b)).collect();
    let doc = Document { kind: DocKind::Full, title: "t".into(), blocks };
    let html = explainer_compiler::static_page::render_document(&doc);
    let bad = unsafe_markup(&html);
    assert!(bad.is_empty(), "unsafe markup {bad:?} from {src:?}");
});
