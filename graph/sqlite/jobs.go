package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"

	"github.com/dipgraph/dipgraph/graph"
)

// SeenItem returns the hash recorded for a job's item key.
func (s *Store) SeenItem(ctx context.Context, job, key string) (string, bool, error) {
	var hash string
	err := s.r.QueryRowContext(ctx, `SELECT hash FROM job_items WHERE job = ? AND key = ?`, job, key).Scan(&hash)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, s.fail("read job item", err)
	}
	return hash, true, nil
}

// MarkItem records that a job ingested an item.
func (s *Store) MarkItem(ctx context.Context, job, key, hash, articleID string) error {
	_, err := s.w.ExecContext(ctx, `INSERT INTO job_items (job, key, hash, article_id) VALUES (?, ?, ?, ?)
		ON CONFLICT (job, key) DO UPDATE SET hash = excluded.hash, article_id = excluded.article_id`, job, key, hash, articleID)
	return s.failIf("mark job item", err)
}

// RecordRun stores the outcome of a job run.
func (s *Store) RecordRun(ctx context.Context, run graph.JobRun) error {
	b, err := json.Marshal(run)
	if err != nil {
		return err
	}
	_, err = s.w.ExecContext(ctx, `INSERT INTO job_runs (job, run) VALUES (?, ?)`, run.Job, string(b))
	return s.failIf("record job run", err)
}

// Runs returns a job's latest runs, newest first.
func (s *Store) Runs(ctx context.Context, job string, limit int) ([]graph.JobRun, error) {
	rows, err := s.r.QueryContext(ctx, `SELECT run FROM job_runs WHERE job = ? ORDER BY seq DESC LIMIT ?`, job, graph.ClampLimit(limit))
	if err != nil {
		return nil, s.fail("read job runs", err)
	}
	defer rows.Close()
	out := []graph.JobRun{}
	for rows.Next() {
		var js string
		if err := rows.Scan(&js); err != nil {
			return nil, s.fail("read job runs", err)
		}
		var r graph.JobRun
		if err := json.Unmarshal([]byte(js), &r); err != nil {
			return nil, graph.Wrap(graph.EINTERNAL, err, "stored job run is not valid JSON")
		}
		out = append(out, r)
	}
	return out, s.failIf("read job runs", rows.Err())
}
