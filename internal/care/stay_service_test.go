package care_test

import (
	"context"
	"errors"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store/storetest"
)

// TestStayService goes through the stays as the case manager, the family
// and providers: every access has its record, a new stay ends the ongoing
// one and keeps that as a correction, an overlap or bad input saves
// nothing, another family's stay is not found, and a provider sees where
// the child is now only under consent that covers the child's details.
func TestStayService(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			fx := setup(t, db)
			home := &care.Stay{FamilyID: fx.fam, Kind: care.StayHome, Place: " bij moeder ", Start: date(2026, 1, 1)}
			last := lastAuditID(t, fx.s)
			if err := fx.svc.SaveStay(ctx, fx.cm, home); err != nil {
				t.Fatal(err)
			}
			oneAudit(t, fx.s, last, success(fx.cm, fx.fam, "stay", home.ID, care.ActionCreate))
			if home.ID == 0 || home.Place != "bij moeder" {
				t.Fatalf("home = %+v", home)
			}

			// An acute admission ends the ongoing stay at home on its start.
			picu := &care.Stay{FamilyID: fx.fam, Kind: care.StayAcademicHospital, Unit: care.StayPICU, Place: "Sophia",
				Acute: true, Start: date(2026, 6, 12)}
			if err := fx.svc.SaveStay(ctx, fx.cm, picu); err != nil {
				t.Fatal(err)
			}
			last = lastAuditID(t, fx.s)
			sf, err := fx.svc.Stays(ctx, fx.cm, care.ViewCaseFile, fx.fam)
			if err != nil {
				t.Fatal(err)
			}
			oneAudit(t, fx.s, last, success(fx.cm, fx.fam, "stays", fx.fam, care.ActionRead))
			if len(sf.Stays) != 2 || sf.Current == nil || sf.Current.ID != picu.ID || !sf.Stays[1].End.Equal(date(2026, 6, 12)) {
				t.Fatalf("stays = %+v, current %+v", sf.Stays, sf.Current)
			}
			if sf.Figures.Admissions != 1 || sf.Figures.Days != 4 { // 12, 13, 14 and 15 June
				t.Errorf("figures = %+v", sf.Figures)
			}
			if cs := sf.CorrectionsOf(home.ID); len(cs) != 1 || cs[0].Previous["end"] != "" || len(cs[0].Previous) != 1 {
				t.Errorf("corrections of the ended stay = %+v", cs)
			}

			// The caseload shows who is admitted; the family page where.
			items, err := fx.svc.Caseload(ctx, fx.cm, "", "name")
			if err != nil || len(items) != 1 || !items[0].Admitted() || items[0].Stay.Place != "Sophia" {
				t.Fatalf("caseload = %+v, %v", items, err)
			}
			f, err := fx.svc.File(ctx, fx.cm, fx.fam)
			if err != nil || f.Stay == nil || f.Stay.ID != picu.ID {
				t.Fatalf("family page stay = %+v, %v", f, err)
			}

			// Overlaps and bad input save nothing.
			bad := []struct {
				name, field, key string
				s                care.Stay
			}{
				{"inside the stay at home", "start", "stays.overlap",
					care.Stay{Kind: care.StayRespite, Place: "Logeerhuis", Start: date(2026, 3, 1), End: date(2026, 3, 5)}},
				{"a stay that ended, inside the ongoing admission", "start", "stays.overlap",
					care.Stay{Kind: care.StayRespite, Place: "Logeerhuis", Start: date(2026, 6, 13), End: date(2026, 6, 14)}},
				{"ongoing from before the admission", "start", "stays.overlap",
					care.Stay{Kind: care.StayGeneralHospital, Place: "Ziekenhuis", Start: date(2026, 6, 10)}},
				{"ends before it starts", "end", "stays.end_before_start",
					care.Stay{Kind: care.StayRespite, Place: "Logeerhuis", Start: date(2025, 3, 5), End: date(2025, 3, 1)}},
			}
			for _, c := range bad {
				c.s.FamilyID = fx.fam
				last = lastAuditID(t, fx.s)
				err := fx.svc.SaveStay(ctx, fx.cm, &c.s)
				var in *care.InvalidInput
				if !errors.As(err, &in) || in.Fields[c.field] != c.key || in.Stays == nil || len(in.Stays.Stays) != 2 {
					t.Errorf("%s: %v, want %s at %s with the page", c.name, err, c.key, c.field)
				}
				noSuccessSince(t, fx.s, last)
			}
			// A stay before the first one fits.
			before := &care.Stay{FamilyID: fx.fam, Kind: care.StayGeneralHospital, Place: "Amphia", Start: date(2025, 12, 1), End: date(2026, 1, 1)}
			if err := fx.svc.SaveStay(ctx, fx.cm, before); err != nil {
				t.Errorf("a stay that ends the day the next starts: %v", err)
			}

			// Correcting keeps the values before; ending is a correction.
			corr := *picu
			corr.Acute, corr.Unit = false, care.StayWard
			last = lastAuditID(t, fx.s)
			if err := fx.svc.SaveStay(ctx, fx.cm, &corr); err != nil {
				t.Fatal(err)
			}
			oneAudit(t, fx.s, last, success(fx.cm, fx.fam, "stay", picu.ID, care.ActionUpdate))
			if err := fx.svc.EndStay(ctx, fx.cm, fx.fam, picu.ID, date(2026, 6, 11)); !isCode(err, care.Invalid) {
				t.Errorf("ending before the start = %v, want Invalid", err)
			}
			sf, _ = fx.svc.Stays(ctx, fx.cm, care.ViewCaseFile, fx.fam)
			if cs := sf.CorrectionsOf(picu.ID); len(cs) != 1 || cs[0].Previous["acute"] != "1" || cs[0].Previous["unit"] != "picu" {
				t.Errorf("corrections = %+v", cs)
			}

			// Another family's stay, or another case manager: not found.
			other := &care.Stay{FamilyID: fx.other, Kind: care.StayHome, Start: date(2026, 1, 1)}
			if err := fx.svc.SaveStay(ctx, fx.cm2, other); err != nil {
				t.Fatal(err)
			}
			wrong := *other
			wrong.FamilyID = fx.fam
			if err := fx.svc.SaveStay(ctx, fx.cm, &wrong); !isCode(err, care.NotFound) {
				t.Errorf("another family's stay through ours = %v, want NotFound", err)
			}
			if err := fx.svc.EndStay(ctx, fx.cm, fx.fam, other.ID, date(2026, 6, 1)); !isCode(err, care.NotFound) {
				t.Errorf("ending another family's stay = %v, want NotFound", err)
			}
			last = lastAuditID(t, fx.s)
			if _, err := fx.svc.Stays(ctx, fx.cm2, care.ViewCaseFile, fx.fam); !isCode(err, care.NotFound) {
				t.Errorf("another case manager = %v, want NotFound", err)
			}
			oneAudit(t, fx.s, last, denied(fx.cm2, fx.fam, "stays", care.ActionRead))

			// The family sees every stay, and may not write.
			parent := linkParent(t, fx)
			sf, err = fx.svc.Stays(ctx, parent, care.ViewFamily, fx.fam)
			if err != nil || len(sf.Stays) != 3 || sf.Current.ID != picu.ID || sf.Viewer != care.ViewerFamily || len(sf.Corrections) != 0 {
				t.Fatalf("family's stays = %+v, %v", sf, err)
			}
			ov, err := fx.svc.FamilyView(ctx, parent, fx.fam)
			if err != nil || ov.File.Stay == nil || ov.File.Stay.ID != picu.ID {
				t.Errorf("family page stay = %+v, %v", ov, err)
			}
			if err := fx.svc.SaveStay(ctx, parent, &care.Stay{FamilyID: fx.fam, Kind: care.StayHome, Start: date(2026, 6, 15)}); !isCode(err, care.NotFound) {
				t.Errorf("a parent wrote a stay: %v", err)
			}

			// A provider sees where the child is now under the whole file's
			// consent, without the note; not under the plan and network only.
			if err := fx.svc.SaveStay(ctx, fx.cm, &care.Stay{ID: picu.ID, FamilyID: fx.fam, Kind: care.StayAcademicHospital,
				Unit: care.StayWard, Place: "Sophia", Note: "intern", Start: date(2026, 6, 12)}); err != nil {
				t.Fatal(err)
			}
			gp := linkProviderWithScope(t, fx, care.ScopeFile)
			sf, err = fx.svc.Stays(ctx, gp, care.ViewProvider, fx.fam)
			if err != nil || len(sf.Stays) != 1 || sf.Current == nil || sf.Current.Note != "" || sf.Current.Place != "Sophia" {
				t.Errorf("provider's stays = %+v, %v", sf, err)
			}
			pf, err := fx.svc.ProviderView(ctx, gp, fx.fam)
			if err != nil || pf.Stay == nil || pf.Stay.Note != "" {
				t.Errorf("provider page stay = %+v, %v", pf, err)
			}
			narrow := linkProviderWithScope(t, fx, care.ScopePlanNetwork)
			last = lastAuditID(t, fx.s)
			if _, err := fx.svc.Stays(ctx, narrow, care.ViewProvider, fx.fam); !isCode(err, care.NotFound) {
				t.Errorf("provider without the child's details = %v, want NotFound", err)
			}
			if es := auditAfter(t, fx.s, last); len(es) != 1 || es[0].Outcome == care.OutcomeSuccess {
				t.Errorf("refused provider's audit = %+v", es)
			}
			if pf, err := fx.svc.ProviderView(ctx, narrow, fx.fam); err != nil || pf.Stay != nil {
				t.Errorf("narrow provider page stay = %+v, %v", pf, err)
			}
		})
	}
}
