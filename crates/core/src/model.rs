//! The content model: what the compiler writes and the app reads.

pub use crate::i18n::Lang;
use crate::syllabus::{SyllabusPaper, SyllabusTag};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt;

/// Bumped whenever the JSON shape changes; the app refuses content of another version with a clear message.
pub const FORMAT_VERSION: u32 = 4;

macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

string_id!(
    /// Identifies a glossary entry within an article: lowercase ASCII letters, digits and `-`.
    TermId
);
string_id!(
    /// Identifies an article; also its URL segment and file name.
    ArticleSlug
);
string_id!(
    /// Identifies a timeline event within an article.
    EventId
);
string_id!(
    /// Identifies an actor of the relationship map (country, person, company…) within an article.
    EntityId
);

/// Whether `s` is a valid id: non-empty, lowercase ASCII letters, digits and single inner `-`.
pub fn is_valid_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 80
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
}

/// Makes an id from a display name: "Guido Crosetto" → "guido-crosetto".
pub fn slugify(s: &str) -> String {
    let mut out = String::new();
    for c in crate::text::fold(s).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// The two texts of an article.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    /// The UPSC-style brief.
    Brief,
    /// The long-form article.
    Full,
}

impl DocKind {
    pub const ALL: [DocKind; 2] = [DocKind::Brief, DocKind::Full];

    pub fn key(self) -> &'static str {
        match self {
            DocKind::Brief => "brief",
            DocKind::Full => "full",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            DocKind::Brief => "Brief",
            DocKind::Full => "Full article",
        }
    }
}

/// One linked appearance of a term in a document; `index` counts per document from 0.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct OccurrenceId {
    pub doc: DocKind,
    pub index: u32,
}

impl OccurrenceId {
    /// The DOM id of the occurrence in the reader, also the URL fragment that jumps to it.
    pub fn anchor(self) -> String {
        format!("occ-{}-{}", self.doc.key(), self.index)
    }

    pub fn parse_anchor(s: &str) -> Option<Self> {
        let rest = s.strip_prefix("occ-")?;
        let (doc, index) = rest.split_once('-')?;
        let doc = DocKind::ALL.into_iter().find(|d| d.key() == doc)?;
        Some(Self {
            doc,
            index: index.parse().ok()?,
        })
    }
}

/// A calendar date (the compiler validates it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IsoDate {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl IsoDate {
    /// Parses `YYYY-MM-DD`, checking month lengths and leap years (the day-precision case of the timeline's
    /// partial dates, so there is one calendar check).
    pub fn parse(s: &str) -> Option<Self> {
        match crate::timeline::PartialDate::parse(s)? {
            crate::timeline::PartialDate {
                year,
                month: Some(month),
                day: Some(day),
            } => Some(Self { year, month, day }),
            _ => None,
        }
    }

    /// "30 April 2026".
    pub fn long(&self) -> String {
        crate::timeline::PartialDate {
            year: self.year,
            month: Some(self.month),
            day: Some(self.day),
        }
        .to_string()
    }
}

impl fmt::Display for IsoDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for IsoDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for IsoDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        IsoDate::parse(&s).ok_or_else(|| serde::de::Error::custom(format!("bad date `{s}`")))
    }
}

/// Inline content of a block: text runs, emphasis and term references.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Inline {
    Text(String),
    Strong(Vec<Inline>),
    Emphasis(Vec<Inline>),
    Term(TermRef),
    /// A sentence of the text, so quotes can point at it (`index` counts per document from 0).
    Sentence {
        index: u32,
        content: Vec<Inline>,
    },
}

/// A sentence of a document: what timeline events and relations cite.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct SentenceId {
    pub doc: DocKind,
    pub index: u32,
}

impl SentenceId {
    /// The DOM id of the sentence in the reader, also the URL fragment that jumps to it.
    pub fn anchor(self) -> String {
        format!("s-{}-{}", self.doc.key(), self.index)
    }

