package neo4j

import (
	"context"
	"encoding/json"
	"regexp"
	"sort"
	"strconv"
	"strings"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/dipgraph/dipgraph/graph"
)

// Article returns an article and the meetings it reports, in report order.
func (s *Store) Article(ctx context.Context, id string) (graph.Article, []graph.Meeting, error) {
	recs, err := s.query(ctx, "read article", `
		MATCH (a:Article {id: $id})
		OPTIONAL MATCH (m:Meeting)-[r:REPORTED_IN]->(a)
		WITH a, m, r ORDER BY r.index
		RETURN a.id AS id, coalesce(a.url, '') AS url, coalesce(a.title, '') AS title, coalesce(a.published, '') AS published,
			coalesce(a.source, '') AS source, a.sha256 AS sha256, collect(m.id) AS meetings`, map[string]any{"id": id})
	if err != nil {
		return graph.Article{}, nil, err
	}
	if len(recs) == 0 {
		return graph.Article{}, nil, graph.Errorf(graph.ENOTFOUND, "no article with id %q", id)
	}
	r := recs[0]
	a := graph.Article{ID: str(r, "id"), URL: str(r, "url"), Title: str(r, "title"), Published: str(r, "published"), Source: str(r, "source"), SHA256: str(r, "sha256")}
	var uniq []string
	seen := map[string]bool{}
	for _, m := range strList(r, "meetings") {
		if !seen[m] {
			seen[m] = true
			uniq = append(uniq, m)
		}
	}
	ms, err := s.loadMeetings(ctx, uniq)
	return a, ms, err
}

// Documents pages through the stored documents in ingest order.
func (s *Store) Documents(ctx context.Context, after string, limit int) ([]graph.Document, error) {
	seq := int64(0)
	if after != "" {
		recs, err := s.query(ctx, "read documents", `MATCH (a:Article {id: $id}) RETURN a.seq AS seq`, map[string]any{"id": after})
		if err != nil {
			return nil, err
		}
		if len(recs) == 0 {
			return nil, graph.Errorf(graph.EINVALID, "no article %q to continue after", after)
		}
		v, _ := recs[0].Get("seq")
		seq, _ = v.(int64)
	}
	recs, err := s.query(ctx, "read documents", `MATCH (a:Article) WHERE a.seq > $seq RETURN a.document AS doc ORDER BY a.seq LIMIT $limit`,
		map[string]any{"seq": seq, "limit": graph.ClampLimit(limit)})
	if err != nil {
		return nil, err
	}
	out := make([]graph.Document, 0, len(recs))
	for _, r := range recs {
		var d graph.Document
		if err := json.Unmarshal([]byte(str(r, "doc")), &d); err != nil {
			return nil, graph.Wrap(graph.EINTERNAL, err, "stored document is not valid JSON")
		}
		out = append(out, d)
	}
	return out, nil
}

const personFields = `p.id AS id, p.name AS name, p.aliases AS aliases, coalesce(p.country, '') AS country, coalesce(p.role, '') AS role`

func personOf(r *driver.Record) graph.Person {
	return graph.Person{ID: str(r, "id"), Name: str(r, "name"), Aliases: strList(r, "aliases"), Country: str(r, "country"), Role: str(r, "role")}
}

