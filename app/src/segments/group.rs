//! A group of the segment editor: AND or OR over its items (conditions and nested
//! groups), with buttons to add either, down to the depth limit.

use leadkit_shared::capture::FieldError;
use leadkit_shared::segments::{Filter, MAX_DEPTH, Segment};
use leptos::prelude::*;

use super::condition::ConditionRow;
use super::text::SegmentsText;
use super::tree::{new_condition, problem_under};
use crate::i18n::{Text, use_i18n};

/// The node at `at`: a group with its items, or a condition.
pub fn node_view(
    draft: RwSignal<Segment>,
    at: Vec<usize>,
    problems: Signal<Vec<FieldError>>,
) -> AnyView {
    let children = draft.with_untracked(|d| match d.filter.node(&at) {
        Some(Filter::All(items) | Filter::Any(items)) => Some(items.len()),
        Some(Filter::Not(_)) => Some(1),
        _ => None,
    });
    match children {
        Some(n) => view! { <Group draft=draft at=at items=n problems=problems /> }.into_any(),
        None => view! { <ConditionRow draft=draft at=at problems=problems /> }.into_any(),
    }
}

/// The group at `at`, rendered with its `items`.
#[component]
fn Group(
    /// The segment being edited.
    draft: RwSignal<Segment>,
    /// The group's position in the filter tree.
    at: Vec<usize>,
    /// How many items it has.
    items: usize,
    /// The problems to show.
    problems: Signal<Vec<FieldError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let path = draft.with_untracked(|d| d.filter.path_of(&at));
    let is_any = draft.with_untracked(|d| matches!(d.filter.node(&at), Some(Filter::Any(_))));
    let is_not = draft.with_untracked(|d| matches!(d.filter.node(&at), Some(Filter::Not(_))));
    let can_nest = at.len() + 2 < MAX_DEPTH;
    let toggle = {
        let at = at.clone();
        move |_| {
            draft.update(|d| {
                d.filter.toggle_group(&at);
            })
        }
    };
    let add_condition = {
        let at = at.clone();
        move |_| {
            draft.update(|d| {
                d.filter
                    .push_at(&at, Filter::Condition(new_condition("field:title")));
            })
        }
    };
    let add_group = {
        let at = at.clone();
        move |_| {
            draft.update(|d| {
                d.filter.push_at(
                    &at,
                    Filter::Any(vec![Filter::Condition(new_condition("stage"))]),
                );
            })
        }
    };
    let remove = {
        let at = at.clone();
        move |_| {
            draft.update(|d| {
                d.filter.remove_at(&at);
            })
        }
    };
    let problem = {
        let path = path.clone();
        move || {
            problems
                .with(|all| problem_under(all, &path))
                .filter(|p| p.field == path)
                .map(|p| Text::Problem(p.code).in_locale(i18n.locale.get()) + " — " + &p.message)
        }
    };
    let test = |what: &str| format!("{what}-{path}");
    let rows = (0..items)
        .map(|i| {
            let mut child = at.clone();
            child.push(i);
            node_view(draft, child, problems)
        })
        .collect_view();
    let is_root = at.is_empty();
    let kind_label = if is_not {
        view! { <span>"NOT"</span> }.into_any()
    } else {
        view! {
            <select
                data-testid=test("group-kind")
                aria-label=i18n.text(SegmentsText::GroupLabel)
                on:change=toggle
            >
                <option value="all" selected=!is_any>{i18n.text(SegmentsText::All)}</option>
                <option value="any" selected=is_any>{i18n.text(SegmentsText::Any)}</option>
            </select>
        }
        .into_any()
    };
    view! {
        <li class="seg-group" data-testid=test("group") role="group" aria-label=i18n.text(SegmentsText::GroupLabel)>
            <div class="seg-row">
                {kind_label}
                {(!is_root)
                    .then(|| view! {
                        <button
                            type="button"
                            class="seg-remove"
                            data-testid=test("remove")
                            aria-label=i18n.text(SegmentsText::Remove)
                            on:click=remove.clone()
                        >
                            "×"
                        </button>
                    })}
            </div>
            <ul class="seg-items">{rows}</ul>
            {(!is_not)
                .then(|| view! {
                    <div class="seg-add">
                        <button type="button" data-testid=test("add-condition") on:click=add_condition.clone()>
                            {i18n.text(SegmentsText::AddCondition)}
                        </button>
                        {if can_nest {
                            view! {
                                <button type="button" data-testid=test("add-group") on:click=add_group.clone()>
                                    {i18n.text(SegmentsText::AddGroup)}
                                </button>
                            }
                                .into_any()
                        } else {
                            view! { <span class="hint">{i18n.text(SegmentsText::TooDeep)}</span> }.into_any()
                        }}
                    </div>
                })}
            <span class="field-error" data-testid=test("error") aria-live="polite">{problem}</span>
        </li>
    }
}
