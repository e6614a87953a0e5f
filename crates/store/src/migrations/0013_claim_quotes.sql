-- Schema version 13: a claim a reader can check — the verbatim passage it
-- rests on and the policy version's Open Terms Archive commit — and whether
-- it applied or was only announced (an announced change is not in force).
ALTER TABLE claims ADD COLUMN quote TEXT NOT NULL DEFAULT '';
ALTER TABLE claims ADD COLUMN ota_commit TEXT NOT NULL DEFAULT '';
ALTER TABLE claims ADD COLUMN status TEXT NOT NULL DEFAULT 'in_force' CHECK (status IN ('in_force', 'announced'));
