/*
 * po: build-time tool for the message catalogues, the gettext PO files in
 * i18n/ (read and written with GNU libgettextpo, the library of msgfmt).
 *
 * How a catalogue is laid out (i18n/README.md says it for translators):
 * every text has its key as msgctxt ("opinion.summary") and its Danish
 * text as msgid; i18n/da.po is the reference and the template: Danish is
 * the source language, so its msgstrs stay empty and its texts are its
 * msgids (and msgid_plural). A translation (en.po, ar.po, uk.po) gives
 * msgstr, or msgstr[0..nplurals-1] for a text with a count. Keys make the
 * C names (MSG_OPINION_SUMMARY; MSGN_ for plural texts), so code can only
 * ask for a text that exists, and a text with a count only through the
 * calls that pick its plural form.
 *
 *   po keys REFERENCE.po
 *       print msg.h: enum msg (one value per key of a text without a
 *       count), enum msgn (texts with a count), and the keys as strings
 *   po catalogues REFERENCE.po PO...
 *       print C with each catalogue's texts as tables indexed by those
 *       enums, its plural rule, and what is wrong with it: keys missing or
 *       unknown, untranslated, fuzzy, or translating another Danish text
 *       than the reference's (those texts are left out, so the Danish one
 *       shows, and i18n_test fails naming file, line and key)
 *   po import REFERENCE.po TXT [PO]
 *       merge a catalogue in the old "key = text" format: without PO, TXT
 *       holds Danish texts and goes into the reference's msgids; with PO,
 *       TXT holds translations and goes into PO's msgstrs, with the
 *       reference's msgids. "key[N] = text" gives plural form N. Keys
 *       already there get the text TXT gives; new keys are added at the
 *       end, in TXT's order. A key that has a count in the PO file but
 *       none in TXT stays as the PO file has it (with a note when TXT's
 *       text differs). scripts/txt2po drives this.
 *
 * Runs only at build time, never inside the server. A file that cannot be
 * read, or a reference that is not sound, stops the build with a message
 * naming file and line.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gettext-po.h>

#include "core/plural.h"
#include "core/utf8.h"

#define KEY_SELF "language.self"
#define KEY_DIRECTION "language.direction"

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

static void die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("po: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(1);
}

static void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (p == NULL)
		die("out of memory");
	return p;
}

static char *xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(xmalloc(n), s, n);
}

/* ---- reading PO files ---- */

static int read_errors;

static void on_xerror(int severity, po_message_t message, const char *filename, size_t lineno, size_t column,
		      int multiline, const char *text)
{
	(void)message, (void)column, (void)multiline;
	if (filename && lineno != (size_t)-1)
		fprintf(stderr, "%s:%zu: %s\n", filename, lineno, text);
	else
		fprintf(stderr, "%s%s%s\n", filename ? filename : "", filename ? ": " : "", text);
	if (severity != PO_SEVERITY_WARNING)
		read_errors++;
	if (severity == PO_SEVERITY_FATAL_ERROR)
		exit(1);
}

static void on_xerror2(int severity, po_message_t m1, const char *f1, size_t l1, size_t c1, int ml1, const char *t1,
		       po_message_t m2, const char *f2, size_t l2, size_t c2, int ml2, const char *t2)
{
	on_xerror(PO_SEVERITY_WARNING, m1, f1, l1, c1, ml1, t1);
	on_xerror(severity, m2, f2, l2, c2, ml2, t2);
}

static const struct po_xerror_handler handler = { on_xerror, on_xerror2 };

static po_file_t read_po(const char *path)
{
	read_errors = 0;
	po_file_t f = po_file_read(path, &handler);
	if (f == NULL)
		die("%s: %s", path, strerror(errno));
	if (read_errors)
		die("%s: not a valid PO file (see above)", path);
	return f;
}

/* The line of each "msgctxt" in a PO file, so problems can name it. */
struct lines {
	char **key;
	size_t *line;
	size_t n;
};

