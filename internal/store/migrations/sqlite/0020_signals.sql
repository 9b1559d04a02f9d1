-- Signals: a case manager snoozes a signal of a family until a date or
-- dismisses it with a reason. One row per signal of a family: a new
-- acknowledgement replaces the last. It holds while the signal's cause is
-- the one recorded, so a changed cause brings the signal back.
CREATE TABLE signal_acks (
	family_id    INTEGER NOT NULL REFERENCES families (id) ON DELETE CASCADE,
	signal_id    TEXT NOT NULL,
	kind         TEXT NOT NULL CHECK (kind IN ('snooze', 'dismiss')),
	cause        TEXT NOT NULL,
	snooze_until DATE,
	reason       TEXT NOT NULL DEFAULT '',
	acked_at     TIMESTAMP NOT NULL,
	acked_by     INTEGER NOT NULL REFERENCES accounts (id),
	PRIMARY KEY (family_id, signal_id),
	CHECK ((kind = 'snooze') = (snooze_until IS NOT NULL))
);

-- Days between contacts per intensity when no next contact is planned.
ALTER TABLE organisations ADD COLUMN contact_days_intensive INTEGER NOT NULL DEFAULT 7
	CHECK (contact_days_intensive BETWEEN 1 AND 366);
ALTER TABLE organisations ADD COLUMN contact_days_regular INTEGER NOT NULL DEFAULT 28
	CHECK (contact_days_regular BETWEEN 1 AND 366);
ALTER TABLE organisations ADD COLUMN contact_days_waakvlam INTEGER NOT NULL DEFAULT 91
	CHECK (contact_days_waakvlam BETWEEN 1 AND 366);

-- The possible-duplicate signal looks up families by date of birth.
CREATE INDEX IF NOT EXISTS families_birth ON families (organisation_id, birth_date);
