package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/demo"
	"github.com/spil-zorg/spil/internal/store"
)

// familyCount counts the families of the first organisation.
func familyCount(t *testing.T, dsn string) int {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	org, err := s.FirstOrganisation(ctx)
	if err != nil {
		t.Fatalf("first organisation: %v", err)
	}
	n, err := s.FamilyCount(ctx, org)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestDemoFamilies(t *testing.T) {
	for _, d := range databases() {
		t.Run(d.name, func(t *testing.T) {
			dsn := d.fresh(t)
			if d.name == "postgres" {
				mustSpil(t, "migrate", "--db", dsn)
			}
			r := mustSpil(t, "demo", "--families", "500", "--seed", "3", "--db", dsn)
			if !strings.Contains(r.stdout, "Generated 500 families in ") {
				t.Errorf("demo says %q", r.stdout)
			}
			if got := familyCount(t, dsn); got != 500 {
				t.Errorf("after one run: %d families, want 500", got)
			}
			// A second run adds to the same organisation.
			mustSpil(t, "demo", "--families", "500", "--seed", "3", "--db", dsn)
			if got := familyCount(t, dsn); got != 1000 {
				t.Errorf("after two runs: %d families, want 1000", got)
			}
			s := openDB(t, dsn)
			if n, err := s.OrganisationCount(context.Background()); err != nil || n != 1 {
				t.Errorf("%d organisations (%v), want 1", n, err)
			}
			r = mustSpil(t, "demo", "--families", "0", "--db", dsn)
			if !strings.Contains(r.stdout, "Generated 0 families") || familyCount(t, dsn) != 1000 {
				t.Errorf("--families 0: %q, %d families", r.stdout, familyCount(t, dsn))
			}
			checkLoadFiles(t, s, 1000)
		})
	}
}

// checkLoadFiles checks that the generated families all went to one load-test
// case manager, an ordinary account, and that their files have content.
func checkLoadFiles(t *testing.T, s *store.Store, want int) {
	t.Helper()
	ctx := context.Background()
	accounts, err := s.Accounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(accounts) != 1 || accounts[0].Email != loadEmail {
		t.Fatalf("accounts after the load generator: %d, want only %s", len(accounts), loadEmail)
	}
	cm := accounts[0]
	if cm.Role != care.RoleCaseManager || cm.MFAExempt {
		t.Errorf("%s: role %s, MFA exempt %v: want an ordinary case manager", cm.Email, cm.Role, cm.MFAExempt)
	}
	items, err := s.Caseload(ctx, cm.ID, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if len(items) != want {
		t.Fatalf("the load-test case manager holds %d families, want %d", len(items), want)
	}
	var network, contacts, tasks, overdue, noGP int
	for _, it := range items[:100] {
		f, err := s.FamilyFile(ctx, it.FamilyID, 0)
		if err != nil {
			t.Fatal(err)
		}
		if f.Episode == nil || f.CaseManagers.KCT.AccountID != cm.ID || len(f.Members) == 0 || len(f.Intensity) == 0 {
			t.Errorf("%s: episode %v, KCT case manager %v, %d members, %d intensity records",
				f.Family.ChildName, f.Episode, f.CaseManagers.KCT, len(f.Members), len(f.Intensity))
		}
		if f.Intensity[0].Intensity != f.Family.Intensity {
			t.Errorf("%s: the last intensity change is %s, the family is %s", f.Family.ChildName, f.Intensity[0].Intensity, f.Family.Intensity)
		}
		if !f.HasGP() {
			noGP++
		}
		network += len(f.Network)
		contacts += len(f.Contacts)
		tasks += len(f.Tasks)
		overdue += it.Overdue
	}
	if network < 300 || contacts < 100 || tasks < 100 || overdue == 0 || noGP > 20 {
		t.Errorf("100 files hold %d network members, %d contacts, %d tasks (%d overdue), %d without GP",
			network, contacts, tasks, overdue, noGP)
	}
}

// TestServeDemoFiles starts demo mode and checks the files it made against
// the demo families: each has an episode and a case manager, the two demo
// case managers hold the families the stories give them, and the network,
// contacts, tasks and intensity history are all there.
func TestServeDemoFiles(t *testing.T) {
	for _, d := range databases() {
		t.Run(d.name, func(t *testing.T) {
			dsn := d.fresh(t)
			if d.name == "postgres" {
				mustSpil(t, "migrate", "--db", dsn)
			}
			srv := startServe(t, fakeEnv(nil, nil), "--demo", "--db", dsn)
			if code := srv.stop(t); code != 0 {
				t.Fatalf("exit code %d\nstderr:\n%s", code, srv.stderr)
			}
			s := openDB(t, dsn)
			checkDemoFiles(t, s)
			checkDemoLinks(t, s)
			checkDemoManyFamilies(t, s)
			checkDemoThreads(t, s)
			checkDemoMeetings(t, s)
			checkDemoIntervision(t, s)
			checkDemoCoverage(t, s)
			checkDemoStays(t, s)
			checkDemoTransfers(t, s)
			checkDemoDeath(t, s)
			checkDemoJourney(t, s)
			checkDemoSignals(t, s)
		})
	}
}

// checkDemoLinks checks the demo accounts that are linked to Daan Hermans's
// file, through the care service as they would use it: his mother with
// custody, the GP with her consent and a task of his own, and the
// physiotherapist without consent, who sees nothing. No other demo account
// is linked to a family.
func checkDemoLinks(t *testing.T, s *store.Store) {
	t.Helper()
	ctx := context.Background()
	svc := care.NewService(s, nil)
	actor := func(email string) care.Actor { t.Helper(); return demoActor(t, s, email) }
	linked := map[string]care.Link{}
	for _, d := range demoAccounts {
		a := actor(d.Email)
		links, err := s.LinkedFamilies(ctx, a.AccountID)
		if err != nil {
			t.Fatal(err)
		}
		switch want := len(d.links()); {
		case len(links) != want:
			t.Errorf("%s is linked to %d families, want %d", d.Email, len(links), want)
		case want > 0:
			linked[d.Email] = links[0].Link
		}
	}
	mother, gp, physio := linked[parentEmail], linked["zorgverlener@demo.spil.test"], linked["zorgverlener2@demo.spil.test"]
	if mother.FamilyID == 0 || gp.FamilyID != mother.FamilyID || physio.FamilyID != mother.FamilyID {
		t.Fatalf("links %+v: want all three in one family", linked)
	}
	f, err := s.FamilyFile(ctx, mother.FamilyID, 0)
	if err != nil {
		t.Fatal(err)
	}
	if f.Family.ChildName != linkedChild {
		t.Errorf("the linked family is %s, want %s", f.Family.ChildName, linkedChild)
	}
	member := func(id int64) care.Member {
		for _, m := range f.Members {
			if m.ID == id {
				return m
			}
		}
		return care.Member{}
	}
	network := func(id int64) care.NetworkMember {
		for _, n := range f.Network {
			if n.ID == id {
				return n
			}
		}
		return care.NetworkMember{}
	}
	if m := member(mother.MemberID); mother.Kind != care.LinkParent || m.Name != "Sandra Hermans" || m.Kind != "parent" || !m.Custody {
		t.Errorf("the mother's link %+v is to %+v: want the parent Sandra Hermans, with custody", mother, m)
	}
	if n := network(gp.NetworkMemberID); gp.Kind != care.LinkProvider || n.Name != "Pieter de Graaf" || n.Role != "gp" {
		t.Errorf("the GP's link %+v is to %+v: want the GP Pieter de Graaf", gp, n)
	}
	if n := network(physio.NetworkMemberID); physio.Kind != care.LinkProvider || n.Name != "Fenna Mulder" || n.Role != "therapist" {
		t.Errorf("the physiotherapist's link %+v is to %+v: want Fenna Mulder, therapist", physio, n)
	}

	// Consent: the mother's, for the GP only, for the whole file.
	recs, err := s.ConsentRecords(ctx, f.Family.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1 || recs[0].NetworkMemberID != gp.NetworkMemberID || recs[0].GivenBy.AccountID != mother.AccountID ||
		recs[0].GiverKind != care.GiverParent || !recs[0].Granted || recs[0].Scope != care.ScopeFile {
		t.Errorf("consent records %+v: want one grant by the mother for the GP", recs)
	}

	// As they would see it.
	pf, err := svc.ProviderView(ctx, actor("zorgverlener@demo.spil.test"), f.Family.ID)
	if err != nil {
		t.Fatalf("the GP's view: %v", err)
	}
	if pf.Scope != care.ScopeFile || pf.Me.ID != gp.NetworkMemberID || len(pf.Tasks) != 1 || pf.Tasks[0].Status != "open" {
		t.Errorf("the GP sees scope %q, as %+v, tasks %+v: want the whole file and one open task of his own", pf.Scope, pf.Me, pf.Tasks)
	}
	// That task was handed to the GP by the KCT case manager: its history
	// shows it, as does the owner of every other kind of task in the file.
	if len(pf.Tasks) == 1 {
		hist := pf.TaskEvents[pf.Tasks[0].ID]
		if len(hist) != 2 || hist[0].Field != "owner" || hist[0].FromKind != "casemanager" || hist[0].To != "Pieter de Graaf" || hist[1].Field != "due_date" {
			t.Errorf("the GP's task history %+v: want the handover from the case manager and the moved date", hist)
		}
	}
	kinds := map[string]bool{}
	for _, k := range f.Tasks {
		if k.Owner().ID != 0 {
			kinds[k.OwnerKindShown()] = true
		}
	}
	for _, kind := range []string{care.OwnerCaseManager, care.OwnerNetwork, care.OwnerParent} {
		if !kinds[kind] {
			t.Errorf("no task in the file has a %s as its owner: %v", kind, kinds)
		}
	}
	if _, err := svc.ProviderView(ctx, actor("zorgverlener2@demo.spil.test"), f.Family.ID); care.ErrorCode(err) != care.NotFound {
		t.Errorf("the physiotherapist's view without consent: %v, want NotFound", err)
	}
	ov, err := svc.FamilyView(ctx, actor(parentEmail), f.Family.ID)
	if err != nil {
		t.Fatalf("the mother's view: %v", err)
	}
	for _, pc := range ov.Consents {
		if given := pc.Member.ID == gp.NetworkMemberID; pc.State.Given() != given {
			t.Errorf("the mother sees consent for %s: %v, want %v", pc.Member.Name, pc.State.Given(), given)
		}
	}
	if !ov.MayConsent {
		t.Error("the mother may not give consent")
	}

	// The care plan: two versions with the place of death chosen in the
	// second, live actions, and the mother's open proposal; the GP with
	// consent reads it, the physiotherapist without consent does not.
	plan, err := svc.CarePlan(ctx, actor("zorgverlener@demo.spil.test"), f.Family.ID, care.ViewCarePlan)
	if err != nil {
		t.Fatalf("the GP reads the plan: %v", err)
	}
	if p := plan.Plan; p == nil || p.Version != 2 || p.ACP.PlaceOfDeath.Place != "home" || len(plan.Actions) == 0 || len(plan.Proposals) != 0 {
		t.Errorf("the GP sees plan %+v with %d actions and %d proposals: want version 2, death at home, actions, no proposals",
			plan.Plan, len(plan.Actions), len(plan.Proposals))
	}
	if _, err := svc.CarePlan(ctx, actor("zorgverlener2@demo.spil.test"), f.Family.ID, care.ViewCarePlan); care.ErrorCode(err) != care.NotFound {
		t.Errorf("the physiotherapist reads the plan without consent: %v, want NotFound", err)
	}
	mine, err := svc.CarePlan(ctx, actor(parentEmail), f.Family.ID, care.ViewCarePlan)
	if err != nil {
		t.Fatalf("the mother reads the plan: %v", err)
	}
	if len(mine.Proposals) != 1 || mine.Proposals[0].Status != care.ProposalOpen || mine.Proposals[0].ProposedBy.AccountID != mother.AccountID {
		t.Errorf("the mother sees proposals %+v: want her one open proposal", mine.Proposals)
	}
	cmp, err := svc.CompareCarePlan(ctx, actor(kctEmail), f.Family.ID, 1, 2)
	if err != nil {
		t.Fatal(err)
	}
	changed := 0
	for _, r := range cmp.Rows {
		if r.Change != "" {
			changed++
		}
	}
	if changed == 0 || len(cmp.B.Changes) == 0 {
		t.Errorf("versions 1 and 2 differ in %d values, changes %v: want both", changed, cmp.B.Changes)
	}
}

func checkDemoFiles(t *testing.T, s *store.Store) {
	t.Helper()
	ctx := context.Background()
	now := time.Now()
	want := map[string]demo.Family{}
	var wantKCT, wantThuis, thuisOnly int
	for _, f := range demo.Families(now) {
		want[f.ChildName] = f
		if f.KCT {
			wantKCT++
		}
		if f.Thuis {
			wantThuis++
			if !f.KCT {
				thuisOnly++
			}
		}
	}

	caseload := func(email, name string) (care.Person, map[int64]bool) {
		t.Helper()
		acc, err := s.AccountByEmail(ctx, email)
		if err != nil {
			t.Fatalf("demo case manager %s: %v", email, err)
		}
		if acc.Role != care.RoleCaseManager || acc.Name != name || !acc.MFAExempt {
			t.Errorf("%s: %s, role %s, MFA exempt %v", email, acc.Name, acc.Role, acc.MFAExempt)
		}
		items, err := s.Caseload(ctx, acc.ID, now)
		if err != nil {
			t.Fatal(err)
		}
		ids := map[int64]bool{}
		for _, it := range items {
			ids[it.FamilyID] = true
		}
		return care.Person{AccountID: acc.ID, Name: acc.Name}, ids
	}
	kct, kctFams := caseload(kctEmail, demo.KCTCaseManager)
	thuis, thuisFams := caseload(thuisEmail, demo.ThuisCaseManager)
	if len(kctFams) != wantKCT || len(thuisFams) != wantThuis {
		t.Errorf("%s holds %d families, %s %d; want %d and %d", kct.Name, len(kctFams), thuis.Name, len(thuisFams), wantKCT, wantThuis)
	}
	all := map[int64]bool{}
	alone := 0
	for id := range kctFams {
		all[id] = true
	}
	for id := range thuisFams {
		all[id] = true
		if !kctFams[id] {
			alone++
		}
	}
	if alone != thuisOnly || alone < 2 {
		t.Errorf("%s alone holds %d families, want %d (at least 2)", thuis.Name, alone, thuisOnly)
	}
	org, err := s.FirstOrganisation(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := s.FamilyCount(ctx, org); err != nil || n != len(all) || n != len(want) {
		t.Errorf("%d families (%v), %d with a case manager, want %d", n, err, len(all), len(want))
	}

	for id := range all {
		f, err := s.FamilyFile(ctx, id, 0)
		if err != nil {
			t.Fatal(err)
		}
		name := f.Family.ChildName
		d, ok := want[name]
		if !ok {
			t.Errorf("family %q is not a demo family", name)
			continue
		}
		if f.Episode == nil || f.Episode.Status != d.Episode.Status || f.Episode.ReferredBy != d.Episode.ReferredBy {
			t.Errorf("%s: episode %+v, want status %s", name, f.Episode, d.Episode.Status)
		}
		wantKCT, wantThuis := care.Person{}, care.Person{}
		if d.KCT {
			wantKCT = kct
		}
		if d.Thuis {
			wantThuis = thuis
		}
		if f.CaseManagers.KCT != wantKCT || f.CaseManagers.Thuis != wantThuis {
			t.Errorf("%s: case managers %+v, want KCT %v and thuis %v", name, f.CaseManagers, wantKCT, wantThuis)
		}
		// A transfer's checklist items are tasks of the family too.
		wantTasks, wantDone := demoTaskCount(d), 0
		for _, tr := range d.Transfers {
			wantTasks += len(tr.Items)
			for _, it := range tr.Items {
				if it.Done {
					wantDone++
				}
			}
		}
		if len(f.Members) != len(d.Members) || len(f.Network) != len(d.Network) || len(f.Contacts) != len(d.Contacts)+len(d.History) ||
			len(f.Tasks) != wantTasks || len(f.Intensity) != len(d.Steps) {
			t.Errorf("%s: %d members, %d network, %d contacts, %d tasks, %d intensity records; want %d, %d, %d, %d, %d", name,
				len(f.Members), len(f.Network), len(f.Contacts), len(f.Tasks), len(f.Intensity),
				len(d.Members), len(d.Network), len(d.Contacts)+len(d.History), wantTasks, len(d.Steps))
		}
		if string(f.Family.Intensity) != d.Intensity || f.Family.NextContact.IsZero() || !f.Family.NextContact.After(care.DateOf(now).AddDate(0, 0, -1)) {
			t.Errorf("%s: intensity %s, next contact %v; want %s and a planned contact", name, f.Family.Intensity, f.Family.NextContact, d.Intensity)
		}
		if f.HasGP() != hasGP(d) {
			t.Errorf("%s: GP in the network %v, want %v", name, f.HasGP(), hasGP(d))
		}
		if f.Family.LivingSituation != d.LivingSituation || f.Family.CultureNotes != d.CultureNotes {
			t.Errorf("%s: living situation or culture notes differ", name)
		}
		done := 0
		for _, tk := range f.Tasks {
			if tk.Status == "done" {
				done++
				if tk.DoneNote == "" || tk.DoneBy.AccountID == 0 {
					t.Errorf("%s: task %q done without a note or by no one", name, tk.Title)
				}
			}
		}
		for _, tk := range d.Tasks {
			if tk.Status == "done" {
				wantDone++
			}
		}
		if done != wantDone {
			t.Errorf("%s: %d tasks done, want %d", name, done, wantDone)
		}
	}
}

func hasGP(f demo.Family) bool {
	for _, n := range f.Network {
		if n.Role == "gp" {
			return true
		}
	}
	return false
}

func TestDemoUsage(t *testing.T) {
	dsn := databases()[0].fresh(t)
	tests := []struct {
		args       []string
		wantCode   int
		wantStderr string
	}{
		{[]string{"demo", "--db", dsn, "extra"}, 1, "unexpected arguments: extra"},
		{[]string{"demo", "--db", dsn, "--families", "-1"}, 2, "--families must not be negative"},
		{[]string{"serve", "--db", dsn, "extra"}, 1, "unexpected arguments: extra"},
	}
	for _, tt := range tests {
		r := spil(t, tt.args...)
		if r.code != tt.wantCode || !strings.Contains(r.stderr, tt.wantStderr) {
			t.Errorf("%q: want exit %d and %q, got\n%v", tt.args, tt.wantCode, tt.wantStderr, r)
		}
	}
}

// SQLite is migrated on the spot; PostgreSQL, which several instances may
// share, only by spil migrate: until then demo, serve and user refuse.
func TestPostgresNeedsMigrate(t *testing.T) {
	dsn := postgres(t).fresh(t)
	for _, args := range [][]string{
		{"demo", "--families", "5", "--db", dsn},
		{"serve", "--demo", "--addr", "127.0.0.1:0", "--db", dsn},
		{"user", "list", "--db", dsn},
	} {
		r := spil(t, args...)
		if r.code != 1 || !strings.Contains(r.stderr, "spil migrate") || !strings.Contains(r.stderr, "0001_init.sql") {
			t.Errorf("%q on an unmigrated database: want exit 1 saying to run spil migrate, got\n%v", args[0], r)
		}
	}
	r := mustSpil(t, "migrate", "--db", dsn)
	if !strings.Contains(r.stdout, "applied 0001_init.sql") {
		t.Errorf("migrate says %q", r.stdout)
	}
	r = mustSpil(t, "migrate", "--db", dsn)
	if !strings.Contains(r.stdout, "The database is up to date.") {
		t.Errorf("second migrate says %q", r.stdout)
	}
	mustSpil(t, "demo", "--families", "5", "--db", dsn)
	if got := familyCount(t, dsn); got != 5 {
		t.Errorf("%d families, want 5", got)
	}
}

func TestMigrateSQLite(t *testing.T) {
	dsn := databases()[0].fresh(t)
	r := mustSpil(t, "migrate", "--db", dsn)
	if !strings.Contains(r.stdout, "applied 0001_init.sql") {
		t.Errorf("migrate says %q", r.stdout)
	}
	r = mustSpil(t, "migrate", "--db", dsn)
	if !strings.Contains(r.stdout, "The database is up to date.") {
		t.Errorf("second migrate says %q", r.stdout)
	}
	pending, err := openDB(t, dsn).Pending(context.Background())
	if err != nil || len(pending) != 0 {
		t.Errorf("pending after migrate: %q (%v)", pending, err)
	}
	r = spil(t, "migrate", "--db", "")
	if r.code != 1 || !strings.Contains(r.stderr, "neither a SQLite file path nor a postgres:// URL") {
		t.Errorf("migrate --db '': %v", r)
	}
}

// demoActor is the demo account with e-mail address email, as the care
// service sees it acting.
func demoActor(t *testing.T, s *store.Store, email string) care.Actor {
	t.Helper()
	acc, err := s.AccountByEmail(context.Background(), email)
	if err != nil {
		t.Fatalf("demo account %s: %v", email, err)
	}
	return care.Actor{AccountID: acc.ID, Role: acc.Role, OrganisationID: acc.OrganisationID, AccessPoint: "test"}
}
