//! The virtualised lead table: only the rows in view (plus a margin) are in the DOM, so
//! scrolling 100k leads costs what scrolling 40 does. Rows have one fixed height (also
//! the 44 px touch target), which turns the scroll offset into a row range directly.
//! Arrow keys move the focused row, Enter opens it, Space selects it.

use std::collections::BTreeSet;
use std::sync::Arc;

use leadkit_shared::table::{Column, LeadTable, Sort, TableQuery};
use leptos::html;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use uuid::Uuid;

use super::text::LeadsText;
use crate::attribution::text::AttributionText;
use crate::attribution::use_win_probabilities;
use crate::data::use_workspace;
use crate::i18n::format::{date_time, local_offset, number};
use crate::i18n::use_i18n;

/// Height of one row in CSS pixels (keep in step with `.lead-grid tr` in style.css).
pub const ROW_HEIGHT: f64 = 44.0;
/// Rows rendered above and below the visible ones, so fast scrolling shows no gaps.
const OVERSCAN: usize = 8;

/// The rows of `positions` (indices into `table`), windowed to what is on screen.
#[component]
pub fn LeadGrid(
    /// Every lead row.
    table: Signal<Arc<LeadTable>>,
    /// The rows to show, in order (the query's answer).
    positions: Signal<Arc<Vec<usize>>>,
    /// The query, whose sort the headers show and change.
    query: RwSignal<TableQuery>,
    /// Selected lead ids.
    selected: RwSignal<BTreeSet<Uuid>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let navigate = use_navigate();
    let scroller = NodeRef::<html::Div>::new();
    let scroll_top = RwSignal::new(0.0_f64);
    let viewport = RwSignal::new(600.0_f64);
    let focused = RwSignal::new(None::<usize>);
    let offset = local_offset();
    // The win probability column, once a predictive model was applied on this device.
    let win = use_win_probabilities();
    let show_win = move || win.is_some_and(|w| w.shown());
    // It sits right after the score, the number it refines.
    let after_score = Column::ALL
        .iter()
        .position(|c| *c == Column::Score)
        .map_or(Column::ALL.len(), |i| i + 1);

    let window = Memo::new(move |_| {
        let count = positions.with(|p| p.len());
        let first = ((scroll_top.get() / ROW_HEIGHT) as usize).saturating_sub(OVERSCAN);
        let visible = (viewport.get() / ROW_HEIGHT).ceil() as usize + 2 * OVERSCAN;
        let last = (first + visible).min(count);
        (first.min(last), last, count)
    });

    let on_scroll = move |_| {
        if let Some(el) = scroller.get() {
            scroll_top.set(f64::from(el.scroll_top()));
            viewport.set(f64::from(el.client_height()));
        }
    };
    // Keeps the focused row in view when the keyboard moves it.
    let reveal = move |index: usize| {
        if let Some(el) = scroller.get() {
            let top = index as f64 * ROW_HEIGHT;
            let height = f64::from(el.client_height()) - ROW_HEIGHT;
            let current = f64::from(el.scroll_top());
            if top < current {
                el.set_scroll_top(top as i32);
            } else if top > current + height - ROW_HEIGHT {
                el.set_scroll_top((top - height + ROW_HEIGHT) as i32);
            }
        }
    };
    let id_at = move |index: usize| {
        positions.with(|p| {
            p.get(index)
                .and_then(|&pos| table.with(|t| t.row(pos).map(|r| r.id)))
        })
    };
    let toggle = move |id: Uuid| {
        selected.update(|s| {
            if !s.remove(&id) {
                s.insert(id);
            }
        })
    };
    let open = {
        let navigate = navigate.clone();
        move |id: Uuid| navigate(&format!("/leads/{id}"), Default::default())
    };
    let on_key = {
        let open = open.clone();
        move |ev: leptos::ev::KeyboardEvent| {
            let count = positions.with(|p| p.len());
            if count == 0 {
                return;
            }
            let current = focused.get_untracked();
            let next = match ev.key().as_str() {
                "ArrowDown" => Some(current.map_or(0, |i| (i + 1).min(count - 1))),
                "ArrowUp" => Some(current.map_or(0, |i| i.saturating_sub(1))),
                "PageDown" => Some(current.map_or(0, |i| (i + 10).min(count - 1))),
                "PageUp" => Some(current.map_or(0, |i| i.saturating_sub(10))),
                "Home" => Some(0),
                "End" => Some(count - 1),
                "Enter" => {
                    if let Some(id) = current.and_then(id_at) {
                        ev.prevent_default();
                        open(id);
                    }
                    None
                }
                " " => {
                    if let Some(id) = current.and_then(id_at) {
                        ev.prevent_default();
                        toggle(id);
                    }
                    None
                }
                _ => None,
            };
            if let Some(next) = next {
                ev.prevent_default();
                focused.set(Some(next));
                reveal(next);
            }
        }
    };

    let header = move |column: Column| {
        let sorted = move || query.with(|q| q.sort.column == column);
        let descending = move || query.with(|q| q.sort.descending);
        let aria_sort = move || match (sorted(), descending()) {
            (false, _) => "none",
            (true, true) => "descending",
            (true, false) => "ascending",
        };
        let click = move |_| {
            query.update(|q| {
                q.sort = if q.sort.column == column {
                    Sort {
                        column,
                        descending: !q.sort.descending,
                    }
                } else {
                    Sort {
                        column,
                        descending: matches!(column, Column::Score | Column::Captured),
                    }
                }
            })
        };
        view! {
            <th scope="col" class=format!("col-{column:?}").to_lowercase() aria-sort=aria_sort>
                <button class="sort" on:click=click>
                    {move || i18n.t(LeadsText::Column(column))}
                    <span aria-hidden="true">
                        {move || match (sorted(), descending()) {
                            (false, _) => "",
                            (true, true) => " ▼",
                            (true, false) => " ▲",
                        }}
                    </span>
                </button>
            </th>
        }
    };

    let rows = move || {
        let (first, last, _) = window.get();
        let locale = i18n.locale.get();
        let table = table.get();
        positions.with(|p| {
            p[first..last]
                .iter()
                .enumerate()
                .filter_map(|(k, &pos)| table.row(pos).map(|row| (first + k, row.clone())))
                .map(|(index, row)| {
                    let id = row.id;
                    let open = open.clone();
                    let is_focused = move || focused.get() == Some(index);
                    let is_selected = move || selected.with(|s| s.contains(&id));
                    view! {
                        <tr
                            data-testid="lead-row"
                            class:focused=is_focused
                            class:selected=is_selected
                            aria-selected=move || is_selected().to_string()
                            on:click=move |_| {
                                focused.set(Some(index));
                                open(id);
                            }
                        >
                            <td class="col-select" on:click=|ev| ev.stop_propagation()>
                                <input
                                    type="checkbox"
                                    aria-label=format!("{} {}", i18n.t(LeadsText::SelectRow), row.name)
                                    prop:checked=is_selected
                                    on:change=move |_| toggle(id)
                                />
                            </td>
                            <td class="col-name">{row.name.clone()}</td>
                            <td class="col-company">{row.company.clone()}</td>
                            <td class="col-title">{row.title.clone()}</td>
                            <td class="col-email">{row.email.clone()}</td>
                            <td class="col-stage">
                                {row.stage.map(|s| i18n.t(LeadsText::Stage(s))).unwrap_or_default()}
                            </td>
                            <td class="col-tier">{row.tier.map(|t| t.as_str()).unwrap_or("")}</td>
                            <td class="col-score num">{row.total.map(number).unwrap_or_default()}</td>
                            {move || show_win().then(|| {
                                let percent = win.and_then(|w| w.percent(&id));
                                view! {
                                    <td class="col-win num" data-testid="win-probability">
                                        {percent.map_or_else(|| "—".to_owned(), |p| format!("{p}%"))}
                                    </td>
                                }
                            })}
                            <td class="col-persona">{row.persona.clone().unwrap_or_default()}</td>
                            <td class="col-owner">{workspace.rep_name(row.owner.as_deref())}</td>
                            <td class="col-source">{row.source.clone().unwrap_or_default()}</td>
                            <td class="col-captured">
                                <time datetime=row.captured_at.unix_timestamp().to_string()>
                                    {date_time(row.captured_at, offset, locale)}
                                </time>
                            </td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };

    view! {
        <div
            class="lead-scroller"
            node_ref=scroller
            tabindex="0"
            role="region"
            aria-label=move || i18n.t(LeadsText::TableLabel)
            on:scroll=on_scroll
            on:keydown=on_key
        >
            <table class="lead-grid">
                <thead>
                    <tr>
                        <th scope="col" class="col-select">
                            <span class="visually-hidden">{move || i18n.t(LeadsText::SelectRow)}</span>
                        </th>
                        {Column::ALL[..after_score].iter().copied().map(header).collect_view()}
                        {move || show_win().then(|| view! {
                            <th scope="col" class="col-win">{move || i18n.t(AttributionText::WinProbability)}</th>
                        })}
                        {Column::ALL[after_score..].iter().copied().map(header).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    <tr class="spacer" aria-hidden="true" style:height=move || {
                        format!("{}px", window.get().0 as f64 * ROW_HEIGHT)
                    }></tr>
                    {rows}
                    <tr class="spacer" aria-hidden="true" style:height=move || {
                        let (_, last, count) = window.get();
                        format!("{}px", (count - last) as f64 * ROW_HEIGHT)
                    }></tr>
                </tbody>
            </table>
        </div>
    }
}
