-- What an organization states about itself once a school year (004 §8 Table 1, 000 §6.1.2):
-- the denominators of the district's shares, which the people registered in the bot are not.
-- A NULL count or date was not stated. `school_year` is the year the school year starts in
-- (2026 for 2026/27); the latest statement up to a report's school year is used.
CREATE TABLE school_facts (
    org_id          INTEGER NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    school_year     INTEGER NOT NULL,
    teachers        INTEGER CHECK (teachers >= 0),
    young_teachers  INTEGER CHECK (young_teachers >= 0),
    new_heads       INTEGER CHECK (new_heads >= 0),
    -- the school's regulation on mentoring (положение о наставничестве), adopted on
    regulation_date TEXT,
    -- the regulation is not adopted yet (stated, unlike a NULL date)
    no_regulation   INTEGER NOT NULL DEFAULT 0,
    updated_at      TEXT NOT NULL,
    PRIMARY KEY (org_id, school_year)
);