// SearchPeople finds people by any spelling (see graph.SearchKeys), or by a
// part of a folded spelling; ordered by name, then id.
func (s *Store) SearchPeople(ctx context.Context, f graph.PersonFilter) (graph.PersonPage, error) {
	page := graph.PersonPage{People: []graph.Person{}}
	cur, err := graph.DecodeCursor(f.Cursor, 2)
	if err != nil {
		return page, err
	}
	limit := graph.ClampLimit(f.Limit)
	params := map[string]any{"limit": limit + 1, "country": strings.ToUpper(f.Country), "q": strings.TrimSpace(f.Query) != ""}
	tokens, whole := graph.SearchKeys(f.Query)
	params["tokens"], params["whole"], params["folded"] = nonNil(tokens), whole, graph.Fold(f.Query)
	if cur != nil {
		params["cname"], params["cid"] = cur[0], cur[1]
	} else {
		params["cname"], params["cid"] = nil, nil
	}
	recs, err := s.query(ctx, "search people", `
		MATCH (p:Person)
		WHERE (NOT $q
			OR (size($tokens) > 0 AND all(t IN $tokens WHERE t IN p.keys))
			OR ($whole <> '' AND $whole IN p.keys)
			OR ($folded <> '' AND p.folded CONTAINS $folded))
		  AND ($country = '' OR p.country = $country)
		  AND ($cname IS NULL OR p.name > $cname OR (p.name = $cname AND p.id > $cid))
		RETURN `+personFields+`
		ORDER BY name, id LIMIT $limit`, params)
	if err != nil {
		return page, err
	}
	for _, r := range recs {
		page.People = append(page.People, personOf(r))
	}
	if len(page.People) > limit {
		page.People = page.People[:limit]
		last := page.People[limit-1]
		page.NextCursor = graph.EncodeCursor(last.Name, last.ID)
	}
	return page, nil
}

func (s *Store) people(ctx context.Context, ids []string) (map[string]graph.Person, error) {
	recs, err := s.query(ctx, "read people", `UNWIND $ids AS pid MATCH (p:Person {id: pid}) RETURN `+personFields, map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	out := map[string]graph.Person{}
	for _, r := range recs {
		p := personOf(r)
		out[p.ID] = p
	}
	return out, nil
}

func (s *Store) person(ctx context.Context, id string) (graph.Person, error) {
	ps, err := s.people(ctx, []string{id})
	if err != nil {
		return graph.Person{}, err
	}
	p, ok := ps[id]
	if !ok {
		return p, graph.Errorf(graph.ENOTFOUND, "no person with id %q", id)
	}
	return p, nil
}

// Person returns a person with their roles over time, read from what each
// report said of them.
func (s *Store) Person(ctx context.Context, id string) (graph.PersonDetail, error) {
	p, err := s.person(ctx, id)
	if err != nil {
		return graph.PersonDetail{}, err
	}
	d := graph.PersonDetail{Person: p, Roles: []graph.RoleSpan{}}
	recs, err := s.query(ctx, "read roles", `
		MATCH (:Person {id: $id})-[:ATTENDED]->(m:Meeting)-[r:REPORTED_IN]->(a:Article)
		RETURN coalesce(m.date, '') AS date, coalesce(a.published, '') AS published, a.id AS article, r.attendees AS attendees`,
		map[string]any{"id": id})
	if err != nil {
		return d, err
	}
	spans := map[[2]string]*graph.RoleSpan{}
	articles := map[[2]string]map[string]bool{}
	for _, r := range recs {
		for _, js := range strList(r, "attendees") {
			var at reportAttendee
			if json.Unmarshal([]byte(js), &at) != nil || at.PersonID != id || at.Role == "" {
				continue
			}
			k := [2]string{at.Role, at.Country}
			sp := spans[k]
			if sp == nil {
				sp = &graph.RoleSpan{Role: at.Role, Country: at.Country}
				spans[k], articles[k] = sp, map[string]bool{}
			}
			when := str(r, "date")
			if when == "" {
				when = str(r, "published")
			}
			if when != "" {
				if sp.FirstSeen == "" || when < sp.FirstSeen {
					sp.FirstSeen = when
				}
				if when > sp.LastSeen {
					sp.LastSeen = when
				}
			}
			articles[k][str(r, "article")] = true
		}
	}
	for k, sp := range spans {
		sp.Articles = keys(articles[k])
		d.Roles = append(d.Roles, *sp)
	}
	graph.SortRoles(d.Roles)
	return d, nil
}

// Counterparts answers "who met this person" (see graph.Store).
func (s *Store) Counterparts(ctx context.Context, personID string) ([]graph.Counterpart, error) {
	// One round trip: the person, each counterpart with the meeting rows,
	// oldest first (this is the API's busiest read).
	recs, err := s.query(ctx, "read counterparts", `
		OPTIONAL MATCH (me:Person {id: $id})
		OPTIONAL MATCH (me)-[:ATTENDED]->(m:Meeting {status: 'occurred'})<-[a:ATTENDED]-(p:Person)
		RETURN me IS NOT NULL AS found, `+personFields+`, m.id AS meeting, coalesce(m.date, '') AS date,
			coalesce(a.role, '') AS arole, coalesce(a.country, '') AS acountry
		ORDER BY date <> '', date, meeting`, map[string]any{"id": personID})
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 || !boolOf(recs[0], "found") {
		return nil, graph.Errorf(graph.ENOTFOUND, "no person with id %q", personID)
	}
	var tally graph.CounterpartTally
	for _, r := range recs {
		if other := str(r, "id"); other != "" { // "" when the person met no one
			tally.Add(other, func() graph.Person { return personOf(r) }, str(r, "meeting"), str(r, "date"), str(r, "arole"), str(r, "acountry"))
		}
	}
	return tally.List(), nil
}

var datePattern = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)

