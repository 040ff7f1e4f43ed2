# roibook's checks; .ci/run runs `make check` on a fresh machine.
.PHONY: check fmt vet lint test fuzz bench golden

FUZZTIME ?= 10s

check: fmt vet lint test

fmt:
	@test -z "$$(gofmt -l .)" || { gofmt -l .; echo "gofmt needed"; exit 1; }

vet:
	go vet ./...

lint:
	go tool staticcheck ./...

test:
	go test -race -count=1 ./...

# Each fuzz target for FUZZTIME, seeded from the fixtures.
FUZZPKGS = ./importers ./config ./reportgen/deck

fuzz:
	@for p in $(FUZZPKGS); do \
		for t in $$(go test $$p -list '^Fuzz' | grep '^Fuzz'); do \
			echo "fuzz $$p $$t"; go test $$p -run '^$$' -fuzz "^$$t$$" -fuzztime=$(FUZZTIME) -fuzzminimizetime=2s || exit 1; \
		done; \
	done

bench:
	go test -run '^$$' -bench . -benchmem ./...

# Rewrite goldens; read the diff before committing.
golden:
	go test ./importers/... ./reportgen/... ./cmd/... -update
