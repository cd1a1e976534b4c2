// Package deploy checks the deployment files at the repository root without
// a container engine: docker-compose.yml is loaded with compose-spec's own
// loader and its wiring asserted, and the Dockerfile is read to check it
// builds ./cmd/dipgraph. With NEO4J_LOCAL_SELFTEST=1 it also runs
// scripts/neo4j-local end to end (slow: it starts a second Neo4j).
package deploy
