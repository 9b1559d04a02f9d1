package care_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store"
	"github.com/spil-zorg/spil/internal/store/storetest"
)

// testClock is a Service clock that a test moves.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// viewWorld is one family with everyone who may look at it from outside
// the case managers: two parents (only the mother has custody), a GP and a
// physiotherapist in the network, each with an account, and a task of every
// kind. A second family, of the other case manager, has a parent of its own.
type viewWorld struct {
	s     *store.Store
	clock *testClock
	svc   *care.Service
	org   int64

	cm, cm2        care.Actor // cm2 is not assigned to fam
	mother, father care.Actor // linked to fam as parents; only the mother has custody
	gp, physio     care.Actor // providers linked to fam's GP and physiotherapist
	stranger       care.Actor // a provider linked to no family
	otherParent    care.Actor // a parent linked to other

	fam, other                             int64
	motherMember, fatherMember             int64
	gpNet, physioNet                       int64
	gpTask, physioTask, cmTask, familyTask int64
	otherNet, otherTask                    int64
}

const (
	testBSN     = "111222333"
	gpName      = "Dr. Bakker"
	physioName  = "Fenna Mulder"
	familyTitle = "Aanmelden brusjesgroep"
)

// newViewWorld builds the world with fam's child born on birth, the clock
// at now.
func newViewWorld(t *testing.T, db storetest.DB, birth time.Time) *viewWorld {
	t.Helper()
	ctx := context.Background()
	s := db.Open(t)
	org, err := s.CreateOrganisation(ctx, "KCT Test", now)
	if err != nil {
		t.Fatal(err)
	}
	w := &viewWorld{s: s, clock: &testClock{t: now}, org: org}
	w.svc = care.NewService(s, w.clock.Now)
	w.svc.SetPasswords(auth.NewService(s, auth.Config{Params: auth.TestParams, Now: w.clock.Now}))
	w.cm = newAccount(t, s, org, care.RoleCaseManager, "cm@example.org")
	w.cm2 = newAccount(t, s, org, care.RoleCaseManager, "cm2@example.org")
	w.mother = newAccount(t, s, org, care.RoleFamily, "moeder@example.org")
	w.father = newAccount(t, s, org, care.RoleFamily, "vader@example.org")
	w.gp = newAccount(t, s, org, care.RoleProvider, "huisarts@example.org")
	w.physio = newAccount(t, s, org, care.RoleProvider, "fysio@example.org")
	w.stranger = newAccount(t, s, org, care.RoleProvider, "vreemde@example.org")
	w.otherParent = newAccount(t, s, org, care.RoleFamily, "andere.ouder@example.org")

	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	w.fam, err = w.svc.CreateFamily(ctx, w.cm, intake("Daan Hermans", birth))
	must(err)
	w.other, err = w.svc.CreateFamily(ctx, w.cm2, intake("Bram Jansen", date(2017, 9, 9)))
	must(err)
	f := file(t, s, w.fam).Family
	f.BSN, f.Summary, f.LivingSituation = testBSN, "Nachtzorg zeven nachten per week", "Woont met ouders bij Roermond"
	must(w.svc.UpdateFamily(ctx, w.cm, f.ID, care.EditOf(&f)))

	mother := &care.Member{FamilyID: w.fam, Kind: "parent", Name: "Sandra Hermans", Relation: "moeder", Custody: true}
	must(w.svc.AddMember(ctx, w.cm, mother))
	father := &care.Member{FamilyID: w.fam, Kind: "parent", Name: "Rob Hermans", Relation: "vader"}
	must(w.svc.AddMember(ctx, w.cm, father))
	otherMother := &care.Member{FamilyID: w.other, Kind: "parent", Name: "Eva Jansen", Custody: true}
	must(w.svc.AddMember(ctx, w.cm2, otherMother))
	w.motherMember, w.fatherMember = mother.ID, father.ID

	gp := &care.NetworkMember{FamilyID: w.fam, Name: gpName, Role: "gp", Line: 1, Phone: "0475 000 112"}
	must(w.svc.SaveNetworkMember(ctx, w.cm, gp))
	physio := &care.NetworkMember{FamilyID: w.fam, Name: physioName, Role: "therapist", Line: 1}
	must(w.svc.SaveNetworkMember(ctx, w.cm, physio))
	w.gpNet, w.physioNet = gp.ID, physio.ID
	w.otherNet, w.otherTask = addNetworkAndTask(t, &fixture{svc: w.svc}, w.cm2, w.other)

	must(w.svc.AddContact(ctx, w.cm, &care.Contact{FamilyID: w.fam, Date: date(2026, 6, 10), Kind: "phone", With: "parent",
		Topics: "Herindicatie nachtzorg"}))
	for _, k := range []struct {
		id  *int64
		tsk care.Task
	}{
		{&w.gpTask, care.Task{Title: "Medicatieoverzicht bijwerken", OwnerKind: "network", OwnerName: gpName, NetworkMemberID: gp.ID}},
		{&w.physioTask, care.Task{Title: "Oefenschema aanpassen", OwnerKind: "network", OwnerName: physioName, NetworkMemberID: physio.ID}},
		{&w.cmTask, care.Task{Title: "Herindicatie aanvragen", OwnerKind: "casemanager"}},
		{&w.familyTask, care.Task{Title: familyTitle, OwnerKind: "family", OwnerName: "Sandra Hermans"}},
	} {
		k.tsk.FamilyID = w.fam
		must(w.svc.CreateTask(ctx, w.cm, &k.tsk))
		*k.id = k.tsk.ID
	}
	for _, l := range []care.Link{
		{FamilyID: w.fam, AccountID: w.mother.AccountID, Kind: care.LinkParent, MemberID: mother.ID},
		{FamilyID: w.fam, AccountID: w.father.AccountID, Kind: care.LinkParent, MemberID: father.ID},
		{FamilyID: w.fam, AccountID: w.gp.AccountID, Kind: care.LinkProvider, NetworkMemberID: gp.ID},
		{FamilyID: w.fam, AccountID: w.physio.AccountID, Kind: care.LinkProvider, NetworkMemberID: physio.ID},
		{FamilyID: w.other, AccountID: w.otherParent.AccountID, Kind: care.LinkParent, MemberID: otherMother.ID},
	} {
		must(s.CreateLink(ctx, &l))
	}
	return w
}

