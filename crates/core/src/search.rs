//! Glossary search: case-, accent- and hyphen-insensitive, prefix and substring, ranked, with the matched part
//! located in the original text so the view can highlight it.

use crate::i18n::Lang;
use crate::model::GlossaryEntry;
use crate::syllabus::SyllabusPaper;
use crate::text::{fold, is_word_char, Folded};

/// Which field of an entry the query matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatchField {
    Term,
    Alias(usize),
    Definition,
    /// The English name of a term shown in another language.
    English,
}

/// One entry in the results, and where the query matched it (`None` without a query).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SearchHit {
    pub index: usize,
    pub matched: Option<Match>,
}

/// Where a query matched an entry: the field, and a byte range in the field's *folded* text. The range in the
/// original text is [`SearchIndex::range`]: mapping it back reads the field's offset table, which for 5,000
/// entries is megabytes scattered in memory, so it is done only for the entries a view draws (a keystroke
/// over 5,000 terms spent ~0.4 ms of its ~5 ms mapping thousands of hits nobody sees).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Match {
    pub field: MatchField,
    at: u32,
    len: u32,
}

struct IndexedEntry {
    /// Script first (in another language its own script leads, Latin names follow), then the folded name.
    sort_key: (bool, String),
    term: Folded,
    english: Option<Folded>,
    aliases: Vec<Folded>,
    definition: Folded,
    papers: Vec<SyllabusPaper>,
}

impl IndexedEntry {
    fn field(&self, field: MatchField) -> Option<&Folded> {
        match field {
            MatchField::Term => Some(&self.term),
            MatchField::English => self.english.as_ref(),
            MatchField::Alias(k) => self.aliases.get(k),
            MatchField::Definition => Some(&self.definition),
        }
    }
}

/// One kind of field of every entry, folded and joined into one text, in A–Z order of the entries, so a
/// keystroke scans it in one pass instead of starting a search per field (~15,000 of them in 5,000 terms).
struct Joined {
    /// The rank of a match at the start of one of these fields; a word start adds 1, elsewhere 2.
    rank_base: u8,
    text: String,
    /// Per field: where it starts in `text`, its entry's A–Z position and which field it is.
    fields: Vec<(usize, usize, MatchField)>,
}

/// Between fields in a [`Joined`] text: a query never contains it (see [`SearchIndex::search`]), so a match
/// never spans two fields.
const SEPARATOR: char = '\u{0}';

impl Joined {
    fn new(rank_base: u8) -> Self {
        Self {
            rank_base,
            text: String::new(),
            fields: Vec::new(),
        }
    }

    fn push(&mut self, pos: usize, field: MatchField, folded: &Folded) {
        self.fields.push((self.text.len(), pos, field));
        self.text.push_str(&folded.text);
        self.text.push(SEPARATOR);
    }
}

/// Folded copies of every searchable field, built once per article so each keystroke only scans.
pub struct SearchIndex {
    entries: Vec<IndexedEntry>,
    /// Entry indices in A–Z order of their folded term.
    alphabetical: Vec<usize>,
    /// Names (and English names), aliases, definitions: in the order of their ranks.
    joined: [Joined; 3],
}

impl SearchIndex {
    pub fn new(glossary: &[GlossaryEntry]) -> Self {
        Self::new_in(glossary, Lang::En)
    }

