//! Effects with one body for all uses.
//!
//! `Effect::new` and `Effect::watch` are generic over their closures, and each use compiles its
//! own copy of the effect's task (an async loop spawned on the local executor) into the wasm.
//! These take the closure boxed, so every use shares one task and only the closure is its own.
//! `clippy.toml` refuses the two, so the copies cannot come back unnoticed.

use leptos::prelude::*;

/// [`Effect::new`]: runs `f` once in the browser, after hydration, and again whenever a reactive
/// value it read changes. (Effects never run on the server.)
pub fn effect(f: impl FnMut() + 'static) {
    erased(Box::new(f));
}

#[allow(clippy::disallowed_methods)] // the one use
#[inline(never)]
fn erased(f: Box<dyn FnMut()>) {
    Effect::new(f);
}

/// [`Effect::watch`] with `immediate = false`: runs `handler` (untracked) each time a value that
/// `deps` reads changes, not on the first run.
pub fn on_change<D: 'static>(deps: impl Fn() -> D + 'static, handler: impl Fn() + 'static) {
    let mut first = true;
    effect(move || {
        let _ = deps();
        if !std::mem::take(&mut first) {
            untrack(&handler);
        }
    });
}

/// [`effect`] that knows its first run: `f(true)` the first time, `f(false)` after.
pub fn effect_with_first(mut f: impl FnMut(bool) + 'static) {
    let mut first = true;
    effect(move || f(std::mem::take(&mut first)));
}
