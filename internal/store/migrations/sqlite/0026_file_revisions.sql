-- A revision per family file that every change to the file moves, so
-- that an answer made from the file can be kept and given again while
-- the file is the same (the FHIR $everything). The database keeps it, in
-- triggers on every table that holds a family's data: no write path can
-- forget it. Family 0 stands for what every file names besides its own
-- rows: the accounts (names, how to reach them) and the organisations.
-- Left out: the audit trail and how far each reader read a conversation,
-- which are no part of what a file shows, and would move it on every read.

CREATE TABLE file_revisions (
	family_id INTEGER PRIMARY KEY,
	revision  INTEGER NOT NULL
);

INSERT INTO file_revisions (family_id, revision) SELECT id, 1 FROM families;
INSERT INTO file_revisions (family_id, revision) VALUES (0, 1);

CREATE TRIGGER families_revision_insert AFTER INSERT ON families BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER families_revision_update AFTER UPDATE ON families BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER families_revision_delete AFTER DELETE ON families BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (OLD.id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER aftercare_contacts_revision_insert AFTER INSERT ON aftercare_contacts BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER aftercare_contacts_revision_update AFTER UPDATE ON aftercare_contacts BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER aftercare_contacts_revision_delete AFTER DELETE ON aftercare_contacts BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (OLD.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER aftercare_people_revision_insert AFTER INSERT ON aftercare_people BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER aftercare_people_revision_update AFTER UPDATE ON aftercare_people BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER aftercare_people_revision_delete AFTER DELETE ON aftercare_people BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (OLD.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER aids_revision_insert AFTER INSERT ON aids BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER aids_revision_update AFTER UPDATE ON aids BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER aids_revision_delete AFTER DELETE ON aids BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (OLD.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER care_plan_proposals_revision_insert AFTER INSERT ON care_plan_proposals BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER care_plan_proposals_revision_update AFTER UPDATE ON care_plan_proposals BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER care_plan_proposals_revision_delete AFTER DELETE ON care_plan_proposals BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (OLD.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER care_plan_versions_revision_insert AFTER INSERT ON care_plan_versions BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER care_plan_versions_revision_update AFTER UPDATE ON care_plan_versions BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER care_plan_versions_revision_delete AFTER DELETE ON care_plan_versions BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (OLD.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER care_plans_revision_insert AFTER INSERT ON care_plans BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER care_plans_revision_update AFTER UPDATE ON care_plans BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER care_plans_revision_delete AFTER DELETE ON care_plans BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (OLD.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER case_managers_revision_insert AFTER INSERT ON case_managers BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER case_managers_revision_update AFTER UPDATE ON case_managers BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER case_managers_revision_delete AFTER DELETE ON case_managers BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (OLD.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER consents_revision_insert AFTER INSERT ON consents BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER consents_revision_update AFTER UPDATE ON consents BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER consents_revision_delete AFTER DELETE ON consents BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (OLD.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER contacts_revision_insert AFTER INSERT ON contacts BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER contacts_revision_update AFTER UPDATE ON contacts BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER contacts_revision_delete AFTER DELETE ON contacts BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (OLD.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER corrections_revision_insert AFTER INSERT ON corrections BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER corrections_revision_update AFTER UPDATE ON corrections BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER corrections_revision_delete AFTER DELETE ON corrections BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (OLD.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER coverage_items_revision_insert AFTER INSERT ON coverage_items BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER coverage_items_revision_update AFTER UPDATE ON coverage_items BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER coverage_items_revision_delete AFTER DELETE ON coverage_items BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (OLD.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER coverage_periods_revision_insert AFTER INSERT ON coverage_periods BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER coverage_periods_revision_update AFTER UPDATE ON coverage_periods BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER coverage_periods_revision_delete AFTER DELETE ON coverage_periods BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (OLD.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER death_records_revision_insert AFTER INSERT ON death_records BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER death_records_revision_update AFTER UPDATE ON death_records BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER death_records_revision_delete AFTER DELETE ON death_records BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (OLD.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER documents_revision_insert AFTER INSERT ON documents BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER documents_revision_update AFTER UPDATE ON documents BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER documents_revision_delete AFTER DELETE ON documents BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (OLD.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER episodes_revision_insert AFTER INSERT ON episodes BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER episodes_revision_update AFTER UPDATE ON episodes BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER episodes_revision_delete AFTER DELETE ON episodes BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (OLD.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER family_accounts_revision_insert AFTER INSERT ON family_accounts BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER family_accounts_revision_update AFTER UPDATE ON family_accounts BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER family_accounts_revision_delete AFTER DELETE ON family_accounts BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (OLD.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER family_members_revision_insert AFTER INSERT ON family_members BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER family_members_revision_update AFTER UPDATE ON family_members BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER family_members_revision_delete AFTER DELETE ON family_members BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (OLD.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER family_notes_revision_insert AFTER INSERT ON family_notes BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER family_notes_revision_update AFTER UPDATE ON family_notes BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER family_notes_revision_delete AFTER DELETE ON family_notes BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (OLD.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER family_proposals_revision_insert AFTER INSERT ON family_proposals BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER family_proposals_revision_update AFTER UPDATE ON family_proposals BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER family_proposals_revision_delete AFTER DELETE ON family_proposals BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (OLD.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER intensity_changes_revision_insert AFTER INSERT ON intensity_changes BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER intensity_changes_revision_update AFTER UPDATE ON intensity_changes BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER intensity_changes_revision_delete AFTER DELETE ON intensity_changes BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (OLD.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER invitations_revision_insert AFTER INSERT ON invitations BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER invitations_revision_update AFTER UPDATE ON invitations BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER invitations_revision_delete AFTER DELETE ON invitations BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (OLD.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER meeting_actions_revision_insert AFTER INSERT ON meeting_actions BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER meeting_actions_revision_update AFTER UPDATE ON meeting_actions BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER meeting_actions_revision_delete AFTER DELETE ON meeting_actions BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (OLD.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER meeting_decisions_revision_insert AFTER INSERT ON meeting_decisions BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER meeting_decisions_revision_update AFTER UPDATE ON meeting_decisions BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER meeting_decisions_revision_delete AFTER DELETE ON meeting_decisions BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (OLD.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER meeting_participants_revision_insert AFTER INSERT ON meeting_participants BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER meeting_participants_revision_update AFTER UPDATE ON meeting_participants BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER meeting_participants_revision_delete AFTER DELETE ON meeting_participants BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (OLD.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER meetings_revision_insert AFTER INSERT ON meetings BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER meetings_revision_update AFTER UPDATE ON meetings BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER meetings_revision_delete AFTER DELETE ON meetings BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (OLD.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER messages_revision_insert AFTER INSERT ON messages BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER messages_revision_update AFTER UPDATE ON messages BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER messages_revision_delete AFTER DELETE ON messages BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (OLD.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER network_members_revision_insert AFTER INSERT ON network_members BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER network_members_revision_update AFTER UPDATE ON network_members BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER network_members_revision_delete AFTER DELETE ON network_members BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (OLD.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER secondary_diagnoses_revision_insert AFTER INSERT ON secondary_diagnoses BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER secondary_diagnoses_revision_update AFTER UPDATE ON secondary_diagnoses BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER secondary_diagnoses_revision_delete AFTER DELETE ON secondary_diagnoses BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (OLD.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER signal_acks_revision_insert AFTER INSERT ON signal_acks BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER signal_acks_revision_update AFTER UPDATE ON signal_acks BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER signal_acks_revision_delete AFTER DELETE ON signal_acks BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (OLD.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER stays_revision_insert AFTER INSERT ON stays BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER stays_revision_update AFTER UPDATE ON stays BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER stays_revision_delete AFTER DELETE ON stays BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (OLD.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER task_events_revision_insert AFTER INSERT ON task_events BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER task_events_revision_update AFTER UPDATE ON task_events BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER task_events_revision_delete AFTER DELETE ON task_events BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (OLD.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER tasks_revision_insert AFTER INSERT ON tasks BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER tasks_revision_update AFTER UPDATE ON tasks BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER tasks_revision_delete AFTER DELETE ON tasks BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (OLD.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER thread_providers_revision_insert AFTER INSERT ON thread_providers BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER thread_providers_revision_update AFTER UPDATE ON thread_providers BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER thread_providers_revision_delete AFTER DELETE ON thread_providers BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (OLD.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER threads_revision_insert AFTER INSERT ON threads BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER threads_revision_update AFTER UPDATE ON threads BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER threads_revision_delete AFTER DELETE ON threads BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (OLD.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER transfer_items_revision_insert AFTER INSERT ON transfer_items BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER transfer_items_revision_update AFTER UPDATE ON transfer_items BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER transfer_items_revision_delete AFTER DELETE ON transfer_items BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (OLD.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER transfers_revision_insert AFTER INSERT ON transfers BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER transfers_revision_update AFTER UPDATE ON transfers BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER transfers_revision_delete AFTER DELETE ON transfers BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (OLD.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER transitions_revision_insert AFTER INSERT ON transitions BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER transitions_revision_update AFTER UPDATE ON transitions BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (NEW.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;
CREATE TRIGGER transitions_revision_delete AFTER DELETE ON transitions BEGIN
	INSERT INTO file_revisions (family_id, revision) VALUES (OLD.family_id, 1)
		ON CONFLICT (family_id) DO UPDATE SET revision = revision + 1;
END;

-- The accounts' sign-in bookkeeping (password, second factor, language)
-- is no part of a file; what an export names of them is.
CREATE TRIGGER accounts_revision_insert AFTER INSERT ON accounts BEGIN
	UPDATE file_revisions SET revision = revision + 1 WHERE family_id = 0;
END;
CREATE TRIGGER accounts_revision_update AFTER UPDATE OF organisation_id, email, name, role, disabled_at, work_phone, work_hours, stand_in ON accounts BEGIN
	UPDATE file_revisions SET revision = revision + 1 WHERE family_id = 0;
END;
CREATE TRIGGER accounts_revision_delete AFTER DELETE ON accounts BEGIN
	UPDATE file_revisions SET revision = revision + 1 WHERE family_id = 0;
END;
CREATE TRIGGER organisations_revision_insert AFTER INSERT ON organisations BEGIN
	UPDATE file_revisions SET revision = revision + 1 WHERE family_id = 0;
END;
CREATE TRIGGER organisations_revision_update AFTER UPDATE ON organisations BEGIN
	UPDATE file_revisions SET revision = revision + 1 WHERE family_id = 0;
END;
CREATE TRIGGER organisations_revision_delete AFTER DELETE ON organisations BEGIN
	UPDATE file_revisions SET revision = revision + 1 WHERE family_id = 0;
END;
