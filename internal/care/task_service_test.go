package care_test

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store/storetest"
)

// TestTaskOwnerOfAnotherFamily: an owner picked who is not in this
// family's file (another family's network member, parent or case manager)
// is refused at the owner field, and nothing is saved — neither the task,
// nor a change of it, nor the contact it follows.
func TestTaskOwnerOfAnotherFamily(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			fx := setup(t, db)
			theirParent := &care.Member{FamilyID: fx.other, Kind: "parent", Name: "Ouder Jansen", Relation: "vader"}
			if err := fx.svc.AddMember(ctx, fx.cm2, theirParent); err != nil {
				t.Fatal(err)
			}
			owners := map[string]care.TaskOwner{
				"network member":               {Kind: care.OwnerNetwork, ID: fx.otherNet},
				"parent":                       {Kind: care.OwnerParent, ID: theirParent.ID},
				"case manager":                 {Kind: care.OwnerCaseManager, ID: fx.cm2.AccountID},
				"missing":                      {Kind: care.OwnerNetwork, ID: 987654},
				"a network member as a parent": {Kind: care.OwnerParent, ID: fx.network},
			}
			for name, o := range owners {
				calls := map[string]func() error{
					"CreateTask": func() error {
						return fx.svc.CreateTask(ctx, fx.cm, &care.Task{FamilyID: fx.fam, Title: "Recept", Pick: o})
					},
					"ReassignTask": func() error {
						return fx.svc.ReassignTask(ctx, fx.cm, fx.fam, fx.task, o, date(2026, 7, 1))
					},
					"AddContactWithTask": func() error {
						return fx.svc.AddContactWithTask(ctx, fx.cm, &care.Contact{FamilyID: fx.fam, Date: date(2026, 6, 1), Kind: "home_visit", With: "parent"},
							&care.Task{Title: "Recept", Pick: o})
					},
				}
				for call, fn := range calls {
					t.Run(name+"/"+call, func(t *testing.T) {
						mine, theirs := file(t, fx.s, fx.fam), file(t, fx.s, fx.other)
						last := lastAuditID(t, fx.s)
						err := fn()
						var fe care.FieldErrors
						if !errors.As(err, &fe) {
							t.Fatalf("error %v, want field errors", err)
						}
						field := "owner"
						if call == "AddContactWithTask" {
							field = "task_owner"
						}
						if fe[field] == "" {
							t.Errorf("field errors %v, want one at %s", fe, field)
						}
						if diff := cmp.Diff(mine, file(t, fx.s, fx.fam)); diff != "" {
							t.Errorf("the own family changed (-before +after):\n%s", diff)
						}
						if diff := cmp.Diff(theirs, file(t, fx.s, fx.other)); diff != "" {
							t.Errorf("the other family changed (-before +after):\n%s", diff)
						}
						noSuccessSince(t, fx.s, last)
						if h, _ := fx.s.TaskEvents(ctx, fx.fam, fx.task); len(h) != 0 {
							t.Errorf("history written: %+v", h)
						}
					})
				}
			}
			verifyIntact(t, fx.s)
		})
	}
}