// Meetings lists meetings matching f, ordered by date (undated last), then id.
func (s *Store) Meetings(ctx context.Context, f graph.MeetingFilter) (graph.MeetingPage, error) {
	page := graph.MeetingPage{Meetings: []graph.Meeting{}}
	cur, err := graph.DecodeCursor(f.Cursor, 3)
	if err != nil {
		return page, err
	}
	p := map[string]any{"person": f.PersonID, "country": strings.ToUpper(f.Country), "with": strings.ToUpper(f.WithCountry),
		"kind": f.Kind, "from": nil, "to": nil, "cundated": nil, "cdate": "", "cid": ""}
	switch f.Status {
	case "":
		p["status"] = graph.StatusOccurred
	case "any":
		p["status"] = ""
	case graph.StatusOccurred, graph.StatusPlanned:
		p["status"] = f.Status
	default:
		return page, graph.Errorf(graph.EINVALID, "status %q: want occurred, planned or any", f.Status)
	}
	switch f.Kind {
	case "", graph.KindMeeting, graph.KindCall:
	default:
		return page, graph.Errorf(graph.EINVALID, "kind %q: want meeting or call", f.Kind)
	}
	for _, d := range []struct{ name, v string }{{"from", f.From}, {"to", f.To}} {
		if d.v != "" && !datePattern.MatchString(d.v) {
			return page, graph.Errorf(graph.EINVALID, "%s date %q: want YYYY, YYYY-MM or YYYY-MM-DD", d.name, d.v)
		}
	}
	if f.From != "" {
		p["from"], _ = dateRange(f.From)
	}
	if f.To != "" {
		_, p["to"] = dateRange(f.To)
	}
	if cur != nil {
		u, _ := strconv.Atoi(cur[0])
		p["cundated"], p["cdate"], p["cid"] = u == 1, cur[1], cur[2]
	}
	limit := graph.ClampLimit(f.Limit)
	p["limit"] = limit + 1
	recs, err := s.query(ctx, "read meetings", `
		MATCH (m:Meeting)
		WHERE ($status = '' OR m.status = $status)
		  AND ($kind = '' OR m.kind = $kind)
		  AND ($person = '' OR EXISTS { (:Person {id: $person})-[:ATTENDED]->(m) })
		  AND ($country = '' OR EXISTS { MATCH (p:Person)-[a:ATTENDED]->(m) WHERE a.country = $country OR (a.country = '' AND p.country = $country) })
		  AND ($with = '' OR EXISTS { MATCH (p:Person)-[a:ATTENDED]->(m) WHERE a.country = $with OR (a.country = '' AND p.country = $with) })
		  AND ($from IS NULL OR (m.date IS NOT NULL AND m.date_hi >= $from))
		  AND ($to IS NULL OR (m.date IS NOT NULL AND m.date_lo <= $to))
		WITH m, m.date IS NULL AS undated, coalesce(m.date, '') AS date
		WHERE $cundated IS NULL OR (undated AND NOT $cundated) OR (undated = $cundated AND (date > $cdate OR (date = $cdate AND m.id > $cid)))
		RETURN m.id AS id, undated, date
		ORDER BY undated, date, id LIMIT $limit`, p)
	if err != nil {
		return page, err
	}
	ids := make([]string, 0, len(recs))
	for _, r := range recs {
		ids = append(ids, str(r, "id"))
	}
	if len(recs) > limit {
		ids = ids[:limit]
		last := recs[limit-1]
		u, _ := last.Get("undated")
		flag := "0"
		if b, _ := u.(bool); b {
			flag = "1"
		}
		page.NextCursor = graph.EncodeCursor(flag, str(last, "date"), str(last, "id"))
	}
	if page.Meetings, err = s.loadMeetings(ctx, ids); err != nil {
		return page, err
	}
	return page, nil
}

