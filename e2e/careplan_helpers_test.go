//go:build e2e

package e2e

import (
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
)

// Helpers for the care plan: seeding a plan, a parent and a provider
// through the care service, reading the plan back, and looking at the
// print view as paper.

// a4 is an A4 page at 96 dpi: 210 mm wide, 297 mm high.
var a4 = viewport{width: 794, height: 1123}

// planPath is a page of the family's care plan as a case manager sees it:
// rest "" is the plan, "/print" the print view.
func planPath(fam int64, rest string) string {
	return fmt.Sprintf("/families/%d/careplan%s", fam, rest)
}

// carePlan reads the family's current plan straight from the database, or nil.
func (a *app) carePlan(fam int64) *care.CarePlan {
	a.t.Helper()
	p, err := a.store.CarePlan(context.Background(), fam)
	if err != nil {
		a.t.Fatalf("read the care plan of family %d: %v", fam, err)
	}
	return p
}

// proposals reads the family's proposals from the database.
func (a *app) proposals(fam int64) []care.Proposal {
	a.t.Helper()
	ps, err := a.store.Proposals(context.Background(), fam)
	if err != nil {
		a.t.Fatalf("read the proposals of family %d: %v", fam, err)
	}
	return ps
}

// seededPlan is what seedPlan wrote, for the tests to look for.
type seededPlan struct {
	Wishes      string
	Goals       map[care.Dimension]string // one goal per dimension
	Actions     map[care.Dimension]string // one action per dimension, serving its goal
	Diagnosis   string                    // the physical problem, with ICD10
	ICD10       string
	AgreedBy    string // who agreed to the resuscitation decision
	DecidedOn   time.Time
	PlaceDetail string // the detail of the preferred place of death
}

// seedPlan starts the family's plan from the default template and fills
// it through the care service as a case manager would: the family's
// wishes, a goal with an action in each of the five dimensions, a medical
// problem, and "no resuscitation" and "at home" in the proactive care
// planning. It leaves the plan at version 2.
func (a *app) seedPlan(cm *user, fam int64) seededPlan {
	a.t.Helper()
	ctx := context.Background()
	svc := a.careService()
	p, err := svc.StartCarePlan(ctx, a.actor(cm), fam, 0)
	if err != nil {
		a.t.Fatalf("start the care plan: %v", err)
	}
	today := a.today()
	sp := seededPlan{
		Wishes:      "Zo veel mogelijk thuis zijn, met zijn broertje erbij.",
		Goals:       map[care.Dimension]string{},
		Actions:     map[care.Dimension]string{},
		Diagnosis:   "Spinale musculaire atrofie type 1",
		ICD10:       "G12.0",
		AgreedBy:    "Ouders en kinderarts Bakker",
		DecidedOn:   today.AddDate(0, 0, -10),
		PlaceDetail: "In zijn eigen kamer",
	}
	next := *p
	next.Wishes = sp.Wishes
	next.Sections = append([]care.PlanSection(nil), p.Sections...)
	var actions []care.Task
	for i, d := range care.Dimensions {
		sp.Goals[d] = []string{"Sam slaapt pijnvrij", "Sam is minder bang bij opnames",
			"De ouders houden tijd voor elkaar", "Sam gaat twee ochtenden per week naar school",
			"Er is ruimte voor vragen over de toekomst"}[i]
		sp.Actions[d] = []string{"Pijnscore bijhouden", "Kennismaking met de psycholoog", "Respijtzorg aanvragen",
			"Overleg met de intern begeleider", "Gesprek met de geestelijk verzorger"}[i]
		sec := &next.Sections[i]
		sec.Goals = append(append([]care.PlanItem(nil), sec.Goals...), care.PlanItem{For: "child", Text: sp.Goals[d]})
		actions = append(actions, care.Task{Title: sp.Actions[d], OwnerKind: "casemanager",
			DueDate: today.AddDate(0, 0, 14+i), PlanDimension: d, PlanGoal: care.NewGoal})
	}
	phys := next.Section(care.DimPhysical)
	phys.Situation = "Ademt 's nachts met ondersteuning; slikt moeilijk."
	phys.Problems = append(append([]care.PlanItem(nil), phys.Problems...),
		care.PlanItem{For: "child", Text: sp.Diagnosis, ICD10: sp.ICD10})
	next.ACP.Directives = []care.Directive{
		{Kind: "resuscitation", Decision: "no", Date: sp.DecidedOn, AgreedBy: sp.AgreedBy,
			Detail: "Wel zuurstof en medicatie tegen benauwdheid."},
		{Kind: "ventilation", Decision: "not_discussed"},
		{Kind: "icu", Decision: "not_discussed"},
		{Kind: "hospital", Decision: "yes_but", Date: sp.DecidedOn, AgreedBy: sp.AgreedBy,
			Detail: "Alleen kort, voor comfort."},
	}
	next.ACP.PlaceOfDeath = care.Preference{Place: "home", Detail: sp.PlaceDetail}
	next.ACP.PlaceOfCare = care.Preference{Place: "home"}
	if _, err := svc.SaveCarePlan(ctx, a.actor(cm), fam, p.Version, &next, actions); err != nil {
		a.t.Fatalf("fill the care plan: %v", err)
	}
	return sp
}

