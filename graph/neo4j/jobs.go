package neo4j

import (
	"context"
	"encoding/json"

	"github.com/dipgraph/dipgraph/graph"
)

// SeenItem returns the hash recorded for a job's item key.
func (s *Store) SeenItem(ctx context.Context, job, key string) (string, bool, error) {
	recs, err := s.query(ctx, "read job item", `MATCH (j:JobItem {job: $job, key: $key}) RETURN j.hash AS hash`, map[string]any{"job": job, "key": key})
	if err != nil || len(recs) == 0 {
		return "", false, err
	}
	return str(recs[0], "hash"), true, nil
}

// MarkItem records that a job ingested an item.
func (s *Store) MarkItem(ctx context.Context, job, key, hash, articleID string) error {
	return s.fail("mark job item", s.write(ctx, `MERGE (j:JobItem {job: $job, key: $key}) SET j.hash = $hash, j.article = $article`,
		map[string]any{"job": job, "key": key, "hash": hash, "article": articleID}))
}

// RecordRun stores the outcome of a job run.
func (s *Store) RecordRun(ctx context.Context, run graph.JobRun) error {
	b, err := json.Marshal(run)
	if err != nil {
		return err
	}
	return s.fail("record job run", s.write(ctx, `
		MERGE (s:DipgraphSequence {name: 'job_run'}) SET s.value = coalesce(s.value, 0) + 1
		CREATE (:JobRun {job: $job, seq: s.value, started: $started, run: $run})`,
		map[string]any{"job": run.Job, "started": run.Started.UTC().Format("2006-01-02T15:04:05.000Z07:00"), "run": string(b)}))
}

// Runs returns a job's latest runs, newest first.
func (s *Store) Runs(ctx context.Context, job string, limit int) ([]graph.JobRun, error) {
	recs, err := s.query(ctx, "read job runs", `MATCH (r:JobRun {job: $job}) RETURN r.run AS run ORDER BY r.seq DESC LIMIT $limit`,
		map[string]any{"job": job, "limit": graph.ClampLimit(limit)})
	if err != nil {
		return nil, err
	}
	out := []graph.JobRun{}
	for _, r := range recs {
		var run graph.JobRun
		if err := json.Unmarshal([]byte(str(r, "run")), &run); err != nil {
			return nil, graph.Wrap(graph.EINTERNAL, err, "stored job run is not valid JSON")
		}
		out = append(out, run)
	}
	return out, nil
}
