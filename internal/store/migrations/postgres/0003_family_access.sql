-- Family and provider accounts linked to a family, invitations, consent
-- after the WGBO, and notes from the family and providers.

CREATE TABLE family_accounts (
	family_id         BIGINT NOT NULL REFERENCES families (id) ON DELETE CASCADE,
	account_id        BIGINT NOT NULL REFERENCES accounts (id),
	kind              TEXT NOT NULL CHECK (kind IN ('parent', 'child', 'provider')),
	member_id         BIGINT REFERENCES family_members (id) ON DELETE SET NULL,
	network_member_id BIGINT REFERENCES network_members (id) ON DELETE CASCADE,
	PRIMARY KEY (family_id, account_id)
);
CREATE INDEX family_accounts_account ON family_accounts (account_id);

CREATE TABLE invitations (
	id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	family_id         BIGINT NOT NULL REFERENCES families (id) ON DELETE CASCADE,
	kind              TEXT NOT NULL CHECK (kind IN ('parent', 'child', 'provider')),
	member_id         BIGINT REFERENCES family_members (id) ON DELETE CASCADE,
	network_member_id BIGINT REFERENCES network_members (id) ON DELETE CASCADE,
	email             TEXT NOT NULL,
	name              TEXT NOT NULL,
	token_hash        TEXT NOT NULL UNIQUE,
	created_by        BIGINT NOT NULL REFERENCES accounts (id),
	created_at        TIMESTAMPTZ NOT NULL,
	expires_at        TIMESTAMPTZ NOT NULL,
	used_at           TIMESTAMPTZ,
	account_id        BIGINT REFERENCES accounts (id)
);
CREATE INDEX invitations_family ON invitations (family_id);

CREATE TABLE consents (
	id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	family_id         BIGINT NOT NULL REFERENCES families (id) ON DELETE CASCADE,
	network_member_id BIGINT NOT NULL REFERENCES network_members (id) ON DELETE CASCADE,
	given_by          BIGINT NOT NULL REFERENCES accounts (id),
	giver_kind        TEXT NOT NULL CHECK (giver_kind IN ('parent', 'child')),
	granted           BOOLEAN NOT NULL,
	scope             TEXT NOT NULL CHECK (scope IN ('file', 'plan_network')),
	at                TIMESTAMPTZ NOT NULL
);
CREATE INDEX consents_family ON consents (family_id, network_member_id);

CREATE TABLE family_notes (
	id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	family_id  BIGINT NOT NULL REFERENCES families (id) ON DELETE CASCADE,
	account_id BIGINT NOT NULL REFERENCES accounts (id),
	kind       TEXT NOT NULL CHECK (kind IN ('wish', 'note', 'provider_note')),
	body       TEXT NOT NULL,
	created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX family_notes_family ON family_notes (family_id, created_at);

-- A task can belong to one provider in the network, who then sees it.
ALTER TABLE tasks ADD COLUMN network_member_id BIGINT REFERENCES network_members (id) ON DELETE SET NULL;
