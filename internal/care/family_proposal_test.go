package care_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store/storetest"
)

// A parent proposes a new network member and their own new phone number;
// the case manager confirms one and declines the other, and the parent
// sees both answers. Nothing changes before the answer, and nothing of
// another family can be answered or corrected.
func TestFamilyProposals(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			w := newViewWorld(t, db, date(2019, 4, 2))
			school := &care.FamilyProposal{FamilyID: w.fam, Kind: care.ProposeNetworkAdd, Name: "De Regenboog",
				Role: "school", Organisation: "Basisschool", Phone: "077 123 4567"}
			if err := w.svc.ProposeToNetwork(ctx, w.mother, school); err != nil {
				t.Fatal(err)
			}
			phone := &care.FamilyProposal{FamilyID: w.fam, Kind: care.ProposeMemberContact, TargetID: w.motherMember, Phone: "06 9999 0000"}
			if err := w.svc.ProposeToNetwork(ctx, w.mother, phone); err != nil {
				t.Fatal(err)
			}

			// Refused proposals: bad input, someone of another family, the child.
			bad := &care.FamilyProposal{FamilyID: w.fam, Kind: care.ProposeNetworkAdd, Role: "astronaut", Email: "geen"}
			err := w.svc.ProposeToNetwork(ctx, w.mother, bad)
			if !hasField(err, "name") || !hasField(err, "role") || !hasField(err, "email") {
				t.Errorf("bad proposal: %v", err)
			}
			foreign := &care.FamilyProposal{FamilyID: w.fam, Kind: care.ProposeNetworkContact, TargetID: w.otherNet, Phone: "1"}
			if err := w.svc.ProposeToNetwork(ctx, w.mother, foreign); !hasField(err, "target") {
				t.Errorf("proposal about another family's provider: %v", err)
			}
			child := w.linkChild(t)
			if err := w.svc.ProposeToNetwork(ctx, child, &care.FamilyProposal{FamilyID: w.fam, Kind: care.ProposeNetworkAdd,
				Name: "X", Role: "school"}); care.ErrorCode(err) != care.NotFound {
				t.Errorf("the child proposing: %v, want NotFound", err)
			}

			f, err := w.svc.File(ctx, w.cm, w.fam)
			if err != nil {
				t.Fatal(err)
			}
			if len(f.Network) != 2 || len(f.OpenFamilyProposals()) != 2 {
				t.Fatalf("before the answer: %d in the network, %d open proposals", len(f.Network), len(f.OpenFamilyProposals()))
			}

			// Another case manager, or this one through another family: not found, nothing saved.
			if err := w.svc.AnswerFamilyProposal(ctx, w.cm2, w.fam, school.ID, "confirm", ""); care.ErrorCode(err) != care.NotFound {
				t.Errorf("other case manager: %v", err)
			}
			if err := w.svc.AnswerFamilyProposal(ctx, w.cm2, w.other, school.ID, "confirm", ""); care.ErrorCode(err) != care.NotFound {
				t.Errorf("through another family: %v", err)
			}
			if err := w.svc.AnswerFamilyProposal(ctx, w.cm, w.fam, school.ID, "maybe", ""); !hasField(err, "decision") {
				t.Errorf("no decision: %v", err)
			}

			if err := w.svc.AnswerFamilyProposal(ctx, w.cm, w.fam, school.ID, "confirm", ""); err != nil {
				t.Fatal(err)
			}
			if err := w.svc.AnswerFamilyProposal(ctx, w.cm, w.fam, school.ID, "decline", ""); care.ErrorCode(err) != care.NotFound {
				t.Errorf("answered twice: %v", err)
			}
			if err := w.svc.AnswerFamilyProposal(ctx, w.cm, w.fam, phone.ID, "decline", "Dit nummer klopt niet"); err != nil {
				t.Fatal(err)
			}

			ov, err := w.svc.FamilyView(ctx, w.mother, w.fam)
			if err != nil {
				t.Fatal(err)
			}
			var added *care.NetworkMember
			for i, n := range ov.File.Network {
				if n.Name == "De Regenboog" {
					added = &ov.File.Network[i]
				}
			}
			if added == nil || added.Role != "school" || added.Phone != "077 123 4567" || !added.StartedOn.Equal(care.DateOf(now)) {
				t.Errorf("the confirmed school in the network: %+v", added)
			}
			got := map[int64]string{}
			for _, p := range ov.File.FamilyProposals {
				got[p.ID] = p.Status + ":" + p.Answer
			}
			want := map[int64]string{school.ID: "confirmed:", phone.ID: "declined:Dit nummer klopt niet"}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("answers the parent sees (-want +got):\n%s", diff)
			}
			for _, m := range ov.File.Members {
				if m.ID == w.motherMember && m.Phone != "" {
					t.Errorf("a declined phone number was applied: %q", m.Phone)
				}
			}
		})
	}
}

