//! Plain functions the form editor edits a `FormDefinition` through: field types and
//! targets by their wire names, choice lists and origin lists as text, and the
//! progressive-profiling queue kept in field order.

use leadkit_shared::forms::{
    FieldKind, FormDefinition, FormField, Localized, MapsTo, ProgressiveProfiling, SelectOption,
};

/// Every field type, by wire name, in picker order.
pub const KINDS: [&str; 8] = [
    "email", "text", "phone", "number", "select", "checkbox", "textarea", "hidden",
];

/// Every standard target, by wire name, in picker order; `custom` is last.
pub const TARGETS: [&str; 24] = [
    "email",
    "name",
    "given_name",
    "family_name",
    "company",
    "title",
    "phone",
    "country",
    "region",
    "city",
    "postal_code",
    "website",
    "industry",
    "employee_count",
    "source",
    "description",
    "utm_source",
    "utm_medium",
    "utm_campaign",
    "utm_term",
    "utm_content",
    "referrer",
    "landing_page",
    "custom",
];

/// A field type's wire name.
pub fn kind_key(kind: &FieldKind) -> &'static str {
    match kind {
        FieldKind::Email => "email",
        FieldKind::Text => "text",
        FieldKind::Phone => "phone",
        FieldKind::Number => "number",
        FieldKind::Select { .. } => "select",
        FieldKind::Checkbox => "checkbox",
        FieldKind::Textarea => "textarea",
        FieldKind::Hidden => "hidden",
    }
}

/// The type a wire name stands for; a choice list keeps the choices it had.
pub fn kind_of(key: &str, before: &FieldKind) -> FieldKind {
    match key {
        "email" => FieldKind::Email,
        "phone" => FieldKind::Phone,
        "number" => FieldKind::Number,
        "select" => match before {
            FieldKind::Select { options } => FieldKind::Select {
                options: options.clone(),
            },
            _ => FieldKind::Select {
                options: Vec::new(),
            },
        },
        "checkbox" => FieldKind::Checkbox,
        "textarea" => FieldKind::Textarea,
        "hidden" => FieldKind::Hidden,
        _ => FieldKind::Text,
    }
}

/// A target's wire name (`custom` for custom keys).
pub fn target_key(target: &MapsTo) -> String {
    match target {
        MapsTo::Custom { .. } => "custom".into(),
        other => serde_json::to_value(other)
            .ok()
            .and_then(|v| v.get("to").and_then(|t| t.as_str()).map(str::to_owned))
            .unwrap_or_default(),
    }
}

/// The target a wire name stands for; `custom` keeps the custom key it had, else takes
/// `field_name`.
pub fn target_of(key: &str, before: &MapsTo, field_name: &str) -> MapsTo {
    if key == "custom" {
        return match before {
            MapsTo::Custom { key } => MapsTo::Custom { key: key.clone() },
            _ => MapsTo::Custom {
                key: field_name.to_owned(),
            },
        };
    }
    serde_json::from_value(serde_json::json!({ "to": key })).unwrap_or_else(|_| before.clone())
}

/// A choice list as the editor shows it: one `value | 한국어 | English` per line.
pub fn options_text(options: &[SelectOption]) -> String {
    options
        .iter()
        .map(|o| format!("{} | {} | {}", o.value, o.label.ko, o.label.en))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Reads a choice list from its text: blank lines skipped; a line without labels uses
/// its value as both.
pub fn options_from_text(text: &str) -> Vec<SelectOption> {
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let mut parts = line.split('|').map(str::trim);
            let value = parts.next().unwrap_or_default().to_owned();
            let ko = parts
                .next()
                .filter(|s| !s.is_empty())
                .unwrap_or(&value)
                .to_owned();
            let en = parts
                .next()
                .filter(|s| !s.is_empty())
                .unwrap_or(&ko)
                .to_owned();
            SelectOption {
                value,
                label: Localized { ko, en },
            }
        })
        .collect()
}

/// Origins from text, one per line (blank lines skipped).
pub fn origins_from_text(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

/// A new optional text field after the others, named `field_<n>` for the first free n,
/// stored under a custom key of the same name.
pub fn new_field(form: &FormDefinition) -> FormField {
    let name = (1..)
        .map(|n| format!("field_{n}"))
        .find(|name| form.field(name).is_none())
        .unwrap_or_default();
    FormField {
        name: name.clone(),
        kind: FieldKind::Text,
        required: false,
        label: Localized::new("새 항목", "New field"),
        placeholder: None,
        max_len: None,
        maps_to: MapsTo::Custom { key: name },
    }
}

/// Swaps field `index` with the one `up` (true) or down from it; nothing at the ends.
pub fn move_field(form: &mut FormDefinition, index: usize, up: bool) {
    let other = if up {
        index.checked_sub(1)
    } else {
        Some(index + 1)
    };
    if let Some(other) = other.filter(|o| *o < form.fields.len())
        && index < form.fields.len()
    {
        form.fields.swap(index, other);
        sort_queue(form);
    }
}

/// Renames a field and keeps the progressive queue pointing at it.
pub fn rename_field(form: &mut FormDefinition, index: usize, name: String) {
    let Some(field) = form.fields.get_mut(index) else {
        return;
    };
    let old = std::mem::replace(&mut field.name, name.clone());
    if let Some(progressive) = &mut form.progressive {
        for queued in &mut progressive.queue {
            if *queued == old {
                queued.clone_from(&name);
            }
        }
    }
}

/// Puts or takes a field in the progressive queue, which stays in field order.
pub fn set_queued(form: &mut FormDefinition, name: &str, queued: bool) {
    let Some(progressive) = &mut form.progressive else {
        return;
    };
    progressive.queue.retain(|n| n != name);
    if queued {
        progressive.queue.push(name.to_owned());
    }
    sort_queue(form);
}

fn sort_queue(form: &mut FormDefinition) {
    let order: Vec<String> = form.fields.iter().map(|f| f.name.clone()).collect();
    if let Some(progressive) = &mut form.progressive {
        progressive
            .queue
            .sort_by_key(|name| order.iter().position(|n| n == name).unwrap_or(usize::MAX));
    }
}

/// Turns progressive profiling on (asking the optional visible fields later, within a
/// budget of what is asked every time plus two) or off.
pub fn set_progressive(form: &mut FormDefinition, on: bool) {
    if !on {
        form.progressive = None;
        return;
    }
    if form.progressive.is_some() {
        return;
    }
    let queue: Vec<String> = form
        .fields
        .iter()
        .filter(|f| f.is_visible() && !f.required)
        .map(|f| f.name.clone())
        .collect();
    let always = form
        .fields
        .iter()
        .filter(|f| f.is_visible() && !queue.contains(&f.name))
        .count();
    form.progressive = Some(ProgressiveProfiling {
        queue,
        field_budget: u8::try_from(always + 2).unwrap_or(u8::MAX),
    });
}
