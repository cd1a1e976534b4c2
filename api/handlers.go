package api

import (
	"context"
	"net/http"
	"sort"
	"strings"

	"github.com/dipgraph/dipgraph/graph"
)

func (s *server) getArticle(w http.ResponseWriter, r *http.Request) {
	a, ms, err := s.Store.Article(r.Context(), pathParam(r, "id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if ms == nil {
		ms = []graph.Meeting{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"article": a, "meetings": ms})
}

func (s *server) searchPeople(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := graph.PersonFilter{Query: q.Get("q"), Cursor: q.Get("cursor")}
	var err error
	if f.Country, err = countryParam("country", q.Get("country")); err != nil {
		s.fail(w, r, err)
		return
	}
	limit, err := intParam(r, "limit")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f.Limit = graph.ClampLimit(limit)
	page, err := s.Store.SearchPeople(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if page.People == nil {
		page.People = []graph.Person{}
	}
	writeJSON(w, http.StatusOK, page)
}

func (s *server) getPerson(w http.ResponseWriter, r *http.Request) {
	p, err := s.Store.Person(r.Context(), pathParam(r, "id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, p)
}

// counterpartsResponse is the "who met X" answer.
type counterpartsResponse struct {
	PersonID     string              `json:"person_id"`
	Counterparts []graph.Counterpart `json:"counterparts"`
}

func (s *server) counterparts(w http.ResponseWriter, r *http.Request) {
	id := pathParam(r, "id")
	cs, err := s.Store.Counterparts(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if cs == nil {
		cs = []graph.Counterpart{}
	}
	writeJSON(w, http.StatusOK, counterpartsResponse{PersonID: id, Counterparts: cs})
}

func (s *server) personMeetings(w http.ResponseWriter, r *http.Request) {
	id := pathParam(r, "id")
	f, err := meetingFilter(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f.PersonID = id
	if with := r.URL.Query().Get("with"); with != "" {
		ms, err := s.meetingsWith(r.Context(), id, with, f)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, graph.MeetingPage{Meetings: ms})
		return
	}
	page, err := s.Store.Meetings(r.Context(), f)
	if err == nil && len(page.Meetings) == 0 && f.Cursor == "" {
		// An empty timeline and an unknown person are different answers.
		_, err = s.Store.Person(r.Context(), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writeMeetings(w, page)
}

// meetingsWith lists the occurred meetings two people attended together,
// oldest first, within f's bounds, kind and country. Counterparts already
// holds their meeting ids, so this does not page through either timeline.
func (s *server) meetingsWith(ctx context.Context, id, with string, f graph.MeetingFilter) ([]graph.Meeting, error) {
	cs, err := s.Store.Counterparts(ctx, id)
	if err != nil {
		return nil, err
	}
	if _, err := s.Store.Person(ctx, with); err != nil {
		return nil, err
	}
	out := []graph.Meeting{}
	for _, c := range cs {
		if c.Person.ID != with {
			continue
		}
		for _, mid := range c.MeetingIDs {
			m, err := s.Store.Meeting(ctx, mid)
			if err != nil {
				return nil, err
			}
			if keepMeeting(m, f) {
				out = append(out, m)
			}
		}
	}
	sortMeetings(out)
	return out, nil
}

// keepMeeting applies the date, kind and country parts of f to one meeting.
func keepMeeting(m graph.Meeting, f graph.MeetingFilter) bool {
	if (f.From != "" || f.To != "") && m.Date == "" {
		return false
	}
	if f.From != "" && m.Date < f.From || f.To != "" && m.Date > f.To || f.Kind != "" && m.Kind != f.Kind {
		return false
	}
	for _, c := range []string{f.Country, f.WithCountry} {
		if c == "" {
			continue
		}
		found := false
		for _, p := range m.Participants {
			found = found || p.Country == c
		}
		if !found {
			return false
		}
	}
	return true
}

// sortMeetings orders meetings as the store does: by date, undated last, then id.
func sortMeetings(ms []graph.Meeting) {
	sort.Slice(ms, func(i, j int) bool {
		a, b := ms[i], ms[j]
		if (a.Date == "") != (b.Date == "") {
			return b.Date == ""
		}
		if a.Date != b.Date {
			return a.Date < b.Date
		}
		return a.ID < b.ID
	})
}

func (s *server) writeMeetings(w http.ResponseWriter, page graph.MeetingPage) {
	if page.Meetings == nil {
		page.Meetings = []graph.Meeting{}
	}
	writeJSON(w, http.StatusOK, page)
}

func (s *server) listMeetings(w http.ResponseWriter, r *http.Request) {
	f, err := meetingFilter(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	page, err := s.Store.Meetings(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writeMeetings(w, page)
}

func (s *server) getMeeting(w http.ResponseWriter, r *http.Request) {
	m, err := s.Store.Meeting(r.Context(), pathParam(r, "id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, m)
}

func (s *server) countryMeetings(w http.ResponseWriter, r *http.Request) {
	f, err := meetingFilter(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if f.Country, err = countryParam("code", pathParam(r, "code")); err != nil {
		s.fail(w, r, err)
		return
	}
	if with := r.URL.Query().Get("with"); with != "" {
		if f.WithCountry, err = countryParam("with", with); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	page, err := s.Store.Meetings(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.writeMeetings(w, page)
}

// Resolution says which person a name given in a request was taken to be.
type Resolution struct {
	Query      string   `json:"query"`
	ID         string   `json:"id"`
	Name       string   `json:"name"`
	Candidates []string `json:"candidates,omitempty"` // other people the name matched ("Name (id)")
}

// resolvePerson takes a person id, or else a name: the search's best hit —
// one with a spelling equal to the name, else the first in the store's
// order — and says how it chose in the Resolution (nil for an id).
func (s *server) resolvePerson(ctx context.Context, ref string) (graph.Person, *Resolution, error) {
	ref = cleanName(ref)
	if ref == "" {
		return graph.Person{}, nil, graph.Errorf(graph.EINVALID, "a person (id or name) is required")
	}
	if strings.HasPrefix(ref, "p-") {
		p, err := s.Store.Person(ctx, ref)
		if err == nil {
			return p.Person, nil, nil
		}
		if graph.ErrorCode(err) != graph.ENOTFOUND {
			return graph.Person{}, nil, err
		}
	}
	page, err := s.Store.SearchPeople(ctx, graph.PersonFilter{Query: ref, Limit: 20})
	if err != nil {
		return graph.Person{}, nil, err
	}
	if len(page.People) == 0 {
		return graph.Person{}, nil, graph.Errorf(graph.ENOTFOUND, "no person matches %q", truncate(ref, 80))
	}
	best := 0
	key := graph.NameKey(ref)
	for i, p := range page.People {
		if exactName(p, key) {
			best = i
			break
		}
	}
	res := &Resolution{Query: ref, ID: page.People[best].ID, Name: page.People[best].Name}
	for i, p := range page.People {
		if i != best && len(res.Candidates) < 5 {
			res.Candidates = append(res.Candidates, p.Name+" ("+p.ID+")")
		}
	}
	return page.People[best], res, nil
}

// exactName reports whether one of p's spellings, or its surname, is the name.
func exactName(p graph.Person, key string) bool {
	for _, a := range append([]string{p.Name}, p.Aliases...) {
		k := graph.NameKey(a)
		if k == key || strings.HasSuffix(k, " "+key) {
			return true
		}
	}
	return false
}

// pathResponse is the chain of meetings from one person to another.
type pathResponse struct {
	From     graph.Person     `json:"from"`
	To       graph.Person     `json:"to"`
	Resolved []*Resolution    `json:"resolved,omitempty"`
	Length   int              `json:"length"`
	Steps    []graph.PathStep `json:"steps"`
}

func (s *server) paths(w http.ResponseWriter, r *http.Request) {
	resp, err := s.path(r.Context(), r.URL.Query().Get("from"), r.URL.Query().Get("to"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, resp)
}

func (s *server) path(ctx context.Context, from, to string) (pathResponse, error) {
	if from == "" || to == "" {
		return pathResponse{}, graph.Errorf(graph.EINVALID, "parameters from and to (person ids or names) are required")
	}
	var resp pathResponse
	for _, end := range []struct {
		ref string
		p   *graph.Person
	}{{from, &resp.From}, {to, &resp.To}} {
		p, res, err := s.resolvePerson(ctx, end.ref)
		if err != nil {
			return resp, err
		}
		*end.p = p
		if res != nil {
			resp.Resolved = append(resp.Resolved, res)
		}
	}
	steps, err := s.Store.ShortestPath(ctx, resp.From.ID, resp.To.ID)
	if err != nil {
		return resp, err
	}
	if steps == nil {
		steps = []graph.PathStep{}
	}
	resp.Steps, resp.Length = steps, len(steps)
	return resp, nil
}
