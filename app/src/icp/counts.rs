//! The live tier counts: the local leads matched against the personas being edited,
//! recounted a moment after each edit. The leads' fields are read into a
//! [`FieldIndex`] once, so a recount of 100k leads is a few table lookups each.

use std::sync::Arc;
use std::time::Duration;

use leadkit_shared::api::LeadRecord;
use leadkit_shared::icp::{FieldIndex, FitColumns, IcpError, IcpSet, TierCounts, match_indexed};
use leadkit_shared::model::{Account, Lead};
use leptos::prelude::*;
use leptos::task::spawn_local;

use super::text::IcpText;
use crate::data::use_workspace;
use crate::engine_config::use_config_editor;
use crate::i18n::format::number;
use crate::i18n::use_i18n;

/// How long the editor waits after an edit before recounting, so typing a word
/// recounts once.
const DEBOUNCE: Duration = Duration::from_millis(150);

/// The local leads ready to be recounted under edited personas.
pub struct CountBase {
    leads: Vec<Lead>,
    skipped: usize,
    index: FieldIndex,
}

impl CountBase {
    /// The leads of `records` that carry their whole record (older local copies without
    /// one are skipped and counted as such).
    pub fn new(records: &[LeadRecord]) -> Self {
        let leads: Vec<Lead> = records
            .iter()
            .filter_map(|r| r.record.as_deref().cloned())
            .collect();
        let skipped = records.len() - leads.len();
        let index = FieldIndex::new(leads.len());
        Self {
            leads,
            skipped,
            index,
        }
    }

    /// The number of leads counted.
    pub fn len(&self) -> usize {
        self.leads.len()
    }

    /// Whether there is no lead to count.
    pub fn is_empty(&self) -> bool {
        self.leads.is_empty()
    }

    /// Leads left out for lack of a whole record.
    pub fn skipped(&self) -> usize {
        self.skipped
    }

    /// The tier counts under `icp`, or why it cannot be matched. The app keeps no
    /// accounts yet: company fields read what the lead typed.
    pub fn count(&mut self, icp: &IcpSet) -> Result<TierCounts, IcpError> {
        let set = icp.compile()?;
        let pairs: Vec<(&Lead, Option<&Account>)> = self.leads.iter().map(|l| (l, None)).collect();
        let mut columns = FitColumns::default();
        // The index is made for exactly these leads, so lengths always agree.
        if match_indexed(&set, &mut self.index, &pairs, &mut columns).is_err() {
            self.index = FieldIndex::new(pairs.len());
            let _ = match_indexed(&set, &mut self.index, &pairs, &mut columns);
        }
        Ok(TierCounts::of(icp.personas.len(), &columns))
    }
}

const TIERS: [&str; 4] = ["A", "B", "C", "D"];

/// The tier counts panel, recounted as the personas are edited.
#[component]
pub fn TierCountsPanel() -> impl IntoView {
    let i18n = use_i18n();
    let workspace = use_workspace();
    let editor = use_config_editor();
    let icp = Memo::new(move |_| editor.draft.with(|c| c.icp.clone()));
    let base = StoredValue::new(None::<(usize, CountBase)>);
    let generation = StoredValue::new(0u64);
    let counts = RwSignal::new(None::<TierCounts>);
    let names = RwSignal::new(Vec::<String>::new());
    let sizes = RwSignal::new((0usize, 0usize));
    let counting = RwSignal::new(true);
    let stale = RwSignal::new(false);

    Effect::new(move |_| {
        let icp = icp.get();
        let leads: Arc<Vec<LeadRecord>> = workspace.leads.get();
        if !workspace.loaded.get() {
            return;
        }
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        counting.set(true);
        spawn_local(async move {
            gloo_timers::future::sleep(DEBOUNCE).await;
            if generation.try_get_value() != Some(mine) {
                return;
            }
            let key = Arc::as_ptr(&leads) as usize;
            let result = base.try_update_value(|slot| {
                if slot.as_ref().map(|(k, _)| *k) != Some(key) {
                    *slot = Some((key, CountBase::new(&leads)));
                }
                slot.as_mut()
                    .map(|(_, b)| (b.count(&icp), b.len(), b.skipped()))
            });
            if let Some(Some((result, len, skipped))) = result {
                sizes.try_set((len, skipped));
                match result {
                    Ok(c) => {
                        counts.try_set(Some(c));
                        names.try_set(icp.personas.iter().map(|p| p.name.clone()).collect());
                        stale.try_set(false);
                    }
                    Err(_) => {
                        stale.try_set(true);
                    }
                }
            }
            counting.try_set(false);
        });
    });

    let summary = move || {
        counts.with(|c| {
            c.as_ref()
                .map(|c| i18n.t(IcpText::Summary(c.by_tier(), c.unmatched)))
        })
    };
    let rows = move || {
        let counts = counts.get()?;
        let names = names.get();
        let cell = |n: u32, testid: Option<String>| {
            view! { <td class="num" data-testid=testid>{number(i64::from(n))}</td> }
        };
        let persona_rows = names
            .iter()
            .zip(&counts.personas)
            .map(|(name, tiers)| {
                view! {
                    <tr>
                        <th scope="row">{name.clone()}</th>
                        {tiers.iter().map(|n| cell(*n, None)).collect_view()}
                    </tr>
                }
            })
            .collect_view();
        let all = counts.by_tier();
        Some(view! {
            <table class="tier-table">
                <caption class="visually-hidden">{i18n.t(IcpText::CountsTitle)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{i18n.t(IcpText::Persona)}</th>
                        {TIERS.iter().map(|t| view! { <th scope="col" class="num">{*t}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {persona_rows}
                    <tr class="total">
                        <th scope="row">{i18n.t(IcpText::AllPersonas)}</th>
                        {all.iter().zip(TIERS).map(|(n, t)| cell(*n, Some(format!("tier-count-{t}")))).collect_view()}
                    </tr>
                    <tr class="unmatched">
                        <th scope="row">{i18n.t(IcpText::NoMatch)}</th>
                        <td class="num" colspan="4" data-testid="tier-count-none">
                            {number(i64::from(counts.unmatched))}
                        </td>
                    </tr>
                </tbody>
            </table>
        })
    };

    view! {
        <section class="card tier-counts" aria-labelledby="tier-counts-title">
            <h3 id="tier-counts-title">{i18n.text(IcpText::CountsTitle)}</h3>
            <p class="muted">
                {move || i18n.t(IcpText::Leads(sizes.get().0))}
                " "
                <span class="busy">{move || counting.get().then(|| i18n.t(IcpText::Counting))}</span>
            </p>
            <p class="summary" role="status" aria-live="polite" data-testid="tier-summary">{summary}</p>
            {move || (workspace.loaded.get() && sizes.get().0 == 0 && !counting.get())
                .then(|| view! { <p class="empty">{i18n.t(IcpText::NoLeads)}</p> })}
            {rows}
            {move || stale.get().then(|| view! { <p class="field-error">{i18n.t(IcpText::CountsStale)}</p> })}
            {move || {
                let skipped = sizes.get().1;
                (skipped > 0).then(|| view! { <p class="muted">{i18n.t(IcpText::Skipped(skipped))}</p> })
            }}
        </section>
    }
}
