//! A live preview of the form as a visitor sees it, built from the definition being
//! edited: the questions a first (or returning) visitor is asked, the consent boxes,
//! the button and what follows a post. Every text is rendered as text, never as HTML.

use std::collections::BTreeSet;

use leadkit_shared::forms::{FieldKind, FormField, Localized, ThankYou, questions_for_visit};
use leptos::prelude::*;

use super::inputs::Editing;
use super::text::FormsText;
use crate::i18n::{Locale, Translate, tr, use_i18n};

fn pick(text: &Localized, locale: Locale) -> String {
    match locale {
        Locale::Ko => text.ko.clone(),
        Locale::En => text.en.clone(),
    }
}

/// One question as the visitor sees it (inert).
fn question(field: &FormField, locale: Locale) -> impl IntoView + use<> {
    let label = pick(&field.label, locale);
    let mark = if field.required { " *" } else { "" };
    let placeholder = field
        .placeholder
        .as_ref()
        .map(|p| pick(p, locale))
        .unwrap_or_default();
    let control = match &field.kind {
        FieldKind::Textarea => {
            view! { <textarea disabled placeholder=placeholder rows="2"></textarea> }.into_any()
        }
        FieldKind::Checkbox => view! { <input type="checkbox" disabled /> }.into_any(),
        FieldKind::Select { options } => {
            let options = options
                .iter()
                .map(|o| view! { <option>{pick(&o.label, locale)}</option> })
                .collect_view();
            view! { <select disabled>{options}</select> }.into_any()
        }
        _ => view! { <input type="text" disabled placeholder=placeholder /> }.into_any(),
    };
    view! {
        <label class="preview-field">
            <span>{label}{mark}</span>
            {control}
        </label>
    }
}

/// The preview.
#[component]
pub fn FormPreview(
    /// The definition being edited.
    form: Editing,
) -> impl IntoView {
    let i18n = use_i18n();
    let language = RwSignal::new(i18n.locale.get_untracked());
    let returning = RwSignal::new(false);
    let body = move || {
        let locale = language.get();
        let again = returning.get();
        form.with(|f| {
            let f = f.as_ref()?;
            // A returning visitor has answered what the first visit asked.
            let first: BTreeSet<&str> = questions_for_visit(f, &BTreeSet::new())
                .into_iter()
                .map(|q| q.name.as_str())
                .collect();
            let answered = if again { first } else { BTreeSet::new() };
            let questions = questions_for_visit(f, &answered)
                .into_iter()
                .map(|q| question(q, locale))
                .collect_view();
            let consents = f
                .consents
                .iter()
                .map(|c| {
                    let text = pick(&c.text, locale);
                    view! {
                        <label class="preview-consent">
                            <input type="checkbox" disabled />
                            <span>{text}</span>
                        </label>
                    }
                })
                .collect_view();
            let cta = pick(&f.cta, locale);
            let after = match &f.thank_you {
                ThankYou::Message { message } => pick(message, locale),
                ThankYou::Url { url } => format!("{} {url}", FormsText::RedirectsTo.translate(locale)),
            };
            Some(view! {
                <div class="preview-form" lang=locale.tag()>
                    {questions}
                    {consents}
                    <button type="button" class="primary" disabled data-testid="preview-cta">{cta}</button>
                </div>
                <p class="preview-after">
                    <strong>{FormsText::AfterSending.translate(locale)}</strong> " "
                    <span data-testid="preview-thank-you">{after}</span>
                </p>
            })
        })
    };
    view! {
        <section class="card form-preview" aria-labelledby="preview-title" data-testid="form-preview">
            <h3 id="preview-title">{tr(FormsText::Preview)}</h3>
            <div class="row">
                <label class="check">
                    <span>{tr(FormsText::PreviewLanguage)}</span>
                    <select name="preview-language" on:change=move |ev| {
                        language.set(if event_target_value(&ev) == "ko" { Locale::Ko } else { Locale::En });
                    }>
                        <option value="ko" selected=move || language.get() == Locale::Ko>{Locale::Ko.name()}</option>
                        <option value="en" selected=move || language.get() == Locale::En>{Locale::En.name()}</option>
                    </select>
                </label>
                <Show when=move || form.with(|f| f.as_ref().is_some_and(|f| f.progressive.is_some()))>
                    <label class="check">
                        <input type="checkbox" name="preview-returning" prop:checked=move || returning.get()
                            on:change=move |ev| returning.set(event_target_checked(&ev)) />
                        {tr(FormsText::ReturningVisit)}
                    </label>
                </Show>
            </div>
            {body}
        </section>
    }
}
