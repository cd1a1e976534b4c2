package graph

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// Planning an ingest batch.
//
// Every backend merges people and meetings by the same rule (ResolvePerson,
// BestMeeting), so the deciding is done here, once, in Go: a store answers
// two lookups inside its write transaction, the Planner decides which person
// and meeting each report belongs to — seeing both the stored graph and what
// earlier documents of the same batch added — and the store writes the
// resulting Plan in as few statements as its database allows.

// Lookup is what a Planner asks the store, inside the write transaction.
type Lookup interface {
	// PeopleByKeys returns the stored people indexed under any of keys
	// (a person is indexed under IndexKeys of all their aliases).
	PeopleByKeys(ctx context.Context, keys []string) ([]Candidate, error)
	// MeetingsOf returns the stored meetings any of these people attended.
	MeetingsOf(ctx context.Context, personIDs []string) ([]StoredMeeting, error)
}

// StoredMeeting is a meeting already in the store, as a Planner sees it.
type StoredMeeting struct {
	ID  string
	Key MeetingKey // Kind, Status, Date and every attendee's id
}

// PersonWrite is a person a Plan creates (New) or changes: the full state
// after the batch, so a store can simply set every field.
type PersonWrite struct {
	ID      string
	New     bool
	Name    string   // FullestName of Aliases
	Aliases []string // every spelling seen, sorted
	Keys    []string // IndexKeys(Aliases...): what PeopleByKeys matches on
	Country string   // the latest country a report gave; "" leaves the stored one
	Role    string   // the latest role a report gave; "" leaves the stored one
	Roles   []string // every role seen, sorted
}

// MeetingWrite is a meeting a Plan creates (New) or extends with reports: the
// full state after the batch.
type MeetingWrite struct {
	ID            string
	New           bool
	Kind          string
	Status        string
	Date          string // the most precise of all its reports' dates
	DatePrecision string
	Location      string   // the first place a report gives, else ""
	PersonIDs     []string // every attendee after the merge, sorted
}

// AttendeeWrite is a person at a meeting as one article reports them.
type AttendeeWrite struct {
	PersonID string
	Name     string // the spelling this article used
	Role     string
	Country  string
}

// ReportWrite is one article's report of one meeting.
type ReportWrite struct {
	ArticleID  string
	MeetingID  string
	Index      int // position of the report among the document's meetings
	Date       string
	Location   string
	Evidence   []Evidence
	Confidence float64
	Attendees  []AttendeeWrite
}

// Plan is what a batch of documents writes.
type Plan struct {
	People   []PersonWrite  // in the order the batch first touched them
	Meetings []MeetingWrite // likewise
	Reports  []ReportWrite  // in document order
}

// Planner decides, document by document, where each report of a batch
// belongs. Documents must be added in ingest order; unchanged ones must not
// be added at all, and an updated one only after the store has removed its
// old facts in the same transaction.
type Planner struct {
	lookup   Lookup
	people   map[string]*PersonWrite
	meetings map[string]*MeetingWrite
	plan     Plan
	pOrder   []string
	mOrder   []string
}

// NewPlanner starts planning a batch against a store's lookups.
func NewPlanner(l Lookup) *Planner {
	return &Planner{lookup: l, people: map[string]*PersonWrite{}, meetings: map[string]*MeetingWrite{}}
}

// Add plans one document.
func (p *Planner) Add(ctx context.Context, doc Document) error {
	ids := map[string]string{} // this article's spelling and country → person id
	for i, m := range doc.Meetings {
		rep := ReportWrite{
			ArticleID: doc.Article.ID, Index: i, Date: m.Date, Location: m.Location,
			Evidence: m.Evidence, Confidence: m.Confidence,
		}
		var personIDs []string
		seen := map[string]bool{}
		for _, part := range m.Participants {
			if strings.TrimSpace(part.Name) == "" {
				continue
			}
			local := part.Name + "\x00" + part.Country
			id, ok := ids[local]
			if !ok {
				var err error
				if id, err = p.resolve(ctx, part); err != nil {
					return fmt.Errorf("article %s: resolve %q: %w", doc.Article.ID, part.Name, err)
				}
				ids[local] = id
			} else {
				p.observe(id, part)
			}
			if seen[id] {
				continue
			}
			seen[id] = true
			personIDs = append(personIDs, id)
			rep.Attendees = append(rep.Attendees, AttendeeWrite{PersonID: id, Name: part.Name, Role: part.Role, Country: part.Country})
		}
		if len(personIDs) == 0 {
			continue
		}
		sort.Strings(personIDs)
		key := MeetingKey{Kind: m.Kind, Status: m.Status, Date: m.Date, PersonIDs: personIDs}
		mw, err := p.meetingFor(ctx, key)
		if err != nil {
			return fmt.Errorf("article %s: find meeting: %w", doc.Article.ID, err)
		}
		if mw == nil {
			mw = &MeetingWrite{
				ID: MeetingID(doc.Article.ID, i, key), New: true, Kind: m.Kind, Status: m.Status,
				Date: m.Date, Location: m.Location, PersonIDs: personIDs,
			}
			p.touchMeeting(mw)
		} else {
			mw.Date = MorePreciseDate(mw.Date, m.Date)
			if mw.Location == "" {
				mw.Location = m.Location
			}
			mw.PersonIDs = union(mw.PersonIDs, personIDs)
		}
		mw.DatePrecision = Precision(mw.Date)
		rep.MeetingID = mw.ID
		p.plan.Reports = append(p.plan.Reports, rep)
	}
	return nil
}

