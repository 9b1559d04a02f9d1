package care

import (
	"context"
	"errors"
	"slices"
	"strings"
)

// ThreadList is the list of a family's conversations as one reader sees it.
type ThreadList struct {
	ChildName string
	Threads   []Thread
	// MayStart is true for the family and the case managers; a provider
	// takes part in the threads a case manager adds them to.
	MayStart bool
}

// ThreadPage is one conversation as one reader sees it.
type ThreadPage struct {
	ChildName string
	Thread    Thread
	Messages  []Message
	// Addable are, for the case managers, the providers in the network
	// with an account and consent in force who are not in the thread yet.
	Addable []NetworkMember
}

// SetNotifier gives the service what tells the participants of a thread
// that there is a new message; without one nobody is told.
func (s *Service) SetNotifier(n Notifier) { s.notifier = n }

// threadDoor is an access to the conversations through view: the case
// managers' file, the family's own view or a provider's view. A refusal
// for its input comes back with the page of the form: the thread when
// threadID is not 0, else the list.
func (s *Service) threadDoor(actor Actor, view View, familyID, threadID int64, object string, action Action) (access, error) {
	switch view {
	case ViewCaseFile, ViewFamily, ViewProvider:
	default:
		return access{}, Errorf(Internal, "no door to the conversations: %q", view)
	}
	return access{actor: actor, familyID: familyID, view: view, object: object, action: action,
		again: func(ctx context.Context, st Store, familyID int64, rel Relationship, in *InvalidInput) error {
			var err error
			if threadID != 0 {
				in.Thread, err = s.threadPage(ctx, st, actor, view, familyID, threadID, rel)
			} else {
				in.Threads, err = threadList(ctx, st, actor, view, familyID, rel)
			}
			return err
		}}, nil
}

// participant is the provider account whose threads are the only ones
// open to the reader, or 0 for the family and the case managers.
func participant(actor Actor, view View) int64 {
	if view == ViewProvider {
		return actor.AccountID
	}
	return 0
}

func childName(ctx context.Context, st Store, familyID int64, view View, rel Relationship) (string, error) {
	f, err := st.FamilyByID(ctx, familyID)
	if err != nil {
		return "", err
	}
	if view == ViewProvider {
		return f.ForProvider(rel.Consent.Scope).ChildName, nil
	}
	return f.ChildName, nil
}

// Threads lists the family's conversations the reader takes part in, with
// what is unread in each.
func (s *Service) Threads(ctx context.Context, actor Actor, view View, familyID int64) (*ThreadList, error) {
	a, err := s.threadDoor(actor, view, familyID, 0, "thread", ActionRead)
	if err != nil {
		return nil, err
	}
	var l *ThreadList
	err = s.gate(ctx, a, func(st Store, rel Relationship, id *int64) error {
		*id = familyID
		var err error
		l, err = threadList(ctx, st, actor, view, familyID, rel)
		return err
	})
	if err != nil {
		return nil, err
	}
	return l, nil
}

func threadList(ctx context.Context, st Store, actor Actor, view View, familyID int64, rel Relationship) (*ThreadList, error) {
	name, err := childName(ctx, st, familyID, view, rel)
	if err != nil {
		return nil, err
	}
	l := &ThreadList{ChildName: name, MayStart: view != ViewProvider}
	l.Threads, err = st.Threads(ctx, familyID, actor.AccountID, participant(actor, view))
	return l, err
}

