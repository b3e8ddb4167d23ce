# bench/lib.sh: shell helpers the benchmark scripts (bench/*/run) and the
# load test (tests/load/run) share; sourced after they cd to the
# repository's root.

# A free TCP port on 127.0.0.1: the kernel picks one, the server takes it.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# The median of the numbers on standard input, one a line (the lower
# middle one of an even count).
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

# What a program linked against build/libsamskab.a needs after it: the
# Makefile's PKGS, read from there so that a new dependency is not missed.
samskab_libs() {
	# shellcheck disable=SC2046
	echo "$(pkg-config --libs $(sed -n 's/^PKGS := //p' Makefile)) -lstemmer -lm -pthread"
}
