package web

import (
	"slices"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// baseAs is base with an account of another role.
func baseAs(b BasePage, role care.Role) BasePage {
	acc := *b.Account
	acc.Role = role
	b.Account = &acc
	return b
}

// familyViewCases are the family's and the provider's pages with every
// part filled, for TestEveryTemplateExecutes; names after the template's
// with a suffix are variants of it.
func familyViewCases(base BasePage) map[string]any {
	today := care.DateOf(time.Now())
	now := time.Now()
	by := care.Person{AccountID: 1, Name: "Carla"}
	network := []care.NetworkMember{
		{ID: 3, Name: "Dr. A", Role: "paediatrician", Organisation: "UMC", Line: 3, Phone: "010", Email: "a@example.org", Reachability: "werkdagen", Responsibilities: "Medicatie"},
		{ID: 4, Name: "KCT", Role: "nurse", Organisation: "UMC", Line: 3, Phone: "020", Reachability: "altijd", AlwaysReachable: true, Responsibilities: "Pijn"},
		{ID: 5, Name: "Oma", Role: "informal"},
	}
	file := care.File{
		Family: care.Family{ID: 7, ChildName: "Sam", BirthDate: today.AddDate(-13, 0, 0), Diagnosis: "Duchenne", ICD10: "G71.0",
			Secondary: []care.Diagnosis{{Description: "Epilepsie"}}, NextContact: today.AddDate(0, 0, -1), Deceased: true},
		Members:      []care.Member{{ID: 1, Kind: "parent", Name: "Mo", Custody: true}, {ID: 2, Kind: "parent", Name: "Jo"}},
		Episode:      &care.Episode{Status: "accepted", StatusDate: today, StatusNote: "Fijn", DivisionOfTasks: "KCT medisch"},
		CaseManagers: care.CaseManagers{KCT: by},
		Network:      network,
		Tasks: []care.Task{{ID: 5, Title: "Rolstoel", OwnerKind: "network", OwnerName: "Thuiszorg", DueDate: today.AddDate(0, 0, -2), Status: "open", NetworkMemberID: 3},
			{ID: 6, Title: "School bellen", OwnerKind: "family", Status: "open", DueDate: today.AddDate(0, 0, 5)},
			{ID: 8, Title: "Indicatie", OwnerKind: "casemanager", Status: "done", DoneNote: "Aangevraagd", DoneAt: now, DoneBy: by, NetworkMemberID: 3}},
	}
	notes := []care.Note{{ID: 1, Kind: care.NoteWish, Body: "Thuis zijn", Author: by, CreatedAt: now},
		{ID: 2, Kind: care.NoteFamily, Body: "Moe", Author: by, CreatedAt: now}}
	granted := care.ConsentRecord{Granted: true, Scope: care.ScopeFile, At: now}
	withdrawn := care.ConsentRecord{At: now}
	consents := []care.ProviderConsent{
		{Member: network[0], State: care.ConsentState{Rule: care.RuleChildAndParents, Scope: care.ScopePlanNetwork}, Mine: &granted},
		{Member: network[1], State: care.ConsentState{Rule: care.RuleChildAndParents, Missing: []string{care.GiverParent, care.GiverChild}}, Mine: &withdrawn},
		{Member: network[2], State: care.ConsentState{Rule: care.RuleChildAndParents, Missing: []string{care.GiverChild}}},
	}
	fam := baseAs(base, care.RoleFamily)
	view := func(ov *care.FamilyOverview) *FamilyViewPage {
		r := &FamilyViewPage{}
		r.CarePage = CarePage{BasePage: fam, Today: today}
		r.Ov, r.Base, r.Custody = ov, "/my/families/7", true
		r.TaskList = newTaskList(care.ViewFamily, r.Base, ov.File.Tasks, 0, today)
		r.Call = []care.NetworkMember{network[1], network[0]}
		r.Wishes, r.Notes = notes[:1], notes[1:]
		r.Note = NoteForm{Kind: "note", Body: "x", Errors: Fields{"kind": "field.choose", "body": "field.required"}}
		return r
	}
	parent := view(&care.FamilyOverview{File: file, Notes: notes, Consents: consents, Link: care.Link{Kind: care.LinkParent, MemberID: 1},
		Rule: care.RuleChildAndParents, MayConsent: true, Signals: []care.Signal{
			{Code: care.CodeTasksOverdue, Severity: care.SeverityWarning, On: time.Now(), Count: 1, Family: true},
			{Code: care.CodeCoverageEnding, Severity: care.SeverityWarning, On: time.Now(), Detail: "casemanager",
				DetailKey: "coverage.kind.home_nursing", Family: true}}})
	parent.Saved, parent.Error = "familyview.saved.consent", "consent.child_decides"
	parent.Done = &DoneForm{TaskID: 6, Note: "", Error: "field.required"}
	parent.Consent = &ConsentForm{MemberID: 3, Error: "consent.no_custody"}
	parent.Stop = StopForm{Open: true, Note: "x", Error: "familyview.stop_confirm"}

	child := view(&care.FamilyOverview{File: file, Notes: notes, Consents: consents, Link: care.Link{Kind: care.LinkChild},
		Rule: care.RuleChildAndParents, IsChild: true, MayConsent: true})
	offered := file
	offered.Episode = &care.Episode{Status: "offered", StatusDate: today}
	offered.Family.NextContact, offered.Family.Deceased = time.Time{}, false
	child.Ov.File = offered

	sixteen := file
	sixteen.Family.BirthDate = today.AddDate(-16, 0, 0)
	sixteen.Episode = &care.Episode{Status: "declined", StatusDate: today}
	adult := view(&care.FamilyOverview{File: sixteen, Consents: consents, Link: care.Link{Kind: care.LinkParent, MemberID: 2}, Rule: care.RuleChild})
	adult.Custody = false
	empty := view(&care.FamilyOverview{File: care.File{Family: care.Family{ID: 7, ChildName: "Sam", BirthDate: today.AddDate(-3, 0, 0)}},
		Link: care.Link{Kind: care.LinkParent}, Rule: care.RuleParents, MayConsent: true})
	empty.Call, empty.Wishes, empty.Notes = nil, nil, nil

	cp := CarePage{BasePage: fam, Today: today}
	log := &AccessLogPage{CarePage: cp, FamilyID: 7, ChildName: "Sam", From: today.AddDate(0, 0, -30), To: today, Errors: Fields{"from": "date.invalid", "to": "accesslog.to_before_from"},
		Entries: accessLines([]care.AccessEntry{
			{At: now, ActorName: "Dr. A", Organisation: "UMC", Role: care.RoleProvider, ObjectType: "provider_view", Action: care.ActionRead, Outcome: care.OutcomeSuccess},
			{At: now.Add(-time.Hour), ActorName: "Dr. A", Organisation: "UMC", Role: care.RoleProvider, ObjectType: "family_view", Action: care.ActionRead, Outcome: care.OutcomeSuccess},
			{At: now, ActorName: "Mo", Organisation: "KCT", Role: care.RoleFamily, ObjectType: "consent", Action: care.ActionUpdate, Outcome: care.OutcomeFailed},
			{At: now, ActorName: "", Role: "", ObjectType: "weird", Action: "X", Outcome: care.OutcomeDenied},
			{At: now, ActorName: "Carla", Organisation: "KCT", Role: care.RoleCaseManager, ObjectType: "task", Action: care.ActionCreate, Outcome: care.OutcomeSuccess},
		})}
	emptyLog := &AccessLogPage{CarePage: cp, FamilyID: 7, IsChild: true, From: today, To: today, Errors: Fields{}}

	prov := CarePage{BasePage: baseAs(base, care.RoleProvider), Today: today}
	pf := &care.ProviderFile{Family: file.Family, Network: network, Tasks: file.Tasks[:1], Scope: care.ScopeFile, Me: network[0],
		Signals: []care.Signal{{Code: care.CodeTasksOverdue, Severity: care.SeverityWarning, Count: 1, On: time.Now()}}}
	pp := &ProviderPage{CarePage: prov, File: pf, Base: "/provider/families/7", TaskList: newTaskList(care.ViewProvider, "/provider/families/7", slices.Concat(pf.Tasks, file.Tasks[2:]), 0, today),
		Saved: "provider.saved.note", Error: "provider.note_not_saved", NoteBody: "x", NoteError: "field.required"}
	pp.Done = &DoneForm{TaskID: 5, Error: "field.required"}
	ppEmpty := &ProviderPage{CarePage: prov, File: &care.ProviderFile{Family: care.Family{ID: 7, ChildName: "Sam"}, Scope: care.ScopePlanNetwork}, Base: "/provider/families/7",
		TaskList: newTaskList(care.ViewProvider, "/provider/families/7", nil, 0, today)}

	rows := []LinkedRow{
		{LinkedFamily: care.LinkedFamily{FamilyID: 7, ChildName: "Sam", Kind: care.LinkProvider, Consent: true}, URL: "/provider/families/7"},
		{LinkedFamily: care.LinkedFamily{FamilyID: 9, Kind: care.LinkProvider}, Waiting: true},
	}
	return map[string]any{
		"familyview": parent, "familyview_child": child, "familyview_sixteen": adult, "familyview_empty": empty,
		"accesslog": log, "accesslog_empty": emptyLog,
		"provider": pp, "provider_empty": ppEmpty,
		"my_families":        &MyFamiliesPage{CarePage: prov, Families: rows, Provider: true},
		"my_families_family": &MyFamiliesPage{CarePage: cp, Families: []LinkedRow{{LinkedFamily: care.LinkedFamily{FamilyID: 7, ChildName: "Sam", Kind: care.LinkParent}, URL: "/my/families/7"}}},
		"my_families_none":   &MyFamiliesPage{CarePage: cp},
		"home_none":          &HomePage{BasePage: fam, RoleKey: "role.family"},
		"home_family":        &HomePage{BasePage: fam, RoleKey: "role.family", Families: rows[:1]},
		"home_waiting":       &HomePage{BasePage: prov.BasePage, RoleKey: "role.provider", Families: rows[1:]},
		"home_provider":      &HomePage{BasePage: prov.BasePage, RoleKey: "role.provider", Families: rows},
	}
}

func TestAccessLinesKeepDaysApart(t *testing.T) {
	day := time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)
	e := care.AccessEntry{ActorName: "Dr. A", Role: care.RoleProvider, ObjectType: "family", Action: care.ActionRead, Outcome: care.OutcomeSuccess}
	at := func(t time.Time) care.AccessEntry { c := e; c.At = t; return c }
	denied := at(day.Add(-2 * time.Hour))
	denied.Outcome = care.OutcomeDenied
	lines := accessLines([]care.AccessEntry{at(day), at(day.Add(-time.Hour)), denied, at(day.AddDate(0, 0, -1))})
	if len(lines) != 3 || lines[0].Count != 2 || !lines[0].First.Equal(day.Add(-time.Hour)) || lines[1].Outcome != care.OutcomeDenied || lines[2].Count != 1 {
		t.Errorf("lines %+v: want today's two reads as one, the refusal apart, yesterday apart", lines)
	}
}
