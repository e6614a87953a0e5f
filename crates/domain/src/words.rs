//! The app's languages (English, German, French) for the words the domain
//! gives the UI: one table per language from each English word to its
//! translation. `vocabulary_in` reads every label through it; a test fails on
//! any word of the vocabulary a table lacks.

use serde::{Deserialize, Serialize};

/// A language the app itself speaks (letters speak more: `letter::Language`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[serde(rename_all = "snake_case")]
pub enum UiLanguage {
    #[default]
    En,
    De,
    Fr,
}

impl UiLanguage {
    pub const ALL: [UiLanguage; 3] = [Self::En, Self::De, Self::Fr];

    pub fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::De => "de",
            Self::Fr => "fr",
        }
    }

    /// `de`, `de-AT`, `fr_CH.UTF-8` → the language; anything else → English.
    pub fn from_tag(tag: &str) -> Self {
        let base = tag.trim().split(['-', '_', '.']).next().unwrap_or("").to_ascii_lowercase();
        Self::ALL.into_iter().find(|l| l.code() == base).unwrap_or_default()
    }

    /// `english` in this language; the English word itself where the table has none.
    pub fn word(self, english: &str) -> String {
        let table = match self {
            Self::En => return english.to_owned(),
            Self::De => DE,
            Self::Fr => FR,
        };
        table.iter().find(|(en, _)| *en == english).map_or_else(|| english.to_owned(), |(_, w)| (*w).to_owned())
    }

    /// Whether the table has `english` (English has every word).
    pub fn has(self, english: &str) -> bool {
        match self {
            Self::En => true,
            Self::De => DE.iter().any(|(en, _)| *en == english),
            Self::Fr => FR.iter().any(|(en, _)| *en == english),
        }
    }
}