    /// An index of the entries as shown in `lang`: translated names and definitions (English where missing),
    /// sorted by the shown name; the English name stays searchable, since students meet both.
    pub fn new_in(glossary: &[GlossaryEntry], lang: Lang) -> Self {
        let entries: Vec<IndexedEntry> = glossary
            .iter()
            .map(|e| {
                let term = e.term_in(lang);
                let key = fold(term.text);
                IndexedEntry {
                    sort_key: (
                        lang != Lang::En && key.starts_with(|c: char| c.is_ascii()),
                        key,
                    ),
                    term: Folded::new(term.text),
                    english: (term.lang != Lang::En).then(|| Folded::new(&e.term)),
                    aliases: e.aliases.iter().map(|a| Folded::new(a)).collect(),
                    definition: Folded::new(e.definition_in(lang).text),
                    papers: e.papers().collect(),
                }
            })
            .collect();
        let mut alphabetical: Vec<usize> = (0..entries.len()).collect();
        alphabetical.sort_by(|&a, &b| entries[a].sort_key.cmp(&entries[b].sort_key));
        let mut joined = [Joined::new(0), Joined::new(3), Joined::new(6)];
        for (pos, &i) in alphabetical.iter().enumerate() {
            let e = &entries[i];
            joined[0].push(pos, MatchField::Term, &e.term);
            if let Some(en) = &e.english {
                joined[0].push(pos, MatchField::English, en);
            }
            for (k, a) in e.aliases.iter().enumerate() {
                joined[1].push(pos, MatchField::Alias(k), a);
            }
            joined[2].push(pos, MatchField::Definition, &e.definition);
        }
        Self {
            entries,
            alphabetical,
            joined,
        }
    }

    /// `hit`'s match as a byte range in the original text of the field it matched in.
    pub fn range(&self, hit: &SearchHit) -> Option<(MatchField, (usize, usize))> {
        let m = hit.matched?;
        let (at, len) = (m.at as usize, m.len as usize);
        let range = self
            .entries
            .get(hit.index)?
            .field(m.field)
            .map_or((0, 0), |f| f.original_range(at, at + len));
        Some((m.field, range))
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Entries matching `query` and tagged with any of `papers` (all papers when empty), best first; with an
    /// empty query, every entry that passes the filter, A–Z.
    pub fn search(&self, query: &str, papers: &[SyllabusPaper]) -> Vec<SearchHit> {
        let q: String = fold(query)
            .replace(SEPARATOR, " ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let wanted = |pos: usize| {
            let e = &self.entries[self.alphabetical[pos]];
            papers.is_empty() || e.papers.iter().any(|p| papers.contains(p))
        };
        if q.is_empty() {
            return (0..self.alphabetical.len())
                .filter(|&pos| wanted(pos))
                .map(|pos| SearchHit {
                    index: self.alphabetical[pos],
                    matched: None,
                })
                .collect();
        }
        // The best match of each entry (by A–Z position): its rank, field and offset in the folded field.
        let mut best: Vec<Option<(u8, MatchField, usize)>> = vec![None; self.alphabetical.len()];
        let finder = memchr::memmem::Finder::new(q.as_bytes());
        for joined in &self.joined {
            let mut field = 0;
            for at in finder.find_iter(joined.text.as_bytes()) {
                // Matches come in order: move on to the field this one is in.
                while field + 1 < joined.fields.len() && joined.fields[field + 1].0 <= at {
                    field += 1;
                }
                let (start, pos, which) = joined.fields[field];
                let kind = if at == start {
                    0
                } else if joined.text[start..at]
                    .chars()
                    .next_back()
                    .is_some_and(is_word_char)
                {
                    2
                } else {
                    1
                };
                let rank = joined.rank_base + kind;
                if best[pos].is_none_or(|b| rank < b.0) {
                    best[pos] = Some((rank, which, at - start));
                }
            }
        }
        // In A–Z order here; ranked below by a counting sort on the rank, which keeps A–Z order within a rank
        // (a comparison sort of a first character's thousands of hits was ~0.25 ms of a keystroke in wasm).
        let mut ranked: Vec<(u8, SearchHit)> = Vec::new();
        let mut start = [0usize; 257];
        for (pos, b) in best.iter().enumerate() {
            let Some((rank, field, at)) = *b else {
                continue;
            };
            if !wanted(pos) {
                continue;
            }
            start[usize::from(rank) + 1] += 1;
            ranked.push((
                rank,
                SearchHit {
                    index: self.alphabetical[pos],
                    matched: Some(Match {
                        field,
                        // Fields are far below 4 GiB: the joined texts index them with `usize` on wasm32.
                        at: at as u32,
                        len: q.len() as u32,
                    }),
                },
            ));
        }
        for r in 1..start.len() {
            start[r] += start[r - 1];
        }
        let mut hits = vec![
            SearchHit {
                index: 0,
                matched: None
            };
            ranked.len()
        ];
        for (rank, hit) in ranked {
            let slot = &mut start[usize::from(rank)];
            hits[*slot] = hit;
            *slot += 1;
        }
        hits
    }
}

/// A row of the glossary list: a letter heading (A–Z, shown without a query) or an entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GlossaryRow {
    /// The heading of the terms that start with this letter.
    Letter(char),
    /// The entry at this index of the glossary.
    Entry(usize),
}

