//! Hydrating the prerendered page a piece at a time.
//!
//! Leptos hydrates a page in one synchronous pass, and in the browser most of that pass was not our code but V8
//! compiling each wasm function on its first call, on the page's only thread: for the brief, one ~32 ms task
//! (~22 ms compiling 842 functions), ~130 ms on Lighthouse's 4× slower phone, that a tap had to wait behind.
//! Views that make that pass long (`<main>`, the masthead, the article page, the blocks of a text) instead
//! hydrate an empty frame and queue one job per child ([`hydrate_children`]); [`settle`] runs the queue in
//! slices of about [`SLICE_MS`], yielding to the browser between them, and the app turns ready and live only
//! once it is empty.
//!
//! The rule for a queued piece: it must hydrate against the HTML it was prerendered with. Hydration trusts the
//! server's attributes, so state that changes a piece's attributes (the highlighted anchor of a deep link) must
//! change after the queue has run: [`after_pending`].

use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;

/// How long a slice of queued hydration runs before it yields, in milliseconds. A slice ends after the job that
/// crosses this, and a job may take ~10 ms (mostly compiling what it calls first), so the budget is low: under
/// Lighthouse's 4× CPU slowdown a task over 12.5 ms counts as a long task.
pub const SLICE_MS: f64 = 4.0;

type Job = Box<dyn FnOnce()>;

thread_local! {
    static QUEUE: RefCell<VecDeque<Job>> = const { RefCell::new(VecDeque::new()) };
    static FIRST_PASS: Cell<bool> = const { Cell::new(false) };
}

/// The app starts hydrating prerendered HTML: until [`settle`] has emptied the queue, views queue their pieces.
pub fn begin_first_pass() {
    FIRST_PASS.with(|f| f.set(true));
}

/// Whether views should queue their pieces: only the hydrating wasm, only during its first pass (the pieces it
/// queues included). The native prerender renders everything, and a page rendered afresh in the browser
/// builds everything at once.
pub fn deferring() -> bool {
    cfg!(feature = "hydrate") && FIRST_PASS.with(Cell::get)
}

/// Whether what is rendered now is, or must match, the prerendered HTML: the native prerender, or the
/// hydrating wasm's first pass. A view may draw less up front only when this is false.
pub fn prerendering() -> bool {
    cfg!(feature = "ssr") || deferring()
}

/// A piece of a prerendered element: which of its element children, and the view that renders that child.
pub type Piece = (usize, Box<dyn FnOnce() -> AnyView>);

/// Queues the hydration of some element children of the element `parent` finds (rendered without its children
/// this pass), one job per child, under the current owner (its contexts and cleanup). Children with nothing to
/// hydrate (static text, plain links) can be left out: their prerendered nodes stay as they are.
pub fn hydrate_children(
    parent: impl Fn() -> Option<web_sys::Element> + 'static,
    pieces: Vec<Piece>,
) {
    use leptos::tachys::hydration::Cursor;
    use leptos::tachys::view::{Position, PositionState};
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;

    let Some(owner) = Owner::current() else {
        return;
    };
    // The page is rebuilt (a language switch) or left before a piece's turn: its job must not touch it.
    let gone = Arc::new(AtomicBool::new(false));
    on_cleanup({
        let gone = gone.clone();
        move || gone.store(true, Ordering::Relaxed)
    });
    let states = StoredValue::new_local(Vec::new());
    let parent = std::rc::Rc::new(parent);
    for (index, piece) in pieces {
        let (owner, gone, parent) = (owner.clone(), gone.clone(), parent.clone());
        queue(move || {
            if gone.load(Ordering::Relaxed) {
                return;
            }
            let Some(el) = parent().and_then(|p| p.children().item(index as u32)) else {
                return;
            };
            let state = owner.with(|| {
                untrack(|| {
                    piece()
                        .hydrate::<true>(&Cursor::new(el), &PositionState::new(Position::Current))
                })
            });
            states.update_value(|s| s.push(state));
        });
    }
}

/// Queues a piece of hydration; [`settle`] runs it.
pub fn queue(job: impl FnOnce() + 'static) {
    QUEUE.with(|q| q.borrow_mut().push_back(Box::new(job)));
}

/// Runs `job` now if nothing waits to hydrate, otherwise after everything queued so far.
pub fn after_pending(job: impl FnOnce() + 'static) {
    if pending() == 0 {
        job();
    } else {
        queue(job);
    }
}

/// How many pieces wait.
pub fn pending() -> usize {
    QUEUE.with(|q| q.borrow().len())
}

