package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/fhir"
	"github.com/spil-zorg/spil/internal/store"
)

// demoStore is a new database of kind d filled as demo mode fills it.
func demoStore(t *testing.T, d database) *store.Store {
	t.Helper()
	ctx := context.Background()
	dsn := d.fresh(t)
	mustSpil(t, "migrate", "--db", dsn)
	a := &app{cfg: &Config{DB: dsn, Demo: true}, out: io.Discard, log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	s := openDB(t, dsn)
	if err := setUpDemo(ctx, a, s, auth.NewService(s, auth.Config{Params: auth.TestParams})); err != nil {
		t.Fatal(err)
	}
	return s
}

// demoReader is a demo account and a family it is linked to or assigned.
type demoReader struct {
	actor care.Actor
	email string
	fam   int64
	child string
}

// demoReaders lists the families of the demo's case managers' caseloads,
// once per case manager, and the families the demo providers are linked
// to, once per provider, with or without consent in force.
func demoReaders(t *testing.T, s *store.Store, svc *care.Service) (caseManagers, providers []demoReader) {
	t.Helper()
	ctx := context.Background()
	for _, acc := range demoAccounts {
		actor := demoActor(t, s, acc.Email)
		switch acc.Role {
		case care.RoleCaseManager:
			items, err := svc.Caseload(ctx, actor, "", "")
			if err != nil {
				t.Fatal(err)
			}
			for _, it := range items {
				caseManagers = append(caseManagers, demoReader{actor, acc.Email, it.FamilyID, it.ChildName})
			}
		case care.RoleProvider:
			rows, err := s.LinkedFamilies(ctx, actor.AccountID)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rows {
				providers = append(providers, demoReader{actor, acc.Email, r.FamilyID, r.ChildName})
			}
		}
	}
	return caseManagers, providers
}

// fhirRoundTrip exports a file, takes it through JSON, and imports it.
func fhirRoundTrip(t *testing.T, in fhir.Input) (fhir.Bundle, fhir.Input) {
	t.Helper()
	data, err := json.Marshal(fhir.Export(in))
	if err != nil {
		t.Fatal(err)
	}
	b, err := fhir.Decode(data)
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	out, err := fhir.Import(b)
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	return b, out
}

// TestFHIRDemoRoundTrip: for every demo family, the FHIR export of the
// case managers' file reads back into the same file, field by field:
// plan item ids, directive decisions, "not discussed" and "not now"
// included. A nil list and an empty one are the same file.
func TestFHIRDemoRoundTrip(t *testing.T) {
	for _, d := range databases() {
		t.Run(d.name, func(t *testing.T) { testFHIRDemoRoundTrip(t, d) })
	}
}

func testFHIRDemoRoundTrip(t *testing.T, d database) {
	ctx := context.Background()
	s := demoStore(t, d)
	svc := care.NewService(s, nil)
	families := map[int64]care.Actor{}
	caseManagers, _ := demoReaders(t, s, svc)
	for _, r := range caseManagers {
		if r.child == "Thijs Bakker" && families[r.fam] == (care.Actor{}) {
			acceptTransition(t, svc, r.actor, r.fam)
		}
		families[r.fam] = r.actor
	}
	if len(families) < 5 {
		t.Fatalf("%d demo families", len(families))
	}
	addNotes(t, s, svc)
	for _, r := range caseManagers {
		if r.child == linkedChild {
			addCorrections(t, svc, r.actor, r.fam)
			break
		}
	}
	seen := map[string]bool{}
	for id, cm := range families {
		in, err := fhir.ReadFamily(ctx, svc, cm, id, care.ActionExport)
		if err != nil {
			t.Fatal(err)
		}
		_, out := fhirRoundTrip(t, in)
		if diff := cmp.Diff(in, out, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s: Import(Export(x)) differs from x (-x +import):\n%s", in.Family.ChildName, diff)
		}
		if in.Plan != nil {
			for _, d := range in.Plan.ACP.Directives {
				seen["directive "+d.Decision] = true
			}
			seen["place "+in.Plan.ACP.PlaceOfDeath.Place] = true
		}
		if len(in.Stays) > 0 && len(in.Transfers) > 0 && len(in.Meetings) > 0 {
			seen["stays, transfers and meetings"] = true
		}
		for _, c := range in.Coverage {
			if len(c.Periods) > 1 {
				seen["coverage renewed"] = true
			}
		}
		for _, a := range in.Aids {
			seen["aid "+a.Status] = true
		}
		if len(in.Intensity) > 1 {
			seen["intensity history"] = true
		}
		if in.Transition != nil {
			seen["turning-18 checklist accepted"] = true
		}
		if len(in.PlanVersions) > 0 {
			seen["earlier plan versions"] = true
		}
		if len(in.DeathRecords) > 0 && in.Death != nil {
			seen["death record in full"] = true
		}
		for _, n := range in.Notes {
			seen["note "+n.Kind] = true
		}
		for _, p := range in.Proposals {
			seen["plan proposal "+p.Status] = true
		}
		for _, p := range in.FamilyProposals {
			seen["family proposal "+p.Status] = true
		}
		for _, c := range in.Corrections {
			seen["correction "+c.ObjectType] = true
		}
		for _, ev := range in.TaskEvents {
			seen["task history "+ev.Field] = true
		}
		if a := in.Aftercare; a != nil {
			for _, pe := range a.People {
				switch {
				case pe.MemberID != 0:
					seen["aftercare for a brother or sister"] = true
				case pe.NetworkID != 0:
					seen["aftercare by the network"] = true
				}
			}
			for _, c := range a.Contacts {
				seen[fmt.Sprintf("aftercare contact done %v", c.Done())] = true
			}
		}
		for _, th := range in.Threads {
			if len(th.Messages) > 1 {
				seen["conversation"] = true
			}
			for _, m := range th.Messages {
				if m.Document != nil {
					seen["document in a conversation"] = true
				}
			}
		}
	}
	// The demo holds the cases the mapping must keep apart.
	for _, want := range []string{"directive not_discussed", "directive yes", "directive no", "place not_discussed",
		"stays, transfers and meetings", "coverage renewed", "aid assessed", "aid ordered", "aid delivered", "intensity history",
		"turning-18 checklist accepted", "earlier plan versions", "death record in full", "note " + care.NoteWish,
		"note " + care.NoteProvider, "conversation", "aftercare for a brother or sister", "aftercare by the network",
		"aftercare contact done true", "aftercare contact done false", "task history owner", "task history due_date",
		"correction " + care.CorrectMember, "correction " + care.CorrectNetworkMember, "correction " + care.CorrectContact,
		"plan proposal open", "family proposal open"} {
		if !seen[want] {
			t.Errorf("no demo family has %s", want)
		}
	}
}

// acceptTransition accepts Thijs's turning-18 checklist as his case
// manager does on his coverage page (the demo leaves it open for them), so
// the export holds an accepted checklist and the tasks it became.
func acceptTransition(t *testing.T, svc *care.Service, cm care.Actor, familyID int64) {
	t.Helper()
	due := time.Now().UTC().Truncate(24*time.Hour).AddDate(0, 1, 0)
	owner := care.TaskOwner{Kind: care.OwnerCaseManager, ID: cm.AccountID}
	steps := []care.TransitionStep{{Step: "coverage", Title: "Wlz-indicatie aanvragen", Owner: owner, Due: due},
		{Step: "representation", Title: "Mentorschap bespreken", Owner: owner, Due: due}}
	if err := svc.AcceptTransition(context.Background(), cm, familyID, steps); err != nil {
		t.Fatalf("accept Thijs's turning-18 checklist: %v", err)
	}
}

// addNotes has the parent and the GP of the linked demo child write a
// note each, as they do on their pages (the demo holds no notes).
func addNotes(t *testing.T, s *store.Store, svc *care.Service) {
	t.Helper()
	ctx := context.Background()
	for _, n := range []struct {
		email, kind, body string
		view              care.View
	}{
		{parentEmail, care.NoteWish, "Daan wil nog één keer naar de dierentuin.", care.ViewFamily},
		{"zorgverlener@demo.spil.test", care.NoteProvider, "Pijnpomp loopt goed; graag overleg over de nachten.", care.ViewProvider},
	} {
		actor := demoActor(t, s, n.email)
		rows, err := s.LinkedFamilies(ctx, actor.AccountID)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if r.ChildName != linkedChild {
				continue
			}
			if err := svc.AddNote(ctx, actor, n.view, r.FamilyID, n.kind, n.body); err != nil {
				t.Fatalf("%s adds a note: %v", n.email, err)
			}
		}
	}
}

