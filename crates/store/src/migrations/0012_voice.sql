-- Schema version 12: a person's grammatical voice in letters (first-person
-- forms: neutral wording by default) and the form of address they want.
ALTER TABLE people ADD COLUMN voice TEXT NOT NULL DEFAULT 'neutral' CHECK (voice IN ('neutral', 'feminine', 'masculine'));
ALTER TABLE people ADD COLUMN form_of_address TEXT NOT NULL DEFAULT '';
