-- The district's events on mentoring that were held (issue 19 §2; 004 Table 1: «не менее 3
-- мероприятий» a year and the share of organizations taking part), recorded by the
-- coordinator with the organizations that took part.
CREATE TABLE held_events (
    id                INTEGER PRIMARY KEY,
    title             TEXT NOT NULL,
    held_on           TEXT NOT NULL,
    -- the calendar event it was (NULL: an event outside the yearly calendar)
    calendar_event_id INTEGER REFERENCES calendar_events(id) ON DELETE SET NULL,
    recorded_by       INTEGER REFERENCES users(id),
    created_at        TEXT NOT NULL
);
CREATE INDEX held_events_by_date ON held_events(held_on);
CREATE TABLE held_event_orgs (
    event_id INTEGER NOT NULL REFERENCES held_events(id) ON DELETE CASCADE,
    org_id   INTEGER NOT NULL REFERENCES organizations(id),
    PRIMARY KEY (event_id, org_id)
);
CREATE INDEX held_event_orgs_by_org ON held_event_orgs(org_id);
