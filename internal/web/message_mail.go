package web

import (
	"context"
	"log/slog"
	"strings"

	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/mail"
)

// MessageMailer tells the participants of a conversation that there is a
// new message: an e-mail that says only that, in the recipient's language
// and words ("u" to professionals, "je" to the family), with a link to the
// thread. Never a name, a subject or a word of the message: an e-mail may
// be read by someone else. It is the care service's Notifier.
type MessageMailer struct {
	mailer mail.Mailer
	base   string
	i18n   *catalog
	log    *slog.Logger
}

// NewMessageMailer returns the notifier that sends through m, with links
// under baseURL; nil when m is nil, as Spil then sends no e-mail.
func NewMessageMailer(m mail.Mailer, baseURL string, log *slog.Logger) (*MessageMailer, error) {
	if m == nil {
		return nil, nil
	}
	cat, err := loadCatalog()
	if err != nil {
		return nil, err
	}
	if log == nil {
		log = slog.Default()
	}
	return &MessageMailer{mailer: m, base: strings.TrimRight(baseURL, "/"), i18n: cat, log: log}, nil
}

// NotifyNewMessage sends one e-mail per notice. A failed send is logged
// without the address and is not tried again: the message itself is
// saved, and the recipient sees it when they next log in.
func (m *MessageMailer) NotifyNewMessage(ctx context.Context, notices []care.Notice) {
	for _, n := range notices {
		msg := m.Message(n)
		if err := m.mailer.Send(ctx, msg); err != nil {
			m.log.Warn("new message notice not sent", "err", err)
		}
	}
}

// Message is the e-mail of notice n.
func (m *MessageMailer) Message(n care.Notice) mail.Message {
	lang := n.Locale
	if !validLang(lang) {
		lang = "nl"
	}
	t := m.i18n.translator(lang)
	words := "pro"
	if n.View == care.ViewFamily {
		words = "family"
	}
	return mail.Message{
		To:      n.Email,
		Subject: t.T("mail.new_message.subject"),
		Text:    t.T("mail.new_message."+words+".body", "Link", m.base+ThreadURL(n.View, n.FamilyID, n.ThreadID)),
	}
}
