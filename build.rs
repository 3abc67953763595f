//! The hydrating wasm is split into chunks after the build (`scripts/split-wasm`, see `src/chunks.rs`); the
//! splitter needs the linker's relocations to move code between modules. Passed to the final link only, so that
//! the dependencies' build flags (and their cache) stay as they are.
fn main() {
    let target = std::env::var("TARGET").unwrap_or_default();
    if target.starts_with("wasm32") && std::env::var_os("CARGO_FEATURE_HYDRATE").is_some() {
        println!("cargo:rustc-link-arg-bin=explainer=--emit-relocs");
    }
}
