//! Languages of the interface: every UI string in English and Hindi, labels of the content's enums, and dates.
//! Content text (definitions, event texts…) carries its own translations in the model (`Translations`); this
//! module covers what the app itself says. Templates use `{n}`-style placeholders filled by [`fill`].

use crate::load::LoadError;
use crate::model::{
    DocKind, EntityKind, EventCategory, IsoDate, RelationGroup, RelationKind, FORMAT_VERSION,
};
use crate::quiz::QuizSource;
use crate::route::View;
use crate::srs::Grade;
use crate::syllabus::SyllabusPaper;
use crate::timeline::{DatePrecision, EventDate, PartialDate};
use serde::{Deserialize, Serialize};

/// A language of the interface and of content translations. English is the source language of all content.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Hi,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Hi];

    /// BCP 47 code, for `lang` attributes, storage and file names (`hi.toml`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Hi => "hi",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        let primary = code.split(['-', '_']).next()?.to_ascii_lowercase();
        Self::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// The language's name in itself, for the language switch.
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Hi => "हिन्दी",
        }
    }

    /// The language's name in English, for compiler messages.
    pub fn english_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Hi => "Hindi",
        }
    }

    /// Every interface string in this language.
    pub fn ui(self) -> &'static Ui {
        match self {
            Lang::En => &EN,
            Lang::Hi => &HI,
        }
    }
}

/// Fills `{name}` placeholders of a template, in order of `args`.
pub fn fill(template: &str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    let mut out = template.to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), &value.to_string());
    }
    out
}

