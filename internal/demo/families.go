package demo

import "github.com/spil-zorg/spil/internal/care"

// The hand-written demo families, one function each. Organisations and
// people are invented; phone numbers use ranges that are not handed out.

// daanHermans: a diagnosis after years of searching, night care through the
// Wlz on a one-year indication that is about to run out. Duo of KCT and thuis.
func daanHermans(c calendar) Family {
	const mother, father, gp, neuro, physio = "Sandra Hermans", "Rob Hermans", "Pieter de Graaf", "Dr. Ellen Schepers", "Fenna Mulder"
	referral := c.ago(1150)
	return Family{
		ChildName: "Daan Hermans",
		Plan:      daanPlan(c, neuro),
		Proposals: []Proposal{{Member: mother, Section: "psychological", At: c.at(c.ago(2), 20),
			Body: "Luuk wil graag een keer mee naar het gesprek met de kinderneuroloog. Kan dat in het plan?"}},
		NetworkProposals: []NetworkProposal{{Member: mother, Kind: care.ProposeNetworkAdd, Name: "Sophie Willems",
			Role: "therapist", Organisation: "Muziektherapie De Klankkast", Phone: "0475 000 190", At: c.at(c.ago(1), 19)}},
		BirthDate: c.born(11, 3, 12),
		Sex:       "male",
		Diagnosis: "Leigh-syndroom (mitochondriale ziekte)",
		ICD10:     "G31.8",
		Intensity: "regular",
		Summary: "Woont met ouders en een oudere broer (14) in een dorp in Midden-Limburg; " +
			"de diagnose kwam pas na jaren van onderzoek in twee ziekenhuizen. " +
			"Epilepsie en verslikken nemen toe, hij leert dingen aan en verliest ze weer. " +
			"Nachtzorg zeven nachten per week via de Wlz, maar die indicatie geldt maar een jaar " +
			"en loopt over zes weken af: herindicatie nu aanvragen.",
		LivingSituation: "Woont met beide ouders en broer Luuk in een eengezinswoning in een dorp bij Roermond. " +
			"Na de aanbouw slapen en douchen Daan beneden; de nachtzorg gebruikt de logeerkamer.",
		CultureNotes: "Grootouders wonen in hetzelfde dorp en vangen Luuk op als Daan wordt opgenomen.",
		KCT:          true,
		Thuis:        true,
		Members: []care.Member{
			{Kind: "parent", Name: mother, Relation: "moeder", Custody: true, Phone: "06 0012 3401",
				Email: "sandra.hermans@example.com", Language: "Nederlands",
				Notes: "Eerste aanspreekpunt voor het gezin; werkt twee dagen per week."},
			{Kind: "parent", Name: father, Relation: "vader", Custody: true, Phone: "06 0012 3402", Language: "Nederlands",
				Notes: "Werkt in ploegendienst; is bij voorkeur bij de gesprekken met de kinderneuroloog."},
			{Kind: "sibling", Name: "Luuk Hermans", Relation: "broer", BirthDate: c.born(14, 5, 2),
				Notes: "Zit in de derde klas; voelt zich soms vergeten en wil mee naar gesprekken over Daan."},
		},
		Episode: care.Episode{
			ReferralDate: referral,
			ReferredBy:   "Kinderneuroloog, Academisch Kinderziekenhuis Zuid",
			Reason: "Progressieve mitochondriale ziekte met toenemende epilepsie en slikproblemen. " +
				"Ouders coördineren alle zorg zelf; bij elk ontslag uit het ziekenhuis ontbrak een overdracht naar huis.",
			FactorWish: true, FactorComplexity: true, FactorCapacity: true,
			SurpriseQuestion: "no",
			Status:           "accepted",
			StatusDate:       c.ago(1136),
			StatusNote:       "Ouders kozen voor een duo: de KCT-casemanager voor de medische kant, de thuis-casemanager voor indicaties en school.",
			DivisionOfTasks: KCTCaseManager + " (KCT): medisch beleid, contact met kinderneuroloog en huisarts, proactieve zorgplanning. " +
				ThuisCaseManager + " (thuis): Wlz-indicatie en herindicatie, nachtzorg, school en vervoer, aandacht voor Luuk. " +
				"Ouders bellen eerst Joost; medische vragen gaan naar Carla.",
		},
		Network: []care.NetworkMember{
			{Name: gp, Role: "gp", Organisation: "Huisartsenpraktijk Roerdal", Line: 1, Domain: "lichamelijk",
				Phone: "0475 000 112", Reachability: officeHours,
				Responsibilities: "Eerste aanspreekpunt bij acute klachten thuis; schrijft medicatie voor op advies van de kinderneuroloog. " +
					"Bespreekt met ouders de rouwzorg wanneer het zover is.",
				Bereavement: true},
			{Name: neuro, Role: "paediatrician", Organisation: "Academisch Kinderziekenhuis Zuid", Line: 3, Domain: "lichamelijk",
				Phone: "043 000 4410", Reachability: "ma-vr 8.30-17 via het polisecretariaat; daarbuiten de dienstdoende kinderarts",
				Responsibilities: "Hoofdbehandelaar (kinderarts metabole ziekten); epilepsiebeleid en noodmedicatie; beslist met ouders over behandelgrenzen."},
			{Name: "Anouk Smeets", Role: "nurse", Organisation: "Kinder Comfort Team, Academisch Kinderziekenhuis Zuid", Line: 3,
				Domain: "lichamelijk", Phone: "043 000 4499", Reachability: kctService, AlwaysReachable: true,
				Responsibilities: "Verpleegkundig aanspreekpunt buiten kantoortijd; adviseert de nachtzorg bij aanvallen."},
			{Name: "Ilse Bosch (coördinator nachtzorg)", Role: "homecare", Organisation: "Kinderthuiszorg Klimop", Line: 1,
				Domain: "lichamelijk", Reachability: "elke nacht 23-7; planning ma-vr 9-16",
				Responsibilities: "Zeven nachten per week nachtzorg (Wlz); houdt de aanvallenlijst bij."},
			{Name: "Marieke Janssen", Role: "therapist", Organisation: "Logopediepraktijk Roermond", Line: 1, Domain: "lichamelijk",
				Reachability: "di en do 8-16", Responsibilities: "Slikadvies en eet- en drinkplan; signaleert verslikken."},
			{Name: "Wendy Custers", Role: "therapist", Organisation: "Kinderergotherapie Midden-Limburg", Line: 1, Domain: "lichamelijk",
				StartedOn: c.ago(1100), EndedOn: c.ago(240),
				Responsibilities: "Ergotherapie en advies over hulpmiddelen; overgedragen aan de ergotherapeut van de mytylschool."},
			{Name: physio, Role: "therapist", Organisation: "Kinderfysiotherapie Roerdal", Line: 1, Domain: "lichamelijk",
				Phone: "0475 000 187", Reachability: "ma, wo en vr 8-17",
				Responsibilities: "Kinderfysiotherapie aan huis, twee keer per week: ademhaling, houding en tilhulpmiddelen."},
			{Name: "Joyce Peeters (intern begeleider)", Role: "school", Organisation: "Mytylschool De Wissel", Domain: "pedagogisch",
				Reachability:     "schooldagen 8-15.30",
				Responsibilities: "Onderwijs op maat, drie ochtenden per week; meldt aanvallen op school aan ouders."},
		},
		Steps: []Step{
			c.step(ByKCT, c.ago(1136), care.Regular, c.ago(1122), "intake"),
			c.step(ByKCT, c.ago(700), care.Intensive, c.ago(693),
				"Opname met status epilepticus; na ontslag veel nieuwe zorg thuis en geen overdracht naar de huisarts."),
			c.step(ByKCT, c.ago(600), care.Regular, c.ago(586),
				"Epilepsie weer onder controle en nachtzorg geregeld; contact om de twee weken is genoeg."),
			c.step(ByThuis, c.ago(95), care.Intensive, c.ago(93),
				"Opname met een verslikpneumonie; opvang voor Luuk en bezoek regelen."),
			c.step(ByThuis, c.ago(70), care.Regular, c.in(9),
				"Daan herstelt thuis; de komende weken draait het om de herindicatie van de nachtzorg."),
		},
		Contacts: []Contact{
			c.contact(ByKCT, c.ago(1136), "home_visit", "both", "thuis", 90, 45,
				"Kennismaking en intake: zorgvraag, netwerk in kaart gebracht, wensen van ouders. Luuk kort gesproken.",
				"Netwerkoverzicht delen met ouders en huisarts."),
			c.contact(ByKCT, c.ago(698), "meeting", "provider", "Academisch Kinderziekenhuis Zuid", 60, 0,
				"Ontslag-MDO na status epilepticus met kinderneuroloog, nachtzorg en huisarts (telefonisch): noodmedicatie en overdracht naar huis.",
				"Noodplan bij aanvallen naar huisarts en nachtzorg sturen."),
			c.contact(ByThuis, c.ago(95), "phone", "parent", "", 20, 0,
				"Moeder belt: Daan is opgenomen met een longontsteking. Afspraken over bezoek en opvang van Luuk.",
				"Grootouders vangen Luuk op; Joost informeert school."),
			c.contact(ByThuis, c.ago(40), "home_visit", "both", "thuis", 75, 50,
				"Herindicatie nachtzorg: zorgbehoefte per nacht met ouders op een rij gezet. Logopedist adviseert aangepaste voeding.",
				"Aanvraag herindicatie samen met ouders indienen bij het CIZ."),
			c.contact(ByKCT, c.ago(14), "video", "parent", "", 30, 0,
				"Ouders willen met de kinderneuroloog bespreken wat te doen bij een volgende longontsteking.",
				"Gesprek over proactieve zorgplanning plannen met de kinderneuroloog."),
			c.contact(ByThuis, c.ago(6), "phone", "provider", "", 15, 0,
				"Mentor van Luuk belt: hij slaapt slecht en zijn cijfers zakken; school wil meedenken.",
				"Brusjesgroep en schoolmaatschappelijk werk voorstellen aan ouders."),
		},
		Tasks: []Task{
			c.done(c.task(ByThuis, c.ago(60), "Verwijzing logopedie verlengen", "network", gp, c.ago(30)),
				c.ago(35), "Verwijzing voor een jaar verlengd en naar de logopedist gestuurd."),
			inPlan(c.task(ByThuis, c.ago(40), "Herindicatie nachtzorg (Wlz) aanvragen bij het CIZ", "casemanager", ThuisCaseManager, c.ago(5)), care.DimSocial, "i9"),
			inPlan(c.task(ByKCT, c.ago(14), "Noodplan bij aanvallen bijwerken en delen met school", "network", neuro, c.in(7)), care.DimPhysical, "i3"),
			inPlan(c.task(ByKCT, c.ago(14), "Gesprek proactieve zorgplanning plannen met kinderneuroloog en ouders", "casemanager", KCTCaseManager, c.in(14)), care.DimPhysical, "i17"),
			inPlan(c.task(ByThuis, c.ago(6), "Aanmelding brusjesgroep voor Luuk bespreken", "family", mother, c.in(21)), care.DimPsychological, "i7"),
			c.handedOver(c.forProvider(c.task(ByKCT, c.ago(14), "Medicatieoverzicht bijwerken na de longontsteking", "network", gp, c.in(10))),
				c.ago(5), ByKCT, "casemanager", KCTCaseManager, c.in(3)),
		},
	}
}

