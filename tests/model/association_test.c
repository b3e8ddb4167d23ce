/*
 * association_test.c: associations (src/model/association.c) and their
 * CSV form (association_csv.c) on SQLite and PostgreSQL: the directory's
 * filters alone and combined ("after 16:00 on a weekday", "at the
 * weekend", a language, an age, free, the leisure pass, step-free, an
 * area), an area's week in order; checks on the facts; a 500-row file
 * imported in one go and exported back identically; a file with bad rows
 * refused with every error's line and column and nothing kept; rows that
 * update what is there; versions in other languages.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/association.h"
#include "model/association_csv.h"
#include "support/modeldb.h"

struct fixture {
	int64_t haarby, glamsbjerg;
	int64_t football, chess, seniors, scouts, sewing;
};

static int64_t save(struct modeldb *m, struct association *x)
{
	struct field_errors e = { .n = 0 };
	int64_t id = 0;
	enum model_rc rc = association_save(m->db, x, 0, &id, &e);
	if (rc != MODEL_OK)
		fail_msg("association_save(%s): %d, first error on %s", x->org.name, rc,
			 e.n ? e.items[0].field : "-");
	return id;
}

static struct association base(const char *name, int64_t area, enum category c, const char *langs)
{
	return (struct association){
		.org = { .name = name, .sector = SECTOR_VOLUNTARY, .description = "", .area_id = area,
			 .lang = "da" },
		.category = c, .languages = langs, .fee_kr = -1, .fee_per = FEE_YEAR, .age_min = -1,
		.age_max = -1, .contact_name = "", .contact_email = "", .contact_phone = "",
	};
}

static void make_fixture(struct modeldb *m, struct fixture *f)
{
	f->haarby = modeldb_area(m, "Haarby");
	f->glamsbjerg = modeldb_area(m, "Glamsbjerg");
	struct meeting football_m[] = { { .weekday = 2, .starts_min = 16 * 60 + 30, .ends_min = 18 * 60,
					   .place = "Haarby Stadion", .what = "U10" },
					 { .weekday = 4, .starts_min = 17 * 60, .ends_min = 18 * 60 + 30,
					   .place = "Haarby Stadion", .what = "U12" } };
	struct association x = base("Haarby Boldklub", f->haarby, CATEGORY_SPORT, "da ar en");
	x.fee_kr = 0;
	x.age_min = 6;
	x.age_max = 14;
	x.step_free = 1;
	x.meetings = football_m;
	x.nmeetings = 2;
	f->football = save(m, &x);

	struct meeting chess_m[] = { { .weekday = 3, .starts_min = 19 * 60, .ends_min = 22 * 60,
				       .place = "Biblioteket", .what = "" } };
	x = base("Haarby Skakklub", f->haarby, CATEGORY_GAMES, "da");
	x.fee_kr = 300;
	x.meetings = chess_m;
	x.nmeetings = 1;
	f->chess = save(m, &x);

	struct meeting seniors_m[] = { { .weekday = 1, .starts_min = 10 * 60, .ends_min = 12 * 60,
					 .place = "Seniorhuset", .what = "Kaffe" } };
	x = base("Haarby Seniorklub", f->haarby, CATEGORY_SENIORS, "da");
	x.age_min = 60;
	x.meetings = seniors_m;
	x.nmeetings = 1;
	f->seniors = save(m, &x);

	struct meeting scouts_m[] = { { .weekday = 6, .starts_min = 10 * 60, .ends_min = 13 * 60,
					.place = "Spejderhytten", .what = "" } };
	x = base("Glamsbjerg Spejderne", f->glamsbjerg, CATEGORY_SCOUTS, "da uk");
	x.fee_kr = 600;
	x.fritidspas = 1;
	x.age_min = 7;
	x.age_max = 17;
	x.meetings = scouts_m;
	x.nmeetings = 1;
	f->scouts = save(m, &x);

	struct meeting sewing_m[] = { { .weekday = 2, .starts_min = 17 * 60, .ends_min = 19 * 60,
					.place = "Glamsbjerg Kulturhus", .what = "Symaskiner" } };
	x = base("Kvindernes Syværksted", f->glamsbjerg, CATEGORY_CRAFTS, "ar da");
	x.fee_kr = 0;
	x.meetings = sewing_m;
	x.nmeetings = 1;
	f->sewing = save(m, &x);
}

/* The names the directory lists for a filter, "a|b", and the total. */
static const char *names(struct modeldb *m, const struct association_filter *f, int64_t *total)
{
	static char out[1024];
	struct paging p = { 1, 50, 0 };
	struct association *items;
	size_t n;
	assert_int_equal(association_list(m->db, m->region, f, &p, &items, &n), MODEL_OK);
	out[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		size_t used = strlen(out);
		snprintf(out + used, sizeof out - used, "%s%s", i ? "|" : "", items[i].org.name);
	}
	if (total)
		*total = p.total;
	return out;
}

