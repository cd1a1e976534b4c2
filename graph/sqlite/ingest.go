package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/dipgraph/dipgraph/graph"
)

// Ingest writes a batch of documents as one transaction (see graph.Store).
func (s *Store) Ingest(ctx context.Context, docs []graph.Document) ([]graph.IngestResult, error) {
	sqlTx, err := s.w.BeginTx(ctx, nil)
	if err != nil {
		return nil, s.fail("begin ingest", err)
	}
	defer sqlTx.Rollback()
	tx := &cachedTx{Tx: sqlTx, stmts: map[string]*sql.Stmt{}}
	results := make([]graph.IngestResult, len(docs))
	t := touched{people: map[string]bool{}, meetings: map[string]bool{}, renamed: map[string]bool{}}
	for i, doc := range docs {
		res, err := s.ingestOne(ctx, tx, doc, t)
		if err != nil {
			return nil, err
		}
		results[i] = res
	}
	if err := s.refresh(ctx, tx, t); err != nil {
		return nil, err
	}
	if err := tx.Commit(); err != nil {
		return nil, s.fail("commit ingest", err)
	}
	return results, nil
}

// touched is what a batch changed, for refresh.
type touched struct {
	people   map[string]bool // whose country and role may have changed
	meetings map[string]bool // whose date, place or attendees may have changed
	renamed  map[string]bool // people whose name changed: their meetings' names follow
}

