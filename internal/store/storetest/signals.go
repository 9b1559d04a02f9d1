package storetest

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/spil-zorg/spil/internal/care"
)

// testSignalFiles: the rules' input is read for a caseload or one family
// in a few grouped queries, each part landing on its own family and
// nothing of another case manager's family.
func testSignalFiles(t *testing.T, s Store) {
	ctx := context.Background()
	f := newAccessFixture(t, s)
	other := newAccessFixture(t, s)
	by := care.Person{AccountID: f.caseManager}
	today := day(2026, 6, 15)

	mustDo(t, "SaveEpisode", s.SaveEpisode(ctx, &care.Episode{FamilyID: f.family, ReferralDate: day(2026, 1, 2),
		SurpriseQuestion: "no", Status: "accepted", StatusDate: day(2026, 1, 3)}))
	mustDo(t, "AddContact", s.AddContact(ctx, &care.Contact{FamilyID: f.family, Date: day(2026, 5, 2), Kind: "phone",
		With: "parent", CreatedAt: t0, CreatedBy: by}))
	mustDo(t, "AddContact", s.AddContact(ctx, &care.Contact{FamilyID: f.family, Date: day(2026, 6, 1), Kind: "phone",
		With: "parent", CreatedAt: t0, CreatedBy: by}))
	late := &care.Task{FamilyID: f.family, Title: "aanvraag", OwnerKind: care.OwnerNetwork, OwnerName: "Dr. Smit",
		NetworkMemberID: f.network, DueDate: day(2026, 6, 1), Status: "open", CreatedAt: t0, CreatedBy: by}
	mustDo(t, "CreateTask", s.CreateTask(ctx, late))
	mustDo(t, "CreateTask", s.CreateTask(ctx, &care.Task{FamilyID: f.family, Title: "later", OwnerKind: care.OwnerCaseManager,
		DueDate: day(2026, 7, 1), Status: "open", CreatedAt: t0, CreatedBy: by}))
	mustDo(t, "CreateTask", s.CreateTask(ctx, &care.Task{FamilyID: other.family, Title: "ander gezin", OwnerKind: care.OwnerCaseManager,
		DueDate: day(2026, 6, 1), Status: "open", CreatedAt: t0, CreatedBy: care.Person{AccountID: other.caseManager}}))
	plan := &care.CarePlan{FamilyID: f.family, SavedAt: t0, SavedBy: by, Changes: []string{"created"}, ReviewMonths: 3,
		ReviewDue: day(2026, 6, 1), DiscussedOn: day(2026, 3, 1)}
	plan.ACP.PlaceOfDeath = care.Preference{Place: "hospital"}
	mustDo(t, "SaveCarePlan", s.SaveCarePlan(ctx, plan, 0))
	// A later version: the plan was still made when the first was saved,
	// and the preferred place is the later version's.
	later := *plan
	later.SavedAt, later.Changes = t0.AddDate(0, 1, 0), []string{"review"}
	later.ACP.PlaceOfDeath = care.Preference{Place: "not_discussed"}
	mustDo(t, "SaveCarePlan v2", s.SaveCarePlan(ctx, &later, 1))
	newCoverageItem(t, s, f, care.CoveragePeriod{Law: care.LawZvw, Form: "zin", Status: care.CoverageGranted,
		Start: day(2026, 1, 1), End: day(2026, 7, 1)})
	mustDo(t, "CreateStay", s.CreateStay(ctx, &care.Stay{FamilyID: f.family, Kind: care.StayAcademicHospital, Place: "WKZ",
		Start: day(2026, 6, 10), CreatedAt: t0, CreatedBy: by}))
	mustDo(t, "SaveAid", s.SaveAid(ctx, &care.Aid{FamilyID: f.family, Kind: "wheelchair", Via: care.LawWmo, Status: care.AidRequested,
		Requested: day(2026, 3, 1), CreatedAt: t0, CreatedBy: by}))
	mustDo(t, "CreateLink", s.CreateLink(ctx, &care.Link{FamilyID: f.family, AccountID: f.provider, Kind: care.LinkProvider,
		NetworkMemberID: f.network}))
	mustDo(t, "AddConsent", s.AddConsent(ctx, &care.ConsentRecord{FamilyID: f.family, NetworkMemberID: f.network,
		GivenBy: care.Person{AccountID: f.parent}, GiverKind: care.GiverParent, Granted: true, Scope: "file", At: t0}))

	// A Lotte born the same day in the same organisation, of another case
	// manager: a possible duplicate.
	cm2 := newAccount(t, s, f.org, "cm2@signals.example.org").ID
	twin := &care.Family{OrganisationID: f.org, ChildName: "Lotte Visser", BirthDate: time.Date(2016, 1, 2, 0, 0, 0, 0, time.UTC),
		Sex: "female", Intensity: care.Regular}
	mustDo(t, "CreateFamilyFile", s.CreateFamilyFile(ctx, twin, &care.Episode{ReferralDate: day(2026, 1, 2), SurpriseQuestion: "unknown",
		Status: "accepted"}, "kct", cm2, t0))

	// The migration that brought the preferred place next to the plan's
	// review date filled it in from each plan's current version.
	migration, err := s.MigrationSQL("0025_signal_reads.sql")
	_, backfill, ok := strings.Cut(migration, "\nUPDATE ")
	backfill, _, end := strings.Cut(backfill, ";")
	if err != nil || !ok || !end {
		t.Fatalf("the migration of the preferred place: %v, %q", err, migration)
	}
	mustDo(t, "forget the places", s.ExecRaw(ctx, `UPDATE care_plans SET place_of_death = 'x'`))
	mustDo(t, "fill them in again", s.ExecRaw(ctx, "UPDATE "+backfill))

	check := func(name string, files []care.SignalFile) {
		t.Helper()
		if len(files) != 1 {
			t.Fatalf("%s: %d files, want 1", name, len(files))
		}
		sf := files[0]
		if sf.Family.ID != f.family || sf.Family.ChildName != "Lotte" || sf.Family.OrganisationID != f.org {
			t.Errorf("%s: family %+v", name, sf.Family)
		}
		if sf.Episode == nil || sf.Episode.SurpriseQuestion != "no" || !sf.Episode.StatusDate.Equal(day(2026, 1, 3)) {
			t.Errorf("%s: episode %+v", name, sf.Episode)
		}
		if sf.Plan == nil || !sf.Plan.ReviewDue.Equal(day(2026, 6, 1)) || !sf.Plan.DiscussedOn.Equal(day(2026, 3, 1)) ||
			sf.Plan.PlaceOfDeath != "not_discussed" || !sf.Plan.CreatedOn.Equal(care.DateOf(t0)) {
			t.Errorf("%s: plan %+v", name, sf.Plan)
		}
		if !sf.LastContact.Equal(day(2026, 6, 1)) {
			t.Errorf("%s: last contact %v", name, sf.LastContact)
		}
		if len(sf.Tasks) != 1 || sf.Tasks[0].ID != late.ID || sf.Tasks[0].NetworkMemberID != f.network || sf.Tasks[0].OwnerName != "Dr. Smit" {
			t.Errorf("%s: overdue tasks %+v", name, sf.Tasks)
		}
		if len(sf.Network) != 1 || sf.Network[0].Role != "gp" {
			t.Errorf("%s: network %+v", name, sf.Network)
		}
		if sf.CaseManagers.KCT.AccountID != f.caseManager || sf.CaseManagers.Thuis.AccountID != 0 {
			t.Errorf("%s: case managers %+v", name, sf.CaseManagers)
		}
		if len(sf.Providers) != 1 || sf.Providers[0].NetworkMemberID != f.network || len(sf.Providers[0].Records) != 1 {
			t.Errorf("%s: providers %+v", name, sf.Providers)
		}
		if len(sf.Coverage) != 1 || sf.Coverage[0].Kind != "night_care" || !sf.Coverage[0].Current().End.Equal(day(2026, 7, 1)) {
			t.Errorf("%s: coverage %+v", name, sf.Coverage)
		}
		if len(sf.Aids) != 1 || sf.Aids[0].Kind != "wheelchair" {
			t.Errorf("%s: aids %+v", name, sf.Aids)
		}
		if sf.Stay == nil || !sf.Stay.Hospital() || sf.Stay.Place != "WKZ" {
			t.Errorf("%s: stay %+v", name, sf.Stay)
		}
		if len(sf.Duplicates) != 1 || sf.Duplicates[0].FamilyID != twin.ID {
			t.Errorf("%s: the other Lotte born the same day is not a possible duplicate: %+v", name, sf.Duplicates)
		}
		// The engine reads it all: the overdue task, the review, the
		// coverage ending, the aid waiting, the admission.
		got := map[string]bool{}
		for _, sg := range care.EvaluateSignals(&sf, today, care.DefaultSignalSettings()) {
			got[sg.Code] = true
		}
		for _, code := range []string{care.CodeTasksOverdue, care.CodePlanReviewOverdue, care.CodeCoverageEnding, care.CodeAidWaiting,
			care.CodeAdmittedNoTransfer, care.CodePlaceOfDeath, care.CodeOneCaseManager, care.CodePossibleDuplicate} {
			if !got[code] {
				t.Errorf("%s: no %s signal in %v", name, code, got)
			}
		}
	}
	files, err := s.SignalFiles(ctx, care.SignalScope{AccountID: f.caseManager}, today)
	if err != nil {
		t.Fatal(err)
	}
	check("caseload", files)
	files, err = s.SignalFiles(ctx, care.SignalScope{FamilyID: f.family}, today)
	if err != nil {
		t.Fatal(err)
	}
	check("family", files)
	if files, err := s.SignalFiles(ctx, care.SignalScope{AccountID: f.parent}, today); err != nil || len(files) != 0 {
		t.Errorf("a parent's caseload = %d files, %v", len(files), err)
	}
}