static void read_lines(const char *path, struct lines *l)
{
	FILE *f = fopen(path, "r");
	if (f == NULL)
		die("%s: %s", path, strerror(errno));
	char buf[4096];
	size_t no = 0, cap = 0;
	l->n = 0;
	l->key = NULL;
	l->line = NULL;
	while (fgets(buf, sizeof buf, f)) {
		no++;
		if (strncmp(buf, "msgctxt \"", 9) != 0)
			continue;
		char *e = strchr(buf + 9, '"');
		if (e == NULL)
			continue;
		*e = '\0';
		if (l->n == cap) {
			cap = cap ? cap * 2 : 256;
			l->key = realloc(l->key, cap * sizeof *l->key);
			l->line = realloc(l->line, cap * sizeof *l->line);
			if (l->key == NULL || l->line == NULL)
				die("out of memory");
		}
		l->key[l->n] = xstrdup(buf + 9);
		l->line[l->n++] = no;
	}
	fclose(f);
}

static size_t line_of(const struct lines *l, const char *key)
{
	for (size_t i = 0; i < l->n; i++)
		if (strcmp(l->key[i], key) == 0)
			return l->line[i];
	return 0;
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/* The language code a file's name gives: "i18n/ar.po" -> "ar". */
static char *code_of(const char *path)
{
	char *c = xstrdup(base_name(path));
	char *dot = strrchr(c, '.');
	if (dot)
		*dot = '\0';
	return c;
}

/* ---- the reference ---- */

struct entry {
	char *key;
	char *msgid, *msgid_plural; /* msgid_plural NULL: no count */
	int index;                  /* in enum msg or enum msgn */
};

struct reference {
	const char *path;
	struct entry *e;
	size_t n;
	size_t *sorted; /* indices of e by key, for lookup */
	int singular, plural;
};

static const struct reference *sort_ref;

static int by_key(const void *a, const void *b)
{
	return strcmp(sort_ref->e[*(const size_t *)a].key, sort_ref->e[*(const size_t *)b].key);
}

static struct entry *find(const struct reference *r, const char *key)
{
	size_t lo = 0, hi = r->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(key, r->e[r->sorted[mid]].key);
		if (c == 0)
			return &r->e[r->sorted[mid]];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

static int key_ok(const char *k)
{
	if (*k == '\0')
		return 0;
	for (const char *c = k; *c; c++)
		if (!islower((unsigned char)*c) && !isdigit((unsigned char)*c) && *c != '.' && *c != '_')
			return 0;
	return 1;
}

/* The header field f of a PO file, or a build error. */
static char *header_field(po_file_t f, const char *path, const char *field)
{
	const char *h = po_file_domain_header(f, NULL);
	char *v = h ? po_header_field(h, field) : NULL;
	if (v == NULL || *v == '\0')
		die("%s: the header lacks %s", path, field);
	return v;
}

static void check_header(po_file_t f, const char *path, struct plural *rule, char **plural_forms)
{
	char *lang = header_field(f, path, "Language");
	char *code = code_of(path);
	if (strcmp(lang, code) != 0)
		die("%s: the header says Language: %s, the file name says %s", path, lang, code);
	char *ct = header_field(f, path, "Content-Type");
	if (strstr(ct, "charset=UTF-8") == NULL)
		die("%s: the header must say Content-Type: text/plain; charset=UTF-8", path);
	*plural_forms = header_field(f, path, "Plural-Forms");
	char err[160];
	if (plural_parse(rule, *plural_forms, err, sizeof err) != 0)
		die("%s: Plural-Forms: %s", path, err);
	/* The rule must give a form for every count, never one past the last. */
	for (unsigned long n = 0; n <= 10000; n++) {
		int form;
		if (plural_form_checked(rule, n, &form))
			die("%s: Plural-Forms gives no valid form for n = %lu", path, n);
	}
	free(lang);
	free(code);
	free(ct);
}

static void read_reference(const char *path, struct reference *r)
{
	po_file_t f = read_po(path);
	struct plural rule;
	char *forms;
	check_header(f, path, &rule, &forms);
	if (rule.nplurals != 2)
		die("%s: the reference's texts are msgid and msgid_plural: its Plural-Forms must have nplurals=2",
		    path);
	free(forms);
	struct lines lines;
	read_lines(path, &lines);
	r->path = path;
	r->n = 0;
	r->singular = r->plural = 0;
	size_t cap = 512;
	r->e = xmalloc(cap * sizeof *r->e);
	po_message_iterator_t it = po_message_iterator(f, NULL);
	for (po_message_t m; (m = po_next_message(it));) {
		const char *ctxt = po_message_msgctxt(m), *id = po_message_msgid(m);
		if (po_message_is_obsolete(m) || (ctxt == NULL && *id == '\0'))
			continue;
		if (ctxt == NULL)
			die("%s: the text \"%.40s\" has no key: give it one as msgctxt", path, id);
		size_t line = line_of(&lines, ctxt);
		if (!key_ok(ctxt))
			die("%s:%zu: key \"%s\" may hold only a-z, 0-9, '.' and '_'", path, line, ctxt);
		if (*id == '\0')
			die("%s:%zu: %s has an empty msgid: the Danish text goes there", path, line, ctxt);
		if (!utf8_valid(id, strlen(id)))
			die("%s:%zu: %s is not valid UTF-8", path, line, ctxt);
		const char *str = po_message_msgid_plural(m) ? po_message_msgstr_plural(m, 0) : po_message_msgstr(m);
		if (str && *str)
			die("%s:%zu: %s: the reference's texts are its msgids (Danish is the source language); "
			    "leave msgstr empty", path, line, ctxt);
		if (r->n == cap) {
			cap *= 2;
			r->e = realloc(r->e, cap * sizeof *r->e);
			if (r->e == NULL)
				die("out of memory");
		}
		struct entry *e = &r->e[r->n++];
		e->key = xstrdup(ctxt);
		e->msgid = xstrdup(id);
		e->msgid_plural = po_message_msgid_plural(m) ? xstrdup(po_message_msgid_plural(m)) : NULL;
		e->index = e->msgid_plural ? r->plural++ : r->singular++;
	}
	po_message_iterator_free(it);
	po_file_free(f);
	r->sorted = xmalloc(r->n * sizeof *r->sorted);
	for (size_t i = 0; i < r->n; i++)
		r->sorted[i] = i;
	sort_ref = r;
	qsort(r->sorted, r->n, sizeof *r->sorted, by_key);
	for (size_t i = 1; i < r->n; i++)
		if (strcmp(r->e[r->sorted[i]].key, r->e[r->sorted[i - 1]].key) == 0)
			die("%s:%zu: key %s is given twice", path, line_of(&lines, r->e[r->sorted[i]].key),
			    r->e[r->sorted[i]].key);
	struct entry *self = find(r, KEY_SELF), *dir = find(r, KEY_DIRECTION);
	if (self == NULL || dir == NULL || self->msgid_plural || dir->msgid_plural)
		die("%s: the texts %s (the language's own name) and %s (ltr or rtl) are required", path, KEY_SELF,
		    KEY_DIRECTION);
	if (r->plural == 0)
		die("%s: no text has a count (msgid_plural); the code expects some", path);
}

/* The keys of the texts with a count (plural) or without, one a line:
 * as enum names with prefix ("MSG_ARENA_TITLE,"), or with no prefix as
 * string literals in a macro. */
static void print_keys(const struct reference *r, int plural, const char *prefix)
{
	for (size_t i = 0; i < r->n; i++) {
		if ((r->e[i].msgid_plural != NULL) != plural)
			continue;
		if (prefix == NULL) {
			printf("\t\"%s\", \\\n", r->e[i].key);
			continue;
		}
		printf("\t%s", prefix);
		for (const char *c = r->e[i].key; *c; c++)
			putchar(*c == '.' ? '_' : toupper((unsigned char)*c));
		printf(",\n");
	}
}

static int cmd_keys(const char *path)
{
	struct reference r;
	read_reference(path, &r);
	printf("/* Generated by tools/po from %s. Do not edit. */\n", path);
	printf("#ifndef SAMSKAB_MSG_H\n#define SAMSKAB_MSG_H\n\n");
	printf("/* Texts without a count, in the reference's order. */\nenum msg {\n");
	print_keys(&r, 0, "MSG_");
	printf("\tMSG__MAX\n};\n\n/* Texts with a count: their form depends on a number. */\nenum msgn {\n");
	print_keys(&r, 1, "MSGN_");
	printf("\tMSGN__MAX\n};\n\n/* The keys, indexed by enum msg and by enum msgn. */\n");
	printf("#define MSG_KEYS_INIT { \\\n");
	print_keys(&r, 0, NULL);
	printf("}\n#define MSGN_KEYS_INIT { \\\n");
	print_keys(&r, 1, NULL);
	printf("}\n\n#endif\n");
	return 0;
}

/* ---- catalogues ---- */

/* Writes s as the inside of a C string literal. A '?' is escaped (no
 * trigraphs), a NUL between plural forms is \000 (not \0 and a digit). */
static void put_c(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '\0': fputs("\\000", stdout); break;
		case '\n': fputs("\\n", stdout); break;
		case '\t': fputs("\\t", stdout); break;
		case '"': fputs("\\\"", stdout); break;
		case '\\': fputs("\\\\", stdout); break;
		case '?': fputs("\\?", stdout); break;
		default:
			if (c < 0x20 || c == 0x7f)
				printf("\\%03o", c);
			else
				putchar(c);
		}
	}
}

