#![recursion_limit = "256"]
//! The Leptos app. Views are thin: they read the compiled content (see `explainer-core`) and call the core for
//! anything that computes. Browser APIs are touched only in `browser`, in event handlers and in effects, so every
//! component can also be rendered to HTML natively.

pub mod app;
pub mod browser;
pub mod chunks;
pub mod embed;
pub mod glossary;
pub mod later;
pub mod map;
pub mod reader;
pub mod share;
pub mod sheet;
pub mod shell;
pub mod state;
pub mod study;
pub mod timeline;

pub use app::{start, App};