/// The rows the glossary draws for `hits`: the first `limit` hits (and `always`, wherever it is), with letter
/// headings when `grouped` (the A–Z list, no query), by each term's first letter in `lang`.
pub fn glossary_rows(
    glossary: &[GlossaryEntry],
    hits: &[SearchHit],
    limit: usize,
    grouped: bool,
    always: Option<&crate::model::TermId>,
    lang: Lang,
) -> Vec<GlossaryRow> {
    let mut out = Vec::new();
    let mut letter: Option<char> = None;
    for (i, hit) in hits.iter().enumerate() {
        let Some(e) = glossary.get(hit.index) else {
            continue;
        };
        if i >= limit && always != Some(&e.id) {
            continue;
        }
        if grouped {
            let first = fold(e.term_in(lang).text)
                .chars()
                .next()
                .map(|c| c.to_ascii_uppercase());
            if first != letter {
                letter = first;
                out.push(GlossaryRow::Letter(first.unwrap_or('#')));
            }
        }
        out.push(GlossaryRow::Entry(hit.index));
    }
    out
}

/// Whether fewer than half of `new` were already in `old`: then drawing `new` afresh costs less than
/// changing `old` row by row (a narrowing query keeps every row, so it never is).
pub fn mostly_new<T: Ord + Clone>(old: &[T], new: &[T]) -> bool {
    kept(old, new) * 2 < new.len()
}

/// The items of `new` that are also in `old`, in `new`'s order.
fn also_in<'a, T: Ord + Clone>(old: &[T], new: &'a [T]) -> impl Iterator<Item = &'a T> {
    let mut old = old.to_vec();
    old.sort_unstable();
    new.iter().filter(move |r| old.binary_search(r).is_ok())
}

/// How many of `new` are also in `old`.
fn kept<T: Ord + Clone>(old: &[T], new: &[T]) -> usize {
    also_in(old, new).count()
}

/// The entries (by glossary index) that both `a` and `b` draw: a list being replaced gives up their ids.
pub fn both_entries(a: &[GlossaryRow], b: &[GlossaryRow]) -> Vec<usize> {
    also_in(a, b)
        .filter_map(|r| match r {
            GlossaryRow::Entry(i) => Some(*i),
            GlossaryRow::Letter(_) => None,
        })
        .collect()
}

/// Whether `rows`, search results, replace the A–Z list (`old`, under letter headings) and keep fewer of its
/// rows than they drop. The few that stay move (results are ranked), and the rest were removed one by one
/// before the paint: ~5 ms of a first character in the 57-term seed glossary. Drawn afresh, they cost less,
/// and the old list goes after the paint. An entry opened in the A–Z list is then closed again; narrowing
/// results keep their elements.
fn leaves_the_a_to_z(old: &[GlossaryRow], rows: &[GlossaryRow]) -> bool {
    let letters = |rs: &[GlossaryRow]| rs.iter().any(|r| matches!(r, GlossaryRow::Letter(_)));
    if !letters(old) || letters(rows) {
        return false;
    }
    let kept = kept(old, rows);
    let entries = old
        .iter()
        .filter(|r| matches!(r, GlossaryRow::Entry(_)))
        .count();
    kept < entries - kept
}

/// The rows to draw at once out of `rows`, which replace `old`: every row already drawn that stays, and the
/// first `first` new ones (creating rows is what a keystroke pays for); the rest follow in a later pass. `keep`
/// is drawn at once wherever it is (the entry a URL names).
pub fn rows_now(
    old: &[GlossaryRow],
    rows: &[GlossaryRow],
    first: usize,
    keep: Option<GlossaryRow>,
) -> Vec<GlossaryRow> {
    let mut drawn = old.to_vec();
    drawn.sort_unstable();
    let mut new = 0;
    rows.iter()
        .copied()
        .filter(|r| {
            if drawn.binary_search(r).is_ok() || Some(*r) == keep {
                return true;
            }
            new += 1;
            new <= first
        })
        .collect()
}