// noorKramer: no diagnosis yet, a personal-budget team after in-kind care
// failed, hours cut at re-indication; divorced parents, alternating weeks.
func noorKramer(c calendar) Family {
	const mother, father, paed = "Eva Kramer", "Martijn Kramer", "Dr. Thomas Kuiper"
	return Family{
		ChildName: "Noor Kramer",
		Plan:      noorPlan(c, paed),
		BirthDate: c.born(4, 2, 3),
		Sex:       "female",
		Intensity: "intensive",
		Summary: "Nog geen diagnose: na herhaalde ademstops thuis met zuurstof en saturatiemeter, " +
			"de uitslag van het exoomonderzoek wordt over drie maanden verwacht. " +
			"Zorg in natura was niet rond te krijgen, ouders werken nu met een pgb-team van vijf kinderverpleegkundigen. " +
			"Bij de herindicatie zijn de uren fors verlaagd; het bezwaar loopt en het medisch kinderdagverblijf " +
			"heeft nog geen dekking voor de begeleiding.",
		LivingSituation: "Ouders zijn gescheiden en hebben samen het gezag. Noor woont om de week bij moeder in Haarlem en bij vader " +
			"in Heemstede; de wissel is op vrijdag. Zuurstof, saturatiemeter en voedingspomp staan in beide huizen en het pgb-team werkt op beide adressen.",
		KCT:   true,
		Thuis: true,
		Members: []care.Member{
			{Kind: "parent", Name: mother, Relation: "moeder", Custody: true, Phone: "06 0034 5601", Email: "eva.kramer@example.com",
				Notes: "Budgethouder van het pgb; maakt de roosters van het zorgteam. Noor is bij haar in de oneven weken."},
			{Kind: "parent", Name: father, Relation: "vader", Custody: true, Phone: "06 0034 5602",
				Notes: "Noor is bij hem in de even weken; ontvangt alle post over indicaties ook zelf."},
			{Kind: "other", Name: "Mark de Ruiter", Relation: "partner van moeder",
				Notes: "Woont bij moeder in; heeft geen gezag maar is bij de zorg thuis betrokken."},
			{Kind: "sibling", Name: "Fenna Kramer", Relation: "zus", BirthDate: c.born(7, 1, 10),
				Notes: "Wisselt mee tussen beide huizen; vraagt veel aandacht sinds Noor thuis zorg krijgt."},
		},
		Episode: care.Episode{
			ReferralDate: c.ago(1280),
			ReferredBy:   "Transferverpleegkundige, Academisch Kinderziekenhuis Amstel",
			Reason: "Ademstops zonder diagnose; na drie maanden opname thuis met zuurstof en monitor, " +
				"zonder begeleiding na ontslag en met veel gedoe rond materialen en thuiszorg.",
			FactorWish: true, FactorComplexity: true, FactorCapacity: true,
			SurpriseQuestion: "unknown",
			Status:           "accepted",
			StatusDate:       c.ago(1270),
			DivisionOfTasks: KCTCaseManager + " (KCT): medisch beleid, contact met het academisch ziekenhuis, de uitslag van het exoomonderzoek. " +
				ThuisCaseManager + " (thuis): pgb, herindicatie en bezwaar, medisch kinderdagverblijf, afstemming tussen beide huizen.",
		},
		Network: []care.NetworkMember{
			{Name: "Dr. Sanne Mol", Role: "gp", Organisation: "Huisartsenpraktijk Zuiderhout", Line: 1, Domain: "lichamelijk",
				Phone: "023 000 7781", Reachability: officeHours,
				Responsibilities: "Huisarts van moeder en kinderen; vader heeft een eigen huisarts in Heemstede. Bespreekt met ouders de rouwzorg als dat nodig wordt.",
				Bereavement:      true},
			{Name: paed, Role: "paediatrician", Organisation: "Academisch Kinderziekenhuis Amstel", Line: 3, Domain: "lichamelijk",
				Reachability:     "ma-vr 8-17 via de polikliniek; ouders mogen bij een ademstop rechtstreeks de afdeling bellen",
				Responsibilities: "Hoofdbehandelaar; zuurstof- en monitorbeleid; onderbouwing van de zorgbehoefte voor indicaties."},
			{Name: "Dr. Yvonne Baars", Role: "specialist", Organisation: "Academisch Kinderziekenhuis Amstel", Line: 3, Domain: "lichamelijk",
				Reachability: "via de polikliniek klinische genetica", Responsibilities: "Klinisch geneticus; exoomonderzoek en uitslaggesprek."},
			{Name: "Lisa van Dijk", Role: "nurse", Organisation: "Kinder Comfort Team, Academisch Kinderziekenhuis Amstel", Line: 3,
				Domain: "lichamelijk", Reachability: kctService, AlwaysReachable: true,
				Responsibilities: "Verpleegkundig advies aan het pgb-team; bereikbaar bij ademstops buiten kantoortijd."},
			{Name: "Nadia Bouali (vaste verpleegkundige)", Role: "homecare", Organisation: "pgb-zorgteam Noor", Line: 1, Domain: "lichamelijk",
				Phone: "06 0034 5610", Reachability: "volgens rooster; de dienstdoende verpleegkundige is via de groepsapp te bereiken",
				Responsibilities: "Team van vijf kinderverpleegkundigen op beide adressen; overdrachtsschrift gaat mee bij de wissel."},
			{Name: "Medisch kinderdagverblijf De Duinroos", Role: "other", Organisation: "De Duinroos", Domain: "pedagogisch",
				Reachability: "ma-vr 8-17.30", Responsibilities: "Twee dagen per week dagbesteding en ontwikkelingsstimulering."},
			{Name: "Bart Willems", Role: "therapist", Organisation: "Kinderfysiotherapie Spaarnestad", Line: 1, Domain: "lichamelijk",
				Reachability: "ma, wo en vr 8-16", Responsibilities: "Kinderfysiotherapie op het kinderdagverblijf."},
		},
		Steps: []Step{
			c.step(ByKCT, c.ago(1270), care.Intensive, c.ago(1267), "intake"),
			c.step(ByKCT, c.ago(1000), care.Regular, c.ago(986), "Thuissituatie stabiel; zorg in natura 20 uur per week geregeld."),
			c.step(ByThuis, c.ago(420), care.Intensive, c.ago(417),
				"De thuiszorgorganisatie kan de uren niet meer leveren; ouders stellen zelf een pgb-team samen."),
			c.step(ByThuis, c.ago(300), care.Regular, c.ago(286), "Het pgb-team is compleet en de zorg loopt."),
			c.step(ByThuis, c.ago(50), care.Intensive, c.in(3),
				"Herindicatie: uren fors verlaagd en bezwaar nodig; het kinderdagverblijf heeft geen dekking voor de begeleiding."),
		},
		Contacts: []Contact{
			c.contact(ByKCT, c.ago(1268), "home_visit", "both", "thuis (moeder)", 120, 40,
				"Intake: ademstops, materialen, wie bellen bij een stop, thuiszorg. Ouders kregen bij ontslag geen begeleiding.",
				"Lijst met materialen en leveranciers maken; contact met thuiszorg leggen."),
			c.contact(ByThuis, c.ago(48), "phone", "parent", "", 25, 0,
				"Vader belt: herindicatie ontvangen, verpleging fors verlaagd. Bezwaar besproken.",
				"Bezwaarschrift met ouders opstellen; onderbouwing vragen aan de kinderarts."),
			c.contact(ByThuis, c.ago(35), "home_visit", "both", "thuis (vader)", 90, 35,
				"Bezwaar voorbereid. Overdrachtsschrift tussen beide huizen doorgenomen; Fenna vraagt veel aandacht.",
				"Bezwaar indienen; ouders nadenken over steun voor Fenna."),
			c.contact(ByThuis, c.ago(20), "meeting", "provider", "Medisch kinderdagverblijf De Duinroos", 60, 30,
				"Dekking van de begeleiding op het kinderdagverblijf: de Zvw vergoedt geen begeleiding, Jeugdwet via de gemeente onderzoeken.",
				"Aanvraag bij de gemeente voorbereiden."),
			c.contact(ByKCT, c.ago(11), "phone", "provider", "", 15, 0,
				"Overleg met de kinderarts over de onderbouwing voor het bezwaar en de planning van het uitslaggesprek.",
				""),
			c.contact(ByKCT, c.ago(4), "video", "both", "", 30, 0,
				"Met beide ouders: de exoomuitslag is er nog niet; wat willen ze weten en wie is erbij bij het uitslaggesprek.",
				"Uitslaggesprek plannen met de klinisch geneticus, met beide ouders."),
		},
		Tasks: []Task{
			c.done(c.task(ByThuis, c.ago(48), "Onderbouwing zorgbehoefte voor het bezwaar schrijven", "network", paed, c.ago(30)),
				c.ago(31), "Brief van de kinderarts ontvangen en bij het bezwaar gevoegd."),
			c.done(c.task(ByThuis, c.ago(48), "Bezwaar tegen de herindicatie indienen", "casemanager", ThuisCaseManager, c.ago(25)),
				c.ago(27), "Bezwaar op tijd ingediend; de huidige uren lopen door tot de uitspraak."),
			inPlan(c.task(ByThuis, c.ago(20), "Begeleiding op het kinderdagverblijf aanvragen bij de gemeente (Jeugdwet)", "casemanager", ThuisCaseManager, c.ago(2)), care.DimPedagogical, "i6"),
			c.task(ByThuis, c.ago(20), "Rooster pgb-team voor de vakantieperiode rondmaken", "family", mother, c.in(20)),
			c.task(ByKCT, c.ago(4), "Uitslaggesprek exoomonderzoek plannen met beide ouders", "casemanager", KCTCaseManager, c.in(30)),
		},
	}
}

