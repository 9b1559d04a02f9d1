-- The family's own network over time: when a provider or informal carer
-- started and stopped being involved, and a family member who left the
-- family's file; corrections that keep the values before them; what the
-- family proposes for their network; and a file opened before birth.

ALTER TABLE network_members ADD COLUMN started_on DATE;
ALTER TABLE network_members ADD COLUMN ended_on DATE;
ALTER TABLE family_members ADD COLUMN ended_on DATE;

-- A child not born yet: birth_date holds the expected date of birth.
ALTER TABLE families ADD COLUMN unborn BOOLEAN NOT NULL DEFAULT FALSE;

-- One row per correction of a family member, a network member or a
-- contact: who corrected it, when, and its values before, as JSON.
CREATE TABLE corrections (
	id          INTEGER PRIMARY KEY,
	family_id   INTEGER NOT NULL REFERENCES families (id) ON DELETE CASCADE,
	object_type TEXT NOT NULL CHECK (object_type IN ('member', 'network_member', 'contact')),
	object_id   INTEGER NOT NULL,
	changed_at  TIMESTAMP NOT NULL,
	changed_by  INTEGER NOT NULL REFERENCES accounts (id),
	previous    TEXT NOT NULL
);
CREATE INDEX corrections_object ON corrections (family_id, object_type, object_id, changed_at);

-- What a parent proposes for the network: a new member, or other contact
-- details of a network member or a family member.
CREATE TABLE family_proposals (
	id           INTEGER PRIMARY KEY,
	family_id    INTEGER NOT NULL REFERENCES families (id) ON DELETE CASCADE,
	kind         TEXT NOT NULL CHECK (kind IN ('network_add', 'network_contact', 'member_contact')),
	target_id    INTEGER NOT NULL DEFAULT 0,
	name         TEXT NOT NULL DEFAULT '',
	role         TEXT NOT NULL DEFAULT '',
	organisation TEXT NOT NULL DEFAULT '',
	phone        TEXT NOT NULL DEFAULT '',
	email        TEXT NOT NULL DEFAULT '',
	proposed_by  INTEGER NOT NULL REFERENCES accounts (id),
	proposed_at  TIMESTAMP NOT NULL,
	status       TEXT NOT NULL CHECK (status IN ('open', 'confirmed', 'declined')),
	answer       TEXT NOT NULL DEFAULT '',
	answered_by  INTEGER REFERENCES accounts (id),
	answered_at  TIMESTAMP
);
CREATE INDEX family_proposals_family ON family_proposals (family_id, proposed_at);
