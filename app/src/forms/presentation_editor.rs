//! What the visitor sees around the fields: the button's words, what follows a post (a
//! message or another page), the sites allowed to embed the form, and progressive
//! profiling's budget and queue.

use leadkit_shared::forms::{Localized, ThankYou};
use leptos::prelude::*;

use super::edit::{origins_from_text, set_progressive, set_queued};
use super::inputs::{DefinitionProblem, Editing, FormInput, Problems, bind, bind_parsed};
use super::text::FormsText;
use crate::i18n::{tr, use_i18n};

/// CTA, thank-you, allowed origins and progressive profiling.
#[component]
pub fn PresentationEditor(
    /// The definition being edited.
    form: Editing,
    /// Its problems.
    problems: Problems,
) -> impl IntoView {
    let i18n = use_i18n();
    let by_url = Memo::new(move |_| {
        form.with(|f| {
            f.as_ref()
                .is_some_and(|f| matches!(f.thank_you, ThankYou::Url { .. }))
        })
    });
    let choose_url = move |url: bool| {
        form.update(|f| {
            let Some(f) = f else { return };
            f.thank_you = match (url, &f.thank_you) {
                (true, ThankYou::Url { .. }) | (false, ThankYou::Message { .. }) => return,
                (true, _) => ThankYou::Url { url: String::new() },
                (false, _) => ThankYou::Message {
                    message: Localized::default(),
                },
            };
        });
    };
    let message = move |ko: bool| {
        bind(
            form,
            move |f| match &f.thank_you {
                ThankYou::Message { message } if ko => message.ko.clone(),
                ThankYou::Message { message } => message.en.clone(),
                ThankYou::Url { .. } => String::new(),
            },
            move |f, t| {
                if let ThankYou::Message { message } = &mut f.thank_you {
                    if ko {
                        message.ko = t;
                    } else {
                        message.en = t;
                    }
                }
            },
        )
    };
    let progressive =
        Memo::new(move |_| form.with(|f| f.as_ref().is_some_and(|f| f.progressive.is_some())));
    // The optional visible fields that may wait for a later visit, with whether they do.
    let queueable = Memo::new(move |_| {
        form.with(|f| {
            f.as_ref()
                .map(|f| {
                    f.fields
                        .iter()
                        .filter(|x| x.is_visible() && !x.required)
                        .map(|x| {
                            let queued = f
                                .progressive
                                .as_ref()
                                .is_some_and(|p| p.queue.contains(&x.name));
                            (x.name.clone(), x.label.clone(), queued)
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    view! {
        <fieldset class="group">
            <legend>{tr(FormsText::CtaTitle)}</legend>
            <div class="pair">
                <FormInput label=FormsText::CtaKo path="cta".to_owned() name="cta.ko".to_owned() problems=problems quiet=true
                    bound=bind(form, |f| f.cta.ko.clone(), |f, t| f.cta.ko = t) />
                <FormInput label=FormsText::CtaEn path="cta".to_owned() name="cta.en".to_owned() problems=problems quiet=true
                    bound=bind(form, |f| f.cta.en.clone(), |f, t| f.cta.en = t) />
            </div>
            <DefinitionProblem problems=problems path="cta".to_owned() />
        </fieldset>
        <fieldset class="group">
            <legend>{tr(FormsText::ThankYou)}</legend>
            <label class="check">
                <input type="radio" name="thank_you.kind" value="message" prop:checked=move || !by_url.get()
                    on:change=move |_| choose_url(false) />
                {tr(FormsText::ShowMessage)}
            </label>
            <label class="check">
                <input type="radio" name="thank_you.kind" value="url" prop:checked=move || by_url.get()
                    on:change=move |_| choose_url(true) />
                {tr(FormsText::GoToPage)}
            </label>
            <Show
                when=move || by_url.get()
                fallback=move || view! {
                    <FormInput label=FormsText::MessageKo path="thank_you.message".to_owned() name="thank_you.message.ko".to_owned()
                        problems=problems multiline=true quiet=true bound=message(true) />
                    <FormInput label=FormsText::MessageEn path="thank_you.message".to_owned() name="thank_you.message.en".to_owned()
                        problems=problems multiline=true quiet=true bound=message(false) />
                    <DefinitionProblem problems=problems path="thank_you.message".to_owned() />
                }
            >
                <FormInput label=FormsText::ThankYouUrl path="thank_you.url".to_owned() input_type="url" problems=problems
                    bound=bind(form, |f| match &f.thank_you {
                        ThankYou::Url { url } => url.clone(),
                        ThankYou::Message { .. } => String::new(),
                    }, |f, t| if let ThankYou::Url { url } = &mut f.thank_you { *url = t }) />
            </Show>
        </fieldset>
        <fieldset class="group">
            <legend>{tr(FormsText::AllowedOrigins)}</legend>
            <FormInput label=FormsText::AllowedOrigins path="allowed_origins".to_owned() problems=problems multiline=true
                hint=FormsText::AllowedOriginsHint
                bound=bind_parsed(form, |f| f.allowed_origins.join("\n"), |t| origins_from_text(t).join("\n"),
                    |f, t| f.allowed_origins = origins_from_text(&t)) />
        </fieldset>
        <fieldset class="group">
            <legend>{tr(FormsText::Progressive)}</legend>
            <label class="check">
                <input type="checkbox" name="progressive.on" prop:checked=move || progressive.get()
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        form.update(|f| if let Some(f) = f { set_progressive(f, on) });
                    } />
                {tr(FormsText::ProgressiveOn)}
            </label>
            <Show when=move || progressive.get()>
                <FormInput label=FormsText::FieldBudget path="progressive.field_budget".to_owned() problems=problems input_type="number"
                    bound=bind(form, |f| f.progressive.as_ref().map(|p| p.field_budget.to_string()).unwrap_or_default(),
                        |f, t| if let (Some(p), Ok(n)) = (f.progressive.as_mut(), t.trim().parse()) { p.field_budget = n }) />
                <fieldset class="queue">
                    <legend>{tr(FormsText::Queue)}</legend>
                    <p class="hint">{tr(FormsText::QueueHint)}</p>
                    {move || queueable.get().into_iter().map(|(name, label, queued)| {
                        let field_name = name.clone();
                        let shown = move || if i18n.locale.get() == crate::i18n::Locale::Ko { label.ko.clone() } else { label.en.clone() };
                        view! {
                            <label class="check">
                                <input type="checkbox" name=format!("queue-{name}") prop:checked=queued
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        form.update(|f| if let Some(f) = f { set_queued(f, &field_name, on) });
                                    } />
                                {shown}
                            </label>
                        }
                    }).collect_view()}
                    <DefinitionProblem problems=problems path="progressive.queue".to_owned() />
                </fieldset>
            </Show>
        </fieldset>
    }
}
