//! Typed text to configuration values, and the one labelled input the editors use: what
//! was typed is applied to the draft when it can be, else the draft keeps its last
//! usable value and the input says why, right under it.

use leptos::prelude::*;

use super::editor::use_config_editor;
use super::text::ConfigText;
use crate::i18n::use_i18n;

/// Why typed text cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputProblem {
    /// Not a whole number.
    NotAWholeNumber,
    /// Not a number.
    NotANumber,
    /// A whole number outside `min..=max`.
    OutOfRange { min: i64, max: i64 },
}

/// The text with typographic minus signs and full-width digits read as ASCII, so a
/// number pasted from a document or typed on a Korean keyboard still parses.
fn ascii_number(text: &str) -> String {
    text.trim()
        .chars()
        .filter(|c| *c != ',' && *c != '_')
        .map(|c| match c {
            '−' | '－' => '-',
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            other => other,
        })
        .collect()
}

/// A whole number within `min..=max`.
pub fn parse_whole(text: &str, min: i64, max: i64) -> Result<i64, InputProblem> {
    let n: i64 = ascii_number(text)
        .parse()
        .map_err(|_| InputProblem::NotAWholeNumber)?;
    if (min..=max).contains(&n) {
        Ok(n)
    } else {
        Err(InputProblem::OutOfRange { min, max })
    }
}

/// A finite number.
pub fn parse_decimal(text: &str) -> Result<f64, InputProblem> {
    ascii_number(text)
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite())
        .ok_or(InputProblem::NotANumber)
}

/// A finite number, or `None` for blank text (an open bound, no half-life).
pub fn parse_optional_decimal(text: &str) -> Result<Option<f64>, InputProblem> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        parse_decimal(text).map(Some)
    }
}

/// A list typed as text: items separated by commas (also `、` and `，`) or lines, each
/// trimmed, blanks dropped.
pub fn split_list(text: &str) -> Vec<String> {
    text.split([',', '、', '，', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A list as [`split_list`] reads it back.
pub fn join_list(items: &[String]) -> String {
    items.join(", ")
}

/// A labelled input bound to a value of the draft.
#[component]
pub fn EditField(
    /// What the input is for.
    #[prop(into)]
    label: Signal<String>,
    /// The value shown, from the draft (a memo, so other edits do not rewrite it).
    #[prop(into)]
    value: Signal<String>,
    /// Applies the text to the draft; an error leaves the draft as it was.
    apply: Callback<String, Result<(), InputProblem>>,
    /// The input's key in the editor's input problems, unique in the app, and its id.
    #[prop(into)]
    key: String,
    /// The input's `type`.
    #[prop(default = "text")]
    input_type: &'static str,
    /// A problem the engine finds with this value, shown here too.
    #[prop(optional, into)]
    problem: Option<Signal<Option<String>>>,
    /// The `data-testid` of the input, for end-to-end tests.
    #[prop(optional, into)]
    testid: Option<String>,
    /// The `step` of a number input (`any` for decimals).
    #[prop(default = "1")]
    step: &'static str,
    /// The `inputmode` hint for the phone keyboard.
    #[prop(optional)]
    inputmode: Option<&'static str>,
) -> impl IntoView {
    let editor = use_config_editor();
    let i18n = use_i18n();
    let id = key.replace(|c: char| !c.is_ascii_alphanumeric(), "-");
    let error_id = format!("{id}-error");
    let label_for = id.clone();
    let typed = {
        let key = key.clone();
        move || editor.input_problems.with(|p| p.get(&key).copied())
    };
    let message = {
        let typed = typed.clone();
        move || match typed() {
            Some(p) => Some(i18n.t(ConfigText::Input(p))),
            None => problem.and_then(|p| p.get()),
        }
    };
    let invalid = {
        let message = message.clone();
        move || message().is_some().to_string()
    };
    let on_input = {
        let key = key.clone();
        move |ev| {
            let text = event_target_value(&ev);
            editor.set_input_problem(&key, apply.run(text).err());
        }
    };
    view! {
        <label class="edit-field" for=label_for>
            <span class="label">{move || label.get()}</span>
            <input
                id=id
                type=input_type
                step=(input_type == "number").then_some(step)
                inputmode=inputmode
                data-testid=testid
                aria-invalid=invalid
                aria-describedby=error_id.clone()
                prop:value=move || value.get()
                on:input=on_input
            />
            <span class="field-error" id=error_id aria-live="polite">{message}</span>
        </label>
    }
}

/// A labelled select over `options` (value, label), showing `value` as chosen. One
/// component for every select of the editors keeps the wasm small.
#[component]
pub fn SelectField(
    /// What the select is for.
    #[prop(into)]
    label: Signal<String>,
    /// The options: each value and its label.
    #[prop(into)]
    options: Signal<Vec<(String, String)>>,
    /// The value of the chosen option.
    #[prop(into)]
    value: Signal<String>,
    /// Called with the value chosen.
    on_change: Callback<String>,
    /// The select's id (unique in the page).
    #[prop(into)]
    id: String,
    /// The `data-testid` of the select, for end-to-end tests.
    #[prop(optional, into)]
    testid: Option<String>,
) -> impl IntoView {
    let label_for = id.clone();
    view! {
        <label class="edit-field" for=label_for>
            <span class="label">{label}</span>
            <select id=id data-testid=testid on:change=move |ev| on_change.run(event_target_value(&ev))>
                {move || {
                    let current = value.get();
                    options
                        .get()
                        .into_iter()
                        .map(|(v, text)| {
                            let selected = v == current;
                            view! { <option value=v selected=selected>{text}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </label>
    }
}
