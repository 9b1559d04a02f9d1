//go:build e2e

package e2e

import (
	"context"
	"io"
	"log/slog"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/jobs"
	"github.com/spil-zorg/spil/internal/mail"
	"github.com/spil-zorg/spil/internal/mail/mailtest"
	"github.com/spil-zorg/spil/internal/site"
)

// TestIntervisionAndDigest: on a phone, a case manager registers an
// intervision session on their own account page: a number of hours that
// is not a number is shown at the field first, with what was typed kept;
// corrected, the session is in the list and the count of the last 12
// months shows it. They set the hour of their daily e-mail to this hour,
// and at that hour the digest job mails them the counts of their overdue
// work and a link, without the child's name.
func TestIntervisionAndDigest(t *testing.T) {
	a := newApp(t, site.Config{})
	cm := a.newUser("Carla Visser", "carla.visser@kct.test", care.RoleCaseManager, true)
	const child = "Daan Hoekstra"
	fam, err := a.careService().CreateFamily(context.Background(), a.actor(cm), care.Intake{
		Family:  care.Family{ChildName: child, BirthDate: a.today().AddDate(-9, 0, 0), Sex: "male", Intensity: care.Regular},
		Episode: care.Episode{ReferralDate: a.today(), SurpriseQuestion: "unknown", Status: "accepted"},
		Kind:    "kct",
	})
	if err != nil {
		t.Fatal(err)
	}

	b := newBrowser(t, phone)
	tb := b.newTab(a)
	tb.login(cm)
	tb.open("/account")
	tb.click("#intervision-link")
	tb.wantPath("/account/intervision")
	tb.wantText("h1", "Intervisie en deskundigheid")
	tb.wantText("#intervision-total", "0")
	tb.wantTextContains("#intervision-privacy", "geen gegevens van cliënten")

	held := a.today().AddDate(0, 0, -7)
	tb.setDate("#held_on", isoDate(held))
	tb.choose(radio("kind", "intervision"))
	tb.choose(radio("direction", "given"))
	tb.fill("#hours", "anderhalf")
	tb.fill("#topic", "Rouw bij broers en zussen")
	tb.click("#intervision-submit")
	tb.wantFieldError("hours", "Vul het aantal uren in als getal, van 0,25 tot 24, bijvoorbeeld 1,5.")
	if got := tb.value("#topic"); got != "Rouw bij broers en zussen" {
		t.Errorf("the topic after a refused form: %q", got)
	}
	if !tb.checked(radio("direction", "given")) {
		t.Error("the direction chosen was lost")
	}
	tb.wantText("#intervision-total", "0")
	tb.screenshot("intervision-refused")

	tb.fill("#hours", "1,5")
	tb.click("#intervision-submit")
	tb.wantText("#intervision-saved", "De bijeenkomst is toegevoegd.")
	tb.wantText("#intervision-total", "1")
	row := tb.text("#intervision-list li")
	for _, want := range []string{"Intervisie", "Gegeven", "1,5 uur", "Rouw bij broers en zussen"} {
		if !strings.Contains(row, want) {
			t.Errorf("the session in the list %q lacks %q", row, want)
		}
	}
	tb.wantNoOverflow("the intervision page")
	tb.screenshot("intervision-added")
	// The count the signals will be built on.
	if n, err := a.careService().IntervisionCount(context.Background(), a.actor(cm), a.clock.Now().AddDate(-1, 0, 0)); err != nil || n != 1 {
		t.Errorf("IntervisionCount = %d, %v; want 1", n, err)
	}

	// The daily e-mail, at this hour.
	at := a.clock.Now() // the job runs at this moment, in the hour chosen
	hour := strconv.Itoa(at.In(care.Amsterdam).Hour())
	tb.open("/account")
	tb.wantText("#digest h2", "Dagelijkse e-mail")
	tb.wantTextContains("#digest-privacy", "geen namen")
	if !tb.checked("#digest_enabled") {
		t.Error("the daily e-mail is not on by default")
	}
	tb.selectOption("#digest_hour", hour)
	tb.click("#digest-submit")
	tb.wantText("#digest-saved", "Uw keuze voor de dagelijkse e-mail is opgeslagen.")
	if got := tb.value("#digest_hour"); got != hour {
		t.Errorf("the hour after saving: %q, want %q", got, hour)
	}
	tb.screenshot("digest-saved")

	// The receiving side: a task of Daan's family became overdue today,
	// and the job at this hour mails Carla once, however often it runs.
	task := &care.Task{FamilyID: fam, Title: "Indicatie verlengen", OwnerKind: "casemanager", DueDate: a.today().AddDate(0, 0, -1),
		CreatedAt: a.clock.Now(), CreatedBy: care.Person{AccountID: cm.ID}}
	if err := a.store.CreateTask(context.Background(), task); err != nil {
		t.Fatal(err)
	}
	sink := mailtest.Start(t)
	m, err := mail.NewSMTP(sink.Config("Spil <noreply@spil.example.nl>"))
	if err != nil {
		t.Fatal(err)
	}
	job := jobs.DigestJob(a.careService(), m, a.URL, slog.New(slog.NewTextHandler(io.Discard, nil)))
	for range 2 {
		if err := job.Run(context.Background(), at); err != nil {
			t.Fatal(err)
		}
	}
	msgs := sink.Messages()
	if len(msgs) != 1 || msgs[0].To[0] != cm.Email {
		t.Fatalf("digests: %+v", msgs)
	}
	// The counts are the signal engine's (docs/signals.md): the overdue
	// task is one of the family's signals that hold today.
	counts := regexp.MustCompile(`voor u (\d+) nieuwe? signa(?:al|len) en (\d+) signa(?:al|len) over tijd`).FindStringSubmatch(msgs[0].Text)
	if counts == nil || counts[1]+counts[2] == "00" || strings.Contains(msgs[0].Text, "Daan") {
		t.Errorf("the digest:\n%s", msgs[0].Text)
	}
}
