package site_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
)

// access is who may use a route.
type access int

const (
	public   access = iota // anyone, logged in or not
	loggedIn               // any role with a complete login
	adminOnly
	caseManager  // case managers; no family involved
	familyFile   // a case manager assigned to the family in the path
	familyMember // a parent or the child linked to the family in the path
	provider     // a provider in the family's network, with consent in force
	linkedList   // family members and providers: the list of their own families
	// familyOrCaseManager: a case manager assigned to the family in the path,
	// or a parent or the child linked to it
	familyOrCaseManager
	// planReader: a case manager assigned to the family in the path, a
	// parent or the child linked to it, or a provider with consent
	planReader
	// accountFamilies: case managers, family members and providers, each
	// for the list of the families their own account may open
	accountFamilies
	// threadReader: a case manager assigned to the family in the path, a
	// parent or the child linked to it, or a provider with consent added
	// to the thread
	threadReader
	// coverageReader: a case manager assigned to the family in the path, a
	// parent or the child linked to it, or a provider whose consent covers
	// the whole file
	coverageReader
	// calendarHolder: case managers, family members and providers, each
	// for the calendar feed of their own account
	calendarHolder
	// reportReader: case managers (their caseload), administrators (their
	// organisation) and regional coordinators (their region): aggregates
	// only, never a family
	reportReader
	// directoryReader: the sociale kaart, which holds no family data:
	// case managers, the regional coordinator and the administrator
	directoryReader
	// coordinatorOnly: keeping the sociale kaart and its white spots
	coordinatorOnly
	// capacitySetter: the coordinator, and the administrator for a
	// service's capacity
	capacitySetter
	// fhirReader: a case manager assigned to the family in the path (the
	// whole file) or a provider with consent (their view); family members
	// have no FHIR access
	fhirReader
)