fn next_job() -> Option<Job> {
    QUEUE.with(|q| q.borrow_mut().pop_front())
}

/// Runs every queued piece, in order, in slices of about [`SLICE_MS`], each in its own task; the first pass
/// is over once the queue is empty.
pub async fn settle() {
    while pending() > 0 {
        // The first slice too: the caller is usually still inside the task that hydrated the frame.
        crate::browser::next_task().await;
        let started = now();
        while let Some(job) = next_job() {
            job();
            if now() - started >= SLICE_MS {
                break;
            }
        }
    }
    FIRST_PASS.with(|f| f.set(false));
}

/// Hydrates `<body>` with the view `app` builds, as `leptos::mount::hydrate_body` does, but in three tasks
/// instead of one: building the view (the components' bodies), hydrating the page frame, and the effects
/// both created. Under Lighthouse's 4× slowdown leptos' single task took 41–95 ms, most of it V8 compiling
/// each function on its first call, so it was a long task on nearly every load.
///
/// Effects must still run after the frame is hydrated (they read the nodes it finds and start [`settle`]),
/// as they did when leptos' one synchronous pass left them for the next microtask: until the frame is
/// hydrated, what the reactive system spawns waits in a queue, in order.
#[cfg(feature = "hydrate")]
pub async fn hydrate_body<N: IntoView>(app: impl FnOnce() -> N) {
    use hydration_context::HydrateSharedContext;
    use leptos::tachys::hydration::Cursor;
    use leptos::tachys::view::{PositionState, RenderHtml};
    use std::sync::Arc;
    use wasm_bindgen::JsCast;

    let Some(body) = document().body() else {
        return;
    };
    // Fails only if an executor is already set; the app sets none before this.
    let _ = any_spawner::Executor::init_local_custom_executor(HeldExecutor);
    HOLDING.with(|h| h.set(true));
    let owner = Owner::new_root(Some(Arc::new(HydrateSharedContext::new())));
    let view = owner.with(|| app().into_view());
    crate::browser::next_task().await;
    let state = owner.with(|| {
        view.hydrate::<true>(
            &Cursor::new(body.unchecked_into()),
            &PositionState::default(),
        )
    });
    // The page lives as long as the app, as with `hydrate_body`.
    std::mem::forget((owner, state));
    crate::browser::next_task().await;
    HOLDING.with(|h| h.set(false));
    for fut in HELD.with(|h| std::mem::take(&mut *h.borrow_mut())) {
        wasm_bindgen_futures::spawn_local(fut);
    }
}

#[cfg(feature = "hydrate")]
thread_local! {
    static HOLDING: Cell<bool> = const { Cell::new(false) };
    static HELD: RefCell<Vec<any_spawner::PinnedLocalFuture<()>>> = const { RefCell::new(Vec::new()) };
}

/// wasm-bindgen-futures' executor (what leptos sets up), except that it holds what is spawned while the
/// first pass of [`hydrate_body`] is under way.
#[cfg(feature = "hydrate")]
struct HeldExecutor;

#[cfg(feature = "hydrate")]
impl any_spawner::CustomExecutor for HeldExecutor {
    fn spawn(&self, fut: any_spawner::PinnedFuture<()>) {
        self.spawn_local(fut);
    }

    fn spawn_local(&self, fut: any_spawner::PinnedLocalFuture<()>) {
        if HOLDING.with(Cell::get) {
            HELD.with(|h| h.borrow_mut().push(fut));
        } else {
            wasm_bindgen_futures::spawn_local(fut);
        }
    }

    fn poll_local(&self) {}
}

fn now() -> f64 {
    js_sys::Date::now()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::rc::Rc;

    #[test]
    fn after_pending_waits_for_the_queue_and_runs_at_once_without_one() {
        let log = Rc::new(RefCell::new(Vec::new()));
        let l = log.clone();
        after_pending(move || l.borrow_mut().push("immediate"));
        assert_eq!(*log.borrow(), ["immediate"]);
        let l = log.clone();
        queue(move || l.borrow_mut().push("piece"));
        let l = log.clone();
        after_pending(move || l.borrow_mut().push("after"));
        assert_eq!(pending(), 2);
        while let Some(job) = next_job() {
            job();
        }
        assert_eq!(*log.borrow(), ["immediate", "piece", "after"]);
    }

    #[test]
    fn only_the_hydrating_build_defers_and_only_in_its_first_pass() {
        assert!(!deferring());
        begin_first_pass();
        assert_eq!(deferring(), cfg!(feature = "hydrate"));
        FIRST_PASS.with(|f| f.set(false));
    }
}
