package storetest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/spil-zorg/spil/internal/care"
)

// accessFixture is a family with a parent, a provider in the network and
// accounts for both.
type accessFixture struct {
	org, family, member, network  int64
	caseManager, parent, provider int64
}

func newAccessFixture(t *testing.T, s Store) accessFixture {
	t.Helper()
	ctx := context.Background()
	org := newOrg(t, s)
	f := accessFixture{org: org}
	at := fmt.Sprintf("@org%d.example.org", org)
	f.caseManager = newAccount(t, s, org, "cm"+at).ID
	f.parent = newAccount(t, s, org, "ouder"+at).ID
	f.provider = newAccount(t, s, org, "huisarts"+at).ID
	fam := &care.Family{OrganisationID: org, ChildName: "Lotte", BirthDate: time.Date(2016, 1, 2, 0, 0, 0, 0, time.UTC),
		Sex: "female", Intensity: care.Regular}
	ep := &care.Episode{ReferralDate: time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC), SurpriseQuestion: "unknown", Status: "accepted"}
	if err := s.CreateFamilyFile(ctx, fam, ep, "kct", f.caseManager, t0); err != nil {
		t.Fatal(err)
	}
	f.family = fam.ID
	m := &care.Member{FamilyID: fam.ID, Kind: "parent", Name: "Ilse", Custody: true}
	if err := s.AddMember(ctx, m); err != nil {
		t.Fatal(err)
	}
	n := &care.NetworkMember{FamilyID: fam.ID, Name: "Dr. Smit", Role: "gp", Line: 1}
	if err := s.SaveNetworkMember(ctx, n); err != nil {
		t.Fatal(err)
	}
	f.member, f.network = m.ID, n.ID
	return f
}

func testLinks(t *testing.T, s Store) {
	ctx := context.Background()
	f := newAccessFixture(t, s)
	if l, err := s.LinkOf(ctx, f.parent, f.family); err != nil || l != nil {
		t.Fatalf("LinkOf before linking = %+v, %v", l, err)
	}
	want := &care.Link{FamilyID: f.family, AccountID: f.parent, Kind: care.LinkParent, MemberID: f.member}
	if err := s.CreateLink(ctx, want); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateLink(ctx, want); care.ErrorCode(err) != care.Conflict {
		t.Errorf("linking twice: %v, want Conflict", err)
	}
	got, err := s.LinkOf(ctx, f.parent, f.family)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("link (-want +got):\n%s", diff)
	}
	prov := &care.Link{FamilyID: f.family, AccountID: f.provider, Kind: care.LinkProvider, NetworkMemberID: f.network}
	if err := s.CreateLink(ctx, prov); err != nil {
		t.Fatal(err)
	}
	ls, err := s.LinkedFamilies(ctx, f.provider)
	if err != nil || len(ls) != 1 || ls[0].Link != *prov || ls[0].ChildName == "" || ls[0].BirthDate.IsZero() {
		t.Errorf("LinkedFamilies = %+v, %v", ls, err)
	}
	// Removing the provider from the network removes the link.
	if err := s.DeleteNetworkMember(ctx, f.family, f.network); err != nil {
		t.Fatal(err)
	}
	if l, _ := s.LinkOf(ctx, f.provider, f.family); l != nil {
		t.Errorf("link survived leaving the network: %+v", l)
	}
}

func testInvitations(t *testing.T, s Store) {
	ctx := context.Background()
	f := newAccessFixture(t, s)
	inv := &care.Invitation{FamilyID: f.family, Kind: care.LinkParent, MemberID: f.member, Email: "ilse@example.org",
		Name: "Ilse", TokenHash: "hash-1", CreatedBy: f.caseManager, CreatedAt: t0, ExpiresAt: t0.Add(care.InvitationValidity)}
	if err := s.CreateInvitation(ctx, inv); err != nil || inv.ID == 0 {
		t.Fatalf("CreateInvitation: id %d, %v", inv.ID, err)
	}
	got, err := s.InvitationByTokenHash(ctx, "hash-1")
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(inv, got); diff != "" {
		t.Errorf("invitation (-want +got):\n%s", diff)
	}
	if _, err := s.InvitationByTokenHash(ctx, "other"); care.ErrorCode(err) != care.NotFound {
		t.Errorf("unknown token: %v", err)
	}
	if err := s.UseInvitation(ctx, inv.ID, f.parent, t0.Add(care.InvitationValidity)); care.ErrorCode(err) != care.NotFound {
		t.Errorf("use at expiry: %v, want NotFound", err)
	}
	if err := s.UseInvitation(ctx, inv.ID, f.parent, t0.Add(time.Hour)); err != nil {
		t.Fatalf("use: %v", err)
	}
	if err := s.UseInvitation(ctx, inv.ID, f.provider, t0.Add(2*time.Hour)); care.ErrorCode(err) != care.NotFound {
		t.Errorf("second use: %v, want NotFound", err)
	}
	got, _ = s.InvitationByTokenHash(ctx, "hash-1")
	if got.AccountID != f.parent || !got.UsedAt.Equal(t0.Add(time.Hour)) {
		t.Errorf("used invitation %+v", got)
	}
}