const DE: &[(&str, &str)] = &[
    ("A copy of the data", "Eine Kopie der Daten"),
    ("AI training", "KI-Training"),
    ("Access (Art. 15)", "Auskunft (Art. 15)"),
    ("Acknowledged", "Eingang bestätigt"),
    ("Ad measurement", "Werbemessung"),
    ("Ads based on what I do", "Werbung auf Grundlage meines Verhaltens"),
    ("Analytics / product improvement", "Analyse / Produktverbesserung"),
    ("Announcement", "Ankündigung"),
    ("Answer checked (Art. 15)", "Antwort geprüft (Art. 15)"),
    ("Answered", "Beantwortet"),
    ("Answered (complete)", "Beantwortet (vollständig)"),
    ("Answered (partial)", "Beantwortet (teilweise)"),
    ("Automated decision (Art. 22)", "Automatisierte Entscheidung (Art. 22)"),
    ("Automated decisions and their logic", "Automatisierte Entscheidungen und ihre Logik"),
    ("Automatic", "Automatisch"),
    ("Ban or urgent decision", "Verbot oder Dringlichkeitsentscheidung"),
    ("Categories of data", "Kategorien von Daten"),
    ("Closed", "Abgeschlossen"),
    ("Complaint lodged", "Beschwerde eingereicht"),
    ("Complaint to a supervisory authority (Art. 77)", "Beschwerde bei einer Aufsichtsbehörde (Art. 77)"),
    ("Confirmation and the personal data", "Bestätigung und die personenbezogenen Daten"),
    ("Consent", "Einwilligung"),
    ("Content recommendation / profiling", "Inhaltsempfehlung / Profiling"),
    ("Contest an identity demand (Art. 12(6))", "Identitätsnachweis zurückweisen (Art. 12 Abs. 6)"),
    ("Contract", "Vertrag"),
    ("Court ruling", "Gerichtsurteil"),
    ("Custom letter", "Eigener Brief"),
    ("Data portability (Art. 20)", "Datenübertragbarkeit (Art. 20)"),
    ("Delete my account data", "Meine Kontodaten löschen"),
    ("Draft", "Entwurf"),
    ("Erasure (Art. 17)", "Löschung (Art. 17)"),
    ("Extended", "Verlängert"),
    ("Extended (+2 months)", "Verlängert (+2 Monate)"),
    ("Feminine", "Weiblich"),
    ("File kept", "Datei abgelegt"),
    ("Fine", "Bußgeld"),
    ("Fulfilled", "Erfüllt"),
    ("Identity provided", "Identität nachgewiesen"),
    ("Identity requested", "Identitätsnachweis verlangt"),
    ("Ignored", "Ignoriert"),
    ("Legal obl.", "Rechtl. Pflicht"),
    ("Legal obligation", "Rechtliche Verpflichtung"),
    ("Legit. int.", "Berecht. Int."),
    ("Legitimate interests", "Berechtigte Interessen"),
    ("Letter edited", "Brief bearbeitet"),
    ("Letter written again", "Brief neu geschrieben"),
    ("Market research", "Marktforschung"),
    ("Marketing messages", "Werbenachrichten"),
    ("Masculine", "Männlich"),
    ("Neutral (no gender)", "Neutral (ohne Geschlecht)"),
    ("Non-personalised ads", "Nicht personalisierte Werbung"),
    ("Objection to ad targeting (Art. 21(1) + 21(2))", "Widerspruch gegen gezielte Werbung (Art. 21 Abs. 1 + 2)"),
    ("Objection to direct marketing (Art. 21(2)–(3))", "Widerspruch gegen Direktwerbung (Art. 21 Abs. 2–3)"),
    ("Objection, particular situation (Art. 21(1))", "Widerspruch, besondere Situation (Art. 21 Abs. 1)"),
    ("Overdue", "Überfällig"),
    ("Partly fulfilled", "Teilweise erfüllt"),
    ("Paused", "Ausgesetzt"),
    ("Personalised ads", "Personalisierte Werbung"),
    ("Post", "Post"),
    ("Providing the service", "Erbringung des Dienstes"),
    ("Public task", "Öffentliche Aufgabe"),
    ("Purposes", "Zwecke"),
    ("Put in the outbox", "In den Postausgang gelegt"),
    ("Received by the controller", "Beim Verantwortlichen eingegangen"),
    ("Recipients, by identity", "Empfänger, namentlich"),
    ("Rectification (Art. 16)", "Berichtigung (Art. 16)"),
    ("Refused", "Abgelehnt"),
    ("Regulator's warning", "Warnung der Aufsicht"),
    ("Reminded", "Erinnert"),
    ("Reminder / admonition", "Erinnerung / Mahnung"),
    ("Reminder sent", "Erinnerung gesendet"),
    ("Reply filed", "Antwort zugeordnet"),
    ("Project or tags changed", "Projekt oder Schlagwörter geändert"),
    ("Embargo changed", "Sperrfrist geändert"),
    ("Request created", "Anfrage angelegt"),
    ("Restriction (Art. 18)", "Einschränkung (Art. 18)"),
    ("Retention period", "Speicherdauer"),
    ("Right to complain to a supervisory authority", "Beschwerderecht bei einer Aufsichtsbehörde"),
    (
        "Rights to rectification, erasure, restriction, objection",
        "Rechte auf Berichtigung, Löschung, Einschränkung, Widerspruch",
    ),
    ("Safeguards for transfers to third countries", "Garantien bei Übermittlung in Drittländer"),
    ("Safety and security", "Sicherheit"),
    ("Sent", "Gesendet"),
    ("Sharing with advertisers/partners", "Weitergabe an Werbekunden/Partner"),
    ("Source of the data", "Herkunft der Daten"),
    ("Stop marketing messages", "Werbenachrichten stoppen"),
    ("Storing/accessing information on a device", "Speichern/Abrufen von Informationen auf einem Gerät"),
    ("Unknown", "Unbekannt"),
    ("Vital int.", "Lebenswicht. Int."),
    ("Vital interests", "Lebenswichtige Interessen"),
    ("What a platform knows about me", "Was eine Plattform über mich weiß"),
    ("Withdrawal of consent (Art. 7(3))", "Widerruf der Einwilligung (Art. 7 Abs. 3)"),
    ("Withdrawn", "Zurückgezogen"),
    ("Withdraw consent", "Einwilligung widerrufen"),
    ("Object (Art. 21(1))", "Widersprechen (Art. 21 Abs. 1)"),
    ("Object to direct marketing", "Der Direktwerbung widersprechen"),
    ("Object to ad targeting", "Gezielter Werbung widersprechen"),
    ("Ask (Art. 15)", "Nachfragen (Art. 15)"),
    ("Complain (Art. 77)", "Beschweren (Art. 77)"),
    ("Take your data (Art. 20)", "Daten mitnehmen (Art. 20)"),
    ("Have it erased (Art. 17)", "Löschen lassen (Art. 17)"),
    ("by the clock", "durch Fristablauf"),
    ("by you", "durch Sie"),
    ("from mail", "aus der Post"),
];

