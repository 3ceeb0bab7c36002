-- Operating the bot (issue 20): small named values that the bot, the console and the command
-- line share.
--   clock               the console's simulated «now» (RFC 3339): the console writes it as its
--                       time moves, `nastavnik tick` without --now reads it (a console database)
--   last_reminder_pass  when the last reminder pass finished (nastavnik stats, /digest of admins)
CREATE TABLE app_state (
    key         TEXT PRIMARY KEY,
    value       TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
