package demo

import "github.com/spil-zorg/spil/internal/care"

// Stay is where a demo child was for a while, recorded by one of the
// family's case managers on the day it started.
type Stay struct {
	care.Stay
	By string // ByKCT or ByThuis
}

// stay is a stay recorded by by at noon on its first day.
func (c calendar) stay(by string, s care.Stay) Stay {
	s.CreatedAt = c.at(s.Start, 12)
	return Stay{By: by, Stay: s}
}

// noorStays: at home in two houses, a respite weekend at the children's
// hospice, an acute admission to the general hospital after a breathing
// stop, and since two days ago an acute admission to the PICU of the
// academic children's hospital.
func noorStays(c calendar) []Stay {
	return []Stay{
		c.stay(ByKCT, care.Stay{Kind: care.StayHome, Place: "om de week bij moeder (Haarlem) en bij vader (Heemstede)",
			Start: c.ago(1270), End: c.ago(120)}),
		c.stay(ByThuis, care.Stay{Kind: care.StayRespite, Place: "Kinderzorghuis De Vuurtoren",
			Start: c.ago(120), End: c.ago(117), Note: "Logeerweekend zodat ouders en Fenna op adem konden komen."}),
		c.stay(ByThuis, care.Stay{Kind: care.StayHome, Place: "om de week bij moeder (Haarlem) en bij vader (Heemstede)",
			Start: c.ago(117), End: c.ago(60)}),
		c.stay(ByKCT, care.Stay{Kind: care.StayGeneralHospital, Place: "Spaarne Gasthuis Haarlem", Acute: true,
			Start: c.ago(60), End: c.ago(55), Note: "Ademstop thuis, via de ambulance opgenomen ter observatie."}),
		c.stay(ByKCT, care.Stay{Kind: care.StayHome, Place: "om de week bij moeder (Haarlem) en bij vader (Heemstede)",
			Start: c.ago(55), End: c.ago(2)}),
		c.stay(ByKCT, care.Stay{Kind: care.StayAcademicHospital, Unit: care.StayPICU, Place: "Academisch Kinderziekenhuis Amstel",
			Acute: true, Start: c.ago(2), Note: "Opnieuw ademstops; beademd op de PICU. Ouders wisselen elkaar af aan bed."}),
	}
}

// semStays: at home, and since six days ago on the ward of the academic
// hospital again, with pain that needs a pump; his move home is planned
// (see semTransfer).
func semStays(c calendar) []Stay {
	return []Stay{
		c.stay(ByKCT, care.Stay{Kind: care.StayHome, Place: "thuis in Amersfoort", Start: c.ago(300), End: c.ago(6)}),
		c.stay(ByKCT, care.Stay{Kind: care.StayAcademicHospital, Unit: care.StayWard, Place: "Nationaal Kinderoncologisch Centrum, afdeling 4",
			Acute: true, Start: c.ago(6), Note: "Opgenomen met pijn die thuis niet meer onder controle was; pijnpomp ingesteld."}),
	}
}

// daanStays: at home in the village, an acute admission to the general
// hospital with pneumonia, and a respite weekend at the children's
// hospice, back home since.
func daanStays(c calendar) []Stay {
	home := "thuis, dorp bij Roermond"
	return []Stay{
		c.stay(ByKCT, care.Stay{Kind: care.StayHome, Place: home, Start: c.ago(700), End: c.ago(230)}),
		c.stay(ByKCT, care.Stay{Kind: care.StayGeneralHospital, Place: "Laurentius Ziekenhuis Roermond", Acute: true,
			Start: c.ago(230), End: c.ago(221), Note: "Longontsteking; antibiotica en extra zuurstof."}),
		c.stay(ByKCT, care.Stay{Kind: care.StayHome, Place: home, Start: c.ago(221), End: c.ago(60)}),
		c.stay(ByThuis, care.Stay{Kind: care.StayRespite, Place: "Kinderhospice De Lindeboom", Start: c.ago(60), End: c.ago(57),
			Note: "Logeerweekend; ouders een weekend weg met Luuk."}),
		c.stay(ByThuis, care.Stay{Kind: care.StayHome, Place: home, Start: c.ago(57)}),
	}
}

// addStays gives a hand-written family where the child has been, by the
// child's name.
func addStays(c calendar, f *Family) {
	switch f.ChildName {
	case "Daan Hermans":
		f.Stays = daanStays(c)
	case "Noor Kramer":
		f.Stays = noorStays(c)
	case "Sem de Wit":
		f.Stays = semStays(c)
	}
}
