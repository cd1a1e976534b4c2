package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/dipgraph/dipgraph/geo"
	"github.com/dipgraph/dipgraph/graph"
)

// Article returns an article and the meetings it reports, in report order.
func (s *Store) Article(ctx context.Context, id string) (graph.Article, []graph.Meeting, error) {
	var a graph.Article
	err := s.r.QueryRowContext(ctx, `SELECT id, url, title, published, source, sha256 FROM articles WHERE id = ?`, id).
		Scan(&a.ID, &a.URL, &a.Title, &a.Published, &a.Source, &a.SHA256)
	if errors.Is(err, sql.ErrNoRows) {
		return a, nil, graph.Errorf(graph.ENOTFOUND, "no article with id %q", id)
	}
	if err != nil {
		return a, nil, s.fail("read article", err)
	}
	ids, err := articleMeetingIDs(ctx, s.r, id)
	if err != nil {
		return a, nil, s.fail("read article", err)
	}
	var uniq []string
	seen := map[string]bool{}
	for _, m := range ids {
		if !seen[m] {
			seen[m] = true
			uniq = append(uniq, m)
		}
	}
	ms, err := s.loadMeetings(ctx, uniq)
	if err != nil {
		return a, nil, err
	}
	return a, ms, nil
}

// Documents pages through the stored documents in ingest order.
func (s *Store) Documents(ctx context.Context, after string, limit int) ([]graph.Document, error) {
	seq := int64(0)
	if after != "" {
		err := s.r.QueryRowContext(ctx, `SELECT seq FROM articles WHERE id = ?`, after).Scan(&seq)
		if errors.Is(err, sql.ErrNoRows) {
			return nil, graph.Errorf(graph.EINVALID, "no article %q to continue after", after)
		}
		if err != nil {
			return nil, s.fail("read documents", err)
		}
	}
	rows, err := s.r.QueryContext(ctx, `SELECT document FROM articles WHERE seq > ? ORDER BY seq LIMIT ?`, seq, graph.ClampLimit(limit))
	if err != nil {
		return nil, s.fail("read documents", err)
	}
	defer rows.Close()
	var out []graph.Document
	for rows.Next() {
		var js string
		if err := rows.Scan(&js); err != nil {
			return nil, s.fail("read documents", err)
		}
		var d graph.Document
		if err := json.Unmarshal([]byte(js), &d); err != nil {
			return nil, graph.Wrap(graph.EINTERNAL, err, "stored document is not valid JSON")
		}
		out = append(out, d)
	}
	return out, s.failIf("read documents", rows.Err())
}

// SearchPeople finds people by any spelling (see graph.SearchKeys), or by
// a part of a folded spelling; ordered by name, then id.
func (s *Store) SearchPeople(ctx context.Context, f graph.PersonFilter) (graph.PersonPage, error) {
	page := graph.PersonPage{People: []graph.Person{}}
	cur, err := graph.DecodeCursor(f.Cursor, 2)
	if err != nil {
		return page, err
	}
	limit := graph.ClampLimit(f.Limit)
	q := `SELECT id, name, aliases, country, role FROM people p WHERE 1 = 1`
	var args []any
	if strings.TrimSpace(f.Query) != "" {
		tokens, whole := graph.SearchKeys(f.Query)
		cond := []string{}
		if len(tokens) > 0 {
			every := make([]string, len(tokens))
			for i, k := range tokens {
				every[i] = `id IN (SELECT person_id FROM person_keys WHERE key = ?)`
				args = append(args, k)
			}
			cond = append(cond, `(`+strings.Join(every, " AND ")+`)`)
		}
		if whole != "" {
			cond = append(cond, `id IN (SELECT person_id FROM person_keys WHERE key = ?)`)
			args = append(args, whole)
		}
		if folded := graph.Fold(f.Query); folded != "" {
			cond = append(cond, `folded LIKE ? ESCAPE '\'`)
			args = append(args, "%"+likeEscape(folded)+"%")
		}
		if len(cond) == 0 {
			return page, nil
		}
		q += ` AND (` + strings.Join(cond, " OR ") + `)`
	}
	if f.Country != "" {
		q += ` AND country = ?`
		args = append(args, strings.ToUpper(f.Country))
	}
	if cur != nil {
		q += ` AND (name > ? OR (name = ? AND id > ?))`
		args = append(args, cur[0], cur[0], cur[1])
	}
	q += ` ORDER BY name, id LIMIT ?`
	args = append(args, limit+1)
	people, err := s.queryPeople(ctx, s.r, q, args...)
	if err != nil {
		return page, err
	}
	if len(people) > limit {
		people = people[:limit]
		last := people[limit-1]
		page.NextCursor = graph.EncodeCursor(last.Name, last.ID)
	}
	page.People = people
	return page, nil
}