static void test_filters_alone_and_combined(void **state)
{
	struct modeldb *m = modeldb_get(state);
	struct fixture f;
	make_fixture(m, &f);
	struct association_filter all = ASSOCIATION_FILTER_ALL, q = all;
	int64_t total;
	assert_string_equal(names(m, &all, &total), "Glamsbjerg Spejderne|Haarby Boldklub|Haarby "
						     "Seniorklub|Haarby Skakklub|Kvindernes Syværksted");
	assert_int_equal(total, 5);

	/* A newcomer in Haarby, free after 16:00 on a weekday. */
	q.area_id = f.haarby;
	q.days = DAYS_WEEKDAYS;
	q.from_min = 16 * 60;
	assert_string_equal(names(m, &q, &total), "Haarby Boldklub|Haarby Skakklub");
	assert_int_equal(total, 2);
	/* ... who speaks Arabic. */
	q.language = "ar";
	assert_string_equal(names(m, &q, NULL), "Haarby Boldklub");
	/* After 18:00 only the chess club starts that late. */
	q = all;
	q.from_min = 18 * 60;
	assert_string_equal(names(m, &q, NULL), "Haarby Skakklub");
	/* The weekend. */
	q = all;
	q.days = DAYS_WEEKEND;
	assert_string_equal(names(m, &q, NULL), "Glamsbjerg Spejderne");
	/* One day: Tuesday (bit 1), after 17:00: the sewing café starts at
	 * 17:00, football's Tuesday starts 16:30 (its Thursday is 17:00). */
	q = all;
	q.days = 1u << 1;
	q.from_min = 17 * 60;
	assert_string_equal(names(m, &q, NULL), "Kvindernes Syværksted");
	/* Age: a 9-year-old; a 70-year-old. */
	q = all;
	q.age = 9;
	assert_string_equal(names(m, &q, NULL),
			    "Glamsbjerg Spejderne|Haarby Boldklub|Haarby Skakklub|Kvindernes Syværksted");
	q.age = 70;
	assert_string_equal(names(m, &q, NULL), "Haarby Seniorklub|Haarby Skakklub|Kvindernes Syværksted");
	/* Free; the leisure pass; step-free; a category; Ukrainian. */
	q = all;
	q.free = 1;
	assert_string_equal(names(m, &q, NULL), "Haarby Boldklub|Kvindernes Syværksted");
	q = all;
	q.fritidspas = 1;
	assert_string_equal(names(m, &q, NULL), "Glamsbjerg Spejderne");
	q = all;
	q.step_free = 1;
	assert_string_equal(names(m, &q, NULL), "Haarby Boldklub");
	q = all;
	q.category = CATEGORY_CRAFTS;
	assert_string_equal(names(m, &q, NULL), "Kvindernes Syværksted");
	q = all;
	q.language = "uk";
	assert_string_equal(names(m, &q, NULL), "Glamsbjerg Spejderne");
	/* Everything at once, matching nothing. */
	q = all;
	q.area_id = f.glamsbjerg;
	q.language = "ar";
	q.days = DAYS_WEEKEND;
	assert_string_equal(names(m, &q, &total), "");
	assert_int_equal(total, 0);

	/* Each listed association carries its own meetings. */
	struct paging p = { 1, 50, 0 };
	struct association *items;
	size_t n;
	assert_int_equal(association_list(m->db, m->region, &all, &p, &items, &n), MODEL_OK);
	assert_int_equal(items[1].org.id, f.football);
	assert_int_equal(items[1].nmeetings, 2);
	assert_string_equal(items[1].meetings[1].what, "U12");
	assert_int_equal(items[2].nmeetings, 1);
	assert_string_equal(items[2].meetings[0].place, "Seniorhuset");
	/* Paging keeps the meetings with their association. */
	p = (struct paging){ 2, 2, 0 };
	assert_int_equal(association_list(m->db, m->region, &all, &p, &items, &n), MODEL_OK);
	assert_int_equal(n, 2);
	assert_string_equal(items[0].org.name, "Haarby Seniorklub");
	assert_int_equal(items[0].nmeetings, 1);
	assert_string_equal(items[1].meetings[0].place, "Biblioteket");
}

