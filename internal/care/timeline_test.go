package care_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/spil-zorg/spil/internal/care"
)

func period(law, form, status string, start, end time.Time) care.CoveragePeriod {
	return care.CoveragePeriod{Law: law, Form: form, Status: status, Start: start, End: end}
}

// TestBuildTimeline builds the journey from small files and compares the
// bands and marks with what they should be, written out.
func TestBuildTimeline(t *testing.T) {
	birth := date(2014, 5, 10)
	today := date(2026, 6, 1)
	tests := []struct {
		name string
		in   care.TimelineInput
		want care.Timeline
	}{{
		name: "nothing recorded: today only, with no birthday in it",
		in:   care.TimelineInput{Today: today, BirthDate: birth},
		want: care.Timeline{From: date(2014, 5, 10), To: date(2026, 6, 2), Marks: []care.TimelineMark{
			{Kind: care.MarkBirth, Date: birth}, {Kind: care.MarkAge, Date: date(2026, 5, 10), Value: "12"}}},
	}, {
		name: "stays: a move home on the day of discharge, the ongoing stay ends today",
		in: care.TimelineInput{Today: today, BirthDate: birth, Stays: []care.Stay{
			{Kind: care.StayHome, Start: date(2026, 3, 20)},
			{Kind: care.StayAcademicHospital, Unit: care.StayPICU, Place: "WKZ", Start: date(2026, 3, 2), End: date(2026, 3, 20)},
		}},
		want: care.Timeline{From: date(2026, 3, 2), To: date(2026, 6, 2), Places: []care.TimelineBand{
			{Lane: care.LanePlace, Kind: care.StayAcademicHospital, Unit: care.StayPICU, Place: "WKZ", Start: date(2026, 3, 2), End: date(2026, 3, 20)},
			{Lane: care.LanePlace, Kind: care.StayHome, Start: date(2026, 3, 20), End: date(2026, 6, 2), Ongoing: true},
		}, Marks: []care.TimelineMark{{Kind: care.MarkAge, Date: date(2026, 5, 10), Value: "12"}}},
	}, {
		name: "financing: a renewal after a period, overlapping items on two rows, refused and planned periods left out",
		in: care.TimelineInput{Today: today, BirthDate: birth, Coverage: []care.CoverageItem{
			{Kind: "home_nursing", Periods: []care.CoveragePeriod{
				period(care.LawZvw, "zin", care.CoverageExpired, date(2025, 1, 1), date(2025, 12, 31)),
				period(care.LawZvw, "zin", care.CoverageGranted, date(2026, 1, 1), date(2026, 12, 31)),
			}},
			{Kind: "respite", Periods: []care.CoveragePeriod{
				period(care.LawWlz, "pgb", care.CoverageRefused, date(2025, 3, 1), time.Time{}),
				period(care.LawWlz, "pgb", care.CoverageGranted, date(2025, 6, 1), date(2026, 2, 28)),
			}},
			{Kind: "day_care", Periods: []care.CoveragePeriod{
				period(care.LawWmo, "zin", care.CoverageApplied, date(2026, 5, 1), time.Time{}),
			}},
		}},
		want: care.Timeline{From: date(2025, 1, 1), To: date(2026, 6, 2), FinancingRows: 2, Financing: []care.TimelineBand{
			{Lane: care.LaneFinancing, Kind: "home_nursing", Law: care.LawZvw, Form: "zin", Start: date(2025, 1, 1), End: date(2026, 1, 1)},
			{Lane: care.LaneFinancing, Row: 1, Kind: "respite", Law: care.LawWlz, Form: "pgb", Start: date(2025, 6, 1), End: date(2026, 3, 1)},
			{Lane: care.LaneFinancing, Kind: "home_nursing", Law: care.LawZvw, Form: "zin", Start: date(2026, 1, 1), End: date(2026, 6, 2), Ongoing: true},
		}, Marks: []care.TimelineMark{{Kind: care.MarkAge, Date: date(2026, 5, 10), Value: "12"}}},
	}, {
		name: "youth care ends the day before the 18th birthday",
		in: care.TimelineInput{Today: date(2027, 3, 1), BirthDate: date(2009, 1, 15), Coverage: []care.CoverageItem{
			{Kind: "psychosocial", Periods: []care.CoveragePeriod{period(care.LawJeugdwet, "zin", care.CoverageGranted, date(2026, 1, 1), time.Time{})}},
		}},
		want: care.Timeline{From: date(2026, 1, 1), To: date(2027, 3, 2), FinancingRows: 1, Financing: []care.TimelineBand{
			{Lane: care.LaneFinancing, Kind: "psychosocial", Law: care.LawJeugdwet, Form: "zin", Start: date(2026, 1, 1), End: date(2027, 1, 15)},
		}, Marks: []care.TimelineMark{{Kind: care.MarkAge, Date: date(2027, 1, 15), Value: "18"}}},
	}, {
		name: "events: referral, plan versions, a meeting held, a move done; planned ones and future ones left out; one day in its order",
		in: care.TimelineInput{Today: today, BirthDate: birth,
			Episode: &care.Episode{ReferralDate: date(2025, 9, 1)},
			Plan: []care.PlanVersionInfo{{Version: 2, SavedAt: time.Date(2026, 1, 10, 23, 30, 0, 0, time.UTC)},
				{Version: 1, SavedAt: time.Date(2025, 9, 15, 9, 0, 0, 0, time.UTC)}},
			Meetings: []care.Meeting{{Purpose: care.PurposeWarmHandoff, Start: time.Date(2026, 3, 18, 13, 0, 0, 0, time.UTC)},
				{Purpose: care.PurposeCarePlanReview, Start: time.Date(2026, 7, 1, 13, 0, 0, 0, time.UTC)}},
			Transfers: []care.Transfer{{FromKind: "academic_hospital", ToKind: "home", PlannedOn: date(2026, 3, 20), Status: care.TransferDone},
				{FromKind: "home", ToKind: "hospice", PlannedOn: date(2026, 5, 1), Status: care.TransferCancelled}},
			// Newest first, as read: on one day the marks keep the order of the day.
			Intensity: []care.IntensityChange{{Intensity: care.Intensive, ChangedAt: time.Date(2026, 3, 2, 15, 0, 0, 0, time.UTC)},
				{Intensity: care.Regular, ChangedAt: time.Date(2026, 3, 2, 8, 0, 0, 0, time.UTC)}},
			DiagnosedOn: date(2024, 11, 3), Diagnosis: "SMA type 1",
		},
		want: care.Timeline{From: date(2024, 11, 3), To: date(2026, 6, 2), Marks: []care.TimelineMark{
			{Kind: care.MarkDiagnosis, Date: date(2024, 11, 3), Value: "SMA type 1"},
			{Kind: care.MarkReferral, Date: date(2025, 9, 1)},
			{Kind: care.MarkPlan, Date: date(2025, 9, 15), Value: "1"},
			// 23:30 UTC in January is the next day in the Netherlands.
			{Kind: care.MarkPlan, Date: date(2026, 1, 11), Value: "2"},
			{Kind: care.MarkIntensity, Date: date(2026, 3, 2), Value: "regular"},
			{Kind: care.MarkIntensity, Date: date(2026, 3, 2), Value: "intensive"},
			{Kind: care.MarkMeeting, Date: date(2026, 3, 18), Value: care.PurposeWarmHandoff},
			{Kind: care.MarkTransfer, Date: date(2026, 3, 20), Value: "academic_hospital>home"},
			{Kind: care.MarkAge, Date: date(2026, 5, 10), Value: "12"},
		}},
	}, {
		name: "death ends the bands and the birthdays; the timeline goes on with the aftercare",
		in: care.TimelineInput{Today: today, BirthDate: birth, Deceased: true, DiedOn: date(2026, 4, 2),
			Stays: []care.Stay{{Kind: care.StayHospice, Place: "Binnenhof", Start: date(2026, 3, 1)}},
			Coverage: []care.CoverageItem{{Kind: "night_care", Periods: []care.CoveragePeriod{
				period(care.LawWlz, "zin", care.CoverageGranted, date(2026, 1, 1), date(2026, 12, 31))}}},
			Intensity: []care.IntensityChange{{Intensity: care.Waakvlam, ChangedAt: time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)}},
			Extra:     []care.TimelineMark{{Kind: care.MarkAftercare, Date: date(2026, 4, 20)}},
		},
		want: care.Timeline{From: date(2026, 1, 1), To: date(2026, 6, 2), FinancingRows: 1,
			Places: []care.TimelineBand{{Lane: care.LanePlace, Kind: care.StayHospice, Place: "Binnenhof", Start: date(2026, 3, 1), End: date(2026, 4, 3)}},
			Financing: []care.TimelineBand{{Lane: care.LaneFinancing, Kind: "night_care", Law: care.LawWlz, Form: "zin",
				Start: date(2026, 1, 1), End: date(2026, 4, 3)}},
			Marks: []care.TimelineMark{{Kind: care.MarkDeath, Date: date(2026, 4, 2)},
				{Kind: care.MarkAftercare, Date: date(2026, 4, 20)},
				{Kind: care.MarkIntensity, Date: date(2026, 5, 1), Value: "waakvlam"}}},
	}, {
		name: "an unborn child has no birthdays",
		in:   care.TimelineInput{Today: today, BirthDate: date(2026, 8, 1), Unborn: true, Episode: &care.Episode{ReferralDate: date(2026, 4, 1)}},
		want: care.Timeline{From: date(2026, 4, 1), To: date(2026, 6, 2), Marks: []care.TimelineMark{{Kind: care.MarkReferral, Date: date(2026, 4, 1)}}},
	}}
	tests = append(tests, struct {
		name string
		in   care.TimelineInput
		want care.Timeline
	}{
		name: "aftercare: done on the day done, an open contact on its due day once come, none beyond today",
		in: care.TimelineInput{Today: today, Deceased: true, DiedOn: date(2026, 3, 1),
			Extra: care.AftercareMarks(&care.Aftercare{Contacts: []care.AftercareContact{
				{DueOn: date(2026, 4, 12), DoneOn: date(2026, 4, 14)},
				{DueOn: date(2026, 5, 30)},
				{DueOn: date(2027, 3, 1)},
			}})},
		want: care.Timeline{From: date(2026, 3, 1), To: date(2026, 6, 2), Marks: []care.TimelineMark{
			{Kind: care.MarkDeath, Date: date(2026, 3, 1)},
			{Kind: care.MarkAftercare, Date: date(2026, 4, 14), Value: care.AftercareDone},
			{Kind: care.MarkAftercare, Date: date(2026, 5, 30), Value: care.AftercarePlanned}}},
	})
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := care.BuildTimeline(tc.in)
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("BuildTimeline (-want +got):\n%s", diff)
			}
		})
	}
}

// TestTimelineBandDays: the day of leaving is not counted.
func TestTimelineBandDays(t *testing.T) {
	b := care.TimelineBand{Start: date(2026, 3, 2), End: date(2026, 3, 20)}
	if got := b.Days(); got != 18 {
		t.Errorf("Days = %d, want 18", got)
	}
}
