-- Monitoring (000 §VI, 002 §VII, 004 Table 1): surveys of the participants before and after
-- a program, their answers, and the district's indicator targets.

-- A survey definition. The coordinator adapts them with `nastavnik survey export/import`.
-- respondent: who answers; stage: entry (at the start of a pair) or exit (at its end).
CREATE TABLE surveys (
    code        TEXT PRIMARY KEY,
    respondent  TEXT NOT NULL CHECK (respondent IN ('mentee', 'mentor')),
    stage       TEXT NOT NULL CHECK (stage IN ('entry', 'exit')),
    updated_at  TEXT NOT NULL
);

-- The questions, in order. Texts NULL = the locale default `sv-q-<qid>`.
-- Questions with the same qid in the entry and the exit survey of a respondent are compared.
CREATE TABLE survey_questions (
    survey    TEXT NOT NULL REFERENCES surveys(code),
    qid       TEXT NOT NULL,
    position  INTEGER NOT NULL,
    kind      TEXT NOT NULL CHECK (kind IN ('scale1_5', 'scale0_10', 'text')),
    text_ru   TEXT,
    text_en   TEXT,
    PRIMARY KEY (survey, qid)
);

INSERT INTO surveys (code, respondent, stage, updated_at) VALUES
    ('mentee_entry', 'mentee', 'entry', '2026-01-01T00:00:00+00:00'),
    ('mentee_exit', 'mentee', 'exit', '2026-01-01T00:00:00+00:00'),
    ('mentor_exit', 'mentor', 'exit', '2026-01-01T00:00:00+00:00');

INSERT INTO survey_questions (survey, qid, position, kind) VALUES
    ('mentee_entry', 'motivation', 1, 'scale1_5'),
    ('mentee_entry', 'confidence', 2, 'scale1_5'),
    ('mentee_entry', 'adaptation', 3, 'scale1_5'),
    ('mentee_entry', 'innovation', 4, 'scale1_5'),
    ('mentee_entry', 'expectations', 5, 'text'),
    ('mentee_exit', 'motivation', 1, 'scale1_5'),
    ('mentee_exit', 'confidence', 2, 'scale1_5'),
    ('mentee_exit', 'adaptation', 3, 'scale1_5'),
    ('mentee_exit', 'innovation', 4, 'scale1_5'),
    ('mentee_exit', 'satisfaction', 5, 'scale0_10'),
    ('mentee_exit', 'comment', 6, 'text'),
    ('mentor_exit', 'mentor_growth', 1, 'scale1_5'),
    ('mentor_exit', 'mentee_progress', 2, 'scale1_5'),
    ('mentor_exit', 'satisfaction', 3, 'scale0_10'),
    ('mentor_exit', 'comment', 4, 'text');

-- One questionnaire sent to one participant of one pair. Half-finished ones resume at the
-- first unanswered question; `message_id` is the message whose buttons are current.
CREATE TABLE survey_responses (
    id            INTEGER PRIMARY KEY,
    survey        TEXT NOT NULL REFERENCES surveys(code),
    pair_id       INTEGER NOT NULL REFERENCES pairs(id),
    user_id       INTEGER NOT NULL REFERENCES users(id),
    started_at    TEXT NOT NULL,
    completed_at  TEXT,
    message_id    INTEGER
);
CREATE UNIQUE INDEX survey_responses_once ON survey_responses(survey, pair_id, user_id);
CREATE INDEX survey_responses_open ON survey_responses(user_id) WHERE completed_at IS NULL;

-- One answer per question; `score` for scales, `text` for free text (NULL when skipped).
CREATE TABLE survey_answers (
    response_id  INTEGER NOT NULL REFERENCES survey_responses(id),
    qid          TEXT NOT NULL,
    score        INTEGER,
    text         TEXT,
    answered_at  TEXT NOT NULL,
    PRIMARY KEY (response_id, qid)
);

-- Targets that differ from the defaults (004 Table 1 and the bot's own) — `nastavnik target set`.
CREATE TABLE indicator_targets (
    code        TEXT PRIMARY KEY,
    target      REAL NOT NULL,
    updated_at  TEXT NOT NULL
);
