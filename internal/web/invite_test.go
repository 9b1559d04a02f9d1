package web_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/mail"
	"github.com/spil-zorg/spil/internal/mail/mailtest"
	"github.com/spil-zorg/spil/internal/site"
	"github.com/spil-zorg/spil/internal/store/storetest"
)

// inviteWorld is a family with a parent and a GP, and its case manager
// logged in.
type inviteWorld struct {
	a      *app
	base   string // where links lead
	cm     *client
	cmName string
	fam    int64
	parent care.Member
	gp     care.NetworkMember
}

// newInviteWorld makes the family; the child is age years old.
func newInviteWorld(t *testing.T, a *app, age int) *inviteWorld {
	t.Helper()
	ctx := context.Background()
	acc, secret := a.Account("casemanager@example.org", care.RoleCaseManager, true)
	w := &inviteWorld{a: a, base: a.URL, cm: a.Client(), cmName: acc.Name}
	w.cm.Login(acc.Email, secret)
	actor := care.Actor{AccountID: acc.ID, Role: acc.Role, OrganisationID: a.Org, AccessPoint: "test"}
	birth := care.DateOf(a.Clock.Now()).AddDate(-age, 0, -1)
	id, err := a.Care.CreateFamily(ctx, actor, care.Intake{
		Family:  care.Family{ChildName: "Noor Bakker", BirthDate: birth, Sex: "female", Intensity: care.Regular},
		Episode: care.Episode{ReferralDate: care.DateOf(a.Clock.Now()), SurpriseQuestion: "unknown", Status: "accepted"},
		Kind:    "kct",
	})
	if err != nil {
		t.Fatal(err)
	}
	w.fam = id
	w.parent = care.Member{FamilyID: id, Kind: "parent", Name: "Ilse Bakker", Relation: "moeder", Custody: true, Email: "ilse.bakker@example.org"}
	if err := a.Care.AddMember(ctx, actor, &w.parent); err != nil {
		t.Fatal(err)
	}
	w.gp = care.NetworkMember{FamilyID: id, Name: "Dr. Huisman", Role: "gp", Line: 1, Email: "huisman@example.org"}
	if err := a.Care.SaveNetworkMember(ctx, actor, &w.gp); err != nil {
		t.Fatal(err)
	}
	return w
}

func (w *inviteWorld) path() string { return "/families/" + strconv.FormatInt(w.fam, 10) + "/invite" }

// invite sends the invite form as the case manager.
func (w *inviteWorld) invite(form url.Values) *page {
	w.a.T.Helper()
	return w.cm.Post(w.path(), form)
}

// inviteParent invites the parent without a mailer and returns the path of the link.
func (w *inviteWorld) inviteParent(t *testing.T) string {
	t.Helper()
	p := w.invite(url.Values{"kind": {"parent"}, "member": {strconv.FormatInt(w.parent.ID, 10)}})
	return w.linkPath(t, p)
}

// linkPath takes the link from the page that shows it.
func (w *inviteWorld) linkPath(t *testing.T, p *page) string {
	t.Helper()
	if p.StatusCode != http.StatusOK {
		t.Fatalf("invite: status %d: %s", p.StatusCode, text(p.Tag("main")))
	}
	link := attr(p.ByID("invitation-link"), "value")
	path, ok := strings.CutPrefix(link, w.base+"/invite/")
	if !ok || len(path) < 40 {
		t.Fatalf("invitation link %q, want %s/invite/<token>", link, w.base)
	}
	return "/invite/" + path
}

// accept sends the password form of an invitation from a new browser.
func (w *inviteWorld) accept(path, pw, repeat string) (*client, *page) {
	c := w.a.Client()
	return c, c.Post(path, url.Values{"password": {pw}, "repeat": {repeat}})
}

const newPassword = "zeven vrolijke olifanten dansen"