// ingestOne writes one document inside tx. Documents are planned one at a
// time so that each sees the ones before it in the same transaction.
func (s *Store) ingestOne(ctx context.Context, tx *cachedTx, doc graph.Document, t touched) (graph.IngestResult, error) {
	a := doc.Article
	res := graph.IngestResult{ArticleID: a.ID, Meetings: []string{}}
	if strings.TrimSpace(a.ID) == "" {
		return res, graph.Errorf(graph.EINVALID, "article without an id")
	}
	if a.SHA256 == "" {
		return res, graph.Errorf(graph.EINVALID, "article %s: no text hash", a.ID)
	}
	var storedHash string
	err := tx.QueryRowContext(ctx, `SELECT sha256 FROM articles WHERE id = ?`, a.ID).Scan(&storedHash)
	switch {
	case err == nil && storedHash == a.SHA256:
		res.Status = graph.ArticleUnchanged
		res.Meetings, err = articleMeetingIDs(ctx, tx, a.ID)
		return res, s.failIf("read article", err)
	case err == nil:
		res.Status = graph.ArticleUpdated
		if err := s.removeArticle(ctx, tx, a.ID, t); err != nil {
			return res, err
		}
	case errors.Is(err, sql.ErrNoRows):
		var other string
		err := tx.QueryRowContext(ctx, `SELECT id FROM articles WHERE sha256 = ? ORDER BY seq LIMIT 1`, a.SHA256).Scan(&other)
		if err == nil {
			res.Status = graph.ArticleUnchanged
			res.Meetings, err = articleMeetingIDs(ctx, tx, other)
			return res, s.failIf("read article", err)
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return res, s.fail("look up text hash", err)
		}
		res.Status = graph.ArticleCreated
	default:
		return res, s.fail("look up article", err)
	}

	docJSON, err := json.Marshal(doc)
	if err != nil {
		return res, fmt.Errorf("article %s: encode: %w", a.ID, err)
	}
	// An updated article keeps its place in the ingest order (seq), so that
	// replaying Documents creates people and meetings in the order they were
	// first created, with the same ids.
	if _, err := tx.ExecContext(ctx, `INSERT INTO articles (id, url, title, published, source, sha256, document) VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET url = excluded.url, title = excluded.title, published = excluded.published,
			source = excluded.source, sha256 = excluded.sha256, document = excluded.document`,
		a.ID, a.URL, a.Title, a.Published, a.Source, a.SHA256, string(docJSON)); err != nil {
		return res, s.fail("write article "+a.ID, err)
	}

	pl := graph.NewPlanner(txLookup{tx})
	if err := pl.Add(ctx, doc); err != nil {
		return res, s.fail("plan", err)
	}
	plan := pl.Plan()
	for _, p := range plan.People {
		t.people[p.ID] = true
		var old string
		if err := tx.QueryRowContext(ctx, `SELECT name FROM people WHERE id = ?`, p.ID).Scan(&old); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return res, s.fail("read person "+p.ID, err)
		}
		if old != p.Name {
			t.renamed[p.ID] = true
		}
		if err := writePerson(ctx, tx, p); err != nil {
			return res, s.fail("write person "+p.ID, err)
		}
	}
	for _, m := range plan.Meetings {
		t.meetings[m.ID] = true
		lo, hi := dateRange(m.Date)
		if _, err := tx.ExecContext(ctx, `INSERT INTO meetings (id, kind, status, date, date_precision, date_lo, date_hi, location)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (id) DO UPDATE SET date = excluded.date, date_precision = excluded.date_precision,
				date_lo = excluded.date_lo, date_hi = excluded.date_hi, location = excluded.location`,
			m.ID, m.Kind, m.Status, m.Date, m.DatePrecision, lo, hi, m.Location); err != nil {
			return res, s.fail("write meeting "+m.ID, err)
		}
	}
	for _, r := range plan.Reports {
		ev, _ := json.Marshal(r.Evidence)
		if _, err := tx.ExecContext(ctx, `INSERT INTO reports (article_id, idx, meeting_id, date, location, evidence, confidence)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, r.ArticleID, r.Index, r.MeetingID, r.Date, r.Location, string(ev), r.Confidence); err != nil {
			return res, s.fail("write report", err)
		}
		for _, at := range r.Attendees {
			if _, err := tx.ExecContext(ctx, `INSERT INTO attendance (article_id, idx, meeting_id, person_id, name, role, country)
				VALUES (?, ?, ?, ?, ?, ?, ?)`, r.ArticleID, r.Index, r.MeetingID, at.PersonID, at.Name, at.Role, at.Country); err != nil {
				return res, s.fail("write attendance", err)
			}
		}
		res.Meetings = append(res.Meetings, r.MeetingID)
	}
	return res, nil
}

func (s *Store) failIf(op string, err error) error {
	if err == nil {
		return nil
	}
	return s.fail(op, err)
}

func writePerson(ctx context.Context, tx *cachedTx, p graph.PersonWrite) error {
	aliases, _ := json.Marshal(p.Aliases)
	roles, _ := json.Marshal(nonNil(p.Roles))
	folded := make([]string, len(p.Aliases))
	for i, a := range p.Aliases {
		folded[i] = graph.Fold(a)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO people (id, name, aliases, folded, country, role, roles) VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET name = excluded.name, aliases = excluded.aliases, folded = excluded.folded,
			country = CASE WHEN excluded.country != '' THEN excluded.country ELSE people.country END,
			role = CASE WHEN excluded.role != '' THEN excluded.role ELSE people.role END,
			roles = excluded.roles`,
		p.ID, p.Name, string(aliases), "|"+strings.Join(folded, "|")+"|", p.Country, p.Role, string(roles)); err != nil {
		return err
	}
	for _, k := range p.Keys {
		if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO person_keys (key, person_id) VALUES (?, ?)`, k, p.ID); err != nil {
			return err
		}
	}
	return nil
}

// removeArticle deletes an article's facts before its new text is ingested
// (the article row itself is rewritten in place): its reports and
// attendance go; meetings left without reports go; people
// left attending nothing go. What remains is refreshed at the end.
func (s *Store) removeArticle(ctx context.Context, tx *cachedTx, id string, t touched) error {
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT meeting_id, person_id FROM attendance WHERE article_id = ?`, id)
	if err != nil {
		return s.fail("read old facts", err)
	}
	for rows.Next() {
		var m, p string
		if err := rows.Scan(&m, &p); err != nil {
			rows.Close()
			return s.fail("read old facts", err)
		}
		t.meetings[m], t.people[p] = true, true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return s.fail("read old facts", err)
	}
	for _, q := range []string{
		`DELETE FROM attendance WHERE article_id = ?`,
		`DELETE FROM reports WHERE article_id = ?`,
	} {
		if _, err := tx.ExecContext(ctx, q, id); err != nil {
			return s.fail("remove old facts of "+id, err)
		}
	}
	return nil
}

