package care

import (
	"testing"
	"time"
)

func TestDateOf(t *testing.T) {
	newYork, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		in   time.Time
		want time.Time
	}{
		{"summer, 23:59 in Amsterdam", time.Date(2026, 7, 1, 21, 59, 0, 0, time.UTC), day(2026, 7, 1)},
		{"summer, midnight in Amsterdam", time.Date(2026, 7, 1, 22, 0, 0, 0, time.UTC), day(2026, 7, 2)},
		{"summer, 23:30 UTC", time.Date(2026, 7, 1, 23, 30, 0, 0, time.UTC), day(2026, 7, 2)},
		{"winter, 23:59 in Amsterdam", time.Date(2026, 1, 15, 22, 59, 59, 0, time.UTC), day(2026, 1, 15)},
		{"winter, midnight in Amsterdam", time.Date(2026, 1, 15, 23, 0, 0, 0, time.UTC), day(2026, 1, 16)},
		{"winter, 23:30 UTC", time.Date(2026, 1, 15, 23, 30, 0, 0, time.UTC), day(2026, 1, 16)},
		{"midnight UTC stays the same date", day(2026, 1, 15), day(2026, 1, 15)},
		{"new year's eve", time.Date(2025, 12, 31, 23, 0, 0, 0, time.UTC), day(2026, 1, 1)},
		{"the night the clocks go forward", time.Date(2026, 3, 28, 23, 0, 0, 0, time.UTC), day(2026, 3, 29)},
		{"the evening after the clocks went forward", time.Date(2026, 3, 29, 22, 0, 0, 0, time.UTC), day(2026, 3, 30)},
		{"another zone", time.Date(2026, 7, 1, 19, 0, 0, 0, newYork), day(2026, 7, 2)},
		{"Amsterdam itself", time.Date(2026, 7, 1, 0, 15, 0, 0, Amsterdam), day(2026, 7, 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := DateOf(tt.in)
			if !got.Equal(tt.want) || got.Location() != time.UTC {
				t.Errorf("DateOf(%v) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func TestAgeOn(t *testing.T) {
	birth := day(2010, 5, 10)
	tests := []struct {
		name  string
		birth time.Time
		day   time.Time
		want  int
	}{
		{"day of birth", birth, birth, 0},
		{"day before first birthday", birth, day(2011, 5, 9), 0},
		{"first birthday", birth, day(2011, 5, 10), 1},
		{"day before tenth birthday", birth, time.Date(2020, 5, 9, 12, 0, 0, 0, time.UTC), 9},
		{"tenth birthday", birth, day(2020, 5, 10), 10},
		{"23:59 in Amsterdam the evening before", birth, time.Date(2020, 5, 9, 21, 59, 0, 0, time.UTC), 9},
		{"midnight in Amsterdam, still the 9th in UTC", birth, time.Date(2020, 5, 9, 22, 0, 0, 0, time.UTC), 10},
		{"a month later", birth, day(2020, 6, 9), 10},
		{"earlier month", birth, day(2020, 4, 30), 9},
		{"born on new year's eve", day(2010, 12, 31), day(2020, 1, 1), 9},
		{"new year's eve, winter midnight in Amsterdam", day(2010, 12, 31), time.Date(2020, 12, 30, 23, 0, 0, 0, time.UTC), 10},
		{"leap day birth, first of March", day(2016, 2, 29), day(2017, 3, 1), 1},
		{"leap day birth, leap year", day(2016, 2, 29), day(2020, 2, 29), 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := AgeOn(tt.birth, tt.day); got != tt.want {
				t.Errorf("AgeOn(%v, %v) = %d, want %d", tt.birth.Format(time.DateOnly), tt.day, got, tt.want)
			}
		})
	}
}

func TestTaskOverdue(t *testing.T) {
	tests := []struct {
		name   string
		status string
		due    time.Time
		on     time.Time
		want   bool
	}{
		{"due yesterday", "open", day(2026, 6, 14), today, true},
		{"due today", "open", day(2026, 6, 15), today, false},
		{"due tomorrow", "open", day(2026, 6, 16), today, false},
		{"no due date", "open", time.Time{}, today, false},
		{"done, due long ago", "done", day(2026, 1, 1), today, false},
		{"due on the UTC date, after midnight in Amsterdam", "open", day(2026, 6, 15), lateToday, true},
		{"due the next day, after midnight in Amsterdam", "open", day(2026, 6, 16), lateToday, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k := &Task{Status: tt.status, DueDate: tt.due}
			if got := k.Overdue(tt.on); got != tt.want {
				t.Errorf("Overdue(%v) = %v, want %v", tt.on, got, tt.want)
			}
		})
	}
}

func TestFileHasGP(t *testing.T) {
	tests := []struct {
		name    string
		network []NetworkMember
		want    bool
	}{
		{"no network", nil, false},
		{"no GP", []NetworkMember{{Role: "homecare"}, {Role: "paediatrician"}}, false},
		{"GP last", []NetworkMember{{Role: "homecare"}, {Role: "gp"}}, true},
		{"only a GP", []NetworkMember{{Role: "gp"}}, true},
	}
	for _, tt := range tests {
		f := &File{Network: tt.network}
		if got := f.HasGP(); got != tt.want {
			t.Errorf("%s: HasGP = %v, want %v", tt.name, got, tt.want)
		}
	}
}
