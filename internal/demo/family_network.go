package demo

import (
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// NetworkProposal is a parent's proposal for the family's own network,
// still open: a new network member (Kind care.ProposeNetworkAdd).
type NetworkProposal struct {
	Member       string // the parent who proposes, by name
	Kind         string
	Name         string
	Role         string
	Organisation string
	Phone        string
	At           time.Time
}

// evaSmit is a file opened during pregnancy: a heart defect seen at the
// twenty-week scan, the child expected in about ten weeks.
func evaSmit(c calendar) Family {
	const mother, father, gp = "Anouk Smit", "Jeroen Smit", "Dr. Martine Brouwer"
	referral := c.ago(24)
	return Family{
		ChildName: "Baby Smit",
		BirthDate: c.in(72),
		Unborn:    true,
		Sex:       "unknown",
		Diagnosis: "Hypoplastisch linkerhartsyndroom (prenataal vastgesteld)",
		ICD10:     "Q23.4",
		Intensity: "regular",
		Summary: "Bij de twintigwekenecho is een ernstige hartafwijking gezien; de ouders kozen na gesprekken met de kindercardioloog voor de zwangerschap en de behandeling na de geboorte. " +
			"Het dossier is geopend tijdens de zwangerschap, zodat de zorg rond de geboorte en daarna klaarstaat. " +
			"Naam en geboortedatum volgen na de geboorte.",
		LivingSituation: "Eerste kind; de ouders wonen in een appartement op de tweede verdieping zonder lift in Zwolle.",
		KCT:             true,
		Members: []care.Member{
			{Kind: "parent", Name: mother, Relation: "moeder", Custody: true, Phone: "06 0091 1201", Language: "Nederlands",
				Notes: "Zwanger van het eerste kind; wil graag alles vooraf weten."},
			{Kind: "parent", Name: father, Relation: "vader", Custody: true, Phone: "06 0091 1202", Language: "Nederlands"},
		},
		Episode: care.Episode{
			ReferralDate:     referral,
			ReferredBy:       "Gynaecoloog, Academisch Ziekenhuis Noord",
			Reason:           "Prenataal vastgestelde hartafwijking; de ouders willen de zorg rond en na de geboorte vooraf geregeld hebben.",
			FactorWish:       true,
			FactorComplexity: true,
			SurpriseQuestion: "no",
			Status:           "accepted",
			StatusDate:       c.ago(20),
			DivisionOfTasks:  KCTCaseManager + " (KCT) bereidt de geboorte en de eerste weken thuis voor.",
		},
		Network: []care.NetworkMember{
			{Name: gp, Role: "gp", Organisation: "Huisartsenpraktijk Assendorp", Line: 1, Domain: "lichamelijk",
				Phone: "038 000 4410", Reachability: officeHours, StartedOn: referral,
				Responsibilities: "Huisarts van de ouders; wordt het eerste aanspreekpunt thuis na de geboorte."},
			{Name: "Dr. Wouter Kok", Role: "specialist", Organisation: "Academisch Ziekenhuis Noord", Line: 3, Domain: "lichamelijk",
				Reachability: "via de polikliniek kindercardiologie", StartedOn: referral,
				Responsibilities: "Kindercardioloog; behandelplan na de geboorte."},
			{Name: "Verloskundigenpraktijk De Wieg", Role: "nurse", Line: 1, Domain: "lichamelijk",
				Phone: "038 000 4477", Reachability: "24/7 voor de bevalling", AlwaysReachable: true, StartedOn: c.ago(150),
				Responsibilities: "Verloskundige zorg tijdens de zwangerschap, samen met het ziekenhuis."},
			{Name: "Lieke Veenstra", Role: "nurse", Organisation: "Kinder Comfort Team, Academisch Ziekenhuis Noord", Line: 3,
				Domain: "psychosociaal", Reachability: kctService, AlwaysReachable: true, StartedOn: referral,
				Responsibilities: "Verpleegkundige van het KCT; bespreekt met de ouders ook wat er gebeurt als het misgaat, en de rouwzorg.",
				Bereavement:      true},
		},
		Steps: []Step{
			c.step(ByKCT, c.ago(20), care.Regular, c.ago(13), "intake"),
			c.step(ByKCT, c.ago(13), care.Intensive, c.ago(9), "Groeiachterstand op de echo; een vroege geboorte wordt voorbereid."),
			c.step(ByKCT, c.ago(6), care.Regular, c.in(7), "Groei weer op schema; de afspraken rond de geboorte staan."),
		},
		Contacts: []Contact{
			c.contact(ByKCT, c.ago(14), "home_visit", "parent", "Thuis", 75, 40,
				"Kennismaking; wat er na de geboorte gebeurt en wie wat doet. Ouders maken zich zorgen over de trap naar het appartement.", ""),
			c.contact(ByKCT, c.ago(12), "meeting", "provider", "Academisch Ziekenhuis Noord", 45, 0,
				"Overleg met kindercardioloog en verloskundige over de echo en een vroege geboorte.", "Ouders bellen over de uitkomst."),
			c.contact(ByKCT, c.ago(6), "phone", "parent", "", 20, 0,
				"Groei weer op schema. Besproken wie de ouders bellen als de bevalling begint.", ""),
		},
		Tasks: []Task{
			c.task(ByKCT, c.ago(14), "Kraamzorg en kinderthuiszorg afstemmen voor de eerste weken thuis", "casemanager", KCTCaseManager, c.in(30)),
		},
	}
}