func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

func (s *Store) queryPeople(ctx context.Context, db querier, q string, args ...any) ([]graph.Person, error) {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, s.fail("read people", err)
	}
	defer rows.Close()
	out := []graph.Person{}
	for rows.Next() {
		var p graph.Person
		var aliases string
		if err := rows.Scan(&p.ID, &p.Name, &aliases, &p.Country, &p.Role); err != nil {
			return nil, s.fail("read people", err)
		}
		_ = json.Unmarshal([]byte(aliases), &p.Aliases)
		out = append(out, p)
	}
	return out, s.failIf("read people", rows.Err())
}

func (s *Store) person(ctx context.Context, id string) (graph.Person, error) {
	return s.personIn(ctx, s.r, id)
}

// personIn reads a person through db: inside a read transaction, reads
// must go through it, since waiting for a second connection of the pool
// while holding one can deadlock when every connection is held so.
func (s *Store) personIn(ctx context.Context, db querier, id string) (graph.Person, error) {
	ps, err := s.queryPeople(ctx, db, `SELECT id, name, aliases, country, role FROM people WHERE id = ?`, id)
	if err != nil {
		return graph.Person{}, err
	}
	if len(ps) == 0 {
		return graph.Person{}, graph.Errorf(graph.ENOTFOUND, "no person with id %q", id)
	}
	return ps[0], nil
}

// Person returns a person with their roles over time.
func (s *Store) Person(ctx context.Context, id string) (graph.PersonDetail, error) {
	p, err := s.person(ctx, id)
	if err != nil {
		return graph.PersonDetail{}, err
	}
	d := graph.PersonDetail{Person: p, Roles: []graph.RoleSpan{}}
	rows, err := s.r.QueryContext(ctx, `SELECT a.role, a.country, m.date, ar.published, a.article_id
		FROM attendance a JOIN meetings m ON m.id = a.meeting_id JOIN articles ar ON ar.id = a.article_id
		WHERE a.person_id = ? AND a.role != ''`, id)
	if err != nil {
		return d, s.fail("read roles", err)
	}
	defer rows.Close()
	spans := map[[2]string]*graph.RoleSpan{}
	articles := map[[2]string]map[string]bool{}
	for rows.Next() {
		var role, country, date, published, article string
		if err := rows.Scan(&role, &country, &date, &published, &article); err != nil {
			return d, s.fail("read roles", err)
		}
		k := [2]string{role, country}
		sp := spans[k]
		if sp == nil {
			sp = &graph.RoleSpan{Role: role, Country: country}
			spans[k], articles[k] = sp, map[string]bool{}
		}
		when := date
		if when == "" {
			when = published
		}
		if when != "" {
			if sp.FirstSeen == "" || when < sp.FirstSeen {
				sp.FirstSeen = when
			}
			if when > sp.LastSeen {
				sp.LastSeen = when
			}
		}
		articles[k][article] = true
	}
	if err := rows.Err(); err != nil {
		return d, s.fail("read roles", err)
	}
	for k, sp := range spans {
		sp.Articles = sortedSet(articles[k])
		d.Roles = append(d.Roles, *sp)
	}
	graph.SortRoles(d.Roles)
	return d, nil
}

