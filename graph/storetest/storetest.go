// Package storetest is the conformance suite every graph.Store backend
// passes: the same invented documents, the same questions, the same
// answers. A backend's tests call Run with a function that opens an empty
// store.
package storetest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dipgraph/dipgraph/graph"
)

// Opener returns a fresh, empty store; Run closes it.
type Opener func(t *testing.T) graph.Store

// Run runs the suite against the stores open returns.
func Run(t *testing.T, open Opener) {
	tests := []struct {
		name string
		fn   func(t *testing.T, st graph.Store)
	}{
		{"Counterparts", testCounterparts},
		{"SearchBySpelling", testSearch},
		{"PersonRoles", testPersonRoles},
		{"SameMeetingTwoArticles", testMergedMeeting},
		{"MeetingFilters", testMeetingFilters},
		{"Paging", testPaging},
		{"ShortestPath", testShortestPath},
		{"Idempotent", testIdempotent},
		{"Update", testUpdate},
		{"Documents", testDocuments},
		{"Errors", testErrors},
		{"HostileText", testHostile},
		{"JobState", testJobState},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := open(t)
			t.Cleanup(func() { st.Close(context.Background()) })
			tt.fn(t, st)
		})
	}
}

// The fixture: invented officials of real countries, invented articles.
var (
	kovacs  = graph.Participant{Name: "Anna Kovács", Role: "Foreign Minister", Country: "HU"}
	pnowak  = graph.Participant{Name: "Piotr Nowak", Role: "Deputy Foreign Minister", Country: "PL"}
	berg    = graph.Participant{Name: "Jonas Berg", Role: "Ambassador to Poland", Country: "SE"}
	mnowak  = graph.Participant{Name: "Maria Nowak", Role: "Minister of Defence", Country: "CZ"}
	sosan   = graph.Participant{Name: "Karim Sosan", Role: "Deputy Foreign Minister", Country: "SY"}
	sousan  = graph.Participant{Name: "Karim Sousan", Role: "Deputy Foreign Minister", Country: "SY"}
	petrov  = graph.Participant{Name: "Ivo Petrov", Role: "Foreign Minister", Country: "BG"}
	surname = graph.Participant{Name: "Nowak", Country: "PL"}
)

func doc(id, published string, meetings ...graph.MeetingReport) graph.Document {
	d := graph.Document{Article: graph.Article{
		ID: id, URL: "https://news.example/" + id, Title: "Report " + id, Published: published, Source: "Example Wire",
	}}
	var text strings.Builder
	for _, m := range meetings {
		text.WriteString(m.Evidence[0].Text)
	}
	d.Article.SHA256 = graph.TextHash(id + text.String())
	d.Meetings = meetings
	return d
}

func meet(kind, status, date, place, sentence string, who ...graph.Participant) graph.MeetingReport {
	return graph.MeetingReport{
		Kind: kind, Status: status, Date: date, DatePrecision: graph.Precision(date), Location: place,
		Participants: who, Evidence: []graph.Evidence{{Start: 0, End: len(sentence), Text: sentence}}, Confidence: 0.9,
	}
}

const (
	mtg, call      = graph.KindMeeting, graph.KindCall
	held, planned  = graph.StatusOccurred, graph.StatusPlanned
	warsawSentence = "Hungarian Foreign Minister Anna Kovács met Polish Deputy Foreign Minister Piotr Nowak in Warsaw."
)

// corpus is the suite's articles, in ingest order.
func corpus() []graph.Document {
	return []graph.Document{
		doc("a1", "2024-03-07", meet(mtg, held, "2024-03", "Warsaw", warsawSentence, kovacs, pnowak)),
		doc("a2", "2024-03-08", meet(mtg, held, "2024-03-05", "Warsaw", "Kovacs and Nowak met in Warsaw on Tuesday.",
			graph.Participant{Name: "Anna Kovacs", Country: "HU"}, surname)),
		doc("a3", "2024-04-10", meet(call, held, "2024-04-09", "", "Nowak spoke by phone with Swedish envoy Jonas Berg.", pnowak, berg)),
		doc("a4", "2024-05-02", meet(mtg, held, "2024-05-01", "Prague", "Czech Defence Minister Maria Nowak received Berg in Prague.", mnowak, berg)),
		doc("a5", "2024-06-01", meet(mtg, planned, "", "Budapest", "Kovács is expected to host Berg in Budapest.", kovacs, berg)),
		doc("a6", "2024-06-03", meet(mtg, held, "", "", "Kovács met Syrian Deputy Foreign Minister Karim Sosan.", kovacs, sosan)),
		doc("a7", "2024-07-01", meet(mtg, held, "2024-06-30", "Stockholm", "Karim Sousan held talks with Jonas Berg.", sousan, berg)),
		doc("a8", "2024-07-02", meet(mtg, planned, "2024-08", "Sofia", "Petrov will receive Kovács in Sofia in August.", petrov, kovacs)),
	}
}

