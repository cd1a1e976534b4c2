package migrations

import (
	"embed"
	"io/fs"
)

//go:embed sqlite/*.sql
var sqliteFiles embed.FS

// SQLite returns the embedded store's migrations, V<version>__<name>.sql.
func SQLite() fs.FS {
	sub, err := fs.Sub(sqliteFiles, "sqlite")
	if err != nil {
		panic(err) // the directory is embedded above: cannot be missing
	}
	return sub
}
