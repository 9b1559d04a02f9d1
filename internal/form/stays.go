package form

import (
	"net/url"

	"github.com/spil-zorg/spil/internal/care"
)

// DecodeStay reads the form of a stay: where, since when, until when (the
// day the child left; empty while it goes on), and whether the admission
// was acute.
func DecodeStay(v url.Values) (care.Stay, Fields) {
	errs := Fields{}
	s := care.Stay{
		Kind:  OneOf(v, "kind", care.StayKinds, true, errs),
		Unit:  OneOf(v, "unit", care.StayUnits, false, errs),
		Place: Field(v, "place", care.MaxName, false, errs),
		Acute: Checked(v, "acute"),
		Note:  Field(v, "note", care.MaxText, false, errs),
		Start: Date(v, "start", errs),
		End:   Date(v, "end", errs),
	}
	if s.Start.IsZero() && !errs.Has("start") {
		errs["start"] = "field.required"
	}
	return s, errs
}

// EncodeStay gives the form's values of a stay, to correct it.
func EncodeStay(s *care.Stay) url.Values {
	v := url.Values{"kind": {s.Kind}, "unit": {s.Unit}, "place": {s.Place}, "note": {s.Note},
		"start": {ISODate(s.Start)}, "end": {ISODate(s.End)}}
	if s.Acute {
		v.Set("acute", "1")
	}
	return v
}
