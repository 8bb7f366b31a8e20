//! The Matrix view: robots (rows) × repositories (columns), paged both ways, with sticky headers
//! and a roving tabindex (arrow keys between cells, Home/End, Ctrl+Home/End, PageUp/PageDown;
//! Enter opens the cell). A grid of table semantics: column and row header cells, ARIA row and
//! column counts and indices for the cells on screen.

use super::state::{use_access, AccessDialog, AccessState};
use crate::access::grid::{pages_of, step, tab_stop, Move, Pos};
use crate::access::Cell;
use crate::components::pagination::{page_bounds, Pagination};
use crate::components::when::When;
use crate::permissions::Perm;
use leptos::prelude::*;

fn cell_id(p: Pos) -> String {
    format!("access-cell-{}-{}", p.row, p.col)
}

/// Moves the keyboard focus to the cell at `p` once the page shows it.
fn focus_cell(p: Pos) {
    #[cfg(feature = "hydrate")]
    request_animation_frame(move || {
        use wasm_bindgen::JsCast;
        if let Some(el) = document()
            .get_element_by_id(&cell_id(p))
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = p;
}

/// The class of a cell: its effective role, or muted when the role or source filter does not
/// admit it.
fn cell_class(cell: Option<&Cell>, admitted: bool) -> &'static str {
    match (cell.map(|c| c.role), admitted) {
        (None, _) => "pf-v6-c-table__td rc-access-cell",
        (Some(_), false) => "pf-v6-c-table__td rc-access-cell rc-access-muted",
        (Some(Perm::Admin), true) => "pf-v6-c-table__td rc-access-cell rc-access-admin",
        (Some(Perm::Write), true) => "pf-v6-c-table__td rc-access-cell rc-access-write",
        (Some(_), true) => "pf-v6-c-table__td rc-access-cell rc-access-read",
    }
}

/// Opens what a cell leads to: where the access comes from when a team grants some of it, else
/// Set repository permissions for the robot. `col` is a grid column (0 = the robot name).
fn open_cell(s: AccessState, p: Pos) {
    let target = s.shown.with_untracked(|shown| {
        let row = *shown.rows.get(p.row)?;
        let col = p
            .col
            .checked_sub(1)
            .and_then(|c| shown.columns.get(c).copied());
        s.report.with_untracked(|r| {
            let access = r.rows.get(row)?;
            let robot = access.robot.clone();
            Some(
                match col.and_then(|c| access.cell(c).map(|cell| (c, cell))) {
                    Some((c, cell)) if !cell.teams().is_empty() => AccessDialog::Grant {
                        robot,
                        repo: r.columns[c].name.clone(),
                        cell: cell.clone(),
                    },
                    _ => AccessDialog::Permissions(robot),
                },
            )
        })
    });
    if let Some(d) = target {
        s.dialog.set(Some(d));
    }
}

#[component]
pub fn AccessMatrix() -> impl IntoView {
    let s = use_access();
    let rows = Signal::derive(move || s.shown.with(|x| x.rows.len()));
    let cols = Signal::derive(move || s.shown.with(|x| x.columns.len()));
    let row_window =
        Memo::new(move |_| page_bounds(rows.get(), s.row_page.get(), s.rows_per_page.get()));
    let col_window =
        Memo::new(move |_| page_bounds(cols.get(), s.col_page.get(), s.cols_per_page.get()));
    let tab = Memo::new(move |_| tab_stop(s.focus.get(), row_window.get(), col_window.get()));
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        let key = ev.key();
        if key == "Enter" || key == " " {
            ev.prevent_default();
            open_cell(s, tab.get_untracked());
            return;
        }
        let Some(m) = Move::from_key(&key, ev.ctrl_key() || ev.meta_key()) else {
            return;
        };
        ev.prevent_default();
        let (n_rows, n_cols) = (rows.get_untracked(), cols.get_untracked() + 1);
        let to = step(
            tab.get_untracked(),
            m,
            n_rows,
            n_cols,
            s.rows_per_page.get_untracked(),
        );
        let (row_page, col_page) = pages_of(
            to,
            s.rows_per_page.get_untracked(),
            s.cols_per_page.get_untracked(),
            s.col_page.get_untracked(),
        );
        s.row_page.set(row_page);
        s.col_page.set(col_page);
        s.focus.set(to);
        focus_cell(to);
    };
    view! {
        <div class="rc-access-paging rc-no-print">
            <span class="rc-access-paging__label">"Robot accounts"</span>
            <Pagination id="access-robots-pagination" total=rows page=s.row_page per_page=s.rows_per_page />
            <span class="rc-access-paging__label">"Repositories"</span>
            <Pagination id="access-repos-pagination" total=cols page=s.col_page per_page=s.cols_per_page />
        </div>
        <div class="rc-access-scroll">
            <table
                class="pf-v6-c-table pf-m-compact rc-access-matrix"
                role="grid"
                id="access-matrix"
                data-testid="access-matrix"
                aria-label="Robot access matrix"
                aria-rowcount=move || (rows.get() + 1).to_string()
                aria-colcount=move || (cols.get() + 1).to_string()
                on:keydown=on_key
            >
                <caption class="pf-v6-screen-reader">
                    "The effective role of each robot account (rows) on each repository (columns), with where it comes from. Arrow keys move between cells; Enter opens one."
                </caption>
                <MatrixHead col_window />
                <MatrixBody row_window col_window tab />
            </table>
        </div>
        <When when=move || rows.get() == 0>
            <p class="rc-no-match" data-testid="access-no-match">"No robot accounts match the filters."</p>
        </When>
    }
}

