package care_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store"
	"github.com/spil-zorg/spil/internal/store/storetest"
)

// now is the Service's clock: a summer morning, with nanoseconds the audit
// trail does not keep.
var now = time.Date(2026, 6, 15, 10, 0, 0, 123456789, time.UTC)

func date(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

const accessPoint = "192.0.2.10"

// fixture is one organisation with a case manager assigned to one family,
// a second case manager assigned to another, and an account of every other
// role.
type fixture struct {
	s          *store.Store
	svc        *care.Service
	org        int64
	cm, cm2    care.Actor // cm2 is a case manager not assigned to fam
	roles      map[care.Role]care.Actor
	fam, other int64 // fam is cm's family, other is cm2's
	network    int64 // a network member of fam
	task       int64 // an open task of fam
	otherNet   int64 // a network member of other
	otherTask  int64 // an open task of other
}

func newAccount(t testing.TB, s *store.Store, org int64, role care.Role, email string) care.Actor {
	t.Helper()
	a := &auth.Account{OrganisationID: org, Email: email, Name: "Test " + email, Role: role, PasswordHash: "h", CreatedAt: now}
	if err := s.CreateAccount(context.Background(), a); err != nil {
		t.Fatalf("CreateAccount: %v", err)
	}
	return care.Actor{AccountID: a.ID, Role: role, OrganisationID: org, AccessPoint: accessPoint}
}

func intake(name string, birth time.Time) care.Intake {
	return care.Intake{
		Family:  care.Family{ChildName: name, BirthDate: birth, Sex: "female", Intensity: care.Regular},
		Episode: care.Episode{ReferralDate: date(2026, 6, 1), SurpriseQuestion: "unknown", Status: "offered", StatusDate: date(2026, 6, 1)},
		Kind:    "kct",
	}
}

func setup(t *testing.T, db storetest.DB) *fixture {
	t.Helper()
	ctx := context.Background()
	s := db.Open(t)
	org, err := s.CreateOrganisation(ctx, "KCT Test", now)
	if err != nil {
		t.Fatal(err)
	}
	fx := &fixture{s: s, svc: care.NewService(s, func() time.Time { return now }), org: org, roles: map[care.Role]care.Actor{}}
	fx.cm = newAccount(t, s, org, care.RoleCaseManager, "cm@example.org")
	fx.cm2 = newAccount(t, s, org, care.RoleCaseManager, "cm2@example.org")
	for _, r := range []care.Role{care.RoleAdmin, care.RoleProvider, care.RoleFamily, care.RoleCoordinator} {
		fx.roles[r] = newAccount(t, s, org, r, string(r)+"@example.org")
	}
	fx.fam = mustCreate(t, fx, fx.cm, intake("Sanne de Vries", date(2019, 4, 2)))
	fx.other = mustCreate(t, fx, fx.cm2, intake("Bram Jansen", date(2017, 9, 9)))
	fx.network, fx.task = addNetworkAndTask(t, fx, fx.cm, fx.fam)
	fx.otherNet, fx.otherTask = addNetworkAndTask(t, fx, fx.cm2, fx.other)
	return fx
}

func mustCreate(t *testing.T, fx *fixture, actor care.Actor, in care.Intake) int64 {
	t.Helper()
	id, err := fx.svc.CreateFamily(context.Background(), actor, in)
	if err != nil || id == 0 {
		t.Fatalf("CreateFamily(%s) = %d, %v", in.Family.ChildName, id, err)
	}
	return id
}

func addNetworkAndTask(t *testing.T, fx *fixture, actor care.Actor, fam int64) (network, task int64) {
	t.Helper()
	ctx := context.Background()
	n := &care.NetworkMember{FamilyID: fam, Name: "Dr. Bakker", Role: "gp", Line: 1}
	if err := fx.svc.SaveNetworkMember(ctx, actor, n); err != nil {
		t.Fatal(err)
	}
	k := &care.Task{FamilyID: fam, Title: "Huisarts bellen", OwnerKind: "casemanager"}
	if err := fx.svc.CreateTask(ctx, actor, k); err != nil {
		t.Fatal(err)
	}
	return n.ID, k.ID
}

// lastAuditID is the id of the newest audit record, 0 when there is none.
func lastAuditID(t *testing.T, s *store.Store) int64 {
	t.Helper()
	es := auditAfter(t, s, 0)
	if len(es) == 0 {
		return 0
	}
	return es[len(es)-1].ID
}

func auditAfter(t *testing.T, s *store.Store, after int64) []care.AuditEvent {
	t.Helper()
	es, err := s.AuditEvents(context.Background(), after, 100000)
	if err != nil {
		t.Fatal(err)
	}
	return es
}

var ignoreChain = cmpopts.IgnoreFields(care.AuditEvent{}, "ID", "PrevHash", "Hash")

// oneAudit checks that exactly one record was written since after, and that
// it is want.
func oneAudit(t *testing.T, s *store.Store, after int64, want care.AuditEvent) {
	t.Helper()
	es := auditAfter(t, s, after)
	if len(es) != 1 {
		t.Fatalf("%d audit records written, want 1: %+v", len(es), es)
	}
	if diff := cmp.Diff(want, es[0], ignoreChain); diff != "" {
		t.Errorf("audit record (-want +got):\n%s", diff)
	}
	if es[0].Hash != es[0].ComputeHash() {
		t.Error("the record's hash does not match its content")
	}
}

func success(actor care.Actor, familyID int64, object string, objectID int64, action care.Action) care.AuditEvent {
	return care.AuditEvent{At: now.Truncate(time.Microsecond), ActorID: actor.AccountID, ActorRole: actor.Role, FamilyID: familyID,
		ObjectType: object, ObjectID: objectID, Action: action, Outcome: care.OutcomeSuccess, AccessPoint: accessPoint,
		Authorised: true, Relationship: true}
}

func denied(actor care.Actor, familyID int64, object string, action care.Action) care.AuditEvent {
	return care.AuditEvent{At: now.Truncate(time.Microsecond), ActorID: actor.AccountID, ActorRole: actor.Role, FamilyID: familyID,
		ObjectType: object, Action: action, Outcome: care.OutcomeDenied, AccessPoint: accessPoint}
}

func file(t *testing.T, s *store.Store, id int64) *care.File {
	t.Helper()
	f, err := s.FamilyFile(context.Background(), id, 0)
	if err != nil {
		t.Fatalf("FamilyFile(%d): %v", id, err)
	}
	return f
}

func verifyIntact(t *testing.T, s *store.Store) {
	t.Helper()
	if n, brk, err := s.VerifyAudit(context.Background()); brk != nil || err != nil {
		t.Errorf("VerifyAudit after %d records: %+v, %v", n, brk, err)
	}
}

// TestServiceAuditsEverySuccess runs every Service method once as the
// assigned case manager: each leaves one audit record saying who did what
// to which object of which family, on what grounds.
func TestServiceAuditsEverySuccess(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			fx := setup(t, db)
			cm := fx.cm
			var fam int64
			var net, task int64
			steps := []struct {
				name string
				do   func(t *testing.T) care.AuditEvent
			}{
				{"CreateFamily", func(t *testing.T) care.AuditEvent {
					in := intake("Lotte Bakker", date(2020, 2, 2))
					in.Kind = "thuis"
					id, err := fx.svc.CreateFamily(ctx, cm, in)
					if err != nil {
						t.Fatal(err)
					}
					fam = id
					f := file(t, fx.s, id)
					if f.Family.OrganisationID != fx.org || f.CaseManagers.Thuis.AccountID != cm.AccountID || f.Episode == nil {
						t.Errorf("new file: organisation %d, case managers %+v, episode %v", f.Family.OrganisationID, f.CaseManagers, f.Episode)
					}
					return success(cm, id, "family", id, care.ActionCreate)
				}},
				{"File", func(t *testing.T) care.AuditEvent {
					f, err := fx.svc.File(ctx, cm, fam)
					if err != nil || f.Family.ChildName != "Lotte Bakker" {
						t.Fatalf("File = %+v, %v", f, err)
					}
					return success(cm, fam, "family", fam, care.ActionRead)
				}},
				{"UpdateFamily", func(t *testing.T) care.AuditEvent {
					f := file(t, fx.s, fam).Family
					f.Summary = "Bijgewerkt"
					if err := fx.svc.UpdateFamily(ctx, cm, f.ID, care.EditOf(&f)); err != nil {
						t.Fatal(err)
					}
					if got := file(t, fx.s, fam).Family; got.Summary != "Bijgewerkt" || !got.UpdatedAt.Truncate(time.Microsecond).Equal(now.Truncate(time.Microsecond)) {
						t.Errorf("after UpdateFamily: summary %q, updated %v", got.Summary, got.UpdatedAt)
					}
					return success(cm, fam, "family", fam, care.ActionUpdate)
				}},
				{"AddMember", func(t *testing.T) care.AuditEvent {
					m := &care.Member{FamilyID: fam, Kind: "parent", Name: "Eva Bakker"}
					if err := fx.svc.AddMember(ctx, cm, m); err != nil || m.ID == 0 {
						t.Fatalf("AddMember: id %d, %v", m.ID, err)
					}
					return success(cm, fam, "member", m.ID, care.ActionCreate)
				}},
				{"SaveNetworkMember new", func(t *testing.T) care.AuditEvent {
					n := &care.NetworkMember{FamilyID: fam, Name: "Thuiszorg", Role: "homecare", Line: 1}
					if err := fx.svc.SaveNetworkMember(ctx, cm, n); err != nil || n.ID == 0 {
						t.Fatalf("SaveNetworkMember: id %d, %v", n.ID, err)
					}
					net = n.ID
					return success(cm, fam, "network_member", n.ID, care.ActionCreate)
				}},
				{"SaveNetworkMember update", func(t *testing.T) care.AuditEvent {
					n := &care.NetworkMember{ID: net, FamilyID: fam, Name: "Thuiszorg Oost", Role: "homecare", Line: 1}
					if err := fx.svc.SaveNetworkMember(ctx, cm, n); err != nil {
						t.Fatal(err)
					}
					if got := file(t, fx.s, fam).Network; len(got) != 1 || got[0].Name != "Thuiszorg Oost" {
						t.Errorf("network after update: %+v", got)
					}
					return success(cm, fam, "network_member", net, care.ActionUpdate)
				}},
				{"DeleteNetworkMember", func(t *testing.T) care.AuditEvent {
					if err := fx.svc.DeleteNetworkMember(ctx, cm, fam, net); err != nil {
						t.Fatal(err)
					}
					if got := file(t, fx.s, fam).Network; len(got) != 0 {
						t.Errorf("network after delete: %+v", got)
					}
					return success(cm, fam, "network_member", net, care.ActionDelete)
				}},
				{"ChangeIntensity", func(t *testing.T) care.AuditEvent {
					c := &care.IntensityChange{FamilyID: fam, Intensity: care.Intensive, NextContact: date(2026, 6, 20), Reason: "Achteruitgang"}
					if err := fx.svc.ChangeIntensity(ctx, cm, c); err != nil || c.ID == 0 {
						t.Fatalf("ChangeIntensity: id %d, %v", c.ID, err)
					}
					f := file(t, fx.s, fam)
					if f.Family.Intensity != care.Intensive || f.Intensity[0].ChangedBy.AccountID != cm.AccountID {
						t.Errorf("after ChangeIntensity: intensity %s, changes %+v", f.Family.Intensity, f.Intensity)
					}
					return success(cm, fam, "intensity", c.ID, care.ActionCreate)
				}},
				{"AddContact", func(t *testing.T) care.AuditEvent {
					c := &care.Contact{FamilyID: fam, Date: date(2026, 6, 15), Kind: "phone", With: "parent", DurationMin: 20}
					if err := fx.svc.AddContact(ctx, cm, c); err != nil || c.ID == 0 {
						t.Fatalf("AddContact: id %d, %v", c.ID, err)
					}
					if got := file(t, fx.s, fam).Contacts; len(got) != 1 || got[0].CreatedBy.AccountID != cm.AccountID {
						t.Errorf("contacts: %+v", got)
					}
					return success(cm, fam, "contact", c.ID, care.ActionCreate)
				}},
				{"CreateTask", func(t *testing.T) care.AuditEvent {
					k := &care.Task{FamilyID: fam, Title: "Tillift", OwnerKind: "network", DueDate: date(2026, 7, 1)}
					if err := fx.svc.CreateTask(ctx, cm, k); err != nil || k.ID == 0 {
						t.Fatalf("CreateTask: id %d, %v", k.ID, err)
					}
					task = k.ID
					return success(cm, fam, "task", k.ID, care.ActionCreate)
				}},
				{"CompleteTask", func(t *testing.T) care.AuditEvent {
					if err := fx.svc.CompleteTask(ctx, cm, care.ViewCaseFile, fam, task, "  Aangevraagd  "); err != nil {
						t.Fatal(err)
					}
					got := file(t, fx.s, fam).Tasks
					if len(got) != 1 || got[0].Status != "done" || got[0].DoneNote != "Aangevraagd" || got[0].DoneBy.AccountID != cm.AccountID {
						t.Errorf("tasks: %+v", got)
					}
					return success(cm, fam, "task", task, care.ActionUpdate)
				}},
				{"SaveEpisode", func(t *testing.T) care.AuditEvent {
					e := &care.Episode{FamilyID: fam, ReferralDate: date(2026, 6, 1), SurpriseQuestion: "no", Status: "accepted", StatusDate: date(2026, 6, 10)}
					if err := fx.svc.SaveEpisode(ctx, cm, e); err != nil {
						t.Fatal(err)
					}
					if got := file(t, fx.s, fam).Episode; got == nil || got.Status != "accepted" {
						t.Errorf("episode: %+v", got)
					}
					return success(cm, fam, "episode", fam, care.ActionUpdate)
				}},
				{"AssignCaseManager", func(t *testing.T) care.AuditEvent {
					if _, err := fx.svc.AssignCaseManager(ctx, cm, fam, "kct", fx.cm2.AccountID); err != nil {
						t.Fatal(err)
					}
					if rel, _ := fx.s.Relationship(ctx, fx.cm2.AccountID, fam); !rel.CaseManager {
						t.Error("the assigned case manager has no relationship")
					}
					return success(cm, fam, "case_manager", fx.cm2.AccountID, care.ActionUpdate)
				}},
				{"Caseload", func(t *testing.T) care.AuditEvent {
					items, err := fx.svc.Caseload(ctx, cm, "", "name")
					if err != nil {
						t.Fatal(err)
					}
					var names []string
					for _, it := range items {
						names = append(names, it.ChildName)
					}
					if diff := cmp.Diff([]string{"Lotte Bakker", "Sanne de Vries"}, names); diff != "" {
						t.Errorf("caseload (-want +got):\n%s", diff)
					}
					return success(cm, 0, "caseload", 0, care.ActionSearch)
				}},
				{"Caseload with a query", func(t *testing.T) care.AuditEvent {
					items, err := fx.svc.Caseload(ctx, cm, " SANNE ", "next")
					if err != nil || len(items) != 1 || items[0].FamilyID != fx.fam {
						t.Fatalf("Caseload(sanne) = %+v, %v", items, err)
					}
					return success(cm, 0, "caseload", 0, care.ActionSearch)
				}},
				{"RecordLogin success", func(t *testing.T) care.AuditEvent {
					if err := fx.svc.RecordLogin(ctx, cm.AccountID, cm.Role, accessPoint, care.OutcomeSuccess); err != nil {
						t.Fatal(err)
					}
					e := success(cm, 0, "session", 0, care.ActionLogin)
					e.Relationship = false
					return e
				}},
				{"RecordLogin failed, unknown address", func(t *testing.T) care.AuditEvent {
					if err := fx.svc.RecordLogin(ctx, 0, "", accessPoint, care.OutcomeFailed); err != nil {
						t.Fatal(err)
					}
					return care.AuditEvent{At: now.Truncate(time.Microsecond), ObjectType: "session", Action: care.ActionLogin,
						Outcome: care.OutcomeFailed, AccessPoint: accessPoint}
				}},
			}
			for _, st := range steps {
				t.Run(st.name, func(t *testing.T) {
					before := lastAuditID(t, fx.s)
					want := st.do(t)
					oneAudit(t, fx.s, before, want)
				})
			}
			verifyIntact(t, fx.s)

			// Listing colleagues is no access to a family.
			people, err := fx.svc.CaseManagers(ctx, cm)
			if err != nil || len(people) != 2 {
				t.Errorf("CaseManagers = %+v, %v; want the two case managers", people, err)
			}
		})
	}
}