macro_rules! ui_strings {
    ($($(#[$doc:meta])* $name:ident),* $(,)?) => {
        /// Every string the interface shows, in one language.
        #[derive(Debug)]
        pub struct Ui {
            $($(#[$doc])* pub $name: &'static str,)*
        }

        impl Ui {
            /// Every (field, string) pair, for tests that check a language is complete.
            pub fn entries(&self) -> Vec<(&'static str, &'static str)> {
                vec![$((stringify!($name), self.$name),)*]
            }
        }
    };
}

ui_strings! {
    // Frame
    skip_to_content, brand, update_available, reload, glossary_entry, actor_on_map, open_full, page_not_found,
    page_not_found_title, not_found_text, see_all_articles, plain_version, source, try_again, load_failed,
    loading_article, loading_articles, loading_progress, loading_view, view_load_failed, article_views,
    library_title,
    /// `{n}` terms.
    n_terms,
    reading_settings, colour_theme, theme_system, theme_light, theme_dark, text_size, size_normal, size_large,
    size_larger, size_largest, language,
    // Load errors: `{e}` the technical detail, `{s}` an HTTP status, `{found}`/`{expected}` format versions.
    err_network, err_not_found, err_http, err_corrupt, err_version, err_invalid,
    // Reader and card
    close_definition, definition_unavailable, open_in_glossary, no_entry, revision_sheet,
    // Glossary
    glossary_heading, also, appears_once,
    /// `{n}` times.
    appears_n,
    clear, no_match, not_linked, search_terms, see_also, syllabus_paper, syllabus, search_placeholder,
    /// `{n}` of `{total}`.
    n_of_total_terms,
    // Map
    map_help, filters_legend, graph, list, relationship_map, reset_view, show_as, show_kinds_actor,
    show_kinds_relation, zoom_in, zoom_out, zoom,
    /// `{name}`, `{kind}`, `{n}` relations.
    node_label,
    close_details, in_timeline, relations,
    /// `{where}`: a document name.
    read_in,
    // Share
    share_embed, share_title, link, copy_link, copied, copy_embed, embed_code, select_copy, sandboxed_option,
    script_optional, close,
    // Study
    study_mode, flashcards, quiz, mains_questions, storage_unavailable, all_caught_up, none_due, definition, term,
    export_import, export_json, flashcard, how_well, import_file,
    /// `{n}` cards.
    imported_n,
    /// `{e}` why.
    not_imported,
    show_answer, suspend, unsuspend, suspended_heading, see_on_timeline, show_more_terms,
    /// `{due}`, `{n}`, `{s}`.
    deck_status,
    answer_is,
    check_answer, correct,
    /// `{answer}`: the right option, rendered in its own language.
    not_quite,
    model_outline, new_quiz, next_question, number_of_questions,
    /// `{i}` of `{n}`.
    question_n_of,
    questions_from, review_mistakes, see_score, start_quiz,
    /// `{correct}` of `{total}`.
    you_scored,
    your_answer,
    /// `{marks}`, `{words}`.
    marks_words,
    // Timeline
    a_period, choose_event, event_details, exact_day, known_month, known_year, on_map, show_categories, terms,
    timeline_heading, undated, earlier_lane,
    /// `{title}` of the later event.
    undated_before,
    timeline_help,
    // Revision sheet
    sheet_heading, sheet_intro, sheet_terms, sheet_timeline, sheet_relations, sheet_mains, sheet_from, sheet_relation,
    sheet_to, sheet_print, sheet_when, sheet_what, sheet_evidence,
}

/// English: the source language.
pub static EN: Ui = Ui {
    skip_to_content: "Skip to content",
    brand: "News explainer",
    update_available: "A new version is available.",
    reload: "Reload",
    glossary_entry: "Glossary entry",
    actor_on_map: "Actor on the map",
    open_full: "Open full explainer",
    page_not_found: "Page not found",
    page_not_found_title: "Page not found — News explainer",
    not_found_text: "This address does not match any article, view or glossary term.",
    see_all_articles: "See all articles",
    plain_version: "Plain version (no JavaScript, printable)",
    source: "Source: ",
    try_again: "Try again",
    load_failed: "We couldn't load this content",
    loading_article: "Loading article…",
    loading_articles: "Loading articles…",
    loading_progress: "Loading your progress…",
    loading_view: "Loading this view…",
    view_load_failed: "This view could not be loaded. Check your connection and try again.",
    article_views: "Article views",
    library_title: "News explainers",
    n_terms: "{n} terms",
    reading_settings: "Reading settings",
    colour_theme: "Colour theme",
    theme_system: "Theme: system",
    theme_light: "Light",
    theme_dark: "Dark",
    text_size: "Text size",
    size_normal: "Text: normal",
    size_large: "Large",
    size_larger: "Larger",
    size_largest: "Largest",
    language: "Language",
    err_network: "The network request failed ({e}). Check your connection and try again.",
    err_not_found: "The content was not found on the server (HTTP 404).",
    err_http: "The server answered with an error (HTTP {s}).",
    err_corrupt: "The content file is damaged or incomplete ({e}).",
    err_version: "The content was built for another version of this app (format {found}, expected {expected}). Reload the page to update.",
    err_invalid: "The content file has an error and cannot be shown ({e}).",
    close_definition: "Close definition",
    definition_unavailable: "Definition unavailable",
    open_in_glossary: "Open in glossary",
    no_entry: "This term has no glossary entry in the loaded content.",
    revision_sheet: "Revision sheet",
    glossary_heading: "Glossary",
    also: "Also: ",
    appears_once: "Appears once in the text",
    appears_n: "Appears {n} times in the text",
    clear: "Clear",
    no_match: "No terms match. Try fewer letters or clear the filters.",
    not_linked: "Not linked in the text.",
    search_terms: "Search terms",
    see_also: "See also:",
    syllabus_paper: "Syllabus paper",
    syllabus: "Syllabus",
    search_placeholder: "e.g. Wassenaar, end-use, GS3",
    n_of_total_terms: "{n} of {total} terms",
    map_help: "Arrows point from the actor to the one it acts on. Drag to pan, scroll or pinch to zoom. With the keyboard: Tab to the map, arrow keys follow the lines to a neighbour, Enter opens details, Escape closes them.",
    filters_legend: "Filters and legend",
    graph: "Graph",
    list: "List",
    relationship_map: "Relationship map",
    reset_view: "Reset view",
    show_as: "Show as",
    show_kinds_actor: "Show kinds of actor",
    show_kinds_relation: "Show kinds of relation",
    zoom_in: "Zoom in",
    zoom_out: "Zoom out",
    zoom: "Zoom",
    node_label: "{name}, {kind}, {n} relations",
    close_details: "Close details",
    in_timeline: "In the timeline",
    relations: "Relations",
    read_in: "Read it in the {where}",
    share_embed: "Share / Embed",
    share_title: "Share or embed this view",
    link: "Link",
    copy_link: "Copy link",
    copied: "Copied.",
    copy_embed: "Copy embed code",
    embed_code: "Embed code for a course page",
    select_copy: "Select the text and copy it (Ctrl+C).",
    sandboxed_option: "Sandboxed frame (no saving of progress)",
    script_optional: "The script sizes the frame to its content; it is optional.",
    close: "Close",
    study_mode: "Study mode",
    flashcards: "Flashcards",
    quiz: "Quiz",
    mains_questions: "Mains questions",
    storage_unavailable: "Progress is not being saved in this browser (storage is unavailable or full). You can keep studying; export your progress to keep it.",
    all_caught_up: "All caught up.",
    none_due: "No cards are due today; come back tomorrow.",
    definition: "Definition",
    term: "Term",
    export_import: "Export or import progress",
    export_json: "Export progress (JSON)",
    flashcard: "Flashcard",
    how_well: "How well did you know it?",
    import_file: "Import a progress file",
    imported_n: "Imported progress for {n} cards.",
    not_imported: "Not imported: {e}",
    show_answer: "Show answer",
    suspend: "Suspend this card",
    unsuspend: "Restore this card",
    suspended_heading: "Suspended cards ({n})",
    see_on_timeline: "See these events on the timeline",
    show_more_terms: "Show more ({n} not shown)",
    deck_status: "{due} due today · {n} cards · {s} suspended",
    answer_is: "Answer: ",
    check_answer: "Check answer",
    correct: "Correct.",
    not_quite: "Not quite — the answer is {answer}.",
    model_outline: "Model answer outline",
    new_quiz: "New quiz",
    next_question: "Next question",
    number_of_questions: "Number of questions",
    question_n_of: "Question {i} of {n}",
    questions_from: "Questions from",
    review_mistakes: "Review your mistakes",
    see_score: "See your score",
    start_quiz: "Start quiz",
    you_scored: "You scored {correct} out of {total}.",
    your_answer: "Your answer: ",
    marks_words: "{marks} marks · {words} words",
    a_period: "A period",
    choose_event: "Choose an event to see its details and the sentence it comes from.",
    event_details: "Event details",
    exact_day: "Exact day",
    known_month: "Known to the month",
    known_year: "Known to the year",
    on_map: "On the map",
    show_categories: "Show categories",
    terms: "Terms",
    timeline_heading: "Timeline",
    undated: "Undated",
    earlier_lane: "Earlier (undated)",
    undated_before: "Undated: before “{title}”",
    timeline_help: "Use the arrow keys to move between events, Home and End to jump, Enter to open one.",
    sheet_heading: "Revision sheet",
    sheet_intro: "Key terms by syllabus paper, the timeline, who did what, and the mains questions, on one or two A4 pages.",
    sheet_terms: "Key terms by syllabus paper",
    sheet_timeline: "Timeline",
    sheet_relations: "Who did what",
    sheet_mains: "Mains questions",
    sheet_from: "Actor",
    sheet_relation: "Relation",
    sheet_to: "To",
    sheet_print: "Print or save as PDF",
    sheet_when: "When",
    sheet_what: "What happened",
    sheet_evidence: "From the text",
};

/// Hindi. Written for Hindi-medium UPSC aspirants: standard terms of Hindi civil-services material.
pub static HI: Ui = Ui {
    skip_to_content: "मुख्य सामग्री पर जाएँ",
    brand: "समाचार व्याख्या",
    update_available: "नया संस्करण उपलब्ध है।",
    reload: "फिर से लोड करें",
    glossary_entry: "शब्दावली प्रविष्टि",
    actor_on_map: "मानचित्र पर पक्ष",
    open_full: "पूरी व्याख्या खोलें",
    page_not_found: "पृष्ठ नहीं मिला",
    page_not_found_title: "पृष्ठ नहीं मिला — समाचार व्याख्या",
    not_found_text: "यह पता किसी लेख, दृश्य या शब्दावली प्रविष्टि से मेल नहीं खाता।",
    see_all_articles: "सभी लेख देखें",
    plain_version: "सादा संस्करण (बिना JavaScript, छपाई योग्य)",
    source: "स्रोत: ",
    try_again: "फिर कोशिश करें",
    load_failed: "यह सामग्री लोड नहीं हो सकी",
    loading_article: "लेख लोड हो रहा है…",
    loading_articles: "लेख लोड हो रहे हैं…",
    loading_progress: "आपकी प्रगति लोड हो रही है…",
    loading_view: "यह दृश्य लोड हो रहा है…",
    view_load_failed: "यह दृश्य लोड नहीं हो सका। अपना कनेक्शन जाँचें और फिर कोशिश करें।",
    article_views: "लेख के दृश्य",
    library_title: "समाचार व्याख्याएँ",
    n_terms: "{n} शब्द",
    reading_settings: "पढ़ने की सेटिंग",
    colour_theme: "रंग थीम",
    theme_system: "थीम: सिस्टम",
    theme_light: "हल्की",
    theme_dark: "गहरी",
    text_size: "अक्षर का आकार",
    size_normal: "अक्षर: सामान्य",
    size_large: "बड़ा",
    size_larger: "और बड़ा",
    size_largest: "सबसे बड़ा",
    language: "भाषा",
    err_network: "नेटवर्क अनुरोध विफल रहा ({e})। अपना कनेक्शन जाँचें और फिर कोशिश करें।",
    err_not_found: "सर्वर पर सामग्री नहीं मिली (HTTP 404)।",
    err_http: "सर्वर ने त्रुटि लौटाई (HTTP {s})।",
    err_corrupt: "सामग्री की फ़ाइल क्षतिग्रस्त या अधूरी है ({e})।",
    err_version: "यह सामग्री ऐप के किसी दूसरे संस्करण के लिए बनी है (प्रारूप {found}, अपेक्षित {expected})। अद्यतन के लिए पृष्ठ फिर से लोड करें।",
    err_invalid: "सामग्री की फ़ाइल में त्रुटि है, इसलिए इसे दिखाया नहीं जा सकता ({e})।",
    close_definition: "परिभाषा बंद करें",
    definition_unavailable: "परिभाषा उपलब्ध नहीं",
    open_in_glossary: "शब्दावली में खोलें",
    no_entry: "लोड की गई सामग्री में इस शब्द की कोई शब्दावली प्रविष्टि नहीं है।",
    revision_sheet: "पुनरावृत्ति पत्रक",
    glossary_heading: "शब्दावली",
    also: "अन्य नाम: ",
    appears_once: "पाठ में एक बार आता है",
    appears_n: "पाठ में {n} बार आता है",
    clear: "हटाएँ",
    no_match: "कोई शब्द मेल नहीं खाता। कम अक्षर लिखें या फ़िल्टर हटाएँ।",
    not_linked: "पाठ में कहीं जुड़ा नहीं है।",
    search_terms: "शब्द खोजें",
    see_also: "यह भी देखें:",
    syllabus_paper: "पाठ्यक्रम प्रश्नपत्र",
    syllabus: "पाठ्यक्रम",
    search_placeholder: "जैसे वासेनार, Wassenaar, GS3",
    n_of_total_terms: "{total} में से {n} शब्द",
    map_help: "तीर उस पक्ष से निकलता है जो कार्य करता है और उस तक जाता है जिस पर कार्य होता है। खिसकाने के लिए खींचें, ज़ूम के लिए स्क्रॉल करें या दो उँगलियों से फैलाएँ। कीबोर्ड से: Tab से मानचित्र पर आएँ, तीर कुंजियाँ रेखाओं के सहारे पड़ोसी तक ले जाती हैं, Enter विवरण खोलता है, Escape बंद करता है।",
    filters_legend: "फ़िल्टर और संकेत-सूची",
    graph: "आरेख",
    list: "सूची",
    relationship_map: "संबंधों का मानचित्र",
    reset_view: "दृश्य पहले जैसा करें",
    show_as: "ऐसे दिखाएँ",
    show_kinds_actor: "पक्षों के प्रकार दिखाएँ",
    show_kinds_relation: "संबंधों के प्रकार दिखाएँ",
    zoom_in: "ज़ूम बढ़ाएँ",
    zoom_out: "ज़ूम घटाएँ",
    zoom: "ज़ूम",
    node_label: "{name}, {kind}, {n} संबंध",
    close_details: "विवरण बंद करें",
    in_timeline: "समयरेखा में",
    relations: "संबंध",
    read_in: "{where} में पढ़ें",
    share_embed: "साझा करें / एम्बेड करें",
    share_title: "यह दृश्य साझा या एम्बेड करें",
    link: "लिंक",
    copy_link: "लिंक कॉपी करें",
    copied: "कॉपी हो गया।",
    copy_embed: "एम्बेड कोड कॉपी करें",
    embed_code: "पाठ्यक्रम पृष्ठ के लिए एम्बेड कोड",
    select_copy: "पाठ चुनें और कॉपी करें (Ctrl+C)।",
    sandboxed_option: "सैंडबॉक्स फ़्रेम (प्रगति सहेजी नहीं जाएगी)",
    script_optional: "स्क्रिप्ट फ़्रेम की ऊँचाई सामग्री के अनुसार करती है; यह वैकल्पिक है।",
    close: "बंद करें",
    study_mode: "अध्ययन",
    flashcards: "फ़्लैशकार्ड",
    quiz: "प्रश्नोत्तरी",
    mains_questions: "मुख्य परीक्षा के प्रश्न",
    storage_unavailable: "इस ब्राउज़र में प्रगति सहेजी नहीं जा रही है (स्टोरेज उपलब्ध नहीं या भरा है)। आप पढ़ाई जारी रख सकते हैं; प्रगति रखने के लिए उसे निर्यात करें।",
    all_caught_up: "सब दोहरा लिया।",
    none_due: "आज कोई कार्ड बाकी नहीं; कल फिर आएँ।",
    definition: "परिभाषा",
    term: "शब्द",
    export_import: "प्रगति का निर्यात या आयात",
    export_json: "प्रगति निर्यात करें (JSON)",
    flashcard: "फ़्लैशकार्ड",
    how_well: "आपको यह कितना याद था?",
    import_file: "प्रगति फ़ाइल आयात करें",
    imported_n: "{n} कार्डों की प्रगति आयात हुई।",
    not_imported: "आयात नहीं हुआ: {e}",
    show_answer: "उत्तर दिखाएँ",
    suspend: "यह कार्ड रोकें",
    unsuspend: "यह कार्ड फिर से दिखाएँ",
    suspended_heading: "रोके गए कार्ड ({n})",
    see_on_timeline: "इन घटनाओं को समयरेखा पर देखें",
    show_more_terms: "और दिखाएँ ({n} नहीं दिखाए गए)",
    deck_status: "आज {due} बाकी · {n} कार्ड · {s} रोके गए",
    answer_is: "उत्तर: ",
    check_answer: "उत्तर जाँचें",
    correct: "सही।",
    not_quite: "ठीक नहीं — सही उत्तर है {answer}।",
    model_outline: "आदर्श उत्तर की रूपरेखा",
    new_quiz: "नई प्रश्नोत्तरी",
    next_question: "अगला प्रश्न",
    number_of_questions: "प्रश्नों की संख्या",
    question_n_of: "प्रश्न {i} / {n}",
    questions_from: "प्रश्न किससे",
    review_mistakes: "अपनी गलतियाँ दोहराएँ",
    see_score: "अपना स्कोर देखें",
    start_quiz: "प्रश्नोत्तरी शुरू करें",
    you_scored: "आपके {total} में से {correct} अंक आए।",
    your_answer: "आपका उत्तर: ",
    marks_words: "{marks} अंक · {words} शब्द",
    a_period: "एक अवधि",
    choose_event: "किसी घटना को चुनें: उसका विवरण और वह वाक्य दिखेगा जिससे वह ली गई है।",
    event_details: "घटना का विवरण",
    exact_day: "निश्चित दिन",
    known_month: "महीना ज्ञात",
    known_year: "वर्ष ज्ञात",
    on_map: "मानचित्र पर",
    show_categories: "श्रेणियाँ दिखाएँ",
    terms: "शब्द",
    timeline_heading: "समयरेखा",
    undated: "तिथि अज्ञात",
    earlier_lane: "पहले (तिथि अज्ञात)",
    undated_before: "तिथि अज्ञात: “{title}” से पहले",
    timeline_help: "घटनाओं के बीच जाने के लिए तीर कुंजियाँ, पहली-अंतिम के लिए Home और End, खोलने के लिए Enter दबाएँ।",
    sheet_heading: "पुनरावृत्ति पत्रक",
    sheet_intro: "प्रश्नपत्र के अनुसार मुख्य शब्द, समयरेखा, किसने क्या किया, और मुख्य परीक्षा के प्रश्न — एक या दो A4 पृष्ठों पर।",
    sheet_terms: "प्रश्नपत्र के अनुसार मुख्य शब्द",
    sheet_timeline: "समयरेखा",
    sheet_relations: "किसने क्या किया",
    sheet_mains: "मुख्य परीक्षा के प्रश्न",
    sheet_from: "पक्ष",
    sheet_relation: "संबंध",
    sheet_to: "किसके साथ",
    sheet_print: "छापें या PDF में सहेजें",
    sheet_when: "कब",
    sheet_what: "क्या हुआ",
    sheet_evidence: "पाठ से",
};

/// Labels of the content's fixed vocabularies (views, kinds, categories…) in a language.
pub trait Label: Copy {
    /// The label in `lang`.
    fn label_in(self, lang: Lang) -> &'static str;
}

impl Label for View {
    fn label_in(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.label(),
            Lang::Hi => match self {
                View::Brief => "सार",
                View::Full => "पूरा लेख",
                View::Glossary => "शब्दावली",
                View::Timeline => "समयरेखा",
                View::Map => "मानचित्र",
                View::Study => "अध्ययन",
                View::Sheet => "पुनरावृत्ति पत्रक",
            },
        }
    }
}

impl Label for DocKind {
    fn label_in(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.label(),
            Lang::Hi => match self {
                DocKind::Brief => "सार",
                DocKind::Full => "पूरा लेख",
            },
        }
    }
}

impl Label for EventCategory {
    fn label_in(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.label(),
            Lang::Hi => match self {
                Self::Diplomacy => "कूटनीति",
                Self::DefenceIndustry => "रक्षा उद्योग",
                Self::MilitaryCooperation => "सैन्य सहयोग",
                Self::Controversy => "विवाद",
                Self::Policy => "नीति",
                Self::Security => "सुरक्षा",
            },
        }
    }
}

impl Label for EntityKind {
    fn label_in(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.label(),
            Lang::Hi => match self {
                Self::Country => "देश",
                Self::Person => "व्यक्ति",
                Self::Company => "कंपनी",
                Self::Organisation => "संगठन",
                Self::Agreement => "समझौता",
                Self::Policy => "नीति",
                Self::Regime => "नियंत्रण व्यवस्था",
                Self::ArmedForce => "सशस्त्र बल",
                Self::Place => "स्थान",
            },
        }
    }
}

