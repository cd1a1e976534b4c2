package graph

import (
	"context"
	"reflect"
	"testing"
)

// storedGraph answers a Planner's lookups from a fixed snapshot, the way a
// store answers them inside its transaction.
type storedGraph struct {
	people   []Candidate
	meetings []StoredMeeting
}

func (g storedGraph) PeopleByKeys(_ context.Context, keys []string) ([]Candidate, error) {
	want := map[string]bool{}
	for _, k := range keys {
		want[k] = true
	}
	var out []Candidate
	for _, c := range g.people {
		for _, k := range IndexKeys(c.Aliases...) {
			if want[k] {
				out = append(out, c)
				break
			}
		}
	}
	return out, nil
}

func (g storedGraph) MeetingsOf(_ context.Context, ids []string) ([]StoredMeeting, error) {
	want := map[string]bool{}
	for _, id := range ids {
		want[id] = true
	}
	var out []StoredMeeting
	for _, m := range g.meetings {
		for _, id := range m.Key.PersonIDs {
			if want[id] {
				out = append(out, m)
				break
			}
		}
	}
	return out, nil
}

func report(date string, names ...Participant) MeetingReport {
	return MeetingReport{Kind: KindMeeting, Status: StatusOccurred, Date: date, Participants: names,
		Evidence: []Evidence{{Start: 0, End: 4, Text: "text"}}, Confidence: 0.9}
}

func TestPlanner(t *testing.T) {
	vela := Participant{Name: "Marta Vela", Role: "Foreign Minister", Country: "CL"}
	okafor := Participant{Name: "Tunde Okafor", Role: "Foreign Minister", Country: "NG"}
	stored := storedGraph{
		people: []Candidate{
			{ID: "p-marta-vela", Aliases: []string{"Marta Vela"}, Country: "CL", Roles: []string{"Foreign Minister"}},
			{ID: "p-tunde-okafor", Aliases: []string{"Tunde Okafor"}, Country: "NG", Roles: []string{"Foreign Minister"}},
		},
		meetings: []StoredMeeting{{ID: "m-1", Key: MeetingKey{Kind: KindMeeting, Status: StatusOccurred, Date: "2025-02",
			PersonIDs: []string{"p-marta-vela", "p-tunde-okafor"}}}},
	}
	tests := []struct {
		name        string
		graph       storedGraph
		docs        []Document
		wantReports []string // meeting id of each report
		wantPeople  []string // ids touched, in order
		check       func(t *testing.T, p Plan)
	}{{
		name:  "a second report of a stored meeting joins it and refines its date",
		graph: stored,
		docs: []Document{{Article: Article{ID: "a2"}, Meetings: []MeetingReport{
			report("2025-02-14", Participant{Name: "Vela", Country: "CL"}, okafor)}}},
		wantReports: []string{"m-1"},
		wantPeople:  []string{"p-marta-vela", "p-tunde-okafor"},
		check: func(t *testing.T, p Plan) {
			if m := p.Meetings[0]; m.New || m.Date != "2025-02-14" || m.DatePrecision != "day" {
				t.Errorf("meeting = %+v, want the stored one with the day date", m)
			}
			if got := p.People[0].Aliases; !reflect.DeepEqual(got, []string{"Marta Vela", "Vela"}) {
				t.Errorf("aliases = %v", got)
			}
			if p.People[0].Name != "Marta Vela" {
				t.Errorf("name = %q, want the fullest spelling", p.People[0].Name)
			}
		},
	}, {
		name:  "two documents of one batch share a new person and a new meeting",
		graph: storedGraph{},
		docs: []Document{
			{Article: Article{ID: "a1"}, Meetings: []MeetingReport{report("2025-03", Participant{Name: "Vela", Country: "CL"}, okafor)}},
			{Article: Article{ID: "a2"}, Meetings: []MeetingReport{report("", Participant{Name: "Marta Vela", Country: "CL"}, okafor)}},
		},
		wantPeople: []string{"p-vela", "p-tunde-okafor"},
		check: func(t *testing.T, p Plan) {
			if len(p.Meetings) != 1 || p.Reports[0].MeetingID != p.Reports[1].MeetingID {
				t.Fatalf("meetings = %+v, want one shared by both reports", p.Meetings)
			}
			if !p.People[0].New || p.People[0].Name != "Marta Vela" {
				t.Errorf("person = %+v, want new, named by the fullest spelling", p.People[0])
			}
		},
	}, {
		name:  "a call is not the stored meeting; a namesake of another country is another person",
		graph: stored,
		docs: []Document{{Article: Article{ID: "a3"}, Meetings: []MeetingReport{{
			Kind: KindCall, Status: StatusOccurred, Date: "2025-02-10",
			Participants: []Participant{vela, {Name: "Marta Vela", Role: "Ambassador", Country: "ES"}},
		}}}},
		wantPeople: []string{"p-marta-vela", "p-marta-vela-2"},
		check: func(t *testing.T, p Plan) {
			if !p.Meetings[0].New || p.Meetings[0].Kind != KindCall {
				t.Errorf("meeting = %+v, want a new call", p.Meetings[0])
			}
		},
	}, {
		name:  "a report with one known participant is stored but merges with nothing",
		graph: stored,
		docs: []Document{{Article: Article{ID: "a4"}, Meetings: []MeetingReport{
			report("2025-02", vela), report("2025-02", vela)}}},
		wantPeople: []string{"p-marta-vela"},
		check: func(t *testing.T, p Plan) {
			if len(p.Meetings) != 2 {
				t.Errorf("meetings = %d, want 2 (one person is not enough to call two reports one meeting)", len(p.Meetings))
			}
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			pl := NewPlanner(tt.graph)
			for _, d := range tt.docs {
				if err := pl.Add(context.Background(), d); err != nil {
					t.Fatal(err)
				}
			}
			p := pl.Plan()
			var people []string
			for _, pw := range p.People {
				people = append(people, pw.ID)
			}
			if !reflect.DeepEqual(people, tt.wantPeople) {
				t.Errorf("people = %v, want %v", people, tt.wantPeople)
			}
			if tt.wantReports != nil {
				var got []string
				for _, r := range p.Reports {
					got = append(got, r.MeetingID)
				}
				if !reflect.DeepEqual(got, tt.wantReports) {
					t.Errorf("reports go to %v, want %v", got, tt.wantReports)
				}
			}
			tt.check(t, p)
		})
	}
}
