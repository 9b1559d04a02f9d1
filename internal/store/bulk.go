package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
)

// Bulk loading of generated load-test data ('spil demo --national') and
// the preparation of load-test accounts. Nothing here serves users: it
// writes around the service, so it belongs on a database nobody else uses
// at the same time.

// bulkStatementParams is about how many parameters one multi-row INSERT
// gets: far below the limits of SQLite (32,766) and PostgreSQL (65,535),
// and large enough that a round trip carries hundreds of rows.
const bulkStatementParams = 4000

// bulkCommitRows is how many rows a BulkWriter writes per transaction.
const bulkCommitRows = 200_000

// bulkTable is one table a BulkWriter fills with multi-row INSERTs.
type bulkTable struct {
	name     string
	columns  []string
	identity bool         // the id is an identity column, written explicitly here
	parents  []*bulkTable // tables its foreign keys point to
	perStmt  int          // rows per full statement
	buf      []any
	rows     int
	full     *sql.Stmt // the full statement, prepared in the current transaction
}

func newBulkTable(name string, identity bool, columns string, parents ...*bulkTable) *bulkTable {
	cols := strings.Split(strings.Join(strings.Fields(columns), ""), ",")
	return &bulkTable{name: name, columns: cols, identity: identity, parents: parents, perStmt: bulkStatementParams / len(cols)}
}

// insertSQL is the INSERT of n rows.
func (t *bulkTable) insertSQL(d dialect, n int) string {
	var b strings.Builder
	b.WriteString("/* BulkWriter */ INSERT INTO " + t.name + " (" + strings.Join(t.columns, ", ") + ") ")
	if t.identity {
		b.WriteString(d.explicitIDs())
	}
	b.WriteString("VALUES ")
	p := 1
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteByte('(')
		for j := range t.columns {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString(d.bulkParam(p))
			p++
		}
		b.WriteByte(')')
	}
	return b.String()
}

// BulkWriter writes many rows with ids the caller chose, as multi-row
// INSERTs in large transactions on one connection, and chains the audit
// records it is given to the end of the trail. Rows of a table are written
// after the rows they refer to. Close writes what is left.
type BulkWriter struct {
	ctx     context.Context
	dialect dialect
	conn    *sql.Conn
	tx      *sql.Tx
	pending int // rows since the last commit

	organisations, accounts, families, episodes, caseManagers, members, network *bulkTable
	intensity, contacts, tasks, planVersions, plans, audit                      *bulkTable
	coverageItems, coveragePeriods, aids                                        *bulkTable
	tables                                                                      []*bulkTable // parents first

	ids      BulkIDs
	prevHash string // of the last audit record
}

// BulkIDs are the first free ids of the tables a BulkWriter fills.
type BulkIDs struct {
	Organisation, Account, Family, Member, NetworkMember, IntensityChange, Contact, Task, Audit int64
	CoverageItem                                                                                int64
}

