package web

import (
	"context"
	"strings"
	"time"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/mail"
)

// AccountMailer writes the e-mail an account's holder gets when an
// administrator changes the account, in the holder's language, and sends
// it: the link to choose a password (and second factor), or a notice that
// says only that the account was changed and when. It is the pages'
// auth.AccountMail; `spil user` uses it too, so both send the same words.
type AccountMailer struct {
	mailer mail.Mailer // nil: no e-mail; every send answers auth.ErrNoMail
	base   string      // where links lead, without a trailing slash
	i18n   *catalog
}

// NewAccountMailer returns the account mailer for m (nil: Spil sends no
// e-mail), with links under baseURL (https://spil.example.nl).
func NewAccountMailer(m mail.Mailer, baseURL string) (*AccountMailer, error) {
	cat, err := loadCatalog()
	if err != nil {
		return nil, err
	}
	return &AccountMailer{mailer: m, base: strings.TrimRight(baseURL, "/"), i18n: cat}, nil
}

// PasswordLinkPath is the path of the page an account link opens.
func PasswordLinkPath(token string) string { return "/password/" + token }

// holderLang is the language of a holder's e-mail: their own setting, or Dutch.
func holderLang(a *auth.Account) string {
	if validLang(a.Locale) {
		return a.Locale
	}
	return "nl"
}

// SendLink sends the holder of a the link to choose a password.
func (m *AccountMailer) SendLink(ctx context.Context, a *auth.Account, l *auth.AccountLink, token string) error {
	if m.mailer == nil {
		return auth.ErrNoMail
	}
	lang := holderLang(a)
	t := m.i18n.translator(lang)
	until := formatDate(l.ExpiresAt, lang) + " " + l.ExpiresAt.In(care.Amsterdam).Format("15:04")
	kind := string(l.Kind)
	return m.mailer.Send(ctx, mail.Message{
		To:      a.Email,
		Subject: t.T("mail.account_link." + kind + ".subject"),
		Text: t.T("mail.account_link."+kind+".body", "Name", a.Name, "Date", formatDate(l.CreatedAt, lang),
			"Link", m.base+PasswordLinkPath(token), "Until", until),
	})
}

// SendNotice tells the holder of a only that the account was changed on
// the day at: no details, so a notice read by someone else tells them
// nothing more.
func (m *AccountMailer) SendNotice(ctx context.Context, a *auth.Account, at time.Time) error {
	if m.mailer == nil {
		return auth.ErrNoMail
	}
	lang := holderLang(a)
	t := m.i18n.translator(lang)
	return m.mailer.Send(ctx, mail.Message{
		To:      a.Email,
		Subject: t.T("mail.account_notice.subject"),
		Text:    t.T("mail.account_notice.body", "Date", formatDate(at, lang)),
	})
}
