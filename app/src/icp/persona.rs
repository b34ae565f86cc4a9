//! One persona's card: its name, tier cut-offs and criteria, each editable, with the
//! engine's objection to any of them shown where it applies.

use leadkit_shared::icp::{Criterion, Icp};
use leadkit_shared::model::Field;
use leadkit_shared::predicate::Operator;
use leptos::prelude::*;

use super::criterion::CriterionRow;
use super::text::IcpText;
use crate::engine_config::{Anchor, ConfigText, EditField, parse_whole, use_config_editor};
use crate::i18n::use_i18n;

/// A criterion a new row starts with: valid at once, so the counts keep running.
pub fn new_criterion() -> Criterion {
    Criterion {
        field: Field::Title,
        operator: Operator::Exists,
        weight: 10,
        label: None,
    }
}

/// The persona at `index` of the draft.
#[component]
pub fn PersonaCard(
    /// The persona's position in the draft's list.
    index: usize,
) -> impl IntoView {
    let i18n = use_i18n();
    let editor = use_config_editor();
    let read = move |f: fn(&Icp) -> String| {
        Memo::new(move |_| {
            editor
                .draft
                .with(|c| c.icp.personas.get(index).map(f).unwrap_or_default())
        })
    };
    let name = read(|p| p.name.clone());
    let cutoff_a = read(|p| p.tier_cutoffs.a.to_string());
    let cutoff_b = read(|p| p.tier_cutoffs.b.to_string());
    let cutoff_c = read(|p| p.tier_cutoffs.c.to_string());
    let total_weight = Memo::new(move |_| {
        editor.draft.with(|c| {
            c.icp.personas.get(index).map_or(0, |p| {
                p.criteria.iter().map(|c| u64::from(c.weight)).sum::<u64>()
            })
        })
    });
    let problem = Signal::derive(move || {
        editor.problem.with(|p| {
            p.as_ref()
                .filter(|p| p.anchor == Anchor::Persona(index))
                .map(|p| i18n.t(ConfigText::Problem(p.text.clone())))
        })
    });
    let set_cutoff = move |which: char| {
        Callback::new(move |text: String| {
            let value = parse_whole(&text, 0, 100)?;
            let value = u8::try_from(value).unwrap_or(100);
            editor.edit(|c| {
                if let Some(p) = c.icp.personas.get_mut(index) {
                    match which {
                        'a' => p.tier_cutoffs.a = value,
                        'b' => p.tier_cutoffs.b = value,
                        _ => p.tier_cutoffs.c = value,
                    }
                }
            });
            Ok(())
        })
    };
    let criteria = move || {
        editor.shape.track();
        let len = editor
            .draft
            .with_untracked(|c| c.icp.personas.get(index).map_or(0, |p| p.criteria.len()));
        (0..len)
            .map(|criterion| view! { <CriterionRow persona=index criterion=criterion /> })
            .collect_view()
    };
    let heading_id = format!("persona-{index}-title");
    let labelled_by = heading_id.clone();
    view! {
        <section class="card persona" aria-labelledby=labelled_by data-testid="persona">
            <h3 id=heading_id>{move || name.get()}</h3>
            <EditField
                label=i18n.text(IcpText::PersonaName)
                value=name
                key=format!("icp.{index}.name")
                testid="persona-name"
                problem=problem
                apply=Callback::new(move |text: String| {
                    editor.edit(|c| {
                        if let Some(p) = c.icp.personas.get_mut(index) {
                            p.name = text;
                        }
                    });
                    Ok(())
                })
            />
            <fieldset class="cutoffs">
                <legend>{i18n.text(IcpText::Cutoffs)}</legend>
                <p class="muted hint">{i18n.text(IcpText::CutoffsHint)}</p>
                <div class="row">
                    <EditField
                        label=i18n.text(IcpText::Cutoff("A"))
                        value=cutoff_a
                        key=format!("icp.{index}.cutoff.a")
                        input_type="number"
                        testid="cutoff-a"
                        apply=set_cutoff('a')
                    />
                    <EditField
                        label=i18n.text(IcpText::Cutoff("B"))
                        value=cutoff_b
                        key=format!("icp.{index}.cutoff.b")
                        input_type="number"
                        testid="cutoff-b"
                        apply=set_cutoff('b')
                    />
                    <EditField
                        label=i18n.text(IcpText::Cutoff("C"))
                        value=cutoff_c
                        key=format!("icp.{index}.cutoff.c")
                        input_type="number"
                        testid="cutoff-c"
                        apply=set_cutoff('c')
                    />
                </div>
            </fieldset>
            <h4>
                {i18n.text(IcpText::Criteria)}
                " "
                <span class="muted">{move || i18n.t(IcpText::TotalWeight(total_weight.get()))}</span>
            </h4>
            <ol class="criteria">{criteria}</ol>
            <div class="actions">
                <button
                    class="secondary"
                    data-testid="add-criterion"
                    on:click=move |_| editor.restructure(|c| {
                        if let Some(p) = c.icp.personas.get_mut(index) {
                            p.criteria.push(new_criterion());
                        }
                    })
                >
                    {i18n.text(IcpText::AddCriterion)}
                </button>
                <button
                    class="danger-link"
                    on:click=move |_| editor.restructure(|c| {
                        if index < c.icp.personas.len() {
                            c.icp.personas.remove(index);
                        }
                    })
                >
                    {move || i18n.t(IcpText::RemovePersona(name.get()))}
                </button>
            </div>
        </section>
    }
}
