-- Schema version 3: a request's life. Dates are YYYY-MM-DD; `due_on` caches
-- the deadline running now (recomputed on every change) so that lists and the
-- attention view filter on an index instead of computing per row.

ALTER TABLE requests ADD COLUMN sent_on TEXT;
ALTER TABLE requests ADD COLUMN received_on TEXT;
ALTER TABLE requests ADD COLUMN acknowledged_on TEXT;
ALTER TABLE requests ADD COLUMN extended_on TEXT;
ALTER TABLE requests ADD COLUMN identity_requested_on TEXT;
ALTER TABLE requests ADD COLUMN identity_provided_on TEXT;
ALTER TABLE requests ADD COLUMN answered_on TEXT;
ALTER TABLE requests ADD COLUMN refused_on TEXT;
ALTER TABLE requests ADD COLUMN admonished_on TEXT;
ALTER TABLE requests ADD COLUMN complained_on TEXT;
ALTER TABLE requests ADD COLUMN closed_on TEXT;
ALTER TABLE requests ADD COLUMN outcome TEXT;
-- Whose public holidays count; empty: the controller's country.
ALTER TABLE requests ADD COLUMN deadline_country TEXT NOT NULL DEFAULT '';
ALTER TABLE requests ADD COLUMN due_on TEXT;
ALTER TABLE requests ADD COLUMN due_kind TEXT NOT NULL DEFAULT '';
CREATE INDEX requests_due ON requests (due_on) WHERE due_on IS NOT NULL;
CREATE INDEX requests_status_due ON requests (status, due_on);
