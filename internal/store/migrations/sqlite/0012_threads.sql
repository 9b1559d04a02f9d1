-- Conversations between a family and its case managers, with providers a
-- case manager adds to one thread; read markers per account; and the
-- file's documents, which a message can carry.

CREATE TABLE threads (
	id              INTEGER PRIMARY KEY,
	family_id       INTEGER NOT NULL REFERENCES families (id) ON DELETE CASCADE,
	subject         TEXT NOT NULL,
	created_by      INTEGER NOT NULL REFERENCES accounts (id),
	created_at      TIMESTAMP NOT NULL,
	last_message_at TIMESTAMP NOT NULL
);
CREATE INDEX threads_family ON threads (family_id, last_message_at);

-- The providers a case manager added to a thread. The family's own
-- accounts and its case managers take part in every thread of the family.
CREATE TABLE thread_providers (
	thread_id  INTEGER NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
	family_id  INTEGER NOT NULL REFERENCES families (id) ON DELETE CASCADE,
	account_id INTEGER NOT NULL REFERENCES accounts (id),
	added_by   INTEGER NOT NULL REFERENCES accounts (id),
	added_at   TIMESTAMP NOT NULL,
	PRIMARY KEY (thread_id, account_id)
);

CREATE TABLE messages (
	id         INTEGER PRIMARY KEY,
	family_id  INTEGER NOT NULL REFERENCES families (id) ON DELETE CASCADE,
	thread_id  INTEGER NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
	account_id INTEGER NOT NULL REFERENCES accounts (id),
	body       TEXT NOT NULL,
	created_at TIMESTAMP NOT NULL
);
CREATE INDEX messages_thread ON messages (family_id, thread_id, id);

-- How far an account has read a thread (the id of the last message it
-- saw), and whether it has been told by e-mail of a message since: one
-- notice until it reads again.
CREATE TABLE thread_reads (
	thread_id  INTEGER NOT NULL REFERENCES threads (id) ON DELETE CASCADE,
	account_id INTEGER NOT NULL REFERENCES accounts (id),
	family_id  INTEGER NOT NULL REFERENCES families (id) ON DELETE CASCADE,
	read_up_to INTEGER NOT NULL DEFAULT 0,
	noticed    BOOLEAN NOT NULL DEFAULT FALSE,
	PRIMARY KEY (thread_id, account_id)
);

-- The file's documents: the bytes in the database, so a backup holds them.
CREATE TABLE documents (
	id           INTEGER PRIMARY KEY,
	family_id    INTEGER NOT NULL REFERENCES families (id) ON DELETE CASCADE,
	uploaded_by  INTEGER NOT NULL REFERENCES accounts (id),
	uploaded_at  TIMESTAMP NOT NULL,
	file_name    TEXT NOT NULL,
	content_type TEXT NOT NULL,
	size         INTEGER NOT NULL,
	content      BLOB NOT NULL,
	message_id   INTEGER REFERENCES messages (id) ON DELETE CASCADE
);
CREATE INDEX documents_family ON documents (family_id);
CREATE UNIQUE INDEX documents_message ON documents (message_id);