func ingest(t *testing.T, st graph.Store, docs ...graph.Document) []graph.IngestResult {
	t.Helper()
	res, err := st.Ingest(context.Background(), docs)
	if err != nil {
		t.Fatalf("ingest: %v", err)
	}
	if len(res) != len(docs) {
		t.Fatalf("ingest returned %d results for %d documents", len(res), len(docs))
	}
	return res
}

// load ingests the corpus, in two batches so that resolution across
// batches is exercised as well as within one.
func load(t *testing.T, st graph.Store) {
	t.Helper()
	c := corpus()
	ingest(t, st, c[:3]...)
	ingest(t, st, c[3:]...)
}

// find returns the id of the one person a query finds.
func find(t *testing.T, st graph.Store, q string) string {
	t.Helper()
	page, err := st.SearchPeople(context.Background(), graph.PersonFilter{Query: q})
	if err != nil {
		t.Fatalf("search %q: %v", q, err)
	}
	if len(page.People) != 1 {
		t.Fatalf("search %q found %d people (%v), want 1", q, len(page.People), names(page.People))
	}
	return page.People[0].ID
}

func names(ps []graph.Person) []string {
	out := []string{}
	for _, p := range ps {
		out = append(out, p.Name)
	}
	return out
}

func code(err error) string { return graph.ErrorCode(err) }

func testCounterparts(t *testing.T, st graph.Store) {
	load(t, st)
	ctx := context.Background()
	tests := []struct {
		who  string
		want []string // "Name|role|country|meetings|first|last"
	}{
		{"Kovács", []string{
			"Piotr Nowak|Deputy Foreign Minister|PL|1|2024-03-05|2024-03-05",
			"Karim Sousan|Deputy Foreign Minister|SY|1||", // the planned meetings with Berg and Petrov do not count
		}},
		{"Jonas Berg", []string{
			"Karim Sousan|Deputy Foreign Minister|SY|1|2024-06-30|2024-06-30",
			"Maria Nowak|Minister of Defence|CZ|1|2024-05-01|2024-05-01",
			"Piotr Nowak|Deputy Foreign Minister|PL|1|2024-04-09|2024-04-09",
		}},
		{"Petrov", nil},
	}
	for _, tt := range tests {
		cps, err := st.Counterparts(ctx, find(t, st, tt.who))
		if err != nil {
			t.Fatalf("counterparts of %s: %v", tt.who, err)
		}
		var got []string
		for _, c := range cps {
			got = append(got, fmt.Sprintf("%s|%s|%s|%d|%s|%s", c.Person.Name, c.Role, c.Country, c.Meetings, c.First, c.Last))
			if len(c.MeetingIDs) != c.Meetings || !slices.IsSorted(c.MeetingIDs) {
				t.Errorf("%s–%s: meeting ids %v for %d meetings, want that many, sorted", tt.who, c.Person.Name, c.MeetingIDs, c.Meetings)
			}
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("who met %s:\n got %q\nwant %q", tt.who, got, tt.want)
		}
	}
}

