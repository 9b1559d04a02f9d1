package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/spil-zorg/spil/internal/care"
)

func networkNames(ns []care.NetworkMember) []string {
	out := []string{}
	for _, n := range ns {
		out = append(out, n.Name)
	}
	return out
}

func testNetworkPeriods(t *testing.T, s Store) {
	ctx := context.Background()
	org := newOrg(t, s)
	acc := newAccount(t, s, org, "cm@example.org")
	f := newFile(t, s, org, acc.ID, "kct", "Anna", date(2018, 1, 1))
	other := newFile(t, s, org, acc.ID, "kct", "Bram", date(2019, 1, 1))
	members := []*care.NetworkMember{
		{FamilyID: f.ID, Name: "Always", Role: "gp", Line: 1},
		{FamilyID: f.ID, Name: "Ended in January", Role: "therapist", StartedOn: date(2025, 6, 1), EndedOn: date(2026, 1, 31)},
		{FamilyID: f.ID, Name: "Started in March", Role: "school", StartedOn: date(2026, 3, 1)},
		{FamilyID: f.ID, Name: "Ended in December", Role: "nurse", EndedOn: date(2025, 12, 31)},
		{FamilyID: other.ID, Name: "Other family", Role: "gp"},
	}
	for _, n := range members {
		mustDo(t, "SaveNetworkMember", s.SaveNetworkMember(ctx, n))
	}
	got, err := s.Network(ctx, f.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range got {
		if n.Name == "Ended in January" && (!n.StartedOn.Equal(date(2025, 6, 1)) || !n.EndedOn.Equal(date(2026, 1, 31))) {
			t.Errorf("period read back as %v – %v", n.StartedOn, n.EndedOn)
		}
	}

	tests := []struct {
		name     string
		from, to time.Time
		want     []string
	}{
		{"January", date(2026, 1, 1), date(2026, 1, 31), []string{"Always", "Ended in January"}},
		{"the last day counts", date(2026, 1, 31), date(2026, 2, 28), []string{"Always", "Ended in January"}},
		{"the first day counts", date(2026, 2, 1), date(2026, 3, 1), []string{"Always", "Started in March"}},
		{"February only", date(2026, 2, 1), date(2026, 2, 28), []string{"Always"}},
		{"last three months of 2025", date(2025, 10, 1), date(2025, 12, 31), []string{"Always", "Ended in December", "Ended in January"}},
		{"before anyone started", date(2020, 1, 1), date(2020, 12, 31), []string{"Always", "Ended in December"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ns, err := s.NetworkInvolvedBetween(ctx, f.ID, tt.from, tt.to)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, networkNames(ns)); diff != "" {
				t.Errorf("involved (-want +got):\n%s", diff)
			}
		})
	}

	// Ending a member is an update that keeps them; a provider's link reads the end.
	ended := members[0]
	ended.EndedOn = date(2026, 2, 15)
	mustDo(t, "SaveNetworkMember", s.SaveNetworkMember(ctx, ended))
	prov := newAccount(t, s, org, "gp@example.org")
	mustDo(t, "CreateLink", s.CreateLink(ctx, &care.Link{FamilyID: f.ID, AccountID: prov.ID, Kind: care.LinkProvider, NetworkMemberID: ended.ID}))
	rel, err := s.Relationship(ctx, prov.ID, f.ID)
	if err != nil {
		t.Fatal(err)
	}
	if rel.Link == nil || !rel.Link.NetworkEndedOn.Equal(date(2026, 2, 15)) {
		t.Errorf("Relationship link = %+v, want the network member's end 2026-02-15", rel.Link)
	}
	if ns, _ := s.Network(ctx, f.ID); len(ns) != 4 {
		t.Errorf("network has %d members after ending one, want 4", len(ns))
	}
}