// thijsBakker: Duchenne, about to turn 18; his mother declined case
// management when he was referred, and it has been offered again.
func thijsBakker(c calendar) Family {
	const mother, paed, lung = "Monique Bakker", "Dr. Annelies Brink", "Dr. Hans Verwey"
	return Family{
		ChildName: "Thijs Bakker",
		Plan:      thijsPlan(c, paed),
		BirthDate: c.born(18, -4, 0),
		Sex:       "male",
		Diagnosis: "Duchenne spierdystrofie",
		ICD10:     "G71.0",
		Intensity: "intensive",
		Summary: "Woont in Amsterdam bij moeder met twee jongere broers en een zusje; vader is het huis uit. " +
			"Sinds de tracheacanule gaat hij niet meer naar de mytylschool en logeert hij af en toe in een hospice. " +
			"Over vier maanden wordt hij 18: de overdracht van kinderarts naar volwassenenzorg, " +
			"de overstap van Jeugdwet naar Wlz en de IC-afspraken voor volwassenen moeten nu worden voorbereid. " +
			"Zijn zusje heeft psychosociale klachten en krijgt speltherapie.",
		LivingSituation: "Woont bij moeder in een aangepaste benedenwoning in Amsterdam-Noord, met twee jongere broers en een zusje. " +
			"Vader woont sinds vorig jaar in Almere; de kinderen zijn om het weekend bij hem, Thijs alleen overdag.",
		KCT: true,
		Members: []care.Member{
			{Kind: "parent", Name: mother, Relation: "moeder", Custody: true, Phone: "06 0056 7801",
				Notes: "Verzorgt Thijs grotendeels zelf en is daarvoor gestopt met werken."},
			{Kind: "parent", Name: "Erik Bakker", Relation: "vader", Custody: true, Phone: "06 0056 7802",
				Notes: "Woont in Almere; wil bij de transitiegesprekken zijn."},
			{Kind: "sibling", Name: "Bram Bakker", Relation: "broer", BirthDate: c.born(15, 2, 11)},
			{Kind: "sibling", Name: "Siem Bakker", Relation: "broer", BirthDate: c.born(12, 7, 3)},
			{Kind: "sibling", Name: "Tess Bakker", Relation: "zus", BirthDate: c.born(9, 0, 20),
				Notes: "Psychosociale klachten; speltherapie sinds drie maanden."},
		},
		Episode: care.Episode{
			ReferralDate: c.ago(830),
			ReferredBy:   "Revalidatiearts, Revalidatiecentrum Amstelland",
			Reason:       "Duchenne met achteruitgaande longfunctie; moeder verzorgt hem volledig zelf, zonder ondersteuning thuis.",
			FactorWish:   true, FactorComplexity: true, FactorCapacity: true,
			SurpriseQuestion: "yes",
			Status:           "offered",
			StatusDate:       c.ago(12),
			StatusNote: "Bij de verwijzing aangeboden en toen afgewezen: moeder wilde de zorg zelf blijven regelen en Thijs was het met haar eens. " +
				"Heropend na de canuleplaatsing en met het oog op zijn 18e verjaardag. Thijs beslist zelf; hij wil eerst een kennismakingsgesprek.",
			DivisionOfTasks: KCTCaseManager + " (KCT) is het aanspreekpunt. Na het besluit van Thijs bespreken we of een thuis-casemanager de overstap naar de Wlz en het wonen oppakt.",
		},
		Network: []care.NetworkMember{
			{Name: "Dr. Jeroen Ooms", Role: "gp", Organisation: "Huisartsenpraktijk IJplein", Line: 1, Domain: "lichamelijk",
				Phone: "020 000 3312", Reachability: officeHours,
				Responsibilities: "Aanspreekpunt bij infecties; blijft na 18 jaar de huisarts. Bespreekt rouw- en verliesondersteuning met het gezin.",
				Bereavement:      true},
			{Name: paed, Role: "paediatrician", Organisation: "Academisch Kinderziekenhuis Amstel", Line: 3, Domain: "lichamelijk",
				Reachability:     "ma-vr 8-17 via de polikliniek neuromusculaire ziekten",
				Responsibilities: "Hoofdbehandelaar tot 18 jaar; draagt over aan de neuroloog voor volwassenen."},
			{Name: lung, Role: "specialist", Organisation: "Centrum voor Thuisbeademing Amstel", Line: 3, Domain: "lichamelijk",
				Reachability: "24/7 via de dienst thuisbeademing", AlwaysReachable: true,
				Responsibilities: "Longarts; canule en beademing; IC-afspraken voor na zijn 18e."},
			{Name: "Sophie Hendriks", Role: "nurse", Organisation: "Kinder Comfort Team, Academisch Kinderziekenhuis Amstel", Line: 3,
				Domain: "lichamelijk", Reachability: kctService, AlwaysReachable: true,
				Responsibilities: "Verpleegkundig aanspreekpunt voor canulezorg thuis."},
			{Name: "Karin de Jong (wijkverpleegkundige)", Role: "homecare", Organisation: "Thuiszorg Noord", Line: 1, Domain: "lichamelijk",
				Reachability: "dagelijks 7-23", Responsibilities: "Ochtendzorg en canulezorg (zorg in natura)."},
			{Name: "Kinderhospice De Lindeboom", Role: "hospice", Organisation: "De Lindeboom", Line: 1, Domain: "sociaal",
				Reachability: "aanmelden ma-vr 9-17", Responsibilities: "Logeren een weekend per maand, zodat moeder op adem kan komen."},
			{Name: "Nienke Groen", Role: "therapist", Organisation: "Praktijk Speelruimte", Line: 1, Domain: "psychisch",
				Reachability: "ma-do 9-17", Responsibilities: "Speltherapie voor Tess."},
		},
		Steps: []Step{
			c.step(ByKCT, c.ago(820), care.Regular, c.ago(806), "intake"),
			c.step(ByKCT, c.ago(800), care.Waakvlam, c.ago(620),
				"Moeder en Thijs zien af van casemanagement; alleen contact als zij erom vragen."),
			c.step(ByKCT, c.ago(14), care.Intensive, c.in(2),
				"Opnieuw aangeboden: canule geplaatst, geen school meer, de zorg is te zwaar voor moeder en de overgang naar 18 komt eraan."),
		},
		Contacts: []Contact{
			c.contact(ByKCT, c.ago(820), "home_visit", "both", "thuis", 75, 30,
				"Kennismaking en uitleg over casemanagement. Moeder wil het zelf blijven doen; Thijs is het met haar eens.",
				"Afwijzing vastgelegd; de huisarts weet dat het gezin zich altijd kan melden."),
			c.contact(ByKCT, c.ago(400), "phone", "parent", "", 15, 0,
				"Moeder vraagt naar logeren in een kinderhospice; aanmelding en adres doorgegeven.", ""),
			c.contact(ByKCT, c.ago(20), "phone", "provider", "", 25, 0,
				"Longarts meldt: canule geplaatst, Thijs kan niet meer naar school en de zorg thuis is te zwaar voor moeder. Vraagt casemanagement opnieuw aan te bieden.",
				"Contact opnemen met Thijs en moeder."),
			c.contact(ByKCT, c.ago(12), "home_visit", "family", "thuis", 60, 30,
				"Casemanagement opnieuw aangeboden aan Thijs en moeder. Overgang naar 18 jaar en de Wlz-indicatie besproken; Thijs wil nadenken.",
				"Over een week horen wat Thijs besluit."),
			c.contact(ByKCT, c.ago(3), "phone", "child", "", 10, 0,
				"Thijs belt zelf: hij wil een kennismakingsgesprek, zonder zijn broers erbij.", "Gesprek plannen."),
		},
		Tasks: []Task{
			c.done(c.task(ByKCT, c.ago(12), "Besluit over casemanagement laten weten", "family", "Thijs Bakker", c.ago(5)),
				c.ago(3), "Thijs wil eerst een kennismakingsgesprek; dat wordt nu gepland."),
			c.task(ByKCT, c.ago(12), "IC-afspraken voor volwassenen opvragen bij het Centrum voor Thuisbeademing", "network", lung, c.ago(2)),
			inPlan(c.task(ByKCT, c.ago(12), "Transitiegesprek plannen met kinderarts en neuroloog voor volwassenen", "network", paed, c.in(30)), care.DimPhysical, "i2"),
			inPlan(c.task(ByKCT, c.ago(3), "Ochtendzorg onder de Wlz regelen voor de overstap uit de Jeugdwet", "casemanager", KCTCaseManager, c.in(45)), care.DimSocial, "i5"),
		},
	}
}

