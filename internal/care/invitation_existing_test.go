package care_test

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/store/storetest"
)

// TestAcceptInvitationAsAccount follows a GP and a parent who already have
// an account being invited to a second family: the right account links
// itself once; anyone else logged in is refused and recorded; and the GP
// then sees each family through its own consent.
func TestAcceptInvitationAsAccount(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			w := newViewWorld(t, db, date(2018, 3, 1))
			invite := func(cm care.Actor, inv care.Invitation) (string, *care.Invitation) {
				t.Helper()
				token, err := w.svc.CreateInvitation(ctx, cm, &inv)
				if err != nil {
					t.Fatal(err)
				}
				return token, &inv
			}
			linkOf := func(a care.Actor, fam int64) *care.Link {
				t.Helper()
				l, err := w.s.LinkOf(ctx, a.AccountID, fam)
				if err != nil {
					t.Fatal(err)
				}
				return l
			}
			// refused checks that a tries the token, gets want, leaves one
			// denied record and no link, and that the token still works.
			refused := func(a care.Actor, token string, inv *care.Invitation, want error) {
				t.Helper()
				err := w.audited(t, w.record(a, inv.FamilyID, "invitation", inv.ID, care.ActionUpdate, care.OutcomeDenied), func() error {
					_, err := w.svc.AcceptInvitationAsAccount(ctx, a, token)
					return err
				})
				if !errors.Is(err, want) {
					t.Errorf("AcceptInvitationAsAccount by %d: %v, want %v", a.AccountID, err, want)
				}
				if _, err := w.svc.InvitationForToken(ctx, token); err != nil {
					t.Errorf("the invitation after a refusal: %v, want it still usable", err)
				}
			}

			// The other family's case manager invites the GP, who has an
			// account already, as that family's GP.
			token, inv := invite(w.cm2, care.Invitation{FamilyID: w.other, Kind: care.LinkProvider, NetworkMemberID: w.otherNet,
				Email: "Huisarts@Example.org", Name: gpName})
			if exists, err := w.svc.InvitationForAccount(ctx, inv); err != nil || !exists {
				t.Fatalf("InvitationForAccount = %v, %v; want the GP's account found", exists, err)
			}
			// No account of its own: a password is chosen instead.
			_, fresh := invite(w.cm2, care.Invitation{FamilyID: w.other, Kind: care.LinkProvider, NetworkMemberID: w.otherNet,
				Email: "nieuw@example.org", Name: "Nieuw"})
			if exists, err := w.svc.InvitationForAccount(ctx, fresh); err != nil || exists {
				t.Errorf("InvitationForAccount for a new address = %v, %v; want false", exists, err)
			}
			// Someone else logged in who opens the link cannot take it:
			// another provider, or a parent of that very family.
			refused(w.stranger, token, inv, care.ErrInvitationOtherAccount)
			refused(w.otherParent, token, inv, care.ErrInvitationOtherAccount)
			if l := linkOf(w.stranger, w.other); l != nil {
				t.Errorf("another account was linked: %+v", l)
			}

			// The GP's own account links itself, as the invitation says.
			var got *care.Invitation
			err := w.audited(t, w.record(w.gp, w.other, "invitation", inv.ID, care.ActionUpdate, care.OutcomeSuccess), func() error {
				var err error
				got, err = w.svc.AcceptInvitationAsAccount(ctx, w.gp, token)
				return err
			})
			if err != nil || got.ID != inv.ID {
				t.Fatalf("AcceptInvitationAsAccount by the GP = %+v, %v", got, err)
			}
			if l := linkOf(w.gp, w.other); l == nil ||
				*l != (care.Link{FamilyID: w.other, AccountID: w.gp.AccountID, Kind: care.LinkProvider, NetworkMemberID: w.otherNet}) {
				t.Errorf("the GP's link to the second family: %+v", l)
			}
			if l := linkOf(w.gp, w.fam); l == nil || l.NetworkMemberID != w.gpNet {
				t.Errorf("the GP's first link changed: %+v", l)
			}
			// Used once: neither the GP nor anyone else uses it again.
			for _, a := range []care.Actor{w.gp, w.stranger} {
				if _, err := w.svc.AcceptInvitationAsAccount(ctx, a, token); !errors.Is(err, care.ErrInvitationUsed) {
					t.Errorf("the used invitation again: %v, want ErrInvitationUsed", err)
				}
			}
			if n, err := w.s.AccountHolderByEmail(ctx, "huisarts@example.org"); err != nil || n.ID != w.gp.AccountID {
				t.Errorf("the GP's account after linking: %+v, %v", n, err)
			}

			// A parent with a child in the other family is invited for
			// this one, and gets both.
			token, inv = invite(w.cm, care.Invitation{FamilyID: w.fam, Kind: care.LinkParent, MemberID: w.fatherMember,
				Email: "andere.ouder@example.org", Name: "Rob Hermans"})
			refused(w.gp, token, inv, care.ErrInvitationOtherAccount)
			if _, err := w.svc.AcceptInvitationAsAccount(ctx, w.otherParent, token); err != nil {
				t.Fatalf("the parent's second family: %v", err)
			}
			fams, err := w.svc.MyFamilies(ctx, w.otherParent)
			want := []care.LinkedFamily{
				{FamilyID: w.fam, ChildName: "Daan Hermans", Kind: care.LinkParent},
				{FamilyID: w.other, ChildName: "Bram Jansen", Kind: care.LinkParent},
			}
			if err != nil || !cmp.Equal(fams, want) {
				t.Errorf("the parent's families = %+v, %v; want %+v", fams, err, want)
			}

			// An account of the wrong kind, and one linked already.
			token, inv = invite(w.cm, care.Invitation{FamilyID: w.fam, Kind: care.LinkParent, MemberID: w.motherMember,
				Email: "vreemde@example.org", Name: "Vreemde"})
			refused(w.stranger, token, inv, care.ErrInvitationWrongRole)
			token, inv = invite(w.cm, care.Invitation{FamilyID: w.fam, Kind: care.LinkProvider, NetworkMemberID: w.physioNet,
				Email: "huisarts@example.org", Name: gpName})
			refused(w.gp, token, inv, care.ErrInvitationAlreadyLinked)

			// Each family decides for itself what the GP sees: here only
			// the plan and the network, there the whole file.
			w.consent(t, w.mother, w.gpNet, true, care.ScopePlanNetwork)
			if err := w.svc.SetConsent(ctx, w.otherParent, w.other, w.otherNet, true, care.ScopeFile); err != nil {
				t.Fatal(err)
			}
			gpTask := &care.Task{FamilyID: w.other, Title: "Pijnmedicatie evalueren", OwnerKind: "network", OwnerName: gpName, NetworkMemberID: w.otherNet}
			if err := w.svc.CreateTask(ctx, w.cm2, gpTask); err != nil {
				t.Fatal(err)
			}
			fams, err = w.svc.MyFamilies(ctx, w.gp)
			want = []care.LinkedFamily{
				{FamilyID: w.fam, ChildName: "Daan Hermans", Kind: care.LinkProvider, Consent: true, Scope: care.ScopePlanNetwork},
				{FamilyID: w.other, ChildName: "Bram Jansen", Kind: care.LinkProvider, Consent: true, Scope: care.ScopeFile},
			}
			if err != nil || !cmp.Equal(fams, want) {
				t.Errorf("the GP's families = %+v, %v; want %+v", fams, err, want)
			}
			here := w.canView(t, w.gp, true)
			if here.Scope != care.ScopePlanNetwork || len(here.Tasks) != 0 || !here.Family.BirthDate.IsZero() {
				t.Errorf("the GP in the plan-and-network family: scope %q, tasks %+v, birth date %v", here.Scope, here.Tasks, here.Family.BirthDate)
			}
			there, err := w.svc.ProviderView(ctx, w.gp, w.other)
			if err != nil || there.Scope != care.ScopeFile || len(there.Tasks) != 1 || there.Tasks[0].ID != gpTask.ID || there.Family.BirthDate.IsZero() {
				t.Errorf("the GP in the whole-file family: %+v, %v", there, err)
			}
			verifyIntact(t, w.s)
		})
	}
}
