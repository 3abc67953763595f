//! Routes: the single source of truth for every URL in the app. Paths are relative to the site's base path and
//! always end in `/`, so each one is a directory with its own `index.html` on a plain static file server.

use crate::model::{is_valid_id, ArticleSlug, TermId};

/// A page of an article.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum View {
    Brief,
    Full,
    Glossary,
}

impl View {
    pub const ALL: [View; 3] = [View::Brief, View::Full, View::Glossary];

    pub fn label(self) -> &'static str {
        match self {
            View::Brief => "Brief",
            View::Full => "Full article",
            View::Glossary => "Glossary",
        }
    }

    fn segment(self) -> &'static str {
        match self {
            View::Brief => "",
            View::Full => "article/",
            View::Glossary => "glossary/",
        }
    }
}

/// Where the app is.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Route {
    /// The list of articles.
    Library,
    /// A view of an article; `term` selects a glossary entry (only meaningful with `View::Glossary`).
    Article {
        slug: ArticleSlug,
        view: View,
        term: Option<TermId>,
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
        }
    }

    pub fn term(slug: &ArticleSlug, term: &TermId) -> Self {
        Route::Article {
            slug: slug.clone(),
            view: View::Glossary,
            term: Some(term.clone()),
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
            ["glossary", t] if is_valid_id(t) => Route::term(&slug, &TermId(t.to_string())),
            _ => not_found(),
        }
    }

    /// The path relative to the base, without a leading `/`: `""`, `slug/`, `slug/glossary/term/`.
    pub fn to_path(&self) -> String {
        match self {
            Route::Library => String::new(),
            Route::Article { slug, view, term } => {
                let mut p = format!("{slug}/{}", view.segment());
                if let (View::Glossary, Some(t)) = (view, term) {
                    p.push_str(t.as_str());
                    p.push('/');
                }
                p
            }
            Route::NotFound(p) => p.trim_start_matches('/').to_string(),
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
    fn strips_base() {
        assert_eq!(strip_base("/", "/x/glossary/"), Some("x/glossary/"));
        assert_eq!(strip_base("/app/", "/app/x/"), Some("x/"));
        assert_eq!(strip_base("/app/", "/app"), Some(""));
        assert_eq!(strip_base("/app/", "/application/"), None);
    }
}
