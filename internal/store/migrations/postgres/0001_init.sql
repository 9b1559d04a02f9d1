-- Organisations, accounts, sessions and login throttling; a first, small family table.

CREATE TABLE organisations (
	id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	name       TEXT NOT NULL,
	created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE accounts (
	id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	organisation_id BIGINT NOT NULL REFERENCES organisations (id),
	email           TEXT NOT NULL UNIQUE,
	name            TEXT NOT NULL,
	role            TEXT NOT NULL CHECK (role IN ('admin', 'casemanager', 'provider', 'family', 'coordinator')),
	password_hash   TEXT NOT NULL,
	totp_secret     TEXT NOT NULL DEFAULT '',
	totp_last_step  BIGINT NOT NULL DEFAULT 0,
	mfa_exempt      BOOLEAN NOT NULL DEFAULT FALSE,
	locale          TEXT NOT NULL DEFAULT '',
	disabled_at     TIMESTAMPTZ,
	created_at      TIMESTAMPTZ NOT NULL
);

CREATE TABLE recovery_codes (
	account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
	code_hash  TEXT NOT NULL,
	used_at    TIMESTAMPTZ,
	PRIMARY KEY (account_id, code_hash)
);

CREATE TABLE sessions (
	token_hash          TEXT PRIMARY KEY,
	account_id          BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
	mfa_done            BOOLEAN NOT NULL DEFAULT FALSE,
	pending_totp_secret TEXT NOT NULL DEFAULT '',
	created_at          TIMESTAMPTZ NOT NULL,
	last_seen_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_id);

CREATE TABLE login_failures (
	id    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	scope TEXT NOT NULL CHECK (scope IN ('account', 'address')),
	key   TEXT NOT NULL,
	at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX login_failures_key ON login_failures (scope, key, at);

CREATE TABLE families (
	id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	organisation_id BIGINT NOT NULL REFERENCES organisations (id),
	child_name      TEXT NOT NULL,
	birth_date      DATE NOT NULL,
	sex             TEXT NOT NULL CHECK (sex IN ('female', 'male', 'other', 'unknown')),
	diagnosis       TEXT NOT NULL DEFAULT '',
	icd10           TEXT NOT NULL DEFAULT '',
	intensity       TEXT NOT NULL CHECK (intensity IN ('intensive', 'regular', 'waakvlam')),
	summary         TEXT NOT NULL DEFAULT '',
	deceased        BOOLEAN NOT NULL DEFAULT FALSE,
	created_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX families_organisation ON families (organisation_id);