// lotteDeBoer: growing care needs, one-year indications, aids and
// adaptations that lag behind. Duo of KCT and thuis.
func lotteDeBoer(c calendar) Family {
	const mother, paed, wmo = "Anja de Boer", "Dr. Wouter Dijkman", "Fleur Hendriks"
	return Family{
		ChildName: "Lotte de Boer",
		BirthDate: c.born(14, 7, 20),
		Sex:       "female",
		Diagnosis: "Congenitale myotone dystrofie",
		ICD10:     "G71.1",
		Intensity: "intensive",
		Summary: "Oudste van drie kinderen, haar twee broers krijgen weinig aandacht. " +
			"Na de laatste opname ademondersteuning nodig; meerzorg en de VG8-indicatie zijn weer maar voor een jaar toegekend. " +
			"Moeder is via het pgb 40 uur per week in dienst en vervanging voor de weekenden vinden lukt slecht. " +
			"De tweede woningaanpassing is nog niet aangevraagd en de nieuwe rolstoel wacht al vier maanden op levering.",
		LivingSituation: "Woont met beide ouders en twee jongere broers in een eengezinswoning in Beverwijk. " +
			"De eerste aanpassing (slaapkamer en badkamer beneden) is klaar; Lotte groeit en een tweede is nodig.",
		KCT:   true,
		Thuis: true,
		Members: []care.Member{
			{Kind: "parent", Name: mother, Relation: "moeder", Custody: true, Phone: "06 0078 9001",
				Notes: "Via het pgb 40 uur per week in dienst als zorgverlener van Lotte."},
			{Kind: "parent", Name: "Kees de Boer", Relation: "vader", Custody: true, Phone: "06 0078 9002",
				Notes: "Werkt fulltime; doet de administratie van het pgb."},
			{Kind: "sibling", Name: "Jesse de Boer", Relation: "broer", BirthDate: c.born(12, 3, 9)},
			{Kind: "sibling", Name: "Gijs de Boer", Relation: "broer", BirthDate: c.born(9, 10, 1),
				Notes: "Vraagt veel over wat Lotte heeft; de juf merkt dat hij stil is."},
		},
		Episode: care.Episode{
			ReferralDate: c.ago(500),
			ReferredBy:   "Kinderintensivist, Academisch Kinderziekenhuis Amstel",
			Reason: "Na een IC-opname met ademondersteuning naar huis. Meerzorg en VG8-indicatie nodig; " +
				"ouders lopen vast in aanvragen en in het vinden van personeel.",
			FactorWish: true, FactorComplexity: true, FactorCapacity: true,
			SurpriseQuestion: "no",
			Status:           "accepted",
			StatusDate:       c.ago(490),
			DivisionOfTasks: KCTCaseManager + " (KCT): beademingsbeleid, contact met kinderarts, intensivist en revalidatiearts. " +
				ThuisCaseManager + " (thuis): meerzorg en VG8, het pgb-team, woningaanpassing en rolstoel, aandacht voor de broers.",
		},
		Network: []care.NetworkMember{
			{Name: "Dr. Maaike Prins", Role: "gp", Organisation: "Huisartsenpraktijk Wijkermeer", Line: 1, Domain: "lichamelijk",
				Phone: "0251 000 450", Reachability: officeHours,
				Responsibilities: "Aanspreekpunt bij infecties; verklaringen voor aanvragen. Bespreekt met ouders de rouwzorg als dat aan de orde is.",
				Bereavement:      true},
			{Name: paed, Role: "paediatrician", Organisation: "Academisch Kinderziekenhuis Amstel", Line: 3, Domain: "lichamelijk",
				Reachability:     "ma-vr 8-17 via de polikliniek; daarbuiten de dienstdoende kinderarts",
				Responsibilities: "Hoofdbehandelaar; beademingsbeleid samen met het centrum voor thuisbeademing."},
			{Name: "Dr. Ingrid Mulder", Role: "specialist", Organisation: "Revalidatiecentrum Kennemerduin", Line: 2, Domain: "lichamelijk",
				Reachability: "ma-do 8.30-16.30", Responsibilities: "Revalidatiearts; rolstoel, hulpmiddelen en therapie via school."},
			{Name: "Anouk Smit", Role: "nurse", Organisation: "Kinder Comfort Team, Academisch Kinderziekenhuis Amstel", Line: 3,
				Domain: "lichamelijk", Reachability: kctService, AlwaysReachable: true,
				Responsibilities: "Advies aan het pgb-team bij beademingsproblemen."},
			{Name: "Tamara Vos (vaste kracht)", Role: "homecare", Organisation: "pgb-zorgteam Lotte", Line: 1, Domain: "lichamelijk",
				Reachability: "ma-wo 7-15", Responsibilities: "Vaste kracht drie dagen per week; stuurt het team van vijf à zes mensen aan."},
			{Name: "Mytylschool De Duinpieper", Role: "school", Organisation: "De Duinpieper", Domain: "pedagogisch",
				Reachability: "schooldagen 8-15", Responsibilities: "Onderwijs, logopedie, fysio- en ergotherapie op school."},
			{Name: wmo, Role: "social_worker", Organisation: "Gemeente Beverwijk (Wmo)", Domain: "sociaal",
				Reachability: "ma-do 9-17", Responsibilities: "Wmo-consulent: woningaanpassing en rolstoel."},
		},
		Steps: []Step{
			c.step(ByKCT, c.ago(490), care.Intensive, c.ago(487), "intake"),
			c.step(ByThuis, c.ago(380), care.Regular, c.ago(366), "Meerzorg toegekend en het pgb-team is rond; contact om de twee weken."),
			c.step(ByKCT, c.ago(150), care.Intensive, c.ago(147), "Opname met longontsteking; weer ademondersteuning nodig."),
			c.step(ByKCT, c.ago(100), care.Regular, c.ago(86), "Thuis stabiel met beademing in de nacht."),
			c.step(ByThuis, c.ago(30), care.Intensive, c.in(5),
				"Meerzorg en VG8 opnieuw maar voor een jaar; weekenddiensten vallen weg en de rolstoel is nog niet geleverd."),
		},
		Contacts: []Contact{
			c.contact(ByKCT, c.ago(488), "home_visit", "both", "thuis", 120, 35,
				"Intake na IC-opname: beademing thuis, meerzorg, personeel, wie doet wat.", "Aanvraag meerzorg samen met ouders indienen."),
			c.contact(ByKCT, c.ago(148), "meeting", "provider", "Academisch Kinderziekenhuis Amstel", 45, 0,
				"MDO op de IC over ontslag met ademondersteuning en wat het pgb-team moet kunnen.", "Scholing voor het pgb-team via het KCT."),
			c.contact(ByThuis, c.ago(60), "phone", "provider", "", 20, 0,
				"Leverancier: levering van de rolstoel opnieuw uitgesteld, een onderdeel is niet leverbaar.", "Escaleren bij de Wmo-consulent."),
			c.contact(ByThuis, c.ago(28), "home_visit", "parent", "thuis", 90, 35,
				"Herindicatie voor een jaar, weekendroosters en de tweede woningaanpassing besproken. Broers krijgen weinig aandacht.",
				"Moeder vraagt de aanpassing aan; Joost zoekt vervanging voor de weekenden."),
			c.contact(ByThuis, c.ago(10), "video", "provider", "", 30, 0,
				"Met de Wmo-consulent: tweede woningaanpassing en de vertraagde rolstoel.", ""),
			c.contact(ByThuis, c.ago(2), "phone", "parent", "", 15, 0,
				"Moeder: het weekendrooster van komende maand heeft drie open diensten.", "Zzp-netwerk benaderen."),
		},
		Tasks: []Task{
			c.done(c.task(ByKCT, c.ago(140), "Beademingsprotocol naar school sturen", "network", paed, c.ago(120)),
				c.ago(125), "Protocol verstuurd; school kreeg instructie van de KCT-verpleegkundige."),
			c.task(ByThuis, c.ago(28), "Tweede woningaanpassing aanvragen bij de Wmo", "family", mother, c.ago(14)),
			c.task(ByThuis, c.ago(60), "Levering rolstoel navragen en zo nodig escaleren", "network", wmo, c.ago(7)),
			c.task(ByThuis, c.ago(2), "Vervanging voor de weekenddiensten zoeken", "casemanager", ThuisCaseManager, c.in(7)),
			c.task(ByThuis, c.ago(28), "Met ouders steun voor de broers bespreken", "casemanager", ThuisCaseManager, c.in(30)),
		},
	}
}

