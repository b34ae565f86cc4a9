//! One condition of the segment editor: what it tests (field picker), how (operator)
//! and against what (value), with its problem beside it.

use leadkit_shared::capture::FieldError;
use leadkit_shared::model::{Stage, Tier};
use leadkit_shared::segments::{Condition, Filter, Segment};
use leptos::prelude::*;

use super::text::SegmentsText;
use super::tree::{
    TEXT_FIELDS, employees_label, field_label, kind_of, new_condition, operator_of, problem_under,
    set_operator, set_value, value_text,
};
use crate::i18n::{Text, use_i18n};
use crate::leads::text::{LeadsText, stage_name};

/// The condition at `at` in the draft's filter.
#[component]
pub fn ConditionRow(
    /// The segment being edited.
    draft: RwSignal<Segment>,
    /// The condition's position in the filter tree.
    at: Vec<usize>,
    /// The problems to show (the rules' and the worker's).
    #[prop(into)]
    problems: Signal<Vec<FieldError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let path = draft.with_untracked(|d| d.filter.path_of(&at));
    let condition = {
        let at = at.clone();
        move || {
            draft.with(|d| match d.filter.node(&at) {
                Some(Filter::Condition(c)) => Some(c.clone()),
                _ => None,
            })
        }
    };
    let edit = {
        let at = at.clone();
        move |change: &dyn Fn(&mut Condition)| {
            draft.update(|d| {
                if let Some(Filter::Condition(c)) = d.filter.node_mut(&at) {
                    change(c);
                }
            });
        }
    };
    let kind = draft.with_untracked(|d| match d.filter.node(&at) {
        Some(Filter::Condition(c)) => kind_of(c),
        _ => "other".into(),
    });
    let op = draft.with_untracked(|d| match d.filter.node(&at) {
        Some(Filter::Condition(c)) => operator_of(c),
        _ => "",
    });
    let leads_count = draft.with_untracked(|d| match d.filter.node(&at) {
        Some(Filter::Condition(Condition::Leads { ids })) => Some(ids.len()),
        _ => None,
    });
    let remove = {
        let at = at.clone();
        move |_| {
            draft.update(|d| {
                d.filter.remove_at(&at);
            })
        }
    };
    let pick_kind = {
        let edit = edit.clone();
        move |ev| {
            let picked = event_target_value(&ev);
            edit(&|c: &mut Condition| *c = new_condition(&picked));
        }
    };
    let pick_op = {
        let edit = edit.clone();
        move |ev| {
            let picked = event_target_value(&ev);
            edit(&|c: &mut Condition| set_operator(c, &picked));
        }
    };
    let type_value = {
        let edit = edit.clone();
        move |ev| {
            let text = event_target_value(&ev);
            edit(&|c: &mut Condition| set_value(c, &text));
        }
    };
    let value = Memo::new(move |_| condition().map(|c| value_text(&c)).unwrap_or_default());
    let problem = {
        let path = path.clone();
        move || {
            problems
                .with(|all| problem_under(all, &path))
                .map(|p| Text::Problem(p.code).in_locale(i18n.locale.get()) + " — " + &p.message)
        }
    };
    let test = |what: &str| format!("{what}-{path}");

    let editor = if kind == "other" {
        let label = match leads_count {
            Some(n) => i18n.text(SegmentsText::LeadsCondition(n)),
            None => i18n.text(SegmentsText::OtherCondition),
        };
        view! { <span class="seg-fixed">{label}</span> }.into_any()
    } else {
        let value_box = match kind.as_str() {
            "stage" => view! {
                <select
                    data-testid=test("value")
                    aria-label=i18n.text(SegmentsText::Value)
                    on:change=type_value
                >
                    {Stage::ALL
                        .into_iter()
                        .map(|s| view! {
                            <option value=s.as_str() selected=move || value.get() == s.as_str()>
                                {move || stage_name(s, i18n.locale.get())}
                            </option>
                        })
                        .collect_view()}
                </select>
            }
            .into_any(),
            "tier" => view! {
                <select
                    data-testid=test("value")
                    aria-label=i18n.text(SegmentsText::Value)
                    on:change=type_value
                >
                    {[Tier::A, Tier::B, Tier::C, Tier::D]
                        .into_iter()
                        .map(|t| view! {
                            <option
                                value=crate::ui::wire::wire_name(&t)
                                selected=move || value.get() == crate::ui::wire::wire_name(&t)
                            >
                                {move || i18n.t(LeadsText::Tier(t))}
                            </option>
                        })
                        .collect_view()}
                </select>
            }
            .into_any(),
            _ => {
                let numeric = kind == "score" || kind == "employees";
                view! {
                    <input
                        data-testid=test("value")
                        aria-label=i18n.text(SegmentsText::Value)
                        type=if numeric { "number" } else { "text" }
                        inputmode=if numeric { "numeric" } else { "text" }
                        prop:value=value
                        on:input=type_value
                    />
                }
                .into_any()
            }
        };
        let operator = if kind.starts_with("field:") {
            view! {
                <select
                    data-testid=test("op")
                    aria-label=i18n.text(SegmentsText::OperatorPicker)
                    on:change=pick_op
                >
                    <option value="contains" selected=op == "contains">
                        {i18n.text(SegmentsText::Contains)}
                    </option>
                    <option value="equals" selected=op == "equals">
                        {i18n.text(SegmentsText::Equals)}
                    </option>
                </select>
            }
            .into_any()
        } else if kind == "score" || kind == "employees" {
            view! { <span class="seg-op">{i18n.text(SegmentsText::AtLeast)}</span> }.into_any()
        } else {
            ().into_any()
        };
        view! {
            <select
                data-testid=test("field")
                aria-label=i18n.text(SegmentsText::FieldPicker)
                on:change=pick_kind
            >
                {TEXT_FIELDS
                    .iter()
                    .map(|(name, ..)| {
                        let name = *name;
                        let value = format!("field:{name}");
                        let selected = value == kind;
                        view! {
                            <option value=value selected=selected>
                                {move || field_label(name, i18n.locale.get())}
                            </option>
                        }
                    })
                    .collect_view()}
                <option value="employees" selected=kind == "employees">
                    {move || employees_label(i18n.locale.get())}
                </option>
                <option value="score" selected=kind == "score">
                    {i18n.text(SegmentsText::ScoreCondition)}
                </option>
                <option value="stage" selected=kind == "stage">
                    {i18n.text(SegmentsText::StageCondition)}
                </option>
                <option value="tier" selected=kind == "tier">
                    {i18n.text(SegmentsText::TierCondition)}
                </option>
            </select>
            {operator}
            {value_box}
        }
        .into_any()
    };

    view! {
        <li class="seg-condition" data-testid=test("condition")>
            <div class="seg-row">
                {editor}
                <button
                    type="button"
                    class="seg-remove"
                    data-testid=test("remove")
                    aria-label=i18n.text(SegmentsText::Remove)
                    on:click=remove
                >
                    "×"
                </button>
            </div>
            <span class="field-error" data-testid=test("error") aria-live="polite">{problem}</span>
        </li>
    }
}
