-- Issue 21 §2: a programme both sides write (000 §5.2.1). A mentee proposes a new plan item;
-- the pair's mentor accepts it (as proposed or with an edited text: `final_title`), or refuses
-- it with a reason the mentee reads. Accepting adds the plan item (`item_id`). Nothing is
-- erased: the proposal and the decision stay in the pair's history.
CREATE TABLE plan_proposals (
    id INTEGER PRIMARY KEY,
    pair_id INTEGER NOT NULL REFERENCES pairs(id),
    proposed_by INTEGER NOT NULL REFERENCES users(id),
    kind TEXT NOT NULL CHECK (kind IN ('goal', 'item')),
    title TEXT NOT NULL,
    deadline TEXT,
    state TEXT NOT NULL CHECK (state IN ('proposed', 'accepted', 'rejected')),
    final_title TEXT,
    reason TEXT,
    item_id INTEGER REFERENCES plan_items(id),
    decided_by INTEGER REFERENCES users(id),
    created_at TEXT NOT NULL,
    decided_at TEXT
);
CREATE INDEX plan_proposals_pair ON plan_proposals(pair_id, id);

-- Issue 21 §2: the programme's length changes by agreement of both sides, a third kind of
-- pair change ('length': a new end 3 to 12 months from the start). SQLite cannot alter a CHECK:
-- the table is rebuilt with the same rows (nothing references it).
CREATE TABLE pair_changes_new (
    id            INTEGER PRIMARY KEY,
    pair_id       INTEGER NOT NULL REFERENCES pairs(id),
    kind          TEXT NOT NULL CHECK (kind IN ('end', 'extend', 'length')),
    requested_by  INTEGER NOT NULL REFERENCES users(id),
    reason_code   TEXT,
    reason_text   TEXT NOT NULL DEFAULT '',
    new_end       TEXT,
    status        TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'rejected')),
    decided_by    INTEGER REFERENCES users(id),
    created_at    TEXT NOT NULL,
    decided_at    TEXT,
    agreed_at     TEXT
);
INSERT INTO pair_changes_new (id, pair_id, kind, requested_by, reason_code, reason_text, new_end, status, decided_by, created_at, decided_at, agreed_at)
    SELECT id, pair_id, kind, requested_by, reason_code, reason_text, new_end, status, decided_by, created_at, decided_at, agreed_at FROM pair_changes;
DROP TABLE pair_changes;
ALTER TABLE pair_changes_new RENAME TO pair_changes;
CREATE UNIQUE INDEX pair_changes_one_pending ON pair_changes(pair_id) WHERE status = 'pending';
