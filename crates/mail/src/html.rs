//! Received HTML, made inert for display: the app shows it only from here,
//! inside a sandboxed frame (no scripts, no same-origin), so a message can
//! neither run code nor load anything from the network (no tracking pixels,
//! no remote fonts or styles).

use std::collections::HashSet;

/// The sanitised body: no scripts, event handlers, styles, forms or frames;
/// links keep only `mailto:`; images keep only inline (`data:`/`cid:`)
/// sources, so remote images show as their alt text.
pub fn sanitize(html: &str) -> String {
    ammonia::Builder::default()
        .url_schemes(HashSet::from(["mailto", "cid", "data"]))
        .url_relative(ammonia::UrlRelative::Deny)
        .link_rel(Some("noopener noreferrer nofollow"))
        .attribute_filter(|element, attribute, value| match (element, attribute) {
            // A data: URL is fine for an image, never as a link target.
            ("a", "href") if value.trim_start().to_ascii_lowercase().starts_with("data:") => None,
            _ => Some(value.into()),
        })
        .clean(html)
        .to_string()
}

/// A whole document for an `<iframe sandbox srcdoc>`: the sanitised body
/// under its own Content-Security-Policy that allows nothing but inline
/// images, as a second wall behind the sanitiser.
pub fn inert_document(html: &str) -> String {
    format!(
        "<!doctype html><html><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:\">\
         </head><body>{}</body></html>",
        sanitize(html)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_handlers_and_remote_loads_are_removed_text_stays() {
        let html = r#"<p onclick="steal()">Dear Ada,<script>alert(1)</script></p>
            <img src="https://tracker.example/pixel.gif" alt="logo"><img src="data:image/png;base64,iVBOR" alt="inline">
            <a href="https://example.com/login">portal</a> <a href="javascript:alert(1)">x</a>
            <a href="mailto:dpo@example.com">DPO</a> <a href="data:text/html,hi">d</a>
            <iframe src="https://evil.example"></iframe><style>body{background:url(https://t.example/a)}</style>
            <form action="https://evil.example"><input name="pw"></form><link rel="stylesheet" href="https://x/y.css">"#;
        let clean = sanitize(html);
        for gone in [
            "script",
            "onclick",
            "alert",
            "tracker.example",
            "https://example.com",
            "javascript",
            "iframe",
            "evil.example",
            "t.example",
            "<style",
            "<form",
            "<link",
            "data:text/html",
        ] {
            assert!(!clean.contains(gone), "{gone} survived: {clean}");
        }
        for kept in ["Dear Ada,", "alt=\"logo\"", "data:image/png;base64,iVBOR", "mailto:dpo@example.com", "portal"] {
            assert!(clean.contains(kept), "{kept} lost: {clean}");
        }
        let doc = inert_document("<b>hi</b>");
        assert!(doc.contains("default-src 'none'") && doc.contains("<b>hi</b>"), "{doc}");
    }
}
