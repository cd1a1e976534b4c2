package graph

import (
	"maps"
	"slices"
	"sort"
)

// CounterpartTally gathers the answer to "who met this person" from
// attendance rows, one per (counterpart, meeting) report, oldest meeting
// first. Every store feeds it what it reads, so how counterparts are
// counted, dated and ordered is decided in one place.
type CounterpartTally struct {
	by map[string]*tallied
}

type tallied struct {
	c        Counterpart
	meetings map[string]bool
}

// Add records that counterpart id met the person at meeting (dated date,
// "" when unknown) as role of country. person is called once per
// counterpart, for its node. Rows come oldest first, so the last
// non-empty role and country are those of the latest meeting giving one.
func (t *CounterpartTally) Add(id string, person func() Person, meeting, date, role, country string) {
	if t.by == nil {
		t.by = map[string]*tallied{}
	}
	a := t.by[id]
	if a == nil {
		a = &tallied{c: Counterpart{Person: person()}, meetings: map[string]bool{}}
		t.by[id] = a
	}
	a.meetings[meeting] = true
	if date != "" {
		if a.c.First == "" || date < a.c.First {
			a.c.First = date
		}
		if date > a.c.Last {
			a.c.Last = date
		}
	}
	if role != "" {
		a.c.Role = role
	}
	if country != "" {
		a.c.Country = country
	}
}

// List returns the counterparts, most meetings first, then the most
// recent, then by name and id.
func (t *CounterpartTally) List() []Counterpart {
	out := make([]Counterpart, 0, len(t.by))
	for _, a := range t.by {
		ids := slices.Sorted(maps.Keys(a.meetings))
		a.c.MeetingIDs, a.c.Meetings = ids, len(ids)
		out = append(out, a.c)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Meetings != b.Meetings {
			return a.Meetings > b.Meetings
		}
		if a.Last != b.Last {
			return a.Last > b.Last
		}
		if a.Person.Name != b.Person.Name {
			return a.Person.Name < b.Person.Name
		}
		return a.Person.ID < b.Person.ID
	})
	return out
}
