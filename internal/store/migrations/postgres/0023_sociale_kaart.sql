-- The sociale kaart: the regional directory of care and support. It holds
-- no family data. Capabilities are kept as a comma-separated list of the
-- fixed capability codes ("ventilation,tube_feeding").
CREATE TABLE directory_entries (
	id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	name         TEXT NOT NULL,
	organisation TEXT NOT NULL DEFAULT '',
	kind         TEXT NOT NULL,
	region       TEXT NOT NULL,
	address      TEXT NOT NULL DEFAULT '',
	phone        TEXT NOT NULL DEFAULT '',
	email        TEXT NOT NULL DEFAULT '',
	website      TEXT NOT NULL DEFAULT '',
	min_age      INTEGER NOT NULL DEFAULT 0,
	max_age      INTEGER NOT NULL DEFAULT 23,
	offers       TEXT NOT NULL DEFAULT '',
	capabilities TEXT NOT NULL DEFAULT '',
	capacity     TEXT NOT NULL DEFAULT 'unknown' CHECK (capacity IN ('available', 'waitlist', 'full', 'unknown')),
	capacity_on  DATE,
	updated_at   TIMESTAMPTZ NOT NULL,
	updated_by   BIGINT NOT NULL REFERENCES accounts (id),
	CHECK (min_age >= 0 AND max_age >= min_age)
);
CREATE INDEX directory_entries_region_kind ON directory_entries (region, kind);

-- A network member added from the kaart keeps the entry it came from.
ALTER TABLE network_members ADD COLUMN directory_entry_id BIGINT REFERENCES directory_entries (id) ON DELETE SET NULL;
