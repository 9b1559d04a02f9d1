package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/mail"
)

// DigestJobName is the digest's lease name.
const DigestJobName = "digest"

// Digests claims the daily digests due at a time; care.Service does.
type Digests interface {
	ClaimDigests(ctx context.Context, now time.Time) ([]care.Digest, error)
}

// DigestJob mails each case manager's daily digest at their hour: the
// number of new and overdue signals and a link to Spil, nothing else.
func DigestJob(d Digests, m mail.Mailer, baseURL string, log *slog.Logger) Job {
	return Job{Name: DigestJobName, Run: func(ctx context.Context, now time.Time) error {
		digests, err := d.ClaimDigests(ctx, now)
		var errs []error
		if err != nil {
			errs = append(errs, err)
		}
		for _, g := range digests {
			// Claimed before it is sent: a failed send is not retried,
			// so no one ever gets a day's digest twice.
			if err := m.Send(ctx, DigestMail(g, baseURL)); err != nil {
				errs = append(errs, fmt.Errorf("digest of account %d: %w", g.AccountID, err))
				continue
			}
			log.Info("digest sent", "account", g.AccountID)
		}
		return errors.Join(errs...)
	}}
}

// DigestMail is the digest's e-mail, in the account's language: counts
// and links only, no names, no diagnoses, nothing about a family.
func DigestMail(g care.Digest, baseURL string) mail.Message {
	base := strings.TrimRight(baseURL, "/")
	if g.Locale == "en" {
		return mail.Message{
			To:      g.Email,
			Subject: fmt.Sprintf("Spil: %d new, %d overdue", g.New, g.Overdue),
			Text: fmt.Sprintf("Good day,\n\nIn Spil you have %d new %s and %d overdue %s.\n\n"+
				"See them in Spil:\n%s/\n\n"+
				"You get this e-mail once a day. To switch it off or choose another hour, go to My account:\n%s/account#digest\n",
				g.New, plural(g.New, "signal", "signals"), g.Overdue, plural(g.Overdue, "signal", "signals"), base, base),
		}
	}
	return mail.Message{
		To:      g.Email,
		Subject: fmt.Sprintf("Spil: %d nieuw, %d over tijd", g.New, g.Overdue),
		Text: fmt.Sprintf("Goedendag,\n\nIn Spil staan voor u %d %s en %d %s over tijd.\n\n"+
			"Bekijk ze in Spil:\n%s/\n\n"+
			"U krijgt deze e-mail eens per dag. Uitzetten of een ander uur kiezen kan onder Mijn account:\n%s/account#digest\n",
			g.New, plural(g.New, "nieuw signaal", "nieuwe signalen"), g.Overdue, plural(g.Overdue, "signaal", "signalen"), base, base),
	}
}

func plural(n int, one, more string) string {
	if n == 1 {
		return one
	}
	return more
}
