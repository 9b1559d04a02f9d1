-- An account's private calendar feed (iCalendar): the token in its address
-- is the only key, so only a hash of it is kept. One feed per account:
-- making a new one replaces the row (the old address stops working), and
-- revoking deletes it.
CREATE TABLE calendar_feeds (
	account_id  BIGINT PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
	token_hash  TEXT NOT NULL UNIQUE,
	created_at  TIMESTAMPTZ NOT NULL
);
