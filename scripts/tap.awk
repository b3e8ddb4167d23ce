# scripts/tap.awk: the verdict on one test program, from what it left
# behind; scripts/check runs it once per program. Input files, named by
# variables and given in this order:
#   tap    the program's standard output: TAP (cmocka, node --test, python)
#   err    its standard error
#   san    the sanitizer logs of it and of every process it started
#   left   the processes it left running, "PID: command" per line
# and the variables status (its exit status as the shell saw it), sig (the
# signal's name when it was killed by one), timeout (the limit in seconds
# when it ran out of time, else 0), ci (1 under CI=true) and excerpt (a
# file for the lines worth showing when it failed).
#
# Prints, tab-separated, one item per line:
#   counts  PASSED FAILED SKIPPED
#   problem TEXT                  what went wrong with the program as a whole
#   fail    NAME                  a test that failed
#   skip    KIND NAME REASON      KIND: missing (data or a tool), other, none
#
# Only unindented lines count: node indents the results of nested subtests,
# so node is counted by its top-level tests against its top-level plan.
# cmocka prints one plan per group; the plans add up. Each planned result
# that never came counts as a failed test. cmocka reports a group set-up
# or tear-down that failed as "not ok 0" and may still exit 0: that is a
# failure of the program. cmocka's skip line ("not ok 2 # SKIP name")
# carries no reason: the reason is the "# SKIP reason" comment the test
# printed just before it (tests/support/skip.h). node's carries it
# ("ok 2 - name # SKIP reason").

BEGIN {
	FS = "\n"
	status += 0; timeout += 0; ci += 0
	nplans = planned = nres = passed = failed = skipped = 0
	nchunk = capture = nerr = nsan = nleft = 0
	pending = sanfirst = sansummary = lefts = ""
	printf "" >excerpt
}

FILENAME == tap { tap_line($0); next }
FILENAME == err || FILENAME == san { err_line($0); next }
FILENAME == left && $0 != "" { nleft++; lefts = lefts (nleft > 1 ? "; " : "") $0; next }

function problem(text) {
	nproblems++
	printf "problem\t%s\n", text
}

function show(line) {
	print "    | " line >excerpt
}

# A failed test's TAP: what it printed before its result (the last lines),
# the result, and (capture) the diagnostics that follow it.
function show_failure(line,    i) {
	for (i = (nchunk > 10 ? nchunk - 9 : 1); i <= nchunk; i++)
		show(chunk[i])
	show(line)
	capture = 25
}

