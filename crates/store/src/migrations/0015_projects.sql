-- Schema version 15: reports for journalists. A project groups requests (a
-- study, an investigation); tags label requests within and across projects;
-- an embargo keeps a request out of publication exports until its day.

CREATE TABLE projects (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (name <> ''),
    description TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
);

CREATE TABLE project_requests (
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    request_id INTEGER NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    PRIMARY KEY (project_id, request_id)
) WITHOUT ROWID;
CREATE INDEX project_requests_request ON project_requests (request_id);

CREATE TABLE request_tags (
    request_id INTEGER NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    tag        TEXT NOT NULL CHECK (tag <> ''),
    PRIMARY KEY (request_id, tag)
) WITHOUT ROWID;
CREATE INDEX request_tags_tag ON request_tags (tag);

-- YYYY-MM-DD; NULL: no embargo.
ALTER TABLE requests ADD COLUMN embargo_until TEXT;

-- The answers a report reads (first answer, first complete answer) by request,
-- without scanning every event.
CREATE INDEX events_answers ON events (request_id, kind) WHERE kind IN ('answered_complete', 'answered_partial', 'refused');
