package neo4j

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/dipgraph/dipgraph/geo"
	"github.com/dipgraph/dipgraph/graph"
)

// An ingest is one write transaction (retried by the driver, with backoff,
// on transient errors): a query for the articles already stored, one that
// removes the old facts of updated articles, two that snapshot the people
// and meetings the batch may join, then the plan written with UNWIND
// statements, and the derived data (meeting names, dates, attendance, MET,
// REPRESENTS) recomputed for what the batch touched.

// reportAttendee is one participant as one article reports them; kept on
// the REPORTED_IN edge (JSON) so an article's facts can be removed and
// the meeting's attendance rebuilt from the reports that remain.
type reportAttendee struct {
	PersonID string `json:"p"`
	Name     string `json:"n"`
	Role     string `json:"r,omitempty"`
	Country  string `json:"c,omitempty"`
}

// Ingest writes a batch of documents as one transaction (see graph.Store).
func (s *Store) Ingest(ctx context.Context, docs []graph.Document) ([]graph.IngestResult, error) {
	for _, d := range docs {
		if strings.TrimSpace(d.Article.ID) == "" {
			return nil, graph.Errorf(graph.EINVALID, "article without an id")
		}
		if d.Article.SHA256 == "" {
			return nil, graph.Errorf(graph.EINVALID, "article %s: no text hash", d.Article.ID)
		}
	}
	sess := s.drv.NewSession(ctx, driver.SessionConfig{DatabaseName: s.cfg.Database, AccessMode: driver.AccessModeWrite})
	defer sess.Close(ctx)
	out, err := sess.ExecuteWrite(ctx, func(tx driver.ManagedTransaction) (any, error) {
		// An article repeated in the batch goes in a later segment, which
		// sees the earlier one as stored: as if ingested twice in order.
		var results []graph.IngestResult
		for len(results) < len(docs) {
			rest := docs[len(results):]
			seen := map[string]bool{}
			n := 0
			for n < len(rest) && !seen[rest[n].Article.ID] {
				seen[rest[n].Article.ID] = true
				n++
			}
			res, err := s.ingestTx(ctx, tx, rest[:n])
			if err != nil {
				return nil, err
			}
			results = append(results, res...)
		}
		return results, nil
	})
	if err != nil {
		return nil, s.fail("ingest", err)
	}
	return out.([]graph.IngestResult), nil
}

func run(ctx context.Context, tx driver.ManagedTransaction, cypher string, params map[string]any) ([]*driver.Record, error) {
	res, err := tx.Run(ctx, cypher, params)
	if err != nil {
		return nil, err
	}
	return res.Collect(ctx)
}