// testSignalAcks: an acknowledgement is kept per signal of a family,
// replaced by the next, and listed only within its scope.
func testSignalAcks(t *testing.T, s Store) {
	ctx := context.Background()
	f := newAccessFixture(t, s)
	other := newAccessFixture(t, s)
	snooze := &care.SignalAck{FamilyID: f.family, SignalID: care.SignalID(f.family, care.CodeNoGP, ""), Kind: care.AckSnooze,
		Cause: "no_gp||2026-01-05|", Until: day(2026, 7, 1), At: t0, By: care.Person{AccountID: f.caseManager}}
	mustDo(t, "SaveSignalAck", s.SaveSignalAck(ctx, snooze))
	mustDo(t, "SaveSignalAck other", s.SaveSignalAck(ctx, &care.SignalAck{FamilyID: other.family,
		SignalID: care.SignalID(other.family, care.CodeNoGP, ""), Kind: care.AckDismiss, Cause: "x", Reason: "anders",
		At: t0, By: care.Person{AccountID: other.caseManager}}))
	acks, err := s.SignalAcks(ctx, care.SignalScope{AccountID: f.caseManager})
	if err != nil || len(acks) != 1 {
		t.Fatalf("SignalAcks = %+v, %v", acks, err)
	}
	got := acks[0]
	if got.SignalID != snooze.SignalID || got.Kind != care.AckSnooze || got.Cause != snooze.Cause || !got.Until.Equal(day(2026, 7, 1)) ||
		!got.At.Equal(t0) || got.By.AccountID != f.caseManager || got.By.Name == "" {
		t.Errorf("ack = %+v", got)
	}
	// Dismissing the same signal replaces the snooze.
	dismiss := &care.SignalAck{FamilyID: f.family, SignalID: snooze.SignalID, Kind: care.AckDismiss, Cause: snooze.Cause,
		Reason: "huisarts in het buitenland", At: t0.Add(time.Hour), By: care.Person{AccountID: f.caseManager}}
	mustDo(t, "SaveSignalAck again", s.SaveSignalAck(ctx, dismiss))
	acks, err = s.SignalAcks(ctx, care.SignalScope{FamilyID: f.family})
	if err != nil || len(acks) != 1 || acks[0].Kind != care.AckDismiss || !acks[0].Until.IsZero() || acks[0].Reason != dismiss.Reason {
		t.Errorf("after dismissal: %+v, %v", acks, err)
	}

	// The organisation's days between contacts: defaults, then its own.
	set, err := s.SignalSettings(ctx, f.org)
	if err != nil || set.ContactDays[care.Regular] != 28 || set.ContactDays[care.Intensive] != 7 ||
		set.ContactDays[care.Waakvlam] != 91 || set.WindowWeeks != care.DefaultCoverageWindowWeeks {
		t.Errorf("default settings = %+v, %v", set, err)
	}
	mustDo(t, "SetContactDays", s.SetContactDays(ctx, f.org, map[care.Intensity]int{care.Intensive: 5, care.Regular: 21, care.Waakvlam: 60}))
	if set, err := s.SignalSettings(ctx, f.org); err != nil || set.ContactDays[care.Intensive] != 5 ||
		set.ContactDays[care.Regular] != 21 || set.ContactDays[care.Waakvlam] != 60 {
		t.Errorf("settings = %+v, %v", set, err)
	}
	if set, _ := s.SignalSettings(ctx, other.org); set.ContactDays[care.Regular] != 28 {
		t.Errorf("another organisation's settings changed: %+v", set)
	}
}

