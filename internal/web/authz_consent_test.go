package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/web"
)

// TestProviderAccessByConsentAndAge extends the authorisation table for
// providers: for each age band around the WGBO boundaries and each
// combination of consent given, withdrawn or missing, the GP's page and API
// answer as the rule of the day says.
func TestProviderAccessByConsentAndAge(t *testing.T) {
	forEachDB(t, web.Config{}, func(t *testing.T, a *app) {
		ctx := context.Background()
		cm, _ := a.account("cm@example.org", care.RoleCaseManager, true)
		cmActor := care.Actor{AccountID: cm.ID, Role: care.RoleCaseManager, OrganisationID: a.org, AccessPoint: "test"}
		today := care.DateOf(a.clock.Now())
		bands := []struct {
			name  string
			birth time.Time
			rule  care.ConsentRule
		}{
			{"11y364d", today.AddDate(-12, 0, 1), care.RuleParents},
			{"12", today.AddDate(-12, 0, 0), care.RuleChildAndParents},
			{"15y364d", today.AddDate(-16, 0, 1), care.RuleChildAndParents},
			{"16", today.AddDate(-16, 0, 0), care.RuleChild},
			{"18", today.AddDate(-18, 0, 0), care.RuleChild},
		}
		type consent struct {
			name           string
			parent, child  string // "", "granted" or "withdrawn"
			allowedByRules map[care.ConsentRule]bool
		}
		consents := []consent{
			{"none", "", "", map[care.ConsentRule]bool{}},
			{"parent", "granted", "", map[care.ConsentRule]bool{care.RuleParents: true}},
			{"child", "", "granted", map[care.ConsentRule]bool{care.RuleChild: true}},
			{"both", "granted", "granted", map[care.ConsentRule]bool{care.RuleParents: true, care.RuleChildAndParents: true, care.RuleChild: true}},
			{"parent withdrew", "withdrawn", "granted", map[care.ConsentRule]bool{care.RuleChild: true}},
			{"child withdrew", "granted", "withdrawn", map[care.ConsentRule]bool{care.RuleParents: true}},
		}
		n := 0
		for _, band := range bands {
			for _, c := range consents {
				n++
				name := fmt.Sprintf("age %s, consent %s", band.name, c.name)
				day := band.birth
				fam, err := a.care.CreateFamily(ctx, cmActor, care.Intake{
					Family:           care.Family{ChildName: fmt.Sprintf("Kind %d", n), BirthDate: day, Sex: "unknown", Intensity: care.Regular},
					Episode:          care.Episode{ReferralDate: day, SurpriseQuestion: "unknown", Status: "accepted"},
					Kind:             "kct",
					ConfirmDuplicate: true,
				})
				if err != nil {
					t.Fatal(err)
				}
				gp := &care.NetworkMember{FamilyID: fam, Name: "Dr. Huisman", Role: "gp", Line: 1}
				if err := a.care.SaveNetworkMember(ctx, cmActor, gp); err != nil {
					t.Fatal(err)
				}
				parent := &care.Member{FamilyID: fam, Kind: "parent", Name: "Ouder", Custody: true}
				if err := a.care.AddMember(ctx, cmActor, parent); err != nil {
					t.Fatal(err)
				}
				parentAcc, _ := a.account(fmt.Sprintf("ouder%d@example.org", n), care.RoleFamily, false)
				childAcc, _ := a.account(fmt.Sprintf("kind%d@example.org", n), care.RoleFamily, false)
				gpAcc, gpSecret := a.account(fmt.Sprintf("gp%d@example.org", n), care.RoleProvider, true)
				for _, l := range []*care.Link{
					{FamilyID: fam, AccountID: parentAcc.ID, Kind: care.LinkParent, MemberID: parent.ID},
					{FamilyID: fam, AccountID: childAcc.ID, Kind: care.LinkChild},
					{FamilyID: fam, AccountID: gpAcc.ID, Kind: care.LinkProvider, NetworkMemberID: gp.ID},
				} {
					if err := a.store.CreateLink(ctx, l); err != nil {
						t.Fatal(err)
					}
				}
				// The history is written as it would have been: grants a year
				// ago (a parent's grant counted then), withdrawals yesterday.
				record := func(giver int64, kind, state string) {
					if state == "" {
						return
					}
					at := a.clock.Now().AddDate(-1, 0, 0)
					if err := a.store.AddConsent(ctx, &care.ConsentRecord{FamilyID: fam, NetworkMemberID: gp.ID,
						GivenBy: care.Person{AccountID: giver}, GiverKind: kind, Granted: true, Scope: care.ScopeFile, At: at}); err != nil {
						t.Fatal(err)
					}
					if state == "withdrawn" {
						if err := a.store.AddConsent(ctx, &care.ConsentRecord{FamilyID: fam, NetworkMemberID: gp.ID,
							GivenBy: care.Person{AccountID: giver}, GiverKind: kind, Granted: false, Scope: care.ScopeFile,
							At: a.clock.Now().Add(-24 * time.Hour)}); err != nil {
							t.Fatal(err)
						}
					}
				}
				record(parentAcc.ID, care.GiverParent, c.parent)
				record(childAcc.ID, care.GiverChild, c.child)

				if got := care.RuleOn(band.birth, a.clock.Now()); got != band.rule {
					t.Fatalf("%s: rule %s, want %s", name, got, band.rule)
				}
				want := c.allowedByRules[band.rule]
				client := a.client()
				client.login(gpAcc.Email, gpSecret)
				p := client.get("/provider/families/" + strconv.FormatInt(fam, 10))
				if got := p.StatusCode == http.StatusOK; got != want {
					t.Errorf("%s: GP page %d, want access %v", name, p.StatusCode, want)
				}
				if !want && p.StatusCode != http.StatusNotFound {
					t.Errorf("%s: refused with %d, want 404", name, p.StatusCode)
				}
			}
		}
	})
}
