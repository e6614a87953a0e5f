//! Public-holiday calendars for rolling a deadline over non-working days
//! (Reg. 1182/71 Art. 3(4): the period ends on the next working day when its
//! last day is a Saturday, Sunday or public holiday).
//!
//! Only nationwide holidays are listed; regional ones (German Länder, Spanish
//! communities, Alsace-Moselle) are not, and `notes` says so. A country not
//! listed here gets weekends only, and `Calendar::covered` is false so every
//! face can say so instead of pretending.

use chrono::{Datelike, NaiveDate, Weekday};

/// Countries with a holiday calendar.
pub const COVERED: [&str; 10] = ["AT", "BE", "DE", "ES", "FR", "IE", "IT", "LU", "NL", "SE"];

/// The holidays of one country (or none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    /// ISO 3166-1 alpha-2, upper case; empty for "weekends only, by choice".
    pub country: String,
    /// Whether this country's holidays are known to RightsDesk.
    pub covered: bool,
}

impl Calendar {
    /// The calendar for `country` (case-insensitive). Unknown or empty → weekends only.
    pub fn for_country(country: &str) -> Self {
        let country = country.trim().to_ascii_uppercase();
        let covered = COVERED.contains(&country.as_str());
        Self { country, covered }
    }

    /// What the calendar covers, in words.
    pub fn notes(&self) -> String {
        match self.country.as_str() {
            "" => "weekends only (no country chosen)".into(),
            "DE" => "nationwide German holidays; Land holidays (e.g. Epiphany, Corpus Christi, Reformation Day) are not counted".into(),
            "ES" => "Spanish national holidays; regional holidays are not counted".into(),
            "FR" => "French national holidays; Alsace-Moselle's Good Friday and 26 December are not counted".into(),
            "NL" => "holidays of the Algemene termijnenwet (incl. 5 May); Good Friday is not counted".into(),
            "SE" => "Swedish public holidays plus Midsummer Eve, Christmas Eve and New Year's Eve (Act 1930:173)".into(),
            c if self.covered => format!("national public holidays of {c}"),
            c => format!("holidays of {c} are not known to RightsDesk: only weekends are skipped"),
        }
    }

    /// Why `date` is not a working day, or `None` if it is one.
    pub fn non_working_reason(&self, date: NaiveDate) -> Option<String> {
        match date.weekday() {
            Weekday::Sat => return Some("Saturday".into()),
            Weekday::Sun => return Some("Sunday".into()),
            _ => {}
        }
        self.holiday(date).map(|name| format!("public holiday ({}): {name}", self.country))
    }