// familyOps are the Service methods on one family, each called by actor on
// fx.fam with valid input.
func familyOps(ctx context.Context, fx *fixture) []struct {
	name   string
	object string
	action care.Action
	call   func(a care.Actor) error
} {
	return []struct {
		name   string
		object string
		action care.Action
		call   func(a care.Actor) error
	}{
		{"File", "family", care.ActionRead, func(a care.Actor) error {
			f, err := fx.svc.File(ctx, a, fx.fam)
			if f != nil {
				return fmt.Errorf("File returned the file of %s", f.Family.ChildName)
			}
			return err
		}},
		{"UpdateFamily", "family", care.ActionUpdate, func(a care.Actor) error {
			f := care.Family{ID: fx.fam, ChildName: "Overschreven", BirthDate: date(2019, 4, 2), Sex: "male", Intensity: care.Regular}
			return fx.svc.UpdateFamily(ctx, a, f.ID, care.EditOf(&f))
		}},
		{"AddMember", "member", care.ActionCreate, func(a care.Actor) error {
			return fx.svc.AddMember(ctx, a, &care.Member{FamilyID: fx.fam, Kind: "other", Name: "Indringer"})
		}},
		{"SaveNetworkMember new", "network_member", care.ActionCreate, func(a care.Actor) error {
			return fx.svc.SaveNetworkMember(ctx, a, &care.NetworkMember{FamilyID: fx.fam, Name: "Indringer", Role: "other"})
		}},
		{"SaveNetworkMember update", "network_member", care.ActionUpdate, func(a care.Actor) error {
			return fx.svc.SaveNetworkMember(ctx, a, &care.NetworkMember{ID: fx.network, FamilyID: fx.fam, Name: "Indringer", Role: "other"})
		}},
		{"DeleteNetworkMember", "network_member", care.ActionDelete, func(a care.Actor) error {
			return fx.svc.DeleteNetworkMember(ctx, a, fx.fam, fx.network)
		}},
		{"ChangeIntensity", "intensity", care.ActionCreate, func(a care.Actor) error {
			return fx.svc.ChangeIntensity(ctx, a, &care.IntensityChange{FamilyID: fx.fam, Intensity: care.Waakvlam, Reason: "x"})
		}},
		{"AddContact", "contact", care.ActionCreate, func(a care.Actor) error {
			return fx.svc.AddContact(ctx, a, &care.Contact{FamilyID: fx.fam, Date: date(2026, 6, 1), Kind: "phone", With: "parent"})
		}},
		{"CreateTask", "task", care.ActionCreate, func(a care.Actor) error {
			return fx.svc.CreateTask(ctx, a, &care.Task{FamilyID: fx.fam, Title: "x", OwnerKind: "family"})
		}},
		{"CompleteTask", "task", care.ActionUpdate, func(a care.Actor) error {
			return fx.svc.CompleteTask(ctx, a, care.ViewCaseFile, fx.fam, fx.task, "Gedaan")
		}},
		{"TaskForm", "task", care.ActionRead, func(a care.Actor) error {
			_, err := fx.svc.TaskForm(ctx, a, fx.fam, fx.task)
			return err
		}},
		{"ReassignTask", "task", care.ActionUpdate, func(a care.Actor) error {
			return fx.svc.ReassignTask(ctx, a, fx.fam, fx.task, care.TaskOwner{Kind: care.OwnerNetwork, ID: fx.network}, date(2026, 7, 1))
		}},
		{"AddContactWithTask", "contact", care.ActionCreate, func(a care.Actor) error {
			return fx.svc.AddContactWithTask(ctx, a, &care.Contact{FamilyID: fx.fam, Date: date(2026, 6, 1), Kind: "phone", With: "parent"},
				&care.Task{Title: "x", Pick: care.TaskOwner{Kind: care.OwnerFamily}})
		}},
		{"SaveEpisode", "episode", care.ActionUpdate, func(a care.Actor) error {
			return fx.svc.SaveEpisode(ctx, a, &care.Episode{FamilyID: fx.fam, ReferralDate: date(2026, 6, 1), SurpriseQuestion: "yes",
				Status: "ended", StatusDate: date(2026, 6, 1)})
		}},
		{"AssignCaseManager", "case_manager", care.ActionUpdate, func(a care.Actor) error {
			_, err := fx.svc.AssignCaseManager(ctx, a, fx.fam, "thuis", fx.cm2.AccountID)
			return err
		}},
	}
}