func testCorrections(t *testing.T, s Store) {
	ctx := context.Background()
	org := newOrg(t, s)
	acc := newAccount(t, s, org, "cm@example.org")
	f := newFile(t, s, org, acc.ID, "kct", "Anna", date(2018, 1, 1))
	by := care.Person{AccountID: acc.ID, Name: acc.Name}
	first := &care.Correction{FamilyID: f.ID, ObjectType: care.CorrectMember, ObjectID: 7, ChangedAt: t0, ChangedBy: by,
		Previous: map[string]string{"phone": "06-1", "name": "Els"}}
	second := &care.Correction{FamilyID: f.ID, ObjectType: care.CorrectMember, ObjectID: 7, ChangedAt: t0.Add(time.Hour), ChangedBy: by,
		Previous: map[string]string{"phone": "06-2"}}
	network := &care.Correction{FamilyID: f.ID, ObjectType: care.CorrectNetworkMember, ObjectID: 7, ChangedAt: t0, ChangedBy: by,
		Previous: map[string]string{"email": "a@example.org"}}
	for _, c := range []*care.Correction{first, second, network} {
		mustDo(t, "AddCorrection", s.AddCorrection(ctx, c))
	}
	if err := s.AddCorrection(ctx, &care.Correction{FamilyID: f.ID, ObjectType: "family", ObjectID: 1, ChangedAt: t0, ChangedBy: by,
		Previous: map[string]string{}}); err == nil {
		t.Error("a correction of an unknown kind of object was stored")
	}
	got, err := s.Corrections(ctx, f.ID, care.CorrectMember)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]care.Correction{*second, *first}, got); diff != "" {
		t.Errorf("Corrections (-want +got):\n%s", diff)
	}
	other := newFile(t, s, org, acc.ID, "kct", "Bram", date(2019, 1, 1))
	if got, _ := s.Corrections(ctx, other.ID, care.CorrectMember); len(got) != 0 {
		t.Errorf("another family has corrections %v", got)
	}
}

func testCorrectMemberAndContact(t *testing.T, s Store) {
	ctx := context.Background()
	org := newOrg(t, s)
	acc := newAccount(t, s, org, "cm@example.org")
	a := newFile(t, s, org, acc.ID, "kct", "Anna", date(2018, 1, 1))
	b := newFile(t, s, org, acc.ID, "kct", "Bram", date(2019, 1, 1))
	m := &care.Member{FamilyID: a.ID, Kind: "parent", Name: "Els", Phone: "06-1"}
	mustDo(t, "AddMember", s.AddMember(ctx, m))
	c := &care.Contact{FamilyID: a.ID, Date: date(2026, 2, 1), Kind: "phone", With: "parent", DurationMin: 10,
		CreatedAt: t0, CreatedBy: care.Person{AccountID: acc.ID, Name: acc.Name}}
	mustDo(t, "AddContact", s.AddContact(ctx, c))

	// Another family's id changes nothing.
	beforeA := familyFile(t, s, a.ID)
	wrongM := *m
	wrongM.FamilyID, wrongM.Name = b.ID, "Changed"
	if err := s.UpdateMember(ctx, &wrongM); care.ErrorCode(err) != care.NotFound {
		t.Errorf("UpdateMember through another family: %v, want NotFound", err)
	}
	wrongC := *c
	wrongC.FamilyID, wrongC.Topics = b.ID, "Changed"
	if err := s.UpdateContact(ctx, &wrongC); care.ErrorCode(err) != care.NotFound {
		t.Errorf("UpdateContact through another family: %v, want NotFound", err)
	}
	if _, err := s.Contact(ctx, b.ID, c.ID); care.ErrorCode(err) != care.NotFound {
		t.Errorf("Contact through another family: %v, want NotFound", err)
	}
	if diff := cmp.Diff(beforeA, familyFile(t, s, a.ID)); diff != "" {
		t.Errorf("family A changed (-before +after):\n%s", diff)
	}

	m.Phone, m.EndedOn = "06-2", date(2026, 2, 1)
	mustDo(t, "UpdateMember", s.UpdateMember(ctx, m))
	ms, err := s.Members(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]care.Member{*m}, ms); diff != "" {
		t.Errorf("Members after correction (-want +got):\n%s", diff)
	}
	c.Topics, c.DurationMin, c.RegistrationMin, c.Date = "Slaap", 25, 8, date(2026, 2, 2)
	mustDo(t, "UpdateContact", s.UpdateContact(ctx, c))
	got, err := s.Contact(ctx, a.ID, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := *c
	want.CreatedAt = want.CreatedAt.Truncate(time.Microsecond)
	if diff := cmp.Diff(&want, got); diff != "" {
		t.Errorf("Contact after correction (-want +got):\n%s", diff)
	}
}

