/*
 * textmerge_test.c: the three-way merge of prose (src/core/textmerge.c):
 * changes in different paragraphs and in different sentences of one
 * paragraph merge without a conflict; the same sentence changed two ways
 * is a conflict with both versions; lines that look like libgit2's
 * conflict markers are text like any other; and on random edits nothing
 * either side wrote is lost.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/region.h"
#include "core/textmerge.h"

/* The merged text with every conflict resolved to one side (0 ours, 1
 * theirs, 2 both, ours first). */
static char *resolve(struct region *a, const struct textmerge *m, int side)
{
	size_t total = 1;
	for (size_t i = 0; i < m->n; i++)
		total += m->pieces[i].kind == TEXTMERGE_AGREED
				 ? strlen(m->pieces[i].text)
				 : strlen(m->pieces[i].ours) + strlen(m->pieces[i].theirs);
	char *out = region_alloc(a, total);
	out[0] = '\0';
	for (size_t i = 0; i < m->n; i++) {
		const struct textmerge_piece *p = &m->pieces[i];
		if (p->kind == TEXTMERGE_AGREED) {
			strcat(out, p->text);
			continue;
		}
		if (side != 1)
			strcat(out, p->ours);
		if (side != 0)
			strcat(out, p->theirs);
	}
	return out;
}