// linkChild makes an account for the child and links it to fam.
func (w *viewWorld) linkChild(t *testing.T) care.Actor {
	t.Helper()
	child := newAccount(t, w.s, w.org, care.RoleFamily, "kind@example.org")
	if err := w.s.CreateLink(context.Background(), &care.Link{FamilyID: w.fam, AccountID: child.AccountID, Kind: care.LinkChild}); err != nil {
		t.Fatal(err)
	}
	return child
}

// record is the audit record a call should leave, at the clock's time.
func (w *viewWorld) record(a care.Actor, fam int64, object string, objectID int64, action care.Action, outcome string) care.AuditEvent {
	e := care.AuditEvent{At: w.clock.Now().UTC().Truncate(time.Microsecond), ActorID: a.AccountID, ActorRole: a.Role, FamilyID: fam,
		ObjectType: object, ObjectID: objectID, Action: action, Outcome: outcome, AccessPoint: accessPoint}
	if outcome != care.OutcomeDenied {
		e.Authorised, e.Relationship = true, true
	}
	return e
}

// withConsent marks a provider's record as allowed on consent.
func withConsent(e care.AuditEvent) care.AuditEvent {
	e.Consent = true
	return e
}

// audited runs call and checks that it left exactly one audit record, want.
func (w *viewWorld) audited(t *testing.T, want care.AuditEvent, call func() error) error {
	t.Helper()
	last := lastAuditID(t, w.s)
	err := call()
	oneAudit(t, w.s, last, want)
	return err
}

// accept accepts the invitation with a password, expecting one audit
// record by the new account, and returns the new account as an actor.
func (w *viewWorld) accept(t *testing.T, token string, role care.Role, invitationID int64) care.Actor {
	t.Helper()
	last := lastAuditID(t, w.s)
	id, err := w.svc.AcceptInvitation(context.Background(), token, "een heel lang wachtwoord", accessPoint)
	if err != nil {
		t.Fatal(err)
	}
	a := care.Actor{AccountID: id, Role: role, OrganisationID: w.org, AccessPoint: accessPoint}
	oneAudit(t, w.s, last, w.record(a, w.fam, "invitation", invitationID, care.ActionUpdate, care.OutcomeSuccess))
	return a
}

// wantCode fails unless err is of kind code with message msg ("" for any).
func wantCode(t *testing.T, what string, err error, code care.Code, msg string) {
	t.Helper()
	if care.ErrorCode(err) != code || msg != "" && care.ErrorMessage(err) != msg {
		t.Errorf("%s: %v, want %s %s", what, err, code, msg)
	}
}

// hasField reports whether err holds field errors with one for field.
func hasField(err error, field string) bool {
	var fe care.FieldErrors
	return errors.As(err, &fe) && fe.Has(field)
}

// missing is what a refused view answers: exactly what a family that does
// not exist answers.
const missing = "family not found"

func (w *viewWorld) providerView(t *testing.T, a care.Actor) (*care.ProviderFile, error) {
	t.Helper()
	return w.svc.ProviderView(context.Background(), a, w.fam)
}

// canView checks that the provider a sees fam (true) or gets NotFound, and
// that the attempt left one record saying so.
func (w *viewWorld) canView(t *testing.T, a care.Actor, want bool) *care.ProviderFile {
	t.Helper()
	rec := w.record(a, w.fam, "provider_view", 0, care.ActionRead, care.OutcomeDenied)
	if want {
		rec = withConsent(w.record(a, w.fam, "provider_view", w.fam, care.ActionRead, care.OutcomeSuccess))
	}
	var pf *care.ProviderFile
	err := w.audited(t, rec, func() error {
		var err error
		pf, err = w.providerView(t, a)
		return err
	})
	switch {
	case want && (err != nil || pf == nil):
		t.Fatalf("ProviderView = %v, %v; want the view", pf, err)
	case !want && (care.ErrorMessage(err) != missing || care.ErrorCode(err) != care.NotFound || pf != nil):
		t.Fatalf("ProviderView = %v, %v; want NotFound", pf, err)
	}
	return pf
}

func (w *viewWorld) setConsent(t *testing.T, a care.Actor, net int64, granted bool, scope string) error {
	t.Helper()
	return w.svc.SetConsent(context.Background(), a, w.fam, net, granted, scope)
}

// consent sets consent and expects it to succeed with one record.
func (w *viewWorld) consent(t *testing.T, a care.Actor, net int64, granted bool, scope string) {
	t.Helper()
	err := w.audited(t, w.record(a, w.fam, "consent", net, care.ActionUpdate, care.OutcomeSuccess), func() error {
		return w.setConsent(t, a, net, granted, scope)
	})
	if err != nil {
		t.Fatalf("SetConsent(granted %v): %v", granted, err)
	}
}

