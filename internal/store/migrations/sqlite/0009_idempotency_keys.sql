-- The keys a client sends with a write of the JSON API (Idempotency-Key),
-- per account: the hash of the request the key was first used for, and the
-- answer to it, written in the same transaction as the write itself. A row
-- without a status is a write in flight: claimed by one request (claim),
-- not committed yet. Rows go when they expire, a day after the claim.
CREATE TABLE idempotency_keys (
	account_id   INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
	client_key   TEXT NOT NULL,
	request_hash TEXT NOT NULL,
	claim        TEXT NOT NULL,
	claimed_at   TIMESTAMP NOT NULL,
	expires_at   TIMESTAMP NOT NULL,
	status       INTEGER,
	location     TEXT NOT NULL DEFAULT '',
	body         TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (account_id, client_key)
);
CREATE INDEX idempotency_keys_expires ON idempotency_keys (expires_at);
