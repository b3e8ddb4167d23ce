#!/bin/sh
# tests/runner/check_test.sh: the test of scripts/check itself, run by it
# as the first suite. Builds fixture.c with AddressSanitizer and UBSan and
# runs it, under names that choose how it goes wrong (see fixture.c), and
# fixture.mjs under node --test, each through `scripts/check --program`.
# For each it checks the verdict: the exit status, the final line
# "N passed, N failed, N skipped", and lines naming the program and the
# reason. Then it interrupts the runner during a test and checks that the
# test's process is gone. Prints TAP.
set -u
cd "$(dirname "$0")/../.." || exit 1
tmp=$(mktemp -d /tmp/samskab-runner-test-XXXXXX)
runner=
trap '[ -z "$runner" ] || kill "$runner" 2>/dev/null; rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM HUP

# The fixtures' own sanitizer settings, whatever the caller's: leaks
# detected, and UBSan going on after a report (the runner must still see it).
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=0

# shellcheck disable=SC2046
if ! cc -std=c17 -D_GNU_SOURCE -g -O0 -fsanitize=address,undefined -fno-omit-frame-pointer \
	-Itests $(pkg-config --cflags cmocka) -o "$tmp/fixture" tests/runner/fixture.c \
	tests/support/skip.c $(pkg-config --libs cmocka) 2>"$tmp/cc.err"; then
	echo "not ok 1 - the fixture builds"
	sed 's/^/# /' "$tmp/cc.err"
	echo "1..1"
	exit 1
fi
for name in clean leaky killed silent_exit bad_status short_plan no_plan use_after_free \
	overflow teardown skip_missing skip_other orphan hang; do
	ln -s fixture "$tmp/$name"
done

n=0
failed=0
# verdict NAME STATUS "FINAL LINE" [PATTERN...] -- COMMAND...: runs
# scripts/check --program --name NAME COMMAND (without CI unless the
# command sets it) and checks its exit status, its final line, and that
# each extended regular expression matches a line of its output.
verdict() {
	name=$1 want_status=$2 want_final=$3
	shift 3
	patterns=
	while [ "$1" != -- ]; do
		patterns="$patterns$1
"
		shift
	done
	shift
	n=$((n + 1))
	out=$(env -u CI "$@" 2>&1)
	status=$?
	final=$(printf '%s\n' "$out" | tail -n 1)
	bad=
	[ "$status" -eq "$want_status" ] || bad="exit status $status, not $want_status"
	[ "$final" = "$want_final" ] || bad="$bad${bad:+; }final line '$final'"
	while IFS= read -r p; do
		[ -z "$p" ] || printf '%s\n' "$out" | grep -qE -- "$p" ||
			bad="$bad${bad:+; }no line matching '$p'"
	done <<EOF
$patterns
EOF
	if [ -z "$bad" ]; then
		echo "ok $n - $name: $want_final"
	else
		failed=$((failed + 1))
		echo "not ok $n - $name: $bad"
		printf '%s\n' "$out" | sed 's/^/#   /'
	fi
}

