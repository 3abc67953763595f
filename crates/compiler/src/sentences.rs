//! Splits block content into sentences so timeline events and map relations can cite the sentence they come
//! from. Boundaries are found on the block's plain text and applied only where they fall inside a text run
//! (a term or emphasis is never cut).

use explainer_core::model::{plain_text, Inline};

const ABBREVIATIONS: [&str; 10] = [
    "e.g", "i.e", "etc", "vs", "Mr", "Mrs", "Dr", "St", "No", "S.p.A",
];

/// A heading, paragraph or list item as plain text, with each sentence's (index, start, end) byte range:
/// what a quote is looked up in (a quote never spans two units).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextUnit {
    pub text: String,
    pub sentences: Vec<(u32, usize, usize)>,
}

/// Byte offsets in `text` where a new sentence starts (never 0).
pub fn boundaries(text: &str) -> Vec<usize> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        i += 1;
        if !matches!(c, '.' | '?' | '!') {
            continue;
        }
        // The word before the mark (a space before it may be several bytes long, e.g. a no-break space).
        let word = text[..at].rsplit(char::is_whitespace).next().unwrap_or("");
        let single_initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
        if c == '.' && (ABBREVIATIONS.contains(&word) || single_initial) {
            continue;
        }
        let mut j = i;
        while j < chars.len()
            && matches!(
                chars[j].1,
                '.' | '?' | '!' | '”' | '’' | '"' | '\'' | ')' | ']'
            )
        {
            j += 1;
        }
        let ws = j;
        while j < chars.len() && chars[j].1.is_whitespace() {
            j += 1;
        }
        if j == ws || j >= chars.len() {
            continue;
        }
        let next = chars[j].1;
        if next.is_uppercase() || next.is_ascii_digit() || matches!(next, '“' | '‘' | '"' | '(')
        {
            out.push(chars[j].0);
            i = j;
        }
    }
    out
}

/// Wraps top-level `content` into `Inline::Sentence`s numbered from `*next`; returns them with the byte range
/// each covers in the block's plain text.
pub fn split(content: Vec<Inline>, next: &mut u32) -> (Vec<Inline>, Vec<(u32, usize, usize)>) {
    let text = plain_text(&content);
    let cuts = boundaries(&text);
    let mut sentences: Vec<Inline> = Vec::new();
    let mut ranges = Vec::new();
    let mut current: Vec<Inline> = Vec::new();
    let mut start = 0usize;
    let mut offset = 0usize;
    let mut cut = cuts.iter().peekable();
    let mut flush = |current: &mut Vec<Inline>, end: usize, start: &mut usize| {
        if current.is_empty() {
            return;
        }
        ranges.push((*next, *start, end));
        sentences.push(Inline::Sentence {
            index: *next,
            content: std::mem::take(current),
        });
        *next += 1;
        *start = end;
    };
    for inline in content {
        let len = plain_text(std::slice::from_ref(&inline)).len();
        match inline {
            Inline::Text(t) => {
                let mut piece_start = 0;
                // Earlier cuts were consumed by earlier runs, so every cut seen here is ≥ offset.
                while let Some(&&c) = cut.peek() {
                    if c >= offset + t.len() {
                        break;
                    }
                    cut.next();
                    let local = c - offset;
                    if local > piece_start {
                        current.push(Inline::Text(t[piece_start..local].to_string()));
                    }
                    flush(&mut current, c, &mut start);
                    piece_start = local;
                }
                if piece_start < t.len() {
                    current.push(Inline::Text(t[piece_start..].to_string()));
                }
            }
            other => {
                // A boundary inside a term or emphasis is skipped; one right at its start is honoured.
                while let Some(&&c) = cut.peek() {
                    if c >= offset + len {
                        break;
                    }
                    cut.next();
                    if c == offset {
                        flush(&mut current, c, &mut start);
                    }
                }
                current.push(other);
            }
        }
        offset += len;
    }
    flush(&mut current, offset, &mut start);
    (sentences, ranges)
}

#[cfg(test)]
mod tests {
    use super::*;
    use explainer_core::model::{DocKind, OccurrenceId, TermId, TermRef};

    fn texts(content: &[Inline]) -> Vec<String> {
        content
            .iter()
            .map(|s| match s {
                Inline::Sentence { content, .. } => plain_text(content),
                other => panic!("not a sentence: {other:?}"),
            })
            .collect()
    }

    #[test]
    fn finds_sentence_starts() {
        let t = "India asked Italy. It agreed! Did it? “Yes,” said Rome. e.g. this stays. A. B. Smith came. 2026 began.";
        let b = boundaries(t);
        let starts: Vec<String> = b
            .iter()
            .map(|&i| t[i..].chars().take(3).collect())
            .collect();
        assert_eq!(starts, ["It ", "Did", "“Ye", "A. ", "202"]);
    }

    #[test]
    fn splits_text_runs_but_never_terms() {
        let term = |s: &str, i: u32| {
            Inline::Term(TermRef {
                term: TermId("t".into()),
                occurrence: OccurrenceId {
                    doc: DocKind::Full,
                    index: i,
                },
                content: vec![Inline::Text(s.into())],
            })
        };
        let content = vec![
            Inline::Text("First one. Second ".into()),
            term("Italy", 0),
            Inline::Text(". ".into()),
            term("Rome", 1),
            Inline::Text(" agreed. Third.".into()),
        ];
        let mut next = 5;
        let (s, ranges) = split(content, &mut next);
        assert_eq!(
            texts(&s),
            ["First one. ", "Second Italy. ", "Rome agreed. ", "Third."]
        );
        assert_eq!(next, 9);
        assert_eq!(ranges[0], (5, 0, 11));
        assert_eq!(ranges[3].0, 8);
        let whole: String = texts(&s).concat();
        assert_eq!(&whole[ranges[2].1..ranges[2].2], "Rome agreed. ");
    }

    #[test]
    fn one_sentence_block() {
        let mut next = 0;
        let (s, r) = split(
            vec![Inline::Strong(vec![Inline::Text("Overview".into())])],
            &mut next,
        );
        assert_eq!(s.len(), 1);
        assert_eq!(r, [(0, 0, 8)]);
        let (s, _) = split(vec![], &mut next);
        assert!(s.is_empty());
    }
}