    /// The name of the public holiday on `date`, if any.
    pub fn holiday(&self, date: NaiveDate) -> Option<&'static str> {
        if !self.covered {
            return None;
        }
        let (y, m, d) = (date.year(), date.month(), date.day());
        let easter = easter_sunday(y);
        let e = (date - easter).num_days();
        let fixed = |mm: u32, dd: u32| m == mm && d == dd;
        let nth_monday = |mm: u32, n: u32| m == mm && date.weekday() == Weekday::Mon && (d - 1) / 7 + 1 == n;
        let last_monday = |mm: u32| m == mm && date.weekday() == Weekday::Mon && d + 7 > days_in_month(y, mm);
        let name = match self.country.as_str() {
            "IE" => match () {
                _ if fixed(1, 1) => "New Year's Day",
                _ if y >= 2023 && m == 2 && is_st_brigids_day(date) => "St Brigid's Day",
                _ if fixed(3, 17) => "St Patrick's Day",
                _ if e == 1 => "Easter Monday",
                _ if nth_monday(5, 1) => "May Day",
                _ if nth_monday(6, 1) => "June Bank Holiday",
                _ if nth_monday(8, 1) => "August Bank Holiday",
                _ if last_monday(10) => "October Bank Holiday",
                _ if fixed(12, 25) => "Christmas Day",
                _ if fixed(12, 26) => "St Stephen's Day",
                _ => return None,
            },
            "DE" => match () {
                _ if fixed(1, 1) => "Neujahr",
                _ if e == -2 => "Karfreitag",
                _ if e == 1 => "Ostermontag",
                _ if fixed(5, 1) => "Tag der Arbeit",
                _ if e == 39 => "Christi Himmelfahrt",
                _ if e == 50 => "Pfingstmontag",
                _ if fixed(10, 3) => "Tag der Deutschen Einheit",
                _ if fixed(12, 25) => "1. Weihnachtstag",
                _ if fixed(12, 26) => "2. Weihnachtstag",
                _ => return None,
            },
            "FR" => match () {
                _ if fixed(1, 1) => "Jour de l'an",
                _ if e == 1 => "Lundi de Pâques",
                _ if fixed(5, 1) => "Fête du Travail",
                _ if fixed(5, 8) => "Victoire 1945",
                _ if e == 39 => "Ascension",
                _ if e == 50 => "Lundi de Pentecôte",
                _ if fixed(7, 14) => "Fête nationale",
                _ if fixed(8, 15) => "Assomption",
                _ if fixed(11, 1) => "Toussaint",
                _ if fixed(11, 11) => "Armistice 1918",
                _ if fixed(12, 25) => "Noël",
                _ => return None,
            },
            "NL" => match () {
                _ if fixed(1, 1) => "Nieuwjaarsdag",
                _ if e == 1 => "Tweede Paasdag",
                _ if is_kings_day(date) => "Koningsdag",
                _ if fixed(5, 5) => "Bevrijdingsdag",
                _ if e == 39 => "Hemelvaartsdag",
                _ if e == 50 => "Tweede Pinksterdag",
                _ if fixed(12, 25) => "Eerste Kerstdag",
                _ if fixed(12, 26) => "Tweede Kerstdag",
                _ => return None,
            },
            "LU" => match () {
                _ if fixed(1, 1) => "Neijoerschdag",
                _ if e == 1 => "Ouschterméindeg",
                _ if fixed(5, 1) => "Dag vun der Aarbecht",
                _ if y >= 2019 && fixed(5, 9) => "Europadag",
                _ if e == 39 => "Christi Himmelfaart",
                _ if e == 50 => "Péngschtméindeg",
                _ if fixed(6, 23) => "Nationalfeierdag",
                _ if fixed(8, 15) => "Léiffrawëschdag",
                _ if fixed(11, 1) => "Allerhellgen",
                _ if fixed(12, 25) => "Chrëschtdag",
                _ if fixed(12, 26) => "Stiefesdag",
                _ => return None,
            },
            "SE" => match () {
                _ if fixed(1, 1) => "Nyårsdagen",
                _ if fixed(1, 6) => "Trettondedag jul",
                _ if e == -2 => "Långfredagen",
                _ if e == 1 => "Annandag påsk",
                _ if fixed(5, 1) => "Första maj",
                _ if e == 39 => "Kristi himmelsfärdsdag",
                _ if fixed(6, 6) => "Sveriges nationaldag",
                _ if m == 6 && (19..=25).contains(&d) && date.weekday() == Weekday::Fri => "Midsommarafton",
                _ if fixed(12, 24) => "Julafton",
                _ if fixed(12, 25) => "Juldagen",
                _ if fixed(12, 26) => "Annandag jul",
                _ if fixed(12, 31) => "Nyårsafton",
                _ => return None,
            },
            "IT" => match () {
                _ if fixed(1, 1) => "Capodanno",
                _ if fixed(1, 6) => "Epifania",
                _ if e == 1 => "Lunedì dell'Angelo",
                _ if fixed(4, 25) => "Festa della Liberazione",
                _ if fixed(5, 1) => "Festa del Lavoro",
                _ if fixed(6, 2) => "Festa della Repubblica",
                _ if fixed(8, 15) => "Ferragosto",
                _ if y >= 2026 && fixed(10, 4) => "San Francesco d'Assisi",
                _ if fixed(11, 1) => "Ognissanti",
                _ if fixed(12, 8) => "Immacolata Concezione",
                _ if fixed(12, 25) => "Natale",
                _ if fixed(12, 26) => "Santo Stefano",
                _ => return None,
            },
            "ES" => match () {
                _ if fixed(1, 1) => "Año Nuevo",
                _ if fixed(1, 6) => "Epifanía del Señor",
                _ if e == -2 => "Viernes Santo",
                _ if fixed(5, 1) => "Fiesta del Trabajo",
                _ if fixed(8, 15) => "Asunción de la Virgen",
                _ if fixed(10, 12) => "Fiesta Nacional de España",
                _ if fixed(11, 1) => "Todos los Santos",
                _ if fixed(12, 6) => "Día de la Constitución",
                _ if fixed(12, 8) => "Inmaculada Concepción",
                _ if fixed(12, 25) => "Natividad del Señor",
                _ => return None,
            },
            "BE" => match () {
                _ if fixed(1, 1) => "Nieuwjaar / Nouvel An",
                _ if e == 1 => "Paasmaandag / Lundi de Pâques",
                _ if fixed(5, 1) => "Feest van de Arbeid / Fête du Travail",
                _ if e == 39 => "O.L.H. Hemelvaart / Ascension",
                _ if e == 50 => "Pinkstermaandag / Lundi de Pentecôte",
                _ if fixed(7, 21) => "Nationale feestdag / Fête nationale",
                _ if fixed(8, 15) => "O.L.V. Hemelvaart / Assomption",
                _ if fixed(11, 1) => "Allerheiligen / Toussaint",
                _ if fixed(11, 11) => "Wapenstilstand / Armistice",
                _ if fixed(12, 25) => "Kerstmis / Noël",
                _ => return None,
            },
            "AT" => match () {
                _ if fixed(1, 1) => "Neujahr",
                _ if fixed(1, 6) => "Heilige Drei Könige",
                _ if e == 1 => "Ostermontag",
                _ if fixed(5, 1) => "Staatsfeiertag",
                _ if e == 39 => "Christi Himmelfahrt",
                _ if e == 50 => "Pfingstmontag",
                _ if e == 60 => "Fronleichnam",
                _ if fixed(8, 15) => "Mariä Himmelfahrt",
                _ if fixed(10, 26) => "Nationalfeiertag",
                _ if fixed(11, 1) => "Allerheiligen",
                _ if fixed(12, 8) => "Mariä Empfängnis",
                _ if fixed(12, 25) => "Christtag",
                _ if fixed(12, 26) => "Stefanitag",
                _ => return None,
            },
            _ => return None,
        };
        Some(name)
    }
}