#[component]
fn MatrixHead(col_window: Memo<(usize, usize)>) -> impl IntoView {
    let s = use_access();
    let headers = move || {
        let (start, end) = col_window.get();
        s.shown.with(|shown| {
            s.report.with(|r| {
                shown.columns[start..end]
                    .iter()
                    .enumerate()
                    .map(|(k, &c)| {
                        let repo = &r.columns[c];
                        let title = if repo.is_public {
                            format!("{} (public: anyone can pull)", repo.name)
                        } else {
                            repo.name.to_string()
                        };
                        view! {
                            <th
                                class="pf-v6-c-table__th rc-access-repo"
                                scope="col"
                                aria-colindex=(start + k + 2).to_string()
                                title=title
                            >
                                {repo.name.to_string()}
                            </th>
                        }
                    })
                    .collect_view()
            })
        })
    };
    view! {
        <thead class="pf-v6-c-table__thead">
            <tr class="pf-v6-c-table__tr" aria-rowindex="1">
                <th class="pf-v6-c-table__th rc-access-corner" scope="col" aria-colindex="1">
                    "Robot account"
                </th>
                {headers}
            </tr>
        </thead>
    }
}

#[component]
fn MatrixBody(
    row_window: Memo<(usize, usize)>,
    col_window: Memo<(usize, usize)>,
    tab: Memo<Pos>,
) -> impl IntoView {
    let s = use_access();
    let tabindex = move |p: Pos| move || if tab.get() == p { "0" } else { "-1" };
    let click = move |p: Pos| {
        move |_| {
            s.focus.set(p);
            open_cell(s, p);
        }
    };
    let rows = move || {
        let ((rs, re), (cs, ce)) = (row_window.get(), col_window.get());
        let filters = s.filters.get();
        s.shown.with(|shown| {
            s.report.with(|r| {
                shown.rows[rs..re]
                    .iter()
                    .enumerate()
                    .map(|(k, &i)| {
                        let row = rs + k;
                        let access = &r.rows[i];
                        let name = access.robot.name.to_string();
                        let missing = (!access.missing.is_empty())
                            .then(|| format!("Not read: {}.", access.missing.join(", ")));
                        let head = Pos { row, col: 0 };
                        let cells = shown.columns[cs..ce]
                            .iter()
                            .enumerate()
                            .map(|(j, &c)| {
                                let p = Pos { row, col: cs + j + 1 };
                                let cell = access.cell(c);
                                let admitted = !filters.on_cells() || cell.is_some_and(|x| filters.admits(x));
                                view! {
                                    <td
                                        role="gridcell"
                                        class=cell_class(cell, admitted)
                                        id=cell_id(p)
                                        tabindex=tabindex(p)
                                        aria-colindex=(p.col + 1).to_string()
                                        data-testid=format!("access-cell-{name}-{}", r.columns[c].name)
                                        on:click=click(p)
                                    >
                                        {cell.map(Cell::text).unwrap_or_default()}
                                    </td>
                                }
                            })
                            .collect_view();
                        view! {
                            <tr class="pf-v6-c-table__tr" aria-rowindex=(row + 2).to_string() data-testid=format!("access-row-{name}")>
                                <th
                                    class="pf-v6-c-table__th rc-access-robot"
                                    scope="row"
                                    id=cell_id(head)
                                    tabindex=tabindex(head)
                                    aria-colindex="1"
                                    on:click=click(head)
                                >
                                    {name.clone()}
                                    {missing.map(|m| view! {
                                        <span class="rc-access-missing" title=m.clone() data-testid="access-row-missing">
                                            " (incomplete)"
                                            <span class="pf-v6-screen-reader">{m.clone()}</span>
                                        </span>
                                    })}
                                </th>
                                {cells}
                            </tr>
                        }
                    })
                    .collect_view()
            })
        })
    };
    view! { <tbody class="pf-v6-c-table__tbody">{rows}</tbody> }
}
