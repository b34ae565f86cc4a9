//! A row of radio buttons that reads as one segmented control: the period of a report,
//! what to group by, which attribution model. Radios (not buttons) so the choice is one
//! tab stop, arrow keys move it, and screen readers say "2 of 3".

use leptos::prelude::*;

/// One choice among `options`, bound to `selected`.
#[component]
pub fn Segmented<T, L>(
    /// The radio group's name, unique on the page.
    name: &'static str,
    /// What is being chosen.
    #[prop(into)]
    legend: Signal<String>,
    /// The choices, in order.
    options: Vec<T>,
    /// A choice's stable key: the radio's value and its test id suffix.
    key: fn(T) -> &'static str,
    /// A choice's label in the current language (read reactively).
    label: L,
    /// The chosen value.
    selected: RwSignal<T>,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
    L: Fn(T) -> String + Copy + Send + Sync + 'static,
{
    let choices = options
        .into_iter()
        .map(|option| {
            let value = key(option);
            view! {
                <label class="segment">
                    <input
                        type="radio"
                        name=name
                        value=value
                        data-testid=format!("{name}-{value}")
                        prop:checked=move || selected.get() == option
                        on:change=move |_| selected.set(option)
                    />
                    <span>{move || label(option)}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="segmented">
            <legend>{legend}</legend>
            <div class="segments">{choices}</div>
        </fieldset>
    }
}