    pub fn parse_anchor(s: &str) -> Option<Self> {
        let (doc, index) = s.strip_prefix("s-")?.split_once('-')?;
        let doc = DocKind::ALL.into_iter().find(|d| d.key() == doc)?;
        Some(Self {
            doc,
            index: index.parse().ok()?,
        })
    }
}

/// Evidence: words quoted verbatim from the article and the sentences they come from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    pub text: String,
    pub sentences: Vec<SentenceId>,
}

/// What kind of event a timeline entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EventCategory {
    Diplomacy,
    DefenceIndustry,
    MilitaryCooperation,
    Controversy,
    Policy,
    Security,
}

impl EventCategory {
    pub const ALL: [EventCategory; 6] = [
        Self::Diplomacy,
        Self::DefenceIndustry,
        Self::MilitaryCooperation,
        Self::Controversy,
        Self::Policy,
        Self::Security,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Self::Diplomacy => "diplomacy",
            Self::DefenceIndustry => "defence-industry",
            Self::MilitaryCooperation => "military-cooperation",
            Self::Controversy => "controversy",
            Self::Policy => "policy",
            Self::Security => "security",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Diplomacy => "Diplomacy",
            Self::DefenceIndustry => "Defence industry",
            Self::MilitaryCooperation => "Military cooperation",
            Self::Controversy => "Controversy",
            Self::Policy => "Policy",
            Self::Security => "Security",
        }
    }

    pub fn from_key(k: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.key() == k)
    }
}

/// An event of the story's timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEvent {
    pub id: EventId,
    pub title: String,
    pub text: String,
    pub date: crate::timeline::EventDate,
    pub category: EventCategory,
    pub tags: Vec<SyllabusTag>,
    pub terms: Vec<TermId>,
    pub entities: Vec<EntityId>,
    pub quote: Quote,
    /// `title` (as `name`) and `text` in other languages.
    #[serde(default, skip_serializing_if = "Translations::is_empty")]
    pub tr: Translations,
}

impl TimelineEvent {
    pub fn title_in(&self, lang: Lang) -> Localised<'_> {
        localise(&self.title, &self.tr, lang, |t| t.name.as_deref())
    }

    pub fn text_in(&self, lang: Lang) -> Localised<'_> {
        localise(&self.text, &self.tr, lang, |t| t.text.as_deref())
    }
}

/// What an actor of the map is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntityKind {
    Country,
    Person,
    Company,
    Organisation,
    Agreement,
    Policy,
    Regime,
    ArmedForce,
    Place,
}

impl EntityKind {
    pub const ALL: [EntityKind; 9] = [
        Self::Country,
        Self::Person,
        Self::Company,
        Self::Organisation,
        Self::Agreement,
        Self::Policy,
        Self::Regime,
        Self::ArmedForce,
        Self::Place,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Self::Country => "country",
            Self::Person => "person",
            Self::Company => "company",
            Self::Organisation => "organisation",
            Self::Agreement => "agreement",
            Self::Policy => "policy",
            Self::Regime => "regime",
            Self::ArmedForce => "armed-force",
            Self::Place => "place",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Country => "Country",
            Self::Person => "Person",
            Self::Company => "Company",
            Self::Organisation => "Organisation",
            Self::Agreement => "Agreement",
            Self::Policy => "Policy",
            Self::Regime => "Control regime",
            Self::ArmedForce => "Armed force",
            Self::Place => "Place",
        }
    }

    pub fn from_key(k: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.key() == k)
    }
}

/// How two actors are related.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RelationKind {
    Supplies,
    BuysFrom,
    CooperatesWith,
    PartnersWith,
    MemberOf,
    PartyTo,
    Heads,
    Represents,
    AsksNotToTransferTo,
    Assures,
    ConcernRaisedWith,
    RivalOf,
    LiftedRestrictionsOn,
    Backs,
    PartOf,
    LocatedIn,
    Pursues,
}

