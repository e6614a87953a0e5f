-- Schema version 14: the policy watch, and dated events of a controller's
-- history that are not claims (announcements, warnings, pauses, fines …). Recorded versions of a platform's
-- privacy policy (idempotent by content hash per platform), how each stands
-- (good; suspect capture; a variant served beside another), the review of
-- each basis-related change, and the watch's settings.
CREATE TABLE policy_versions (
    id              INTEGER PRIMARY KEY,
    controller_id   INTEGER NOT NULL REFERENCES controllers (id) ON DELETE CASCADE,
    recorded        TEXT NOT NULL,
    content_hash    TEXT NOT NULL,
    body            TEXT NOT NULL,
    chars           INTEGER NOT NULL,
    origin          TEXT NOT NULL CHECK (origin IN ('import', 'fetch')),
    source          TEXT NOT NULL DEFAULT '',
    ota_commit      TEXT NOT NULL DEFAULT '',
    standing        TEXT NOT NULL CHECK (standing IN ('good', 'suspect', 'variant')),
    standing_reason TEXT NOT NULL DEFAULT '',
    added_at        TEXT NOT NULL,
    UNIQUE (controller_id, content_hash)
);
CREATE INDEX policy_versions_by_day ON policy_versions (controller_id, recorded, id);

-- One row per basis-related change: 'open' until the user accepts the
-- suggested claim, edits it or dismisses the change; 'history' for changes
-- found while importing older versions (listed, never alerted).
CREATE TABLE policy_reviews (
    version_id  INTEGER PRIMARY KEY REFERENCES policy_versions (id) ON DELETE CASCADE,
    state       TEXT NOT NULL CHECK (state IN ('open', 'accepted', 'dismissed', 'history')),
    decided_at  TEXT
);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE basis_events (
    id            INTEGER PRIMARY KEY,
    controller_id INTEGER NOT NULL REFERENCES controllers (id) ON DELETE CASCADE,
    origin        TEXT NOT NULL,
    day           TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('announcement', 'warning', 'pause', 'fine', 'ban', 'ruling')),
    purpose       TEXT,
    title         TEXT NOT NULL,
    source_url    TEXT NOT NULL,
    observed      TEXT NOT NULL DEFAULT '',
    section       TEXT NOT NULL DEFAULT '',
    quote         TEXT NOT NULL DEFAULT '',
    ota_commit    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX basis_events_by_controller ON basis_events (controller_id, day);
