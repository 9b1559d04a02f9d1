package api_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
)

// TestAPIMyFamilies: GET /api/v1/me/families gives each account the
// families it may open: a case manager their caseload, a parent with two
// children both, a GP linked to two families each with the consent in
// force there (and no name where there is none); others 404, and no login
// 401. Each call is one audit record.
func TestAPIMyFamilies(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		ctx := context.Background()
		mine, theirs, _, _ := apiSetup(t, a)
		now := a.Clock.Now()
		famA := apiCreated(t, mine.API("POST", "/api/v1/families", apiIntake(now, "Noor Yılmaz", "2019-03-14")))
		famB := apiCreated(t, mine.API("POST", "/api/v1/families", apiIntake(now, "Sem Yılmaz", "2021-05-02")))
		mother, motherSecret := a.Account("elif@ouders.example", care.RoleFamily, true)
		doctor, doctorSecret := a.Account("mulder@huisarts.example", care.RoleProvider, true)
		var gpA int64
		for _, fam := range []int64{famA, famB} {
			member := apiCreated(t, mine.API("POST", apiFamilyPath(fam, "/members"), map[string]any{
				"kind": "parent", "name": "Elif Yılmaz", "relation": "moeder", "custody": true,
			}))
			gp := apiCreated(t, mine.API("POST", apiFamilyPath(fam, "/network"), map[string]any{"name": "Dr. J. Mulder", "role": "gp", "line": 1}))
			if fam == famA {
				gpA = gp
			}
			for _, l := range []*care.Link{
				{FamilyID: fam, AccountID: mother.ID, Kind: care.LinkParent, MemberID: member},
				{FamilyID: fam, AccountID: doctor.ID, Kind: care.LinkProvider, NetworkMemberID: gp},
			} {
				if err := a.Store.CreateLink(ctx, l); err != nil {
					t.Fatal(err)
				}
			}
		}
		// Consent for the GP in A only, for the plan and the network.
		if err := a.Care.SetConsent(ctx, care.Actor{AccountID: mother.ID, Role: care.RoleFamily, AccessPoint: "test"}, famA, gpA, true, care.ScopePlanNetwork); err != nil {
			t.Fatal(err)
		}
		parent, provider := a.Client(), a.Client()
		parent.Login(mother.Email, motherSecret)
		provider.Login(doctor.Email, doctorSecret)
		_, adminSecret := a.Account("beheer@kct.example", care.RoleAdmin, true)
		admin := a.Client()
		admin.Login("beheer@kct.example", adminSecret)

		const path = "/api/v1/me/families"
		fam := func(id int64, name, kind string, extra ...any) map[string]any {
			m := map[string]any{"family_id": float64(id), "kind": kind}
			if name != "" {
				m["child_name"] = name
			}
			for i := 0; i+1 < len(extra); i += 2 {
				m[extra[i].(string)] = extra[i+1]
			}
			return m
		}
		for _, tt := range []struct {
			who  string
			c    *client
			want []any
		}{
			{"the case manager", mine, []any{fam(famA, "Noor Yılmaz", "casemanager"), fam(famB, "Sem Yılmaz", "casemanager")}},
			{"another case manager", theirs, []any{}},
			{"the parent of both", parent, []any{fam(famA, "Noor Yılmaz", "parent"), fam(famB, "Sem Yılmaz", "parent")}},
			{"the GP of both", provider, []any{
				fam(famA, "Noor Yılmaz", "provider", "consent", true, "consent_scope", "plan_network"),
				fam(famB, "", "provider", "consent", false),
			}},
		} {
			before := auditCount(t, a)
			got, _ := apiAt(apiWant(t, tt.c.API("GET", path, nil), 200, ""), "families").([]any)
			if got == nil {
				got = []any{}
			}
			if diff := cmp.Diff(tt.want, got, sortByFamily); diff != "" {
				t.Errorf("%s (-want +got):\n%s", tt.who, diff)
			}
			if n := auditCount(t, a) - before; n != 1 {
				t.Errorf("%s: %d audit records, want 1", tt.who, n)
			}
		}
		apiWant(t, admin.API("GET", path, nil), 404, "not_found")
		apiWant(t, a.Client().API("GET", path, nil), 401, "unauthorized")
	})
}

// sortByFamily compares lists of families in any order.
var sortByFamily = cmpopts.SortSlices(func(a, b any) bool {
	return a.(map[string]any)["family_id"].(float64) < b.(map[string]any)["family_id"].(float64)
})

// auditCount is how many audit records there are.
func auditCount(t *testing.T, a *app) int {
	t.Helper()
	es, err := a.Store.AuditEvents(context.Background(), 0, 1000000)
	if err != nil {
		t.Fatal(err)
	}
	return len(es)
}
