-- The embedded store's graph: the same nodes and edges as the Neo4j model,
-- as tables. reports and attendance hold what each article said; meetings,
-- people and their keys are the merged view the Planner maintains.
CREATE TABLE articles (
  seq       INTEGER PRIMARY KEY AUTOINCREMENT, -- ingest order, for Documents and export
  id        TEXT NOT NULL UNIQUE,
  url       TEXT NOT NULL DEFAULT '',
  title     TEXT NOT NULL DEFAULT '',
  published TEXT NOT NULL DEFAULT '',
  source    TEXT NOT NULL DEFAULT '',
  sha256    TEXT NOT NULL,
  document  TEXT NOT NULL                    -- the graph.Document as JSON
);
CREATE INDEX articles_sha256 ON articles (sha256);

CREATE TABLE people (
  id      TEXT PRIMARY KEY,
  name    TEXT NOT NULL,
  aliases TEXT NOT NULL,          -- JSON array, sorted
  folded  TEXT NOT NULL,          -- '|' + folded aliases joined by '|' + '|', for substring search
  country TEXT NOT NULL DEFAULT '',
  role    TEXT NOT NULL DEFAULT '',
  roles   TEXT NOT NULL DEFAULT '[]' -- JSON array of every role seen
);
CREATE INDEX people_name ON people (name, id);

CREATE TABLE person_keys (
  key       TEXT NOT NULL,
  person_id TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  PRIMARY KEY (key, person_id)
) WITHOUT ROWID;
CREATE INDEX person_keys_person ON person_keys (person_id);

CREATE TABLE meetings (
  id             TEXT PRIMARY KEY,
  name           TEXT NOT NULL DEFAULT '',
  kind           TEXT NOT NULL,
  status         TEXT NOT NULL,
  date           TEXT NOT NULL DEFAULT '',
  date_precision TEXT NOT NULL DEFAULT '',
  date_lo        TEXT NOT NULL DEFAULT '', -- first day the date can mean, '' when undated
  date_hi        TEXT NOT NULL DEFAULT '', -- last day
  location       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX meetings_order ON meetings (date = '', date, id);

CREATE TABLE reports (
  article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  idx        INTEGER NOT NULL,
  meeting_id TEXT NOT NULL REFERENCES meetings (id),
  date       TEXT NOT NULL DEFAULT '',
  location   TEXT NOT NULL DEFAULT '',
  evidence   TEXT NOT NULL, -- JSON array of graph.Evidence
  confidence REAL NOT NULL,
  PRIMARY KEY (article_id, idx)
);
CREATE INDEX reports_meeting ON reports (meeting_id);

CREATE TABLE attendance (
  article_id TEXT NOT NULL,
  idx        INTEGER NOT NULL,
  meeting_id TEXT NOT NULL REFERENCES meetings (id),
  person_id  TEXT NOT NULL REFERENCES people (id),
  name       TEXT NOT NULL, -- the spelling this article used
  role       TEXT NOT NULL DEFAULT '',
  country    TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (article_id, idx, person_id),
  FOREIGN KEY (article_id, idx) REFERENCES reports (article_id, idx) ON DELETE CASCADE
);
CREATE INDEX attendance_person ON attendance (person_id, meeting_id);
CREATE INDEX attendance_meeting ON attendance (meeting_id, person_id);

CREATE TABLE job_items (
  job        TEXT NOT NULL,
  key        TEXT NOT NULL,
  hash       TEXT NOT NULL,
  article_id TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (job, key)
) WITHOUT ROWID;

CREATE TABLE job_runs (
  seq     INTEGER PRIMARY KEY AUTOINCREMENT,
  job     TEXT NOT NULL,
  run     TEXT NOT NULL -- graph.JobRun as JSON
);
CREATE INDEX job_runs_job ON job_runs (job, seq);