// NewBulkWriter starts a bulk load. The caller must Close it (or Abort).
func (s *Store) NewBulkWriter(ctx context.Context) (*BulkWriter, error) {
	if s.tx != noTx {
		return nil, errors.New("store: a bulk load cannot run inside a transaction")
	}
	conn, err := s.w.Conn(ctx)
	if err != nil {
		return nil, err
	}
	w := &BulkWriter{ctx: ctx, dialect: s.dialect, conn: conn, prevHash: care.GenesisHash}
	w.organisations = newBulkTable("organisations", true, `id, name, region, created_at`)
	w.accounts = newBulkTable("accounts", true, `id, organisation_id, email, name, role, password_hash, totp_secret,
		totp_last_step, mfa_exempt, locale, created_at`, w.organisations)
	w.families = newBulkTable("families", true, `id, organisation_id, child_name, birth_date, sex, bsn, diagnosis, icd10,
		living_situation, culture_notes, intensity, next_contact, summary, deceased, created_at, updated_at`, w.organisations)
	w.episodes = newBulkTable("episodes", false, `family_id, referral_date, referred_by, reason, factor_wish,
		factor_complexity, factor_capacity, surprise_question, status, status_date, status_note, division_of_tasks`, w.families)
	w.caseManagers = newBulkTable("case_managers", false, `family_id, kind, account_id`, w.families, w.accounts)
	w.members = newBulkTable("family_members", true, `id, family_id, kind, name, relation, custody, phone, email,
		language, birth_date, notes`, w.families)
	w.network = newBulkTable("network_members", true, `id, family_id, name, role, organisation, line, domain, phone,
		email, reachability, always_reachable, responsibilities, bereavement`, w.families)
	w.intensity = newBulkTable("intensity_changes", true, `id, family_id, intensity, next_contact, reason, changed_at,
		changed_by`, w.families, w.accounts)
	w.contacts = newBulkTable("contacts", true, `id, family_id, contact_date, kind, with_whom, location, duration_min,
		travel_min, topics, follow_up, created_at, created_by`, w.families, w.accounts)
	w.tasks = newBulkTable("tasks", true, `id, family_id, title, owner_kind, owner_name, due_date, status, done_note,
		done_at, done_by, created_at, created_by, network_member_id, plan_dimension, plan_goal`, w.families, w.accounts, w.network)
	w.planVersions = newBulkTable("care_plan_versions", false, `family_id, version, content, saved_at, saved_by, changes`,
		w.families, w.accounts)
	w.plans = newBulkTable("care_plans", false, `family_id, version, review_due, discussed_on, updated_at, place_of_death`, w.families)
	w.audit = newBulkTable("audit_events", true, `id, at, actor_id, actor_role, family_id, object_type, object_id, action,
		outcome, access_point, authorised, relationship, consent, emergency, prev_hash, hash`)
	w.coverageItems = newBulkTable("coverage_items", true, `id, family_id, kind, description, network_member_id,
		provider_name, applicant, goals, created_by, created_at`, w.families, w.accounts, w.network)
	w.coveragePeriods = newBulkTable("coverage_periods", false, `item_id, family_id, law, form, status, minutes_per_week,
		amount_cents, reference, indicated_by, start_on, end_on, applied_on, decided_on, objection_filed_on, objection_due,
		note, created_by, created_at`, w.coverageItems, w.accounts)
	w.aids = newBulkTable("aids", false, `family_id, kind, description, via, supplier, status, requested_on, assessed_on,
		granted_on, ordered_on, delivered_on, replace_by, note, created_by, created_at`, w.families, w.accounts)
	w.tables = []*bulkTable{w.organisations, w.accounts, w.families, w.episodes, w.caseManagers, w.members, w.network,
		w.intensity, w.contacts, w.tasks, w.planVersions, w.plans, w.coverageItems, w.coveragePeriods, w.aids, w.audit}

	if err := s.dialect.prepareBulk(ctx, conn); err != nil {
		conn.Close()
		return nil, err
	}
	if err := w.begin(); err != nil {
		conn.Close()
		return nil, err
	}
	if err := w.readIDs(); err != nil {
		w.Abort()
		return nil, err
	}
	return w, nil
}

// readIDs finds the first free id of every table and the end of the audit trail.
func (w *BulkWriter) readIDs() error {
	next := map[*bulkTable]*int64{w.organisations: &w.ids.Organisation, w.accounts: &w.ids.Account,
		w.families: &w.ids.Family, w.members: &w.ids.Member, w.network: &w.ids.NetworkMember,
		w.intensity: &w.ids.IntensityChange, w.contacts: &w.ids.Contact, w.tasks: &w.ids.Task, w.audit: &w.ids.Audit,
		w.coverageItems: &w.ids.CoverageItem}
	for t, p := range next {
		if err := w.tx.QueryRowContext(w.ctx, `SELECT COALESCE(MAX(id), 0) + 1 FROM `+t.name+` /* BulkWriter */`).Scan(p); err != nil {
			return fmt.Errorf("store: bulk: %s: %w", t.name, err)
		}
	}
	err := w.tx.QueryRowContext(w.ctx, `SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1 /* BulkWriter */`).Scan(&w.prevHash)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	}
	return err
}