// refresh brings the merged view of touched meetings and people in line
// with their remaining reports: orphans are deleted; a meeting's date is the
// most precise its reports give, its place the first; its name follows its
// attendees' names; a person's country and role are those of their latest
// meeting.
func (s *Store) refresh(ctx context.Context, tx *cachedTx, t touched) error {
	meetings := t.meetings
	for p := range t.renamed {
		ids, err := queryStrings(ctx, tx, `SELECT DISTINCT meeting_id FROM attendance WHERE person_id = ?`, p)
		if err != nil {
			return s.fail("refresh", err)
		}
		for _, m := range ids {
			meetings[m] = true
		}
	}
	for _, m := range sortedSet(meetings) {
		type rep struct{ date, location string }
		rows, err := tx.QueryContext(ctx, `SELECT r.date, r.location FROM reports r JOIN articles a ON a.id = r.article_id
			WHERE r.meeting_id = ? ORDER BY a.seq, r.idx`, m)
		if err != nil {
			return s.fail("refresh meeting", err)
		}
		var reps []rep
		for rows.Next() {
			var r rep
			if err := rows.Scan(&r.date, &r.location); err != nil {
				rows.Close()
				return s.fail("refresh meeting", err)
			}
			reps = append(reps, r)
		}
		rows.Close()
		if len(reps) == 0 {
			if _, err := tx.ExecContext(ctx, `DELETE FROM meetings WHERE id = ?`, m); err != nil {
				return s.fail("delete meeting", err)
			}
			continue
		}
		date, loc := "", ""
		for _, r := range reps {
			if graph.DatesCompatible(date, r.date) {
				date = graph.MorePreciseDate(date, r.date)
			}
			if loc == "" {
				loc = r.location
			}
		}
		names, err := queryStrings(ctx, tx, `SELECT DISTINCT p.name FROM attendance a JOIN people p ON p.id = a.person_id WHERE a.meeting_id = ?`, m)
		if err != nil {
			return s.fail("refresh meeting", err)
		}
		lo, hi := dateRange(date)
		if _, err := tx.ExecContext(ctx, `UPDATE meetings SET name = ?, date = ?, date_precision = ?, date_lo = ?, date_hi = ?, location = ? WHERE id = ?`,
			graph.MeetingName(names, date), date, graph.Precision(date), lo, hi, loc, m); err != nil {
			return s.fail("refresh meeting", err)
		}
	}
	for _, p := range sortedSet(t.people) {
		// Whether they attend anything still, and the latest attendance
		// that gives a country and one that gives a role, in one statement.
		var n int
		var country, role string
		latest := `(SELECT a.%[1]s FROM attendance a JOIN meetings m ON m.id = a.meeting_id JOIN articles ar ON ar.id = a.article_id
			WHERE a.person_id = ?1 AND a.%[1]s != '' ORDER BY m.date = '', m.date DESC, ar.published DESC, m.id DESC, ar.seq DESC LIMIT 1)`
		if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM attendance WHERE person_id = ?1), coalesce(`+
			fmt.Sprintf(latest, "country")+`, ''), coalesce(`+fmt.Sprintf(latest, "role")+`, '')`, p).Scan(&n, &country, &role); err != nil {
			return s.fail("refresh person", err)
		}
		if n == 0 {
			if _, err := tx.ExecContext(ctx, `DELETE FROM people WHERE id = ?`, p); err != nil {
				return s.fail("delete person", err)
			}
			continue
		}
		if _, err := tx.ExecContext(ctx, `UPDATE people SET country = ?, role = ? WHERE id = ? AND (country != ? OR role != ?)`,
			country, role, p, country, role); err != nil {
			return s.fail("refresh person", err)
		}
	}
	return nil
}

// txLookup answers a Planner's questions inside the write transaction.
type txLookup struct{ tx *cachedTx }

func (l txLookup) PeopleByKeys(ctx context.Context, keys []string) ([]graph.Candidate, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	q := `SELECT DISTINCT p.id, p.aliases, p.country, p.roles FROM person_keys k JOIN people p ON p.id = k.person_id
		WHERE k.key IN (` + placeholders(len(keys)) + `) ORDER BY p.id`
	rows, err := l.tx.QueryContext(ctx, q, anys(keys)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []graph.Candidate
	for rows.Next() {
		var c graph.Candidate
		var aliases, roles string
		if err := rows.Scan(&c.ID, &aliases, &c.Country, &roles); err != nil {
			return nil, err
		}
		_ = json.Unmarshal([]byte(aliases), &c.Aliases)
		_ = json.Unmarshal([]byte(roles), &c.Roles)
		out = append(out, c)
	}
	return out, rows.Err()
}

func (l txLookup) MeetingsOf(ctx context.Context, personIDs []string) ([]graph.StoredMeeting, error) {
	if len(personIDs) == 0 {
		return nil, nil
	}
	q := `SELECT m.id, m.kind, m.status, m.date, a.person_id FROM meetings m JOIN attendance a ON a.meeting_id = m.id
		WHERE m.id IN (SELECT meeting_id FROM attendance WHERE person_id IN (` + placeholders(len(personIDs)) + `))
		ORDER BY m.id, a.person_id`
	rows, err := l.tx.QueryContext(ctx, q, anys(personIDs)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []graph.StoredMeeting
	for rows.Next() {
		var id, kind, status, date, person string
		if err := rows.Scan(&id, &kind, &status, &date, &person); err != nil {
			return nil, err
		}
		if n := len(out); n == 0 || out[n-1].ID != id {
			out = append(out, graph.StoredMeeting{ID: id, Key: graph.MeetingKey{Kind: kind, Status: status, Date: date}})
		}
		k := &out[len(out)-1].Key
		if n := len(k.PersonIDs); n == 0 || k.PersonIDs[n-1] != person {
			k.PersonIDs = append(k.PersonIDs, person)
		}
	}
	return out, rows.Err()
}

func articleMeetingIDs(ctx context.Context, q querier, articleID string) ([]string, error) {
	ids, err := queryStrings(ctx, q, `SELECT meeting_id FROM reports WHERE article_id = ? ORDER BY idx`, articleID)
	if ids == nil {
		ids = []string{}
	}
	return ids, err
}

// querier is what *sql.DB and *sql.Tx share.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func queryStrings(ctx context.Context, q querier, query string, args ...any) ([]string, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// dateRange gives the first and last day a date of any precision can mean,
// as comparable strings ("2023-01" → "2023-01-01", "2023-01-31"; the last
// day is written 99 since only the order matters).
func dateRange(d string) (lo, hi string) {
	switch len(d) {
	case 4:
		return d + "-01-01", d + "-99-99"
	case 7:
		return d + "-01", d + "-99"
	case 10:
		return d, d
	}
	return "", ""
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

func anys(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}

// sortedSet returns a set's members in order.
func sortedSet(m map[string]bool) []string { return slices.Sorted(maps.Keys(m)) }

func nonNil(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}

// cachedTx prepares each distinct statement once per transaction: an ingest
// runs the same few statements thousands of times, and preparing them
// dominated its cost.
type cachedTx struct {
	*sql.Tx
	stmts map[string]*sql.Stmt
}

func (c *cachedTx) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := c.stmts[query]; ok {
		return st, nil
	}
	st, err := c.Tx.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	c.stmts[query] = st
	return st, nil
}

func (c *cachedTx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

func (c *cachedTx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

func (c *cachedTx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := c.stmt(ctx, query)
	if err != nil {
		return c.Tx.QueryRowContext(ctx, query, args...) // reports the same error through Scan
	}
	return st.QueryRowContext(ctx, args...)
}