// Meeting returns one meeting with its participants and reports.
func (s *Store) Meeting(ctx context.Context, id string) (graph.Meeting, error) {
	ms, err := s.loadMeetings(ctx, []string{id})
	if err != nil {
		return graph.Meeting{}, err
	}
	if len(ms) == 0 {
		return graph.Meeting{}, graph.Errorf(graph.ENOTFOUND, "no meeting with id %q", id)
	}
	return ms[0], nil
}

// loadMeetings reads meetings by id in one query, in the order given;
// unknown ids are left out.
func (s *Store) loadMeetings(ctx context.Context, ids []string) ([]graph.Meeting, error) {
	out := []graph.Meeting{}
	if len(ids) == 0 {
		return out, nil
	}
	recs, err := s.query(ctx, "read meetings", `
		UNWIND $ids AS mid
		MATCH (m:Meeting {id: mid})
		OPTIONAL MATCH (m)-[:HELD_IN]->(pl:Place)
		OPTIONAL MATCH (pl)-[:IN]->(pc:Country)
		RETURN m.id AS id, coalesce(m.name, '') AS name, m.kind AS kind, m.status AS status, coalesce(m.date, '') AS date,
			coalesce(m.date_precision, '') AS precision, pl.name AS place, pc.code AS placeCountry,
			[(p:Person)-[a:ATTENDED]->(m) | {id: p.id, name: p.name, role: coalesce(a.role, ''), country: coalesce(a.country, '')}] AS attendees,
			[(m)-[r:REPORTED_IN]->(ar:Article) | {article: ar.id, url: coalesce(ar.url, ''), title: coalesce(ar.title, ''),
				published: coalesce(ar.published, ''), evidence: r.evidence, starts: r.starts, ends: r.ends, confidence: r.confidence, index: r.index}] AS reports`,
		map[string]any{"ids": ids})
	if err != nil {
		return nil, err
	}
	byID := map[string]graph.Meeting{}
	for _, r := range recs {
		m := graph.Meeting{ID: str(r, "id"), Name: str(r, "name"), Kind: str(r, "kind"), Status: str(r, "status"), Date: str(r, "date"), DatePrecision: str(r, "precision")}
		if pl := str(r, "place"); pl != "" {
			m.Place = &graph.Place{Name: pl, Country: str(r, "placeCountry")}
		}
		av, _ := r.Get("attendees")
		for _, x := range av.([]any) {
			a := x.(map[string]any)
			m.Participants = append(m.Participants, graph.Attendee{PersonID: a["id"].(string), Name: a["name"].(string), Role: a["role"].(string), Country: a["country"].(string)})
		}
		sort.Slice(m.Participants, func(i, j int) bool {
			if m.Participants[i].Name != m.Participants[j].Name {
				return m.Participants[i].Name < m.Participants[j].Name
			}
			return m.Participants[i].PersonID < m.Participants[j].PersonID
		})
		if m.Participants == nil {
			m.Participants = []graph.Attendee{}
		}
		rv, _ := r.Get("reports")
		type ordered struct {
			graph.Report
			index int64
		}
		var reps []ordered
		for _, x := range rv.([]any) {
			a := x.(map[string]any)
			rep := graph.Report{ArticleID: a["article"].(string), URL: a["url"].(string), Title: a["title"].(string), Published: a["published"].(string), Evidence: []graph.Evidence{}}
			rep.Confidence, _ = a["confidence"].(float64)
			texts, starts, ends := strs(a["evidence"]), ints(a["starts"]), ints(a["ends"])
			for i, t := range texts {
				e := graph.Evidence{Text: t}
				if i < len(starts) && i < len(ends) {
					e.Start, e.End = starts[i], ends[i]
				}
				rep.Evidence = append(rep.Evidence, e)
			}
			idx, _ := a["index"].(int64)
			reps = append(reps, ordered{rep, idx})
		}
		sort.Slice(reps, func(i, j int) bool {
			if reps[i].ArticleID != reps[j].ArticleID {
				return reps[i].ArticleID < reps[j].ArticleID
			}
			return reps[i].index < reps[j].index
		})
		m.Reports = []graph.Report{}
		for _, rp := range reps {
			m.Reports = append(m.Reports, rp.Report)
		}
		byID[m.ID] = m
	}
	for _, id := range ids {
		if m, ok := byID[id]; ok {
			out = append(out, m)
		}
	}
	return out, nil
}

