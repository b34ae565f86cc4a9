//! The follow-up cadence: touches so far by kind, the last one, and when the next
//! outreach is due by the stage's cadence (the shared rule).

use leadkit_shared::lead_view::Cadence;
use leptos::prelude::*;

use super::text::{DetailText, touch_name};
use crate::i18n::format::{date_time, local_offset};
use crate::i18n::use_i18n;

/// The cadence panel.
#[component]
pub fn CadencePanel(
    /// The cadence at the moment shown.
    cadence: Cadence,
) -> impl IntoView {
    let i18n = use_i18n();
    let offset = local_offset();
    let kinds = if cadence.by_kind.is_empty() {
        view! { <p class="empty">{i18n.text(DetailText::NoTouches)}</p> }.into_any()
    } else {
        let chips = cadence
            .by_kind
            .iter()
            .map(|k| {
                let (kind, count) = (k.kind, k.count);
                view! { <li class="chip" data-testid="cadence-kind">{move || format!("{} {count}", touch_name(kind, i18n.locale.get()))}</li> }
            })
            .collect_view();
        view! { <ul class="chips">{chips}</ul> }.into_any()
    };
    let last = cadence.last_touch.map(|(kind, at)| {
        view! {
            <div class="field"><dt>{i18n.text(DetailText::LastTouch)}</dt>
                <dd>{move || format!("{} · {}", touch_name(kind, i18n.locale.get()), date_time(at, offset, i18n.locale.get()))}</dd>
            </div>
        }
    });
    let steps = cadence.template.as_ref().map_or(0, |t| t.step_days.len());
    let follow = cadence.follow_up.clone();
    let state = follow.as_ref().map(|f| f.state);
    let attempts = follow.as_ref().map(|f| {
        let made = f.attempts;
        view! { <div class="field"><dt>{i18n.text(DetailText::CadenceTitle)}</dt><dd>{i18n.text(DetailText::Attempts(made, steps))}</dd></div> }
    });
    let due = follow.as_ref().and_then(|f| f.next_due.map(|due| (due, f.overdue))).map(|(due, overdue)| {
        view! {
            <div class="field" class:overdue=overdue><dt>{i18n.text(DetailText::NextDue)}</dt>
                <dd data-testid="cadence-next-due">
                    {move || date_time(due, offset, i18n.locale.get())}
                    {overdue.then(|| view! { " " <span class="badge warn">{i18n.text(DetailText::Overdue)}</span> })}
                </dd>
            </div>
        }
    });
    view! {
        <section class="card cadence" aria-labelledby="cadence-title">
            <h3 id="cadence-title">{i18n.text(DetailText::CadenceTitle)}</h3>
            <p class="detail" data-testid="cadence-state">{i18n.text(DetailText::Cadence(state))}</p>
            <h4>{i18n.text(DetailText::TouchesByKind)}</h4>
            {kinds}
            <dl class="fields">{last}{attempts}{due}</dl>
        </section>
    }
}