func TestInviteParentWithoutMailer(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		w := newInviteWorld(t, a, 8)
		ctx := context.Background()

		// The family page leads to the form, which the parent's link fills in.
		fp := w.cm.Get("/families/" + strconv.FormatInt(w.fam, 10))
		if got := attr(fp.ByID("invite-link"), "href"); got != w.path() {
			t.Errorf("family page invite link %q, want %q", got, w.path())
		}
		memberLink := attr(fp.ByID("invite-member-"+strconv.FormatInt(w.parent.ID, 10)), "href")
		form := w.cm.Get(memberLink)
		if form.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d", memberLink, form.StatusCode)
		}
		if got := attr(form.ByID("email"), "value"); got != w.parent.Email {
			t.Errorf("e-mail filled in as %q, want %q", got, w.parent.Email)
		}
		if got := attr(form.ByID("name"), "value"); got != w.parent.Name {
			t.Errorf("name filled in as %q, want %q", got, w.parent.Name)
		}
		if find(form.Doc, func(n *html.Node) bool { return attr(n, "type") == "radio" && attr(n, "value") == "child" }) != nil {
			t.Error("the child of 8 is offered an account")
		}

		// Without a mailer the page shows the link, with name and address.
		sent := w.invite(url.Values{"kind": {"parent"}, "member": {strconv.FormatInt(w.parent.ID, 10)}, "name": {""}, "email": {""}})
		path := w.linkPath(t, sent)
		if sent.ByID("invitation-no-mailer") == nil || !strings.Contains(text(sent.ByID("invitation-link-hint")), w.parent.Email) {
			t.Errorf("link page without the no-mailer note or the address: %s", text(sent.Tag("main")))
		}

		// The link shows whom the invitation is for.
		c := a.Client()
		show := c.Get(path)
		if show.StatusCode != http.StatusOK || text(show.ByID("invitation-name")) != w.parent.Name ||
			!strings.HasPrefix(text(show.ByID("invitation-email")), w.parent.Email) {
			t.Fatalf("GET link: %d, %q %q", show.StatusCode, text(show.ByID("invitation-name")), text(show.ByID("invitation-email")))
		}
		if got := show.Header.Get("Referrer-Policy"); got != "no-referrer" {
			t.Errorf("Referrer-Policy %q, want no-referrer", got)
		}

		// Passwords are checked before anything is made.
		for _, tt := range []struct{ pw, repeat, field string }{
			{"kort", "kort", "password"},
			{"password1234", "password1234", "password"},
			{newPassword, newPassword + "!", "repeat"},
		} {
			p := c.Post(path, url.Values{"password": {tt.pw}, "repeat": {tt.repeat}})
			if p.StatusCode != http.StatusUnprocessableEntity || p.FieldError(tt.field) == "" {
				t.Errorf("password %q/%q: %d, %s error %q", tt.pw, tt.repeat, p.StatusCode, tt.field, p.FieldError(tt.field))
			}
		}
		if _, err := a.Store.AccountByEmail(ctx, w.parent.Email); care.ErrorCode(err) != care.NotFound {
			t.Fatalf("an account exists after refused passwords: %v", err)
		}

		// Accepting makes the account, links it and goes to the MFA set-up.
		p := c.Post(path, url.Values{"password": {newPassword}, "repeat": {newPassword}})
		if p.StatusCode != http.StatusSeeOther || p.Header.Get("Location") != "/mfa/setup" {
			t.Fatalf("accept: %d to %q: %s", p.StatusCode, p.Header.Get("Location"), text(p.Tag("main")))
		}
		if setup := c.Get("/mfa/setup"); setup.StatusCode != http.StatusOK || setup.ByID("code") == nil {
			t.Errorf("after accepting, /mfa/setup: %d", setup.StatusCode)
		}
		if home := c.Get("/"); home.StatusCode != http.StatusSeeOther || home.Header.Get("Location") != "/mfa/setup" {
			t.Errorf("before the second factor, / is %d to %q", home.StatusCode, home.Header.Get("Location"))
		}
		acc, err := a.Store.AccountByEmail(ctx, w.parent.Email)
		if err != nil {
			t.Fatal(err)
		}
		if acc.Role != care.RoleFamily || acc.OrganisationID != a.Org || acc.Name != w.parent.Name || acc.MFAEnrolled() || !auth.VerifyPassword(newPassword, acc.PasswordHash) {
			t.Errorf("account %+v", acc)
		}
		link, err := a.Store.LinkOf(ctx, acc.ID, w.fam)
		if err != nil || link == nil || link.Kind != care.LinkParent || link.MemberID != w.parent.ID {
			t.Errorf("LinkOf = %+v, %v; want the parent's link", link, err)
		}
		events, err := a.Store.FamilyAuditEvents(ctx, w.fam)
		if err != nil {
			t.Fatal(err)
		}
		last := events[len(events)-1]
		if last.ObjectType != "invitation" || last.ActorID != acc.ID || last.Action != care.ActionUpdate || last.Outcome != care.OutcomeSuccess {
			t.Errorf("last audit record %+v, want the acceptance", last)
		}

		// The link works once.
		for _, method := range []string{http.MethodGet, http.MethodPost} {
			var again *page
			if method == http.MethodGet {
				again = a.Client().Get(path)
			} else {
				_, again = w.accept(path, newPassword, newPassword)
			}
			if again.StatusCode != http.StatusGone || !strings.Contains(again.H1(), "al gebruikt") || again.ByID("password") != nil {
				t.Errorf("%s used link: %d %q", method, again.StatusCode, again.H1())
			}
		}
	})
}