// authzTable has one row per route. A route without a row fails
// TestAuthorizationTable: deciding who may use it is part of adding it.
var authzTable = map[string]access{
	"GET /healthz":             public,
	"GET /readyz":              public,
	"GET /static/{sum}/{name}": public,
	"GET /login":               public,
	"POST /login":              public,
	"GET /login/code":          public,
	"POST /login/code":         public,
	"GET /mfa/setup":           public,
	"POST /mfa/setup":          public,
	"POST /logout":             public,
	"POST /language":           public,
	"GET /invite/{token}":      public,
	"POST /invite/{token}":     public,
	"GET /password/{token}":    public,
	"POST /password/{token}":   public,

	// A calendar app fetches the feed without a session: the token in the
	// path is the credential (256 random bits, stored hashed), the care
	// service rate-limits and records every fetch, and an unknown, revoked
	// or disabled account's token gets a 404 (TestCalendarFeed*).
	"GET /ical/{file}": public,

	"GET /{$}":                   loggedIn,
	"GET /account":               loggedIn,
	"POST /account/password":     loggedIn,
	"POST /account/reachability": caseManager,

	"POST /account/calendar":        calendarHolder,
	"POST /account/calendar/revoke": calendarHolder,
	"POST /account/digest":          caseManager,
	"GET /account/intervision":      caseManager,
	"POST /account/intervision":     caseManager,
	"GET /api/v1/me/intervision":    caseManager,
	"POST /api/v1/me/intervision":   caseManager,

	"GET /api/v1/me/families": accountFamilies,

	// The registration report: each role over its own scope, aggregates
	// only (TestRegistrationReport* in internal/care and internal/api).
	"GET /reports/registration":             reportReader,
	"GET /reports/registration/export.csv":  reportReader,
	"GET /reports/registration/export.json": reportReader,
	"GET /api/v1/reports/registration":      reportReader,

	"GET /admin/accounts":                      adminOnly,
	"GET /admin/settings":                      adminOnly,
	"POST /admin/settings/region":              adminOnly,
	"POST /admin/settings":                     adminOnly,
	"POST /admin/settings/ura":                 adminOnly,
	"POST /admin/settings/aftercare":           adminOnly,
	"POST /admin/settings/contacts":            adminOnly,
	"POST /admin/accounts":                     adminOnly,
	"POST /admin/accounts/{id}/disable":        adminOnly,
	"POST /admin/accounts/{id}/enable":         adminOnly,
	"POST /admin/accounts/{id}/reset-password": adminOnly,
	"POST /admin/accounts/{id}/reset-mfa":      adminOnly,

	"GET /families":        caseManager,
	"GET /taken":           caseManager,
	"GET /families/new":    caseManager,
	"POST /families":       caseManager,
	"GET /api/v1/families": caseManager,
	"GET /api/v1/tasks":    caseManager,
	"GET /api/v1/signals":  caseManager,

	// A signal's id names its family: snoozing or dismissing one is for
	// that family's case managers, refused through the gate as any other
	// access to the file.
	"GET /signals/{signal}":                 familyFile,
	"POST /signals/{signal}/snooze":         familyFile,
	"POST /signals/{signal}/dismiss":        familyFile,
	"POST /api/v1/signals/{signal}/snooze":  familyFile,
	"POST /api/v1/signals/{signal}/dismiss": familyFile,
	"GET /api/v1/families/{id}/signals":     familyFile,
	"POST /api/v1/families":                 caseManager,

	"GET /families/{id}":                              familyFile,
	"GET /families/{id}/edit":                         familyFile,
	"POST /families/{id}/edit":                        familyFile,
	"GET /families/{id}/members/new":                  familyFile,
	"POST /families/{id}/members":                     familyFile,
	"GET /families/{id}/members/{member}/edit":        familyFile,
	"POST /families/{id}/members/{member}":            familyFile,
	"GET /families/{id}/contacts/{cid}/edit":          familyFile,
	"POST /families/{id}/contacts/{cid}":              familyFile,
	"POST /families/{id}/family-proposals/{proposal}": familyFile,
	"GET /families/{id}/network/new":                  familyFile,
	"POST /families/{id}/network":                     familyFile,
	"GET /families/{id}/network/{mid}/edit":           familyFile,
	"POST /families/{id}/network/{mid}":               familyFile,
	"POST /families/{id}/network/{mid}/delete":        familyFile,
	"GET /families/{id}/contacts":                     familyFile,
	"GET /families/{id}/contacts/new":                 familyFile,
	"POST /families/{id}/contacts":                    familyFile,
	"GET /families/{id}/intensity":                    familyFile,
	"POST /families/{id}/intensity":                   familyFile,
	"GET /families/{id}/tasks/new":                    familyFile,
	"POST /families/{id}/tasks":                       familyFile,
	"POST /families/{id}/tasks/{tid}/done":            familyFile,
	"GET /families/{id}/tasks/{tid}/edit":             familyFile,
	"POST /families/{id}/tasks/{tid}":                 familyFile,
	"GET /families/{id}/episode":                      familyFile,
	"POST /families/{id}/episode":                     familyFile,
	"GET /families/{id}/casemanagers":                 familyFile,
	"POST /families/{id}/casemanagers":                familyFile,
	"GET /families/{id}/invite":                       familyFile,
	"POST /families/{id}/invite":                      familyFile,
	"POST /families/{id}/transition":                  familyFile,
	"GET /api/v1/families/{id}":                       familyFile,
	"PUT /api/v1/families/{id}":                       familyFile,
	"POST /api/v1/families/{id}/members":              familyFile,
	"POST /api/v1/families/{id}/network":              familyFile,
	"PUT /api/v1/families/{id}/network/{mid}":         familyFile,
	"DELETE /api/v1/families/{id}/network/{mid}":      familyFile,
	"POST /api/v1/families/{id}/intensity":            familyFile,
	"GET /api/v1/families/{id}/contacts":              familyFile,
	"POST /api/v1/families/{id}/contacts":             familyFile,
	"POST /api/v1/families/{id}/tasks":                familyFile,
	"POST /api/v1/families/{id}/tasks/{tid}/done":     familyFile,
	"PUT /api/v1/families/{id}/episode":               familyFile,
	"GET /api/v1/families/{id}/access-log":            familyOrCaseManager,
	"GET /api/v1/families/{id}/careplan":              planReader,
	"GET /api/v1/families/{id}/careplan/versions":     familyFile,
	"GET /api/v1/families/{id}/careplan/versions/{n}": familyFile,

	"GET /families/{id}/careplan":                             familyFile,
	"POST /families/{id}/careplan":                            familyFile,
	"GET /families/{id}/careplan/{part}/edit":                 familyFile,
	"POST /families/{id}/careplan/{part}":                     familyFile,
	"GET /families/{id}/careplan/versions":                    familyFile,
	"GET /families/{id}/careplan/compare":                     familyFile,
	"GET /families/{id}/careplan/print":                       familyFile,
	"GET /families/{id}/careplan/emergency":                   familyFile,
	"POST /families/{id}/careplan/print/printed":              familyFile,
	"POST /families/{id}/careplan/emergency/printed":          familyFile,
	"POST /families/{id}/careplan/proposals/{pid}":            familyFile,
	"GET /my/families/{id}/careplan":                          familyMember,
	"GET /my/families/{id}/careplan/print":                    familyMember,
	"GET /my/families/{id}/careplan/emergency":                familyMember,
	"POST /my/families/{id}/careplan/print/printed":           familyMember,
	"POST /my/families/{id}/careplan/emergency/printed":       familyMember,
	"POST /my/families/{id}/careplan/proposals":               familyMember,
	"GET /provider/families/{id}/careplan":                    provider,
	"GET /provider/families/{id}/careplan/print":              provider,
	"GET /provider/families/{id}/careplan/emergency":          provider,
	"POST /provider/families/{id}/careplan/print/printed":     provider,
	"POST /provider/families/{id}/careplan/emergency/printed": provider,
	"GET /careplan-templates":                                 caseManager,
	"GET /careplan-templates/new":                             caseManager,
	"POST /careplan-templates":                                caseManager,
	"GET /careplan-templates/{tmpl}/edit":                     caseManager,
	"POST /careplan-templates/{tmpl}":                         caseManager,

	"GET /my":               linkedList,
	"GET /my/families/{id}": familyMember,
	"POST /my/families/{id}/tasks/{tid}/done":       familyMember,
	"POST /my/families/{id}/notes":                  familyMember,
	"POST /my/families/{id}/consent/{mid}":          familyMember,
	"POST /my/families/{id}/stop":                   familyMember,
	"POST /my/families/{id}/network-proposals":      familyMember,
	"GET /my/families/{id}/access-log":              familyMember,
	"GET /provider/families/{id}":                   provider,
	"POST /provider/families/{id}/tasks/{tid}/done": provider,
	"POST /provider/families/{id}/notes":            provider,

	// The coverage plan for the family and providers (scope "file").
	"GET /my/families/{id}/coverage":                 familyMember,
	"GET /my/families/{id}/coverage/documents/{doc}": familyMember,
	"GET /provider/families/{id}/coverage":           provider,

	"GET /families/{id}/threads":                           familyFile,
	"POST /families/{id}/threads":                          familyFile,
	"GET /families/{id}/threads/{thread}":                  familyFile,
	"POST /families/{id}/threads/{thread}":                 familyFile,
	"POST /families/{id}/threads/{thread}/providers":       familyFile,
	"GET /families/{id}/documents/{doc}":                   familyFile,
	"GET /my/families/{id}/threads":                        familyMember,
	"POST /my/families/{id}/threads":                       familyMember,
	"GET /my/families/{id}/threads/{thread}":               familyMember,
	"POST /my/families/{id}/threads/{thread}":              familyMember,
	"GET /my/families/{id}/documents/{doc}":                familyMember,
	"GET /provider/families/{id}/threads":                  provider,
	"GET /provider/families/{id}/threads/{thread}":         provider,
	"POST /provider/families/{id}/threads/{thread}":        provider,
	"GET /provider/families/{id}/documents/{doc}":          provider,
	"GET /api/v1/families/{id}/threads":                    threadReader,
	"POST /api/v1/families/{id}/threads":                   familyOrCaseManager,
	"GET /api/v1/families/{id}/threads/{thread}/messages":  threadReader,
	"POST /api/v1/families/{id}/threads/{thread}/messages": threadReader,
	"GET /api/v1/families/{id}/documents/{doc}":            threadReader,

	"GET /api/v1/families/{id}/coverage":                   coverageReader,
	"POST /api/v1/families/{id}/coverage":                  familyFile,
	"PUT /api/v1/families/{id}/coverage/{cid}":             familyFile,
	"POST /api/v1/families/{id}/coverage/{cid}/periods":    familyFile,
	"POST /api/v1/families/{id}/aids":                      familyFile,
	"PUT /api/v1/families/{id}/aids/{aid}":                 familyFile,
	"GET /families/{id}/coverage":                          familyFile,
	"GET /families/{id}/coverage/new":                      familyFile,
	"POST /families/{id}/coverage":                         familyFile,
	"GET /families/{id}/coverage/{cid}/edit":               familyFile,
	"POST /families/{id}/coverage/{cid}":                   familyFile,
	"GET /families/{id}/coverage/{cid}/renew":              familyFile,
	"POST /families/{id}/coverage/{cid}/periods":           familyFile,
	"POST /families/{id}/coverage/{cid}/documents":         familyFile,
	"GET /families/{id}/coverage/documents/{doc}/download": familyFile,
	"GET /families/{id}/aids/new":                          familyFile,
	"POST /families/{id}/aids":                             familyFile,
	"GET /families/{id}/aids/{aid}/edit":                   familyFile,
	"POST /families/{id}/aids/{aid}":                       familyFile,
	"POST /families/{id}/aids/{aid}/documents":             familyFile,

	// Stays: the family reads them, and a provider whose consent covers
	// the child's details (scope "file", as for the coverage plan) where
	// the child is now; the case managers write.
	"GET /api/v1/families/{id}/stays":       coverageReader,
	"POST /api/v1/families/{id}/stays":      familyFile,
	"PUT /api/v1/families/{id}/stays/{sid}": familyFile,
	"GET /families/{id}/stays":              familyFile,
	"GET /families/{id}/stays/new":          familyFile,
	"POST /families/{id}/stays":             familyFile,
	"GET /families/{id}/stays/{sid}/edit":   familyFile,
	"POST /families/{id}/stays/{sid}":       familyFile,
	"POST /families/{id}/stays/{sid}/end":   familyFile,
	// Transfers: planned by the case managers; the handoff summary through
	// each door (a provider with consent under either scope).
	"GET /api/v1/families/{id}/transfers":                           planReader,
	"POST /api/v1/families/{id}/transfers":                          familyFile,
	"GET /api/v1/families/{id}/transfers/{trid}/handoff":            planReader,
	"GET /families/{id}/transfers":                                  familyFile,
	"POST /families/{id}/transfers":                                 familyFile,
	"POST /families/{id}/transfers/{trid}/status":                   familyFile,
	"GET /families/{id}/transfers/{trid}/handoff":                   familyFile,
	"POST /families/{id}/transfers/{trid}/handoff/printed":          familyFile,
	"GET /my/families/{id}/transfers/{trid}/handoff":                familyMember,
	"POST /my/families/{id}/transfers/{trid}/handoff/printed":       familyMember,
	"GET /provider/families/{id}/transfers/{trid}/handoff":          provider,
	"POST /provider/families/{id}/transfers/{trid}/handoff/printed": provider,
	"GET /api/v1/families/{id}/meetings":                            planReader,
	"POST /api/v1/families/{id}/meetings":                           familyFile,
	"PUT /api/v1/families/{id}/meetings/{mtg}":                      familyFile,
	"GET /families/{id}/meetings":                                   familyFile,
	"GET /families/{id}/meetings/new":                               familyFile,
	"POST /families/{id}/meetings":                                  familyFile,
	"GET /families/{id}/meetings/{mtg}":                             familyFile,
	"GET /families/{id}/meetings/{mtg}/minutes":                     familyFile,
	"POST /families/{id}/meetings/{mtg}/minutes":                    familyFile,
	"GET /my/families/{id}/meetings":                                familyMember,
	"GET /my/families/{id}/meetings/{mtg}":                          familyMember,
	"POST /my/families/{id}/meetings/{mtg}/decline":                 familyMember,
	"GET /provider/families/{id}/meetings":                          provider,
	"GET /provider/families/{id}/meetings/{mtg}":                    provider,
	// The child's death and the aftercare: for the case managers; the
	// family reads its aftercare plan.
	"GET /api/v1/families/{id}/death":                    familyFile,
	"POST /api/v1/families/{id}/death":                   familyFile,
	"GET /api/v1/families/{id}/aftercare":                familyOrCaseManager,
	"PUT /api/v1/families/{id}/aftercare":                familyFile,
	"GET /families/{id}/death":                           familyFile,
	"GET /families/{id}/death/record":                    familyFile,
	"POST /families/{id}/death":                          familyFile,
	"POST /families/{id}/death/tasks":                    familyFile,
	"POST /families/{id}/aftercare":                      familyFile,
	"POST /families/{id}/aftercare/contacts/{fcid}/done": familyFile,
	"POST /families/{id}/aftercare/end":                  familyFile,
	// The child's journey as a timeline: through the three doors, a
	// provider with consent for the whole file.
	"GET /families/{id}/timeline":          familyFile,
	"GET /my/families/{id}/timeline":       familyMember,
	"GET /provider/families/{id}/timeline": provider,
	"GET /api/v1/families/{id}/timeline":   coverageReader,
	// The sociale kaart: no family data; adding a service to a family's
	// network is a change of the family's file.
	"GET /api/v1/directory":                     directoryReader,
	"GET /kaart":                                directoryReader,
	"GET /kaart/new":                            coordinatorOnly,
	"POST /kaart":                               coordinatorOnly,
	"GET /kaart/{entry}/edit":                   coordinatorOnly,
	"POST /kaart/{entry}":                       coordinatorOnly,
	"POST /kaart/{entry}/capacity":              capacitySetter,
	"GET /kaart/white-spots":                    coordinatorOnly,
	"GET /families/{id}/network/kaart":          familyFile,
	"GET /my/families/{id}/kaart":               familyMember,
	"POST /families/{id}/network-kaart/{entry}": familyFile,

	// The FHIR read API: the file as the FHIR export writes it, through
	// care.Service.ExportFile (TestFHIR* in internal/api).
	"GET /fhir/R4/metadata":                 loggedIn,
	"GET /fhir/R4/{type}":                   fhirReader,
	"GET /fhir/R4/{type}/{id}":              fhirReader,
	"GET /fhir/R4/Patient/{id}/$everything": fhirReader,
}

