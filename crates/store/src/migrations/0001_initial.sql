-- Schema version 1: people, controllers, requests, messages, events.
-- Shipped migrations are never edited; add a new file instead.

CREATE TABLE people (
    id           INTEGER PRIMARY KEY,
    display_name TEXT NOT NULL CHECK (display_name <> ''),
    street       TEXT NOT NULL DEFAULT '',
    postal_code  TEXT NOT NULL DEFAULT '',
    city         TEXT NOT NULL DEFAULT '',
    region       TEXT NOT NULL DEFAULT '',
    country      TEXT NOT NULL DEFAULT '',
    notes        TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX people_name ON people (display_name COLLATE NOCASE);

CREATE TABLE person_emails (
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    address   TEXT NOT NULL,
    PRIMARY KEY (person_id, position)
) WITHOUT ROWID;
CREATE INDEX person_emails_address ON person_emails (address COLLATE NOCASE);

CREATE TABLE person_accounts (
    person_id  INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    platform   TEXT NOT NULL,
    identifier TEXT NOT NULL,
    PRIMARY KEY (person_id, position)
) WITHOUT ROWID;

CREATE TABLE controllers (
    id         INTEGER PRIMARY KEY,
    slug       TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL,
    country    TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX controllers_name ON controllers (name COLLATE NOCASE);

CREATE TABLE controller_contacts (
    controller_id INTEGER NOT NULL REFERENCES controllers (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('email', 'web_form', 'post', 'phone', 'fax')),
    value         TEXT NOT NULL,
    role          TEXT NOT NULL DEFAULT 'controller',
    PRIMARY KEY (controller_id, position)
) WITHOUT ROWID;

-- A person or controller with requests cannot be deleted (RESTRICT): the
-- record of what was asked and answered outlives address-book tidying.
CREATE TABLE requests (
    id            INTEGER PRIMARY KEY,
    person_id     INTEGER NOT NULL REFERENCES people (id) ON DELETE RESTRICT,
    controller_id INTEGER NOT NULL REFERENCES controllers (id) ON DELETE RESTRICT,
    kind          TEXT NOT NULL,
    status        TEXT NOT NULL,
    reference     TEXT NOT NULL UNIQUE,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX requests_person ON requests (person_id);
CREATE INDEX requests_controller ON requests (controller_id);
CREATE INDEX requests_status ON requests (status, updated_at);

CREATE TABLE messages (
    id         INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    direction  TEXT NOT NULL CHECK (direction IN ('outgoing', 'incoming')),
    channel    TEXT NOT NULL CHECK (channel IN ('email', 'post', 'web_form')),
    subject    TEXT NOT NULL DEFAULT '',
    body       TEXT NOT NULL DEFAULT '',
    message_id TEXT NOT NULL DEFAULT '',
    at         TEXT NOT NULL
);
CREATE INDEX messages_request ON messages (request_id, at);
CREATE INDEX messages_message_id ON messages (message_id) WHERE message_id <> '';

CREATE TABLE events (
    id         INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    at         TEXT NOT NULL,
    kind       TEXT NOT NULL,
    cause      TEXT NOT NULL CHECK (cause IN ('user', 'mail_import', 'clock')),
    detail     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX events_request_at ON events (request_id, at);
