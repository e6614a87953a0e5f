-- Schema version 6: the user's own mail accounts and the outbox. Passwords
-- are not here: they live in the OS keyring only.

CREATE TABLE mail_accounts (
    id                  INTEGER PRIMARY KEY,
    label               TEXT NOT NULL,
    email               TEXT NOT NULL,
    smtp_host           TEXT NOT NULL,
    smtp_port           INTEGER NOT NULL,
    smtp_tls            TEXT NOT NULL CHECK (smtp_tls IN ('tls', 'start_tls', 'plain')),
    smtp_username       TEXT NOT NULL DEFAULT '',
    trusted_certificate TEXT NOT NULL DEFAULT '',
    allow_plaintext     INTEGER NOT NULL DEFAULT 0,
    created_at          TEXT NOT NULL
);

-- One row per message on its way out. The state is written before and after
-- every network step; the Message-ID is fixed when the row is made.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    request_id      INTEGER NOT NULL REFERENCES requests (id) ON DELETE RESTRICT,
    account_id      INTEGER NOT NULL REFERENCES mail_accounts (id) ON DELETE RESTRICT,
    message_id      TEXT NOT NULL UNIQUE,
    recipient       TEXT NOT NULL,
    eml             BLOB NOT NULL,
    state           TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'uncertain')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error      TEXT NOT NULL DEFAULT '',
    queued_at       TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    sent_at         TEXT
);
CREATE INDEX outbox_due ON outbox (state, next_attempt_at);
CREATE INDEX outbox_request ON outbox (request_id);

-- The exact bytes of a message sent or received.
ALTER TABLE messages ADD COLUMN raw BLOB;