// TestServiceRefusesWithoutRelationship calls every method on a family as
// every actor without a care relationship: each sees NotFound, one denied
// record is written, and the family is unchanged.
func TestServiceRefusesWithoutRelationship(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			fx := setup(t, db)
			actors := map[string]care.Actor{"unassigned casemanager": fx.cm2}
			for r, a := range fx.roles {
				actors[string(r)] = a
			}
			// Another organisation's case manager.
			org2, err := fx.s.CreateOrganisation(ctx, "Elders", now)
			if err != nil {
				t.Fatal(err)
			}
			actors["casemanager elsewhere"] = newAccount(t, fx.s, org2, care.RoleCaseManager, "elders@example.org")

			before := file(t, fx.s, fx.fam)
			count, _ := fx.s.FamilyCount(ctx, fx.org)
			_, missingErr := fx.svc.File(ctx, fx.cm, 987654)
			if care.ErrorCode(missingErr) != care.NotFound {
				t.Fatalf("File of a missing family: %v, want NotFound", missingErr)
			}
			for name, actor := range actors {
				for _, op := range familyOps(ctx, fx) {
					t.Run(name+"/"+op.name, func(t *testing.T) {
						last := lastAuditID(t, fx.s)
						err := op.call(actor)
						if care.ErrorCode(err) != care.NotFound {
							t.Fatalf("error %v, want NotFound", err)
						}
						if err.Error() != missingErr.Error() {
							t.Errorf("refusal %q differs from a missing family %q", err, missingErr)
						}
						oneAudit(t, fx.s, last, denied(actor, fx.fam, op.object, op.action))
						if diff := cmp.Diff(before, file(t, fx.s, fx.fam)); diff != "" {
							t.Errorf("the family changed (-before +after):\n%s", diff)
						}
					})
				}
				if actor.Role == care.RoleCaseManager {
					continue
				}
				t.Run(name+"/CreateFamily", func(t *testing.T) {
					last := lastAuditID(t, fx.s)
					id, err := fx.svc.CreateFamily(ctx, actor, intake("Nieuw Kind", date(2021, 1, 1)))
					if care.ErrorCode(err) != care.NotFound || id != 0 {
						t.Fatalf("CreateFamily = %d, %v; want NotFound", id, err)
					}
					oneAudit(t, fx.s, last, denied(actor, 0, "family", care.ActionCreate))
					if n, _ := fx.s.FamilyCount(ctx, actor.OrganisationID); n != count {
						t.Errorf("FamilyCount = %d, want %d", n, count)
					}
				})
				t.Run(name+"/Caseload", func(t *testing.T) {
					last := lastAuditID(t, fx.s)
					items, err := fx.svc.Caseload(ctx, actor, "", "next")
					if care.ErrorCode(err) != care.NotFound || items != nil {
						t.Fatalf("Caseload = %+v, %v; want NotFound", items, err)
					}
					oneAudit(t, fx.s, last, denied(actor, 0, "caseload", care.ActionSearch))
				})
				t.Run(name+"/CaseManagers", func(t *testing.T) {
					if people, err := fx.svc.CaseManagers(ctx, actor); care.ErrorCode(err) != care.NotFound || people != nil {
						t.Errorf("CaseManagers = %+v, %v; want NotFound", people, err)
					}
				})
			}
			verifyIntact(t, fx.s)
		})
	}
}

