-- Privacy (issue 15): what /forget leaves behind, and mentors confirmed by their school.
-- The classification of every text column (erase / neutralize / keep, and why) lives in
-- src/repo/erasure.rs; a test fails when a column is added here without a decision there.

-- A published practice whose author withdrew consent leaves the bank until a curator of its
-- organization keeps it (without the author's name) or removes it.
ALTER TABLE practices ADD COLUMN withheld_at TEXT;
ALTER TABLE practices ADD COLUMN kept_by INTEGER REFERENCES users(id);

-- A mentor who joined without a mentor invitation waits («ожидает подтверждения») until a
-- curator of the school confirms; an invitation made by a curator counts as the confirmation.
-- Mentors already in the bank were accepted under the old rules and stay confirmed.
ALTER TABLE mentor_profiles ADD COLUMN approved_at TEXT;
ALTER TABLE mentor_profiles ADD COLUMN approved_by INTEGER REFERENCES users(id);
UPDATE mentor_profiles SET approved_at = consent_at;
