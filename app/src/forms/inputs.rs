//! The form editor's inputs: each bound to a part of the definition being edited, with
//! the problems found at its path shown under it.

use leadkit_shared::forms::{FormDefinition, FormDefinitionError};
use leptos::prelude::*;

pub use crate::ui::bind;

use super::text::{FormsText, definition_problem};
use crate::i18n::use_i18n;

/// The definition being edited; `None` while it loads.
pub type Editing = RwSignal<Option<FormDefinition>>;

/// The problems the definition has as it stands (checked on every edit).
pub type Problems = Signal<Vec<FormDefinitionError>>;

/// Like [`bind`] for text the definition keeps parsed (a list of origins, a choice
/// list): the input keeps what was typed — a trailing line break, a half-written
/// choice — as long as it still reads as what the definition holds, and shows the
/// definition's own text once they differ (the field moved, the form reloaded).
pub fn bind_parsed(
    form: Editing,
    get: impl Fn(&FormDefinition) -> String + Send + Sync + 'static,
    normalise: impl Fn(&str) -> String + Send + Sync + 'static,
    set: impl Fn(&mut FormDefinition, String) + Send + Sync + 'static,
) -> (Signal<String>, Callback<String>) {
    let typed = RwSignal::new(None::<String>);
    let value = Signal::derive(move || {
        let held = form.with(|f| f.as_ref().map(&get).unwrap_or_default());
        typed.with(|t| match t {
            Some(text) if normalise(text) == held => text.clone(),
            _ => held,
        })
    });
    let write = Callback::new(move |text: String| {
        typed.set(Some(text.clone()));
        form.update(|f| {
            if let Some(f) = f {
                set(f, text);
            }
        });
    });
    (value, write)
}

/// Every problem found at `path`, in words, under the input it concerns.
#[component]
pub fn DefinitionProblem(
    /// The problems found.
    problems: Problems,
    /// The path shown here (`cta`, `fields[email].label` …); a field's path follows
    /// its name as it is edited.
    #[prop(into)]
    path: Signal<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let test_id = move || format!("error-{}", path.get());
    let text = move || {
        let locale = i18n.locale.get();
        let path = path.get();
        problems.with(|all| {
            all.iter()
                .filter(|p| p.at() == path)
                .map(|p| definition_problem(p, locale))
                .collect::<Vec<_>>()
                .join(" ")
        })
    };
    view! { <span class="field-error" data-testid=test_id aria-live="polite">{text}</span> }
}

/// A labelled text input (or text area) bound to the definition.
#[component]
pub fn FormInput(
    /// Its label.
    label: FormsText,
    /// The path its problems are reported at; also the input's name.
    #[prop(into)]
    path: Signal<String>,
    /// The value and its write, from [`bind`].
    bound: (Signal<String>, Callback<String>),
    /// The problems found.
    problems: Problems,
    /// A text area rather than one line.
    #[prop(optional)]
    multiline: bool,
    /// A line of help under the label.
    #[prop(optional)]
    hint: Option<FormsText>,
    /// The input's `type` for one line.
    #[prop(default = "text")]
    input_type: &'static str,
    /// The input's name, when not its path (two inputs share the path `cta`).
    #[prop(optional)]
    name: Option<String>,
    /// Shows no problems: the pair it belongs to shows them once, under both inputs.
    #[prop(optional)]
    quiet: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let (value, write) = bound;
    let invalid = move || {
        let path = path.get();
        problems
            .with(|all| all.iter().any(|p| p.at() == path))
            .to_string()
    };
    let name = move || name.clone().unwrap_or_else(|| path.get());
    let control = if multiline {
        view! {
            <textarea name=name.clone() rows="3" aria-invalid=invalid
                prop:value=move || value.get() on:input=move |ev| write.run(event_target_value(&ev))></textarea>
        }
        .into_any()
    } else {
        view! {
            <input type=input_type name=name.clone() aria-invalid=invalid
                prop:value=move || value.get() on:input=move |ev| write.run(event_target_value(&ev)) />
        }
        .into_any()
    };
    view! {
        <label class="field">
            <span class="field-label">{move || i18n.t(label)}</span>
            {hint.map(|hint| view! { <span class="hint">{move || i18n.t(hint)}</span> })}
            {control}
            {(!quiet).then(|| view! { <DefinitionProblem problems=problems path=path /> })}
        </label>
    }
}