// noSuccessSince fails when a success record was written after last: a
// refused change must not be recorded as done.
func noSuccessSince(t *testing.T, s *store.Store, last int64) {
	t.Helper()
	for _, e := range auditAfter(t, s, last) {
		if e.Outcome == care.OutcomeSuccess {
			t.Errorf("a refused call left a success record: %+v", e)
		}
	}
}

func TestServiceValidationChangesNothing(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			fx := setup(t, db)
			cm, fam := fx.cm, fx.fam
			provider := fx.roles[care.RoleProvider]
			org2, err := fx.s.CreateOrganisation(ctx, "Elders", now)
			if err != nil {
				t.Fatal(err)
			}
			elsewhere := newAccount(t, fx.s, org2, care.RoleCaseManager, "elders@example.org")
			tests := []struct {
				name      string
				call      func() error
				wantField string
			}{
				{"UpdateFamily without a name", func() error {
					f := file(t, fx.s, fam).Family
					f.ChildName = " "
					return fx.svc.UpdateFamily(ctx, cm, f.ID, care.EditOf(&f))
				}, "child_name"},
				{"UpdateFamily born tomorrow", func() error {
					f := file(t, fx.s, fam).Family
					f.BirthDate = date(2026, 6, 16)
					return fx.svc.UpdateFamily(ctx, cm, f.ID, care.EditOf(&f))
				}, "birth_date"},
				{"UpdateFamily with a bad BSN", func() error {
					f := file(t, fx.s, fam).Family
					f.BSN = "123456789"
					return fx.svc.UpdateFamily(ctx, cm, f.ID, care.EditOf(&f))
				}, "bsn"},
				{"AddMember of an unknown kind", func() error {
					return fx.svc.AddMember(ctx, cm, &care.Member{FamilyID: fam, Kind: "neighbour", Name: "Buurman"})
				}, "kind"},
				{"SaveNetworkMember without a name", func() error {
					return fx.svc.SaveNetworkMember(ctx, cm, &care.NetworkMember{FamilyID: fam, Role: "gp"})
				}, "name"},
				{"SaveNetworkMember update with a bad line", func() error {
					return fx.svc.SaveNetworkMember(ctx, cm, &care.NetworkMember{ID: fx.network, FamilyID: fam, Name: "Dr. B", Role: "gp", Line: 9})
				}, "line"},
				{"ChangeIntensity without a reason", func() error {
					return fx.svc.ChangeIntensity(ctx, cm, &care.IntensityChange{FamilyID: fam, Intensity: care.Intensive})
				}, "reason"},
				{"AddContact tomorrow", func() error {
					return fx.svc.AddContact(ctx, cm, &care.Contact{FamilyID: fam, Date: date(2026, 6, 16), Kind: "phone", With: "parent"})
				}, "date"},
				{"AddContact the day before birth", func() error {
					return fx.svc.AddContact(ctx, cm, &care.Contact{FamilyID: fam, Date: date(2019, 4, 1), Kind: "phone", With: "parent"})
				}, "date"},
				{"CreateTask without a title", func() error {
					return fx.svc.CreateTask(ctx, cm, &care.Task{FamilyID: fam, OwnerKind: "family"})
				}, "title"},
				{"CompleteTask without a note", func() error {
					return fx.svc.CompleteTask(ctx, cm, care.ViewCaseFile, fam, fx.task, " \n ")
				}, "done_note"},
				{"CompleteTask with an unreadable note", func() error {
					return fx.svc.CompleteTask(ctx, cm, care.ViewCaseFile, fam, fx.task, "Klaar\x00")
				}, "done_note"},
				{"SaveEpisode referred before birth", func() error {
					return fx.svc.SaveEpisode(ctx, cm, &care.Episode{FamilyID: fam, ReferralDate: date(2019, 4, 1), SurpriseQuestion: "no",
						Status: "accepted", StatusDate: date(2026, 6, 1)})
				}, "referral_date"},
				{"AssignCaseManager of an unknown kind", func() error {
					_, err := fx.svc.AssignCaseManager(ctx, cm, fam, "boss", fx.cm2.AccountID)
					return err
				}, "kind"},
				{"AssignCaseManager of a provider", func() error {
					_, err := fx.svc.AssignCaseManager(ctx, cm, fam, "thuis", provider.AccountID)
					return err
				}, "account"},
				{"AssignCaseManager of another organisation's case manager", func() error {
					_, err := fx.svc.AssignCaseManager(ctx, cm, fam, "thuis", elsewhere.AccountID)
					return err
				}, "account"},
				{"CreateFamily without a name", func() error {
					in := intake("", date(2020, 1, 1))
					_, err := fx.svc.CreateFamily(ctx, cm, in)
					return err
				}, "child_name"},
				{"CreateFamily referred before birth", func() error {
					in := intake("Nieuw Kind", date(2026, 6, 2))
					_, err := fx.svc.CreateFamily(ctx, cm, in)
					return err
				}, "referral_date"},
				{"CreateFamily of an unknown kind", func() error {
					in := intake("Nieuw Kind", date(2020, 1, 1))
					in.Kind = "boss"
					_, err := fx.svc.CreateFamily(ctx, cm, in)
					return err
				}, "kind"},
			}
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					before := file(t, fx.s, fam)
					count, _ := fx.s.FamilyCount(ctx, fx.org)
					last := lastAuditID(t, fx.s)
					err := tt.call()
					var fe care.FieldErrors
					if !errors.As(err, &fe) || care.ErrorCode(err) != care.Invalid {
						t.Fatalf("error %v, want field errors", err)
					}
					if !fe.Has(tt.wantField) {
						t.Errorf("field errors %v, want one for %s", fe, tt.wantField)
					}
					if diff := cmp.Diff(before, file(t, fx.s, fam)); diff != "" {
						t.Errorf("the family changed (-before +after):\n%s", diff)
					}
					if n, _ := fx.s.FamilyCount(ctx, fx.org); n != count {
						t.Errorf("FamilyCount = %d, want %d", n, count)
					}
					noSuccessSince(t, fx.s, last)
				})
			}
		})
	}
}

