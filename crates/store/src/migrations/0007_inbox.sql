-- Schema version 7: mail that came in. Each message once (by Message-ID),
-- with its exact bytes, parsed text and attachments; filed to a request or
-- waiting in the Inbox.

CREATE TABLE mail_in (
    id                   INTEGER PRIMARY KEY,
    message_id           TEXT NOT NULL UNIQUE,
    in_reply_to          TEXT NOT NULL DEFAULT '[]',
    refs                 TEXT NOT NULL DEFAULT '[]',
    from_address         TEXT NOT NULL DEFAULT '',
    from_name            TEXT NOT NULL DEFAULT '',
    subject              TEXT NOT NULL DEFAULT '',
    date                 TEXT,
    text                 TEXT NOT NULL DEFAULT '',
    html                 TEXT,
    raw                  BLOB NOT NULL,
    state                TEXT NOT NULL CHECK (state IN ('unfiled', 'filed', 'ignored')),
    request_id           INTEGER REFERENCES requests (id) ON DELETE SET NULL,
    filed_by             TEXT NOT NULL DEFAULT '',
    suggested_request_id INTEGER REFERENCES requests (id) ON DELETE SET NULL,
    received_at          TEXT NOT NULL
);
CREATE INDEX mail_in_state ON mail_in (state, received_at);
CREATE INDEX mail_in_request ON mail_in (request_id);

CREATE TABLE mail_in_attachments (
    id      INTEGER PRIMARY KEY,
    mail_id INTEGER NOT NULL REFERENCES mail_in (id) ON DELETE CASCADE,
    name    TEXT NOT NULL,
    mime    TEXT NOT NULL,
    bytes   BLOB NOT NULL
);
CREATE INDEX mail_in_attachments_mail ON mail_in_attachments (mail_id);
