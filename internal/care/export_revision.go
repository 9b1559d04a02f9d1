package care

import (
	"context"
	"time"
)

// FileRevisionStore reads which state a family's file is in.
type FileRevisionStore interface {
	// FileRevision reads the revision of the family's file and of what
	// every file names (accounts, organisations). The database moves them
	// with every change, in the transaction of the change.
	FileRevision(ctx context.Context, familyID int64) (FileRevision, error)
}

// FileRevision says from which state of a family's file an export was
// read. Two exports by the same reader with the same revision hold the
// same: a surface may keep the answer it made from one and give it again
// (the FHIR $everything does).
type FileRevision struct {
	File   int64 // moves with every change to the family's file
	Shared int64 // moves with every change to the accounts and organisations
	// Day is the date the export was read on: what a provider may see
	// follows the child's age and the network's dates.
	Day time.Time
}

// Same reports whether r and o are the same state of the file on the
// same day.
func (r FileRevision) Same(o FileRevision) bool {
	return r.File == o.File && r.Shared == o.Shared && r.Day.Equal(o.Day)
}

// ExportFileSince is ExportFileParts for a reader that keeps an answer it
// made from the file at revision known: it reads the file only when the
// file is no longer at known, and else answers a nil file. Either way it
// is the same door, access rules and one audit record: an answer given
// again is an export like any other. The revision it answers is the one
// the file was read at (read before the file, in the same snapshot).
func (s *Service) ExportFileSince(ctx context.Context, actor Actor, familyID int64, action Action, parts ExportParts, known FileRevision) (*ExportFile, FileRevision, error) {
	// The day is taken before anything is read: should midnight pass
	// during the read, the answer is of the later day and says the
	// earlier, so that it is not given again on the later day.
	day := DateOf(s.now())
	var rev FileRevision
	out, err := s.exportFile(ctx, actor, familyID, action, parts, func(st Store) (bool, error) {
		var err error
		if rev, err = st.FileRevision(ctx, familyID); err != nil {
			return false, err
		}
		rev.Day = day
		return rev.File != 0 && rev.Same(known), nil
	})
	if err != nil {
		return nil, FileRevision{}, err
	}
	return out, rev, nil
}