// TestReassignTaskKeepsHistory: giving a task to the GP and moving its
// date changes the task, writes one history record per change and one
// audit record; the GP's own tasks then hold it.
func TestReassignTaskKeepsHistory(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			fx := setup(t, db)
			last := lastAuditID(t, fx.s)
			gp := care.TaskOwner{Kind: care.OwnerNetwork, ID: fx.network}
			if err := fx.svc.ReassignTask(ctx, fx.cm, fx.fam, fx.task, gp, date(2026, 7, 1)); err != nil {
				t.Fatal(err)
			}
			oneAudit(t, fx.s, last, success(fx.cm, fx.fam, "task", fx.task, care.ActionUpdate))
			f, err := fx.svc.TaskForm(ctx, fx.cm, fx.fam, fx.task)
			if err != nil {
				t.Fatal(err)
			}
			if got := f.Tasks[0]; got.Owner() != gp || got.OwnerName != "Dr. Bakker" || got.OwnerKind != "network" || !got.DueDate.Equal(date(2026, 7, 1)) {
				t.Errorf("task after reassigning: %+v", got)
			}
			hist := f.TaskEvents[fx.task]
			if len(hist) != 2 {
				t.Fatalf("history %+v, want 2 records", hist)
			}
			if h := hist[0]; h.Field != "owner" || h.FromKind != "casemanager" || h.ToKind != "network" || h.To != "Dr. Bakker" || h.By.AccountID != fx.cm.AccountID {
				t.Errorf("owner record: %+v", h)
			}
			if h := hist[1]; h.Field != "due_date" || h.From != "" || h.To != "2026-07-01" {
				t.Errorf("due date record: %+v", h)
			}
			// The same again changes nothing and writes no history.
			if err := fx.svc.ReassignTask(ctx, fx.cm, fx.fam, fx.task, gp, date(2026, 7, 1)); err != nil {
				t.Fatal(err)
			}
			if h, _ := fx.s.TaskEvents(ctx, fx.fam, fx.task); len(h) != 2 {
				t.Errorf("an unchanged task wrote history: %+v", h)
			}
			mine, err := fx.s.Tasks(ctx, fx.fam, care.TaskQuery{NetworkMemberID: fx.network})
			if err != nil || len(mine) != 1 || mine[0].ID != fx.task {
				t.Errorf("the GP's tasks: %+v, %v", mine, err)
			}
			// The family page holds the history too.
			page, err := fx.svc.File(ctx, fx.cm, fx.fam)
			if err != nil || len(page.TaskEvents[fx.task]) != 2 {
				t.Errorf("File history: %+v, %v", page, err)
			}
			// The other case manager may not: no relationship.
			if err := fx.svc.ReassignTask(ctx, fx.cm2, fx.fam, fx.task, care.TaskOwner{Kind: care.OwnerFamily}, date(2026, 7, 1)); care.ErrorCode(err) != care.NotFound {
				t.Errorf("another case manager reassigning: %v, want NotFound", err)
			}
			// A closed task is not reassigned.
			if err := fx.svc.CompleteTask(ctx, fx.cm, care.ViewCaseFile, fx.fam, fx.task, "Gedaan"); err != nil {
				t.Fatal(err)
			}
			if err := fx.svc.ReassignTask(ctx, fx.cm, fx.fam, fx.task, care.TaskOwner{Kind: care.OwnerFamily}, date(2026, 7, 1)); care.ErrorCode(err) != care.NotFound {
				t.Errorf("reassigning a closed task: %v, want NotFound", err)
			}
		})
	}
}

// TestContactWithTaskIsOneWrite: a contact with a follow-up task saves
// both with their audit records; a bad task field saves neither.
func TestContactWithTaskIsOneWrite(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			fx := setup(t, db)
			contact := func() *care.Contact {
				return &care.Contact{FamilyID: fx.fam, Date: date(2026, 6, 15), Kind: "home_visit", With: "parent"}
			}
			before := file(t, fx.s, fx.fam)
			err := fx.svc.AddContactWithTask(ctx, fx.cm, contact(), &care.Task{Title: "", Pick: care.TaskOwner{Kind: care.OwnerNetwork, ID: fx.network}})
			var fe care.FieldErrors
			if !errors.As(err, &fe) || fe["task_title"] == "" {
				t.Fatalf("a task without a title: %v, want an error at task_title", err)
			}
			if diff := cmp.Diff(before, file(t, fx.s, fx.fam)); diff != "" {
				t.Errorf("a refused contact changed the file (-before +after):\n%s", diff)
			}
			last := lastAuditID(t, fx.s)
			c := contact()
			k := &care.Task{Title: "Recept verlengen", Pick: care.TaskOwner{Kind: care.OwnerNetwork, ID: fx.network}, DueDate: date(2026, 6, 20)}
			if err := fx.svc.AddContactWithTask(ctx, fx.cm, c, k); err != nil {
				t.Fatal(err)
			}
			es := auditAfter(t, fx.s, last)
			if len(es) != 2 || es[0].ObjectType != "task" || es[0].ObjectID != k.ID || es[1].ObjectType != "contact" || es[1].ObjectID != c.ID {
				t.Errorf("audit records %+v, want the task's and the contact's", es)
			}
			after := file(t, fx.s, fx.fam)
			if len(after.Contacts) != len(before.Contacts)+1 {
				t.Errorf("contacts %d, want %d", len(after.Contacts), len(before.Contacts)+1)
			}
			got, err := fx.s.Tasks(ctx, fx.fam, care.TaskQuery{ID: k.ID})
			if err != nil || len(got) != 1 || got[0].NetworkMemberID != fx.network || got[0].OwnerName != "Dr. Bakker" {
				t.Errorf("follow-up task: %+v, %v", got, err)
			}
			verifyIntact(t, fx.s)
		})
	}
}