// testSignalFilesAftercare: a deceased child's file carries the follow-up
// contacts not yet done, read for the whole caseload at once, and none of
// another case manager's family.
func testSignalFilesAftercare(t *testing.T, s Store) {
	ctx := context.Background()
	f := newAccessFixture(t, s)
	second := newAccessFixture(t, s)
	other := newAccessFixture(t, s)
	by := care.Person{AccountID: f.caseManager}
	// The second family is in the same caseload.
	mustDo(t, "AssignCaseManager", s.AssignCaseManager(ctx, second.family, "thuis", f.caseManager))
	for _, id := range []int64{f.family, second.family, other.family} {
		mustDo(t, "SetDeceased", s.SetDeceased(ctx, id, day(2026, 2, 10)))
	}
	mustDo(t, "SaveAftercare", s.SaveAftercare(ctx, f.family, &care.Aftercare{Contacts: []care.AftercareContact{
		{DueOn: day(2026, 3, 24)}, {DueOn: day(2026, 3, 1), DoneOn: day(2026, 3, 2), DoneBy: by}, {DueOn: day(2027, 2, 10)}}}))
	mustDo(t, "SaveAftercare", s.SaveAftercare(ctx, second.family, &care.Aftercare{Contacts: []care.AftercareContact{
		{DueOn: day(2026, 4, 1)}}}))
	mustDo(t, "SaveAftercare", s.SaveAftercare(ctx, other.family, &care.Aftercare{Contacts: []care.AftercareContact{
		{DueOn: day(2026, 3, 20)}}}))

	files, err := s.SignalFiles(ctx, care.SignalScope{AccountID: f.caseManager}, day(2026, 4, 15))
	if err != nil {
		t.Fatal(err)
	}
	dues := map[int64][]time.Time{}
	for _, sf := range files {
		for _, a := range sf.Aftercare {
			if a.ID == 0 {
				t.Errorf("follow-up without an id: %+v", a)
			}
			dues[sf.Family.ID] = append(dues[sf.Family.ID], a.Due)
		}
	}
	if got := dues[f.family]; len(got) != 2 || !got[0].Equal(day(2026, 3, 24)) || !got[1].Equal(day(2027, 2, 10)) {
		t.Errorf("first family's open follow-ups = %v, want 24 March 2026 and 10 February 2027 (not the one done)", got)
	}
	if got := dues[second.family]; len(got) != 1 || !got[0].Equal(day(2026, 4, 1)) {
		t.Errorf("second family's open follow-ups = %v", got)
	}
	if _, ok := dues[other.family]; ok || len(files) != 2 {
		t.Errorf("caseload read %d files, follow-ups %v: another case manager's family leaks in", len(files), dues)
	}
	// One family's scope reads that family's only.
	files, err = s.SignalFiles(ctx, care.SignalScope{FamilyID: second.family}, day(2026, 4, 15))
	if err != nil || len(files) != 1 || len(files[0].Aftercare) != 1 || !files[0].Aftercare[0].Due.Equal(day(2026, 4, 1)) {
		t.Errorf("one family's file = %+v, %v", files, err)
	}
}