// addCorrections corrects a family member's phone, a network member's
// e-mail address and a contact's topics in the family, as a case manager
// does on the pages; each keeps the value before.
func addCorrections(t *testing.T, svc *care.Service, cm care.Actor, familyID int64) {
	t.Helper()
	ctx := context.Background()
	in, err := fhir.ReadFamily(ctx, svc, cm, familyID, care.ActionExport)
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Members) == 0 || len(in.Network) == 0 || len(in.Contacts) == 0 {
		t.Fatalf("%s has no member, network member or contact to correct", in.Family.ChildName)
	}
	m := in.Members[0]
	m.Phone = "0687654321"
	if err := svc.CorrectMember(ctx, cm, &m); err != nil {
		t.Fatalf("correct a member: %v", err)
	}
	n := in.Network[0]
	n.Email = "nieuw@zorg.example.org"
	if err := svc.SaveNetworkMember(ctx, cm, &n); err != nil {
		t.Fatalf("correct a network member: %v", err)
	}
	c := in.Contacts[0]
	c.Topics += " (aangevuld)"
	if err := svc.CorrectContact(ctx, cm, &c); err != nil {
		t.Fatalf("correct a contact: %v", err)
	}
}

// TestFHIRProviderExport: a provider's export holds what their view and
// the care plan show them: no BSN identifier, no contacts (Encounters),
// no consent records, only their own tasks; under a consent for the plan
// and network only, no child's details and no tasks. A provider without
// consent gets nothing, as for a family that does not exist. Each export
// is one audit record.
func TestFHIRProviderExport(t *testing.T) {
	ctx := context.Background()
	s := demoStore(t, databases()[0])
	svc := care.NewService(s, nil)
	addNotes(t, s, svc)
	tests := []struct {
		email    string
		child    string
		scope    string
		wantNone bool
	}{
		{"zorgverlener@demo.spil.test", linkedChild, care.ScopeFile, false},
		{"zorgverlener3@demo.spil.test", "Sem de Wit", care.ScopePlanNetwork, false},
		{"zorgverlener2@demo.spil.test", linkedChild, "", true},
	}
	for _, tt := range tests {
		t.Run(tt.email, func(t *testing.T) {
			actor := demoActor(t, s, tt.email)
			rows, err := s.LinkedFamilies(ctx, actor.AccountID)
			if err != nil {
				t.Fatal(err)
			}
			var link care.LinkedFamilyRow
			for _, r := range rows {
				if r.ChildName == tt.child {
					link = r
				}
			}
			if link.FamilyID == 0 {
				t.Fatalf("%s is not linked to %s", tt.email, tt.child)
			}
			b, err := fhir.ExportFamily(ctx, svc, actor, link.FamilyID)
			if tt.wantNone {
				if care.ErrorCode(err) != care.NotFound {
					t.Fatalf("export without consent: %v, want not found", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			in, err := fhir.Import(b)
			if err != nil {
				t.Fatal(err)
			}
			if in.Family.BSN != "" {
				t.Error("a provider's export holds the BSN")
			}
			for _, e := range b.Entry {
				switch r := e.Resource.(type) {
				case *fhir.Patient:
					for _, id := range r.Identifier {
						if id.System == fhir.SystemBSN {
							t.Error("a BSN identifier in a provider's export")
						}
					}
					if tt.scope == care.ScopePlanNetwork && r.BirthDate != "" {
						t.Error("a birth date under a consent for the plan and network only")
					}
				case *fhir.Encounter:
					if strings.HasPrefix(r.ID, "contact-") || strings.HasPrefix(r.ID, "meeting-") {
						t.Errorf("a contact or meeting (Encounter %s) in a provider's export", r.ID)
					}
				case *fhir.Consent:
					if r.Meta.Profile[0] == fhir.ProfileSpilProviderConsent {
						t.Errorf("a consent record (%s) in a provider's export", r.ID)
					}
				}
			}
			if len(in.Contacts) != 0 || len(in.Consents) != 0 || in.Episode != nil || len(in.Meetings) != 0 {
				t.Errorf("contacts %d, consents %d, meetings %d, episode %v in a provider's export",
					len(in.Contacts), len(in.Consents), len(in.Meetings), in.Episode)
			}
			if len(in.Intensity) != 0 || in.Transition != nil || len(in.PlanVersions) != 0 || len(in.DeathRecords) != 0 ||
				len(in.Notes) != 0 || len(in.Corrections) != 0 || len(in.Proposals) != 0 || len(in.FamilyProposals) != 0 || in.Aftercare != nil {
				t.Errorf("intensity changes %d, turning-18 checklist %v, earlier plan versions %d, death records %d, notes %d, "+
					"corrections %d, proposals %d and %d, aftercare %v in a provider's export", len(in.Intensity), in.Transition,
					len(in.PlanVersions), len(in.DeathRecords), len(in.Notes), len(in.Corrections), len(in.Proposals), len(in.FamilyProposals),
					in.Aftercare)
			}
			// The coverage plan and the aids as the provider's coverage page
			// shows them (without the family's documents and the notes on
			// their applications), or none when their consent does not
			// cover it.
			cov, err := svc.Coverage(ctx, actor, care.ViewProvider, link.FamilyID)
			switch {
			case tt.scope == care.ScopeFile && err != nil:
				t.Fatalf("the provider's coverage page: %v", err)
			case tt.scope == care.ScopeFile:
				if len(in.Coverage) == 0 || len(in.Coverage) != len(cov.Items) || len(in.Aids) != len(cov.Aids) {
					t.Errorf("coverage items %d and aids %d in the export, %d and %d on the provider's page",
						len(in.Coverage), len(in.Aids), len(cov.Items), len(cov.Aids))
				}
				if diff := cmp.Diff(cov.Items, in.Coverage, cmpopts.EquateEmpty()); diff != "" {
					t.Errorf("the coverage plan differs from the provider's page (-page +export):\n%s", diff)
				}
				byID := cmpopts.SortSlices(func(a, b care.Aid) bool { return a.ID < b.ID })
				if diff := cmp.Diff(cov.Aids, in.Aids, cmpopts.EquateEmpty(), byID); diff != "" {
					t.Errorf("the aids differ from the provider's page (-page +export):\n%s", diff)
				}
			default:
				if len(in.Coverage) != 0 || len(in.Aids) != 0 {
					t.Errorf("coverage items %d and aids %d under a consent that does not cover them", len(in.Coverage), len(in.Aids))
				}
			}
			for _, a := range in.Aids {
				if a.Note != "" || len(a.Documents) != 0 {
					t.Errorf("aid %d with its note or documents in a provider's export", a.ID)
				}
			}
			for _, tr := range in.Transfers {
				if len(tr.Items) != 0 || tr.Status != care.TransferPlanned {
					t.Errorf("transfer %d in a provider's export: %s, %d checklist items", tr.ID, tr.Status, len(tr.Items))
				}
			}
			if tt.scope == care.ScopePlanNetwork && len(in.Stays) != 0 {
				t.Error("where the child is, under a consent for the plan and network only")
			}
			for _, st := range in.Stays {
				if st.Note != "" {
					t.Error("the case managers' note on a stay in a provider's export")
				}
			}
			pv, err := svc.ProviderView(ctx, actor, link.FamilyID)
			if err != nil {
				t.Fatal(err)
			}
			if tt.scope == care.ScopePlanNetwork && len(in.Tasks) != 0 {
				t.Errorf("%d tasks under a consent for the plan and network only", len(in.Tasks))
			}
			for _, task := range in.Tasks {
				if task.NetworkMemberID != pv.Me.ID {
					t.Errorf("task %d of network member %d in the export of %d", task.ID, task.NetworkMemberID, pv.Me.ID)
				}
			}
			for _, ev := range in.TaskEvents {
				if !containsTask(in.Tasks, ev.TaskID) {
					t.Errorf("the history of task %d, not the provider's own", ev.TaskID)
				}
			}
			// The conversations are those the provider was added to, each
			// with all its messages, as their pages show them.
			var got, want []int64
			for _, th := range in.Threads {
				got = append(got, th.ID)
				if len(th.Messages) == 0 {
					t.Errorf("conversation %d without its messages", th.ID)
				}
			}
			for _, th := range pv.Threads {
				want = append(want, th.ID)
			}
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("conversations %v in the export, %v on the provider's pages", got, want)
			}
			if tt.scope == care.ScopeFile && len(want) == 0 {
				t.Error("the demo provider with consent for the whole file takes part in no conversation")
			}
			if in.Plan != nil {
				for _, sec := range in.Plan.Sections {
					for _, a := range sec.Actions {
						if !containsTask(in.Tasks, a.TaskID) {
							t.Errorf("the plan's action %d is not the provider's own task", a.TaskID)
						}
					}
				}
			}
		})
	}
}

func containsTask(ts []care.Task, id int64) bool {
	for _, t := range ts {
		if t.ID == id {
			return true
		}
	}
	return false
}
