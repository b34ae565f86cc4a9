//! The decay half-life: engagement points halve every so many days; blank is no decay.

use leptos::prelude::*;

use super::text::ScoringText;
use crate::engine_config::{
    Anchor, ConfigText, EditField, parse_optional_decimal, use_config_editor,
};
use crate::i18n::use_i18n;

/// The half-life input with what it means.
#[component]
pub fn DecayCard() -> impl IntoView {
    let i18n = use_i18n();
    let editor = use_config_editor();
    let half_life = Memo::new(move |_| {
        editor.draft.with(|c| {
            c.scoring
                .half_life_days
                .map(|d| d.to_string())
                .unwrap_or_default()
        })
    });
    let problem = Signal::derive(move || {
        editor.problem.with(|p| {
            p.as_ref()
                .filter(|p| p.anchor == Anchor::HalfLife)
                .map(|p| i18n.t(ConfigText::Problem(p.text.clone())))
        })
    });
    view! {
        <section class="card decay" aria-labelledby="decay-title">
            <h3 id="decay-title">{i18n.text(ScoringText::Decay)}</h3>
            <p class="muted">{i18n.text(ScoringText::DecayIntro)}</p>
            <EditField
                label=i18n.text(ScoringText::HalfLife)
                value=half_life
                key="scoring.half_life_days"
                input_type="number"
                step="any"
                testid="half-life"
                problem=problem
                apply=Callback::new(move |text: String| {
                    let days = parse_optional_decimal(&text)?;
                    editor.edit(|c| c.scoring.half_life_days = days);
                    Ok(())
                })
            />
        </section>
    }
}
