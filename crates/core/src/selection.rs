//! What a selection touches in each view: selecting an entity also marks its glossary term, the events it
//! takes part in and so on, so one selection shows up in the reader, glossary, timeline and map.

use crate::model::{Article, EntityId, EventId, TermId};
use crate::route::Selection;
use std::collections::BTreeSet;

/// Everything highlighted for one selection.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Highlighted {
    pub terms: BTreeSet<TermId>,
    pub entities: BTreeSet<EntityId>,
    pub events: BTreeSet<EventId>,
}

/// Resolves a selection against an article; unknown ids give an empty set (a stale shared link is harmless).
pub fn highlighted(article: &Article, sel: Option<&Selection>) -> Highlighted {
    let mut h = Highlighted::default();
    match sel {
        Some(Selection::Term(t)) if article.entry(t).is_some() => {
            h.terms.insert(t.clone());
            h.entities.extend(
                article
                    .entities
                    .iter()
                    .filter(|e| e.term.as_ref() == Some(t))
                    .map(|e| e.id.clone()),
            );
            h.events.extend(
                article
                    .timeline
                    .iter()
                    .filter(|e| e.terms.contains(t))
                    .map(|e| e.id.clone()),
            );
        }
        Some(Selection::Entity(id)) => {
            if let Some(e) = article.entity(id) {
                h.entities.insert(id.clone());
                h.terms.extend(e.term.clone());
                h.events.extend(
                    article
                        .timeline
                        .iter()
                        .filter(|ev| ev.entities.contains(id))
                        .map(|ev| ev.id.clone()),
                );
            }
        }
        Some(Selection::Event(id)) => {
            if let Some(ev) = article.event(id) {
                h.events.insert(id.clone());
                h.terms.extend(ev.terms.iter().cloned());
                h.entities.extend(ev.entities.iter().cloned());
            }
        }
        // Nothing selected, or an id the article does not have.
        _ => {}
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::decode_article;

    fn seed() -> Article {
        decode_article(include_str!("../../../tests/fixtures/article.json")).unwrap()
    }

    #[test]
    fn an_entity_marks_its_term_and_events() {
        let a = seed();
        let h = highlighted(&a, Some(&Selection::Entity(EntityId("leonardo".into()))));
        assert!(h.terms.contains(&TermId("leonardo".into())));
        assert!(h
            .events
            .contains(&EventId("leonardo-restrictions-lifted".into())));
        assert!(h.entities.contains(&EntityId("leonardo".into())));
    }

    #[test]
    fn a_term_marks_its_entity_and_an_event_marks_its_actors() {
        let a = seed();
        let h = highlighted(&a, Some(&Selection::Term(TermId("pakistan".into()))));
        assert!(h.entities.contains(&EntityId("pakistan".into())));
        let h = highlighted(&a, Some(&Selection::Event(EventId("defence-talks".into()))));
        assert!(
            h.entities.contains(&EntityId("india".into()))
                && h.entities.contains(&EntityId("italy".into()))
        );
        assert!(h.terms.contains(&TermId("rajnath-singh".into())));
    }

    #[test]
    fn unknown_ids_and_no_selection_highlight_nothing() {
        let a = seed();
        assert_eq!(highlighted(&a, None), Highlighted::default());
        assert_eq!(
            highlighted(&a, Some(&Selection::Entity(EntityId("atlantis".into())))),
            Highlighted::default()
        );
    }
}
