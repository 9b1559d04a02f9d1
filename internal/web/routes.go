package web

import (
	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/httpx"
)

// Routes returns every route pattern of the pages.
func (s *Server) Routes() []string {
	mux := httpx.NewRouteMux()
	s.routes(mux)
	return mux.Patterns()
}

// routes lists every route of the site in one place.
func (s *Server) routes(mux *httpx.RouteMux) {
	mux.HandleFunc("GET /healthz", s.healthz)
	mux.HandleFunc("GET /readyz", s.readyz)
	mux.HandleFunc("GET /static/{sum}/{name}", s.serveStatic)

	mux.Handle("GET /login", s.handle(s.loginShow))
	mux.Handle("POST /login", s.handle(s.loginSubmit))
	mux.Handle("GET /login/code", s.handle(s.codeShow))
	mux.Handle("POST /login/code", s.handle(s.codeSubmit))
	mux.Handle("GET /mfa/setup", s.handle(s.setupShow))
	mux.Handle("POST /mfa/setup", s.handle(s.setupSubmit))
	mux.Handle("POST /logout", s.handle(s.logout))
	mux.Handle("POST /language", s.handle(s.languageSubmit))

	mux.Handle("GET /{$}", s.handle(s.requireLogin(s.home)))
	mux.Handle("GET /account", s.handle(s.requireLogin(s.accountShow)))
	mux.Handle("POST /account/password", s.handle(s.requireLogin(s.passwordSubmit)))
	mux.Handle("POST /account/reachability", s.handle(s.requireRole(care.RoleCaseManager, s.reachabilitySubmit)))
	mux.Handle("POST /account/calendar", s.handle(s.requireLogin(s.calendarCreate)))
	mux.Handle("POST /account/calendar/revoke", s.handle(s.requireLogin(s.calendarRevoke)))
	mux.Handle("POST /account/digest", s.handle(s.requireRole(care.RoleCaseManager, s.digestSubmit)))
	mux.Handle("GET /account/intervision", s.handle(s.requireRole(care.RoleCaseManager, s.intervisionShow)))
	mux.Handle("POST /account/intervision", s.handle(s.requireRole(care.RoleCaseManager, s.intervisionSubmit)))

	// The case manager's pages. Who may see which family is decided by the
	// care service; every family id and sub-object id comes from the path.
	mux.Handle("GET /families", s.handle(s.requireLogin(s.caseload)))
	mux.Handle("GET /signals/{signal}", s.handle(s.requireLogin(s.showSignal)))
	mux.Handle("POST /signals/{signal}/snooze", s.handle(s.requireLogin(s.signalAck(care.AckSnooze))))
	mux.Handle("POST /signals/{signal}/dismiss", s.handle(s.requireLogin(s.signalAck(care.AckDismiss))))
	mux.Handle("GET /taken", s.handle(s.requireLogin(s.worklist)))
	mux.Handle("GET /families/new", s.handle(s.requireLogin(s.intakeShow)))
	mux.Handle("POST /families", s.handle(s.requireLogin(s.intakeSubmit)))
	mux.Handle("GET /families/{id}", s.handle(s.requireLogin(s.familyShow)))
	mux.Handle("GET /families/{id}/edit", s.handle(s.requireLogin(s.familyEdit)))
	mux.Handle("POST /families/{id}/edit", s.handle(s.requireLogin(s.familyUpdate())))
	mux.Handle("GET /families/{id}/members/new", s.handle(s.requireLogin(s.memberNew)))
	mux.Handle("POST /families/{id}/members", s.handle(s.requireLogin(s.memberCreate())))
	mux.Handle("GET /families/{id}/members/{member}/edit", s.handle(s.requireLogin(s.memberEdit)))
	mux.Handle("POST /families/{id}/members/{member}", s.handle(s.requireLogin(s.memberUpdate)))
	mux.Handle("GET /families/{id}/network/new", s.handle(s.requireLogin(s.networkNew)))
	mux.Handle("POST /families/{id}/network", s.handle(s.requireLogin(s.networkCreate())))
	mux.Handle("GET /families/{id}/network/{mid}/edit", s.handle(s.requireLogin(s.networkEdit)))
	mux.Handle("POST /families/{id}/network/{mid}", s.handle(s.requireLogin(s.networkUpdate)))
	mux.Handle("POST /families/{id}/network/{mid}/delete", s.handle(s.requireLogin(s.networkDelete)))
	mux.Handle("GET /families/{id}/contacts", s.handle(s.requireLogin(s.contactsShow)))
	mux.Handle("GET /families/{id}/contacts/new", s.handle(s.requireLogin(s.contactNew)))
	mux.Handle("POST /families/{id}/contacts", s.handle(s.requireLogin(s.contactCreate())))
	mux.Handle("GET /families/{id}/contacts/{cid}/edit", s.handle(s.requireLogin(s.contactEdit)))
	mux.Handle("POST /families/{id}/contacts/{cid}", s.handle(s.requireLogin(s.contactUpdate)))
	mux.Handle("POST /families/{id}/family-proposals/{proposal}", s.handle(s.requireLogin(s.familyProposalAnswer)))
	mux.Handle("GET /families/{id}/intensity", s.handle(s.requireLogin(s.intensityShow)))
	mux.Handle("POST /families/{id}/intensity", s.handle(s.requireLogin(s.intensitySubmit())))
	mux.Handle("GET /families/{id}/tasks/new", s.handle(s.requireLogin(s.taskNew)))
	mux.Handle("POST /families/{id}/tasks", s.handle(s.requireLogin(s.taskCreate())))
	mux.Handle("POST /families/{id}/tasks/{tid}/done", s.handle(s.requireLogin(s.taskDone(s.caseFileTasks()))))
	mux.Handle("GET /families/{id}/tasks/{tid}/edit", s.handle(s.requireLogin(s.taskEdit)))
	mux.Handle("POST /families/{id}/tasks/{tid}", s.handle(s.requireLogin(s.taskUpdate)))
	mux.Handle("GET /families/{id}/episode", s.handle(s.requireLogin(s.episodeShow)))
	mux.Handle("POST /families/{id}/episode", s.handle(s.requireLogin(s.episodeSubmit())))
	mux.Handle("GET /families/{id}/casemanagers", s.handle(s.requireLogin(s.caseManagersShow)))
	mux.Handle("POST /families/{id}/casemanagers", s.handle(s.requireLogin(s.caseManagersSubmit())))
	mux.Handle("GET /families/{id}/invite", s.handle(s.requireLogin(s.invitationNew)))
	mux.Handle("POST /families/{id}/invite", s.handle(s.requireLogin(s.invitationCreate())))
	mux.Handle("POST /families/{id}/transition", s.handle(s.requireLogin(s.transitionAccept)))

	// The care plan. One handler draws it for the case managers, the family
	// and providers with consent, each through its own door (care.View),
	// given here with the route; the care service decides, and records,
	// whether this family's plan may be seen through it. Templates hold no
	// family data: case managers only.
	cm := care.RoleCaseManager
	caseFile, family, provider := care.ViewCaseFile, care.ViewFamily, care.ViewProvider
	mux.Handle("GET /families/{id}/careplan", s.handle(s.requireLogin(s.carePlanShow(caseFile))))
	mux.Handle("POST /families/{id}/careplan", s.handle(s.requireLogin(s.carePlanStart)))
	mux.Handle("GET /families/{id}/careplan/{part}/edit", s.handle(s.requireLogin(s.carePlanEdit)))
	mux.Handle("POST /families/{id}/careplan/{part}", s.handle(s.requireLogin(s.carePlanSave)))
	mux.Handle("GET /families/{id}/careplan/versions", s.handle(s.requireLogin(s.carePlanVersions)))
	mux.Handle("GET /families/{id}/careplan/compare", s.handle(s.requireLogin(s.carePlanCompare)))
	mux.Handle("GET /families/{id}/careplan/print", s.handle(s.requireLogin(s.carePlanPrint(caseFile))))
	mux.Handle("GET /families/{id}/careplan/emergency", s.handle(s.requireLogin(s.carePlanEmergency(caseFile))))
	mux.Handle("POST /families/{id}/careplan/print/printed", s.handle(s.requireLogin(s.carePlanPrinted(caseFile, "careplan"))))
	mux.Handle("POST /families/{id}/careplan/emergency/printed", s.handle(s.requireLogin(s.carePlanPrinted(caseFile, "emergency_summary"))))
	mux.Handle("POST /families/{id}/careplan/proposals/{pid}", s.handle(s.requireLogin(s.proposalAnswer)))
	mux.Handle("GET /my/families/{id}/careplan", s.handle(s.requireLogin(s.carePlanShow(family))))
	mux.Handle("GET /my/families/{id}/careplan/print", s.handle(s.requireLogin(s.carePlanPrint(family))))
	mux.Handle("GET /my/families/{id}/careplan/emergency", s.handle(s.requireLogin(s.carePlanEmergency(family))))
	mux.Handle("POST /my/families/{id}/careplan/print/printed", s.handle(s.requireLogin(s.carePlanPrinted(family, "careplan"))))
	mux.Handle("POST /my/families/{id}/careplan/emergency/printed", s.handle(s.requireLogin(s.carePlanPrinted(family, "emergency_summary"))))
	mux.Handle("POST /my/families/{id}/careplan/proposals", s.handle(s.requireLogin(s.proposalCreate)))
	mux.Handle("GET /provider/families/{id}/careplan", s.handle(s.requireLogin(s.carePlanShow(provider))))
	mux.Handle("GET /provider/families/{id}/careplan/print", s.handle(s.requireLogin(s.carePlanPrint(provider))))
	mux.Handle("GET /provider/families/{id}/careplan/emergency", s.handle(s.requireLogin(s.carePlanEmergency(provider))))
	mux.Handle("POST /provider/families/{id}/careplan/print/printed", s.handle(s.requireLogin(s.carePlanPrinted(provider, "careplan"))))
	mux.Handle("POST /provider/families/{id}/careplan/emergency/printed", s.handle(s.requireLogin(s.carePlanPrinted(provider, "emergency_summary"))))
	mux.Handle("GET /careplan-templates", s.handle(s.requireRole(cm, s.planTemplates)))
	mux.Handle("GET /careplan-templates/new", s.handle(s.requireRole(cm, s.planTemplateNew)))
	mux.Handle("POST /careplan-templates", s.handle(s.requireRole(cm, s.planTemplateSave)))
	mux.Handle("GET /careplan-templates/{tmpl}/edit", s.handle(s.requireRole(cm, s.planTemplateEdit)))
	mux.Handle("POST /careplan-templates/{tmpl}", s.handle(s.requireRole(cm, s.planTemplateSave)))

	// The coverage plan of the case managers: who pays for what, and the
	// aids. A document is downloaded under .../download: a path of the
	// same length would clash with .../coverage/{cid}/edit.
	mux.Handle("GET /families/{id}/coverage", s.handle(s.requireLogin(s.coverageShow)))
	mux.Handle("GET /families/{id}/coverage/new", s.handle(s.requireLogin(s.coverageNew)))
	mux.Handle("POST /families/{id}/coverage", s.handle(s.requireLogin(s.coverageCreate())))
	mux.Handle("GET /families/{id}/coverage/{cid}/edit", s.handle(s.requireLogin(s.coverageEdit)))
	mux.Handle("POST /families/{id}/coverage/{cid}", s.handle(s.requireLogin(s.coverageUpdate)))
	mux.Handle("GET /families/{id}/coverage/{cid}/renew", s.handle(s.requireLogin(s.coverageRenew)))
	mux.Handle("POST /families/{id}/coverage/{cid}/periods", s.handle(s.requireLogin(s.coverageRenewSave)))
	mux.Handle("POST /families/{id}/coverage/{cid}/documents", s.handle(s.requireLogin(s.coverageAttach(false))))
	mux.Handle("GET /families/{id}/coverage/documents/{doc}/download", s.handle(s.requireLogin(s.coverageDocument(care.ViewCaseFile))))
	mux.Handle("GET /families/{id}/aids/new", s.handle(s.requireLogin(s.aidNew)))
	mux.Handle("POST /families/{id}/aids", s.handle(s.requireLogin(s.aidSave)))
	mux.Handle("GET /families/{id}/aids/{aid}/edit", s.handle(s.requireLogin(s.aidEdit)))
	mux.Handle("POST /families/{id}/aids/{aid}", s.handle(s.requireLogin(s.aidSave)))
	mux.Handle("POST /families/{id}/aids/{aid}/documents", s.handle(s.requireLogin(s.coverageAttach(true))))

	// Where the child is and has been: the case managers' page and form.
	mux.Handle("GET /families/{id}/stays", s.handle(s.requireLogin(s.staysShow)))
	mux.Handle("GET /families/{id}/stays/new", s.handle(s.requireLogin(s.stayEdit)))
	mux.Handle("POST /families/{id}/stays", s.handle(s.requireLogin(s.staySave)))
	mux.Handle("GET /families/{id}/stays/{sid}/edit", s.handle(s.requireLogin(s.stayEdit)))
	mux.Handle("POST /families/{id}/stays/{sid}", s.handle(s.requireLogin(s.staySave)))
	mux.Handle("POST /families/{id}/stays/{sid}/end", s.handle(s.requireLogin(s.stayEnd)))

	// When the child dies: the death record and the aftercare, for the
	// case managers.
	mux.Handle("GET /families/{id}/death", s.handle(s.requireLogin(s.deathShow)))
	mux.Handle("GET /families/{id}/death/record", s.handle(s.requireLogin(s.deathEdit)))
	mux.Handle("POST /families/{id}/death", s.handle(s.requireLogin(s.deathSave)))
	mux.Handle("POST /families/{id}/death/tasks", s.handle(s.requireLogin(s.deathTasks)))
	mux.Handle("POST /families/{id}/aftercare", s.handle(s.requireLogin(s.aftercareSave)))
	mux.Handle("POST /families/{id}/aftercare/contacts/{fcid}/done", s.handle(s.requireLogin(s.aftercareContactDone)))
	mux.Handle("POST /families/{id}/aftercare/end", s.handle(s.requireLogin(s.aftercareEnd)))
	// Multidisciplinary meetings: organised and minuted by the case
	// managers; read by the participants behind their own doors, each only
	// the meetings they are invited to.
	mux.Handle("GET /families/{id}/meetings", s.handle(s.requireLogin(s.meetingsShow(caseFile))))
	mux.Handle("GET /families/{id}/meetings/new", s.handle(s.requireLogin(s.meetingNew)))
	mux.Handle("POST /families/{id}/meetings", s.handle(s.requireLogin(s.meetingCreate)))
	mux.Handle("GET /families/{id}/meetings/{mtg}", s.handle(s.requireLogin(s.meetingShow(caseFile))))
	mux.Handle("GET /families/{id}/meetings/{mtg}/minutes", s.handle(s.requireLogin(s.meetingMinutes)))
	mux.Handle("POST /families/{id}/meetings/{mtg}/minutes", s.handle(s.requireLogin(s.meetingMinutesSave)))
	mux.Handle("GET /my/families/{id}/meetings", s.handle(s.requireLogin(s.meetingsShow(family))))
	mux.Handle("GET /my/families/{id}/meetings/{mtg}", s.handle(s.requireLogin(s.meetingShow(family))))
	mux.Handle("POST /my/families/{id}/meetings/{mtg}/decline", s.handle(s.requireLogin(s.meetingDecline)))
	mux.Handle("GET /provider/families/{id}/meetings", s.handle(s.requireLogin(s.meetingsShow(provider))))
	mux.Handle("GET /provider/families/{id}/meetings/{mtg}", s.handle(s.requireLogin(s.meetingShow(provider))))

	// The registration report: aggregates only, over the scopes the care
	// service allows the role (a case manager's caseload, an organisation,
	// a region); every run and download is recorded there.
	mux.Handle("GET /reports/registration", s.handle(s.requireLogin(s.reportShow)))
	mux.Handle("GET /reports/registration/export.csv", s.handle(s.requireLogin(s.reportExport("csv"))))
	mux.Handle("GET /reports/registration/export.json", s.handle(s.requireLogin(s.reportExport("json"))))

	// Accepting an invitation: the token in the path is the only key.
	mux.Handle("GET /invite/{token}", s.handle(s.inviteShow))
	mux.Handle("POST /invite/{token}", s.handle(s.inviteSubmit))

	// The family's own view and the provider's view of a family, each
	// decided by the care service: a family or provider without the
	// relationship (or, for a provider, the consent) gets a missing page.
	mux.Handle("GET /my", s.handle(s.requireLinked(s.myFamilies)))
	mux.Handle("GET /my/families/{id}", s.handle(s.requireLogin(s.familyViewShow)))
	mux.Handle("POST /my/families/{id}/tasks/{tid}/done", s.handle(s.requireLogin(s.taskDone(s.familyTasks()))))
	mux.Handle("POST /my/families/{id}/notes", s.handle(s.requireLogin(s.noteCreate(s.familyNotes()))))
	mux.Handle("POST /my/families/{id}/consent/{mid}", s.handle(s.requireLogin(s.familyConsent)))
	mux.Handle("POST /my/families/{id}/stop", s.handle(s.requireLogin(s.familyStop)))
	mux.Handle("POST /my/families/{id}/network-proposals", s.handle(s.requireLogin(s.familyProposalCreate)))
	mux.Handle("GET /my/families/{id}/access-log", s.handle(s.requireLogin(s.accessLogShow)))
	mux.Handle("GET /my/families/{id}/coverage", s.handle(s.requireLogin(s.coverageView(family))))
	mux.Handle("GET /my/families/{id}/coverage/documents/{doc}", s.handle(s.requireLogin(s.coverageDocument(care.ViewFamily))))
	mux.Handle("GET /provider/families/{id}", s.handle(s.requireLogin(s.providerShow)))
	mux.Handle("GET /provider/families/{id}/coverage", s.handle(s.requireLogin(s.coverageView(provider))))
	mux.Handle("POST /provider/families/{id}/tasks/{tid}/done", s.handle(s.requireLogin(s.taskDone(s.providerTasks()))))
	mux.Handle("POST /provider/families/{id}/notes", s.handle(s.requireLogin(s.noteCreate(s.providerNotes()))))

	// The sociale kaart: searched by the case managers, the coordinator and
	// the administrator; kept by the coordinator. The care service decides
	// and records every search and change. A family's network takes a
	// service from it in one step.
	mux.Handle("GET /kaart", s.handle(s.requireLogin(s.kaartShow)))
	mux.Handle("GET /kaart/new", s.handle(s.requireLogin(s.kaartNew)))
	mux.Handle("POST /kaart", s.handle(s.requireLogin(s.kaartSave)))
	mux.Handle("GET /kaart/{entry}/edit", s.handle(s.requireLogin(s.kaartEdit)))
	mux.Handle("POST /kaart/{entry}", s.handle(s.requireLogin(s.kaartSave)))
	mux.Handle("POST /kaart/{entry}/capacity", s.handle(s.requireLogin(s.kaartCapacity)))
	mux.Handle("GET /kaart/white-spots", s.handle(s.requireLogin(s.kaartWhiteSpots)))
	mux.Handle("GET /families/{id}/network/kaart", s.handle(s.requireLogin(s.familyKaartShow)))
	mux.Handle("GET /my/families/{id}/kaart", s.handle(s.requireLogin(s.familyKaartView)))
	mux.Handle("POST /families/{id}/network-kaart/{entry}", s.handle(s.requireLogin(s.familyKaartAdd)))

	// The child's journey as a timeline, behind the three doors.
	mux.Handle("GET /families/{id}/timeline", s.handle(s.requireLogin(s.timelineShow(caseFile))))
	mux.Handle("GET /my/families/{id}/timeline", s.handle(s.requireLogin(s.timelineShow(family))))
	mux.Handle("GET /provider/families/{id}/timeline", s.handle(s.requireLogin(s.timelineShow(provider))))

	// Transfers: the case managers plan them with their checklist; the
	// handoff summary is read, and printed, through each door. {trid} is a
	// transfer ({tid} is a task elsewhere).
	mux.Handle("GET /families/{id}/transfers", s.handle(s.requireLogin(s.transfersShow)))
	mux.Handle("POST /families/{id}/transfers", s.handle(s.requireLogin(s.transferCreate)))
	mux.Handle("POST /families/{id}/transfers/{trid}/status", s.handle(s.requireLogin(s.transferStatus)))
	for _, d := range []struct {
		base string
		view care.View
	}{{"/families/{id}", caseFile}, {"/my/families/{id}", family}, {"/provider/families/{id}", provider}} {
		mux.Handle("GET "+d.base+"/transfers/{trid}/handoff", s.handle(s.requireLogin(s.handoffShow(d.view))))
		mux.Handle("POST "+d.base+"/transfers/{trid}/handoff/printed", s.handle(s.requireLogin(s.handoffPrinted(d.view))))
	}

	// Conversations and their documents: one set of handlers behind the
	// three doors. A provider answers in the threads a case manager added
	// them to, and starts none.
	for _, d := range []struct {
		base string
		view care.View
	}{{"/families/{id}", caseFile}, {"/my/families/{id}", family}, {"/provider/families/{id}", provider}} {
		mux.Handle("GET "+d.base+"/threads", s.handle(s.requireLogin(s.threadsShow(d.view))))
		if d.view != provider {
			mux.Handle("POST "+d.base+"/threads", s.handle(s.requireLogin(s.threadStart(d.view))))
		}
		mux.Handle("GET "+d.base+"/threads/{thread}", s.handle(s.requireLogin(s.threadShow(d.view))))
		mux.Handle("POST "+d.base+"/threads/{thread}", s.handle(s.requireLogin(s.threadReply(d.view))))
		mux.Handle("GET "+d.base+"/documents/{doc}", s.handle(s.requireLogin(s.documentDownload(d.view))))
	}
	mux.Handle("POST /families/{id}/threads/{thread}/providers", s.handle(s.requireLogin(s.threadAddProvider)))

	// Accounts: every action goes through the auth service, which checks
	// the administrator, records the action and tells the holder.
	admin := care.RoleAdmin
	mux.Handle("GET /admin/accounts", s.handle(s.requireRole(admin, s.adminAccounts)))
	mux.Handle("POST /admin/accounts", s.handle(s.requireRole(admin, s.adminAccountCreate)))
	mux.Handle("POST /admin/accounts/{id}/disable", s.handle(s.requireRole(admin, s.adminAccountAction("disabled", s.auth.AdminDisableAccount))))
	mux.Handle("POST /admin/accounts/{id}/enable", s.handle(s.requireRole(admin, s.adminAccountAction("enabled", s.auth.AdminEnableAccount))))
	mux.Handle("POST /admin/accounts/{id}/reset-password", s.handle(s.requireRole(admin, s.adminAccountAction("password-reset", s.auth.AdminResetPassword))))
	mux.Handle("GET /admin/settings", s.handle(s.requireRole(admin, s.adminSettings)))
	mux.Handle("POST /admin/settings", s.handle(s.requireRole(admin, s.adminSettingsSubmit)))
	mux.Handle("POST /admin/settings/region", s.handle(s.requireRole(admin, s.adminRegionSubmit)))
	mux.Handle("POST /admin/settings/ura", s.handle(s.requireRole(admin, s.adminURASubmit)))
	mux.Handle("POST /admin/settings/aftercare", s.handle(s.requireRole(admin, s.adminAftercareSubmit)))
	mux.Handle("POST /admin/settings/contacts", s.handle(s.requireRole(admin, s.adminContactDaysSubmit)))
	mux.Handle("POST /admin/accounts/{id}/reset-mfa", s.handle(s.requireRole(admin, s.adminAccountAction("mfa-reset", s.auth.AdminResetSecondFactor))))

	// An account's calendar feed, for calendar apps: no session, the token
	// in the path ("<token>.ics") is the only key.
	mux.Handle("GET /ical/{file}", s.handle(s.calendarFeed))

	// The link an account's holder gets by e-mail to choose a password:
	// the token in the path is the only key.
	mux.Handle("GET /password/{token}", s.handle(s.passwordLinkShow))
	mux.Handle("POST /password/{token}", s.handle(s.passwordLinkSubmit))
}