// resolve finds or creates the person a participant names.
func (p *Planner) resolve(ctx context.Context, part Participant) (string, error) {
	names := append([]string{part.Name}, part.Aliases...)
	keys := LookupKeys(names...)
	stored, err := p.lookup.PeopleByKeys(ctx, keys)
	if err != nil {
		return "", err
	}
	// The batch's own version of a person wins over the stored one.
	byID := map[string]Candidate{}
	for _, c := range stored {
		byID[c.ID] = c
	}
	want := map[string]bool{}
	for _, k := range keys {
		want[k] = true
	}
	for id, pw := range p.people {
		for _, k := range pw.Keys {
			if want[k] {
				byID[id] = Candidate{ID: id, Aliases: pw.Aliases, Country: pw.Country, Roles: pw.Roles}
				break
			}
		}
	}
	cands := make([]Candidate, 0, len(byID))
	for _, c := range byID {
		cands = append(cands, c)
	}
	sort.Slice(cands, func(i, j int) bool { return cands[i].ID < cands[j].ID })
	ref := PersonRef{Name: part.Name, Aliases: part.Aliases, Country: part.Country, Role: part.Role}
	if id, ok := ResolvePerson(ref, cands); ok {
		if _, inBatch := p.people[id]; !inBatch {
			c := byID[id]
			p.touchPerson(&PersonWrite{ID: id, Aliases: c.Aliases, Country: c.Country, Roles: c.Roles})
		}
		p.observe(id, part)
		return id, nil
	}
	// A new person: the id is the slug of the name, numbered when a
	// different person already has it.
	base := "p-" + Slug(FullestName(names...))
	id := base
	for n := 2; ; n++ {
		if _, taken := byID[id]; !taken {
			break
		}
		id = base + "-" + strconv.Itoa(n)
	}
	p.touchPerson(&PersonWrite{ID: id, New: true})
	p.observe(id, part)
	return id, nil
}

// observe folds what one report says about a person into the batch's version.
func (p *Planner) observe(id string, part Participant) {
	pw := p.people[id]
	pw.Aliases = union(pw.Aliases, append([]string{part.Name}, part.Aliases...))
	pw.Name = FullestName(pw.Aliases...)
	pw.Keys = IndexKeys(pw.Aliases...)
	if part.Country != "" {
		pw.Country = part.Country
	}
	if part.Role != "" {
		pw.Role = part.Role
		pw.Roles = union(pw.Roles, []string{part.Role})
	}
}

// meetingFor returns the meeting a report belongs to, from the batch or the
// store, or nil when it is a new one.
func (p *Planner) meetingFor(ctx context.Context, key MeetingKey) (*MeetingWrite, error) {
	stored, err := p.lookup.MeetingsOf(ctx, key.PersonIDs)
	if err != nil {
		return nil, err
	}
	byID := map[string]MeetingKey{}
	for _, m := range stored {
		byID[m.ID] = m.Key
	}
	want := make(map[string]bool, len(key.PersonIDs))
	for _, id := range key.PersonIDs {
		want[id] = true
	}
	for id, mw := range p.meetings {
		if mw.Kind != key.Kind || mw.Status != key.Status {
			continue // cheap rejections first: a batch holds many meetings
		}
		for _, pid := range mw.PersonIDs {
			if want[pid] {
				byID[id] = MeetingKey{Kind: mw.Kind, Status: mw.Status, Date: mw.Date, PersonIDs: mw.PersonIDs}
				break
			}
		}
	}
	ids := make([]string, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	keys := make([]MeetingKey, len(ids))
	for i, id := range ids {
		keys[i] = byID[id]
	}
	best := BestMeeting(key, keys, ids)
	if best < 0 {
		return nil, nil
	}
	id := ids[best]
	if mw, ok := p.meetings[id]; ok {
		return mw, nil
	}
	k := keys[best]
	mw := &MeetingWrite{ID: id, Kind: k.Kind, Status: k.Status, Date: k.Date, PersonIDs: append([]string(nil), k.PersonIDs...)}
	sort.Strings(mw.PersonIDs)
	p.touchMeeting(mw)
	return mw, nil
}

func (p *Planner) touchPerson(pw *PersonWrite) {
	p.people[pw.ID] = pw
	p.pOrder = append(p.pOrder, pw.ID)
}

func (p *Planner) touchMeeting(mw *MeetingWrite) {
	p.meetings[mw.ID] = mw
	p.mOrder = append(p.mOrder, mw.ID)
}

// Plan returns what the documents added so far write.
func (p *Planner) Plan() Plan {
	out := Plan{Reports: p.plan.Reports}
	for _, id := range p.pOrder {
		out.People = append(out.People, *p.people[id])
	}
	for _, id := range p.mOrder {
		out.Meetings = append(out.Meetings, *p.meetings[id])
	}
	return out
}

// union returns the sorted, de-duplicated union of two string lists, without
// empty strings.
func union(a, b []string) []string {
	set := map[string]bool{}
	for _, s := range append(append([]string(nil), a...), b...) {
		if s = strings.TrimSpace(s); s != "" {
			set[s] = true
		}
	}
	return sortedKeys(set)
}
