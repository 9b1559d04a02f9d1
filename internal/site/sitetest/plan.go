package sitetest

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
)

// plans numbers the plan worlds, so each has its own e-mail addresses.
var plans atomic.Int64

// PlanWorld is one family of nine with a care plan in its second version:
// wishes, a problem, a goal with an overdue action, an agreement, a
// "no resuscitation" directive and a review date that has passed. Around
// it: its case manager, a parent with custody, the child, the GP with the
// parent's consent, a 24/7 nurse linked without consent, and a case
// manager of another family.
type PlanWorld struct {
	App         *App
	Fam         int64
	CM          *Client
	CMActor     care.Actor
	Parent      *Client
	ParentActor care.Actor
	Child       *Client
	GP          *Client // provider with consent
	Nurse       *Client // provider without consent
	Other       *Client // a case manager not assigned to the family
	Action      int64   // the plan's action (task id)
	Goal        string  // the goal it serves
	Domain      string
}

// The texts of the plan of a PlanWorld.
const (
	PlanWishes = "Lotte wil zo veel mogelijk thuis zijn."
	PlanGoal   = "Goed doorslapen"
	PlanAction = "Slaaponderzoek aanvragen"
)

// NewPlanWorld makes a PlanWorld in a.
func NewPlanWorld(t *testing.T, a *App) *PlanWorld {
	t.Helper()
	ctx := context.Background()
	w := &PlanWorld{App: a, Domain: fmt.Sprintf("@plan%d.example.org", plans.Add(1))}
	cm, acc := a.CaseManager("cm" + w.Domain)
	w.CM, w.CMActor = cm, care.Actor{AccountID: acc.ID, Role: care.RoleCaseManager, OrganisationID: a.Org, AccessPoint: "test"}
	today := care.DateOf(a.Clock.Now())
	id, err := a.Care.CreateFamily(ctx, w.CMActor, care.Intake{
		Family: care.Family{ChildName: "Lotte Bakker", BirthDate: today.AddDate(-9, 0, 0), Sex: "female",
			Diagnosis: "Spinale musculaire atrofie", ICD10: "G12.0", Secondary: []care.Diagnosis{{Description: "Scoliose", ICD10: "M41.9"}},
			Intensity: care.Regular},
		Episode: care.Episode{ReferralDate: today.AddDate(0, -6, 0), SurpriseQuestion: "no", Status: "accepted"},
		Kind:    "kct",
		// Each world has its own Lotte, also in an app that holds another.
		ConfirmDuplicate: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	w.Fam = id
	parent := &care.Member{FamilyID: id, Kind: "parent", Name: "Eva Bakker", Relation: "moeder", Custody: true, Phone: "06-12345678"}
	if err := a.Care.AddMember(ctx, w.CMActor, parent); err != nil {
		t.Fatal(err)
	}
	gp := &care.NetworkMember{FamilyID: id, Name: "Dr. Huisman", Role: "gp", Line: 1, Phone: "010-1234567", Reachability: "werkdagen"}
	nurse := &care.NetworkMember{FamilyID: id, Name: "KCT Amstel", Role: "nurse", Line: 3, Phone: "020-7654321", AlwaysReachable: true, Reachability: "dag en nacht"}
	for _, n := range []*care.NetworkMember{gp, nurse} {
		if err := a.Care.SaveNetworkMember(ctx, w.CMActor, n); err != nil {
			t.Fatal(err)
		}
	}
	w.Parent, w.ParentActor = w.linked(t, "ouder", care.RoleFamily, &care.Link{Kind: care.LinkParent, MemberID: parent.ID})
	w.Child, _ = w.linked(t, "lotte", care.RoleFamily, &care.Link{Kind: care.LinkChild})
	w.GP, _ = w.linked(t, "huisarts", care.RoleProvider, &care.Link{Kind: care.LinkProvider, NetworkMemberID: gp.ID})
	w.Nurse, _ = w.linked(t, "kct", care.RoleProvider, &care.Link{Kind: care.LinkProvider, NetworkMemberID: nurse.ID})
	if err := a.Care.SetConsent(ctx, w.ParentActor, id, gp.ID, true, care.ScopePlanNetwork); err != nil {
		t.Fatal(err)
	}
	w.Other, _ = a.CaseManager("andere" + w.Domain)

	if _, err := a.Care.StartCarePlan(ctx, w.CMActor, id, 0); err != nil {
		t.Fatal(err)
	}
	pf, err := a.Care.CarePlan(ctx, w.CMActor, id, care.ViewCaseFile)
	if err != nil {
		t.Fatal(err)
	}
	next := *pf.Plan
	next.Sections = append([]care.PlanSection(nil), pf.Plan.Sections...)
	next.Wishes = PlanWishes
	phys := next.Section(care.DimPhysical)
	phys.Situation = "Benauwd 's nachts"
	phys.Problems = []care.PlanItem{{For: "child", Text: "Benauwdheid", ICD10: "R06.0"}}
	phys.Goals = []care.PlanItem{{For: "child", Text: PlanGoal}}
	phys.Agreements = []care.PlanItem{{For: "parents", Text: "Slaapdagboek bijhouden"}}
	next.ACP.Directives = append([]care.Directive(nil), next.ACP.Directives...)
	for i := range next.ACP.Directives {
		if next.ACP.Directives[i].Kind == "resuscitation" {
			next.ACP.Directives[i] = care.Directive{Kind: "resuscitation", Decision: "no", Detail: "Niet reanimeren",
				Date: today.AddDate(0, 0, -10), AgreedBy: "ouders en kinderarts"}
		}
	}
	next.ACP.PlaceOfDeath = care.Preference{Place: "not_now"}
	next.ACP.CareWishes = "Muziek als ze onrustig is"
	next.DiscussedOn, next.ReviewDue = today.AddDate(0, 0, -100), today.AddDate(0, 0, -5)
	actions := []care.Task{{Title: PlanAction, OwnerKind: "casemanager", DueDate: today.AddDate(0, 0, -3),
		PlanDimension: care.DimPhysical, PlanGoal: care.NewGoal}}
	saved, err := a.Care.SaveCarePlan(ctx, w.CMActor, id, 1, &next, actions)
	if err != nil {
		t.Fatal(err)
	}
	if saved.Version != 2 {
		t.Fatalf("saved version %d, want 2", saved.Version)
	}
	w.Goal = saved.Section(care.DimPhysical).Goals[0].ID
	pf, err = a.Care.CarePlan(ctx, w.CMActor, id, care.ViewCaseFile)
	if err != nil || len(pf.Actions) != 1 {
		t.Fatalf("plan actions %+v, %v", pf, err)
	}
	w.Action = pf.Actions[0].ID
	return w
}

// linked makes an account who of role, linked to the family by l, and
// logs it in.
func (w *PlanWorld) linked(t *testing.T, who string, role care.Role, l *care.Link) (*Client, care.Actor) {
	t.Helper()
	email := who + w.Domain
	acc, secret := w.App.Account(email, role, true)
	l.FamilyID, l.AccountID = w.Fam, acc.ID
	if err := w.App.Store.CreateLink(context.Background(), l); err != nil {
		t.Fatal(err)
	}
	c := w.App.Client()
	c.Login(email, secret)
	return c, care.Actor{AccountID: acc.ID, Role: role, OrganisationID: w.App.Org, AccessPoint: "test"}
}

// CMPath is a page of the plan for the case managers.
func (w *PlanWorld) CMPath(rest string) string {
	return "/families/" + strconv.FormatInt(w.Fam, 10) + "/careplan" + rest
}

// MyPath is a page of the plan in the family's own view.
func (w *PlanWorld) MyPath(rest string) string {
	return "/my/families/" + strconv.FormatInt(w.Fam, 10) + "/careplan" + rest
}

// ProvPath is a page of the plan in a provider's view.
func (w *PlanWorld) ProvPath(rest string) string {
	return "/provider/families/" + strconv.FormatInt(w.Fam, 10) + "/careplan" + rest
}

// LastAudit is the newest audit record about the world's family.
func (w *PlanWorld) LastAudit(t *testing.T) care.AuditEvent {
	t.Helper()
	events, err := w.App.Store.FamilyAuditEvents(context.Background(), w.Fam)
	if err != nil || len(events) == 0 {
		t.Fatalf("audit events: %d, %v", len(events), err)
	}
	return events[len(events)-1]
}

// Propose sends a proposal as the parent and returns its id.
func (w *PlanWorld) Propose(t *testing.T, section, body string) int64 {
	t.Helper()
	p := w.Parent.Post(w.MyPath("/proposals"), url.Values{"section": {section}, "body": {body}})
	if loc := p.Header.Get("Location"); p.StatusCode != http.StatusSeeOther || loc != w.MyPath("?saved=proposal") {
		t.Fatalf("proposal: status %d to %q", p.StatusCode, loc)
	}
	list, err := w.App.Store.Proposals(context.Background(), w.Fam)
	if err != nil || len(list) == 0 {
		t.Fatalf("proposals: %v, %v", list, err)
	}
	for _, pr := range list {
		if pr.Body == body {
			return pr.ID
		}
	}
	t.Fatalf("proposal %q not stored", body)
	return 0
}