func testFamilyProposals(t *testing.T, s Store) {
	ctx := context.Background()
	org := newOrg(t, s)
	cm := newAccount(t, s, org, "cm@example.org")
	parent := newAccount(t, s, org, "parent@example.org")
	a := newFile(t, s, org, cm.ID, "kct", "Anna", date(2018, 1, 1))
	b := newFile(t, s, org, cm.ID, "kct", "Bram", date(2019, 1, 1))
	pp := care.Person{AccountID: parent.ID, Name: parent.Name}
	older := &care.FamilyProposal{FamilyID: a.ID, Kind: care.ProposeNetworkAdd, Name: "De Regenboog", Role: "school",
		Organisation: "Basisschool", Phone: "010-1", ProposedBy: pp, ProposedAt: t0, Status: care.FamilyProposalOpen}
	newer := &care.FamilyProposal{FamilyID: a.ID, Kind: care.ProposeMemberContact, TargetID: 3, Phone: "06-9",
		ProposedBy: pp, ProposedAt: t0.Add(time.Hour), Status: care.FamilyProposalOpen}
	for _, p := range []*care.FamilyProposal{older, newer} {
		mustDo(t, "AddFamilyProposal", s.AddFamilyProposal(ctx, p))
	}
	if err := s.AddFamilyProposal(ctx, &care.FamilyProposal{FamilyID: a.ID, Kind: "delete", ProposedBy: pp, ProposedAt: t0,
		Status: care.FamilyProposalOpen}); err == nil {
		t.Error("a proposal of an unknown kind was stored")
	}
	got, err := s.FamilyProposals(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]care.FamilyProposal{*newer, *older}, got); diff != "" {
		t.Errorf("FamilyProposals (-want +got):\n%s", diff)
	}

	answer := func(id, familyID int64) error {
		return s.AnswerFamilyProposal(ctx, &care.FamilyProposal{ID: id, FamilyID: familyID, Status: care.FamilyProposalDeclined,
			Answer: "Staat er al in", AnsweredBy: care.Person{AccountID: cm.ID}, AnsweredAt: t0.Add(2 * time.Hour)})
	}
	if err := answer(older.ID, b.ID); care.ErrorCode(err) != care.NotFound {
		t.Errorf("answer through another family: %v, want NotFound", err)
	}
	mustDo(t, "AnswerFamilyProposal", answer(older.ID, a.ID))
	if err := answer(older.ID, a.ID); care.ErrorCode(err) != care.NotFound {
		t.Errorf("second answer: %v, want NotFound", err)
	}
	got, _ = s.FamilyProposals(ctx, a.ID)
	want := *older
	want.Status, want.Answer = care.FamilyProposalDeclined, "Staat er al in"
	want.AnsweredBy, want.AnsweredAt = care.Person{AccountID: cm.ID, Name: cm.Name}, t0.Add(2*time.Hour)
	if len(got) != 2 || !cmp.Equal(want, got[1]) {
		t.Errorf("answered proposal: %s", cmp.Diff(want, got))
	}
	if got, _ := s.FamilyProposals(ctx, b.ID); len(got) != 0 {
		t.Errorf("another family has proposals %v", got)
	}
}