func testSearch(t *testing.T, st graph.Store) {
	load(t, st)
	ctx := context.Background()
	tests := []struct {
		q, country string
		want       []string
	}{
		{"Sosan", "", []string{"Karim Sousan"}}, // one person under both spellings, shown by the fullest
		{"Sousan", "", []string{"Karim Sousan"}},
		{"karim sosan", "", []string{"Karim Sousan"}},
		{"Susan", "", []string{"Karim Sousan"}}, // a transliteration never written
		{"Piotr Nowak", "", []string{"Piotr Nowak"}},
		{"Kovacs", "", []string{"Anna Kovács"}},
		{"nowak", "", []string{"Maria Nowak", "Piotr Nowak"}}, // same surname, two people
		{"nowak", "cz", []string{"Maria Nowak"}},
		{"Zzyzx", "", []string{}},
		{"", "SE", []string{"Jonas Berg"}},
	}
	for _, tt := range tests {
		page, err := st.SearchPeople(ctx, graph.PersonFilter{Query: tt.q, Country: tt.country})
		if err != nil {
			t.Fatalf("search %q: %v", tt.q, err)
		}
		if got := names(page.People); !slices.Equal(got, tt.want) {
			t.Errorf("search %q country %q = %q, want %q", tt.q, tt.country, got, tt.want)
		}
	}
	p, err := st.Person(ctx, find(t, st, "Sousan"))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"Karim Sosan", "Karim Sousan"}; !slices.Equal(p.Aliases, want) {
		t.Errorf("aliases = %q, want every spelling %q", p.Aliases, want)
	}
	all, err := st.SearchPeople(ctx, graph.PersonFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if got := len(all.People); got != 6 {
		t.Errorf("%d people in all (%q), want 6", got, names(all.People))
	}
}

func testPersonRoles(t *testing.T, st graph.Store) {
	load(t, st)
	p, err := st.Person(context.Background(), find(t, st, "Piotr Nowak"))
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "Piotr Nowak" || p.Country != "PL" || p.Role != "Deputy Foreign Minister" {
		t.Errorf("person = %+v", p.Person)
	}
	if want := []string{"Nowak", "Piotr Nowak"}; !slices.Equal(p.Aliases, want) {
		t.Errorf("aliases = %q, want %q", p.Aliases, want)
	}
	if len(p.Roles) != 1 {
		t.Fatalf("roles = %+v, want one", p.Roles)
	}
	r := p.Roles[0]
	if r.Role != "Deputy Foreign Minister" || r.Country != "PL" || r.FirstSeen != "2024-03-05" || r.LastSeen != "2024-04-09" ||
		!slices.Equal(r.Articles, []string{"a1", "a3"}) {
		t.Errorf("role = %+v, want Deputy Foreign Minister (PL) seen 2024-03-05..2024-04-09 in a1, a3", r)
	}
}

