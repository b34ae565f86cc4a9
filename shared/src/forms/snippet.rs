//! The HTML a team pastes into its site to put a form there: the tracking script, the
//! element the form renders into, and the embed script, pointed at the worker's origin.

/// The element id the snippet renders the form into.
pub const EMBED_TARGET_ID: &str = "lead-form";

/// The snippet for form `form_id` served from `origin` (`https://leads.acme.co.kr`): `t.js`
/// first so the page view and the form post share one visitor id, then the target
/// element and `embed.js`. Both values are escaped for an HTML attribute, so whatever
/// they hold cannot break out of the tags.
pub fn embed_snippet(origin: &str, form_id: &str) -> String {
    let base = format!(
        "{}/f/{}",
        attribute(origin.trim().trim_end_matches('/')),
        attribute(form_id)
    );
    format!(
        "<script src=\"{base}/t.js\"></script>\n\
         <div id=\"{EMBED_TARGET_ID}\"></div>\n\
         <script src=\"{base}/embed.js\" data-target=\"#{EMBED_TARGET_ID}\"></script>"
    )
}

/// `text` safe inside a double-quoted HTML attribute.
fn attribute(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_snippet_loads_tracking_then_the_form_from_the_origin() {
        assert_eq!(
            embed_snippet("https://leads.acme.co.kr/", "contact"),
            "<script src=\"https://leads.acme.co.kr/f/contact/t.js\"></script>\n\
             <div id=\"lead-form\"></div>\n\
             <script src=\"https://leads.acme.co.kr/f/contact/embed.js\" data-target=\"#lead-form\"></script>"
        );
    }

    #[test]
    fn nothing_breaks_out_of_the_attribute() {
        let snippet = embed_snippet("https://x.kr\"><script>", "a&b");
        assert!(snippet.contains("https://x.kr&quot;&gt;&lt;script&gt;/f/a&amp;b/t.js"));
        assert_eq!(snippet.matches("<script").count(), 2);
    }
}
