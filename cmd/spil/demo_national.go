package main

import (
	"context"
	"fmt"
	"time"

	"github.com/spil-zorg/spil/internal/auth"
	"github.com/spil-zorg/spil/internal/care"
	"github.com/spil-zorg/spil/internal/demo"
	"github.com/spil-zorg/spil/internal/store"
)

// runNationalDemo fills a database without families with the national
// shape (demo.GenerateNational) at --scale, through the store's bulk
// writer: the millions of rows of the full shape would take hours one
// service call at a time.
func runNationalDemo(ctx context.Context, a *app, s *store.Store) error {
	shape, err := demo.NewNationalShape(a.cfg.Scale)
	if err != nil {
		return err
	}
	start := time.Now()
	// Nobody knows this password: the case managers log in after
	// 'spil user reset-password', or as load-test accounts
	// (bench/cmd/loadaccount). One hash serves all of them.
	hash, err := auth.HashPassword(auth.RandomPassword(), auth.DefaultParams)
	if err != nil {
		return err
	}
	w, err := s.NewBulkWriter(ctx)
	if err != nil {
		return err
	}
	ids := w.NextIDs()
	if ids.Family > 1 {
		w.Abort()
		return fmt.Errorf("the database holds families already; --national fills a new database")
	}
	sink := &nationalSink{w: w, hash: hash, log: a, start: start, every: max(1, shape.AuditRecords/10), total: shape.AuditRecords}
	counts, err := demo.GenerateNational(shape, int64(a.cfg.Seed), start, demo.NationalIDs{
		Organisation: ids.Organisation, Account: ids.Account, Family: ids.Family, Member: ids.Member,
		NetworkMember: ids.NetworkMember, IntensityChange: ids.IntensityChange, Contact: ids.Contact, Task: ids.Task,
		CoverageItem: ids.CoverageItem,
	}, sink)
	if err != nil {
		w.Abort()
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	fmt.Fprintf(a.out, "Generated the national shape at scale %g in %s: %d regions, %d organisations, %d case managers, "+
		"%d families; %d contacts, %d tasks, %d care plan versions, %d coverage items, %d aids and %d audit records, from %s to %s.\n",
		shape.Scale, time.Since(start).Round(time.Millisecond), counts.Regions, counts.Organisations, counts.CaseManagers,
		counts.Families, counts.Contacts, counts.Tasks, counts.PlanVersions, counts.CoverageItems, counts.Aids, counts.AuditRecords,
		counts.From.Format(time.DateOnly), counts.To.Format(time.DateOnly))
	fmt.Fprintf(a.out, "Caseloads: %d to %d families; %.1f on average for a KCT case manager, %.1f for a thuis case manager.\n",
		counts.MinCaseload, counts.MaxCaseload, counts.MeanKCTCaseload, counts.MeanThuisCaseload)
	fmt.Fprintf(a.out, "The case managers are casemanager0001@landelijk.spil.test and on; to log in as one, run: "+
		"spil user reset-password --email casemanager0001@landelijk.spil.test\n")
	return nil
}

// nationalSink stores the national shape through a bulk writer and logs
// progress every tenth of the audit records.
type nationalSink struct {
	w            *store.BulkWriter
	hash         string
	log          *app
	start        time.Time
	audit, every int
	total        int
}

func (n *nationalSink) Organisation(o *demo.NationalOrganisation) error {
	return n.w.Organisation(o.ID, o.Name, o.Region, o.CreatedAt)
}

func (n *nationalSink) CaseManager(cm *demo.NationalCaseManager) error {
	return n.w.Account(&auth.Account{ID: cm.ID, OrganisationID: cm.OrganisationID, Email: cm.Email, Name: cm.Name,
		Role: care.RoleCaseManager, PasswordHash: n.hash, CreatedAt: cm.CreatedAt})
}

func (n *nationalSink) Family(f *demo.NationalFile) error {
	return demo.WriteFile(n.w, f)
}

func (n *nationalSink) IntensityChange(c *care.IntensityChange) error { return n.w.IntensityChange(c) }
func (n *nationalSink) Contact(c *care.Contact) error                 { return n.w.Contact(c) }
func (n *nationalSink) Task(t *care.Task) error                       { return n.w.Task(t) }
func (n *nationalSink) CarePlanVersion(p *care.CarePlan) error        { return n.w.CarePlanVersion(p) }
func (n *nationalSink) CurrentCarePlan(p *care.CarePlan) error        { return n.w.CarePlan(p) }

func (n *nationalSink) Audit(e *care.AuditEvent) error {
	n.audit++
	if n.audit%n.every == 0 {
		n.log.log.Info("national demo", "audit_records", n.audit, "of", n.total, "day", e.At.Format(time.DateOnly),
			"elapsed", time.Since(n.start).Round(time.Second))
	}
	return n.w.Audit(e)
}