// femkeWierenga: stable, better than expected, a GP who is close to the
// family; waakvlam. Only the thuis case manager.
func femkeWierenga(c calendar) Family {
	const gp = "Dr. Geert Zijlstra"
	return Family{
		ChildName: "Femke Wierenga",
		BirthDate: c.born(6, 5, 8),
		Sex:       "female",
		Diagnosis: "Spinale musculaire atrofie type 1",
		ICD10:     "G12.0",
		Intensity: "waakvlam",
		Summary: "Woont met ouders en een oudere zus in Oost-Groningen en doet het beter dan verwacht. " +
			"De huisarts is nauw betrokken; met hem en de ouders zijn de afspraken over behandelgrenzen vastgelegd. " +
			"Drie keer per week een half uur les via onderwijs aan zieke kinderen, de traplift is na lang aandringen via de Wmo geplaatst. " +
			"Contact eens per kwartaal, eerder als haar ademhaling verslechtert.",
		LivingSituation: "Woont met beide ouders en haar oudere zus Roos in een vrijstaand huis buiten Winschoten.",
		Thuis:           true,
		Members: []care.Member{
			{Kind: "parent", Name: "Hilde Wierenga", Relation: "moeder", Custody: true, Phone: "06 0090 1201"},
			{Kind: "parent", Name: "Jan Wierenga", Relation: "vader", Custody: true, Phone: "06 0090 1202",
				Notes: "Past veel hulpmiddelen in huis zelf aan."},
			{Kind: "sibling", Name: "Roos Wierenga", Relation: "zus", BirthDate: c.born(10, 2, 14)},
		},
		Episode: care.Episode{
			ReferralDate: c.ago(2100),
			ReferredBy:   "Huisarts",
			Reason: "SMA type 1 met ademstops; korte levensverwachting bij de diagnose. " +
				"Ouders willen de zorg thuis en hulp bij gemeente en onderwijs.",
			FactorWish: true, FactorComplexity: true,
			SurpriseQuestion: "yes",
			Status:           "accepted",
			StatusDate:       c.ago(2090),
			DivisionOfTasks: ThuisCaseManager + " (thuis) is de enige casemanager: gemeente, onderwijs en hulpmiddelen. " +
				"Medische vragen gaan naar de huisarts, die afstemt met de kinderneuroloog; bij een opname wordt het KCT gevraagd.",
		},
		Network: []care.NetworkMember{
			{Name: gp, Role: "gp", Organisation: "Huisartsenpraktijk Oldambt", Line: 1, Domain: "lichamelijk",
				Phone: "0597 000 218", Reachability: officeHours + "; ouders hebben zijn mobiele nummer voor noodgevallen",
				Responsibilities: "Medisch aanspreekpunt; heeft met ouders de behandelgrenzen vastgelegd en mag beslissen als het slechter gaat. " +
					"Overlegt elk kwartaal met de kinderneuroloog. Bespreekt met ouders de rouwzorg.",
				Bereavement: true},
			{Name: "Dr. Marten Dijkstra", Role: "paediatrician", Organisation: "Academisch Kinderziekenhuis Noord", Line: 3,
				Domain: "lichamelijk", Reachability: "ma-vr 8-17 via de polikliniek kinderneurologie",
				Responsibilities: "Kinderneuroloog en hoofdbehandelaar; jaarlijkse controle."},
			{Name: "Dienstdoend verpleegkundige KCT", Role: "nurse", Organisation: "Kinder Comfort Team, Academisch Kinderziekenhuis Noord",
				Line: 3, Domain: "lichamelijk", Reachability: kctService, AlwaysReachable: true,
				Responsibilities: "Advies bij verslechtering van de ademhaling; de huisarts belt."},
			{Name: "Tineke Smit", Role: "school", Organisation: "Onderwijs aan zieke kinderen (OZK)", Domain: "pedagogisch",
				Reachability:     "ma-vr 9-16",
				Responsibilities: "Individueel leerpad: drie keer per week een half uur les thuis. Eens per kwartaal contact met de leerplichtambtenaar."},
			{Name: "Ruben Kok", Role: "therapist", Organisation: "Kinderfysiotherapie Oost-Groningen", Line: 1, Domain: "lichamelijk",
				Reachability: "di en do", Responsibilities: "Ademhalingsoefeningen en houding; aan huis."},
		},
		Steps: []Step{
			c.step(ByThuis, c.ago(2090), care.Intensive, c.ago(2088), "intake"),
			c.step(ByThuis, c.ago(1500), care.Regular, c.ago(1486), "Al een jaar geen ademstops; de zorg thuis is goed geregeld."),
			c.step(ByThuis, c.ago(600), care.Intensive, c.ago(597),
				"Gemeente weigert de traplift en er is geen passende school: ouders lopen vast."),
			c.step(ByThuis, c.ago(420), care.Regular, c.ago(406), "Traplift toegezegd; het individuele leerpad loopt."),
			c.step(ByThuis, c.ago(150), care.Waakvlam, c.in(45),
				"Stabiel; ouders en huisarts hebben het goed in handen. Contact eens per kwartaal, eerder als de ademhaling verslechtert."),
		},
		Contacts: []Contact{
			c.contact(ByThuis, c.ago(2088), "home_visit", "both", "thuis", 90, 55,
				"Intake: wensen voor zorg thuis, behandelgrenzen met de huisarts, hulpmiddelen.", "Overleg met de huisarts plannen."),
			c.contact(ByThuis, c.ago(150), "home_visit", "both", "thuis", 60, 55,
				"Evaluatie: het gaat goed, overstap naar contact eens per kwartaal afgesproken.", ""),
			c.contact(ByThuis, c.ago(95), "phone", "parent", "", 15, 0,
				"Moeder meldt een verkoudheid; de huisarts is langs geweest, opname was niet nodig.", ""),
			c.contact(ByThuis, c.ago(60), "meeting", "provider", "school (OZK)", 45, 50,
				"Evaluatie van het leerpad met de OZK-consulent en de leerplichtambtenaar: Femke geniet van de lessen.", "Leerpad ongewijzigd voortzetten."),
			c.contact(ByThuis, c.ago(30), "phone", "provider", "", 10, 0,
				"Huisarts: kwartaaloverleg met de kinderneuroloog gehad, beleid ongewijzigd.", ""),
		},
		Tasks: []Task{
			c.done(c.task(ByThuis, c.ago(120), "Jaarlijkse keuring traplift laten doen", "family", "Jan Wierenga", c.ago(60)),
				c.ago(70), "Keuring gedaan door de leverancier; alles in orde."),
			c.task(ByThuis, c.ago(30), "Nieuwe rolstoelzitting laten aanmeten (Femke groeit)", "family", "Hilde Wierenga", c.in(60)),
			c.task(ByThuis, c.ago(30), "Afspraken over behandelgrenzen jaarlijks met ouders doornemen", "network", gp, c.in(90)),
			c.task(ByThuis, c.ago(30), "Kwartaalgesprek met ouders plannen", "casemanager", ThuisCaseManager, c.in(45)),
		},
	}
}