// planWorld is a family with a main diagnosis, a mother with custody, a
// GP and a paediatrician reachable day and night, and a filled care plan
// (seedPlan) at version 2.
type planWorld struct {
	a                *app
	cm               *user // the KCT case manager
	fam              int64
	child            string
	diagnosis, icd10 string // the child's main diagnosis in the file
	plan             seededPlan
	mother           *care.Member
	gp, paed         *care.NetworkMember
	planPathCM       string // the plan page of the case managers
}

func newPlanWorld(t *testing.T) *planWorld {
	t.Helper()
	a := newApp(t, site.Config{})
	ctx, today := context.Background(), a.today()
	w := &planWorld{a: a, child: "Sam de Wit", diagnosis: "Spinale musculaire atrofie type 1", icd10: "G12.0"}
	w.cm = a.newUser("Carla Visser", "carla.visser@kct.test", care.RoleCaseManager, true)
	fam, err := a.careService().CreateFamily(ctx, a.actor(w.cm), care.Intake{
		Family: care.Family{ChildName: w.child, BirthDate: today.AddDate(-7, -3, 0), Sex: "male",
			Intensity: care.Regular, Diagnosis: w.diagnosis, ICD10: w.icd10},
		Episode: care.Episode{ReferralDate: today, SurpriseQuestion: "no", Status: "accepted",
			Reason: "Aangemeld door de kinderarts"},
		Kind: "kct",
	})
	if err != nil {
		t.Fatalf("create the family: %v", err)
	}
	w.fam, w.planPathCM = fam, planPath(fam, "")
	w.mother = &care.Member{FamilyID: fam, Kind: "parent", Name: "Eva de Wit", Relation: "moeder", Custody: true,
		Email: "eva.dewit@gezin.test", Phone: "06 12 34 56 78"}
	if err := a.careService().AddMember(ctx, a.actor(w.cm), w.mother); err != nil {
		t.Fatalf("add the mother: %v", err)
	}
	w.gp = &care.NetworkMember{FamilyID: fam, Name: "Dr. Anouk de Boer", Role: "gp", Organisation: "Huisartsenpraktijk De Linde",
		Line: 1, Phone: "030 123 45 67", Email: "a.deboer@delinde.test", Reachability: "Werkdagen 8–17 uur"}
	a.addNetworkMember(w.cm, w.gp)
	w.paed = &care.NetworkMember{FamilyID: fam, Name: "Dr. Jeroen Bakker", Role: "paediatrician",
		Organisation: "Wilhelmina Kinderziekenhuis", Line: 3, Phone: "088 755 55 55", AlwaysReachable: true,
		Reachability: "Via de dienstdoende kinderarts"}
	a.addNetworkMember(w.cm, w.paed)
	w.plan = a.seedPlan(w.cm, fam)
	return w
}

// assignThuis makes other the family's thuis case manager, as cm would.
func (a *app) assignThuis(cm *user, fam int64, other *user) {
	a.t.Helper()
	if _, err := a.careService().AssignCaseManager(context.Background(), a.actor(cm), fam, "thuis", other.ID); err != nil {
		a.t.Fatalf("assign %s as thuis case manager: %v", other.Name, err)
	}
}

// linkAccount links u's existing account to the family as the invitation
// inv describes: invited by cm through the care service, and used by u's
// account straight in the store, as a fixture (accounts_test.go follows an
// existing account accepting an invitation in the browser).
func (a *app) linkAccount(cm *user, inv *care.Invitation, u *user) {
	a.t.Helper()
	ctx := context.Background()
	if _, err := a.careService().CreateInvitation(ctx, a.actor(cm), inv); err != nil {
		a.t.Fatalf("invite %s: %v", inv.Email, err)
	}
	if err := a.store.UseInvitation(ctx, inv.ID, u.ID, a.clock.Now()); err != nil {
		a.t.Fatalf("use the invitation of %s: %v", inv.Email, err)
	}
	if err := a.store.CreateLink(ctx, &care.Link{FamilyID: inv.FamilyID, AccountID: u.ID, Kind: inv.Kind,
		MemberID: inv.MemberID, NetworkMemberID: inv.NetworkMemberID}); err != nil {
		a.t.Fatalf("link %s: %v", inv.Email, err)
	}
}