struct problems {
	char *text;
	size_t len, cap;
	int count;
};

static void problem(struct problems *p, const char *path, size_t line, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static void problem(struct problems *p, const char *path, size_t line, const char *key, const char *fmt, ...)
{
	char msg[512];
	int k = line ? snprintf(msg, sizeof msg, "%s:%zu: %s: ", path, line, key)
		     : snprintf(msg, sizeof msg, "%s: %s: ", path, key);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg + k, sizeof msg - (size_t)k, fmt, ap);
	va_end(ap);
	size_t n = strlen(msg);
	if (p->len + n + 2 > p->cap) {
		p->cap = (p->len + n + 2) * 2;
		p->text = realloc(p->text, p->cap);
		if (p->text == NULL)
			die("out of memory");
	}
	memcpy(p->text + p->len, msg, n);
	p->len += n;
	p->text[p->len++] = '\n';
	p->text[p->len] = '\0';
	p->count++;
}

/* The texts of one catalogue: forms joined by NULs, NULL where left out. */
struct texts {
	char **s;
	size_t *len;
};

static int has(const char *s)
{
	return s && *s;
}

static void emit_catalogue(const struct reference *r, const char *path, int serial, int is_ref)
{
	po_file_t f = read_po(path);
	struct plural rule;
	char *forms;
	check_header(f, path, &rule, &forms);
	struct lines lines;
	read_lines(path, &lines);
	struct problems pr = { 0 };
	struct texts t = { xmalloc(r->n * sizeof(char *)), xmalloc(r->n * sizeof(size_t)) };
	char *seen = calloc(r->n, 1);
	if (seen == NULL)
		die("out of memory");
	for (size_t i = 0; i < r->n; i++)
		t.s[i] = NULL;
	po_message_iterator_t it = po_message_iterator(f, NULL);
	for (po_message_t m; (m = po_next_message(it));) {
		const char *ctxt = po_message_msgctxt(m), *id = po_message_msgid(m);
		if (po_message_is_obsolete(m) || (ctxt == NULL && *id == '\0'))
			continue;
		if (ctxt == NULL) {
			problem(&pr, path, 0, "(no key)", "the text \"%.40s\" has no msgctxt", id);
			continue;
		}
		size_t line = line_of(&lines, ctxt);
		struct entry *e = find(r, ctxt);
		if (e == NULL) {
			problem(&pr, path, line, ctxt, "not a key of the reference %s", r->path);
			continue;
		}
		size_t i = (size_t)(e - r->e);
		if (seen[i]++) {
			problem(&pr, path, line, ctxt, "given twice");
			continue;
		}
		if (is_ref) {
			size_t a = strlen(e->msgid), b = e->msgid_plural ? strlen(e->msgid_plural) + 1 : 0;
			t.s[i] = xmalloc(a + b + 1);
			memcpy(t.s[i], e->msgid, a + 1);
			if (b)
				memcpy(t.s[i] + a + 1, e->msgid_plural, b);
			t.len[i] = a + b;
			continue;
		}
		if ((po_message_msgid_plural(m) != NULL) != (e->msgid_plural != NULL)) {
			problem(&pr, path, line, ctxt, "%s in the reference but not here",
				e->msgid_plural ? "has a count (msgid_plural)" : "has no count");
			continue;
		}
		if (strcmp(id, e->msgid) != 0 ||
		    (e->msgid_plural && strcmp(po_message_msgid_plural(m), e->msgid_plural) != 0)) {
			problem(&pr, path, line, ctxt,
				"translates another Danish text than the reference's (msgmerge marks it fuzzy; "
				"then check the translation)");
			continue;
		}
		if (po_message_is_fuzzy(m)) {
			problem(&pr, path, line, ctxt, "fuzzy: check the translation and remove the fuzzy mark");
			continue;
		}
		if (e->msgid_plural) {
			int n = 0, empty = 0;
			size_t total = 0;
			for (const char *s; (s = po_message_msgstr_plural(m, n)); n++) {
				total += strlen(s) + 1;
				empty += !has(s);
			}
			if (n != rule.nplurals || empty) {
				problem(&pr, path, line, ctxt,
					empty ? "untranslated (a plural form is empty)"
					      : "has %d plural forms; the header's rule has %d",
					n, rule.nplurals);
				continue;
			}
			t.s[i] = xmalloc(total);
			t.len[i] = total - 1;
			char *o = t.s[i];
			for (int k = 0; k < n; k++) {
				const char *s = po_message_msgstr_plural(m, k);
				memcpy(o, s, strlen(s) + 1);
				o += strlen(s) + 1;
			}
		} else {
			const char *s = po_message_msgstr(m);
			if (!has(s)) {
				problem(&pr, path, line, ctxt, "untranslated");
				continue;
			}
			t.s[i] = xstrdup(s);
			t.len[i] = strlen(s);
		}
		/* Each form by itself: the NULs between forms are not text. */
		for (const char *s = t.s[i]; s <= t.s[i] + t.len[i]; s += strlen(s) + 1)
			if (!utf8_valid(s, strlen(s))) {
				problem(&pr, path, line, ctxt, "not valid UTF-8");
				free(t.s[i]);
				t.s[i] = NULL;
				break;
			}
	}
	po_message_iterator_free(it);
	for (size_t i = 0; i < r->n; i++)
		if (!seen[i])
			problem(&pr, path, 0, r->e[i].key, "missing");
	struct entry *dir = find(r, KEY_DIRECTION);
	size_t di = (size_t)(dir - r->e);
	if (t.s[di] && strcmp(t.s[di], "ltr") != 0 && strcmp(t.s[di], "rtl") != 0) {
		problem(&pr, path, line_of(&lines, KEY_DIRECTION), KEY_DIRECTION, "must be ltr or rtl, not \"%s\"",
			t.s[di]);
		t.s[di] = NULL;
	}

	for (int plural = 0; plural <= 1; plural++) {
		printf("static const char *const c%d_%s[%s] = {\n", serial, plural ? "msgn" : "msg",
		       plural ? "MSGN__MAX" : "MSG__MAX");
		for (size_t i = 0; i < r->n; i++) {
			if ((r->e[i].msgid_plural != NULL) != plural)
				continue;
			if (t.s[i] == NULL) {
				printf("\tNULL,\n");
				continue;
			}
			printf("\t\"");
			put_c(t.s[i], t.len[i]);
			printf("\",\n");
		}
		printf("};\n");
	}
	char *code = code_of(path);
	const char *h = po_file_domain_header(f, NULL);
	char *review = po_header_field(h, "X-Native-Review");
	printf("static const struct embed_catalogue c%d = { \"%s\", \"%s\", \"", serial, base_name(path), code);
	put_c(forms, strlen(forms));
	printf("\", %d, c%d_msg, c%d_msgn, %d, \"", review && strcmp(review, "pending") == 0, serial, serial,
	       pr.count);
	free(review);
	if (pr.text)
		put_c(pr.text, pr.len);
	printf("\" };\n\n");
	free(code);
	free(forms);
	free(pr.text);
	free(seen);
	po_file_free(f);
}

