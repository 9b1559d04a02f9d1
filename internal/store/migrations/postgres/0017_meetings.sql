-- Multidisciplinary meetings (MDO): what for, when and where, who takes
-- part (from the network and the family; a parent may decline), the
-- agenda, and afterwards the minutes and decisions. The actions agreed
-- are tasks; meeting_actions ties them to the meeting.

CREATE TABLE meetings (
	id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	family_id        BIGINT NOT NULL REFERENCES families (id) ON DELETE CASCADE,
	purpose          TEXT NOT NULL,
	starts_at        TIMESTAMPTZ NOT NULL,
	duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 5 AND 600),
	place            TEXT NOT NULL DEFAULT '',
	video_url        TEXT NOT NULL DEFAULT '',
	agenda           TEXT NOT NULL DEFAULT '',
	minutes          TEXT NOT NULL DEFAULT '',
	minutes_by       BIGINT REFERENCES accounts (id),
	minutes_at       TIMESTAMPTZ,
	created_by       BIGINT NOT NULL REFERENCES accounts (id),
	created_at       TIMESTAMPTZ NOT NULL
);
CREATE INDEX meetings_family ON meetings (family_id, starts_at);
CREATE INDEX meetings_organiser ON meetings (created_by, starts_at);

-- A participant is a member of the network or of the family, never both.
CREATE TABLE meeting_participants (
	id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	meeting_id        BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
	family_id         BIGINT NOT NULL REFERENCES families (id) ON DELETE CASCADE,
	network_member_id BIGINT REFERENCES network_members (id) ON DELETE CASCADE,
	member_id         BIGINT REFERENCES family_members (id) ON DELETE CASCADE,
	declined_at       TIMESTAMPTZ,
	CHECK ((network_member_id IS NULL) <> (member_id IS NULL))
);
CREATE UNIQUE INDEX meeting_participants_network ON meeting_participants (meeting_id, network_member_id);
CREATE UNIQUE INDEX meeting_participants_member ON meeting_participants (meeting_id, member_id);
CREATE INDEX meeting_participants_by_network ON meeting_participants (network_member_id);
CREATE INDEX meeting_participants_by_member ON meeting_participants (member_id);

CREATE TABLE meeting_decisions (
	id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
	family_id  BIGINT NOT NULL REFERENCES families (id) ON DELETE CASCADE,
	position   INTEGER NOT NULL,
	body       TEXT NOT NULL
);
CREATE INDEX meeting_decisions_meeting ON meeting_decisions (family_id, meeting_id, position);

CREATE TABLE meeting_actions (
	meeting_id BIGINT NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
	family_id  BIGINT NOT NULL REFERENCES families (id) ON DELETE CASCADE,
	task_id    BIGINT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
	PRIMARY KEY (meeting_id, task_id)
);
CREATE INDEX meeting_actions_family ON meeting_actions (family_id, meeting_id);
