package form

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/spil-zorg/spil/internal/care"
)

// DecodeDirectoryQuery reads a search of the sociale kaart from a query
// string: need (a kind of service), region, capability and the child's
// age in years; each may be empty.
func DecodeDirectoryQuery(v url.Values) (care.DirectoryQuery, Fields) {
	errs := Fields{}
	q := care.DirectoryQuery{
		Need:       OneOf(v, "need", care.ServiceKinds, false, errs),
		Region:     OneOf(v, "region", care.Regions, false, errs),
		Capability: OneOf(v, "capability", care.ServiceCapabilities, false, errs),
	}
	if s := strings.TrimSpace(v.Get("age")); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || len(s) > 2 || n < 0 || n > care.MaxServiceAge {
			errs["age"] = "directory.age_invalid"
		} else {
			q.Age, q.HasAge = n, true
		}
	}
	return q, errs
}

// EncodeDirectoryQuery gives the query string of a search.
func EncodeDirectoryQuery(q care.DirectoryQuery) url.Values {
	v := url.Values{}
	for k, s := range map[string]string{"need": q.Need, "region": q.Region, "capability": q.Capability} {
		if s != "" {
			v.Set(k, s)
		}
	}
	if q.HasAge {
		v.Set("age", strconv.Itoa(q.Age))
	}
	return v
}

// DecodeDirectoryEntry reads the form of an entry of the kaart; each
// capability is a checkbox named after it.
func DecodeDirectoryEntry(v url.Values) (care.DirectoryEntry, Fields) {
	errs := Fields{}
	e := care.DirectoryEntry{
		Name:         Field(v, "name", care.MaxName, true, errs),
		Organisation: Field(v, "organisation", care.MaxName, false, errs),
		Kind:         OneOf(v, "kind", care.ServiceKinds, true, errs),
		Region:       OneOf(v, "region", care.Regions, true, errs),
		Address:      Field(v, "address", care.MaxShort, false, errs),
		Phone:        Field(v, "phone", 40, false, errs),
		Email:        Field(v, "email", care.MaxName, false, errs),
		Website:      Field(v, "website", care.MaxShort, false, errs),
		MinAge:       Number(v, "min_age", errs),
		MaxAge:       care.MaxServiceAge,
		Offers:       Field(v, "offers", care.MaxText, false, errs),
		Capacity:     OneOf(v, "capacity", care.Capacities, false, errs),
	}
	if strings.TrimSpace(v.Get("max_age")) != "" {
		e.MaxAge = Number(v, "max_age", errs)
	}
	for _, c := range care.ServiceCapabilities {
		if Checked(v, c) {
			e.Capabilities = append(e.Capabilities, c)
		}
	}
	return e, errs
}

// EncodeDirectoryEntry gives the form's values of an entry, to change it.
func EncodeDirectoryEntry(e *care.DirectoryEntry) url.Values {
	v := url.Values{"name": {e.Name}, "organisation": {e.Organisation}, "kind": {e.Kind}, "region": {e.Region},
		"address": {e.Address}, "phone": {e.Phone}, "email": {e.Email}, "website": {e.Website},
		"min_age": {strconv.Itoa(e.MinAge)}, "max_age": {strconv.Itoa(e.MaxAge)}, "offers": {e.Offers},
		"capacity": {e.Capacity}}
	for _, c := range e.Capabilities {
		v.Set(c, "1")
	}
	return v
}