static int cmd_catalogues(const char *ref_path, int n, char **paths)
{
	struct reference r;
	read_reference(ref_path, &r);
	printf("/* Generated by tools/po from the catalogues in i18n/. Do not edit. */\n");
	printf("#include <stddef.h>\n\n#include \"core/embed.h\"\n#include \"msg.h\"\n\n");
	emit_catalogue(&r, ref_path, 0, 1);
	int serial = 1;
	for (int i = 0; i < n; i++)
		if (strcmp(base_name(paths[i]), base_name(ref_path)) != 0)
			emit_catalogue(&r, paths[i], serial++, 0);
	printf("const struct embed_catalogue *const embed_catalogue[] = {\n");
	for (int i = 0; i < serial; i++)
		printf("\t&c%d,\n", i);
	printf("};\nconst size_t embed_catalogue_count = %d;\n", serial);
	return 0;
}

/* ---- import from the old "key = text" format ---- */

/* One "key = text" line: key, plural form (-1: none), text (decoded). */
struct txt_line {
	char *key;
	int form;
	char *text;
	size_t line;
};

static size_t read_txt(const char *path, struct txt_line **out)
{
	FILE *f = fopen(path, "r");
	if (f == NULL)
		die("%s: %s", path, strerror(errno));
	size_t n = 0, cap = 256, no = 0;
	struct txt_line *t = xmalloc(cap * sizeof *t);
	char *line = NULL;
	size_t linecap = 0;
	ssize_t len;
	while ((len = getline(&line, &linecap, f)) >= 0) {
		no++;
		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len == 0 || line[0] == '#' || line[0] == '@')
			continue;
		char *eq = strchr(line, '=');
		if (eq == NULL)
			die("%s:%zu: expected 'key = text'", path, no);
		char *ke = eq;
		while (ke > line && ke[-1] == ' ')
			ke--;
		*ke = '\0';
		int form = -1;
		char *br = strchr(line, '[');
		if (br) {
			char *end;
			long v = strtol(br + 1, &end, 10);
			if (end == br + 1 || *end != ']' || end[1] || v < 0 || v >= PLURAL_MAX_FORMS)
				die("%s:%zu: a plural form is written key[N] with N from 0 to 5", path, no);
			form = (int)v;
			*br = '\0';
		}
		if (!key_ok(line))
			die("%s:%zu: key \"%s\" may hold only a-z, 0-9, '.' and '_'", path, no, line);
		char *v = eq + 1;
		while (*v == ' ' || *v == '\t')
			v++;
		size_t vn = strlen(v);
		while (vn && (v[vn - 1] == ' ' || v[vn - 1] == '\t'))
			vn--;
		char *text = xmalloc(vn + 1), *o = text;
		for (size_t i = 0; i < vn; i++) {
			if (v[i] == '\\' && i + 1 < vn && v[i + 1] == 'n') {
				*o++ = '\n';
				i++;
			} else {
				*o++ = v[i];
			}
		}
		*o = '\0';
		if (!utf8_valid(text, strlen(text)))
			die("%s:%zu: not valid UTF-8", path, no);
		if (n == cap) {
			cap *= 2;
			t = realloc(t, cap * sizeof *t);
			if (t == NULL)
				die("out of memory");
		}
		t[n++] = (struct txt_line){ xstrdup(line), form, text, no };
	}
	free(line);
	fclose(f);
	*out = t;
	return n;
}

