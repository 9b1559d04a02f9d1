-- The coverage plan: each piece of care or support with its periods (the
-- indication and every renewal), the aids and adaptations, documents
-- attached to either, the turning-18 checklist's acceptance, and how far
-- ahead an organisation wants ending coverage shown.

ALTER TABLE organisations ADD COLUMN coverage_window_weeks INTEGER NOT NULL DEFAULT 8
	CHECK (coverage_window_weeks BETWEEN 1 AND 52);

CREATE TABLE coverage_items (
	id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	family_id         BIGINT NOT NULL REFERENCES families (id) ON DELETE CASCADE,
	kind              TEXT NOT NULL,
	description       TEXT NOT NULL DEFAULT '',
	network_member_id BIGINT REFERENCES network_members (id) ON DELETE SET NULL,
	provider_name     TEXT NOT NULL DEFAULT '',
	applicant         TEXT NOT NULL,
	goals             TEXT NOT NULL DEFAULT '', -- care plan goal ids, comma separated
	created_by        BIGINT NOT NULL REFERENCES accounts (id),
	created_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX coverage_items_family ON coverage_items (family_id, id);

-- A period is never rewritten into another: a renewal is a new row.
CREATE TABLE coverage_periods (
	id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	item_id            BIGINT NOT NULL REFERENCES coverage_items (id) ON DELETE CASCADE,
	family_id          BIGINT NOT NULL REFERENCES families (id) ON DELETE CASCADE,
	law                TEXT NOT NULL,
	form               TEXT NOT NULL CHECK (form IN ('zin', 'pgb')),
	status             TEXT NOT NULL,
	minutes_per_week   INTEGER NOT NULL DEFAULT 0 CHECK (minutes_per_week BETWEEN 0 AND 10080),
	amount_cents       BIGINT NOT NULL DEFAULT 0 CHECK (amount_cents >= 0),
	reference          TEXT NOT NULL DEFAULT '',
	indicated_by       TEXT NOT NULL DEFAULT '',
	start_on           DATE,
	end_on             DATE,
	applied_on         DATE,
	decided_on         DATE,
	objection_filed_on DATE,
	objection_due      DATE,
	note               TEXT NOT NULL DEFAULT '',
	created_by         BIGINT NOT NULL REFERENCES accounts (id),
	created_at         TIMESTAMPTZ NOT NULL,
	CHECK (end_on IS NULL OR start_on IS NULL OR end_on >= start_on)
);
CREATE INDEX coverage_periods_item ON coverage_periods (family_id, item_id, id);

CREATE TABLE aids (
	id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	family_id    BIGINT NOT NULL REFERENCES families (id) ON DELETE CASCADE,
	kind         TEXT NOT NULL,
	description  TEXT NOT NULL DEFAULT '',
	via          TEXT NOT NULL,
	supplier     TEXT NOT NULL DEFAULT '',
	status       TEXT NOT NULL,
	requested_on DATE NOT NULL,
	assessed_on  DATE,
	granted_on   DATE,
	ordered_on   DATE,
	delivered_on DATE,
	replace_by   DATE,
	note         TEXT NOT NULL DEFAULT '',
	created_by   BIGINT NOT NULL REFERENCES accounts (id),
	created_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX aids_family ON aids (family_id, requested_on);

ALTER TABLE documents ADD COLUMN kind TEXT NOT NULL DEFAULT '';
ALTER TABLE documents ADD COLUMN coverage_item_id BIGINT REFERENCES coverage_items (id) ON DELETE CASCADE;
ALTER TABLE documents ADD COLUMN aid_id BIGINT REFERENCES aids (id) ON DELETE CASCADE;
CREATE INDEX documents_coverage_item ON documents (family_id, coverage_item_id);
CREATE INDEX documents_aid ON documents (family_id, aid_id);

-- The turning-18 checklist, once a case manager turned it into tasks.
CREATE TABLE transitions (
	family_id   BIGINT PRIMARY KEY REFERENCES families (id) ON DELETE CASCADE,
	accepted_at TIMESTAMPTZ NOT NULL,
	accepted_by BIGINT NOT NULL REFERENCES accounts (id),
	steps       TEXT NOT NULL
);

-- Corrections now also keep the values before of coverage items and aids.
ALTER TABLE corrections DROP CONSTRAINT corrections_object_type_check;
ALTER TABLE corrections ADD CONSTRAINT corrections_object_type_check
	CHECK (object_type IN ('member', 'network_member', 'contact', 'coverage_item', 'aid'));
