//! A field's problem shown right under it: the worker's (or the editor's own) complaint
//! about one path such as `reps[1].email`, in the UI's language.

use leadkit_shared::capture::FieldError;
use leptos::prelude::*;

use crate::i18n::{Locale, Text, use_i18n};

/// The first problem reported for `path`.
pub fn problem_at(problems: &[FieldError], path: &str) -> Option<FieldError> {
    problems.iter().find(|p| p.field == path).cloned()
}

/// What is wrong with one field, under it (empty when nothing is).
#[component]
pub fn FieldProblem(
    /// The problems of the last attempt.
    #[prop(into)]
    problems: Signal<Vec<FieldError>>,
    /// The path of the field this sits under, as the worker names it.
    #[prop(into)]
    path: String,
    /// Says a problem in words; by default the translation of its code.
    #[prop(optional)]
    explain: Option<fn(&FieldError, Locale) -> String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let test_id = format!("error-{path}");
    let text = move || {
        problems.with(|all| problem_at(all, &path)).map(|problem| {
            let locale = i18n.locale.get();
            match explain {
                Some(explain) => explain(&problem, locale),
                None => Text::Problem(problem.code).in_locale(locale),
            }
        })
    };
    view! { <span class="field-error" data-testid=test_id aria-live="polite">{text}</span> }
}
