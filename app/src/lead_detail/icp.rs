//! ICP criteria per persona: which the lead meets and which it misses, with their
//! weights, the best persona first in attention but every persona listed.

use leadkit_shared::icp::{CriterionOutcome, PersonaFit};
use leptos::prelude::*;

use super::text::DetailText;
use crate::i18n::use_i18n;
use crate::icp::text::field_label;

/// The ICP panel.
#[component]
pub fn IcpPanel(
    /// Each persona's fit, in definition order.
    personas: Vec<PersonaFit>,
) -> impl IntoView {
    let i18n = use_i18n();
    let body = if personas.is_empty() {
        view! { <p class="empty">{i18n.text(DetailText::NoPersonas)}</p> }.into_any()
    } else {
        personas
            .into_iter()
            .map(|p| {
                let criteria = |outcomes: Vec<CriterionOutcome>, met: bool| {
                    outcomes
                        .into_iter()
                        .map(|o| {
                            let label = o.label.clone();
                            let field = o.field.clone();
                            view! {
                                <li class=if met { "criterion met" } else { "criterion missed" } data-testid="icp-criterion">
                                    <span class="mark" aria-hidden="true">{if met { "✓" } else { "✗" }}</span>
                                    <span class="visually-hidden">{i18n.text(if met { DetailText::Matched } else { DetailText::Missed })}</span>
                                    <span class="what">{move || label.clone().unwrap_or_else(|| field_label(&field, i18n.locale.get()))}</span>
                                    <span class="num">{format!("{}", o.weight)}</span>
                                </li>
                            }
                        })
                        .collect_view()
                };
                view! {
                    <section class="persona" class:best=p.best data-testid="icp-persona">
                        <h4>
                            {p.persona.clone()}
                            {p.best.then(|| view! { <span class="badge">{i18n.text(DetailText::BestPersona)}</span> })}
                        </h4>
                        <p class="detail">{p.tier.as_str()} " · " {i18n.text(DetailText::FitOf(p.fit_percent))}</p>
                        <ul class="criteria">{criteria(p.matched, true)}{criteria(p.missed, false)}</ul>
                    </section>
                }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <section class="card icp-fit" aria-labelledby="icp-fit-title">
            <h3 id="icp-fit-title">{i18n.text(DetailText::IcpCriteria)}</h3>
            {body}
        </section>
    }
}
