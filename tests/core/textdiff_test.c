/*
 * textdiff_test.c: the word-by-word difference (src/core/textdiff.c): a
 * changed word is shown as that word deleted and another inserted, the
 * rest kept; whole paragraphs added and removed; short words caught
 * between changes folded into them; unchanged paragraphs in blocks with
 * their line numbers; and on random edits the kept and inserted text
 * always give the new version, the kept and deleted text the old one.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/buf.h"
#include "core/region.h"
#include "core/textdiff.h"

/* The diff written as text: [-deleted-] {+inserted+}, unchanged blocks
 * as <N lines>. */
static char *show(const struct textdiff *d)
{
	struct buf b = BUF_INIT(1 << 20);
	for (size_t i = 0; i < d->n; i++) {
		const struct textdiff_block *k = &d->blocks[i];
		if (!k->changed) {
			buf_printf(&b, "<%zu@%zu>", k->lines, k->line);
			continue;
		}
		for (size_t s = 0; s < k->nspans; s++) {
			const struct textdiff_span *sp = &k->spans[s];
			const char *open = sp->op == TEXTDIFF_DEL ? "[-" : sp->op == TEXTDIFF_INS ? "{+" : "";
			const char *close = sp->op == TEXTDIFF_DEL ? "-]" : sp->op == TEXTDIFF_INS ? "+}" : "";
			buf_printf(&b, "%s%.*s%s", open, (int)sp->n, sp->p, close);
		}
	}
	return buf_take(&b, NULL);
}

static struct textdiff diff(struct region *a, const char *old, const char *new)
{
	struct textdiff d;
	assert_int_equal(textdiff_run(a, old, strlen(old), new, strlen(new), &d), 0);
	return d;
}

static void test_cases(void **state)
{
	(void)state;
	static const struct {
		const char *old, *new, *shown;
		size_t deleted, inserted;
	} cases[] = {
		{ "Ens tekst.\n", "Ens tekst.\n", "<1@0>", 0, 0 },
		{ "", "", "", 0, 0 },
		{ "", "Nyt forslag.", "{+Nyt forslag.+}", 0, 2 },
		{ "Gammelt forslag.", "", "[-Gammelt forslag.-]", 2, 0 },
		/* One word in a paragraph; the paragraphs around stay whole. */
		{ "Første.\n\nVi mødes i den røde hal kl. 16.\n\nSidste.\n",
		  "Første.\n\nVi mødes i den blå hal kl. 16.\n\nSidste.\n",
		  "<2@0>Vi mødes i den [-røde-]{+blå+} hal kl. 16.\n<2@3>", 1, 1 },
		/* A paragraph added, one removed. */
		{ "A.\n\nB.\n", "A.\n\nB.\n\nC.\n", "<3@0>{+\nC.\n+}", 0, 1 },
		{ "A.\n\nB.\n\nC.\n", "A.\n\nC.\n", "<2@0>[-B.\n\n-]<1@2>", 1, 0 },
		/* "og" between two rewrites is folded into one change. */
		{ "Vi vil have en bus og en båd.", "Vi ønsker cykler og gåture.",
		  "Vi [-vil have en bus og en båd-]{+ønsker cykler og gåture+}.", 7, 4 },
		/* A longer kept stretch between changes stays kept. */
		{ "Rød bil kører hurtigt gennem hele byen i dag.", "Blå bil kører hurtigt gennem hele byen i morgen.",
		  "[-Rød-]{+Blå+} bil kører hurtigt gennem hele byen i [-dag-]{+morgen+}.", 2, 2 },
		/* Punctuation is apart from its word: only the addition is marked. */
		{ "Der er kaffe kl. 16.", "Der er kaffe, te og kage kl. 16.", "Der er kaffe{+, te og kage+} kl. 16.", 0, 3 },
		/* Spaces are kept as they are; changed spaces change no word. */
		{ "ord  her", "ord her", "ord[-  -]{+ +}her", 0, 0 },
		/* A sentence added to a paragraph is only an insertion. */
		{ "Vi mødes i hallen.\n", "Vi mødes i hallen. Der er kaffe.\n", "Vi mødes i hallen.{+ Der er kaffe.+}\n",
		  0, 3 },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct region *a = region_new();
		struct textdiff d = diff(a, cases[i].old, cases[i].new);
		char *got = show(&d);
		if (strcmp(got, cases[i].shown) != 0 || d.words_deleted != cases[i].deleted ||
		    d.words_inserted != cases[i].inserted)
			fail_msg("case %zu: \"%s\" (-%zu +%zu), expected \"%s\" (-%zu +%zu)", i, got, d.words_deleted,
				 d.words_inserted, cases[i].shown, cases[i].deleted, cases[i].inserted);
		free(got);
		region_free(a);
	}
}

