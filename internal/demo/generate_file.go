package demo

import (
	"math/rand/v2"
	"slices"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// Material for the files of generated families.
var (
	motherNames = []string{
		"Sanne", "Linda", "Esther", "Fatima", "Marieke", "Anouk", "Ilse", "Saskia", "Nicole", "Yasmina",
		"Kim", "Judith", "Petra", "Inge", "Hatice", "Mirjam", "Joyce", "Naima", "Eline", "Agnieszka",
	}
	fatherNames = []string{
		"Mark", "Dennis", "Jeroen", "Martijn", "Rachid", "Bas", "Tim", "Erik", "Sander", "Mehmet",
		"Ruud", "Wouter", "Paul", "Niels", "Karim", "Thomas", "Vincent", "Youssef", "Marco", "Piotr",
	}
	places = []string{
		"Centrum", "De Linde", "Het Anker", "De Brink", "Oosterpark", "De Vaart", "Zuidwijk", "De Akker",
		"Molenhoek", "De Esch", "Rivierenbuurt", "Het Lint",
	}
	academic = []string{
		"Academisch Kinderziekenhuis Noord", "Academisch Kinderziekenhuis Oost", "Academisch Kinderziekenhuis Zuid",
		"Academisch Kinderziekenhuis Amstel", "Academisch Kinderziekenhuis Midden", "Nationaal Kinderoncologisch Centrum",
	}
	referrers = []string{
		"Kinderarts, regionaal ziekenhuis", "Kinderneuroloog, academisch kinderziekenhuis",
		"Neonatoloog, academisch kinderziekenhuis", "Kinderoncoloog", "Huisarts", "Transferverpleegkundige",
		"Revalidatiearts", "Jeugdarts", "Wijkverpleegkundige",
	}
	referralReasons = []string{
		"Ontslag naar huis met veel nieuwe zorg; niemand coördineert.",
		"Ouders coördineren alle zorg zelf en lopen vast in aanvragen en indicaties.",
		"Progressieve ziekte met toenemende zorg; de zorg thuis is niet meer rond te krijgen.",
		"Overgang naar palliatieve zorg; ouders willen zoveel mogelijk thuis zijn.",
		"Geen diagnose, wel complexe zorg thuis en veel betrokken zorgverleners.",
		"Overgang naar volwassenenzorg en van Jeugdwet naar Wlz staat voor de deur.",
	}
	stepReasons = map[care.Intensity][]string{
		care.Intensive: {
			"Opname en na ontslag veel nieuwe zorg thuis.",
			"Toestand gaat achteruit; zorg thuis intensief.",
			"Indicatie loopt af en de zorg thuis is niet rond.",
		},
		care.Regular: {
			"Situatie stabiel; contact om de twee weken.",
			"Zorg thuis is rond; minder contact nodig.",
			"Na de opname weer thuis en stabiel.",
		},
		care.Waakvlam: {
			"Stabiel; contact eens per kwartaal, eerder als het nodig is.",
			"Gezin heeft het goed in handen; casemanagement op de achtergrond.",
		},
	}
	contactTopics = []string{
		"Stand van zaken thuis, nachten en voeding.",
		"Herindicatie en de uren thuiszorg.",
		"Hulpmiddelen: levering en aanvraag bij gemeente of zorgverzekeraar.",
		"School en leerlingenvervoer.",
		"Hoe het gaat met de broers en zussen.",
		"Wensen voor de komende tijd en wat te doen bij een verslechtering.",
		"Overdracht na de laatste opname.",
		"Respijtzorg en logeren.",
	}
	followUps = []string{
		"", "", "Terugbellen na het overleg met de kinderarts.", "Aanvraag samen met ouders indienen.",
		"Huisarts informeren.", "Onderwerp meenemen naar het volgende MDO.",
	}
	taskTitles = []string{
		"Herindicatie thuiszorg aanvragen", "Levering hulpmiddel navragen", "MDO plannen",
		"Overdracht naar de huisarts sturen", "Aanvraag woningaanpassing indienen", "Respijtzorg regelen",
		"Gesprek over proactieve zorgplanning plannen", "Steun voor broers en zussen bespreken",
		"Medicatieoverzicht bijwerken", "Leerlingenvervoer regelen",
	}
	doneNotes = []string{
		"Geregeld en met ouders besproken.", "Aanvraag ingediend; bevestiging ontvangen.",
		"Gedaan; verslag gedeeld met het netwerk.",
	}
	interpreterLanguages = []string{"Arabisch", "Turks", "Pools", "Tigrinya", "Tarifit"}
)

// extra is a network member a generated family may have besides the GP,
// the paediatrician and the KCT nurse.
type extra struct {
	role, name, organisation string
	line                     int
	domain, reachability     string
	responsibilities         string
}

var extras = []extra{
	{"homecare", "Planner kinderthuiszorg", "Kinderthuiszorg", 1, "lichamelijk", "ma-vr 8-17; dienstdoende verpleegkundige 7-23", "Verpleging thuis volgens indicatie."},
	{"therapist", "Kinderfysiotherapeut", "Kinderfysiotherapie", 1, "lichamelijk", "ma-do 8-17", "Fysiotherapie aan huis."},
	{"school", "Intern begeleider", "Mytylschool", 0, "pedagogisch", "schooldagen 8-15", "Onderwijs op maat; meldt bijzonderheden aan ouders."},
	{"social_worker", "Consulent wijkteam", "Wijkteam", 0, "sociaal", "ma-do 9-17", "Wmo en Jeugdwet: aanvragen bij de gemeente."},
	{"psychologist", "Kinderpsycholoog", "Praktijk voor kind en gezin", 1, "psychisch", "ma-vr 9-17", "Steun voor het kind en de broers en zussen."},
	{"pharmacy", "Apotheek", "Apotheek", 1, "lichamelijk", "ma-vr 8-18; daarbuiten de dienstapotheek", "Levert medicatie en voeding."},
}

// generateFile gives a generated family the content of its file.
func generateFile(r *rand.Rand, c calendar, f *Family) {
	day := c.day
	last := lastName(f.ChildName)
	f.KCT = true
	custody := ageOn(f.BirthDate, day) < 18 // parents of adults have no custody

	mother := pick(r, motherNames) + " " + last
	f.Members = append(f.Members, care.Member{Kind: "parent", Name: mother, Relation: "moeder", Custody: custody})
	if r.IntN(20) == 0 {
		m := &f.Members[0]
		m.Language = pick(r, interpreterLanguages)
		m.Notes = "Tolk nodig bij gesprekken over de zorg."
	}
	if r.IntN(100) < 85 {
		f.Members = append(f.Members, care.Member{Kind: "parent", Name: pick(r, fatherNames) + " " + last, Relation: "vader", Custody: custody})
	}
	for range r.IntN(4) {
		b := f.BirthDate.AddDate(0, 0, r.IntN(16*365)-8*365)
		if b.After(day) {
			b = day
		}
		name, rel := pick(r, girlNames), "zus"
		if r.IntN(2) == 0 {
			name, rel = pick(r, boyNames), "broer"
		}
		f.Members = append(f.Members, care.Member{Kind: "sibling", Name: name + " " + last, Relation: rel, BirthDate: b})
	}

	// The referral lies between birth and today, at most three years back.
	age := int(day.Sub(f.BirthDate).Hours() / 24)
	referral := day.AddDate(0, 0, -r.IntN(min(age, 3*365)+1))
	intake := referral.AddDate(0, 0, r.IntN(15))
	if intake.After(day) {
		intake = day
	}
	status := "accepted"
	switch p := r.IntN(100); {
	case f.Deceased:
	case p < 7:
		status = "offered"
	case p < 12:
		status = "declined"
	case p < 15:
		status = "ended"
	}
	f.Episode = care.Episode{
		ReferralDate: referral, ReferredBy: pick(r, referrers), Reason: pick(r, referralReasons),
		FactorWish: r.IntN(10) != 0, FactorComplexity: r.IntN(10) != 0, FactorCapacity: r.IntN(2) == 0,
		SurpriseQuestion: care.SurpriseAnswers[r.IntN(len(care.SurpriseAnswers))],
		Status:           status, StatusDate: intake,
	}

	hospital := pick(r, academic)
	if r.IntN(20) != 0 {
		f.Network = append(f.Network, care.NetworkMember{
			Name: fullName(r), Role: "gp", Organisation: "Huisartsenpraktijk " + pick(r, places), Line: 1, Domain: "lichamelijk",
			Reachability: officeHours, Responsibilities: "Eerste aanspreekpunt bij klachten thuis.", Bereavement: r.IntN(2) == 0,
		})
	}
	f.Network = append(f.Network, care.NetworkMember{
		Name: "Dr. " + fullName(r), Role: "paediatrician", Organisation: hospital, Line: 3, Domain: "lichamelijk",
		Reachability: "ma-vr 8-17 via de polikliniek", Responsibilities: "Hoofdbehandelaar.",
	})
	if r.IntN(2) == 0 {
		f.Network = append(f.Network, care.NetworkMember{
			Name: fullName(r), Role: "nurse", Organisation: "Kinder Comfort Team, " + hospital, Line: 3, Domain: "lichamelijk",
			Reachability: kctService, AlwaysReachable: true, Responsibilities: "Verpleegkundig aanspreekpunt buiten kantoortijd.",
		})
	}
	for _, i := range r.Perm(len(extras))[:1+r.IntN(3)] {
		e := extras[i]
		f.Network = append(f.Network, care.NetworkMember{
			Name: e.name + " " + fullName(r), Role: e.role, Organisation: e.organisation + " " + pick(r, places), Line: e.line,
			Domain: e.domain, Reachability: e.reachability, Responsibilities: e.responsibilities,
		})
	}

	// Steps: the intake and up to two changes, the last to the current intensity.
	span := int(day.Sub(intake).Hours() / 24)
	changes := r.IntN(3)
	if span <= changes {
		changes = 0
	}
	current := care.Intensity(f.Intensity)
	for j := 0; j <= changes; j++ {
		date := intake.AddDate(0, 0, span*j/(changes+1))
		in := care.Intensities[r.IntN(len(care.Intensities))]
		reason := "intake"
		if j > 0 {
			reason = pick(r, stepReasons[in])
		}
		next := date.AddDate(0, 0, 14)
		if j == changes {
			in = current
			if j > 0 {
				reason = pick(r, stepReasons[in])
			}
			next = day.AddDate(0, 0, nextContactDays(r, in))
		}
		f.Steps = append(f.Steps, c.step(ByKCT, date, in, next, reason))
	}

	var dates []time.Time
	for range 1 + r.IntN(4) {
		dates = append(dates, intake.AddDate(0, 0, r.IntN(span+1)))
	}
	slices.SortFunc(dates, func(a, b time.Time) int { return a.Compare(b) })
	for _, d := range dates {
		kind := care.ContactKinds[r.IntN(len(care.ContactKinds))]
		with := care.ContactWith[r.IntN(len(care.ContactWith))]
		location, minutes, travel := "", 10+r.IntN(30), 0
		switch kind {
		case "home_visit":
			location, minutes, travel = "thuis", 45+r.IntN(76), 15+r.IntN(76)
		case "meeting":
			location, minutes, travel = hospital, 30+r.IntN(61), r.IntN(61)
		case "email":
			minutes = 5 + r.IntN(11)
		}
		f.Contacts = append(f.Contacts, c.contact(ByKCT, d, kind, with, location, minutes, travel, pick(r, contactTopics), pick(r, followUps)))
	}

	// Tasks are made within the last 200 days (or since the intake), so no
	// due date lies more than a year back.
	from := day.AddDate(0, 0, -200)
	if intake.After(from) {
		from = intake
	}
	fromSpan := int(day.Sub(from).Hours() / 24)
	for range 1 + r.IntN(3) {
		made := from.AddDate(0, 0, r.IntN(fromSpan+1))
		due := made.AddDate(0, 0, 7+r.IntN(50))
		var owner string
		kind := care.TaskOwners[r.IntN(len(care.TaskOwners))]
		switch kind {
		case "network":
			owner = f.Network[r.IntN(len(f.Network))].Name
		case "family":
			owner = f.Members[r.IntN(len(f.Members))].Name
		}
		t := c.task(ByKCT, made, pick(r, taskTitles), kind, owner, due)
		if r.IntN(5) < 2 {
			done := made.AddDate(0, 0, r.IntN(int(day.Sub(made).Hours()/24)+1))
			t = c.done(t, done, pick(r, doneNotes))
		}
		f.Tasks = append(f.Tasks, t)
	}
	if span >= 2 && f.Episode.Status == "accepted" {
		f.Plan = generatePlan(r, c, f, intake, span)
	}
	generateCoverage(c, f, intake)
}

// Material for generated care plans.
var (
	planGoals = map[care.Dimension][]string{
		care.DimPhysical:      {"Klachten thuis goed opvangen", "Voeding en slikken veilig houden", "Rustige nachten"},
		care.DimPsychological: {"Ouders hebben een plek voor hun zorgen", "Het kind kan zijn angst uiten"},
		care.DimSocial:        {"Zorg thuis rond met genoeg uren", "Respijtzorg voor de ouders"},
		care.DimPedagogical:   {"Zo lang het kan naar school of dagbesteding", "Leerlingenvervoer geregeld"},
		care.DimSpiritual:     {"Tijd voor wat het gezin samen fijn vindt", "Ruimte voor geloof en rituelen"},
	}
	planWishes = []string{
		"Zoveel mogelijk thuis zijn, met broers en zussen dichtbij.",
		"Dat ons kind geen pijn heeft en kan blijven doen wat het leuk vindt.",
		"Dat we als gezin niet alles zelf hoeven te regelen.",
	}
)

// generatePlan gives a generated family a care plan of two versions: one
// soon after the intake, and one after an ACP conversation.
func generatePlan(r *rand.Rand, c calendar, f *Family, intake time.Time, span int) []PlanVersion {
	p := care.NewPlan(0, care.DefaultTemplate(), intake)
	p.Wishes = pick(r, planWishes)
	for i := range p.Sections {
		s := &p.Sections[i]
		s.Goals = []care.PlanItem{{For: care.PlanFor[r.IntN(len(care.PlanFor))], Text: pick(r, planGoals[s.Dimension])}}
	}
	p.AssignIDs()
	first := intake.AddDate(0, 0, r.IntN(span/2+1))
	second := first.AddDate(0, 0, 1+r.IntN(int(c.day.Sub(first).Hours()/24)))
	if second.After(c.day) {
		second = c.day
	}
	v1 := *p
	v1.ReviewDue = first.AddDate(0, 3, 0)

	v2 := *care.NewPlan(0, care.DefaultTemplate(), second)
	v2.Wishes, v2.NextItem = v1.Wishes, v1.NextItem
	v2.Sections = append([]care.PlanSection(nil), v1.Sections...)
	v2.ACP.Conversations = []care.Conversation{{Date: second, Participants: "Ouders, kinderarts en casemanager",
		Topics: "Wat te doen bij een verslechtering.", Record: "Verslag bij de kinderarts"}}
	v2.ACP.Directives[0] = care.Directive{Kind: "resuscitation", Decision: care.DirectiveDecisions[1+r.IntN(3)],
		Date: second, AgreedBy: "Ouders en kinderarts"}
	v2.ACP.PlaceOfDeath = care.Preference{Place: care.Places[r.IntN(len(care.Places)-1)]}
	v2.DiscussedOn, v2.ReviewDue = second, second.AddDate(0, 3, 0)
	v2.AssignIDs()
	return []PlanVersion{{By: ByKCT, At: c.at(first, 13), Plan: v1}, {By: ByKCT, At: c.at(second, 14), Plan: v2}}
}

// nextContactDays is when, in days from today, the next contact is planned
// at intensity in.
func nextContactDays(r *rand.Rand, in care.Intensity) int {
	switch in {
	case care.Intensive:
		return 1 + r.IntN(7)
	case care.Regular:
		return 7 + r.IntN(15)
	default:
		return 30 + r.IntN(61)
	}
}

// fullName is a made-up first and last name.
func fullName(r *rand.Rand) string {
	first := girlNames
	if r.IntN(2) == 0 {
		first = boyNames
	}
	return pick(r, first) + " " + pick(r, lastNames)
}

// lastName is what follows the first name.
func lastName(name string) string {
	for i, c := range name {
		if c == ' ' {
			return name[i+1:]
		}
	}
	return name
}
