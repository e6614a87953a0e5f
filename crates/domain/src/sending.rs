//! How a letter can be sent: by e-mail, through the recipient's own web form,
//! or by post — the ways its recipient offers, most direct first. The UI shows
//! these and nothing else; what each way does to the deadline is said here.

use serde::{Deserialize, Serialize};

use crate::letter::Party;

/// One way of sending a letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Way {
    /// From the user's own mailbox (or their mail program).
    Email,
    /// Pasted into the recipient's privacy web form, in the user's browser.
    WebForm,
    /// Printed, signed and posted (registered, with a return receipt, where it matters).
    Post,
}

impl Way {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::WebForm => "web_form",
            Self::Post => "post",
        }
    }
}

/// A way to send one letter, with where it goes and what it means.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct WayToSend {
    pub way: Way,
    /// The address, the form's URL, or the postal address on one line.
    pub target: String,
    /// What its button says.
    pub button: String,
    /// What happens, and when the deadline starts.
    pub explain: String,
}

/// The ways the recipient offers, most direct first: e-mail (replies file
/// themselves to the request), then the web form (received the moment it is
/// submitted), then post. A recipient with none of them yields nothing — the
/// user has to find a way, and the UI says so.
pub fn ways_to_send(recipient: &Party) -> Vec<WayToSend> {
    let mut out = Vec::new();
    if !recipient.email.trim().is_empty() {
        out.push(WayToSend {
            way: Way::Email,
            target: recipient.email.trim().to_owned(),
            button: "Send by e-mail".into(),
            explain: "Sent from your own mailbox; the deadline runs from the day it arrives, and replies are filed \
                      to this request."
                .into(),
        });
    }
    let form = recipient.web_form.trim();
    // Only https: the window opens nothing else in the browser, and a form for personal data needs TLS.
    if form.starts_with("https://") {
        out.push(WayToSend {
            way: Way::WebForm,
            target: form.to_owned(),
            button: "Send through their form".into(),
            explain: "The letter is copied for you and their form opens in your browser: paste it there and \
                      submit. A form is received when you submit it, so the deadline starts that day; keep their \
                      confirmation with the request."
                .into(),
        });
    }
    let address: Vec<&str> = recipient.address.iter().map(|l| l.trim()).filter(|l| !l.is_empty()).collect();
    if !address.is_empty() {
        out.push(WayToSend {
            way: Way::Post,
            target: address.join(", "),
            button: "Print and post it".into(),
            explain: "Save the PDF, sign and post it, registered with a return receipt: the deadline runs from \
                      the day on the receipt."
                .into(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn party(email: &str, web_form: &str, address: &[&str]) -> Party {
        Party {
            name: "TikTok Technology Limited".into(),
            address: address.iter().map(|l| (*l).to_owned()).collect(),
            email: email.into(),
            web_form: web_form.into(),
        }
    }

    #[test]
    fn a_platform_with_a_form_and_an_address_is_reached_through_the_form_first() {
        let ways = ways_to_send(&party(
            "",
            "https://www.tiktok.com/legal/report/privacy",
            &["10 Earlsfort Terrace", " ", "Dublin 2"],
        ));
        let kinds: Vec<Way> = ways.iter().map(|w| w.way).collect();
        assert_eq!(kinds, [Way::WebForm, Way::Post]);
        assert_eq!(ways[0].target, "https://www.tiktok.com/legal/report/privacy");
        assert_eq!(ways[1].target, "10 Earlsfort Terrace, Dublin 2");
        assert!(ways[0].explain.contains("deadline starts that day"));
    }

    #[test]
    fn e_mail_comes_first_and_a_form_that_is_no_web_address_is_not_offered() {
        let ways = ways_to_send(&party("privacy@example.com", "javascript:alert(1)", &[]));
        assert_eq!(ways.iter().map(|w| w.way).collect::<Vec<_>>(), [Way::Email]);
        let ways = ways_to_send(&party("privacy@example.com", "http://plain.example/form", &[]));
        assert_eq!(ways.iter().map(|w| w.way).collect::<Vec<_>>(), [Way::Email]);
        assert!(ways_to_send(&party(" ", "", &[])).is_empty());
    }
}
