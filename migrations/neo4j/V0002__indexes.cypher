// Lookups the store and the cookbook make often.
CREATE INDEX article_sha256 IF NOT EXISTS FOR (a:Article) ON (a.sha256);
CREATE INDEX article_seq IF NOT EXISTS FOR (a:Article) ON (a.seq);
CREATE INDEX meeting_date IF NOT EXISTS FOR (m:Meeting) ON (m.date);
CREATE INDEX person_name IF NOT EXISTS FOR (p:Person) ON (p.name);
CREATE INDEX job_run IF NOT EXISTS FOR (r:JobRun) ON (r.job, r.seq);
// Full-text search over every spelling, for analysts in Neo4j Browser:
// CALL db.index.fulltext.queryNodes('person_names', 'Sosan~') YIELD node, score
CREATE FULLTEXT INDEX person_names IF NOT EXISTS FOR (p:Person) ON EACH [p.name, p.aliasText];
