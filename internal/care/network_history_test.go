package care_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store/storetest"
)

func networkIDs(ns []care.NetworkMember) []int64 {
	out := []int64{}
	for _, n := range ns {
		out = append(out, n.ID)
	}
	return out
}

// Ending a provider's involvement keeps them in the file as earlier
// involved, counts them for the period they were involved, and takes their
// access away as a withdrawal of consent does.
func TestEndedNetworkMember(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			w := newViewWorld(t, db, date(2019, 4, 2))
			w.consent(t, w.mother, w.physioNet, true, care.ScopeFile)
			w.canView(t, w.physio, true)

			f, err := w.svc.File(ctx, w.cm, w.fam)
			if err != nil {
				t.Fatal(err)
			}
			var physio care.NetworkMember
			for _, n := range f.Network {
				if n.ID == w.physioNet {
					physio = n
				}
			}
			physio.StartedOn, physio.EndedOn = date(2026, 1, 1), date(2026, 5, 31)
			err = w.audited(t, w.record(w.cm, w.fam, "network_member", w.physioNet, care.ActionUpdate, care.OutcomeSuccess), func() error {
				return w.svc.SaveNetworkMember(ctx, w.cm, &physio)
			})
			if err != nil {
				t.Fatal(err)
			}

			f, err = w.svc.File(ctx, w.cm, w.fam)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff([]int64{w.gpNet}, networkIDs(f.Network)); diff != "" {
				t.Errorf("current network (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff([]int64{w.physioNet}, networkIDs(f.EarlierNetwork)); diff != "" {
				t.Errorf("earlier network (-want +got):\n%s", diff)
			}
			cs := f.CorrectionsOf(care.CorrectNetworkMember, w.physioNet)
			if len(cs) != 1 || cs[0].Previous["ended_on"] != "" || cs[0].Previous["started_on"] != "" || cs[0].ChangedBy.AccountID != w.cm.AccountID {
				t.Errorf("corrections %+v, want one with the empty period before", cs)
			}

			// The emergency summary names only who is involved now.
			sum, err := w.svc.EmergencySummary(ctx, w.cm, w.fam, care.ViewCaseFile)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff([]int64{w.gpNet}, networkIDs(sum.Network)); diff != "" {
				t.Errorf("the emergency summary's network (-want +got):\n%s", diff)
			}

			// The physiotherapist loses access, and the family no longer
			// decides about their consent.
			w.canView(t, w.physio, false)
			w.canView(t, w.gp, false) // no consent for the GP either
			ov, err := w.svc.FamilyView(ctx, w.mother, w.fam)
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range ov.Consents {
				if c.Member.ID == w.physioNet {
					t.Error("the family view still asks consent for an ended provider")
				}
			}

			// An ended provider takes no new task; one still involved does.
			task := &care.Task{FamilyID: w.fam, Title: "Oefenschema", OwnerKind: "network", NetworkMemberID: w.physioNet}
			if err := w.svc.CreateTask(ctx, w.cm, task); !hasField(err, "network_member") {
				t.Errorf("a task for an ended provider: %v", err)
			}
			picked := &care.Task{FamilyID: w.fam, Title: "Oefenschema", Pick: care.TaskOwner{Kind: care.OwnerNetwork, ID: w.physioNet}}
			if err := w.svc.CreateTask(ctx, w.cm, picked); !hasField(err, "owner") {
				t.Errorf("an ended provider picked as owner: %v", err)
			}
			task.NetworkMemberID = w.gpNet
			if err := w.svc.CreateTask(ctx, w.cm, task); err != nil {
				t.Errorf("a task for the GP: %v", err)
			}

			// Nor is an ended provider added to a conversation, though
			// their consent was given.
			th, err := w.svc.StartThread(ctx, w.cm, care.ViewCaseFile, w.fam, "Oefeningen", "Hoe gaat het?", nil)
			if err != nil {
				t.Fatal(err)
			}
			if err := w.svc.AddThreadProvider(ctx, w.cm, w.fam, th.ID, w.physioNet); !hasField(err, "provider") {
				t.Errorf("an ended provider added to a thread: %v", err)
			}

			tests := []struct {
				name     string
				from, to time.Time
				want     []int64
			}{
				{"last three months", date(2026, 3, 15), date(2026, 6, 15), []int64{w.gpNet, w.physioNet}},
				{"after the end", date(2026, 6, 1), date(2026, 6, 15), []int64{w.gpNet}},
			}
			for _, tt := range tests {
				got, err := w.svc.InvolvedBetween(ctx, w.cm, w.fam, tt.from, tt.to)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(tt.want, networkIDs(got)); diff != "" {
					t.Errorf("%s (-want +got):\n%s", tt.name, diff)
				}
			}
			if _, err := w.svc.InvolvedBetween(ctx, w.cm, w.fam, date(2026, 6, 1), date(2026, 5, 1)); care.ErrorCode(err) != care.Invalid {
				t.Errorf("a period ending before it starts: %v, want Invalid", err)
			}
			if _, err := w.svc.InvolvedBetween(ctx, w.cm2, w.fam, date(2026, 1, 1), date(2026, 6, 1)); care.ErrorCode(err) != care.NotFound {
				t.Errorf("another case manager's question: %v, want NotFound", err)
			}
		})
	}
}