// authzWorld is one organisation with an account per role and two
// families: A with case manager "own", B with case manager "other".
type authzWorld struct {
	a       *app
	clients map[string]*client // by actor name; "anonymous" has no session
	ids     map[string]int64   // account ids by actor name
	roles   map[string]care.Role
	famA    int64
	famB    int64
	memberA int64
	taskA   int64
	adminID int64
	// A has a care plan with an open proposal from the family; tmpl is a
	// care plan template of the organisation.
	proposalA int64
	tmpl      int64
	// parentA is a family member of A, contactA a contact with A and
	// networkProposalA an open proposal of A's parent for the network.
	parentA, contactA, networkProposalA int64
	// threadA is a conversation of A that "family" started, with a
	// document, and that "provider" was added to.
	threadA, docA int64
	// coverageA is a coverage item of A, aidA an aid of A, and
	// coverageDocA a document attached to that item.
	coverageA, aidA, coverageDocA int64
	// stayA is a stay of A.
	stayA int64
	// auditSeen is the id of the last audit record newAudit read.
	auditSeen int64
	// transferA is a transfer of A planned with a checklist.
	transferA int64
	// meetingA is an upcoming meeting of A with "provider" and "family"
	// invited.
	meetingA int64
	// aftercareContactA is a follow-up contact of A's aftercare plan.
	aftercareContactA int64
	// entry is a service on the sociale kaart.
	entry int64
}

