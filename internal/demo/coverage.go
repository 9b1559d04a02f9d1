package demo

import (
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// Coverage is one item of a demo family's coverage plan, recorded by one
// of the family's case managers: the item with its periods, oldest first.
// Provider names the network member who gives the care; "" when the item
// names its provider in words, or none.
type Coverage struct {
	care.CoverageItem
	Provider string
	By       string // ByKCT or ByThuis
}

// Aid is an aid or adaptation of a demo family, recorded by one of the
// family's case managers.
type Aid struct {
	care.Aid
	By string // ByKCT or ByThuis
}

// Euros is an amount per year in whole euros, as cents.
func euros(n int64) int64 { return n * 100 }

// recorded dates a period: it was written down at ten o'clock on date.
func (c calendar) recorded(p care.CoveragePeriod, date time.Time) care.CoveragePeriod {
	p.CreatedAt = c.at(date, 10)
	return p
}

// coverage is an item made by by, serving goals, with its periods; the
// item was recorded when its first period was.
func (c calendar) coverage(by, kind, description, provider, applicant string, goals []string, periods ...care.CoveragePeriod) Coverage {
	return Coverage{By: by, Provider: provider, CoverageItem: care.CoverageItem{
		Kind: kind, Description: description, Applicant: applicant, Goals: goals,
		Periods: periods, CreatedAt: periods[0].CreatedAt,
	}}
}

// aid is an aid recorded by by on the day it was last moved on.
func (c calendar) aid(by string, a care.Aid) Aid {
	last := a.Requested
	for _, d := range []time.Time{a.Assessed, a.Granted, a.Ordered, a.Delivered} {
		if d.After(last) {
			last = d
		}
	}
	a.CreatedAt = c.at(last, 11)
	return Aid{By: by, Aid: a}
}

// daanCoverage: night care through the Wlz on one-year indications; the
// second ends in six weeks and the re-indication is not yet applied for.
// His wheelchair's seat is getting too small.
func daanCoverage(c calendar) ([]Coverage, []Aid) {
	night := c.coverage(ByThuis, "night_care", "Nachtzorg zeven nachten per week, van 23 tot 7 uur",
		"Ilse Bosch (coördinator nachtzorg)", "casemanager", []string{"i9"},
		c.recorded(care.CoveragePeriod{Law: care.LawWlz, Form: "zin", Status: care.CoverageGranted, HoursPerWeek: 56,
			IndicatedBy: "ciz", Reference: "CIZ 1190 4471", AppliedOn: c.ago(699), DecidedOn: c.ago(690),
			Start: c.ago(689), End: c.ago(325), Note: "Spoedaanvraag na de opname met status epilepticus."}, c.ago(690)),
		c.recorded(care.CoveragePeriod{Law: care.LawWlz, Form: "zin", Status: care.CoverageGranted, HoursPerWeek: 56,
			IndicatedBy: "ciz", Reference: "CIZ 1190 8832", AppliedOn: c.ago(360), DecidedOn: c.ago(330),
			Start: c.ago(324), End: c.in(41), Note: "Weer voor één jaar toegekend, terwijl de zorg alleen toeneemt."}, c.ago(330)),
	)
	aids := []Aid{
		c.aid(ByThuis, care.Aid{Kind: "wheelchair", Description: "Rolstoel met zitschelp", Via: care.LawWmo,
			Supplier: "Revalidatietechniek Maasland", Status: care.AidDelivered, Requested: c.ago(560), Assessed: c.ago(531),
			Granted: c.ago(505), Ordered: c.ago(500), Delivered: c.ago(440), ReplaceBy: c.in(90),
			Note: "De zitschelp wordt te klein; de ergotherapeut van school meet een nieuwe aan."}),
		c.aid(ByKCT, care.Aid{Kind: "feeding_pump", Description: "Voedingspomp voor de sondevoeding 's nachts", Via: care.LawZvw,
			Supplier: "Medische Thuiszorg Limburg", Status: care.AidDelivered, Requested: c.ago(640), Delivered: c.ago(633)}),
	}
	return []Coverage{night}, aids
}

// noorCoverage: in-kind care that could not be staffed, then a personal
// budget; the re-indication cut the hours and an objection runs. The
// medical day care's support has no coverage yet.
func noorCoverage(c calendar) ([]Coverage, []Aid) {
	nursing := c.coverage(ByThuis, "home_nursing", "Verpleging en toezicht thuis, op beide adressen",
		"Nadia Bouali (vaste verpleegkundige)", "casemanager", []string{"i5"},
		c.recorded(care.CoveragePeriod{Law: care.LawWlz, Form: "zin", Status: care.CoverageGranted, HoursPerWeek: 20,
			IndicatedBy: "ciz", Reference: "CIZ 2207 1180", AppliedOn: c.ago(1040), DecidedOn: c.ago(1008),
			Start: c.ago(1005), End: c.ago(301), Note: "De thuiszorgorganisatie kon de uren na het eerste jaar niet meer leveren."}, c.ago(1008)),
		c.recorded(care.CoveragePeriod{Law: care.LawWlz, Form: "pgb", Status: care.CoverageGranted, HoursPerWeek: 42,
			AmountCents: euros(118_000), IndicatedBy: "ciz", Reference: "CIZ 2207 5534", AppliedOn: c.ago(400), DecidedOn: c.ago(310),
			Start: c.ago(300), End: c.ago(45), Note: "Pgb: ouders stelden zelf een team van vijf kinderverpleegkundigen samen."}, c.ago(310)),
		c.recorded(care.CoveragePeriod{Law: care.LawWlz, Form: "pgb", Status: care.CoverageObjection, HoursPerWeek: 28,
			AmountCents: euros(79_000), IndicatedBy: "ciz", Reference: "CIZ 2207 9016", AppliedOn: c.ago(110), DecidedOn: c.ago(52),
			Start: c.ago(44), End: c.in(321), ObjectionFiledOn: c.ago(27), ObjectionDue: c.in(15),
			Note: "Bezwaar met een brief van de kinderarts; tot de uitspraak lopen de oude uren door."}, c.ago(27)),
	)
	aids := []Aid{
		c.aid(ByKCT, care.Aid{Kind: "other", Description: "Zuurstof en saturatiemeter in beide huizen", Via: care.LawZvw,
			Supplier: "Zuurstofservice Kennemerland", Status: care.AidDelivered, Requested: c.ago(1275), Delivered: c.ago(1271)}),
	}
	// Since she is ventilated no respite house in the region takes her:
	// a white spot on the sociale kaart (see Kaart).
	respite := c.coverage(ByThuis, "respite", "Logeren met beademing, een weekend per maand", "", "casemanager", nil,
		c.recorded(care.CoveragePeriod{Law: care.LawWlz, Form: "zin", Status: care.CoverageToApply,
			Note: "Geen logeerhuis in de regio neemt kinderen met beademing op; we zoeken verder."}, c.ago(1)))
	return []Coverage{nursing, respite}, aids
}

// thijsCoverage: youth care under the Jeugdwet that stops the day before
// he turns 18, the hospice stays already renewed under the Wlz from his
// birthday, and nursing under the Zvw that goes on.
func thijsCoverage(c calendar, born time.Time) ([]Coverage, []Aid) {
	eighteen := care.Eighteenth(born)
	personal := c.coverage(ByKCT, "personal_care", "Ochtendzorg: wassen, aankleden en in de rolstoel",
		"Karin de Jong (wijkverpleegkundige)", "parents", []string{"i5"},
		c.recorded(care.CoveragePeriod{Law: care.LawJeugdwet, Form: "zin", Status: care.CoverageGranted, HoursPerWeek: 10.5,
			IndicatedBy: "municipality", Reference: "Jeugdhulp 0363-44127", AppliedOn: c.ago(690), DecidedOn: c.ago(645),
			Start: c.ago(640), End: c.in(450)}, c.ago(645)),
	)
	respite := c.coverage(ByKCT, "respite", "Logeren in het kinderhospice, een weekend per maand",
		"Kinderhospice De Lindeboom", "parents", []string{"i5"},
		c.recorded(care.CoveragePeriod{Law: care.LawJeugdwet, Form: "zin", Status: care.CoverageGranted, HoursPerWeek: 0,
			IndicatedBy: "municipality", Reference: "Jeugdhulp 0363-51902", AppliedOn: c.ago(398), DecidedOn: c.ago(385),
			Start: c.ago(380), End: c.in(350)}, c.ago(385)),
		c.recorded(care.CoveragePeriod{Law: care.LawWlz, Form: "zin", Status: care.CoverageGranted,
			IndicatedBy: "ciz", Reference: "CIZ 3310 0475", AppliedOn: c.ago(55), DecidedOn: c.ago(9),
			Start: eighteen, Note: "Logeren gaat vanaf zijn 18e verjaardag door als kortdurend verblijf uit de Wlz."}, c.ago(9)),
	)
	nursing := c.coverage(ByKCT, "home_nursing", "Canulezorg en uitzuigen",
		"Karin de Jong (wijkverpleegkundige)", "provider", nil,
		c.recorded(care.CoveragePeriod{Law: care.LawZvw, Form: "zin", Status: care.CoverageGranted, HoursPerWeek: 7,
			IndicatedBy: "nurse", Start: c.ago(19), Note: "Gaat na zijn 18e gewoon door."}, c.ago(18)),
	)
	return []Coverage{personal, respite, nursing}, nil
}

// lotteCoverage: a Wlz personal budget for the night care with
// ventilation and for her mother's hours, again for one year only; the
// new wheelchair has waited four months for its delivery.
func lotteCoverage(c calendar) ([]Coverage, []Aid) {
	night := c.coverage(ByThuis, "night_care", "Nachtzorg bij de beademing door het pgb-team",
		"Tamara Vos (vaste kracht)", "casemanager", nil,
		c.recorded(care.CoveragePeriod{Law: care.LawWlz, Form: "pgb", Status: care.CoverageGranted, HoursPerWeek: 49,
			AmountCents: euros(92_500), IndicatedBy: "ciz", Reference: "VG8 met meerzorg", AppliedOn: c.ago(470), DecidedOn: c.ago(400),
			Start: c.ago(395), End: c.ago(31)}, c.ago(400)),
		c.recorded(care.CoveragePeriod{Law: care.LawWlz, Form: "pgb", Status: care.CoverageGranted, HoursPerWeek: 49,
			AmountCents: euros(96_500), IndicatedBy: "ciz", Reference: "VG8 met meerzorg", AppliedOn: c.ago(90), DecidedOn: c.ago(33),
			Start: c.ago(30), End: c.in(334), Note: "Meerzorg weer voor één jaar; de weekenddiensten zijn moeilijk te vullen."}, c.ago(33)),
	)
	mother := c.coverage(ByThuis, "pgb_parent", "Moeder via het pgb in dienst als zorgverlener van Lotte", "", "parents", nil,
		c.recorded(care.CoveragePeriod{Law: care.LawWlz, Form: "pgb", Status: care.CoverageGranted, HoursPerWeek: 40,
			AmountCents: euros(41_000), IndicatedBy: "ciz", Start: c.ago(395), End: c.ago(31)}, c.ago(400)),
		c.recorded(care.CoveragePeriod{Law: care.LawWlz, Form: "pgb", Status: care.CoverageGranted, HoursPerWeek: 40,
			AmountCents: euros(42_000), IndicatedBy: "ciz", Start: c.ago(30), End: c.in(334)}, c.ago(33)),
	)
	aids := []Aid{
		c.aid(ByThuis, care.Aid{Kind: "wheelchair", Description: "Nieuwe rolstoel met beademingsbeugel", Via: care.LawWmo,
			Supplier: "Hulpmiddelencentrum Kennemerland", Status: care.AidOrdered, Requested: c.ago(200), Assessed: c.ago(171),
			Granted: c.ago(140), Ordered: c.ago(122), Note: "Levering twee keer uitgesteld: een onderdeel is niet leverbaar."}),
	}
	return []Coverage{night, mother}, aids
}

// femkeCoverage: the stair lift came through the Wmo after a refusal and a
// long wait; the shower trolley from the health insurer will soon be too short.
func femkeCoverage(c calendar) ([]Coverage, []Aid) {
	school := c.coverage(ByThuis, "education", "Les thuis, drie keer per week een half uur", "Tineke Smit", "casemanager", nil,
		c.recorded(care.CoveragePeriod{Law: care.LawOnderwijs, Form: "zin", Status: care.CoverageGranted, HoursPerWeek: 1.5,
			Start: c.ago(430)}, c.ago(430)),
	)
	aids := []Aid{
		c.aid(ByThuis, care.Aid{Kind: "stair_lift", Description: "Traplift naar de slaapkamers", Via: care.LawWmo,
			Supplier: "Traplift Noord", Status: care.AidDelivered, Requested: c.ago(640), Assessed: c.ago(612),
			Granted: c.ago(420), Ordered: c.ago(410), Delivered: c.ago(352),
			Note: "Eerst afgewezen; na een huisbezoek van de gemeente toch toegekend."}),
		c.aid(ByThuis, care.Aid{Kind: "other", Description: "Douchebrancard", Via: care.LawZvw,
			Supplier: "Thuiszorgwinkel Oldambt", Status: care.AidDelivered, Requested: c.ago(930), Delivered: c.ago(902),
			ReplaceBy: c.in(75), Note: "Femke groeit eruit; tijdig een langere aanvragen bij de zorgverzekeraar."}),
	}
	return []Coverage{school}, aids
}

// irisCoverage: living with care under the Wlz without an end date; the
// stair lift at her father's, for her weekends there, has been waiting for
// months.
func irisCoverage(c calendar) ([]Coverage, []Aid) {
	living := c.coverage(ByThuis, "other", "Wonen met zorg en begeleiding in de woonvorm",
		"Sanne Kuipers (persoonlijk begeleider)", "parents", nil,
		c.recorded(care.CoveragePeriod{Law: care.LawWlz, Form: "zin", Status: care.CoverageGranted,
			IndicatedBy: "ciz", Reference: "Zorgprofiel VG", AppliedOn: c.ago(1260), DecidedOn: c.ago(1215),
			Start: c.ago(1210)}, c.ago(1215)),
	)
	aids := []Aid{
		c.aid(ByThuis, care.Aid{Kind: "stair_lift", Description: "Traplift in het huis van vader in Sneek, voor de weekenden",
			Via: care.LawWmo, Status: care.AidAssessed, Requested: c.ago(130), Assessed: c.ago(81),
			Note: "De ergotherapeut van de gemeente is geweest; het besluit laat op zich wachten."}),
	}
	return []Coverage{living}, aids
}

// yaraCoverage: children's home care under the Zvw since she came home,
// and the feeding pump.
func yaraCoverage(c calendar) ([]Coverage, []Aid) {
	nursing := c.coverage(ByKCT, "home_nursing", "Kinderthuiszorg drie dagen per week: sondevoeding, wegen en instructie",
		HomeCareNurse, "provider", nil,
		c.recorded(care.CoveragePeriod{Law: care.LawZvw, Form: "zin", Status: care.CoverageGranted, HoursPerWeek: 9,
			IndicatedBy: "nurse", Start: c.ago(8)}, c.ago(8)),
	)
	aids := []Aid{
		c.aid(ByKCT, care.Aid{Kind: "feeding_pump", Description: "Voedingspomp", Via: care.LawZvw,
			Supplier: "Medische Thuiszorg Utrecht", Status: care.AidDelivered, Requested: c.ago(15), Delivered: c.ago(9)}),
	}
	return []Coverage{nursing}, aids
}

// milaCoverage: grief counselling for her sister, partly paid by the
// supplementary insurance.
func milaCoverage(c calendar) ([]Coverage, []Aid) {
	grief := c.coverage(ByKCT, "bereavement", "Rouwbegeleiding voor Fleur", "Ilse Peters", "parents", nil,
		c.recorded(care.CoveragePeriod{Law: care.LawAanvullend, Form: "zin", Status: care.CoverageGranted,
			Start: c.ago(40), End: c.in(325), Note: "Tien gesprekken per jaar vergoed; de rest betalen ouders zelf."}, c.ago(40)),
	)
	return []Coverage{grief}, nil
}

// addCoverage gives a hand-written family its coverage plan and aids, by
// the child's name.
func addCoverage(c calendar, f *Family) {
	switch f.ChildName {
	case "Daan Hermans":
		f.Coverage, f.Aids = daanCoverage(c)
	case "Noor Kramer":
		f.Coverage, f.Aids = noorCoverage(c)
	case "Thijs Bakker":
		f.Coverage, f.Aids = thijsCoverage(c, f.BirthDate)
	case "Lotte de Boer":
		f.Coverage, f.Aids = lotteCoverage(c)
	case "Femke Wierenga":
		f.Coverage, f.Aids = femkeCoverage(c)
	case "Iris Hoekstra":
		f.Coverage, f.Aids = irisCoverage(c)
	case "Yara El Amrani":
		f.Coverage, f.Aids = yaraCoverage(c)
	case "Mila Verhoef":
		f.Coverage, f.Aids = milaCoverage(c)
	}
}