// milaVerhoef: a brain-stem tumour, died at home less than four months after
// the diagnosis; aftercare for the parents and her younger sister.
func milaVerhoef(c calendar) Family {
	const gp, father = "Dr. Karin Beekman", "Dennis Verhoef"
	return Family{
		ChildName: "Mila Verhoef",
		BirthDate: c.born(7, 1, 15),
		Sex:       "female",
		Diagnosis: "Diffuus intrinsiek ponsglioom (hersenstamtumor)",
		ICD10:     "C71.7",
		Intensity: "regular",
		Deceased:  true,
		Summary: "Mila is twee maanden geleden thuis overleden, nog geen vier maanden na de diagnose. " +
			"Nazorg voor ouders en haar zusje van zes: rouwbegeleiding voor het zusje is gevonden, " +
			"maar de eigen bijdrage is hoog en de aanvullende verzekering vergoedt maar een deel. " +
			"Ouders willen nog een keer met de kinderneuroloog praten; de huisarts regelt die afspraak.",
		LivingSituation: "Ouders en zusje Fleur wonen in een rijtjeshuis in Nijmegen. Mila is thuis overleden, zoals ouders wilden.",
		CultureNotes:    "Ouders zijn niet gelovig. Een eigen afscheid met de klas van Fleur was voor hen belangrijk.",
		KCT:             true,
		Members: []care.Member{
			{Kind: "parent", Name: "Marloes Verhoef", Relation: "moeder", Custody: true, Phone: "06 0023 4501"},
			{Kind: "parent", Name: father, Relation: "vader", Custody: true, Phone: "06 0023 4502"},
			{Kind: "sibling", Name: "Fleur Verhoef", Relation: "zus", BirthDate: c.born(6, 3, 2),
				Notes: "Rouwbegeleiding bij een kindertherapeut sinds een maand; de juf houdt ouders op de hoogte."},
		},
		Episode: care.Episode{
			ReferralDate: c.ago(160),
			ReferredBy:   "Kinderneuroloog, Academisch Kinderziekenhuis Oost",
			Reason:       "Hersenstamtumor, kort na de diagnose besluit om niet te bestralen. Ouders willen de zorg thuis; veel zorgverleners, niemand die coördineert.",
			FactorWish:   true, FactorComplexity: true, FactorCapacity: true,
			SurpriseQuestion: "no",
			Status:           "accepted",
			StatusDate:       c.ago(155),
			StatusNote:       "Na het overlijden van Mila loopt het casemanagement door als nazorg voor ouders en Fleur.",
			DivisionOfTasks:  KCTCaseManager + " (KCT) is de enige casemanager, ook in de nazorg; de huisarts is aanspreekpunt voor de rouwzorg.",
		},
		Network: []care.NetworkMember{
			{Name: gp, Role: "gp", Organisation: "Huisartsenpraktijk Hengstdal", Line: 1, Domain: "lichamelijk",
				Phone: "024 000 6612", Reachability: officeHours,
				Responsibilities: "Had in de laatste fase wekelijks telefonisch overleg met de kinderneuroloog. " +
					"Aanspreekpunt voor de nazorg en de rouwzorg; regelt het nagesprek met de kinderneuroloog.",
				Bereavement: true},
			{Name: "Dr. Maarten Wolters", Role: "specialist", Organisation: "Academisch Kinderziekenhuis Oost", Line: 3, Domain: "lichamelijk",
				Reachability:     "ma-vr 8-17 via het secretariaat kinderneurologie",
				Responsibilities: "Kinderneuroloog; was hoofdbehandelaar. Nagesprek met ouders."},
			{Name: "Dr. Esther Lammers", Role: "paediatrician", Organisation: "Nationaal Kinderoncologisch Centrum", Line: 3,
				Domain: "lichamelijk", Reachability: "ma-vr 8-17",
				Responsibilities: "Kinderoncoloog; besprak met ouders de keuze voor of tegen bestraling."},
			{Name: "Judith Kok", Role: "social_worker", Organisation: "Academisch Kinderziekenhuis Oost", Line: 3, Domain: "sociaal",
				Reachability:     "ma, di en do 9-17",
				Responsibilities: "Begeleidde ouders bij het besluit over bestraling; biedt een nazorggesprek aan."},
			{Name: "Ilse Peters", Role: "psychologist", Organisation: "Praktijk Het Kompas", Line: 1, Domain: "psychisch",
				Reachability:     "ma-vr 9-17",
				Responsibilities: "Rouwbegeleiding voor Fleur; deels vergoed via de aanvullende verzekering."},
			{Name: "Basisschool De Klimboom (juf van Fleur)", Role: "school", Organisation: "De Klimboom", Domain: "pedagogisch",
				Reachability: "schooldagen 8-15", Responsibilities: "Let op Fleur in de klas en houdt ouders op de hoogte."},
		},
		Steps: []Step{
			c.step(ByKCT, c.ago(155), care.Regular, c.ago(148), "intake"),
			c.step(ByKCT, c.ago(110), care.Intensive, c.ago(109), "Mila gaat snel achteruit; zorg thuis intensief, dagelijks contact."),
			c.step(ByKCT, c.ago(60), care.Regular, c.ago(60).AddDate(0, 3, 0),
				"Mila is overleden. Nazorg voor ouders en Fleur: contacten na zes weken, drie maanden en een jaar, en op verzoek."),
		},
		Contacts: []Contact{
			c.contact(ByKCT, c.ago(154), "home_visit", "both", "thuis", 90, 30,
				"Kennismaking na de diagnose; besluit om niet te bestralen; wensen over zorg thuis.", "MDO met huisarts en kinderneuroloog plannen."),
			c.contact(ByKCT, c.ago(120), "meeting", "provider", "huisartsenpraktijk", 60, 20,
				"MDO met huisarts, kinderneuroloog en thuiszorg: wie doet wat thuis, hulpmiddelen, bereikbaarheid.", "Hulpmiddelen via het ziekenhuis aanvragen."),
			c.contact(ByKCT, c.ago(105), "phone", "provider", "", 20, 0,
				"Aanvraag hulpmiddelen bij de gemeente duurt te lang; via het ziekenhuis geregeld.", ""),
			c.contact(ByKCT, c.ago(75), "home_visit", "both", "thuis", 60, 30,
				"Laatste fase: ouders willen dat Mila thuis overlijdt. Wie bellen ze 's nachts, wat zeggen ze tegen Fleur.",
				"Wensen vastleggen in het IZP en delen met huisarts en KCT."),
			c.contact(ByKCT, c.ago(59), "home_visit", "both", "thuis", 90, 30,
				"Bezoek de dag na het overlijden.", ""),
			c.contact(ByKCT, c.ago(40), "phone", "parent", "", 20, 0,
				"Moeder: rouwbegeleiding voor Fleur gevonden, maar de eigen bijdrage is hoog.", "Vader vraagt de vergoeding na bij de verzekeraar."),
			c.contact(ByKCT, c.ago(14), "home_visit", "both", "thuis", 75, 30,
				"Nazorggesprek: terugblik op de laatste weken. Ouders willen een nagesprek met de kinderneuroloog.",
				"Huisarts vragen het nagesprek te regelen."),
		},
		Tasks: []Task{
			c.done(c.task(ByKCT, c.ago(59), "Hulpmiddelen laten ophalen", "casemanager", KCTCaseManager, c.ago(45)),
				c.ago(50), "De leverancier heeft bed en rolstoel opgehaald op een moment dat ouders kozen."),
			c.done(c.task(ByKCT, c.ago(59), "School van Fleur informeren over het overlijden", "family", "Marloes Verhoef", c.ago(55)),
				c.ago(57), "Moeder heeft de juf gesproken; de klas heeft samen afscheid genomen."),
			c.task(ByKCT, c.ago(14), "Nagesprek met de kinderneuroloog plannen", "network", gp, c.ago(3)),
			c.task(ByKCT, c.ago(40), "Vergoeding rouwbegeleiding Fleur navragen bij de zorgverzekeraar", "family", father, c.in(10)),
			c.task(ByKCT, c.ago(14), "Nazorggesprek drie maanden na het overlijden", "casemanager", KCTCaseManager, c.in(30)),
		},
	}
}