// Thread returns one conversation with its messages, and marks them read
// by the reader. A thread of another family, or for a provider one they
// were not added to, is NotFound.
func (s *Service) Thread(ctx context.Context, actor Actor, view View, familyID, threadID int64) (*ThreadPage, error) {
	a, err := s.threadDoor(actor, view, familyID, threadID, "message", ActionRead)
	if err != nil {
		return nil, err
	}
	a.marks = true
	var p *ThreadPage
	err = s.gate(ctx, a, func(st Store, rel Relationship, id *int64) error {
		*id = threadID
		var err error
		if p, err = s.threadPage(ctx, st, actor, view, familyID, threadID, rel); err != nil {
			return err
		}
		if n := len(p.Messages); n > 0 {
			return st.MarkRead(ctx, familyID, threadID, actor.AccountID, p.Messages[n-1].ID)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// openThread reads a thread the reader may take part in.
func openThread(ctx context.Context, st Store, actor Actor, view View, familyID, threadID int64) (*Thread, error) {
	t, err := st.Thread(ctx, familyID, threadID, actor.AccountID)
	if err != nil {
		return nil, err
	}
	if p := participant(actor, view); p != 0 && !slices.ContainsFunc(t.Providers, func(x Person) bool { return x.AccountID == p }) {
		return nil, Errorf(NotFound, "thread not found")
	}
	return t, nil
}

func (s *Service) threadPage(ctx context.Context, st Store, actor Actor, view View, familyID, threadID int64, rel Relationship) (*ThreadPage, error) {
	t, err := openThread(ctx, st, actor, view, familyID, threadID)
	if err != nil {
		return nil, err
	}
	p := &ThreadPage{Thread: *t}
	if p.ChildName, err = childName(ctx, st, familyID, view, rel); err != nil {
		return nil, err
	}
	if p.Messages, err = st.Messages(ctx, familyID, threadID); err != nil {
		return nil, err
	}
	if view != ViewCaseFile {
		return p, nil
	}
	consented, err := s.consentedProviders(ctx, st, familyID)
	if err != nil {
		return nil, err
	}
	for _, c := range consented {
		if !slices.ContainsFunc(t.Providers, func(x Person) bool { return x.AccountID == c.account }) {
			p.Addable = append(p.Addable, c.member)
		}
	}
	return p, nil
}

// consentedProvider is a provider in the network with an account and
// consent in force today.
type consentedProvider struct {
	member  NetworkMember
	account int64
}

func (s *Service) consentedProviders(ctx context.Context, st Store, familyID int64) ([]consentedProvider, error) {
	network, err := st.Network(ctx, familyID)
	if err != nil {
		return nil, err
	}
	aud, err := st.ThreadAudience(ctx, familyID, 0)
	if err != nil {
		return nil, err
	}
	f, err := st.FamilyByID(ctx, familyID)
	if err != nil {
		return nil, err
	}
	var out []consentedProvider
	for _, r := range aud {
		if r.Kind != LinkProvider || r.NetworkMemberID == 0 {
			continue
		}
		recs, err := st.ConsentRecords(ctx, familyID, r.NetworkMemberID)
		if err != nil {
			return nil, err
		}
		if !EvaluateConsent(f.BirthDate, s.now(), recs).Given() {
			continue
		}
		for _, n := range network {
			// A member whose involvement has ended is no longer in the
			// network the conversations reach.
			if n.ID == r.NetworkMemberID && !n.Ended(s.now()) {
				out = append(out, consentedProvider{member: n, account: r.AccountID})
			}
		}
	}
	return out, nil
}

// StartThread starts a conversation with its first message, and the
// document it carries when doc is not nil. The family and the case
// managers start threads; a provider cannot.
func (s *Service) StartThread(ctx context.Context, actor Actor, view View, familyID int64, subject, body string, doc *Upload) (*Thread, error) {
	a, err := s.threadDoor(actor, view, familyID, 0, "thread", ActionCreate)
	if err != nil {
		return nil, err
	}
	if view == ViewProvider {
		// A provider starts no thread: refused like any door that is shut,
		// and on record.
		if err := s.store.AppendAudit(ctx, s.event(actor, familyID, "thread", 0, ActionCreate, Decision{}, OutcomeDenied)); err != nil {
			return nil, errors.Join(errNotFound, err)
		}
		return nil, errNotFound
	}
	var t *Thread
	var notices []Notice
	err = s.gate(ctx, a, func(st Store, rel Relationship, id *int64) error {
		subject, body = strings.TrimSpace(subject), strings.TrimSpace(body)
		fe := ValidateThread(subject, body)
		d := s.upload(fe, doc, familyID, actor)
		if err := fe.OrNil(); err != nil {
			return err
		}
		now := s.now().UTC()
		t = &Thread{FamilyID: familyID, Subject: subject, CreatedBy: Person{AccountID: actor.AccountID}, CreatedAt: now, LastMessageAt: now}
		if err := st.CreateThread(ctx, t); err != nil {
			return err
		}
		*id = t.ID
		var err error
		_, notices, err = s.post(ctx, st, actor, t.ID, familyID, body, d)
		return err
	})
	if err != nil {
		return nil, err
	}
	s.notify(ctx, notices)
	return t, nil
}

// Reply adds a message to a thread, with the document it carries when doc
// is not nil.
func (s *Service) Reply(ctx context.Context, actor Actor, view View, familyID, threadID int64, body string, doc *Upload) (*Message, error) {
	a, err := s.threadDoor(actor, view, familyID, threadID, "message", ActionCreate)
	if err != nil {
		return nil, err
	}
	var m *Message
	var notices []Notice
	err = s.gate(ctx, a, func(st Store, rel Relationship, id *int64) error {
		if _, err := openThread(ctx, st, actor, view, familyID, threadID); err != nil {
			return err
		}
		body = strings.TrimSpace(body)
		fe := ValidateMessage(body)
		d := s.upload(fe, doc, familyID, actor)
		if err := fe.OrNil(); err != nil {
			return err
		}
		var err error
		if m, notices, err = s.post(ctx, st, actor, threadID, familyID, body, d); err != nil {
			return err
		}
		*id = m.ID
		return nil
	})
	if err != nil {
		return nil, err
	}
	s.notify(ctx, notices)
	return m, nil
}

// upload checks the document of a message, adding its field error to fe.
func (s *Service) upload(fe FieldErrors, doc *Upload, familyID int64, actor Actor) *Document {
	if doc == nil {
		return nil
	}
	d, dfe := newDocument(doc, familyID, actor.AccountID, s.now().UTC(), "document")
	for k, v := range dfe {
		fe[k] = v
	}
	return d
}

// post stores a message and its document, marks it read by its author,
// and claims the notices of it for the others who take part.
func (s *Service) post(ctx context.Context, st Store, actor Actor, threadID, familyID int64, body string, d *Document) (*Message, []Notice, error) {
	m := &Message{FamilyID: familyID, ThreadID: threadID, Author: Person{AccountID: actor.AccountID}, Body: body, CreatedAt: s.now().UTC()}
	if err := st.AddMessage(ctx, m); err != nil {
		return nil, nil, err
	}
	if d != nil {
		d.MessageID, d.ThreadID = m.ID, threadID
		if err := st.AddDocument(ctx, d); err != nil {
			return nil, nil, err
		}
		m.Document = &Document{ID: d.ID, FamilyID: familyID, FileName: d.FileName, ContentType: d.ContentType, Size: d.Size, MessageID: m.ID, ThreadID: threadID}
	}
	if err := st.MarkRead(ctx, familyID, threadID, actor.AccountID, m.ID); err != nil {
		return nil, nil, err
	}
	if s.notifier == nil {
		return m, nil, nil
	}
	notices, err := s.claimNotices(ctx, st, actor, familyID, threadID)
	return m, notices, err
}

// claimNotices picks who to tell of a new message: everyone who takes
// part but its author, a provider only with consent in force and still
// involved, and only those not told since they last read the thread.
func (s *Service) claimNotices(ctx context.Context, st Store, actor Actor, familyID, threadID int64) ([]Notice, error) {
	aud, err := st.ThreadAudience(ctx, familyID, threadID)
	if err != nil {
		return nil, err
	}
	consented, err := s.consentedProviders(ctx, st, familyID)
	if err != nil {
		return nil, err
	}
	reachable := map[int64]bool{}
	for _, c := range consented {
		reachable[c.account] = true
	}
	byID := map[int64]Recipient{}
	var ids []int64
	for _, r := range aud {
		if r.AccountID == actor.AccountID {
			continue
		}
		if r.Kind == LinkProvider && !reachable[r.AccountID] {
			continue
		}
		byID[r.AccountID] = r
		ids = append(ids, r.AccountID)
	}
	if len(ids) == 0 {
		return nil, nil
	}
	claimed, err := st.ClaimNotices(ctx, familyID, threadID, ids)
	if err != nil {
		return nil, err
	}
	var out []Notice
	for _, id := range claimed {
		r := byID[id]
		view := ViewFamily
		switch r.Kind {
		case RecipientCaseManager:
			view = ViewCaseFile
		case LinkProvider:
			view = ViewProvider
		}
		out = append(out, Notice{Email: r.Email, Locale: r.Locale, View: view, FamilyID: familyID, ThreadID: threadID})
	}
	return out, nil
}

// RecipientCaseManager is the kind of a recipient who is a case manager.
const RecipientCaseManager = "casemanager"

func (s *Service) notify(ctx context.Context, notices []Notice) {
	if s.notifier != nil && len(notices) > 0 {
		s.notifier.NotifyNewMessage(context.WithoutCancel(ctx), notices)
	}
}

// AddThreadProvider lets a case manager add a provider in the network, who
// has an account and consent in force, to a thread.
func (s *Service) AddThreadProvider(ctx context.Context, actor Actor, familyID, threadID, networkMemberID int64) error {
	a, err := s.threadDoor(actor, ViewCaseFile, familyID, threadID, "thread", ActionUpdate)
	if err != nil {
		return err
	}
	return s.gate(ctx, a, func(st Store, rel Relationship, id *int64) error {
		*id = threadID
		if _, err := openThread(ctx, st, actor, ViewCaseFile, familyID, threadID); err != nil {
			return err
		}
		consented, err := s.consentedProviders(ctx, st, familyID)
		if err != nil {
			return err
		}
		for _, c := range consented {
			if c.member.ID == networkMemberID {
				return st.AddThreadProvider(ctx, familyID, threadID, c.account, actor.AccountID, s.now().UTC())
			}
		}
		return FieldErrors{"provider": "thread.provider_no_consent"}
	})
}

// Document returns a document of the family with its content, to be
// downloaded: audited as a read. Through the family's and a provider's
// door only a document of a message they may read.
func (s *Service) Document(ctx context.Context, actor Actor, view View, familyID, documentID int64) (*Document, error) {
	a, err := s.threadDoor(actor, view, familyID, 0, "document", ActionRead)
	if err != nil {
		return nil, err
	}
	a.again = nil
	var d *Document
	err = s.gate(ctx, a, func(st Store, rel Relationship, id *int64) error {
		*id = documentID
		var err error
		if d, err = st.Document(ctx, familyID, documentID); err != nil {
			return err
		}
		if d.MessageID == 0 {
			// Documents outside a conversation are the case managers' file.
			if view != ViewCaseFile {
				return Errorf(NotFound, "document not found")
			}
			return nil
		}
		_, err = openThread(ctx, st, actor, view, familyID, d.ThreadID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}