const FR: &[(&str, &str)] = &[
    ("A copy of the data", "Une copie des données"),
    ("AI training", "Entraînement de l’IA"),
    ("Access (Art. 15)", "Accès (art. 15)"),
    ("Acknowledged", "Réception confirmée"),
    ("Ad measurement", "Mesure publicitaire"),
    ("Ads based on what I do", "Publicité fondée sur ce que je fais"),
    ("Analytics / product improvement", "Statistiques / amélioration du produit"),
    ("Announcement", "Annonce"),
    ("Answer checked (Art. 15)", "Réponse vérifiée (art. 15)"),
    ("Answered", "Répondu"),
    ("Answered (complete)", "Répondu (complet)"),
    ("Answered (partial)", "Répondu (partiel)"),
    ("Automated decision (Art. 22)", "Décision automatisée (art. 22)"),
    ("Automated decisions and their logic", "Décisions automatisées et leur logique"),
    ("Automatic", "Automatique"),
    ("Ban or urgent decision", "Interdiction ou décision d’urgence"),
    ("Categories of data", "Catégories de données"),
    ("Closed", "Clos"),
    ("Complaint lodged", "Plainte déposée"),
    ("Complaint to a supervisory authority (Art. 77)", "Plainte auprès d’une autorité de contrôle (art. 77)"),
    ("Confirmation and the personal data", "Confirmation et données personnelles"),
    ("Consent", "Consentement"),
    ("Content recommendation / profiling", "Recommandation de contenus / profilage"),
    ("Contest an identity demand (Art. 12(6))", "Contester une demande d’identité (art. 12, par. 6)"),
    ("Contract", "Contrat"),
    ("Court ruling", "Décision de justice"),
    ("Custom letter", "Lettre libre"),
    ("Data portability (Art. 20)", "Portabilité (art. 20)"),
    ("Delete my account data", "Effacer les données de mon compte"),
    ("Draft", "Brouillon"),
    ("Erasure (Art. 17)", "Effacement (art. 17)"),
    ("Extended", "Prolongé"),
    ("Extended (+2 months)", "Prolongé (+2 mois)"),
    ("Feminine", "Féminin"),
    ("File kept", "Fichier conservé"),
    ("Fine", "Amende"),
    ("Fulfilled", "Satisfait"),
    ("Identity provided", "Identité fournie"),
    ("Identity requested", "Identité demandée"),
    ("Ignored", "Ignoré"),
    ("Legal obl.", "Oblig. légale"),
    ("Legal obligation", "Obligation légale"),
    ("Legit. int.", "Int. légitime"),
    ("Legitimate interests", "Intérêts légitimes"),
    ("Letter edited", "Lettre modifiée"),
    ("Letter written again", "Lettre réécrite"),
    ("Market research", "Études de marché"),
    ("Marketing messages", "Messages commerciaux"),
    ("Masculine", "Masculin"),
    ("Neutral (no gender)", "Neutre (sans genre)"),
    ("Non-personalised ads", "Publicité non personnalisée"),
    ("Objection to ad targeting (Art. 21(1) + 21(2))", "Opposition au ciblage publicitaire (art. 21, par. 1 et 2)"),
    ("Objection to direct marketing (Art. 21(2)–(3))", "Opposition à la prospection (art. 21, par. 2–3)"),
    ("Objection, particular situation (Art. 21(1))", "Opposition, situation particulière (art. 21, par. 1)"),
    ("Overdue", "En retard"),
    ("Partly fulfilled", "Partiellement satisfait"),
    ("Paused", "Suspendu"),
    ("Personalised ads", "Publicité personnalisée"),
    ("Post", "Courrier"),
    ("Providing the service", "Fourniture du service"),
    ("Public task", "Mission d’intérêt public"),
    ("Purposes", "Finalités"),
    ("Put in the outbox", "Placé dans la boîte d’envoi"),
    ("Received by the controller", "Reçu par le responsable"),
    ("Recipients, by identity", "Destinataires, nommément"),
    ("Rectification (Art. 16)", "Rectification (art. 16)"),
    ("Refused", "Refusé"),
    ("Regulator's warning", "Avertissement de l’autorité"),
    ("Reminded", "Relancé"),
    ("Reminder / admonition", "Relance / mise en demeure"),
    ("Reminder sent", "Relance envoyée"),
    ("Reply filed", "Réponse classée"),
    ("Project or tags changed", "Projet ou étiquettes modifiés"),
    ("Embargo changed", "Embargo modifié"),
    ("Request created", "Demande créée"),
    ("Restriction (Art. 18)", "Limitation (art. 18)"),
    ("Retention period", "Durée de conservation"),
    ("Right to complain to a supervisory authority", "Droit d’introduire une réclamation auprès d’une autorité"),
    (
        "Rights to rectification, erasure, restriction, objection",
        "Droits de rectification, d’effacement, de limitation, d’opposition",
    ),
    ("Safeguards for transfers to third countries", "Garanties pour les transferts vers des pays tiers"),
    ("Safety and security", "Sûreté et sécurité"),
    ("Sent", "Envoyé"),
    ("Sharing with advertisers/partners", "Partage avec annonceurs/partenaires"),
    ("Source of the data", "Source des données"),
    ("Stop marketing messages", "Arrêter les messages commerciaux"),
    ("Storing/accessing information on a device", "Stockage/accès à des informations sur un appareil"),
    ("Unknown", "Inconnue"),
    ("Vital int.", "Int. vitaux"),
    ("Vital interests", "Intérêts vitaux"),
    ("What a platform knows about me", "Ce qu’une plateforme sait de moi"),
    ("Withdrawal of consent (Art. 7(3))", "Retrait du consentement (art. 7, par. 3)"),
    ("Withdrawn", "Retiré"),
    ("Withdraw consent", "Retirer le consentement"),
    ("Object (Art. 21(1))", "S’opposer (art. 21, par. 1)"),
    ("Object to direct marketing", "S’opposer à la prospection"),
    ("Object to ad targeting", "S’opposer au ciblage publicitaire"),
    ("Ask (Art. 15)", "Demander (art. 15)"),
    ("Complain (Art. 77)", "Porter plainte (art. 77)"),
    ("Take your data (Art. 20)", "Récupérer vos données (art. 20)"),
    ("Have it erased (Art. 17)", "Faire effacer (art. 17)"),
    ("by the clock", "par l’échéance"),
    ("by you", "par vous"),
    ("from mail", "par courrier reçu"),
];