impl RelationKind {
    pub const ALL: [RelationKind; 17] = [
        Self::Supplies,
        Self::BuysFrom,
        Self::CooperatesWith,
        Self::PartnersWith,
        Self::MemberOf,
        Self::PartyTo,
        Self::Heads,
        Self::Represents,
        Self::AsksNotToTransferTo,
        Self::Assures,
        Self::ConcernRaisedWith,
        Self::RivalOf,
        Self::LiftedRestrictionsOn,
        Self::Backs,
        Self::PartOf,
        Self::LocatedIn,
        Self::Pursues,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Self::Supplies => "supplies",
            Self::BuysFrom => "buys-from",
            Self::CooperatesWith => "cooperates-with",
            Self::PartnersWith => "partners-with",
            Self::MemberOf => "member-of",
            Self::PartyTo => "party-to",
            Self::Heads => "heads",
            Self::Represents => "represents",
            Self::AsksNotToTransferTo => "asks-not-to-transfer-to",
            Self::Assures => "assures",
            Self::ConcernRaisedWith => "concern-raised-with",
            Self::RivalOf => "rival-of",
            Self::LiftedRestrictionsOn => "lifted-restrictions-on",
            Self::Backs => "backs",
            Self::PartOf => "part-of",
            Self::LocatedIn => "located-in",
            Self::Pursues => "pursues",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Supplies => "supplies",
            Self::BuysFrom => "buys from",
            Self::CooperatesWith => "cooperates with",
            Self::PartnersWith => "partners with",
            Self::MemberOf => "member of",
            Self::PartyTo => "party to",
            Self::Heads => "heads",
            Self::Represents => "represents",
            Self::AsksNotToTransferTo => "asks not to transfer to",
            Self::Assures => "assures",
            Self::ConcernRaisedWith => "raised concern with",
            Self::RivalOf => "rival of",
            Self::LiftedRestrictionsOn => "lifted restrictions on",
            Self::Backs => "backs",
            Self::PartOf => "part of",
            Self::LocatedIn => "located in",
            Self::Pursues => "pursues",
        }
    }

    /// The family a relation belongs to, which sets how its edge is drawn and filtered.
    pub fn group(self) -> RelationGroup {
        match self {
            Self::CooperatesWith
            | Self::PartnersWith
            | Self::PartyTo
            | Self::Backs
            | Self::Assures => RelationGroup::Cooperation,
            Self::Supplies | Self::BuysFrom | Self::Pursues => RelationGroup::Trade,
            Self::AsksNotToTransferTo
            | Self::ConcernRaisedWith
            | Self::RivalOf
            | Self::LiftedRestrictionsOn => RelationGroup::Tension,
            Self::MemberOf | Self::Heads | Self::Represents | Self::PartOf | Self::LocatedIn => {
                RelationGroup::Structure
            }
        }
    }

    /// Symmetric relations have no direction: A–B is the same relation as B–A.
    pub fn is_symmetric(self) -> bool {
        matches!(
            self,
            Self::CooperatesWith | Self::PartnersWith | Self::RivalOf
        )
    }

    pub fn from_key(k: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.key() == k)
    }
}

/// Families of relations, for edge styles and filters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum RelationGroup {
    Cooperation,
    Trade,
    Tension,
    Structure,
}

impl RelationGroup {
    pub const ALL: [RelationGroup; 4] = [
        Self::Cooperation,
        Self::Trade,
        Self::Tension,
        Self::Structure,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Self::Cooperation => "cooperation",
            Self::Trade => "trade",
            Self::Tension => "tension",
            Self::Structure => "structure",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Cooperation => "Cooperation and assurances",
            Self::Trade => "Supplies and purchases",
            Self::Tension => "Restrictions, concerns, rivalry",
            Self::Structure => "Membership and roles",
        }
    }
}

