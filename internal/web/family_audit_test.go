package web_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
)

func TestLoginAttemptsAreAudited(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		acc, secret := a.Account("carla@example.org", care.RoleCaseManager, true)
		c := a.Client()
		mustStatus(t, c.Post("/login", url.Values{"email": {"Carla@Example.org"}, "password": {"fout wachtwoord!"}}), http.StatusUnauthorized, "wrong password")
		mustStatus(t, c.Post("/login", url.Values{"email": {"niemand@example.org"}, "password": {"fout wachtwoord!"}}), http.StatusUnauthorized, "unknown address")
		c.Login("carla@example.org", secret)

		events, err := a.Store.AuditEvents(context.Background(), 0, 100)
		if err != nil {
			t.Fatal(err)
		}
		type login struct {
			actor   int64
			outcome string
		}
		var got []login
		for _, e := range events {
			if e.Action == care.ActionLogin {
				if e.AccessPoint == "" || e.FamilyID != 0 {
					t.Errorf("login event %+v", e)
				}
				got = append(got, login{e.ActorID, e.Outcome})
			}
		}
		want := []login{{acc.ID, care.OutcomeFailed}, {0, care.OutcomeFailed}, {acc.ID, care.OutcomeSuccess}}
		if len(got) != len(want) {
			t.Fatalf("login events %+v, want %+v", got, want)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("event %d: %+v, want %+v", i, got[i], want[i])
			}
		}
	})
}
