# InvestDesk — the two commands that do all set-up: `make run` and `make test`.
.PHONY: setup run test lint bench bench-parts messages clean

setup:
	@scripts/setup

run: setup
	@scripts/run

test: setup
	@scripts/test

lint: setup
	.venv/bin/ruff check src tests bench
	.venv/bin/ruff format --check src tests bench
	.venv/bin/investdesk check --fail-level WARNING
	.venv/bin/investdesk makemigrations --check --dry-run

# Benchmarks that compare (bench/README.md): SCALE=tiny|small|province|x10, DB=sqlite|postgresql.
SCALE ?= tiny
DB ?= sqlite
bench: setup
	.venv/bin/python -m bench.compare --scale $(SCALE) --db $(DB)

# Each older benchmark module alone, in process.
bench-parts: setup
	.venv/bin/python -m bench

# Refresh the English catalogue after changing Vietnamese source strings.
messages: setup
	cd src/investdesk && ../../.venv/bin/investdesk makemessages -l en --no-obsolete --add-location file
	cd src/investdesk && ../../.venv/bin/investdesk makemessages -d djangojs -l en --no-obsolete --add-location file

clean:
	rm -rf .venv var/bootstrap