# gone PID: 0 once the process has ended (a zombie has), within 10 s.
gone() {
	i=0
	while [ $i -lt 100 ]; do
		grep -q '^State:.*Z' "/proc/$1/status" 2>/dev/null || ! kill -0 "$1" 2>/dev/null && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# check NAME STATUS "FINAL LINE" [PATTERN...]: the fixture called NAME.
check() {
	name=$1 st=$2 final=$3
	shift 3
	verdict "$name" "$st" "$final" "$@" -- scripts/check --program "$tmp/$name"
}

check clean 0 "3 passed, 0 failed, 0 skipped"
check leaky 1 "3 passed, 1 failed, 0 skipped" \
	"^FAILED  program leaky: .*LeakSanitizer: detected memory leaks.*64 byte" \
	"exited with status [0-9]+ though no test failed"
check killed 1 "1 passed, 2 failed, 0 skipped" \
	"^FAILED  program killed: 2 of 3 planned results missing .*killed by SIGKILL"
check silent_exit 1 "1 passed, 2 failed, 0 skipped" \
	"^FAILED  program silent_exit: 2 of 3 planned results missing"
check bad_status 1 "3 passed, 1 failed, 0 skipped" \
	"^FAILED  program bad_status: exited with status 1 though no test failed"
check short_plan 1 "2 passed, 1 failed, 0 skipped" \
	"^FAILED  program short_plan: 1 of 3 planned results missing"
check no_plan 1 "0 passed, 1 failed, 0 skipped" \
	"^FAILED  program no_plan: no TAP"
check use_after_free 1 "1 passed, 2 failed, 0 skipped" \
	"^FAILED  program use_after_free: 2 of 3 planned results missing.*AddressSanitizer: heap-use-after-free" \
	"WRITE of size 1"
check overflow 1 "3 passed, 1 failed, 0 skipped" \
	"^FAILED  program overflow: sanitizer: .*fixture.c:[0-9]+:[0-9]+: runtime error: signed integer overflow"
check teardown 1 "3 passed, 1 failed, 0 skipped" \
	"^FAILED  program teardown: a group's set-up or tear-down failed"
check skip_missing 0 "2 passed, 0 failed, 1 skipped" \
	"^skipped program skip_missing: second: missing: the fixture's data"
verdict "skip_missing under CI=true" 1 "2 passed, 1 failed, 0 skipped" \
	"^FAILED  program skip_missing: not ok: second \(skipped under CI=true: missing: the fixture's data\)" \
	-- env CI=true scripts/check --program "$tmp/skip_missing"
verdict "skip_other under CI=true" 0 "2 passed, 0 failed, 1 skipped" \
	"^skipped program skip_other: second: not applicable: the fixture's engine" \
	-- env CI=true scripts/check --program "$tmp/skip_other"
verdict orphan 1 "3 passed, 1 failed, 0 skipped" \
	"^FAILED  program orphan: left 1 process running \(the runner stopped them\): [0-9]+: sleep 300" \
	-- env FIXTURE_PIDFILE="$tmp/orphan.pid" scripts/check --program "$tmp/orphan"
n=$((n + 1))
if [ -s "$tmp/orphan.pid" ] && gone "$(cat "$tmp/orphan.pid")"; then
	echo "ok $n - orphan: the process it left is gone"
else
	failed=$((failed + 1))
	echo "not ok $n - orphan: the process it left ($(cat "$tmp/orphan.pid" 2>/dev/null)) still runs"
fi
verdict "hang with SAMSKAB_TEST_TIMEOUT=2" 1 "1 passed, 2 failed, 0 skipped" \
	"^FAILED  program hang: 2 of 3 planned results missing.*ran out of time \(2 s\)" \
	-- env SAMSKAB_TEST_TIMEOUT=2 scripts/check --program "$tmp/hang"
verdict "node --test" 1 "2 passed, 1 failed, 1 skipped" \
	"^FAILED  program fixture.mjs: not ok: a suite" \
	"^skipped program fixture.mjs: skips: missing: the fixture's browser" \
	-- scripts/check --program --name fixture.mjs node --test --test-reporter=tap tests/runner/fixture.mjs
verdict "node --test, exit 3 in a test" 1 "0 passed, 1 failed, 0 skipped" \
	"^FAILED  program fixture.mjs: not ok: .*fixture.mjs" \
	-- env FIXTURE_MODE=exit scripts/check --program --name fixture.mjs \
	node --test --test-reporter=tap tests/runner/fixture.mjs

# Interrupted (SIGTERM; Ctrl-C takes the same way) while a test runs, the
# runner stops it.
n=$((n + 1))
FIXTURE_PIDFILE=$tmp/hang.pid scripts/check --program "$tmp/hang" >"$tmp/interrupted.out" 2>&1 &
runner=$!
i=0
while [ ! -s "$tmp/hang.pid" ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
kill -TERM "$runner"
wait "$runner"
runner=
pid=$(cat "$tmp/hang.pid" 2>/dev/null)
if [ -n "$pid" ] && gone "$pid"; then
	echo "ok $n - interrupted, the runner stops the test it runs"
else
	failed=$((failed + 1))
	echo "not ok $n - interrupted, the runner left the test running (pid ${pid:-unknown})"
	[ -z "$pid" ] || kill -KILL "$pid" 2>/dev/null
	sed 's/^/#   /' "$tmp/interrupted.out"
fi

echo "1..$n"
[ "$failed" -eq 0 ]