func newAuthzWorld(t *testing.T, a *app) *authzWorld {
	w := &authzWorld{a: a, clients: map[string]*client{"anonymous": a.Client()}, ids: map[string]int64{}, roles: map[string]care.Role{}}
	for _, p := range []struct {
		name string
		role care.Role
	}{
		{"own", care.RoleCaseManager}, {"other", care.RoleCaseManager}, {"unassigned", care.RoleCaseManager},
		{"provider", care.RoleProvider}, {"family", care.RoleFamily}, {"coordinator", care.RoleCoordinator}, {"admin", care.RoleAdmin},
		{"target", care.RoleFamily}, // the account the admin routes act on
	} {
		acc, secret := a.Account(p.name+"@example.org", p.role, true)
		c := a.Client()
		c.Login(acc.Email, secret)
		w.clients[p.name], w.ids[p.name], w.roles[p.name] = c, acc.ID, p.role
	}
	w.adminID = w.ids["admin"]
	ctx := context.Background()
	w.famA = w.intake(t, "own", "Anna Jansen")
	w.famB = w.intake(t, "other", "Bram de Vries")
	actorA := w.actor("own")
	n := &care.NetworkMember{FamilyID: w.famA, Name: "Dr. Huisman", Role: "gp", Line: 1}
	if err := a.Care.SaveNetworkMember(ctx, actorA, n); err != nil {
		t.Fatal(err)
	}
	task := &care.Task{FamilyID: w.famA, Title: "Herindicatie aanvragen", OwnerKind: "casemanager"}
	if err := a.Care.CreateTask(ctx, actorA, task); err != nil {
		t.Fatal(err)
	}
	w.memberA, w.taskA = n.ID, task.ID
	// "family" is a parent with custody linked to A; "provider" is the GP of
	// A, linked and with that parent's consent.
	parent := &care.Member{FamilyID: w.famA, Kind: "parent", Name: "Ilse Jansen", Custody: true}
	if err := a.Care.AddMember(ctx, actorA, parent); err != nil {
		t.Fatal(err)
	}
	for _, l := range []*care.Link{
		{FamilyID: w.famA, AccountID: w.ids["family"], Kind: care.LinkParent, MemberID: parent.ID},
		{FamilyID: w.famA, AccountID: w.ids["provider"], Kind: care.LinkProvider, NetworkMemberID: n.ID},
	} {
		if err := a.Store.CreateLink(ctx, l); err != nil {
			t.Fatal(err)
		}
	}
	if err := a.Care.SetConsent(ctx, w.actor("family"), w.famA, n.ID, true, care.ScopeFile); err != nil {
		t.Fatal(err)
	}
	for fam, who := range map[int64]string{w.famA: "own", w.famB: "other"} {
		if _, err := a.Care.StartCarePlan(ctx, w.actor(who), fam, 0); err != nil {
			t.Fatal(err)
		}
	}
	prop := &care.Proposal{Section: "wishes", Body: "Anna wil graag thuis blijven."}
	if err := a.Care.ProposePlanChange(ctx, w.actor("family"), w.famA, prop); err != nil {
		t.Fatal(err)
	}
	tmpl := &care.PlanTemplate{Name: "Neuromusculair", ReviewMonths: 3, Scenarios: []string{"school"}}
	if err := a.Care.SavePlanTemplate(ctx, w.actor("own"), tmpl); err != nil {
		t.Fatal(err)
	}
	w.proposalA, w.tmpl = prop.ID, tmpl.ID
	contact := &care.Contact{FamilyID: w.famA, Date: time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC), Kind: "phone", With: "parent"}
	if err := a.Care.AddContact(ctx, actorA, contact); err != nil {
		t.Fatal(err)
	}
	np := &care.FamilyProposal{FamilyID: w.famA, Kind: care.ProposeNetworkAdd, Name: "De Regenboog", Role: "school"}
	if err := a.Care.ProposeToNetwork(ctx, w.actor("family"), np); err != nil {
		t.Fatal(err)
	}
	w.parentA, w.contactA, w.networkProposalA = parent.ID, contact.ID, np.ID
	th, err := a.Care.StartThread(ctx, w.actor("family"), care.ViewFamily, w.famA, "Rolstoel", "Wanneer komt hij?",
		&care.Upload{FileName: "brief.pdf", Content: []byte("%PDF-1.4\n")})
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Care.AddThreadProvider(ctx, w.actor("own"), w.famA, th.ID, n.ID); err != nil {
		t.Fatal(err)
	}
	msgs, err := a.Store.Messages(ctx, w.famA, th.ID) // read unread: the case manager has not seen it yet
	if err != nil || len(msgs) != 1 || msgs[0].Document == nil {
		t.Fatalf("thread of A: %+v, %v", msgs, err)
	}
	w.threadA, w.docA = th.ID, msgs[0].Document.ID
	w.coverageWorld(t)
	w.staysWorld(t)
	w.transferWorld(t)
	w.meetingWorld(t)
	w.deathWorld(t)
	w.directoryWorld(t)
	return w
}

