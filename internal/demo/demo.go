// Package demo holds fictional demo data: a handful of hand-written families
// for a demo organisation, modelled on typical journeys in pediatric
// palliative care, and a fast deterministic generator of many more families
// for load tests. It is pure data and never touches a database; callers
// decide how to store what it returns.
//
// All names are invented. Birth dates are computed relative to the day the
// data is made, so the ages (and the stories that depend on them) stay right
// over the years.
package demo

import "time"

// Family is one fictional demo family.
type Family struct {
	ChildName string    // fictional first + last name
	BirthDate time.Time // date only (UTC midnight), relative to the day the data was made
	Sex       string    // "female" | "male" | "other" | "unknown"
	Diagnosis string    // Dutch text, or "" when there is no diagnosis yet
	ICD10     string    // ICD-10 code matching the diagnosis, "" if no diagnosis
	Intensity string    // "intensive" | "regular" | "waakvlam"
	Summary   string    // 2-4 Dutch sentences: the situation as noted in the file
	Deceased  bool      // the child died; the family is in aftercare
}

// Families returns the demo families for a demo organisation, ages computed
// from today. Each of the first six follows one of the typical journeys:
// a long search for a diagnosis with one-year indications, a child without a
// diagnosis cared for at home through a personal budget, a young man about to
// turn 18, a child whose aids and adaptations lag behind growing care needs,
// a stable child on a low-frequency "waakvlam" footing, and a family in
// aftercare. The others widen the range of ages and diagnoses.
func Families(today time.Time) []Family {
	return []Family{
		{
			ChildName: "Daan Hermans",
			BirthDate: birth(today, 11, 3, 12),
			Sex:       "male",
			Diagnosis: "Leigh-syndroom (mitochondriale ziekte)",
			ICD10:     "G31.8",
			Intensity: "regular",
			Summary: "Woont met ouders en een oudere broer (14) in een dorp in Midden-Limburg; " +
				"de diagnose kwam pas na jaren van onderzoek in twee ziekenhuizen. " +
				"Epilepsie en verslikken nemen toe, hij leert dingen aan en verliest ze weer. " +
				"Nachtzorg zeven nachten per week via de Wlz, maar die indicatie geldt maar een jaar " +
				"en loopt over zes weken af: herindicatie nu aanvragen.",
		},
		{
			ChildName: "Noor Kramer",
			BirthDate: birth(today, 4, 2, 3),
			Sex:       "female",
			Intensity: "intensive",
			Summary: "Nog geen diagnose: na herhaalde ademstops thuis met zuurstof en saturatiemeter, " +
				"de uitslag van het exoomonderzoek wordt over drie maanden verwacht. " +
				"Zorg in natura was niet rond te krijgen, ouders werken nu met een pgb-team van vijf kinderverpleegkundigen. " +
				"Bij de herindicatie zijn de uren fors verlaagd; het bezwaar loopt en het medisch kinderdagverblijf " +
				"heeft nog geen dekking voor de begeleiding.",
		},
		{
			ChildName: "Thijs Bakker",
			BirthDate: birth(today, 18, -4, 0),
			Sex:       "male",
			Diagnosis: "Duchenne spierdystrofie",
			ICD10:     "G71.0",
			Intensity: "regular",
			Summary: "Woont in Amsterdam bij moeder met twee jongere broers en een zusje; vader is het huis uit. " +
				"Sinds de tracheacanule gaat hij niet meer naar de mytylschool en logeert hij af en toe in een hospice. " +
				"Over vier maanden wordt hij 18: de overdracht van kinderarts naar volwassenenzorg, " +
				"de overstap van Jeugdwet naar Wlz en de IC-afspraken voor volwassenen moeten nu worden voorbereid. " +
				"Zijn zusje heeft psychosociale klachten en krijgt speltherapie.",
		},
		{
			ChildName: "Lotte de Boer",
			BirthDate: birth(today, 14, 7, 20),
			Sex:       "female",
			Diagnosis: "Congenitale myotone dystrofie",
			ICD10:     "G71.1",
			Intensity: "intensive",
			Summary: "Oudste van drie kinderen, haar twee broers krijgen weinig aandacht. " +
				"Na de laatste opname ademondersteuning nodig; meerzorg en de VG8-indicatie zijn weer maar voor een jaar toegekend. " +
				"Moeder is via het pgb 40 uur per week in dienst en vervanging voor de weekenden vinden lukt slecht. " +
				"De tweede woningaanpassing is nog niet aangevraagd en de nieuwe rolstoel wacht al vier maanden op levering.",
		},
		{
			ChildName: "Femke Wierenga",
			BirthDate: birth(today, 6, 5, 8),
			Sex:       "female",
			Diagnosis: "Spinale musculaire atrofie type 1",
			ICD10:     "G12.0",
			Intensity: "waakvlam",
			Summary: "Woont met ouders en een oudere zus in Oost-Groningen en doet het beter dan verwacht. " +
				"De huisarts is nauw betrokken; met hem en de ouders zijn de afspraken over behandelgrenzen vastgelegd. " +
				"Drie keer per week een half uur les via onderwijs aan zieke kinderen, de traplift is na lang aandringen via de Wmo geplaatst. " +
				"Contact eens per kwartaal, eerder als haar ademhaling verslechtert.",
		},
		{
			ChildName: "Mila Verhoef",
			BirthDate: birth(today, 7, 1, 15),
			Sex:       "female",
			Diagnosis: "Diffuus intrinsiek ponsglioom (hersenstamtumor)",
			ICD10:     "C71.7",
			Intensity: "regular",
			Deceased:  true,
			Summary: "Mila is twee maanden geleden thuis overleden, nog geen vier maanden na de diagnose. " +
				"Nazorg voor ouders en haar zusje van zes: rouwbegeleiding voor het zusje is gevonden, " +
				"maar de eigen bijdrage is hoog en de aanvullende verzekering vergoedt maar een deel. " +
				"Ouders willen nog een keer met de kinderneuroloog praten; de huisarts regelt die afspraak.",
		},
		{
			ChildName: "Yara El Amrani",
			BirthDate: birth(today, 0, 0, 58),
			Sex:       "female",
			Diagnosis: "Trisomie 18 (syndroom van Edwards)",
			ICD10:     "Q91.3",
			Intensity: "intensive",
			Summary: "Na zeven weken NICU sinds vorige week thuis met sondevoeding, bij ouders en twee broers (4 en 7). " +
				"Moeder spreekt vooral Tarifit: bij gesprekken over de zorg een tolk inzetten. " +
				"Kinderthuiszorg is pas voor drie dagen per week rond en de huisarts heeft nog geen overdracht gehad; " +
				"MDO met ziekenhuis, thuiszorg en huisarts gepland.",
		},
		{
			ChildName: "Sem de Wit",
			BirthDate: birth(today, 9, 8, 27),
			Sex:       "male",
			Diagnosis: "Neuroblastoom, recidief",
			ICD10:     "C74.9",
			Intensity: "intensive",
			Summary: "Na het tweede recidief is de behandeling gericht op genezing gestopt; hij wisselt tussen het academisch kinderziekenhuis en thuis. " +
				"Ouders willen de laatste fase thuis: wensen over plaats van zorg en overlijden vastleggen in het IZP. " +
				"Er is nog geen thuiszorgteam met ervaring met een pijnpomp, en zijn broer van twaalf trekt zich op school terug.",
		},
		{
			ChildName: "Iris Hoekstra",
			BirthDate: birth(today, 21, 6, 2),
			Sex:       "female",
			Diagnosis: "Spastische tetraplegische cerebrale parese met epilepsie",
			ICD10:     "G80.0",
			Intensity: "waakvlam",
			Summary: "Woont sinds twee jaar in een kleinschalige Wlz-woonvorm; haar ouders zijn gescheiden en ze is om het weekend bij haar vader. " +
				"De overgang naar volwassenenzorg is afgerond, de arts verstandelijk gehandicapten is nu hoofdbehandelaar. " +
				"Casemanagement blijft op de achtergrond: contact bij een opname of als de aanvallen toenemen.",
		},
	}
}

// birth returns the birth date, as a UTC midnight, of someone who is years
// years, months months and days days old on today's date. Negative parts
// move the date forward, so birth(today, 18, -4, 0) turns 18 in four months.
func birth(today time.Time, years, months, days int) time.Time {
	y, m, d := today.Date()
	return time.Date(y-years, m-time.Month(months), d-days, 0, 0, 0, 0, time.UTC)
}

// dateOf returns t's calendar date, in t's own location, as a UTC midnight.
func dateOf(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// ageOn returns the age in whole years on date day of someone born on b.
func ageOn(b, day time.Time) int {
	by, bm, bd := b.Date()
	y, m, d := day.Date()
	age := y - by
	if m < bm || (m == bm && d < bd) {
		age--
	}
	return age
}