// Counterparts answers "who met this person" (see graph.Store).
func (s *Store) Counterparts(ctx context.Context, personID string) ([]graph.Counterpart, error) {
	if _, err := s.person(ctx, personID); err != nil {
		return nil, err
	}
	// One row per report of each meeting together, with the counterpart's
	// person row, so the answer takes one query whatever its size.
	rows, err := s.r.QueryContext(ctx, `SELECT o.person_id, p.name, p.aliases, p.country, p.role, m.id, m.date, o.role, o.country
		FROM attendance a
		JOIN attendance o ON o.meeting_id = a.meeting_id AND o.person_id != a.person_id
		JOIN people p ON p.id = o.person_id
		JOIN meetings m ON m.id = a.meeting_id
		JOIN articles ar ON ar.id = o.article_id
		WHERE a.person_id = ? AND m.status = ?
		ORDER BY m.date = '' DESC, m.date, m.id, ar.seq, o.idx`, personID, graph.StatusOccurred)
	if err != nil {
		return nil, s.fail("read counterparts", err)
	}
	defer rows.Close()
	var tally graph.CounterpartTally
	for rows.Next() {
		var p graph.Person
		var aliases, meeting, date, role, country string
		if err := rows.Scan(&p.ID, &p.Name, &aliases, &p.Country, &p.Role, &meeting, &date, &role, &country); err != nil {
			return nil, s.fail("read counterparts", err)
		}
		tally.Add(p.ID, func() graph.Person {
			_ = json.Unmarshal([]byte(aliases), &p.Aliases)
			return p
		}, meeting, date, role, country)
	}
	if err := rows.Err(); err != nil {
		return nil, s.fail("read counterparts", err)
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
	q := `SELECT m.id, m.date = '' AS undated, m.date FROM meetings m WHERE 1 = 1`
	var args []any
	switch f.Status {
	case "":
		q += ` AND m.status = ?`
		args = append(args, graph.StatusOccurred)
	case "any":
	case graph.StatusOccurred, graph.StatusPlanned:
		q += ` AND m.status = ?`
		args = append(args, f.Status)
	default:
		return page, graph.Errorf(graph.EINVALID, "status %q: want occurred, planned or any", f.Status)
	}
	switch f.Kind {
	case "":
	case graph.KindMeeting, graph.KindCall:
		q += ` AND m.kind = ?`
		args = append(args, f.Kind)
	default:
		return page, graph.Errorf(graph.EINVALID, "kind %q: want meeting or call", f.Kind)
	}
	if f.PersonID != "" {
		q += ` AND m.id IN (SELECT meeting_id FROM attendance WHERE person_id = ?)` // by the person's index, not a scan of meetings
		args = append(args, f.PersonID)
	}
	for _, c := range []string{f.Country, f.WithCountry} {
		if c == "" {
			continue
		}
		q += ` AND EXISTS (SELECT 1 FROM attendance a JOIN people p ON p.id = a.person_id
			WHERE a.meeting_id = m.id AND (a.country = ? OR (a.country = '' AND p.country = ?)))`
		args = append(args, strings.ToUpper(c), strings.ToUpper(c))
	}
	for _, d := range []struct{ name, v string }{{"from", f.From}, {"to", f.To}} {
		if d.v != "" && !datePattern.MatchString(d.v) {
			return page, graph.Errorf(graph.EINVALID, "%s date %q: want YYYY, YYYY-MM or YYYY-MM-DD", d.name, d.v)
		}
	}
	if f.From != "" {
		lo, _ := dateRange(f.From)
		q += ` AND m.date != '' AND m.date_hi >= ?`
		args = append(args, lo)
	}
	if f.To != "" {
		_, hi := dateRange(f.To)
		q += ` AND m.date != '' AND m.date_lo <= ?`
		args = append(args, hi)
	}
	if cur != nil {
		undated, _ := strconv.Atoi(cur[0])
		q += ` AND ((m.date = '') > ? OR ((m.date = '') = ? AND (m.date > ? OR (m.date = ? AND m.id > ?))))`
		args = append(args, undated, undated, cur[1], cur[1], cur[2])
	}
	limit := graph.ClampLimit(f.Limit)
	q += ` ORDER BY m.date = '', m.date, m.id LIMIT ?`
	args = append(args, limit+1)
	rows, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return page, s.fail("read meetings", err)
	}
	type key struct {
		id, date string
		undated  int
	}
	var keys []key
	for rows.Next() {
		var k key
		if err := rows.Scan(&k.id, &k.undated, &k.date); err != nil {
			rows.Close()
			return page, s.fail("read meetings", err)
		}
		keys = append(keys, k)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return page, s.fail("read meetings", err)
	}
	if len(keys) > limit {
		keys = keys[:limit]
		last := keys[limit-1]
		page.NextCursor = graph.EncodeCursor(strconv.Itoa(last.undated), last.date, last.id)
	}
	ids := make([]string, len(keys))
	for i, k := range keys {
		ids[i] = k.id
	}
	ms, err := s.loadMeetings(ctx, ids)
	if err != nil {
		return page, err
	}
	page.Meetings = ms
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

// loadMeetings reads meetings by id, in the order given; unknown ids are
// left out. Three queries whatever the number of meetings, in one read
// transaction so that the meetings, their attendees and their reports are
// of one state of the graph.
func (s *Store) loadMeetings(ctx context.Context, ids []string) ([]graph.Meeting, error) {
	out := make([]graph.Meeting, 0, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return nil, s.fail("read meetings", err)
	}
	defer tx.Rollback()
	in := placeholders(len(ids))
	by := make(map[string]*graph.Meeting, len(ids))
	rows, err := tx.QueryContext(ctx, `SELECT id, name, kind, status, date, date_precision, location FROM meetings WHERE id IN (`+in+`)`, anys(ids)...)
	if err != nil {
		return nil, s.fail("read meetings", err)
	}
	for rows.Next() {
		m := &graph.Meeting{Participants: []graph.Attendee{}, Reports: []graph.Report{}}
		var loc string
		if err := rows.Scan(&m.ID, &m.Name, &m.Kind, &m.Status, &m.Date, &m.DatePrecision, &loc); err != nil {
			rows.Close()
			return nil, s.fail("read meetings", err)
		}
		if loc != "" {
			// Tied to a country only when the name is a capital or a
			// country, as in the Neo4j store.
			code, _ := geo.PlaceCountry(loc)
			m.Place = &graph.Place{Name: loc, Country: code}
		}
		by[m.ID] = m
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, s.fail("read meetings", err)
	}
	if err := s.attendees(ctx, tx, in, ids, by); err != nil {
		return nil, err
	}
	if err := s.reports(ctx, tx, in, ids, by); err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	for _, id := range ids {
		if m := by[id]; m != nil && !seen[id] {
			seen[id] = true
			out = append(out, *m)
		}
	}
	return out, nil
}

// attendees fills in the meetings' people, each with the first role and
// country a report gives them, ordered by name.
func (s *Store) attendees(ctx context.Context, tx *sql.Tx, in string, ids []string, by map[string]*graph.Meeting) error {
	rows, err := tx.QueryContext(ctx, `SELECT a.meeting_id, a.person_id, p.name, a.role, a.country
		FROM attendance a JOIN people p ON p.id = a.person_id JOIN articles ar ON ar.id = a.article_id
		WHERE a.meeting_id IN (`+in+`) ORDER BY a.meeting_id, ar.seq, a.idx`, anys(ids)...)
	if err != nil {
		return s.fail("read attendees", err)
	}
	defer rows.Close()
	type key struct{ meeting, person string }
	index := map[key]int{} // position in the meeting's Participants
	for rows.Next() {
		var meeting string
		var at graph.Attendee
		if err := rows.Scan(&meeting, &at.PersonID, &at.Name, &at.Role, &at.Country); err != nil {
			return s.fail("read attendees", err)
		}
		m := by[meeting]
		if m == nil {
			continue
		}
		i, ok := index[key{meeting, at.PersonID}]
		if !ok {
			index[key{meeting, at.PersonID}] = len(m.Participants)
			m.Participants = append(m.Participants, at)
			continue
		}
		prev := &m.Participants[i]
		if prev.Role == "" {
			prev.Role = at.Role
		}
		if prev.Country == "" {
			prev.Country = at.Country
		}
	}
	if err := rows.Err(); err != nil {
		return s.fail("read attendees", err)
	}
	for _, m := range by {
		sort.Slice(m.Participants, func(i, j int) bool {
			a, b := m.Participants[i], m.Participants[j]
			if a.Name != b.Name {
				return a.Name < b.Name
			}
			return a.PersonID < b.PersonID
		})
	}
	return nil
}

// reports fills in the meetings' reports, ordered by article id.
func (s *Store) reports(ctx context.Context, tx *sql.Tx, in string, ids []string, by map[string]*graph.Meeting) error {
	rows, err := tx.QueryContext(ctx, `SELECT r.meeting_id, r.article_id, ar.url, ar.title, ar.published, r.evidence, r.confidence
		FROM reports r JOIN articles ar ON ar.id = r.article_id WHERE r.meeting_id IN (`+in+`) ORDER BY r.meeting_id, r.article_id, r.idx`, anys(ids)...)
	if err != nil {
		return s.fail("read reports", err)
	}
	defer rows.Close()
	for rows.Next() {
		var meeting, ev string
		var r graph.Report
		if err := rows.Scan(&meeting, &r.ArticleID, &r.URL, &r.Title, &r.Published, &ev, &r.Confidence); err != nil {
			return s.fail("read reports", err)
		}
		_ = json.Unmarshal([]byte(ev), &r.Evidence)
		if r.Evidence == nil {
			r.Evidence = []graph.Evidence{}
		}
		if m := by[meeting]; m != nil {
			m.Reports = append(m.Reports, r)
		}
	}
	return s.failIf("read reports", rows.Err())
}

// ShortestPath returns the shortest chain of occurred meetings between two
// people. Among equally short chains it takes the one whose person ids
// sort first, and for each link the smallest meeting id, so every backend
// answers alike: distances to the target by breadth-first search, then a
// greedy walk from the source through the smallest id one step closer.
//
// The search reads the graph level by level from the target, one query per
// level, so a near answer reads only the near part of the graph.
func (s *Store) ShortestPath(ctx context.Context, fromID, toID string) ([]graph.PathStep, error) {
	from, err := s.person(ctx, fromID)
	if err != nil {
		return nil, err
	}
	to, err := s.person(ctx, toID)
	if err != nil {
		return nil, err
	}
	if fromID == toID {
		return []graph.PathStep{}, nil
	}
	none := graph.Errorf(graph.ENOTFOUND, "no chain of meetings links %s and %s", from.Name, to.Name)
	tx, err := s.r.BeginTx(ctx, &sql.TxOptions{ReadOnly: true}) // one state of the graph for every level
	if err != nil {
		return nil, s.fail("read meeting graph", err)
	}
	defer tx.Rollback()
	// Someone who met nobody is linked to nobody: no need to search.
	var met int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM attendance a JOIN meetings m ON m.id = a.meeting_id
		WHERE a.person_id = ? AND m.status = ?`, fromID, graph.StatusOccurred).Scan(&met); err != nil {
		return nil, s.fail("read meeting graph", err)
	}
	if met == 0 {
		return nil, none
	}
	adj := map[string]map[string]string{} // person → neighbour → smallest meeting id
	link := func(a, b, m string) {
		if adj[a] == nil {
			adj[a] = map[string]string{}
		}
		if cur, ok := adj[a][b]; !ok || m < cur {
			adj[a][b] = m
		}
	}
	dist := map[string]int{toID: 0}
	frontier := []string{toID}
	for len(frontier) > 0 {
		if _, ok := dist[fromID]; ok {
			break
		}
		// Every link of the frontier, both ways: the greedy walk below
		// needs the links of the source, which is found but not expanded.
		const chunk = 500
		var next []string
		for lo := 0; lo < len(frontier); lo += chunk {
			part := frontier[lo:min(lo+chunk, len(frontier))]
			rows, err := tx.QueryContext(ctx, `SELECT a.person_id, b.person_id, a.meeting_id
				FROM attendance a JOIN attendance b ON b.meeting_id = a.meeting_id AND b.person_id != a.person_id
				JOIN meetings m ON m.id = a.meeting_id
				WHERE m.status = ? AND a.person_id IN (`+placeholders(len(part))+`)`, append([]any{graph.StatusOccurred}, anys(part)...)...)
			if err != nil {
				return nil, s.fail("read meeting graph", err)
			}
			for rows.Next() {
				var a, b, m string
				if err := rows.Scan(&a, &b, &m); err != nil {
					rows.Close()
					return nil, s.fail("read meeting graph", err)
				}
				link(a, b, m)
				link(b, a, m)
				if _, seen := dist[b]; !seen {
					dist[b] = dist[a] + 1
					next = append(next, b)
				}
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return nil, s.fail("read meeting graph", err)
			}
		}
		frontier = next
	}
	if _, ok := dist[fromID]; !ok {
		return nil, none
	}
	var steps []graph.PathStep
	cur, curP := fromID, from
	for cur != toID {
		next := ""
		for nb := range adj[cur] {
			if d, ok := dist[nb]; ok && d == dist[cur]-1 && (next == "" || nb < next) {
				next = nb
			}
		}
		nextP, err := s.personIn(ctx, tx, next)
		if err != nil {
			return nil, err
		}
		steps = append(steps, graph.PathStep{From: curP, To: nextP, Meeting: adj[cur][next]})
		cur, curP = next, nextP
	}
	return steps, nil
}
