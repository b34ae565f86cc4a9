//! The form's fields: each with its posted name, type, required flag, labels in both
//! languages, where its value is stored, and choices for a choice list; added, removed
//! and reordered here.

use leadkit_shared::forms::{FieldKind, FormField};
use leptos::prelude::*;

use super::edit::{
    KINDS, TARGETS, kind_key, kind_of, move_field, new_field, options_from_text, options_text,
    rename_field, target_key, target_of,
};
use super::inputs::{DefinitionProblem, Editing, FormInput, Problems, bind, bind_parsed};
use super::text::FormsText;
use crate::i18n::{tr, use_i18n};

/// Every field's row and the button adding one.
#[component]
pub fn FieldsEditor(
    /// The definition being edited.
    form: Editing,
    /// Its problems.
    problems: Problems,
) -> impl IntoView {
    // Rows are rebuilt only when fields come or go (or move), never while typing.
    let order =
        Memo::new(move |_| form.with(|f| f.as_ref().map(|f| f.fields.len()).unwrap_or_default()));
    // The row of a field just added opens, so its inputs are at hand.
    let opened = RwSignal::new(None::<usize>);
    let add = move |_| {
        form.update(|f| {
            if let Some(f) = f {
                let field = new_field(f);
                f.fields.push(field);
                opened.set(Some(f.fields.len() - 1));
            }
        });
    };
    view! {
        <fieldset class="group fields-editor">
            <legend>{tr(FormsText::Fields)}</legend>
            <DefinitionProblem problems=problems path="fields".to_owned() />
            {move || (0..order.get()).map(|i| {
                let open = opened.get_untracked() == Some(i);
                view! { <FieldRow form=form problems=problems index=i open=open /> }
            }).collect_view()}
            <button type="button" class="secondary" data-testid="add-field" on:click=add>
                {tr(FormsText::AddField)}
            </button>
        </fieldset>
    }
}

