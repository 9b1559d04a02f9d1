package form

import (
	"math"
	"net/url"
	"strconv"
	"strings"

	"github.com/spil-zorg/spil/internal/care"
)

// DecodeIntervision reads the form of a session of intervision,
// supervision or training: the day, the kind, given or received, the
// hours ("1,5") and an optional topic.
func DecodeIntervision(v url.Values) (care.IntervisionSession, Fields) {
	errs := Fields{}
	x := care.IntervisionSession{
		HeldOn:    Date(v, "held_on", errs),
		Kind:      OneOf(v, "kind", care.IntervisionKinds, true, errs),
		Direction: OneOf(v, "direction", care.IntervisionDirections, true, errs),
		Topic:     Field(v, "topic", care.MaxIntervisionTopic, false, errs),
	}
	if x.HeldOn.IsZero() && !errs.Has("held_on") {
		errs["held_on"] = "field.required"
	}
	h := strings.TrimSpace(v.Get("hours"))
	switch m, ok := ParseHours(h); {
	case h == "":
		errs["hours"] = "field.required"
	case !ok:
		errs["hours"] = "account.intervision.hours_invalid"
	default:
		x.Minutes = m
	}
	return x, errs
}

// ParseHours reads a number of hours as people write it, "2", "1,5" or
// "0.75", to whole minutes; false when it is not a number from 0 to 24
// with at most two decimals.
func ParseHours(s string) (int, bool) {
	s = strings.Replace(strings.TrimSpace(s), ",", ".", 1)
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" && frac == "" || !digits(whole, 0, 2) || !digits(frac, 0, 2) {
		return 0, false
	}
	h, err := strconv.ParseFloat("0"+whole+"."+frac+"0", 64)
	if err != nil || h > 24 {
		return 0, false
	}
	return int(math.Round(h * 60)), true
}

// FormatMinutes writes minutes as hours the way the form reads them back,
// in Dutch: "1,5", "2".
func FormatMinutes(minutes int) string {
	s := strconv.FormatFloat(float64(minutes)/60, 'f', 2, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return strings.Replace(s, ".", ",", 1)
}