// NextIDs returns the first free id of every table, as they were when the
// bulk load started.
func (w *BulkWriter) NextIDs() BulkIDs { return w.ids }

func (w *BulkWriter) begin() error {
	tx, err := w.conn.BeginTx(w.ctx, nil)
	if err != nil {
		return err
	}
	w.tx = tx
	if err := w.dialect.lockAudit(w.ctx, tx); err != nil {
		return err
	}
	return nil
}

// add buffers one row and writes the table's rows when a statement is full.
func (w *BulkWriter) add(t *bulkTable, row ...any) error {
	if len(row) != len(t.columns) {
		return fmt.Errorf("store: bulk: %s: %d values for %d columns", t.name, len(row), len(t.columns))
	}
	t.buf = append(t.buf, row...)
	t.rows++
	if t.rows < t.perStmt {
		return nil
	}
	if err := w.flush(t); err != nil {
		return err
	}
	if w.pending >= bulkCommitRows {
		return w.commit(true)
	}
	return nil
}

// flush writes the buffered rows of t, after those of the tables it refers to.
func (w *BulkWriter) flush(t *bulkTable) error {
	for _, p := range t.parents {
		if err := w.flush(p); err != nil {
			return err
		}
	}
	if t.rows == 0 {
		return nil
	}
	var err error
	if t.rows == t.perStmt {
		if t.full == nil {
			t.full, err = w.tx.PrepareContext(w.ctx, t.insertSQL(w.dialect, t.perStmt))
			if err != nil {
				return fmt.Errorf("store: bulk: %s: %w", t.name, err)
			}
		}
		_, err = t.full.ExecContext(w.ctx, t.buf...)
	} else {
		_, err = w.tx.ExecContext(w.ctx, t.insertSQL(w.dialect, t.rows), t.buf...)
	}
	if err != nil {
		return fmt.Errorf("store: bulk: %s: %w", t.name, err)
	}
	w.pending += t.rows
	t.buf, t.rows = t.buf[:0], 0
	return nil
}

// commit writes every buffered row and commits; with again, it starts the
// next transaction.
func (w *BulkWriter) commit(again bool) error {
	for _, t := range w.tables {
		if err := w.flush(t); err != nil {
			return err
		}
	}
	for _, t := range w.tables {
		if t.full != nil {
			t.full.Close()
			t.full = nil
		}
	}
	err := w.tx.Commit()
	w.tx, w.pending = nil, 0
	if err != nil || !again {
		return err
	}
	return w.begin()
}

// Close writes and commits what is left, then brings the database up to
// date with the ids written (PostgreSQL's identity sequences) and ready to
// be read: see dialect.finishBulk.
func (w *BulkWriter) Close() error {
	defer w.conn.Close()
	if err := w.commit(false); err != nil {
		if w.tx != nil {
			_ = w.tx.Rollback()
		}
		return err
	}
	var identities []string
	for _, t := range w.tables {
		if t.identity {
			identities = append(identities, t.name)
		}
	}
	return w.dialect.finishBulk(w.ctx, w.conn, identities)
}

// Abort drops the current transaction; what was committed stays.
func (w *BulkWriter) Abort() {
	if w.tx != nil {
		_ = w.tx.Rollback()
	}
	w.conn.Close()
}

// Organisation adds an organisation in a region ("" for none).
func (w *BulkWriter) Organisation(id int64, name, region string, at time.Time) error {
	return w.add(w.organisations, id, name, region, at.UTC())
}

