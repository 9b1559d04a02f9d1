package form

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/spil-zorg/spil/internal/care"
)

// DecodeDeath reads the form of a death record: the date and, when known,
// the time, the place, the preferred place known beforehand and whether
// it was met, how the dying went, and for a correction the record it
// corrects and why.
func DecodeDeath(v url.Values) (care.DeathRecord, Fields) {
	errs := Fields{}
	r := care.DeathRecord{
		DiedOn:         Date(v, "died_on", errs),
		DiedTime:       Field(v, "died_time", 5, false, errs),
		Place:          OneOf(v, "place", care.DeathPlaces, true, errs),
		PlaceName:      Field(v, "place_name", care.MaxName, false, errs),
		PreferredPlace: OneOf(v, "preferred_place", care.DeathPlaces, false, errs),
		PreferredMet:   OneOf(v, "preferred_met", care.DeathMetAnswers, false, errs),
		QualityNote:    Field(v, "quality_note", care.MaxText, false, errs),
		Reason:         Field(v, "reason", care.MaxShort, false, errs),
	}
	if s := strings.TrimSpace(v.Get("corrects")); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 {
			errs["corrects"] = "field.choose"
		} else {
			r.Corrects = id
		}
	}
	if r.DiedOn.IsZero() && !errs.Has("died_on") {
		errs["died_on"] = "field.required"
	}
	return r, errs
}

// EncodeDeath gives the form's values of a death record, to correct it.
func EncodeDeath(r *care.DeathRecord) url.Values {
	return url.Values{"died_on": {ISODate(r.DiedOn)}, "died_time": {r.DiedTime}, "place": {r.Place},
		"place_name": {r.PlaceName}, "preferred_place": {r.PreferredPlace}, "preferred_met": {r.PreferredMet},
		"quality_note": {r.QualityNote}, "corrects": {strconv.FormatInt(r.ID, 10)}}
}

// MaxAftercarePeople bounds the lines of an aftercare form: the parents
// and the brothers and sisters.
const MaxAftercarePeople = 30

// DecodeAftercare reads the aftercare plan's form: numbered lines
// people.N.* (member: "parents" or a member id; network: a network member
// id or empty; supporter; wishes) and contacts.N.* (id, due_on, note,
// done). A contact line without a date and without an id is an empty
// line, and is left out; an existing contact whose date was emptied is
// removed from the plan.
func DecodeAftercare(v url.Values) (care.Aftercare, Fields) {
	errs := Fields{}
	var a care.Aftercare
	for i := 0; i < MaxAftercarePeople; i++ {
		key := "people." + strconv.Itoa(i) + "."
		member := v.Get(key + "member")
		if member == "" {
			continue
		}
		p := care.AftercarePerson{
			Supporter: Field(v, key+"supporter", care.MaxName, false, errs),
			Wishes:    Field(v, key+"wishes", care.MaxText, false, errs),
		}
		if member != "parents" {
			p.MemberID = positiveID(v, key+"member", errs)
		}
		if v.Get(key+"network") != "" {
			p.NetworkID = positiveID(v, key+"network", errs)
		}
		a.People = append(a.People, p)
	}
	for i := 0; i <= care.MaxAftercareContacts; i++ {
		key := "contacts." + strconv.Itoa(i) + "."
		var c care.AftercareContact
		if v.Get(key+"id") != "" {
			c.ID = positiveID(v, key+"id", errs)
		}
		c.DueOn = Date(v, key+"due_on", errs)
		c.Note = Field(v, key+"note", care.MaxShort, false, errs)
		if c.DueOn.IsZero() && !errs.Has(key+"due_on") {
			if c.Note != "" && c.ID == 0 {
				errs[key+"due_on"] = "field.required"
			}
			continue // an empty line, or a contact taken out of the plan
		}
		if Checked(v, key+"done") {
			c.DoneOn = c.DueOn // marks it done; the service sets the day
		}
		a.Contacts = append(a.Contacts, c)
	}
	return a, errs
}

// positiveID reads a database id; anything else is an error at the field.
func positiveID(v url.Values, name string, errs Fields) int64 {
	id, err := strconv.ParseInt(strings.TrimSpace(v.Get(name)), 10, 64)
	if err != nil || id <= 0 {
		errs[name] = "field.choose"
		return 0
	}
	return id
}

// EncodeAftercare gives the form's values of an aftercare plan, with one
// empty contact line to add a contact.
func EncodeAftercare(a *care.Aftercare) url.Values {
	v := url.Values{}
	for i, p := range a.People {
		key := "people." + strconv.Itoa(i) + "."
		member := "parents"
		if p.MemberID != 0 {
			member = strconv.FormatInt(p.MemberID, 10)
		}
		v.Set(key+"member", member)
		if p.NetworkID != 0 {
			v.Set(key+"network", strconv.FormatInt(p.NetworkID, 10))
		} else {
			v.Set(key+"supporter", p.Supporter)
		}
		v.Set(key+"wishes", p.Wishes)
	}
	for i, c := range a.Contacts {
		key := "contacts." + strconv.Itoa(i) + "."
		v.Set(key+"id", strconv.FormatInt(c.ID, 10))
		v.Set(key+"due_on", ISODate(c.DueOn))
		v.Set(key+"note", c.Note)
		if c.Done() {
			v.Set(key+"done", "1")
		}
	}
	return v
}

// DecodeTaskChoice reads the tasks chosen on a form (the values of
// "task"), at most max of them.
func DecodeTaskChoice(v url.Values, max int) ([]int64, Fields) {
	errs := Fields{}
	var ids []int64
	for i, s := range v["task"] {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil || id <= 0 || i >= max {
			errs["tasks"] = "field.choose"
			return nil, errs
		}
		ids = append(ids, id)
	}
	return ids, errs
}