func testConsentRecords(t *testing.T, s Store) {
	ctx := context.Background()
	f := newAccessFixture(t, s)
	other := &care.NetworkMember{FamilyID: f.family, Name: "Thuiszorg", Role: "homecare", Line: 1}
	if err := s.SaveNetworkMember(ctx, other); err != nil {
		t.Fatal(err)
	}
	recs := []*care.ConsentRecord{
		{FamilyID: f.family, NetworkMemberID: f.network, GivenBy: care.Person{AccountID: f.parent}, GiverKind: care.GiverParent, Granted: true, Scope: care.ScopeFile, At: t0},
		{FamilyID: f.family, NetworkMemberID: other.ID, GivenBy: care.Person{AccountID: f.parent}, GiverKind: care.GiverParent, Granted: true, Scope: care.ScopePlanNetwork, At: t0.Add(time.Minute)},
		{FamilyID: f.family, NetworkMemberID: f.network, GivenBy: care.Person{AccountID: f.parent}, GiverKind: care.GiverParent, Granted: false, Scope: care.ScopeFile, At: t0.Add(time.Hour)},
	}
	for _, r := range recs {
		if err := s.AddConsent(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	all, err := s.ConsentRecords(ctx, f.family, 0)
	if err != nil || len(all) != 3 {
		t.Fatalf("all records: %d, %v", len(all), err)
	}
	one, err := s.ConsentRecords(ctx, f.family, f.network)
	if err != nil || len(one) != 2 || !one[0].Granted || one[1].Granted || one[0].GivenBy.Name == "" {
		t.Fatalf("records of one provider: %+v, %v", one, err)
	}
	if st := care.EvaluateConsent(time.Date(2016, 1, 2, 0, 0, 0, 0, time.UTC), t0.Add(2*time.Hour), one); st.Given() {
		t.Error("withdrawn consent still in force")
	}
	// Scoped by family: another family sees none of them.
	g := newAccessFixture(t, s)
	if rs, _ := s.ConsentRecords(ctx, g.family, f.network); len(rs) != 0 {
		t.Errorf("another family sees %d records", len(rs))
	}
}

func testNotesAndAccessLog(t *testing.T, s Store) {
	ctx := context.Background()
	f := newAccessFixture(t, s)
	n := &care.Note{FamilyID: f.family, Author: care.Person{AccountID: f.parent}, Kind: care.NoteWish, Body: "Thuis zijn als het kan", CreatedAt: t0}
	if err := s.AddNote(ctx, n); err != nil || n.ID == 0 {
		t.Fatalf("AddNote: %v", err)
	}
	ns, err := s.Notes(ctx, f.family)
	if err != nil || len(ns) != 1 || ns[0].Body != n.Body || ns[0].Author.Name == "" {
		t.Fatalf("Notes = %+v, %v", ns, err)
	}
	for i, actor := range []int64{f.caseManager, f.provider} {
		e := &care.AuditEvent{At: t0.Add(time.Duration(i) * time.Hour), ActorID: actor, ActorRole: care.RoleCaseManager, FamilyID: f.family,
			ObjectType: "family", ObjectID: f.family, Action: care.ActionRead, Outcome: care.OutcomeSuccess}
		if err := s.AppendAudit(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	log, err := s.AccessLog(ctx, f.family, t0, t0.Add(2*time.Hour))
	if err != nil || len(log) != 2 {
		t.Fatalf("AccessLog = %d, %v", len(log), err)
	}
	if log[0].ActorName != fmt.Sprintf("Test huisarts@org%d.example.org", f.org) || log[0].Organisation == "" || log[0].Action != care.ActionRead {
		t.Errorf("newest entry %+v", log[0])
	}
	if log, _ := s.AccessLog(ctx, f.family, t0.Add(30*time.Minute), t0.Add(2*time.Hour)); len(log) != 1 {
		t.Errorf("period filter: %d entries, want 1", len(log))
	}
}
