// Package migrations holds the versioned schema of every store, embedded in
// the binary: Cypher files for Neo4j in neo4j/ and SQL files for the
// embedded store in sqlite/. Files are named V<version>__<name>.<ext>
// (V0001__constraints.cypher) so the Neo4j community's neo4j-migrations
// tool can read the same folder. A store applies the files it has not yet
// applied, in version order, records each with its checksum, and refuses to
// start when an applied file has since been edited.
package migrations
