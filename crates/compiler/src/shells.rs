//! Writes a copy of the built `index.html` into the directory of every route, so each URL works when opened
//! directly on a plain static file server with no rewrite rules. Each copy gets its own title and a
//! JavaScript-off link to the right plain page.

use crate::static_page::esc;
use explainer_core::model::{Article, ArticleIndex};
use explainer_core::route::{Route, View};
use std::fs;
use std::path::Path;

/// The placeholder in `index.html` that becomes the relative link to the plain page.
pub const PLAIN_HREF: &str = "__PLAIN_HREF__";

fn fill(shell: &str, title: &str, depth: usize, plain: &str) -> String {
    let up = "../".repeat(depth);
    let with_title = match (shell.find("<title>"), shell.find("</title>")) {
        (Some(a), Some(b)) if a < b => {
            format!("{}<title>{}{}", &shell[..a], esc(title), &shell[b..])
        }
        _ => shell.to_string(),
    };
    with_title.replace(PLAIN_HREF, &format!("{up}content/{plain}"))
}

/// Writes the route shells into `dist`, which must hold `index.html` and `content/*.json`; `article_head(slug)`
/// is extra `<head>` markup for the pages of that article.
pub fn write_shells(dist: &Path, article_head: &dyn Fn(&str) -> String) -> Result<usize, String> {
    let shell_path = dist.join("index.html");
    let shell =
        fs::read_to_string(&shell_path).map_err(|e| format!("{}: {e}", shell_path.display()))?;
    let read_json = |name: &str| -> Result<String, String> {
        let p = dist.join("content").join(name);
        fs::read_to_string(&p).map_err(|e| format!("{}: {e}", p.display()))
    };
    let index: ArticleIndex =
        serde_json::from_str(&read_json("index.json")?).map_err(|e| e.to_string())?;
    let mut pages: Vec<(Route, String, String, String)> = vec![(
        Route::Library,
        "Articles — News explainer".into(),
        "index.html".into(),
        String::new(),
    )];
    for summary in &index.articles {
        let a: Article = serde_json::from_str(&read_json(&format!("{}.json", summary.slug))?)
            .map_err(|e| e.to_string())?;
        let plain = format!("{}.html", a.slug);
        for view in View::ALL {
            pages.push((
                Route::view(&a.slug, view),
                format!("{} — {}", view.label(), a.title),
                plain.clone(),
                article_head(a.slug.as_str()),
            ));
        }
        for e in &a.glossary {
            pages.push((
                Route::term(&a.slug, &e.id),
                format!("{} — Glossary — {}", e.term, a.title),
                plain.clone(),
                article_head(a.slug.as_str()),
            ));
        }
    }
    for (route, title, plain, head) in &pages {
        let path = route.to_path();
        let depth = path.matches('/').count();
        let dir = dist.join(&path);
        fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let file = dir.join("index.html");
        let page =
            fill(&shell, title, depth, plain).replacen("</head>", &format!("{head}</head>"), 1);
        fs::write(&file, page).map_err(|e| format!("{}: {e}", file.display()))?;
    }
    Ok(pages.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_title_and_relative_plain_link() {
        let shell = "<head><title>X</title></head><noscript><a href=\"__PLAIN_HREF__\">plain</a></noscript>";
        let out = fill(shell, "NATO — Glossary", 3, "a.html");
        assert_eq!(out, "<head><title>NATO — Glossary</title></head><noscript><a href=\"../../../content/a.html\">plain</a></noscript>");
    }
}