static void test_week_in_order(void **state)
{
	struct modeldb *m = modeldb_get(state);
	struct fixture f;
	make_fixture(m, &f);
	struct association_filter q = ASSOCIATION_FILTER_ALL;
	q.area_id = f.haarby;
	struct meeting *w;
	size_t n;
	assert_int_equal(association_week(m->db, m->region, &q, 100, &w, &n), MODEL_OK);
	assert_int_equal(n, 4);
	assert_int_equal(w[0].weekday, 1);
	assert_string_equal(w[0].org_name, "Haarby Seniorklub");
	assert_int_equal(w[1].weekday, 2);
	assert_int_equal(w[1].starts_min, 16 * 60 + 30);
	assert_int_equal(w[2].weekday, 3);
	assert_int_equal(w[3].weekday, 4);
	assert_int_equal(w[3].org_category, CATEGORY_SPORT);
	/* The week filtered: weekdays after 16:00 leaves out Monday's coffee. */
	q.days = DAYS_WEEKDAYS;
	q.from_min = 16 * 60;
	assert_int_equal(association_week(m->db, m->region, &q, 100, &w, &n), MODEL_OK);
	assert_int_equal(n, 3);
	assert_int_equal(w[0].weekday, 2);
	assert_int_equal(association_week(m->db, m->region, &q, 2, &w, &n), MODEL_OK);
	assert_int_equal(n, 2);
	int64_t count = 0;
	assert_int_equal(association_count(m->db, f.glamsbjerg, &count), MODEL_OK);
	assert_int_equal(count, 2);
	assert_int_equal(association_count(m->db, 0, &count), MODEL_OK);
	assert_int_equal(count, 5);
}

/* The field of the first error, or "" when there is none. */
static const char *first_error(struct modeldb *m, struct association *x)
{
	struct field_errors e = { .n = 0 };
	int64_t id = 0;
	enum model_rc rc = association_save(m->db, x, 0, &id, &e);
	if (rc == MODEL_OK)
		return "";
	assert_int_equal(rc, MODEL_INVALID);
	assert_true(e.n > 0);
	return e.items[0].field;
}

static void test_checks(void **state)
{
	struct modeldb *m = modeldb_get(state);
	int64_t area = modeldb_area(m, "Haarby");
	struct association x = base("Ok", area, CATEGORY_SPORT, "da");
	struct association y = x;
	y.languages = "da xx";
	assert_string_equal(first_error(m, &y), "languages");
	y = x;
	y.languages = "";
	assert_string_equal(first_error(m, &y), "languages");
	y = x;
	y.fee_kr = 100001;
	assert_string_equal(first_error(m, &y), "fee_kr");
	y = x;
	y.age_min = 12;
	y.age_max = 6;
	assert_string_equal(first_error(m, &y), "age_max");
	y = x;
	y.contact_email = "no-at-sign";
	assert_string_equal(first_error(m, &y), "contact_email");
	y = x;
	y.contact_phone = "12ab";
	assert_string_equal(first_error(m, &y), "contact_phone");
	y = x;
	struct meeting bad[] = { { .weekday = 2, .starts_min = 600, .ends_min = 660 },
				 { .weekday = 8, .starts_min = 600, .ends_min = 660 },
				 { .weekday = 3, .starts_min = 700, .ends_min = 700 } };
	y.meetings = bad;
	y.nmeetings = 3;
	struct field_errors e = { .n = 0 };
	int64_t id = 0;
	assert_int_equal(association_save(m->db, &y, 0, &id, &e), MODEL_INVALID);
	assert_int_equal(e.n, 2);
	assert_string_equal(e.items[0].field, "m2");
	assert_string_equal(e.items[1].field, "m3");
	y = x;
	y.org.name = "";
	assert_string_equal(first_error(m, &y), "name");
	/* Nothing of the refused ones was written. */
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM organisation"), 0);
	assert_string_equal(first_error(m, &x), "");
	/* A second association may not take the first one's name. */
	struct association z = base("Ok", area, CATEGORY_GAMES, "da");
	e.n = 0;
	assert_int_equal(association_save(m->db, &z, 0, &id, &e), MODEL_CONFLICT);
}