impl Label for RelationKind {
    fn label_in(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.label(),
            Lang::Hi => match self {
                Self::Supplies => "आपूर्ति करता है",
                Self::BuysFrom => "से खरीदता है",
                Self::CooperatesWith => "के साथ सहयोग",
                Self::PartnersWith => "का साझेदार",
                Self::MemberOf => "का सदस्य",
                Self::PartyTo => "का पक्षकार",
                Self::Heads => "का प्रमुख",
                Self::Represents => "का प्रतिनिधि",
                Self::AsksNotToTransferTo => "को हस्तांतरण न करने को कहता है",
                Self::Assures => "को आश्वासन देता है",
                Self::ConcernRaisedWith => "के समक्ष चिंता उठाई",
                Self::RivalOf => "का प्रतिद्वंद्वी",
                Self::LiftedRestrictionsOn => "पर से प्रतिबंध हटाए",
                Self::Backs => "का समर्थन करता है",
                Self::PartOf => "का हिस्सा",
                Self::LocatedIn => "में स्थित",
                Self::Pursues => "अपनाता है",
            },
        }
    }
}

impl Label for RelationGroup {
    fn label_in(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.label(),
            Lang::Hi => match self {
                Self::Cooperation => "सहयोग और आश्वासन",
                Self::Trade => "आपूर्ति और खरीद",
                Self::Tension => "प्रतिबंध, चिंताएँ, प्रतिद्वंद्विता",
                Self::Structure => "सदस्यता और भूमिकाएँ",
            },
        }
    }
}

