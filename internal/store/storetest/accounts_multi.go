package storetest

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/spil-zorg/spil/internal/care"
)

// testAccountHolders: an account holder is found by id and by address,
// with its role and whether it is active; an unknown one is NotFound.
func testAccountHolders(t *testing.T, s Store) {
	ctx := context.Background()
	org := newOrg(t, s)
	a := newAccount(t, s, org, "a@example.org")
	b := newAccount(t, s, org, "b@example.org")
	mustDo(t, "disable b", s.DisableAccount(ctx, b.ID, t0))
	for _, tt := range []struct {
		id    int64
		email string
		want  care.AccountHolder
	}{
		{a.ID, "a@example.org", care.AccountHolder{ID: a.ID, Email: "a@example.org", Role: care.RoleCaseManager, Active: true}},
		{b.ID, "b@example.org", care.AccountHolder{ID: b.ID, Email: "b@example.org", Role: care.RoleCaseManager}},
	} {
		got, err := s.AccountHolder(ctx, tt.id)
		if err != nil || !cmp.Equal(*got, tt.want) {
			t.Errorf("AccountHolder(%d) = %+v, %v; want %+v", tt.id, got, err, tt.want)
		}
		got, err = s.AccountHolderByEmail(ctx, tt.email)
		if err != nil || !cmp.Equal(*got, tt.want) {
			t.Errorf("AccountHolderByEmail(%q) = %+v, %v; want %+v", tt.email, got, err, tt.want)
		}
	}
	if _, err := s.AccountHolder(ctx, 987654); care.ErrorCode(err) != care.NotFound {
		t.Errorf("AccountHolder of no account: %v, want NotFound", err)
	}
	if _, err := s.AccountHolderByEmail(ctx, "A@example.org"); care.ErrorCode(err) != care.NotFound {
		t.Errorf("AccountHolderByEmail with capitals: %v, want NotFound (addresses are stored in lower case)", err)
	}
}

// testReachability: a case manager's reachability is kept on their
// account, replaced whole, and read with the family's case managers.
func testReachability(t *testing.T, s Store) {
	ctx := context.Background()
	org := newOrg(t, s)
	a := newAccount(t, s, org, "a@example.org")
	b := newAccount(t, s, org, "b@example.org")
	f := newFile(t, s, org, a.ID, "kct", "Anna", date(2018, 1, 1))
	mustDo(t, "assign thuis", s.AssignCaseManager(ctx, f.ID, "thuis", b.ID))

	if r, err := s.AccountReachability(ctx, a.ID); err != nil || !r.Empty() {
		t.Errorf("AccountReachability before any = %+v, %v; want empty", r, err)
	}
	ra := care.Reachability{WorkPhone: "030 123 45 67", Hours: "ma–do 8–17 uur; ’s nachts het KCT-team", StandIn: "Karin Smit"}
	rb := care.Reachability{WorkPhone: "+31 6 12345678", Hours: "di en vr"}
	mustDo(t, "set a", s.SetAccountReachability(ctx, a.ID, ra))
	mustDo(t, "set b", s.SetAccountReachability(ctx, b.ID, rb))
	if r, err := s.AccountReachability(ctx, a.ID); err != nil || r != ra {
		t.Errorf("AccountReachability(a) = %+v, %v; want %+v", r, err, ra)
	}
	cms, err := s.FamilyCaseManagers(ctx, f.ID)
	if err != nil || cms.KCTReach != ra || cms.ThuisReach != rb || cms.KCT.AccountID != a.ID || cms.Thuis.AccountID != b.ID {
		t.Errorf("FamilyCaseManagers = %+v, %v", cms, err)
	}
	if cm := familyFile(t, s, f.ID).CaseManagers; cm != cms {
		t.Errorf("the family file's case managers %+v, want %+v", cm, cms)
	}
	// Replaced whole: a field left empty is emptied.
	rb = care.Reachability{WorkPhone: "+31 6 12345678"}
	mustDo(t, "replace b", s.SetAccountReachability(ctx, b.ID, rb))
	if r, err := s.AccountReachability(ctx, b.ID); err != nil || r != rb {
		t.Errorf("AccountReachability(b) after replacing = %+v, %v; want %+v", r, err, rb)
	}
	if r, _ := s.AccountReachability(ctx, a.ID); r != ra {
		t.Errorf("another account's change touched a's: %+v", r)
	}
	if err := s.SetAccountReachability(ctx, 987654, ra); care.ErrorCode(err) != care.NotFound {
		t.Errorf("SetAccountReachability of no account: %v, want NotFound", err)
	}
	if _, err := s.AccountReachability(ctx, 987654); care.ErrorCode(err) != care.NotFound {
		t.Errorf("AccountReachability of no account: %v, want NotFound", err)
	}
}
