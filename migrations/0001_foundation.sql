-- Foundation: organizations, people, roles, invites, the banks of mentors and mentees,
-- and the persistent dialogue state.

CREATE TABLE organizations (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('school', 'kindergarten', 'additional', 'college')),
    tz          TEXT NOT NULL,
    stage       INTEGER NOT NULL DEFAULT 1 CHECK (stage BETWEEN 1 AND 7),
    created_at  TEXT NOT NULL
);

-- A person known to the bot. `telegram_id` is cleared when the person withdraws consent
-- (/forget): the row then stays as an anonymous record so that pair history and district
-- statistics remain correct.
CREATE TABLE users (
    id                INTEGER PRIMARY KEY,
    telegram_id       INTEGER UNIQUE,
    lang              TEXT CHECK (lang IN ('ru', 'en')),
    consent_at        TEXT,
    full_name         TEXT,
    org_id            INTEGER REFERENCES organizations(id),
    position          TEXT,
    subjects          TEXT,
    experience_years  INTEGER,
    registered_at     TEXT,
    forgotten_at      TEXT,
    unreachable_at    TEXT,
    menu_roles        TEXT,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);
CREATE INDEX users_org ON users(org_id);

CREATE TABLE roles (
    user_id     INTEGER NOT NULL REFERENCES users(id),
    role        TEXT NOT NULL CHECK (role IN ('mentee', 'mentor', 'curator', 'coordinator', 'admin')),
    org_id      INTEGER REFERENCES organizations(id),
    granted_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX roles_unique ON roles(user_id, role, COALESCE(org_id, 0));
CREATE INDEX roles_by_org ON roles(org_id, role);

-- Наставляемый: the bank of mentees.
CREATE TABLE mentee_profiles (
    user_id       INTEGER PRIMARY KEY REFERENCES users(id),
    category      TEXT NOT NULL,
    areas         TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    confirmed_at  TEXT NOT NULL
);

-- Наставник: the bank of mentors. `consent_at` is the mentor's explicit consent
-- (the "written consent" of the regulations).
CREATE TABLE mentor_profiles (
    user_id           INTEGER PRIMARY KEY REFERENCES users(id),
    competences       TEXT NOT NULL,
    forms             TEXT NOT NULL,
    capacity          INTEGER NOT NULL DEFAULT 3 CHECK (capacity BETWEEN 1 AND 20),
    consent_at        TEXT NOT NULL,
    status            TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'resigned')),
    other_orgs        INTEGER NOT NULL DEFAULT 0,
    listed_publicly   INTEGER NOT NULL DEFAULT 0,
    updated_at        TEXT NOT NULL,
    confirmed_at      TEXT NOT NULL
);

CREATE TABLE invites (
    code        TEXT PRIMARY KEY,
    role        TEXT NOT NULL CHECK (role IN ('mentee', 'mentor', 'curator', 'coordinator')),
    org_id      INTEGER REFERENCES organizations(id),
    uses_left   INTEGER NOT NULL CHECK (uses_left >= 0),
    expires_at  TEXT,
    created_by  INTEGER,
    created_at  TEXT NOT NULL
);

CREATE TABLE invite_uses (
    code     TEXT NOT NULL REFERENCES invites(code),
    user_id  INTEGER NOT NULL REFERENCES users(id),
    used_at  TEXT NOT NULL,
    PRIMARY KEY (code, user_id)
);

-- teloxide dialogue state, one row per chat, stored as JSON.
CREATE TABLE dialogues (
    chat_id     INTEGER PRIMARY KEY,
    state       TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