/// How a glossary list of `rows` replaces the rows drawn, `old` (`old_partial`: drawn in part, the rest due).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowsPlan {
    /// Mostly new: build the list afresh (a new generation) instead of changing `old` row by row.
    pub new_generation: bool,
    /// Draw only these now and the rest in a later pass (None: draw `rows` whole).
    pub now: Option<Vec<GlossaryRow>>,
}

/// Plans drawing `rows` over `old` (a new generation when most rows are new, none are left, or a search
/// leaves few of the A–Z list, [`leaves_the_a_to_z`]): at most `first` new rows at once ([`rows_now`]),
/// except on the first draw (hydration finds the whole step prerendered), for the rest of a list drawn in
/// part, and when rows are only added after those drawn ("Show more"). `keep` names the row drawn at once
/// wherever it is.
pub fn plan_rows(
    old: &[GlossaryRow],
    old_partial: bool,
    rows: &[GlossaryRow],
    first_draw: bool,
    first: usize,
    keep: impl FnOnce() -> Option<GlossaryRow>,
) -> RowsPlan {
    let rest_of_partial = old_partial && old.iter().all(|r| rows.contains(r));
    // Nothing left (a typo): an empty new list, so the old rows are hidden at once and dropped after the
    // paint, not removed one by one before it.
    let emptied = rows.is_empty() && !old.is_empty();
    let new_generation =
        !rest_of_partial && (emptied || mostly_new(old, rows) || leaves_the_a_to_z(old, rows));
    if first_draw || rest_of_partial || (!old.is_empty() && rows.starts_with(old)) {
        return RowsPlan {
            new_generation,
            now: None,
        };
    }
    let drawn = if new_generation { &[][..] } else { old };
    let now = rows_now(drawn, rows, first, keep());
    RowsPlan {
        new_generation,
        now: (now.len() < rows.len()).then_some(now),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TermId;
    use crate::syllabus::SyllabusTag;

    fn entry(
        id: &str,
        term: &str,
        aliases: &[&str],
        def: &str,
        papers: &[SyllabusPaper],
    ) -> GlossaryEntry {
        GlossaryEntry {
            id: TermId(id.into()),
            term: term.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            definition: def.into(),
            tags: papers
                .iter()
                .map(|&paper| SyllabusTag {
                    paper,
                    area: "X".into(),
                })
                .collect(),
            see_also: vec![],
            occurrences: vec![],
            tr: Default::default(),
        }
    }

    fn glossary() -> Vec<GlossaryEntry> {
        use SyllabusPaper::*;
        vec![
            entry(
                "wassenaar",
                "Wassenaar Arrangement",
                &["Wassenaar"],
                "Export-control regime for arms.",
                &[GS2, GS3],
            ),
            entry(
                "italy",
                "Italy",
                &["Rome"],
                "A NATO member in southern Europe.",
                &[GS2],
            ),
            entry(
                "co-production",
                "Co‑production",
                &[],
                "Making a system together.",
                &[GS3],
            ),
            entry(
                "andre",
                "André Ethics",
                &[],
                "Used only for accent tests.",
                &[GS4],
            ),
            entry(
                "nato",
                "NATO",
                &["North Atlantic Treaty Organization"],
                "A military alliance.",
                &[GS2],
            ),
        ]
    }

    fn ids(g: &[GlossaryEntry], hits: &[SearchHit]) -> Vec<String> {
        hits.iter().map(|h| g[h.index].id.0.clone()).collect()
    }

    #[test]
    fn empty_query_lists_all_a_to_z() {
        let g = glossary();
        let idx = SearchIndex::new(&g);
        assert_eq!(
            ids(&g, &idx.search("  ", &[])),
            ["andre", "co-production", "italy", "nato", "wassenaar"]
        );
    }

    #[test]
    fn prefix_beats_word_prefix_beats_substring_beats_alias_beats_definition() {
        let g = glossary();
        let idx = SearchIndex::new(&g);
        let hits = idx.search("nato", &[]);
        // NATO by its name first, then Italy because its definition mentions NATO.
        assert_eq!(ids(&g, &hits), ["nato", "italy"]);
        assert_eq!(idx.range(&hits[0]), Some((MatchField::Term, (0, 4))));
        assert_eq!(idx.range(&hits[1]).unwrap().0, MatchField::Definition);
        let hits = idx.search("arr", &[]);
        assert_eq!(ids(&g, &hits), ["wassenaar"]);
        assert_eq!(idx.range(&hits[0]), Some((MatchField::Term, (10, 13))));
        let hits = idx.search("rome", &[]);
        assert_eq!(idx.range(&hits[0]), Some((MatchField::Alias(0), (0, 4))));
    }

    #[test]
    fn case_accent_and_hyphen_insensitive_with_original_ranges() {
        let g = glossary();
        let idx = SearchIndex::new(&g);
        let hits = idx.search("ANDRE", &[]);
        assert_eq!(ids(&g, &hits), ["andre"]);
        let (_, (a, b)) = idx.range(&hits[0]).unwrap();
        assert_eq!(&g[hits[0].index].term[a..b], "André");
        let hits = idx.search("co-prod", &[]);
        let (_, (a, b)) = idx.range(&hits[0]).unwrap();
        assert_eq!(&g[hits[0].index].term[a..b], "Co‑prod");
        assert_eq!(ids(&g, &idx.search("ssen", &[])), ["wassenaar"]);
        assert!(idx.search("zzz", &[]).is_empty());
    }

    #[test]
    fn paper_filter_combines_with_query() {
        let g = glossary();
        let idx = SearchIndex::new(&g);
        assert_eq!(
            ids(&g, &idx.search("", &[SyllabusPaper::GS3])),
            ["co-production", "wassenaar"]
        );
        assert_eq!(
            ids(
                &g,
                &idx.search("", &[SyllabusPaper::GS4, SyllabusPaper::GS3])
            ),
            ["andre", "co-production", "wassenaar"]
        );
        assert!(idx.search("nato", &[SyllabusPaper::GS4]).is_empty());
        assert_eq!(
            ids(&g, &idx.search("a", &[SyllabusPaper::GS2])),
            ["wassenaar", "italy", "nato"]
        );
    }

    #[test]
    fn whitespace_in_query_is_collapsed() {
        let g = glossary();
        let idx = SearchIndex::new(&g);
        assert_eq!(
            ids(&g, &idx.search("  wassenaar   arr ", &[])),
            ["wassenaar"]
        );
    }

    #[test]
    fn a_word_start_later_in_a_field_beats_an_earlier_match_inside_a_word() {
        use SyllabusPaper::*;
        let g = vec![entry("a", "Rearm, armed", &[], "x", &[GS2])];
        let idx = SearchIndex::new(&g);
        let hits = idx.search("arm", &[]);
        assert_eq!(idx.range(&hits[0]), Some((MatchField::Term, (7, 10))));
    }

    #[test]
    fn a_match_never_spans_two_fields_or_two_entries() {
        use SyllabusPaper::*;
        // Joined, the fields would read "...ab\0cd...": neither the pair nor a query with the separator matches.
        let g = vec![
            entry("a", "Xab", &["cdy"], "z", &[GS2]),
            entry("b", "Xcd", &[], "y", &[GS2]),
        ];
        let idx = SearchIndex::new(&g);
        assert!(idx.search("abcd", &[]).is_empty());
        assert!(idx.search("ab\u{0}cd", &[]).is_empty());
        assert!(idx.search("ab\u{0}", &[]).len() == 1);
        // The last field of one entry and the first of the next: "...z\0" then "xcd".
        assert!(idx.search("zx", &[]).is_empty());
    }

    #[test]
    fn hindi_index_finds_hindi_and_english_names_and_sorts_by_the_shown_name() {
        use crate::model::Translation;
        let mut a = entry(
            "nato",
            "NATO",
            &[],
            "A military alliance.",
            &[SyllabusPaper::GS2],
        );
        a.tr.insert(
            Lang::Hi,
            Translation {
                name: Some("नाटो".into()),
                text: Some("एक सैन्य गठबंधन।".into()),
            },
        );
        let b = entry("italy", "Italy", &[], "A country.", &[SyllabusPaper::GS2]);
        let idx = SearchIndex::new_in(&[a, b], Lang::Hi);
        // In Hindi, Devanagari names come first and untranslated Latin ones ("Italy") after them.
        let all: Vec<usize> = idx.search("", &[]).iter().map(|h| h.index).collect();
        assert_eq!(all, [0, 1]);
        let hit = &idx.search("नाटो", &[])[0];
        assert_eq!(hit.index, 0);
        assert_eq!(idx.range(hit).unwrap().0, MatchField::Term);
        let hit = &idx.search("nato", &[])[0];
        assert_eq!(idx.range(hit), Some((MatchField::English, (0, 4))));
        let hit = &idx.search("सैन्य", &[])[0];
        assert_eq!(idx.range(hit).unwrap().0, MatchField::Definition);
    }

    #[test]
    fn rows_group_by_letter_only_without_a_query_and_stop_at_the_limit() {
        let g = glossary();
        let index = SearchIndex::new(&g);
        let all = index.search("", &[]);
        let rows = glossary_rows(&g, &all, usize::MAX, true, None, Lang::En);
        let letters: Vec<_> = rows
            .iter()
            .filter_map(|r| match r {
                GlossaryRow::Letter(c) => Some(*c),
                GlossaryRow::Entry(_) => None,
            })
            .collect();
        let mut sorted = letters.clone();
        sorted.dedup();
        assert_eq!(letters, sorted, "one heading per letter: {rows:?}");
        assert_eq!(rows.len(), letters.len() + g.len());
        let ungrouped = glossary_rows(&g, &all, 1, false, None, Lang::En);
        assert_eq!(ungrouped, vec![GlossaryRow::Entry(all[0].index)]);
        // The entry a URL names is drawn even beyond the limit.
        let last = &g[all.last().unwrap().index].id;
        let with = glossary_rows(&g, &all, 1, false, Some(last), Lang::En);
        assert_eq!(with.len(), 2);
    }

    #[test]
    fn rows_now_keeps_what_stays_and_the_first_new_rows_in_order() {
        use GlossaryRow::{Entry as E, Letter as L};
        let old = [E(1), E(2), E(3)];
        let rows = [E(9), E(1), E(8), E(7), E(3), E(6), E(5)];
        assert_eq!(rows_now(&old, &rows, 2, None), [E(9), E(1), E(8), E(3)]);
        assert_eq!(
            rows_now(&old, &rows, 2, Some(E(5))),
            [E(9), E(1), E(8), E(3), E(5)]
        );
        assert_eq!(
            rows_now(&[], &[L('A'), E(1), E(2)], 2, None),
            [L('A'), E(1)]
        );
        assert_eq!(rows_now(&old, &rows, 10, None), rows);
    }

    #[test]
    fn plan_rows_cuts_only_a_keystroke_that_creates_many_rows() {
        use GlossaryRow::Entry as E;
        let old: Vec<_> = (0..10).map(E).collect();
        let other: Vec<_> = (20..40).map(E).collect();
        let whole = |new_generation| RowsPlan {
            new_generation,
            now: None,
        };
        // The first draw and "Show more" (rows added after those drawn) draw whole.
        assert_eq!(
            plan_rows(&old, false, &other, true, 4, || None),
            whole(true)
        );
        let more: Vec<_> = (0..30).map(E).collect();
        assert_eq!(
            plan_rows(&old, false, &more, false, 4, || None),
            whole(true)
        );
        // A replaced list: a new generation, its first rows now.
        let plan = plan_rows(&old, false, &other, false, 4, || Some(E(39)));
        assert!(plan.new_generation);
        assert_eq!(plan.now, Some(vec![E(20), E(21), E(22), E(23), E(39)]));
        // Then its rest: the same generation, whole.
        let now = plan.now.unwrap_or_default();
        assert_eq!(
            plan_rows(&now, true, &other, false, 4, || None),
            whole(false)
        );
        // A list that keeps most rows: what stays and the first new ones.
        let mixed: Vec<_> = [E(50), E(1), E(51), E(52), E(2)]
            .into_iter()
            .chain((3..10).map(E))
            .collect();
        let plan = plan_rows(&old, false, &mixed, false, 2, || None);
        assert!(!plan.new_generation);
        assert_eq!(plan.now.map(|n| n.len()), Some(11));
        // Nothing matches: an empty new generation (the old list is dropped later); nothing to nothing: none.
        assert_eq!(plan_rows(&old, false, &[], false, 4, || None), whole(true));
        assert_eq!(plan_rows(&[], false, &[], false, 4, || None), whole(false));
    }

    #[test]
    fn a_search_that_leaves_few_of_the_a_to_z_list_builds_them_afresh() {
        use GlossaryRow::{Entry as E, Letter as L};
        // The A–Z list of a small glossary: 20 entries under letter headings.
        let az: Vec<_> = (0..20)
            .flat_map(|i| {
                (i % 5 == 0)
                    .then_some(L((b'a' + i as u8) as char))
                    .into_iter()
                    .chain([E(i)])
            })
            .collect();
        // A first character that keeps 3 of them, ranked: removing 17 rows one by one before the paint cost more
        // than drawing 3 afresh.
        let plan = plan_rows(&az, false, &[E(7), E(2), E(11)], false, 4, || None);
        assert!(plan.new_generation);
        assert_eq!(plan.now, None);
        // One that keeps most: changed in place.
        let most: Vec<_> = (0..15).map(E).collect();
        assert!(!plan_rows(&az, false, &most, false, 4, || None).new_generation);
        // Narrowing search results keeps their elements (an opened entry stays open), however many go.
        let results: Vec<_> = (0..20).map(E).collect();
        assert!(!plan_rows(&results, false, &[E(3)], false, 4, || None).new_generation);
        // A paper filter on the A–Z list keeps its headings: changed in place.
        let filtered = [L('a'), E(0), E(3)];
        assert!(!plan_rows(&az, false, &filtered, false, 4, || None).new_generation);
    }

    #[test]
    fn hits_of_one_rank_come_a_to_z_whatever_the_glossary_order() {
        let g = vec![
            entry("d", "Karst", &[], "x", &[]),
            entry("a", "Zeta kappa", &[], "x", &[]),
            entry("c", "Kafka", &[], "x", &[]),
            entry("b", "Oka", &[], "x", &[]),
            entry("e", "Alpha", &[], "kangaroo", &[]),
            entry("f", "Kant", &[], "x", &[]),
            entry("g", "Beta", &["Kalahari"], "x", &[]),
        ];
        let index = SearchIndex::new(&g);
        let terms: Vec<&str> = index
            .search("ka", &[])
            .iter()
            .map(|h| g[h.index].term.as_str())
            .collect();
        // Name starts A–Z, a word start, inside a word, then an alias and a definition.
        assert_eq!(
            terms,
            [
                "Kafka",
                "Kant",
                "Karst",
                "Zeta kappa",
                "Oka",
                "Beta",
                "Alpha"
            ]
        );
    }

    #[test]
    fn the_entries_two_lists_both_draw_are_found_in_the_order_of_the_second() {
        use GlossaryRow::{Entry as E, Letter as L};
        let az = [L('a'), E(0), E(1), L('b'), E(2), E(5)];
        assert_eq!(both_entries(&az, &[E(5), E(3), E(0)]), vec![5, 0]);
        // Letter headings have no ids to give up.
        assert_eq!(both_entries(&az, &[L('a'), E(4)]), Vec::<usize>::new());
        assert_eq!(both_entries(&[], &[E(1)]), Vec::<usize>::new());
    }

    #[test]
    fn a_narrowing_list_is_never_mostly_new_a_replaced_one_is() {
        assert!(!mostly_new(&[1, 2, 3, 4], &[2, 3]));
        assert!(!mostly_new(&[1, 2, 3, 4], &[4, 5]));
        assert!(mostly_new(&[1, 2, 3, 4], &[4, 5, 6]));
        assert!(mostly_new::<u8>(&[], &[1]));
        assert!(!mostly_new::<u8>(&[1], &[]));
    }
}
