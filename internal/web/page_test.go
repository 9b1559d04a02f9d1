package web

import (
	"testing"
	"time"
)

func TestFormatDate(t *testing.T) {
	tests := []struct {
		t        time.Time
		lang     string
		want     string
		wantTime string
	}{
		{time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC), "nl", "2 jan 2026", ""},
		{time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC), "nl", "31 mrt 2026", ""},
		{time.Date(2026, 10, 5, 0, 0, 0, 0, time.UTC), "en", "5 Oct 2026", ""},
		// 23:30 UTC on 31 December is already New Year in Amsterdam.
		{time.Date(2025, 12, 31, 23, 30, 0, 0, time.UTC), "nl", "1 jan 2026", "1 jan 2026 00:30"},
		{time.Time{}, "nl", "", ""},
	}
	for _, tt := range tests {
		p := &CarePage{BasePage: BasePage{Lang: tt.lang}}
		if got := p.Date(tt.t); got != tt.want {
			t.Errorf("Date(%v, %s) = %q, want %q", tt.t, tt.lang, got, tt.want)
		}
		if tt.wantTime != "" {
			if got := p.DateTime(tt.t); got != tt.wantTime {
				t.Errorf("DateTime(%v) = %q, want %q", tt.t, got, tt.wantTime)
			}
		}
	}
}