// TestServiceObjectOfAnotherFamily names, as the case manager of one family,
// objects that belong to another: NotFound, and the other family unchanged.
func TestServiceObjectOfAnotherFamily(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			fx := setup(t, db)
			cm := fx.cm
			tests := []struct {
				name string
				call func() error
			}{
				{"SaveNetworkMember", func() error {
					return fx.svc.SaveNetworkMember(ctx, cm, &care.NetworkMember{ID: fx.otherNet, FamilyID: fx.fam, Name: "Overschreven", Role: "gp"})
				}},
				{"DeleteNetworkMember", func() error { return fx.svc.DeleteNetworkMember(ctx, cm, fx.fam, fx.otherNet) }},
				{"CompleteTask", func() error { return fx.svc.CompleteTask(ctx, cm, care.ViewCaseFile, fx.fam, fx.otherTask, "Gedaan") }},
				// Naming the other family itself is a refused access.
				{"SaveNetworkMember in the other family", func() error {
					return fx.svc.SaveNetworkMember(ctx, cm, &care.NetworkMember{ID: fx.otherNet, FamilyID: fx.other, Name: "Overschreven", Role: "gp"})
				}},
				{"DeleteNetworkMember in the other family", func() error {
					return fx.svc.DeleteNetworkMember(ctx, cm, fx.other, fx.otherNet)
				}},
				{"CompleteTask in the other family", func() error { return fx.svc.CompleteTask(ctx, cm, care.ViewCaseFile, fx.other, fx.otherTask, "Gedaan") }},
			}
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					mine, theirs := file(t, fx.s, fx.fam), file(t, fx.s, fx.other)
					last := lastAuditID(t, fx.s)
					if err := tt.call(); care.ErrorCode(err) != care.NotFound {
						t.Fatalf("error %v, want NotFound", err)
					}
					if diff := cmp.Diff(theirs, file(t, fx.s, fx.other)); diff != "" {
						t.Errorf("the other family changed (-before +after):\n%s", diff)
					}
					if diff := cmp.Diff(mine, file(t, fx.s, fx.fam)); diff != "" {
						t.Errorf("the own family changed (-before +after):\n%s", diff)
					}
					noSuccessSince(t, fx.s, last)
				})
			}
			verifyIntact(t, fx.s)
		})
	}
}

