-- Registration reports: the region an organisation belongs to (the
-- regional coordinator reports over the organisations of their region),
-- and the minutes a case manager spent registering a contact.

ALTER TABLE organisations ADD COLUMN region TEXT NOT NULL DEFAULT '';

ALTER TABLE contacts ADD COLUMN registration_min INTEGER NOT NULL DEFAULT 0
	CHECK (registration_min BETWEEN 0 AND 1440);

CREATE INDEX organisations_region ON organisations (region);
