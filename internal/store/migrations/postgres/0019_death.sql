-- When the child dies: the death record with its corrections, the date on
-- the family's row, and the aftercare for the parents, brothers and sisters.
ALTER TABLE families ADD COLUMN deceased_on DATE;

-- The organisation's default follow-up contacts after a death, as offsets
-- such as "6w 3m 1y" (weeks, months, years).
ALTER TABLE organisations ADD COLUMN aftercare_offsets TEXT NOT NULL DEFAULT '6w 3m 1y';

-- A death record is never overwritten: a correction is a new row that
-- names the record it corrects. Only one first record per family, and
-- only one correction of each record, so the history is one line.
CREATE TABLE death_records (
	id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	family_id       BIGINT NOT NULL REFERENCES families (id) ON DELETE CASCADE,
	corrects        BIGINT REFERENCES death_records (id),
	died_on         DATE NOT NULL,
	died_time       TEXT NOT NULL DEFAULT '',
	place           TEXT NOT NULL CHECK (place IN ('home', 'hospital', 'hospice', 'other')),
	place_name      TEXT NOT NULL DEFAULT '',
	preferred_place TEXT NOT NULL DEFAULT '',
	preferred_met   TEXT NOT NULL DEFAULT '' CHECK (preferred_met IN ('', 'yes', 'no')),
	quality_note    TEXT NOT NULL DEFAULT '',
	reason          TEXT NOT NULL DEFAULT '',
	recorded_by     BIGINT NOT NULL REFERENCES accounts (id),
	recorded_at     TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX death_records_first ON death_records (family_id) WHERE corrects IS NULL;
CREATE UNIQUE INDEX death_records_corrects ON death_records (corrects) WHERE corrects IS NOT NULL;

-- Who offers bereavement support to whom: the parents (member_id NULL) or
-- one brother or sister, and what they want.
CREATE TABLE aftercare_people (
	id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	family_id    BIGINT NOT NULL REFERENCES families (id) ON DELETE CASCADE,
	member_id    BIGINT REFERENCES family_members (id) ON DELETE CASCADE,
	network_id   BIGINT REFERENCES network_members (id) ON DELETE SET NULL,
	supporter    TEXT NOT NULL DEFAULT '',
	wishes       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX aftercare_people_family ON aftercare_people (family_id);

-- The planned follow-up contacts after the death.
CREATE TABLE aftercare_contacts (
	id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	family_id   BIGINT NOT NULL REFERENCES families (id) ON DELETE CASCADE,
	due_on      DATE NOT NULL,
	note        TEXT NOT NULL DEFAULT '',
	done_on     DATE,
	done_by     BIGINT REFERENCES accounts (id)
);
CREATE INDEX aftercare_contacts_family ON aftercare_contacts (family_id, due_on);