func TestProviderViewNeedsLinkAndConsent(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			w := newViewWorld(t, db, date(2018, 3, 1)) // eight years old

			// Without a link: nothing, and on record.
			w.canView(t, w.stranger, false)
			// In the network and linked, but no consent yet.
			w.canView(t, w.gp, false)
			var list []care.LinkedFamily
			err := w.audited(t, w.record(w.gp, 0, "linked_families", 0, care.ActionSearch, care.OutcomeSuccess), func() error {
				var err error
				list, err = w.svc.MyFamilies(ctx, w.gp)
				return err
			})
			if want := []care.LinkedFamily{{FamilyID: w.fam, Kind: care.LinkProvider}}; err != nil || !cmp.Equal(list, want) {
				t.Errorf("MyFamilies without consent = %+v, %v; want %+v (no name)", list, err, want)
			}

			// A parent with custody consents for the GP only.
			w.consent(t, w.mother, w.gpNet, true, care.ScopeFile)
			pf := w.canView(t, w.gp, true)
			f := pf.Family
			if f.ID != w.fam || f.ChildName != "Daan Hermans" || !f.BirthDate.Equal(date(2018, 3, 1)) {
				t.Errorf("child %+v", f)
			}
			if f.BSN != "" || f.Summary != "" || f.LivingSituation != "" {
				t.Errorf("the provider sees BSN %q, summary %q, living situation %q; want none", f.BSN, f.Summary, f.LivingSituation)
			}
			if len(pf.Network) != 2 || pf.Me.ID != w.gpNet || pf.Me.Name != gpName || pf.Scope != care.ScopeFile {
				t.Errorf("network %d members, me %+v, scope %q", len(pf.Network), pf.Me, pf.Scope)
			}
			if len(pf.Tasks) != 1 || pf.Tasks[0].ID != w.gpTask {
				t.Errorf("tasks %+v, want only the GP's own task", pf.Tasks)
			}
			w.canView(t, w.physio, false) // consent is per provider
			list, err = w.svc.MyFamilies(ctx, w.gp)
			if want := []care.LinkedFamily{{FamilyID: w.fam, ChildName: "Daan Hermans", Kind: care.LinkProvider, Consent: true, Scope: care.ScopeFile}}; err != nil || !cmp.Equal(list, want) {
				t.Errorf("MyFamilies with consent = %+v, %v; want %+v", list, err, want)
			}

			// Only the provider's own tasks can be closed.
			for _, task := range []int64{w.physioTask, w.cmTask, w.familyTask, w.otherTask} {
				err := w.audited(t, withConsent(w.record(w.gp, w.fam, "task", task, care.ActionUpdate, care.OutcomeFailed)), func() error {
					return w.svc.ProviderCompleteTask(ctx, w.gp, w.fam, task, "Gedaan")
				})
				wantCode(t, "ProviderCompleteTask of another's task", err, care.NotFound, "")
			}
			err = w.audited(t, withConsent(w.record(w.gp, w.fam, "task", w.gpTask, care.ActionUpdate, care.OutcomeFailed)), func() error {
				return w.svc.ProviderCompleteTask(ctx, w.gp, w.fam, w.gpTask, "  ")
			})
			if !hasField(err, "done_note") {
				t.Errorf("ProviderCompleteTask without a note: %v", err)
			}
			err = w.audited(t, withConsent(w.record(w.gp, w.fam, "task", w.gpTask, care.ActionUpdate, care.OutcomeSuccess)), func() error {
				return w.svc.ProviderCompleteTask(ctx, w.gp, w.fam, w.gpTask, " Overzicht bijgewerkt ")
			})
			if err != nil {
				t.Fatal(err)
			}
			for _, k := range file(t, w.s, w.fam).Tasks {
				if done := k.ID == w.gpTask; (k.Status == "done") != done ||
					done && (k.DoneBy.AccountID != w.gp.AccountID || k.DoneNote != "Overzicht bijgewerkt") {
					t.Errorf("task %q: %s by %d, %q", k.Title, k.Status, k.DoneBy.AccountID, k.DoneNote)
				}
			}

			// A note for the case managers.
			last := lastAuditID(t, w.s)
			if err := w.svc.AddProviderNote(ctx, w.gp, w.fam, " Medicatie aangepast na overleg "); err != nil {
				t.Fatal(err)
			}
			notes, err := w.s.Notes(ctx, w.fam)
			if err != nil || len(notes) != 1 {
				t.Fatalf("notes %+v, %v", notes, err)
			}
			if n := notes[0]; n.Kind != care.NoteProvider || n.Body != "Medicatie aangepast na overleg" || n.Author.AccountID != w.gp.AccountID {
				t.Errorf("note %+v", n)
			}
			oneAudit(t, w.s, last, withConsent(w.record(w.gp, w.fam, "note", notes[0].ID, care.ActionCreate, care.OutcomeSuccess)))
			err = w.audited(t, withConsent(w.record(w.gp, w.fam, "note", 0, care.ActionCreate, care.OutcomeFailed)), func() error {
				return w.svc.AddProviderNote(ctx, w.gp, w.fam, " ")
			})
			if !hasField(err, "body") {
				t.Errorf("AddProviderNote without a body: %v", err)
			}
			err = w.audited(t, w.record(w.stranger, w.fam, "note", 0, care.ActionCreate, care.OutcomeDenied), func() error {
				return w.svc.AddProviderNote(ctx, w.stranger, w.fam, "Ik kijk even mee")
			})
			wantCode(t, "AddProviderNote without a link", err, care.NotFound, missing)

			// Withdrawal counts from the very next call.
			w.consent(t, w.mother, w.gpNet, false, care.ScopeFile)
			w.canView(t, w.gp, false)
			err = w.audited(t, w.record(w.gp, w.fam, "note", 0, care.ActionCreate, care.OutcomeDenied), func() error {
				return w.svc.AddProviderNote(ctx, w.gp, w.fam, "Nog een vraag")
			})
			wantCode(t, "AddProviderNote after withdrawal", err, care.NotFound, missing)
			list, err = w.svc.MyFamilies(ctx, w.gp)
			if want := []care.LinkedFamily{{FamilyID: w.fam, Kind: care.LinkProvider}}; err != nil || !cmp.Equal(list, want) {
				t.Errorf("MyFamilies after withdrawal = %+v, %v; want %+v", list, err, want)
			}
			verifyIntact(t, w.s)
		})
	}
}

// TestProviderLinkWithoutNetworkMember: a provider link that names no
// network member never borrows the consent given for someone else.
func TestProviderLinkWithoutNetworkMember(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			w := newViewWorld(t, db, date(2018, 3, 1))
			if err := w.s.CreateLink(ctx, &care.Link{FamilyID: w.fam, AccountID: w.stranger.AccountID, Kind: care.LinkProvider}); err != nil {
				t.Fatal(err)
			}
			w.consent(t, w.mother, w.gpNet, true, care.ScopeFile)
			w.canView(t, w.stranger, false)
			err := w.audited(t, w.record(w.stranger, w.fam, "task", 0, care.ActionUpdate, care.OutcomeDenied), func() error {
				return w.svc.ProviderCompleteTask(ctx, w.stranger, w.fam, w.cmTask, "Gedaan")
			})
			wantCode(t, "ProviderCompleteTask", err, care.NotFound, missing)
		})
	}
}

