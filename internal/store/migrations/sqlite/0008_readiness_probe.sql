-- One row that /readyz rewrites now and then, in a write transaction of
-- its own, to learn that the database still takes writes (not read-only,
-- not full). It holds nothing else.
CREATE TABLE readiness_probe (
	id        INTEGER PRIMARY KEY CHECK (id = 1),
	probed_at TIMESTAMP NOT NULL
);
