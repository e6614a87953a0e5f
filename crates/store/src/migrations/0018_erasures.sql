-- A person erased (rightsdesk person erase, the app's person page): what was
-- removed, counted, and when — the organisation's record that it erased a
-- file on request or at the end of a mandate. No name, no address, no id:
-- nothing here points back to the person.
CREATE TABLE erasures (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    requests    INTEGER NOT NULL,
    letters     INTEGER NOT NULL,
    messages    INTEGER NOT NULL,
    attachments INTEGER NOT NULL,
    mail_in     INTEGER NOT NULL,
    events      INTEGER NOT NULL,
    outbox      INTEGER NOT NULL
);