func testMergedMeeting(t *testing.T, st graph.Store) {
	load(t, st)
	ctx := context.Background()
	_, ms1, err := st.Article(ctx, "a1")
	if err != nil {
		t.Fatal(err)
	}
	_, ms2, err := st.Article(ctx, "a2")
	if err != nil {
		t.Fatal(err)
	}
	if len(ms1) != 1 || len(ms2) != 1 || ms1[0].ID != ms2[0].ID {
		t.Fatalf("a1 and a2 report %v and %v, want one shared meeting", ms1, ms2)
	}
	m, err := st.Meeting(ctx, ms1[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if m.Date != "2024-03-05" || m.DatePrecision != "day" || m.Kind != mtg || m.Status != held {
		t.Errorf("meeting = %+v, want the day the second report gives", m)
	}
	if m.Place == nil || m.Place.Name != "Warsaw" {
		t.Errorf("place = %+v, want Warsaw", m.Place)
	}
	if m.Name != "Anna Kovács – Piotr Nowak, 2024-03-05" {
		t.Errorf("name = %q", m.Name)
	}
	var who []string
	for _, p := range m.Participants {
		who = append(who, p.Name+"|"+p.Role+"|"+p.Country)
	}
	if want := []string{"Anna Kovács|Foreign Minister|HU", "Piotr Nowak|Deputy Foreign Minister|PL"}; !slices.Equal(who, want) {
		t.Errorf("participants = %q, want %q", who, want)
	}
	if len(m.Reports) != 2 || m.Reports[0].ArticleID != "a1" || m.Reports[1].ArticleID != "a2" {
		t.Fatalf("reports = %+v, want a1 and a2", m.Reports)
	}
	if ev := m.Reports[0].Evidence; len(ev) != 1 || ev[0].Text != warsawSentence || ev[0].End != len(warsawSentence) {
		t.Errorf("evidence of a1 = %+v", ev)
	}
	if r := m.Reports[0]; r.URL != "https://news.example/a1" || r.Title != "Report a1" || r.Published != "2024-03-07" {
		t.Errorf("report = %+v, want the article's url, title and date", r)
	}
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if stats.People != 6 || stats.Meetings != 7 || stats.Articles != 8 {
		t.Errorf("stats = %+v, want 6 people, 7 meetings, 8 articles", stats)
	}
}

func meetingNames(ms []graph.Meeting) []string {
	out := []string{}
	for _, m := range ms {
		out = append(out, m.Name)
	}
	return out
}

func testMeetingFilters(t *testing.T, st graph.Store) {
	load(t, st)
	ctx := context.Background()
	berg := find(t, st, "Jonas Berg")
	tests := []struct {
		name string
		f    graph.MeetingFilter
		want []string
	}{
		{"timeline", graph.MeetingFilter{PersonID: berg}, []string{
			"Jonas Berg – Piotr Nowak, 2024-04-09", "Jonas Berg – Maria Nowak, 2024-05-01", "Jonas Berg – Karim Sousan, 2024-06-30"}},
		{"calls", graph.MeetingFilter{PersonID: berg, Kind: call}, []string{"Jonas Berg – Piotr Nowak, 2024-04-09"}},
		{"planned too", graph.MeetingFilter{PersonID: berg, Status: "any"}, []string{
			"Jonas Berg – Piotr Nowak, 2024-04-09", "Jonas Berg – Maria Nowak, 2024-05-01", "Jonas Berg – Karim Sousan, 2024-06-30",
			"Anna Kovács – Jonas Berg"}},
		{"planned only", graph.MeetingFilter{Status: planned}, []string{"Anna Kovács – Ivo Petrov, 2024-08", "Anna Kovács – Jonas Berg"}},
		{"period", graph.MeetingFilter{From: "2024-05", To: "2024-06"}, []string{
			"Jonas Berg – Maria Nowak, 2024-05-01", "Jonas Berg – Karim Sousan, 2024-06-30"}},
		{"a month overlaps a day range", graph.MeetingFilter{From: "2024-08-10", To: "2024-08-20", Status: "any"}, []string{
			"Anna Kovács – Ivo Petrov, 2024-08"}},
		{"country pair", graph.MeetingFilter{Country: "HU", WithCountry: "PL"}, []string{"Anna Kovács – Piotr Nowak, 2024-03-05"}},
		{"country pair, other order", graph.MeetingFilter{Country: "PL", WithCountry: "HU"}, []string{"Anna Kovács – Piotr Nowak, 2024-03-05"}},
		{"one country", graph.MeetingFilter{Country: "SY"}, []string{"Jonas Berg – Karim Sousan, 2024-06-30", "Anna Kovács – Karim Sousan"}},
	}
	for _, tt := range tests {
		page, err := st.Meetings(ctx, tt.f)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got := meetingNames(page.Meetings); !slices.Equal(got, tt.want) {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
		if page.NextCursor != "" {
			t.Errorf("%s: a cursor on the only page", tt.name)
		}
	}
}

func testPaging(t *testing.T, st graph.Store) {
	load(t, st)
	ctx := context.Background()
	all, err := st.Meetings(ctx, graph.MeetingFilter{Status: "any"})
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Meetings) != 7 {
		t.Fatalf("%d meetings, want 7", len(all.Meetings))
	}
	var paged []graph.Meeting
	cursor := ""
	for range 10 {
		page, err := st.Meetings(ctx, graph.MeetingFilter{Status: "any", Limit: 2, Cursor: cursor})
		if err != nil {
			t.Fatal(err)
		}
		if len(page.Meetings) > 2 {
			t.Fatalf("page of %d, limit 2", len(page.Meetings))
		}
		paged = append(paged, page.Meetings...)
		if cursor = page.NextCursor; cursor == "" {
			break
		}
	}
	if got, want := meetingNames(paged), meetingNames(all.Meetings); !slices.Equal(got, want) {
		t.Errorf("pages give %q, one page gives %q", got, want)
	}
	var people []string
	cursor = ""
	for range 10 {
		page, err := st.SearchPeople(ctx, graph.PersonFilter{Limit: 4, Cursor: cursor})
		if err != nil {
			t.Fatal(err)
		}
		people = append(people, names(page.People)...)
		if cursor = page.NextCursor; cursor == "" {
			break
		}
	}
	want := []string{"Anna Kovács", "Ivo Petrov", "Jonas Berg", "Karim Sousan", "Maria Nowak", "Piotr Nowak"}
	if !slices.Equal(people, want) {
		t.Errorf("people by pages = %q, want %q", people, want)
	}
}

func testShortestPath(t *testing.T, st graph.Store) {
	load(t, st)
	ctx := context.Background()
	kov, maria, petrov := find(t, st, "Kovács"), find(t, st, "Maria Nowak"), find(t, st, "Petrov")
	steps, err := st.ShortestPath(ctx, kov, maria)
	if err != nil {
		t.Fatal(err)
	}
	var chain []string
	for i, s := range steps {
		if i == 0 {
			chain = append(chain, s.From.Name)
		}
		chain = append(chain, s.To.Name)
		m, err := st.Meeting(ctx, s.Meeting)
		if err != nil {
			t.Fatalf("step %d meeting %s: %v", i, s.Meeting, err)
		}
		if !strings.Contains(m.Name, s.From.Name) || !strings.Contains(m.Name, s.To.Name) {
			t.Errorf("step %s → %s goes through %q", s.From.Name, s.To.Name, m.Name)
		}
	}
	// Two chains of three links: through Sosan or through Piotr Nowak; the
	// one whose person ids sort first wins. The planned Kovács–Berg meeting
	// is no shortcut.
	want := []string{"Anna Kovács", "Karim Sousan", "Jonas Berg", "Maria Nowak"}
	if find(t, st, "Piotr Nowak") < find(t, st, "Karim Sosan") {
		want[1] = "Piotr Nowak"
	}
	if !slices.Equal(chain, want) {
		t.Errorf("chain = %q, want %q", chain, want)
	}
	if _, err := st.ShortestPath(ctx, kov, petrov); code(err) != graph.ENOTFOUND {
		t.Errorf("path to someone met only in a planned meeting: err %v, want ENOTFOUND", err)
	}
	if _, err := st.ShortestPath(ctx, kov, "p-nobody"); code(err) != graph.ENOTFOUND {
		t.Errorf("path to an unknown id: err %v, want ENOTFOUND", err)
	}
}

func testIdempotent(t *testing.T, st graph.Store) {
	load(t, st)
	ctx := context.Background()
	before, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	first, _, err := st.Article(ctx, "a1")
	if err != nil {
		t.Fatal(err)
	}
	res := ingest(t, st, corpus()...)
	for _, r := range res {
		if r.Status != graph.ArticleUnchanged {
			t.Errorf("%s: %s on the second ingest, want unchanged", r.ArticleID, r.Status)
		}
	}
	// The same text under another id is the same article.
	copyDoc := corpus()[0]
	copyDoc.Article.ID = "a1-syndicated"
	r := ingest(t, st, copyDoc)[0]
	if r.Status != graph.ArticleUnchanged || len(r.Meetings) != 1 {
		t.Errorf("syndicated copy: %+v, want unchanged with a1's meeting", r)
	}
	after, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if after != before {
		t.Errorf("stats after re-ingest %+v, before %+v", after, before)
	}
	again, _, err := st.Article(ctx, "a1")
	if err != nil || again != first {
		t.Errorf("article a1 now %+v (%v), was %+v", again, err, first)
	}
	if _, _, err := st.Article(ctx, "a1-syndicated"); code(err) != graph.ENOTFOUND {
		t.Errorf("the copy was stored as an article of its own: %v", err)
	}
}

func testUpdate(t *testing.T, st graph.Store) {
	load(t, st)
	ctx := context.Background()
	_, old, err := st.Article(ctx, "a3")
	if err != nil {
		t.Fatal(err)
	}
	// a3 corrected: the call was on the 8th, and with Kovács, not Berg.
	fixed := doc("a3", "2024-04-10", meet(call, held, "2024-04-08", "", "Nowak spoke by phone with Anna Kovács.", pnowak, kovacs))
	if r := ingest(t, st, fixed)[0]; r.Status != graph.ArticleUpdated {
		t.Fatalf("status %s, want updated", r.Status)
	}
	if _, err := st.Meeting(ctx, old[0].ID); code(err) != graph.ENOTFOUND {
		t.Errorf("the old call %s is still there (err %v)", old[0].ID, err)
	}
	cps, err := st.Counterparts(ctx, find(t, st, "Jonas Berg"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cps {
		if c.Person.Name == "Piotr Nowak" {
			t.Errorf("Berg still met Piotr Nowak: %+v", c)
		}
	}
	page, err := st.Meetings(ctx, graph.MeetingFilter{PersonID: find(t, st, "Piotr Nowak")})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Anna Kovács – Piotr Nowak, 2024-03-05", "Anna Kovács – Piotr Nowak, 2024-04-08"}
	if got := meetingNames(page.Meetings); !slices.Equal(got, want) {
		t.Errorf("Nowak's timeline %q, want %q", got, want)
	}
	stats, err := st.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if stats.Meetings != 7 || stats.Articles != 8 || stats.People != 6 {
		t.Errorf("stats %+v, want 7 meetings, 8 articles, 6 people", stats)
	}
}

func testDocuments(t *testing.T, st graph.Store) {
	load(t, st)
	var ids []string
	after := ""
	for range 10 {
		docs, err := st.Documents(context.Background(), after, 3)
		if err != nil {
			t.Fatal(err)
		}
		if len(docs) == 0 {
			break
		}
		for _, d := range docs {
			ids = append(ids, d.Article.ID)
		}
		after = docs[len(docs)-1].Article.ID
	}
	if want := []string{"a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8"}; !slices.Equal(ids, want) {
		t.Errorf("documents in order %q, want %q", ids, want)
	}
	docs, err := st.Documents(context.Background(), "", 1)
	if err != nil || len(docs) != 1 {
		t.Fatalf("first document: %v, %v", docs, err)
	}
	if got, want := docs[0], corpus()[0]; got.Article != want.Article || len(got.Meetings) != 1 ||
		got.Meetings[0].Evidence[0].Text != warsawSentence || got.Meetings[0].Participants[0].Name != kovacs.Name {
		t.Errorf("stored document %+v, ingested %+v", got, want)
	}
}

func testErrors(t *testing.T, st graph.Store) {
	load(t, st)
	ctx := context.Background()
	checks := []struct {
		name string
		err  error
		want string
	}{}
	add := func(name string, err error, want string) {
		checks = append(checks, struct {
			name string
			err  error
			want string
		}{name, err, want})
	}
	_, err := st.Person(ctx, "p-nobody")
	add("unknown person", err, graph.ENOTFOUND)
	_, err = st.Counterparts(ctx, "p-nobody")
	add("counterparts of unknown", err, graph.ENOTFOUND)
	_, err = st.Meeting(ctx, "m-nothing")
	add("unknown meeting", err, graph.ENOTFOUND)
	_, _, err = st.Article(ctx, "no-such-article")
	add("unknown article", err, graph.ENOTFOUND)
	_, err = st.Meetings(ctx, graph.MeetingFilter{Cursor: "not a cursor"})
	add("bad meeting cursor", err, graph.EINVALID)
	_, err = st.SearchPeople(ctx, graph.PersonFilter{Cursor: "bm90IGEgY3Vyc29y"})
	add("bad people cursor", err, graph.EINVALID)
	_, err = st.Meetings(ctx, graph.MeetingFilter{From: "last tuesday"})
	add("bad date", err, graph.EINVALID)
	_, err = st.Meetings(ctx, graph.MeetingFilter{Kind: "dinner"})
	add("bad kind", err, graph.EINVALID)
	_, err = st.Meetings(ctx, graph.MeetingFilter{Status: "rumoured"})
	add("bad status", err, graph.EINVALID)
	for _, c := range checks {
		if got := code(c.err); got != c.want {
			t.Errorf("%s: error %v (code %q), want %s", c.name, c.err, got, c.want)
		}
	}
	if err := st.Ping(ctx); err != nil {
		t.Errorf("ping: %v", err)
	}
}

func testHostile(t *testing.T, st graph.Store) {
	ctx := context.Background()
	odd := []graph.Participant{
		{Name: `Seán O'Brien "the Quote"`, Role: `Minister \ of "Things"`, Country: "IE"},
		{Name: `Zoë '}) DETACH DELETE n //`, Role: "'; DROP TABLE people; --", Country: "FR"},
	}
	sentence := "Ünïcødé: 会谈 — O'Brien met Zoë; \\ \" ' `"
	d := doc("hostile'; DROP TABLE articles; --", "2024-09-01", meet(mtg, held, "2024-08-31", `Saint-Jean-d'Acre "Old City"`, sentence, odd...))
	d.Article.Title = `'}) MATCH (n) DETACH DELETE n //`
	res := ingest(t, st, d)
	if res[0].Status != graph.ArticleCreated {
		t.Fatalf("status %s", res[0].Status)
	}
	a, ms, err := st.Article(ctx, d.Article.ID)
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != d.Article.Title || len(ms) != 1 {
		t.Fatalf("article %+v with %d meetings", a, len(ms))
	}
	m := ms[0]
	if m.Place == nil || m.Place.Name != `Saint-Jean-d'Acre "Old City"` || m.Reports[0].Evidence[0].Text != sentence {
		t.Errorf("meeting %+v", m)
	}
	var got []string
	for _, p := range m.Participants {
		got = append(got, p.Name+"|"+p.Role)
	}
	want := []string{`Seán O'Brien "the Quote"|Minister \ of "Things"`, `Zoë '}) DETACH DELETE n //|'; DROP TABLE people; --`}
	if !slices.Equal(got, want) {
		t.Errorf("participants %q, want %q", got, want)
	}
	for _, q := range []string{`'}) DETACH DELETE n //`, `%`, `_`, `\`, `"`, "' OR 1=1 --"} {
		if _, err := st.SearchPeople(ctx, graph.PersonFilter{Query: q}); err != nil {
			t.Errorf("search %q: %v", q, err)
		}
	}
	page, err := st.SearchPeople(ctx, graph.PersonFilter{Query: "O'Brien"})
	if err != nil || len(page.People) != 1 {
		t.Errorf("search O'Brien: %v, %v", names(page.People), err)
	}
	stats, err := st.Stats(ctx)
	if err != nil || stats.People != 2 || stats.Articles != 1 || stats.Meetings != 1 {
		t.Errorf("stats %+v, %v: want the two people, one article, one meeting", stats, err)
	}
}

func testJobState(t *testing.T, st graph.Store) {
	ctx := context.Background()
	if _, ok, err := st.SeenItem(ctx, "feeds", "https://news.example/1"); ok || err != nil {
		t.Fatalf("seen before marked: %v %v", ok, err)
	}
	if err := st.MarkItem(ctx, "feeds", "https://news.example/1", "h1", "a1"); err != nil {
		t.Fatal(err)
	}
	if err := st.MarkItem(ctx, "feeds", "https://news.example/1", "h2", "a1"); err != nil {
		t.Fatal(err)
	}
	if h, ok, err := st.SeenItem(ctx, "feeds", "https://news.example/1"); !ok || h != "h2" || err != nil {
		t.Errorf("seen = %q %v %v, want h2", h, ok, err)
	}
	if _, ok, _ := st.SeenItem(ctx, "other-job", "https://news.example/1"); ok {
		t.Error("an item of one job is seen by another")
	}
	start := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for i := range 3 {
		run := graph.JobRun{Job: "feeds", Started: start.Add(time.Duration(i) * time.Hour), Duration: time.Second,
			Fetched: i, Stored: i, Errors: []string{fmt.Sprintf("feed %d: timeout", i)}}
		if err := st.RecordRun(ctx, run); err != nil {
			t.Fatal(err)
		}
	}
	runs, err := st.Runs(ctx, "feeds", 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 2 || runs[0].Fetched != 2 || runs[1].Fetched != 1 || !runs[0].Started.Equal(start.Add(2*time.Hour)) ||
		runs[0].Duration != time.Second || len(runs[0].Errors) != 1 || runs[0].Errors[0] != "feed 2: timeout" {
		t.Errorf("runs = %+v, want the last two, newest first", runs)
	}
	if runs, err := st.Runs(ctx, "nothing", 5); err != nil || len(runs) != 0 {
		t.Errorf("runs of an unknown job = %v, %v", runs, err)
	}
}