impl Label for QuizSource {
    fn label_in(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.label(),
            Lang::Hi => match self {
                Self::Authored => "प्रारंभिक परीक्षा के प्रश्न",
                Self::Chronology => "घटनाओं को क्रम में लगाएँ",
                Self::Relations => "किसने क्या किया",
                Self::Terms => "शब्द पहचानें",
                Self::Mixed => "मिले-जुले",
            },
        }
    }
}

impl Label for Grade {
    fn label_in(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.label(),
            Lang::Hi => match self {
                Grade::Again => "फिर से",
                Grade::Hard => "कठिन",
                Grade::Good => "ठीक",
                Grade::Easy => "आसान",
            },
        }
    }
}

impl Label for DatePrecision {
    fn label_in(self, lang: Lang) -> &'static str {
        let ui = lang.ui();
        match self {
            DatePrecision::Day => ui.exact_day,
            DatePrecision::Month => ui.known_month,
            DatePrecision::Year => ui.known_year,
        }
    }
}

/// What a syllabus paper covers, in a language.
pub fn paper_scope(p: SyllabusPaper, lang: Lang) -> &'static str {
    match lang {
        Lang::En => p.scope(),
        Lang::Hi => match p {
            SyllabusPaper::GS1 => "इतिहास, भूगोल, समाज",
            SyllabusPaper::GS2 => "राजव्यवस्था, शासन, अंतरराष्ट्रीय संबंध",
            SyllabusPaper::GS3 => "अर्थव्यवस्था, सुरक्षा, विज्ञान एवं प्रौद्योगिकी",
            SyllabusPaper::GS4 => "नीतिशास्त्र, सत्यनिष्ठा, अभिरुचि",
        },
    }
}