static void test_one_side_or_both_alike(void **state)
{
	(void)state;
	static const struct {
		const char *base, *ours, *theirs, *merged;
	} cases[] = {
		/* Only one side changed: its text. */
		{ "Et.\n\nTo.", "Et.\n\nTo.", "Et ændret.\n\nTo.", "Et ændret.\n\nTo." },
		{ "Et.\n\nTo.", "Et.\n\nTo og tre.", "Et.\n\nTo.", "Et.\n\nTo og tre." },
		/* Both made the same change. */
		{ "Et.\n\nTo.", "Et.\n\nTre.", "Et.\n\nTre.", "Et.\n\nTre." },
		/* Nothing anywhere. */
		{ "", "", "", "" },
		/* From a blank page, one side wrote. */
		{ "", "", "Første udkast.", "Første udkast." },
		/* Different paragraphs. */
		{ "A.\n\nB.\n\nC.", "A med mere.\n\nB.\n\nC.", "A.\n\nB.\n\nC med mere.",
		  "A med mere.\n\nB.\n\nC med mere." },
		/* Different sentences of one paragraph (not next to each other). */
		{ "Første sætning. Anden sætning. Tredje sætning.",
		  "Første sætning, ændret. Anden sætning. Tredje sætning.",
		  "Første sætning. Anden sætning. Tredje sætning, også ændret.",
		  "Første sætning, ændret. Anden sætning. Tredje sætning, også ændret." },
		/* A line ending is kept where the sides had one. */
		{ "A\n", "A\nB\n", "A\n", "A\nB\n" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct region *a = region_new();
		struct textmerge m;
		assert_int_equal(textmerge_run(a, cases[i].base, cases[i].ours, cases[i].theirs, &m), 0);
		if (m.conflicts != 0 || strcmp(m.text, cases[i].merged) != 0)
			fail_msg("case %zu: %zu conflicts, merged \"%s\", expected \"%s\"", i, m.conflicts,
				 m.text ? m.text : "(none)", cases[i].merged);
		region_free(a);
	}
}

static void test_same_sentence_two_ways_is_a_conflict(void **state)
{
	(void)state;
	struct region *a = region_new();
	struct textmerge m;
	const char *base = "Vi mødes i hallen. Der er kaffe kl. 16.\n\nAlle er velkomne.";
	const char *ours = "Vi mødes i hallen. Der er kaffe og kage kl. 16.\n\nAlle er velkomne.";
	const char *theirs = "Vi mødes i hallen. Der er te kl. 17.\n\nAlle er meget velkomne.";
	assert_int_equal(textmerge_run(a, base, ours, theirs, &m), 0);
	assert_int_equal(m.conflicts, 1);
	assert_null(m.text);
	size_t c = 0;
	while (m.pieces[c].kind != TEXTMERGE_CONFLICT)
		c++;
	/* The sentence both changed, each version whole; the rest agreed. */
	assert_string_equal(m.pieces[c].ours, "Der er kaffe og kage kl. 16.\n");
	assert_string_equal(m.pieces[c].theirs, "Der er te kl. 17.\n");
	assert_string_equal(m.pieces[0].text, "Vi mødes i hallen. ");
	assert_string_equal(resolve(a, &m, 1), "Vi mødes i hallen. Der er te kl. 17.\n\nAlle er meget velkomne.");
	assert_string_equal(resolve(a, &m, 0),
			    "Vi mødes i hallen. Der er kaffe og kage kl. 16.\n\nAlle er meget velkomne.");
	region_free(a);
}

static void test_both_write_on_a_blank_page(void **state)
{
	(void)state;
	struct region *a = region_new();
	struct textmerge m;
	assert_int_equal(textmerge_run(a, "", "Mit forslag.", "Dit forslag.", &m), 0);
	assert_int_equal(m.n, 1);
	assert_int_equal(m.conflicts, 1);
	assert_string_equal(m.pieces[0].ours, "Mit forslag.");
	assert_string_equal(m.pieces[0].theirs, "Dit forslag.");
	region_free(a);
}

static void test_marker_lookalikes_are_text(void **state)
{
	(void)state;
	struct region *a = region_new();
	struct textmerge m;
	/* Lines libgit2 would write as markers at its default size, and longer. */
	const char *base = "<<<<<<< ours\nA\n=======\nB\n>>>>>>> theirs\n=================\nslut";
	const char *ours = "<<<<<<< ours\nA2\n=======\nB\n>>>>>>> theirs\n=================\nslut";
	const char *theirs = "<<<<<<< ours\nA3\n=======\nB\n>>>>>>> theirs\n=================\nslut";
	assert_int_equal(textmerge_run(a, base, ours, theirs, &m), 0);
	assert_int_equal(m.conflicts, 1);
	assert_string_equal(resolve(a, &m, 0), ours);
	assert_string_equal(resolve(a, &m, 1), theirs);
	/* And merged cleanly, they come through unchanged. */
	const char *theirs2 = "<<<<<<< ours\nA\n=======\nB2\n>>>>>>> theirs\n=================\nslut";
	assert_int_equal(textmerge_run(a, base, ours, theirs2, &m), 0);
	assert_int_equal(m.conflicts, 0);
	assert_string_equal(m.text, "<<<<<<< ours\nA2\n=======\nB2\n>>>>>>> theirs\n=================\nslut");
	region_free(a);
}

static void test_unit_separator_is_dropped(void **state)
{
	(void)state;
	struct region *a = region_new();
	struct textmerge m;
	assert_int_equal(textmerge_run(a, "A.\x1f B.", "A.\x1f B.", "A. B. C.", &m), 0);
	assert_int_equal(m.conflicts, 0);
	assert_string_equal(m.text, "A. B. C.");
	region_free(a);
}

/* A small fixed generator, so failures repeat. */
static uint32_t next(uint32_t *seed)
{
	*seed = *seed * 1664525u + 1013904223u;
	return *seed >> 8;
}

static void test_random_paragraph_edits_lose_nothing(void **state)
{
	(void)state;
	enum { PARAS = 30, ROUNDS = 200 };
	uint32_t seed = 12;
	for (int round = 0; round < ROUNDS; round++) {
		struct region *a = region_new();
		char base[PARAS * 64] = "", ours[PARAS * 80] = "", theirs[PARAS * 80] = "", want[PARAS * 80] = "";
		int changed_both = 0;
		for (int p = 0; p < PARAS; p++) {
			char b[64], o[80], t[80];
			snprintf(b, sizeof b, "Afsnit %d: en sætning. Og en til.", p);
			unsigned roll = next(&seed) % 10;
			int mine = roll < 2, yours = roll >= 1 && roll < 4; /* roll 1: both */
			if (mine)
				snprintf(o, sizeof o, "Afsnit %d: ours %d sætning. Og en til.", p, round);
			else
				snprintf(o, sizeof o, "%s", b);
			if (yours)
				snprintf(t, sizeof t, "Afsnit %d: theirs %d sætning. Og en til.", p, round);
			else
				snprintf(t, sizeof t, "%s", b);
			changed_both += mine && yours;
			const char *sep = p ? "\n\n" : "";
			strcat(base, sep);
			strcat(base, b);
			strcat(ours, sep);
			strcat(ours, o);
			strcat(theirs, sep);
			strcat(theirs, t);
			strcat(want, sep);
			strcat(want, yours ? t : o);
		}
		struct textmerge m;
		assert_int_equal(textmerge_run(a, base, ours, theirs, &m), 0);
		/* A conflict per paragraph both changed; libgit2 joins two conflicts
		 * with only a blank line between into one. */
		assert_in_range(m.conflicts, changed_both > 0, changed_both);
		/* Every conflict resolved to theirs gives theirs where both changed
		 * and each side's own change elsewhere. */
		if (strcmp(resolve(a, &m, 1), want) != 0)
			fail_msg("round %d: merged\n%s\nexpected\n%s", round, resolve(a, &m, 1), want);
		/* Both sides kept in full where both changed: no word lost. */
		const char *both = resolve(a, &m, 2);
		for (int p = 0; p < PARAS; p++) {
			char o[40];
			snprintf(o, sizeof o, "Afsnit %d: ", p);
			if (strstr(both, o) == NULL)
				fail_msg("round %d: paragraph %d lost", round, p);
		}
		region_free(a);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_side_or_both_alike),
		cmocka_unit_test(test_same_sentence_two_ways_is_a_conflict),
		cmocka_unit_test(test_both_write_on_a_blank_page),
		cmocka_unit_test(test_marker_lookalikes_are_text),
		cmocka_unit_test(test_unit_separator_is_dropped),
		cmocka_unit_test(test_random_paragraph_edits_lose_nothing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
