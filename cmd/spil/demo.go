package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/demo"
	"github.com/spil-zorg/spil/internal/store"
)

var demoCommand = command{
	name:    "demo",
	usage:   "demo --families N [flags] | demo --national [--scale S] [flags]",
	summary: "fill a database with generated families, for load tests",
	flags: func(f *flags, c *Config) {
		f.dbFlag(c)
		f.logFlags(c)
		f.integer(&c.Families, "families", 1000, "number of families to generate, all for one case manager")
		f.integer(&c.Seed, "seed", 1, "random seed: the same seed makes the same families")
		f.boolean(&c.National, "national", false, "generate a national deployment instead: regions, organisations, "+
			"case managers and five years of history (see --scale; --families is ignored); needs a database without families")
		f.float(&c.Scale, "scale", 1, "with --national: 1 is 1,000 case managers, 10,000 families, 3 million contacts "+
			"and 20 million audit records; 0.01 is a hundredth of that")
	},
	run: runDemo,
}

// demoAccount is one of the accounts demo mode makes.
type demoAccount struct {
	Email string
	Name  string
	Role  care.Role
	About string
	// Link, when set, ties the account to a demo family's file; Also
	// to further families (one account, many families).
	Link *demoLink
	Also []demoLink
}

// links are all the families the account is tied to, Link first.
func (d demoAccount) links() []demoLink {
	if d.Link == nil {
		return nil
	}
	return append([]demoLink{*d.Link}, d.Also...)
}

// demoLink ties a demo account to one demo family: a parent to a member of
// the family, a provider to a member of the care network, both by name.
type demoLink struct {
	Child string // the family, by the child's name
	Kind  string // care.LinkParent or care.LinkProvider
	As    string // the family member or network member the account is
	// ConsentBy is, for a provider, the e-mail of the demo parent who gave
	// consent; "" leaves the provider without consent. Scope is what the
	// consent covers: the whole file when "".
	ConsentBy string
	Scope     string
}

// The two demo case managers: most families are with the KCT case manager,
// some with both as a duo, and a few with the thuis case manager alone
// (demo.Family's KCT and Thuis say which).
const (
	kctEmail   = "casemanager@demo.spil.test"
	thuisEmail = "casemanager.thuis@demo.spil.test"
)

// The demo family that a parent and two providers have accounts for.
const (
	parentEmail = "ouder@demo.spil.test"
	linkedChild = "Daan Hermans"
)

// demoAccounts are listed in the README; keep the two in step.
var demoAccounts = []demoAccount{
	{Email: kctEmail, Name: demo.KCTCaseManager, Role: care.RoleCaseManager, About: "casemanager KCT"},
	{Email: thuisEmail, Name: demo.ThuisCaseManager, Role: care.RoleCaseManager, About: "casemanager thuis"},
	{Email: "zorgverlener@demo.spil.test", Name: "Pieter de Graaf", Role: care.RoleProvider,
		About: "huisarts van Daan Hermans, met toestemming",
		Link:  &demoLink{Child: linkedChild, Kind: care.LinkProvider, As: "Pieter de Graaf", ConsentBy: parentEmail}},
	{Email: "zorgverlener2@demo.spil.test", Name: "Fenna Mulder", Role: care.RoleProvider,
		About: "fysiotherapeut van Daan Hermans, zonder toestemming",
		Link:  &demoLink{Child: linkedChild, Kind: care.LinkProvider, As: "Fenna Mulder"}},
	{Email: parentEmail, Name: "Sandra Hermans", Role: care.RoleFamily, About: "moeder van Daan Hermans",
		Link: &demoLink{Child: linkedChild, Kind: care.LinkParent, As: "Sandra Hermans"}},
	{Email: "zorgverlener3@demo.spil.test", Name: demo.HomeCareNurse, Role: care.RoleProvider,
		About: "kinderthuiszorg van Sem de Wit (toestemming voor zorgplan en netwerk) en Yara El Amrani (nog zonder)",
		Link: &demoLink{Child: "Sem de Wit", Kind: care.LinkProvider, As: demo.HomeCareNurse, ConsentBy: "ouder2@demo.spil.test",
			Scope: care.ScopePlanNetwork},
		Also: []demoLink{{Child: "Yara El Amrani", Kind: care.LinkProvider, As: demo.HomeCareNurse}}},
	{Email: "ouder2@demo.spil.test", Name: "Paul de Wit", Role: care.RoleFamily, About: "vader van Sem de Wit",
		Link: &demoLink{Child: "Sem de Wit", Kind: care.LinkParent, As: "Paul de Wit"}},
	{Email: "coordinator@demo.spil.test", Name: "Ria Jansen", Role: care.RoleCoordinator, About: "regiocoördinator"},
	{Email: "beheer@demo.spil.test", Name: "Bas Beheer", Role: care.RoleAdmin, About: "beheerder"},
}

