//! The what-if panel: the local leads and touches are loaded once (per pull that brought
//! changes), replayed under the edited rules a moment after each rule edit, and the
//! numbers — histogram, stage entries per week, next week's rep load — recounted on every
//! threshold move. Nothing here saves anything.

use std::sync::Arc;
use std::time::Duration;

use leadkit_shared::handoff::HandoffSettings;
use leadkit_shared::whatif::threshold_free;
use leptos::prelude::*;
use leptos::task::spawn_local;
use time::OffsetDateTime;

use super::edit::SLIDER_STAGE;
use super::histogram::HistogramChart;
use super::text::ScoringText;
use super::threshold::ThresholdControl;
use super::wiring::{WEEKS, WhatIf, WhatIfBase, WhatIfNumbers, WhatIfProblem};
use crate::data::use_workspace;
use crate::engine_config::use_config_editor;
use crate::i18n::format::{date, local_offset, number};
use crate::i18n::use_i18n;
use crate::leads::text::stage_name;

/// How long after a rule edit the replay starts, so typing a number replays once.
const DEBOUNCE: Duration = Duration::from_millis(250);

/// The browser's clock (the `time` crate cannot read it in wasm32).
fn browser_now() -> OffsetDateTime {
    let nanos = (js_sys::Date::now() * 1_000_000.0) as i128;
    OffsetDateTime::from_unix_timestamp_nanos(nanos).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

fn decimal(x: f64) -> String {
    format!("{x:.1}")
}

/// The what-if panel beside the scoring editor.
#[component]
pub fn WhatIfPanel() -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let editor = use_config_editor();
    let base = RwSignal::new(None::<Arc<WhatIfBase>>);
    let loading = RwSignal::new(true);
    let settings = RwSignal::new(HandoffSettings::default());
    let whatif = RwSignal::new(None::<Arc<WhatIf>>);
    let building = RwSignal::new(false);
    let problem = RwSignal::new(None::<WhatIfProblem>);
    let generation = StoredValue::new(0u64);

    // The leads and their touches, read from IndexedDB once per change of the data. Reads
    // can finish out of order; only the latest one's result is kept.
    let loads = StoredValue::new(0u64);
    Effect::new(move |_| {
        workspace.revision.track();
        if !workspace.loaded.get() {
            return;
        }
        let records = workspace.leads.get_untracked();
        loads.update_value(|g| *g += 1);
        let mine = loads.get_value();
        loading.set(true);
        spawn_local(async move {
            let touches = match workspace.store().await {
                Ok(store) => {
                    let touches = store.all_touches().await.unwrap_or_default();
                    store.close();
                    touches
                }
                Err(_) => Vec::new(),
            };
            if loads.try_get_value() != Some(mine) {
                return;
            }
            base.try_set(Some(Arc::new(WhatIfBase::new(&records, touches))));
            loading.try_set(false);
        });
    });
    // The reps and calendar the plan uses: the workspace's handoff settings as kept on
    // this device, or the defaults with the reps the workspace knows.
    Effect::new(move |_| {
        let mut loaded = workspace
            .handoff_settings
            .get()
            .map(|view| view.settings)
            .unwrap_or_default();
        if loaded.reps.is_empty() {
            loaded.reps = workspace.reps.get();
        }
        settings.set(loaded);
    });
    // A replay when the rules change (not when only a threshold moves).
    let basis = Memo::new(move |_| {
        editor.draft.with(|c| {
            (
                c.icp.clone(),
                c.scoring.clone(),
                threshold_free(&c.lifecycle),
            )
        })
    });
    Effect::new(move |_| {
        basis.track();
        let Some(base) = base.get() else {
            return;
        };
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        building.set(true);
        spawn_local(async move {
            gloo_timers::future::sleep(DEBOUNCE).await;
            if generation.try_get_value() != Some(mine) {
                return;
            }
            let Some(config) = editor.draft.try_get_untracked() else {
                return;
            };
            match WhatIf::build(base, &config, browser_now()) {
                Ok(built) => {
                    whatif.try_set(Some(Arc::new(built)));
                    problem.try_set(None);
                }
                Err(why) => {
                    problem.try_set(Some(why));
                }
            }
            building.try_set(false);
        });
    });

    let numbers = Memo::new(move |_| {
        let built = whatif.get()?;
        let settings = settings.get();
        editor.draft.with(|c| {
            let fresh = built.is_current_for(c);
            Some((
                built.numbers(c, SLIDER_STAGE, &settings),
                fresh,
                built.base().len(),
            ))
        })
    });
    let bounds = Signal::derive(move || {
        numbers.with(|n| {
            n.as_ref().map_or((0, 100), |(n, _, _)| {
                (n.histogram.start.min(0), n.histogram.end().max(100))
            })
        })
    });

    let status = move || {
        let base_len = base.with(|b| b.as_ref().map(|b| b.len()));
        let text = if loading.get() && base_len.is_none() {
            ScoringText::LoadingTouches
        } else if matches!(problem.get(), Some(WhatIfProblem::Invalid(_))) {
            ScoringText::FixToUpdate
        } else if let Some(WhatIfProblem::Failed(why)) = problem.get() {
            return Some(why.to_string());
        } else if base_len == Some(0) {
            ScoringText::NoLeads
        } else if building.get() || loading.get() {
            if numbers.with(Option::is_some) {
                ScoringText::Stale
            } else {
                ScoringText::Building(base_len.unwrap_or(0))
            }
        } else {
            return None;
        };
        Some(i18n.t(text))
    };
    let skipped = move || base.with(|b| b.as_ref().map_or(0, |b| b.skipped));

    view! {
        <section class="card whatif" aria-labelledby="whatif-title" data-testid="whatif">
            <h3 id="whatif-title">{i18n.text(ScoringText::WhatIfTitle)}</h3>
            <p class="muted">{i18n.text(ScoringText::WhatIfIntro)}</p>
            <ThresholdControl bounds=bounds />
            <p class="whatif-status" data-testid="whatif-status">{status}</p>
            {move || (skipped() > 0).then(|| view! { <p class="muted">{i18n.t(ScoringText::Skipped(skipped()))}</p> })}
            {move || numbers.get().map(|(n, fresh, leads)| view! { <Numbers numbers=n fresh=fresh leads=leads /> })}
        </section>
    }
}

