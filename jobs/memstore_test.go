package jobs

import (
	"context"
	"sync"

	"github.com/dipgraph/dipgraph/graph"
)

// memStore is the least of graph.Store the runner uses, in memory: Ingest
// with the same-id/new-hash replacement rule, Article, and JobState. It lets
// the suite run without a database; the real stores run the same suite.
type memStore struct {
	graph.Store // unimplemented methods panic

	mu    sync.Mutex
	docs  map[string]graph.Document
	items map[string]string // job \x00 key -> hash
	runs  []graph.JobRun
}

func newMemStore() *memStore {
	return &memStore{docs: map[string]graph.Document{}, items: map[string]string{}}
}

func (m *memStore) Ingest(_ context.Context, docs []graph.Document) ([]graph.IngestResult, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []graph.IngestResult
	for _, d := range docs {
		status := graph.ArticleCreated
		if old, ok := m.docs[d.Article.ID]; ok {
			status = graph.ArticleUpdated
			if old.Article.SHA256 == d.Article.SHA256 {
				status = graph.ArticleUnchanged
			}
		}
		if status != graph.ArticleUnchanged {
			m.docs[d.Article.ID] = d
		}
		out = append(out, graph.IngestResult{ArticleID: d.Article.ID, Status: status})
	}
	return out, nil
}

func (m *memStore) Article(_ context.Context, id string) (graph.Article, []graph.Meeting, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	d, ok := m.docs[id]
	if !ok {
		return graph.Article{}, nil, graph.Errorf(graph.ENOTFOUND, "no article %q", id)
	}
	var ms []graph.Meeting
	for _, r := range d.Meetings {
		var m graph.Meeting
		m.Date = r.Date
		for _, p := range r.Participants {
			m.Participants = append(m.Participants, graph.Attendee{Name: p.Name})
		}
		ms = append(ms, m)
	}
	return d.Article, ms, nil
}

func (m *memStore) SeenItem(_ context.Context, job, key string) (string, bool, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	h, ok := m.items[job+"\x00"+key]
	return h, ok, nil
}

func (m *memStore) MarkItem(_ context.Context, job, key, hash, _ string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.items[job+"\x00"+key] = hash
	return nil
}

func (m *memStore) RecordRun(_ context.Context, r graph.JobRun) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.runs = append(m.runs, r)
	return nil
}

func (m *memStore) Runs(_ context.Context, job string, limit int) ([]graph.JobRun, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []graph.JobRun
	for i := len(m.runs) - 1; i >= 0 && len(out) < limit; i-- {
		if m.runs[i].Job == job {
			out = append(out, m.runs[i])
		}
	}
	return out, nil
}

func (m *memStore) Close(context.Context) error { return nil }
