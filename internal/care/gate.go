package care

import (
	"context"
	"errors"
	"time"
)

// Service is the one door to family data: every surface calls it, and every
// call goes through the gate, which authorises, does the store work and
// writes the audit record (and for a write under an idempotency key keeps
// its answer), here and nowhere else.
type Service struct {
	store     Store
	now       func() time.Time
	passwords Passwords
	notifier  Notifier
	feeds     FeedLimiter
	counter   SignalCounter // the digest's counts; nil: the signal engine's
}

// Passwords is what accepting an invitation needs to make an account's
// password: the policy and the hash. internal/auth provides it.
type Passwords interface {
	CheckPolicy(password string) error
	Hash(password string) (string, error)
}

// NewService returns the Service on store; now may be nil for time.Now.
func NewService(store Store, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{store: store, now: now}
}

// SetPasswords gives the service what it needs to make the account of an
// accepted invitation.
func (s *Service) SetPasswords(p Passwords) { s.passwords = p }

// errNotFound is what an unauthorised read sees: the same as a missing family.
var errNotFound = Errorf(NotFound, "family not found")

// errDenied ends a transaction the policy refused; the caller sees errNotFound.
var errDenied = errors.New("care: access denied")

// access is one access to a family's file: who, which family, through
// which door, to what kind of object, and the action.
type access struct {
	actor    Actor
	familyID int64
	view     View
	object   string
	action   Action
	// again reads, in the same transaction, what the page of a form that
	// was refused for its input shows, so the page is drawn again without
	// a second read; nil when the caller has no such page.
	again func(ctx context.Context, st Store, familyID int64, rel Relationship, in *InvalidInput) error
	// marks is set on a read that also keeps the reader's own bookkeeping
	// (how far they read a thread): it runs in a write transaction, and
	// its audit record commits with it.
	marks bool
}

// readOnly reports whether the access runs in a read transaction.
func (a access) readOnly() bool { return a.action.reads() && !a.marks }

// reads reports whether the action only reads: then the work runs in a
// read transaction and its audit record is appended after it.
func (a Action) reads() bool {
	switch a {
	case ActionRead, ActionPrint, ActionExport, ActionSearch:
		return true
	}
	return false
}

// gate runs one access to a family's file. Inside one transaction it reads
// the relationship, asks the policy and, when allowed, runs fn, which does
// the store work and may name the object it touched in objectID.
//
// A write keeps its audit record in its own transaction: the change and
// its record commit together, and so does the answer for the client's
// idempotency key when the write came with one (see Idempotent). A read runs in a read transaction, which
// takes no write lock; its record is appended after it by the group
// commit, and gate returns only once that record is durable, so nothing
// read is handed out without its record. A refusal or a failure is
// recorded too (outcome denied or failed) and nothing of the work is kept;
// a refusal answers NotFound, as for a family that does not exist.
func (s *Service) gate(ctx context.Context, a access, fn func(st Store, rel Relationship, objectID *int64) error) error {
	var d Decision
	var objectID int64
	work := func(st Store) error {
		d, objectID = Decision{}, 0
		rel, err := s.relationship(ctx, st, a.actor, a.familyID)
		if err != nil {
			return err
		}
		if d = Authorize(a.actor, a.view, rel); !d.Allowed {
			return errDenied
		}
		if err := fn(st, rel, &objectID); err != nil {
			return s.invalid(ctx, st, a, rel, err)
		}
		if a.readOnly() {
			return nil
		}
		if err := st.AppendAudit(ctx, s.event(a.actor, a.familyID, a.object, objectID, a.action, d, OutcomeSuccess)); err != nil {
			return err
		}
		return s.keepAnswer(ctx, st, a.actor, objectID)
	}
	var err error
	if a.readOnly() {
		if err = s.store.Read(ctx, work); err == nil {
			return s.store.AppendAudit(ctx, s.event(a.actor, a.familyID, a.object, objectID, a.action, d, OutcomeSuccess))
		}
	} else if err = s.store.Atomic(ctx, work); err == nil {
		return nil
	}
	outcome := OutcomeFailed
	if errors.Is(err, errDenied) {
		outcome, err = OutcomeDenied, errNotFound
	}
	// The attempt is on record, e.g. an id of another family's task tried
	// through one's own family.
	if aerr := s.store.AppendAudit(ctx, s.event(a.actor, a.familyID, a.object, objectID, a.action, d, outcome)); aerr != nil {
		return errors.Join(err, aerr)
	}
	return err
}

