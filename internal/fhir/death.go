package fhir

import (
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// ProfileSpilPlaceOfDeath is the Observation of where the child died and
// whether that was the preferred place. No nl-core or PZP profile covers
// the place of death as it happened (ACP-PreferredPlaceOfDeath is the
// wish, not the outcome), so it is Spil's own.
const ProfileSpilPlaceOfDeath = SpilBase + "StructureDefinition/spil-PlaceOfDeath"

// placeOfDeathOutcome is the Observation's code: Spil's own.
var placeOfDeathOutcome = Coding{System: SpilSystem("CodeSystem", "observation"), Code: "place-of-death", Display: "Plaats van overlijden"}

// sysDeathPlace is Spil's code system of the places of death.
var sysDeathPlace = SpilSystem("CodeSystem", "death-place")

func diedAtID(fam string) string { return "death-place-" + fam }

// deathDateTime is the date of death, with the time in Amsterdam when
// the record holds it.
func deathDateTime(d *care.DeathRecord) string {
	if d.DiedTime == "" {
		return fmtDate(d.DiedOn)
	}
	t, err := time.ParseInLocation(time.DateOnly+" 15:04", d.DiedOn.Format(time.DateOnly)+" "+d.DiedTime, care.Amsterdam)
	if err != nil {
		return fmtDate(d.DiedOn)
	}
	return t.Format("2006-01-02T15:04:05-07:00")
}

// placeOfDeath writes the Observation of the place of death: the place
// as a code with its name as text, the preferred place and whether it
// was met as extensions.
func (x *exporter) placeOfDeath() {
	d := x.in.Death
	if d == nil {
		return
	}
	o := &Observation{Status: "final", Code: CodeableConcept{Coding: []Coding{placeOfDeathOutcome}},
		Subject: ref("Patient", patientID(x.fam)), EffectiveDateTime: deathDateTime(d),
		ValueCodeableConcept: &CodeableConcept{Coding: []Coding{{System: sysDeathPlace, Code: d.Place}}, Text: d.PlaceName}}
	e := &exts{}
	e.code("preferred-place-of-death", d.PreferredPlace)
	e.code("preferred-place-met", d.PreferredMet)
	x.deathRecords(e)
	x.add(o, "Observation", diedAtID(x.fam), ProfileSpilPlaceOfDeath, e)
}

// death is the death record being read back, made on first need.
func (m *importer) death() *care.DeathRecord {
	if m.in.Death == nil {
		m.in.Death = &care.DeathRecord{}
	}
	return m.in.Death
}

// deceased reads the date (and time) of death back from the Patient.
func (m *importer) deceased(r *Patient) {
	s := r.DeceasedDateTime
	if s == "" {
		return
	}
	d := m.death()
	d.FamilyID = m.in.Family.ID
	m.in.Family.Deceased = true
	if len(s) == len(time.DateOnly) {
		d.DiedOn = parseTime(s, &m.err)
	} else if t, err := time.Parse("2006-01-02T15:04:05-07:00", s); err != nil {
		m.fail("a date of death %q", s)
	} else {
		t = t.In(care.Amsterdam)
		d.DiedOn, d.DiedTime = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC), t.Format("15:04")
	}
	m.in.Family.DeceasedOn = d.DiedOn
}

// placeOfDeath reads the place of death back from its Observation.
func (m *importer) placeOfDeath(o *Observation) {
	d := m.death()
	if o.ValueCodeableConcept == nil || len(o.ValueCodeableConcept.Coding) == 0 ||
		o.ValueCodeableConcept.Coding[0].System != sysDeathPlace {
		m.fail("a place of death without a place")
		return
	}
	d.Place, d.PlaceName = o.ValueCodeableConcept.Coding[0].Code, o.ValueCodeableConcept.Text
	e := m.ext(o)
	d.PreferredPlace, d.PreferredMet = e.code("preferred-place-of-death"), e.code("preferred-place-met")
	m.deathRecords(e, d)
}