/// The numbers of one recount.
#[component]
fn Numbers(
    /// What the recount found.
    numbers: WhatIfNumbers,
    /// Whether they are for the rules as edited now (else a replay is pending).
    fresh: bool,
    /// How many leads were replayed.
    leads: usize,
) -> impl IntoView {
    let i18n = use_i18n();
    let offset = local_offset();
    let weeks_back = WEEKS - 1;
    let slider = numbers
        .stages
        .iter()
        .find(|s| s.stage == SLIDER_STAGE)
        .map(|s| s.entries.clone());
    let (assigned, capacity) = numbers.week.reps.iter().fold((0, 0), |(a, c), r| {
        (a + r.assigned, c + r.capacity_per_week)
    });
    let summary = {
        let threshold = numbers.threshold;
        let (meets_now, last_week) = slider.as_ref().map_or((0, 0), |e| {
            (e.total() - e.below, e.per_week.last().copied().unwrap_or(0))
        });
        move || {
            i18n.t(ScoringText::Summary {
                stage: SLIDER_STAGE,
                threshold,
                meets_now,
                last_week,
                assigned,
                capacity,
            })
        }
    };
    let rows = numbers
        .stages
        .iter()
        .map(|s| {
            let e = &s.entries;
            let name = s.stage.as_str();
            let meets_now = e.total() - e.below;
            let last = e.per_week.last().copied().unwrap_or(0);
            let per_week = f64::from(e.per_week.iter().sum::<u32>()) / weeks_back.max(1) as f64;
            let stage = s.stage;
            view! {
                <tr data-testid=format!("entries-{name}")>
                    <th scope="row">{move || stage_name(stage, i18n.locale.get())}</th>
                    <td class="num" data-testid=format!("meets-now-{name}")>{number(i64::from(meets_now))}</td>
                    <td class="num" data-testid=format!("last-week-{name}")>{number(i64::from(last))}</td>
                    <td class="num" data-testid=format!("per-week-{name}")>{decimal(per_week)}</td>
                </tr>
            }
        })
        .collect_view();
    let week_rows = numbers
        .week_ends
        .iter()
        .enumerate()
        .skip(1)
        .map(|(w, at)| {
            let at = *at;
            let cells = numbers
                .stages
                .iter()
                .map(|s| {
                    let n = s.entries.per_week.get(w - 1).copied().unwrap_or(0);
                    view! { <td class="num">{number(i64::from(n))}</td> }
                })
                .collect_view();
            view! {
                <tr>
                    <th scope="row">{move || date(at, offset, i18n.locale.get())}</th>
                    {cells}
                </tr>
            }
        })
        .collect_view();
    let stage_heads = numbers
        .stages
        .iter()
        .map(|s| {
            let stage = s.stage;
            view! { <th scope="col" class="num">{move || stage_name(stage, i18n.locale.get())}</th> }
        })
        .collect_view();
    let handoff_stage = numbers.handoff_stage;
    let inflow = numbers.inflow;
    let rep_rows = if numbers.week.reps.is_empty() {
        view! { <p class="empty" data-testid="no-reps">{i18n.text(ScoringText::NoReps(inflow))}</p> }
            .into_any()
    } else {
        let week = numbers.week.clone();
        let names = numbers.rep_names.clone();
        view! {
            <ul class="rep-load">
                {week
                    .reps
                    .iter()
                    .zip(names)
                    .map(|(r, name)| {
                        let (assigned, capacity) = (r.assigned, r.capacity_per_week);
                        let share = if capacity == 0 { 1.0 } else { f64::from(assigned) / f64::from(capacity) };
                        view! {
                            <li data-testid="rep-load">
                                <span class="rep-name">{name}</span>
                                <meter min="0" max=capacity.max(1).to_string() value=assigned.to_string() high=(f64::from(capacity) * 0.9).to_string() aria-hidden="true"></meter>
                                <span class="num" data-testid="rep-load-numbers">
                                    {i18n.text(ScoringText::RepOfCapacity(assigned, capacity))}
                                </span>
                                <span class="visually-hidden">{decimal(share * 100.0)}"%"</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
            .into_any()
    };
    let waiting = (
        numbers.week.waiting_no_capacity,
        numbers.week.waiting_no_rep,
    );
    view! {
        <div class:stale=!fresh>
            <p class="whatif-summary" role="status" aria-live="polite" data-testid="whatif-summary">{summary}</p>
            <HistogramChart
                histogram=numbers.histogram.clone()
                threshold=numbers.threshold
                stage=SLIDER_STAGE
                over=numbers.at_or_over
                leads=leads
            />
            <h4>{i18n.text(ScoringText::EntriesTitle)}</h4>
            <p class="muted">{i18n.text(ScoringText::EntriesIntro(weeks_back))}</p>
            // Scrolls sideways on a phone: reachable with Tab.
            <div class="table-scroll" tabindex="0">
                <table class="entries" data-testid="entries">
                    <thead>
                        <tr>
                            <th scope="col">{i18n.text(ScoringText::StageColumn)}</th>
                            <th scope="col" class="num">{i18n.text(ScoringText::MeetsNow)}</th>
                            <th scope="col" class="num">{i18n.text(ScoringText::LastWeek)}</th>
                            <th scope="col" class="num">{i18n.text(ScoringText::PerWeek)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <details class="weekly">
                <summary>{i18n.text(ScoringText::WeeklyDetail)}</summary>
                <div class="table-scroll" tabindex="0">
                    <table class="entries">
                        <thead>
                            <tr>
                                <th scope="col">{i18n.text(ScoringText::WeekEnding)}</th>
                                {stage_heads}
                            </tr>
                        </thead>
                        <tbody>{week_rows}</tbody>
                    </table>
                </div>
            </details>
            <h4>{i18n.text(ScoringText::RepLoadTitle(handoff_stage))}</h4>
            <p class="muted" data-testid="rep-inflow">{i18n.text(ScoringText::RepLoadIntro(handoff_stage, inflow))}</p>
            {rep_rows}
            {(waiting.0 + waiting.1 > 0 && !numbers.week.reps.is_empty()).then(|| view! {
                <p class="muted" data-testid="rep-waiting">{i18n.text(ScoringText::Waiting(waiting.0, waiting.1))}</p>
            })}
        </div>
    }
}
