-- Background jobs run on one instance at a time: the instance holding a
-- job's lease runs it and renews the lease; when it stops or dies the
-- lease expires and another instance takes it.
CREATE TABLE job_leases (
	name       TEXT PRIMARY KEY,
	holder     TEXT NOT NULL,
	expires_at TIMESTAMPTZ NOT NULL
);

-- A case manager's daily digest: on unless switched off, at an hour of
-- Dutch time. last_sent_day is the Dutch calendar day (YYYYMMDD) whose
-- digest was claimed, before it was mailed: a second instance or a
-- restart never sends the same day twice. No row: on, at the default hour.
CREATE TABLE digest_settings (
	account_id    BIGINT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
	enabled       BOOLEAN NOT NULL,
	hour          INTEGER NOT NULL CHECK (hour BETWEEN 0 AND 23),
	last_sent_day INTEGER NOT NULL DEFAULT 0
);

-- A case manager's own record of intervision (peer review), supervision
-- and training, given or received: no client data.
CREATE TABLE intervision_sessions (
	id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
	held_on    DATE NOT NULL,
	kind       TEXT NOT NULL CHECK (kind IN ('intervision', 'supervision', 'training')),
	direction  TEXT NOT NULL CHECK (direction IN ('given', 'received')),
	minutes    INTEGER NOT NULL CHECK (minutes BETWEEN 15 AND 1440),
	topic      TEXT NOT NULL DEFAULT '',
	created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX intervision_sessions_account ON intervision_sessions (account_id, held_on);
