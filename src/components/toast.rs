//! Toasts (PatternFly alert group, top right). Success and info toasts disappear after about
//! 8 s; danger and warning toasts stay until closed, as in Quay.

use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ToastKind {
    Success,
    Danger,
    Warning,
    Info,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Toast {
    pub id: u64,
    pub kind: ToastKind,
    pub title: String,
    pub body: Option<String>,
}

/// The toast list, provided once by the app: `use_toasts().success("...")`.
#[derive(Clone, Copy)]
pub struct Toasts {
    list: RwSignal<Vec<Toast>>,
    next: StoredValue<u64>,
}

pub fn provide_toasts() -> Toasts {
    let t = Toasts {
        list: RwSignal::new(Vec::new()),
        next: StoredValue::new(1),
    };
    provide_context(t);
    t
}

pub fn use_toasts() -> Toasts {
    expect_context::<Toasts>()
}

impl Toasts {
    pub fn push(&self, kind: ToastKind, title: impl Into<String>, body: Option<String>) {
        let id = self.next.get_value();
        self.next.set_value(id + 1);
        self.list.update(|l| {
            l.push(Toast {
                id,
                kind,
                title: title.into(),
                body,
            });
            // Keep the stack short.
            if l.len() > 6 {
                l.remove(0);
            }
        });
        if matches!(kind, ToastKind::Success | ToastKind::Info) {
            let list = self.list;
            set_timeout(
                move || list.update(|l| l.retain(|t| t.id != id)),
                std::time::Duration::from_secs(8),
            );
        }
    }

    pub fn success(&self, title: impl Into<String>) {
        self.push(ToastKind::Success, title, None);
    }

    pub fn danger(&self, title: impl Into<String>, body: Option<String>) {
        self.push(ToastKind::Danger, title, body);
    }

    pub fn dismiss(&self, id: u64) {
        self.list.update(|l| l.retain(|t| t.id != id));
    }

    pub fn all(&self) -> Vec<Toast> {
        self.list.get()
    }
}

#[component]
pub fn ToastGroup() -> impl IntoView {
    let toasts = use_toasts();
    view! {
        <ul class="pf-v6-c-alert-group pf-m-toast" role="list" data-testid="toasts">
            <For each=move || toasts.all() key=|t| t.id let:t>
                {
                    let (class, label) = match t.kind {
                        ToastKind::Success => ("pf-v6-c-alert pf-m-success", "Success alert:"),
                        ToastKind::Danger => ("pf-v6-c-alert pf-m-danger", "Danger alert:"),
                        ToastKind::Warning => ("pf-v6-c-alert pf-m-warning", "Warning alert:"),
                        ToastKind::Info => ("pf-v6-c-alert pf-m-info", "Info alert:"),
                    };
                    let icon = match t.kind {
                        ToastKind::Success => "fas fa-check-circle",
                        ToastKind::Danger => "fas fa-exclamation-circle",
                        ToastKind::Warning => "fas fa-exclamation-triangle",
                        ToastKind::Info => "fas fa-info-circle",
                    };
                    let id = t.id;
                    view! {
                        <li class="pf-v6-c-alert-group__item">
                            <div class=class role="alert" data-testid="toast">
                                <div class="pf-v6-c-alert__icon">
                                    <i class=icon aria-hidden="true"></i>
                                </div>
                                <p class="pf-v6-c-alert__title">
                                    <span class="pf-v6-screen-reader">{label}</span>
                                    {t.title.clone()}
                                </p>
                                <div class="pf-v6-c-alert__action">
                                    <button
                                        class="pf-v6-c-button pf-m-plain"
                                        type="button"
                                        aria-label="Close alert"
                                        on:click=move |_| toasts.dismiss(id)
                                    >
                                        <i class="fas fa-times" aria-hidden="true"></i>
                                    </button>
                                </div>
                                {t
                                    .body
                                    .clone()
                                    .map(|b| {
                                        view! {
                                            <div class="pf-v6-c-alert__description">
                                                <p>{b}</p>
                                            </div>
                                        }
                                    })}
                            </div>
                        </li>
                    }
                }
            </For>
        </ul>
    }
}
