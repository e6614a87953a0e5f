-- Schema version 4: letters. Every request carries its letter as drafted:
-- the rendered text, the options and language it was made from, and the
-- template version that made it. `edited` marks text the user changed by
-- hand: re-rendering never overwrites it.

CREATE TABLE letters (
    request_id       INTEGER PRIMARY KEY REFERENCES requests (id) ON DELETE CASCADE,
    language         TEXT NOT NULL,
    -- Why the language is not the one wanted (fallback notice), if so.
    notice           TEXT NOT NULL DEFAULT '',
    -- JSON of LetterOptions.
    options          TEXT NOT NULL DEFAULT '{}',
    -- JSON of the rendered Letter (subject, body, sender, recipient, date…).
    letter           TEXT NOT NULL,
    template_version TEXT NOT NULL,
    edited           INTEGER NOT NULL DEFAULT 0,
    rendered_at      TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);

-- Requests made together (one kind to many controllers) share a batch id.
ALTER TABLE requests ADD COLUMN batch TEXT NOT NULL DEFAULT '';
CREATE INDEX requests_batch ON requests (batch) WHERE batch <> '';

-- JSON list of IdentityField: what the controller needs to identify a person.
ALTER TABLE controllers ADD COLUMN required_identity TEXT NOT NULL DEFAULT '[]';