func TestServiceDuplicateFamily(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			fx := setup(t, db) // holds Sanne de Vries, born 2 April 2019
			org2, err := fx.s.CreateOrganisation(ctx, "Elders", now)
			if err != nil {
				t.Fatal(err)
			}
			elsewhere := newAccount(t, fx.s, org2, care.RoleCaseManager, "elders@example.org")
			birth := date(2019, 4, 2)
			tests := []struct {
				name    string
				actor   care.Actor
				child   string
				birth   time.Time
				confirm bool
				wantDup bool
			}{
				{"same first name", fx.cm, "sanne Jansen", birth, false, true},
				{"same last name", fx.cm, "Lotte DE VRIES", birth, false, true},
				{"same name, seen by another case manager", fx.cm2, "Sanne de Vries", birth, false, true},
				{"same name, another birth date", fx.cm, "Sanne de Vries", birth.AddDate(0, 0, 1), false, false},
				{"another name, same birth date", fx.cm, "Daan Bakker", birth, false, false},
				{"confirmed", fx.cm, "Sanne Jansen", birth, true, false},
				{"another organisation", elsewhere, "Sanne de Vries", birth, false, false},
			}
			for _, tt := range tests {
				t.Run(tt.name, func(t *testing.T) {
					count, _ := fx.s.FamilyCount(ctx, tt.actor.OrganisationID)
					last := lastAuditID(t, fx.s)
					in := intake(tt.child, tt.birth)
					in.ConfirmDuplicate = tt.confirm
					id, err := fx.svc.CreateFamily(ctx, tt.actor, in)
					n, _ := fx.s.FamilyCount(ctx, tt.actor.OrganisationID)
					if tt.wantDup {
						if !errors.Is(err, care.ErrPossibleDuplicate) || care.ErrorCode(err) != care.Conflict || id != 0 {
							t.Fatalf("CreateFamily = %d, %v; want ErrPossibleDuplicate", id, err)
						}
						if n != count {
							t.Errorf("FamilyCount = %d, want %d", n, count)
						}
						// The case manager of the match sees it is theirs; anyone
						// else learns only whom to ask, not the child's name.
						var dup *care.DuplicateError
						if !errors.As(err, &dup) {
							t.Fatalf("%v is no DuplicateError", err)
						}
						cms, _ := fx.s.FamilyCaseManagers(ctx, fx.fam)
						if tt.actor == fx.cm {
							if len(dup.Yours) != 1 || dup.Yours[0].FamilyID != fx.fam || dup.Others != 0 || dup.AskWhom != nil {
								t.Errorf("to the case manager of the match: %+v", dup)
							}
						} else if dup.Yours != nil || dup.Others != 1 || len(dup.AskWhom) != 1 || dup.AskWhom[0] != cms.KCT.Name ||
							strings.Contains(fmt.Sprintf("%+v %v", dup, err), "Sanne") {
							t.Errorf("to another case manager: %+v, want only %q to ask", dup, cms.KCT.Name)
						}
						// The attempt is on record, and the search in the
						// matching family's own trail.
						es := auditAfter(t, fx.s, last)
						failed := success(tt.actor, 0, "family", 0, care.ActionCreate)
						failed.Outcome = care.OutcomeFailed
						want := []care.AuditEvent{failed, success(tt.actor, fx.fam, "duplicate_check", fx.fam, care.ActionSearch)}
						if diff := cmp.Diff(want, es, ignoreChain); diff != "" {
							t.Errorf("audit records (-want +got):\n%s", diff)
						}
						return
					}
					if err != nil || id == 0 {
						t.Fatalf("CreateFamily = %d, %v", id, err)
					}
					if n != count+1 {
						t.Errorf("FamilyCount = %d, want %d", n, count+1)
					}
					oneAudit(t, fx.s, last, success(tt.actor, id, "family", id, care.ActionCreate))
				})
			}
		})
	}
}