func (s *Store) ingestTx(ctx context.Context, tx driver.ManagedTransaction, docs []graph.Document) ([]graph.IngestResult, error) {
	results := make([]graph.IngestResult, len(docs))
	// 1. What is stored already, by id and by text hash.
	ids, shas := make([]string, len(docs)), make([]string, len(docs))
	for i, d := range docs {
		ids[i], shas[i] = d.Article.ID, d.Article.SHA256
	}
	recs, err := run(ctx, tx, `
		UNWIND range(0, size($ids) - 1) AS i
		OPTIONAL MATCH (a:Article {id: $ids[i]})
		OPTIONAL MATCH (b:Article {sha256: $shas[i]})
		WITH i, a, b ORDER BY b.seq
		WITH i, a, collect(b.id)[0] AS same
		RETURN i, a.sha256 AS sha, same`, map[string]any{"ids": ids, "shas": shas})
	if err != nil {
		return nil, err
	}
	storedSHA, sameText := map[string]string{}, map[string]string{}
	for _, r := range recs {
		i := intOf(r, "i")
		if sha := str(r, "sha"); sha != "" {
			storedSHA[ids[i]] = sha
		}
		if same := str(r, "same"); same != "" {
			sameText[shas[i]] = same
		}
	}
	// Statuses in batch order; a document repeated in the batch sees the
	// earlier one as stored.
	var write []graph.Document
	var updated []string
	unchangedOf := map[int]string{} // result index → article whose meetings it reports
	for i, d := range docs {
		a := d.Article
		results[i] = graph.IngestResult{ArticleID: a.ID, Meetings: []string{}}
		sha, stored := storedSHA[a.ID]
		switch {
		case stored && sha == a.SHA256:
			results[i].Status = graph.ArticleUnchanged
			unchangedOf[i] = a.ID
			continue
		case stored:
			results[i].Status = graph.ArticleUpdated
			updated = append(updated, a.ID)
		case sameText[a.SHA256] != "":
			results[i].Status = graph.ArticleUnchanged
			unchangedOf[i] = sameText[a.SHA256]
			continue
		default:
			results[i].Status = graph.ArticleCreated
		}
		storedSHA[a.ID] = a.SHA256
		if _, ok := sameText[a.SHA256]; !ok {
			sameText[a.SHA256] = a.ID
		}
		write = append(write, d)
	}
	touchedMeetings, touchedPeople := map[string]bool{}, map[string]bool{}
	keepSeq := map[string]int{}

	// 2. Updated articles lose their old facts first.
	if len(updated) > 0 {
		recs, err := run(ctx, tx, `
			UNWIND $ids AS id
			MATCH (a:Article {id: id})
			OPTIONAL MATCH (m:Meeting)-[r:REPORTED_IN]->(a)
			OPTIONAL MATCH (p:Person)-[:ATTENDED]->(m)
			WITH a, a.id AS id, a.seq AS seq, collect(DISTINCT m.id) AS meetings, collect(DISTINCT p.id) AS people
			DETACH DELETE a
			RETURN id, seq, meetings, people`, map[string]any{"ids": updated})
		if err != nil {
			return nil, err
		}
		for _, r := range recs {
			// An updated article keeps its place in the ingest order.
			keepSeq[str(r, "id")] = intOf(r, "seq")
			for _, m := range strList(r, "meetings") {
				touchedMeetings[m] = true
			}
			for _, p := range strList(r, "people") {
				touchedPeople[p] = true
			}
		}
	}

	// The people updated articles were removed from: their MET links are
	// recomputed in full, since some of their meetings may be gone.
	removed := map[string]bool{}
	for p := range touchedPeople {
		removed[p] = true
	}

	// 3. Snapshot of the people and meetings the batch may join.
	snap, err := s.snapshot(ctx, tx, write)
	if err != nil {
		return nil, err
	}
	pl := graph.NewPlanner(snap)
	for _, d := range write {
		if err := pl.Add(ctx, d); err != nil {
			return nil, err
		}
	}
	plan := pl.Plan()
	// People whose shown name changes: their meetings' captions follow.
	var renamed []string
	for _, p := range plan.People {
		if !p.New && snap.names[p.ID] != p.Name {
			renamed = append(renamed, p.ID)
		}
	}
	if len(renamed) > 0 {
		recs, err := run(ctx, tx, `UNWIND $ids AS id MATCH (:Person {id: id})-[:ATTENDED]->(m:Meeting) RETURN DISTINCT m.id AS id`, map[string]any{"ids": renamed})
		if err != nil {
			return nil, err
		}
		for _, r := range recs {
			touchedMeetings[str(r, "id")] = true
		}
	}

	// 4. Write the plan.
	if err := s.writePlan(ctx, tx, write, keepSeq, plan, touchedMeetings, touchedPeople); err != nil {
		return nil, err
	}
	// 5. Derived data.
	occurred, err := s.refresh(ctx, tx, touchedMeetings, touchedPeople)
	if err != nil {
		return nil, err
	}
	created := map[string]bool{}
	for _, m := range plan.Meetings {
		if m.New {
			created[m.ID] = true
		}
	}
	if err := refreshMET(ctx, tx, occurred, created, removed); err != nil {
		return nil, err
	}

	// Results: meeting ids in report order.
	byArticle := map[string][]string{}
	for _, r := range plan.Reports {
		byArticle[r.ArticleID] = append(byArticle[r.ArticleID], r.MeetingID)
	}
	var unchangedIDs []string
	for _, id := range unchangedOf {
		unchangedIDs = append(unchangedIDs, id)
	}
	if len(unchangedIDs) > 0 {
		recs, err := run(ctx, tx, `
			UNWIND $ids AS id
			MATCH (m:Meeting)-[r:REPORTED_IN]->(:Article {id: id})
			WITH id, m, r ORDER BY r.index
			RETURN id, collect(m.id) AS meetings`, map[string]any{"ids": unchangedIDs})
		if err != nil {
			return nil, err
		}
		for _, r := range recs {
			if _, done := byArticle[str(r, "id")]; !done {
				byArticle[str(r, "id")] = strList(r, "meetings")
			}
		}
	}
	for i := range results {
		id := results[i].ArticleID
		if src, ok := unchangedOf[i]; ok {
			id = src
		}
		if ms := byArticle[id]; ms != nil {
			results[i].Meetings = ms
		}
	}
	return results, nil
}

