//! Routes: the single source of truth for every URL in the app. Paths are relative to the site's base path and
//! always end in `/`, so each one is a directory with its own `index.html` on a plain static file server.

use crate::model::{is_valid_id, ArticleSlug, EntityId, EventId, TermId};

/// A page of an article.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum View {
    Brief,
    Full,
    Glossary,
    Timeline,
    Map,
    Study,
    /// The printable revision sheet.
    Sheet,
}

impl View {
    pub const ALL: [View; 7] = [
        View::Brief,
        View::Full,
        View::Glossary,
        View::Timeline,
        View::Map,
        View::Study,
        View::Sheet,
    ];

    pub fn label(self) -> &'static str {
        match self {
            View::Brief => "Brief",
            View::Full => "Full article",
            View::Glossary => "Glossary",
            View::Timeline => "Timeline",
            View::Map => "Map",
            View::Study => "Study",
            View::Sheet => "Revision sheet",
        }
    }

    fn segment(self) -> &'static str {
        match self {
            View::Brief => "",
            View::Full => "article/",
            View::Glossary => "glossary/",
            View::Timeline => "timeline/",
            View::Map => "map/",
            View::Study => "study/",
            View::Sheet => "sheet/",
        }
    }
}

/// What is selected across all views (reader, glossary, timeline, map); kept in the URL as `?sel=kind:id`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Selection {
    Term(TermId),
    Entity(EntityId),
    Event(EventId),
}

impl Selection {
    pub fn to_query_value(&self) -> String {
        match self {
            Selection::Term(t) => format!("term:{t}"),
            Selection::Entity(e) => format!("entity:{e}"),
            Selection::Event(e) => format!("event:{e}"),
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        let (kind, id) = s.split_once(':')?;
        if !is_valid_id(id) {
            return None;
        }
        match kind {
            "term" => Some(Selection::Term(TermId(id.into()))),
            "entity" => Some(Selection::Entity(EntityId(id.into()))),
            "event" => Some(Selection::Event(EventId(id.into()))),
            _ => None,
        }
    }

    /// Reads `sel` from a query string (`?a=b&sel=entity:india`); anything malformed is ignored.
    pub fn from_query(query: &str) -> Option<Self> {
        query
            .trim_start_matches('?')
            .split('&')
            .find_map(|kv| kv.strip_prefix("sel="))
            .and_then(|v| Selection::parse(&v.replace("%3A", ":").replace("%3a", ":")))
    }
}

/// Where the app is.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Route {
    /// The list of articles.
    Library,
    /// A view of an article; `term` is a glossary entry's own page (only with `View::Glossary`); `sel` is the
    /// selection shared by all views.
    Article {
        slug: ArticleSlug,
        view: View,
        term: Option<TermId>,
        sel: Option<Selection>,
    },
    /// A path that names nothing we know.
    NotFound(String),
}

impl Route {
    pub fn view(slug: &ArticleSlug, view: View) -> Self {
        Route::Article {
            slug: slug.clone(),
            view,
            term: None,
            sel: None,
        }
    }

    pub fn term(slug: &ArticleSlug, term: &TermId) -> Self {
        Route::Article {
            slug: slug.clone(),
            view: View::Glossary,
            term: Some(term.clone()),
            sel: None,
        }
    }

    /// Parses a path relative to the base (leading `/` optional; query and fragment must be stripped first).
    pub fn parse(path: &str) -> Route {
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        let not_found = || Route::NotFound(path.to_string());
        let slug = match parts.first() {
            None => return Route::Library,
            Some(s) if is_valid_id(s) => ArticleSlug(s.to_string()),
            Some(_) => return not_found(),
        };
        match parts[1..] {
            [] => Route::view(&slug, View::Brief),
            ["article"] => Route::view(&slug, View::Full),
            ["glossary"] => Route::view(&slug, View::Glossary),
            ["timeline"] => Route::view(&slug, View::Timeline),
            ["map"] => Route::view(&slug, View::Map),
            ["study"] => Route::view(&slug, View::Study),
            ["sheet"] => Route::view(&slug, View::Sheet),
            ["glossary", t] if is_valid_id(t) => Route::term(&slug, &TermId(t.to_string())),
            _ => not_found(),
        }
    }

    /// The path relative to the base, without a leading `/`: `""`, `slug/`, `slug/glossary/term/`.
    pub fn to_path(&self) -> String {
        match self {
            Route::Library => String::new(),
            Route::Article {
                slug,
                view,
                term,
                sel,
            } => {
                let mut p = format!("{slug}/{}", view.segment());
                if let (View::Glossary, Some(t)) = (view, term) {
                    p.push_str(t.as_str());
                    p.push('/');
                }
                if let Some(sel) = sel {
                    p.push_str("?sel=");
                    p.push_str(&sel.to_query_value());
                }
                p
            }
            Route::NotFound(p) => p.trim_start_matches('/').to_string(),
        }
    }

