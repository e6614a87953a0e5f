//! Country names as they appear on the last line of postal addresses, to
//! ISO 3166-1 alpha-2 codes. Unknown names give an empty code (unknown), never a guess.

const NAMES: &[(&str, &str)] = &[
    ("deutschland", "DE"),
    ("germany", "DE"),
    ("allemagne", "DE"),
    ("österreich", "AT"),
    ("austria", "AT"),
    ("autriche", "AT"),
    ("schweiz", "CH"),
    ("switzerland", "CH"),
    ("suisse", "CH"),
    ("svizzera", "CH"),
    ("ireland", "IE"),
    ("irland", "IE"),
    ("éire", "IE"),
    ("republic of ireland", "IE"),
    ("france", "FR"),
    ("frankreich", "FR"),
    ("the netherlands", "NL"),
    ("netherlands", "NL"),
    ("nederland", "NL"),
    ("niederlande", "NL"),
    ("pays-bas", "NL"),
    ("luxembourg", "LU"),
    ("luxemburg", "LU"),
    ("lëtzebuerg", "LU"),
    ("belgium", "BE"),
    ("belgique", "BE"),
    ("belgië", "BE"),
    ("belgien", "BE"),
    ("sweden", "SE"),
    ("sverige", "SE"),
    ("schweden", "SE"),
    ("denmark", "DK"),
    ("danmark", "DK"),
    ("dänemark", "DK"),
    ("finland", "FI"),
    ("suomi", "FI"),
    ("finnland", "FI"),
    ("norway", "NO"),
    ("norge", "NO"),
    ("norwegen", "NO"),
    ("iceland", "IS"),
    ("island", "IS"),
    ("spain", "ES"),
    ("españa", "ES"),
    ("spanien", "ES"),
    ("portugal", "PT"),
    ("italy", "IT"),
    ("italia", "IT"),
    ("italien", "IT"),
    ("malta", "MT"),
    ("cyprus", "CY"),
    ("greece", "GR"),
    ("ελλάδα", "GR"),
    ("poland", "PL"),
    ("polska", "PL"),
    ("polen", "PL"),
    ("czech republic", "CZ"),
    ("czechia", "CZ"),
    ("tschechien", "CZ"),
    ("česká republika", "CZ"),
    ("slovakia", "SK"),
    ("slovensko", "SK"),
    ("slovenia", "SI"),
    ("slovenija", "SI"),
    ("hungary", "HU"),
    ("magyarország", "HU"),
    ("romania", "RO"),
    ("românia", "RO"),
    ("bulgaria", "BG"),
    ("croatia", "HR"),
    ("hrvatska", "HR"),
    ("estonia", "EE"),
    ("eesti", "EE"),
    ("latvia", "LV"),
    ("latvija", "LV"),
    ("lithuania", "LT"),
    ("lietuva", "LT"),
    ("liechtenstein", "LI"),
    ("united kingdom", "GB"),
    ("uk", "GB"),
    ("great britain", "GB"),
    ("england", "GB"),
    ("scotland", "GB"),
    ("vereinigtes königreich", "GB"),
    ("großbritannien", "GB"),
    ("united states of america", "US"),
    ("united states", "US"),
    ("usa", "US"),
    ("u.s.a.", "US"),
    ("vereinigte staaten", "US"),
    ("canada", "CA"),
    ("kanada", "CA"),
    ("australia", "AU"),
    ("new zealand", "NZ"),
    ("japan", "JP"),
    ("china", "CN"),
    ("hong kong", "HK"),
    ("singapore", "SG"),
    ("republic of singapore", "SG"),
    ("israel", "IL"),
    ("india", "IN"),
    ("united arab emirates", "AE"),
    ("taiwan", "TW"),
    ("russia", "RU"),
    ("isle of man", "IM"),
    ("gibraltar", "GI"),
    ("morocco", "MA"),
    ("qatar", "QA"),
    ("seychelles", "SC"),
    ("marshall islands", "MH"),
];

/// The ISO code for a country name, or "" when the name is not known.
pub fn code_for(name: &str) -> &'static str {
    let n = name.trim().trim_end_matches('.').to_lowercase();
    NAMES.iter().find(|(k, _)| *k == n).map(|(_, c)| *c).unwrap_or("")
}

/// The country of a postal address: its last line, if that names one.
pub fn of_address(address: &str) -> &'static str {
    address.lines().rev().map(str::trim).find(|l| !l.is_empty()).map(code_for).unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_line_decides() {
        assert_eq!(of_address("10 Earlsfort Terrace\nDublin\nD02 T380\nIreland"), "IE");
        assert_eq!(of_address("Theodor-Heuss-Straße 7\n38097 Braunschweig\nDeutschland\n"), "DE");
        assert_eq!(of_address("1 Infinite Loop\nCupertino"), "");
    }
}