// demoCast is who acts in the demo files: the case managers, and the demo
// accounts that are linked to families.
type demoCast struct {
	team     map[string]care.Person // by demo.ByKCT and demo.ByThuis
	accounts map[string]int64       // account ids by e-mail; nil makes no links
	now      time.Time              // when the demo consent was given
}

// loadEmail is the case manager that spil demo --families gives the
// generated families to. It is an ordinary account: it needs a second
// factor, and its password is only known after spil user reset-password.
const (
	loadEmail = "loadtest@demo.spil.test"
	loadName  = "Casemanager Lasttest"
)

// setUpDemo fills an empty database with the demo organisation, accounts and
// families with their files, and on every start gives the demo accounts a
// fresh password (or SPIL_DEMO_PASSWORD) and prints it.
func setUpDemo(ctx context.Context, a *app, s *store.Store, authSvc *auth.Service) error {
	n, err := s.OrganisationCount(ctx)
	if err != nil {
		return err
	}
	now := time.Now().UTC()
	if n == 0 {
		org, err := s.CreateOrganisation(ctx, "Demo Kinder Comfort Team", now)
		if err != nil {
			return err
		}
		if err := s.SetOrganisationRegion(ctx, org, demo.DemoRegion); err != nil {
			return err
		}
		cast := demoCast{team: map[string]care.Person{}, accounts: map[string]int64{}, now: now}
		for _, d := range demoAccounts {
			acc, err := authSvc.CreateAccount(ctx, auth.NewAccount{
				OrganisationID: org, Email: d.Email, Name: d.Name, Role: d.Role, Password: auth.RandomPassword(), MFAExempt: true,
			})
			if err != nil {
				return fmt.Errorf("demo account %s: %w", d.Email, err)
			}
			cast.accounts[d.Email] = acc.ID
			reach := care.Reachability{}
			switch d.Email {
			case kctEmail:
				cast.team[demo.ByKCT] = care.Person{AccountID: acc.ID, Name: acc.Name}
				reach = demo.KCTReachability
				if err := saveIntervision(ctx, s, acc.ID, demo.KCTIntervision(now), now); err != nil {
					return fmt.Errorf("demo account %s: %w", d.Email, err)
				}
			case thuisEmail:
				cast.team[demo.ByThuis] = care.Person{AccountID: acc.ID, Name: acc.Name}
				reach = demo.ThuisReachability
			}
			if !reach.Empty() {
				if err := s.SetAccountReachability(ctx, acc.ID, reach); err != nil {
					return fmt.Errorf("demo account %s: %w", d.Email, err)
				}
			}
		}
		fams := demo.Families(now)
		for i := range fams {
			f := &fams[i]
			err := s.Atomic(ctx, func(st care.Store) error { return saveFile(ctx, st, org, f, cast) })
			if err != nil {
				return fmt.Errorf("demo family %s: %w", f.ChildName, err)
			}
		}
		if err := saveKaart(ctx, s, org, cast.accounts[coordinatorEmail], now); err != nil {
			return err
		}
		a.log.Info("demo data created", "families", len(fams), "accounts", len(demoAccounts))
	}
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "  E-MAIL\tROLE\tPASSWORD")
	listed := 0
	for _, d := range demoAccounts {
		acc, err := s.AccountByEmail(ctx, d.Email)
		if care.ErrorCode(err) == care.NotFound {
			continue // the database was not made by demo mode
		} else if err != nil {
			return err
		}
		if !acc.MFAExempt {
			continue
		}
		pw := a.cfg.DemoPassword
		if pw == "" {
			pw = auth.RandomPassword()
		}
		if err := authSvc.SetPassword(ctx, acc.ID, pw, ""); err != nil {
			var rule care.FieldErrors
			if errors.As(err, &rule) {
				return fmt.Errorf("demo password: %s (SPIL_DEMO_PASSWORD must follow the password rules: at least 12 characters, not a common password)", rule["password"])
			}
			// Not the password: the database did not take it.
			return fmt.Errorf("demo account %s: saving its password failed: %w", d.Email, err)
		}
		fmt.Fprintf(tw, "  %s\t%s (%s)\t%s\n", d.Email, d.Role, d.About, pw)
		listed++
	}
	tw.Flush()
	if listed == 0 {
		fmt.Fprintf(a.out, "\nSpil demo mode, on a database that demo mode did not fill: it has no demo accounts.\n"+
			"Start demo mode on a new database (--db) to get the demo families and accounts.\n\n")
		return nil
	}
	fmt.Fprintf(a.out, "\nSpil demo mode. Log in with one of these accounts (no second factor needed in demo mode):\n\n%s\n", b.String())
	return nil
}