// TestConsentByAge walks a child through the ages at which the WGBO moves
// the decision: under 12 the parents, from 12 the child and the parents,
// from 16 the young person alone. The birthday counts from midnight in
// Amsterdam.
func TestConsentByAge(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			w := newViewWorld(t, db, date(2014, 6, 16)) // twelve tomorrow
			child := w.linkChild(t)
			at := func(y int, m time.Month, d, hour, min int) {
				w.clock.Set(time.Date(y, m, d, hour, min, 0, 0, time.UTC))
			}
			state := func(viewer care.Actor) (care.ProviderConsent, *care.FamilyOverview) {
				t.Helper()
				ov, err := w.svc.FamilyView(ctx, viewer, w.fam)
				if err != nil {
					t.Fatal(err)
				}
				for _, pc := range ov.Consents {
					if pc.Member.ID == w.gpNet {
						return pc, ov
					}
				}
				t.Fatal("the GP is not among the consents")
				return care.ProviderConsent{}, nil
			}
			parentRefused := func(granted bool) {
				t.Helper()
				err := w.audited(t, w.record(w.mother, w.fam, "consent", 0, care.ActionUpdate, care.OutcomeFailed), func() error {
					return w.setConsent(t, w.mother, w.gpNet, granted, care.ScopeFile)
				})
				wantCode(t, "a parent's SetConsent from 16", err, care.Forbidden, "consent.child_decides")
			}

			// The day before the 12th birthday: a parent's consent suffices.
			w.consent(t, w.mother, w.gpNet, true, care.ScopeFile)
			w.canView(t, w.gp, true)
			at(2026, 6, 15, 21, 59) // 23:59 in Amsterdam, still eleven
			w.canView(t, w.gp, true)

			// The 12th birthday, from midnight in Amsterdam: the child must agree too.
			at(2026, 6, 15, 22, 0)
			w.canView(t, w.gp, false)
			at(2026, 6, 16, 10, 0)
			w.canView(t, w.gp, false)
			if pc, ov := state(w.mother); ov.Rule != care.RuleChildAndParents || !cmp.Equal(pc.State.Missing, []string{care.GiverChild}) || !ov.MayConsent {
				t.Errorf("at 12: rule %s, missing %v, parent may consent %v", ov.Rule, pc.State.Missing, ov.MayConsent)
			}
			w.consent(t, child, w.gpNet, true, care.ScopeFile)
			w.canView(t, w.gp, true)

			// The day before the 16th birthday: both are still needed.
			at(2030, 6, 15, 10, 0)
			w.canView(t, w.gp, true)
			w.consent(t, w.mother, w.gpNet, false, care.ScopeFile)
			w.canView(t, w.gp, false)
			if pc, _ := state(child); !cmp.Equal(pc.State.Missing, []string{care.GiverParent}) {
				t.Errorf("at 15 after the parent withdrew: missing %v", pc.State.Missing)
			}

			// The 16th birthday: the young person's grant alone counts, and a
			// parent can no longer give or withdraw consent.
			at(2030, 6, 16, 10, 0)
			w.canView(t, w.gp, true)
			parentRefused(true)
			parentRefused(false)
			w.canView(t, w.gp, true)
			if pc, ov := state(w.mother); ov.Rule != care.RuleChild || ov.MayConsent || ov.IsChild || pc.State.Missing != nil {
				t.Errorf("at 16, the parent: rule %s, may consent %v, is child %v, missing %v", ov.Rule, ov.MayConsent, ov.IsChild, pc.State.Missing)
			}
			if _, ov := state(child); !ov.MayConsent || !ov.IsChild {
				t.Errorf("at 16, the child: may consent %v, is child %v", ov.MayConsent, ov.IsChild)
			}

			// 18 is the same as 16.
			at(2032, 6, 16, 10, 0)
			w.canView(t, w.gp, true)
			parentRefused(true)
			w.consent(t, child, w.gpNet, false, care.ScopeFile)
			w.canView(t, w.gp, false)
			w.consent(t, child, w.gpNet, true, care.ScopePlanNetwork)
			if pf := w.canView(t, w.gp, true); pf.Scope != care.ScopePlanNetwork {
				t.Errorf("scope %q, want %q", pf.Scope, care.ScopePlanNetwork)
			}
			verifyIntact(t, w.s)
		})
	}
}

func TestSetConsentRefusals(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			w := newViewWorld(t, db, date(2018, 3, 1))
			tests := []struct {
				name    string
				actor   care.Actor
				net     int64
				scope   string
				outcome string
				code    care.Code
				msg     string
			}{
				{"parent without custody", w.father, w.gpNet, care.ScopeFile, care.OutcomeFailed, care.Forbidden, "consent.no_custody"},
				{"provider of another family", w.mother, w.otherNet, care.ScopeFile, care.OutcomeFailed, care.NotFound, ""},
				{"unknown scope", w.mother, w.gpNet, "everything", care.OutcomeFailed, care.Invalid, ""},
				{"parent of another family", w.otherParent, w.gpNet, care.ScopeFile, care.OutcomeDenied, care.NotFound, missing},
				{"the provider itself", w.gp, w.gpNet, care.ScopeFile, care.OutcomeDenied, care.NotFound, missing},
				{"the case manager", w.cm, w.gpNet, care.ScopeFile, care.OutcomeDenied, care.NotFound, missing},
			}
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					err := w.audited(t, w.record(tt.actor, w.fam, "consent", 0, care.ActionUpdate, tt.outcome), func() error {
						return w.setConsent(t, tt.actor, tt.net, true, tt.scope)
					})
					wantCode(t, "SetConsent", err, tt.code, tt.msg)
				})
			}
			if recs, err := w.s.ConsentRecords(context.Background(), w.fam, 0); err != nil || len(recs) != 0 {
				t.Errorf("refusals left consent records: %+v, %v", recs, err)
			}
			w.canView(t, w.gp, false)
		})
	}
}