static po_message_t find_message(po_file_t f, const char *key)
{
	po_message_iterator_t it = po_message_iterator(f, NULL);
	po_message_t found = NULL;
	for (po_message_t m; (m = po_next_message(it));)
		if (!po_message_is_obsolete(m) && po_message_msgctxt(m) && strcmp(po_message_msgctxt(m), key) == 0) {
			found = m;
			break;
		}
	po_message_iterator_free(it);
	return found;
}

static void append(po_file_t f, po_message_t m)
{
	po_message_iterator_t it = po_message_iterator(f, NULL);
	while (po_next_message(it))
		;
	po_message_insert(it, m);
	po_message_iterator_free(it);
}

static int cmd_import(const char *ref_path, const char *txt_path, const char *po_path)
{
	struct txt_line *t;
	size_t n = read_txt(txt_path, &t);
	int to_ref = po_path == NULL;
	po_file_t ref = read_po(ref_path);
	po_file_t f = to_ref ? ref : read_po(po_path);
	const char *out = to_ref ? ref_path : po_path;
	int added = 0, changed = 0;
	for (size_t i = 0; i < n; i++) {
		po_message_t m = find_message(f, t[i].key);
		po_message_t rm = to_ref ? m : find_message(ref, t[i].key);
		if (!to_ref && rm == NULL)
			die("%s:%zu: %s is not in %s: import the Danish text first", txt_path, t[i].line, t[i].key,
			    ref_path);
		int plural = rm && po_message_msgid_plural(rm);
		if (t[i].form >= 0 && rm && !plural && !to_ref)
			die("%s:%zu: %s has no count in %s, so no plural forms", txt_path, t[i].line, t[i].key,
			    ref_path);
		if (t[i].form < 0 && plural) {
			/* A text that has since got a count in the PO file: it
			 * stays as the PO file has it; only say so if TXT has a
			 * text the PO file does not. */
			const char *was = to_ref ? po_message_msgid(rm) : m ? po_message_msgstr_plural(m, 0) : NULL;
			if (was == NULL || strcmp(was, t[i].text) != 0)
				fprintf(stderr, "%s:%zu: %s has a count in %s; kept as it is there, check it against "
						"\"%s\"\n", txt_path, t[i].line, t[i].key, out, t[i].text);
			continue;
		}
		int is_new = m == NULL;
		if (is_new) {
			m = po_message_create();
			po_message_set_msgctxt(m, t[i].key);
			if (to_ref) {
				po_message_set_msgid(m, t[i].form <= 0 ? t[i].text : "");
				po_message_set_msgstr(m, "");
				if (t[i].form >= 0)
					po_message_set_msgstr_plural(m, 0, "");
			} else {
				po_message_set_msgid(m, po_message_msgid(rm));
				if (plural) {
					po_message_set_msgid_plural(m, po_message_msgid_plural(rm));
					po_message_set_msgstr_plural(m, 0, "");
				} else {
					po_message_set_msgstr(m, "");
				}
			}
			append(f, m);
			added++;
		}
		const char *was;
		if (to_ref) {
			was = t[i].form == 1 ? po_message_msgid_plural(m) : po_message_msgid(m);
			if (t[i].form > 1)
				die("%s:%zu: the reference has two forms: %s[0] and %s[1]", txt_path, t[i].line, t[i].key,
				    t[i].key);
			if (was && strcmp(was, t[i].text) == 0)
				continue;
			if (t[i].form == 1) {
				po_message_set_msgid_plural(m, t[i].text);
				po_message_set_msgstr_plural(m, 0, "");
				po_message_set_msgstr_plural(m, 1, "");
			} else {
				po_message_set_msgid(m, t[i].text);
			}
		} else {
			was = t[i].form >= 0 ? po_message_msgstr_plural(m, t[i].form) : po_message_msgstr(m);
			if (was && strcmp(was, t[i].text) == 0 && !po_message_is_fuzzy(m) &&
			    strcmp(po_message_msgid(m), po_message_msgid(rm)) == 0)
				continue;
			po_message_set_msgid(m, po_message_msgid(rm));
			if (plural)
				po_message_set_msgid_plural(m, po_message_msgid_plural(rm));
			if (t[i].form >= 0)
				po_message_set_msgstr_plural(m, t[i].form, t[i].text);
			else
				po_message_set_msgstr(m, t[i].text);
			po_message_set_fuzzy(m, 0);
		}
		changed += !is_new;
	}
	if (po_file_write(f, out, &handler) == NULL)
		die("%s: could not write", out);
	fprintf(stderr, "po: %s: %d added, %d changed from %s\n", out, added, changed, txt_path);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && strcmp(argv[1], "keys") == 0)
		return cmd_keys(argv[2]);
	if (argc >= 3 && strcmp(argv[1], "catalogues") == 0)
		return cmd_catalogues(argv[2], argc - 3, argv + 3);
	if ((argc == 4 || argc == 5) && strcmp(argv[1], "import") == 0)
		return cmd_import(argv[2], argv[3], argc == 5 ? argv[4] : NULL);
	fprintf(stderr, "usage: po keys REFERENCE.po\n"
			"       po catalogues REFERENCE.po PO...\n"
			"       po import REFERENCE.po TXT [PO]\n");
	return 2;
}
