-- District community (issue 6): group chats the bot serves, announcements with their
-- deliveries, and the bank of best practices (банк лучших практик) with full-text search.

-- A group or supergroup the bot is in. `kind` is NULL until a coordinator links the chat;
-- an unlinked chat is left after a day.
CREATE TABLE community_chats (
    chat_id          INTEGER PRIMARY KEY,
    title            TEXT NOT NULL DEFAULT '',
    kind             TEXT CHECK (kind IN ('district', 'org', 'council')),
    org_id           INTEGER REFERENCES organizations(id),
    -- the subject council's topic (МО учителей математики…)
    topic            TEXT,
    added_at         TEXT NOT NULL,
    linked_at        TEXT,
    linked_by        INTEGER REFERENCES users(id),
    -- the bot left or was removed; NULL while it is in the chat
    left_at          TEXT,
    -- a coordinator chose «МО» and is to type its topic (Telegram user id)
    topic_asked_by   INTEGER,
    -- newcomers' welcome: when it was last sent and who waits for the next one
    welcomed_at      TEXT,
    welcome_pending  TEXT NOT NULL DEFAULT '',
    CHECK (kind IS NULL OR kind <> 'org' OR org_id IS NOT NULL),
    CHECK (kind IS NULL OR kind <> 'council' OR topic IS NOT NULL)
);
CREATE INDEX community_chats_by_kind ON community_chats(kind, org_id);

-- An announcement by a coordinator (district) or a curator (own organization).
-- `targets` are codes: chat:district, chat:org, chat:council, role:mentor, role:mentee, role:curator.
CREATE TABLE announcements (
    id           INTEGER PRIMARY KEY,
    author_id    INTEGER NOT NULL REFERENCES users(id),
    -- the curator's organizations (comma-separated ids); NULL = the whole district
    org_scope    TEXT,
    body         TEXT NOT NULL,
    file_id      TEXT,
    file_kind    TEXT CHECK (file_kind IN ('document', 'photo')),
    targets      TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('scheduled', 'sending', 'sent', 'cancelled')),
    send_at      TEXT NOT NULL,
    sent_at      TEXT,
    created_at   TEXT NOT NULL
);
CREATE INDEX announcements_due ON announcements(status, send_at);

-- One recipient of an announcement: a chat or a person.
CREATE TABLE announcement_deliveries (
    id               INTEGER PRIMARY KEY,
    announcement_id  INTEGER NOT NULL REFERENCES announcements(id),
    chat_id          INTEGER,
    user_id          INTEGER REFERENCES users(id),
    -- pending, sent, or why not: blocked, deactivated, not_started, kicked, failed
    status           TEXT NOT NULL DEFAULT 'pending',
    at               TEXT,
    CHECK ((chat_id IS NULL) <> (user_id IS NULL))
);
CREATE UNIQUE INDEX deliveries_one_chat ON announcement_deliveries(announcement_id, chat_id) WHERE chat_id IS NOT NULL;
CREATE UNIQUE INDEX deliveries_one_user ON announcement_deliveries(announcement_id, user_id) WHERE user_id IS NOT NULL;

-- A practice submitted after a program ended; published only after the coordinator's approval
-- and only while its pair is completed (001 App.1 §8.2).
CREATE TABLE practices (
    id              INTEGER PRIMARY KEY,
    pair_id         INTEGER NOT NULL REFERENCES pairs(id),
    org_id          INTEGER REFERENCES organizations(id),
    author_id       INTEGER NOT NULL REFERENCES users(id),
    title           TEXT NOT NULL,
    areas           TEXT NOT NULL,
    form            TEXT NOT NULL,
    description     TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('pending', 'returned', 'published', 'rejected')),
    review_comment  TEXT,
    reviewed_by     INTEGER REFERENCES users(id),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    published_at    TEXT
);
CREATE INDEX practices_by_status ON practices(status, published_at);
CREATE INDEX practices_by_pair ON practices(pair_id);

CREATE TABLE practice_files (
    id           INTEGER PRIMARY KEY,
    practice_id  INTEGER NOT NULL REFERENCES practices(id),
    file_id      TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('document', 'photo')),
    name         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX practice_files_by_practice ON practice_files(practice_id);

-- Full-text index of published practices: rowid = practices.id, `stems` = the Snowball stems
-- of title, description and areas, so that «уроков» finds «урок» and «уроки».
CREATE VIRTUAL TABLE practices_fts USING fts5(stems, tokenize = 'unicode61 remove_diacritics 2');