// snapshot answers the Planner's lookups for a segment of a batch. People:
// everyone indexed under a key of any participant, in one query (the
// Planner's every PeopleByKeys is a subset). Meetings: those attended by
// two people who may be in one report together — the candidates of one
// report's participants — in a second query; only such a meeting can be
// graph.SameMeeting with a report (it needs two attendees in common).
// A pair the Planner asks about that was not foreseen (a person who gained
// a spelling earlier in the batch) is read then, in the same transaction.
// The cost thus follows the batch, not the size of the stored graph.
type snapshot struct {
	tx       driver.ManagedTransaction
	people   []graph.Candidate
	names    map[string]string // person id → shown name, for every stored person seen
	keys     map[string][]int  // key → indexes into people
	meetings map[string]graph.StoredMeeting
	byPerson map[string][]string // person id → ids of fetched meetings they attended
	pairs    map[[2]string]bool  // pairs of people whose common meetings are all fetched
}

func (s *Store) snapshot(ctx context.Context, tx driver.ManagedTransaction, docs []graph.Document) (*snapshot, error) {
	sn := &snapshot{tx: tx, keys: map[string][]int{}, names: map[string]string{}, meetings: map[string]graph.StoredMeeting{},
		byPerson: map[string][]string{}, pairs: map[[2]string]bool{}}
	keySet := map[string]bool{}
	var reportKeys [][]string // per report: the lookup keys of all its participants
	for _, d := range docs {
		for _, m := range d.Meetings {
			var rk []string
			for _, p := range m.Participants {
				rk = append(rk, graph.LookupKeys(append([]string{p.Name}, p.Aliases...)...)...)
			}
			for _, k := range rk {
				keySet[k] = true
			}
			reportKeys = append(reportKeys, rk)
		}
	}
	if len(keySet) == 0 {
		return sn, nil
	}
	recs, err := run(ctx, tx, `
		MATCH (k:NameKey) WHERE k.key IN $keys
		MATCH (p:Person)-[:KNOWN_AS]->(k)
		WITH DISTINCT p
		RETURN p.id AS id, p.name AS name, p.aliases AS aliases, coalesce(p.country, '') AS country, coalesce(p.roles, []) AS roles, p.keys AS keys
		ORDER BY id`, map[string]any{"keys": keys(keySet)})
	if err != nil {
		return nil, err
	}
	for _, r := range recs {
		c := graph.Candidate{ID: str(r, "id"), Aliases: strList(r, "aliases"), Country: str(r, "country"), Roles: strList(r, "roles")}
		sn.people = append(sn.people, c)
		sn.names[c.ID] = str(r, "name")
		for _, k := range strList(r, "keys") {
			sn.keys[k] = append(sn.keys[k], len(sn.people)-1)
		}
	}
	if len(sn.people) < 2 {
		return sn, nil
	}
	var pairs [][2]string
	want := map[[2]string]bool{}
	for _, rk := range reportKeys {
		var ids []string
		for _, c := range sn.candidates(rk) {
			ids = append(ids, c.ID)
		}
		for _, pr := range pairsOf(ids) {
			if !want[pr] {
				want[pr] = true
				pairs = append(pairs, pr)
			}
		}
	}
	return sn, sn.fetch(ctx, pairs)
}

// pairsOf returns every pair of distinct ids, each pair sorted.
func pairsOf(ids []string) [][2]string {
	sorted := append([]string(nil), ids...)
	sort.Strings(sorted)
	sorted = slices.Compact(sorted)
	var out [][2]string
	for i := range sorted {
		for j := i + 1; j < len(sorted); j++ {
			out = append(out, [2]string{sorted[i], sorted[j]})
		}
	}
	return out
}

