-- Where the child is and has been: at home, in a hospital, a children's
-- hospice, respite care. A stay covers the days from start_on up to, not
-- including, end_on (the day the child left); an ongoing stay has none.
CREATE TABLE stays (
	id          INTEGER PRIMARY KEY,
	family_id   INTEGER NOT NULL REFERENCES families (id) ON DELETE CASCADE,
	kind        TEXT NOT NULL,
	unit        TEXT NOT NULL DEFAULT '',
	place       TEXT NOT NULL DEFAULT '',
	acute       BOOLEAN NOT NULL DEFAULT FALSE,
	note        TEXT NOT NULL DEFAULT '',
	start_on    DATE NOT NULL,
	end_on      DATE,
	created_by  INTEGER NOT NULL REFERENCES accounts (id),
	created_at  TIMESTAMP NOT NULL,
	CHECK (end_on IS NULL OR end_on > start_on)
);
CREATE INDEX stays_family ON stays (family_id, start_on);

-- Corrections now also keep the values before of stays.
-- SQLite cannot change a CHECK constraint, so the table is made again.
CREATE TABLE corrections_new (
	id          INTEGER PRIMARY KEY,
	family_id   INTEGER NOT NULL REFERENCES families (id) ON DELETE CASCADE,
	object_type TEXT NOT NULL CHECK (object_type IN ('member', 'network_member', 'contact', 'coverage_item', 'aid', 'stay')),
	object_id   INTEGER NOT NULL,
	changed_at  TIMESTAMP NOT NULL,
	changed_by  INTEGER NOT NULL REFERENCES accounts (id),
	previous    TEXT NOT NULL
);
INSERT INTO corrections_new SELECT id, family_id, object_type, object_id, changed_at, changed_by, previous FROM corrections;
DROP TABLE corrections;
ALTER TABLE corrections_new RENAME TO corrections;
CREATE INDEX corrections_object ON corrections (family_id, object_type, object_id, changed_at);
