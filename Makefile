# The two commands a newcomer needs are in the README: `go run ./cmd/athar demo`
# and `go test ./...`. These targets are shortcuts for the same.
.PHONY: demo test race ci build bench fuzz

build:
	go build -o athar ./cmd/athar

demo:
	go run ./cmd/athar demo

test:
	go test ./...

race:
	go test -race ./...

ci:
	bash .ci/run

bench:
	go run ./cmd/athar-bench ingest --n 10000

# Every fuzz target for FUZZTIME (30s) each, minimization capped (scripts/fuzz.sh).
fuzz:
	scripts/fuzz.sh
