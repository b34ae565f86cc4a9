//! The MQL threshold as a slider and a number: dragging it moves the stage's total
//! threshold in the draft, which the what-if recounts on every move.

use leptos::prelude::*;

use super::edit::{SLIDER_STAGE, set_threshold, threshold};
use super::text::ScoringText;
use crate::engine_config::{ConfigText, parse_whole, use_config_editor};
use crate::i18n::use_i18n;

/// The slider and number input for the MQL threshold.
#[component]
pub fn ThresholdControl(
    /// The slider's lowest and highest value (the scores seen, with room around them).
    #[prop(into)]
    bounds: Signal<(i64, i64)>,
) -> impl IntoView {
    let i18n = use_i18n();
    let editor = use_config_editor();
    let value = Memo::new(move |_| editor.draft.with(|c| threshold(c, SLIDER_STAGE)));
    let text = Memo::new(move |_| value.get().map(|v| v.to_string()).unwrap_or_default());
    let key = "scoring.threshold";
    let typed = move || editor.input_problems.with(|p| p.get(key).copied());
    let set = move |raw: String| {
        match parse_whole(&raw, -1_000_000_000, 1_000_000_000) {
            Ok(points) => {
                editor.set_input_problem(key, None);
                // A stage without a threshold gains a criterion: its rows must rebuild.
                if value.get_untracked().is_some() {
                    editor.edit(|c| set_threshold(c, SLIDER_STAGE, points));
                } else {
                    editor.restructure(|c| set_threshold(c, SLIDER_STAGE, points));
                }
            }
            Err(problem) => editor.set_input_problem(key, Some(problem)),
        }
    };
    let min = move || bounds.get().0.min(value.get().unwrap_or(0)).to_string();
    let max = move || bounds.get().1.max(value.get().unwrap_or(0)).to_string();
    let label = i18n.text(ScoringText::Threshold(SLIDER_STAGE));
    view! {
        <fieldset class="threshold" data-testid="threshold">
            <legend>{label}</legend>
            <p class="muted hint" id="threshold-hint">{i18n.text(ScoringText::ThresholdHint)}</p>
            <div class="threshold-inputs">
                <input
                    type="range"
                    data-testid="threshold-range"
                    aria-label=label
                    aria-describedby="threshold-hint"
                    min=min
                    max=max
                    step="1"
                    prop:value=move || text.get()
                    on:input=move |ev| set(event_target_value(&ev))
                />
                <label class="edit-field threshold-number" for="threshold-number">
                    <span class="visually-hidden">{label}</span>
                    <input
                        id="threshold-number"
                        type="number"
                        step="1"
                        data-testid="threshold-number"
                        aria-invalid=move || typed().is_some().to_string()
                        aria-describedby="threshold-error"
                        prop:value=move || text.get()
                        on:input=move |ev| set(event_target_value(&ev))
                    />
                </label>
            </div>
            <p class="field-error" id="threshold-error" aria-live="polite">
                {move || typed().map(|p| i18n.t(ConfigText::Input(p)))}
            </p>
        </fieldset>
    }
}
