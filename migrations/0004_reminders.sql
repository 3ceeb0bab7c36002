-- Reminders and digests on the regulations' calendar (issue 5): exactly-once bookkeeping,
-- the organization's stage of the model, the district's yearly calendar, mutes, and the
-- indexes the planner and the digests need.

-- When the organization entered its current stage (organizations.stage exists since 0001).
ALTER TABLE organizations ADD COLUMN stage_since TEXT;

-- Every reminder ever planned for a person, by its key (kind, subject, period).
-- state: queued  = claimed by a pass, not yet handed to Telegram (safe to plan again after a crash);
--        sending = handed to Telegram, answer not yet recorded (never sent again);
--        sent | unreachable (403) | dropped (no longer relevant, logged once) | muted | unknown
--        (left in 'sending' by a crash: it may or may not have been delivered, so never again).
CREATE TABLE reminders_sent (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL,
    subject       TEXT NOT NULL,
    period        TEXT NOT NULL,
    recipient_id  INTEGER NOT NULL REFERENCES users(id),
    state         TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'unreachable', 'dropped', 'unknown')),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    UNIQUE (kind, subject, period, recipient_id)
);
CREATE INDEX reminders_sent_by_state ON reminders_sent(state) WHERE state IN ('queued', 'sending');

-- Topics a person switched off in /settings (only non-essential ones can be).
CREATE TABLE reminder_mutes (
    user_id  INTEGER NOT NULL REFERENCES users(id),
    topic    TEXT NOT NULL,
    PRIMARY KEY (user_id, topic)
);

-- The yearly calendar of the regulations (DOMAIN.md), editable by the coordinator.
-- A window runs from start_month/start_day to end_month/end_day (a day past the month's end
-- means its last day; an end before the start runs into the next year).
-- `code` names the seeded events (their titles are translated); `title` is the Russian text.
-- audience: comma-separated curators, coordinator, mentors.
CREATE TABLE calendar_events (
    id           INTEGER PRIMARY KEY,
    code         TEXT UNIQUE,
    title        TEXT NOT NULL,
    audience     TEXT NOT NULL,
    start_month  INTEGER NOT NULL CHECK (start_month BETWEEN 1 AND 12),
    start_day    INTEGER NOT NULL CHECK (start_day BETWEEN 1 AND 31),
    end_month    INTEGER NOT NULL CHECK (end_month BETWEEN 1 AND 12),
    end_day      INTEGER NOT NULL CHECK (end_day BETWEEN 1 AND 31),
    source       TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL
);

INSERT INTO calendar_events (code, title, audience, start_month, start_day, end_month, end_day, source, created_at) VALUES
 ('mentee-list', 'Обновить список педагогов, которым нужен наставник', 'curators', 9, 1, 10, 31, '000, 001, 002 §6.5.1', '2025-01-01T00:00:00+00:00'),
 ('mentor-base', 'Актуализация муниципальной базы наставников', 'curators,coordinator', 10, 1, 10, 31, '000 дорожная карта 2.10', '2025-01-01T00:00:00+00:00'),
 ('program-bases', 'Актуализация баз персонализированных программ наставничества', 'curators,coordinator', 9, 1, 9, 30, '000 дорожная карта 2.3–2.5', '2025-01-01T00:00:00+00:00'),
 ('curator-registry', 'Реестр кураторов; публикация дорожной карты школы', 'curators,coordinator', 1, 10, 2, 29, '004 план 1.5–1.6', '2025-01-01T00:00:00+00:00'),
 ('best-practices', 'Конкурс лучших практик наставничества, сбор практик', 'curators,coordinator,mentors', 2, 1, 3, 31, '004 план 2.1', '2025-01-01T00:00:00+00:00'),
 ('training-feb', 'Обучение наставников (февраль)', 'curators,mentors', 2, 1, 2, 29, '004 план 1.16', '2025-01-01T00:00:00+00:00'),
 ('training-sep', 'Обучение наставников (сентябрь)', 'curators,mentors', 9, 1, 9, 30, '004 план 1.16', '2025-01-01T00:00:00+00:00'),
 ('articles-may', 'Электронный сборник статей наставников (май)', 'curators,coordinator,mentors', 5, 1, 5, 31, '004 план 2.2', '2025-01-01T00:00:00+00:00'),
 ('articles-nov', 'Электронный сборник статей наставников (ноябрь)', 'curators,coordinator,mentors', 11, 1, 11, 30, '004 план 2.2', '2025-01-01T00:00:00+00:00'),
 ('monitoring', 'Мониторинг показателей с аналитической справкой; проверка страниц на сайтах школ', 'curators,coordinator', 5, 1, 5, 31, '004 план 3.2–3.3', '2025-01-01T00:00:00+00:00'),
 ('school-control', 'Контроль на уровне образовательной организации', 'curators', 5, 1, 6, 30, '004 план 4.1', '2025-01-01T00:00:00+00:00'),
 ('district-control', 'Контроль на муниципальном уровне', 'coordinator', 9, 1, 9, 30, '004 план 4.2', '2025-01-01T00:00:00+00:00'),
 ('certification', 'Учёт педагогов со статусом «педагог-наставник»; оценка программ', 'curators,coordinator', 12, 1, 12, 31, '000 дорожная карта 1.9, 3.2', '2025-01-01T00:00:00+00:00');

-- The last meeting of a pair, meetings in a date range (digests): only live meetings.
CREATE INDEX journal_meetings_by_pair ON journal_entries(pair_id, on_date, minutes)
    WHERE kind = 'meeting' AND deleted_at IS NULL;
CREATE INDEX journal_meetings_by_date ON journal_entries(on_date, pair_id, minutes)
    WHERE kind = 'meeting' AND deleted_at IS NULL;
-- Pending proposals by age; pending petitions and resignations; pairs by end date.
CREATE INDEX proposals_pending ON proposals(created_at) WHERE status = 'pending';
CREATE INDEX petitions_pending ON petitions(created_at) WHERE status = 'pending';
CREATE INDEX resignations_pending ON resignations(created_at) WHERE status = 'pending';
CREATE INDEX pairs_active_end ON pairs(planned_end, org_id) WHERE status = 'active';
CREATE INDEX requests_by_created ON requests(created_at, org_id);
CREATE INDEX users_unreachable ON users(org_id) WHERE unreachable_at IS NOT NULL;