func TestFamilyView(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			w := newViewWorld(t, db, date(2018, 3, 1))
			view := func(a care.Actor) *care.FamilyOverview {
				t.Helper()
				var ov *care.FamilyOverview
				err := w.audited(t, w.record(a, w.fam, "family_view", w.fam, care.ActionRead, care.OutcomeSuccess), func() error {
					var err error
					ov, err = w.svc.FamilyView(ctx, a, w.fam)
					return err
				})
				if err != nil {
					t.Fatal(err)
				}
				return ov
			}

			ov := view(w.mother)
			if f := ov.File; f.Family.ChildName != "Daan Hermans" || f.Family.BSN != "" || f.Contacts != nil ||
				len(f.Members) != 2 || len(f.Network) != 2 || len(f.Tasks) != 4 {
				t.Errorf("family view: child %q, BSN %q, %d contacts, %d members, %d network, %d tasks", f.Family.ChildName, f.Family.BSN,
					len(f.Contacts), len(f.Members), len(f.Network), len(f.Tasks))
			}
			if len(file(t, w.s, w.fam).Contacts) != 1 {
				t.Error("the file has no contact to hide")
			}
			wantLink := care.Link{FamilyID: w.fam, AccountID: w.mother.AccountID, Kind: care.LinkParent, MemberID: w.motherMember}
			if ov.Link != wantLink || ov.IsChild || ov.Rule != care.RuleParents || !ov.MayConsent {
				t.Errorf("link %+v, is child %v, rule %s, may consent %v", ov.Link, ov.IsChild, ov.Rule, ov.MayConsent)
			}
			wantConsents := []care.ProviderConsent{
				{Member: ov.File.Network[0], State: care.ConsentState{Rule: care.RuleParents, Missing: []string{care.GiverParent}}},
				{Member: ov.File.Network[1], State: care.ConsentState{Rule: care.RuleParents, Missing: []string{care.GiverParent}}},
			}
			if diff := cmp.Diff(wantConsents, ov.Consents); diff != "" {
				t.Errorf("consents before any (-want +got):\n%s", diff)
			}

			w.consent(t, w.mother, w.gpNet, true, care.ScopePlanNetwork)
			for _, viewer := range []care.Actor{w.mother, w.father} {
				ov = view(viewer)
				for _, pc := range ov.Consents {
					switch pc.Member.ID {
					case w.gpNet:
						if pc.State.Scope != care.ScopePlanNetwork || pc.State.Missing != nil {
							t.Errorf("GP: state %+v", pc.State)
						}
						if mine := viewer == w.mother; (pc.Mine != nil) != mine || mine && (!pc.Mine.Granted || pc.Mine.GivenBy.AccountID != w.mother.AccountID) {
							t.Errorf("GP, seen by %d: own record %+v", viewer.AccountID, pc.Mine)
						}
					case w.physioNet:
						if pc.State.Given() || !cmp.Equal(pc.State.Missing, []string{care.GiverParent}) || pc.Mine != nil {
							t.Errorf("physiotherapist: %+v", pc)
						}
					}
				}
			}

			// Notes and wishes of the family, in their own words.
			last := lastAuditID(t, w.s)
			if err := w.svc.AddFamilyNote(ctx, w.father, w.fam, care.NoteWish, " Daan wil thuis zijn met de hond "); err != nil {
				t.Fatal(err)
			}
			if ov = view(w.mother); len(ov.Notes) != 1 || ov.Notes[0].Body != "Daan wil thuis zijn met de hond" ||
				ov.Notes[0].Kind != care.NoteWish || ov.Notes[0].Author.AccountID != w.father.AccountID {
				t.Errorf("notes %+v", ov.Notes)
			}
			es := auditAfter(t, w.s, last)
			if diff := cmp.Diff(w.record(w.father, w.fam, "note", ov.Notes[0].ID, care.ActionCreate, care.OutcomeSuccess), es[0], ignoreChain); diff != "" {
				t.Errorf("note audit record (-want +got):\n%s", diff)
			}
			for _, tt := range []struct{ kind, body, field string }{
				{care.NoteProvider, "Namens de huisarts", "kind"},
				{"complaint", "Boos", "kind"},
				{care.NoteFamily, " ", "body"},
			} {
				err := w.audited(t, w.record(w.mother, w.fam, "note", 0, care.ActionCreate, care.OutcomeFailed), func() error {
					return w.svc.AddFamilyNote(ctx, w.mother, w.fam, tt.kind, tt.body)
				})
				if !hasField(err, tt.field) {
					t.Errorf("AddFamilyNote(%s, %q) = %v, want an error for %s", tt.kind, tt.body, err, tt.field)
				}
			}

			// Nobody else sees the family view: not another family, not a
			// provider, not even the case manager (who has the whole file).
			for _, a := range []care.Actor{w.otherParent, w.gp, w.stranger, w.cm, w.cm2} {
				err := w.audited(t, w.record(a, w.fam, "family_view", 0, care.ActionRead, care.OutcomeDenied), func() error {
					ov, err := w.svc.FamilyView(ctx, a, w.fam)
					if ov != nil {
						t.Errorf("FamilyView as %d returned the view", a.AccountID)
					}
					return err
				})
				wantCode(t, "FamilyView as "+string(a.Role), err, care.NotFound, missing)
				err = w.audited(t, w.record(a, w.fam, "note", 0, care.ActionCreate, care.OutcomeDenied), func() error {
					return w.svc.AddFamilyNote(ctx, a, w.fam, care.NoteFamily, "Ingebroken")
				})
				wantCode(t, "AddFamilyNote as "+string(a.Role), err, care.NotFound, missing)
			}
			if ov, err := w.svc.FamilyView(ctx, w.otherParent, w.other); err != nil || ov.File.Family.ChildName != "Bram Jansen" {
				t.Errorf("the other parent's own family: %v", err)
			}
			verifyIntact(t, w.s)
		})
	}
}

