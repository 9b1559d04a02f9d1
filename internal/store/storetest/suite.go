package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
)

// Run runs the conformance suite over the Store interfaces; open must
// return a fresh migrated store.
func Run(t *testing.T, open func(t testing.TB) Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s Store)
	}{
		{"MigrateIsIdempotent", testMigrateIsIdempotent},
		{"Accounts", testAccounts},
		{"AccountEmailUnique", testAccountEmailUnique},
		{"AccountNotFound", testAccountNotFound},
		{"DisableEndsSessions", testDisableEndsSessions},
		{"TOTPStepSingleUse", testTOTPStepSingleUse},
		{"RecoveryCodes", testRecoveryCodes},
		{"ResetMFA", testResetMFA},
		{"Sessions", testSessions},
		{"PasswordChangeEndsOtherSessions", testPasswordChangeEndsOtherSessions},
		{"LoginFailures", testLoginFailures},
		{"AccountLinks", testAccountLinks},
		{"ServerSecret", testServerSecret},
		{"AccountWritesInOneTransaction", testAccountWritesInOneTransaction},
		{"Families", testFamilies},
		{"ForeignKeysEnforced", testForeignKeysEnforced},
		{"FamilyFileRoundTrip", testFamilyFileRoundTrip},
		{"WrongFamilyID", testWrongFamilyID},
		{"CompleteTaskOnce", testCompleteTaskOnce},
		{"Caseload", testCaseload},
		{"RelationshipAndAssign", testRelationshipAndAssign},
		{"FamiliesWithBirthDate", testFamiliesWithBirthDate},
		{"AtomicRollsBack", testAtomicRollsBack},
		{"AuditChain", testAuditChain},
		{"AuditVerifyManyBatches", testAuditVerifyManyBatches},
		{"AuditAppendOnly", testAuditAppendOnly},
		{"AuditTamperingDetected", testAuditTamperingDetected},
		{"AuditRehashDetected", testAuditRehashDetected},
		{"AuditConcurrentAppends", testAuditConcurrentAppends},
		{"AuditCheckpoints", testAuditCheckpoints},
		{"AuditTailCutDetected", testAuditTailCutDetected},
		{"AuditCutAndRegrown", testAuditCutAndRegrown},
		{"AuditCheckpointMismatch", testAuditCheckpointMismatch},
		{"AuditIncrementalResumes", testAuditIncrementalResumes},
		{"AuditVerifyAcrossGaps", testAuditVerifyAcrossGaps},
		{"Links", testLinks},
		{"Invitations", testInvitations},
		{"ConsentRecords", testConsentRecords},
		{"NotesAndAccessLog", testNotesAndAccessLog},
		{"CarePlanRoundTrip", testCarePlanRoundTrip},
		{"CarePlanStaleBase", testCarePlanStaleBase},
		{"CarePlanConcurrentSaves", testCarePlanConcurrentSaves},
		{"CarePlanVersionsAreHistory", testCarePlanVersionsAreHistory},
		{"CarePlanOtherFamily", testCarePlanOtherFamily},
		{"Proposals", testProposals},
		{"PlanTemplates", testPlanTemplates},
		{"PlanTasks", testPlanTasks},
		{"PlanSummaryAndCaseload", testPlanSummaryAndCaseload},
		{"ShapedFamilyReads", testShapedFamilyReads},
		{"TaskQueries", testTaskQueries},
		{"TaskOwnersRoundTrip", testTaskOwnersRoundTrip},
		{"TaskHistory", testTaskHistory},
		{"Worklist", testWorklist},
		{"CaseloadMembers", testCaseloadMembers},
		{"UpdateFamilyPatch", testUpdateFamilyPatch},
		{"RelationshipRead", testRelationshipRead},
		{"ReadTransactions", testReadTransactions},
		{"AuditGroupCommit", testAuditGroupCommit},
		{"IdempotencyKeys", testIdempotencyKeys},
		{"OrganisationURA", testOrganisationURA},
		{"FileRevisionTriggers", testFileRevisionTriggers},
		{"FileRevisions", testFileRevisions},
		{"IdempotencyKeyCommitsWithWrite", testIdempotencyKeyCommitsWithWrite},
		{"IdempotencyKeyTakeOver", testIdempotencyKeyTakeOver},
		{"IdempotencyKeyConcurrentClaims", testIdempotencyKeyConcurrentClaims},
		{"AccountHolders", testAccountHolders},
		{"Reachability", testReachability},
		{"NetworkPeriods", testNetworkPeriods},
		{"Corrections", testCorrections},
		{"CorrectMemberAndContact", testCorrectMemberAndContact},
		{"FamilyProposals", testFamilyProposals},
		{"CoverageItems", testCoverageItems},
		{"AidsAndDocuments", testAidsAndDocuments},
		{"CaseloadCoverageAndSettings", testCaseloadCoverageAndSettings},
		{"Stays", testStays},
		{"FHIRFamiliesByBSN", testFHIRFamiliesByBSN},
		{"ThreadsAndReadMarkers", testThreadsAndReadMarkers},
		{"ThreadNotices", testThreadNotices},
		{"ThreadsScopedByFamily", testThreadsScopedByFamily},
		{"Documents", testDocuments},
		{"CalendarFeeds", testCalendarFeeds},
		{"PlannedContacts", testPlannedContacts},
		{"Transfers", testTransfers},
		{"Meetings", testMeetings},
		{"MeetingsForAccount", testMeetingsForAccount},
		{"JobLeases", testJobLeases},
		{"JobLeaseRace", testJobLeaseRace},
		{"DigestSettingsAndClaims", testDigestSettingsAndClaims},
		{"IntervisionSessions", testIntervisionSessions},
		{"ReportRows", testReportRows},
		{"ReportDeaths", testReportDeaths},
		{"DeathRecords", testDeathRecords},
		{"Aftercare", testAftercare},
		{"Directory", testDirectory},
		{"RegionalNeeds", testRegionalNeeds},
		{"RegionalPlanGaps", testRegionalPlanGaps},
		{"IntensityChanges", testIntensityChanges},
		{"SignalFiles", testSignalFiles},
		{"SignalAcks", testSignalAcks},
		{"SignalFilesAftercare", testSignalFilesAftercare},
		{"SignalFilesKept", testSignalFilesKept},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tt.fn(t, open(t))
		})
	}
}

