-- Meetings planned ahead (issue 21 §1): `/meeting завтра 15:30 Разбор урока`.
-- A planned meeting is reminded the evening before and an hour before; after its time the
-- mentor is asked whether it took place, and «Да» writes the journal entry in the same
-- transaction that marks the meeting held.
CREATE TABLE scheduled_meetings (
    id               INTEGER PRIMARY KEY,
    pair_id          INTEGER NOT NULL REFERENCES pairs(id),
    -- the mentee concerned; NULL = the whole group
    mentee_id        INTEGER REFERENCES users(id),
    created_by       INTEGER NOT NULL REFERENCES users(id),
    -- UTC; shown in the organization's time zone
    starts_at        TEXT NOT NULL,
    minutes          INTEGER NOT NULL CHECK (minutes BETWEEN 1 AND 600),
    topic            TEXT NOT NULL,
    status           TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'held', 'missed', 'cancelled')),
    -- the journal entry written when the mentor confirmed it took place
    journal_entry_id INTEGER REFERENCES journal_entries(id),
    -- how many times it was moved (each move is a new reminder period)
    moves            INTEGER NOT NULL DEFAULT 0,
    -- the Telegram message it was planned from: planned once
    source_chat      INTEGER,
    source_message   INTEGER,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX scheduled_meetings_by_pair ON scheduled_meetings(pair_id, status, starts_at);
CREATE INDEX scheduled_meetings_planned ON scheduled_meetings(status, starts_at);
CREATE UNIQUE INDEX scheduled_meetings_once ON scheduled_meetings(source_chat, source_message) WHERE source_message IS NOT NULL;
