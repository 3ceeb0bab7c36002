-- Indexes for a district at scale (benchmark scenario 2: 500 organizations, 25 000 pairs,
-- 2 000 000 journal entries), checked with EXPLAIN QUERY PLAN on SQLite 3.46 without ANALYZE.

-- The journal's meeting indexes become covering: a partial index is only covering when the
-- columns of its WHERE are in it too, so kind and deleted_at are appended. Without them every
-- meeting counted by a digest, the monitoring facts or the weekly chart was also read from the
-- table — a random page per row once entries are written day by day over a school year.
DROP INDEX journal_meetings_by_pair;
CREATE INDEX journal_meetings_by_pair ON journal_entries(pair_id, on_date, minutes, kind, deleted_at)
    WHERE kind = 'meeting' AND deleted_at IS NULL;
DROP INDEX journal_meetings_by_date;
CREATE INDEX journal_meetings_by_date ON journal_entries(on_date, pair_id, minutes, kind, deleted_at)
    WHERE kind = 'meeting' AND deleted_at IS NULL;

-- (kind, on_date) served only meeting queries, which the partial indexes cover; the planner
-- preferred it for one organization's digest and scanned the whole district's meetings of the
-- period (and the table rows behind them) instead of the organization's pairs.
DROP INDEX journal_by_kind_date;

-- The report's journal sheet: live entries of any kind in a date range, oldest first
-- (rowid breaks ties, so ORDER BY on_date, id is the index order and LIMIT stops early).
CREATE INDEX journal_live_by_date ON journal_entries(on_date) WHERE deleted_at IS NULL;

-- The planner's stage-2 to-do list asks, per mentee, whether any request exists: without this
-- every mentee scanned all requests (quadratic; 25 s on the generated district).
CREATE INDEX requests_by_mentee ON requests(mentee_id);