var t0 = time.Date(2026, 3, 1, 9, 30, 0, 123456000, time.UTC)

func newOrg(t *testing.T, s Store) int64 {
	t.Helper()
	id, err := s.CreateOrganisation(context.Background(), "Kinder Comfort Team Test", t0)
	if err != nil {
		t.Fatalf("CreateOrganisation: %v", err)
	}
	return id
}

func newAccount(t *testing.T, s Store, org int64, email string) *auth.Account {
	t.Helper()
	a := &auth.Account{OrganisationID: org, Email: email, Name: "Test " + email, Role: care.RoleCaseManager,
		PasswordHash: "$argon2id$v=19$m=64,t=1,p=1$c2FsdA$a2V5", CreatedAt: t0}
	if err := s.CreateAccount(context.Background(), a); err != nil {
		t.Fatalf("CreateAccount: %v", err)
	}
	if a.ID == 0 {
		t.Fatal("CreateAccount did not set an ID")
	}
	return a
}

func testMigrateIsIdempotent(t *testing.T, s Store) {
	ctx := context.Background()
	ran, err := s.Migrate(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(ran) != 0 {
		t.Errorf("second Migrate ran %v, want nothing", ran)
	}
	pending, err := s.Pending(ctx)
	if err != nil || len(pending) != 0 {
		t.Errorf("Pending = %v, %v; want none", pending, err)
	}
}

func testAccounts(t *testing.T, s Store) {
	ctx := context.Background()
	org := newOrg(t, s)
	a := newAccount(t, s, org, "anna@example.org")
	b := newAccount(t, s, org, "bram@example.org")

	got, err := s.AccountByEmail(ctx, "anna@example.org")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(a, got); diff != "" {
		t.Errorf("AccountByEmail mismatch (-want +got):\n%s", diff)
	}
	got, err = s.AccountByID(ctx, b.ID)
	if err != nil || got.Email != b.Email {
		t.Fatalf("AccountByID = %v, %v", got, err)
	}
	if err := s.SetAccountPassword(ctx, a.ID, "newhash", ""); err != nil {
		t.Fatal(err)
	}
	if err := s.SetAccountLocale(ctx, a.ID, "en"); err != nil {
		t.Fatal(err)
	}
	got, _ = s.AccountByID(ctx, a.ID)
	if got.PasswordHash != "newhash" || got.Locale != "en" {
		t.Errorf("after updates: hash %q locale %q", got.PasswordHash, got.Locale)
	}
	// Updates touch only their own account.
	other, _ := s.AccountByID(ctx, b.ID)
	if other.PasswordHash == "newhash" || other.Locale != "" {
		t.Error("update of one account changed another")
	}
	all, err := s.Accounts(ctx)
	if err != nil || len(all) != 2 {
		t.Fatalf("Accounts = %d, %v; want 2", len(all), err)
	}
	if err := s.SetAccountPassword(ctx, 99999, "x", ""); care.ErrorCode(err) != care.NotFound {
		t.Errorf("SetAccountPassword on missing account: %v, want NotFound", err)
	}
}

func testAccountEmailUnique(t *testing.T, s Store) {
	org := newOrg(t, s)
	newAccount(t, s, org, "same@example.org")
	a := &auth.Account{OrganisationID: org, Email: "same@example.org", Name: "X", Role: care.RoleFamily, PasswordHash: "h", CreatedAt: t0}
	err := s.CreateAccount(context.Background(), a)
	if care.ErrorCode(err) != care.Conflict {
		t.Errorf("duplicate e-mail: %v, want Conflict", err)
	}
}

func testAccountNotFound(t *testing.T, s Store) {
	ctx := context.Background()
	a, err := s.AccountByEmail(ctx, "nobody@example.org")
	if care.ErrorCode(err) != care.NotFound || a != nil {
		t.Errorf("AccountByEmail(missing) = %v, %v; want nil, NotFound", a, err)
	}
	if _, err := s.AccountByID(ctx, 12345); care.ErrorCode(err) != care.NotFound {
		t.Errorf("AccountByID(missing): %v, want NotFound", err)
	}
	if _, err := s.SessionByTokenHash(ctx, "nope"); care.ErrorCode(err) != care.NotFound {
		t.Errorf("SessionByTokenHash(missing): %v, want NotFound", err)
	}
}

func testDisableEndsSessions(t *testing.T, s Store) {
	ctx := context.Background()
	org := newOrg(t, s)
	a := newAccount(t, s, org, "a@example.org")
	b := newAccount(t, s, org, "b@example.org")
	for i, acc := range []*auth.Account{a, a, b} {
		sess := &auth.Session{TokenHash: string(rune('x'+i)) + "hash", AccountID: acc.ID, CreatedAt: t0, LastSeenAt: t0}
		if err := s.CreateSession(ctx, sess); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.DisableAccount(ctx, a.ID, t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	got, _ := s.AccountByID(ctx, a.ID)
	if got.Active() || !got.DisabledAt.Equal(t0.Add(time.Hour)) {
		t.Errorf("DisabledAt = %v, want %v", got.DisabledAt, t0.Add(time.Hour))
	}
	for _, h := range []string{"xhash", "yhash"} {
		if _, err := s.SessionByTokenHash(ctx, h); care.ErrorCode(err) != care.NotFound {
			t.Errorf("session %s of disabled account still there: %v", h, err)
		}
	}
	if _, err := s.SessionByTokenHash(ctx, "zhash"); err != nil {
		t.Errorf("other account's session gone: %v", err)
	}
	if err := s.EnableAccount(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.AccountByID(ctx, a.ID); !got.Active() {
		t.Error("EnableAccount did not enable")
	}
}

func testTOTPStepSingleUse(t *testing.T, s Store) {
	ctx := context.Background()
	a := newAccount(t, s, newOrg(t, s), "totp@example.org")
	if err := s.SetAccountTOTP(ctx, a.ID, "SECRET", 100, []string{"h1", "h2"}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		step int64
		want bool
	}{{100, false}, {99, false}, {101, true}, {101, false}, {103, true}, {102, false}} {
		got, err := s.UseTOTPStep(ctx, a.ID, tc.step)
		if err != nil || got != tc.want {
			t.Errorf("UseTOTPStep(%d) = %v, %v; want %v", tc.step, got, err, tc.want)
		}
	}
	got, _ := s.AccountByID(ctx, a.ID)
	if got.TOTPSecret != "SECRET" || got.TOTPLastStep != 103 {
		t.Errorf("secret %q step %d", got.TOTPSecret, got.TOTPLastStep)
	}
}

func testRecoveryCodes(t *testing.T, s Store) {
	ctx := context.Background()
	a := newAccount(t, s, newOrg(t, s), "rc@example.org")
	if err := s.SetAccountTOTP(ctx, a.ID, "S", 1, []string{"h1", "h2", "h3"}); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.UnusedRecoveryCodes(ctx, a.ID); n != 3 {
		t.Errorf("unused = %d, want 3", n)
	}
	if ok, err := s.UseRecoveryCode(ctx, a.ID, "h2", t0); !ok || err != nil {
		t.Errorf("first use = %v, %v", ok, err)
	}
	if ok, _ := s.UseRecoveryCode(ctx, a.ID, "h2", t0); ok {
		t.Error("recovery code used twice")
	}
	if ok, _ := s.UseRecoveryCode(ctx, a.ID, "nope", t0); ok {
		t.Error("unknown recovery code accepted")
	}
	other := newAccount(t, s, newOrg(t, s), "other@example.org")
	if ok, _ := s.UseRecoveryCode(ctx, other.ID, "h1", t0); ok {
		t.Error("another account's recovery code accepted")
	}
	if n, _ := s.UnusedRecoveryCodes(ctx, a.ID); n != 2 {
		t.Errorf("unused = %d, want 2", n)
	}
	// Re-enrolment replaces all codes.
	if err := s.SetAccountTOTP(ctx, a.ID, "S2", 5, []string{"n1"}); err != nil {
		t.Fatal(err)
	}
	if ok, _ := s.UseRecoveryCode(ctx, a.ID, "h1", t0); ok {
		t.Error("old recovery code survived re-enrolment")
	}
}

func testResetMFA(t *testing.T, s Store) {
	ctx := context.Background()
	a := newAccount(t, s, newOrg(t, s), "reset@example.org")
	s.SetAccountTOTP(ctx, a.ID, "S", 7, []string{"h"})
	s.CreateSession(ctx, &auth.Session{TokenHash: "t", AccountID: a.ID, MFADone: true, CreatedAt: t0, LastSeenAt: t0})
	if err := s.ResetAccountMFA(ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	got, _ := s.AccountByID(ctx, a.ID)
	if got.MFAEnrolled() || got.TOTPLastStep != 0 {
		t.Errorf("after reset: secret %q step %d", got.TOTPSecret, got.TOTPLastStep)
	}
	if n, _ := s.UnusedRecoveryCodes(ctx, a.ID); n != 0 {
		t.Errorf("recovery codes after reset = %d", n)
	}
	if _, err := s.SessionByTokenHash(ctx, "t"); care.ErrorCode(err) != care.NotFound {
		t.Error("session survived MFA reset")
	}
}

func testSessions(t *testing.T, s Store) {
	ctx := context.Background()
	a := newAccount(t, s, newOrg(t, s), "sess@example.org")
	want := &auth.Session{TokenHash: "abc", AccountID: a.ID, CreatedAt: t0, LastSeenAt: t0}
	if err := s.CreateSession(ctx, want); err != nil {
		t.Fatal(err)
	}
	got, err := s.SessionByTokenHash(ctx, "abc")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("session mismatch (-want +got):\n%s", diff)
	}
	both, acct, err := s.SessionWithAccount(ctx, "abc")
	if err != nil || !cmp.Equal(want, both) || !cmp.Equal(a, acct) {
		t.Errorf("SessionWithAccount = %+v, %+v, %v; want the session and %+v", both, acct, err, a)
	}
	if _, _, err := s.SessionWithAccount(ctx, "nope"); care.ErrorCode(err) != care.NotFound {
		t.Errorf("SessionWithAccount(missing): %v, want NotFound", err)
	}
	want.MFADone, want.PendingTOTPSecret = true, "PENDING"
	if err := s.UpdateSession(ctx, want); err != nil {
		t.Fatal(err)
	}
	later := t0.Add(10 * time.Minute)
	if err := s.TouchSession(ctx, "abc", later); err != nil {
		t.Fatal(err)
	}
	got, _ = s.SessionByTokenHash(ctx, "abc")
	if !got.MFADone || got.PendingTOTPSecret != "PENDING" || !got.LastSeenAt.Equal(later) {
		t.Errorf("after update: %+v", got)
	}
	s.CreateSession(ctx, &auth.Session{TokenHash: "old", AccountID: a.ID, CreatedAt: t0.Add(-13 * time.Hour), LastSeenAt: later})
	s.CreateSession(ctx, &auth.Session{TokenHash: "idle", AccountID: a.ID, CreatedAt: t0, LastSeenAt: t0.Add(-time.Hour)})
	n, err := s.DeleteSessions(ctx, t0.Add(-30*time.Minute), t0.Add(-12*time.Hour))
	if err != nil || n != 2 {
		t.Errorf("DeleteSessions = %d, %v; want 2", n, err)
	}
	if _, err := s.SessionByTokenHash(ctx, "abc"); err != nil {
		t.Errorf("live session deleted: %v", err)
	}
	if err := s.DeleteSession(ctx, "abc"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SessionByTokenHash(ctx, "abc"); care.ErrorCode(err) != care.NotFound {
		t.Error("DeleteSession left the session")
	}
}

func testLoginFailures(t *testing.T, s Store) {
	ctx := context.Background()
	for i := range 3 {
		if err := s.RecordLoginFailure(ctx, auth.ScopeAccount, "k1", t0.Add(time.Duration(i)*time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	s.RecordLoginFailure(ctx, auth.ScopeAddress, "k1", t0)
	s.RecordLoginFailure(ctx, auth.ScopeAccount, "k2", t0)
	for _, tc := range []struct {
		scope, key string
		since      time.Time
		want       int
	}{
		{auth.ScopeAccount, "k1", t0, 3},
		{auth.ScopeAccount, "k1", t0.Add(90 * time.Second), 1},
		{auth.ScopeAddress, "k1", t0, 1},
		{auth.ScopeAccount, "k3", t0, 0},
	} {
		n, err := s.CountLoginFailures(ctx, tc.scope, tc.key, tc.since)
		if err != nil || n != tc.want {
			t.Errorf("CountLoginFailures(%s, %s, %v) = %d, %v; want %d", tc.scope, tc.key, tc.since, n, err, tc.want)
		}
	}
	if err := s.ClearLoginFailures(ctx, auth.ScopeAccount, "k1"); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.CountLoginFailures(ctx, auth.ScopeAccount, "k1", t0); n != 0 {
		t.Errorf("after clear: %d", n)
	}
	if n, _ := s.CountLoginFailures(ctx, auth.ScopeAddress, "k1", t0); n != 1 {
		t.Errorf("clear of one scope touched the other: %d", n)
	}
	n, err := s.DeleteLoginFailures(ctx, t0.Add(time.Second))
	if err != nil || n != 2 {
		t.Errorf("DeleteLoginFailures = %d, %v; want 2", n, err)
	}
}

func testFamilies(t *testing.T, s Store) {
	ctx := context.Background()
	org := newOrg(t, s)
	otherOrg := newOrg(t, s)
	f := &care.Family{OrganisationID: org, ChildName: "Sanne", BirthDate: time.Date(2015, 2, 28, 0, 0, 0, 0, time.UTC),
		Sex: "female", Intensity: care.Waakvlam, CreatedAt: t0}
	if err := s.CreateFamily(ctx, f); err != nil || f.ID == 0 {
		t.Fatalf("CreateFamily: id %d, %v", f.ID, err)
	}
	var batch []*care.Family
	for range 5 {
		batch = append(batch, &care.Family{OrganisationID: otherOrg, ChildName: "Kind", BirthDate: t0, Sex: "unknown", Intensity: care.Regular, CreatedAt: t0})
	}
	if err := s.CreateFamilies(ctx, batch); err != nil {
		t.Fatalf("CreateFamilies: %v", err)
	}
	if batch[4].ID == 0 || batch[4].ID == batch[3].ID {
		t.Errorf("CreateFamilies set IDs %d, %d", batch[3].ID, batch[4].ID)
	}
	// A bad family in a batch stores none of it.
	bad := []*care.Family{
		{OrganisationID: otherOrg, ChildName: "Goed", BirthDate: t0, Sex: "male", Intensity: care.Regular, CreatedAt: t0},
		{OrganisationID: otherOrg, ChildName: "Fout", BirthDate: t0, Sex: "male", Intensity: "very", CreatedAt: t0},
	}
	if err := s.CreateFamilies(ctx, bad); err == nil {
		t.Error("a batch with an invalid family was stored")
	}
	for _, tc := range []struct {
		org  int64
		want int
	}{{org, 1}, {otherOrg, 5}, {99999, 0}} {
		if got, err := s.FamilyCount(ctx, tc.org); err != nil || got != tc.want {
			t.Errorf("FamilyCount(%d) = %d, %v; want %d", tc.org, got, err, tc.want)
		}
	}
	if err := s.CreateFamily(ctx, &care.Family{OrganisationID: org, ChildName: "X", BirthDate: t0, Sex: "female", Intensity: "very", CreatedAt: t0}); err == nil {
		t.Error("a family with an unknown intensity was stored")
	}
}

func testForeignKeysEnforced(t *testing.T, s Store) {
	a := &auth.Account{OrganisationID: 424242, Email: "fk@example.org", Name: "FK", Role: care.RoleAdmin, PasswordHash: "h", CreatedAt: t0}
	if err := s.CreateAccount(context.Background(), a); err == nil {
		t.Error("an account in a missing organisation was stored: foreign keys are off")
	}
}

func testPasswordChangeEndsOtherSessions(t *testing.T, s Store) {
	ctx := context.Background()
	org := newOrg(t, s)
	a := newAccount(t, s, org, "pw@example.org")
	b := newAccount(t, s, org, "other@example.org")
	for _, x := range []struct {
		hash string
		id   int64
	}{{"keep", a.ID}, {"end1", a.ID}, {"end2", a.ID}, {"b", b.ID}} {
		if err := s.CreateSession(ctx, &auth.Session{TokenHash: x.hash, AccountID: x.id, CreatedAt: t0, LastSeenAt: t0}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SetAccountPassword(ctx, a.ID, "h2", "keep"); err != nil {
		t.Fatal(err)
	}
	for hash, alive := range map[string]bool{"keep": true, "end1": false, "end2": false, "b": true} {
		_, err := s.SessionByTokenHash(ctx, hash)
		if (err == nil) != alive {
			t.Errorf("session %s: alive %v, want %v", hash, err == nil, alive)
		}
	}
	if err := s.SetAccountPassword(ctx, a.ID, "h3", ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SessionByTokenHash(ctx, "keep"); care.ErrorCode(err) != care.NotFound {
		t.Error("an admin reset left a session alive")
	}
}