/* A file of n associations spread over two areas, each with meetings,
 * some fields quoted (commas, quotes, line breaks). */
static char *big_file(int n, size_t *len)
{
	struct buf b = BUF_INIT(8 << 20);
	buf_puts(&b, "name,area,category,languages,fee_kr,fee_per,fritidspas,age_min,age_max,step_free,"
		     "contact_name,contact_email,contact_phone,website,description,lang,meetings\r\n");
	static const char *const cats[] = { "sport", "music", "games", "scouts", "social" };
	for (int i = 0; i < n; i++)
		buf_printf(&b,
			   "Forening nr. %03d,%s,%s,da%s,%d,year,%s,%d,,%s,Kontakt %d,kontakt%d@example.dk,"
			   "+45 %08d,https://forening%d.example.dk,\"Vi mødes, \"\"hygger\"\"\nog spiller.\",da,"
			   "\"%s %02d:00-%02d:30 | Hallen | Hold %d; sat 10:00-12:00\"\r\n",
			   i, i % 2 ? "Haarby" : "Glamsbjerg", cats[i % 5], i % 3 ? "" : " ar",
			   i % 4 ? 100 * i : 0, i % 2 ? "yes" : "no", i % 18, i % 7 ? "no" : "yes", i, i,
			   20000000 + i, i, (const char *[]){ "mon", "tir", "onsdag", "Thu", "fre" }[i % 5],
			   14 + i % 6, 15 + i % 6, i);
	assert_false(b.overflow);
	return buf_take(&b, len);
}

static void test_import_500_rows_and_export_back(void **state)
{
	struct modeldb *m = modeldb_get(state);
	modeldb_area(m, "Haarby");
	modeldb_area(m, "Glamsbjerg");
	size_t len;
	char *file = big_file(500, &len);
	struct import_result res;
	assert_int_equal(store_begin(m->db), STORE_OK);
	assert_int_equal(association_import(m->db, m->region, file, len, 0, &res), MODEL_OK);
	assert_int_equal(store_commit(m->db), STORE_OK);
	assert_int_equal(res.rows, 500);
	assert_int_equal(res.created, 500);
	assert_int_equal(res.updated, 0);
	assert_int_equal(res.nerrors, 0);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM association"), 500);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM association_meeting"), 1000);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM association WHERE languages = 'da ar'"), 167);
	assert_int_equal(modeldb_int(m, "SELECT m.weekday FROM association_meeting m JOIN organisation o "
					"ON o.id = m.organisation_id WHERE o.name = 'Forening nr. 002' "
					"ORDER BY m.weekday LIMIT 1"), 3);
	struct association_filter q = ASSOCIATION_FILTER_ALL;
	q.days = DAYS_WEEKEND;
	int64_t total;
	names(m, &q, &total);
	assert_int_equal(total, 500);

	struct buf out = BUF_INIT(16 << 20);
	assert_int_equal(association_export(m->db, &out), MODEL_OK);
	/* The export read back changes nothing and exports the same. */
	assert_int_equal(store_begin(m->db), STORE_OK);
	assert_int_equal(association_import(m->db, m->region, buf_str(&out), out.len, 0, &res),
			 MODEL_OK);
	assert_int_equal(store_commit(m->db), STORE_OK);
	assert_int_equal(res.created, 0);
	assert_int_equal(res.updated, 500);
	struct buf again = BUF_INIT(16 << 20);
	assert_int_equal(association_export(m->db, &again), MODEL_OK);
	assert_string_equal(buf_str(&again), buf_str(&out));
	assert_non_null(strstr(buf_str(&out), "Forening nr. 003,Haarby,scouts,da ar,300,year,yes,3,,no,"
					      "Kontakt 3,kontakt3@example.dk,+45 20000003,"
					      "https://forening3.example.dk,\"Vi mødes, \"\"hygger\"\"\nog "
					      "spiller.\",da,thu 17:00-18:30 | Hallen | Hold 3; sat 10:00-12:00\n"));
	buf_free(&out);
	buf_free(&again);
	free(file);
}