// yaraElAmrani: a baby just home from the NICU; the family moved during the
// admission and has no GP yet; her mother needs an interpreter.
func yaraElAmrani(c calendar) Family {
	const mother, father = "Nadia El Amrani", "Karim El Amrani"
	return Family{
		ChildName: "Yara El Amrani",
		BirthDate: c.born(0, 0, 58),
		Sex:       "female",
		Diagnosis: "Trisomie 18 (syndroom van Edwards)",
		ICD10:     "Q91.3",
		Intensity: "intensive",
		Summary: "Na zeven weken NICU sinds vorige week thuis met sondevoeding, bij ouders en twee broers (4 en 7). " +
			"Moeder spreekt vooral Tarifit: bij gesprekken over de zorg een tolk inzetten. " +
			"Kinderthuiszorg is pas voor drie dagen per week rond, en het gezin is tijdens de opname verhuisd en heeft nog geen huisarts. " +
			"MDO met ziekenhuis en thuiszorg gepland; de nieuwe huisarts moet daarbij zijn.",
		LivingSituation: "Sinds kort met ouders en twee broers in een eengezinswoning in Nieuwegein; het gezin verhuisde tijdens de opname vanuit Utrecht.",
		CultureNotes: "Moeder spreekt vooral Tarifit en weinig Nederlands: bij elk gesprek over de zorg een professionele tolk, " +
			"niet de broers of vader laten tolken. Het geloof is belangrijk voor het gezin; bij gesprekken over behandelgrenzen willen ouders hun imam kunnen betrekken.",
		KCT: true,
		Members: []care.Member{
			{Kind: "parent", Name: mother, Relation: "moeder", Custody: true, Phone: "06 0045 6701", Language: "Tarifit",
				Notes: "Tolk nodig bij gesprekken over de zorg (tolkentelefoon)."},
			{Kind: "parent", Name: father, Relation: "vader", Custody: true, Phone: "06 0045 6702", Language: "Nederlands en Tarifit",
				Notes: "Regelt de praktische zaken rond de verhuizing."},
			{Kind: "sibling", Name: "Adam El Amrani", Relation: "broer", BirthDate: c.born(7, 4, 0)},
			{Kind: "sibling", Name: "Ayoub El Amrani", Relation: "broer", BirthDate: c.born(4, 1, 17)},
		},
		Episode: care.Episode{
			ReferralDate: c.ago(30),
			ReferredBy:   "Neonatoloog, Academisch Kinderziekenhuis Midden",
			Reason:       "Trisomie 18; ontslag van de NICU naar huis met sondevoeding. Taalbarrière, nieuwe woonplaats en nog geen zorg thuis geregeld.",
			FactorWish:   true, FactorComplexity: true, FactorCapacity: true,
			SurpriseQuestion: "no",
			Status:           "accepted",
			StatusDate:       c.ago(25),
			StatusNote:       "Met tolk besproken en door beide ouders aanvaard.",
			DivisionOfTasks:  KCTCaseManager + " (KCT) is voorlopig de enige casemanager; het wijkteam helpt met de praktische zaken rond de verhuizing.",
		},
		Network: []care.NetworkMember{
			{Name: "Dr. Laura Mertens", Role: "paediatrician", Organisation: "Academisch Kinderziekenhuis Midden", Line: 3,
				Domain: "lichamelijk", Reachability: "ma-vr 8-17 via de polikliniek neonatologie",
				Responsibilities: "Hoofdbehandelaar (neonatoloog); voedingsbeleid en gesprekken over behandelgrenzen."},
			{Name: "Dr. Stefan de Lange", Role: "paediatrician", Organisation: "Regioziekenhuis Lekstroom", Line: 2, Domain: "lichamelijk",
				Reachability: "24/7 via de kinderafdeling", AlwaysReachable: true,
				Responsibilities: "Kinderarts dichtbij huis; open opname afgesproken."},
			{Name: "Meryem Aydin", Role: "nurse", Organisation: "Kinder Comfort Team, Academisch Kinderziekenhuis Midden", Line: 3,
				Domain: "lichamelijk", Reachability: kctService, AlwaysReachable: true,
				Responsibilities: "Verpleegkundig aanspreekpunt zolang er geen huisarts is; bespreekt met ouders wat er is aan rouwzorg.",
				Bereavement:      true},
			{Name: "Wendy Vermeulen (planner)", Role: "homecare", Organisation: "Kinderthuiszorg Het Anker", Line: 1, Domain: "lichamelijk",
				Reachability:     "ma-vr 8-17; dienstdoende verpleegkundige 7-23",
				Responsibilities: "Drie dagen per week: sondevoeding, wegen, ouders instrueren."},
			{Name: HomeCareNurse, Role: "homecare", Organisation: "Kinderthuiszorg Het Anker", Line: 1, Domain: "lichamelijk",
				Phone: "030 000 4410", Reachability: "ma-vr 8-17; daarbuiten de dienstdoende verpleegkundige van Het Anker",
				Responsibilities: "Vaste kinderverpleegkundige: sondevoeding, wegen en ouders instrueren op de thuiszorgdagen."},
			{Name: "Samira Benali", Role: "social_worker", Organisation: "Wijkteam Nieuwegein", Domain: "sociaal",
				Reachability: "ma-do 9-17", Responsibilities: "Inschrijving bij een huisarts, zaken rond de verhuizing, opvang van de broers."},
		},
		Steps: []Step{
			c.step(ByKCT, c.ago(25), care.Intensive, c.ago(24), "intake"),
			c.step(ByKCT, c.ago(18), care.Regular, c.ago(12), "Stabiel op de NICU; het ontslag wordt in rust voorbereid."),
			c.step(ByKCT, c.ago(9), care.Intensive, c.in(1),
				"Thuis met sondevoeding; thuiszorg maar drie dagen en nog geen huisarts: dagelijks contact."),
		},
		Contacts: []Contact{
			c.contact(ByKCT, c.ago(24), "meeting", "both", "NICU, Academisch Kinderziekenhuis Midden", 60, 20,
				"Kennismaking op de NICU met tolk: wat trisomie 18 betekent, wensen van ouders, wie er thuis is.", "Ontslagoverleg plannen."),
			c.contact(ByKCT, c.ago(12), "meeting", "provider", "NICU, Academisch Kinderziekenhuis Midden", 45, 20,
				"Ontslagoverleg: thuiszorg, sondevoeding, open opname in het regioziekenhuis. Een huisarts ontbreekt nog.",
				"Wijkteam vragen te helpen met inschrijving bij een huisarts."),
			c.contact(ByKCT, c.ago(8), "home_visit", "both", "thuis", 90, 25,
				"Eerste huisbezoek met tolk: voeding, de broers, wie bellen bij problemen.", "Bereikbaarheidskaart op de koelkast."),
			c.contact(ByKCT, c.ago(5), "phone", "provider", "", 15, 0,
				"Wijkteam: drie praktijken in de wijk zijn vol, een vierde neemt nieuwe patiënten aan.", "Vader meldt het gezin daar aan."),
			c.contact(ByKCT, c.ago(2), "phone", "parent", "", 10, 0,
				"Vader belt: Yara spuugt meer. Advies van de KCT-verpleegkundige gevolgd, het gaat weer.", ""),
		},
		Tasks: []Task{
			c.done(c.task(ByKCT, c.ago(12), "Tolk regelen voor het eerste huisbezoek", "casemanager", KCTCaseManager, c.ago(8)),
				c.ago(10), "Tolk Tarifit via de tolkentelefoon geboekt en gebruikt."),
			c.task(ByKCT, c.ago(12), "Gezin inschrijven bij een huisarts in Nieuwegein", "family", father, c.ago(3)),
			c.task(ByKCT, c.ago(8), "Kinderthuiszorg uitbreiden naar vijf dagen per week", "network", "Wendy Vermeulen", c.in(5)),
			c.task(ByKCT, c.ago(8), "Warme overdracht aan de nieuwe huisarts", "casemanager", KCTCaseManager, c.in(7)),
			c.task(ByKCT, c.ago(8), "MDO plannen met ziekenhuis, thuiszorg, huisarts en tolk", "casemanager", KCTCaseManager, c.in(10)),
		},
	}
}

// semDeWit: a relapsed cancer, treatment aimed at cure stopped, the parents
// want the last phase at home.
func semDeWit(c calendar) Family {
	const mother, gp, nurse = "Judith de Wit", "Dr. Floris Haan", "Anne Koster"
	return Family{
		ChildName: "Sem de Wit",
		BirthDate: c.born(9, 8, 27),
		Sex:       "male",
		Diagnosis: "Neuroblastoom, recidief",
		ICD10:     "C74.9",
		Intensity: "intensive",
		Summary: "Na het tweede recidief is de behandeling gericht op genezing gestopt; hij wisselt tussen het academisch kinderziekenhuis en thuis. " +
			"Ouders willen de laatste fase thuis: wensen over plaats van zorg en overlijden vastleggen in het IZP. " +
			"Er is nog geen thuiszorgteam met ervaring met een pijnpomp, en zijn broer van twaalf trekt zich op school terug.",
		LivingSituation: "Woont met beide ouders en broer Milan in Amersfoort; Sem is ongeveer de helft van de tijd opgenomen.",
		KCT:             true,
		Members: []care.Member{
			{Kind: "parent", Name: mother, Relation: "moeder", Custody: true, Phone: "06 0067 8901"},
			{Kind: "parent", Name: "Paul de Wit", Relation: "vader", Custody: true, Phone: "06 0067 8902"},
			{Kind: "sibling", Name: "Milan de Wit", Relation: "broer", BirthDate: c.born(12, 5, 19),
				Notes: "Trekt zich terug op school; zijn mentor weet ervan."},
		},
		Episode: care.Episode{
			ReferralDate: c.ago(200),
			ReferredBy:   "Kinderoncoloog, Nationaal Kinderoncologisch Centrum",
			Reason:       "Tweede recidief neuroblastoom; overgang naar palliatieve zorg. Ouders willen Sem zoveel mogelijk thuis.",
			FactorWish:   true, FactorComplexity: true, FactorCapacity: true,
			SurpriseQuestion: "no",
			Status:           "accepted",
			StatusDate:       c.ago(195),
			DivisionOfTasks: KCTCaseManager + " (KCT) coördineert, samen met de verpleegkundig specialist van het oncologisch centrum. " +
				"Een thuis-casemanager is besproken; ouders willen nu geen nieuw gezicht.",
		},
		Network: []care.NetworkMember{
			{Name: gp, Role: "gp", Organisation: "Huisartsenpraktijk De Hoef", Line: 1, Domain: "lichamelijk",
				Phone: "033 000 2290", Reachability: officeHours,
				Responsibilities: "Pijnbestrijding thuis in overleg met de oncoloog; zorgt voor overdracht aan de huisartsenpost. " +
					"Bespreekt met ouders de rouwzorg.",
				Bereavement: true},
			{Name: "Dr. Michiel Sanders", Role: "paediatrician", Organisation: "Nationaal Kinderoncologisch Centrum", Line: 3,
				Domain: "lichamelijk", Reachability: "ma-vr 8-17; daarbuiten de dienstdoende kinderoncoloog",
				Responsibilities: "Hoofdbehandelaar (kinderoncoloog); pijn- en symptoombeleid."},
			{Name: nurse, Role: "nurse", Organisation: "Nationaal Kinderoncologisch Centrum", Line: 3, Domain: "lichamelijk",
				Reachability: "ma-vr 8-17", Responsibilities: "Verpleegkundig specialist; pijnpomp en overdracht naar thuis."},
			{Name: "Jeroen Brouwer", Role: "nurse", Organisation: "Kinder Comfort Team, Academisch Kinderziekenhuis Midden", Line: 3,
				Domain: "lichamelijk", Reachability: kctService, AlwaysReachable: true,
				Responsibilities: "Verpleegkundig aanspreekpunt thuis buiten kantoortijd."},
			{Name: HomeCareNurse, Role: "homecare", Organisation: "Kinderthuiszorg Het Anker", Line: 1, Domain: "lichamelijk",
				Phone: "030 000 4410", Reachability: "ma-vr 8-17; daarbuiten de dienstdoende verpleegkundige van Het Anker",
				Responsibilities: "Net betrokken: leert de pijnpomp verzorgen van de verpleegkundig specialist, zodat Sem vaker thuis kan zijn."},
			{Name: "Apotheek De Hoef", Role: "pharmacy", Organisation: "Apotheek De Hoef", Line: 1, Domain: "lichamelijk",
				Reachability: "ma-vr 8-18; daarbuiten de dienstapotheek", Responsibilities: "Levert pijnmedicatie en cassettes voor de pomp."},
			{Name: "Basisschool 't Klavertje", Role: "school", Organisation: "'t Klavertje", Domain: "pedagogisch",
				Reachability: "schooldagen 8-15", Responsibilities: "Houdt contact met Sem en zijn klas; klasgenoten sturen kaarten."},
		},
		Steps: []Step{
			c.step(ByKCT, c.ago(195), care.Regular, c.ago(188), "intake"),
			c.step(ByKCT, c.ago(120), care.Intensive, c.ago(119), "Pijn neemt snel toe; meerdere opnames."),
			c.step(ByKCT, c.ago(80), care.Regular, c.ago(73), "Pijn onder controle met medicatie; thuis is het rustiger."),
			c.step(ByKCT, c.ago(20), care.Intensive, c.in(2), "Pijn neemt weer toe en een pijnpomp is nodig; ouders willen de laatste fase thuis."),
		},
		Contacts: []Contact{
			c.contact(ByKCT, c.ago(194), "meeting", "both", "Nationaal Kinderoncologisch Centrum", 60, 45,
				"Kennismaking: wat ouders en Sem belangrijk vinden, wie thuis helpt.", ""),
			c.contact(ByKCT, c.ago(119), "phone", "parent", "", 20, 0,
				"Moeder: Sem heeft veel pijn en is weer opgenomen.", "Afstemmen met de verpleegkundig specialist."),
			c.contact(ByKCT, c.ago(60), "home_visit", "both", "thuis", 90, 40,
				"Proactieve zorgplanning: ouders willen de laatste fase thuis; wat als de pijn niet te behandelen is.",
				"Wensen vastleggen in het IZP en delen met huisarts en oncoloog."),
			c.contact(ByKCT, c.ago(19), "meeting", "provider", "Nationaal Kinderoncologisch Centrum", 60, 45,
				"MDO: pijnpomp thuis; het huidige thuiszorgteam heeft geen ervaring met een pomp.", "Ander thuiszorgteam zoeken."),
			c.contact(ByKCT, c.ago(9), "phone", "provider", "", 15, 0,
				"Mentor van Milan: hij trekt zich terug en zegt weinig.", "Met moeder bespreken wat Milan helpt."),
			c.contact(ByKCT, c.ago(3), "home_visit", "both", "thuis", 60, 40,
				"Sem vertelt zelf wat hij nog wil: een logeerpartij met zijn neven. De pijn is redelijk onder controle.", ""),
		},
		Tasks: []Task{
			c.done(c.task(ByKCT, c.ago(60), "Wensen over plaats van zorg en overlijden vastleggen in het IZP", "casemanager", KCTCaseManager, c.ago(45)),
				c.ago(52), "Vastgelegd na het gesprek met ouders en Sem; gedeeld met huisarts en oncoloog."),
			c.task(ByKCT, c.ago(19), "Thuiszorgteam met ervaring met een pijnpomp vinden", "casemanager", KCTCaseManager, c.ago(4)),
			c.task(ByKCT, c.ago(19), "Pijnpomp en cassettes thuis regelen", "network", nurse, c.in(3)),
			c.task(ByKCT, c.ago(19), "Bereikbaarheid 's nachts afspreken met de huisartsenpost", "network", gp, c.in(2)),
			c.task(ByKCT, c.ago(9), "Met de mentor van Milan praten over steun op school", "family", mother, c.in(7)),
		},
	}
}

