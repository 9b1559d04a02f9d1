package care

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"strings"
	"time"
)

// relationship is how actor relates to the family on this request: case
// manager, linked account, and for a provider the consent in force today.
func (s *Service) relationship(ctx context.Context, st Store, actor Actor, familyID int64) (Relationship, error) {
	rel, err := st.Relationship(ctx, actor.AccountID, familyID)
	if err != nil {
		return rel, err
	}
	if rel.Link, err = st.LinkOf(ctx, actor.AccountID, familyID); err != nil || rel.Link == nil {
		return rel, err
	}
	// A provider link that names no network member has no consent: the
	// store reads "network member 0" as every provider of the family.
	if rel.Link.Kind == LinkProvider && rel.Link.NetworkMemberID != 0 {
		f, err := st.FamilyByID(ctx, familyID)
		if err != nil {
			return rel, err
		}
		recs, err := st.ConsentRecords(ctx, familyID, rel.Link.NetworkMemberID)
		if err != nil {
			return rel, err
		}
		rel.Consent = EvaluateConsent(f.BirthDate, s.now(), recs)
	}
	return rel, nil
}

// view runs one access to a restricted view: the policy decides (a refusal
// is audited and answers NotFound), fn works in a transaction that also
// writes the audit record, and a failure is recorded as such.
func (s *Service) view(ctx context.Context, actor Actor, familyID int64, view View, object string, action Action,
	fn func(st Store, rel Relationship, objectID *int64) error) error {
	rel, err := s.relationship(ctx, s.store, actor, familyID)
	if err != nil {
		return err
	}
	d := AuthorizeView(actor, view, rel)
	if !d.Allowed {
		if err := s.store.AppendAudit(ctx, s.event(actor, familyID, object, 0, action, d, OutcomeDenied)); err != nil {
			return err
		}
		return errNotFound
	}
	var objectID int64
	err = s.store.Atomic(ctx, func(st Store) error {
		objectID = 0
		if err := fn(st, rel, &objectID); err != nil {
			return err
		}
		return st.AppendAudit(ctx, s.event(actor, familyID, object, objectID, action, d, OutcomeSuccess))
	})
	if err != nil {
		if aerr := s.store.AppendAudit(ctx, s.event(actor, familyID, object, objectID, action, d, OutcomeFailed)); aerr != nil {
			return aerr
		}
	}
	return err
}

// ProviderFile is what a provider with consent sees: the child, the
// network and the provider's own tasks. Nothing else.
type ProviderFile struct {
	Family  Family
	Network []NetworkMember
	Tasks   []Task // the provider's own
	Scope   string // the consent in force
	Me      NetworkMember
}

