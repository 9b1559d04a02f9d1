package care_test

import (
	"context"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store/storetest"
)

// TestTimelineService reads the timeline through each door: the case
// manager, the family and a provider with consent for the whole file see
// it, each with one record; another case manager, a provider with
// consent for the plan and network only, and the other roles are refused
// and recorded.
func TestTimelineService(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			fx := setup(t, db)
			home := &care.Stay{FamilyID: fx.fam, Kind: care.StayHome, Place: "thuis", Start: date(2026, 1, 1)}
			if err := fx.svc.SaveStay(ctx, fx.cm, home); err != nil {
				t.Fatal(err)
			}
			item := &care.CoverageItem{FamilyID: fx.fam, Kind: "respite", Applicant: "casemanager"}
			if err := fx.svc.AddCoverageItem(ctx, fx.cm, item, &care.CoveragePeriod{Law: care.LawWlz, Form: "pgb",
				Status: care.CoverageGranted, Start: date(2026, 2, 1)}); err != nil {
				t.Fatal(err)
			}
			last := lastAuditID(t, fx.s)
			tf, err := fx.svc.Timeline(ctx, fx.cm, care.ViewCaseFile, fx.fam)
			if err != nil {
				t.Fatal(err)
			}
			oneAudit(t, fx.s, last, success(fx.cm, fx.fam, "timeline", fx.fam, care.ActionRead))
			tl := tf.Timeline
			if len(tl.Places) != 1 || !tl.Places[0].Ongoing || len(tl.Financing) != 1 || tl.Financing[0].Law != care.LawWlz {
				t.Errorf("timeline = %+v", tl)
			}
			if len(tl.Marks) == 0 || tf.Family.BSN != "" {
				t.Errorf("marks = %+v", tl.Marks)
			}

			parent := linkParent(t, fx)
			if tf, err := fx.svc.Timeline(ctx, parent, care.ViewFamily, fx.fam); err != nil || tf.Viewer != care.ViewerFamily || len(tf.Timeline.Places) != 1 {
				t.Errorf("family's timeline = %+v, %v", tf, err)
			}
			gp := linkProviderWithScope(t, fx, care.ScopeFile)
			if tf, err := fx.svc.Timeline(ctx, gp, care.ViewProvider, fx.fam); err != nil || tf.Viewer != care.ViewerProvider || len(tf.Timeline.Financing) != 1 {
				t.Errorf("provider's timeline = %+v, %v", tf, err)
			}

			narrow := linkProviderWithScope(t, fx, care.ScopePlanNetwork)
			for _, c := range []struct {
				name  string
				actor care.Actor
				view  care.View
				fam   int64
			}{
				{"another family's case manager", fx.cm2, care.ViewCaseFile, fx.fam},
				{"a case manager through another family's id", fx.cm, care.ViewCaseFile, fx.other},
				{"a provider with consent for the plan and network", narrow, care.ViewProvider, fx.fam},
				{"a parent through the case file", parent, care.ViewCaseFile, fx.fam},
				{"the coordinator", fx.roles[care.RoleCoordinator], care.ViewCaseFile, fx.fam},
				{"the administrator", fx.roles[care.RoleAdmin], care.ViewFamily, fx.fam},
			} {
				last := lastAuditID(t, fx.s)
				if _, err := fx.svc.Timeline(ctx, c.actor, c.view, c.fam); !isCode(err, care.NotFound) {
					t.Errorf("%s: %v, want NotFound", c.name, err)
				}
				if es := auditAfter(t, fx.s, last); len(es) != 1 || es[0].Outcome != care.OutcomeDenied || es[0].ObjectType != "timeline" ||
					es[0].FamilyID != c.fam {
					t.Errorf("%s: audit %+v", c.name, es)
				}
			}

			// After the death the timeline ends on its day and goes on with
			// the aftercare: the first follow-up contact, done today, is a
			// mark for the case manager and the family, not for the provider.
			if err := fx.svc.RecordDeath(ctx, fx.cm, &care.DeathRecord{FamilyID: fx.fam, DiedOn: date(2026, 5, 1),
				Place: care.DeathHome}); err != nil {
				t.Fatal(err)
			}
			plan, err := fx.svc.AftercarePlan(ctx, fx.cm, care.ViewCaseFile, fx.fam)
			if err != nil || len(plan.Contacts) == 0 {
				t.Fatalf("aftercare plan = %+v, %v", plan, err)
			}
			if err := fx.svc.AftercareContactDone(ctx, fx.cm, fx.fam, plan.Contacts[0].ID); err != nil {
				t.Fatal(err)
			}
			for _, r := range []struct {
				name      string
				actor     care.Actor
				view      care.View
				aftercare bool
			}{{"case manager", fx.cm, care.ViewCaseFile, true}, {"family", parent, care.ViewFamily, true}, {"provider", gp, care.ViewProvider, false}} {
				tf, err := fx.svc.Timeline(ctx, r.actor, r.view, fx.fam)
				if err != nil {
					t.Fatalf("%s: %v", r.name, err)
				}
				var died, done bool
				for _, m := range tf.Timeline.Marks {
					died = died || m.Kind == care.MarkDeath && m.Date.Equal(date(2026, 5, 1))
					done = done || m.Kind == care.MarkAftercare && m.Value == care.AftercareDone && m.Date.Equal(care.DateOf(now))
				}
				if !died || done != r.aftercare {
					t.Errorf("%s: death marked %v, aftercare done marked %v; marks %+v", r.name, died, done, tf.Timeline.Marks)
				}
				if len(tf.Timeline.Places) != 1 || !tf.Timeline.Places[0].End.Equal(date(2026, 5, 2)) {
					t.Errorf("%s: places %+v, want the stay ended on the day of death", r.name, tf.Timeline.Places)
				}
			}
		})
	}
}