// irisHoekstra: a young woman in a Wlz home, after the transition to adult
// care; divorced parents; waakvlam. Only the thuis case manager.
func irisHoekstra(c calendar) Family {
	const mother, father, avg = "Geertje Hoekstra", "Sjoerd Hoekstra", "Dr. Johan de Jong"
	return Family{
		ChildName: "Iris Hoekstra",
		BirthDate: c.born(21, 6, 2),
		Sex:       "female",
		Diagnosis: "Spastische tetraplegische cerebrale parese met epilepsie",
		ICD10:     "G80.0",
		Intensity: "waakvlam",
		Summary: "Woont sinds twee jaar in een kleinschalige Wlz-woonvorm; haar ouders zijn gescheiden en ze is om het weekend bij haar vader. " +
			"De overgang naar volwassenenzorg is afgerond, de arts verstandelijk gehandicapten is nu hoofdbehandelaar. " +
			"Casemanagement blijft op de achtergrond: contact bij een opname of als de aanvallen toenemen.",
		LivingSituation: "Woont in een kleinschalige Wlz-woonvorm in Leeuwarden en is om het weekend bij haar vader in Sneek. Ouders zijn gescheiden.",
		Thuis:           true,
		Members: []care.Member{
			{Kind: "parent", Name: mother, Relation: "moeder en mentor", Phone: "06 0089 0101",
				Notes: "Mentor sinds Iris 18 werd; beslist mee over zorg en behandeling."},
			{Kind: "parent", Name: father, Relation: "vader", Phone: "06 0089 0102",
				Notes: "Iris is om het weekend bij hem; hij heeft een aangepaste bus."},
			{Kind: "sibling", Name: "Wieke Hoekstra", Relation: "zus", BirthDate: c.born(24, 1, 9),
				Notes: "Woont in Groningen en wil betrokken blijven."},
		},
		Episode: care.Episode{
			ReferralDate: c.ago(1500),
			ReferredBy:   "Kinderneuroloog, Academisch Kinderziekenhuis Noord",
			Reason: "Overgang naar volwassenenzorg en verhuizing naar een Wlz-woonvorm; " +
				"ouders zijn gescheiden en de afstemming tussen twee huizen en de woonvorm loopt vast.",
			FactorWish: true, FactorComplexity: true,
			SurpriseQuestion: "yes",
			Status:           "accepted",
			StatusDate:       c.ago(1490),
			DivisionOfTasks: ThuisCaseManager + " (thuis) is de enige casemanager. Medisch beleid ligt bij de arts verstandelijk gehandicapten; " +
				"bij een opname vraagt Joost het KCT om advies.",
		},
		Network: []care.NetworkMember{
			{Name: "Dr. Anke Postma", Role: "gp", Organisation: "Huisartsenpraktijk Camminghaburen", Line: 1, Domain: "lichamelijk",
				Phone: "058 000 3340", Reachability: officeHours,
				Responsibilities: "Huisarts; de arts verstandelijk gehandicapten doet de medische zorg in de woonvorm. " +
					"In de weekenden bij vader gaat het via de huisartsenpost in Sneek."},
			{Name: avg, Role: "specialist", Organisation: "Zorggroep De Terp", Line: 2, Domain: "lichamelijk",
				Reachability:     "ma-vr 8.30-17; daarbuiten de dienstdoende arts van de zorggroep",
				Responsibilities: "Arts verstandelijk gehandicapten en hoofdbehandelaar; epilepsiebeleid."},
			{Name: "Dr. Reinier Vos", Role: "specialist", Organisation: "Academisch Ziekenhuis Noord", Line: 3, Domain: "lichamelijk",
				Reachability: "via de polikliniek neurologie", Responsibilities: "Neuroloog; jaarlijkse controle epilepsie."},
			{Name: "Sanne Kuipers (persoonlijk begeleider)", Role: "homecare", Organisation: "Woonvorm De Terp (Wlz)", Line: 1,
				Domain: "sociaal", Reachability: "24/7 via de woonvorm", AlwaysReachable: true,
				Responsibilities: "Dagelijkse zorg en begeleiding; overdracht aan vader bij de weekenden."},
			{Name: "Hanneke Dijkstra", Role: "other", Organisation: "Zorggroep De Terp", Domain: "spiritueel",
				Reachability: "di en do", Responsibilities: "Geestelijk verzorger; praat met ouders over verlies en rouw.",
				Bereavement: true},
		},
		Steps: []Step{
			c.step(ByThuis, c.ago(1490), care.Regular, c.ago(1476), "intake"),
			c.step(ByThuis, c.ago(1200), care.Intensive, c.ago(1197),
				"Verhuizing naar de woonvorm en overdracht van kinderarts naar volwassenenzorg."),
			c.step(ByThuis, c.ago(700), care.Regular, c.ago(686), "Verhuizing rond; de arts verstandelijk gehandicapten is hoofdbehandelaar."),
			c.step(ByThuis, c.ago(400), care.Waakvlam, c.in(60), "Stabiel in de woonvorm; casemanagement op de achtergrond."),
		},
		Contacts: []Contact{
			c.contact(ByThuis, c.ago(400), "meeting", "family", "Woonvorm De Terp", 60, 70,
				"Evaluatie met moeder, vader en de persoonlijk begeleider: Iris is gewend. Overstap naar waakvlam afgesproken.", ""),
			c.contact(ByThuis, c.ago(200), "phone", "parent", "", 15, 0,
				"Moeder: de aanvallen nemen iets toe; de arts verstandelijk gehandicapten past de medicatie aan.", ""),
			c.contact(ByThuis, c.ago(90), "phone", "parent", "", 10, 0,
				"Vader: de aanvallenlijst gaat nu mee in de tas naar Sneek.", ""),
			c.contact(ByThuis, c.ago(45), "video", "provider", "", 30, 0,
				"Jaarlijkse afstemming met de arts verstandelijk gehandicapten en de persoonlijk begeleider.", "Noodplan bij aanvallen laten actualiseren."),
		},
		Tasks: []Task{
			c.done(c.task(ByThuis, c.ago(90), "Logeeradres van vader doorgeven aan de huisartsenpost in Sneek", "family", father, c.ago(60)),
				c.ago(80), "Doorgegeven; de huisartsenpost heeft het noodplan."),
			c.task(ByThuis, c.ago(45), "Noodplan bij aanvallen actualiseren", "network", avg, c.in(20)),
			c.task(ByThuis, c.ago(45), "Jaarlijkse evaluatie met moeder, vader en de woonvorm plannen", "casemanager", ThuisCaseManager, c.in(60)),
		},
	}
}
