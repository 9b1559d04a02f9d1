package demo

import (
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// Meeting is a multidisciplinary meeting (MDO) organised by one of the
// family's case managers. Invite names the participants, from the network
// or the family; a past meeting has its minutes, decisions and actions.
type Meeting struct {
	care.Meeting // purpose, start, length, place or link, agenda; minutes and decisions when held
	By           string
	Invite       []string
	// Declined names the family members who said they will not come.
	Declined []string
	Actions  []MeetingAction
}

// MeetingAction is an action agreed in a meeting: a task for Owner, a case
// manager's or participant's name, of the kind OwnerKind.
type MeetingAction struct {
	Title     string
	OwnerKind string // care.OwnerCaseManager, care.OwnerNetwork or care.OwnerParent
	Owner     string
	Due       time.Time
}

// meetingAt is 14:00 in Amsterdam on date, the usual time of an MDO.
func meetingAt(date time.Time, hour int) time.Time {
	y, m, d := date.Date()
	return time.Date(y, m, d, hour, 0, 0, 0, care.Amsterdam).UTC()
}

// noorMeetings: the warm handoff home after the acute admission to the
// academic hospital, with the GP, the home-care nurse and both parents;
// and the review of the care plan six weeks ago, with its minutes.
func noorMeetings(c calendar) []Meeting {
	const mother, father, gp, nurse, paed = "Eva Kramer", "Martijn Kramer", "Dr. Sanne Mol", "Nadia Bouali (vaste verpleegkundige)", "Dr. Thomas Kuiper"
	handoff := Meeting{By: ByKCT, Invite: []string{gp, nurse, paed, mother, father}, Meeting: care.Meeting{
		Purpose: care.PurposeWarmHandoff, Start: meetingAt(c.in(3), 14), Minutes: 90,
		Place:    "Academisch Kinderziekenhuis Amstel, familiekamer afdeling 4",
		VideoURL: "https://video.example.org/mdo-noor",
		Agenda: "Ontslag naar huis na de acute opname: zuurstof en monitor op beide adressen, nachtzorg door het pgb-team, " +
			"wie 's nachts het eerste aanspreekpunt is, en de afspraken met het kinderdagverblijf.",
	}}
	review := Meeting{By: ByThuis, Invite: []string{gp, nurse, mother, father}, Declined: []string{father}, Meeting: care.Meeting{
		Purpose: care.PurposeCarePlanReview, Start: meetingAt(c.ago(42), 10), Minutes: 60, Place: "Bij moeder thuis, Haarlem",
		Agenda: "Zorgplan na de herindicatie: uren van het pgb-team, bezwaar, begeleiding op het kinderdagverblijf.",
		Report: "Besproken met moeder, de huisarts en de vaste verpleegkundige; vader kon niet en is daarna gebeld. " +
			"De verlaagde uren zijn niet genoeg voor de nachten in beide huizen. Het bezwaar gaat door met een onderbouwing van de kinderarts.",
		Decisions: []string{"Bezwaar tegen de herindicatie indienen, met een brief van de kinderarts",
			"Het pgb-team blijft op beide adressen werken; de nachten gaan voor"},
	}, Actions: []MeetingAction{
		{Title: "Onderbouwing zorgbehoefte voor het bezwaar sturen", OwnerKind: care.OwnerNetwork, Owner: gp, Due: c.in(5)},
		{Title: "Rooster pgb-team aanpassen aan de nieuwe uren", OwnerKind: care.OwnerParent, Owner: mother, Due: c.ago(20)},
		{Title: "Bezwaarschrift indienen bij het zorgkantoor", OwnerKind: care.OwnerCaseManager, Owner: ThuisCaseManager, Due: c.ago(30)},
	}}
	return []Meeting{handoff, review}
}

// semMeetings: the warm handoff before Sem's move home (see semTransfer),
// at the hospital and by video, with his GP, the home-care nurse who will
// run the pain pump, the paediatrician and both parents.
func semMeetings(c calendar) []Meeting {
	const gp, paed = "Dr. Floris Haan", "Dr. Michiel Sanders"
	return []Meeting{{By: ByKCT, Invite: []string{gp, HomeCareNurse, paed, "Judith de Wit", "Paul de Wit"}, Meeting: care.Meeting{
		Purpose: care.PurposeWarmHandoff, Start: meetingAt(c.in(3), 15), Minutes: 60,
		Place:    "Nationaal Kinderoncologisch Centrum, afdeling 4",
		VideoURL: "https://video.example.org/mdo-sem",
		Agenda: "Naar huis met de pijnpomp: wie de pomp beheert, de medicatie via de huisarts, nachtzorg, " +
			"wie ouders 's nachts als eerste bellen, en wat de wensen voor de laatste fase thuis vragen.",
	}}}
}

// addMeetings gives a hand-written family its meetings, by the child's name.
func addMeetings(c calendar, f *Family) {
	switch f.ChildName {
	case "Noor Kramer":
		f.Meetings = noorMeetings(c)
	case "Sem de Wit":
		f.Meetings = semMeetings(c)
	}
}