func (w *authzWorld) actor(name string) care.Actor {
	return care.Actor{AccountID: w.ids[name], Role: w.roles[name], OrganisationID: w.a.Org, AccessPoint: "test"}
}

func (w *authzWorld) intake(t *testing.T, who, child string) int64 {
	t.Helper()
	day := time.Date(2019, 4, 2, 0, 0, 0, 0, time.UTC)
	id, err := w.a.Care.CreateFamily(context.Background(), w.actor(who), care.Intake{
		Family:  care.Family{ChildName: child, BirthDate: day, Sex: "female", Intensity: care.Regular},
		Episode: care.Episode{ReferralDate: day.AddDate(1, 0, 0), SurpriseQuestion: "unknown", Status: "accepted"},
		Kind:    "kct",
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

// path fills a route pattern's wildcards with ids of family fam.
func (w *authzWorld) path(pattern string, fam int64) (method, path string) {
	method, path, _ = strings.Cut(pattern, " ")
	id := strconv.FormatInt(fam, 10)
	if strings.HasPrefix(path, "/admin/") {
		id = strconv.FormatInt(w.ids["target"], 10)
	}
	// {cid}, {aid} and {doc} are A's coverage item, aid and its document on
	// the coverage routes; elsewhere {cid} is a contact, {doc} a message's.
	if strings.Contains(path, "/coverage/") || strings.Contains(path, "/aids/") {
		path = strings.NewReplacer("{cid}", strconv.FormatInt(w.coverageA, 10), "{doc}", strconv.FormatInt(w.coverageDocA, 10),
			"{aid}", strconv.FormatInt(w.aidA, 10)).Replace(path)
	}
	// The FHIR routes name the family through its child: a search on the
	// care team and a read of the Patient.
	if strings.HasPrefix(path, "/fhir/") {
		path = strings.NewReplacer("{type}/{id}", "Patient/child-"+id, "Patient/{id}", "Patient/child-"+id,
			"{type}", "CareTeam?patient=Patient/child-"+id).Replace(path)
	}
	r := strings.NewReplacer("{id}", id, "{mid}", strconv.FormatInt(w.memberA, 10),
		"{tid}", strconv.FormatInt(w.taskA, 10), "{$}", "", "{sum}", "x", "{name}", "app.css",
		"{part}", "physical", "{pid}", strconv.FormatInt(w.proposalA, 10), "{n}", "1", "{tmpl}", strconv.FormatInt(w.tmpl, 10),
		"{member}", strconv.FormatInt(w.parentA, 10), "{cid}", strconv.FormatInt(w.contactA, 10),
		"{proposal}", strconv.FormatInt(w.networkProposalA, 10),
		"{thread}", strconv.FormatInt(w.threadA, 10), "{doc}", strconv.FormatInt(w.docA, 10),
		"{aid}", strconv.FormatInt(w.aidA, 10), "{sid}", strconv.FormatInt(w.stayA, 10), "{trid}", strconv.FormatInt(w.transferA, 10), "{mtg}", strconv.FormatInt(w.meetingA, 10),
		"{fcid}", strconv.FormatInt(w.aftercareContactA, 10),
		"{entry}", strconv.FormatInt(w.entry, 10),
		"{signal}", care.SignalID(fam, care.CodeNoAlwaysReachable, ""))
	return method, r.Replace(path)
}

// send makes the request an actor's browser or API client would make, with
// an empty form or an empty JSON object as body.
func (w *authzWorld) send(actor, method, path string) *page {
	var req *http.Request
	if strings.HasPrefix(path, "/api/") {
		var body *strings.Reader
		if method == http.MethodGet || method == http.MethodDelete {
			body = strings.NewReader("")
		} else {
			body = strings.NewReader("{}")
		}
		req, _ = http.NewRequest(method, w.a.URL+path, body)
		if method != http.MethodGet && method != http.MethodDelete {
			req.Header.Set("Content-Type", "application/json")
		}
	} else {
		req, _ = http.NewRequest(method, w.a.URL+path, strings.NewReader(url.Values{}.Encode()))
		if method == http.MethodPost {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
	}
	return w.clients[actor].Do(req)
}

// newAudit returns the audit records about fam written since the last
// call: the trail is read from where the last call stopped, not whole.
func (w *authzWorld) newAudit(t *testing.T, fam int64) []care.AuditEvent {
	t.Helper()
	var out []care.AuditEvent
	for {
		events, err := w.a.Store.AuditEvents(context.Background(), w.auditSeen, 500)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range events {
			if e.FamilyID == fam {
				out = append(out, e)
			}
			w.auditSeen = e.ID
		}
		if len(events) < 500 {
			return out
		}
	}
}

func TestAuthorizationTable(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		routes := a.Site.Routes()
		for _, r := range routes {
			if _, ok := authzTable[r]; !ok {
				t.Errorf("route %q has no row in the authorisation table", r)
			}
		}
		if len(routes) != len(authzTable) {
			t.Errorf("%d routes, %d rows: the table names routes that do not exist", len(routes), len(authzTable))
		}
		w := newAuthzWorld(t, a)
		for _, pattern := range routes {
			switch authzTable[pattern] {
			case adminOnly:
				w.checkRole(t, pattern, "admin")
			case caseManager:
				w.checkRole(t, pattern, "own", "other", "unassigned")
			case loggedIn:
				w.checkRole(t, pattern, "own", "other", "unassigned", "provider", "family", "coordinator", "admin")
			case familyFile:
				w.checkFamilyRoute(t, pattern, "own")
			case familyMember:
				w.checkFamilyRoute(t, pattern, "family")
			case provider:
				w.checkFamilyRoute(t, pattern, "provider")
			case linkedList:
				w.checkRole(t, pattern, "family", "provider")
			case familyOrCaseManager:
				w.checkFamilyRoute(t, pattern, "own", "family")
			case planReader, threadReader, coverageReader:
				w.checkFamilyRoute(t, pattern, "own", "family", "provider")
			case accountFamilies, calendarHolder:
				w.checkRole(t, pattern, "own", "other", "unassigned", "provider", "family")
			case fhirReader:
				w.checkFamilyRoute(t, pattern, "own", "provider")
			case reportReader:
				w.checkRole(t, pattern, "own", "other", "unassigned", "coordinator", "admin")
			case directoryReader:
				w.checkRole(t, pattern, "own", "other", "unassigned", "coordinator", "admin")
			case coordinatorOnly:
				w.checkRole(t, pattern, "coordinator")
			case capacitySetter:
				w.checkRole(t, pattern, "coordinator", "admin")
			}
		}
	})
}

// checkRole expects the allowed actors to get an answer other than 404 and
// everyone else a 404; anonymous requests are sent to log in.
func (w *authzWorld) checkRole(t *testing.T, pattern string, allowed ...string) {
	t.Helper()
	for _, actor := range []string{"own", "other", "unassigned", "provider", "family", "coordinator", "admin"} {
		method, path := w.path(pattern, w.famA)
		if pattern == "POST /language" || strings.HasSuffix(pattern, "/disable") && actor == "admin" {
			continue
		}
		p := w.send(actor, method, path)
		ok := contains(allowed, actor)
		switch {
		case ok && (p.StatusCode == http.StatusNotFound || p.StatusCode >= 500):
			t.Errorf("%s as %s: %d, want access", pattern, actor, p.StatusCode)
		case !ok && p.StatusCode != http.StatusNotFound:
			t.Errorf("%s as %s: %d, want 404", pattern, actor, p.StatusCode)
		}
	}
	w.checkAnonymous(t, pattern)
}

func (w *authzWorld) checkAnonymous(t *testing.T, pattern string) {
	t.Helper()
	method, path := w.path(pattern, w.famA)
	p := w.send("anonymous", method, path)
	switch {
	case method == http.MethodGet && !strings.HasPrefix(path, "/api/") && !strings.HasPrefix(path, "/fhir/"):
		if p.StatusCode != http.StatusSeeOther || !strings.HasPrefix(p.Header.Get("Location"), "/login") {
			t.Errorf("%s anonymous: %d to %q, want a redirect to /login", pattern, p.StatusCode, p.Header.Get("Location"))
		}
	case p.StatusCode != http.StatusUnauthorized:
		t.Errorf("%s anonymous: %d, want 401", pattern, p.StatusCode)
	}
}

// checkFamilyRoute sends the request for family A (and B) as every actor:
// only the actors in who (linked to or assigned to A) get through, and only
// for A; every refusal is a 404, changes nothing, and leaves exactly one
// complete "denied" audit record.
func (w *authzWorld) checkFamilyRoute(t *testing.T, pattern string, who ...string) {
	t.Helper()
	type request struct {
		actor string
		fam   int64
		allow bool
		why   string
	}
	var cases []request
	for _, actor := range who {
		cases = append(cases, request{actor, w.famB, false, "other family"})
	}
	for _, actor := range []string{"own", "unassigned", "provider", "family", "coordinator", "admin"} {
		cases = append(cases, request{actor, w.famA, contains(who, actor), "family A"})
	}
	for _, tc := range cases {
		method, path := w.path(pattern, tc.fam)
		if tc.allow && (method == http.MethodDelete || strings.HasSuffix(path, "/delete")) {
			// Deleting works once: give the allowed request its own member.
			n := &care.NetworkMember{FamilyID: w.famA, Name: "Fysiotherapeut", Role: "therapist", Line: 1}
			if err := w.a.Care.SaveNetworkMember(context.Background(), w.actor("own"), n); err != nil {
				t.Fatal(err)
			}
			path = strings.Replace(path, "/network/"+strconv.FormatInt(w.memberA, 10), "/network/"+strconv.FormatInt(n.ID, 10), 1)
		}
		before, err := w.a.Store.FamilyFile(context.Background(), tc.fam, 0)
		if err != nil {
			t.Fatal(err)
		}
		w.newAudit(t, tc.fam)
		p := w.send(tc.actor, method, path)
		name := fmt.Sprintf("%s as %s (%s)", pattern, tc.actor, tc.why)
		if tc.allow {
			if p.StatusCode == http.StatusNotFound || p.StatusCode >= 500 {
				t.Errorf("%s: %d, want access", name, p.StatusCode)
			}
			continue
		}
		if p.StatusCode != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", name, p.StatusCode)
		}
		after, err := w.a.Store.FamilyFile(context.Background(), tc.fam, 0)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(before, after); diff != "" {
			t.Errorf("%s changed the file:\n%s", name, diff)
		}
		events := w.newAudit(t, tc.fam)
		if len(events) != 1 {
			t.Errorf("%s: %d new audit records, want 1", name, len(events))
			continue
		}
		e := events[0]
		if e.ActorID != w.ids[tc.actor] || e.ActorRole != w.roles[tc.actor] || e.FamilyID != tc.fam || e.Outcome != care.OutcomeDenied ||
			e.Authorised || e.AccessPoint != "127.0.0.1" || e.ObjectType == "" || e.Action == "" || e.At.IsZero() || e.Hash == "" {
			t.Errorf("%s: audit record %+v", name, e)
		}
	}
	w.checkAnonymous(t, pattern)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestFamilyReadIsAudited checks a successful read leaves exactly one
// complete record.
func TestFamilyReadIsAudited(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		w := newAuthzWorld(t, a)
		for _, path := range []string{"/families/" + strconv.FormatInt(w.famA, 10), "/api/v1/families/" + strconv.FormatInt(w.famA, 10)} {
			w.newAudit(t, w.famA)
			if p := w.send("own", http.MethodGet, path); p.StatusCode != http.StatusOK {
				t.Fatalf("GET %s: %d", path, p.StatusCode)
			}
			events := w.newAudit(t, w.famA)
			if len(events) != 1 {
				t.Fatalf("GET %s: %d new records, want 1", path, len(events))
			}
			e := events[0]
			want := care.AuditEvent{ActorID: w.ids["own"], ActorRole: care.RoleCaseManager, FamilyID: w.famA, ObjectType: "family",
				ObjectID: w.famA, Action: care.ActionRead, Outcome: care.OutcomeSuccess, AccessPoint: "127.0.0.1", Authorised: true, Relationship: true}
			got := e
			got.ID, got.At, got.PrevHash, got.Hash = 0, time.Time{}, "", ""
			if diff := cmp.Diff(want, got); diff != "" || e.At.IsZero() || len(e.Hash) != 64 {
				t.Errorf("GET %s: audit record (-want +got):\n%s", path, diff)
			}
		}
		n, brk, err := a.Store.VerifyAudit(context.Background())
		if err != nil || brk != nil || n == 0 {
			t.Errorf("VerifyAudit = %d, %+v, %v", n, brk, err)
		}
	})
}
