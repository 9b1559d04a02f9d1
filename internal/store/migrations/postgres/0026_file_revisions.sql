-- A revision per family file that every change to the file moves, so
-- that an answer made from the file can be kept and given again while
-- the file is the same (the FHIR $everything). The database keeps it, in
-- triggers on every table that holds a family's data: no write path can
-- forget it. Family 0 stands for what every file names besides its own
-- rows: the accounts (names, how to reach them) and the organisations.
-- Left out: the audit trail and how far each reader read a conversation,
-- which are no part of what a file shows, and would move it on every read.
--
-- The triggers run once per statement over the rows it changed (a
-- transition table), so a bulk load moves each family's revision once per
-- statement rather than once per row.

CREATE TABLE file_revisions (
	family_id BIGINT PRIMARY KEY,
	revision  BIGINT NOT NULL
);

INSERT INTO file_revisions (family_id, revision) SELECT id, 1 FROM families;
INSERT INTO file_revisions (family_id, revision) VALUES (0, 1);

CREATE FUNCTION file_revision_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO file_revisions (family_id, revision) SELECT DISTINCT family_id, 1 FROM new_rows
		ON CONFLICT (family_id) DO UPDATE SET revision = file_revisions.revision + 1;
	RETURN NULL;
END $$;

CREATE FUNCTION file_revision_old() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO file_revisions (family_id, revision) SELECT DISTINCT family_id, 1 FROM old_rows
		ON CONFLICT (family_id) DO UPDATE SET revision = file_revisions.revision + 1;
	RETURN NULL;
END $$;

DO $$
DECLARE
	t text;
BEGIN
	FOREACH t IN ARRAY ARRAY[
		'aftercare_contacts', 'aftercare_people', 'aids', 'care_plan_proposals',
		'care_plan_versions', 'care_plans', 'case_managers', 'consents', 'contacts',
		'corrections', 'coverage_items', 'coverage_periods', 'death_records', 'documents',
		'episodes', 'family_accounts', 'family_members', 'family_notes', 'family_proposals',
		'intensity_changes', 'invitations', 'meeting_actions', 'meeting_decisions',
		'meeting_participants', 'meetings', 'messages', 'network_members',
		'secondary_diagnoses', 'signal_acks', 'stays', 'task_events', 'tasks',
		'thread_providers', 'threads', 'transfer_items', 'transfers', 'transitions'
	] LOOP
		EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows
			FOR EACH STATEMENT EXECUTE FUNCTION file_revision_new()', t || '_revision_insert', t);
		EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS new_rows
			FOR EACH STATEMENT EXECUTE FUNCTION file_revision_new()', t || '_revision_update', t);
		EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows
			FOR EACH STATEMENT EXECUTE FUNCTION file_revision_old()', t || '_revision_delete', t);
	END LOOP;
END $$;

-- The families themselves: their id is the family.

CREATE FUNCTION file_revision_new_family() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO file_revisions (family_id, revision) SELECT id, 1 FROM new_rows
		ON CONFLICT (family_id) DO UPDATE SET revision = file_revisions.revision + 1;
	RETURN NULL;
END $$;

CREATE FUNCTION file_revision_old_family() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO file_revisions (family_id, revision) SELECT id, 1 FROM old_rows
		ON CONFLICT (family_id) DO UPDATE SET revision = file_revisions.revision + 1;
	RETURN NULL;
END $$;

CREATE TRIGGER families_revision_insert AFTER INSERT ON families REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION file_revision_new_family();
CREATE TRIGGER families_revision_update AFTER UPDATE ON families REFERENCING NEW TABLE AS new_rows
	FOR EACH STATEMENT EXECUTE FUNCTION file_revision_new_family();
CREATE TRIGGER families_revision_delete AFTER DELETE ON families REFERENCING OLD TABLE AS old_rows
	FOR EACH STATEMENT EXECUTE FUNCTION file_revision_old_family();

-- What every file names: the accounts and the organisations. The
-- accounts' sign-in bookkeeping (password, second factor, language) is no
-- part of a file; a change to it leaves the revision as it is.

CREATE FUNCTION file_revision_shared() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE file_revisions SET revision = revision + 1 WHERE family_id = 0;
	RETURN NULL;
END $$;

CREATE TRIGGER accounts_revision_insert AFTER INSERT ON accounts
	FOR EACH STATEMENT EXECUTE FUNCTION file_revision_shared();
CREATE TRIGGER accounts_revision_update
	AFTER UPDATE OF organisation_id, email, name, role, disabled_at, work_phone, work_hours, stand_in ON accounts
	FOR EACH STATEMENT EXECUTE FUNCTION file_revision_shared();
CREATE TRIGGER accounts_revision_delete AFTER DELETE ON accounts
	FOR EACH STATEMENT EXECUTE FUNCTION file_revision_shared();
CREATE TRIGGER organisations_revision AFTER INSERT OR UPDATE OR DELETE ON organisations
	FOR EACH STATEMENT EXECUTE FUNCTION file_revision_shared();
