//go:build e2e

package e2e

import (
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/site"
)

// TestAdminSetsURAOnPhone: on a phone, the administrator gives the
// organisation its URA on the settings page. A wrong number is refused
// next to the field with what was typed kept; the right one is saved and
// shown again. The other setting on the page is untouched.
func TestAdminSetsURAOnPhone(t *testing.T) {
	a := newApp(t, site.Config{})
	admin := a.newUser("Bas Beheer", "bas.beheer@kct.test", care.RoleAdmin, true)
	b := newBrowser(t, phone)
	tab := b.newTab(a)
	tab.login(admin)
	tab.open("/admin/settings")
	tab.wantText("h1", "Instellingen van de organisatie")
	if got := tab.value("#ura"); got != "" {
		t.Errorf("URA before it is set: %q", got)
	}

	tab.fill("#ura", "1234")
	tab.click("#ura-save")
	tab.wantText("#ura-error", "Vul de 8 cijfers van de URA in, of laat het veld leeg.")
	if got := tab.value("#ura"); got != "1234" {
		t.Errorf("after a wrong URA the field holds %q, want what was typed", got)
	}
	if got := tab.value("#coverage_window"); got != "8" {
		t.Errorf("the window's field holds %q", got)
	}
	tab.wantNoOverflow("settings with an error")
	tab.screenshot("admin-ura-phone")

	tab.fill("#ura", "90000123")
	tab.click("#ura-save")
	tab.wantPath("/admin/settings")
	tab.wantTextContains("#saved", "opgeslagen")
	if got := tab.value("#ura"); got != "90000123" {
		t.Errorf("after saving the field holds %q", got)
	}
	if n := tab.count("#ura-error"); n != 0 {
		t.Error("an error after saving a good URA")
	}
}
