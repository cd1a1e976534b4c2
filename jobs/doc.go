// Package jobs runs scheduled ingest jobs: it reads articles from a source
// (a folder, RSS/Atom feeds, web pages or JSON Lines on stdin), extracts the
// meetings they report and stores them in the graph, exactly once per item
// and content.
//
// # Config
//
// Jobs are described in a YAML file:
//
//	jobs:
//	  - name: wire-feeds              # unique; keys the job's state in the store
//	    source:
//	      type: feed                  # folder | feed | page | stdin
//	      urls: [https://example.org/world.rss, https://example.org/atom.xml]
//	    schedule: "*/15 * * * *"      # cron, 5 fields, or @hourly / @every 10m; omit to run by hand only
//	  - name: inbox
//	    source: {type: folder, path: /var/lib/dipgraph/inbox}
//	    schedule: "@every 5m"
//	  - name: one-page
//	    source: {type: page, url: https://example.org/2024/05/talks.html}
//	    store:                        # optional: another store than the command's
//	      neo4j_uri: bolt://127.0.0.1:7687
//	      neo4j_username: neo4j
//	      neo4j_password_env: OTHER_NEO4J_PASSWORD
//	      neo4j_database: ""
//	      data: ""                    # embedded store directory, when no neo4j_uri
//	  - name: piped
//	    source: {type: stdin}         # `dipgraph jobs run piped < articles.jsonl`; cannot be scheduled
//
// Unknown keys are errors; every problem is reported with the job and field.
//
// # Items and exactly-once
//
// A source emits items, each with a stable key — the article URL, else
// "id:"+its id, else for a .txt/.html/.json file "path:"+its relative path,
// else "sha256:"+the text hash — and a hash of its content. Before
// extracting, the runner asks graph.JobState.SeenItem(job, key): the same
// hash is skipped; a new key is extracted and stored; a known key with
// another hash is re-extracted and stored under the same article id (ids are
// the article's own, else derived from the key), so the store replaces the
// article's old facts. MarkItem records the item only after its batch is
// stored, so state lives in the store and a restart or second replica does
// not redo work.
//
// JobState also keeps two kinds of bookkeeping, under key prefixes that
// cannot clash with item keys:
//
//   - "http-cache:"+URL → "ETag|Last-Modified" of a feed or page, sent back
//     as If-None-Match / If-Modified-Since so a 304 skips the work;
//   - "file:"+relative path → "size|mtime-ns" of a folder file, so unchanged
//     files are not reopened.
//
// Both are recorded only when every item read from that file or feed
// succeeded, so a failure is retried next time.
//
// # Failures
//
// A source that cannot be read (timeout, HTTP error, malformed feed, a body
// over the size limit, a missing folder) or an item that cannot (a page with
// no article text, a bad JSON line, an extractor error) is logged with the
// job, source and item, counted as failed and not marked: it is retried on
// a later run. A failed feed or page URL is retried with backoff — not
// before a minute has passed, then two, four, ... up to six hours (Retry),
// counted as skipped meanwhile — and the backoff is kept in the store under
// "retry:"+URL. The rest of the run goes on. Only a store failure stops a run. Every run's counts — fetched,
// extracted, stored, skipped, failed, errors, duration — are recorded with
// graph.JobState.RecordRun.
//
// HTTP fetching is polite: one request at a time per host, a timeout, a
// dipgraph User-Agent and a 10 MB cap on bodies (see Fetcher).
package jobs
