package fhir

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// leaf is one value in a JSON tree: its path and a way to change it.
type leaf struct {
	path   string
	mutate func()
}

// leaves walks the decoded JSON v and lists every string, number and
// boolean in it, each with a function that changes it in place.
func leaves(v any, path string, set func(any)) []leaf {
	switch x := v.(type) {
	case map[string]any:
		var out []leaf
		for k, c := range x {
			out = append(out, leaves(c, path+"."+k, func(nv any) { x[k] = nv })...)
		}
		return out
	case []any:
		var out []leaf
		for i, c := range x {
			out = append(out, leaves(c, fmt.Sprintf("%s[%d]", path, i), func(nv any) { x[i] = nv })...)
		}
		return out
	case string:
		if strings.HasSuffix(path, ".data") { // base64: other bytes
			return []leaf{{path, func() { set(base64.StdEncoding.EncodeToString([]byte(x))) }}}
		}
		return []leaf{{path, func() { set(changeString(x)) }}}
	case float64:
		return []leaf{{path, func() { set(x + 1) }}}
	case bool:
		return []leaf{{path, func() { set(!x) }}}
	}
	return nil
}

// changeString changes s into another value of its kind: a date or a
// moment a day later, any other text with a letter more.
func changeString(s string) string {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t.AddDate(0, 0, 1).Format(time.DateOnly)
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return fmtInstant(t.AddDate(0, 0, 1))
	}
	return s + "x"
}

// TestChangedValueChangesImport: changing any one value of an export
// changes what Import reads, or Import refuses the Bundle (a fixed code,
// a profile, or a copy of a value held elsewhere in the Bundle that no
// longer agrees with it); no value in the export goes unread.
func TestChangedValueChangesImport(t *testing.T) {
	in := sample()
	data, err := json.Marshal(Export(in))
	if err != nil {
		t.Fatal(err)
	}
	var probe any
	if err := json.Unmarshal(data, &probe); err != nil {
		t.Fatal(err)
	}
	n := len(leaves(probe, "", nil))
	if n < 500 {
		t.Fatalf("only %d values in the sample's export", n)
	}
	differs, refused := 0, 0
	reached := map[int]bool{}
	for i := range n {
		var tree any
		if err := json.Unmarshal(data, &tree); err != nil {
			t.Fatal(err)
		}
		// Map order is random: leaf i is the i-th by path.
		ls := leaves(tree, "", nil)
		slices.SortFunc(ls, func(a, b leaf) int { return strings.Compare(a.path, b.path) })
		l := ls[i]
		l.mutate()
		changed, err := json.Marshal(tree)
		if err != nil {
			t.Fatal(err)
		}
		b, err := Decode(changed)
		if err == nil {
			var out Input
			out, err = Import(b)
			if err == nil {
				if cmp.Equal(in, out, cmpopts.EquateEmpty()) {
					t.Errorf("changing %s does not change the imported file", l.path)
				}
				differs++
				var entry int
				if _, err := fmt.Sscanf(l.path, ".entry[%d]", &entry); err == nil {
					reached[entry] = true
				}
				continue
			}
		}
		refused++
	}
	t.Logf("%d values: %d changed the imported file, %d made Import refuse the Bundle", n, differs, refused)
	// Every resource but the care team (written from the case managers
	// and the network) has a value of its own that reaches the file.
	for i, e := range Export(in).Entry {
		if h := e.Resource.Header(); !reached[i] && h.ResourceType != "CareTeam" {
			t.Errorf("no change of %s/%s reaches the imported file", h.ResourceType, h.ID)
		}
	}
}
