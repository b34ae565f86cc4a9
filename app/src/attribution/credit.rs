//! Credit by channel and campaign: the model picker (a half-life for time decay), an
//! optional value per conversion in won, and the credit the model gives each channel
//! and campaign. Without deals on the device, conversions (leads reaching SQL or
//! beyond) are what is credited, and the view says so.

use leadkit_shared::attribution::{AttributionConfig, AttributionModel};
use leadkit_shared::capture::FieldErrorCode;
use leadkit_shared::insights::{
    CREDIT_UNITS, ConversionCredits, WIN_LEVEL, conversions_to, credit_conversions,
};
use leptos::prelude::*;

use super::credit_block::{CreditBlock, Grouping};
use super::page::LocalHistory;
use super::text::{AttributionText, ModelChoice};
use crate::i18n::format::hundredths;
use crate::i18n::{Text, use_i18n};
use crate::picker::Segmented;

/// The half-life time decay starts with, in days.
const DEFAULT_HALF_LIFE: &str = "7";

/// What is wrong with the settings, shown next to the field at fault.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Problem {
    HalfLife,
    Value,
}

/// A positive number of days, as typed.
fn parse_half_life(text: &str) -> Option<f64> {
    text.trim()
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|d| d.is_finite() && *d > 0.0)
}

/// An amount in won as typed (`1,000,000`, `₩500000`); `Ok(None)` when left empty.
fn parse_won(text: &str) -> Result<Option<i64>, ()> {
    let digits: String = text
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '₩' | '원'))
        .collect();
    if digits.is_empty() {
        return Ok(None);
    }
    digits
        .parse::<i64>()
        .ok()
        .filter(|n| *n >= 0)
        .map(Some)
        .ok_or(())
}

/// The model the picker and half-life stand for.
fn model_of(choice: ModelChoice, half_life: &str) -> Result<AttributionModel, Problem> {
    Ok(match choice {
        ModelChoice::First => AttributionModel::FirstTouch,
        ModelChoice::Last => AttributionModel::LastTouch,
        ModelChoice::Linear => AttributionModel::Linear,
        ModelChoice::UShaped => AttributionModel::UShaped,
        ModelChoice::WShaped => AttributionModel::WShaped,
        ModelChoice::TimeDecay => AttributionModel::TimeDecay {
            half_life_days: parse_half_life(half_life).ok_or(Problem::HalfLife)?,
        },
    })
}

/// The credit of the chosen model: how many conversions, by channel, by campaign, and
/// what no touch earned.
#[component]
fn Credits(
    /// Credit in hundredths of a conversion.
    counted: ConversionCredits,
    /// The same in won, when a value per conversion is set.
    valued: Option<ConversionCredits>,
) -> impl IntoView {
    let i18n = use_i18n();
    let unattributed = counted.unattributed;
    let total = counted.conversions;
    let unattributed_text = Signal::derive(move || {
        format!(
            "{}: {}",
            i18n.t(AttributionText::Unattributed),
            hundredths(unattributed)
        )
    });
    view! {
        <p class="count" data-testid="conversion-count">
            {i18n.text(AttributionText::Conversions(total))}
        </p>
        <CreditBlock grouping=Grouping::Channel counted=counted.clone() valued=valued.clone() />
        <CreditBlock grouping=Grouping::Campaign counted=counted valued=valued />
        {(unattributed > 0).then(|| view! { <p class="note">{unattributed_text}</p> })}
    }
}

