package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/spil-zorg/spil/internal/care"
)

var _ care.Store = (*Store)(nil)

// nullDate turns a zero time into NULL.
func nullDate(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

func fromNull(t sql.NullTime) time.Time {
	if !t.Valid {
		return time.Time{}
	}
	return t.Time.UTC()
}

// Relationship reads, in one query, how the account relates to the family:
// whether it is one of its case managers, its link if any, and the
// child's date of birth. A family that does not exist gives the zero
// Relationship, which the policy refuses.
func (s *Store) Relationship(ctx context.Context, accountID, familyID int64) (care.Relationship, error) {
	var rel care.Relationship
	var cm int
	var kind sql.NullString
	var member, network sql.NullInt64
	var ended sql.NullTime
	err := s.rq.QueryRowContext(ctx, `SELECT f.birth_date, f.unborn,
			(SELECT COUNT(*) FROM case_managers c WHERE c.family_id = f.id AND c.account_id = $2),
			fa.kind, fa.member_id, fa.network_member_id, nm.ended_on
		FROM families f LEFT JOIN family_accounts fa ON fa.family_id = f.id AND fa.account_id = $2
			LEFT JOIN network_members nm ON nm.id = fa.network_member_id AND nm.family_id = f.id
		WHERE f.id = $1 /* Store.Relationship */`, familyID, accountID).Scan(&rel.BirthDate, &rel.Unborn, &cm, &kind, &member, &network, &ended)
	if errors.Is(err, sql.ErrNoRows) {
		return care.Relationship{}, nil
	}
	if err != nil {
		return rel, err
	}
	rel.BirthDate, rel.CaseManager = rel.BirthDate.UTC(), cm > 0
	if kind.Valid {
		rel.Link = &care.Link{FamilyID: familyID, AccountID: accountID, Kind: kind.String, MemberID: member.Int64,
			NetworkMemberID: network.Int64, NetworkEndedOn: fromNull(ended)}
	}
	return rel, nil
}

// Caseload returns the families the account is a case manager of.
func (s *Store) Caseload(ctx context.Context, accountID int64, today time.Time) ([]care.CaseloadItem, error) {
	return s.caseloadItems(ctx, today, `/* Store.Caseload */ WHERE `+s.dialect.inCaseload("f.id", "$1"), accountID)
}

// CaseloadMembers lists the members of the families in the account's
// caseload by family, with their name, kind and relation only.
func (s *Store) CaseloadMembers(ctx context.Context, accountID int64) (map[int64][]care.Member, error) {
	rows, err := s.rq.QueryContext(ctx, `/* Store.CaseloadMembers */ SELECT m.family_id, m.id, m.name, m.kind, m.relation FROM family_members m
		WHERE `+s.dialect.inCaseload("m.family_id", "$1")+` ORDER BY m.family_id, m.id`, accountID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64][]care.Member{}
	for rows.Next() {
		var m care.Member
		if err := rows.Scan(&m.FamilyID, &m.ID, &m.Name, &m.Kind, &m.Relation); err != nil {
			return nil, err
		}
		out[m.FamilyID] = append(out[m.FamilyID], m)
	}
	return out, rows.Err()
}

// FamiliesWithBirthDate lists an organisation's families with a date of birth, to spot duplicates.
func (s *Store) FamiliesWithBirthDate(ctx context.Context, organisationID int64, birth time.Time) ([]care.CaseloadItem, error) {
	return s.caseloadItems(ctx, s.now(), `/* Store.FamiliesWithBirthDate */ WHERE f.organisation_id = $1 AND f.birth_date = $2`, organisationID, birth.UTC())
}

func (s *Store) caseloadItems(ctx context.Context, today time.Time, where string, args ...any) ([]care.CaseloadItem, error) {
	today = care.DateOf(today)
	rows, err := s.rq.QueryContext(ctx, `SELECT f.id, f.child_name, f.birth_date, f.intensity, f.next_contact, f.deceased, f.deceased_on, f.unborn,
			COALESCE(e.status, ''),
			(SELECT COUNT(*) FROM tasks t WHERE t.family_id = f.id AND t.status = 'open'),
			(SELECT COUNT(*) FROM tasks t WHERE t.family_id = f.id AND t.status = 'open' AND t.due_date < $`+argN(len(args)+1)+`),
			p.review_due
		FROM families f LEFT JOIN episodes e ON e.family_id = f.id LEFT JOIN care_plans p ON p.family_id = f.id `+where+` ORDER BY f.child_name, f.id`,
		append(args, today)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var items []care.CaseloadItem
	for rows.Next() {
		var it care.CaseloadItem
		var next, review, died sql.NullTime
		if err := rows.Scan(&it.FamilyID, &it.ChildName, &it.BirthDate, &it.Intensity, &next, &it.Deceased, &died, &it.Unborn,
			&it.Status, &it.OpenTasks, &it.Overdue, &review); err != nil {
			return nil, err
		}
		it.NextContact, it.PlanReviewDue, it.DeceasedOn = fromNull(next), fromNull(review), fromNull(died)
		it.BirthDate = it.BirthDate.UTC()
		items = append(items, it)
	}
	return items, rows.Err()
}

func argN(n int) string {
	const digits = "0123456789"
	if n < 10 {
		return digits[n : n+1]
	}
	return digits[n/10:n/10+1] + digits[n%10:n%10+1]
}

const familyColumns = `id, organisation_id, child_name, birth_date, sex, bsn, diagnosis, icd10, living_situation,
	culture_notes, intensity, next_contact, summary, deceased, created_at, updated_at, unborn, deceased_on`

// CreateFamilyFile inserts the family, its secondary diagnoses, the episode,
// the first intensity record and the opening case manager.
func (s *Store) CreateFamilyFile(ctx context.Context, f *care.Family, e *care.Episode, kind string, accountID int64, at time.Time) error {
	return s.Atomic(ctx, func(cs care.Store) error {
		st := cs.(*Store)
		err := st.q.QueryRowContext(ctx, `/* Store.CreateFamilyFile */
			INSERT INTO families (organisation_id, child_name, birth_date, sex, bsn, diagnosis, icd10, living_situation,
				culture_notes, intensity, next_contact, summary, deceased, created_at, updated_at, unborn)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14, $15) RETURNING id`,
			f.OrganisationID, f.ChildName, f.BirthDate.UTC(), f.Sex, f.BSN, f.Diagnosis, f.ICD10, f.LivingSituation,
			f.CultureNotes, string(f.Intensity), nullDate(f.NextContact), f.Summary, f.Deceased, at.UTC(), f.Unborn).Scan(&f.ID)
		if err != nil {
			return err
		}
		if err := st.replaceDiagnoses(ctx, f.ID, f.Secondary); err != nil {
			return err
		}
		e.FamilyID = f.ID
		if err := st.SaveEpisode(ctx, e); err != nil {
			return err
		}
		if err := st.AssignCaseManager(ctx, f.ID, kind, accountID); err != nil {
			return err
		}
		_, err = st.q.ExecContext(ctx, `INSERT INTO intensity_changes (family_id, intensity, next_contact, reason, changed_at, changed_by)
			VALUES ($1, $2, $3, $4, $5, $6)`, f.ID, string(f.Intensity), nullDate(f.NextContact), "intake", at.UTC(), accountID)
		return err
	})
}

func (s *Store) replaceDiagnoses(ctx context.Context, familyID int64, ds []care.Diagnosis) error {
	if _, err := s.q.ExecContext(ctx, `DELETE FROM secondary_diagnoses WHERE family_id = $1 /* Store.replaceDiagnoses */`, familyID); err != nil {
		return err
	}
	for i := range ds {
		d := &ds[i]
		if err := s.q.QueryRowContext(ctx, `INSERT INTO secondary_diagnoses (family_id, description, icd10)
			VALUES ($1, $2, $3) RETURNING id /* Store.replaceDiagnoses */`, familyID, d.Description, d.ICD10).Scan(&d.ID); err != nil {
			return err
		}
	}
	return nil
}

// familyPatchColumns names, in order, the columns a FamilyUpdate can set.
var familyPatchColumns = []string{"child_name", "birth_date", "sex", "bsn", "diagnosis", "icd10", "living_situation", "culture_notes", "summary", "unborn"}

// UpdateFamily writes the fields u sets, and only those, and the time of
// the change.
func (s *Store) UpdateFamily(ctx context.Context, familyID int64, u care.FamilyUpdate, at time.Time) error {
	var birth any
	if u.BirthDate != nil {
		birth = u.BirthDate.UTC()
	}
	str := func(p *string) any {
		if p == nil {
			return nil
		}
		return *p
	}
	values := []any{str(u.ChildName), birth, str(u.Sex), str(u.BSN), str(u.Diagnosis), str(u.ICD10),
		str(u.LivingSituation), str(u.CultureNotes), str(u.Summary), nil}
	if u.Unborn != nil {
		values[len(values)-1] = *u.Unborn
	}
	set, args := "updated_at = $1", []any{at.UTC()}
	for i, v := range values {
		if v != nil {
			args = append(args, v)
			set += ", " + familyPatchColumns[i] + " = $" + argN(len(args))
		}
	}
	return s.Atomic(ctx, func(cs care.Store) error {
		st := cs.(*Store)
		res, err := st.q.ExecContext(ctx, `/* Store.UpdateFamily */ UPDATE families SET `+set+` WHERE id = $`+argN(len(args)+1),
			append(args, familyID)...)
		if err := affectedOne(res, err, "family"); err != nil {
			return err
		}
		if u.Secondary == nil {
			return nil
		}
		return st.replaceDiagnoses(ctx, familyID, *u.Secondary)
	})
}

func affectedOne(res sql.Result, err error, what string) error {
	if err != nil {
		return err
	}
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return care.Errorf(care.NotFound, "%s not found", what)
	}
	return nil
}

// FamilyFile reads the file of one family as its page shows it: the
// recent contacts and closed tasks (recent of each; 0 for all) and how
// many there are in all.
func (s *Store) FamilyFile(ctx context.Context, familyID int64, recent int) (*care.File, error) {
	f, err := s.FamilyByID(ctx, familyID)
	if err != nil {
		return nil, err
	}
	file := care.File{Family: *f}
	if file.Members, err = s.Members(ctx, familyID); err != nil {
		return nil, err
	}
	if file.Episode, err = s.Episode(ctx, familyID); err != nil {
		return nil, err
	}
	if file.CaseManagers, err = s.FamilyCaseManagers(ctx, familyID); err != nil {
		return nil, err
	}
	if file.Network, err = s.Network(ctx, familyID); err != nil {
		return nil, err
	}
	if file.Intensity, err = s.intensity(ctx, familyID); err != nil {
		return nil, err
	}
	limit := recent
	if limit <= 0 {
		limit = math.MaxInt32
	}
	if file.Contacts, err = s.Contacts(ctx, familyID, 0, limit); err != nil {
		return nil, err
	}
	if file.Tasks, err = s.Tasks(ctx, familyID, care.TaskQuery{RecentDone: recent}); err != nil {
		return nil, err
	}
	if file.Notes, err = s.Notes(ctx, familyID); err != nil {
		return nil, err
	}
	if err := s.loadPlan(ctx, &file); err != nil {
		return nil, err
	}
	file.ContactCount = len(file.Contacts)
	if recent > 0 && len(file.Contacts) == recent {
		if file.ContactCount, err = s.CountContacts(ctx, familyID); err != nil {
			return nil, err
		}
	}
	if file.DoneTaskCount, err = s.CountTasks(ctx, familyID, care.TaskQuery{Status: "done"}); err != nil {
		return nil, err
	}
	return &file, nil
}

// each runs a query scoped by family and calls scan per row.
func (s *Store) each(ctx context.Context, query string, familyID int64, scan func(*sql.Rows) error, args ...any) error {
	rows, err := s.rq.QueryContext(ctx, query, append([]any{familyID}, args...)...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Members lists the family members: parents, carers, siblings, others.
func (s *Store) Members(ctx context.Context, familyID int64) ([]care.Member, error) {
	var ms []care.Member
	err := s.each(ctx, `SELECT id, family_id, kind, name, relation, custody, phone, email, language, birth_date, notes, ended_on
		FROM family_members WHERE family_id = $1
		ORDER BY CASE kind WHEN 'parent' THEN 0 WHEN 'carer' THEN 1 WHEN 'sibling' THEN 2 ELSE 3 END, id /* Store.Members */`,
		familyID, func(r *sql.Rows) error {
			var m care.Member
			var birth, ended sql.NullTime
			err := r.Scan(&m.ID, &m.FamilyID, &m.Kind, &m.Name, &m.Relation, &m.Custody, &m.Phone, &m.Email, &m.Language, &birth, &m.Notes, &ended)
			m.BirthDate, m.EndedOn = fromNull(birth), fromNull(ended)
			ms = append(ms, m)
			return err
		})
	return ms, err
}

// Episode reads the family's case management episode; nil when there is none.
func (s *Store) Episode(ctx context.Context, familyID int64) (*care.Episode, error) {
	var e care.Episode
	err := s.rq.QueryRowContext(ctx, `SELECT family_id, referral_date, referred_by, reason, factor_wish, factor_complexity,
		factor_capacity, surprise_question, status, status_date, status_note, division_of_tasks
		FROM episodes WHERE family_id = $1 /* Store.Episode */`, familyID).Scan(&e.FamilyID, &e.ReferralDate, &e.ReferredBy, &e.Reason,
		&e.FactorWish, &e.FactorComplexity, &e.FactorCapacity, &e.SurpriseQuestion, &e.Status, &e.StatusDate, &e.StatusNote, &e.DivisionOfTasks)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	e.ReferralDate, e.StatusDate = e.ReferralDate.UTC(), e.StatusDate.UTC()
	return &e, nil
}

// FamilyCaseManagers reads the family's KCT and thuis case managers.
func (s *Store) FamilyCaseManagers(ctx context.Context, familyID int64) (care.CaseManagers, error) {
	var cms care.CaseManagers
	err := s.each(ctx, `SELECT c.kind, a.id, a.name, a.work_phone, a.work_hours, a.stand_in
		FROM case_managers c JOIN accounts a ON a.id = c.account_id
		WHERE c.family_id = $1 /* Store.FamilyCaseManagers */`, familyID, func(r *sql.Rows) error {
		var kind string
		var p care.Person
		var reach care.Reachability
		if err := r.Scan(&kind, &p.AccountID, &p.Name, &reach.WorkPhone, &reach.Hours, &reach.StandIn); err != nil {
			return err
		}
		if kind == "kct" {
			cms.KCT, cms.KCTReach = p, reach
		} else {
			cms.Thuis, cms.ThuisReach = p, reach
		}
		return nil
	})
	return cms, err
}

const networkColumns = `id, family_id, name, role, organisation, line, domain, phone, email, reachability,
	always_reachable, responsibilities, bereavement, started_on, ended_on`

// Network lists the family's care network, the GP first.
func (s *Store) Network(ctx context.Context, familyID int64) ([]care.NetworkMember, error) {
	var ns []care.NetworkMember
	err := s.each(ctx, `SELECT `+networkColumns+` FROM network_members WHERE family_id = $1
		ORDER BY CASE role WHEN 'gp' THEN 0 ELSE 1 END, line, name, id /* Store.Network */`, familyID, func(r *sql.Rows) error {
		n, err := scanNetworkMember(r)
		ns = append(ns, n)
		return err
	})
	return ns, err
}

func scanNetworkMember(r *sql.Rows) (care.NetworkMember, error) {
	var n care.NetworkMember
	var started, ended sql.NullTime
	err := r.Scan(&n.ID, &n.FamilyID, &n.Name, &n.Role, &n.Organisation, &n.Line, &n.Domain, &n.Phone, &n.Email,
		&n.Reachability, &n.AlwaysReachable, &n.Responsibilities, &n.Bereavement, &started, &ended)
	n.StartedOn, n.EndedOn = fromNull(started), fromNull(ended)
	return n, err
}

func (s *Store) intensity(ctx context.Context, familyID int64) ([]care.IntensityChange, error) {
	var cs []care.IntensityChange
	err := s.each(ctx, `SELECT i.id, i.family_id, i.intensity, i.next_contact, i.reason, i.changed_at, a.id, a.name
		FROM intensity_changes i JOIN accounts a ON a.id = i.changed_by
		WHERE i.family_id = $1 ORDER BY i.changed_at DESC, i.id DESC /* Store.intensity */`, familyID, func(r *sql.Rows) error {
		var c care.IntensityChange
		var next sql.NullTime
		err := r.Scan(&c.ID, &c.FamilyID, &c.Intensity, &next, &c.Reason, &c.ChangedAt, &c.ChangedBy.AccountID, &c.ChangedBy.Name)
		c.NextContact, c.ChangedAt = fromNull(next), c.ChangedAt.UTC()
		cs = append(cs, c)
		return err
	})
	return cs, err
}

// CountContacts counts the family's contacts.
func (s *Store) CountContacts(ctx context.Context, familyID int64) (int, error) {
	var n int
	err := s.rq.QueryRowContext(ctx, `SELECT COUNT(*) FROM contacts WHERE family_id = $1 /* Store.CountContacts */`, familyID).Scan(&n)
	return n, err
}

// Contacts lists the family's contacts newest first: up to limit of them,
// older than the contact with id before (0: from the newest). The order is
// by date, then id, so "older" is by the pair (date, id) of that contact.
func (s *Store) Contacts(ctx context.Context, familyID int64, before int64, limit int) ([]care.Contact, error) {
	var cs []care.Contact
	err := s.each(ctx, `SELECT c.id, c.family_id, c.contact_date, c.kind, c.with_whom, c.location, c.duration_min, c.travel_min,
			c.registration_min, c.topics, c.follow_up, c.created_at, a.id, a.name
		FROM contacts c JOIN accounts a ON a.id = c.created_by
		WHERE c.family_id = $1 AND ($2 = 0 OR EXISTS (SELECT 1 FROM contacts b WHERE b.id = $2 AND b.family_id = c.family_id
			AND (c.contact_date < b.contact_date OR c.contact_date = b.contact_date AND c.id < b.id)))
		ORDER BY c.contact_date DESC, c.id DESC LIMIT $3 /* Store.Contacts */`, familyID, func(r *sql.Rows) error {
		var c care.Contact
		err := r.Scan(&c.ID, &c.FamilyID, &c.Date, &c.Kind, &c.With, &c.Location, &c.DurationMin, &c.TravelMin,
			&c.RegistrationMin, &c.Topics, &c.FollowUp, &c.CreatedAt, &c.CreatedBy.AccountID, &c.CreatedBy.Name)
		c.Date, c.CreatedAt = c.Date.UTC(), c.CreatedAt.UTC()
		cs = append(cs, c)
		return err
	}, before, limit)
	return cs, err
}

// taskWhere is the condition of a TaskQuery on tasks t, with its
// arguments after the family id ($1).
func taskWhere(q care.TaskQuery) (string, []any) {
	where, args := "t.family_id = $1", []any{}
	add := func(cond string, v any) {
		args = append(args, v)
		where += " AND " + strings.ReplaceAll(cond, "?", "$"+argN(len(args)+1))
	}
	if q.ID != 0 {
		add("t.id = ?", q.ID)
	}
	if q.Status != "" {
		add("t.status = ?", q.Status)
	}
	if q.NetworkMemberID != 0 {
		add("t.network_member_id = ?", q.NetworkMemberID)
	}
	if q.OwnerKind != "" {
		add("t.owner_kind = ?", q.OwnerKind)
	}
	if q.PlanOnly {
		where += " AND t.plan_dimension IS NOT NULL"
	}
	return where, args
}

// Tasks lists the family's tasks that match q: open first, by due date.
// With RecentDone, the closed ones are the most recently closed, read by
// a query of their own so neither part reads the other's rows.
func (s *Store) Tasks(ctx context.Context, familyID int64, q care.TaskQuery) ([]care.Task, error) {
	if q.RecentDone <= 0 {
		return s.tasks(ctx, familyID, q, `CASE t.status WHEN 'open' THEN 0 ELSE 1 END, CASE WHEN t.due_date IS NULL THEN 1 ELSE 0 END, t.due_date, t.id`, 0)
	}
	var open []care.Task
	if q.Status != "done" {
		oq := q
		oq.Status, oq.RecentDone = "open", 0
		var err error
		if open, err = s.Tasks(ctx, familyID, oq); err != nil {
			return nil, err
		}
	}
	if q.Status == "open" {
		return open, nil
	}
	dq := q
	dq.Status = "done"
	done, err := s.tasks(ctx, familyID, dq, `t.done_at DESC, t.id DESC`, q.RecentDone)
	if err != nil {
		return nil, err
	}
	// The closed tasks in the order of the whole list: by due date.
	slices.SortStableFunc(done, func(a, b care.Task) int {
		switch {
		case a.DueDate.IsZero() != b.DueDate.IsZero():
			if a.DueDate.IsZero() {
				return 1
			}
			return -1
		case !a.DueDate.Equal(b.DueDate):
			return a.DueDate.Compare(b.DueDate)
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return append(open, done...), nil
}

// tasks reads the tasks q selects in order (a fixed ORDER BY), at most
// limit of them when limit is not 0.
func (s *Store) tasks(ctx context.Context, familyID int64, q care.TaskQuery, order string, limit int) ([]care.Task, error) {
	where, args := taskWhere(q)
	tail := ""
	if limit > 0 {
		args = append(args, limit)
		tail = " LIMIT $" + argN(len(args)+1)
	}
	var ts []care.Task
	err := s.each(ctx, `SELECT t.id, t.family_id, t.title, t.owner_kind, t.owner_name, t.due_date, t.status, t.done_note,
			t.done_at, COALESCE(d.id, 0), COALESCE(d.name, ''), t.created_at, c.id, c.name, COALESCE(t.network_member_id, 0),
			COALESCE(t.plan_dimension, ''), t.plan_goal, COALESCE(t.owner_account_id, 0), COALESCE(t.owner_member_id, 0)
		FROM tasks t JOIN accounts c ON c.id = t.created_by LEFT JOIN accounts d ON d.id = t.done_by
		WHERE `+where+` ORDER BY `+order+tail+` /* Store.Tasks */`,
		familyID, func(r *sql.Rows) error {
			var t care.Task
			var due, done sql.NullTime
			err := r.Scan(&t.ID, &t.FamilyID, &t.Title, &t.OwnerKind, &t.OwnerName, &due, &t.Status, &t.DoneNote,
				&done, &t.DoneBy.AccountID, &t.DoneBy.Name, &t.CreatedAt, &t.CreatedBy.AccountID, &t.CreatedBy.Name, &t.NetworkMemberID,
				&t.PlanDimension, &t.PlanGoal, &t.OwnerAccountID, &t.OwnerMemberID)
			t.DueDate, t.DoneAt, t.CreatedAt = fromNull(due), fromNull(done), t.CreatedAt.UTC()
			ts = append(ts, t)
			return err
		}, args...)
	return ts, err
}

// CountTasks counts the family's tasks that match q.
func (s *Store) CountTasks(ctx context.Context, familyID int64, q care.TaskQuery) (int, error) {
	where, args := taskWhere(q)
	var n int
	err := s.rq.QueryRowContext(ctx, `SELECT COUNT(*) FROM tasks t WHERE `+where+` /* Store.CountTasks */`,
		append([]any{familyID}, args...)...).Scan(&n)
	return n, err
}

// AddMember inserts a family member.
func (s *Store) AddMember(ctx context.Context, m *care.Member) error {
	return s.q.QueryRowContext(ctx, `/* Store.AddMember */ INSERT INTO family_members
		(family_id, kind, name, relation, custody, phone, email, language, birth_date, notes)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
		m.FamilyID, m.Kind, m.Name, m.Relation, m.Custody, m.Phone, m.Email, m.Language, nullDate(m.BirthDate), m.Notes).Scan(&m.ID)
}

// SaveNetworkMember inserts (ID 0) or updates a network member of the family.
func (s *Store) SaveNetworkMember(ctx context.Context, n *care.NetworkMember) error {
	if n.ID == 0 {
		return s.q.QueryRowContext(ctx, `/* Store.SaveNetworkMember */ INSERT INTO network_members
			(family_id, name, role, organisation, line, domain, phone, email, reachability, always_reachable, responsibilities, bereavement,
			started_on, ended_on)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
			n.FamilyID, n.Name, n.Role, n.Organisation, n.Line, n.Domain, n.Phone, n.Email, n.Reachability,
			n.AlwaysReachable, n.Responsibilities, n.Bereavement, nullDate(n.StartedOn), nullDate(n.EndedOn)).Scan(&n.ID)
	}
	res, err := s.q.ExecContext(ctx, `/* Store.SaveNetworkMember */ UPDATE network_members SET name = $1, role = $2,
		organisation = $3, line = $4, domain = $5, phone = $6, email = $7, reachability = $8, always_reachable = $9,
		responsibilities = $10, bereavement = $11, started_on = $12, ended_on = $13 WHERE id = $14 AND family_id = $15`,
		n.Name, n.Role, n.Organisation, n.Line, n.Domain, n.Phone, n.Email, n.Reachability, n.AlwaysReachable,
		n.Responsibilities, n.Bereavement, nullDate(n.StartedOn), nullDate(n.EndedOn), n.ID, n.FamilyID)
	return affectedOne(res, err, "network member")
}

// DeleteNetworkMember removes a network member of the family.
func (s *Store) DeleteNetworkMember(ctx context.Context, familyID, id int64) error {
	res, err := s.q.ExecContext(ctx, `DELETE FROM network_members WHERE id = $1 AND family_id = $2 /* Store.DeleteNetworkMember */`, id, familyID)
	return affectedOne(res, err, "network member")
}

// AddIntensityChange records the change and sets the family's current intensity.
func (s *Store) AddIntensityChange(ctx context.Context, c *care.IntensityChange) error {
	return s.Atomic(ctx, func(cs care.Store) error {
		st := cs.(*Store)
		res, err := st.q.ExecContext(ctx, `UPDATE families SET intensity = $1, next_contact = $2 WHERE id = $3 /* Store.AddIntensityChange */`,
			string(c.Intensity), nullDate(c.NextContact), c.FamilyID)
		if err := affectedOne(res, err, "family"); err != nil {
			return err
		}
		return st.q.QueryRowContext(ctx, `INSERT INTO intensity_changes (family_id, intensity, next_contact, reason, changed_at, changed_by)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`, c.FamilyID, string(c.Intensity), nullDate(c.NextContact),
			c.Reason, c.ChangedAt.UTC(), c.ChangedBy.AccountID).Scan(&c.ID)
	})
}

// AddContact inserts a contact.
func (s *Store) AddContact(ctx context.Context, c *care.Contact) error {
	return s.q.QueryRowContext(ctx, `/* Store.AddContact */ INSERT INTO contacts (family_id, contact_date, kind, with_whom, location,
		duration_min, travel_min, registration_min, topics, follow_up, created_at, created_by)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
		c.FamilyID, c.Date.UTC(), c.Kind, c.With, c.Location, c.DurationMin, c.TravelMin, c.RegistrationMin, c.Topics, c.FollowUp,
		c.CreatedAt.UTC(), c.CreatedBy.AccountID).Scan(&c.ID)
}

// CreateTask inserts an open task.
func (s *Store) CreateTask(ctx context.Context, t *care.Task) error {
	return s.q.QueryRowContext(ctx, `/* Store.CreateTask */ INSERT INTO tasks (family_id, title, owner_kind, owner_name, due_date,
		status, created_at, created_by, network_member_id, plan_dimension, plan_goal, owner_account_id, owner_member_id)
		VALUES ($1, $2, $3, $4, $5, 'open', $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
		t.FamilyID, t.Title, t.OwnerKind, t.OwnerName, nullDate(t.DueDate), t.CreatedAt.UTC(), t.CreatedBy.AccountID,
		nullID(t.NetworkMemberID), nullString(string(t.PlanDimension)), t.PlanGoal, nullID(t.OwnerAccountID), nullID(t.OwnerMemberID)).Scan(&t.ID)
}

// CompleteTask closes an open task of the family with a note.
func (s *Store) CompleteTask(ctx context.Context, familyID, taskID int64, note string, at time.Time, by int64) error {
	res, err := s.q.ExecContext(ctx, `UPDATE tasks SET status = 'done', done_note = $1, done_at = $2, done_by = $3
		WHERE id = $4 AND family_id = $5 AND status = 'open' /* Store.CompleteTask */`, note, at.UTC(), by, taskID, familyID)
	return affectedOne(res, err, "open task")
}

// SaveEpisode inserts or replaces the family's case management episode.
func (s *Store) SaveEpisode(ctx context.Context, e *care.Episode) error {
	if e.StatusDate.IsZero() {
		e.StatusDate = care.DateOf(s.now())
	}
	_, err := s.q.ExecContext(ctx, `/* Store.SaveEpisode */ INSERT INTO episodes (family_id, referral_date, referred_by, reason,
			factor_wish, factor_complexity, factor_capacity, surprise_question, status, status_date, status_note, division_of_tasks)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
		ON CONFLICT (family_id) DO UPDATE SET referral_date = excluded.referral_date, referred_by = excluded.referred_by,
			reason = excluded.reason, factor_wish = excluded.factor_wish, factor_complexity = excluded.factor_complexity,
			factor_capacity = excluded.factor_capacity, surprise_question = excluded.surprise_question, status = excluded.status,
			status_date = excluded.status_date, status_note = excluded.status_note, division_of_tasks = excluded.division_of_tasks`,
		e.FamilyID, e.ReferralDate.UTC(), e.ReferredBy, e.Reason, e.FactorWish, e.FactorComplexity, e.FactorCapacity,
		e.SurpriseQuestion, e.Status, e.StatusDate.UTC(), e.StatusNote, e.DivisionOfTasks)
	return err
}

// AssignCaseManager sets the family's KCT or thuis case manager.
func (s *Store) AssignCaseManager(ctx context.Context, familyID int64, kind string, accountID int64) error {
	_, err := s.q.ExecContext(ctx, `/* Store.AssignCaseManager */ INSERT INTO case_managers (family_id, kind, account_id)
		VALUES ($1, $2, $3) ON CONFLICT (family_id, kind) DO UPDATE SET account_id = excluded.account_id`, familyID, kind, accountID)
	return err
}

// CaseManagersOf lists the active case managers of an organisation.
func (s *Store) CaseManagersOf(ctx context.Context, organisationID int64) ([]care.Person, error) {
	rows, err := s.rq.QueryContext(ctx, `SELECT id, name FROM accounts WHERE organisation_id = $1 AND role = 'casemanager'
		AND disabled_at IS NULL ORDER BY name /* Store.CaseManagersOf */`, organisationID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var ps []care.Person
	for rows.Next() {
		var p care.Person
		if err := rows.Scan(&p.AccountID, &p.Name); err != nil {
			return nil, err
		}
		ps = append(ps, p)
	}
	return ps, rows.Err()
}

// FamilyByID reads the family's own row, without the rest of the file.
func (s *Store) FamilyByID(ctx context.Context, familyID int64) (*care.Family, error) {
	var f care.Family
	var next, updated, died sql.NullTime
	err := s.rq.QueryRowContext(ctx, `SELECT `+familyColumns+` FROM families WHERE id = $1 /* Store.FamilyByID */`, familyID).Scan(
		&f.ID, &f.OrganisationID, &f.ChildName, &f.BirthDate, &f.Sex, &f.BSN, &f.Diagnosis, &f.ICD10, &f.LivingSituation,
		&f.CultureNotes, &f.Intensity, &next, &f.Summary, &f.Deceased, &f.CreatedAt, &updated, &f.Unborn, &died)
	if err != nil {
		return nil, notFound(err, "family")
	}
	f.BirthDate, f.CreatedAt, f.NextContact, f.UpdatedAt = f.BirthDate.UTC(), f.CreatedAt.UTC(), fromNull(next), fromNull(updated)
	f.DeceasedOn = fromNull(died)
	err = s.each(ctx, `SELECT id, description, icd10 FROM secondary_diagnoses WHERE family_id = $1 ORDER BY id /* Store.FamilyByID */`, familyID,
		func(r *sql.Rows) error {
			var d care.Diagnosis
			err := r.Scan(&d.ID, &d.Description, &d.ICD10)
			f.Secondary = append(f.Secondary, d)
			return err
		})
	if err != nil {
		return nil, err
	}
	return &f, nil
}