// InvalidInput is a write refused for what was typed, or by a rule the
// page of its form explains (a parent without custody giving consent): the
// errors per field or the rule, and what the page of the form shows, read
// in the refused write's own transaction. It unwraps to the rule when
// there is one, else to its FieldErrors.
type InvalidInput struct {
	Fields FieldErrors
	Rule   *Error // of kind Forbidden, with a catalog key as its message
	// Form is the file as the case manager's page of the form shows it:
	// the family page for a form on it, else the family, members,
	// network, case managers and episode.
	Form *File
	// Overview is the family's own page, Provider a provider's page and
	// Plan the care plan page.
	Overview *FamilyOverview
	Provider *ProviderFile
	Plan     *PlanFile
	// Threads and Thread are the pages of a conversation's forms.
	Threads *ThreadList
	Thread  *ThreadPage
	// Coverage is the page of the coverage plan's forms.
	Coverage *CoverageFile
	// Stays is the page of the stays' forms.
	Stays *StayFile
	// Transfers is the page of the transfers' forms.
	Transfers *TransferFile
	// Meetings is the page that organises a meeting, Meeting the page of
	// one meeting (its minutes, a parent declining).
	Meetings *MeetingList
	Meeting  *MeetingPage
	// Death is the page of the death and the aftercare.
	Death *DeathFile
}

func (e *InvalidInput) Error() string {
	if e.Rule != nil {
		return e.Rule.Error()
	}
	return e.Fields.Error()
}

// Unwrap gives the rule, or the field errors.
func (e *InvalidInput) Unwrap() error {
	if e.Rule != nil {
		return e.Rule
	}
	return e.Fields
}

// invalid adds the page of the form to field errors and to a refusal by a
// rule, when the access has such a page.
func (s *Service) invalid(ctx context.Context, st Store, a access, rel Relationship, err error) error {
	if a.again == nil {
		return err
	}
	in := &InvalidInput{}
	var fe FieldErrors
	var rule *Error
	switch {
	case errors.As(err, &fe):
		in.Fields = fe
	case errors.As(err, &rule) && rule.Code == Forbidden:
		in.Rule = rule
	default:
		return err
	}
	if aerr := a.again(ctx, st, a.familyID, rel, in); aerr != nil {
		return errors.Join(err, aerr)
	}
	return in
}

// record audits an access that concerns no one family (a caseload search,
// a list of one's own families, a login) and is not part of a write.
func (s *Service) record(ctx context.Context, actor Actor, object string, action Action, d Decision, outcome string) error {
	return s.store.AppendAudit(ctx, s.event(actor, 0, object, 0, action, d, outcome))
}

func (s *Service) event(actor Actor, familyID int64, object string, objectID int64, action Action, d Decision, outcome string) *AuditEvent {
	return &AuditEvent{
		At: s.now().UTC().Truncate(time.Microsecond), ActorID: actor.AccountID, ActorRole: actor.Role,
		FamilyID: familyID, ObjectType: object, ObjectID: objectID, Action: action, Outcome: outcome,
		AccessPoint: actor.AccessPoint, Authorised: d.Allowed, Relationship: d.Relationship,
		Consent: d.Consent, Emergency: d.Emergency,
	}
}

// relationship is how actor relates to the family on this request, read in
// the transaction it guards: case manager, linked account, and for a
// provider the consent in force today.
func (s *Service) relationship(ctx context.Context, st Store, actor Actor, familyID int64) (Relationship, error) {
	rel, err := st.Relationship(ctx, actor.AccountID, familyID)
	if err != nil {
		return rel, err
	}
	// A provider link that names no network member has no consent: the
	// store reads "network member 0" as every provider of the family.
	if rel.Link != nil && rel.Link.Kind == LinkProvider && rel.Link.NetworkMemberID != 0 {
		recs, err := st.ConsentRecords(ctx, familyID, rel.Link.NetworkMemberID)
		if err != nil {
			return rel, err
		}
		rel.Consent = EvaluateConsent(rel.BirthDate, s.now(), recs)
		if !rel.Link.NetworkEndedOn.IsZero() && rel.Link.NetworkEndedOn.Before(DateOf(s.now())) {
			// Involvement ended: no consent counts any more.
			rel.Consent = ConsentState{}
		}
	}
	return rel, nil
}
