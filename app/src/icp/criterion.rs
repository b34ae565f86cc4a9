//! One criterion of a persona: the field, the test and its values, the weight and an
//! optional label, with what is wrong with them shown under the row.

use leadkit_shared::icp::Criterion;
use leadkit_shared::model::Field;
use leadkit_shared::predicate::{FieldKind, NAMED_FIELDS, field_from_name, field_kind, field_name};
use leptos::prelude::*;

use super::draft::{OpKind, OperatorDraft, draft_of, operator_of, operators_for, refit};
use super::text::IcpText;
use crate::engine_config::{
    Anchor, ConfigText, EditField, SelectField, parse_whole, use_config_editor,
};
use crate::i18n::use_i18n;

/// The criterion at `criterion` of the persona at `persona`.
#[component]
pub fn CriterionRow(
    /// The persona's position.
    persona: usize,
    /// The criterion's position in the persona.
    criterion: usize,
) -> impl IntoView {
    let i18n = use_i18n();
    let editor = use_config_editor();
    let read = move |f: fn(&Criterion) -> String| {
        Memo::new(move |_| {
            editor.draft.with(|c| {
                c.icp
                    .personas
                    .get(persona)
                    .and_then(|p| p.criteria.get(criterion))
                    .map(f)
                    .unwrap_or_default()
            })
        })
    };
    let field = Memo::new(move |_| {
        editor.draft.with(|c| {
            c.icp
                .personas
                .get(persona)
                .and_then(|p| p.criteria.get(criterion))
                .map_or(Field::Title, |c| c.field.clone())
        })
    });
    let weight = read(|c| c.weight.to_string());
    let label = read(|c| c.label.clone().unwrap_or_default());
    let initial = editor.draft.with_untracked(|c| {
        c.icp
            .personas
            .get(persona)
            .and_then(|p| p.criteria.get(criterion))
            .map(|c| draft_of(&c.operator))
            .unwrap_or_default()
    });
    let draft = RwSignal::new(initial);
    // The value inputs are rebuilt only when the test or the field's type changes, so
    // typing never loses focus.
    let op_kind = Memo::new(move |_| draft.with(|d| d.kind));
    let kind_of_field = Memo::new(move |_| field_kind(&field.get()));
    let key = format!("icp.{persona}.{criterion}.value");
    let id = format!("icp-{persona}-{criterion}");

    // Writes the test the inputs describe into the draft, or says why it cannot.
    let apply = {
        let key = key.clone();
        move |next_field: Field, next: OperatorDraft| {
            let operator = operator_of(&next_field, &next);
            draft.set(next);
            editor.set_input_problem(&key, operator.as_ref().err().copied());
            editor.edit(|c| {
                if let Some(item) = c
                    .icp
                    .personas
                    .get_mut(persona)
                    .and_then(|p| p.criteria.get_mut(criterion))
                {
                    item.field = next_field;
                    if let Ok(operator) = operator {
                        item.operator = operator;
                    }
                }
            });
        }
    };
    let typed = {
        let key = key.clone();
        Memo::new(move |_| editor.input_problems.with(|p| p.get(&key).copied()))
    };
    let problem = move || {
        if let Some(p) = typed.get() {
            return Some(i18n.t(ConfigText::Input(p)));
        }
        editor.problem.with(|p| {
            p.as_ref()
                .filter(|p| p.anchor == Anchor::Criterion { persona, criterion })
                .map(|p| i18n.t(ConfigText::Problem(p.text.clone())))
        })
    };
    let error_id = format!("{id}-error");

    let field_options = Signal::derive(move || {
        let current = field.get();
        let mut fields: Vec<Field> = NAMED_FIELDS.to_vec();
        if !fields.contains(&current) {
            fields.push(current);
        }
        fields
            .into_iter()
            .map(|f| (field_name(&f), i18n.t(IcpText::FieldName(f))))
            .collect::<Vec<_>>()
    });
    let op_options = Signal::derive(move || {
        operators_for(&field.get())
            .iter()
            .map(|op| (op.name().to_owned(), i18n.t(IcpText::Op(*op))))
            .collect::<Vec<_>>()
    });
    let on_field = {
        let apply = apply.clone();
        Callback::new(move |name: String| {
            if let Some(next_field) = field_from_name(&name) {
                let next = refit(&next_field, &draft.get_untracked());
                apply(next_field, next);
            }
        })
    };
    let on_op = {
        let apply = apply.clone();
        Callback::new(move |name: String| {
            if let Some(kind) = OpKind::from_name(&name) {
                let mut next = draft.get_untracked();
                next.kind = kind;
                apply(field.get_untracked(), next);
            }
        })
    };
    let value_inputs = {
        let apply = apply.clone();
        let id = id.clone();
        let error_id = error_id.clone();
        move || {
            let kind = op_kind.get();
            let field_kind = kind_of_field.get();
            let number = field_kind == FieldKind::Number;
            let set = {
                let apply = apply.clone();
                move |change: fn(&mut OperatorDraft, String)| {
                    let apply = apply.clone();
                    move |ev| {
                        let mut next = draft.get_untracked();
                        change(&mut next, event_target_value(&ev));
                        apply(field.get_untracked(), next);
                    }
                }
            };
            let invalid = move || typed.get().is_some().to_string();
            match kind {
                OpKind::Equals if field_kind == FieldKind::Bool => {
                    let apply = apply.clone();
                    view! {
                        <SelectField
                            label=i18n.text(IcpText::Value)
                            id=format!("{id}-value")
                            options=Signal::derive(move || {
                                vec![
                                    ("true".to_owned(), i18n.t(IcpText::Yes)),
                                    ("false".to_owned(), i18n.t(IcpText::No)),
                                ]
                            })
                            value=Signal::derive(move || {
                                if draft.with(|d| d.value == "true") { "true".to_owned() } else { "false".to_owned() }
                            })
                            on_change=Callback::new(move |v: String| {
                                let mut next = draft.get_untracked();
                                next.value = v;
                                apply(field.get_untracked(), next);
                            })
                        />
                    }
                        .into_any()
                }
                OpKind::Equals | OpKind::Contains | OpKind::OneOf => {
                    let one_of = kind == OpKind::OneOf;
                    view! {
                        <label class="edit-field wide" for=format!("{id}-value")>
                            <span class="label">
                                {i18n.t(if one_of { IcpText::Values } else { IcpText::Value })}
                            </span>
                            <input
                                id=format!("{id}-value")
                                data-testid="criterion-value"
                                type=if number && !one_of { "number" } else { "text" }
                                step="any"
                                placeholder=one_of.then(|| i18n.t(IcpText::ValuesHint))
                                aria-invalid=invalid
                                aria-describedby=error_id.clone()
                                prop:value=draft.with_untracked(|d| d.value.clone())
                                on:input=set(|d, v| d.value = v)
                            />
                        </label>
                    }
                    .into_any()
                }
                OpKind::Range => view! {
                    <label class="edit-field" for=format!("{id}-min")>
                        <span class="label">{i18n.t(IcpText::Min)}</span>
                        <input
                            id=format!("{id}-min")
                            type="number"
                            step="any"
                            aria-invalid=invalid
                            aria-describedby=error_id.clone()
                            prop:value=draft.with_untracked(|d| d.min.clone())
                            on:input=set(|d, v| d.min = v)
                        />
                    </label>
                    <label class="edit-field" for=format!("{id}-max")>
                        <span class="label">{i18n.t(IcpText::Max)}</span>
                        <input
                            id=format!("{id}-max")
                            type="number"
                            step="any"
                            aria-invalid=invalid
                            aria-describedby=error_id.clone()
                            prop:value=draft.with_untracked(|d| d.max.clone())
                            on:input=set(|d, v| d.max = v)
                        />
                    </label>
                }
                .into_any(),
                OpKind::Exists | OpKind::Missing => ().into_any(),
            }
        }
    };

    view! {
        <li class="criterion" data-testid="criterion">
            <fieldset>
                <legend>{i18n.text(IcpText::Criterion(criterion + 1))}</legend>
                <div class="row">
                    <SelectField
                        label=i18n.text(IcpText::Field)
                        id=format!("{id}-field")
                        testid="criterion-field"
                        options=field_options
                        value=Signal::derive(move || field_name(&field.get()))
                        on_change=on_field
                    />
                    <SelectField
                        label=i18n.text(IcpText::Test)
                        id=format!("{id}-op")
                        testid="criterion-op"
                        options=op_options
                        value=Signal::derive(move || op_kind.get().name().to_owned())
                        on_change=on_op
                    />
                    {value_inputs}
                    <EditField
                        label=i18n.text(IcpText::Weight)
                        value=weight
                        key=format!("icp.{persona}.{criterion}.weight")
                        input_type="number"
                        testid="criterion-weight"
                        apply=Callback::new(move |text: String| {
                            let weight = parse_whole(&text, 0, i64::from(u32::MAX))?;
                            editor.edit(|c| {
                                if let Some(item) = c
                                    .icp
                                    .personas
                                    .get_mut(persona)
                                    .and_then(|p| p.criteria.get_mut(criterion))
                                {
                                    item.weight = u32::try_from(weight).unwrap_or(u32::MAX);
                                }
                            });
                            Ok(())
                        })
                    />
                    <EditField
                        label=i18n.text(IcpText::Label)
                        value=label
                        key=format!("icp.{persona}.{criterion}.label")
                        apply=Callback::new(move |text: String| {
                            editor.edit(|c| {
                                if let Some(item) = c
                                    .icp
                                    .personas
                                    .get_mut(persona)
                                    .and_then(|p| p.criteria.get_mut(criterion))
                                {
                                    item.label = Some(text).filter(|t| !t.trim().is_empty());
                                }
                            });
                            Ok(())
                        })
                    />
                </div>
                <p class="field-error" id=error_id aria-live="polite" data-testid="criterion-problem">{problem}</p>
                <button
                    class="danger-link"
                    on:click=move |_| editor.restructure(|c| {
                        if let Some(p) = c.icp.personas.get_mut(persona)
                            && criterion < p.criteria.len()
                        {
                            p.criteria.remove(criterion);
                        }
                    })
                >
                    {i18n.text(IcpText::RemoveCriterion(criterion + 1))}
                </button>
            </fieldset>
        </li>
    }
}
