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
    ("by the clock", "par l’échéance"),
    ("by you", "par vous"),
    ("from mail", "par courrier reçu"),
];
