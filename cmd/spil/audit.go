package main

import (
	"context"
	"errors"
	"fmt"
)

var auditVerifyCommand = command{
	name:    "audit-verify",
	usage:   "audit-verify [flags]",
	summary: "check that the audit trail is complete and unchanged",
	flags: func(f *flags, c *Config) {
		f.dbFlag(c)
		f.logFlags(c)
	},
	run: func(ctx context.Context, a *app, args []string) error {
		if len(args) > 0 {
			return errors.New("audit-verify takes no arguments")
		}
		s, err := openStore(ctx, a, false)
		if err != nil {
			return err
		}
		defer s.Close()
		n, brk, err := s.VerifyAudit(ctx)
		if err != nil {
			return err
		}
		if brk != nil {
			return fmt.Errorf("the audit trail is broken at record %d: %s (%d records checked)", brk.ID, brk.Reason, n)
		}
		fmt.Fprintf(a.out, "The audit trail is intact: %d records, each chained to the one before.\n", n)
		return nil
	},
}
