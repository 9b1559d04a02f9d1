package fhir

import (
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func at(s string) time.Time {
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		panic(err)
	}
	return t.UTC()
}

// sample is a file with every field Spil exports filled in.
func sample() Input {
	in := Input{
		Organisation: Organisation{ID: 3, Name: "Kinder Comfort Team Noord", URA: "90000123"},
		Family: care.Family{ID: 7, OrganisationID: 3, ChildName: "Lotte de Vries", BirthDate: day("2015-04-02"),
			Sex: "female", BSN: "123456782", Diagnosis: "Spinale musculaire atrofie", ICD10: "G12.1",
			Secondary:       []care.Diagnosis{{ID: 11, Description: "Epilepsie", ICD10: "G40.9"}, {ID: 12, Description: "Slaapproblemen"}},
			LivingSituation: "Ouders gescheiden, om de week", CultureNotes: "Thuis Nederlands en Turks", Intensity: care.Waakvlam,
			NextContact: day("2026-12-10"), Summary: "Stabiel", Deceased: false,
			CreatedAt: at("2024-01-02T09:10:11.123456Z"), UpdatedAt: at("2026-11-30T15:00:00Z")},
		Members: []care.Member{
			{ID: 21, FamilyID: 7, Kind: "parent", Name: "Anna de Vries", Relation: "moeder", Custody: true, Phone: "0612345678",
				Email: "anna@example.org", Language: "Nederlands", Notes: "Belt liever na 17 uur"},
			{ID: 22, FamilyID: 7, Kind: "carer", Name: "Kees", Relation: "partner van moeder", EndedOn: day("2026-01-01")},
			{ID: 23, FamilyID: 7, Kind: "sibling", Name: "Tim", Relation: "broer", BirthDate: day("2012-06-01")},
		},
		Episode: &care.Episode{FamilyID: 7, ReferralDate: day("2024-01-01"), ReferredBy: "Kinderarts", Reason: "Complexe zorg",
			FactorWish: true, FactorComplexity: true, FactorCapacity: true, SurpriseQuestion: "no", Status: "accepted",
			StatusDate: day("2024-01-10"), StatusNote: "Graag", DivisionOfTasks: "KCT medisch, thuis de rest"},
		CaseManagers: care.CaseManagers{KCT: care.Person{AccountID: 31, Name: "Sanne Bakker"}, Thuis: care.Person{AccountID: 32, Name: "Eva Smit"},
			KCTReach:   care.Reachability{WorkPhone: "0201234567", Hours: "ma-vr 8-17", StandIn: "Het KCT"},
			ThuisReach: care.Reachability{Hours: "di en do"}},
		Network: []care.NetworkMember{
			{ID: 41, FamilyID: 7, Name: "Dr. Jansen", Role: "gp", Organisation: "Huisartsenpraktijk Oost", Line: 1, Domain: "medical",
				Phone: "0209876543", Email: "jansen@example.org", Reachability: "ochtend", AlwaysReachable: true,
				Responsibilities: "Pijnbestrijding", Bereavement: true, StartedOn: day("2024-01-05")},
			{ID: 42, FamilyID: 7, Name: "Thuiszorg West", Role: "homecare", EndedOn: day("2025-05-05")},
		},
	}
	in.Contacts = []care.Contact{
		{ID: 51, FamilyID: 7, Date: day("2026-10-01"), Kind: "home_visit", With: "both", Location: "Thuis", DurationMin: 90, TravelMin: 30,
			RegistrationMin: 10, Topics: "Slaap", FollowUp: "Bellen", CreatedAt: at("2026-10-01T12:00:00Z"), CreatedBy: care.Person{AccountID: 31, Name: "Sanne Bakker"}},
		{ID: 52, FamilyID: 7, Date: day("2026-10-05"), Kind: "phone", With: "provider", CreatedBy: care.Person{AccountID: 32, Name: "Eva Smit"}},
	}
	in.Tasks = []care.Task{
		{ID: 61, FamilyID: 7, Title: "Pijnmedicatie evalueren", OwnerKind: "network", OwnerName: "Dr. Jansen", NetworkMemberID: 41,
			PlanDimension: care.DimPhysical, PlanGoal: "i2", DueDate: day("2026-12-20"), Status: "open",
			CreatedAt: at("2026-11-01T10:00:00Z"), CreatedBy: care.Person{AccountID: 31, Name: "Sanne Bakker"}},
		{ID: 62, FamilyID: 7, Title: "PGB aanvragen", OwnerKind: "family", OwnerName: "Anna de Vries", OwnerMemberID: 21, Status: "done",
			DoneNote: "Aangevraagd", DoneAt: at("2026-11-20T08:30:00.5Z"), DoneBy: care.Person{AccountID: 99, Name: "Anna de Vries"},
			CreatedAt: at("2026-11-02T10:00:00Z"), CreatedBy: care.Person{AccountID: 32, Name: "Eva Smit"}},
		{ID: 63, FamilyID: 7, Title: "School bellen", OwnerKind: "casemanager", OwnerName: "Eva Smit", OwnerAccountID: 32, Status: "open",
			CreatedAt: at("2026-11-03T10:00:00Z"), CreatedBy: care.Person{AccountID: 32, Name: "Eva Smit"}},
		{ID: 64, FamilyID: 7, Title: "Iets", OwnerKind: "other", OwnerName: "De buurvrouw", Status: "open", CreatedAt: at("2026-11-04T10:00:00Z")},
	}
	in.Plan = &care.CarePlan{FamilyID: 7, Version: 4, SavedAt: at("2026-11-15T14:00:00Z"), SavedBy: care.Person{AccountID: 31, Name: "Sanne Bakker"},
		Changes: []string{"acp", "physical"}, Template: "default", Wishes: "Zoveel mogelijk thuis", Matters: "Samen zijn",
		ReviewMonths: 3, ReviewDue: day("2027-02-15"), DiscussedOn: day("2026-11-15"), NextItem: 9}
	for _, d := range care.Dimensions {
		in.Plan.Sections = append(in.Plan.Sections, care.PlanSection{Dimension: d})
	}
	phys := &in.Plan.Sections[0]
	phys.Situation = "Meer pijn 's nachts"
	phys.Problems = []care.PlanItem{{ID: "i1", For: "child", Text: "Pijn", ICD10: "R52"}, {ID: "i5", For: "child", Text: "Moe"}}
	phys.Goals = []care.PlanItem{{ID: "i2", For: "child", Text: "Pijnvrij slapen", NeedsCare: true}}
	phys.Agreements = []care.PlanItem{{ID: "i3", For: "family", Text: "Huisarts belt wekelijks"}}
	phys.Actions = []care.PlanAction{{TaskID: 61, Goal: "i2", Title: "Pijnmedicatie evalueren", OwnerKind: "network", OwnerName: "Dr. Jansen",
		DueDate: day("2026-12-20"), Status: "open"}, {TaskID: 70, Title: "Oude taak", OwnerKind: "casemanager", Status: "done"}}
	in.Plan.Sections[2].Goals = []care.PlanItem{{ID: "i4", For: "siblings", Text: "Brusjesclub"}}
	in.Plan.ACP = care.ACP{
		Conversations: []care.Conversation{{ID: "i6", Date: day("2026-09-01"), Participants: "Ouders, KCT", Topics: "Reanimatie", Record: "Verslag in dossier"},
			{ID: "i7", Date: day("2026-11-15"), Participants: "Ouders", Topics: "Plaats van overlijden"}},
		Scenarios: []care.Scenario{{ID: "i8", Topic: "school", WhatIf: "Niet meer naar school", Arranged: "Onderwijs thuis"}},
		Directives: []care.Directive{
			{Kind: "resuscitation", Decision: "no", Detail: "Niet reanimeren", Date: day("2026-09-01"), AgreedBy: "Ouders en kinderarts"},
			{Kind: "ventilation", Decision: "yes_but", Detail: "Alleen kapbeademing", Date: day("2026-09-01"), AgreedBy: "Ouders"},
			{Kind: "icu", Decision: "yes", Date: day("2026-09-01"), AgreedBy: "Ouders"},
			{Kind: "hospital", Decision: "not_discussed", Detail: "Nog met de kinderarts bespreken"},
			{Kind: "other", Label: "Sondevoeding", Decision: "yes", Date: day("2026-09-01"), AgreedBy: "Ouders"},
		},
		PlaceOfCare:  care.Preference{Place: "home", Detail: "Bij mama"},
		PlaceOfDeath: care.Preference{Place: "not_now", Detail: "Later bespreken"},
		CareWishes:   "Muziek aan",
		Other:        "Hond mag mee",
	}
	in.Consents = []care.ConsentRecord{
		{ID: 81, FamilyID: 7, NetworkMemberID: 41, GivenBy: care.Person{AccountID: 99, Name: "Anna de Vries"}, GiverKind: "parent", Granted: true,
			Scope: care.ScopeFile, At: at("2026-01-05T09:00:00Z")},
		{ID: 82, FamilyID: 7, NetworkMemberID: 42, GivenBy: care.Person{AccountID: 99, Name: "Anna de Vries"}, GiverKind: "parent", Granted: false,
			Scope: care.ScopeFile, At: at("2026-02-05T09:00:00Z")},
	}
	by := care.Person{AccountID: 31, Name: "Sanne Bakker"}
	in.Stays = []care.Stay{
		{ID: 91, FamilyID: 7, Kind: care.StayHome, Place: "Bij moeder", Start: day("2026-01-01"), End: day("2026-06-12"), CreatedAt: at("2026-01-02T08:00:00Z"), CreatedBy: by},
		{ID: 92, FamilyID: 7, Kind: care.StayAcademicHospital, Unit: care.StayPICU, Place: "Sophia", Acute: true, Note: "Via de SEH",
			Start: day("2026-06-12"), CreatedAt: at("2026-06-12T23:00:00Z"), CreatedBy: by},
	}
	in.Transfers = []care.Transfer{{ID: 95, FamilyID: 7, FromKind: "academic_hospital", FromPlace: "Sophia", ToKind: "home", ToPlace: "Thuis",
		PlannedOn: day("2026-12-15"), Status: care.TransferPlanned, Note: "Warme overdracht", CreatedAt: at("2026-11-20T10:00:00Z"), CreatedBy: by,
		Items: []care.TransferItem{{Item: "home_care", Task: in.Tasks[0]}, {Item: "school", Task: in.Tasks[2]}}}}
	in.Meetings = []care.Meeting{
		{ID: 97, FamilyID: 7, Purpose: "warm_handoff", Start: at("2026-12-10T14:00:00Z"), Minutes: 60, Place: "Sophia, kamer 3",
			VideoURL: "https://meet.example.org/abc", Agenda: "Overdracht naar huis",
			Participants: []care.MeetingParticipant{{ID: 1, NetworkMemberID: 41, Name: "Dr. Jansen", Role: "gp"},
				{ID: 2, MemberID: 21, Name: "Anna de Vries", Role: "moeder", Declined: true, DeclinedAt: at("2026-12-01T09:00:00Z")}},
			Report: "Besproken: pijnpomp", ReportAt: at("2026-12-10T15:30:00Z"), ReportBy: by, Decisions: []string{"Pomp via thuiszorg", "Huisarts belt"},
			ActionIDs: []int64{61, 63}, CreatedAt: at("2026-11-25T10:00:00Z"), CreatedBy: by},
		{ID: 98, FamilyID: 7, Purpose: "care_plan_review", Start: at("2027-01-10T09:00:00Z"), Minutes: 45, VideoURL: "https://meet.example.org/def",
			CreatedAt: at("2026-11-26T10:00:00Z"), CreatedBy: by},
	}
	in.Coverage = []care.CoverageItem{{ID: 101, FamilyID: 7, Kind: "night_care", Description: "Nachtzorg", NetworkMemberID: 42, ProviderName: "Thuiszorg West",
		Applicant: "casemanager", Goals: []string{"i2", "i4"}, CreatedAt: at("2026-02-01T10:00:00Z"), CreatedBy: by,
		Periods: []care.CoveragePeriod{
			{ID: 111, ItemID: 101, FamilyID: 7, Law: care.LawWlz, Form: "pgb", Status: care.CoverageEnded, HoursPerWeek: 12.5, AmountCents: 1234500,
				Reference: "CIZ-1", IndicatedBy: "ciz", Start: day("2025-01-01"), End: day("2025-12-31"), AppliedOn: day("2024-11-01"),
				DecidedOn: day("2024-12-01"), Note: "Eerste", CreatedAt: at("2026-02-01T10:00:00Z"), CreatedBy: by},
			{ID: 112, ItemID: 101, FamilyID: 7, Law: care.LawWlz, Form: "zin", Status: care.CoverageObjection, HoursPerWeek: 8,
				ObjectionFiledOn: day("2026-01-10"), ObjectionDue: day("2026-03-10"), CreatedAt: at("2026-02-02T10:00:00Z"), CreatedBy: by},
		},
		Documents: []care.Document{{ID: 121, FamilyID: 7, UploadedBy: by, UploadedAt: at("2026-02-03T10:00:00Z"), FileName: "besluit.pdf",
			ContentType: "application/pdf", Size: 9, Content: []byte("%PDF-1.4\n"), Kind: "decision", CoverageItemID: 101}},
	}}
	in.Aids = []care.Aid{
		{ID: 131, FamilyID: 7, Kind: "wheelchair", Description: "Rolstoel met zitschelp", Via: care.LawWmo, Supplier: "Medipoint",
			Status: care.AidDelivered, Requested: day("2025-09-01"), Assessed: day("2025-09-20"), Granted: day("2025-10-01"),
			Ordered: day("2025-10-05"), Delivered: day("2025-11-15"), ReplaceBy: day("2027-09-01"), Note: "Groeit mee tot 2027",
			CreatedAt: at("2025-09-01T10:00:00Z"), CreatedBy: by,
			Documents: []care.Document{{ID: 122, FamilyID: 7, UploadedBy: by, UploadedAt: at("2025-10-02T10:00:00Z"), FileName: "beschikking.pdf",
				ContentType: "application/pdf", Size: 9, Content: []byte("%PDF-1.5\n"), Kind: "decision", AidID: 131}}},
		{ID: 132, FamilyID: 7, Kind: "stair_lift", Description: "Traplift", Via: care.LawWmo, Status: care.AidRefused,
			Requested: day("2026-01-05"), Assessed: day("2026-02-01"), CreatedAt: at("2026-01-05T10:00:00Z"), CreatedBy: by},
		{ID: 133, FamilyID: 7, Kind: "feeding_pump", Description: "Voedingspomp", Via: care.LawZvw, Status: care.AidGranted,
			Requested: day("2026-03-01"), Granted: day("2026-03-10"), CreatedAt: at("2026-03-01T10:00:00Z"), CreatedBy: by},
	}
	in.Intensity = []care.IntensityChange{
		{ID: 141, FamilyID: 7, Intensity: care.Intensive, NextContact: day("2024-01-20"), Reason: "Intake", ChangedAt: at("2024-01-10T09:00:00Z"), ChangedBy: by},
		{ID: 142, FamilyID: 7, Intensity: care.Waakvlam, ChangedAt: at("2026-11-30T15:00:00.5Z"), ChangedBy: care.Person{AccountID: 32, Name: "Eva Smit"}},
	}
	in.PlanVersions = earlierPlans()
	mother := care.Person{AccountID: 99, Name: "Anna de Vries"}
	in.Notes = []care.Note{
		{ID: 151, FamilyID: 7, Author: mother, Kind: care.NoteWish, Body: "Samen naar zee", CreatedAt: at("2026-05-01T18:00:00Z")},
		{ID: 152, FamilyID: 7, Author: care.Person{AccountID: 98, Name: "Dr. Jansen"}, Kind: care.NoteProvider, Body: "Pijn beter",
			CreatedAt: at("2026-05-02T08:00:00.125Z")},
	}
	in.Threads = []care.ExportThread{
		{Thread: care.Thread{ID: 161, FamilyID: 7, Subject: "Logeerweekend", CreatedBy: mother, CreatedAt: at("2026-06-01T09:00:00Z"),
			LastMessageAt: at("2026-06-01T11:00:00Z"), Providers: []care.Person{{AccountID: 98, Name: "Dr. Jansen"}}},
			Messages: []care.Message{
				{ID: 171, FamilyID: 7, ThreadID: 161, Author: mother, Body: "Kan het in juli?", CreatedAt: at("2026-06-01T09:00:00Z"),
					Document: &care.Document{ID: 123, FamilyID: 7, UploadedBy: mother, UploadedAt: at("2026-06-01T09:00:00Z"), FileName: "brief.pdf",
						ContentType: "application/pdf", Size: 9, Content: []byte("%PDF-1.6\n"), MessageID: 171, ThreadID: 161}},
				{ID: 172, FamilyID: 7, ThreadID: 161, Author: by, Body: "Ik vraag het na", CreatedAt: at("2026-06-01T11:00:00Z")},
			}},
		{Thread: care.Thread{ID: 162, FamilyID: 7, Subject: "Medicatie", CreatedBy: by, CreatedAt: at("2026-07-01T09:00:00Z"),
			LastMessageAt: at("2026-07-01T09:00:00Z")},
			Messages: []care.Message{{ID: 173, FamilyID: 7, ThreadID: 162, Author: by, Body: "Nieuwe lijst", CreatedAt: at("2026-07-01T09:00:00Z")}}},
	}
	in.Transition = &care.TransitionAcceptance{FamilyID: 7, AcceptedAt: at("2032-01-02T10:00:00Z"), AcceptedBy: by,
		Steps: []string{"coverage", "doctor", "representation"}}
	in.TaskEvents = []care.TaskEvent{
		{ID: 201, FamilyID: 7, TaskID: 61, At: at("2026-11-05T09:00:00Z"), By: care.Person{AccountID: 31, Name: "Sanne Bakker"},
			Field: "owner", FromKind: "casemanager", From: "Sanne Bakker", ToKind: "network", To: "Dr. Jansen"},
		{ID: 202, FamilyID: 7, TaskID: 61, At: at("2026-11-05T09:00:00.5Z"), By: care.Person{AccountID: 31, Name: "Sanne Bakker"},
			Field: "due_date", From: "2026-12-01", To: "2026-12-20"},
		{ID: 203, FamilyID: 7, TaskID: 63, At: at("2026-11-04T12:00:00Z"), By: care.Person{AccountID: 32, Name: "Eva Smit"},
			Field: "owner", FromKind: "family", From: "Anna de Vries", ToKind: "casemanager", To: "Eva Smit"},
	}
	eva := care.Person{AccountID: 32, Name: "Eva Smit"}
	in.Corrections = []care.Correction{
		{ID: 211, FamilyID: 7, ObjectType: care.CorrectMember, ObjectID: 21, ChangedAt: at("2026-02-01T10:00:00Z"), ChangedBy: by,
			Previous: map[string]string{"phone": "0611111111", "notes": ""}},
		{ID: 212, FamilyID: 7, ObjectType: care.CorrectNetworkMember, ObjectID: 41, ChangedAt: at("2026-02-02T10:00:00Z"), ChangedBy: eva,
			Previous: map[string]string{"email": "oud@example.org"}},
		{ID: 213, FamilyID: 7, ObjectType: care.CorrectContact, ObjectID: 51, ChangedAt: at("2026-10-02T10:00:00.25Z"), ChangedBy: by,
			Previous: map[string]string{"duration": "60", "topics": "Slaap en eten"}},
		{ID: 214, FamilyID: 7, ObjectType: care.CorrectStay, ObjectID: 92, ChangedAt: at("2026-06-13T08:00:00Z"), ChangedBy: eva,
			Previous: map[string]string{"place": "WKZ"}},
		{ID: 215, FamilyID: 7, ObjectType: care.CorrectAid, ObjectID: 131, ChangedAt: at("2025-11-16T08:00:00Z"), ChangedBy: by,
			Previous: map[string]string{"supplier": ""}},
		{ID: 216, FamilyID: 7, ObjectType: care.CorrectCoverageItem, ObjectID: 101, ChangedAt: at("2026-03-01T08:00:00Z"), ChangedBy: by,
			Previous: map[string]string{"description": "Nachtzorg thuis"}},
		{ID: 217, FamilyID: 7, ObjectType: care.CorrectMember, ObjectID: 21, ChangedAt: at("2026-03-01T10:00:00Z"), ChangedBy: eva,
			Previous: map[string]string{"phone": "0612345670"}},
	}
	in.Proposals = []care.Proposal{
		{ID: 221, FamilyID: 7, Section: "wishes", Body: "Vaker samen naar buiten", ProposedBy: mother, ProposedAt: at("2026-04-01T20:00:00Z"),
			Status: care.ProposalAccepted, Answer: "Opgenomen", AnsweredBy: by, AnsweredAt: at("2026-04-03T09:00:00Z"), Version: 2},
		{ID: 222, FamilyID: 7, Section: string(care.DimSocial), Body: "Logeren bij oma", ProposedBy: mother, ProposedAt: at("2026-05-01T20:00:00Z"),
			Status: care.ProposalOpen},
		{ID: 223, FamilyID: 7, Section: string(care.DimPhysical), Body: "Minder prikken", ProposedBy: mother, ProposedAt: at("2026-05-02T20:00:00Z"),
			Status: care.ProposalDeclined, Answer: "Overleggen met de kinderarts", AnsweredBy: eva, AnsweredAt: at("2026-05-03T09:00:00.5Z")},
	}
	in.FamilyProposals = []care.FamilyProposal{
		{ID: 231, FamilyID: 7, Kind: care.ProposeNetworkAdd, Name: "Fysio Noord", Role: "physio", Organisation: "Fysio Noord BV",
			Phone: "0201112233", ProposedBy: mother, ProposedAt: at("2026-06-01T19:00:00Z"), Status: care.ProposalOpen},
		{ID: 232, FamilyID: 7, Kind: care.ProposeNetworkContact, TargetID: 41, Email: "jansen@praktijk.example.org", ProposedBy: mother,
			ProposedAt: at("2026-06-02T19:00:00Z"), Status: care.FamilyProposalConfirmed, AnsweredBy: by, AnsweredAt: at("2026-06-03T08:00:00Z")},
		{ID: 233, FamilyID: 7, Kind: care.ProposeMemberContact, TargetID: 21, Phone: "0699999999", ProposedBy: mother,
			ProposedAt: at("2026-06-04T19:00:00Z"), Status: care.ProposalDeclined, Answer: "Nummer klopt al", AnsweredBy: eva,
			AnsweredAt: at("2026-06-05T08:00:00Z")},
	}
	in.Aftercare = &care.Aftercare{
		People: []care.AftercarePerson{
			{ID: 181, FamilyID: 7, NetworkID: 41, Wishes: "Eens per maand een wandeling"},
			{ID: 182, FamilyID: 7, MemberID: 23, Supporter: "Juf Petra", Wishes: "Praten op school"},
		},
		Contacts: []care.AftercareContact{
			{ID: 191, FamilyID: 7, DueOn: day("2027-01-15"), Note: "Zes weken na het overlijden", DoneOn: day("2027-01-16"), DoneBy: by},
			{ID: 192, FamilyID: 7, DueOn: day("2027-06-01")},
		},
	}
	return in
}

