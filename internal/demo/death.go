package demo

import "github.com/spil-zorg/spil/internal/care"

// Death is the record of a demo child's death and the aftercare plan.
type Death struct {
	Record care.DeathRecord
	By     string // ByKCT or ByThuis: who recorded it
	// People are the lines of the aftercare plan: For names the brother or
	// sister ("" for the parents), Supporter a network member by name or
	// a supporter outside the network.
	People   []AftercareLine
	Contacts []care.AftercareContact // DoneOn set for those done
}

// AftercareLine is one line of a demo aftercare plan.
type AftercareLine struct {
	For       string // a sibling's name; "" for the parents
	Supporter string // a network member's name, or someone outside it
	Wishes    string
}

// milaDeath: Mila died at home, in her own bed, as her parents wished and
// as the care plan said; aftercare for her parents and her sister Fleur,
// the first follow-up six weeks after done, the next two planned.
func milaDeath(c calendar) *Death {
	died := c.ago(60)
	return &Death{
		By: ByKCT,
		Record: care.DeathRecord{DiedOn: died, DiedTime: "05:40", Place: care.DeathHome, PreferredPlace: care.DeathHome,
			PreferredMet: "yes", QualityNote: "Rustig, in haar eigen bed, met ouders en Fleur dichtbij. De huisarts was er binnen een half uur.",
			RecordedAt: c.at(c.ago(59), 16)},
		People: []AftercareLine{
			{Supporter: "Dr. Karin Beekman", Wishes: "Een nagesprek met de kinderneuroloog; verder in hun eigen tempo, liefst thuis."},
			{For: "Fleur Verhoef", Supporter: "Ilse Peters", Wishes: "Rouwbegeleiding bij de kindertherapeut; de juf houdt ouders op de hoogte."},
		},
		Contacts: []care.AftercareContact{
			{DueOn: died.AddDate(0, 0, 42), Note: "Nazorggesprek thuis: terugblik op de laatste weken", DoneOn: c.ago(14)},
			{DueOn: died.AddDate(0, 3, 0), Note: "Nazorggesprek drie maanden na het overlijden"},
			{DueOn: died.AddDate(1, 0, 0), Note: "Contact rond de sterfdag"},
		},
	}
}

// addDeath gives a hand-written family whose child died the record of
// the death and the aftercare plan, by the child's name.
func addDeath(c calendar, f *Family) {
	if f.ChildName == "Mila Verhoef" {
		f.Death = milaDeath(c)
	}
}
