-- Issue 16: messages to other people go through a durable outbox. A handler only inserts a
-- row; a background sender drains the table through the pacer, one recipient's rows in order.
--
-- Exactly once, as reminders (0004): queued → sending (handed to Telegram) → sent | unreachable
-- | failed | unknown. A row found 'sending' after a restart may have been delivered: it becomes
-- 'unknown' and is never sent again; 'queued' rows are simply sent after the restart.
CREATE TABLE outbox (
    id           INTEGER PRIMARY KEY,
    -- a person (their Telegram id is looked up when the row is sent) or a chat
    user_id      INTEGER REFERENCES users(id),
    chat_id      INTEGER,
    text         TEXT NOT NULL,
    -- the inline keyboard (JSON), under the last part of a long text
    keyboard     TEXT,
    -- a file sent by its Telegram file_id with `text` as the caption
    file_kind    TEXT CHECK (file_kind IN ('document', 'photo')),
    file_id      TEXT,
    -- what the sender does once the row is settled: 'survey' (ref: the response, which keeps
    -- the question's message id), 'announcement' (ref: the delivery, reported to the author)
    on_sent      TEXT CHECK (on_sent IN ('survey', 'announcement')),
    ref_id       INTEGER,
    state        TEXT NOT NULL DEFAULT 'queued'
                 CHECK (state IN ('queued', 'sending', 'sent', 'unreachable', 'failed', 'unknown')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    -- the (last) message Telegram created
    message_id   INTEGER,
    -- the chat had become a supergroup: delivered to its new id
    migrated     INTEGER NOT NULL DEFAULT 0,
    error        TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    CHECK ((chat_id IS NULL) <> (user_id IS NULL))
);
CREATE INDEX outbox_pending ON outbox(state, id) WHERE state IN ('queued', 'sending');
CREATE INDEX outbox_by_user ON outbox(user_id, id) WHERE state = 'queued';
CREATE INDEX outbox_by_chat ON outbox(chat_id, id) WHERE state = 'queued';