// saveFile stores one family's whole file through st: the family with its
// episode and the case manager who opened the file (KCT when there is one),
// the other case manager, the members and network, the intensity changes in
// the order they were made, the contacts, the tasks, closing those that are
// done, the care plan, the coverage plan and aids, and the links of the
// demo accounts with the consent they have.
func saveFile(ctx context.Context, st care.Store, org int64, f *demo.Family, cast demoCast) error {
	team := cast.team
	opener := demo.ByThuis
	if f.KCT {
		opener = demo.ByKCT
	}
	if len(f.Steps) == 0 {
		return fmt.Errorf("demo family %s has no intake", f.ChildName)
	}
	intake := f.Steps[0]
	fam := f.CareFamily()
	fam.OrganisationID = org
	fam.Intensity, fam.NextContact = intake.Intensity, intake.NextContact
	fam.CreatedAt = intake.ChangedAt
	ep := f.Episode
	if err := st.CreateFamilyFile(ctx, &fam, &ep, opener, team[opener].AccountID, intake.ChangedAt); err != nil {
		return err
	}
	if f.KCT && f.Thuis {
		if err := st.AssignCaseManager(ctx, fam.ID, demo.ByThuis, team[demo.ByThuis].AccountID); err != nil {
			return err
		}
	}
	members, network := map[string]int64{}, map[string]int64{}
	for _, m := range f.Members {
		m.FamilyID = fam.ID
		if err := st.AddMember(ctx, &m); err != nil {
			return err
		}
		members[m.Name] = m.ID
	}
	for _, n := range f.Network {
		n.FamilyID = fam.ID
		if err := st.SaveNetworkMember(ctx, &n); err != nil {
			return err
		}
		network[n.Name] = n.ID
	}
	for _, step := range f.Steps[1:] {
		c := step.IntensityChange
		c.FamilyID, c.ChangedBy = fam.ID, team[step.By]
		if err := st.AddIntensityChange(ctx, &c); err != nil {
			return err
		}
	}
	for _, contact := range append(f.History[:len(f.History):len(f.History)], f.Contacts...) {
		c := contact.Contact
		c.FamilyID, c.CreatedBy = fam.ID, team[contact.By]
		if err := st.AddContact(ctx, &c); err != nil {
			return err
		}
	}
	var tasks []care.Task
	for _, task := range f.Tasks {
		t := task.Task
		by := team[task.By]
		t.FamilyID, t.CreatedBy = fam.ID, by
		if t.OwnerKind == "casemanager" && t.OwnerName == "" {
			t.OwnerName = by.Name
		}
		if task.ForProvider {
			if t.NetworkMemberID = network[t.OwnerName]; t.NetworkMemberID == 0 {
				return fmt.Errorf("task %q: %q is not in the network", t.Title, t.OwnerName)
			}
		}
		// The owner is a person in the file where the name says so: one
		// of the case managers, or a parent or carer.
		for _, p := range team {
			if t.OwnerKind == care.OwnerCaseManager && p.Name == t.OwnerName {
				t.OwnerAccountID = p.AccountID
			}
		}
		if t.OwnerKind == care.OwnerFamily {
			t.OwnerMemberID = members[t.OwnerName]
		}
		if err := st.CreateTask(ctx, &t); err != nil {
			return err
		}
		if err := saveHandover(ctx, st, &t, task.Handed, team); err != nil {
			return err
		}
		if t.Status == "done" {
			if err := st.CompleteTask(ctx, fam.ID, t.ID, t.DoneNote, t.DoneAt, by.AccountID); err != nil {
				return err
			}
		}
		tasks = append(tasks, t)
	}
	if err := savePlan(ctx, st, fam.ID, f.Plan, tasks, team); err != nil {
		return err
	}
	if err := saveCoverage(ctx, st, fam.ID, f, network, team); err != nil {
		return err
	}
	if err := saveStays(ctx, st, fam.ID, f, team); err != nil {
		return err
	}
	if err := saveTransfers(ctx, st, fam.ID, fam.BirthDate, f, members, network, team); err != nil {
		return err
	}
	if err := saveMeetings(ctx, st, fam.ID, f, members, network, team); err != nil {
		return err
	}
	if err := saveDeath(ctx, st, fam.ID, f, members, network, team); err != nil {
		return err
	}
	if err := saveLinks(ctx, st, fam.ID, f.ChildName, members, network, cast); err != nil {
		return err
	}
	if err := saveProposals(ctx, st, fam.ID, f, cast); err != nil {
		return err
	}
	return saveThreads(ctx, st, fam.ID, f.ChildName, cast)
}

