//go:build e2e

package e2e

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/mail"
	"github.com/spil-zorg/spil/internal/mail/mailtest"
	"github.com/spil-zorg/spil/internal/site"
)

// TestParentAsksCaseManagerAnswers: a parent, on a phone, goes from the
// note form of the family view to a new conversation and sends a
// question; the case manager is told by an e-mail that names no one and
// holds nothing of it, sees the thread unread on the family page, and
// answers; the parent is told the same way, reads the answer, and the
// thread is no longer unread for either.
func TestParentAsksCaseManagerAnswers(t *testing.T) {
	sink := mailtest.Start(t)
	mailer, err := mail.NewSMTP(sink.Config("Spil <noreply@spil.test>"))
	if err != nil {
		t.Fatal(err)
	}
	a := newApp(t, site.Config{Mailer: mailer, BaseURL: "https://spil.test"})
	cm := a.newUser("Carla Visser", "carla.visser@kct.test", care.RoleCaseManager, true)
	parent := a.newUser("Ilse Jansen", "ilse.jansen@example.test", care.RoleFamily, true)
	ctx := context.Background()
	fam := a.createFamily(cm, "Noor Jansen", a.today().AddDate(-7, 0, 0))
	m := &care.Member{FamilyID: fam, Kind: "parent", Name: "Ilse Jansen", Relation: "moeder", Custody: true}
	if err := a.careService().AddMember(ctx, a.actor(cm), m); err != nil {
		t.Fatal(err)
	}
	a.linkAccount(cm, &care.Invitation{FamilyID: fam, Kind: care.LinkParent, MemberID: m.ID, Email: parent.Email, Name: parent.Name}, parent)
	famPath := "/my/families/" + strconv.FormatInt(fam, 10)
	subject, question := "Rolstoel", "Wanneer wordt de nieuwe rolstoel geleverd?"
	answer := "De leverancier komt dinsdag langs."

	// 1. The parent, on a phone: the note form leads to a message.
	b := newBrowser(t, phone)
	pt := b.newTab(a)
	pt.emulate(phone)
	pt.login(parent)
	pt.open(famPath)
	pt.click("#notes-thread-link")
	pt.wantPath(famPath + "/threads")
	pt.wantNoOverflow("conversations on a phone")
	pt.screenshot("threads-parent-phone")
	pt.fill("#subject", subject)
	pt.fill("#body", question)
	pt.click("#start-submit")
	pt.wantTextContains("#saved", "Je bericht is verstuurd.")
	pt.wantText("#thread-subject", subject)
	pt.wantText("#messages .message-body", question)
	pt.wantNoOverflow("thread on a phone")
	pt.screenshot("thread-parent-phone")
	threads, err := a.store.Threads(ctx, fam, parent.ID, 0)
	if err != nil || len(threads) != 1 {
		t.Fatalf("threads after the parent's start: %+v, %v", threads, err)
	}
	threadPath := "/threads/" + strconv.FormatInt(threads[0].ID, 10)

	// The case manager's notice: that there is a message, and where.
	names := []string{"Noor", "Jansen", "Ilse", "Carla", "Visser", subject, "rolstoel", "leverancier", "dinsdag"}
	notice := waitForMail(t, sink, cm.Email, 1)
	wantNotice(t, notice, "U hebt een nieuw bericht in Spil.", "https://spil.test/families/"+strconv.FormatInt(fam, 10)+threadPath, names)

	// 2. The case manager sees it unread, reads it and answers.
	ct := b.newTab(a)
	ct.emulate(desktop)
	ct.login(cm)
	ct.open("/families/" + strconv.FormatInt(fam, 10))
	ct.wantText("#threads-unread", "1 ongelezen")
	ct.click("#threads-link a")
	ct.wantText("#thread-"+strconv.FormatInt(threads[0].ID, 10)+" .unread-count", "1 nieuw")
	ct.click("#thread-" + strconv.FormatInt(threads[0].ID, 10) + " a")
	ct.wantText("#messages .message-body", question)
	ct.wantText("#messages .message-author", parent.Name)
	ct.fill("#body", answer)
	ct.click("#reply-submit")
	ct.wantTextContains("#saved", "Uw bericht is verstuurd.")
	ct.open("/families/" + strconv.FormatInt(fam, 10))
	if n := ct.count("#threads-unread"); n != 0 {
		t.Errorf("the case manager still sees %d unread badge(s) after reading", n)
	}

	// The parent's notice, in their words.
	notice = waitForMail(t, sink, parent.Email, 1)
	wantNotice(t, notice, "Je hebt een nieuw bericht in Spil.", "https://spil.test"+famPath+threadPath, names)

	// 3. The parent reads the answer.
	pt.open(famPath)
	pt.wantText("#threads-unread", "1 ongelezen")
	pt.click("#threads-link a")
	pt.click("#thread-" + strconv.FormatInt(threads[0].ID, 10) + " a")
	pt.wantPath(famPath + threadPath)
	if got := pt.text("#messages li:last-child .message-body"); got != answer {
		t.Errorf("the parent reads %q, want the answer", got)
	}
	pt.wantText("#messages li:last-child .message-author", cm.Name)
	pt.open(famPath)
	if n := pt.count("#threads-unread"); n != 0 {
		t.Errorf("the parent still sees %d unread badge(s) after reading", n)
	}
	if msgs := sink.Messages(); len(msgs) != 2 {
		t.Errorf("%d e-mails in all, want one notice each", len(msgs))
	}
}

// waitForMail waits for the n-th message to addr and returns its subject
// and text.
func waitForMail(t *testing.T, sink *mailtest.Server, addr string, n int) string {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		var got []string
		for _, m := range sink.Messages() {
			if len(m.To) == 1 && m.To[0] == addr {
				got = append(got, m.Subject+"\n"+m.Text)
			}
		}
		if len(got) >= n {
			return got[n-1]
		}
		if time.Now().After(deadline) {
			t.Fatalf("no e-mail %d to %s", n, addr)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// wantNotice checks that a notice says want with link, and none of names.
func wantNotice(t *testing.T, notice, want, link string, names []string) {
	t.Helper()
	if !strings.Contains(notice, want) || !strings.Contains(notice, link) {
		t.Errorf("notice %q lacks %q or %q", notice, want, link)
	}
	for _, n := range names {
		if strings.Contains(strings.ToLower(notice), strings.ToLower(n)) {
			t.Errorf("notice holds %q:\n%s", n, notice)
		}
	}
}