function tap_line(line,    ok, rest, num, u, p, directive, desc, name, why, kind) {
	if (line ~ /^1\.\.[0-9]+/) {
		nplans++
		planned += substr(line, 4) + 0
		return
	}
	if (line !~ /^(not )?ok( |$)/) {
		if (line ~ /^# SKIP /)
			pending = substr(line, 8)
		chunk[++nchunk] = line
		if (capture > 0) {
			show(line)
			capture--
		}
		return
	}
	capture = 0
	ok = line !~ /^not /
	rest = line
	sub(/^(not )?ok */, "", rest)
	num = ""
	if (match(rest, /^[0-9]+/)) {
		num = substr(rest, 1, RLENGTH)
		rest = substr(rest, RLENGTH + 1)
	}
	u = toupper(rest)
	p = index(u, "# SKIP")
	if (p == 0)
		p = index(u, "# TODO")
	directive = ""
	if (p > 0) {
		directive = substr(rest, p + 2)
		rest = substr(rest, 1, p - 1)
	}
	desc = rest
	sub(/^ *-? */, "", desc)
	sub(/ +$/, "", desc)

	if (num == "0") {
		gsub(/  +/, " ", desc)
		problem("a group's set-up or tear-down failed: " desc)
		show_failure(line)
	} else {
		nres++
		if (directive == "" && ok) {
			passed++
		} else if (directive == "") {
			failed++
			printf "fail\t%s\n", desc
			show_failure(line)
		} else if (toupper(substr(directive, 1, 4)) == "TODO") {
			if (ok)
				passed++
			else {
				skipped++
				printf "skip\tother\t%s\t%s\n", desc, directive
			}
		} else {
			why = substr(directive, 5)
			sub(/^[ :]*/, "", why)
			if (desc == "") { # cmocka: the name follows SKIP
				name = why
				why = pending
			} else {
				name = desc
				if (why == "")
					why = pending
			}
			kind = why == "" ? "none" : tolower(why) ~ /^missing/ ? "missing" : "other"
			if (ci && kind != "other") {
				failed++
				printf "fail\t%s (skipped under CI=true: %s)\n", name,
					why == "" ? "no reason given" : why
				show_failure(line)
			} else {
				skipped++
				printf "skip\t%s\t%s\t%s\n", kind, name, why
			}
		}
	}
	pending = ""
	nchunk = 0
}

# Standard error and sanitizer logs: the first sanitizer report is kept
# up to its SUMMARY line (at most 40 lines), and the first 25 and last 10
# lines (cmocka's fail_msg goes to stderr, first failure first).
function err_line(line) {
	if (sanfirst == "" && line ~ /(ERROR|WARNING): [A-Za-z]+Sanitizer|runtime error:/) {
		sanfirst = line
		sub(/^==[0-9]+==/, "", sanfirst)
		sub(/^(ERROR|WARNING): /, "", sanfirst)
		sub(/ on (unknown )?address .*/, "", sanfirst)
	}
	if (sanfirst != "" && sansummary == "" && nsan < 40)
		sanlines[++nsan] = line
	if (sansummary == "" && line ~ /^SUMMARY: [A-Za-z]+Sanitizer/) {
		sansummary = line
		sub(/^SUMMARY: [A-Za-z]+Sanitizer: /, "", sansummary)
	}
	nerr++
	if (nerr <= 25)
		errhead[nerr] = line
	errtail[nerr % 10] = line
}

END {
	missing = 0
	if (nplans == 0 && nres == 0)
		problem("no TAP: no plan (1..N) and no result")
	else if (nplans == 0)
		problem(sprintf("no plan (1..N) with its %d results", nres))
	else if (nres < planned) {
		missing = planned - nres
		problem(sprintf("%d of %d planned results missing (it stopped after %d)",
				missing, planned, nres))
	} else if (nres > planned)
		problem(sprintf("%d results for a plan of %d", nres, planned))
	if (timeout > 0)
		problem(sprintf("ran out of time (%d s) and was stopped", timeout))
	else if (sig != "")
		problem("killed by SIG" sig)
	else if (status != 0 && failed == 0 && missing == 0)
		problem(sprintf("exited with status %d though no test failed", status))
	if (sanfirst != "")
		problem("sanitizer: " sanfirst (sansummary != "" && sanfirst !~ /runtime error:/ ? " (" sansummary ")" : ""))
	if (nleft > 0)
		problem(sprintf("left %d process%s running (the runner stopped them): %s",
				nleft, nleft > 1 ? "es" : "", lefts))

	failed += missing
	if (failed == 0 && nproblems > 0)
		failed = 1
	printf "counts\t%d\t%d\t%d\n", passed, failed, skipped

	if (missing > 0 && nchunk > 0) {
		print "  the end of its TAP, after the last result:" >excerpt
		for (i = (nchunk > 15 ? nchunk - 14 : 1); i <= nchunk; i++)
			show(chunk[i])
	}
	if (failed > 0 && nsan > 0) {
		print "  the sanitizer's report:" >excerpt
		for (i = 1; i <= nsan; i++)
			show(sanlines[i])
	} else if (failed > 0 && nerr > 0) {
		print "  its standard error:" >excerpt
		for (i = 1; i <= nerr && i <= 25; i++)
			show(errhead[i])
		if (nerr > 35)
			show(sprintf("... (%d lines)", nerr - 35))
		for (i = (nerr > 35 ? nerr - 9 : 26); i <= nerr; i++)
			show(errtail[i % 10])
	}
}
