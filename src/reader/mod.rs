//! The reader: a document as typed nodes, every linked term a button that opens its definition card.

mod card;

pub use card::{TermButton, TermCard};

use crate::browser;
use crate::later;
use crate::state::{Nav, OpenCard};
use explainer_core::model::{Article, Block, DocKind, Inline, OccurrenceId, SentenceId};
use leptos::ev;
use leptos::prelude::*;
use std::sync::Arc;

/// Renders inline nodes; terms become [`TermButton`]s.
pub fn inline_views(content: &[Inline], article: &Arc<Article>, doc: DocKind) -> Vec<AnyView> {
    content
        .iter()
        .map(|i| match i {
            Inline::Text(t) => t.clone().into_any(),
            Inline::Strong(c) => {
                view! { <strong>{inline_views(c, article, doc)}</strong> }.into_any()
            }
            Inline::Emphasis(c) => view! { <em>{inline_views(c, article, doc)}</em> }.into_any(),
            Inline::Term(t) => {
                view! { <TermButton article=article.clone() term=t.clone() /> }.into_any()
            }
            Inline::Sentence { index, content } => {
                let anchor = SentenceId { doc, index: *index }.anchor();
                let highlight = use_context::<Highlight>();
                let flash = {
                    let anchor = anchor.clone();
                    move || {
                        highlight
                            .is_some_and(|h| h.0.with(|a| a.as_deref() == Some(anchor.as_str())))
                    }
                };
                view! {
                    <span class="sentence" id=anchor tabindex="-1" class:flash=flash>
                        {inline_views(content, article, doc)}
                    </span>
                }
                .into_any()
            }
        })
        .collect()
}

fn block_view(b: &Block, article: &Arc<Article>, doc: DocKind) -> AnyView {
    match b {
        // The document title is h2, so its headings start at h3.
        Block::Heading { level, content } => {
            let inner = inline_views(content, article, doc);
            match level {
                2 => view! { <h3>{inner}</h3> }.into_any(),
                3 => view! { <h4>{inner}</h4> }.into_any(),
                _ => view! { <h5>{inner}</h5> }.into_any(),
            }
        }
        Block::Paragraph { lead, content } => {
            view! { <p class:lead=*lead>{inline_views(content, article, doc)}</p> }.into_any()
        }
        Block::List { ordered, items } => {
            let items = items
                .iter()
                .map(|i| view! { <li>{inline_views(i, article, doc)}</li> })
                .collect_view();
            if *ordered {
                view! { <ol>{items}</ol> }.into_any()
            } else {
                view! { <ul>{items}</ul> }.into_any()
            }
        }
    }
}

/// The anchor (an occurrence or a sentence of this document) the URL points at, for highlighting.
#[derive(Clone, Copy)]
pub struct Highlight(pub RwSignal<Option<String>>);

/// One text of an article with its terms explained in place.
#[component]
pub fn ReaderView(
    /// The article to read.
    article: Arc<Article>,
    /// Which of its texts.
    kind: DocKind,
) -> impl IntoView {
    let nav = expect_context::<Nav>();
    let open = expect_context::<OpenCard>().0;
    let highlight = Highlight(RwSignal::new(None));
    provide_context(highlight);
    let doc = article.document(kind);
    let title_id = format!("doc-title-{}", kind.key());

    // A fragment naming an occurrence or a sentence of this document: highlight it, bring it into view, focus it.
    // The text was just opened on the first run (jump there), and is being read on later ones (glide).
    Effect::new(move |before: Option<()>| {
        let how = browser::Scroll::on_run(before.is_none());
        let target = nav.fragment.get().filter(|f| {
            OccurrenceId::parse_anchor(f).is_some_and(|o| o.doc == kind)
                || SentenceId::parse_anchor(f).is_some_and(|s| s.doc == kind)
        });
        // After the queued blocks: they hydrate against the prerendered HTML, which has no highlight.
        later::after_pending(move || {
            // Set only on a change: every term button reads this, and a long text has thousands of them.
            // `try_`: by its turn the text may be gone (the page rebuilt in another language).
            if highlight.0.try_with_untracked(|h| *h != target) == Some(true) {
                highlight.0.try_set(target.clone());
            }
            if let Some(anchor) = target {
                request_animation_frame(move || {
                    browser::reveal(&anchor, how);
                });
            }
        });
    });

    // Escape closes the open card from anywhere and returns focus to its term; a tap or click outside closes it.
    Effect::new(move |_| {
        let keys = window_event_listener(ev::keydown, move |e| {
            if e.key() != "Escape" {
                return;
            }
            if let Some(c) = open.get_untracked() {
                let anchor = c.occurrence.anchor();
                let had_focus = browser::active_inside(&format!("wrap-{anchor}"));
                open.set(None);
                if had_focus {
                    if let Some(b) = browser::element(&anchor) {
                        let _ = b.focus();
                    }
                }
            }
        });
        let taps = window_event_listener(ev::pointerdown, move |e| {
            if let Some(c) = open.get_untracked() {
                if !browser::event_inside(&e, &format!("wrap-{}", c.occurrence.anchor())) {
                    open.set(None);
                }
            }
        });
        on_cleanup(move || {
            keys.remove();
            taps.remove();
        });
    });
    on_cleanup(move || open.set(None));

    if later::deferring() {
        let node = NodeRef::<leptos::html::Article>::new();
        // Element child 0 is the title (static); block i is child i + 1, as each block renders one element.
        let pieces = (0..doc.blocks.len())
            .map(|i| {
                let article = article.clone();
                let piece: Box<dyn FnOnce() -> AnyView> =
                    Box::new(move || block_view(&article.document(kind).blocks[i], &article, kind));
                (i + 1, piece)
            })
            .collect();
        later::hydrate_children(move || node.get_untracked().map(Into::into), pieces);
        // The element below without children: hydration leaves the prerendered title and blocks alone (a
        // partial child list would look for the marker that ends the full one) until their turn in the queue.
        return view! {
            <article class="doc" lang="en" class:doc-brief=kind == DocKind::Brief aria-labelledby=title_id node_ref=node></article>
        }
        .into_any();
    }
    let blocks = doc
        .blocks
        .iter()
        .map(|b| block_view(b, &article, kind))
        .collect_view();
    view! {
        // The texts stay English in every interface language.
        <article class="doc" lang="en" class:doc-brief=kind == DocKind::Brief aria-labelledby=title_id.clone()>

            <h2 id=title_id.clone() class="doc-title">{doc.title.clone()}</h2>
            {blocks}
        </article>
    }
    .into_any()
}