func TestInviteLinkProblems(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		w := newInviteWorld(t, a, 8)
		path := w.inviteParent(t)

		// One character changed, cut short, too long: unknown.
		token := strings.TrimPrefix(path, "/invite/")
		swap := "A"
		if token[len(token)-1] == 'A' {
			swap = "B"
		}
		for _, bad := range []string{token[:len(token)-1] + swap, token[:10], token + strings.Repeat("A", 200), "x"} {
			for _, method := range []string{http.MethodGet, http.MethodPost} {
				var p *page
				if method == http.MethodGet {
					p = a.Client().Get("/invite/" + bad)
				} else {
					_, p = w.accept("/invite/"+bad, newPassword, newPassword)
				}
				if p.StatusCode != http.StatusNotFound || !strings.Contains(p.H1(), "werkt niet") ||
					!strings.Contains(text(p.ByID("invitation-problem")), "nieuwe uitnodiging") {
					t.Errorf("%s %s: %d %q", method, bad, p.StatusCode, p.H1())
				}
			}
		}

		// Seven days and a second later: expired, also for the form.
		a.Clock.Add(care.InvitationValidity + time.Second)
		for _, method := range []string{http.MethodGet, http.MethodPost} {
			var p *page
			if method == http.MethodGet {
				p = a.Client().Get(path)
			} else {
				_, p = w.accept(path, newPassword, newPassword)
			}
			if p.StatusCode != http.StatusGone || !strings.Contains(p.H1(), "verlopen") ||
				!strings.Contains(strings.ToLower(text(p.ByID("invitation-problem"))), "vraag je casemanager") {
				t.Errorf("%s expired: %d %q", method, p.StatusCode, p.H1())
			}
		}
		if _, err := a.Store.AccountByEmail(context.Background(), w.parent.Email); care.ErrorCode(err) != care.NotFound {
			t.Errorf("an account was made from an expired link: %v", err)
		}
	})
}

