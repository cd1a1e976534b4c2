// Package graph is dipgraph's domain: the people, meetings, articles,
// places and countries of the knowledge graph, the Store interface every
// backend implements, the filters its queries take and the error codes it
// returns. It has no dependency on a database, on HTTP or on the extractor;
// the backends live in subpackages (graph/neo4j, graph/sqlite) and all of them
// pass the conformance suite in graph/storetest.
//
// The rules that decide identity — when two spellings are one person
// (resolve.go) and when two reports are one meeting (meeting.go) — are plain
// functions here so that every backend applies exactly the same ones.
package graph

import "sort"

// Kinds and statuses of a meeting, as the extractor reports them.
const (
	KindMeeting = "meeting" // face to face
	KindCall    = "call"    // by phone or video

	StatusOccurred = "occurred" // the article reports it as having happened
	StatusPlanned  = "planned"  // expected, scheduled or invited; never counted as held
)

// Statuses of an article after Ingest.
const (
	ArticleCreated   = "created"   // first time this article was seen
	ArticleUnchanged = "unchanged" // same id (or same text hash) already stored: nothing written
	ArticleUpdated   = "updated"   // same id, new text: its old facts were replaced
)

// Article is a news report, the source of every fact in the graph.
type Article struct {
	ID        string `json:"id"`                  // caller's id; unique
	URL       string `json:"url,omitempty"`       // where it was published
	Title     string `json:"title,omitempty"`     // headline
	Published string `json:"published,omitempty"` // YYYY-MM-DD, or "" when unknown
	Source    string `json:"source,omitempty"`    // outlet or agency
	SHA256    string `json:"sha256"`              // hex digest of the text; two ids with one hash are one article
}

// Evidence is the sentence a fact was read from, as byte offsets into the
// article text.
type Evidence struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

// Participant is one person as an article names them in a meeting.
type Participant struct {
	Name    string   `json:"name"`              // full name as resolved within the article
	Aliases []string `json:"aliases,omitempty"` // other spellings the article used for them
	Role    string   `json:"role,omitempty"`    // role at the time, as the article states it
	Country string   `json:"country,omitempty"` // ISO 3166-1 alpha-2 of the state represented, "" when unknown
}

// MeetingReport is one meeting as one article reports it: the extractor's
// output, before it is merged with other reports of the same meeting.
type MeetingReport struct {
	Kind          string        `json:"kind"`                     // KindMeeting or KindCall
	Status        string        `json:"status"`                   // StatusOccurred or StatusPlanned
	Date          string        `json:"date,omitempty"`           // YYYY, YYYY-MM or YYYY-MM-DD; "" when the text does not fix it
	DatePrecision string        `json:"date_precision,omitempty"` // "year", "month", "day" or ""
	Location      string        `json:"location,omitempty"`       // place name, "" when not stated
	Participants  []Participant `json:"participants"`
	Evidence      []Evidence    `json:"evidence"`
	Confidence    float64       `json:"confidence"`
}

// Document is what Ingest writes: an article and the meetings read from it.
// Stores keep documents so that a graph can be rebuilt or copied
// (dipgraph export) by replaying them in order.
type Document struct {
	Article  Article         `json:"article"`
	Meetings []MeetingReport `json:"meetings"`
}

// IngestResult says what Ingest did with one document.
type IngestResult struct {
	ArticleID string   `json:"id"`
	Status    string   `json:"status"`   // ArticleCreated, ArticleUnchanged or ArticleUpdated
	Meetings  []string `json:"meetings"` // ids of the meetings the article reports, in report order
}

// Person is an official, resolved across articles.
type Person struct {
	ID      string   `json:"id"`
	Name    string   `json:"name"`              // the fullest spelling seen
	Aliases []string `json:"aliases"`           // every spelling seen, Name included, sorted
	Country string   `json:"country,omitempty"` // ISO code of the state last represented
	Role    string   `json:"role,omitempty"`    // last role seen
}

// RoleSpan is a role a person held, and when the sources saw it.
type RoleSpan struct {
	Role      string   `json:"role"`
	Country   string   `json:"country,omitempty"`
	FirstSeen string   `json:"first_seen,omitempty"` // earliest meeting date (or article date) with this role
	LastSeen  string   `json:"last_seen,omitempty"`
	Articles  []string `json:"articles"` // ids of the articles that give it, sorted
}