// earlierPlans are two earlier versions of the sample's care plan: the
// first with a problem, a goal, an agreement, an action and proactive care
// planning of its own, the second without the plan's items.
func earlierPlans() []care.CarePlan {
	by := care.Person{AccountID: 31, Name: "Sanne Bakker"}
	v1 := care.CarePlan{FamilyID: 7, Version: 1, SavedAt: at("2026-03-01T09:00:00Z"), SavedBy: by, Changes: []string{"created"},
		Template: "default", Wishes: "Thuis", ReviewMonths: 6, ReviewDue: day("2026-09-01"), NextItem: 3}
	for _, d := range care.Dimensions {
		v1.Sections = append(v1.Sections, care.PlanSection{Dimension: d})
	}
	v1.Sections[0].Situation = "Pijn overdag"
	v1.Sections[0].Problems = []care.PlanItem{{ID: "i1", For: "child", Text: "Pijn"}}
	v1.Sections[0].Goals = []care.PlanItem{{ID: "i2", For: "child", Text: "Pijnvrij spelen"}}
	v1.Sections[1].Agreements = []care.PlanItem{{ID: "i3", For: "parents", Text: "Ouders bellen bij zorgen", NeedsCare: true}}
	v1.Sections[0].Actions = []care.PlanAction{{TaskID: 61, Goal: "i2", Title: "Pijnmedicatie evalueren", OwnerKind: "network",
		OwnerName: "Dr. Jansen", DueDate: day("2026-04-01"), Status: "open"}}
	v1.ACP = care.ACP{
		Conversations: []care.Conversation{{ID: "i6", Date: day("2026-02-20"), Participants: "Ouders", Topics: "Wensen"}},
		Directives:    []care.Directive{{Kind: "resuscitation", Decision: "yes", Date: day("2026-02-20"), AgreedBy: "Ouders"}},
		PlaceOfDeath:  care.Preference{Place: "home"},
		CareWishes:    "Knuffel mee",
	}
	v2 := care.CarePlan{FamilyID: 7, Version: 2, SavedAt: at("2026-06-01T09:00:00.25Z"), SavedBy: care.Person{AccountID: 32, Name: "Eva Smit"},
		Changes: []string{"wishes"}, Wishes: "Thuis, met de hond", NextItem: 3}
	for _, d := range care.Dimensions {
		v2.Sections = append(v2.Sections, care.PlanSection{Dimension: d})
	}
	return []care.CarePlan{v1, v2}
}
