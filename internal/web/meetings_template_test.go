package web

import (
	"net/url"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
)

// meetingCases are the meeting list and page behind every door with every
// part filled, the family page and start page with meetings, and the two
// forms sent back with errors.
func meetingCases(base func(title string) BasePage) (map[string]any, []*FormPage) {
	now := time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)
	today := care.DateOf(now)
	fam := care.Family{ID: 7, ChildName: "Noor", Intensity: care.Regular}
	cm := care.Person{AccountID: 1, Name: "Carla"}
	parts := []care.MeetingParticipant{{ID: 1, MemberID: 4, Name: "Ilse", Role: "moeder", Declined: true, DeclinedAt: now},
		{ID: 2, NetworkMemberID: 3, Name: "Dr. Huisman", Role: "gp"}}
	upcoming := care.Meeting{ID: 11, FamilyID: 7, Purpose: care.PurposeWarmHandoff, Start: now.Add(48 * time.Hour), Minutes: 90,
		Place: "Prinses Máxima Centrum", VideoURL: "https://meet.example.org/x", Agenda: "Ontslag naar huis", Participants: parts, CreatedBy: cm}
	past := care.Meeting{ID: 12, FamilyID: 7, Purpose: care.PurposeMoralDeliberation, Start: now.Add(-72 * time.Hour), Minutes: 60, Place: "Thuis",
		Participants: parts, Report: "Besproken", ReportAt: now, ReportBy: cm, Decisions: []string{"Geen reanimatie"}, CreatedBy: cm,
		Actions: []care.Task{{ID: 5, Title: "Zuurstof", OwnerKind: care.OwnerNetwork, OwnerName: "Dr. Huisman", DueDate: today, Status: "open"},
			{ID: 6, Title: "School bellen", OwnerKind: care.OwnerFamily, Status: "done"}}}
	cp := func(title string) CarePage { return CarePage{BasePage: base(title), Today: today} }
	list := func(viewer string) *MeetingsPage {
		ml := &care.MeetingList{Family: fam, Viewer: viewer, Now: now, Upcoming: []care.Meeting{upcoming}, Past: []care.Meeting{past}, MyMemberID: 4}
		return &MeetingsPage{CarePage: cp("meeting.list_title"), List: ml, Base: "/families/7", Saved: "meeting.saved.organised"}
	}
	owners := []care.PossibleOwner{{Owner: care.TaskOwner{Kind: care.OwnerCaseManager, ID: 1}, Name: "Carla"},
		{Owner: care.TaskOwner{Kind: care.OwnerNetwork, ID: 3}, Name: "Dr. Huisman", Role: "gp"}, {Owner: care.TaskOwner{Kind: care.OwnerParent, ID: 4}, Name: "Ilse", Role: "moeder"}}
	page := func(viewer string, m care.Meeting, me *care.MeetingParticipant) *MeetingPageView {
		mp := &care.MeetingPage{Family: fam, Viewer: viewer, Now: now, Meeting: m, Me: me, Owners: owners, CaseManagers: care.CaseManagers{KCT: cm}}
		return &MeetingPageView{CarePage: cp("meeting.title"), Page: mp, Base: "/my/families/7", Saved: "meeting.saved.declined",
			Errors: Fields{"decline": "meeting.decline_started"}}
	}
	started := upcoming
	started.Start = now.Add(-time.Minute)
	empty := &MeetingsPage{CarePage: cp("meeting.list_title"), List: &care.MeetingList{Family: fam, Viewer: care.ViewerFamily, Now: now}, Base: "/my/families/7"}

	file := &care.File{Family: fam, CaseManagers: care.CaseManagers{KCT: cm}, Meetings: []care.Meeting{upcoming}}
	fp := &FamilyPage{CarePage: cp("family.title"), File: file}
	home := &HomePage{BasePage: base("home.title"), RoleKey: "role.family", Families: []LinkedRow{{LinkedFamily: care.LinkedFamily{FamilyID: 7, ChildName: "Noor", Kind: care.LinkParent}, URL: "/my/families/7"}},
		Meetings: []HomeMeeting{{AccountMeeting: care.AccountMeeting{ID: 11, FamilyID: 7, Start: upcoming.Start, Minutes: 90, Purpose: care.PurposeWarmHandoff, Declined: true}, ChildName: "Noor", URL: "/my/families/7/meetings/11"}}}

	newForm := func(title string, v url.Values, errs Fields) *FormPage {
		c := cp(title)
		return &FormPage{CarePage: c, Builder: form.NewBuilder(c.translator, v, errs), Submit: "form.save", Heading: title, Family: &fam}
	}
	organise := newForm("meeting.new_title", url.Values{"p-parent-4": {"1"}, "time": {"25:00"}},
		Fields{"start": "meeting.past_needs_minutes", "participants": "meeting.participant_not_in_file", "video_url": "meeting.video_url_invalid",
			"time": "meeting.time_invalid", "duration": "meeting.duration_invalid", "place": "meeting.place_required"})
	meetingForm(organise, &care.MeetingList{Family: fam, Viewer: care.ViewerCaseManager, Now: now,
		Network: []care.NetworkMember{{ID: 3, Name: "Dr. Huisman", Role: "gp"}}, Members: []care.Member{{ID: 4, Kind: "parent", Name: "Ilse", Relation: "moeder"}}})
	minutes := newForm("meeting.minutes_title", url.Values{"action_2_owner": {"network:3"}},
		Fields{"minutes": "meeting.not_started", "action_2_owner": "meeting.owner_not_participant", "action_1_title": "field.required"})
	minutesForm(minutes, &care.MeetingPage{Family: fam, Viewer: care.ViewerCaseManager, Now: now, Meeting: past, Owners: owners, CaseManagers: care.CaseManagers{KCT: cm}})

	return map[string]any{
		"meetings":          list(care.ViewerCaseManager),
		"meetings_family":   list(care.ViewerFamily),
		"meetings_provider": list(care.ViewerProvider),
		"meetings_empty":    empty,
		"meeting":           page(care.ViewerCaseManager, upcoming, nil),
		"meeting_started":   page(care.ViewerCaseManager, started, nil),
		"meeting_minutes":   page(care.ViewerCaseManager, past, nil),
		"meeting_family":    page(care.ViewerFamily, upcoming, &parts[0]),
		"meeting_coming":    page(care.ViewerFamily, upcoming, &parts[1]),
		"meeting_provider":  page(care.ViewerProvider, past, &parts[1]),
		"family_meetings":   fp,
		"home_meetings":     home,
	}, []*FormPage{organise, minutes}
}
