//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/pquerna/otp/totp"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
)

// Helpers for invitations, the family's own view, the provider's view and
// the access log.

// addParent adds a parent to the family through the care service, as the
// case manager would, and returns it with its id.
func (a *app) addParent(cm *user, familyID int64, name, relation, email string, custody bool) *care.Member {
	a.t.Helper()
	m := &care.Member{FamilyID: familyID, Kind: "parent", Name: name, Relation: relation, Custody: custody, Email: email}
	if err := a.careService().AddMember(context.Background(), a.actor(cm), m); err != nil {
		a.t.Fatalf("add parent %s: %v", name, err)
	}
	return m
}

// addNetworkMember adds n to the family's care network through the care service.
func (a *app) addNetworkMember(cm *user, n *care.NetworkMember) {
	a.t.Helper()
	if err := a.careService().SaveNetworkMember(context.Background(), a.actor(cm), n); err != nil {
		a.t.Fatalf("add network member %s: %v", n.Name, err)
	}
}

// invite makes an invitation through the care service and returns the
// path of its link.
func (a *app) invite(cm *user, inv *care.Invitation) string {
	a.t.Helper()
	token, err := a.careService().CreateInvitation(context.Background(), a.actor(cm), inv)
	if err != nil {
		a.t.Fatalf("create invitation for %s: %v", inv.Email, err)
	}
	return "/invite/" + token
}

// invitation reads the invitation of a link path straight from the database.
func (a *app) invitation(path string) *care.Invitation {
	a.t.Helper()
	token := strings.TrimPrefix(path, "/invite/")
	inv, err := a.store.InvitationByTokenHash(context.Background(), care.HashInvitationToken(token))
	if err != nil {
		a.t.Fatalf("read invitation: %v", err)
	}
	return inv
}

// accountByEmail reads an account by its address, or nil when none exists.
func (a *app) accountByEmail(email string) *auth.Account {
	a.t.Helper()
	acc, err := a.store.AccountByEmail(context.Background(), email)
	if care.ErrorCode(err) == care.NotFound {
		return nil
	}
	if err != nil {
		a.t.Fatalf("read account %s: %v", email, err)
	}
	return acc
}

// link reads how an account is linked to a family, or nil.
func (a *app) link(accountID, familyID int64) *care.Link {
	a.t.Helper()
	l, err := a.store.LinkOf(context.Background(), accountID, familyID)
	if err != nil {
		a.t.Fatalf("read link of account %d: %v", accountID, err)
	}
	return l
}

// consents reads the consent records for one provider of the family, oldest first.
func (a *app) consents(familyID, networkMemberID int64) []care.ConsentRecord {
	a.t.Helper()
	recs, err := a.store.ConsentRecords(context.Background(), familyID, networkMemberID)
	if err != nil {
		a.t.Fatalf("read consent records: %v", err)
	}
	return recs
}

// inviteLink reads the link from the page that says the invitation was
// made for the family of child (the app has no mailer, so it shows the
// link) and returns its path.
func (tb *tab) inviteLink(child string) string {
	tb.t.Helper()
	tb.wantTextContains("h1", "Uitnodiging gemaakt")
	tb.wantText("h1 .subtitle", child)
	tb.wantText("#invitation-no-mailer", "Deze installatie van Spil verstuurt geen e-mail. Geef de link hieronder zelf door.")
	link := tb.value("#invitation-link")
	prefix := tb.app.URL + "/invite/"
	if !strings.HasPrefix(link, prefix) || len(link) == len(prefix) {
		tb.fail("invitation link %q does not start with %q", link, prefix)
	}
	return strings.TrimPrefix(link, tb.app.URL)
}

// acceptInvitation opens the link path in the tab, checks whom it is for,
// chooses a password (twice) and lands on the set-up of the second factor.
func (tb *tab) acceptInvitation(path, name, email string) {
	tb.t.Helper()
	wantStatus(tb.t, tb.open(path), http.StatusOK)
	tb.wantLang("nl")
	tb.wantText("h1", "Je bent uitgenodigd voor Spil")
	tb.wantText("#invitation-name", name)
	tb.wantText("#invitation-email", email)
	tb.fill("#password", password)
	tb.fill("#repeat", password)
	tb.wantText(`form[action^="/invite/"] button[type="submit"]`, "Account maken")
	wantStatus(tb.t, tb.click(`form[action^="/invite/"] button[type="submit"]`), http.StatusOK)
	tb.wantPath("/mfa/setup")
	tb.wantText("h1", "Tweestapsverificatie instellen")
}

// enrolMFA sets up the authenticator app on /mfa/setup with the secret the
// page shows, checks the recovery codes and continues to the start page.
// It returns the secret.
func (tb *tab) enrolMFA() string {
	tb.t.Helper()
	secret := tb.text("#totp-secret")
	if secret == "" {
		tb.fail("no secret in #totp-secret")
	}
	code, err := totp.GenerateCode(secret, tb.app.clock.Now())
	if err != nil {
		tb.t.Fatalf("generate TOTP code: %v", err)
	}
	wantStatus(tb.t, tb.submitSetupCode(code), http.StatusOK)
	tb.wantText("h1", "Bewaar je herstelcodes")
	if n := tb.count("#recovery-codes li"); n != 10 {
		tb.fail("%d recovery codes shown, want 10", n)
	}
	for _, c := range tb.texts("#recovery-codes li") {
		if !recoveryCodeFormat.MatchString(c) {
			tb.t.Errorf("recovery code %q does not look like abcde-23456", c)
		}
	}
	tb.wantText("main a.button", "Ik heb ze bewaard, ga verder")
	tb.click("main a.button")
	tb.wantPath("/")
	return secret
}

// wantNotFoundPage fails the test unless the tab shows the page-not-found
// answer and nothing of the child.
func (tb *tab) wantNotFoundPage(child string) {
	tb.t.Helper()
	tb.wantText("h1", "Dat lukte niet")
	tb.wantText(".error-page .status", "404")
	tb.wantText(".error-page p:not(.status):not(:has(a))", msgNotFound)
	if body := eval[string](tb, "document.body.innerText"); strings.Contains(body, child) {
		tb.fail("the not-found page shows the child's name %q", child)
	}
}

// accessRow is one line of "Wie heeft ons dossier bekeken?".
type accessRow struct {
	When, Who, Org, Role, What string
	Denied                     bool
}

func (r accessRow) String() string {
	return fmt.Sprintf("%s | %s | %s | %s | %s (denied %v)", r.When, r.Who, r.Org, r.Role, r.What, r.Denied)
}

// accessRows returns the lines of the access log on the page, newest first.
func (tb *tab) accessRows() []accessRow {
	tb.t.Helper()
	return eval[[]accessRow](tb, `Array.from(document.querySelectorAll("#access-log tbody tr.entry"), tr => {
		const cell = c => tr.querySelector("td." + c).innerText.trim();
		return {When: cell("when"), Who: cell("who"), Org: cell("org"), Role: cell("role"), What: cell("what"),
			Denied: tr.classList.contains("denied")};
	})`)
}

// rowsOf returns the rows of who, split into allowed and refused ones.
func rowsOf(rows []accessRow, who string) (allowed, denied []accessRow) {
	for _, r := range rows {
		switch {
		case r.Who != who:
		case r.Denied:
			denied = append(denied, r)
		default:
			allowed = append(allowed, r)
		}
	}
	return allowed, denied
}
