package care_test

import (
	"context"
	"errors"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store/storetest"
)

// TestDeathService records a child's death as the case manager: every
// access has its record; bad input, a second first record and a stale
// correction save nothing; another family's ids are not found; the file
// goes quiet (coverage ended at the date, overdue tasks silent, the next
// contact the first aftercare contact); a correction moves the open
// follow-up contacts; and ending case management closes the episode.
func TestDeathService(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			fx := setup(t, db)
			grief := &care.NetworkMember{FamilyID: fx.fam, Name: "Rouwcentrum Oost", Role: "psychologist", Phone: "010-555", Bereavement: true}
			if err := fx.svc.SaveNetworkMember(ctx, fx.cm, grief); err != nil {
				t.Fatal(err)
			}
			brother := &care.Member{FamilyID: fx.fam, Kind: "sibling", Name: "Daan", Relation: "broer"}
			if err := fx.svc.AddMember(ctx, fx.cm, brother); err != nil {
				t.Fatal(err)
			}
			item := &care.CoverageItem{FamilyID: fx.fam, Kind: "home_nursing", Applicant: "casemanager"}
			period := &care.CoveragePeriod{Law: care.LawZvw, Form: "zin", Status: care.CoverageGranted, HoursPerWeek: 10,
				Start: date(2026, 1, 1), End: date(2026, 12, 31)}
			if err := fx.svc.AddCoverageItem(ctx, fx.cm, item, period); err != nil {
				t.Fatal(err)
			}
			late := &care.Task{FamilyID: fx.fam, Title: "Rolstoel aanpassen", OwnerKind: "casemanager", DueDate: date(2026, 5, 1)}
			if err := fx.svc.CreateTask(ctx, fx.cm, late); err != nil {
				t.Fatal(err)
			}

			// Before the death, nothing of the aftercare can be done.
			if err := fx.svc.CloseTasksAfterDeath(ctx, fx.cm, fx.fam, []int64{fx.task}, ""); !hasField(err, "death") {
				t.Errorf("closing tasks before the death = %v", err)
			}

			// Bad input saves nothing, and is on record as failed.
			for _, c := range []struct {
				name, field, key string
				r                care.DeathRecord
			}{
				{"before the birth", "died_on", "death.before_birth", care.DeathRecord{DiedOn: date(2019, 4, 1), Place: care.DeathHome}},
				{"in the future", "died_on", "death.future", care.DeathRecord{DiedOn: date(2026, 6, 16), Place: care.DeathHome}},
				{"a time that is none", "died_time", "death.time_invalid", care.DeathRecord{DiedOn: date(2026, 6, 1), DiedTime: "25:00", Place: care.DeathHome}},
				{"met without a preferred place", "preferred_met", "death.met_without_preferred",
					care.DeathRecord{DiedOn: date(2026, 6, 1), Place: care.DeathHome, PreferredMet: "yes"}},
			} {
				last := lastAuditID(t, fx.s)
				c.r.FamilyID = fx.fam
				err := fx.svc.RecordDeath(ctx, fx.cm, &c.r)
				var fe care.FieldErrors
				if !errors.As(err, &fe) || fe[c.field] != c.key {
					t.Errorf("%s: %v, want %s at %s", c.name, err, c.key, c.field)
				}
				es := auditAfter(t, fx.s, last)
				if len(es) != 1 || es[0].Outcome != care.OutcomeFailed {
					t.Errorf("%s: audit %+v", c.name, es)
				}
			}
			if fam, _ := fx.s.FamilyByID(ctx, fx.fam); fam.Deceased {
				t.Fatal("a refused record marked the child deceased")
			}

			// Another family's case manager, a provider and a parent are not let in.
			for _, a := range []care.Actor{fx.cm2, fx.roles[care.RoleProvider], fx.roles[care.RoleFamily]} {
				last := lastAuditID(t, fx.s)
				r := &care.DeathRecord{FamilyID: fx.fam, DiedOn: date(2026, 6, 1), Place: care.DeathHome}
				if err := fx.svc.RecordDeath(ctx, a, r); care.ErrorCode(err) != care.NotFound {
					t.Errorf("%s records: %v, want NotFound", a.Role, err)
				}
				oneAudit(t, fx.s, last, denied(a, fx.fam, "death_record", care.ActionCreate))
			}

			// The death at home, where the plan wished.
			first := &care.DeathRecord{FamilyID: fx.fam, DiedOn: date(2026, 6, 1), DiedTime: "03:10", Place: care.DeathHome,
				PreferredPlace: care.DeathHome, PreferredMet: "yes", QualityNote: " rustig "}
			last := lastAuditID(t, fx.s)
			if err := fx.svc.RecordDeath(ctx, fx.cm, first); err != nil {
				t.Fatal(err)
			}
			oneAudit(t, fx.s, last, success(fx.cm, fx.fam, "death_record", first.ID, care.ActionCreate))
			fam, _ := fx.s.FamilyByID(ctx, fx.fam)
			if !fam.Deceased || !fam.DeceasedOn.Equal(date(2026, 6, 1)) || !fam.NextContact.Equal(date(2026, 7, 13)) {
				t.Errorf("family after the death = deceased %v on %v, next contact %v", fam.Deceased, fam.DeceasedOn, fam.NextContact)
			}
			last = lastAuditID(t, fx.s)
			df, err := fx.svc.Death(ctx, fx.cm, fx.fam)
			if err != nil {
				t.Fatal(err)
			}
			oneAudit(t, fx.s, last, success(fx.cm, fx.fam, "death", fx.fam, care.ActionRead))
			if cur := df.Current(); cur == nil || cur.QualityNote != "rustig" || len(df.OpenTasks) != 2 {
				t.Errorf("death page = %+v", df)
			}
			if len(df.EndedCoverage) != 1 || df.EndedCoverage[0].ID != item.ID {
				t.Errorf("coverage ended at the date = %+v", df.EndedCoverage)
			}
			cf, err := fx.svc.Coverage(ctx, fx.cm, care.ViewCaseFile, fx.fam)
			if err != nil {
				t.Fatal(err)
			}
			if cs := cf.CorrectionsOf(care.CorrectCoverageItem, item.ID); len(cs) != 1 || cs[0].Previous["end"] != "2026-12-31" {
				t.Errorf("the coverage's history = %+v", cs)
			}
			a := df.Aftercare
			if len(a.People) != 2 || a.People[0].MemberID != 0 || a.People[1].MemberID != brother.ID ||
				a.People[0].NetworkID != grief.ID || a.People[1].Supporter != "Rouwcentrum Oost" || a.People[1].SupporterPhone != "010-555" {
				t.Errorf("aftercare people = %+v", a.People)
			}
			if len(a.Contacts) != 3 || !a.Contacts[1].DueOn.Equal(date(2026, 9, 1)) || !a.Contacts[2].DueOn.Equal(date(2027, 6, 1)) {
				t.Errorf("aftercare contacts = %+v", a.Contacts)
			}

			// No account for a child who died: refused as no choice, not for her age.
			_, err = fx.svc.CreateInvitation(ctx, fx.cm, &care.Invitation{FamilyID: fx.fam, Kind: care.LinkChild,
				Name: "Sanne", Email: "sanne@example.org"})
			if fe := (care.FieldErrors{}); !errors.As(err, &fe) || fe["kind"] != "field.choose" {
				t.Errorf("inviting the child who died = %v", err)
			}

			// The caseload warns of nothing but the aftercare contact.
			items, err := fx.svc.Caseload(ctx, fx.cm, "", "name")
			if err != nil || len(items) != 1 || !items[0].Deceased || items[0].Overdue != 0 || items[0].OpenTasks != 2 ||
				!items[0].NextContact.Equal(date(2026, 7, 13)) || !items[0].DeceasedOn.Equal(date(2026, 6, 1)) {
				t.Errorf("caseload = %+v, %v", items, err)
			}

			// A second first record, and a stale correction, save nothing.
			again := &care.DeathRecord{FamilyID: fx.fam, DiedOn: date(2026, 6, 2), Place: care.DeathHospital}
			if err := fx.svc.RecordDeath(ctx, fx.cm, again); !hasField(err, "died_on") {
				t.Errorf("second record = %v", err)
			}
			fix := &care.DeathRecord{FamilyID: fx.fam, Corrects: first.ID, DiedOn: date(2026, 5, 31), DiedTime: "23:50", Place: care.DeathHome,
				PreferredPlace: care.DeathHome, PreferredMet: "yes"}
			if err := fx.svc.RecordDeath(ctx, fx.cm, fix); !hasField(err, "reason") {
				t.Errorf("correction without a reason = %v", err)
			}
			fix.Reason = "Net voor middernacht"
			last = lastAuditID(t, fx.s)
			if err := fx.svc.RecordDeath(ctx, fx.cm, fix); err != nil {
				t.Fatal(err)
			}
			oneAudit(t, fx.s, last, success(fx.cm, fx.fam, "death_record", fix.ID, care.ActionUpdate))
			stale := *fix
			stale.ID, stale.Corrects = 0, first.ID
			if err := fx.svc.RecordDeath(ctx, fx.cm, &stale); care.ErrorCode(err) != care.Conflict {
				t.Errorf("stale correction = %v, want Conflict", err)
			}
			df, _ = fx.svc.Death(ctx, fx.cm, fx.fam)
			if len(df.Records) != 2 || df.Current().ID != fix.ID || df.Records[1].DiedTime != "03:10" {
				t.Errorf("records = %+v", df.Records)
			}
			if c := df.Aftercare.Contacts; !c[0].DueOn.Equal(date(2026, 7, 12)) || !c[2].DueOn.Equal(date(2027, 5, 31)) {
				t.Errorf("contacts after the correction = %+v", c)
			}
			if df.Family.DeceasedOn != date(2026, 5, 31) || len(df.EndedCoverage) != 1 {
				t.Errorf("after the correction: died %v, coverage ended %+v", df.Family.DeceasedOn, df.EndedCoverage)
			}

			// Tasks: another family's id closes nothing; the chosen close in one step.
			if err := fx.svc.CloseTasksAfterDeath(ctx, fx.cm, fx.fam, []int64{late.ID, fx.otherTask}, ""); care.ErrorCode(err) != care.NotFound {
				t.Errorf("closing another family's task = %v", err)
			}
			if open, _ := fx.s.Tasks(ctx, fx.fam, care.TaskQuery{Status: "open"}); len(open) != 2 {
				t.Errorf("a refused step closed tasks: %+v", open)
			}
			last = lastAuditID(t, fx.s)
			if err := fx.svc.CloseTasksAfterDeath(ctx, fx.cm, fx.fam, []int64{late.ID}, "Niet meer nodig"); err != nil {
				t.Fatal(err)
			}
			oneAudit(t, fx.s, last, success(fx.cm, fx.fam, "tasks", fx.fam, care.ActionUpdate))
			if open, _ := fx.s.Tasks(ctx, fx.fam, care.TaskQuery{Status: "open"}); len(open) != 1 || open[0].ID != fx.task {
				t.Errorf("open after closing = %+v", open)
			}

			// The plan: a contact before the death is refused; done moves the next contact.
			plan := *df.Aftercare
			plan.Contacts = append([]care.AftercareContact(nil), plan.Contacts...)
			plan.Contacts[0].DueOn = date(2026, 5, 1)
			if err := fx.svc.SaveAftercare(ctx, fx.cm, fx.fam, &plan); !hasField(err, "contacts.0.due_on") {
				t.Errorf("contact before the death = %v", err)
			}
			if err := fx.svc.AftercareContactDone(ctx, fx.cm, fx.fam, df.Aftercare.Contacts[0].ID); err != nil {
				t.Fatal(err)
			}
			if fam, _ := fx.s.FamilyByID(ctx, fx.fam); !fam.NextContact.Equal(date(2026, 8, 31)) {
				t.Errorf("next contact after one done = %v", fam.NextContact)
			}
			if err := fx.svc.AftercareContactDone(ctx, fx.cm2, fx.fam, df.Aftercare.Contacts[1].ID); care.ErrorCode(err) != care.NotFound {
				t.Errorf("another case manager marks done: %v", err)
			}
			// Ids of another family through this family's door: not found, nothing changed.
			theirs := &care.Aftercare{Contacts: []care.AftercareContact{{DueOn: date(2026, 8, 1)}}}
			if err := fx.s.SaveAftercare(ctx, fx.other, theirs); err != nil {
				t.Fatal(err)
			}
			if err := fx.svc.AftercareContactDone(ctx, fx.cm, fx.fam, theirs.Contacts[0].ID); care.ErrorCode(err) != care.NotFound {
				t.Errorf("marking another family's contact done: %v", err)
			}
			stray := care.Aftercare{Contacts: []care.AftercareContact{{ID: theirs.Contacts[0].ID, DueOn: date(2026, 9, 9)}}}
			if err := fx.svc.SaveAftercare(ctx, fx.cm, fx.fam, &stray); care.ErrorCode(err) != care.NotFound {
				t.Errorf("saving another family's contact: %v", err)
			}
			strayNet := care.Aftercare{People: []care.AftercarePerson{{NetworkID: fx.otherNet}}}
			if err := fx.svc.SaveAftercare(ctx, fx.cm, fx.fam, &strayNet); care.ErrorCode(err) != care.NotFound {
				t.Errorf("a supporter from another family's network: %v", err)
			}
			if a, _ := fx.s.Aftercare(ctx, fx.other); len(a.Contacts) != 1 || a.Contacts[0].Done() || !a.Contacts[0].DueOn.Equal(date(2026, 8, 1)) {
				t.Errorf("the other family's plan changed: %+v", a)
			}
			if a, _ := fx.s.Aftercare(ctx, fx.fam); len(a.People) != 2 || len(a.Contacts) != 3 {
				t.Errorf("a refused save changed the plan: %+v", a)
			}

			// The CaPalCa figures: only the families the caller may see.
			figs, err := fx.svc.DeathFigures(ctx, fx.cm, []int64{fx.fam, fx.other})
			if err != nil || len(figs) != 1 || figs[0].FamilyID != fx.fam || figs[0].Place != care.DeathHome ||
				!figs[0].PreferredKnown || figs[0].PreferredMet != "yes" || !figs[0].DiedOn.Equal(date(2026, 5, 31)) {
				t.Errorf("figures = %+v, %v", figs, err)
			}
			if figs, err := fx.svc.DeathFigures(ctx, fx.cm, nil); err != nil || len(figs) != 1 {
				t.Errorf("figures of the caseload = %+v, %v", figs, err)
			}

			// Ending case management takes a reason.
			if err := fx.svc.EndAftercare(ctx, fx.cm, fx.fam, " "); !hasField(err, "reason") {
				t.Errorf("ending without a reason = %v", err)
			}
			if err := fx.svc.EndAftercare(ctx, fx.cm, fx.fam, "Nazorg afgerond na een jaar"); err != nil {
				t.Fatal(err)
			}
			ep, _ := fx.s.Episode(ctx, fx.fam)
			fam, _ = fx.s.FamilyByID(ctx, fx.fam)
			if ep.Status != "ended" || ep.StatusNote != "Nazorg afgerond na een jaar" || !fam.NextContact.IsZero() {
				t.Errorf("after ending: episode %+v, next contact %v", ep, fam.NextContact)
			}
			if _, err := fx.svc.File(ctx, fx.cm, fx.fam); err != nil {
				t.Errorf("the file is no longer readable: %v", err)
			}
			verifyIntact(t, fx.s)
		})
	}
}