// saveHandover stores how task t came to its owner, as the history of a
// task given to someone else keeps it: the owner, and the due date when it
// moved.
func saveHandover(ctx context.Context, st care.Store, t *care.Task, h *demo.Handover, team map[string]care.Person) error {
	if h == nil {
		return nil
	}
	events := []care.TaskEvent{{Field: "owner", FromKind: h.FromKind, From: h.FromName, ToKind: t.OwnerKindShown(), To: t.OwnerName}}
	if !h.DueWas.Equal(t.DueDate) {
		events = append(events, care.TaskEvent{Field: "due_date", From: demoISODate(h.DueWas), To: demoISODate(t.DueDate)})
	}
	for i := range events {
		e := &events[i]
		e.FamilyID, e.TaskID, e.At, e.By = t.FamilyID, t.ID, h.At.UTC(), team[h.By]
		if err := st.AddTaskEvent(ctx, e); err != nil {
			return fmt.Errorf("task %q: history: %w", t.Title, err)
		}
	}
	return nil
}

// demoISODate is a date as a task's history keeps it; "" for none.
func demoISODate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.DateOnly)
}

// savePlan stores the versions of a demo care plan, oldest first, each
// with the plan's actions as the tasks stood then.
func savePlan(ctx context.Context, st care.Store, familyID int64, versions []demo.PlanVersion, tasks []care.Task, team map[string]care.Person) error {
	var prev *care.CarePlan
	for i, v := range versions {
		p := v.Plan
		p.FamilyID, p.SavedAt, p.SavedBy = familyID, v.At.UTC(), team[v.By]
		var then []care.Task
		for _, t := range tasks {
			if !t.CreatedAt.After(v.At) {
				then = append(then, t)
			}
		}
		care.SnapshotActions(&p, then)
		p.Changes = care.PlanChanges(prev, &p)
		if err := st.SaveCarePlan(ctx, &p, i); err != nil {
			return fmt.Errorf("care plan version %d: %w", i+1, err)
		}
		prev = &p
	}
	return nil
}

// saveProposals stores the open proposals of the family, made by the demo
// account linked as the member who proposes.
func saveProposals(ctx context.Context, st care.Store, familyID int64, f *demo.Family, cast demoCast) error {
	if cast.accounts == nil {
		return nil
	}
	for _, pr := range f.Proposals {
		var by int64
		for _, d := range demoAccounts {
			if d.Link != nil && d.Link.Child == f.ChildName && d.Link.As == pr.Member {
				by = cast.accounts[d.Email]
			}
		}
		if by == 0 {
			return fmt.Errorf("demo proposal: %q has no demo account", pr.Member)
		}
		p := &care.Proposal{FamilyID: familyID, Section: pr.Section, Body: pr.Body, ProposedBy: care.Person{AccountID: by},
			ProposedAt: pr.At.UTC(), Status: care.ProposalOpen}
		if err := st.AddProposal(ctx, p); err != nil {
			return err
		}
	}
	for _, pr := range f.NetworkProposals {
		by := demoAccountOf(cast, f.ChildName, pr.Member)
		if by == 0 {
			return fmt.Errorf("demo network proposal: %q has no demo account", pr.Member)
		}
		p := &care.FamilyProposal{FamilyID: familyID, Kind: pr.Kind, Name: pr.Name, Role: pr.Role, Organisation: pr.Organisation,
			Phone: pr.Phone, ProposedBy: care.Person{AccountID: by}, ProposedAt: pr.At.UTC(), Status: care.FamilyProposalOpen}
		if err := st.AddFamilyProposal(ctx, p); err != nil {
			return err
		}
	}
	return nil
}

// demoAccountOf is the demo account linked to the family of child as the
// member named as, or 0.
func demoAccountOf(cast demoCast, child, as string) int64 {
	for _, d := range demoAccounts {
		if d.Link != nil && d.Link.Child == child && d.Link.As == as {
			return cast.accounts[d.Email]
		}
	}
	return 0
}

// saveLinks links the demo accounts that belong to this family, by the
// names of the members and network members, and records the consent a
// demo parent gave for a provider.
func saveLinks(ctx context.Context, st care.Store, familyID int64, child string, members, network map[string]int64, cast demoCast) error {
	if cast.accounts == nil {
		return nil
	}
	for _, d := range demoAccounts {
		for _, dl := range d.links() {
			if dl.Child != child {
				continue
			}
			if err := saveLink(ctx, st, familyID, d.Email, dl, members, network, cast); err != nil {
				return err
			}
		}
	}
	return nil
}

