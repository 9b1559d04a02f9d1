package store

import (
	"context"
	"database/sql"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

// nullID turns 0 into NULL.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// nullString turns "" into NULL.
func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// LinkOf returns how the account belongs to the family, or nil.
func (s *Store) LinkOf(ctx context.Context, accountID, familyID int64) (*care.Link, error) {
	var l care.Link
	var member, network sql.NullInt64
	err := s.rq.QueryRowContext(ctx, `SELECT family_id, account_id, kind, member_id, network_member_id FROM family_accounts
		WHERE family_id = $1 AND account_id = $2 /* Store.LinkOf */`, familyID, accountID).Scan(&l.FamilyID, &l.AccountID, &l.Kind, &member, &network)
	if err == sql.ErrNoRows {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	l.MemberID, l.NetworkMemberID = member.Int64, network.Int64
	return &l, nil
}

// CreateLink links an account to a family.
func (s *Store) CreateLink(ctx context.Context, l *care.Link) error {
	_, err := s.q.ExecContext(ctx, `/* Store.CreateLink */ INSERT INTO family_accounts (family_id, account_id, kind, member_id, network_member_id)
		VALUES ($1, $2, $3, $4, $5)`, l.FamilyID, l.AccountID, l.Kind, nullID(l.MemberID), nullID(l.NetworkMemberID))
	if isUniqueViolation(err) {
		return care.Errorf(care.Conflict, "invitation.already_linked")
	}
	return err
}

// LinkedFamilies returns the families an account is linked to (as family
// or provider), with the child's name and date of birth.
func (s *Store) LinkedFamilies(ctx context.Context, accountID int64) ([]care.LinkedFamilyRow, error) {
	rows, err := s.rq.QueryContext(ctx, `SELECT l.family_id, l.account_id, l.kind, l.member_id, l.network_member_id, f.child_name, f.birth_date
		FROM family_accounts l JOIN families f ON f.id = l.family_id
		WHERE l.account_id = $1 ORDER BY l.family_id /* Store.LinkedFamilies */`, accountID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ls []care.LinkedFamilyRow
	for rows.Next() {
		var l care.LinkedFamilyRow
		var member, network sql.NullInt64
		if err := rows.Scan(&l.FamilyID, &l.AccountID, &l.Kind, &member, &network, &l.ChildName, &l.BirthDate); err != nil {
			return nil, err
		}
		l.MemberID, l.NetworkMemberID, l.BirthDate = member.Int64, network.Int64, l.BirthDate.UTC()
		ls = append(ls, l)
	}
	return ls, rows.Err()
}

const invitationColumns = `id, family_id, kind, member_id, network_member_id, email, name, token_hash, created_by,
	created_at, expires_at, used_at, account_id`

// CreateInvitation inserts an invitation.
func (s *Store) CreateInvitation(ctx context.Context, inv *care.Invitation) error {
	return s.q.QueryRowContext(ctx, `/* Store.CreateInvitation */ INSERT INTO invitations (family_id, kind, member_id,
		network_member_id, email, name, token_hash, created_by, created_at, expires_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
		inv.FamilyID, inv.Kind, nullID(inv.MemberID), nullID(inv.NetworkMemberID), inv.Email, inv.Name, inv.TokenHash,
		inv.CreatedBy, inv.CreatedAt.UTC(), inv.ExpiresAt.UTC()).Scan(&inv.ID)
}

// InvitationByTokenHash returns the invitation with the token hash.
func (s *Store) InvitationByTokenHash(ctx context.Context, hash string) (*care.Invitation, error) {
	var inv care.Invitation
	var member, network, account sql.NullInt64
	var used sql.NullTime
	err := s.rq.QueryRowContext(ctx, `SELECT `+invitationColumns+` FROM invitations WHERE token_hash = $1 /* Store.InvitationByTokenHash */`, hash).Scan(
		&inv.ID, &inv.FamilyID, &inv.Kind, &member, &network, &inv.Email, &inv.Name, &inv.TokenHash, &inv.CreatedBy,
		&inv.CreatedAt, &inv.ExpiresAt, &used, &account)
	if err != nil {
		return nil, notFound(err, "invitation")
	}
	inv.MemberID, inv.NetworkMemberID, inv.AccountID = member.Int64, network.Int64, account.Int64
	inv.CreatedAt, inv.ExpiresAt, inv.UsedAt = inv.CreatedAt.UTC(), inv.ExpiresAt.UTC(), fromNull(used)
	return &inv, nil
}

// UseInvitation marks an unused, unexpired invitation as used by account;
// a used or expired one is care.NotFound. One UPDATE makes it single-use.
func (s *Store) UseInvitation(ctx context.Context, id, accountID int64, at time.Time) error {
	res, err := s.q.ExecContext(ctx, `UPDATE invitations SET used_at = $1, account_id = $2
		WHERE id = $3 AND used_at IS NULL AND expires_at > $1 /* Store.UseInvitation */`, at.UTC(), accountID, id)
	return affectedOne(res, err, "usable invitation")
}

// AddConsent records a grant or withdrawal.
func (s *Store) AddConsent(ctx context.Context, c *care.ConsentRecord) error {
	return s.q.QueryRowContext(ctx, `/* Store.AddConsent */ INSERT INTO consents (family_id, network_member_id, given_by,
		giver_kind, granted, scope, at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
		c.FamilyID, c.NetworkMemberID, c.GivenBy.AccountID, c.GiverKind, c.Granted, c.Scope, c.At.UTC()).Scan(&c.ID)
}

// ConsentRecords returns the family's consent history, oldest first; for
// one provider when networkMemberID is not 0.
func (s *Store) ConsentRecords(ctx context.Context, familyID, networkMemberID int64) ([]care.ConsentRecord, error) {
	rows, err := s.rq.QueryContext(ctx, `SELECT c.id, c.family_id, c.network_member_id, a.id, a.name, c.giver_kind, c.granted, c.scope, c.at
		FROM consents c JOIN accounts a ON a.id = c.given_by
		WHERE c.family_id = $1 AND ($2 = 0 OR c.network_member_id = $2)
		ORDER BY c.at, c.id /* Store.ConsentRecords */`, familyID, networkMemberID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var rs []care.ConsentRecord
	for rows.Next() {
		var r care.ConsentRecord
		if err := rows.Scan(&r.ID, &r.FamilyID, &r.NetworkMemberID, &r.GivenBy.AccountID, &r.GivenBy.Name, &r.GiverKind,
			&r.Granted, &r.Scope, &r.At); err != nil {
			return nil, err
		}
		r.At = r.At.UTC()
		rs = append(rs, r)
	}
	return rs, rows.Err()
}

// AddNote inserts a note or wish.
func (s *Store) AddNote(ctx context.Context, n *care.Note) error {
	return s.q.QueryRowContext(ctx, `/* Store.AddNote */ INSERT INTO family_notes (family_id, account_id, kind, body, created_at)
		VALUES ($1, $2, $3, $4, $5) RETURNING id`, n.FamilyID, n.Author.AccountID, n.Kind, n.Body, n.CreatedAt.UTC()).Scan(&n.ID)
}

// Notes returns the family's notes and wishes, newest first.
func (s *Store) Notes(ctx context.Context, familyID int64) ([]care.Note, error) {
	rows, err := s.rq.QueryContext(ctx, `SELECT n.id, n.family_id, a.id, a.name, n.kind, n.body, n.created_at
		FROM family_notes n JOIN accounts a ON a.id = n.account_id
		WHERE n.family_id = $1 ORDER BY n.created_at DESC, n.id DESC /* Store.Notes */`, familyID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ns []care.Note
	for rows.Next() {
		var n care.Note
		if err := rows.Scan(&n.ID, &n.FamilyID, &n.Author.AccountID, &n.Author.Name, &n.Kind, &n.Body, &n.CreatedAt); err != nil {
			return nil, err
		}
		n.CreatedAt = n.CreatedAt.UTC()
		ns = append(ns, n)
	}
	return ns, rows.Err()
}

// AccessLog returns the audit records about one family between from and
// to, newest first, with the actor's name and organisation: for a provider
// linked to the family, the organisation named in its care network.
func (s *Store) AccessLog(ctx context.Context, familyID int64, from, to time.Time) ([]care.AccessEntry, error) {
	rows, err := s.rq.QueryContext(ctx, `SELECT e.at, COALESCE(a.name, ''),
			CASE WHEN COALESCE(nm.organisation, '') <> '' THEN nm.organisation ELSE COALESCE(o.name, '') END,
			e.actor_role, e.object_type, e.action, e.outcome
		FROM audit_events e LEFT JOIN accounts a ON a.id = e.actor_id LEFT JOIN organisations o ON o.id = a.organisation_id
			LEFT JOIN family_accounts fa ON fa.account_id = e.actor_id AND fa.family_id = e.family_id
			LEFT JOIN network_members nm ON nm.id = fa.network_member_id
		WHERE e.family_id = $1 AND e.at >= $2 AND e.at < $3
		ORDER BY e.id DESC /* Store.AccessLog */`, familyID, from.UTC(), to.UTC())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var es []care.AccessEntry
	for rows.Next() {
		var e care.AccessEntry
		if err := rows.Scan(&e.At, &e.ActorName, &e.Organisation, &e.Role, &e.ObjectType, &e.Action, &e.Outcome); err != nil {
			return nil, err
		}
		e.At = e.At.UTC()
		es = append(es, e)
	}
	return es, rows.Err()
}