    /// Parses a path and its query string (with or without the leading `?`).
    pub fn parse_url(path: &str, query: &str) -> Route {
        match Route::parse(path) {
            Route::Article {
                slug, view, term, ..
            } => Route::Article {
                slug,
                view,
                term,
                sel: Selection::from_query(query),
            },
            other => other,
        }
    }

    /// The same route with another selection (nothing changes for non-article routes).
    pub fn with_selection(&self, sel: Option<Selection>) -> Route {
        match self {
            Route::Article {
                slug, view, term, ..
            } => Route::Article {
                slug: slug.clone(),
                view: *view,
                term: term.clone(),
                sel,
            },
            other => other.clone(),
        }
    }

    /// The current selection: the `sel` parameter, or the glossary entry whose page this is.
    pub fn selection(&self) -> Option<Selection> {
        match self {
            Route::Article { sel: Some(s), .. } => Some(s.clone()),
            Route::Article { term: Some(t), .. } => Some(Selection::Term(t.clone())),
            _ => None,
        }
    }

    pub fn slug(&self) -> Option<&ArticleSlug> {
        match self {
            Route::Article { slug, .. } => Some(slug),
            _ => None,
        }
    }

    pub fn article_view(&self) -> Option<View> {
        match self {
            Route::Article { view, .. } => Some(*view),
            _ => None,
        }
    }
}

/// Splits a base path off a location path: `("/app/", "/app/x/glossary/")` → `Some("x/glossary/")`.
pub fn strip_base<'a>(base: &str, path: &'a str) -> Option<&'a str> {
    let base = base.trim_end_matches('/');
    let rest = path.strip_prefix(base)?;
    if rest.is_empty() || rest.starts_with('/') {
        Some(rest.trim_start_matches('/'))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slug() -> ArticleSlug {
        ArticleSlug("india-italy".into())
    }

    #[test]
    fn round_trips_every_route() {
        let routes = [
            Route::Library,
            Route::view(&slug(), View::Brief),
            Route::view(&slug(), View::Full),
            Route::view(&slug(), View::Glossary),
            Route::view(&slug(), View::Timeline),
            Route::view(&slug(), View::Map),
            Route::view(&slug(), View::Study),
            Route::view(&slug(), View::Sheet),
            Route::term(&slug(), &TermId("nato".into())),
        ];
        for r in routes {
            let p = r.to_path();
            assert!(p.is_empty() || p.ends_with('/'), "{p}");
            assert_eq!(Route::parse(&p), r, "{p}");
            assert_eq!(Route::parse(&format!("/{p}")), r, "{p}");
        }
        assert_eq!(
            Route::term(&slug(), &TermId("nato".into())).to_path(),
            "india-italy/glossary/nato/"
        );
    }

    #[test]
    fn tolerates_missing_trailing_slash_and_rejects_junk() {
        assert_eq!(
            Route::parse("/india-italy/glossary"),
            Route::view(&slug(), View::Glossary)
        );
        assert!(matches!(Route::parse("/India/"), Route::NotFound(_)));
        assert!(matches!(
            Route::parse("/india-italy/nope/"),
            Route::NotFound(_)
        ));
        assert!(matches!(
            Route::parse("/india-italy/glossary/Bad Id/"),
            Route::NotFound(_)
        ));
        assert!(matches!(
            Route::parse("/india-italy/glossary/a/b/"),
            Route::NotFound(_)
        ));
    }

    #[test]
    fn selection_round_trips_through_the_query() {
        let r = Route::view(&slug(), View::Map)
            .with_selection(Some(Selection::Entity(EntityId("india".into()))));
        let p = r.to_path();
        assert_eq!(p, "india-italy/map/?sel=entity:india");
        let (path, query) = p.split_once('?').unwrap();
        assert_eq!(Route::parse_url(path, query), r);
        assert_eq!(
            r.selection(),
            Some(Selection::Entity(EntityId("india".into())))
        );
        assert_eq!(
            Route::parse_url("/india-italy/timeline/", "?x=1&sel=event%3Adefence-talks")
                .selection(),
            Some(Selection::Event(EventId("defence-talks".into())))
        );
        // A glossary entry page selects its term.
        assert_eq!(
            Route::term(&slug(), &TermId("nato".into())).selection(),
            Some(Selection::Term(TermId("nato".into())))
        );
        for junk in [
            "sel=",
            "sel=term:",
            "sel=planet:mars",
            "sel=term:Bad Id",
            "sel=nocolon",
        ] {
            assert_eq!(Selection::from_query(junk), None, "{junk}");
        }
    }

    #[test]
    fn strips_base() {
        assert_eq!(strip_base("/", "/x/glossary/"), Some("x/glossary/"));
        assert_eq!(strip_base("/app/", "/app/x/"), Some("x/"));
        assert_eq!(strip_base("/app/", "/app"), Some(""));
        assert_eq!(strip_base("/app/", "/application/"), None);
    }
}
