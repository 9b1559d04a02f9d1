package care_test

import (
	"context"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store/storetest"
)

// TestExportFileSince: asked with the revision of an earlier export, the
// service answers no file while the file is at that revision, and the
// file once it changed or on another day; every call is one audited
// export, and a reader without access is refused whatever revision they
// name.
func TestExportFileSince(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			fx := setup(t, db)
			since := func(svc *care.Service, who care.Actor, known care.FileRevision, days int) (*care.ExportFile, care.FileRevision) {
				t.Helper()
				last := lastAuditID(t, fx.s)
				f, rev, err := svc.ExportFileSince(ctx, who, fx.fam, care.ActionExport, care.ExportAll, known)
				if err != nil {
					t.Fatal(err)
				}
				want := success(who, fx.fam, "fhir", fx.fam, care.ActionExport)
				want.At = want.At.AddDate(0, 0, days)
				oneAudit(t, fx.s, last, want)
				return f, rev
			}
			f, rev := since(fx.svc, fx.cm, care.FileRevision{}, 0)
			if f == nil || rev.File == 0 || rev.Shared == 0 || !rev.Day.Equal(care.DateOf(now)) {
				t.Fatalf("first export: file %v, revision %+v", f != nil, rev)
			}
			if f, again := since(fx.svc, fx.cm, rev, 0); f != nil || !again.Same(rev) {
				t.Errorf("unchanged: file %v, revision %+v; want none and %+v", f != nil, again, rev)
			}
			c := &care.Contact{FamilyID: fx.fam, Date: care.DateOf(now), Kind: "phone", With: "parent", DurationMin: 10}
			if err := fx.svc.AddContact(ctx, fx.cm, c); err != nil {
				t.Fatal(err)
			}
			f, changed := since(fx.svc, fx.cm, rev, 0)
			if f == nil || changed.File == rev.File || len(f.Contacts) != 1 {
				t.Errorf("after a contact: file %v, revision %+v (was %+v)", f != nil, changed, rev)
			}
			tomorrow := care.NewService(fx.s, func() time.Time { return now.Add(24 * time.Hour) })
			if f, next := since(tomorrow, fx.cm, changed, 1); f == nil || next.File != changed.File || next.Day.Equal(changed.Day) {
				t.Errorf("the next day: file %v, revision %+v (was %+v)", f != nil, next, changed)
			}
			last := lastAuditID(t, fx.s)
			if _, _, err := fx.svc.ExportFileSince(ctx, fx.cm2, fx.fam, care.ActionExport, care.ExportAll, changed); care.ErrorCode(err) != care.NotFound {
				t.Errorf("another case manager: %v, want not found", err)
			}
			oneAudit(t, fx.s, last, denied(fx.cm2, fx.fam, "fhir", care.ActionExport))
		})
	}
}
