-- The family file: child and family, case management, care network,
-- intensity, contacts and tasks; and the audit trail.

ALTER TABLE families ADD COLUMN bsn TEXT NOT NULL DEFAULT '';
ALTER TABLE families ADD COLUMN living_situation TEXT NOT NULL DEFAULT '';
ALTER TABLE families ADD COLUMN culture_notes TEXT NOT NULL DEFAULT '';
ALTER TABLE families ADD COLUMN next_contact DATE;
ALTER TABLE families ADD COLUMN updated_at TIMESTAMPTZ;

CREATE TABLE secondary_diagnoses (
	id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	family_id   BIGINT NOT NULL REFERENCES families (id) ON DELETE CASCADE,
	description TEXT NOT NULL,
	icd10       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX secondary_diagnoses_family ON secondary_diagnoses (family_id);

CREATE TABLE family_members (
	id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	family_id  BIGINT NOT NULL REFERENCES families (id) ON DELETE CASCADE,
	kind       TEXT NOT NULL CHECK (kind IN ('parent', 'carer', 'sibling', 'other')),
	name       TEXT NOT NULL,
	relation   TEXT NOT NULL DEFAULT '',
	custody    BOOLEAN NOT NULL DEFAULT FALSE,
	phone      TEXT NOT NULL DEFAULT '',
	email      TEXT NOT NULL DEFAULT '',
	language   TEXT NOT NULL DEFAULT '',
	birth_date DATE,
	notes      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX family_members_family ON family_members (family_id);

CREATE TABLE episodes (
	family_id          BIGINT PRIMARY KEY REFERENCES families (id) ON DELETE CASCADE,
	referral_date      DATE NOT NULL,
	referred_by        TEXT NOT NULL DEFAULT '',
	reason             TEXT NOT NULL DEFAULT '',
	factor_wish        BOOLEAN NOT NULL DEFAULT FALSE,
	factor_complexity  BOOLEAN NOT NULL DEFAULT FALSE,
	factor_capacity    BOOLEAN NOT NULL DEFAULT FALSE,
	surprise_question  TEXT NOT NULL DEFAULT 'unknown' CHECK (surprise_question IN ('yes', 'no', 'unknown')),
	status             TEXT NOT NULL CHECK (status IN ('offered', 'accepted', 'declined', 'ended')),
	status_date        DATE NOT NULL,
	status_note        TEXT NOT NULL DEFAULT '',
	division_of_tasks  TEXT NOT NULL DEFAULT ''
);

CREATE TABLE case_managers (
	family_id  BIGINT NOT NULL REFERENCES families (id) ON DELETE CASCADE,
	kind       TEXT NOT NULL CHECK (kind IN ('kct', 'thuis')),
	account_id BIGINT NOT NULL REFERENCES accounts (id),
	PRIMARY KEY (family_id, kind)
);
CREATE INDEX case_managers_account ON case_managers (account_id);

CREATE TABLE network_members (
	id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	family_id        BIGINT NOT NULL REFERENCES families (id) ON DELETE CASCADE,
	name             TEXT NOT NULL,
	role             TEXT NOT NULL,
	organisation     TEXT NOT NULL DEFAULT '',
	line             INTEGER NOT NULL DEFAULT 0 CHECK (line BETWEEN 0 AND 3),
	domain           TEXT NOT NULL DEFAULT '',
	phone            TEXT NOT NULL DEFAULT '',
	email            TEXT NOT NULL DEFAULT '',
	reachability     TEXT NOT NULL DEFAULT '',
	always_reachable BOOLEAN NOT NULL DEFAULT FALSE,
	responsibilities TEXT NOT NULL DEFAULT '',
	bereavement      BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX network_members_family ON network_members (family_id);

CREATE TABLE intensity_changes (
	id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	family_id    BIGINT NOT NULL REFERENCES families (id) ON DELETE CASCADE,
	intensity    TEXT NOT NULL CHECK (intensity IN ('intensive', 'regular', 'waakvlam')),
	next_contact DATE,
	reason       TEXT NOT NULL DEFAULT '',
	changed_at   TIMESTAMPTZ NOT NULL,
	changed_by   BIGINT NOT NULL REFERENCES accounts (id)
);
CREATE INDEX intensity_changes_family ON intensity_changes (family_id, changed_at);

CREATE TABLE contacts (
	id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	family_id    BIGINT NOT NULL REFERENCES families (id) ON DELETE CASCADE,
	contact_date DATE NOT NULL,
	kind         TEXT NOT NULL CHECK (kind IN ('home_visit', 'phone', 'video', 'email', 'meeting')),
	with_whom    TEXT NOT NULL CHECK (with_whom IN ('child', 'parent', 'both', 'provider', 'family')),
	location     TEXT NOT NULL DEFAULT '',
	duration_min INTEGER NOT NULL DEFAULT 0 CHECK (duration_min >= 0),
	travel_min   INTEGER NOT NULL DEFAULT 0 CHECK (travel_min >= 0),
	topics       TEXT NOT NULL DEFAULT '',
	follow_up    TEXT NOT NULL DEFAULT '',
	created_at   TIMESTAMPTZ NOT NULL,
	created_by   BIGINT NOT NULL REFERENCES accounts (id)
);
CREATE INDEX contacts_family ON contacts (family_id, contact_date);

CREATE TABLE tasks (
	id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	family_id  BIGINT NOT NULL REFERENCES families (id) ON DELETE CASCADE,
	title      TEXT NOT NULL,
	owner_kind TEXT NOT NULL CHECK (owner_kind IN ('casemanager', 'network', 'family')),
	owner_name TEXT NOT NULL DEFAULT '',
	due_date   DATE,
	status     TEXT NOT NULL CHECK (status IN ('open', 'done')),
	done_note  TEXT NOT NULL DEFAULT '',
	done_at    TIMESTAMPTZ,
	done_by    BIGINT REFERENCES accounts (id),
	created_at TIMESTAMPTZ NOT NULL,
	created_by BIGINT NOT NULL REFERENCES accounts (id)
);
CREATE INDEX tasks_family ON tasks (family_id, status, due_date);

-- One record per access, after NEN 7513. Append-only: the triggers refuse
-- changes, and each record carries the hash of the one before it.
CREATE TABLE audit_events (
	id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	at            TIMESTAMPTZ NOT NULL,
	actor_id      BIGINT NOT NULL DEFAULT 0,
	actor_role    TEXT NOT NULL DEFAULT '',
	family_id     BIGINT NOT NULL DEFAULT 0,
	object_type   TEXT NOT NULL,
	object_id     BIGINT NOT NULL DEFAULT 0,
	action        TEXT NOT NULL CHECK (action IN ('C', 'R', 'U', 'D', 'P', 'E', 'S', 'L')),
	outcome       TEXT NOT NULL CHECK (outcome IN ('success', 'denied', 'failed')),
	access_point  TEXT NOT NULL DEFAULT '',
	authorised    BOOLEAN NOT NULL,
	relationship  BOOLEAN NOT NULL,
	consent       BOOLEAN NOT NULL,
	emergency     BOOLEAN NOT NULL,
	prev_hash     TEXT NOT NULL,
	hash          TEXT NOT NULL
);
CREATE INDEX audit_events_family ON audit_events (family_id, at);

CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'audit_events is append-only';
END;
$$;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
	FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
	FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