// setConsent gives (granted) or withdraws the parent's consent for the
// provider nm to see the care plan and network.
func (a *app) setConsent(parent *user, fam, nm int64, granted bool) {
	a.t.Helper()
	scope := care.ScopePlanNetwork
	if !granted {
		scope = ""
	}
	actor := care.Actor{AccountID: parent.ID, Role: parent.Role, OrganisationID: parent.OrganisationID, AccessPoint: "127.0.0.1"}
	if err := a.careService().SetConsent(context.Background(), actor, fam, nm, granted, scope); err != nil {
		a.t.Fatalf("set consent %v for network member %d: %v", granted, nm, err)
	}
}

// printMedia switches the tab's CSS media to print (on) or back to screen.
func (tb *tab) printMedia(on bool) {
	tb.t.Helper()
	media := "screen"
	if on {
		media = "print"
	}
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media}); err != nil {
		tb.fail("emulate %s media: %v", media, err)
	}
	if got := eval[bool](tb, `matchMedia("print").matches`); got != on {
		tb.fail("matchMedia(print) is %v after switching, want %v", got, on)
	}
}

// visible reports whether the element sel exists and takes up room on the
// page (display none, visibility hidden and zero size count as hidden).
func (tb *tab) visible(sel string) bool {
	tb.t.Helper()
	return eval[bool](tb, fmt.Sprintf(`(el => {
		if (!el) return false;
		const s = getComputedStyle(el), r = el.getBoundingClientRect();
		return s.display !== "none" && s.visibility !== "hidden" && r.width > 0 && r.height > 0;
	})(document.querySelector(%q))`, sel))
}

// pdfPages prints the page to a PDF on A4 paper, as the browser's print
// dialog would, saves it next to the screenshots and returns its path and,
// per page, how many runs of text the page draws (the text-showing
// operators of its content stream): a page with next to none is empty.
func (tb *tab) pdfPages(name string) (string, []int) {
	tb.t.Helper()
	ctx, cancel := context.WithTimeout(tb.ctx, stepTimeout)
	defer cancel()
	res, err := chromedp.Call(ctx, page.PrintToPDF, page.PrintToPDFParams{PaperWidth: 8.27, PaperHeight: 11.69, // A4 in inches
		PreferCSSPageSize: ptr(true), PrintBackground: ptr(true)})
	if err != nil {
		tb.fail("print to PDF: %v", err)
	}
	path := filepath.Join(artifactDir(tb.t), name+".pdf")
	if err := os.WriteFile(path, res.Data, 0o644); err != nil {
		tb.t.Fatalf("write PDF: %v", err)
	}
	tb.t.Logf("PDF: %s", path)
	texts, err := pdfTextRuns(res.Data)
	if err != nil {
		tb.t.Fatalf("read the PDF Chromium printed: %v", err)
	}
	return path, texts
}

var (
	pdfKids     = regexp.MustCompile(`/Type /Pages[^>]*?/Kids \[([^\]]*)\]`)
	pdfRef      = regexp.MustCompile(`(\d+) 0 R`)
	pdfContents = regexp.MustCompile(`/Contents (\d+) 0 R`)
	pdfText     = regexp.MustCompile(`T[jJ]\b`)
)

