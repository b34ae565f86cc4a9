//! The two HTML pages a plain form post can land on: thanks, or what to fix. In Korean
//! and English side by side, since the worker cannot know the visitor's language.

use leadkit_shared::api::ErrorBody;
use leadkit_shared::forms::Localized;

/// Escapes text for HTML element content and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn page(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"ko\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title>\
         <style>body{{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;line-height:1.5}}\
         li{{margin:.25rem 0}}</style></head><body>{body}</body></html>"
    )
}

/// The page after a successful plain form post: the form's own thank-you message when
/// it has one, else a generic one.
pub fn thanks_page(message: Option<&Localized>) -> String {
    let (ko, en) = message.map_or(
        (
            "보내주신 정보를 받았습니다. 곧 연락드리겠습니다.",
            "We received your details and will be in touch soon.",
        ),
        |m| (m.ko.as_str(), m.en.as_str()),
    );
    page(
        "감사합니다 · Thank you",
        &format!(
            "<h1>감사합니다</h1><p>{}</p><h2 lang=\"en\">Thank you</h2><p lang=\"en\">{}</p>",
            escape(ko),
            escape(en)
        ),
    )
}

/// The page listing what is wrong with a plain form post, with a way back to the form.
pub fn errors_page(error: &ErrorBody) -> String {
    let items: String = if error.fields.is_empty() {
        format!("<li>{}</li>", escape(&error.message))
    } else {
        error
            .fields
            .iter()
            .map(|f| {
                format!(
                    "<li><strong>{}</strong>: {}</li>",
                    escape(&f.field),
                    escape(&f.message)
                )
            })
            .collect()
    };
    page(
        "입력 내용을 확인해 주세요 · Please check the form",
        &format!(
            "<h1>입력 내용을 확인해 주세요</h1><p lang=\"en\">Please check the form:</p>\
             <ul>{items}</ul>\
             <p><a href=\"javascript:history.back()\">← 돌아가서 고치기 · Go back and fix</a></p>"
        ),
    )
}
