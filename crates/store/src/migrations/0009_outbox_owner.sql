-- Schema version 9: a message in `sending` records which process sends it
-- (`owner`: pid, its start time and the boot it belongs to), so a start-up
-- reconcile turns only the messages of a process that is gone `uncertain`,
-- never those a live process is sending at that moment.
ALTER TABLE outbox ADD COLUMN owner TEXT NOT NULL DEFAULT '';
