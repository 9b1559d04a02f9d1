package fhir

import (
	"bytes"
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

// leaf is one value in a JSON tree: its path, a way to change it and a
// way to put the value back.
type leaf struct {
	path    string
	mutate  func()
	restore func()
}

// leaves walks the decoded JSON v and lists every string, number and
// boolean in it, each with functions that change it in place and undo
// the change.
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
		undo := func() { set(x) }
		if strings.HasSuffix(path, ".data") { // base64: other bytes
			return []leaf{{path, func() { set(base64.StdEncoding.EncodeToString([]byte(x))) }, undo}}
		}
		return []leaf{{path, func() { set(changeString(x)) }, undo}}
	case float64:
		return []leaf{{path, func() { set(x + 1) }, func() { set(x) }}}
	case bool:
		return []leaf{{path, func() { set(!x) }, func() { set(x) }}}
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
func TestChangedValueChangesImport(t *testing.T) { changedValues(t, sample()) }

// changedValues changes each value of the export of in in turn.
func changedValues(t *testing.T, in Input) {
	data, err := json.Marshal(Export(in))
	if err != nil {
		t.Fatal(err)
	}
	// The Bundle is written as its parts around the entries and each entry
	// on its own, so that a change is marshalled with its entry alone.
	var bundle map[string]any
	if err := json.Unmarshal(data, &bundle); err != nil {
		t.Fatal(err)
	}
	entries, _ := bundle["entry"].([]any)
	delete(bundle, "entry")
	head, err := json.Marshal(bundle)
	if err != nil {
		t.Fatal(err)
	}
	raw := make([][]byte, len(entries))
	type entryLeaf struct {
		leaf
		entry int
	}
	var ls []entryLeaf
	for i, e := range entries {
		if raw[i], err = json.Marshal(e); err != nil {
			t.Fatal(err)
		}
		for _, l := range leaves(e, fmt.Sprintf(".entry[%d]", i), nil) {
			ls = append(ls, entryLeaf{l, i})
		}
	}
	for _, l := range leaves(bundle, "", nil) {
		ls = append(ls, entryLeaf{l, -1})
	}
	slices.SortFunc(ls, func(a, b entryLeaf) int { return strings.Compare(a.path, b.path) })
	n := len(ls)
	if n < 500 {
		t.Fatalf("only %d values in the sample's export", n)
	}
	// assemble writes the Bundle with entry i (or, for -1, the parts
	// around the entries) marshalled anew.
	assemble := func(i int) []byte {
		h := head
		if i < 0 {
			if h, err = json.Marshal(bundle); err != nil {
				t.Fatal(err)
			}
		}
		var buf bytes.Buffer
		buf.Write(h[:len(h)-1])
		buf.WriteString(`,"entry":[`)
		for j, r := range raw {
			if j > 0 {
				buf.WriteByte(',')
			}
			if j == i {
				if r, err = json.Marshal(entries[j]); err != nil {
					t.Fatal(err)
				}
			}
			buf.Write(r)
		}
		buf.WriteString("]}")
		return buf.Bytes()
	}
	if b, err := Decode(assemble(-1)); err != nil {
		t.Fatalf("the reassembled export: %v", err)
	} else if out, err := Import(b); err != nil || !cmp.Equal(in, out, cmpopts.EquateEmpty()) {
		t.Fatalf("the reassembled export does not import as the sample (%v)", err)
	}
	differs, refused := 0, 0
	reached := map[int]bool{}
	for _, l := range ls {
		l.mutate()
		changed := assemble(l.entry)
		l.restore()
		b, err := Decode(changed)
		if err == nil {
			var out Input
			out, err = Import(b)
			if err == nil {
				if cmp.Equal(in, out, cmpopts.EquateEmpty()) {
					t.Errorf("changing %s does not change the imported file", l.path)
				}
				differs++
				if l.entry >= 0 {
					reached[l.entry] = true
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