/// The recommender's reasons (`recommend::Action::reason`), from English to German and French.
/// A reason of two sentences (a basis and its Art. 9 addition) is translated sentence by sentence.
const REASONS_DE: &[(&str, &str)] = &[
    (
        "Ad targeting claimed on a task in the public interest (Art. 6(1)(e)): object to direct marketing (Art. 21(2), absolute) and, in the alternative, on your particular situation (Art. 21(1)), together, since whether behavioural ads are direct marketing is open.",
        "Gezielte Werbung auf Grundlage einer Aufgabe im öffentlichen Interesse (Art. 6 Abs. 1 lit. e): Widersprechen Sie der Direktwerbung (Art. 21 Abs. 2, unbedingt) und hilfsweise aus Ihrer besonderen Situation (Art. 21 Abs. 1), beides zusammen, da offen ist, ob verhaltensbasierte Werbung Direktwerbung ist.",
    ),
    (
        "Ad targeting claimed on legitimate interests (Art. 6(1)(f)): object to direct marketing (Art. 21(2), absolute) and, in the alternative, on your particular situation (Art. 21(1)), together, since whether behavioural ads are direct marketing is open.",
        "Gezielte Werbung auf Grundlage berechtigter Interessen (Art. 6 Abs. 1 lit. f): Widersprechen Sie der Direktwerbung (Art. 21 Abs. 2, unbedingt) und hilfsweise aus Ihrer besonderen Situation (Art. 21 Abs. 1), beides zusammen, da offen ist, ob verhaltensbasierte Werbung Direktwerbung ist.",
    ),
    (
        "Consent can be withdrawn at any time, without giving reasons, as easily as it was given; processing after withdrawal must stop (withdrawal is not retroactive), and you can have the data erased where there is no other legal ground for it (Art. 17(1)(b)).",
        "Eine Einwilligung lässt sich jederzeit ohne Begründung so einfach widerrufen, wie sie gegeben wurde; danach muss die Verarbeitung aufhören (der Widerruf wirkt nicht zurück), und Sie können die Löschung verlangen, wenn es keine andere Rechtsgrundlage gibt (Art. 17 Abs. 1 lit. b).",
    ),
    (
        "If the processing is not necessary for the contract, complain to a supervisory authority.",
        "Ist die Verarbeitung für den Vertrag nicht erforderlich, beschweren Sie sich bei einer Aufsichtsbehörde.",
    ),
    (
        "Processing claimed on a task in the public interest (Art. 6(1)(e)): object on grounds relating to your particular situation; the controller must stop unless it demonstrates compelling legitimate grounds that override your interests, or needs the data for legal claims; ask for restriction while it assesses, and erasure if it has no such grounds.",
        "Verarbeitung auf Grundlage einer Aufgabe im öffentlichen Interesse (Art. 6 Abs. 1 lit. e): Widersprechen Sie aus Gründen Ihrer besonderen Situation; der Verantwortliche muss aufhören, sofern er keine zwingenden schutzwürdigen Gründe nachweist, die Ihre Interessen überwiegen, oder die Daten für Rechtsansprüche braucht; verlangen Sie die Einschränkung, solange er prüft, und die Löschung, wenn er keine solchen Gründe hat.",
    ),
    (
        "Processing claimed on legitimate interests (Art. 6(1)(f)): object on grounds relating to your particular situation; the controller must stop unless it demonstrates compelling legitimate grounds that override your interests, or needs the data for legal claims; ask for restriction while it assesses, and erasure if it has no such grounds.",
        "Verarbeitung auf Grundlage berechtigter Interessen (Art. 6 Abs. 1 lit. f): Widersprechen Sie aus Gründen Ihrer besonderen Situation; der Verantwortliche muss aufhören, sofern er keine zwingenden schutzwürdigen Gründe nachweist, die Ihre Interessen überwiegen, oder die Daten für Rechtsansprüche braucht; verlangen Sie die Einschränkung, solange er prüft, und die Löschung, wenn er keine solchen Gründe hat.",
    ),
    (
        "Processing for direct marketing, including profiling related to it, must stop on objection: no balancing, no reasons needed.",
        "Die Verarbeitung für Direktwerbung, einschließlich des damit verbundenen Profilings, muss auf Widerspruch aufhören: ohne Abwägung, ohne Begründung.",
    ),
    (
        "Processing on consent or a contract: you can receive the data you provided in a structured, commonly used, machine-readable format, or have it sent to another controller (Art. 20).",
        "Verarbeitung auf Grundlage einer Einwilligung oder eines Vertrags: Sie können die von Ihnen bereitgestellten Daten in einem strukturierten, gängigen, maschinenlesbaren Format erhalten oder an einen anderen Verantwortlichen übermitteln lassen (Art. 20).",
    ),
    (
        "Processing special-category data without an Art. 9(2) exception is prohibited: complain to a supervisory authority.",
        "Die Verarbeitung besonderer Kategorien von Daten ohne Ausnahme nach Art. 9 Abs. 2 ist verboten: Beschweren Sie sich bei einer Aufsichtsbehörde.",
    ),
    (
        "Special-category data (Art. 9(1)) claimed on a contract: Art. 9(2) has no exception for a contract, so without explicit consent or another 9(2) exception the processing is unlawful; have the data erased (Art. 17(1)(d)).",
        "Besondere Kategorien von Daten (Art. 9 Abs. 1) auf Grundlage eines Vertrags: Art. 9 Abs. 2 kennt keine Ausnahme für Verträge, ohne ausdrückliche Einwilligung oder eine andere Ausnahme nach Abs. 2 ist die Verarbeitung also unrechtmäßig; lassen Sie die Daten löschen (Art. 17 Abs. 1 lit. d).",
    ),
    (
        "Special-category data (Art. 9(1)) claimed on legitimate interests: Art. 9(2) has no exception for legitimate interests, so without explicit consent or another 9(2) exception the processing is unlawful; have the data erased (Art. 17(1)(d)).",
        "Besondere Kategorien von Daten (Art. 9 Abs. 1) auf Grundlage berechtigter Interessen: Art. 9 Abs. 2 kennt keine Ausnahme für berechtigte Interessen, ohne ausdrückliche Einwilligung oder eine andere Ausnahme nach Abs. 2 ist die Verarbeitung also unrechtmäßig; lassen Sie die Daten löschen (Art. 17 Abs. 1 lit. d).",
    ),
    (
        "Special-category data (Art. 9(1)) may rest on consent only where it was explicit (Art. 9(2)(a)). Withdraw it: processing after withdrawal must stop, and with no other exception the data must be erased (Art. 17(1)(b)). If your consent was never explicit, the processing was unlawful from the start: complain (Art. 77).",
        "Besondere Kategorien von Daten (Art. 9 Abs. 1) dürfen nur auf einer ausdrücklichen Einwilligung beruhen (Art. 9 Abs. 2 lit. a). Widerrufen Sie sie: Danach muss die Verarbeitung aufhören, und ohne andere Ausnahme sind die Daten zu löschen (Art. 17 Abs. 1 lit. b). War Ihre Einwilligung nie ausdrücklich, war die Verarbeitung von Anfang an unrechtmäßig: Beschweren Sie sich (Art. 77).",
    ),
    (
        "Special-category data (Art. 9(1)) need an exception of Art. 9(2) besides the Art. 6 basis: ask which one the controller relies on for each purpose; without one, the processing is unlawful (erasure, Art. 17(1)(d); complaint, Art. 77).",
        "Besondere Kategorien von Daten (Art. 9 Abs. 1) brauchen neben der Grundlage nach Art. 6 eine Ausnahme nach Art. 9 Abs. 2: Fragen Sie, auf welche sich der Verantwortliche für jeden Zweck stützt; ohne sie ist die Verarbeitung unrechtmäßig (Löschung, Art. 17 Abs. 1 lit. d; Beschwerde, Art. 77).",
    ),
    (
        "The basis is not known: object to direct marketing (Art. 21(2), whatever the basis) and, to the extent the controller relies on Art. 6(1)(e) or (f), on your particular situation (Art. 21(1)).",
        "Die Grundlage ist unbekannt: Widersprechen Sie der Direktwerbung (Art. 21 Abs. 2, gleich auf welcher Grundlage) und, soweit sich der Verantwortliche auf Art. 6 Abs. 1 lit. e oder f stützt, aus Ihrer besonderen Situation (Art. 21 Abs. 1).",
    ),
    (
        "The basis is not known: to the extent the controller relies on Art. 6(1)(e) or (f), object on grounds relating to your particular situation; it must stop unless it demonstrates compelling legitimate grounds that override your interests, or needs the data for legal claims.",
        "Die Grundlage ist unbekannt: Soweit sich der Verantwortliche auf Art. 6 Abs. 1 lit. e oder f stützt, widersprechen Sie aus Gründen Ihrer besonderen Situation; er muss aufhören, sofern er keine zwingenden schutzwürdigen Gründe nachweist, die Ihre Interessen überwiegen, oder die Daten für Rechtsansprüche braucht.",
    ),
    (
        "The controller must state the basis for each purpose and the legitimate interests it pursues: ask for them.",
        "Der Verantwortliche muss die Grundlage jedes Zwecks und die verfolgten berechtigten Interessen nennen: Fragen Sie danach.",
    ),
    (
        "There is no right to object to processing required by law or to protect vital interests; you can ask what is processed and why.",
        "Gegen eine gesetzlich vorgeschriebene oder zum Schutz lebenswichtiger Interessen nötige Verarbeitung gibt es kein Widerspruchsrecht; Sie können fragen, was verarbeitet wird und warum.",
    ),
    (
        "There is nothing to object to under a contract, but only processing objectively indispensable to the contract can rest on it (CJEU C-252/21): ask which data is processed for which purpose on which basis.",
        "Gegen einen Vertrag lässt sich nicht widersprechen, doch nur eine für den Vertrag objektiv unerlässliche Verarbeitung kann sich auf ihn stützen (EuGH C-252/21): Fragen Sie, welche Daten zu welchem Zweck auf welcher Grundlage verarbeitet werden.",
    ),
    (
        "Whatever the basis, an objection to direct marketing (Art. 21(2)) needs no reasons and allows no balancing; whether behavioural ads count as direct marketing is open. An objection on your particular situation (Art. 21(1)) does not reach processing on this basis: it applies only to Art. 6(1)(e) and (f).",
        "Gleich auf welcher Grundlage braucht ein Widerspruch gegen Direktwerbung (Art. 21 Abs. 2) keine Begründung und lässt keine Abwägung zu; ob verhaltensbasierte Werbung Direktwerbung ist, ist offen. Ein Widerspruch aus Ihrer besonderen Situation (Art. 21 Abs. 1) erreicht eine Verarbeitung auf dieser Grundlage nicht: Er gilt nur für Art. 6 Abs. 1 lit. e und f.",
    ),
];