// fetch reads the meetings each pair of people attended together, with
// all their attendees.
func (sn *snapshot) fetch(ctx context.Context, pairs [][2]string) error {
	var rows [][]string
	for _, pr := range pairs {
		if !sn.pairs[pr] {
			sn.pairs[pr] = true
			rows = append(rows, []string{pr[0], pr[1]})
		}
	}
	if len(rows) == 0 {
		return nil
	}
	recs, err := run(ctx, sn.tx, `
		UNWIND $pairs AS pr
		MATCH (a:Person {id: pr[0]}), (b:Person {id: pr[1]})
		MATCH (a)-[:ATTENDED]->(m:Meeting)<-[:ATTENDED]-(b)
		WITH DISTINCT m
		RETURN m.id AS id, m.kind AS kind, m.status AS status, coalesce(m.date, '') AS date, [(q:Person)-[:ATTENDED]->(m) | q.id] AS people`,
		map[string]any{"pairs": rows})
	if err != nil {
		return err
	}
	for _, r := range recs {
		people := strList(r, "people")
		slices.Sort(people)
		sm := graph.StoredMeeting{ID: str(r, "id"), Key: graph.MeetingKey{Kind: str(r, "kind"), Status: str(r, "status"), Date: str(r, "date"), PersonIDs: people}}
		if _, ok := sn.meetings[sm.ID]; ok {
			continue
		}
		sn.meetings[sm.ID] = sm
		for _, p := range sm.Key.PersonIDs {
			sn.byPerson[p] = append(sn.byPerson[p], sm.ID)
		}
	}
	return nil
}

