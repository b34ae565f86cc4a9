//! How long one step of the funnel took, as a histogram over wide time buckets, for the
//! step the user picks.

use std::sync::Arc;

use leadkit_shared::insights::{ReportWindow, step_times};
use leadkit_shared::lifecycle::{FunnelLevel, LEVELS, StageHistory};
use leptos::prelude::*;

use super::text::{FunnelText, level_key};
use crate::charts::{Bar, ColumnChart};
use crate::i18n::format::number;
use crate::i18n::use_i18n;

/// The step-time histogram with its step picker.
#[component]
pub fn StepTimes(
    /// Every lead's stage history.
    history: Arc<StageHistory>,
    /// The period whose leads are followed.
    window: ReportWindow,
    /// The step shown, by the level it starts from.
    step: RwSignal<FunnelLevel>,
) -> impl IntoView {
    let i18n = use_i18n();
    let buckets = Memo::new(move |_| step_times(&history, step.get(), &window));
    let columns = Signal::derive(move || {
        let locale = i18n.locale.get();
        buckets
            .get()
            .iter()
            .enumerate()
            .map(|(i, n)| Bar {
                label: crate::i18n::Translate::translate(&FunnelText::Bucket(i), locale),
                value: *n as f64,
                text: number(*n as i64),
            })
            .collect()
    });
    let options = FunnelLevel::ALL[..LEVELS - 1]
        .iter()
        .map(|level| {
            let level = *level;
            view! {
                <option value=level_key(level) selected=move || step.get() == level>
                    {i18n.text(FunnelText::StepName(level))}
                </option>
            }
        })
        .collect_view();
    let on_change = move |ev| {
        let key = event_target_value(&ev);
        if let Some(level) = FunnelLevel::ALL.iter().find(|l| level_key(**l) == key) {
            step.set(*level);
        }
    };
    view! {
        <section class="card" aria-labelledby="times-heading">
            <h3 id="times-heading">{i18n.text(FunnelText::TimesTitle)}</h3>
            <label class="field inline">
                <span>{i18n.text(FunnelText::Step)}</span>
                <select data-testid="step-picker" on:change=on_change>{options}</select>
            </label>
            <ColumnChart
                id="times-chart"
                title=Signal::derive(move || format!("{} · {}", i18n.t(FunnelText::TimesTitle), i18n.t(FunnelText::StepName(step.get()))))
                desc=i18n.text(FunnelText::TimesDesc)
                columns=columns
                headers=Signal::derive(move || (i18n.t(FunnelText::BucketHeader), i18n.t(FunnelText::LeadsHeader)))
            />
        </section>
    }
}
