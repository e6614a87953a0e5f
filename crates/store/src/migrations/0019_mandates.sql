-- Schema version 19: acting for people (issue 18). A person may be someone
-- the organisation represents; the organisation's profile (one row, JSON of
-- domain::Organisation); mandates — letters of authority and Art. 80(1)
-- mandates — with their scope, dates and language; the signed scan of each,
-- kept in the (encrypted) database. A person's mandates go with them when
-- they are erased (ON DELETE CASCADE), and an erasure counts them.
ALTER TABLE people ADD COLUMN represented INTEGER NOT NULL DEFAULT 0 CHECK (represented IN (0, 1));

CREATE TABLE organisation (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    profile    TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE mandates (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('authority', 'art80')),
    -- Request kinds and controller slugs, space-separated; empty: all.
    rights      TEXT NOT NULL DEFAULT '',
    controllers TEXT NOT NULL DEFAULT '',
    signed_on   TEXT,
    expires_on  TEXT,
    language    TEXT NOT NULL,
    revoked_at  TEXT,
    created_at  TEXT NOT NULL
);
CREATE INDEX mandates_person ON mandates (person_id);
CREATE INDEX mandates_expiry ON mandates (expires_on) WHERE revoked_at IS NULL;

CREATE TABLE mandate_documents (
    mandate_id  INTEGER PRIMARY KEY REFERENCES mandates(id) ON DELETE CASCADE,
    file_name   TEXT NOT NULL,
    media_type  TEXT NOT NULL,
    size        INTEGER NOT NULL,
    sha256      TEXT NOT NULL,
    bytes       BLOB NOT NULL,
    attached_at TEXT NOT NULL
);

ALTER TABLE erasures ADD COLUMN mandates INTEGER NOT NULL DEFAULT 0;
