-- The work of a pair: the program (plan items and tasks), the journal (meetings, help,
-- situational requests, task checks), and the mentor's adaptation reports.

-- A goal or an item of the personalised program (индивидуальный план развития);
-- `/task` creates one too. Overdue is not stored: it is planned/rework past its deadline.
CREATE TABLE plan_items (
    id              INTEGER PRIMARY KEY,
    pair_id         INTEGER NOT NULL REFERENCES pairs(id),
    -- the mentee it is for; NULL = the whole group
    mentee_id       INTEGER REFERENCES users(id),
    kind            TEXT NOT NULL CHECK (kind IN ('goal', 'item', 'task')),
    title           TEXT NOT NULL,
    area            TEXT,
    deadline        TEXT,
    status          TEXT NOT NULL CHECK (status IN ('planned', 'submitted', 'rework', 'done', 'cancelled')),
    -- the product the mentee attached when marking it done
    product_text    TEXT,
    product_file_id TEXT,
    product_kind    TEXT CHECK (product_kind IN ('text', 'link', 'photo', 'document')),
    self_score      INTEGER CHECK (self_score BETWEEN 1 AND 5),
    self_comment    TEXT,
    submitted_at    TEXT,
    -- the mentor's check (личная проверка выполнения заданий)
    check_comment   TEXT,
    checked_at      TEXT,
    created_by      INTEGER NOT NULL REFERENCES users(id),
    source_chat     INTEGER,
    source_message  INTEGER,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX plan_items_by_pair ON plan_items(pair_id, status);
CREATE INDEX plan_items_by_deadline ON plan_items(status, deadline);
-- the same Telegram message creates at most one item (retries, double delivery)
CREATE UNIQUE INDEX plan_items_once ON plan_items(source_chat, source_message) WHERE source_message IS NOT NULL;

-- Situational help asked through the bot (ситуационное наставничество): `/sos`.
CREATE TABLE sos_requests (
    id              INTEGER PRIMARY KEY,
    pair_id         INTEGER NOT NULL REFERENCES pairs(id),
    mentee_id       INTEGER NOT NULL REFERENCES users(id),
    mentor_id       INTEGER NOT NULL REFERENCES users(id),
    question        TEXT NOT NULL,
    answer          TEXT,
    asked_at        TEXT NOT NULL,
    answered_at     TEXT,
    source_chat     INTEGER,
    source_message  INTEGER
);
CREATE INDEX sos_by_pair ON sos_requests(pair_id, asked_at);
CREATE UNIQUE INDEX sos_once ON sos_requests(source_chat, source_message) WHERE source_message IS NOT NULL;

-- The pair's journal. Entries are never overwritten silently: every edit or deletion
-- first copies the previous version into journal_versions.
CREATE TABLE journal_entries (
    id              INTEGER PRIMARY KEY,
    pair_id         INTEGER NOT NULL REFERENCES pairs(id),
    -- the mentee concerned; NULL = the whole group (a group meeting is logged once)
    mentee_id       INTEGER REFERENCES users(id),
    kind            TEXT NOT NULL CHECK (kind IN ('meeting', 'helped', 'sos', 'task', 'check')),
    on_date         TEXT NOT NULL,
    minutes         INTEGER CHECK (minutes IS NULL OR minutes BETWEEN 1 AND 600),
    -- meetings: in_person / online / lesson_visit
    format          TEXT,
    topic           TEXT NOT NULL,
    plan_item_id    INTEGER REFERENCES plan_items(id),
    sos_id          INTEGER REFERENCES sos_requests(id),
    author_id       INTEGER NOT NULL REFERENCES users(id),
    version         INTEGER NOT NULL DEFAULT 1,
    deleted_at      TEXT,
    source_chat     INTEGER,
    source_message  INTEGER,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX journal_by_pair ON journal_entries(pair_id, on_date);
CREATE INDEX journal_by_kind_date ON journal_entries(kind, on_date);
CREATE UNIQUE INDEX journal_once ON journal_entries(source_chat, source_message) WHERE source_message IS NOT NULL;

CREATE TABLE journal_versions (
    id              INTEGER PRIMARY KEY,
    entry_id        INTEGER NOT NULL REFERENCES journal_entries(id),
    version         INTEGER NOT NULL,
    on_date         TEXT NOT NULL,
    minutes         INTEGER,
    format          TEXT,
    topic           TEXT NOT NULL,
    -- what replaced this version: 'edit' or 'delete'
    action          TEXT NOT NULL CHECK (action IN ('edit', 'delete')),
    changed_by      INTEGER NOT NULL REFERENCES users(id),
    changed_at      TEXT NOT NULL,
    UNIQUE (entry_id, version)
);

-- Отчёт о ходе адаптации (001 §5.2.2), drafted from the journal, sent to the curator.
CREATE TABLE adaptation_reports (
    id              INTEGER PRIMARY KEY,
    pair_id         INTEGER NOT NULL REFERENCES pairs(id),
    mentor_id       INTEGER NOT NULL REFERENCES users(id),
    period_from     TEXT NOT NULL,
    period_to       TEXT NOT NULL,
    body            TEXT NOT NULL,
    comment         TEXT NOT NULL DEFAULT '',
    sent_at         TEXT NOT NULL
);
CREATE INDEX adaptation_reports_by_pair ON adaptation_reports(pair_id);
