package care_test

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store/storetest"
)

// TestRefusedWritesCarryTheirPage: a write refused for what was typed comes
// back with the page its form is on, read in the same transaction, and is
// one access with one record (outcome failed), for every reader.
func TestRefusedWritesCarryTheirPage(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			w := newViewWorld(t, db, date(2015, 3, 1))
			w.consent(t, w.mother, w.gpNet, true, care.ScopeFile)
			ctx := context.Background()
			check := func(what string, a care.Actor, object string, action care.Action, consent bool, call func() error, page func(*care.InvalidInput) bool) {
				t.Helper()
				want := w.record(a, w.fam, object, 0, action, care.OutcomeFailed)
				want.Consent = consent
				last := lastAuditID(t, w.s)
				err := call()
				var in *care.InvalidInput
				if !errors.As(err, &in) || !page(in) {
					t.Errorf("%s: %v, want field errors with the page", what, err)
				}
				es := auditAfter(t, w.s, last)
				if len(es) != 1 {
					t.Fatalf("%s: %d audit records, want 1", what, len(es))
				}
				if diff := cmp.Diff(want, es[0], ignoreChain, cmpopts.IgnoreFields(care.AuditEvent{}, "ObjectID")); diff != "" {
					t.Errorf("%s: audit record (-want +got):\n%s", what, diff)
				}
			}
			check("a contact without a kind", w.cm, "contact", care.ActionCreate, false, func() error {
				return w.svc.AddContact(ctx, w.cm, &care.Contact{FamilyID: w.fam, Date: date(2026, 6, 1)})
			}, func(in *care.InvalidInput) bool {
				return in.Fields.Has("kind") && in.Form != nil && in.Form.Family.ID == w.fam && len(in.Form.Network) == 2
			})
			check("a case manager closing a task without a note", w.cm, "task", care.ActionUpdate, false, func() error {
				return w.svc.CompleteTask(ctx, w.cm, care.ViewCaseFile, w.fam, w.cmTask, " ")
			}, func(in *care.InvalidInput) bool {
				return in.Fields.Has("done_note") && in.Form != nil && len(in.Form.Tasks) > 0
			})
			check("a parent's empty note", w.mother, "note", care.ActionCreate, false, func() error {
				return w.svc.AddNote(ctx, w.mother, care.ViewFamily, w.fam, care.NoteFamily, "  ")
			}, func(in *care.InvalidInput) bool {
				return in.Fields.Has("body") && in.Overview != nil && in.Overview.File.Family.ID == w.fam && in.Overview.File.Family.BSN == ""
			})
			check("a provider's empty note", w.gp, "note", care.ActionCreate, true, func() error {
				return w.svc.AddNote(ctx, w.gp, care.ViewProvider, w.fam, care.NoteProvider, "")
			}, func(in *care.InvalidInput) bool {
				return in.Fields.Has("body") && in.Provider != nil && in.Provider.Me.ID == w.gpNet
			})
			check("consent by a parent without custody", w.father, "consent", care.ActionUpdate, false, func() error {
				return w.svc.SetConsent(ctx, w.father, w.fam, w.gpNet, true, care.ScopeFile)
			}, func(in *care.InvalidInput) bool {
				return in.Rule != nil && in.Rule.Message == "consent.no_custody" && in.Overview != nil &&
					care.ErrorCode(in) == care.Forbidden
			})
		})
	}
}
