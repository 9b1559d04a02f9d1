-- Single-use links that let an account's holder set a new password (and a
-- new second factor): made when an administrator creates an account or
-- resets its password or second factor. Only a hash of the token is kept.
-- created_by is the administrator's account, or 0 for the server operator
-- (spil user).
CREATE TABLE account_links (
	id          INTEGER PRIMARY KEY,
	account_id  INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
	kind        TEXT NOT NULL CHECK (kind IN ('new', 'password', 'mfa')),
	token_hash  TEXT NOT NULL UNIQUE,
	created_by  INTEGER NOT NULL DEFAULT 0,
	created_at  TIMESTAMP NOT NULL,
	expires_at  TIMESTAMP NOT NULL,
	used_at     TIMESTAMP
);
CREATE INDEX account_links_account ON account_links (account_id);

-- Secrets the server makes once and keeps, shared by every instance on the
-- database: the key of the login throttle's keyed hashes.
CREATE TABLE server_secrets (
	name       TEXT PRIMARY KEY,
	value      TEXT NOT NULL,
	created_at TIMESTAMP NOT NULL
);

-- The throttle's keys were plain hashes; counts under them no longer match.
DELETE FROM login_failures;