// PersonDetail is a person with their roles over time.
type PersonDetail struct {
	Person
	Roles []RoleSpan `json:"roles"` // ordered by FirstSeen, then Role
}

// Place is where a meeting was held.
type Place struct {
	Name    string `json:"name"`
	Country string `json:"country,omitempty"` // ISO code, "" when unknown
}

// Attendee is a person at a meeting, with the role and country they had there.
type Attendee struct {
	PersonID string `json:"person_id"`
	Name     string `json:"name"`
	Role     string `json:"role,omitempty"`
	Country  string `json:"country,omitempty"`
}

// Report is one article's account of a meeting.
type Report struct {
	ArticleID  string     `json:"article_id"`
	URL        string     `json:"url,omitempty"`
	Title      string     `json:"title,omitempty"`
	Published  string     `json:"published,omitempty"`
	Evidence   []Evidence `json:"evidence"`
	Confidence float64    `json:"confidence"`
}

// Meeting is an encounter between people, merged over every article that
// reports it.
type Meeting struct {
	ID            string     `json:"id"`
	Name          string     `json:"name"` // caption, e.g. "Amir Abdollahian – Sosan, 2023-01-09"
	Kind          string     `json:"kind"`
	Status        string     `json:"status"`
	Date          string     `json:"date,omitempty"`
	DatePrecision string     `json:"date_precision,omitempty"`
	Place         *Place     `json:"place,omitempty"`
	Participants  []Attendee `json:"participants"` // ordered by name
	Reports       []Report   `json:"reports"`      // ordered by article id
}

// Counterpart is someone a person met: the answer to "who met X".
type Counterpart struct {
	Person     Person   `json:"person"`
	Role       string   `json:"role,omitempty"`    // role at the latest meeting with X
	Country    string   `json:"country,omitempty"` // country at the latest meeting with X
	Meetings   int      `json:"meetings"`          // occurred meetings together
	First      string   `json:"first,omitempty"`   // earliest known date, "" when none is dated
	Last       string   `json:"last,omitempty"`
	MeetingIDs []string `json:"meeting_ids"` // sorted
}

// PathStep is one link of a chain of meetings: From met To at Meeting.
type PathStep struct {
	From    Person `json:"from"`
	To      Person `json:"to"`
	Meeting string `json:"meeting_id"`
}

// PersonFilter selects people. Query matches any spelling, tolerant of
// transliteration (see SearchKeys).
type PersonFilter struct {
	Query   string
	Country string
	Limit   int    // 0 means DefaultLimit; capped at MaxLimit
	Cursor  string // opaque, from the previous page
}

// MeetingFilter selects meetings. Empty fields do not filter.
type MeetingFilter struct {
	PersonID    string // meetings this person attended
	Country     string // meetings an official of this country attended
	WithCountry string // ... together with an official of this one
	From, To    string // inclusive date bounds, YYYY[-MM[-DD]]; undated meetings are left out when either is set
	Kind        string
	Status      string // "" means occurred only; "any" means both
	Limit       int
	Cursor      string
}

// Page limits.
const (
	DefaultLimit = 50
	MaxLimit     = 500
)

// PersonPage is one page of people, ordered by name then id.
type PersonPage struct {
	People     []Person `json:"people"`
	NextCursor string   `json:"next_cursor,omitempty"`
}

// MeetingPage is one page of meetings, ordered by date (undated last) then id.
type MeetingPage struct {
	Meetings   []Meeting `json:"meetings"`
	NextCursor string    `json:"next_cursor,omitempty"`
}

// Stats counts what is in the graph.
type Stats struct {
	People    int `json:"people"`
	Meetings  int `json:"meetings"`
	Articles  int `json:"articles"`
	Countries int `json:"countries"`
	Places    int `json:"places"`
}

// SortRoles orders a person's roles over time: first seen first, then by
// role and country, as every store returns them.
func SortRoles(roles []RoleSpan) {
	sort.Slice(roles, func(i, j int) bool {
		a, b := roles[i], roles[j]
		if a.FirstSeen != b.FirstSeen {
			return a.FirstSeen < b.FirstSeen
		}
		if a.Role != b.Role {
			return a.Role < b.Role
		}
		return a.Country < b.Country
	})
}