static void test_words(void **state)
{
	(void)state;
	assert_int_equal(textdiff_words("", 0), 0);
	assert_int_equal(textdiff_words("  \n ", 4), 0);
	assert_int_equal(textdiff_words("et to\ntre  fire ", 16), 4);
	assert_int_equal(textdiff_words("ældre", 6), 1);
	assert_int_equal(textdiff_words("kaffe , te – og", 17), 3);
}

static uint32_t next(uint32_t *seed)
{
	*seed = *seed * 1664525u + 1013904223u;
	return *seed >> 8;
}

static const char *const vocabulary[] = { "og", "at", "foreninger", "ældre", "naboer", "kl.", "16.",
					  "fællesspisning", "Haarby", "hallen", "i", "en" };
#define NVOCAB (sizeof vocabulary / sizeof vocabulary[0])

/* A random text: words, spaces, line breaks and blank lines. */
static void random_text(struct buf *b, uint32_t *seed, size_t words)
{
	for (size_t w = 0; w < words; w++) {
		buf_puts(b, vocabulary[next(seed) % NVOCAB]);
		unsigned r = next(seed) % 20;
		buf_puts(b, r == 0 ? "\n\n" : r == 1 ? "\n" : r == 2 ? "  " : " ");
	}
}

/* Copies text with random words changed, dropped and added. */
static void mutate(struct buf *out, const char *text, uint32_t *seed)
{
	for (const char *p = text; *p;) {
		size_t n = strcspn(p, " \n");
		unsigned r = next(seed) % 30;
		if (r == 0)
			buf_puts(out, "nyt ");
		if (r == 2)
			buf_puts(out, vocabulary[next(seed) % NVOCAB]);
		else if (r != 1)
			buf_put(out, p, n);
		p += n;
		size_t s = strspn(p, " \n");
		buf_put(out, p, s);
		p += s;
	}
}

static void test_random_edits_rebuild_both_texts(void **state)
{
	(void)state;
	uint32_t seed = 7;
	for (int round = 0; round < 300; round++) {
		struct region *a = region_new();
		struct buf old = BUF_INIT(1 << 20), new = BUF_INIT(1 << 20), o = BUF_INIT(1 << 20),
			   n = BUF_INIT(1 << 20);
		random_text(&old, &seed, 5 + next(&seed) % 200);
		mutate(&new, buf_str(&old), &seed);
		struct textdiff d;
		assert_int_equal(textdiff_run(a, buf_str(&old), old.len, buf_str(&new), new.len, &d), 0);
		size_t line = 0;
		for (size_t i = 0; i < d.n; i++) {
			const struct textdiff_block *k = &d.blocks[i];
			if (!k->changed) {
				assert_true(k->line >= line);
				line = k->line + k->lines;
				buf_put(&o, k->p, k->n);
				buf_put(&n, k->p, k->n);
				continue;
			}
			assert_true(k->nspans > 0);
			for (size_t s = 0; s < k->nspans; s++) {
				const struct textdiff_span *sp = &k->spans[s];
				assert_true(sp->n > 0);
				if (sp->op != TEXTDIFF_INS)
					buf_put(&o, sp->p, sp->n);
				if (sp->op != TEXTDIFF_DEL)
					buf_put(&n, sp->p, sp->n);
			}
		}
		if (strcmp(buf_str(&o), buf_str(&old)) != 0 || strcmp(buf_str(&n), buf_str(&new)) != 0)
			fail_msg("round %d: the diff does not rebuild the texts:\nold [%s]\ngot [%s]\nnew [%s]\ngot [%s]", round,
				 buf_str(&old), buf_str(&o), buf_str(&new), buf_str(&n));
		buf_free(&old);
		buf_free(&new);
		buf_free(&o);
		buf_free(&n);
		region_free(a);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_random_edits_rebuild_both_texts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
