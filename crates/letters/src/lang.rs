//! What differs between languages outside the templates: how an article is
//! cited, how a date is written, the words of the letter's furniture.

use chrono::{Datelike, NaiveDate};
use rightsdesk_domain::Language;

/// A provision in compact notation: `15`, `15(3)`, `15(1)(a)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provision {
    pub article: u32,
    pub paragraph: Option<u32>,
    pub point: Option<char>,
}

impl Provision {
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        let (num, rest) = s.split_at(s.find('(').unwrap_or(s.len()));
        let article = num.parse().ok()?;
        let mut parts = rest.split(')').filter(|p| !p.is_empty()).map(|p| p.strip_prefix('('));
        let paragraph = match parts.next() {
            None => None,
            Some(p) => Some(p?.parse().ok()?),
        };
        let point = match parts.next() {
            None => None,
            Some(p) => {
                let p = p?;
                let mut chars = p.chars();
                let c = chars.next().filter(|c| c.is_ascii_lowercase())?;
                if chars.next().is_some() {
                    return None;
                }
                Some(c)
            }
        };
        if parts.next().is_some() {
            return None;
        }
        Some(Self { article, paragraph, point })
    }
}

/// `cite(De, "15(1)(a)")` → `Art. 15 Abs. 1 lit. a DSGVO`: each language's
/// own way of citing the Regulation.
pub fn cite(lang: Language, provision: &str) -> Option<String> {
    let Provision { article: a, paragraph, point } = Provision::parse(provision)?;
    use Language::*;
    Some(match (lang, paragraph, point) {
        (En, None, _) => format!("Article {a} GDPR"),
        (En, Some(p), None) => format!("Article {a}({p}) GDPR"),
        (En, Some(p), Some(l)) => format!("Article {a}({p})({l}) GDPR"),
        (De, None, _) => format!("Art. {a} DSGVO"),
        (De, Some(p), None) => format!("Art. {a} Abs. {p} DSGVO"),
        (De, Some(p), Some(l)) => format!("Art. {a} Abs. {p} lit. {l} DSGVO"),
        (Fr, None, _) => format!("article {a} du RGPD"),
        (Fr, Some(p), None) => format!("article {a}, paragraphe {p}, du RGPD"),
        (Fr, Some(p), Some(l)) => format!("article {a}, paragraphe {p}, point {l}), du RGPD"),
        (Es, None, _) => format!("artículo {a} del RGPD"),
        (Es, Some(p), None) => format!("artículo {a}, apartado {p}, del RGPD"),
        (Es, Some(p), Some(l)) => format!("artículo {a}, apartado {p}, letra {l}), del RGPD"),
        (It, None, _) => format!("articolo {a} del GDPR"),
        (It, Some(p), None) => format!("articolo {a}, paragrafo {p}, del GDPR"),
        (It, Some(p), Some(l)) => format!("articolo {a}, paragrafo {p}, lettera {l}), del GDPR"),
        (Nl, None, _) => format!("artikel {a} AVG"),
        (Nl, Some(p), None) => format!("artikel {a}, lid {p}, AVG"),
        (Nl, Some(p), Some(l)) => format!("artikel {a}, lid {p}, onder {l}, AVG"),
        (Pl, None, _) => format!("art. {a} RODO"),
        (Pl, Some(p), None) => format!("art. {a} ust. {p} RODO"),
        (Pl, Some(p), Some(l)) => format!("art. {a} ust. {p} lit. {l} RODO"),
    })
}

const MONTHS: [[&str; 12]; 7] = [
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ],
    [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
    [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
    [
        "gennaio",
        "febbraio",
        "marzo",
        "aprile",
        "maggio",
        "giugno",
        "luglio",
        "agosto",
        "settembre",
        "ottobre",
        "novembre",
        "dicembre",
    ],
    [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ],
    // Polish dates take the genitive.
    [
        "stycznia",
        "lutego",
        "marca",
        "kwietnia",
        "maja",
        "czerwca",
        "lipca",
        "sierpnia",
        "września",
        "października",
        "listopada",
        "grudnia",
    ],
];

fn index(lang: Language) -> usize {
    Language::ALL.iter().position(|l| *l == lang).unwrap_or(0)
}

/// A date as written in a letter: `2 March 2026`, `2. März 2026`, `2 de marzo de 2026`.
pub fn date(lang: Language, d: NaiveDate) -> String {
    let month = MONTHS[index(lang)][d.month0() as usize];
    let (day, year) = (d.day(), d.year());
    match lang {
        Language::De => format!("{day}. {month} {year}"),
        Language::Es => format!("{day} de {month} de {year}"),
        _ => format!("{day} {month} {year}"),
    }
}

/// "Our reference" and "Page" in each language.
pub fn reference_label(lang: Language) -> &'static str {
    [
        "Our reference",
        "Unser Zeichen",
        "Notre référence",
        "Nuestra referencia",
        "Nostro riferimento",
        "Ons kenmerk",
        "Nasz znak",
    ][index(lang)]
}

pub fn page_label(lang: Language) -> &'static str {
    ["Page", "Seite", "Page", "Página", "Pagina", "Pagina", "Strona"][index(lang)]
}

pub fn enclosure_label(lang: Language) -> &'static str {
    ["Enclosure", "Anlage", "Pièce jointe", "Anexo", "Allegato", "Bijlage", "Załącznik"][index(lang)]
}

pub fn enclosures_label(lang: Language) -> &'static str {
    ["Enclosures", "Anlagen", "Pièces jointes", "Anexos", "Allegati", "Bijlagen", "Załączniki"][index(lang)]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn provisions_parse_strictly() {
        assert_eq!(Provision::parse("15(1)(a)"), Some(Provision { article: 15, paragraph: Some(1), point: Some('a') }));
        assert_eq!(Provision::parse("77"), Some(Provision { article: 77, paragraph: None, point: None }));
        for bad in ["", "x", "15(", "15(1)(A)", "15(1)(a)(i)", "15(x)"] {
            assert_eq!(Provision::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn each_language_cites_in_its_own_form() {
        assert_eq!(cite(Language::En, "15(1)(a)").unwrap(), "Article 15(1)(a) GDPR");
        assert_eq!(cite(Language::De, "21(1)").unwrap(), "Art. 21 Abs. 1 DSGVO");
        assert_eq!(cite(Language::Pl, "17(1)(c)").unwrap(), "art. 17 ust. 1 lit. c RODO");
        assert_eq!(cite(Language::Nl, "77").unwrap(), "artikel 77 AVG");
    }

    #[test]
    fn dates_in_words() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        assert_eq!(date(Language::En, d), "2 March 2026");
        assert_eq!(date(Language::De, d), "2. März 2026");
        assert_eq!(date(Language::Es, d), "2 de marzo de 2026");
        assert_eq!(date(Language::Pl, d), "2 marca 2026");
    }
}