/// Ireland: the first Monday in February, or 1 February when that is a Friday.
fn is_st_brigids_day(date: NaiveDate) -> bool {
    let feb1 = NaiveDate::from_ymd_opt(date.year(), 2, 1).unwrap_or(date);
    if feb1.weekday() == Weekday::Fri { date == feb1 } else { date.weekday() == Weekday::Mon && date.day() <= 7 }
}

/// The Netherlands: 27 April, or 26 April when the 27th is a Sunday (since
/// 2014; Queen's Day on 30 April, or the 29th when a Sunday, before).
fn is_kings_day(date: NaiveDate) -> bool {
    let y = date.year();
    let (day, fallback) = if y >= 2014 { (27, 26) } else { (30, 29) };
    let Some(nominal) = NaiveDate::from_ymd_opt(y, 4, day) else { return false };
    if nominal.weekday() == Weekday::Sun { date.month() == 4 && date.day() == fallback } else { date == nominal }
}

pub(crate) fn days_in_month(year: i32, month: u32) -> u32 {
    let (ny, nm) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    NaiveDate::from_ymd_opt(ny, nm, 1).and_then(|d| d.pred_opt()).map(|d| d.day()).unwrap_or(28)
}

/// Western (Gregorian) Easter Sunday: the anonymous Gregorian algorithm
/// (Meeus/Jones/Butcher).
pub fn easter_sunday(year: i32) -> NaiveDate {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    // Always a valid date in March or April; the fallback is unreachable.
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn easter_matches_known_dates() {
        for (y, d) in [
            (2000, "2000-04-23"),
            (2008, "2008-03-23"),
            (2011, "2011-04-24"),
            (2019, "2019-04-21"),
            (2024, "2024-03-31"),
            (2025, "2025-04-20"),
            (2026, "2026-04-05"),
            (2027, "2027-03-28"),
            (2038, "2038-04-25"),
        ] {
            assert_eq!(easter_sunday(y), date(d), "{y}");
        }
    }

    #[test]
    fn irish_movable_holidays() {
        let ie = Calendar::for_country("ie");
        assert_eq!(ie.holiday(date("2026-02-02")), Some("St Brigid's Day"));
        assert_eq!(ie.holiday(date("2030-02-01")), Some("St Brigid's Day"), "1 Feb 2030 is a Friday");
        assert_eq!(ie.holiday(date("2030-02-04")), None);
        assert_eq!(ie.holiday(date("2022-02-07")), None, "St Brigid's Day only from 2023");
        assert_eq!(ie.holiday(date("2026-10-26")), Some("October Bank Holiday"));
        assert_eq!(ie.holiday(date("2026-08-03")), Some("August Bank Holiday"));
        assert_eq!(ie.holiday(date("2026-04-06")), Some("Easter Monday"));
        assert_eq!(ie.holiday(date("2026-04-03")), None, "Good Friday is not an Irish public holiday");
    }

    #[test]
    fn german_nationwide_holidays_of_2026() {
        let de = Calendar::for_country("DE");
        let got: Vec<NaiveDate> =
            (0..365).map(|i| date("2026-01-01") + Duration::days(i)).filter(|d| de.holiday(*d).is_some()).collect();
        let want: Vec<NaiveDate> = [
            "2026-01-01",
            "2026-04-03",
            "2026-04-06",
            "2026-05-01",
            "2026-05-14",
            "2026-05-25",
            "2026-10-03",
            "2026-12-25",
            "2026-12-26",
        ]
        .iter()
        .map(|s| date(s))
        .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn dutch_kings_day_moves_off_sunday() {
        let nl = Calendar::for_country("NL");
        assert_eq!(nl.holiday(date("2025-04-26")), Some("Koningsdag"), "27 Apr 2025 is a Sunday");
        assert_eq!(nl.holiday(date("2025-04-27")), None);
        assert_eq!(nl.holiday(date("2026-04-27")), Some("Koningsdag"));
    }

    #[test]
    fn swedish_midsummer_eve_is_the_friday_between_19_and_25_june() {
        let se = Calendar::for_country("SE");
        assert_eq!(se.holiday(date("2026-06-19")), Some("Midsommarafton"));
        assert_eq!(se.holiday(date("2027-06-25")), Some("Midsommarafton"));
        assert_eq!(se.holiday(date("2026-06-26")), None);
    }

    #[test]
    fn unknown_country_has_weekends_only_and_says_so() {
        let pt = Calendar::for_country("PT");
        assert!(!pt.covered);
        assert_eq!(pt.holiday(date("2026-12-25")), None);
        assert!(pt.notes().contains("only weekends"));
        assert_eq!(pt.non_working_reason(date("2026-12-26")).as_deref(), Some("Saturday"));
    }

    #[test]
    fn every_covered_calendar_names_christmas_or_new_year() {
        for c in COVERED {
            let cal = Calendar::for_country(c);
            assert!(cal.holiday(date("2026-01-01")).is_some(), "{c}: 1 Jan");
            assert!(cal.holiday(date("2026-12-25")).is_some(), "{c}: 25 Dec");
        }
    }
}