static void test_bad_rows_refused_with_line_and_column(void **state)
{
	struct modeldb *m = modeldb_get(state);
	modeldb_area(m, "Haarby");
	const char file[] =
		"name,area,category,fee_kr,meetings,description\n"              /* line 1 */
		"Haarby Boldklub,Haarby,sport,0,tue 16:30-18:00,ok\n"           /* 2 */
		"Skakklubben,Haarby,games,-5,,\"two\nlines\"\n"                 /* 3-4 */
		"Spejderne,Tarup,scouts,100,,\n"                                /* 5 */
		"Syklubben,Haarby,knitting,,\"tue 17:00-16:00\",\n"             /* 6 */
		"Haarby Boldklub,Haarby,sport,0,,again\n"                        /* 7 */
		"Løberne,Haarby,sport,,tuesday at five,\n";                     /* 8 */
	struct import_result res;
	assert_int_equal(store_begin(m->db), STORE_OK);
	assert_int_equal(association_import(m->db, m->region, file, sizeof file - 1, 0, &res),
			 MODEL_INVALID);
	store_rollback(m->db);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM organisation"), 0);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM association_meeting"), 0);
	assert_int_equal(res.nerrors, 6);
	const struct {
		unsigned long line;
		const char *column;
		enum msg msg;
	} want[] = {
		{ 3, "fee_kr", MSG_FORM_BAD_FEE },	 { 5, "area", MSG_IMPORT_UNKNOWN_AREA },
		{ 6, "category", MSG_IMPORT_BAD_CHOICE }, { 6, "meetings", MSG_FORM_BAD_MEETING },
		{ 7, "name", MSG_IMPORT_NAME_TWICE },	 { 8, "meetings", MSG_IMPORT_BAD_MEETING },
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		assert_int_equal(res.errors[i].line, want[i].line);
		assert_string_equal(res.errors[i].column, want[i].column);
		assert_int_equal(res.errors[i].msg, want[i].msg);
	}
	assert_string_equal(res.errors[1].value, "Tarup");
	assert_string_equal(res.errors[4].value, "2");

	/* Header and syntax errors. */
	const char unknown[] = "name,colour\nX,red\n";
	assert_int_equal(association_import(m->db, m->region, unknown, sizeof unknown - 1, 0, &res),
			 MODEL_INVALID);
	assert_int_equal(res.errors[0].line, 1);
	assert_int_equal(res.errors[0].msg, MSG_IMPORT_UNKNOWN_COLUMN);
	assert_string_equal(res.errors[0].value, "colour");
	const char broken[] = "name,area\nA,Haarby\nB,\"Haarby\n";
	assert_int_equal(store_begin(m->db), STORE_OK);
	assert_int_equal(association_import(m->db, m->region, broken, sizeof broken - 1, 0, &res),
			 MODEL_INVALID);
	assert_int_equal(res.errors[res.nerrors - 1].msg, MSG_IMPORT_BAD_CSV);
	assert_int_equal(res.errors[res.nerrors - 1].line, 3);
	store_rollback(m->db);
	assert_int_equal(association_import(m->db, m->region, "", 0, 0, &res), MODEL_INVALID);
	assert_int_equal(res.errors[0].msg, MSG_IMPORT_EMPTY);
	const char noname[] = "area\nHaarby\n";
	assert_int_equal(association_import(m->db, m->region, noname, sizeof noname - 1, 0, &res),
			 MODEL_INVALID);
	assert_int_equal(res.errors[0].msg, MSG_IMPORT_NO_NAME_COLUMN);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM organisation"), 0);
}