func TestInviteChild(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		young := newInviteWorld(t, a, 11)
		p := young.invite(url.Values{"kind": {"child"}, "email": {"noor@example.org"}})
		if p.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(p.FieldError("kind"), "jonger dan 12") {
			t.Errorf("child of 11: %d, kind error %q", p.StatusCode, p.FieldError("kind"))
		}
		if got := attr(p.ByID("email"), "value"); got != "noor@example.org" {
			t.Errorf("typed e-mail not kept: %q", got)
		}
	})
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		w := newInviteWorld(t, a, 12)
		form := w.cm.Get(w.path())
		if find(form.Doc, func(n *html.Node) bool { return attr(n, "type") == "radio" && attr(n, "value") == "child" }) == nil {
			t.Error("the child of 12 is not offered")
		}
		path := w.linkPath(t, w.invite(url.Values{"kind": {"child"}, "email": {"noor@example.org"}}))
		if _, p := w.accept(path, newPassword, newPassword); p.StatusCode != http.StatusSeeOther {
			t.Fatalf("accept: %d", p.StatusCode)
		}
		ctx := context.Background()
		acc, err := a.Store.AccountByEmail(ctx, "noor@example.org")
		if err != nil || acc.Role != care.RoleFamily || acc.Name != "Noor Bakker" {
			t.Fatalf("account %+v, %v", acc, err)
		}
		if l, err := a.Store.LinkOf(ctx, acc.ID, w.fam); err != nil || l == nil || l.Kind != care.LinkChild {
			t.Errorf("LinkOf = %+v, %v", l, err)
		}
	})
}

func TestInviteProvider(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		w := newInviteWorld(t, a, 8)
		fp := w.cm.Get("/families/" + strconv.FormatInt(w.fam, 10))
		form := w.cm.Get(attr(fp.ByID("invite-network-"+strconv.FormatInt(w.gp.ID, 10)), "href"))
		if got := attr(form.ByID("email"), "value"); got != w.gp.Email {
			t.Errorf("provider e-mail filled in as %q", got)
		}

		// A network member of another family is no choice.
		p := w.invite(url.Values{"kind": {"provider"}, "network_member": {"999999"}, "email": {"x@example.org"}})
		if p.StatusCode != http.StatusUnprocessableEntity || p.FieldError("network_member") == "" {
			t.Errorf("unknown network member: %d", p.StatusCode)
		}
		p = w.invite(url.Values{"kind": {"provider"}, "network_member": {"drie"}})
		if p.StatusCode != http.StatusUnprocessableEntity || p.FieldError("network_member") == "" {
			t.Errorf("network member not a number: %d", p.StatusCode)
		}

		path := w.linkPath(t, w.invite(url.Values{"kind": {"provider"}, "network_member": {strconv.FormatInt(w.gp.ID, 10)}}))
		if _, p := w.accept(path, newPassword, newPassword); p.StatusCode != http.StatusSeeOther {
			t.Fatalf("accept: %d", p.StatusCode)
		}
		ctx := context.Background()
		acc, err := a.Store.AccountByEmail(ctx, w.gp.Email)
		if err != nil || acc.Role != care.RoleProvider || acc.OrganisationID != a.Org {
			t.Fatalf("account %+v, %v", acc, err)
		}
		l, err := a.Store.LinkOf(ctx, acc.ID, w.fam)
		if err != nil || l == nil || l.Kind != care.LinkProvider || l.NetworkMemberID != w.gp.ID {
			t.Errorf("LinkOf = %+v, %v; want the GP", l, err)
		}
	})
}

func TestInviteOtherCaseManager(t *testing.T) {
	forEachDB(t, site.Config{}, func(t *testing.T, a *app) {
		w := newInviteWorld(t, a, 8)
		acc, secret := a.Account("ander@example.org", care.RoleCaseManager, true)
		c := a.Client()
		c.Login(acc.Email, secret)
		if p := c.Get(w.path()); p.StatusCode != http.StatusNotFound {
			t.Errorf("GET as another case manager: %d", p.StatusCode)
		}
		p := c.Post(w.path(), url.Values{"kind": {"parent"}, "member": {strconv.FormatInt(w.parent.ID, 10)}})
		if p.StatusCode != http.StatusNotFound || p.ByID("invitation-link") != nil {
			t.Errorf("POST as another case manager: %d", p.StatusCode)
		}
	})
}