// TestServiceNeedsTheAuditTrail makes the audit table refuse inserts: no
// access may happen without its record.
func TestServiceNeedsTheAuditTrail(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			fx := setup(t, db)
			block, unblock := `CREATE TRIGGER audit_events_offline BEFORE INSERT ON audit_events BEGIN SELECT RAISE(ABORT, 'audit trail offline'); END`,
				`DROP TRIGGER audit_events_offline`
			if fx.s.Dialect() == "postgres" {
				block = `CREATE TRIGGER audit_events_offline BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`
				unblock = `DROP TRIGGER audit_events_offline ON audit_events`
			}
			before := file(t, fx.s, fx.fam)
			count, _ := fx.s.FamilyCount(ctx, fx.org)
			last := lastAuditID(t, fx.s)
			if err := fx.s.ExecRaw(ctx, block); err != nil {
				t.Fatal(err)
			}
			for _, op := range familyOps(ctx, fx) {
				for _, actor := range []care.Actor{fx.cm, fx.roles[care.RoleAdmin]} {
					if err := op.call(actor); err == nil {
						t.Errorf("%s as %s succeeded without an audit record", op.name, actor.Role)
					} else if actor.Role == care.RoleCaseManager && care.ErrorCode(err) == care.NotFound {
						t.Errorf("%s: %v; a failed audit write is no missing family", op.name, err)
					}
				}
			}
			// An error comes without the data it would have shown.
			if f, err := fx.svc.File(ctx, fx.cm, fx.fam); err == nil || f != nil {
				t.Errorf("File = %v, %v; want no file and an error", f != nil, err)
			}
			if items, err := fx.svc.Caseload(ctx, fx.cm, "", "next"); err == nil || items != nil {
				t.Errorf("Caseload = %+v, %v; want no items and an error", items, err)
			}
			if id, err := fx.svc.CreateFamily(ctx, fx.cm, intake("Nieuw Kind", date(2021, 1, 1))); err == nil {
				t.Errorf("CreateFamily succeeded without an audit record (id %d)", id)
			}
			if err := fx.svc.RecordLogin(ctx, fx.cm.AccountID, fx.cm.Role, accessPoint, care.OutcomeSuccess); err == nil {
				t.Error("RecordLogin succeeded without an audit record")
			}
			if err := fx.s.ExecRaw(ctx, unblock); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(before, file(t, fx.s, fx.fam)); diff != "" {
				t.Errorf("the family changed without an audit record (-before +after):\n%s", diff)
			}
			if n, _ := fx.s.FamilyCount(ctx, fx.org); n != count {
				t.Errorf("FamilyCount = %d, want %d", n, count)
			}
			if got := lastAuditID(t, fx.s); got != last {
				t.Errorf("audit records written while blocked: last id %d, was %d", got, last)
			}
			// Once the trail is back, the chain goes on unbroken.
			if _, err := fx.svc.File(ctx, fx.cm, fx.fam); err != nil {
				t.Fatal(err)
			}
			verifyIntact(t, fx.s)
		})
	}
}

// TestRefusedIntakeIsOnRecord: an intake refused for its input, also for
// what the surface could not read, leaves one failed record and no family.
func TestRefusedIntakeIsOnRecord(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			fx := setup(t, db)
			failed := success(fx.cm, 0, "family", 0, care.ActionCreate)
			failed.Outcome = care.OutcomeFailed
			for name, in := range map[string]care.Intake{
				"no name": intake("", date(2019, 1, 1)),
				"unread field": func() care.Intake {
					in := intake("Noor Smit", date(2019, 1, 1))
					in.Unread = care.FieldErrors{"next_contact": "date.invalid"}
					return in
				}(),
			} {
				last := lastAuditID(t, fx.s)
				count, _ := fx.s.FamilyCount(ctx, fx.cm.OrganisationID)
				if _, err := fx.svc.CreateFamily(ctx, fx.cm, in); care.ErrorCode(err) != care.Invalid {
					t.Errorf("%s: %v, want field errors", name, err)
				}
				if n, _ := fx.s.FamilyCount(ctx, fx.cm.OrganisationID); n != count {
					t.Errorf("%s: a family was made", name)
				}
				oneAudit(t, fx.s, last, failed)
			}
		})
	}
}
