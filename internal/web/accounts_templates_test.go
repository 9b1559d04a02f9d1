package web

import (
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// reachCMs are a duo that told how they are reached: the KCT's with all
// three fields, the thuis case manager with hours only.
var reachCMs = care.CaseManagers{
	KCT: care.Person{AccountID: 1, Name: "Carla"}, Thuis: care.Person{AccountID: 2, Name: "Thijs"},
	KCTReach:   care.Reachability{WorkPhone: "030 123 45 67", Hours: "ma–do 8.30–17 uur", StandIn: "Karin, 030 765 43 21"},
	ThuisReach: care.Reachability{Hours: "di en vr"},
}

// accountsCases are the pages of one account with many families and of
// reachable case managers, for TestEveryTemplateExecutes: the invitation
// to an account that exists at each step, the case manager's account page
// with its reachability form, a home with consent scopes, and the family's
// and provider's views with reachable case managers. others are the
// cases drawn so far, to vary.
func accountsCases(base func(string) BasePage, others map[string]any) map[string]any {
	existing := func(e ExistingAccount) *InviteAcceptPage {
		return &InviteAcceptPage{BasePage: base("invitation.existing_title"), Token: "ABC", Name: "Dr. A", Email: "a@example.org", Errors: Fields{}, Existing: &e}
	}
	cm := baseAs(base("account.title"), care.RoleCaseManager)
	reach := care.Reachability{WorkPhone: "bel mij", Hours: "ma", StandIn: "Karin"}
	fv := *others["familyview"].(*FamilyViewPage)
	ov := *fv.Ov
	ov.File.CaseManagers = reachCMs
	fv.Ov = &ov
	pv := *others["provider"].(*ProviderPage)
	pf := *pv.File
	pf.CaseManagers = reachCMs
	pv.File = &pf
	prov := baseAs(base("home.title"), care.RoleProvider)
	rows := []LinkedRow{
		{LinkedFamily: care.LinkedFamily{FamilyID: 7, ChildName: "Sam", Kind: care.LinkProvider, Consent: true, Scope: care.ScopePlanNetwork}, URL: "/provider/families/7"},
		{LinkedFamily: care.LinkedFamily{FamilyID: 8, ChildName: "Noor", Kind: care.LinkProvider, Consent: true, Scope: care.ScopeFile}, URL: "/provider/families/8"},
	}
	return map[string]any{
		"invite_accept_login":   existing(ExistingAccount{Step: "login", LoginURL: "/login?next=%2Finvite%2FABC", Suffix: "_u"}),
		"invite_accept_confirm": existing(ExistingAccount{Step: "confirm"}),
		"invite_accept_other":   existing(ExistingAccount{Step: "other", LoggedInAs: "b@example.org", Suffix: "_u"}),
		"invite_accept_refused": existing(ExistingAccount{Step: "confirm", Refused: "invitation.already_linked", Suffix: "_u"}),
		"account_casemanager": &AccountPage{BasePage: cm, RoleKey: "role.casemanager", Errors: Fields{}, Reach: &reach, ReachSaved: true,
			ReachErrors: Fields{"work_phone": "phone.invalid", "work_hours": "field.too_long", "stand_in": "field.unreadable"}},
		"account_calendarmade": &AccountPage{BasePage: cm, RoleKey: "role.casemanager", Errors: Fields{},
			Calendar: &CalendarSection{Since: time.Now(), SinceText: "4 dec 2026 10:00", URL: "https://spil.example.nl/ical/ABC.ics", Words: "pro"}},
		"account_calendarfamily": &AccountPage{BasePage: baseAs(base("account.title"), care.RoleFamily), RoleKey: "role.family", Errors: Fields{},
			Calendar: &CalendarSection{Since: time.Now(), SinceText: "4 dec 2026 10:00", Revoked: true, Words: "family"}},
		"home_linked":      &HomePage{BasePage: prov, RoleKey: "role.provider", Families: rows, Linked: true},
		"familyview_reach": &fv,
		"provider_reach":   &pv,
	}
}