// TestAftercareDefaults: the administrator sets the organisation's default
// follow-up contacts; another role is refused; bad offsets are refused.
func TestAftercareDefaults(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			ctx := context.Background()
			fx := setup(t, db)
			admin := fx.roles[care.RoleAdmin]
			if err := fx.svc.SetAftercareDefaults(ctx, admin, "6 weken"); !hasField(err, "aftercare_offsets") {
				t.Errorf("bad offsets = %v", err)
			}
			if err := fx.svc.SetAftercareDefaults(ctx, fx.cm, "2w"); care.ErrorCode(err) != care.NotFound {
				t.Errorf("a case manager sets the defaults: %v", err)
			}
			if err := fx.svc.SetAftercareDefaults(ctx, admin, "2w, 6m, 2j"); err != nil {
				t.Fatal(err)
			}
			if got, err := fx.svc.AftercareDefaults(ctx, admin); err != nil || got != "2w 6m 2y" {
				t.Errorf("defaults = %q, %v", got, err)
			}
			r := &care.DeathRecord{FamilyID: fx.fam, DiedOn: date(2026, 6, 1), Place: care.DeathHospital, PlaceName: "Sophia"}
			if err := fx.svc.RecordDeath(ctx, fx.cm, r); err != nil {
				t.Fatal(err)
			}
			a, err := fx.svc.AftercarePlan(ctx, fx.cm, care.ViewCaseFile, fx.fam)
			if err != nil || len(a.Contacts) != 3 || !a.Contacts[0].DueOn.Equal(date(2026, 6, 15)) || !a.Contacts[2].DueOn.Equal(date(2028, 6, 1)) {
				t.Errorf("plan with the organisation's defaults = %+v, %v", a, err)
			}
			if _, err := fx.svc.AftercarePlan(ctx, fx.roles[care.RoleProvider], care.ViewProvider, fx.fam); care.ErrorCode(err) != care.NotFound {
				t.Errorf("a provider reads the plan: %v", err)
			}
		})
	}
}
