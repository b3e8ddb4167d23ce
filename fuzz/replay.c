/*
 * replay.c: runs a libFuzzer harness over its corpus without libFuzzer,
 * so that make check replays every corpus with the compiler it has (and,
 * in the sanitized build, under AddressSanitizer and UBSan):
 *
 *   build/replay/NAME FILE|DIR...
 *
 * Each file is one input (a directory: each regular file in it, in name
 * order). A harness aborts on what it finds, so a bad input ends the run
 * with the sanitizer's or the harness's report; at the end the count of
 * inputs replayed is printed. Exit status 0, or 2 for a file that cannot
 * be read. fuzz/run runs the same harnesses under libFuzzer.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int replay_file(const char *path, size_t *count)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		perror(path);
		return -1;
	}
	size_t cap = 1 << 16, n = 0;
	uint8_t *data = malloc(cap);
	size_t got;
	while ((got = fread(data + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap)
			data = realloc(data, cap *= 2);
	}
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		perror(path);
		free(data);
		return -1;
	}
	/* The exact size, so reads past the input are caught. */
	uint8_t *exact = malloc(n ? n : 1);
	memcpy(exact, data, n);
	free(data);
	LLVMFuzzerTestOneInput(exact, n);
	free(exact);
	(*count)++;
	return 0;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

int main(int argc, char **argv)
{
	size_t count = 0;
	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) != 0) {
			perror(argv[i]);
			return 2;
		}
		if (!S_ISDIR(st.st_mode)) {
			if (replay_file(argv[i], &count) != 0)
				return 2;
			continue;
		}
		struct dirent **names;
		int n = scandir(argv[i], &names, NULL, by_name);
		if (n < 0) {
			perror(argv[i]);
			return 2;
		}
		for (int k = 0; k < n; k++) {
			char path[4096];
			snprintf(path, sizeof path, "%s/%s", argv[i], names[k]->d_name);
			if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && replay_file(path, &count) != 0)
				return 2;
			free(names[k]);
		}
		free(names);
	}
	printf("%zu inputs replayed\n", count);
	return 0;
}
