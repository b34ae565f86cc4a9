//! The mapping step: each column's header, its first values, and where its values go,
//! pre-filled by `guess_mapping`; the mapping's problem shown at the column at fault.

use std::sync::Arc;

use leadkit_shared::csv_io::{ColumnMapping, ColumnTarget, MappingError, Table, target_choices};
use leptos::prelude::*;

use super::text::ImportText;
use crate::i18n::use_i18n;

/// Values shown per column.
const SAMPLES: usize = 3;

/// The mapping table (stacked cards on a phone).
#[component]
pub fn MappingTable(
    /// The file as read.
    table: Arc<Table>,
    /// The mapping the person edits.
    mapping: RwSignal<ColumnMapping>,
    /// Why the mapping cannot be used, if it cannot.
    problem: Memo<Option<MappingError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let rows = table
        .headers
        .iter()
        .enumerate()
        .map(|(i, header)| {
            let samples: Vec<String> = table
                .rows
                .iter()
                .filter_map(|r| r.cells.get(i))
                .filter(|c| !c.trim().is_empty())
                .take(SAMPLES)
                .cloned()
                .collect();
            let choices: Arc<Vec<ColumnTarget>> = Arc::new(target_choices(header));
            let select_id = format!("import-target-{i}");
            let error_id = format!("import-target-error-{i}");
            let at_fault = move || problem.with(|p| p.as_ref().and_then(MappingError::column_index) == Some(i));
            let choose = {
                let choices = Arc::clone(&choices);
                move |ev: leptos::ev::Event| {
                    let picked = event_target_value(&ev)
                        .parse::<usize>()
                        .ok()
                        .and_then(|n| choices.get(n).cloned());
                    if let Some(target) = picked {
                        mapping.update(|m| {
                            let _ = m.set(i, target);
                        });
                    }
                }
            };
            let options = choices
                .iter()
                .enumerate()
                .map(|(n, target)| {
                    let target = target.clone();
                    let label = i18n.text(ImportText::TargetName(target.clone()));
                    let selected = move || mapping.with(|m| *m.target(i) == target);
                    view! { <option value=n.to_string() selected=selected>{label}</option> }
                })
                .collect_view();
            let error_text = move || {
                problem
                    .get()
                    .filter(|p| p.column_index() == Some(i))
                    .map(|p| i18n.t(ImportText::Mapping(p)))
            };
            view! {
                <tr class:at-fault=at_fault>
                    <th scope="row" data-label=move || i18n.t(ImportText::Column)>
                        <label for=select_id.clone()>{header.clone()}</label>
                    </th>
                    <td class="samples" data-label=move || i18n.t(ImportText::Sample)>
                        {samples.into_iter().map(|s| view! { <span class="sample">{s}</span> }).collect_view()}
                    </td>
                    <td data-label=move || i18n.t(ImportText::Target)>
                        <select
                            id=select_id
                            data-testid=format!("import-target-{i}")
                            aria-describedby=error_id.clone()
                            aria-invalid=move || at_fault().to_string()
                            on:change=choose
                        >
                            {options}
                        </select>
                        <span class="field-error" id=error_id role="alert">{error_text}</span>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="import-mapping" data-testid="import-mapping">
            <caption>{i18n.text(ImportText::MappingHint)}</caption>
            <thead>
                <tr>
                    <th scope="col">{i18n.text(ImportText::Column)}</th>
                    <th scope="col">{i18n.text(ImportText::Sample)}</th>
                    <th scope="col">{i18n.text(ImportText::Target)}</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
