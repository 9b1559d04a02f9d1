package care

// ExportParts selects the parts of a family's file an export reads besides
// its core (the family, its members, the network, the case managers, the
// episode and the organisation, which every export reads). A surface that
// answers one kind of resource reads only the parts that kind is made of;
// what the caller may see is the same as for the whole file.
type ExportParts uint

const (
	ExportContacts ExportParts = 1 << iota
	ExportTasks
	ExportPlan
	ExportConsents
	ExportStays
	ExportTransfers
	ExportMeetings
	ExportCoverage
	// ExportDocumentContent is the content of the coverage plan's
	// documents (with ExportCoverage).
	ExportDocumentContent
	// ExportAids, ExportIntensity, ExportTransition, ExportPlanVersions,
	// ExportDeathRecords, ExportNotes, ExportThreads, ExportAftercare,
	// ExportTaskHistory, ExportCorrections and ExportProposals: see
	// export_more.go.
	ExportAids
	ExportIntensity
	ExportTransition
	ExportPlanVersions
	ExportDeathRecords
	ExportNotes
	ExportThreads
	ExportAftercare
	ExportTaskHistory
	ExportCorrections
	ExportProposals

	// ExportCore is the core alone.
	ExportCore ExportParts = 0
	// ExportAll is the whole file.
	ExportAll = ExportContacts | ExportTasks | ExportPlan | ExportConsents | ExportStays | ExportTransfers |
		ExportMeetings | ExportCoverage | ExportDocumentContent | ExportAids | ExportIntensity | ExportTransition |
		ExportPlanVersions | ExportDeathRecords | ExportNotes | ExportThreads | ExportAftercare |
		ExportTaskHistory | ExportCorrections | ExportProposals
)

// Has reports whether p holds every part of q.
func (p ExportParts) Has(q ExportParts) bool { return p&q == q }