/// How many options every multiple-choice question has: the quiz labels them (a)–(d). Content with another
/// number is refused when it is loaded (see `load::check_article`).
pub const MCQ_OPTIONS: usize = 4;

/// The two kinds of prelims question authored in content.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum McqKind {
    /// One correct option among four.
    Single,
    /// "Which of the statements given above is/are correct?"
    Statements,
}

/// An authored prelims-style multiple-choice question.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mcq {
    pub id: String,
    pub kind: McqKind,
    pub question: String,
    pub statements: Vec<String>,
    pub options: Vec<String>,
    pub answer: u8,
    pub explanation: String,
    pub quote: Quote,
    pub tags: Vec<SyllabusTag>,
    pub terms: Vec<TermId>,
}

/// An authored mains-style question with a model answer outline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MainsQuestion {
    pub id: String,
    pub question: String,
    pub tags: Vec<SyllabusTag>,
    pub marks: u8,
    pub words: u16,
    pub outline: Vec<String>,
    pub terms: Vec<TermId>,
    pub quote: Quote,
}

/// An actor of the relationship map.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    pub id: EntityId,
    pub name: String,
    pub kind: EntityKind,
    pub description: String,
    pub term: Option<TermId>,
    pub prominent: bool,
    /// `name` and `description` in other languages.
    #[serde(default, skip_serializing_if = "Translations::is_empty")]
    pub tr: Translations,
}

impl Entity {
    pub fn name_in(&self, lang: Lang) -> Localised<'_> {
        localise(&self.name, &self.tr, lang, |t| t.name.as_deref())
    }

    pub fn description_in(&self, lang: Lang) -> Localised<'_> {
        localise(&self.description, &self.tr, lang, |t| t.text.as_deref())
    }
}

/// A stated relation between two actors, with the sentence it comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relation {
    pub from: EntityId,
    pub to: EntityId,
    pub kind: RelationKind,
    pub about: Option<EntityId>,
    pub label: String,
    pub quote: Quote,
}

/// A linked mention of a glossary entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermRef {
    pub term: TermId,
    pub occurrence: OccurrenceId,
    pub content: Vec<Inline>,
}

/// A block of a document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Block {
    /// Level 2 to 4 (the article title is the page's level 1).
    Heading {
        level: u8,
        content: Vec<Inline>,
    },
    Paragraph {
        lead: bool,
        content: Vec<Inline>,
    },
    List {
        ordered: bool,
        items: Vec<Vec<Inline>>,
    },
}

/// One text of an article as typed nodes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub kind: DocKind,
    pub title: String,
    pub blocks: Vec<Block>,
}

/// Where an occurrence sits, with a few words of context for the glossary.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Occurrence {
    pub id: OccurrenceId,
    pub before: String,
    pub matched: String,
    pub after: String,
}

/// A glossary entry with its occurrences in the article.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GlossaryEntry {
    pub id: TermId,
    pub term: String,
    pub aliases: Vec<String>,
    pub definition: String,
    pub tags: Vec<SyllabusTag>,
    pub see_also: Vec<TermId>,
    pub occurrences: Vec<Occurrence>,
    /// `term` (as `name`) and `definition` (as `text`) in other languages.
    #[serde(default, skip_serializing_if = "Translations::is_empty")]
    pub tr: Translations,
}

impl GlossaryEntry {
    pub fn term_in(&self, lang: Lang) -> Localised<'_> {
        localise(&self.term, &self.tr, lang, |t| t.name.as_deref())
    }

    pub fn definition_in(&self, lang: Lang) -> Localised<'_> {
        localise(&self.definition, &self.tr, lang, |t| t.text.as_deref())
    }

    pub fn papers(&self) -> impl Iterator<Item = SyllabusPaper> + '_ {
        self.tags.iter().map(|t| t.paper)
    }
}

/// Where an article comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub name: String,
    pub url: Option<String>,
}