/// One field's inputs.
#[component]
fn FieldRow(
    /// The definition being edited.
    form: Editing,
    /// Its problems.
    problems: Problems,
    /// The field's position.
    index: usize,
    /// Whether the row starts open.
    open: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let field = move |f: fn(&FormField) -> String| {
        move |d: &leadkit_shared::forms::FormDefinition| {
            d.fields.get(index).map(f).unwrap_or_default()
        }
    };
    let set = move |f: fn(&mut FormField, String)| {
        move |d: &mut leadkit_shared::forms::FormDefinition, text: String| {
            if let Some(field) = d.fields.get_mut(index) {
                f(field, text);
            }
        }
    };
    let name = Memo::new(move |_| {
        form.with(|f| {
            f.as_ref()
                .and_then(|f| f.fields.get(index))
                .map(|x| x.name.clone())
                .unwrap_or_default()
        })
    });
    let at =
        move |part: &'static str| Signal::derive(move || format!("fields[{}].{part}", name.get()));
    let kind = Memo::new(move |_| {
        form.with(|f| {
            f.as_ref()
                .and_then(|f| f.fields.get(index))
                .map(|x| kind_key(&x.kind))
                .unwrap_or("text")
        })
    });
    let target = Memo::new(move |_| {
        form.with(|f| {
            f.as_ref()
                .and_then(|f| f.fields.get(index))
                .map(|x| target_key(&x.maps_to))
                .unwrap_or_default()
        })
    });
    let required = move || {
        form.with(|f| {
            f.as_ref()
                .and_then(|f| f.fields.get(index))
                .is_some_and(|x| x.required)
        })
    };
    let edit = move |change: Box<dyn FnOnce(&mut FormField)>| {
        form.update(|f| {
            if let Some(field) = f.as_mut().and_then(|f| f.fields.get_mut(index)) {
                change(field);
            }
        });
    };
    let rename = Callback::new(move |text: String| {
        form.update(|f| {
            if let Some(f) = f {
                rename_field(f, index, text);
            }
        });
    });
    let name_value = Signal::derive(move || name.get());
    // The row's summary: its label in the UI's language, its type, whether required, and
    // a mark when something in it needs fixing (the row may be closed).
    let summary = move || {
        let locale = i18n.locale.get();
        form.with(|f| {
            let field = f.as_ref()?.fields.get(index)?;
            let label = match locale {
                crate::i18n::Locale::Ko => field.label.ko.clone(),
                crate::i18n::Locale::En => field.label.en.clone(),
            };
            let mut text = format!(
                "{label} · {}",
                i18n.t(FormsText::Kind(kind_key(&field.kind)))
            );
            if field.required {
                text.push_str(&format!(" · {}", i18n.t(FormsText::Required)));
            }
            Some(text)
        })
    };
    let faulty = move || {
        let prefix = format!("fields[{}].", name.get());
        problems.with(|all| all.iter().any(|p| p.at().starts_with(&prefix)))
    };
    view! {
        <details class="form-field" data-testid="field-row" open=open>
            <summary>
                <span>{summary}</span>
                <Show when=faulty>
                    <span class="badge alarm" aria-label=tr(FormsText::NeedsFixing)>"!"</span>
                </Show>
            </summary>
            <div class="pair">
                <FormInput label=FormsText::FieldName path=at("name") name=format!("fields[{index}].name")
                    problems=problems bound=(name_value, rename) />
                <label class="field">
                    <span class="field-label">{tr(FormsText::FieldType)}</span>
                    <select name=format!("fields[{index}].type") on:change=move |ev| {
                        let key = event_target_value(&ev);
                        edit(Box::new(move |field| field.kind = kind_of(&key, &field.kind)));
                    }>
                        {move || KINDS.iter().map(|k| view! {
                            <option value=*k selected=kind.get() == *k>{i18n.t(FormsText::Kind(k))}</option>
                        }).collect_view()}
                    </select>
                </label>
            </div>
            <div class="pair">
                <FormInput label=FormsText::LabelKo path=at("label") name=format!("fields[{index}].label.ko") problems=problems quiet=true
                    bound=bind(form, field(|x| x.label.ko.clone()), set(|x, t| x.label.ko = t)) />
                <FormInput label=FormsText::LabelEn path=at("label") name=format!("fields[{index}].label.en") problems=problems quiet=true
                    bound=bind(form, field(|x| x.label.en.clone()), set(|x, t| x.label.en = t)) />
            </div>
            <DefinitionProblem problems=problems path=at("label") />
            <div class="pair">
                <label class="field">
                    <span class="field-label">{tr(FormsText::MapsTo)}</span>
                    <select name=format!("fields[{index}].maps_to") on:change=move |ev| {
                        let key = event_target_value(&ev);
                        edit(Box::new(move |field| field.maps_to = target_of(&key, &field.maps_to, &field.name)));
                    }>
                        {move || TARGETS.iter().map(|t| view! {
                            <option value=*t selected=target.get() == *t>{i18n.t(FormsText::Target(t))}</option>
                        }).collect_view()}
                    </select>
                    <DefinitionProblem problems=problems path=at("maps_to") />
                </label>
                <Show when=move || target.get() == "custom">
                    <FormInput label=FormsText::CustomKey path=at("maps_to") name=format!("fields[{index}].custom_key") problems=problems quiet=true
                        bound=bind(form, field(|x| match &x.maps_to {
                            leadkit_shared::forms::MapsTo::Custom { key } => key.clone(),
                            _ => String::new(),
                        }), set(|x, t| x.maps_to = leadkit_shared::forms::MapsTo::Custom { key: t })) />
                </Show>
            </div>
            <Show when=move || kind.get() == "select">
                <FormInput label=FormsText::Options path=at("options") name=format!("fields[{index}].options") problems=problems
                    multiline=true hint=FormsText::OptionsHint
                    bound=bind_parsed(form, field(|x| match &x.kind {
                        FieldKind::Select { options } => options_text(options),
                        _ => String::new(),
                    }), |t| options_text(&options_from_text(t)),
                    set(|x, t| x.kind = FieldKind::Select { options: options_from_text(&t) })) />
            </Show>
            <div class="row">
                <label class="check">
                    <input type="checkbox" name=format!("fields[{index}].required") prop:checked=required
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            edit(Box::new(move |field| field.required = on));
                        } />
                    {tr(FormsText::Required)}
                </label>
                <DefinitionProblem problems=problems path=at("required") />
                <button type="button" class="link" on:click=move |_| form.update(|f| if let Some(f) = f { move_field(f, index, true) })>
                    {tr(FormsText::MoveUp)}
                </button>
                <button type="button" class="link" on:click=move |_| form.update(|f| if let Some(f) = f { move_field(f, index, false) })>
                    {tr(FormsText::MoveDown)}
                </button>
                <button type="button" class="link danger-text" on:click=move |_| form.update(|f| {
                    if let Some(f) = f && index < f.fields.len() {
                        let gone = f.fields.remove(index);
                        super::edit::set_queued(f, &gone.name, false);
                    }
                })>
                    {tr(FormsText::Remove)}
                </button>
            </div>
        </details>
    }
}
