-- Issue 19 §1: surveys that cannot be forgotten.
-- An entry survey left unfinished when the exit survey of the same pair arrives is closed
-- (`survey_responses.closed_at`, added by 0015_plan_edits.sql): it is no longer offered by
-- /survey, reminded or counted as unanswered; the answers it has keep counting.

-- Mentors take an entry survey too, when their first pair is formed.
INSERT OR IGNORE INTO surveys (code, respondent, stage, updated_at) VALUES
    ('mentor_entry', 'mentor', 'entry', '2026-01-01T00:00:00+00:00');
INSERT OR IGNORE INTO survey_questions (survey, qid, position, kind) VALUES
    ('mentor_entry', 'mentor_readiness', 1, 'scale1_5'),
    ('mentor_entry', 'motivation', 2, 'scale1_5'),
    ('mentor_entry', 'mentor_expectations', 3, 'text');

-- Unanswered surveys per pair (the digest, the reminder).
CREATE INDEX survey_responses_pair ON survey_responses(pair_id);