// ProviderView returns the provider's view of a family.
func (s *Service) ProviderView(ctx context.Context, actor Actor, familyID int64) (*ProviderFile, error) {
	var pf *ProviderFile
	err := s.view(ctx, actor, familyID, ViewProvider, "provider_view", ActionRead, func(st Store, rel Relationship, id *int64) error {
		f, err := st.FamilyFile(ctx, familyID)
		if err != nil {
			return err
		}
		*id = familyID
		pf = &ProviderFile{Family: f.Family, Network: f.Network, Scope: rel.Consent.Scope}
		pf.Family.BSN, pf.Family.Summary, pf.Family.LivingSituation = "", "", ""
		for _, n := range f.Network {
			if n.ID == rel.Link.NetworkMemberID {
				pf.Me = n
			}
		}
		for _, t := range f.Tasks {
			if t.NetworkMemberID == rel.Link.NetworkMemberID && t.NetworkMemberID != 0 {
				pf.Tasks = append(pf.Tasks, t)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return pf, nil
}

// LinkedFamily is one family in a provider's or family member's list.
type LinkedFamily struct {
	FamilyID  int64
	ChildName string
	Kind      string // the link kind
	Consent   bool   // for providers: consent in force today
}

// MyFamilies lists the families an account is linked to; for a provider
// only those whose consent is in force today are openable (Consent true).
func (s *Service) MyFamilies(ctx context.Context, actor Actor) ([]LinkedFamily, error) {
	links, err := s.store.LinkedFamilies(ctx, actor.AccountID)
	if err != nil {
		return nil, err
	}
	var out []LinkedFamily
	for _, l := range links {
		rel, err := s.relationship(ctx, s.store, actor, l.FamilyID)
		if err != nil {
			return nil, err
		}
		f, err := s.store.FamilyByID(ctx, l.FamilyID)
		if err != nil {
			return nil, err
		}
		lf := LinkedFamily{FamilyID: l.FamilyID, Kind: l.Kind, Consent: rel.Consent.Given()}
		if l.Kind != LinkProvider || lf.Consent {
			lf.ChildName = f.ChildName // a provider without consent does not even see the name
		}
		out = append(out, lf)
	}
	err = s.store.AppendAudit(ctx, s.event(actor, 0, "linked_families", 0, ActionSearch, Decision{Allowed: true, Relationship: true}, OutcomeSuccess))
	return out, err
}

// ProviderCompleteTask lets a provider close one of their own tasks.
func (s *Service) ProviderCompleteTask(ctx context.Context, actor Actor, familyID, taskID int64, note string) error {
	return s.view(ctx, actor, familyID, ViewProvider, "task", ActionUpdate, func(st Store, rel Relationship, id *int64) error {
		*id = taskID
		if err := s.ownTask(ctx, st, familyID, taskID, func(t Task) bool { return t.NetworkMemberID != 0 && t.NetworkMemberID == rel.Link.NetworkMemberID }); err != nil {
			return err
		}
		return s.completeTask(ctx, st, actor, familyID, taskID, note)
	})
}

// ErrTaskNotOpen answers for a task that is not open or not the caller's:
// a form sent twice meets it too.
var ErrTaskNotOpen = Errorf(NotFound, "task not found")

// ownTask checks that the open task belongs to whoever mine says.
func (s *Service) ownTask(ctx context.Context, st Store, familyID, taskID int64, mine func(Task) bool) error {
	f, err := st.FamilyFile(ctx, familyID)
	if err != nil {
		return err
	}
	for _, t := range f.Tasks {
		if t.ID == taskID && t.Status == "open" && mine(t) {
			return nil
		}
	}
	return ErrTaskNotOpen
}

func (s *Service) completeTask(ctx context.Context, st Store, actor Actor, familyID, taskID int64, note string) error {
	fe := FieldErrors{}
	text(fe, "done_note", note, MaxText, true)
	if len(fe) > 0 {
		return fe
	}
	return st.CompleteTask(ctx, familyID, taskID, strings.TrimSpace(note), s.now().UTC(), actor.AccountID)
}

// AddProviderNote lets a provider leave a note for the case managers.
func (s *Service) AddProviderNote(ctx context.Context, actor Actor, familyID int64, body string) error {
	return s.view(ctx, actor, familyID, ViewProvider, "note", ActionCreate, func(st Store, _ Relationship, id *int64) error {
		n := &Note{FamilyID: familyID, Author: Person{AccountID: actor.AccountID}, Kind: NoteProvider, Body: strings.TrimSpace(body), CreatedAt: s.now().UTC()}
		if err := n.Validate(); err != nil {
			return err
		}
		err := st.AddNote(ctx, n)
		*id = n.ID
		return err
	})
}

// ProviderConsent is the consent for one provider, as the family sees it.
type ProviderConsent struct {
	Member NetworkMember
	State  ConsentState
	// Mine is the viewer's own latest record for this provider, if any.
	Mine *ConsentRecord
}

// FamilyOverview is the family's own view of their file.
type FamilyOverview struct {
	File     File
	Notes    []Note
	Consents []ProviderConsent
	Link     Link
	// Rule is the consent rule today; IsChild tells whether the viewer is the child.
	Rule    ConsentRule
	IsChild bool
	// MayConsent is false for a parent once the child is 16: the young
	// person decides alone.
	MayConsent bool
}

// FamilyView returns the family's own overview.
func (s *Service) FamilyView(ctx context.Context, actor Actor, familyID int64) (*FamilyOverview, error) {
	var ov *FamilyOverview
	err := s.view(ctx, actor, familyID, ViewFamily, "family_view", ActionRead, func(st Store, rel Relationship, id *int64) error {
		f, err := st.FamilyFile(ctx, familyID)
		if err != nil {
			return err
		}
		*id = familyID
		ov = &FamilyOverview{File: *f, Link: *rel.Link, IsChild: rel.Link.Kind == LinkChild, Rule: RuleOn(f.Family.BirthDate, s.now())}
		ov.File.Family.BSN, ov.File.Contacts = "", nil // contacts are the case managers' registration
		ov.File.Notes = nil                            // the family's own notes follow below, without providers' notes
		// A parent consents only with custody, and only until the child is 16.
		ov.MayConsent = ov.IsChild || (ov.Rule != RuleChild && s.hasCustody(f, rel.Link.MemberID))
		notes, err := st.Notes(ctx, familyID)
		if err != nil {
			return err
		}
		for _, n := range notes {
			if n.Kind != NoteProvider { // a provider's note is for the case managers
				ov.Notes = append(ov.Notes, n)
			}
		}
		recs, err := st.ConsentRecords(ctx, familyID, 0)
		if err != nil {
			return err
		}
		for _, n := range f.Network {
			var mine []ConsentRecord
			pc := ProviderConsent{Member: n}
			for _, r := range recs {
				if r.NetworkMemberID == n.ID {
					mine = append(mine, r)
					if r.GivenBy.AccountID == actor.AccountID {
						pc.Mine = &r
					}
				}
			}
			pc.State = EvaluateConsent(f.Family.BirthDate, s.now(), mine)
			ov.Consents = append(ov.Consents, pc)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return ov, nil
}

// SetConsent grants (granted true) or withdraws consent for one provider
// in the network. A parent gives consent only with custody; from 16 only
// the young person's own consent counts.
func (s *Service) SetConsent(ctx context.Context, actor Actor, familyID, networkMemberID int64, granted bool, scope string) error {
	return s.view(ctx, actor, familyID, ViewFamily, "consent", ActionUpdate, func(st Store, rel Relationship, id *int64) error {
		f, err := st.FamilyFile(ctx, familyID)
		if err != nil {
			return err
		}
		found := false
		for _, n := range f.Network {
			found = found || n.ID == networkMemberID
		}
		if !found {
			return Errorf(NotFound, "network member not found")
		}
		fe := FieldErrors{}
		if !granted && scope == "" {
			scope = ScopeFile // a withdrawal withdraws, whatever the scope was
		}
		oneOf(fe, "scope", scope, ScopeFile, ScopePlanNetwork)
		if len(fe) > 0 {
			return fe
		}
		kind := GiverChild
		if rel.Link.Kind != LinkChild {
			kind = GiverParent
			if !s.hasCustody(f, rel.Link.MemberID) {
				return Errorf(Forbidden, "consent.no_custody")
			}
			if RuleOn(f.Family.BirthDate, s.now()) == RuleChild {
				return Errorf(Forbidden, "consent.child_decides")
			}
		}
		r := &ConsentRecord{FamilyID: familyID, NetworkMemberID: networkMemberID, GivenBy: Person{AccountID: actor.AccountID},
			GiverKind: kind, Granted: granted, Scope: scope, At: s.now().UTC()}
		*id = networkMemberID
		return st.AddConsent(ctx, r)
	})
}

func (s *Service) hasCustody(f *File, memberID int64) bool {
	for _, m := range f.Members {
		if m.ID == memberID {
			return m.Custody
		}
	}
	return false
}

// FamilyCompleteTask lets the family close a task that is theirs.
func (s *Service) FamilyCompleteTask(ctx context.Context, actor Actor, familyID, taskID int64, note string) error {
	return s.view(ctx, actor, familyID, ViewFamily, "task", ActionUpdate, func(st Store, _ Relationship, id *int64) error {
		*id = taskID
		if err := s.ownTask(ctx, st, familyID, taskID, func(t Task) bool { return t.OwnerKind == "family" }); err != nil {
			return err
		}
		return s.completeTask(ctx, st, actor, familyID, taskID, note)
	})
}

// AddFamilyNote adds the family's own note or wish (kind NoteWish or NoteFamily).
func (s *Service) AddFamilyNote(ctx context.Context, actor Actor, familyID int64, kind, body string) error {
	return s.view(ctx, actor, familyID, ViewFamily, "note", ActionCreate, func(st Store, _ Relationship, id *int64) error {
		if kind != NoteWish && kind != NoteFamily {
			return FieldErrors{"kind": "field.choose"}
		}
		n := &Note{FamilyID: familyID, Author: Person{AccountID: actor.AccountID}, Kind: kind, Body: strings.TrimSpace(body), CreatedAt: s.now().UTC()}
		if err := n.Validate(); err != nil {
			return err
		}
		err := st.AddNote(ctx, n)
		*id = n.ID
		return err
	})
}

// StopCaseManagement records that the family declines or stops case
// management; the case manager can reopen it.
func (s *Service) StopCaseManagement(ctx context.Context, actor Actor, familyID int64, note string) error {
	return s.view(ctx, actor, familyID, ViewFamily, "episode", ActionUpdate, func(st Store, _ Relationship, id *int64) error {
		f, err := st.FamilyFile(ctx, familyID)
		if err != nil {
			return err
		}
		if f.Episode == nil {
			return Errorf(NotFound, "episode not found")
		}
		e := *f.Episode
		e.Status = "ended" // stopped after it had been accepted
		if f.Episode.Status == "offered" {
			e.Status = "declined"
		}
		e.StatusDate, e.StatusNote = DateOf(s.now()), strings.TrimSpace(note)
		if err := e.Validate(s.now(), f.Family.BirthDate); err != nil {
			return err
		}
		*id = familyID
		return st.SaveEpisode(ctx, &e)
	})
}

// AccessLog returns who looked at the family's file between from and to,
// for the family and their case managers. Reading it is audited too.
func (s *Service) AccessLog(ctx context.Context, actor Actor, familyID int64, from, to time.Time) ([]AccessEntry, error) {
	var log []AccessEntry
	err := s.view(ctx, actor, familyID, ViewAccessLog, "access_log", ActionRead, func(st Store, _ Relationship, id *int64) error {
		var err error
		log, err = st.AccessLog(ctx, familyID, from, to)
		*id = familyID
		return err
	})
	if err != nil {
		return nil, err
	}
	return log, nil
}

// Invitation errors, with catalog keys that say what to do.
var (
	ErrInvitationUnknown = Errorf(NotFound, "invitation.unknown")
	ErrInvitationExpired = Errorf(Invalid, "invitation.expired")
	ErrInvitationUsed    = Errorf(Invalid, "invitation.used")
)

var tokenEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// HashInvitationToken returns the stored form of an invitation token.
func HashInvitationToken(token string) string {
	sum := sha256.Sum256([]byte("spil-invitation:" + token))
	return hex.EncodeToString(sum[:])
}

// CreateInvitation invites a parent (MemberID set), the child (from 12) or a
// provider (NetworkMemberID set) and returns the one-time token for the link.
func (s *Service) CreateInvitation(ctx context.Context, actor Actor, inv *Invitation) (string, error) {
	var token string
	err := s.access(ctx, actor, inv.FamilyID, "invitation", ActionCreate, func(st Store, id *int64) error {
		f, err := st.FamilyFile(ctx, inv.FamilyID)
		if err != nil {
			return err
		}
		fe := FieldErrors{}
		text(fe, "name", inv.Name, MaxName, true)
		inv.Email = strings.ToLower(strings.TrimSpace(inv.Email))
		text(fe, "email", inv.Email, 254, true)
		email(fe, "email", inv.Email)
		switch inv.Kind {
		case LinkParent:
			inv.NetworkMemberID = 0
			ok := false
			for _, m := range f.Members {
				ok = ok || (m.ID == inv.MemberID && (m.Kind == "parent" || m.Kind == "carer"))
			}
			if !ok {
				fe["member"] = "field.choose"
			}
		case LinkChild:
			inv.MemberID, inv.NetworkMemberID = 0, 0
			if AgeOn(f.Family.BirthDate, s.now()) < MinChildAccountAge {
				fe["kind"] = "invitation.child_too_young"
			}
		case LinkProvider:
			inv.MemberID = 0
			ok := false
			for _, n := range f.Network {
				ok = ok || n.ID == inv.NetworkMemberID
			}
			if !ok {
				fe["network_member"] = "field.choose"
			}
		default:
			fe["kind"] = "field.choose"
		}
		if len(fe) > 0 {
			return fe
		}
		b := make([]byte, 32)
		if _, err := rand.Read(b); err != nil {
			return err
		}
		token = tokenEncoding.EncodeToString(b)
		now := s.now().UTC()
		inv.TokenHash, inv.CreatedBy, inv.CreatedAt, inv.ExpiresAt = HashInvitationToken(token), actor.AccountID, now, now.Add(InvitationValidity)
		if err := st.CreateInvitation(ctx, inv); err != nil {
			return err
		}
		*id = inv.ID
		return nil
	})
	return token, err
}

// InvitationForToken returns the invitation a link names, if it can still
// be used: unknown (or tampered) tokens, expired and used invitations each
// get their own error.
func (s *Service) InvitationForToken(ctx context.Context, token string) (*Invitation, error) {
	if token == "" || len(token) > 100 {
		return nil, ErrInvitationUnknown
	}
	inv, err := s.store.InvitationByTokenHash(ctx, HashInvitationToken(token))
	if ErrorCode(err) == NotFound {
		return nil, ErrInvitationUnknown
	}
	if err != nil {
		return nil, err
	}
	switch {
	case !inv.UsedAt.IsZero():
		return nil, ErrInvitationUsed
	case !s.now().Before(inv.ExpiresAt):
		return nil, ErrInvitationExpired
	}
	return inv, nil
}

// AcceptInvitation links the new account to the family, once: the
// invitation is used in the same transaction.
func (s *Service) AcceptInvitation(ctx context.Context, token string, accountID int64, accessPoint string) error {
	inv, err := s.InvitationForToken(ctx, token)
	if err != nil {
		return err
	}
	role := RoleFamily
	if inv.Kind == LinkProvider {
		role = RoleProvider
	}
	return s.store.Atomic(ctx, func(st Store) error {
		if err := st.UseInvitation(ctx, inv.ID, accountID, s.now()); err != nil {
			return ErrInvitationUsed
		}
		if err := st.CreateLink(ctx, &Link{FamilyID: inv.FamilyID, AccountID: accountID, Kind: inv.Kind,
			MemberID: inv.MemberID, NetworkMemberID: inv.NetworkMemberID}); err != nil {
			return err
		}
		actor := Actor{AccountID: accountID, Role: role, AccessPoint: accessPoint}
		return st.AppendAudit(ctx, s.event(actor, inv.FamilyID, "invitation", inv.ID, ActionUpdate,
			Decision{Allowed: true, Relationship: true}, OutcomeSuccess))
	})
}
