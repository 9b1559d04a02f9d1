-- Conversations between a family and its case managers, with providers a
-- case manager adds to one thread; read markers per account; and the
-- file's documents, which a message can carry.

CREATE TABLE threads (
	id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	family_id       BIGINT NOT NULL REFERENCES families (id) ON DELETE CASCADE,
	subject         TEXT NOT NULL,
	created_by      BIGINT NOT NULL REFERENCES accounts (id),
	created_at      TIMESTAMPTZ NOT NULL,
	last_message_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX threads_family ON threads (family_id, last_message_at);

-- The providers a case manager added to a thread. The family's own
-- accounts and its case managers take part in every thread of the family.
CREATE TABLE thread_providers (
	thread_id  BIGINT NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
	family_id  BIGINT NOT NULL REFERENCES families (id) ON DELETE CASCADE,
	account_id BIGINT NOT NULL REFERENCES accounts (id),
	added_by   BIGINT NOT NULL REFERENCES accounts (id),
	added_at   TIMESTAMPTZ NOT NULL,
	PRIMARY KEY (thread_id, account_id)
);

CREATE TABLE messages (
	id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	family_id  BIGINT NOT NULL REFERENCES families (id) ON DELETE CASCADE,
	thread_id  BIGINT NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
	account_id BIGINT NOT NULL REFERENCES accounts (id),
	body       TEXT NOT NULL,
	created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX messages_thread ON messages (family_id, thread_id, id);

-- How far an account has read a thread (the id of the last message it
-- saw), and whether it has been told by e-mail of a message since: one
-- notice until it reads again.
CREATE TABLE thread_reads (
	thread_id  BIGINT NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
	account_id BIGINT NOT NULL REFERENCES accounts (id),
	family_id  BIGINT NOT NULL REFERENCES families (id) ON DELETE CASCADE,
	read_up_to BIGINT NOT NULL DEFAULT 0,
	noticed    BOOLEAN NOT NULL DEFAULT FALSE,
	PRIMARY KEY (thread_id, account_id)
);

-- The file's documents: the bytes in the database, so a backup holds them.
CREATE TABLE documents (
	id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	family_id    BIGINT NOT NULL REFERENCES families (id) ON DELETE CASCADE,
	uploaded_by  BIGINT NOT NULL REFERENCES accounts (id),
	uploaded_at  TIMESTAMPTZ NOT NULL,
	file_name    TEXT NOT NULL,
	content_type TEXT NOT NULL,
	size         BIGINT NOT NULL,
	content      BYTEA NOT NULL,
	message_id   BIGINT REFERENCES messages (id) ON DELETE CASCADE
);
CREATE INDEX documents_family ON documents (family_id);
CREATE UNIQUE INDEX documents_message ON documents (message_id);