// syncBuffer is a log destination for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestInviteByMail sends invitations through a real SMTP server, and
// checks that the log holds no token, name or address.
func TestInviteByMail(t *testing.T) {
	for _, db := range storetest.Databases() {
		t.Run(db.Name, func(t *testing.T) {
			t.Parallel()
			sink := mailtest.Start(t)
			mailer, err := mail.NewSMTP(sink.Config("Spil <noreply@spil.example.nl>"))
			if err != nil {
				t.Fatal(err)
			}
			logs := &syncBuffer{}
			a := newApp(t, db.Open, site.Config{Mailer: mailer, BaseURL: "https://spil.example.nl/",
				Logger: slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))})
			w := newInviteWorld(t, a, 8)
			w.base = "https://spil.example.nl"

			p := w.invite(url.Values{"kind": {"parent"}, "member": {strconv.FormatInt(w.parent.ID, 10)}})
			if p.StatusCode != http.StatusOK || !strings.Contains(text(p.ByID("invitation-sent")), "Uitnodiging verstuurd naar "+w.parent.Email) {
				t.Fatalf("invite: %d %s", p.StatusCode, text(p.Tag("main")))
			}
			sentPage := p
			msgs := sink.Messages()
			if len(msgs) != 1 {
				t.Fatalf("%d messages, want 1", len(msgs))
			}
			m := msgs[0]
			if len(m.To) != 1 || m.To[0] != w.parent.Email || m.Subject != "Uitnodiging voor Spil" {
				t.Errorf("message to %q about %q", m.To, m.Subject)
			}
			for _, want := range []string{"Beste " + w.parent.Name, w.cmName + " nodigt je uit", "https://spil.example.nl/invite/", "tot "} {
				if !strings.Contains(m.Text, want) {
					t.Errorf("message text lacks %q:\n%s", want, m.Text)
				}
			}
			if strings.Contains(m.Text, "Noor") {
				t.Errorf("the e-mail names the child:\n%s", m.Text)
			}
			_, rest, _ := strings.Cut(m.Text, "https://spil.example.nl/invite/")
			token, _, _ := strings.Cut(rest, "\n")
			if len(token) < 40 {
				t.Fatalf("token %q", token)
			}
			if sentPage.ByID("invitation-link") != nil || strings.Contains(sentPage.HTML, token) {
				t.Error("the link is shown although the e-mail went out")
			}
			if _, p := w.accept("/invite/"+token, newPassword, newPassword); p.StatusCode != http.StatusSeeOther {
				t.Fatalf("accept the mailed link: %d", p.StatusCode)
			}

			// A refused send shows the link after all, and says so.
			sink.RejectRecipients(true)
			p = w.invite(url.Values{"kind": {"provider"}, "network_member": {strconv.FormatInt(w.gp.ID, 10)}})
			failedPath := w.linkPath(t, p)
			if p.ByID("invitation-send-failed") == nil || p.ByID("invitation-sent") != nil {
				t.Errorf("failed send: %s", text(p.Tag("main")))
			}
			if len(sink.Messages()) != 1 {
				t.Errorf("a refused message arrived")
			}
			if show := a.Client().Get(failedPath); show.StatusCode != http.StatusOK {
				t.Errorf("the link of a failed send: %d", show.StatusCode)
			}

			log := logs.String()
			if !strings.Contains(log, "invitation created") || !strings.Contains(log, "invitation e-mail not sent") || !strings.Contains(log, "invitation accepted") {
				t.Errorf("log lacks the invitation lines:\n%s", log)
			}
			failedToken := strings.TrimPrefix(failedPath, "/invite/")
			for _, secret := range []string{token, failedToken, w.parent.Email, w.parent.Name, w.gp.Email, w.gp.Name, "Noor"} {
				if strings.Contains(log, secret) {
					t.Errorf("the log holds %q:\n%s", secret, log)
				}
			}
		})
	}
}
