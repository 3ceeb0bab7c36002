-- Issue 22: plan items and tasks are moved, renamed and cancelled, and nothing is erased:
-- every change is a row (who, what, old → new, when). A mentee's proposal is a row in state
-- 'proposed' until the mentor decides ('applied' / 'rejected'), or a newer proposal for the
-- same item and field replaces it ('superseded').
CREATE TABLE plan_item_changes (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES plan_items(id),
    field TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT,
    state TEXT NOT NULL,
    proposed_by INTEGER NOT NULL REFERENCES users(id),
    decided_by INTEGER REFERENCES users(id),
    created_at TEXT NOT NULL,
    decided_at TEXT
);
CREATE INDEX plan_item_changes_item ON plan_item_changes(item_id, id);

-- Issue 22: the mentee's difficulties in their own words, besides the checklist.
ALTER TABLE mentee_profiles ADD COLUMN difficulty_note TEXT;

-- Issue 22: an entry survey left unfinished when the exit survey arrives is closed (not
-- completed: its answers stay as they were), and `/survey` no longer reopens it.
ALTER TABLE survey_responses ADD COLUMN closed_at TEXT;
