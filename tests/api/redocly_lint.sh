#!/bin/sh
# redocly_lint.sh: docs/openapi.yaml checked by someone else: Redocly's
# OpenAPI linter (@redocly/cli, its recommended rules), pinned in
# tests/api/package-lock.json and installed by scripts/deps check. A
# warning is a failure, as an error is. Prints TAP. Run from the top of
# the source tree.
cli=tests/api/node_modules/.bin/redocly
if [ ! -x "$cli" ]; then
	echo "ok 1 - redocly lint docs/openapi.yaml # SKIP missing: @redocly/cli (scripts/deps check installs it)"
	echo "1..1"
	exit 0
fi
out=$(REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true "$cli" lint docs/openapi.yaml --format=stylish 2>&1)
rc=$?
if [ "$rc" -eq 0 ] && ! printf '%s\n' "$out" | grep -Eq '^ +[0-9]+:[0-9]+ +(error|warning) '; then
	echo "ok 1 - redocly lint docs/openapi.yaml"
else
	echo "not ok 1 - redocly lint docs/openapi.yaml"
	printf '%s\n' "$out" | sed 's/^/# /'
fi
echo "1..1"
