//! The working calendar the SLA clock runs on: time zone, working hours, the weekly
//! days off and the holidays (Korea's 2026 public holidays by default).

use leadkit_shared::capture::FieldError;
use leptos::prelude::*;

use super::draft::{day_text, offset_name, offsets, parse_day};
use super::inputs::{Draft, DraftInput, bind};
use super::text::{SettingsText, settings_problem};
use crate::i18n::format::date;
use crate::i18n::{tr, use_i18n};
use crate::ui::FieldProblem;

/// The calendar's inputs.
#[component]
pub fn CalendarEditor(
    /// The draft being edited.
    draft: Draft,
    /// The problems of the last save.
    problems: RwSignal<Vec<FieldError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let offset = Memo::new(move |_| draft.with(|d| d.as_ref().map_or(0, |d| d.utc_offset_minutes)));
    let new_holiday = RwSignal::new(String::new());
    let holidays = Memo::new(move |_| {
        draft.with(|d| d.as_ref().map(|d| d.holidays.clone()).unwrap_or_default())
    });
    let add_holiday = move |_| {
        if let Some(day) = parse_day(&new_holiday.get_untracked()) {
            draft.update(|d| {
                if let Some(d) = d {
                    d.add_holiday(day);
                }
            });
            new_holiday.set(String::new());
        }
    };
    let weekday = move |n: u8| {
        let on = move || draft.with(|d| d.as_ref().is_some_and(|d| d.weekend_days.contains(&n)));
        let toggle = move |ev| {
            let checked = event_target_checked(&ev);
            draft.update(|d| {
                if let Some(d) = d {
                    if checked {
                        d.weekend_days.insert(n);
                    } else {
                        d.weekend_days.remove(&n);
                    }
                }
            });
        };
        view! {
            <label class="check day">
                <input type="checkbox" name=format!("weekend-{n}") prop:checked=on on:change=toggle />
                {tr(SettingsText::Weekday(n))}
            </label>
        }
    };

    view! {
        <fieldset class="group calendar">
            <legend>{tr(SettingsText::Calendar)}</legend>
            <label class="field">
                <span class="field-label">{tr(SettingsText::TimeZone)}</span>
                <select
                    name="calendar.utc_offset_minutes"
                    on:change=move |ev| {
                        if let Ok(minutes) = event_target_value(&ev).parse() {
                            draft.update(|d| if let Some(d) = d { d.utc_offset_minutes = minutes });
                        }
                    }
                >
                    {move || offsets(offset.get()).into_iter().map(|m| view! {
                        <option value=m.to_string() selected=m == offset.get()>{offset_name(m)}</option>
                    }).collect_view()}
                </select>
                <FieldProblem problems=problems path="calendar.utc_offset_minutes" explain=settings_problem />
            </label>
            <div class="pair">
                <DraftInput label=SettingsText::DayStart path="calendar.day_start_hour" input_type="number" problems=problems
                    bound=bind(draft, |d| d.day_start_hour.clone(), |d, t| d.day_start_hour = t) />
                <DraftInput label=SettingsText::DayEnd path="calendar.day_end_hour" input_type="number" problems=problems
                    bound=bind(draft, |d| d.day_end_hour.clone(), |d, t| d.day_end_hour = t) />
            </div>
            <fieldset class="days">
                <legend>{tr(SettingsText::WeekendDays)}</legend>
                {(1..=7).map(weekday).collect_view()}
                <FieldProblem problems=problems path="calendar.weekend_days" explain=settings_problem />
            </fieldset>
            <fieldset class="holidays">
                <legend>{tr(SettingsText::Holidays)}</legend>
                <ul class="chips" data-testid="holidays">
                    {move || {
                        let days = holidays.get();
                        if days.is_empty() {
                            return view! { <li class="empty">{i18n.t(SettingsText::NoHolidays)}</li> }.into_any();
                        }
                        days.into_iter().map(|day| {
                            let remove = move |_| draft.update(|d| if let Some(d) = d { d.holidays.retain(|h| *h != day) });
                            let label = date(day.midnight().assume_utc(), time::UtcOffset::UTC, i18n.locale.get());
                            view! {
                                <li class="chip">
                                    <time datetime=day_text(day)>{label.clone()}</time>
                                    <button type="button" class="link" aria-label=format!("{} {label}", i18n.t(SettingsText::RemoveHoliday)) on:click=remove>"×"</button>
                                </li>
                            }
                        }).collect_view().into_any()
                    }}
                </ul>
                <div class="row">
                    <input type="date" name="new-holiday" aria-label=tr(SettingsText::AddHoliday)
                        prop:value=move || new_holiday.get() on:input=move |ev| new_holiday.set(event_target_value(&ev)) />
                    <button type="button" class="secondary" on:click=add_holiday>{tr(SettingsText::AddHoliday)}</button>
                </div>
                <div class="row">
                    <button type="button" class="secondary" data-testid="korean-holidays"
                        on:click=move |_| draft.update(|d| if let Some(d) = d { d.korean_holidays_2026() })>
                        {move || i18n.t(SettingsText::KoreanHolidays2026)}
                    </button>
                    <button type="button" class="secondary" data-testid="clear-holidays"
                        on:click=move |_| draft.update(|d| if let Some(d) = d { d.holidays.clear() })>
                        {tr(SettingsText::ClearHolidays)}
                    </button>
                </div>
            </fieldset>
        </fieldset>
    }
}
