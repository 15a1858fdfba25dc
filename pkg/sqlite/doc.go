// Package sqlite is guildhall's store: it implements the domain services on
// an embedded SQLite database (modernc.org/sqlite, pure Go).
//
// Each noun has its own file. The schema lives in numbered files under
// migrations/, embedded in the binary, applied in order on Open and recorded
// with a checksum in schema_migrations; a landed migration is never edited.
package sqlite
