package graph

import (
	"context"
	"time"
)

// Store is the graph, whatever database holds it. Every method that reads
// by id returns an error with code ENOTFOUND when the id is unknown, EINVALID
// for a malformed filter or cursor, and EUNAVAILABLE when the database cannot
// be reached. Implementations are safe for concurrent use.
type Store interface {
	// Ingest writes a batch of documents as one transaction: all or nothing.
	// A document whose article id (or text hash) is stored with the same hash
	// is ArticleUnchanged and writes nothing; one whose id is stored with
	// another hash replaces that article's facts (ArticleUpdated). People are
	// resolved across articles with SamePerson, meetings merged with
	// SameMeeting, and the derived MET links kept in step.
	Ingest(ctx context.Context, docs []Document) ([]IngestResult, error)

	// Article returns an article and the meetings it reports.
	Article(ctx context.Context, id string) (Article, []Meeting, error)
	// Documents pages through the stored documents in ingest order, for
	// export; after is the last article id of the previous page ("" first).
	// An updated article keeps the place of its first ingest, so a replay
	// creates people and meetings in the order they first were (same ids).
	Documents(ctx context.Context, after string, limit int) ([]Document, error)

	// SearchPeople finds people by any spelling.
	SearchPeople(ctx context.Context, f PersonFilter) (PersonPage, error)
	// Person returns a person with their roles over time.
	Person(ctx context.Context, id string) (PersonDetail, error)
	// Counterparts answers "who met this person": occurred meetings only,
	// ordered by number of meetings (most first), then last date (latest
	// first), then name.
	Counterparts(ctx context.Context, personID string) ([]Counterpart, error)

	// Meetings lists meetings matching f, ordered by date (undated last) then id.
	Meetings(ctx context.Context, f MeetingFilter) (MeetingPage, error)
	// Meeting returns one meeting with its participants and reports.
	Meeting(ctx context.Context, id string) (Meeting, error)

	// ShortestPath returns the shortest chain of occurred meetings from one
	// person to another; ENOTFOUND when either is unknown or no chain exists.
	// Among chains of equal length the one whose person ids sort first wins,
	// so every backend gives the same answer.
	ShortestPath(ctx context.Context, fromID, toID string) ([]PathStep, error)

	// Stats counts nodes; Ping checks the database answers.
	Stats(ctx context.Context) (Stats, error)
	Ping(ctx context.Context) error
	Close(ctx context.Context) error

	JobState
}

// JobState is what scheduled ingest jobs remember, kept in the store so that
// a restart or a second replica does not redo work.
type JobState interface {
	// SeenItem returns the content hash recorded for a job's item key, and
	// whether it was recorded at all.
	SeenItem(ctx context.Context, job, key string) (hash string, ok bool, err error)
	// MarkItem records that a job ingested the item with this hash as articleID.
	MarkItem(ctx context.Context, job, key, hash, articleID string) error
	// RecordRun stores the outcome of a job run; Runs returns the latest
	// first, at most limit of them.
	RecordRun(ctx context.Context, run JobRun) error
	Runs(ctx context.Context, job string, limit int) ([]JobRun, error)
}

// JobRun is the outcome of one run of a scheduled ingest job.
type JobRun struct {
	Job       string        `json:"job"`
	Started   time.Time     `json:"started"`
	Duration  time.Duration `json:"duration_ns"`
	Fetched   int           `json:"fetched"`
	Extracted int           `json:"extracted"`
	Stored    int           `json:"stored"`
	Skipped   int           `json:"skipped"`
	Failed    int           `json:"failed"`
	Errors    []string      `json:"errors,omitempty"` // one line each: source, item, reason
}