func TestFamilyTasksAndStop(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			w := newViewWorld(t, db, date(2018, 3, 1))
			complete := func(a care.Actor, task int64, note, outcome string) error {
				t.Helper()
				rec := w.record(a, w.fam, "task", task, care.ActionUpdate, outcome)
				if outcome == care.OutcomeDenied {
					rec.ObjectID = 0
				}
				return w.audited(t, rec, func() error { return w.svc.FamilyCompleteTask(ctx, a, w.fam, task, note) })
			}

			// Only tasks that are the family's own.
			for _, task := range []int64{w.gpTask, w.physioTask, w.cmTask, w.otherTask} {
				wantCode(t, "FamilyCompleteTask of a task not the family's", complete(w.mother, task, "Gedaan", care.OutcomeFailed), care.NotFound, "")
			}
			if err := complete(w.mother, w.familyTask, "", care.OutcomeFailed); !hasField(err, "done_note") {
				t.Errorf("FamilyCompleteTask without a note: %v", err)
			}
			wantCode(t, "FamilyCompleteTask by a provider", complete(w.gp, w.familyTask, "Gedaan", care.OutcomeDenied), care.NotFound, missing)
			wantCode(t, "FamilyCompleteTask by another family", complete(w.otherParent, w.familyTask, "Gedaan", care.OutcomeDenied), care.NotFound, missing)
			if err := complete(w.father, w.familyTask, "Aangemeld voor de groep van maart", care.OutcomeSuccess); err != nil {
				t.Fatal(err)
			}
			wantCode(t, "FamilyCompleteTask twice", complete(w.mother, w.familyTask, "Nogmaals", care.OutcomeFailed), care.NotFound, "")
			for _, k := range file(t, w.s, w.fam).Tasks {
				if done := k.ID == w.familyTask; (k.Status == "done") != done || done && k.DoneBy.AccountID != w.father.AccountID {
					t.Errorf("task %q: %s by %d", k.Title, k.Status, k.DoneBy.AccountID)
				}
			}

			// Stopping: an offered referral is declined, an accepted one ended.
			stop := func(a care.Actor, note, outcome string) error {
				t.Helper()
				rec := w.record(a, w.fam, "episode", 0, care.ActionUpdate, outcome)
				if outcome == care.OutcomeSuccess {
					rec.ObjectID = w.fam
				}
				return w.audited(t, rec, func() error { return w.svc.StopCaseManagement(ctx, a, w.fam, note) })
			}
			wantCode(t, "StopCaseManagement by a provider", stop(w.gp, "Stop", care.OutcomeDenied), care.NotFound, missing)
			wantCode(t, "StopCaseManagement by the case manager", stop(w.cm, "Stop", care.OutcomeDenied), care.NotFound, missing)
			wantCode(t, "StopCaseManagement by another family", stop(w.otherParent, "Stop", care.OutcomeDenied), care.NotFound, missing)
			if e := file(t, w.s, w.fam).Episode; e.Status != "offered" {
				t.Fatalf("episode %s before stopping, want offered", e.Status)
			}
			if err := stop(w.mother, " Liever later, nu eerst rust ", care.OutcomeSuccess); err != nil {
				t.Fatal(err)
			}
			if e := file(t, w.s, w.fam).Episode; e.Status != "declined" || e.StatusNote != "Liever later, nu eerst rust" || !e.StatusDate.Equal(date(2026, 6, 15)) {
				t.Errorf("after stopping an offer: %+v", e)
			}
			accepted := &care.Episode{FamilyID: w.fam, ReferralDate: date(2026, 6, 1), SurpriseQuestion: "no", Status: "accepted", StatusDate: date(2026, 6, 12)}
			if err := w.svc.SaveEpisode(ctx, w.cm, accepted); err != nil {
				t.Fatal(err)
			}
			// Stopping follows the rule of consent: not the father, who has
			// no custody, nor the child of eight; the mother may.
			wantCode(t, "StopCaseManagement by a parent without custody", stop(w.father, "Stop", care.OutcomeFailed), care.Forbidden, "familyview.stop_no_custody")
			child := w.linkChild(t)
			wantCode(t, "StopCaseManagement by a child under 12", stop(child, "Stop", care.OutcomeFailed), care.Forbidden, "familyview.stop_parents_decide")
			if e := file(t, w.s, w.fam).Episode; e.Status != "accepted" {
				t.Fatalf("episode %s after refused stops, want accepted", e.Status)
			}
			if err := stop(w.mother, "We redden het zelf", care.OutcomeSuccess); err != nil {
				t.Fatal(err)
			}
			if e := file(t, w.s, w.fam).Episode; e.Status != "ended" || e.StatusNote != "We redden het zelf" || !e.ReferralDate.Equal(accepted.ReferralDate) {
				t.Errorf("after stopping accepted case management: %+v", e)
			}
			if err := stop(w.mother, strings.Repeat("x", care.MaxText+1), care.OutcomeFailed); !hasField(err, "status_note") {
				t.Errorf("StopCaseManagement with an overlong note: %v", err)
			}
			verifyIntact(t, w.s)
		})
	}
}

// TestStopFromSixteen: from 16 the young person decides alone, so the
// parent with custody can no longer stop case management, and the young
// person can.
func TestStopFromSixteen(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			w := newViewWorld(t, db, date(2009, 3, 1))
			child := w.linkChild(t)
			err := w.svc.StopCaseManagement(ctx, w.mother, w.fam, "")
			wantCode(t, "StopCaseManagement by a parent of a 17-year-old", err, care.Forbidden, "familyview.stop_child_decides")
			var in *care.InvalidInput
			if !errors.As(err, &in) || in.Overview == nil || in.Overview.StopRule != "familyview.stop_child_decides" {
				t.Errorf("the refusal brings no page that says why: %v", err)
			}
			if ov, err := w.svc.FamilyView(ctx, child, w.fam); err != nil || ov.StopRule != "" {
				t.Fatalf("the young person's view: %v, %v", ov, err)
			}
			if err := w.svc.StopCaseManagement(ctx, child, w.fam, "Ik wil het zelf doen"); err != nil {
				t.Fatal(err)
			}
			if e := file(t, w.s, w.fam).Episode; e.Status != "declined" || e.StatusNote != "Ik wil het zelf doen" {
				t.Errorf("after the young person declined: %+v", e)
			}
		})
	}
}

