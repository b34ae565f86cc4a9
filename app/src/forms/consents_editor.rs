//! The consent items, one per purpose as 개인정보 보호법 asks (never bundled): whether
//! the form asks it, its text in both languages and the version of that text. Only the
//! collection consent is required; the others are always optional.

use leadkit_shared::forms::{ConsentItem, FormDefinition, Localized, consent_field_name};
use leadkit_shared::model::ConsentPurpose;
use leptos::prelude::*;

use super::inputs::{DefinitionProblem, Editing, FormInput, Problems, bind};
use super::text::FormsText;
use crate::i18n::tr;

const PURPOSES: [ConsentPurpose; 3] = [
    ConsentPurpose::PersonalInfoCollection,
    ConsentPurpose::MarketingMessages,
    ConsentPurpose::ThirdPartySharing,
];

fn item(form: &FormDefinition, purpose: ConsentPurpose) -> Option<&ConsentItem> {
    form.consents.iter().find(|c| c.purpose == purpose)
}

fn item_mut(form: &mut FormDefinition, purpose: ConsentPurpose) -> Option<&mut ConsentItem> {
    form.consents.iter_mut().find(|c| c.purpose == purpose)
}

/// The consent items.
#[component]
pub fn ConsentsEditor(
    /// The definition being edited.
    form: Editing,
    /// Its problems.
    problems: Problems,
) -> impl IntoView {
    let row = move |purpose: ConsentPurpose| {
        let name = consent_field_name(purpose);
        let path = move |part: &str| {
            let at = format!("consents[{name}]{part}");
            Signal::derive(move || at.clone())
        };
        let included = Memo::new(move |_| {
            form.with(|f| f.as_ref().is_some_and(|f| item(f, purpose).is_some()))
        });
        let toggle = move |ev| {
            let on = event_target_checked(&ev);
            form.update(|f| {
                let Some(f) = f else { return };
                f.consents.retain(|c| c.purpose != purpose);
                if on {
                    f.consents.push(ConsentItem {
                        purpose,
                        required: purpose == ConsentPurpose::PersonalInfoCollection,
                        text: Localized::default(),
                        text_version: String::new(),
                    });
                    f.consents
                        .sort_by_key(|c| PURPOSES.iter().position(|p| *p == c.purpose));
                }
            });
        };
        let text = move |get: fn(&ConsentItem) -> String, put: fn(&mut ConsentItem, String)| {
            bind(
                form,
                move |f| item(f, purpose).map(get).unwrap_or_default(),
                move |f, t| {
                    if let Some(c) = item_mut(f, purpose) {
                        put(c, t);
                    }
                },
            )
        };
        view! {
            <fieldset class="consent-item" data-testid=format!("consent-{name}")>
                <legend>{tr(FormsText::Purpose(purpose))}</legend>
                <label class="check">
                    <input type="checkbox" name=format!("{name}.included") prop:checked=move || included.get() on:change=toggle />
                    {tr(FormsText::IncludeConsent)}
                </label>
                <DefinitionProblem problems=problems path=path("") />
                <DefinitionProblem problems=problems path=path(".required") />
                <Show when=move || included.get()>
                    <FormInput label=FormsText::TextKo path=path(".text") name=format!("{name}.text.ko") problems=problems multiline=true quiet=true
                        bound=text(|c| c.text.ko.clone(), |c, t| c.text.ko = t) />
                    <FormInput label=FormsText::TextEn path=path(".text") name=format!("{name}.text.en") problems=problems multiline=true quiet=true
                        bound=text(|c| c.text.en.clone(), |c, t| c.text.en = t) />
                    <DefinitionProblem problems=problems path=path(".text") />
                    <FormInput label=FormsText::TextVersion path=path(".text_version") name=format!("{name}.text_version") problems=problems
                        bound=text(|c| c.text_version.clone(), |c, t| c.text_version = t) />
                </Show>
            </fieldset>
        }
    };
    view! {
        <fieldset class="group consents-editor">
            <legend>{tr(FormsText::Consents)}</legend>
            <DefinitionProblem problems=problems path="consents".to_owned() />
            {PURPOSES.into_iter().map(row).collect_view()}
        </fieldset>
    }
}
