//! The revision sheet: what goes on one or two printed A4 pages, decided here so the view only lays it out.
//! Every term appears once, under its first (primary) syllabus paper; definitions are cut to their first
//! sentence; the timeline is in reading order; relations are listed as stated.

use crate::model::Article;
use crate::syllabus::SyllabusPaper;
use crate::text::fold;
use crate::timeline::order_events;

/// The sheet's contents as indices into the article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sheet {
    /// Glossary entries by primary paper, papers in order, entries A–Z by the given names.
    pub terms: Vec<(SyllabusPaper, Vec<usize>)>,
    /// Timeline events in reading order (undated lane first).
    pub events: Vec<usize>,
    /// Relations in authored order.
    pub relations: Vec<usize>,
}

/// Builds the sheet; `name_of` gives the name shown for an entry (it sets the A–Z order).
pub fn build_sheet(article: &Article, name_of: impl Fn(usize) -> String) -> Sheet {
    let mut terms: Vec<(SyllabusPaper, Vec<usize>)> = Vec::new();
    for paper in SyllabusPaper::ALL {
        let mut ids: Vec<usize> = (0..article.glossary.len())
            .filter(|&i| article.glossary[i].tags.first().map(|t| t.paper) == Some(paper))
            .collect();
        ids.sort_by_cached_key(|&i| fold(&name_of(i)));
        if !ids.is_empty() {
            terms.push((paper, ids));
        }
    }
    let dates: Vec<_> = article.timeline.iter().map(|e| e.date.clone()).collect();
    Sheet {
        terms,
        events: order_events(&dates).all().collect(),
        relations: (0..article.relations.len()).collect(),
    }
}

/// The first sentence of a text (a definition's core), or all of it if it has one sentence. A sentence ends
/// at `.`, `!`, `?` or the Devanagari danda `।` followed by a space and a capital or Devanagari letter, so
/// initials and abbreviations ("U.S. Navy", "e.g. NATO") are not taken as ends unless a new sentence follows.
pub fn first_sentence(text: &str) -> &str {
    let text = text.trim();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(at, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?' | '।') {
            continue;
        }
        let (Some(&(_, space)), Some(&(_, next))) = (chars.get(k + 1), chars.get(k + 2)) else {
            continue;
        };
        if !space.is_whitespace() {
            continue;
        }
        let starts_sentence = next.is_uppercase() || ('\u{0900}'..='\u{097F}').contains(&next);
        // "e.g. NATO", "U.S. Navy": a dot after a one-letter word or after "e.g"/"i.e" abbreviations.
        let word_before: String = text[..at]
            .chars()
            .rev()
            .take_while(|ch| !ch.is_whitespace())
            .collect();
        let abbreviation = c == '.'
            && (word_before.chars().count() == 1
                || word_before.contains('.')
                || ["sr", "jr", "dr", "mr", "mrs", "ms", "st", "vs"].contains(
                    &word_before
                        .chars()
                        .rev()
                        .collect::<String>()
                        .to_lowercase()
                        .as_str(),
                ));
        if starts_sentence && !abbreviation {
            return &text[..at + c.len_utf8()];
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_sentence_stops_at_a_real_end_only() {
        assert_eq!(
            first_sentence("An alliance of 32 states. It was founded in 1949."),
            "An alliance of 32 states."
        );
        assert_eq!(first_sentence("One sentence only."), "One sentence only.");
        assert_eq!(first_sentence("  No full stop  "), "No full stop");
        assert_eq!(
            first_sentence("Sold to the U.S. Navy. Later more."),
            "Sold to the U.S. Navy."
        );
        assert_eq!(
            first_sentence("Groups, e.g. NATO, act together. Second."),
            "Groups, e.g. NATO, act together."
        );
        assert_eq!(
            first_sentence("Version 2.5 of the plan. Next."),
            "Version 2.5 of the plan."
        );
        assert_eq!(
            first_sentence("भारत का रक्षा मंत्रालय। दूसरा वाक्य।"),
            "भारत का रक्षा मंत्रालय।"
        );
        assert_eq!(
            first_sentence("Ends with a question? yes, lower."),
            "Ends with a question? yes, lower."
        );
    }

    #[test]
    fn every_term_once_under_its_primary_paper_and_every_event_and_relation() {
        let json = include_str!("../../../tests/fixtures/article.json");
        let a = crate::load::decode_article(json).unwrap();
        let sheet = build_sheet(&a, |i| a.glossary[i].term.clone());
        let mut seen: Vec<usize> = sheet.terms.iter().flat_map(|(_, v)| v.clone()).collect();
        for (paper, ids) in &sheet.terms {
            for &i in ids {
                assert_eq!(a.glossary[i].tags[0].paper, *paper);
            }
            let names: Vec<String> = ids.iter().map(|&i| fold(&a.glossary[i].term)).collect();
            let mut sorted = names.clone();
            sorted.sort();
            assert_eq!(names, sorted, "A–Z within {paper}");
        }
        seen.sort_unstable();
        assert_eq!(seen, (0..a.glossary.len()).collect::<Vec<_>>());
        let papers: Vec<SyllabusPaper> = sheet.terms.iter().map(|(p, _)| *p).collect();
        let mut in_order = papers.clone();
        in_order.sort();
        assert_eq!(papers, in_order);
        assert_eq!(sheet.events.len(), a.timeline.len());
        assert_eq!(sheet.relations.len(), a.relations.len());
    }
}
