package migrations

import (
	"embed"
	"io/fs"
)

//go:embed neo4j/*.cypher
var neo4jFiles embed.FS

// Neo4j returns the Neo4j migrations, V<version>__<name>.cypher: statements
// separated by ";" at the end of a line, "//" comments.
func Neo4j() fs.FS {
	sub, err := fs.Sub(neo4jFiles, "neo4j")
	if err != nil {
		panic(err) // the directory is embedded above: cannot be missing
	}
	return sub
}
