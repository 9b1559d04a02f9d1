package care_test

import (
	"context"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store/storetest"
)

// TestExportFile: the family's case manager takes the whole file out, the
// content of the documents attached to the coverage plan included, in one
// access with one audit record of the action asked (export, read or
// search); another case manager, a provider without consent, the family,
// the coordinator and the administrator are refused as for a family that
// does not exist, and the refusal is on record. An export only reads.
func TestExportFile(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			fx := setup(t, db)
			c := &care.CoverageItem{FamilyID: fx.fam, Kind: "night_care", Applicant: "casemanager"}
			p := &care.CoveragePeriod{Law: care.LawWlz, Form: "zin", Status: care.CoverageApplied, AppliedOn: date(2026, 6, 1)}
			if err := fx.svc.AddCoverageItem(ctx, fx.cm, c, p); err != nil {
				t.Fatal(err)
			}
			pdf := []byte("%PDF-1.4\n%spil\n")
			if _, err := fx.svc.AttachCoverageDocument(ctx, fx.cm, fx.fam, c.ID, 0, "decision", &care.Upload{FileName: "besluit.pdf", Content: pdf}); err != nil {
				t.Fatal(err)
			}
			for _, action := range []care.Action{care.ActionExport, care.ActionRead, care.ActionSearch} {
				last := lastAuditID(t, fx.s)
				f, err := fx.svc.ExportFile(ctx, fx.cm, fx.fam, action)
				if err != nil {
					t.Fatal(err)
				}
				oneAudit(t, fx.s, last, success(fx.cm, fx.fam, "fhir", fx.fam, action))
				if f.Viewer != care.ViewerCaseManager || f.Family.ID != fx.fam || f.Organisation.ID != fx.org ||
					len(f.Network) != 1 || len(f.Tasks) != 1 || f.Episode == nil {
					t.Errorf("%s: export = %+v", action, f)
				}
				if len(f.Coverage) != 1 || len(f.Coverage[0].Documents) != 1 || string(f.Coverage[0].Documents[0].Content) != string(pdf) {
					t.Errorf("%s: coverage %+v, want the item with its document and content", action, f.Coverage)
				}
			}
			for _, who := range []care.Actor{fx.cm2, fx.roles[care.RoleProvider], fx.roles[care.RoleFamily],
				fx.roles[care.RoleCoordinator], fx.roles[care.RoleAdmin]} {
				last := lastAuditID(t, fx.s)
				if _, err := fx.svc.ExportFile(ctx, who, fx.fam, care.ActionExport); care.ErrorCode(err) != care.NotFound {
					t.Errorf("%s: %v, want not found", who.Role, err)
				}
				oneAudit(t, fx.s, last, denied(who, fx.fam, "fhir", care.ActionExport))
			}
			if _, err := fx.svc.ExportFile(ctx, fx.cm, fx.fam, care.ActionUpdate); care.ErrorCode(err) != care.Internal {
				t.Errorf("an export that writes: %v, want refused", err)
			}
		})
	}
}