/// The credit section.
#[component]
pub fn CreditSection(
    /// The device's touches and stage history.
    local: LocalHistory,
) -> impl IntoView {
    let i18n = use_i18n();
    let choice = RwSignal::new(ModelChoice::Linear);
    let half_life = RwSignal::new(DEFAULT_HALF_LIFE.to_owned());
    let value = RwSignal::new(String::new());
    let conversions = conversions_to(&local.history, WIN_LEVEL);
    let touches = local.touches;
    let credits = Memo::new(move |_| {
        let model = half_life.with(|h| model_of(choice.get(), h))?;
        let config = AttributionConfig::new(model);
        let per_conversion = value.with(|v| parse_won(v)).map_err(|()| Problem::Value)?;
        // Both runs use the same model, so the won column splits as the counts do.
        let counted = credit_conversions(&conversions, &touches, &config, CREDIT_UNITS)
            .map_err(|_| Problem::HalfLife)?;
        let valued = per_conversion
            .map(|won| credit_conversions(&conversions, &touches, &config, won))
            .transpose()
            .map_err(|_| Problem::HalfLife)?;
        Ok::<(ConversionCredits, Option<ConversionCredits>), Problem>((counted, valued))
    });
    let problem = move |which: Problem| credits.with(|c| c.as_ref().err() == Some(&which));
    let result = move || match credits.get() {
        Err(_) => ().into_any(),
        Ok((counted, _)) if counted.conversions == 0 => {
            let text = i18n.text(AttributionText::NoConversions);
            view! { <p class="empty" data-testid="no-conversions">{text}</p> }.into_any()
        }
        Ok((counted, valued)) => view! { <Credits counted=counted valued=valued /> }.into_any(),
    };
    view! {
        <section class="card wide" aria-labelledby="credit-heading">
            <h3 id="credit-heading">{i18n.text(AttributionText::CreditTitle)}</h3>
            <p class="note" data-testid="no-deals-note">{i18n.text(AttributionText::NoDealsNote)}</p>
            <Segmented
                name="model"
                legend=i18n.text(AttributionText::Model)
                options=ModelChoice::ALL.to_vec()
                key=ModelChoice::key
                label=move |m| i18n.t(AttributionText::ModelName(m))
                selected=choice
            />
            <p class="note" aria-live="polite">{move || i18n.t(AttributionText::ModelHelp(choice.get()))}</p>
            <div class="settings-row">
                <Show when=move || choice.get() == ModelChoice::TimeDecay>
                    <label class="field">
                        <span>{move || format!("{} ({})", i18n.t(AttributionText::HalfLife), i18n.t(AttributionText::HalfLifeUnit))}</span>
                        <input
                            type="text"
                            inputmode="decimal"
                            name="half_life"
                            data-testid="half-life"
                            aria-invalid=move || problem(Problem::HalfLife).to_string()
                            aria-describedby="half-life-error"
                            prop:value=move || half_life.get()
                            on:input=move |ev| half_life.set(event_target_value(&ev))
                        />
                        <p class="field-error" id="half-life-error" role="alert">
                            {move || problem(Problem::HalfLife).then(|| i18n.t(AttributionText::BadHalfLife))}
                        </p>
                    </label>
                </Show>
                <label class="field">
                    <span>{i18n.text(AttributionText::ValuePerConversion)}</span>
                    <input
                        type="text"
                        inputmode="numeric"
                        name="value_per_conversion"
                        data-testid="value-per-conversion"
                        placeholder="1,000,000"
                        aria-invalid=move || problem(Problem::Value).to_string()
                        aria-describedby="value-hint value-error"
                        prop:value=move || value.get()
                        on:input=move |ev| value.set(event_target_value(&ev))
                    />
                    <span class="hint" id="value-hint">{i18n.text(AttributionText::ValueHint)}</span>
                    <p class="field-error" id="value-error" role="alert">
                        {move || problem(Problem::Value).then(|| i18n.t(Text::Problem(FieldErrorCode::NotANumber)))}
                    </p>
                </label>
            </div>
            {result}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn settings_read_as_typed() {
        assert_eq!(parse_half_life(" 7 "), Some(7.0));
        assert_eq!(parse_half_life("3,5"), Some(3.5));
        assert_eq!(parse_half_life("0"), None);
        assert_eq!(parse_half_life("-2"), None);
        assert_eq!(parse_half_life("soon"), None);
        assert_eq!(parse_won(""), Ok(None));
        assert_eq!(parse_won("₩1,000,000"), Ok(Some(1_000_000)));
        assert_eq!(parse_won("50만"), Err(()));
        assert_eq!(
            model_of(ModelChoice::TimeDecay, "x"),
            Err(Problem::HalfLife)
        );
        assert_eq!(
            model_of(ModelChoice::TimeDecay, "14"),
            Ok(AttributionModel::TimeDecay {
                half_life_days: 14.0
            })
        );
    }
}
