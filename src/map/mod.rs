//! The relationship map: an SVG graph laid out by the core (same picture every load), clickable and
//! keyboard-travellable along its edges, with pan/zoom, filters, a legend, a details panel, and the same
//! graph as an accessible list.

pub mod panel;

pub use panel::{MapPanel, PanelTarget};

use crate::browser;
use crate::shell::toggle;
use crate::state::{lang, ui, LoadedArticle, Nav, Selected};
use explainer_core::graph::{
    edge_path, layout_graph, neighbour_in_direction, screen_to_view_box, Direction, LayoutNode,
    ViewTransform, LABEL_GAP, LINE_H,
};
use explainer_core::i18n::{fill, Label, Lang};
use explainer_core::model::{EntityKind, RelationGroup};
use explainer_core::route::Selection;
use leptos::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;
use web_sys::{KeyboardEvent, PointerEvent, WheelEvent};

fn node_shape(kind: EntityKind, r: f64) -> AnyView {
    match kind {
        EntityKind::Country | EntityKind::Place => view! { <circle r=r /> }.into_any(),
        EntityKind::Person => view! { <circle r=r class="person" /> }.into_any(),
        EntityKind::Company | EntityKind::Organisation | EntityKind::ArmedForce => {
            view! { <rect x=-r y=-r width=2.0 * r height=2.0 * r rx=r / 4.0 /> }.into_any()
        }
        EntityKind::Agreement | EntityKind::Policy | EntityKind::Regime => {
            view! { <polygon points=format!("0,{} {},0 0,{} {},0", -r * 1.2, r * 1.2, r * 1.2, -r * 1.2) /> }.into_any()
        }
    }
}

