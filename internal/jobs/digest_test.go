package jobs_test

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/jobs"
	"github.com/spil-zorg/spil/internal/mail"
	"github.com/spil-zorg/spil/internal/mail/mailtest"
)

// TestDigestMail: the counts and two links, in the account's language,
// and nothing else that varies.
func TestDigestMail(t *testing.T) {
	tests := []struct {
		g          care.Digest
		subject    string
		wantInText []string
	}{
		{care.Digest{DigestRecipient: care.DigestRecipient{Email: "a@example.org"}, New: 1, Overdue: 4},
			"Spil: 1 nieuw, 4 over tijd", []string{"1 nieuw signaal en 4 signalen over tijd", "\nhttps://spil.example.nl/\n", "https://spil.example.nl/account#digest"}},
		{care.Digest{DigestRecipient: care.DigestRecipient{Email: "a@example.org"}, New: 0, Overdue: 1},
			"Spil: 0 nieuw, 1 over tijd", []string{"0 nieuwe signalen en 1 signaal over tijd"}},
		{care.Digest{DigestRecipient: care.DigestRecipient{Email: "b@example.org", Locale: "en"}, New: 2, Overdue: 1},
			"Spil: 2 new, 1 overdue", []string{"2 new signals and 1 overdue signal", "My account"}},
	}
	for _, tt := range tests {
		m := jobs.DigestMail(tt.g, "https://spil.example.nl/")
		if m.To != tt.g.Email || m.Subject != tt.subject {
			t.Errorf("to %q, subject %q; want %q, %q", m.To, m.Subject, tt.g.Email, tt.subject)
		}
		for _, want := range tt.wantInText {
			if !strings.Contains(m.Text, want) {
				t.Errorf("no %q in:\n%s", want, m.Text)
			}
		}
	}
}

type claimed []care.Digest

func (c claimed) ClaimDigests(context.Context, time.Time) ([]care.Digest, error) { return c, nil }

// TestDigestJobSends: the job mails each claimed digest over SMTP; a
// refused recipient fails that one, not the others.
func TestDigestJobSends(t *testing.T) {
	sink := mailtest.Start(t)
	m, err := mail.NewSMTP(sink.Config("Spil <noreply@spil.example.nl>"))
	if err != nil {
		t.Fatal(err)
	}
	ds := claimed{
		{DigestRecipient: care.DigestRecipient{AccountID: 1, Email: "een@example.org"}, New: 1, Overdue: 1},
		{DigestRecipient: care.DigestRecipient{AccountID: 2, Email: "twee@example.org"}, Overdue: 3},
	}
	job := jobs.DigestJob(ds, m, "https://spil.example.nl", slog.New(slog.NewTextHandler(io.Discard, nil)))
	if job.Name != jobs.DigestJobName || job.Every != 0 {
		t.Errorf("job %q every %s", job.Name, job.Every)
	}
	if err := job.Run(context.Background(), time.Now()); err != nil {
		t.Fatal(err)
	}
	got := sink.Messages()
	if len(got) != 2 || got[0].To[0] != "een@example.org" || got[1].To[0] != "twee@example.org" {
		t.Fatalf("messages: %+v", got)
	}
	sink.RejectRecipients(true)
	if err := job.Run(context.Background(), time.Now()); err == nil || strings.Contains(err.Error(), "@example.org") {
		t.Errorf("a refused send: %v; want an error without the address", err)
	}
}
