-- Requests for a mentor, proposals, pairs/groups, petitions for replacement, resignations,
-- end/extension requests, and the history of every state change.

CREATE TABLE requests (
    id                INTEGER PRIMARY KEY,
    mentee_id         INTEGER NOT NULL REFERENCES users(id),
    org_id            INTEGER REFERENCES organizations(id),
    -- new: asked by the mentee; replacement: after an approved petition;
    -- rematch: the mentor resigned
    kind              TEXT NOT NULL CHECK (kind IN ('new', 'replacement', 'rematch')),
    areas             TEXT NOT NULL,
    description       TEXT NOT NULL,
    form              TEXT,
    wished_mentor_id  INTEGER REFERENCES users(id),
    -- mentors never to suggest for this request (comma-separated user ids)
    excluded          TEXT NOT NULL DEFAULT '',
    previous_pair_id  INTEGER,
    status            TEXT NOT NULL CHECK (status IN ('open', 'proposed', 'accepted', 'matched', 'rejected', 'withdrawn')),
    reject_reason     TEXT,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
-- one open request per mentee
CREATE UNIQUE INDEX requests_one_open ON requests(mentee_id) WHERE status IN ('open', 'proposed', 'accepted');
CREATE INDEX requests_by_org ON requests(org_id, status);

CREATE TABLE proposals (
    id            INTEGER PRIMARY KEY,
    request_id    INTEGER NOT NULL REFERENCES requests(id),
    mentor_id     INTEGER NOT NULL REFERENCES users(id),
    proposed_by   INTEGER REFERENCES users(id),
    -- join an existing pair as a group instead of a new pair
    join_pair_id  INTEGER,
    status        TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'declined', 'withdrawn', 'confirmed', 'refused')),
    reason        TEXT,
    created_at    TEXT NOT NULL,
    answered_at   TEXT,
    reminded_at   TEXT,
    escalated_at  TEXT
);
CREATE UNIQUE INDEX proposals_one_live ON proposals(request_id) WHERE status IN ('pending', 'accepted');
CREATE INDEX proposals_by_mentor ON proposals(mentor_id, status);

-- A pair (one mentee) or a group (several mentees) with one mentor.
CREATE TABLE pairs (
    id            INTEGER PRIMARY KEY,
    org_id        INTEGER REFERENCES organizations(id),
    mentor_id     INTEGER NOT NULL REFERENCES users(id),
    forms         TEXT NOT NULL,
    start_date    TEXT NOT NULL,
    planned_end   TEXT NOT NULL,
    order_no      TEXT,
    order_date    TEXT,
    status        TEXT NOT NULL CHECK (status IN ('active', 'completed', 'terminated')),
    end_reason    TEXT,
    ended_at      TEXT,
    created_at    TEXT NOT NULL
);
CREATE INDEX pairs_by_mentor ON pairs(mentor_id, status);
CREATE INDEX pairs_by_org ON pairs(org_id, status);

CREATE TABLE pair_mentees (
    pair_id     INTEGER NOT NULL REFERENCES pairs(id),
    mentee_id   INTEGER NOT NULL REFERENCES users(id),
    request_id  INTEGER REFERENCES requests(id),
    joined_at   TEXT NOT NULL,
    PRIMARY KEY (pair_id, mentee_id)
);
CREATE INDEX pair_mentees_by_mentee ON pair_mentees(mentee_id);
-- a request forms at most one pair membership (double taps create nothing twice)
CREATE UNIQUE INDEX pair_mentees_one_per_request ON pair_mentees(request_id) WHERE request_id IS NOT NULL;

-- Ходатайство о замене наставника (the mentor never sees it).
CREATE TABLE petitions (
    id               INTEGER PRIMARY KEY,
    pair_id          INTEGER NOT NULL REFERENCES pairs(id),
    mentee_id        INTEGER NOT NULL REFERENCES users(id),
    reason_code      TEXT NOT NULL,
    reason_text      TEXT NOT NULL DEFAULT '',
    status           TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    decided_by       INTEGER REFERENCES users(id),
    decision_reason  TEXT,
    created_at       TEXT NOT NULL,
    decided_at       TEXT
);
CREATE UNIQUE INDEX petitions_one_pending ON petitions(pair_id, mentee_id) WHERE status = 'pending';

-- Заявление о сложении обязанностей наставника.
CREATE TABLE resignations (
    id               INTEGER PRIMARY KEY,
    mentor_id        INTEGER NOT NULL REFERENCES users(id),
    org_id           INTEGER REFERENCES organizations(id),
    reason           TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
    decided_by       INTEGER REFERENCES users(id),
    decision_reason  TEXT,
    created_at       TEXT NOT NULL,
    decided_at       TEXT
);
CREATE UNIQUE INDEX resignations_one_pending ON resignations(mentor_id) WHERE status = 'pending';

-- Requests to end a pair (the curator confirms) or to extend it (both parties confirm).
CREATE TABLE pair_changes (
    id            INTEGER PRIMARY KEY,
    pair_id       INTEGER NOT NULL REFERENCES pairs(id),
    kind          TEXT NOT NULL CHECK (kind IN ('end', 'extend')),
    requested_by  INTEGER NOT NULL REFERENCES users(id),
    reason_code   TEXT,
    reason_text   TEXT NOT NULL DEFAULT '',
    new_end       TEXT,
    status        TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'rejected')),
    decided_by    INTEGER REFERENCES users(id),
    created_at    TEXT NOT NULL,
    decided_at    TEXT
);
CREATE UNIQUE INDEX pair_changes_one_pending ON pair_changes(pair_id) WHERE status = 'pending';

-- Every state change: who, when, from → to, why. Never updated, never deleted.
CREATE TABLE history (
    id           INTEGER PRIMARY KEY,
    subject      TEXT NOT NULL CHECK (subject IN ('request', 'proposal', 'pair', 'petition', 'resignation', 'change')),
    subject_id   INTEGER NOT NULL,
    actor_id     INTEGER REFERENCES users(id),
    from_status  TEXT,
    to_status    TEXT NOT NULL,
    reason       TEXT,
    at           TEXT NOT NULL
);
CREATE INDEX history_by_subject ON history(subject, subject_id);
