package web

import (
	"errors"
	"io"
	"log/slog"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/form"
)

// inviteCases are the invitation pages for TestEveryTemplateExecutes: the
// sent page in its three states and the accept page with errors and with
// each problem.
func inviteCases(base func(string) BasePage) map[string]any {
	today := care.DateOf(time.Now())
	fam := &care.Family{ID: 7, ChildName: "Sam"}
	sent := func(sent, failed bool) *InviteSentPage {
		p := &InviteSentPage{CarePage: CarePage{BasePage: base("invitation.sent_title"), Today: today}, Family: fam,
			Name: "Mo", Email: "mo@example.org", Expires: time.Now().Add(care.InvitationValidity), Sent: sent, SendFailed: failed}
		if !sent {
			p.Link = "https://spil.example.nl/invite/ABC"
		}
		return p
	}
	accept := &InviteAcceptPage{BasePage: base("invitation.accept_title"), Token: "ABC", Name: "Mo", Email: "mo@example.org",
		Errors: Fields{"password": "password.common", "repeat": "account.repeat_differs", "email": "invitation.email_taken"}}
	cases := map[string]any{
		"invite_sent":        sent(true, false),
		"invite_sent_link":   sent(false, false),
		"invite_sent_failed": sent(false, true),
		"invite_accept":      accept,
	}
	for _, prob := range invitationProblems {
		cases["invite_accept_"+prob.Message[len("invitation."):]] = &InviteAcceptPage{BasePage: base(prob.Title), Problem: &prob}
	}
	return cases
}

// TestInviteFormDraws draws the invite form for a child under and over 12,
// with every error the care service can give.
func TestInviteFormDraws(t *testing.T) {
	s, err := New(Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	today := care.DateOf(time.Now())
	for _, lang := range []string{"nl", "en"} {
		for _, age := range []int{5, 12} {
			file := &care.File{Family: care.Family{ID: 7, ChildName: "Sam", BirthDate: today.AddDate(-age, 0, 0)},
				Members: []care.Member{{ID: 1, Kind: "parent", Name: "Mo", Relation: "moeder"}, {ID: 2, Kind: "sibling", Name: "Lin"}},
				Network: []care.NetworkMember{{ID: 3, Name: "Dr. A", Role: "gp"}}}
			base := BasePage{translator: s.i18n.translator(lang), Lang: lang, Title: "invitation.title", Path: "/", assets: s.assets}
			p := &FormPage{CarePage: CarePage{BasePage: base, Today: today}, Family: &file.Family,
				Builder: form.NewBuilder(base.translator, url.Values{"member": {"1"}}, Fields{"kind": "invitation.child_too_young",
					"member": "field.choose", "network_member": "field.choose", "name": "field.too_long", "email": "account.email_invalid"})}
			inviteForm(p, file)
			w := httptest.NewRecorder()
			s.render(w, httptest.NewRequest("GET", "/", nil), 200, "family_form", p)
			body := w.Body.String()
			if w.Code != 200 {
				t.Fatalf("%s, %d years: status %d: %s", lang, age, w.Code, body)
			}
			if m := untranslated.FindString(body); m != "" {
				t.Errorf("%s, %d years: untranslated key %q", lang, age, m)
			}
			var kinds []string
			for _, sec := range p.Sections {
				for _, c := range sec.Controls {
					if c.Name == "kind" {
						for _, o := range c.Options {
							kinds = append(kinds, o.Value)
						}
					}
					if c.Name == "member" && (len(c.Options) != 2 || c.Options[1].Label != "Mo (moeder)" || !c.Options[1].Selected) {
						t.Errorf("member options %+v: want the parent only, chosen", c.Options)
					}
				}
			}
			wantChild := age >= care.MinChildAccountAge
			if got := len(kinds) == 3; got != wantChild {
				t.Errorf("%d years: kinds %q, child offered %v, want %v", age, kinds, got, wantChild)
			}
		}
	}
}

func TestInvitationProblems(t *testing.T) {
	for _, tt := range []struct {
		err    error
		status int
	}{
		{care.ErrInvitationUnknown, 404},
		{care.ErrInvitationExpired, 410},
		{care.ErrInvitationUsed, 410},
		{errors.Join(errors.New("context"), care.ErrInvitationUsed), 410},
	} {
		if p := invitationProblem(tt.err); p == nil || p.Status != tt.status {
			t.Errorf("invitationProblem(%v) = %+v, want status %d", tt.err, p, tt.status)
		}
	}
	for _, err := range []error{nil, errors.New("database down"), care.Errorf(care.NotFound, "invitation.unknown")} {
		if p := invitationProblem(err); p != nil {
			t.Errorf("invitationProblem(%v) = %+v, want none", err, p)
		}
	}
}
