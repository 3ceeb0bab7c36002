-- Issue 22: ending a pair «по обоюдному согласию» needs the other side's tap before the
-- curator decides. `agreed_at` is when the other side agreed (NULL: still asked).
ALTER TABLE pair_changes ADD COLUMN agreed_at TEXT;
