-- Schema version 2: who processes data on which basis. Controllers gain the
-- fields of the curated registry and the imports; supervisory authorities,
-- claims and import runs are new.

ALTER TABLE controllers ADD COLUMN address TEXT NOT NULL DEFAULT '';
ALTER TABLE controllers ADD COLUMN web TEXT NOT NULL DEFAULT '';
ALTER TABLE controllers ADD COLUMN policy_url TEXT NOT NULL DEFAULT '';
ALTER TABLE controllers ADD COLUMN lead_sa TEXT NOT NULL DEFAULT '';
ALTER TABLE controllers ADD COLUMN request_language TEXT NOT NULL DEFAULT '';
-- JSON arrays of strings.
ALTER TABLE controllers ADD COLUMN runs TEXT NOT NULL DEFAULT '[]';
ALTER TABLE controllers ADD COLUMN categories TEXT NOT NULL DEFAULT '[]';
ALTER TABLE controllers ADD COLUMN sources TEXT NOT NULL DEFAULT '[]';
-- Lower-cased slug, name, web and services: what search matches.
ALTER TABLE controllers ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
ALTER TABLE controllers ADD COLUMN origin TEXT NOT NULL DEFAULT 'user'
    CHECK (origin IN ('registry', 'datenanfragen', 'tcf', 'user'));
-- The user changed the record: imports keep their newer version aside
-- (pending_import) instead of overwriting it.
ALTER TABLE controllers ADD COLUMN user_edited INTEGER NOT NULL DEFAULT 0;
ALTER TABLE controllers ADD COLUMN pending_import TEXT;
-- Hash of the last imported version, to tell changed from unchanged records.
ALTER TABLE controllers ADD COLUMN import_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE controllers ADD COLUMN vanished_at TEXT;
ALTER TABLE controllers ADD COLUMN redirect_to TEXT NOT NULL DEFAULT '';
ALTER TABLE controllers ADD COLUMN tcf_vendor_id INTEGER;
CREATE UNIQUE INDEX controllers_tcf_vendor ON controllers (tcf_vendor_id) WHERE tcf_vendor_id IS NOT NULL;
CREATE INDEX controllers_origin ON controllers (origin);

CREATE TABLE supervisory_authorities (
    id                 INTEGER PRIMARY KEY,
    slug               TEXT NOT NULL UNIQUE,
    name               TEXT NOT NULL,
    country            TEXT NOT NULL DEFAULT '',
    region             TEXT NOT NULL DEFAULT '',
    address            TEXT NOT NULL DEFAULT '',
    email              TEXT NOT NULL DEFAULT '',
    phone              TEXT NOT NULL DEFAULT '',
    web_form           TEXT NOT NULL DEFAULT '',
    web                TEXT NOT NULL DEFAULT '',
    complaint_language TEXT NOT NULL DEFAULT '',
    sources            TEXT NOT NULL DEFAULT '[]',
    origin             TEXT NOT NULL DEFAULT 'datenanfragen',
    user_edited        INTEGER NOT NULL DEFAULT 0,
    import_hash        TEXT NOT NULL DEFAULT '',
    vanished_at        TEXT,
    updated_at         TEXT NOT NULL
);
CREATE INDEX supervisory_authorities_country ON supervisory_authorities (country, region);

CREATE TABLE claims (
    id            INTEGER PRIMARY KEY,
    controller_id INTEGER NOT NULL REFERENCES controllers (id) ON DELETE CASCADE,
    purpose       TEXT NOT NULL,
    basis         TEXT NOT NULL,
    scope         TEXT NOT NULL DEFAULT '',
    source_url    TEXT NOT NULL DEFAULT '',
    observed      TEXT NOT NULL DEFAULT '',
    section       TEXT NOT NULL DEFAULT '',
    valid_from    TEXT,
    valid_to      TEXT,
    note          TEXT NOT NULL DEFAULT '',
    origin        TEXT NOT NULL CHECK (origin IN ('registry', 'datenanfragen', 'tcf', 'user')),
    tcf_purpose   INTEGER
);
CREATE INDEX claims_controller ON claims (controller_id, purpose);
CREATE INDEX claims_tcf ON claims (tcf_purpose, basis) WHERE tcf_purpose IS NOT NULL;

CREATE TABLE import_runs (
    id        INTEGER PRIMARY KEY,
    source    TEXT NOT NULL,
    location  TEXT NOT NULL,
    version   TEXT NOT NULL DEFAULT '',
    at        TEXT NOT NULL,
    added     INTEGER NOT NULL,
    updated   INTEGER NOT NULL,
    unchanged INTEGER NOT NULL,
    vanished  INTEGER NOT NULL,
    kept_user_edits INTEGER NOT NULL,
    rejected  INTEGER NOT NULL
);