// saveLink links the demo account email to the family as dl says.
func saveLink(ctx context.Context, st care.Store, familyID int64, email string, dl demoLink, members, network map[string]int64, cast demoCast) error {
	l := care.Link{FamilyID: familyID, AccountID: cast.accounts[email], Kind: dl.Kind}
	ids := members
	if dl.Kind == care.LinkProvider {
		ids = network
	}
	id, ok := ids[dl.As]
	if !ok || l.AccountID == 0 {
		return fmt.Errorf("demo account %s: %q is not in the file of %s", email, dl.As, dl.Child)
	}
	if dl.Kind == care.LinkProvider {
		l.NetworkMemberID = id
	} else {
		l.MemberID = id
	}
	if err := st.CreateLink(ctx, &l); err != nil {
		return fmt.Errorf("demo account %s: %w", email, err)
	}
	if dl.ConsentBy == "" {
		return nil
	}
	by := cast.accounts[dl.ConsentBy]
	if by == 0 {
		return fmt.Errorf("demo account %s: consent by %s, who is no demo account", email, dl.ConsentBy)
	}
	scope := cmp.Or(dl.Scope, care.ScopeFile)
	return st.AddConsent(ctx, &care.ConsentRecord{FamilyID: familyID, NetworkMemberID: id, GivenBy: care.Person{AccountID: by},
		GiverKind: care.GiverParent, Granted: true, Scope: scope, At: cast.now})
}

func runDemo(ctx context.Context, a *app, args []string) error {
	if len(args) > 0 {
		return fmt.Errorf("unexpected arguments: %s", strings.Join(args, " "))
	}
	s, err := openDatabase(ctx, a, dbUse{create: true, migrate: true, current: true})
	if err != nil {
		return err
	}
	defer s.Close()
	if a.cfg.National {
		return runNationalDemo(ctx, a, s)
	}
	start := time.Now()
	org, err := firstOrganisation(ctx, s, "Demo (gegenereerd)")
	if err != nil {
		return err
	}
	if a.cfg.Families == 0 {
		fmt.Fprintf(a.out, "Generated 0 families in %s.\n", time.Since(start).Round(time.Millisecond))
		return nil
	}
	authSvc, err := newAuth(ctx, a.cfg, s)
	if err != nil {
		return err
	}
	cm, err := loadCaseManager(ctx, s, authSvc, org)
	if err != nil {
		return err
	}
	team := map[string]care.Person{demo.ByKCT: cm, demo.ByThuis: cm}
	// One transaction per batch: far faster than one per family, and a
	// failure loses at most one batch.
	const batchSize = 500
	batch := make([]demo.Family, 0, batchSize)
	flush := func() error {
		err := s.Atomic(ctx, func(st care.Store) error {
			for i := range batch {
				if err := saveFile(ctx, st, org, &batch[i], demoCast{team: team}); err != nil {
					return err
				}
			}
			return nil
		})
		batch = batch[:0]
		return err
	}
	now := start.UTC()
	err = demo.Generate(a.cfg.Families, int64(a.cfg.Seed), now, func(i int, f demo.Family) error {
		batch = append(batch, f)
		if len(batch) == batchSize {
			return flush()
		}
		return ctx.Err()
	})
	if err == nil && len(batch) > 0 {
		err = flush()
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(a.out, "Generated %d families in %s.\n", a.cfg.Families, time.Since(start).Round(time.Millisecond))
	fmt.Fprintf(a.out, "Their case manager is %s; to log in as it, run: spil user reset-password --email %s\n", loadEmail, loadEmail)
	return nil
}

// loadCaseManager returns the case manager of generated families, creating
// the account with a random password the first time.
func loadCaseManager(ctx context.Context, s *store.Store, authSvc *auth.Service, org int64) (care.Person, error) {
	acc, err := s.AccountByEmail(ctx, loadEmail)
	if care.ErrorCode(err) == care.NotFound {
		acc, err = authSvc.CreateAccount(ctx, auth.NewAccount{
			OrganisationID: org, Email: loadEmail, Name: loadName, Role: care.RoleCaseManager, Password: auth.RandomPassword(),
		})
	}
	if err != nil {
		return care.Person{}, fmt.Errorf("load-test case manager %s: %w", loadEmail, err)
	}
	if acc.Role != care.RoleCaseManager {
		return care.Person{}, fmt.Errorf("%s exists but is not a case manager", loadEmail)
	}
	return care.Person{AccountID: acc.ID, Name: acc.Name}, nil
}