func (sn *snapshot) candidates(keys []string) []graph.Candidate {
	seen := map[int]bool{}
	var out []graph.Candidate
	for _, k := range keys {
		for _, i := range sn.keys[k] {
			if !seen[i] {
				seen[i] = true
				out = append(out, sn.people[i])
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}

func (sn *snapshot) PeopleByKeys(_ context.Context, keys []string) ([]graph.Candidate, error) {
	return sn.candidates(keys), nil
}

// MeetingsOf returns the stored meetings two or more of ids attended: the
// only ones graph.SameMeeting can pair with a report of these people. Ids
// the snapshot has not seen are people the batch creates, who attended
// nothing yet.
func (sn *snapshot) MeetingsOf(ctx context.Context, ids []string) ([]graph.StoredMeeting, error) {
	var stored []string
	for _, id := range ids {
		if _, ok := sn.names[id]; ok {
			stored = append(stored, id)
		}
	}
	if err := sn.fetch(ctx, pairsOf(stored)); err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []graph.StoredMeeting
	for _, id := range stored {
		for _, m := range sn.byPerson[id] {
			if !seen[m] {
				seen[m] = true
				out = append(out, sn.meetings[m])
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, nil
}

func (s *Store) writePlan(ctx context.Context, tx driver.ManagedTransaction, docs []graph.Document, keepSeq map[string]int, plan graph.Plan, meetings, people map[string]bool) error {
	if len(docs) > 0 {
		// Ingest order, for Documents and export; an update keeps its place.
		recs, err := run(ctx, tx, `MERGE (s:DipgraphSequence {name: 'article'}) SET s.value = coalesce(s.value, 0) + $n RETURN s.value AS last`,
			map[string]any{"n": len(docs)})
		if err != nil {
			return err
		}
		next := intOf(recs[0], "last") - len(docs) + 1
		rows := make([]map[string]any, len(docs))
		for i, d := range docs {
			js, err := json.Marshal(d)
			if err != nil {
				return fmt.Errorf("article %s: encode: %w", d.Article.ID, err)
			}
			a := d.Article
			name := a.Title
			if name == "" {
				name = a.ID
			}
			rows[i] = map[string]any{"id": a.ID, "name": name, "url": a.URL, "title": a.Title, "published": nullIfEmpty(a.Published),
				"source": a.Source, "sha256": a.SHA256, "document": string(js), "seq": next}
			if seq, ok := keepSeq[a.ID]; ok {
				rows[i]["seq"] = seq
			} else {
				next++
			}
		}
		if _, err := run(ctx, tx, `
			UNWIND $rows AS r
			CREATE (a:Article {id: r.id})
			SET a.name = r.name, a.url = r.url, a.title = r.title, a.published = r.published, a.source = r.source,
				a.sha256 = r.sha256, a.document = r.document, a.seq = r.seq`, map[string]any{"rows": rows}); err != nil {
			return err
		}
	}
	if len(plan.People) > 0 {
		rows := make([]map[string]any, len(plan.People))
		for i, p := range plan.People {
			people[p.ID] = true
			rows[i] = map[string]any{"id": p.ID, "name": p.Name, "aliases": p.Aliases, "aliasText": strings.Join(p.Aliases, " | "),
				"folded": "|" + foldAll(p.Aliases) + "|", "keys": p.Keys, "roles": nonNil(p.Roles), "country": p.Country, "role": p.Role}
		}
		if _, err := run(ctx, tx, `
			UNWIND $rows AS r
			MERGE (p:Person {id: r.id})
			SET p.name = r.name, p.aliases = r.aliases, p.aliasText = r.aliasText, p.folded = r.folded, p.keys = r.keys, p.roles = r.roles,
				p.country = CASE WHEN r.country <> '' THEN r.country ELSE p.country END,
				p.role = CASE WHEN r.role <> '' THEN r.role ELSE p.role END
			WITH p, r
			UNWIND r.keys AS key
			MERGE (k:NameKey {key: key})
			MERGE (p)-[:KNOWN_AS]->(k)`, map[string]any{"rows": rows}); err != nil {
			return err
		}
	}
	if len(plan.Meetings) > 0 {
		rows := make([]map[string]any, len(plan.Meetings))
		for i, m := range plan.Meetings {
			meetings[m.ID] = true
			rows[i] = map[string]any{"id": m.ID, "kind": m.Kind, "status": m.Status}
		}
		if _, err := run(ctx, tx, `
			UNWIND $rows AS r
			MERGE (m:Meeting {id: r.id})
			ON CREATE SET m.kind = r.kind, m.status = r.status`, map[string]any{"rows": rows}); err != nil {
			return err
		}
	}
	if len(plan.Reports) > 0 {
		rows := make([]map[string]any, len(plan.Reports))
		for i, r := range plan.Reports {
			var texts []string
			var starts, ends []int
			for _, e := range r.Evidence {
				texts, starts, ends = append(texts, e.Text), append(starts, e.Start), append(ends, e.End)
			}
			att := make([]string, len(r.Attendees))
			for j, a := range r.Attendees {
				b, _ := json.Marshal(reportAttendee{PersonID: a.PersonID, Name: a.Name, Role: a.Role, Country: a.Country})
				att[j] = string(b)
			}
			rows[i] = map[string]any{"article": r.ArticleID, "meeting": r.MeetingID, "index": r.Index, "date": r.Date, "location": r.Location,
				"evidence": nonNil(texts), "starts": nonNilInt(starts), "ends": nonNilInt(ends), "confidence": r.Confidence, "attendees": att}
		}
		if _, err := run(ctx, tx, `
			UNWIND $rows AS r
			MATCH (m:Meeting {id: r.meeting}), (a:Article {id: r.article})
			CREATE (m)-[:REPORTED_IN {index: r.index, date: r.date, location: r.location, evidence: r.evidence, starts: r.starts,
				ends: r.ends, confidence: r.confidence, attendees: r.attendees}]->(a)`, map[string]any{"rows": rows}); err != nil {
			return err
		}
	}
	return nil
}

// refresh recomputes, for the meetings and people a batch touched, what is
// derived from the reports: a meeting's date (the most precise compatible),
// place, number of sources, attendance (each person's first reported role
// and country) and name; a person's latest country and role, their
// REPRESENTS links and MET links. Meetings and people left with nothing
// are deleted.
//
// It returns the touched meetings that stand and occurred, with their
// attendees and date, for MET.
func (s *Store) refresh(ctx context.Context, tx driver.ManagedTransaction, meetings, people map[string]bool) (map[string]metMeeting, error) {
	occurred := map[string]metMeeting{}
	if len(meetings) > 0 {
		recs, err := run(ctx, tx, `
			UNWIND $ids AS id
			MATCH (m:Meeting {id: id})
			OPTIONAL MATCH (m)-[r:REPORTED_IN]->(a:Article)
			WITH m, r, a ORDER BY a.seq, r.index
			RETURN m.id AS id, m.status AS status, collect(r.date) AS dates, collect(r.location) AS locations, collect(r.attendees) AS attendees,
				max(coalesce(a.published, '')) AS published`,
			map[string]any{"ids": keys(meetings)})
		if err != nil {
			return nil, err
		}
		var gone []string
		var rows []map[string]any
		attendeeIDs := map[string]bool{}
		type meetingState struct {
			date, loc, published string
			att                  []reportAttendee
		}
		states := map[string]*meetingState{}
		for _, r := range recs {
			id := str(r, "id")
			dates := strList(r, "dates")
			if len(dates) == 0 {
				gone = append(gone, id)
				continue
			}
			st := &meetingState{}
			for _, d := range dates {
				if graph.DatesCompatible(st.date, d) {
					st.date = graph.MorePreciseDate(st.date, d)
				}
			}
			st.published = str(r, "published")
			for _, l := range strList(r, "locations") {
				if st.loc == "" {
					st.loc = l
				}
			}
			v, _ := r.Get("attendees")
			byID := map[string]*reportAttendee{}
			for _, list := range v.([]any) {
				for _, js := range strs(list) {
					var a reportAttendee
					if json.Unmarshal([]byte(js), &a) != nil {
						continue
					}
					if prev := byID[a.PersonID]; prev != nil {
						if prev.Role == "" {
							prev.Role = a.Role
						}
						if prev.Country == "" {
							prev.Country = a.Country
						}
						continue
					}
					byID[a.PersonID] = &a
					st.att = append(st.att, a)
					attendeeIDs[a.PersonID] = true
				}
			}
			for i := range st.att {
				st.att[i] = *byID[st.att[i].PersonID]
			}
			states[id] = st
			if str(r, "status") == graph.StatusOccurred {
				mm := metMeeting{date: st.date}
				for _, a := range st.att {
					mm.people = append(mm.people, a.PersonID)
				}
				occurred[id] = mm
			}
		}
		// Names of everyone attending, for captions.
		names := map[string]string{}
		if len(attendeeIDs) > 0 {
			recs, err := run(ctx, tx, `UNWIND $ids AS id MATCH (p:Person {id: id}) RETURN p.id AS id, p.name AS name`, map[string]any{"ids": keys(attendeeIDs)})
			if err != nil {
				return nil, err
			}
			for _, r := range recs {
				names[str(r, "id")] = str(r, "name")
			}
		}
		countries := map[string]bool{}
		for id, st := range states {
			var ns []string
			var att []map[string]any
			for _, a := range st.att {
				ns = append(ns, names[a.PersonID])
				att = append(att, map[string]any{"person": a.PersonID, "role": a.Role, "country": a.Country})
				people[a.PersonID] = true
				if a.Country != "" {
					countries[a.Country] = true
				}
			}
			lo, hi := dateRange(st.date)
			// A place is tied to a country only when its name is a capital
			// or a country; both backends read it the same way.
			placeCountry, _ := geo.PlaceCountry(st.loc)
			if placeCountry != "" {
				countries[placeCountry] = true
			}
			rows = append(rows, map[string]any{"id": id, "name": graph.MeetingName(ns, st.date), "date": nullIfEmpty(st.date),
				"precision": nullIfEmpty(graph.Precision(st.date)), "lo": nullIfEmpty(lo), "hi": nullIfEmpty(hi), "location": st.loc, "placeCountry": placeCountry, "attendees": att, "published": st.published})
		}
		if len(gone) > 0 {
			if _, err := run(ctx, tx, `UNWIND $ids AS id MATCH (m:Meeting {id: id}) DETACH DELETE m`, map[string]any{"ids": gone}); err != nil {
				return nil, err
			}
		}
		if err := mergeCountries(ctx, tx, countries); err != nil {
			return nil, err
		}
		if len(rows) > 0 {
			if _, err := run(ctx, tx, `
				UNWIND $rows AS r
				MATCH (m:Meeting {id: r.id})
				SET m.name = r.name, m.date = r.date, m.date_precision = r.precision, m.date_lo = r.lo, m.date_hi = r.hi,
					m.sources = COUNT { (m)-[:REPORTED_IN]->() }, m.published = r.published
				WITH m, r
				// Labels for the Browser style sheet, which styles by label
				// only: meetings sized by how many articles report them.
				CALL (m) { WITH m WHERE m.sources >= 2 SET m:Corroborated }
				CALL (m) { WITH m WHERE m.sources < 2 REMOVE m:Corroborated }
				CALL (m) { WITH m WHERE m.sources >= 4 SET m:WidelyReported }
				CALL (m) { WITH m WHERE m.sources < 4 REMOVE m:WidelyReported }
				CALL (m) { MATCH (m)<-[a:ATTENDED]-() DELETE a }
				CALL (m) { MATCH (m)-[h:HELD_IN]->() DELETE h }
				CALL (m, r) {
					WITH m, r WHERE r.location <> ''
					MERGE (pl:Place {name: r.location}) ON CREATE SET pl.name = r.location
					MERGE (m)-[:HELD_IN]->(pl)
					WITH pl, r WHERE r.placeCountry <> ''
					MATCH (c:Country {code: r.placeCountry})
					MERGE (pl)-[:IN]->(c)
				}
				WITH m, r
				UNWIND r.attendees AS at
				MATCH (p:Person {id: at.person})
				CREATE (p)-[:ATTENDED {role: at.role, country: at.country}]->(m)`, map[string]any{"rows": rows}); err != nil {
				return nil, err
			}
		}
	}
	if len(meetings) > 0 {
		// Places no meeting is held in any more go.
		if _, err := run(ctx, tx, `MATCH (pl:Place) WHERE NOT (pl)<-[:HELD_IN]-() DETACH DELETE pl`, nil); err != nil {
			return nil, err
		}
	}
	if len(people) == 0 {
		return occurred, nil
	}
	ids := keys(people)
	// Orphans go; the rest get their latest country and role.
	if _, err := run(ctx, tx, `
		UNWIND $ids AS id
		MATCH (p:Person {id: id}) WHERE NOT (p)-[:ATTENDED]->()
		DETACH DELETE p`, map[string]any{"ids": ids}); err != nil {
		return nil, err
	}
	if _, err := run(ctx, tx, `
		UNWIND $ids AS id
		MATCH (p:Person {id: id})
		CALL (p) {
			// One ordered pass over the attendances gives the latest (by
			// meeting date, undated oldest; then the latest article
			// published, unknown oldest; then meeting id) that names a
			// country, the latest that names a role, and the rows REPRESENTS
			// is made of.
			OPTIONAL MATCH (p)-[a:ATTENDED]->(m:Meeting)
			WITH a, m ORDER BY m.date IS NULL, m.date DESC, coalesce(m.published, '') DESC, m.id DESC
			WITH collect([a.country, coalesce(a.role, ''), m.date]) AS rows
			RETURN [x IN rows WHERE x[0] <> ''][0][0] AS country, [x IN rows WHERE x[1] <> ''][0][1] AS role, rows
		}
		SET p.country = coalesce(country, ''), p.role = coalesce(role, '')
		WITH p, rows
		// The country's ISO code as a second label (:Person:IR), so the
		// Browser style sheet colours people by country. A dynamic label
		// from a parameter-derived value: nothing is spliced into the text.
		CALL (p) {
			WITH p, [l IN labels(p) WHERE l =~ '[A-Z]{2}' AND l <> p.country] AS stale
			REMOVE p:$(stale)
		}
		CALL (p) { WITH p WHERE p.country =~ '[A-Z]{2}' SET p:$(p.country) }
		CALL (p) { MATCH (p)-[r:REPRESENTS]->() DELETE r }
		CALL (p, rows) {
			UNWIND rows AS x
			WITH x WHERE x[0] <> ''
			WITH x[0] AS code, x[1] AS role, min(x[2]) AS first, max(x[2]) AS last
			MATCH (c:Country {code: code})
			CREATE (p)-[:REPRESENTS {role: role, first_seen: first, last_seen: last}]->(c)
		}`, map[string]any{"ids": ids}); err != nil {
		return nil, err
	}
	return occurred, nil
}

// metMeeting is an occurred meeting a batch touched: its attendees and date.
type metMeeting struct {
	date   string
	people []string
}

// refreshMET brings MET in step. The links of the people an updated
// article was removed from are recomputed in full (some of their meetings
// may be gone); so is every pair of people at a touched meeting the batch
// did not create (its date may have changed). A pair met only at meetings
// the batch created is counted up: those meetings are new to its count,
// and its first and last dates can only widen.
func refreshMET(ctx context.Context, tx driver.ManagedTransaction, touched map[string]metMeeting, created, removed map[string]bool) error {
	if len(removed) > 0 {
		if _, err := run(ctx, tx, `
			UNWIND $ids AS id
			MATCH (p:Person {id: id})-[r:MET]-(q:Person)
			WITH p, q, r
			DELETE r
			WITH DISTINCT CASE WHEN p.id < q.id THEN p ELSE q END AS a, CASE WHEN p.id < q.id THEN q ELSE p END AS b
			MATCH (a)-[:ATTENDED]->(m:Meeting {status: 'occurred'})<-[:ATTENDED]-(b)
			WITH a, b, count(DISTINCT m) AS n, min(m.date) AS first, max(m.date) AS last
			MERGE (a)-[r:MET]->(b)
			SET r.meetings = n, r.first = first, r.last = last`, map[string]any{"ids": keys(removed)}); err != nil {
			return err
		}
	}
	type counted struct {
		n           int
		first, last string
	}
	full := map[[2]string]bool{}
	added := map[[2]string]*counted{}
	for _, id := range slices.Sorted(maps.Keys(touched)) {
		m := touched[id]
		for _, pr := range pairsOf(m.people) {
			if !created[id] || removed[pr[0]] || removed[pr[1]] {
				full[pr] = true
				continue
			}
			c := added[pr]
			if c == nil {
				c = &counted{}
				added[pr] = c
			}
			c.n++
			if m.date != "" {
				if c.first == "" || m.date < c.first {
					c.first = m.date
				}
				if m.date > c.last {
					c.last = m.date
				}
			}
		}
	}
	var fullRows [][]string
	var addRows []map[string]any
	for pr := range full {
		fullRows = append(fullRows, []string{pr[0], pr[1]})
	}
	for pr, c := range added {
		if !full[pr] {
			addRows = append(addRows, map[string]any{"a": pr[0], "b": pr[1], "n": c.n, "first": nullIfEmpty(c.first), "last": nullIfEmpty(c.last)})
		}
	}
	if len(fullRows) > 0 {
		if _, err := run(ctx, tx, `
			UNWIND $pairs AS pr
			MATCH (a:Person {id: pr[0]}), (b:Person {id: pr[1]})
			CALL (a, b) {
				MATCH (a)-[:ATTENDED]->(m:Meeting {status: 'occurred'})<-[:ATTENDED]-(b)
				RETURN count(DISTINCT m) AS n, min(m.date) AS first, max(m.date) AS last
			}
			MERGE (a)-[r:MET]->(b)
			SET r.meetings = n, r.first = first, r.last = last`, map[string]any{"pairs": fullRows}); err != nil {
			return err
		}
	}
	if len(addRows) > 0 {
		if _, err := run(ctx, tx, `
			UNWIND $rows AS x
			MATCH (a:Person {id: x.a}), (b:Person {id: x.b})
			MERGE (a)-[r:MET]->(b)
			SET r.meetings = coalesce(r.meetings, 0) + x.n,
				r.first = CASE WHEN r.first IS NULL OR (x.first IS NOT NULL AND x.first < r.first) THEN x.first ELSE r.first END,
				r.last = CASE WHEN r.last IS NULL OR (x.last IS NOT NULL AND x.last > r.last) THEN x.last ELSE r.last END`,
			map[string]any{"rows": addRows}); err != nil {
			return err
		}
	}
	return nil
}

// mergeCountries makes sure a Country node, with its English name, exists
// for every code.
func mergeCountries(ctx context.Context, tx driver.ManagedTransaction, codes map[string]bool) error {
	if len(codes) == 0 {
		return nil
	}
	var rows []map[string]any
	for c := range codes {
		rows = append(rows, map[string]any{"code": c, "name": geo.CountryName(c)})
	}
	_, err := run(ctx, tx, `UNWIND $rows AS r MERGE (c:Country {code: r.code}) ON CREATE SET c.name = r.name`, map[string]any{"rows": rows})
	return err
}

// keys returns a set's members in order.
func keys(m map[string]bool) []string { return slices.Sorted(maps.Keys(m)) }

func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func nonNil(ss []string) []string {
	if ss == nil {
		return []string{}
	}
	return ss
}

func nonNilInt(ns []int) []int {
	if ns == nil {
		return []int{}
	}
	return ns
}

func foldAll(names []string) string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = graph.Fold(n)
	}
	return strings.Join(out, "|")
}

// dateRange gives the first and last day a date of any precision can mean,
// as comparable strings (the last day written 99: only the order matters).
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