func TestAccessLog(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			w := newViewWorld(t, db, date(2018, 3, 1))
			earlier := now.Add(-10 * 24 * time.Hour)
			w.clock.Set(earlier)
			w.consent(t, w.mother, w.gpNet, true, care.ScopeFile)
			w.canView(t, w.gp, true)
			w.clock.Set(now)
			w.canView(t, w.gp, true)
			w.canView(t, w.stranger, false)

			read := func(a care.Actor, from, to time.Time) []care.AccessEntry {
				t.Helper()
				var log []care.AccessEntry
				err := w.audited(t, w.record(a, w.fam, "access_log", w.fam, care.ActionRead, care.OutcomeSuccess), func() error {
					var err error
					log, err = w.svc.AccessLog(ctx, a, w.fam, from, to)
					return err
				})
				if err != nil {
					t.Fatal(err)
				}
				return log
			}
			by := func(log []care.AccessEntry, name string) []care.AccessEntry {
				var out []care.AccessEntry
				for _, e := range log {
					if e.ActorName == name {
						out = append(out, e)
					}
				}
				return out
			}
			visit := func(at time.Time) care.AccessEntry {
				return care.AccessEntry{At: at.UTC().Truncate(time.Microsecond), ActorName: "Test huisarts@example.org", Organisation: "KCT Test",
					Role: care.RoleProvider, ObjectType: "provider_view", Action: care.ActionRead, Outcome: care.OutcomeSuccess}
			}

			month := read(w.cm, now.AddDate(0, 0, -30), now.Add(time.Second))
			if diff := cmp.Diff([]care.AccessEntry{visit(now), visit(earlier)}, by(month, "Test huisarts@example.org")); diff != "" {
				t.Errorf("the GP's visits, newest first (-want +got):\n%s", diff)
			}
			if got := by(month, "Test vreemde@example.org"); len(got) != 1 || got[0].Outcome != care.OutcomeDenied {
				t.Errorf("the refused look: %+v", got)
			}
			if diff := cmp.Diff([]care.AccessEntry{visit(now)}, by(read(w.cm, now.Add(-time.Hour), now.Add(time.Second)), "Test huisarts@example.org")); diff != "" {
				t.Errorf("today (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff([]care.AccessEntry{visit(earlier)}, by(read(w.mother, earlier.Add(-time.Hour), earlier.Add(time.Hour)), "Test huisarts@example.org")); diff != "" {
				t.Errorf("ten days ago, as the parent (-want +got):\n%s", diff)
			}
			// The end is exclusive: a visit at exactly to is not in the period.
			if got := by(read(w.cm, earlier.Add(time.Hour), now.Truncate(time.Microsecond)), "Test huisarts@example.org"); len(got) != 0 {
				t.Errorf("between the visits: %+v", got)
			}

			// Reading the log is on the log too.
			log := read(w.father, now.Add(-time.Minute), now.Add(time.Minute))
			reads := 0
			for _, e := range log {
				if e.ObjectType == "access_log" {
					reads++
					if e.Outcome != care.OutcomeSuccess || e.Action != care.ActionRead {
						t.Errorf("access log entry %+v", e)
					}
				}
			}
			if reads != 4 { // three by the case manager, one by the mother; the father's own is recorded after it
				t.Errorf("%d reads of the access log on the log, want 4", reads)
			}

			for _, a := range []care.Actor{w.gp, w.stranger, w.cm2, w.otherParent} {
				err := w.audited(t, w.record(a, w.fam, "access_log", 0, care.ActionRead, care.OutcomeDenied), func() error {
					log, err := w.svc.AccessLog(ctx, a, w.fam, now.AddDate(0, 0, -30), now)
					if log != nil {
						t.Errorf("AccessLog as %d returned %d entries", a.AccountID, len(log))
					}
					return err
				})
				wantCode(t, "AccessLog as "+string(a.Role), err, care.NotFound, missing)
			}
			verifyIntact(t, w.s)
		})
	}
}

