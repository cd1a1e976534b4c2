package neo4j

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	driver "github.com/neo4j/neo4j-go-driver/v5/neo4j"

	"github.com/dipgraph/dipgraph/graph"
)

// Migrations.
//
// Files are V<version>__<name>.cypher, the naming of the community tool
// neo4j-migrations, which can read the same folder. Each applied file is
// recorded as a (:__Neo4jMigration {version, description, checksum,
// installedOn}) node; a file whose checksum no longer matches its record is
// refused. Two processes starting at once take turns through a lock node
// that a unique constraint makes exclusive. Schema statements run each in
// their own transaction (Neo4j does not mix schema and data writes), so
// every statement is written to be idempotent (IF NOT EXISTS).

var migrationName = regexp.MustCompile(`^V(\d+)__(\w+)\.cypher$`)

type migration struct {
	version         int
	file, desc, sum string
	statements      []string
}

func readMigrations(dir fs.FS) ([]migration, error) {
	names, err := fs.Glob(dir, "*.cypher")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, n := range names {
		m := migrationName.FindStringSubmatch(n)
		if m == nil {
			return nil, fmt.Errorf("migration %s: name is not V<version>__<name>.cypher", n)
		}
		b, err := fs.ReadFile(dir, n)
		if err != nil {
			return nil, fmt.Errorf("migration %s: %w", n, err)
		}
		v, _ := strconv.Atoi(m[1])
		sum := sha256.Sum256(b)
		out = append(out, migration{version: v, file: n, desc: strings.ReplaceAll(m[2], "_", " "),
			sum: hex.EncodeToString(sum[:]), statements: splitStatements(string(b))})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	return out, nil
}

// splitStatements cuts a file at ";" ending a line, dropping "//" comment lines.
func splitStatements(src string) []string {
	var out []string
	var cur strings.Builder
	for _, line := range strings.Split(src, "\n") {
		t := strings.TrimSpace(line)
		if t == "" || strings.HasPrefix(t, "//") {
			continue
		}
		cur.WriteString(line)
		cur.WriteByte('\n')
		if strings.HasSuffix(t, ";") {
			out = append(out, strings.TrimSuffix(strings.TrimSpace(cur.String()), ";"))
			cur.Reset()
		}
	}
	if strings.TrimSpace(cur.String()) != "" {
		out = append(out, strings.TrimSpace(cur.String()))
	}
	return out
}

func (s *Store) write(ctx context.Context, cypher string, params map[string]any) error {
	_, err := driver.ExecuteQuery(ctx, s.drv, cypher, params, driver.EagerResultTransformer, driver.ExecuteQueryWithDatabase(s.cfg.Database))
	return err
}

// migrate applies pending migrations and returns the files it applied.
func (s *Store) migrate(ctx context.Context, dir fs.FS) ([]string, error) {
	files, err := readMigrations(dir)
	if err != nil {
		return nil, err
	}
	// The lock's own constraint: idempotent, and harmless when two
	// processes race to create it (the loser sees it exists and retries).
	const lockConstraint = `CREATE CONSTRAINT dipgraph_migration_lock IF NOT EXISTS FOR (l:__Neo4jMigrationLock) REQUIRE l.id IS UNIQUE`
	for try := 0; ; try++ {
		if err := s.write(ctx, lockConstraint, nil); err == nil {
			break
		} else if try == 5 {
			return nil, s.fail("create migration lock constraint", err)
		}
		time.Sleep(200 * time.Millisecond)
	}
	if err := s.lock(ctx); err != nil {
		return nil, err
	}
	defer s.write(context.WithoutCancel(ctx), `MATCH (l:__Neo4jMigrationLock {id: 'dipgraph'}) DELETE l`, nil)

	recs, err := s.query(ctx, "read migrations", `MATCH (m:__Neo4jMigration) RETURN m.version AS version, m.checksum AS checksum`, nil)
	if err != nil {
		return nil, err
	}
	done := map[int]string{}
	for _, r := range recs {
		v, _ := r.Get("version")
		n, _ := v.(int64)
		done[int(n)] = str(r, "checksum")
	}
	var applied []string
	for _, m := range files {
		if sum, ok := done[m.version]; ok {
			if sum != m.sum {
				return applied, graph.Errorf(graph.EINVALID, "migration %s was applied with checksum %s but the file now has %s: applied migrations must not be edited; add a new one", m.file, sum[:12], m.sum[:12])
			}
			continue
		}
		for _, st := range m.statements {
			if err := s.write(ctx, st, nil); err != nil {
				return applied, s.fail("migration "+m.file, err)
			}
		}
		if err := s.write(ctx, `CREATE (:__Neo4jMigration {version: $version, description: $desc, file: $file, checksum: $sum, installedOn: datetime()})`,
			map[string]any{"version": m.version, "desc": m.desc, "file": m.file, "sum": m.sum}); err != nil {
			return applied, s.fail("record migration "+m.file, err)
		}
		applied = append(applied, m.file)
	}
	return applied, nil
}

// lock waits for the migration lock node; a lock older than two minutes is
// taken to be left by a crashed process and broken.
func (s *Store) lock(ctx context.Context) error {
	for {
		err := s.write(ctx, `CREATE (:__Neo4jMigrationLock {id: 'dipgraph', at: datetime()})`, nil)
		if err == nil {
			return nil
		}
		if !isConstraintViolation(err) {
			return s.fail("take migration lock", err)
		}
		_ = s.write(ctx, `MATCH (l:__Neo4jMigrationLock {id: 'dipgraph'}) WHERE l.at < datetime() - duration('PT2M') DELETE l`, nil)
		select {
		case <-ctx.Done():
			return fmt.Errorf("wait for the migration lock: %w", ctx.Err())
		case <-time.After(100 * time.Millisecond):
		}
	}
}

func isConstraintViolation(err error) bool {
	var ne *driver.Neo4jError
	return errors.As(err, &ne) && strings.Contains(ne.Code, "ConstraintValidationFailed")
}

// Migrations lists the applied migration files, oldest first.
func (s *Store) Migrations(ctx context.Context) ([]string, error) {
	recs, err := s.query(ctx, "read migrations", `MATCH (m:__Neo4jMigration) RETURN m.file AS file ORDER BY m.version`, nil)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, r := range recs {
		out = append(out, str(r, "file"))
	}
	return out, nil
}
