-- Transfers: a planned move of the child from one place to another, and
-- the tasks its warm-handoff checklist became.

CREATE TABLE transfers (
	id          INTEGER PRIMARY KEY,
	family_id   INTEGER NOT NULL REFERENCES families (id) ON DELETE CASCADE,
	from_kind   TEXT NOT NULL,
	from_place  TEXT NOT NULL DEFAULT '',
	to_kind     TEXT NOT NULL,
	to_place    TEXT NOT NULL DEFAULT '',
	planned_on  DATE NOT NULL,
	status      TEXT NOT NULL CHECK (status IN ('planned', 'done', 'cancelled')),
	note        TEXT NOT NULL DEFAULT '',
	created_by  INTEGER NOT NULL REFERENCES accounts (id),
	created_at  TIMESTAMP NOT NULL
);
CREATE INDEX transfers_family ON transfers (family_id, planned_on);

-- One row per checklist item: the task it became. A task deleted with
-- its family takes the row with it.
CREATE TABLE transfer_items (
	transfer_id INTEGER NOT NULL REFERENCES transfers (id) ON DELETE CASCADE,
	family_id   INTEGER NOT NULL REFERENCES families (id) ON DELETE CASCADE,
	item        TEXT NOT NULL,
	task_id     INTEGER NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
	PRIMARY KEY (transfer_id, item)
);
CREATE INDEX transfer_items_family ON transfer_items (family_id, transfer_id);
