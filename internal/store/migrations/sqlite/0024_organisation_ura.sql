-- The organisation's URA: its number in the Dutch register of care
-- providers (UZI register), which a FHIR export names the organisation by
-- and a later exchange (Shared Care Planning, Nuts) identifies it with.
-- Empty while not set.

ALTER TABLE organisations ADD COLUMN ura TEXT NOT NULL DEFAULT ''
	CHECK (ura = '' OR length(ura) = 8);
