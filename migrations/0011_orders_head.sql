-- The head's orders (приказ) and the head of the organization (руководитель ОО).
--
-- 1. An order is a row of its own: one order fixes many pairs and groups. Its number is
--    kept without «Приказ» and «№», its date is a real date. The free-text number and date
--    the pairs carried until now move here: «Приказ 01-12/45» loses the word, a year typed
--    with two digits and stored as 0026 becomes 2026.
CREATE TABLE orders (
    id          INTEGER PRIMARY KEY,
    org_id      INTEGER REFERENCES organizations(id),
    number      TEXT NOT NULL,
    order_date  TEXT NOT NULL,
    created_by  INTEGER REFERENCES users(id),
    created_at  TEXT NOT NULL
);
-- the same order entered twice is one order
CREATE UNIQUE INDEX orders_unique ON orders(COALESCE(org_id, 0), number, order_date);

ALTER TABLE pairs ADD COLUMN order_id INTEGER REFERENCES orders(id);

CREATE TEMP TABLE moved_orders AS
SELECT p.id AS pair_id,
       p.org_id AS org_id,
       trim(replace(replace(replace(replace(p.order_no, 'Приказ', ''), 'приказ', ''), 'ПРИКАЗ', ''), '№', '')) AS number,
       CASE WHEN p.order_date < '1000'
            THEN printf('%04d', 2000 + CAST(substr(p.order_date, 1, 4) AS INTEGER)) || substr(p.order_date, 5)
            ELSE p.order_date END AS order_date,
       p.created_at AS created_at
  FROM pairs p
 WHERE p.order_no IS NOT NULL AND trim(p.order_no) <> '' AND p.order_date IS NOT NULL;

INSERT OR IGNORE INTO orders (org_id, number, order_date, created_at)
SELECT org_id, number, order_date, MIN(created_at) FROM moved_orders WHERE number <> '' GROUP BY org_id, number, order_date;

UPDATE pairs SET order_id = (
    SELECT o.id FROM moved_orders m JOIN orders o
        ON COALESCE(o.org_id, 0) = COALESCE(m.org_id, 0) AND o.number = m.number AND o.order_date = m.order_date
     WHERE m.pair_id = pairs.id)
 WHERE id IN (SELECT pair_id FROM moved_orders);

DROP TABLE moved_orders;
ALTER TABLE pairs DROP COLUMN order_no;
ALTER TABLE pairs DROP COLUMN order_date;
CREATE INDEX pairs_by_order ON pairs(order_id);

-- 2. The role «head» (руководитель ОО) in roles and invitations. SQLite cannot change a
--    CHECK constraint, so both tables are rebuilt with their rows (invite_uses refers to
--    invites and is rebuilt with it).
CREATE TABLE roles_new (
    user_id     INTEGER NOT NULL REFERENCES users(id),
    role        TEXT NOT NULL CHECK (role IN ('mentee', 'mentor', 'curator', 'head', 'coordinator', 'admin')),
    org_id      INTEGER REFERENCES organizations(id),
    granted_at  TEXT NOT NULL
);
INSERT INTO roles_new (rowid, user_id, role, org_id, granted_at) SELECT rowid, user_id, role, org_id, granted_at FROM roles;
DROP TABLE roles;
ALTER TABLE roles_new RENAME TO roles;
CREATE UNIQUE INDEX roles_unique ON roles(user_id, role, COALESCE(org_id, 0));
CREATE INDEX roles_by_org ON roles(org_id, role);

CREATE TEMP TABLE invites_old AS SELECT * FROM invites;
CREATE TEMP TABLE invite_uses_old AS SELECT * FROM invite_uses;
DROP TABLE invite_uses;
DROP TABLE invites;
CREATE TABLE invites (
    code        TEXT PRIMARY KEY,
    role        TEXT NOT NULL CHECK (role IN ('mentee', 'mentor', 'curator', 'head', 'coordinator')),
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
INSERT INTO invites (code, role, org_id, uses_left, expires_at, created_by, created_at)
SELECT code, role, org_id, uses_left, expires_at, created_by, created_at FROM invites_old;
INSERT INTO invite_uses (code, user_id, used_at) SELECT code, user_id, used_at FROM invite_uses_old;
DROP TABLE invites_old;
DROP TABLE invite_uses_old;