// pdfTextRuns counts the text-showing operators (Tj, TJ) of each page of a
// PDF as Chromium writes it: one page tree, one Flate-compressed content
// stream per page.
func pdfTextRuns(pdf []byte) ([]int, error) {
	obj := func(n string) ([]byte, error) {
		i := bytes.Index(pdf, []byte("\n"+n+" 0 obj"))
		if i < 0 {
			return nil, fmt.Errorf("object %s not found", n)
		}
		end := bytes.Index(pdf[i:], []byte("endobj"))
		if end < 0 {
			return nil, fmt.Errorf("object %s has no end", n)
		}
		return pdf[i : i+end], nil
	}
	kids := pdfKids.FindSubmatch(pdf)
	if kids == nil {
		return nil, fmt.Errorf("no page tree")
	}
	var out []int
	for _, ref := range pdfRef.FindAllSubmatch(kids[1], -1) {
		pg, err := obj(string(ref[1]))
		if err != nil {
			return nil, err
		}
		c := pdfContents.FindSubmatch(pg)
		if c == nil {
			return nil, fmt.Errorf("page %s has no single content stream", ref[1])
		}
		stream, err := obj(string(c[1]))
		if err != nil {
			return nil, err
		}
		_, data, ok := bytes.Cut(stream, []byte("stream"))
		if !ok {
			return nil, fmt.Errorf("object %s is no stream", c[1])
		}
		data = bytes.TrimLeft(data, "\r\n")
		zr, err := zlib.NewReader(bytes.NewReader(data))
		if err != nil {
			return nil, fmt.Errorf("content stream %s: %w", c[1], err)
		}
		plain, err := io.ReadAll(zr)
		if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, fmt.Errorf("content stream %s: %w", c[1], err)
		}
		out = append(out, len(pdfText.FindAll(plain, -1)))
	}
	return out, nil
}

// wantNoEmptyPages fails the test when a printed page other than the last
// draws less than a quarter of the text of an average page: a page left
// (nearly) blank by a page break in the wrong place.
func wantNoEmptyPages(t *testing.T, what string, runs []int) {
	t.Helper()
	total := 0
	for _, n := range runs {
		total += n
	}
	for i, n := range runs[:max(len(runs)-1, 0)] {
		if n*4*len(runs) < total {
			t.Errorf("%s: page %d of %d is nearly empty (%d runs of text; per page: %v)", what, i+1, len(runs), n, runs)
		}
	}
}

func ptr[T any](v T) *T { return &v }

// artifactDir is where screenshots and PDFs go (see tab.screenshot).
func artifactDir(t interface{ Fatalf(string, ...any) }) string {
	dir := os.Getenv("SPIL_E2E_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "spil-e2e")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatalf("artifact dir: %v", err)
	}
	return dir
}

// pick chooses value for the choice field name, drawn either as a select
// (id name) or as radio buttons (name name).
func (tb *tab) pick(name, value string) {
	tb.t.Helper()
	if tb.count(fmt.Sprintf("select#%s", name)) > 0 {
		tb.selectOption("#"+name, value)
		if got := tb.value("#" + name); got != value {
			tb.fail("select %s holds %q after choosing %q", name, got, value)
		}
		return
	}
	tb.choose(radio(name, value))
}

// picked returns the value chosen in the choice field name (a select or
// radio buttons), "" when none.
func (tb *tab) picked(name string) string {
	tb.t.Helper()
	return eval[string](tb, fmt.Sprintf(`(name => {
		const sel = document.querySelector("select#" + name);
		if (sel) return sel.value;
		const r = document.querySelector('input[type="radio"][name="' + name + '"]:checked');
		return r ? r.value : "";
	})(%q)`, name))
}

// compareRow is one row of the compare table that differs.
type compareRow struct {
	Group    string // id of its tbody: compare-<part>
	Cells    []string
	Del, Ins bool // the old value struck through, the new one marked inserted
	Badge    string
}

// wantChangedRow fails the test unless the compare table marks exactly one
// row as different: label in part group, old in the first version's column
// (struck through), new in the second's (marked) and a "changed" badge.
func (tb *tab) wantChangedRow(group, label, old, new string) {
	tb.t.Helper()
	rows := eval[[]compareRow](tb, `Array.from(document.querySelectorAll("#compare-table tbody tr:not(.row-same):not(.compare-section)"), tr => ({
		Group: tr.parentElement.id,
		Cells: Array.from(tr.cells, c => c.innerText.trim()),
		Del: !!tr.cells[1].querySelector("del"), Ins: !!tr.cells[2].querySelector("ins"),
		Badge: (b => b ? b.innerText.trim() : "")(tr.querySelector(".badge.change-changed")),
	}))`)
	if len(rows) != 1 {
		tb.fail("%d rows marked as different, want 1: %+v", len(rows), rows)
	}
	r := rows[0]
	if r.Group != group || len(r.Cells) != 4 || r.Cells[0] != label || r.Cells[1] != old || r.Cells[2] != new ||
		!r.Del || !r.Ins || r.Badge == "" || strings.HasPrefix(r.Badge, "careplan.") {
		tb.fail("the changed row = %+v; want %s: %q, %q (struck through) → %q (marked), with a change badge", r, group, label, old, new)
	}
	if n := tb.count("#compare-table tr.row-same"); n == 0 {
		tb.fail("the compare table shows no unchanged rows next to the changed one")
	}
}

