//! The filter panel: one group of checkboxes per filterable column, each value with how
//! many leads have it, so the user sees what a filter will leave before ticking it.

use std::collections::BTreeSet;

use leadkit_shared::table::{FilterOptions, Filters, TableQuery};
use leptos::prelude::*;

use super::text::{LeadsText, stage_name};
use crate::i18n::use_i18n;

/// Whether a checkbox's value is in the filters.
type IsOn = Box<dyn Fn(&Filters) -> bool + Send + Sync>;
/// Adds or removes a checkbox's value.
type Flip = Box<dyn Fn(&mut Filters) + Send + Sync>;

/// One checkbox: its label, its count, and how it reads and flips the filters.
struct Choice {
    label: String,
    count: usize,
    is_on: IsOn,
    flip: Flip,
}

fn flip_in<T: Ord + Clone + Send + Sync + 'static>(
    value: T,
    set: fn(&mut Filters) -> &mut BTreeSet<T>,
    get: fn(&Filters) -> &BTreeSet<T>,
) -> (IsOn, Flip) {
    let probe = value.clone();
    (
        Box::new(move |f| get(f).contains(&probe)),
        Box::new(move |f| {
            let s = set(f);
            if !s.remove(&value) {
                s.insert(value.clone());
            }
        }),
    )
}

fn text_choices(
    values: &[(String, usize)],
    empty: &str,
    set: fn(&mut Filters) -> &mut BTreeSet<String>,
    get: fn(&Filters) -> &BTreeSet<String>,
) -> Vec<Choice> {
    values
        .iter()
        .map(|(value, count)| {
            let (is_on, flip) = flip_in(value.clone(), set, get);
            Choice {
                label: if value.is_empty() {
                    empty.to_owned()
                } else {
                    value.clone()
                },
                count: *count,
                is_on,
                flip,
            }
        })
        .collect()
}

/// The filter checkboxes over `options`, editing `query`'s filters.
#[component]
pub fn FilterPanel(
    /// The values present in the table, with their counts.
    options: Signal<FilterOptions>,
    /// The query whose filters the boxes edit.
    query: RwSignal<TableQuery>,
) -> impl IntoView {
    let i18n = use_i18n();
    let group = move |legend: LeadsText, choices: Vec<Choice>| {
        let boxes = choices
            .into_iter()
            .map(|choice| {
                let Choice {
                    label,
                    count,
                    is_on,
                    flip,
                } = choice;
                view! {
                    <label class="check">
                        <input
                            type="checkbox"
                            prop:checked=move || query.with(|q| is_on(&q.filters))
                            on:change=move |_| query.update(|q| flip(&mut q.filters))
                        />
                        <span class="label">{label}</span>
                        <span class="count">{count}</span>
                    </label>
                }
            })
            .collect_view();
        view! {
            <fieldset class="filter-group">
                <legend>{i18n.t(legend)}</legend>
                {boxes}
            </fieldset>
        }
    };
    view! {
        <div class="filter-panel">
            {move || {
                let o = options.get();
                let locale = i18n.locale.get();
                let none = i18n.t(LeadsText::NoValue);
                let stages = o
                    .stages
                    .iter()
                    .map(|(stage, count)| {
                        let (is_on, flip) = flip_in(*stage, |f| &mut f.stages, |f| &f.stages);
                        Choice {
                            label: stage_name(*stage, locale).to_owned(),
                            count: *count,
                            is_on,
                            flip,
                        }
                    })
                    .collect();
                let tiers = o
                    .tiers
                    .iter()
                    .map(|(tier, count)| {
                        let (is_on, flip) = flip_in(*tier, |f| &mut f.tiers, |f| &f.tiers);
                        Choice {
                            label: i18n.t(LeadsText::Tier(*tier)),
                            count: *count,
                            is_on,
                            flip,
                        }
                    })
                    .collect();
                view! {
                    {group(LeadsText::StageFilter, stages)}
                    {group(LeadsText::TierFilter, tiers)}
                    {group(
                        LeadsText::PersonaFilter,
                        text_choices(&o.personas, &none, |f| &mut f.personas, |f| &f.personas),
                    )}
                    {group(
                        LeadsText::OwnerFilter,
                        text_choices(
                            &o.owners,
                            &i18n.t(LeadsText::Unassigned),
                            |f| &mut f.owners,
                            |f| &f.owners,
                        ),
                    )}
                    {group(
                        LeadsText::SourceFilter,
                        text_choices(&o.sources, &none, |f| &mut f.sources, |f| &f.sources),
                    )}
                }
            }}
        </div>
    }
}