/// The map of one article.
#[component]
pub fn MapView(
    /// The article.
    loaded: LoadedArticle,
) -> impl IntoView {
    let nav = expect_context::<Nav>();
    let selected = expect_context::<Selected>().0;
    let article = loaded.article.clone();
    let ents = Arc::new(article.entities.clone());
    let index: HashMap<String, usize> = ents
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.0.clone(), i))
        .collect();
    // (from, to, relation index) for relations whose ends exist.
    let edges: Arc<Vec<(usize, usize, usize)>> = Arc::new(
        article
            .relations
            .iter()
            .enumerate()
            .filter_map(|(k, r)| {
                Some((*index.get(r.from.as_str())?, *index.get(r.to.as_str())?, k))
            })
            .collect(),
    );
    let layout = Arc::new(layout_graph(
        &ents
            .iter()
            .map(|e| LayoutNode {
                label: e.name_in(lang()).text.to_string(),
                prominent: e.prominent,
            })
            .collect::<Vec<_>>(),
        &edges.iter().map(|&(a, b, _)| (a, b)).collect::<Vec<_>>(),
    ));
    let vb = layout.view_box;

    let hidden_kinds = RwSignal::new(Vec::<EntityKind>::new());
    let hidden_groups = RwSignal::new(Vec::<RelationGroup>::new());
    let list_mode = RwSignal::new(false);
    let active = RwSignal::new(ents.iter().position(|e| e.prominent).unwrap_or(0));
    let panel = RwSignal::new(None::<PanelTarget>);
    let transform = RwSignal::new(ViewTransform::default());

    let node_visible = {
        let ents = ents.clone();
        move |i: usize| hidden_kinds.with(|h| !h.contains(&ents[i].kind))
    };
    let edge_visible = {
        let node_visible = node_visible.clone();
        let article = article.clone();
        move |a: usize, b: usize, k: usize| {
            node_visible(a)
                && node_visible(b)
                && hidden_groups.with(|h| !h.contains(&article.relations[k].kind.group()))
        }
    };

    // A selected entity (from a click anywhere or a shared link) opens its panel.
    {
        let ents = ents.clone();
        Effect::new(move |_| {
            if let Some(Selection::Entity(id)) = nav.selection() {
                if let Some(i) = ents.iter().position(|e| e.id == id) {
                    active.set(i);
                    panel.set(Some(PanelTarget::Entity(i)));
                }
            }
        });
    }

    let focus_node = {
        let ents = ents.clone();
        move |i: usize| {
            active.set(i);
            let id = format!("node-{}", ents[i].id);
            // The element is always rendered (filters only hide it), so focus can move right away.
            browser::focus_id(&id);
        }
    };
    let open_entity = {
        let ents = ents.clone();
        move |i: usize| {
            active.set(i);
            panel.set(Some(PanelTarget::Entity(i)));
            nav.select(Some(Selection::Entity(ents[i].id.clone())));
        }
    };
    let close_panel = {
        let focus_node = focus_node.clone();
        Callback::new(move |_: ()| {
            panel.set(None);
            if !list_mode.get_untracked() {
                focus_node(active.get_untracked());
            }
        })
    };
    let on_node_key = {
        let layout = layout.clone();
        let edges = edges.clone();
        let edge_visible = edge_visible.clone();
        let focus_node = focus_node.clone();
        let open_entity = open_entity.clone();
        move |ev: KeyboardEvent| {
            let cur = active.get_untracked();
            let dir = match ev.key().as_str() {
                "ArrowUp" => Direction::Up,
                "ArrowDown" => Direction::Down,
                "ArrowLeft" => Direction::Left,
                "ArrowRight" => Direction::Right,
                "Enter" | " " => {
                    ev.prevent_default();
                    open_entity(cur);
                    return;
                }
                "Escape" => {
                    if panel.get_untracked().is_some() {
                        ev.prevent_default();
                        close_panel.run(());
                    }
                    return;
                }
                _ => return,
            };
            ev.prevent_default();
            let neighbours: Vec<usize> = edges
                .iter()
                .filter(|&&(a, b, k)| (a == cur || b == cur) && edge_visible(a, b, k))
                .map(|&(a, b, _)| if a == cur { b } else { a })
                .collect();
            if let Some(n) = neighbour_in_direction(&layout.nodes, cur, &neighbours, dir) {
                focus_node(n);
            }
        }
    };

    // Pan and zoom: wheel, drag with one pointer, pinch with two.
    let pointers = StoredValue::new(Vec::<(i32, f64, f64)>::new());
    let svg_point = move |client_x: f64, client_y: f64| -> (f64, f64, f64) {
        let Some(svg) = browser::any_element("map-svg") else {
            return (0.0, 0.0, 1.0);
        };
        let r = svg.get_bounding_client_rect();
        screen_to_view_box(
            vb,
            r.width(),
            r.height(),
            client_x - r.left(),
            client_y - r.top(),
        )
    };
    let on_wheel = move |ev: WheelEvent| {
        ev.prevent_default();
        let (x, y, _) = svg_point(f64::from(ev.client_x()), f64::from(ev.client_y()));
        let factor = (-ev.delta_y() * 0.0015).exp();
        transform.update(|t| *t = t.zoom_about(x, y, factor));
    };
    let on_down = move |ev: PointerEvent| {
        let on_node = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
            .and_then(|el| el.closest(".node, .edge").ok().flatten())
            .is_some();
        if on_node {
            return;
        }
        if let Some(svg) = browser::any_element("map-svg") {
            let _ = svg.set_pointer_capture(ev.pointer_id());
        }
        pointers.update_value(|p| {
            p.push((
                ev.pointer_id(),
                f64::from(ev.client_x()),
                f64::from(ev.client_y()),
            ))
        });
    };
    let on_move = move |ev: PointerEvent| {
        let id = ev.pointer_id();
        let (x, y) = (f64::from(ev.client_x()), f64::from(ev.client_y()));
        let ps = pointers.get_value();
        let Some(k) = ps.iter().position(|p| p.0 == id) else {
            return;
        };
        match ps.len() {
            1 => {
                let (_, _, scale) = svg_point(x, y);
                let (dx, dy) = ((x - ps[0].1) * scale, (y - ps[0].2) * scale);
                transform.update(|t| *t = t.pan(dx, dy));
            }
            2 => {
                let other = ps[1 - k];
                let before = ((ps[k].1 - other.1).powi(2) + (ps[k].2 - other.2).powi(2)).sqrt();
                let after = ((x - other.1).powi(2) + (y - other.2).powi(2)).sqrt();
                if before > 0.0 {
                    let (mx, my, _) = svg_point((x + other.1) / 2.0, (y + other.2) / 2.0);
                    transform.update(|t| *t = t.zoom_about(mx, my, after / before));
                }
            }
            _ => {}
        }
        pointers.update_value(|p| p[k] = (id, x, y));
    };
    let on_up =
        move |ev: PointerEvent| pointers.update_value(|p| p.retain(|q| q.0 != ev.pointer_id()));
    let zoom_by = move |f: f64| {
        let (cx, cy) = (vb.0 + vb.2 / 2.0, vb.1 + vb.3 / 2.0);
        transform.update(|t| *t = t.zoom_about(cx, cy, f));
    };

    // Parallel edges between the same two nodes bend apart.
    let mut pair_count: HashMap<(usize, usize), i32> = HashMap::new();
    let edge_views = edges
        .iter()
        .map(|&(a, b, k)| {
            let key = (a.min(b), a.max(b));
            let n = pair_count.entry(key).or_insert(0);
            let bend = if *n == 0 {
                0.0
            } else {
                18.0 * f64::from((*n + 1) / 2) * if *n % 2 == 1 { 1.0 } else { -1.0 }
            };
            *n += 1;
            let rel = &article.relations[k];
            let bend = if a > b { -bend } else { bend };
            let (d, _) = edge_path(&layout.nodes[a], &layout.nodes[b], bend);
            let group = rel.kind.group();
            let marker = (!rel.kind.is_symmetric()).then(|| format!("url(#arrow-{})", group.key()));
            let edge_visible = edge_visible.clone();
            let from = rel.from.clone();
            let to = rel.to.clone();
            let is_sel =
                move || selected.with(|h| h.entities.contains(&from) && h.entities.contains(&to));
            view! {
                <g
                    class="edge"
                    data-group=group.key()
                    data-kind=rel.kind.key()
                    class:is-hidden=move || !edge_visible(a, b, k)
                    class:selected=is_sel
                    on:click=move |_| panel.set(Some(PanelTarget::Relation(k)))
                >
                    <path class="edge-hit" d=d.clone() />
                    <path class="edge-line" d=d marker-end=marker />
                </g>
            }
        })
        .collect_view();

    let node_views = layout
        .nodes
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let e = ents[i].clone();
            let degree = edges.iter().filter(|&&(a, b, _)| a == i || b == i).count();
            let label = match lang() {
                // English keeps its singular.
                Lang::En => format!(
                    "{}, {}, {} relation{}",
                    e.name,
                    e.kind.label().to_lowercase(),
                    degree,
                    if degree == 1 { "" } else { "s" }
                ),
                l => fill(
                    l.ui().node_label,
                    &[
                        ("name", &e.name_in(l).text),
                        ("kind", &e.kind.label_in(l)),
                        ("n", &degree),
                    ],
                ),
            };
            let lines = p.lines.clone();
            let text_y = p.r + LABEL_GAP + LINE_H - 3.0;
            let tspans = lines
                .into_iter()
                .enumerate()
                .map(|(k, l)| view! { <tspan x="0" y=text_y + k as f64 * LINE_H>{l}</tspan> })
                .collect_view();
            let node_visible = node_visible.clone();
            let id = e.id.clone();
            let is_sel = move || selected.with(|h| h.entities.contains(&id));
            let open_entity = open_entity.clone();
            let on_node_key = on_node_key.clone();
            view! {
                <g
                    class="node"
                    id=format!("node-{}", e.id)
                    data-kind=e.kind.key()
                    class:prominent=e.prominent
                    class:selected=is_sel
                    class:is-hidden=move || !node_visible(i)
                    transform=format!("translate({:.1} {:.1})", p.x, p.y)
                    role="button"
                    aria-label=label
                    tabindex=move || if active.get() == i { "0" } else { "-1" }
                    on:click=move |_| open_entity(i)
                    on:keydown=on_node_key
                    on:focus=move |_| active.set(i)
                >
                    {node_shape(e.kind, p.r)}
                    <text text-anchor="middle">{tspans}</text>
                </g>
            }
        })
        .collect_view();

    let kind_filters = EntityKind::ALL
        .into_iter()
        .filter(|k| ents.iter().any(|e| e.kind == *k))
        .map(|k| {
            view! {
                <button
                    type="button"
                    class="chip"
                    data-kind=k.key()
                    aria-pressed=move || (!hidden_kinds.with(|h| h.contains(&k))).to_string()
                    on:click=move |_| hidden_kinds.update(|h| toggle(h, k))
                >
                    <svg class="swatch" viewBox="-8 -8 16 16" aria-hidden="true" data-kind=k.key()>
                        <g class="node-swatch">{node_shape(k, 6.0)}</g>
                    </svg>
                    {k.label_in(lang())}
                </button>
            }
        })
        .collect_view();
    let group_filters = RelationGroup::ALL
        .into_iter()
        .filter(|g| article.relations.iter().any(|r| r.kind.group() == *g))
        .map(|g| {
            view! {
                <button
                    type="button"
                    class="chip"
                    data-group=g.key()
                    aria-pressed=move || (!hidden_groups.with(|h| h.contains(&g))).to_string()
                    on:click=move |_| hidden_groups.update(|h| toggle(h, g))
                >
                    <svg class="swatch line" viewBox="0 0 24 8" aria-hidden="true" data-group=g.key()>
                        <line x1="0" y1="4" x2="24" y2="4" />
                    </svg>
                    {g.label_in(lang())}
                </button>
            }
        })
        .collect_view();

    let markers = RelationGroup::ALL
        .into_iter()
        .map(|g| {
            view! {
                <marker id=format!("arrow-{}", g.key()) class="arrow" data-group=g.key() viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                    <path d="M0 0 L10 5 L0 10 z" />
                </marker>
            }
        })
        .collect_view();

    let list_view = {
        let article = article.clone();
        move || {
            list_mode
                .get()
                .then(|| view! { <panel::MapList article=article.clone() /> })
        }
    };
    let panel_view = {
        let article = article.clone();
        move || {
            panel.get().map(
                |t| view! { <MapPanel article=article.clone() target=t on_close=close_panel /> },
            )
        }
    };

    view! {
        <section class="map" aria-labelledby="map-title">
            <h2 id="map-title">{ui().relationship_map}</h2>
            <div class="map-toolbar">
                <div class="segmented" role="group" aria-label=ui().show_as>
                    <button type="button" aria-pressed=move || (!list_mode.get()).to_string() on:click=move |_| list_mode.set(false)>{ui().graph}</button>
                    <button type="button" aria-pressed=move || list_mode.get().to_string() on:click=move |_| list_mode.set(true)>{ui().list}</button>
                </div>
                <div class="zoom" role="group" aria-label=ui().zoom hidden=move || list_mode.get()>
                    <button type="button" aria-label=ui().zoom_in on:click=move |_| zoom_by(1.25)>"+"</button>
                    <button type="button" aria-label=ui().zoom_out on:click=move |_| zoom_by(0.8)>"−"</button>
                    <button type="button" on:click=move |_| transform.set(ViewTransform::default())>{ui().reset_view}</button>
                </div>
            </div>
            <details class="map-filters" open>
                <summary>{ui().filters_legend}</summary>
                <div class="filters" role="group" aria-label=ui().show_kinds_actor>{kind_filters}</div>
                <div class="filters" role="group" aria-label=ui().show_kinds_relation>{group_filters}</div>
                <p class="hint">{ui().map_help}</p>
            </details>
            <div class="map-body" class:with-panel=move || panel.get().is_some()>
                <div class="map-canvas" hidden=move || list_mode.get()>
                    <svg
                        id="map-svg"
                        viewBox=format!("{:.1} {:.1} {:.1} {:.1}", vb.0, vb.1, vb.2, vb.3)
                        preserveAspectRatio="xMidYMid meet"
                        role="group"
                        aria-labelledby="map-title"
                        on:wheel=on_wheel
                        on:pointerdown=on_down
                        on:pointermove=on_move
                        on:pointerup=on_up
                        on:pointercancel=on_up
                    >
                        <defs>{markers}</defs>
                        <g transform=move || transform.get().to_svg()>
                            <g class="edges" aria-hidden="true">{edge_views}</g>
                            <g class="nodes">{node_views}</g>
                        </g>
                    </svg>
                </div>
                {list_view}
                {panel_view}
            </div>
        </section>
    }
}
