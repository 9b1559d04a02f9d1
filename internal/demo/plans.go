package demo

import (
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// PlanVersion is one saved version of a demo family's care plan, made by
// one of the family's case managers. The plan's actions are the family's
// tasks with a PlanDimension; they are recorded in each version as they
// stood when it was saved.
type PlanVersion struct {
	By   string // ByKCT or ByThuis
	At   time.Time
	Plan care.CarePlan
}

// Proposal is a change to the plan proposed by a family member with a demo
// account, named as a member of the family.
type Proposal struct {
	Member  string
	Section string
	Body    string
	At      time.Time
}

// item is a plan item with a fixed ID, so later versions can change it.
func item(id, forWhom, text string) care.PlanItem {
	return care.PlanItem{ID: id, For: forWhom, Text: text}
}

// needsCare marks a goal as one that needs care, which the coverage plan
// should cover.
func needsCare(it care.PlanItem) care.PlanItem {
	it.NeedsCare = true
	return it
}

func problem(id, forWhom, text, icd10 string) care.PlanItem {
	return care.PlanItem{ID: id, For: forWhom, Text: text, ICD10: icd10}
}

// inPlan makes t an action of the plan, for the goal with ID goal ("" for none).
func inPlan(t Task, d care.Dimension, goal string) Task {
	t.PlanDimension, t.PlanGoal = d, goal
	return t
}

// sections returns the five dimensions in plan order, filled from byDim.
func sections(byDim map[care.Dimension]care.PlanSection) []care.PlanSection {
	out := make([]care.PlanSection, 0, len(care.Dimensions))
	for _, d := range care.Dimensions {
		s := byDim[d]
		s.Dimension = d
		out = append(out, s)
	}
	return out
}

// daanPlan: a plan of almost a year with an ACP conversation in which the
// parents chose home as the place Daan may die, after the pneumonia.
func daanPlan(c calendar, neuro string) []PlanVersion {
	dims := map[care.Dimension]care.PlanSection{
		care.DimPhysical: {
			Situation: "Epilepsie met aanvallen vooral 's nachts; verslikt zich vaker bij dun vloeibaar eten en drinken. Sondevoeding 's nachts.",
			Problems: []care.PlanItem{
				problem("i1", "child", "Epilepsie, toenemend in aantal aanvallen", "G40.9"),
				problem("i2", "child", "Slikproblemen met kans op longontsteking", "R13"),
			},
			Goals: []care.PlanItem{
				item("i3", "child", "Aanvallen thuis kunnen opvangen zonder opname"),
				item("i4", "child", "Veilig eten en drinken met aangepaste voeding"),
			},
			Agreements: []care.PlanItem{
				item("i5", "family", "Noodmedicatie ligt thuis, op school en bij de nachtzorg; het noodplan hangt in de keuken."),
			},
		},
		care.DimPsychological: {
			Situation: "Daan is vaak moe maar geniet zichtbaar van muziek en van zijn broer. Ouders zijn sinds de opname in het voorjaar gespannen.",
			Goals: []care.PlanItem{
				item("i6", "parents", "Ouders hebben een plek om hun zorgen kwijt te kunnen"),
				item("i7", "siblings", "Luuk voelt zich gezien en weet wat er met Daan aan de hand is"),
			},
		},
		care.DimSocial: {
			Situation: "Nachtzorg zeven nachten per week via de Wlz; grootouders in hetzelfde dorp springen bij.",
			Problems: []care.PlanItem{
				problem("i8", "family", "Wlz-indicatie voor de nachtzorg loopt binnenkort af", ""),
			},
			Goals: []care.PlanItem{
				needsCare(item("i9", "family", "Nachtzorg zonder onderbreking na de herindicatie")),
			},
		},
		care.DimPedagogical: {
			Situation: "Drie ochtenden per week naar de mytylschool; leert dingen aan en verliest ze weer.",
			Goals: []care.PlanItem{
				item("i10", "child", "Zo lang het kan naar school, ook met aanvallen"),
			},
			Agreements: []care.PlanItem{
				item("i11", "child", "School belt ouders bij een aanval langer dan vijf minuten en geeft dan de noodmedicatie."),
			},
		},
		care.DimSpiritual: {
			Situation: "Het gezin vindt steun bij familie in het dorp; geloof speelt geen grote rol.",
			Goals: []care.PlanItem{
				item("i12", "family", "Tijd maken voor dingen die het gezin samen fijn vindt"),
			},
		},
	}
	v1 := care.CarePlan{
		Template: "default",
		Wishes:   "Daan zo veel mogelijk thuis laten zijn, met zijn broer en opa en oma dichtbij.",
		Matters:  "Dat Daan geen pijn heeft en dat we als gezin samen dingen blijven doen.",
		Sections: sections(dims),
		ACP: care.ACP{
			Conversations: []care.Conversation{
				{ID: "i13", Date: c.ago(340), Participants: "Ouders, " + neuro + ", " + KCTCaseManager,
					Topics: "Wat te doen bij een zware aanval of longontsteking; reanimatie en beademing.",
					Record: "Verslag in het ziekenhuisdossier; samenvatting bij ouders thuis"},
			},
			Scenarios: []care.Scenario{
				{ID: "i14", Topic: "school", WhatIf: "Als Daan op school een lange aanval krijgt",
					Arranged: "Noodplan en noodmedicatie op school; de intern begeleider kent het plan."},
				{ID: "i15", Topic: "deterioration", WhatIf: "Als Daan weer een longontsteking krijgt",
					Arranged: "Eerst bellen met de huisarts of het Kinder Comfort Team; opname alleen als behandelen thuis niet lukt."},
				{ID: "i16", Topic: "end_of_life", WhatIf: "Als Daan achteruitgaat en behandelen niet meer helpt"},
			},
			Directives: []care.Directive{
				{Kind: "resuscitation", Decision: "no", Date: c.ago(340), AgreedBy: "Ouders en " + neuro,
					Detail: "Niet reanimeren; wel zuurstof en noodmedicatie bij aanvallen."},
				{Kind: "ventilation", Decision: "no", Date: c.ago(340), AgreedBy: "Ouders en " + neuro,
					Detail: "Geen beademing via een buis."},
				{Kind: "icu", Decision: "no", Date: c.ago(340), AgreedBy: "Ouders en " + neuro},
				{Kind: "hospital", Decision: "yes_but", Date: c.ago(340), AgreedBy: "Ouders en " + neuro,
					Detail: "Opname bij een behandelbare oorzaak, zoals een longontsteking."},
			},
			PlaceOfCare:  care.Preference{Place: "home"},
			PlaceOfDeath: care.Preference{Place: "not_discussed"},
			CareWishes:   "Muziek op zijn kamer; bij onrust helpt zachtjes praten en zijn knuffel.",
		},
		ReviewMonths: 3,
		DiscussedOn:  c.ago(340),
		ReviewDue:    c.ago(250),
		NextItem:     20,
	}
	v2 := v1
	v2.Sections = sections(dims)
	phys := v2.Section(care.DimPhysical)
	phys.Situation = "Herstelt van een verslikpneumonie. Epilepsie met aanvallen vooral 's nachts; dikt dranken nu in op advies van de logopedist."
	phys.Goals = append(phys.Goals[:len(phys.Goals):len(phys.Goals)], item("i17", "child", "Een volgende longontsteking zo mogelijk thuis behandelen"))
	v2.ACP.Conversations = append(v1.ACP.Conversations[:1:1], care.Conversation{ID: "i18", Date: c.ago(62),
		Participants: "Ouders, " + neuro + ", " + KCTCaseManager + ", " + ThuisCaseManager,
		Topics:       "Terugblik op de opname; waar Daan verzorgd wil worden en waar hij mag overlijden.",
		Record:       "Verslag in Spil-notitie van " + KCTCaseManager + "; kopie bij ouders"})
	v2.ACP.Scenarios = append([]care.Scenario(nil), v1.ACP.Scenarios...)
	v2.ACP.Scenarios[2].Arranged = "Dan blijft Daan thuis, met de nachtzorg en het Kinder Comfort Team erbij. De huisarts komt op afroep."
	v2.ACP.Directives = append([]care.Directive(nil), v1.ACP.Directives...)
	v2.ACP.Directives[3].Detail = "Opname bij een behandelbare oorzaak, alleen als behandelen thuis niet lukt."
	v2.ACP.Directives[3].Date = c.ago(62)
	v2.ACP.PlaceOfDeath = care.Preference{Place: "home", Detail: "In zijn eigen kamer beneden."}
	v2.DiscussedOn, v2.ReviewDue = c.ago(62), c.in(28)
	return []PlanVersion{{By: ByKCT, At: c.at(c.ago(335), 14), Plan: v1}, {By: ByKCT, At: c.at(c.ago(60), 14), Plan: v2}}
}

// noorPlan: no diagnosis yet; the parents do not want to talk about the end
// of life until the exome result is in. The review is overdue.
func noorPlan(c calendar, paed string) []PlanVersion {
	p := care.CarePlan{
		Template: "default",
		Wishes:   "Dat Noor in beide huizen dezelfde goede zorg krijgt, en naar het kinderdagverblijf kan.",
		Matters:  "Eerst weten wat Noor heeft. Tot die tijd willen we alles doen wat helpt.",
		Sections: sections(map[care.Dimension]care.PlanSection{
			care.DimPhysical: {
				Situation: "Herhaalde ademstops; thuis zuurstof, saturatiemeter en voedingspomp in beide huizen. Exoomuitslag over drie maanden.",
				Problems:  []care.PlanItem{problem("i1", "child", "Ademstops met zuurstofbehoefte", "R06.8")},
				Goals:     []care.PlanItem{item("i2", "child", "Ademstops op tijd zien en thuis goed opvangen")},
			},
			care.DimPsychological: {
				Goals: []care.PlanItem{item("i3", "parents", "Ouders houden het vol in de week dat Noor bij hen is")},
			},
			care.DimSocial: {
				Situation: "Gescheiden ouders met gezamenlijk gezag, wissel op vrijdag. Pgb-team van vijf kinderverpleegkundigen op beide adressen.",
				Problems:  []care.PlanItem{problem("i4", "family", "Uren verlaagd bij de herindicatie; bezwaar loopt", "")},
				Goals:     []care.PlanItem{needsCare(item("i5", "family", "Genoeg uren zorg om beide ouders te laten werken"))},
			},
			care.DimPedagogical: {
				Goals: []care.PlanItem{needsCare(item("i6", "child", "Naar het medisch kinderdagverblijf met begeleiding"))},
			},
		}),
		ACP: care.ACP{
			Conversations: []care.Conversation{
				{ID: "i7", Date: c.ago(150), Participants: "Beide ouders, " + paed + ", " + KCTCaseManager,
					Topics: "Behandelen zolang de diagnose er niet is; wat te doen bij een ademstop thuis.",
					Record: "Verslag bij de kinderarts"},
			},
			Scenarios: []care.Scenario{
				{ID: "i8", Topic: "deterioration", WhatIf: "Als Noor thuis een ademstop krijgt",
					Arranged: "Pgb-team start zuurstof en belt 112; ouders hebben een BHV-cursus kinderreanimatie gedaan."},
				{ID: "i9", Topic: "school", WhatIf: "Als het kinderdagverblijf de begeleiding niet rond krijgt"},
			},
			Directives: []care.Directive{
				{Kind: "resuscitation", Decision: "yes", Date: c.ago(150), AgreedBy: "Beide ouders en " + paed},
				{Kind: "ventilation", Decision: "yes_but", Date: c.ago(150), AgreedBy: "Beide ouders en " + paed,
					Detail: "Eerst zonder buis (masker); opnieuw bespreken na de uitslag."},
				{Kind: "icu", Decision: "yes", Date: c.ago(150), AgreedBy: "Beide ouders en " + paed},
				{Kind: "hospital", Decision: "yes", Date: c.ago(150), AgreedBy: "Beide ouders en " + paed},
			},
			PlaceOfCare: care.Preference{Place: "home", Detail: "Bij moeder en bij vader, om de week."},
			PlaceOfDeath: care.Preference{Place: "not_now",
				Detail: "Ouders willen hier pas over praten als de uitslag van het exoomonderzoek er is."},
		},
		ReviewMonths: 3,
		DiscussedOn:  c.ago(102),
		ReviewDue:    c.ago(12),
		NextItem:     20,
	}
	return []PlanVersion{{By: ByKCT, At: c.at(c.ago(101), 15), Plan: p}}
}

// thijsPlan: turning 18 — the plan thinks through the transition to adult
// care and the Wlz, and Thijs decides with his mother.
func thijsPlan(c calendar, paed string) []PlanVersion {
	p := care.CarePlan{
		Template: "default",
		Wishes:   "Thijs wil zelf meebeslissen over zijn zorg en na zijn 18e dezelfde vaste gezichten houden.",
		Matters:  "Gamen met vrienden, en dat zijn moeder ook tijd heeft voor zijn broers en zusje.",
		Sections: sections(map[care.Dimension]care.PlanSection{
			care.DimPhysical: {
				Situation: "Duchenne met tracheacanule en beademing 's nachts; hartfunctie wordt halfjaarlijks gecontroleerd.",
				Problems:  []care.PlanItem{problem("i1", "child", "Ademhaling via tracheacanule, nachtelijke beademing", "G71.0")},
				Goals:     []care.PlanItem{item("i2", "child", "Overdracht naar de volwassenenzorg zonder gat in de zorg")},
			},
			care.DimPsychological: {
				Goals: []care.PlanItem{item("i3", "siblings", "Zijn zusje krijgt steun bij haar klachten (speltherapie)")},
			},
			care.DimSocial: {
				Problems: []care.PlanItem{problem("i4", "family", "Overstap van Jeugdwet naar Wlz bij 18 jaar", "")},
				Goals:    []care.PlanItem{needsCare(item("i5", "family", "Zijn zorg thuis en het logeren rond onder de Wlz voor zijn verjaardag"))},
			},
			care.DimPedagogical: {
				Situation: "Gaat sinds de canule niet meer naar school; volgt twee vakken online.",
				Goals:     []care.PlanItem{item("i6", "child", "Dagbesteding of online onderwijs na zijn 18e")},
			},
			care.DimSpiritual: {},
		}),
		ACP: care.ACP{
			Conversations: []care.Conversation{
				{ID: "i7", Date: c.ago(60), Participants: "Thijs, moeder, " + paed + ", " + KCTCaseManager,
					Topics: "Wat verandert er bij 18; IC-afspraken voor volwassenen.", Record: "Verslag bij de kinderarts"},
			},
			Scenarios: []care.Scenario{
				{ID: "i8", Topic: "adulthood", WhatIf: "Als Thijs 18 wordt",
					Arranged: "Kennismaking met de longarts voor volwassenen gepland; de Wlz-indicatie is er, de zorg thuis moet nog over."},
				{ID: "i9", Topic: "deterioration", WhatIf: "Als zijn ademhaling of hart achteruitgaat"},
			},
			Directives: []care.Directive{
				{Kind: "resuscitation", Decision: "not_discussed"},
				{Kind: "ventilation", Decision: "yes", Date: c.ago(60), AgreedBy: "Thijs, moeder en " + paed,
					Detail: "Beademing via de canule, ook overdag als dat nodig wordt."},
				{Kind: "icu", Decision: "yes_but", Date: c.ago(60), AgreedBy: "Thijs, moeder en " + paed,
					Detail: "Kort, bij een behandelbare oorzaak; opnieuw bespreken met de volwassenenzorg."},
				{Kind: "hospital", Decision: "yes", Date: c.ago(60), AgreedBy: "Thijs, moeder en " + paed},
			},
			PlaceOfCare:  care.Preference{Place: "home", Detail: "Thuis, met logeren in het hospice om moeder te ontlasten."},
			PlaceOfDeath: care.Preference{Place: "not_discussed"},
		},
		ReviewMonths: 2,
		DiscussedOn:  c.ago(60),
		ReviewDue:    c.in(1),
		NextItem:     20,
	}
	return []PlanVersion{{By: ByKCT, At: c.at(c.ago(58), 16), Plan: p}}
}