/// A compiled article: metadata, both texts and the glossary (sorted A–Z).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    pub format_version: u32,
    pub slug: ArticleSlug,
    pub title: String,
    pub date: IsoDate,
    pub source: Source,
    pub papers: Vec<SyllabusPaper>,
    pub summary: String,
    pub brief: Document,
    pub full: Document,
    pub glossary: Vec<GlossaryEntry>,
    /// Events in timeline order (undated ones first, see `timeline::order_events`).
    pub timeline: Vec<TimelineEvent>,
    pub entities: Vec<Entity>,
    pub relations: Vec<Relation>,
    pub mcqs: Vec<Mcq>,
    pub mains: Vec<MainsQuestion>,
    /// `title` (as `name`) and `summary` (as `text`) in other languages.
    #[serde(default, skip_serializing_if = "Translations::is_empty")]
    pub tr: Translations,
}

impl Article {
    pub fn title_in(&self, lang: Lang) -> Localised<'_> {
        localise(&self.title, &self.tr, lang, |t| t.name.as_deref())
    }

    pub fn summary_in(&self, lang: Lang) -> Localised<'_> {
        localise(&self.summary, &self.tr, lang, |t| t.text.as_deref())
    }

    pub fn document(&self, kind: DocKind) -> &Document {
        match kind {
            DocKind::Brief => &self.brief,
            DocKind::Full => &self.full,
        }
    }

    pub fn entry(&self, id: &TermId) -> Option<&GlossaryEntry> {
        self.glossary.iter().find(|e| &e.id == id)
    }

    pub fn entity(&self, id: &EntityId) -> Option<&Entity> {
        self.entities.iter().find(|e| &e.id == id)
    }

    pub fn event(&self, id: &EventId) -> Option<&TimelineEvent> {
        self.timeline.iter().find(|e| &e.id == id)
    }

    /// The plain text of a sentence of either document (`None` if the article has no such sentence).
    pub fn sentence_text(&self, id: SentenceId) -> Option<String> {
        self.document(id.doc).sentence(id.index).map(plain_text)
    }

    /// Whether a quote resolves: it cites at least one sentence, every one exists, and its words lie within
    /// them (the cited sentences' text, in order).
    pub fn quote_resolves(&self, quote: &Quote) -> bool {
        let texts: Option<Vec<String>> = quote
            .sentences
            .iter()
            .map(|&s| self.sentence_text(s))
            .collect();
        match texts {
            Some(t) if !t.is_empty() => crate::text::fold(&t.concat())
                .contains(crate::text::fold(quote.text.trim()).as_str()),
            _ => false,
        }
    }
}

impl Document {
    /// The content of sentence `index` of this document.
    pub fn sentence(&self, index: u32) -> Option<&[Inline]> {
        fn find(content: &[Inline], index: u32) -> Option<&[Inline]> {
            content.iter().find_map(|i| match i {
                Inline::Sentence { index: n, content } if *n == index => Some(content.as_slice()),
                Inline::Sentence { content: c, .. } | Inline::Strong(c) | Inline::Emphasis(c) => {
                    find(c, index)
                }
                Inline::Term(t) => find(&t.content, index),
                Inline::Text(_) => None,
            })
        }
        self.blocks.iter().find_map(|b| match b {
            Block::Heading { content, .. } | Block::Paragraph { content, .. } => {
                find(content, index)
            }
            Block::List { items, .. } => items.iter().find_map(|i| find(i, index)),
        })
    }
}

/// The list of articles the app starts from (`content/index.json`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleIndex {
    pub format_version: u32,
    pub articles: Vec<ArticleSummary>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleSummary {
    pub slug: ArticleSlug,
    pub title: String,
    pub date: IsoDate,
    pub papers: Vec<SyllabusPaper>,
    pub summary: String,
    pub term_count: u32,
}

