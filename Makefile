# The two commands a newcomer needs are in the README: `go run ./cmd/athar demo`
# and `go test ./...`. These targets are shortcuts for the same.
.PHONY: demo test race ci build bench

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
