-- Schema version 8: the incoming (IMAP) side of a mail account, where each
-- fetched folder stands, and what became of a sent message's copy in the
-- Sent folder. Passwords are still only in the OS keyring.

ALTER TABLE mail_accounts ADD COLUMN imap_host TEXT NOT NULL DEFAULT '';
ALTER TABLE mail_accounts ADD COLUMN imap_port INTEGER NOT NULL DEFAULT 993;
ALTER TABLE mail_accounts ADD COLUMN imap_tls TEXT NOT NULL DEFAULT 'tls'
    CHECK (imap_tls IN ('tls', 'start_tls', 'plain'));
ALTER TABLE mail_accounts ADD COLUMN imap_username TEXT NOT NULL DEFAULT '';
-- JSON array of folder names.
ALTER TABLE mail_accounts ADD COLUMN imap_folders TEXT NOT NULL DEFAULT '["INBOX"]';
ALTER TABLE mail_accounts ADD COLUMN sent_folder TEXT NOT NULL DEFAULT 'Sent';
ALTER TABLE mail_accounts ADD COLUMN append_to_sent INTEGER NOT NULL DEFAULT 0;
ALTER TABLE mail_accounts ADD COLUMN fetch_every_minutes INTEGER NOT NULL DEFAULT 15;
-- A batch's rate limit (providers throttle or block bulk senders); 0: none.
ALTER TABLE mail_accounts ADD COLUMN send_per_minute INTEGER NOT NULL DEFAULT 60;

-- How far each folder has been read: messages with a UID above last_uid are
-- new, as long as the folder's UIDVALIDITY is unchanged (else read it again;
-- Message-IDs keep the import once-only).
CREATE TABLE imap_folders (
    account_id  INTEGER NOT NULL REFERENCES mail_accounts (id) ON DELETE CASCADE,
    folder      TEXT NOT NULL,
    uidvalidity INTEGER NOT NULL DEFAULT 0,
    last_uid    INTEGER NOT NULL DEFAULT 0,
    fetched_at  TEXT,
    last_error  TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (account_id, folder)
);

-- '' (no copy wanted or not yet), 'appended', 'found' (the server kept it),
-- or the reason appending failed.
ALTER TABLE outbox ADD COLUMN sent_copy TEXT NOT NULL DEFAULT '';
