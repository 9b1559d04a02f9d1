package form

import (
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/spil-zorg/spil/internal/care"
)

func FuzzDecodeFamilyProposal(f *testing.F) {
	for _, seed := range []string{
		"kind=network_add&name=De+Regenboog&role=school&organisation=Basisschool&phone=077+123&email=info%40regenboog.example",
		"kind=network_contact&target=12&phone=06-12345678",
		"kind=member_contact&target=3&email=els%40example.org",
		"kind=member_contact&target=-1&phone=",
		"kind=network_contact&target=99999999999999999999&phone=1",
		"kind=network_add&name=&role=astronaut",
		"kind=delete&target=1",
		"kind=network_add&name=" + strings.Repeat("x", 300) + "&role=gp&phone=" + strings.Repeat("1", 50),
		"kind=%00&target=%ff",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		v, ok := formOf(body)
		if !ok {
			return
		}
		p, errs := DecodeFamilyProposal(v)
		checkChoice(t, errs, "kind", p.Kind, care.FamilyProposalKinds)
		checkText(t, errs, "phone", p.Phone, 40)
		if len(errs) > 0 {
			return
		}
		switch p.Kind {
		case care.ProposeNetworkAdd:
			checkText(t, errs, "name", p.Name, care.MaxName)
			checkChoice(t, errs, "role", p.Role, care.NetworkRoles)
			if p.Name == "" || p.Role == "" || p.TargetID != 0 {
				t.Fatalf("addition %+v accepted", p)
			}
		default:
			if p.TargetID <= 0 || strconv.FormatInt(p.TargetID, 10) != v.Get("target") || p.Phone == "" && p.Email == "" {
				t.Fatalf("correction %+v accepted from %q", p, body)
			}
			if p.Name != "" || p.Role != "" || p.Organisation != "" {
				t.Fatalf("correction %+v carries a name or role", p)
			}
		}
	})
}

func TestEncodeForCorrection(t *testing.T) {
	m := care.Member{Kind: "carer", Name: "Els", Relation: "pleegmoeder", Custody: true, Phone: "06-1", Email: "els@example.org",
		Language: "Nederlands", BirthDate: fuzzToday.AddDate(-40, 0, 0), Notes: "Werkt 's nachts", EndedOn: fuzzToday}
	if got, errs := DecodeMember(EncodeMember(&m)); len(errs) > 0 || !cmp.Equal(got, m) {
		t.Errorf("member round trip: %v\n%s", errs, cmp.Diff(m, got))
	}
	c := care.Contact{Date: fuzzToday, Kind: "video", With: "both", Location: "thuis", DurationMin: 40, TravelMin: 0,
		Topics: "Slaap", FollowUp: "Bellen"}
	if got, errs := DecodeContact(EncodeContact(&c)); len(errs) > 0 || !cmp.Equal(got, c) {
		t.Errorf("contact round trip: %v\n%s", errs, cmp.Diff(c, got))
	}
	unborn := care.Family{ChildName: "Baby de Vries", BirthDate: fuzzToday.AddDate(0, 4, 0), Unborn: true, Sex: "unknown"}
	got, errs := DecodeFamily(EncodeFamily(&unborn))
	if len(errs) > 0 || !got.Unborn || !got.BirthDate.Equal(unborn.BirthDate) {
		t.Errorf("unborn round trip: %v, %+v", errs, got)
	}
}
