package web

import (
	"net/url"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// intervisionCases are the intervision page empty and with sessions and a
// refused form, and the account page's daily e-mail block saved and with
// an error, for TestEveryTemplateExecutes.
func intervisionCases(base func(string) BasePage) map[string]any {
	cm := baseAs(base("account.intervision.title"), care.RoleCaseManager)
	since := time.Date(2025, 12, 4, 0, 0, 0, 0, time.UTC)
	sessions := []care.IntervisionSession{
		{ID: 2, HeldOn: time.Date(2026, 11, 20, 0, 0, 0, 0, time.UTC), Kind: "intervision", Direction: "received", Minutes: 90, Topic: "Moreel beraad"},
		{ID: 1, HeldOn: time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC), Kind: "training", Direction: "given", Minutes: 480},
		{ID: 3, HeldOn: time.Date(2026, 2, 2, 0, 0, 0, 0, time.UTC), Kind: "supervision", Direction: "received", Minutes: 60},
	}
	acc := baseAs(base("account.title"), care.RoleCaseManager)
	return map[string]any{
		"intervision_empty": &IntervisionPage{BasePage: cm, Overview: &care.IntervisionOverview{Since: since}, Values: url.Values{}, Errors: Fields{}, Today: "2026-12-04"},
		"intervision": &IntervisionPage{BasePage: cm, Overview: &care.IntervisionOverview{Since: since, Sessions: sessions, Intervisions: 1},
			Values: url.Values{"held_on": {"morgen"}, "kind": {"x"}, "hours": {"veel"}, "topic": {"<b>"}},
			Errors: Fields{"held_on": "date.invalid", "kind": "field.choose", "direction": "field.required", "hours": "account.intervision.hours_invalid",
				"topic": "field.too_long"}, Saved: true, Today: "2026-12-04"},
		"account_digest": &AccountPage{BasePage: acc, RoleKey: "role.casemanager", Errors: Fields{},
			Digest: &DigestSection{Enabled: true, Hour: "25", Errors: Fields{"hour": "account.digest.hour_invalid"}, Saved: true}},
		"account_digestoff": &AccountPage{BasePage: acc, RoleKey: "role.casemanager", Errors: Fields{},
			Digest: &DigestSection{Enabled: false, Hour: "7", Errors: Fields{}}},
	}
}