// TestWorklistIsTheCaseManagers: only a case manager has a worklist, of
// their own families; a filter outside the list is refused; every access
// is on record.
func TestWorklistIsTheCaseManagers(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			fx := setup(t, db)
			for r, a := range fx.roles {
				last := lastAuditID(t, fx.s)
				items, err := fx.svc.Worklist(ctx, a, "", false)
				if care.ErrorCode(err) != care.NotFound || items != nil {
					t.Errorf("%s: %v, %v; want NotFound", r, items, err)
				}
				es := auditAfter(t, fx.s, last)
				if len(es) != 1 || es[0].Outcome != care.OutcomeDenied || es[0].ObjectType != "worklist" {
					t.Errorf("%s: audit %+v, want one denied record", r, es)
				}
			}
			items, err := fx.svc.Worklist(ctx, fx.cm, "", false)
			if err != nil || len(items) != 1 || items[0].ID != fx.task || items[0].ChildName != "Sanne de Vries" {
				t.Errorf("cm: %+v, %v; want the one task of Sanne", items, err)
			}
			items, err = fx.svc.Worklist(ctx, fx.cm2, "", false)
			if err != nil || len(items) != 1 || items[0].ID != fx.otherTask {
				t.Errorf("cm2: %+v, %v; want the one task of Bram", items, err)
			}
			if items, err := fx.svc.Worklist(ctx, fx.cm, care.OwnerNetwork, false); err != nil || len(items) != 0 {
				t.Errorf("network filter: %+v, %v; want none", items, err)
			}
			last := lastAuditID(t, fx.s)
			if _, err := fx.svc.Worklist(ctx, fx.cm, "everyone", false); care.ErrorCode(err) != care.Invalid {
				t.Errorf("an unknown kind: %v, want Invalid", err)
			}
			if es := auditAfter(t, fx.s, last); len(es) != 1 || es[0].Outcome != care.OutcomeFailed {
				t.Errorf("refused filter: audit %+v, want one failed record", es)
			}
		})
	}
}

func TestParseTaskOwner(t *testing.T) {
	for in, want := range map[string]care.TaskOwner{
		"family":        {Kind: care.OwnerFamily},
		"network:12":    {Kind: care.OwnerNetwork, ID: 12},
		"casemanager:3": {Kind: care.OwnerCaseManager, ID: 3},
		"parent:7":      {Kind: care.OwnerParent, ID: 7},
	} {
		got, err := care.ParseTaskOwner(in)
		if err != nil || got != want || got.String() != in {
			t.Errorf("ParseTaskOwner(%q) = %+v (%q), %v; want %+v", in, got, got.String(), err, want)
		}
	}
	for _, in := range []string{"", "network", "network:", "network:0", "network:-1", "network:012", "network:1x", "admin:1", "family:1", ":1", "network:99999999999999999999"} {
		if got, err := care.ParseTaskOwner(in); err == nil {
			t.Errorf("ParseTaskOwner(%q) = %+v, want an error", in, got)
		}
	}
}

func FuzzParseTaskOwner(f *testing.F) {
	for _, s := range []string{"family", "network:12", "parent:7", "casemanager:3", "x:1", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		o, err := care.ParseTaskOwner(s)
		if err != nil {
			if !o.IsZero() {
				t.Errorf("%q: an error with an owner %+v", s, o)
			}
			return
		}
		// What is read writes back to what was sent, and reads the same again.
		again, err := care.ParseTaskOwner(o.String())
		if err != nil || again != o {
			t.Errorf("%q: %+v does not round-trip: %+v, %v", s, o, again, err)
		}
		if o.Kind != care.OwnerFamily && o.ID <= 0 {
			t.Errorf("%q: a person without an id: %+v", s, o)
		}
	})
}