// checkNoOverflow reports an error, without ending the test, when the page
// is wider than the window: it names the first element past the right
// edge (outside the scrolling table boxes), so one run shows every page
// that overflows.
func (tb *tab) checkNoOverflow(what string) {
	tb.t.Helper()
	type widths struct {
		Scroll, Inner int
		Past          []string
	}
	w := eval[widths](tb, fmt.Sprintf(`(vw => {
		const past = [];
		// Inside a box that scrolls or clips sideways, being past the edge is by design.
		const clipped = el => {
			for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
				if (getComputedStyle(p).overflowX !== "visible") return true;
			}
			return false;
		};
		for (const el of document.body.querySelectorAll("*")) {
			const r = el.getBoundingClientRect();
			if (r.right > vw + 1 && !clipped(el) && past.length < 3) {
				past.push(el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
					(el.className ? "." + String(el.className).trim().replace(/ +/g, ".") : "") +
					(el.getAttribute("href") ? "[href=" + el.getAttribute("href") + "]" : "") +
					" right=" + Math.round(r.right) + " text=" + JSON.stringify((el.innerText || "").trim().slice(0, 40)));
			}
		}
		return {Scroll: document.documentElement.scrollWidth, Inner: window.innerWidth, Past: past};
	})(%d)`, tb.vp.width))
	if w.Scroll > tb.vp.width || w.Inner > tb.vp.width || len(w.Past) > 0 {
		tb.t.Errorf("%s overflows sideways at %dpx: scrollWidth %d, innerWidth %d; past the edge: %q",
			what, tb.vp.width, w.Scroll, w.Inner, w.Past)
	}
}

// checkFits reports an error, without ending the test, when the content
// of the box sel is wider than the box, so part of it is only seen by
// scrolling sideways (a table whose last columns are cut off).
func (tb *tab) checkFits(sel, what string) {
	tb.t.Helper()
	w := eval[[]int](tb, fmt.Sprintf(`(el => [el.scrollWidth, el.clientWidth])(document.querySelector(%q))`, sel))
	if w[0] > w[1]+1 {
		tb.t.Errorf("%s at %dpx: %s is %dpx wide but shows %dpx; the rest is only seen by scrolling sideways",
			what, tb.vp.width, sel, w[0], w[1])
	}
}

// checkContained reports an error, without ending the test, for any
// element that sticks out past the right edge of the box it is drawn in
// (each element matching boxes), such as a long badge or quote spilling
// over the border of its card.
func (tb *tab) checkContained(boxes, what string) {
	tb.t.Helper()
	out := eval[[]string](tb, fmt.Sprintf(`(() => {
		const out = [];
		for (const box of document.querySelectorAll(%q)) {
			const edge = box.getBoundingClientRect().right;
			for (const el of box.querySelectorAll("*")) {
				let clipped = false;
				for (let p = el.parentElement; p && p !== box; p = p.parentElement) {
					if (getComputedStyle(p).overflowX !== "visible") clipped = true;
				}
				const r = el.getBoundingClientRect();
				if (!clipped && r.width > 0 && r.right > edge + 1 && out.length < 5) {
					out.push((box.id ? "#" + box.id : box.tagName.toLowerCase()) + " > " + el.tagName.toLowerCase() +
						(el.id ? "#" + el.id : "") + (el.className ? "." + String(el.className).trim().replace(/ +/g, ".") : "") +
						" " + Math.round(r.right - edge) + "px past the edge");
				}
			}
		}
		return out;
	})()`, boxes))
	if len(out) > 0 {
		tb.t.Errorf("%s at %dpx: elements stick out of their box: %q", what, tb.vp.width, out)
	}
}

// countAudit counts the family's audit records of action on object.
func (a *app) countAudit(t *testing.T, familyID int64, object string, action care.Action) int {
	t.Helper()
	evs, err := a.store.FamilyAuditEvents(context.Background(), familyID)
	if err != nil {
		t.Fatalf("read the audit trail: %v", err)
	}
	n := 0
	for _, e := range evs {
		if e.ObjectType == object && e.Action == action {
			n++
		}
	}
	return n
}

// waitAudit waits until the family has want audit records of action on
// object: a record the browser sends in the background arrives later.
func (a *app) waitAudit(t *testing.T, familyID int64, object string, action care.Action, want int) {
	t.Helper()
	deadline := time.Now().Add(stepTimeout)
	for {
		n := a.countAudit(t, familyID, object, action)
		if n == want {
			return
		}
		if n > want || time.Now().After(deadline) {
			t.Errorf("%d audit records %s of %s, want %d", n, action, object, want)
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
}