// testSignalFilesKept: a family's signal file is kept between reads
// while its file and the day are the same, and read again when either
// moves; the possible duplicates are read every time; what a write
// transaction read and rolled back is never given again; a store that
// keeps nothing reads the same files.
func testSignalFilesKept(t *testing.T, s Store) {
	ctx := context.Background()
	f := newAccessFixture(t, s)
	by := care.Person{AccountID: f.caseManager}
	today := day(2026, 6, 15)
	second := &care.Family{OrganisationID: f.org, ChildName: "Daan", BirthDate: day(2018, 3, 4), Sex: "male", Intensity: care.Regular}
	mustDo(t, "CreateFamilyFile", s.CreateFamilyFile(ctx, second, &care.Episode{ReferralDate: day(2026, 1, 2),
		SurpriseQuestion: "unknown", Status: "accepted"}, "thuis", f.caseManager, t0))
	scope := care.SignalScope{AccountID: f.caseManager}
	read := func(on time.Time) []care.SignalFile {
		t.Helper()
		var files []care.SignalFile
		mustDo(t, "SignalFiles", s.Read(ctx, func(st care.Store) error {
			var err error
			files, err = st.SignalFiles(ctx, scope, on)
			return err
		}))
		if len(files) != 2 || files[0].Family.ID != f.family || files[1].Family.ID != second.ID {
			t.Fatalf("files %+v, want Lotte's and Daan's", files)
		}
		return files
	}
	counts := func(name string, kept, fresh int64) {
		t.Helper()
		if k, r := s.SignalFileReads(); k != kept || r != fresh {
			t.Errorf("%s: %d files kept and %d read, want %d and %d", name, k, r, kept, fresh)
		}
	}
	s.KeepSignalFiles(100)

	first := read(today)
	counts("first read", 0, 2)
	if again := read(today); !cmp.Equal(first, again) {
		t.Errorf("the kept files differ from the read ones: %s", cmp.Diff(first, again))
	}
	counts("second read", 2, 2)

	// A task of Lotte's: her file is read again, Daan's is kept.
	mustDo(t, "CreateTask", s.CreateTask(ctx, &care.Task{FamilyID: f.family, Title: "bellen", OwnerKind: care.OwnerCaseManager,
		DueDate: day(2026, 6, 1), Status: "open", CreatedAt: t0, CreatedBy: by}))
	files := read(today)
	counts("after a task", 3, 3)
	if len(files[0].Tasks) != 1 || files[0].Tasks[0].Title != "bellen" || !cmp.Equal(files[1], first[1]) {
		t.Errorf("after a task: %+v", files)
	}

	// A child born on Lotte's day, of another case manager: Lotte's file
	// did not change, her possible duplicates did.
	cm2 := newAccount(t, s, f.org, "cm2@kept.example.org").ID
	twin := &care.Family{OrganisationID: f.org, ChildName: "Lotte V.", BirthDate: time.Date(2016, 1, 2, 0, 0, 0, 0, time.UTC),
		Sex: "female", Intensity: care.Regular}
	mustDo(t, "CreateFamilyFile", s.CreateFamilyFile(ctx, twin, &care.Episode{ReferralDate: day(2026, 1, 2),
		SurpriseQuestion: "unknown", Status: "accepted"}, "kct", cm2, t0))
	files = read(today)
	counts("after a possible duplicate", 5, 3)
	if d := files[0].Duplicates; len(d) != 1 || d[0].FamilyID != twin.ID {
		t.Errorf("Lotte's possible duplicates: %+v", d)
	}

	// A write transaction reads its own task and rolls back; then another
	// change of Daan's file is committed, which takes the revision the
	// rolled-back one had. The rolled-back task must not come back.
	rollback := errors.New("rolled back")
	err := s.Atomic(ctx, func(st care.Store) error {
		if err := st.CreateTask(ctx, &care.Task{FamilyID: second.ID, Title: "teruggedraaid", OwnerKind: care.OwnerCaseManager,
			DueDate: day(2026, 6, 1), Status: "open", CreatedAt: t0, CreatedBy: by}); err != nil {
			return err
		}
		inTx, err := st.SignalFiles(ctx, scope, today)
		if err != nil {
			return err
		}
		if len(inTx) != 2 || len(inTx[1].Tasks) != 1 {
			t.Errorf("the write transaction does not read its own task: %+v", inTx)
		}
		return rollback
	})
	if !errors.Is(err, rollback) {
		t.Fatalf("Atomic: %v", err)
	}
	mustDo(t, "AddContact", s.AddContact(ctx, &care.Contact{FamilyID: second.ID, Date: day(2026, 6, 12), Kind: "phone",
		With: "parent", CreatedAt: t0, CreatedBy: by}))
	files = read(today)
	if len(files[1].Tasks) != 0 || !files[1].LastContact.Equal(day(2026, 6, 12)) {
		t.Errorf("Daan's file after a rolled-back task and a contact: tasks %+v, last contact %v", files[1].Tasks, files[1].LastContact)
	}

	// The next day every file is read again.
	k, r := s.SignalFileReads()
	tomorrow := read(today.AddDate(0, 0, 1))
	counts("the next day", k, r+2)

	// A store that keeps nothing reads the same files, and a full one
	// keeps no more than it may.
	s.KeepSignalFiles(0)
	if fresh := read(today.AddDate(0, 0, 1)); !cmp.Equal(tomorrow, fresh) {
		t.Errorf("kept and read files differ: %s", cmp.Diff(tomorrow, fresh))
	}
	counts("keeping nothing", 0, 0)
	s.KeepSignalFiles(1)
	read(today)
	read(today)
	counts("keeping one", 1, 3)
}
