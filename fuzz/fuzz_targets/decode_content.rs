//! The app's decoding of everything it reads from outside: content JSON, stored progress, parent messages.
#![no_main]

use explainer_core::embed::ParentMessage;
use explainer_core::load::{decode_article, decode_index};
use explainer_core::study::StudyState;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    if let Ok(a) = decode_article(&s) {
        // Whatever decodes must be usable by the views' pure logic without panicking.
        let idx = explainer_core::search::SearchIndex::new(&a.glossary);
        let _ = idx.search("a", &[]);
        let _ = explainer_core::selection::highlighted(&a, None);
        let dates: Vec<_> = a.timeline.iter().map(|e| e.date.clone()).collect();
        let order = explainer_core::timeline::order_events(&dates);
        let _ = explainer_core::timeline::timeline_columns(&dates, &order);
        let _ = explainer_core::quiz::build_quiz(&a, explainer_core::quiz::QuizSource::Mixed, 5, 1);
    }
    let _ = decode_index(&s);
    let _ = StudyState::load(Some(&s), "a");
    let _ = ParentMessage::parse(&s);
});
