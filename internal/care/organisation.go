package care

import (
	"context"
	"strings"
)

// OrganisationStore keeps how an organisation is named to the outside.
type OrganisationStore interface {
	OrganisationIdentity(ctx context.Context, organisationID int64) (OrganisationIdentity, error)
	SetOrganisationURA(ctx context.Context, organisationID int64, ura string) error
}

// ValidURA reports whether ura is a URA: the eight digits of a care
// provider's number in the UZI register.
func ValidURA(ura string) bool {
	if len(ura) != 8 {
		return false
	}
	for _, c := range ura {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// OrganisationURA is the organisation's URA, "" when not set: for the
// organisation's administrator's settings.
func (s *Service) OrganisationURA(ctx context.Context, actor Actor) (string, error) {
	if actor.Role != RoleAdmin {
		return "", errNotFound
	}
	var o OrganisationIdentity
	err := s.store.Read(ctx, func(st Store) error {
		var err error
		o, err = st.OrganisationIdentity(ctx, actor.OrganisationID)
		return err
	})
	return o.URA, err
}

// SetOrganisationURA sets the organisation's URA ("" clears it): for the
// organisation's administrator. The change is on record.
func (s *Service) SetOrganisationURA(ctx context.Context, actor Actor, ura string) error {
	d := Decision{Allowed: actor.Role == RoleAdmin}
	if !d.Allowed {
		if err := s.record(ctx, actor, "organisation_setting", ActionUpdate, d, OutcomeDenied); err != nil {
			return err
		}
		return errNotFound
	}
	ura = strings.TrimSpace(ura)
	if ura != "" && !ValidURA(ura) {
		return FieldErrors{"ura": "organisation.ura_invalid"}
	}
	return s.store.Atomic(ctx, func(st Store) error {
		if err := st.SetOrganisationURA(ctx, actor.OrganisationID, ura); err != nil {
			return err
		}
		return st.AppendAudit(ctx, s.event(actor, 0, "organisation_setting", actor.OrganisationID, ActionUpdate, d, OutcomeSuccess))
	})
}