func ints(v any) []int {
	l, _ := v.([]any)
	out := make([]int, 0, len(l))
	for _, x := range l {
		n, _ := x.(int64)
		out = append(out, int(n))
	}
	return out
}

// ShortestPath returns the shortest chain of occurred meetings between two
// people: every shortest chain over MET, the one whose person ids sort
// first, and for each link the smallest meeting id — as every backend does.
func (s *Store) ShortestPath(ctx context.Context, fromID, toID string) ([]graph.PathStep, error) {
	ps, err := s.people(ctx, []string{fromID, toID})
	if err != nil {
		return nil, err
	}
	for _, id := range []string{fromID, toID} {
		if _, ok := ps[id]; !ok {
			return nil, graph.Errorf(graph.ENOTFOUND, "no person with id %q", id)
		}
	}
	if fromID == toID {
		return []graph.PathStep{}, nil
	}
	recs, err := s.query(ctx, "shortest path", `
		MATCH (a:Person {id: $from}), (b:Person {id: $to})
		MATCH p = allShortestPaths((a)-[:MET*..12]-(b))
		RETURN [n IN nodes(p) | n.id] AS ids`, map[string]any{"from": fromID, "to": toID})
	if err != nil {
		return nil, err
	}
	if len(recs) == 0 {
		return nil, graph.Errorf(graph.ENOTFOUND, "no chain of meetings links %s and %s", ps[fromID].Name, ps[toID].Name)
	}
	var best []string
	for _, r := range recs {
		ids := strList(r, "ids")
		if best == nil || strings.Join(ids, "\x00") < strings.Join(best, "\x00") {
			best = ids
		}
	}
	var pairs []map[string]any
	for i := 0; i+1 < len(best); i++ {
		pairs = append(pairs, map[string]any{"a": best[i], "b": best[i+1]})
	}
	recs, err = s.query(ctx, "shortest path meetings", `
		UNWIND range(0, size($pairs) - 1) AS i
		MATCH (:Person {id: $pairs[i].a})-[:ATTENDED]->(m:Meeting {status: 'occurred'})<-[:ATTENDED]-(:Person {id: $pairs[i].b})
		RETURN i, min(m.id) AS meeting`, map[string]any{"pairs": pairs})
	if err != nil {
		return nil, err
	}
	meeting := map[int]string{}
	for _, r := range recs {
		meeting[intOf(r, "i")] = str(r, "meeting")
	}
	all, err := s.people(ctx, best)
	if err != nil {
		return nil, err
	}
	steps := make([]graph.PathStep, 0, len(best)-1)
	for i := 0; i+1 < len(best); i++ {
		steps = append(steps, graph.PathStep{From: all[best[i]], To: all[best[i+1]], Meeting: meeting[i]})
	}
	return steps, nil
}