static void test_rows_update_what_is_there(void **state)
{
	struct modeldb *m = modeldb_get(state);
	int64_t haarby = modeldb_area(m, "Haarby");
	int64_t dgi = modeldb_org(m, "DGI");
	struct fixture f = { 0 };
	struct association x = base("Haarby Boldklub", haarby, CATEGORY_SPORT, "da ar");
	x.contact_email = "formand@boldklub.example.dk";
	x.fee_kr = 450;
	f.football = save(m, &x);
	/* Only the fee column: the rest stays; DGI becomes an association. */
	const char file[] = "name,fee_kr\nHaarby Boldklub,500\nDGI,\n";
	struct import_result res;
	assert_int_equal(association_import(m->db, m->region, file, sizeof file - 1, 0, &res),
			 MODEL_OK);
	assert_int_equal(res.updated, 2);
	struct association got;
	assert_int_equal(association_get(m->db, m->region, f.football, &got), MODEL_OK);
	assert_int_equal(got.fee_kr, 500);
	assert_string_equal(got.languages, "da ar");
	assert_string_equal(got.contact_email, "formand@boldklub.example.dk");
	assert_int_equal(association_get(m->db, m->region, dgi, &got), MODEL_OK);
	assert_int_equal(got.org.sector, SECTOR_PUBLIC);
	assert_int_equal(got.category, CATEGORY_OTHER);
}

static void test_versions(void **state)
{
	struct modeldb *m = modeldb_get(state);
	int64_t area = modeldb_area(m, "Haarby");
	struct association x = base("Haarby Boldklub", area, CATEGORY_SPORT, "da ar");
	x.org.description = "Fodbold for alle.";
	int64_t id = save(m, &x);
	struct field_errors e = { .n = 0 };
	struct version ar = { "ar", "", "كرة القدم للجميع.", 0 };
	assert_int_equal(version_put(m->db, &association_versions, id, "da", &ar, 0, &e), MODEL_OK);
	struct version da = { "da", "", "Oversat til dansk?", 0 };
	assert_int_equal(version_put(m->db, &association_versions, id, "da", &da, 0, &e), MODEL_INVALID);
	assert_string_equal(e.items[0].field, "lang");
	e.n = 0;
	struct version xx = { "xx", "", "?", 0 };
	assert_int_equal(version_put(m->db, &association_versions, id, "da", &xx, 0, &e), MODEL_INVALID);
	e.n = 0;
	struct version en = { "en", "Haarby Football Club", "Football for everyone.", 0 };
	assert_int_equal(version_put(m->db, &association_versions, id, "da", &en, 0, &e), MODEL_OK);
	en.body = "Football for all.";
	assert_int_equal(version_put(m->db, &association_versions, id, "da", &en, 0, &e), MODEL_OK);
	struct version *v;
	size_t n;
	assert_int_equal(version_list(m->db, &association_versions, m->region, id, &v, &n), MODEL_OK);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].lang, "ar");
	assert_string_equal(v[1].body, "Football for all.");
	struct version one;
	assert_int_equal(version_get(m->db, &association_versions, m->region, id, "uk", &one), MODEL_NOT_FOUND);
	/* The description may not move to a language with a version. */
	x.org.id = id;
	x.org.lang = "en";
	assert_string_equal(first_error(m, &x), "lang");
	assert_int_equal(version_delete(m->db, &association_versions, id, "en"), MODEL_OK);
	assert_string_equal(first_error(m, &x), "");
	assert_int_equal(version_list(m->db, &association_versions, m->region, id, &v, &n), MODEL_OK);
	assert_int_equal(n, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		MODELDB_BOTH(test_filters_alone_and_combined),
		MODELDB_BOTH(test_week_in_order),
		MODELDB_BOTH(test_checks),
		MODELDB_BOTH(test_import_500_rows_and_export_back),
		MODELDB_BOTH(test_bad_rows_refused_with_line_and_column),
		MODELDB_BOTH(test_rows_update_what_is_there),
		MODELDB_BOTH(test_versions),
	};
	return cmocka_run_group_tests(tests, NULL, modeldb_group_teardown);
}