// A case manager corrects a family member and a contact: the values before
// stay on record, and an id of another family changes nothing.
func TestCorrections(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			w := newViewWorld(t, db, date(2019, 4, 2))
			_, father, err := w.svc.MemberForm(ctx, w.cm, w.fam, w.fatherMember)
			if err != nil {
				t.Fatal(err)
			}
			father.Phone, father.EndedOn = "06 1111 2222", date(2026, 6, 1)
			err = w.audited(t, w.record(w.cm, w.fam, "member", w.fatherMember, care.ActionUpdate, care.OutcomeSuccess), func() error {
				return w.svc.CorrectMember(ctx, w.cm, father)
			})
			if err != nil {
				t.Fatal(err)
			}
			f, err := w.svc.File(ctx, w.cm, w.fam)
			if err != nil {
				t.Fatal(err)
			}
			if len(f.EarlierMembers) != 1 || f.EarlierMembers[0].ID != w.fatherMember {
				t.Errorf("earlier members %+v, want the father", f.EarlierMembers)
			}
			cs := f.CorrectionsOf(care.CorrectMember, w.fatherMember)
			if len(cs) != 1 || !cmp.Equal(cs[0].Previous, map[string]string{"phone": "", "ended_on": ""}) {
				t.Errorf("corrections %+v", cs)
			}

			// Through another family, or of another family's member: nothing saved.
			wrong := *father
			wrong.FamilyID, wrong.Name = w.other, "Iemand anders"
			if err := w.svc.CorrectMember(ctx, w.cm, &wrong); care.ErrorCode(err) != care.NotFound {
				t.Errorf("correct through another family: %v", err)
			}
			wrong.FamilyID = w.fam
			wrong.ID = 987654
			if err := w.svc.CorrectMember(ctx, w.cm, &wrong); care.ErrorCode(err) != care.NotFound {
				t.Errorf("correct a missing member: %v", err)
			}

			c := f.Contacts[0]
			c.Topics, c.DurationMin = "Herindicatie nachtzorg en logeeropvang", 45
			if err := w.svc.CorrectContact(ctx, w.cm, &c); err != nil {
				t.Fatal(err)
			}
			other := c
			other.FamilyID = w.other
			if err := w.svc.CorrectContact(ctx, w.cm2, &other); care.ErrorCode(err) != care.NotFound {
				t.Errorf("correct another family's contact: %v", err)
			}
			after, err := w.svc.File(ctx, w.cm, w.fam)
			if err != nil {
				t.Fatal(err)
			}
			if got := after.Contacts[0]; got.Topics != c.Topics || got.DurationMin != 45 || got.CreatedBy.AccountID != w.cm.AccountID {
				t.Errorf("contact after correction %+v", got)
			}
			want := map[string]string{"topics": "Herindicatie nachtzorg", "duration": "0"}
			if cs := after.CorrectionsOf(care.CorrectContact, c.ID); len(cs) != 1 || !cmp.Equal(cs[0].Previous, want) {
				t.Errorf("contact corrections %+v, want %v", cs, want)
			}
		})
	}
}
