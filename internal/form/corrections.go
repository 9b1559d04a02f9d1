package form

import (
	"net/url"
	"strconv"

	"github.com/spil-zorg/spil/internal/care"
)

// EncodeMember fills the form that corrects a family member.
func EncodeMember(m *care.Member) url.Values {
	v := url.Values{
		"kind": {m.Kind}, "name": {m.Name}, "relation": {m.Relation}, "phone": {m.Phone}, "email": {m.Email},
		"language": {m.Language}, "birth_date": {ISODate(m.BirthDate)}, "notes": {m.Notes}, "ended_on": {ISODate(m.EndedOn)},
	}
	if m.Custody {
		v.Set("custody", "1")
	}
	return v
}

// EncodeContact fills the form that corrects a contact.
func EncodeContact(c *care.Contact) url.Values {
	return url.Values{
		"date": {ISODate(c.Date)}, "kind": {c.Kind}, "with": {c.With}, "location": {c.Location},
		"duration": {strconv.Itoa(c.DurationMin)}, "travel": {strconv.Itoa(c.TravelMin)},
		"registration": {strconv.Itoa(c.RegistrationMin)},
		"topics":       {c.Topics}, "follow_up": {c.FollowUp},
	}
}

// DecodeFamilyProposal reads what a parent proposes for the network: a
// new member (kind network_add) or other contact details of a network
// member or family member (the target, "network-12" or "member-3").
func DecodeFamilyProposal(v url.Values) (care.FamilyProposal, Fields) {
	errs := Fields{}
	p := care.FamilyProposal{
		Kind:  OneOf(v, "kind", care.FamilyProposalKinds, true, errs),
		Phone: Field(v, "phone", 40, false, errs),
		Email: Field(v, "email", 254, false, errs),
	}
	if p.Kind == care.ProposeNetworkAdd {
		p.Name = Field(v, "name", care.MaxName, true, errs)
		p.Role = OneOf(v, "role", care.NetworkRoles, true, errs)
		p.Organisation = Field(v, "organisation", care.MaxName, false, errs)
		return p, errs
	}
	if p.Kind == "" {
		return p, errs
	}
	id, err := strconv.ParseInt(v.Get("target"), 10, 64)
	if err != nil || id <= 0 {
		errs["target"] = "field.choose"
	}
	p.TargetID = id
	if p.Phone == "" && p.Email == "" && !errs.Has("phone") && !errs.Has("email") {
		errs["phone"] = "proposal.contact_required"
	}
	return p, errs
}