const MONTHS_HI: [&str; 12] = [
    "जनवरी",
    "फ़रवरी",
    "मार्च",
    "अप्रैल",
    "मई",
    "जून",
    "जुलाई",
    "अगस्त",
    "सितंबर",
    "अक्टूबर",
    "नवंबर",
    "दिसंबर",
];

/// A partial date in a language: "30 April 2026" / "30 अप्रैल 2026".
pub fn partial_date(d: &PartialDate, lang: Lang) -> String {
    match lang {
        Lang::En => d.to_string(),
        Lang::Hi => match (d.month, d.day) {
            (Some(m), day) => {
                let month = crate::timeline::month_name(&MONTHS_HI, m)
                    .map_or_else(|| format!("{m:02}/"), |name| format!("{name} "));
                match day {
                    Some(day) => format!("{day} {month}{}", d.year),
                    None => format!("{month}{}", d.year),
                }
            }
            _ => d.year.to_string(),
        },
    }
}

/// A calendar date in a language: "30 April 2026" / "30 अप्रैल 2026".
pub fn long_date(d: &IsoDate, lang: Lang) -> String {
    partial_date(
        &PartialDate {
            year: d.year,
            month: Some(d.month),
            day: Some(d.day),
        },
        lang,
    )
}

/// An event's date in a language; spans of whole years stay "2026–27".
pub fn event_date(d: &EventDate, lang: Lang) -> String {
    match (lang, d) {
        (Lang::En, _) => d.label(),
        (_, EventDate::On(p)) => partial_date(p, lang),
        (_, EventDate::Span(a, b))
            if a.precision() == DatePrecision::Year && b.precision() == DatePrecision::Year =>
        {
            d.label()
        }
        (_, EventDate::Span(a, b)) => {
            format!("{} – {}", partial_date(a, lang), partial_date(b, lang))
        }
        (_, EventDate::Undated { .. }) => lang.ui().undated.to_string(),
    }
}

