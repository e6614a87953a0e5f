-- Schema version 5: following requests up. The Art. 15 checklist of an
-- answer, post (registered-mail number, return receipt, scans), and which
-- reminders were already shown as desktop notifications.

-- JSON list of the Art. 15 items the answer contained; NULL: not checked yet.
ALTER TABLE requests ADD COLUMN checklist TEXT;
ALTER TABLE requests ADD COLUMN tracking_number TEXT NOT NULL DEFAULT '';
ALTER TABLE requests ADD COLUMN return_receipt_on TEXT;

-- Files kept with a request: scans of posted letters, return receipts, answers.
CREATE TABLE attachments (
    id         INTEGER PRIMARY KEY,
    request_id INTEGER NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    mime       TEXT NOT NULL,
    bytes      BLOB NOT NULL,
    added_at   TEXT NOT NULL
);
CREATE INDEX attachments_request ON attachments (request_id);

-- A notification is shown at most once per key (`overdue:<id>:<due>` …).
CREATE TABLE notifications (
    key TEXT PRIMARY KEY,
    at  TEXT NOT NULL
) WITHOUT ROWID;
