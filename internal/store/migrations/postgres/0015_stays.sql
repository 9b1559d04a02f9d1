-- Where the child is and has been: at home, in a hospital, a children's
-- hospice, respite care. A stay covers the days from start_on up to, not
-- including, end_on (the day the child left); an ongoing stay has none.
CREATE TABLE stays (
	id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	family_id   BIGINT NOT NULL REFERENCES families (id) ON DELETE CASCADE,
	kind        TEXT NOT NULL,
	unit        TEXT NOT NULL DEFAULT '',
	place       TEXT NOT NULL DEFAULT '',
	acute       BOOLEAN NOT NULL DEFAULT FALSE,
	note        TEXT NOT NULL DEFAULT '',
	start_on    DATE NOT NULL,
	end_on      DATE,
	created_by  BIGINT NOT NULL REFERENCES accounts (id),
	created_at  TIMESTAMPTZ NOT NULL,
	CHECK (end_on IS NULL OR end_on > start_on)
);
CREATE INDEX stays_family ON stays (family_id, start_on);

-- Corrections now also keep the values before of stays.
ALTER TABLE corrections DROP CONSTRAINT corrections_object_type_check;
ALTER TABLE corrections ADD CONSTRAINT corrections_object_type_check
	CHECK (object_type IN ('member', 'network_member', 'contact', 'coverage_item', 'aid', 'stay'));