// Account adds an account, with its password hash and second factor as given.
func (w *BulkWriter) Account(a *auth.Account) error {
	return w.add(w.accounts, a.ID, a.OrganisationID, a.Email, a.Name, string(a.Role), a.PasswordHash, a.TOTPSecret,
		a.TOTPLastStep, a.MFAExempt, a.Locale, a.CreatedAt.UTC())
}

// Family adds a family's own row.
func (w *BulkWriter) Family(f *care.Family) error {
	return w.add(w.families, f.ID, f.OrganisationID, f.ChildName, f.BirthDate.UTC(), f.Sex, f.BSN, f.Diagnosis, f.ICD10,
		f.LivingSituation, f.CultureNotes, string(f.Intensity), nullDate(f.NextContact), f.Summary, f.Deceased,
		f.CreatedAt.UTC(), nullDate(f.UpdatedAt))
}

// Episode adds a family's case management episode.
func (w *BulkWriter) Episode(e *care.Episode) error {
	return w.add(w.episodes, e.FamilyID, e.ReferralDate.UTC(), e.ReferredBy, e.Reason, e.FactorWish, e.FactorComplexity,
		e.FactorCapacity, e.SurpriseQuestion, e.Status, e.StatusDate.UTC(), e.StatusNote, e.DivisionOfTasks)
}

// CaseManager makes an account the family's KCT or thuis case manager.
func (w *BulkWriter) CaseManager(familyID int64, kind string, accountID int64) error {
	return w.add(w.caseManagers, familyID, kind, accountID)
}

// Member adds a family member.
func (w *BulkWriter) Member(m *care.Member) error {
	return w.add(w.members, m.ID, m.FamilyID, m.Kind, m.Name, m.Relation, m.Custody, m.Phone, m.Email, m.Language,
		nullDate(m.BirthDate), m.Notes)
}

// NetworkMember adds a member of the family's care network.
func (w *BulkWriter) NetworkMember(n *care.NetworkMember) error {
	return w.add(w.network, n.ID, n.FamilyID, n.Name, n.Role, n.Organisation, n.Line, n.Domain, n.Phone, n.Email,
		n.Reachability, n.AlwaysReachable, n.Responsibilities, n.Bereavement)
}

// IntensityChange adds a record of the family's intensity; the family's
// own row holds the current intensity already.
func (w *BulkWriter) IntensityChange(c *care.IntensityChange) error {
	return w.add(w.intensity, c.ID, c.FamilyID, string(c.Intensity), nullDate(c.NextContact), c.Reason,
		c.ChangedAt.UTC(), c.ChangedBy.AccountID)
}

// Contact adds a contact.
func (w *BulkWriter) Contact(c *care.Contact) error {
	return w.add(w.contacts, c.ID, c.FamilyID, c.Date.UTC(), c.Kind, c.With, c.Location, c.DurationMin, c.TravelMin,
		c.Topics, c.FollowUp, c.CreatedAt.UTC(), c.CreatedBy.AccountID)
}

// Task adds a task in its final state, open or done.
func (w *BulkWriter) Task(t *care.Task) error {
	var doneBy any
	if t.Status == "done" {
		doneBy = nullID(t.DoneBy.AccountID)
	}
	return w.add(w.tasks, t.ID, t.FamilyID, t.Title, t.OwnerKind, t.OwnerName, nullDate(t.DueDate), t.Status, t.DoneNote,
		nullDate(t.DoneAt), doneBy, t.CreatedAt.UTC(), t.CreatedBy.AccountID, nullID(t.NetworkMemberID),
		nullString(string(t.PlanDimension)), t.PlanGoal)
}

// CarePlanVersion adds version p.Version of a family's care plan, kept
// whole as SaveCarePlan keeps it.
func (w *BulkWriter) CarePlanVersion(p *care.CarePlan) error {
	content, err := json.Marshal(p)
	if err != nil {
		return fmt.Errorf("store: care plan: %w", err)
	}
	return w.add(w.planVersions, p.FamilyID, p.Version, string(content), p.SavedAt.UTC(), p.SavedBy.AccountID,
		strings.Join(p.Changes, ","))
}

