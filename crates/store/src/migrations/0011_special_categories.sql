-- Schema version 11: a claim can say that its processing touches special
-- categories of data (Art. 9(1)) or inferences of them; the advice differs
-- (Art. 9(2) has no exception for a contract or legitimate interests).
ALTER TABLE claims ADD COLUMN special_categories INTEGER NOT NULL DEFAULT 0 CHECK (special_categories IN (0, 1));
