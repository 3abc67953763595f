//! Hydrating a long text a piece at a time.
//!
//! Leptos hydrates a page in one synchronous pass. For the brief that pass held the main thread for ~37 ms on
//! this machine, ~150 ms on Lighthouse's 4× slower phone: one long task a tap had to wait behind. A view that
//! would make that pass long (the blocks of a text, each with its term buttons) instead hydrates an empty frame
//! and queues one job per piece; [`settle`] runs the queue in slices of at most [`SLICE_MS`], yielding to the
//! browser between them, and the app is marked live only once it is empty.
//!
//! The rule for a queued piece: it must hydrate against the HTML it was prerendered with. Hydration trusts the
//! server's attributes, so state that changes a piece's attributes (the highlighted anchor of a deep link) must
//! change after the queue has run: [`after_pending`].

use std::cell::RefCell;
use std::collections::VecDeque;

/// The longest a slice of queued hydration may run before yielding, in milliseconds: under Lighthouse's 4×
/// CPU slowdown a 10 ms slice stays under the 50 ms that counts as a long task.
pub const SLICE_MS: f64 = 10.0;

type Job = Box<dyn FnOnce()>;

thread_local! {
    static QUEUE: RefCell<VecDeque<Job>> = const { RefCell::new(VecDeque::new()) };
}

/// Whether views should queue their pieces: only the hydrating wasm, only during its first pass. The native
/// prerender renders everything, and a page rendered afresh in the browser builds everything at once.
pub fn deferring(first_pass: bool) -> bool {
    cfg!(feature = "hydrate") && first_pass
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

/// Runs every queued piece, in order, in slices of at most [`SLICE_MS`], each in its own task.
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
    fn only_the_hydrating_build_defers() {
        assert_eq!(deferring(true), cfg!(feature = "hydrate"));
        assert!(!deferring(false));
    }
}