// CarePlan makes p the current version of the family's plan; once per family.
func (w *BulkWriter) CarePlan(p *care.CarePlan) error {
	return w.add(w.plans, p.FamilyID, p.Version, p.ReviewDue.UTC(), nullDate(p.DiscussedOn), p.SavedAt.UTC(), p.ACP.PlaceOfDeath.Place)
}

// Audit chains e to the last record, as AppendAudit does, and sets its ID,
// PrevHash and Hash.
func (w *BulkWriter) Audit(e *care.AuditEvent) error {
	e.At = e.At.UTC().Truncate(time.Microsecond)
	e.ID, e.PrevHash = w.ids.Audit, w.prevHash
	e.Hash = e.ComputeHash()
	w.ids.Audit++
	w.prevHash = e.Hash
	return w.add(w.audit, e.ID, e.At, e.ActorID, string(e.ActorRole), e.FamilyID, e.ObjectType, e.ObjectID,
		string(e.Action), e.Outcome, e.AccessPoint, e.Authorised, e.Relationship, e.Consent, e.Emergency, e.PrevHash, e.Hash)
}

// CaseManagerLoad is a case manager's account with the size of their caseload.
type CaseManagerLoad struct {
	AccountID    int64
	Email        string
	Organisation string
	Families     int
}

// CaseManagerLoads lists the active case managers with the number of
// families they are case manager of, by account id.
func (s *Store) CaseManagerLoads(ctx context.Context) ([]CaseManagerLoad, error) {
	rows, err := s.q.QueryContext(ctx, `SELECT a.id, a.email, o.name, COUNT(c.family_id)
		FROM accounts a JOIN organisations o ON o.id = a.organisation_id
		LEFT JOIN case_managers c ON c.account_id = a.id
		WHERE a.role = 'casemanager' AND a.disabled_at IS NULL
		GROUP BY a.id, a.email, o.name ORDER BY a.id /* Store.CaseManagerLoads */`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []CaseManagerLoad
	for rows.Next() {
		var l CaseManagerLoad
		if err := rows.Scan(&l.AccountID, &l.Email, &l.Organisation, &l.Families); err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// SetLoadCredentials gives many accounts the same password hash and TOTP
// secret, with no TOTP code used yet, and ends their sessions: load-test
// accounts, prepared in one transaction instead of one password hash each.
func (s *Store) SetLoadCredentials(ctx context.Context, accountIDs []int64, passwordHash, totpSecret string) error {
	return s.sqlTx(ctx, func(tx *sql.Tx) error {
		for start := 0; start < len(accountIDs); start += 500 {
			ids := accountIDs[start:min(start+500, len(accountIDs))]
			in := make([]string, len(ids))
			args := []any{passwordHash, totpSecret}
			for i, id := range ids {
				in[i] = "$" + strconv.Itoa(i+3)
				args = append(args, id)
			}
			list := strings.Join(in, ", ")
			res, err := tx.ExecContext(ctx, `UPDATE accounts SET password_hash = $1, totp_secret = $2, totp_last_step = 0
				WHERE id IN (`+list+`) /* Store.SetLoadCredentials */`, args...)
			if err != nil {
				return err
			}
			if n, err := res.RowsAffected(); err != nil {
				return err
			} else if n != int64(len(ids)) {
				return care.Errorf(care.NotFound, "%d of %d accounts not found", int64(len(ids))-n, len(ids))
			}
			// The same numbers again, from $1, for the sessions.
			for i := range in {
				in[i] = "$" + strconv.Itoa(i+1)
			}
			if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE account_id IN (`+strings.Join(in, ", ")+`)
				/* Store.SetLoadCredentials */`, args[2:]...); err != nil {
				return err
			}
		}
		return nil
	})
}