/// A load error explained in a language.
pub fn load_error(e: &LoadError, lang: Lang) -> String {
    let ui = lang.ui();
    match e {
        LoadError::Network(d) => fill(ui.err_network, &[("e", d)]),
        LoadError::Http(404) => ui.err_not_found.to_string(),
        LoadError::Http(s) => fill(ui.err_http, &[("s", s)]),
        LoadError::Corrupt(d) => fill(ui.err_corrupt, &[("e", d)]),
        LoadError::Version { found } => fill(
            ui.err_version,
            &[("found", found), ("expected", &FORMAT_VERSION)],
        ),
        LoadError::Invalid(d) => fill(ui.err_invalid, &[("e", d)]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(s: &str) -> Vec<&str> {
        let mut out: Vec<&str> = s
            .split('{')
            .skip(1)
            .filter_map(|p| p.split_once('}').map(|(name, _)| name))
            .collect();
        out.sort_unstable();
        out
    }

    #[test]
    fn every_hindi_string_is_written_and_keeps_the_placeholders() {
        let (en, hi) = (EN.entries(), HI.entries());
        assert_eq!(en.len(), hi.len());
        for ((field, e), (_, h)) in en.iter().zip(&hi) {
            assert!(!h.trim().is_empty(), "{field} is empty in Hindi");
            assert_ne!(e, h, "{field} is not translated");
            assert!(
                h.chars().any(|c| ('\u{0900}'..='\u{097F}').contains(&c)),
                "{field} has no Devanagari: {h}"
            );
            assert_eq!(
                placeholders(e),
                placeholders(h),
                "{field}: placeholders differ"
            );
        }
    }

    #[test]
    fn english_matches_the_loaders_own_messages() {
        for e in [
            LoadError::Network("offline".into()),
            LoadError::Http(404),
            LoadError::Http(500),
            LoadError::Corrupt("eof".into()),
            LoadError::Version { found: 1 },
            LoadError::Invalid("question `q1`: answer 7 is not one of its 4 options".into()),
        ] {
            assert_eq!(load_error(&e, Lang::En), e.to_string());
        }
        assert!(load_error(&LoadError::Http(503), Lang::Hi).contains("HTTP 503"));
    }

    #[test]
    fn labels_exist_in_every_language_and_differ_from_english() {
        fn check<T: Label + std::fmt::Debug>(all: &[T]) {
            for &x in all {
                let hi = x.label_in(Lang::Hi);
                assert!(!hi.is_empty() && hi != x.label_in(Lang::En), "{x:?}");
            }
        }
        check(&View::ALL);
        check(&DocKind::ALL);
        check(&EventCategory::ALL);
        check(&EntityKind::ALL);
        check(&RelationKind::ALL);
        check(&RelationGroup::ALL);
        check(&QuizSource::ALL);
        check(&[Grade::Again, Grade::Hard, Grade::Good, Grade::Easy]);
    }

    #[test]
    fn dates_in_hindi_keep_their_precision() {
        let d = |s: &str| crate::timeline::parse_event_date(s).unwrap();
        assert_eq!(event_date(&d("2026-04-30"), Lang::Hi), "30 अप्रैल 2026");
        assert_eq!(event_date(&d("2016-02"), Lang::Hi), "फ़रवरी 2016");
        assert_eq!(event_date(&d("2014"), Lang::Hi), "2014");
        assert_eq!(event_date(&d("2026..2027"), Lang::Hi), "2026–27");
        assert_eq!(
            event_date(&d("2025-12..2026-03"), Lang::Hi),
            "दिसंबर 2025 – मार्च 2026"
        );
        assert_eq!(event_date(&d("2026-04-30"), Lang::En), "30 April 2026");
    }

    #[test]
    fn a_month_that_does_not_exist_is_shown_as_a_number_not_a_panic() {
        for m in [0u8, 13, 255] {
            let p = PartialDate {
                year: 2026,
                month: Some(m),
                day: Some(3),
            };
            for lang in Lang::ALL {
                let shown = partial_date(&p, lang);
                assert!(shown.contains(&format!("{m:02}/2026")), "{shown}");
                assert!(shown.starts_with("3 "), "{shown}");
            }
            let no_day = PartialDate { day: None, ..p };
            assert_eq!(partial_date(&no_day, Lang::Hi), format!("{m:02}/2026"));
            assert_eq!(EventDate::On(no_day).label(), format!("{m:02}/2026"));
        }
    }

    #[test]
    fn language_codes_round_trip_and_accept_regions() {
        for l in Lang::ALL {
            assert_eq!(Lang::from_code(l.code()), Some(l));
        }
        assert_eq!(Lang::from_code("hi-IN"), Some(Lang::Hi));
        assert_eq!(Lang::from_code("EN_gb"), Some(Lang::En));
        assert_eq!(Lang::from_code("ta"), None);
        assert_eq!(Lang::from_code(""), None);
    }

    #[test]
    fn fill_replaces_every_placeholder() {
        assert_eq!(
            fill(EN.question_n_of, &[("i", &2), ("n", &10)]),
            "Question 2 of 10"
        );
        assert_eq!(
            fill(HI.n_of_total_terms, &[("n", &3), ("total", &57)]),
            "57 में से 3 शब्द"
        );
    }
}
