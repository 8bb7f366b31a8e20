//! `<When>`: leptos' `<Show>` without a copy of the view code for each use.

use leptos::prelude::*;

/// Shows `children` while `when` is true, else `fallback` (nothing unless given), as `<Show>`
/// does: the condition is memoised, so the children are built again only when it flips.
/// `<Show>` is generic over its children's view type, so each of its uses brought its own build,
/// rebuild and hydration code for that view (20 kB of the main module before optimisation, for
/// ten uses); here the children are type-erased and the view is one function all uses share.
#[component]
pub fn When<W>(
    when: W,
    children: ChildrenFn,
    #[prop(optional, into)] fallback: ViewFn,
) -> impl IntoView
where
    W: Fn() -> bool + Send + Sync + 'static,
{
    shown(ArcMemo::new(move |_| when()), children, fallback)
}

fn shown(when: ArcMemo<bool>, children: ChildrenFn, fallback: ViewFn) -> impl IntoView {
    move || {
        if when.get() {
            children()
        } else {
            fallback.run()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_the_children_or_the_fallback() {
        let shown = view! { <When when=|| true fallback=|| "no">"yes"</When> }.to_html();
        assert!(shown.contains("yes") && !shown.contains("no"), "{shown}");
        let hidden = view! { <When when=|| false fallback=|| "no">"yes"</When> }.to_html();
        assert!(hidden.contains("no") && !hidden.contains("yes"), "{hidden}");
        let nothing = view! { <div><When when=|| false>"yes"</When></div> }.to_html();
        assert!(!nothing.contains("yes"), "{nothing}");
    }
}
