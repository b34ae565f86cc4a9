//! The lead list: how many leads the workspace has and who they are, newest first.

use leadkit_shared::api::LeadRecord;
use leptos::prelude::*;
use time::{OffsetDateTime, UtcOffset};

use crate::i18n::{Text, use_i18n};

/// Shows the locally stored leads with their count.
#[component]
pub fn LeadList(
    /// The leads to show, already in display order.
    leads: Signal<Vec<LeadRecord>>,
    /// Whether the local store has been read yet; until then the count is unknown.
    loaded: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let count = move || i18n.t(Text::LeadCount(leads.with(Vec::len)));
    view! {
        <section class="leads" aria-labelledby="leads-title">
            <h2 id="leads-title">
                {move || i18n.t(Text::Leads)}
                <span class="count" data-testid="lead-count">
                    {move || if loaded.get() { count() } else { i18n.t(Text::Loading) }}
                </span>
            </h2>
            <Show when=move || loaded.get() && leads.with(Vec::is_empty)>
                <p class="empty">{move || i18n.t(Text::NoLeadsYet)}</p>
            </Show>
            <table class="lead-table" hidden=move || leads.with(Vec::is_empty)>
                <thead>
                    <tr>
                        <th scope="col">{move || i18n.t(Text::Name)}</th>
                        <th scope="col">{move || i18n.t(Text::Company)}</th>
                        <th scope="col">{move || i18n.t(Text::Email)}</th>
                        <th scope="col">{move || i18n.t(Text::Captured)}</th>
                    </tr>
                </thead>
                <tbody>
                    <For each=move || leads.get() key=|lead| lead.id let:lead>
                        <tr data-testid="lead-row">
                            <td>{lead.name.clone()}</td>
                            <td>{lead.company.clone()}</td>
                            <td>{lead.email.clone()}</td>
                            <td>
                                <time datetime=lead.captured_at.unix_timestamp().to_string()>
                                    {local_time(lead.captured_at)}
                                </time>
                            </td>
                        </tr>
                    </For>
                </tbody>
            </table>
        </section>
    }
}

/// Formats a time in the browser's time zone as `YYYY-MM-DD HH:MM`.
fn local_time(at: OffsetDateTime) -> String {
    // getTimezoneOffset is minutes *behind* UTC (Seoul gives -540).
    let minutes_ahead = -(js_sys::Date::new_0().get_timezone_offset() as i32);
    let offset = UtcOffset::from_whole_seconds(minutes_ahead * 60).unwrap_or(UtcOffset::UTC);
    let local = at.to_offset(offset);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        local.year(),
        u8::from(local.month()),
        local.day(),
        local.hour(),
        local.minute()
    )
}