func TestInvitations(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			w := newViewWorld(t, db, date(2014, 6, 16)) // twelve tomorrow
			invite := func(a care.Actor, inv care.Invitation, outcome string) (string, *care.Invitation, error) {
				t.Helper()
				last := lastAuditID(t, w.s)
				token, err := w.svc.CreateInvitation(ctx, a, &inv)
				rec := w.record(a, w.fam, "invitation", inv.ID, care.ActionCreate, outcome)
				oneAudit(t, w.s, last, rec)
				if (token != "") != (err == nil) {
					t.Errorf("CreateInvitation = %q, %v", token, err)
				}
				return token, &inv, err
			}
			parentInv := care.Invitation{FamilyID: w.fam, Kind: care.LinkParent, MemberID: w.fatherMember, Email: " Rob.Hermans@Example.ORG ", Name: "Rob Hermans"}
			providerInv := care.Invitation{FamilyID: w.fam, Kind: care.LinkProvider, NetworkMemberID: w.physioNet, Email: "fenna@example.org", Name: physioName}
			childInv := care.Invitation{FamilyID: w.fam, Kind: care.LinkChild, Email: "daan@example.org", Name: "Daan Hermans"}

			// Who may invite: the assigned case manager only.
			for _, a := range []care.Actor{w.cm2, w.mother, w.gp} {
				_, _, err := invite(a, parentInv, care.OutcomeDenied)
				wantCode(t, "CreateInvitation as "+string(a.Role), err, care.NotFound, missing)
			}
			// What may be invited.
			for _, tt := range []struct {
				name  string
				edit  func(*care.Invitation)
				field string
				msg   string
			}{
				{"no family member", func(i *care.Invitation) { i.MemberID = 0 }, "member", "field.choose"},
				{"a network member of another family", func(i *care.Invitation) {
					i.Kind, i.MemberID, i.NetworkMemberID = care.LinkProvider, 0, w.otherNet
				}, "network_member", "field.choose"},
				{"an unknown kind", func(i *care.Invitation) { i.Kind = "grandparent" }, "kind", "field.choose"},
				{"a bad address", func(i *care.Invitation) { i.Email = "rob@" }, "email", ""},
				{"no name", func(i *care.Invitation) { i.Name = " " }, "name", "field.required"},
				{"the child at eleven", func(i *care.Invitation) { *i = childInv }, "kind", "invitation.child_too_young"},
			} {
				inv := parentInv
				tt.edit(&inv)
				_, _, err := invite(w.cm, inv, care.OutcomeFailed)
				var fe care.FieldErrors
				if !errors.As(err, &fe) || !fe.Has(tt.field) || tt.msg != "" && fe[tt.field] != tt.msg {
					t.Errorf("%s: %v, want %s for %s", tt.name, err, tt.msg, tt.field)
				}
			}

			// A parent's invitation, used once.
			token, inv, err := invite(w.cm, parentInv, care.OutcomeSuccess)
			if err != nil {
				t.Fatal(err)
			}
			if inv.Email != "rob.hermans@example.org" || inv.CreatedBy != w.cm.AccountID || !inv.ExpiresAt.Equal(now.UTC().Add(care.InvitationValidity)) {
				t.Errorf("invitation %+v", inv)
			}
			last := lastAuditID(t, w.s)
			got, err := w.svc.InvitationForToken(ctx, token)
			if err != nil || got.ID != inv.ID || got.Name != "Rob Hermans" || got.Kind != care.LinkParent || got.MemberID != w.fatherMember {
				t.Fatalf("InvitationForToken = %+v, %v", got, err)
			}
			if n := len(auditAfter(t, w.s, last)); n != 0 {
				t.Errorf("looking up a token (before any login) left %d audit records", n)
			}
			if _, err := w.svc.AcceptInvitation(ctx, token, "kort", accessPoint); care.ErrorCode(err) != care.Invalid {
				t.Errorf("AcceptInvitation with a short password: %v, want Invalid", err)
			}
			rob := w.accept(t, token, care.RoleFamily, inv.ID)
			if a, err := w.s.AccountByID(ctx, rob.AccountID); err != nil ||
				a.Email != "rob.hermans@example.org" || a.Name != "Rob Hermans" || a.Role != care.RoleFamily || a.OrganisationID != w.org {
				t.Errorf("the account the invitation made: %+v, %v", a, err)
			}
			if l, err := w.s.LinkOf(ctx, rob.AccountID, w.fam); err != nil || l == nil ||
				*l != (care.Link{FamilyID: w.fam, AccountID: rob.AccountID, Kind: care.LinkParent, MemberID: w.fatherMember}) {
				t.Errorf("link after accepting: %+v, %v", l, err)
			}
			if _, err := w.svc.FamilyView(ctx, rob, w.fam); err != nil {
				t.Errorf("the new parent cannot see the family: %v", err)
			}
			other := newAccount(t, w.s, w.org, care.RoleFamily, "nog.iemand@example.org")
			if _, err := w.svc.AcceptInvitation(ctx, token, "een heel lang wachtwoord", accessPoint); !errors.Is(err, care.ErrInvitationUsed) {
				t.Errorf("second AcceptInvitation: %v, want ErrInvitationUsed", err)
			}
			if _, err := w.svc.InvitationForToken(ctx, token); !errors.Is(err, care.ErrInvitationUsed) {
				t.Errorf("InvitationForToken after use: %v, want ErrInvitationUsed", err)
			}
			if l, _ := w.s.LinkOf(ctx, other.AccountID, w.fam); l != nil {
				t.Errorf("a used invitation linked another account: %+v", l)
			}

			// Unknown and tampered tokens.
			flip := "A"
			if strings.HasSuffix(token, "A") {
				flip = "B"
			}
			for _, bad := range []string{"", token[:len(token)-1] + flip, token + "A", strings.ToLower(token), strings.Repeat("A", 101)} {
				if _, err := w.svc.InvitationForToken(ctx, bad); !errors.Is(err, care.ErrInvitationUnknown) {
					t.Errorf("InvitationForToken(%q): %v, want ErrInvitationUnknown", bad, err)
				}
				if _, err := w.svc.AcceptInvitation(ctx, bad, "een heel lang wachtwoord", accessPoint); !errors.Is(err, care.ErrInvitationUnknown) {
					t.Errorf("AcceptInvitation(%q): %v, want ErrInvitationUnknown", bad, err)
				}
			}

			// A provider's invitation works for seven days, not a moment longer.
			token, _, err = invite(w.cm, providerInv, care.OutcomeSuccess)
			if err != nil {
				t.Fatal(err)
			}
			w.clock.Set(now.Add(care.InvitationValidity - time.Second))
			if _, err := w.svc.InvitationForToken(ctx, token); err != nil {
				t.Errorf("a second before expiry: %v", err)
			}
			w.clock.Set(now.Add(care.InvitationValidity))
			if _, err := w.svc.InvitationForToken(ctx, token); !errors.Is(err, care.ErrInvitationExpired) {
				t.Errorf("InvitationForToken at expiry: %v, want ErrInvitationExpired", err)
			}
			if _, err := w.svc.AcceptInvitation(ctx, token, "een heel lang wachtwoord", accessPoint); !errors.Is(err, care.ErrInvitationExpired) {
				t.Errorf("AcceptInvitation at expiry: %v, want ErrInvitationExpired", err)
			}
			if _, err := w.s.AccountByEmail(ctx, "fenna@example.org"); care.ErrorCode(err) != care.NotFound {
				t.Errorf("an expired invitation made an account: %v", err)
			}
			// A fresh one, accepted in time, links the provider, who still
			// needs consent to see anything. The child is twelve by now.
			token, inv, err = invite(w.cm, providerInv, care.OutcomeSuccess)
			if err != nil {
				t.Fatal(err)
			}
			fenna := w.accept(t, token, care.RoleProvider, inv.ID)
			w.canView(t, fenna, false)

			// From 12 the child can be invited.
			token, _, err = invite(w.cm, childInv, care.OutcomeSuccess)
			if err != nil {
				t.Fatal(err)
			}
			daan, err := w.svc.AcceptInvitation(ctx, token, "een heel lang wachtwoord", accessPoint)
			if err != nil {
				t.Fatal(err)
			}
			daanActor := care.Actor{AccountID: daan, Role: care.RoleFamily, OrganisationID: w.org, AccessPoint: accessPoint}
			if ov, err := w.svc.FamilyView(ctx, daanActor, w.fam); err != nil || !ov.IsChild || ov.Link.MemberID != 0 {
				t.Errorf("the child's view: %+v, %v", ov, err)
			}
			verifyIntact(t, w.s)
		})
	}
}