const REASONS_FR: &[(&str, &str)] = &[
    (
        "Ad targeting claimed on a task in the public interest (Art. 6(1)(e)): object to direct marketing (Art. 21(2), absolute) and, in the alternative, on your particular situation (Art. 21(1)), together, since whether behavioural ads are direct marketing is open.",
        "Ciblage publicitaire fondé sur une mission d’intérêt public (art. 6, par. 1, e) : opposez-vous à la prospection (art. 21, par. 2, absolu) et, à titre subsidiaire, pour des raisons tenant à votre situation particulière (art. 21, par. 1), ensemble, car il reste ouvert si la publicité comportementale est de la prospection.",
    ),
    (
        "Ad targeting claimed on legitimate interests (Art. 6(1)(f)): object to direct marketing (Art. 21(2), absolute) and, in the alternative, on your particular situation (Art. 21(1)), together, since whether behavioural ads are direct marketing is open.",
        "Ciblage publicitaire fondé sur l’intérêt légitime (art. 6, par. 1, f) : opposez-vous à la prospection (art. 21, par. 2, absolu) et, à titre subsidiaire, pour des raisons tenant à votre situation particulière (art. 21, par. 1), ensemble, car il reste ouvert si la publicité comportementale est de la prospection.",
    ),
    (
        "Consent can be withdrawn at any time, without giving reasons, as easily as it was given; processing after withdrawal must stop (withdrawal is not retroactive), and you can have the data erased where there is no other legal ground for it (Art. 17(1)(b)).",
        "Le consentement peut être retiré à tout moment, sans motif, aussi simplement qu’il a été donné ; le traitement doit alors cesser (le retrait n’est pas rétroactif), et vous pouvez faire effacer les données s’il n’existe pas d’autre fondement (art. 17, par. 1, b).",
    ),
    (
        "If the processing is not necessary for the contract, complain to a supervisory authority.",
        "Si le traitement n’est pas nécessaire au contrat, saisissez une autorité de contrôle.",
    ),
    (
        "Processing claimed on a task in the public interest (Art. 6(1)(e)): object on grounds relating to your particular situation; the controller must stop unless it demonstrates compelling legitimate grounds that override your interests, or needs the data for legal claims; ask for restriction while it assesses, and erasure if it has no such grounds.",
        "Traitement fondé sur une mission d’intérêt public (art. 6, par. 1, e) : opposez-vous pour des raisons tenant à votre situation particulière ; le responsable doit cesser sauf s’il démontre des motifs légitimes impérieux qui prévalent sur vos intérêts, ou s’il a besoin des données pour des droits en justice ; demandez la limitation pendant son examen, et l’effacement s’il n’a pas de tels motifs.",
    ),
    (
        "Processing claimed on legitimate interests (Art. 6(1)(f)): object on grounds relating to your particular situation; the controller must stop unless it demonstrates compelling legitimate grounds that override your interests, or needs the data for legal claims; ask for restriction while it assesses, and erasure if it has no such grounds.",
        "Traitement fondé sur l’intérêt légitime (art. 6, par. 1, f) : opposez-vous pour des raisons tenant à votre situation particulière ; le responsable doit cesser sauf s’il démontre des motifs légitimes impérieux qui prévalent sur vos intérêts, ou s’il a besoin des données pour des droits en justice ; demandez la limitation pendant son examen, et l’effacement s’il n’a pas de tels motifs.",
    ),
    (
        "Processing for direct marketing, including profiling related to it, must stop on objection: no balancing, no reasons needed.",
        "Le traitement à des fins de prospection, y compris le profilage lié, doit cesser sur opposition : sans mise en balance, sans motif.",
    ),
    (
        "Processing on consent or a contract: you can receive the data you provided in a structured, commonly used, machine-readable format, or have it sent to another controller (Art. 20).",
        "Traitement fondé sur le consentement ou un contrat : vous pouvez recevoir les données que vous avez fournies dans un format structuré, couramment utilisé et lisible par machine, ou les faire transmettre à un autre responsable (art. 20).",
    ),
    (
        "Processing special-category data without an Art. 9(2) exception is prohibited: complain to a supervisory authority.",
        "Traiter des catégories particulières de données sans exception de l’art. 9, par. 2, est interdit : saisissez une autorité de contrôle.",
    ),
    (
        "Special-category data (Art. 9(1)) claimed on a contract: Art. 9(2) has no exception for a contract, so without explicit consent or another 9(2) exception the processing is unlawful; have the data erased (Art. 17(1)(d)).",
        "Catégories particulières de données (art. 9, par. 1) fondées sur un contrat : l’art. 9, par. 2, ne prévoit aucune exception pour un contrat ; sans consentement explicite ou autre exception du par. 2, le traitement est illicite ; faites effacer les données (art. 17, par. 1, d).",
    ),
    (
        "Special-category data (Art. 9(1)) claimed on legitimate interests: Art. 9(2) has no exception for legitimate interests, so without explicit consent or another 9(2) exception the processing is unlawful; have the data erased (Art. 17(1)(d)).",
        "Catégories particulières de données (art. 9, par. 1) fondées sur l’intérêt légitime : l’art. 9, par. 2, ne prévoit aucune exception pour l’intérêt légitime ; sans consentement explicite ou autre exception du par. 2, le traitement est illicite ; faites effacer les données (art. 17, par. 1, d).",
    ),
    (
        "Special-category data (Art. 9(1)) may rest on consent only where it was explicit (Art. 9(2)(a)). Withdraw it: processing after withdrawal must stop, and with no other exception the data must be erased (Art. 17(1)(b)). If your consent was never explicit, the processing was unlawful from the start: complain (Art. 77).",
        "Les catégories particulières de données (art. 9, par. 1) ne peuvent reposer que sur un consentement explicite (art. 9, par. 2, a). Retirez-le : le traitement doit alors cesser et, sans autre exception, les données doivent être effacées (art. 17, par. 1, b). Si votre consentement n’a jamais été explicite, le traitement était illicite dès le départ : portez plainte (art. 77).",
    ),
    (
        "Special-category data (Art. 9(1)) need an exception of Art. 9(2) besides the Art. 6 basis: ask which one the controller relies on for each purpose; without one, the processing is unlawful (erasure, Art. 17(1)(d); complaint, Art. 77).",
        "Les catégories particulières de données (art. 9, par. 1) exigent, outre la base de l’art. 6, une exception de l’art. 9, par. 2 : demandez laquelle le responsable invoque pour chaque finalité ; sans elle, le traitement est illicite (effacement, art. 17, par. 1, d ; plainte, art. 77).",
    ),
    (
        "The basis is not known: object to direct marketing (Art. 21(2), whatever the basis) and, to the extent the controller relies on Art. 6(1)(e) or (f), on your particular situation (Art. 21(1)).",
        "La base est inconnue : opposez-vous à la prospection (art. 21, par. 2, quelle que soit la base) et, dans la mesure où le responsable invoque l’art. 6, par. 1, e ou f, pour votre situation particulière (art. 21, par. 1).",
    ),
    (
        "The basis is not known: to the extent the controller relies on Art. 6(1)(e) or (f), object on grounds relating to your particular situation; it must stop unless it demonstrates compelling legitimate grounds that override your interests, or needs the data for legal claims.",
        "La base est inconnue : dans la mesure où le responsable invoque l’art. 6, par. 1, e ou f, opposez-vous pour des raisons tenant à votre situation particulière ; il doit cesser sauf s’il démontre des motifs légitimes impérieux qui prévalent sur vos intérêts, ou s’il a besoin des données pour des droits en justice.",
    ),
    (
        "The controller must state the basis for each purpose and the legitimate interests it pursues: ask for them.",
        "Le responsable doit indiquer la base de chaque finalité et les intérêts légitimes poursuivis : demandez-les.",
    ),
    (
        "There is no right to object to processing required by law or to protect vital interests; you can ask what is processed and why.",
        "On ne peut pas s’opposer à un traitement imposé par la loi ou nécessaire à la sauvegarde d’intérêts vitaux ; vous pouvez demander ce qui est traité et pourquoi.",
    ),
    (
        "There is nothing to object to under a contract, but only processing objectively indispensable to the contract can rest on it (CJEU C-252/21): ask which data is processed for which purpose on which basis.",
        "On ne peut pas s’opposer à un contrat, mais seul un traitement objectivement indispensable au contrat peut s’y fonder (CJUE C-252/21) : demandez quelles données sont traitées, à quelles fins et sur quelle base.",
    ),
    (
        "Whatever the basis, an objection to direct marketing (Art. 21(2)) needs no reasons and allows no balancing; whether behavioural ads count as direct marketing is open. An objection on your particular situation (Art. 21(1)) does not reach processing on this basis: it applies only to Art. 6(1)(e) and (f).",
        "Quelle que soit la base, une opposition à la prospection (art. 21, par. 2) ne requiert aucun motif et exclut toute mise en balance ; il reste ouvert si la publicité comportementale en relève. Une opposition pour votre situation particulière (art. 21, par. 1) n’atteint pas un traitement sur cette base : elle ne vaut que pour l’art. 6, par. 1, e et f.",
    ),
];