/// Plain text of inline content, for snippets, labels and search.
pub fn plain_text(content: &[Inline]) -> String {
    fn walk(content: &[Inline], out: &mut String) {
        for i in content {
            match i {
                Inline::Text(t) => out.push_str(t),
                Inline::Strong(c) | Inline::Emphasis(c) => walk(c, out),
                Inline::Term(t) => walk(&t.content, out),
                Inline::Sentence { content, .. } => walk(content, out),
            }
        }
    }
    let mut out = String::new();
    walk(content, &mut out);
    out
}

/// The text fields of one item in another language: its name (term, title, entity name) and its text
/// (definition, event text, description, summary). A missing field falls back to English.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Translation {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// An item's translations by language (English, the source, is never in here).
pub type Translations = BTreeMap<Lang, Translation>;

/// Text in the language it is actually in, so views can mark English fallbacks with `lang="en"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Localised<'a> {
    pub text: &'a str,
    pub lang: Lang,
}

fn localise<'a>(
    english: &'a str,
    tr: &'a Translations,
    lang: Lang,
    field: impl Fn(&'a Translation) -> Option<&'a str>,
) -> Localised<'a> {
    match tr.get(&lang).and_then(field) {
        Some(text) if lang != Lang::En => Localised { text, lang },
        _ => Localised {
            text: english,
            lang: Lang::En,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_validate_calendar() {
        assert_eq!(
            IsoDate::parse("2026-04-30").unwrap().long(),
            "30 April 2026"
        );
        assert!(IsoDate::parse("2026-04-31").is_none());
        assert!(IsoDate::parse("2026-02-29").is_none());
        assert!(IsoDate::parse("2024-02-29").is_some());
        assert!(IsoDate::parse("1900-02-29").is_none());
        assert!(IsoDate::parse("2026-13-01").is_none());
        assert!(IsoDate::parse("2026-4-30").is_none());
        assert!(IsoDate::parse("30-04-2026").is_none());
        assert!(IsoDate::parse("2026-0a-30").is_none());
    }

    #[test]
    fn ids_and_slugs() {
        assert!(is_valid_id("wassenaar-arrangement"));
        assert!(is_valid_id("mcp-2026-27"));
        assert!(!is_valid_id("Wassenaar"));
        assert!(!is_valid_id("a--b"));
        assert!(!is_valid_id("-a"));
        assert!(!is_valid_id(""));
        assert_eq!(slugify("Guido Crosetto"), "guido-crosetto");
        assert_eq!(
            slugify("Military Cooperation Plan 2026–27"),
            "military-cooperation-plan-2026-27"
        );
        assert_eq!(
            slugify("Adani Defence & Aerospace"),
            "adani-defence-aerospace"
        );
        assert_eq!(slugify("Défense"), "defense");
    }

    #[test]
    fn occurrence_anchor_round_trip() {
        let o = OccurrenceId {
            doc: DocKind::Full,
            index: 12,
        };
        assert_eq!(o.anchor(), "occ-full-12");
        assert_eq!(OccurrenceId::parse_anchor("occ-full-12"), Some(o));
        assert_eq!(OccurrenceId::parse_anchor("occ-x-1"), None);
        assert_eq!(OccurrenceId::parse_anchor("occ-brief-"), None);
    }

    #[test]
    fn json_shape_is_stable() {
        let i = Inline::Term(TermRef {
            term: TermId("nato".into()),
            occurrence: OccurrenceId {
                doc: DocKind::Brief,
                index: 0,
            },
            content: vec![Inline::Text("NATO".into())],
        });
        let j = serde_json::to_string(&i).unwrap();
        assert_eq!(
            j,
            r#"{"term":{"term":"nato","occurrence":{"doc":"brief","index":0},"content":[{"text":"NATO"}]}}"#
        );
        assert_eq!(serde_json::from_str::<Inline>(&j).unwrap(), i);
        assert!(serde_json::from_str::<IsoDate>("\"2026-02-30\"").is_err());
    }
}
