//! Which language a letter is written in: the languages there are templates
//! for, and the choice between the user's wish, the controller's request
//! language and the person's country.

use serde::{Deserialize, Serialize};

/// A language letters are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum Language {
    En,
    De,
    Fr,
    Es,
    It,
    Nl,
    Pl,
}

impl Language {
    pub const ALL: [Language; 7] = [Self::En, Self::De, Self::Fr, Self::Es, Self::It, Self::Nl, Self::Pl];

    /// ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::De => "de",
            Self::Fr => "fr",
            Self::Es => "es",
            Self::It => "it",
            Self::Nl => "nl",
            Self::Pl => "pl",
        }
    }

    /// English name, for the UI and notices.
    pub fn name(self) -> &'static str {
        match self {
            Self::En => "English",
            Self::De => "German",
            Self::Fr => "French",
            Self::Es => "Spanish",
            Self::It => "Italian",
            Self::Nl => "Dutch",
            Self::Pl => "Polish",
        }
    }

    /// The language's own name for itself, for choosing it.
    pub fn endonym(self) -> &'static str {
        match self {
            Self::En => "English",
            Self::De => "Deutsch",
            Self::Fr => "Français",
            Self::Es => "Español",
            Self::It => "Italiano",
            Self::Nl => "Nederlands",
            Self::Pl => "Polski",
        }
    }

    /// Accepts `de`, `DE`, `de-AT`, `de_DE`.
    pub fn parse(s: &str) -> Option<Self> {
        let code = s.trim().get(..2)?.to_ascii_lowercase();
        Self::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The usual language of letters to or from a country (ISO 3166-1 alpha-2).
    pub fn of_country(country: &str) -> Option<Self> {
        Some(match country.trim().to_ascii_uppercase().as_str() {
            "DE" | "AT" | "LI" => Self::De,
            "FR" | "LU" | "MC" => Self::Fr,
            "ES" => Self::Es,
            "IT" | "SM" | "VA" => Self::It,
            "NL" | "BE" => Self::Nl,
            "PL" => Self::Pl,
            "IE" | "MT" | "GB" | "US" => Self::En,
            _ => return None,
        })
    }
}

/// The language a letter is written in, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
pub struct LanguageChoice {
    pub language: Language,
    /// Shown to the user when the wanted language is not available.
    pub notice: Option<String>,
}

/// The user's choice, else the controller's request language, else the
/// person's (by the country of their address), else English. A language
/// without templates falls back with a notice, never silently.
pub fn choose_language(user: Option<&str>, controller: &str, person_country: &str) -> LanguageChoice {
    let fallback = || Language::of_country(person_country).unwrap_or(Language::En);
    let wanted = user.map(str::trim).filter(|s| !s.is_empty()).or(Some(controller.trim()).filter(|s| !s.is_empty()));
    match wanted {
        None => LanguageChoice { language: fallback(), notice: None },
        Some(code) => match Language::parse(code) {
            Some(language) => LanguageChoice { language, notice: None },
            None => {
                let language = fallback();
                LanguageChoice {
                    language,
                    notice: Some(format!(
                        "Letters in “{code}” are not available; this one is written in {}. \
                         Check that the controller accepts it, or translate it before sending.",
                        language.name()
                    )),
                }
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_choice_order_and_fallback() {
        assert_eq!(choose_language(Some("fr"), "de", "PL").language, Language::Fr);
        assert_eq!(choose_language(None, "de", "PL").language, Language::De);
        assert_eq!(choose_language(Some(""), "", "PL").language, Language::Pl);
        assert_eq!(choose_language(None, "", "").language, Language::En);
        let c = choose_language(None, "sv", "AT");
        assert_eq!(c.language, Language::De);
        assert!(c.notice.unwrap().contains("“sv”"));
        assert_eq!(Language::parse("de-AT"), Some(Language::De));
        assert_eq!(Language::parse("x"), None);
    }
}