impl UiLanguage {
    /// A recommended action in this language: its button and its reason.
    pub fn action(self, mut a: crate::Action) -> crate::Action {
        a.button = self.word(&a.button);
        a.reason = self.reason(&a.reason);
        a
    }

    /// A recommender's reason in this language; the English one where the tables have none.
    pub fn reason(self, english: &str) -> String {
        let table = match self {
            Self::En => return english.to_owned(),
            Self::De => REASONS_DE,
            Self::Fr => REASONS_FR,
        };
        let one = |s: &str| table.iter().find(|(en, _)| *en == s).map(|(_, t)| (*t).to_owned());
        if let Some(t) = one(english) {
            return t;
        }
        // "<basis sentence>. <Art. 9 sentence>": both halves are in the table.
        for (en, _) in table {
            if let Some(rest) = english.strip_prefix(en).map(str::trim_start)
                && let (Some(a), Some(b)) = (one(en), one(rest))
            {
                return format!("{a} {b}");
            }
        }
        english.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{LegalBasis, Purpose, recommend};

    #[test]
    fn every_reason_the_recommender_gives_is_in_german_and_french() {
        for b in LegalBasis::ALL {
            for p in Purpose::ALL {
                for special in [false, true] {
                    for a in recommend(b, p, special) {
                        for lang in [UiLanguage::De, UiLanguage::Fr] {
                            assert_ne!(lang.reason(&a.reason), a.reason, "{lang:?} lacks: {}", a.reason);
                        }
                    }
                }
            }
        }
        assert!(UiLanguage::De.reason("Consent can be withdrawn at any time, without giving reasons, as easily as it was given; processing after withdrawal must stop (withdrawal is not retroactive), and you can have the data erased where there is no other legal ground for it (Art. 17(1)(b)).").starts_with("Eine Einwilligung"));
    }
}
