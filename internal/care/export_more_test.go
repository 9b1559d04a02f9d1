package care_test

import (
	"context"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store/storetest"
)

// TestExportMore: the case managers' export holds the aids with their
// documents (the content only with ExportDocumentContent), the intensity
// history, the turning-18 checklist's acceptance, the care plan's earlier
// versions, the notes and the conversations, each read only when its part
// is asked, and nothing of another family's; a provider's export holds none of them, under a
// consent for the whole file too.
func TestExportMore(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			fx := setup(t, db)
			aid := &care.Aid{FamilyID: fx.fam, Kind: "wheelchair", Description: "Rolstoel", Via: care.LawWmo,
				Status: care.AidRequested, Requested: date(2026, 5, 1)}
			if err := fx.svc.SaveAid(ctx, fx.cm, aid); err != nil {
				t.Fatal(err)
			}
			other := &care.Aid{FamilyID: fx.other, Kind: "bed", Via: care.LawWmo, Status: care.AidRequested, Requested: date(2026, 5, 2)}
			if err := fx.svc.SaveAid(ctx, fx.cm2, other); err != nil {
				t.Fatal(err)
			}
			pdf := []byte("%PDF-1.4\n%aid\n")
			if _, err := fx.svc.AttachCoverageDocument(ctx, fx.cm, fx.fam, 0, aid.ID, "decision", &care.Upload{FileName: "wmo.pdf", Content: pdf}); err != nil {
				t.Fatal(err)
			}
			if err := fx.svc.ChangeIntensity(ctx, fx.cm, &care.IntensityChange{FamilyID: fx.fam, Intensity: care.Intensive, Reason: "Achteruitgang"}); err != nil {
				t.Fatal(err)
			}
			if err := fx.svc.ChangeIntensity(ctx, fx.cm2, &care.IntensityChange{FamilyID: fx.other, Intensity: care.Waakvlam, Reason: "Stabiel"}); err != nil {
				t.Fatal(err)
			}
			if err := fx.s.AcceptTransition(ctx, &care.TransitionAcceptance{FamilyID: fx.fam, AcceptedAt: now,
				AcceptedBy: care.Person{AccountID: fx.cm.AccountID}, Steps: []string{"coverage", "doctor"}}); err != nil {
				t.Fatal(err)
			}
			for _, fam := range []int64{fx.fam, fx.fam, fx.fam, fx.other} {
				p := &care.CarePlan{FamilyID: fam, SavedAt: now, SavedBy: care.Person{AccountID: fx.cm.AccountID}, Changes: []string{"wishes"},
					Wishes: "Thuis"}
				base := 0
				if cur, err := fx.s.CarePlan(ctx, fam); err != nil {
					t.Fatal(err)
				} else if cur != nil {
					base = cur.Version
				}
				if err := fx.s.SaveCarePlan(ctx, p, base); err != nil {
					t.Fatal(err)
				}
			}
			for _, fam := range []int64{fx.fam, fx.other} {
				if err := fx.s.AddNote(ctx, &care.Note{FamilyID: fam, Author: care.Person{AccountID: fx.cm.AccountID}, Kind: care.NoteFamily,
					Body: "Graag bellen", CreatedAt: now}); err != nil {
					t.Fatal(err)
				}
				th := &care.Thread{FamilyID: fam, Subject: "Vraag", CreatedBy: care.Person{AccountID: fx.cm.AccountID}, CreatedAt: now}
				if err := fx.s.CreateThread(ctx, th); err != nil {
					t.Fatal(err)
				}
				if err := fx.s.AddMessage(ctx, &care.Message{FamilyID: fam, ThreadID: th.ID, Author: care.Person{AccountID: fx.cm.AccountID},
					Body: "Hoe gaat het?", CreatedAt: now}); err != nil {
					t.Fatal(err)
				}
			}
			hist, err := fx.s.IntensityChanges(ctx, fx.fam)
			if err != nil {
				t.Fatal(err)
			}

			last := lastAuditID(t, fx.s)
			f, err := fx.svc.ExportFile(ctx, fx.cm, fx.fam, care.ActionExport)
			if err != nil {
				t.Fatal(err)
			}
			oneAudit(t, fx.s, last, success(fx.cm, fx.fam, "fhir", fx.fam, care.ActionExport))
			if len(f.Aids) != 1 || f.Aids[0].ID != aid.ID || len(f.Aids[0].Documents) != 1 ||
				string(f.Aids[0].Documents[0].Content) != string(pdf) {
				t.Errorf("aids %+v, want the family's one aid with its document and content", f.Aids)
			}
			if len(f.Intensity) != len(hist) || len(hist) < 2 || f.Intensity[0].Reason != "Achteruitgang" {
				t.Errorf("intensity history %+v, want the family's %d changes, newest first", f.Intensity, len(hist))
			}
			for _, c := range f.Intensity {
				if c.FamilyID != fx.fam {
					t.Errorf("an intensity change of family %d", c.FamilyID)
				}
			}
			if tr := f.Transition; tr == nil || tr.FamilyID != fx.fam || len(tr.Steps) != 2 {
				t.Errorf("turning-18 checklist %+v", tr)
			}
			if f.Plan == nil || f.Plan.Version != 3 || len(f.PlanVersions) != 2 || f.PlanVersions[0].Version != 1 ||
				f.PlanVersions[1].Version != 2 || f.PlanVersions[0].FamilyID != fx.fam || f.PlanVersions[1].Wishes != "Thuis" {
				t.Errorf("plan %+v, earlier versions %+v: want version 3 and versions 1 and 2 before it", f.Plan, f.PlanVersions)
			}
			if len(f.Notes) != 1 || f.Notes[0].FamilyID != fx.fam || len(f.Threads) != 1 || f.Threads[0].FamilyID != fx.fam ||
				len(f.Threads[0].Messages) != 1 || f.Threads[0].Messages[0].Body != "Hoe gaat het?" {
				t.Errorf("notes %+v, conversations %+v: want the family's one note and one conversation", f.Notes, f.Threads)
			}

			// Each part is read only when asked.
			f, err = fx.svc.ExportFileParts(ctx, fx.cm, fx.fam, care.ActionRead, care.ExportAids)
			if err != nil {
				t.Fatal(err)
			}
			if len(f.Aids) != 1 || len(f.Aids[0].Documents) != 1 || f.Aids[0].Documents[0].Content != nil ||
				f.Intensity != nil || f.Transition != nil || f.Coverage != nil || f.PlanVersions != nil || f.Notes != nil || f.Threads != nil {
				t.Errorf("aids alone: aids %+v, intensity %v, transition %v, coverage %v", f.Aids, f.Intensity, f.Transition, f.Coverage)
			}
			f, err = fx.svc.ExportFileParts(ctx, fx.cm, fx.fam, care.ActionRead, care.ExportCore)
			if err != nil {
				t.Fatal(err)
			}
			if f.Aids != nil || f.Intensity != nil || f.Transition != nil || f.PlanVersions != nil {
				t.Errorf("the core alone: aids %v, intensity %v, transition %v, plan versions %v", f.Aids, f.Intensity, f.Transition, f.PlanVersions)
			}

			prov := linkProviderWithScope(t, fx, care.ScopeFile)
			f, err = fx.svc.ExportFile(ctx, prov, fx.fam, care.ActionExport)
			if err != nil {
				t.Fatal(err)
			}
			if f.Intensity != nil || f.Transition != nil || f.PlanVersions != nil || f.Notes != nil || f.Threads != nil {
				t.Errorf("a provider's export: intensity %v, transition %v, plan versions %v, notes %v, conversations %v",
					f.Intensity, f.Transition, f.PlanVersions, f.Notes, f.Threads)
			}
			// The aids as the provider's coverage page shows them: without
			// the family's documents and the note on the application.
			if len(f.Aids) != 1 || len(f.Aids[0].Documents) != 0 || f.Aids[0].Note != "" || f.Aids[0].Kind != "wheelchair" {
				t.Errorf("a provider's export: aids %+v, want the one aid without its documents and note", f.Aids)
			}
			if f.Plan == nil || f.Plan.Version != 3 {
				t.Errorf("a provider's export: plan %+v, want the current version", f.Plan)
			}
		})
	}
}
