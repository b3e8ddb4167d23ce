/*
 * role_test.c: roles and the permission check (src/model/role.c) on
 * SQLite and, when SAMSKAB_TEST_PG is set, PostgreSQL: role and scope
 * codes, which scopes each role may have, grants to things that do not
 * exist, duplicates, revoking, the audit entry every grant and revoke
 * writes, the lists, and role_permits for every kind of person, every
 * permission, and a matching, another and no scope id.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "model/account.h"
#include "model/audit.h"
#include "model/role.h"
#include "support/modeldb.h"

/* A guide programme, written straight into the table. */
static int64_t make_programme(struct modeldb *m, const char *name)
{
	modeldb_exec(m, "INSERT INTO programme (name, name_key, created_at, updated_at) VALUES ('%s', '%s', 1, 1)",
		     name, name);
	return modeldb_int(m, "SELECT id FROM programme WHERE name = '%s'", name);
}

/* An arena with id 1 (arenas need a theme), written straight into the
 * tables; organisations and areas come from their models. */
static int64_t make_arena(struct modeldb *m, const char *title)
{
	modeldb_exec(m, "INSERT INTO theme (name, name_key, created_at, updated_at) VALUES ('%s', '%s', 1, 1)",
		     title, title);
	int64_t theme = modeldb_int(m, "SELECT id FROM theme WHERE name = '%s'", title);
	modeldb_exec(m, "INSERT INTO arena (title, title_key, theme_id, created_at, updated_at) "
			"VALUES ('%s', '%s', %lld, 1, 1)",
		     title, title, (long long)theme);
	return modeldb_int(m, "SELECT id FROM arena WHERE title = '%s'", title);
}

static void test_role_and_scope_codes(void **state)
{
	(void)state;
	static const char *const roles[ROLE__MAX] = {
		[ROLE_ADMIN] = "admin",       [ROLE_FACILITATOR] = "facilitator",
		[ROLE_MODERATOR] = "moderator", [ROLE_COUNCIL] = "council",
		[ROLE_COORDINATOR] = "coordinator", [ROLE_GUIDE] = "guide",
		[ROLE_NEWCOMER] = "newcomer", [ROLE_REPRESENTATIVE] = "representative",
	};
	for (int r = 0; r < ROLE__MAX; r++) {
		assert_string_equal(role_code((enum role)r), roles[r]);
		assert_int_equal(role_parse(roles[r]), r);
		for (int k = 0; k < r; k++) /* each its own name on the page */
			assert_int_not_equal(role_msg((enum role)r), role_msg((enum role)k));
	}
	static const char *const scopes[SCOPE__MAX] = {
		[SCOPE_GLOBAL] = "", [SCOPE_ARENA] = "arena", [SCOPE_ORGANISATION] = "organisation",
		[SCOPE_AREA] = "area", [SCOPE_PROGRAMME] = "programme",
	};
	for (int s = 0; s < SCOPE__MAX; s++) {
		assert_string_equal(scope_code((enum scope)s), scopes[s]);
		assert_int_equal(scope_parse(scopes[s]), s);
	}
	static const char *const unknown[] = { "Admin", "ADMIN", "admin ", "administrator", "", "global",
					       "Arena", "organization", "areas", "program" };
	for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++)
		if (role_parse(unknown[i]) != -1)
			fail_msg("role_parse(\"%s\") is %d", unknown[i], role_parse(unknown[i]));
	for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++)
		if (*unknown[i] && scope_parse(unknown[i]) != -1)
			fail_msg("scope_parse(\"%s\") is %d", unknown[i], scope_parse(unknown[i]));
	assert_int_equal(role_parse(NULL), -1);
	assert_int_equal(scope_parse(NULL), -1);
	assert_string_equal(role_code(ROLE__MAX), "?");
}

static void test_each_role_may_have_only_its_scopes(void **state)
{
	struct modeldb *m = modeldb_get(state);
	int64_t id = modeldb_account(m, "anna@example.dk", "Anna");
	int64_t scope_ids[SCOPE__MAX] = {
		[SCOPE_GLOBAL] = 0, [SCOPE_ARENA] = make_arena(m, "Byhaven"),
		[SCOPE_ORGANISATION] = modeldb_org(m, "Røde Kors"), [SCOPE_AREA] = modeldb_area(m, "Nord"),
		[SCOPE_PROGRAMME] = make_programme(m, "Vejvisere"),
	};
	/* Per role: G global, R arena, O organisation, A area, P programme. */
	static const char *const allowed[ROLE__MAX] = {
		[ROLE_ADMIN] = "G",       [ROLE_FACILITATOR] = "GR", [ROLE_MODERATOR] = "GR",
		[ROLE_COUNCIL] = "G",     [ROLE_COORDINATOR] = "GP", [ROLE_GUIDE] = "GA",
		[ROLE_NEWCOMER] = "GA",   [ROLE_REPRESENTATIVE] = "O",
	};
	static const char letters[SCOPE__MAX] = { 'G', 'R', 'O', 'A', 'P' };
	int64_t granted = 0;
	for (int r = 0; r < ROLE__MAX; r++)
		for (int s = 0; s < SCOPE__MAX; s++) {
			struct field_errors e = { .n = 0 };
			enum model_rc rc = role_grant(m->db, id, (enum role)r, (enum scope)s, scope_ids[s], 0,
						      "test", &e);
			int may = strchr(allowed[r], letters[s]) != NULL;
			if (may && rc != MODEL_OK)
				fail_msg("%s with scope '%s': rc %d, expected MODEL_OK", role_code((enum role)r),
					 scope_code((enum scope)s), rc);
			if (!may && (rc != MODEL_INVALID || field_error_get(&e, "scope") != MSG_FORM_ROLE_SCOPE))
				fail_msg("%s with scope '%s': rc %d, not refused on \"scope\"",
					 role_code((enum role)r), scope_code((enum scope)s), rc);
			granted += may;
		}
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM role_grant"), granted);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM audit_log"), granted); /* refusals: none */

	struct field_errors e = { .n = 0 };
	assert_int_equal(role_grant(m->db, id, ROLE__MAX, SCOPE_GLOBAL, 0, 0, "test", &e), MODEL_INVALID);
	assert_int_equal(field_error_get(&e, "role"), MSG_FORM_CHOOSE_ONE);
	e.n = 0;
	assert_int_equal(role_grant(m->db, id, (enum role)-1, SCOPE_GLOBAL, 0, 0, "test", &e), MODEL_INVALID);
	assert_int_equal(field_error_get(&e, "role"), MSG_FORM_CHOOSE_ONE);
	e.n = 0;
	assert_int_equal(role_grant(m->db, id, ROLE_GUIDE, SCOPE__MAX, 1, 0, "test", &e), MODEL_INVALID);
	assert_int_equal(field_error_get(&e, "scope"), MSG_FORM_ROLE_SCOPE);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM role_grant"), granted);
}

static void test_grant_to_something_that_does_not_exist_is_refused(void **state)
{
	struct modeldb *m = modeldb_get(state);
	int64_t id = modeldb_account(m, "anna@example.dk", "Anna");
	int64_t org = modeldb_org(m, "Røde Kors"), area = modeldb_area(m, "Nord"),
		arena = make_arena(m, "Byhaven");
	static const struct {
		enum role role;
		enum scope scope;
	} cases[] = {
		{ ROLE_REPRESENTATIVE, SCOPE_ORGANISATION },
		{ ROLE_COORDINATOR, SCOPE_PROGRAMME },
		{ ROLE_FACILITATOR, SCOPE_ARENA },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		/* The id of an existing thing of another kind, and no id. */
		const int64_t missing[] = { org + area + arena, 0, -1 };
		for (size_t k = 0; k < sizeof missing / sizeof missing[0]; k++) {
			struct field_errors e = { .n = 0 };
			enum model_rc rc = role_grant(m->db, id, cases[i].role, cases[i].scope, missing[k], 0,
						      "test", &e);
			if (rc != MODEL_INVALID || field_error_get(&e, "scope_id") != MSG_FORM_NO_SUCH_SCOPE)
				fail_msg("%s of %s %lld: rc %d, not refused on \"scope_id\"",
					 role_code(cases[i].role), scope_code(cases[i].scope),
					 (long long)missing[k], rc);
		}
	}
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM role_grant"), 0);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM audit_log"), 0);
}

static void test_duplicate_is_conflict_and_revoke_removes(void **state)
{
	struct modeldb *m = modeldb_get(state);
	int64_t id = modeldb_account(m, "anna@example.dk", "Anna");
	int64_t a = modeldb_org(m, "Røde Kors"), b = modeldb_org(m, "Boldklubben");
	struct field_errors e = { .n = 0 };
	assert_int_equal(role_grant(m->db, id, ROLE_REPRESENTATIVE, SCOPE_ORGANISATION, a, 0, "t", &e), MODEL_OK);
	assert_int_equal(role_grant(m->db, id, ROLE_REPRESENTATIVE, SCOPE_ORGANISATION, a, 0, "t", &e),
			 MODEL_CONFLICT);
	assert_int_equal(e.n, 0);
	/* The same role elsewhere, and globally with a stray id, are new. */
	assert_int_equal(role_grant(m->db, id, ROLE_REPRESENTATIVE, SCOPE_ORGANISATION, b, 0, "t", &e), MODEL_OK);
	assert_int_equal(role_grant(m->db, id, ROLE_GUIDE, SCOPE_GLOBAL, 0, 0, "t", &e), MODEL_OK);
	assert_int_equal(role_grant(m->db, id, ROLE_GUIDE, SCOPE_GLOBAL, 77, 0, "t", &e), MODEL_CONFLICT);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM role_grant"), 3);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM audit_log"), 3); /* not for conflicts */

	int64_t grant = modeldb_int(m, "SELECT id FROM role_grant WHERE scope_id = %lld", (long long)a);
	assert_int_equal(role_revoke(m->db, grant, 0, "t"), MODEL_OK);
	assert_int_equal(role_revoke(m->db, grant, 0, "t"), MODEL_NOT_FOUND);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM role_grant"), 2);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM audit_log"), 4);
	int allowed = 1;
	assert_int_equal(role_permits(m->db, id, 0, PERM_REPRESENT, a, &allowed), MODEL_OK);
	assert_int_equal(allowed, 0);
	/* Granted again after revoking. */
	assert_int_equal(role_grant(m->db, id, ROLE_REPRESENTATIVE, SCOPE_ORGANISATION, a, 0, "t", &e), MODEL_OK);
}

static void test_grant_and_revoke_are_audited_with_actor_and_client(void **state)
{
	struct modeldb *m = modeldb_get(state);
	int64_t admin = modeldb_account(m, "admin@example.dk", "Admin");
	int64_t anna = modeldb_account(m, "anna@example.dk", "Anna");
	int64_t org = modeldb_org(m, "Røde Kors");
	struct field_errors e = { .n = 0 };
	int64_t before = model_now();
	assert_int_equal(role_grant(m->db, anna, ROLE_REPRESENTATIVE, SCOPE_ORGANISATION, org, admin,
				    "192.0.2.9", &e),
			 MODEL_OK);
	assert_int_equal(role_grant(m->db, anna, ROLE_ADMIN, SCOPE_GLOBAL, 0, 0, "command line", &e), MODEL_OK);
	int64_t grant = modeldb_int(m, "SELECT id FROM role_grant WHERE role = 'representative'");
	assert_int_equal(role_revoke(m->db, grant, admin, "198.51.100.4"), MODEL_OK);

	struct paging p = { .page = 1, .per_page = 10 };
	struct audit_entry *items;
	size_t n;
	assert_int_equal(audit_list(m->db, m->region, &p, &items, &n), MODEL_OK);
	assert_int_equal(n, 3);
	/* Newest first: the revoke, the command-line grant, the grant; each
	 * names whose role, which, and in what. */
	assert_int_equal(items[0].kind, AUDIT_ROLE_REVOKED);
	assert_int_equal(items[0].person_id, anna);
	assert_string_equal(items[0].detail, "representative");
	assert_int_equal(items[0].object, AUDIT_ON_ORGANISATION);
	assert_int_equal(items[0].object_id, org);
	assert_string_equal(items[0].object_name, "Røde Kors");
	assert_int_equal(items[0].actor_id, admin);
	assert_string_equal(items[0].actor_name, "Admin");
	assert_string_equal(items[0].client, "198.51.100.4");
	assert_int_equal(items[1].kind, AUDIT_ROLE_GRANTED);
	assert_string_equal(items[1].detail, "admin");
	assert_int_equal(items[1].object, AUDIT_ON_NOTHING);
	assert_int_equal(items[1].actor_id, 0); /* the system */
	assert_null(items[1].actor_name);
	assert_string_equal(items[1].client, "command line");
	assert_int_equal(items[2].kind, AUDIT_ROLE_GRANTED);
	assert_int_equal(items[2].person_id, anna);
	assert_string_equal(items[2].person_name, "Anna");
	assert_int_equal(items[2].object_id, org);
	assert_int_equal(items[2].actor_id, admin);
	assert_string_equal(items[2].client, "192.0.2.9");
	assert_in_range(items[2].at, before, model_now());
	/* Who granted it is also kept on the grant itself. */
	assert_int_equal(modeldb_int(m, "SELECT granted_by FROM role_grant WHERE role = 'admin'"), MODELDB_NULL);
}

/* The platform always keeps an administrator: the last one's role is
 * not revoked, nor their account deleted; with two, either may go. */
static void test_last_administrator_is_kept(void **state)
{
	struct modeldb *m = modeldb_get(state);
	int64_t anna = modeldb_account(m, "anna@example.dk", "Anna");
	int64_t bo = modeldb_account(m, "bo@example.dk", "Bo");
	struct field_errors e = { .n = 0 };
	assert_int_equal(role_grant(m->db, anna, ROLE_ADMIN, SCOPE_GLOBAL, 0, 0, "t", &e), MODEL_OK);
	int64_t grant = modeldb_int(m, "SELECT id FROM role_grant WHERE account_id = %lld", (long long)anna);
	int last = 0;
	assert_int_equal(role_is_last_admin(m->db, anna, &last), MODEL_OK);
	assert_int_equal(last, 1);
	assert_int_equal(role_is_last_admin(m->db, bo, &last), MODEL_OK);
	assert_int_equal(last, 0);
	assert_int_equal(role_revoke(m->db, grant, anna, "t"), MODEL_CONFLICT);
	assert_int_equal(account_delete(m->db, anna, ACCOUNT_DELETE_KEEP_TEXTS), MODEL_CONFLICT);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM role_grant WHERE role = 'admin'"), 1);
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM account"), 2);
	/* Nothing was written: the refusals are not in the audit log. */
	assert_int_equal(modeldb_int(m, "SELECT COUNT(*) FROM audit_log WHERE action = 'role.revoke'"), 0);
	/* A second administrator: now the first may go. */
	assert_int_equal(role_grant(m->db, bo, ROLE_ADMIN, SCOPE_GLOBAL, 0, anna, "t", &e), MODEL_OK);
	assert_int_equal(role_is_last_admin(m->db, anna, &last), MODEL_OK);
	assert_int_equal(last, 0);
	assert_int_equal(role_revoke(m->db, grant, bo, "t"), MODEL_OK);
	/* And then Bo is the last. */
	int64_t bos = modeldb_int(m, "SELECT id FROM role_grant WHERE account_id = %lld", (long long)bo);
	assert_int_equal(role_revoke(m->db, bos, bo, "t"), MODEL_CONFLICT);
	/* Other roles of the last administrator come and go as ever. */
	assert_int_equal(role_grant(m->db, bo, ROLE_MODERATOR, SCOPE_GLOBAL, 0, bo, "t", &e), MODEL_OK);
	int64_t mod = modeldb_int(m, "SELECT id FROM role_grant WHERE role = 'moderator'");
	assert_int_equal(role_revoke(m->db, mod, bo, "t"), MODEL_OK);
}

static void test_lists_holders_and_global_bits(void **state)
{
	struct modeldb *m = modeldb_get(state);
	int64_t bo = modeldb_account(m, "bo@example.dk", "Bo");
	int64_t anna = modeldb_account(m, "anna@example.dk", "Anna");
	int64_t org = modeldb_org(m, "Røde Kors"), programme = make_programme(m, "Vejvisere"),
		arena = make_arena(m, "Byhaven");
	struct field_errors e = { .n = 0 };
	assert_int_equal(role_grant(m->db, anna, ROLE_FACILITATOR, SCOPE_ARENA, arena, 0, "t", &e), MODEL_OK);
	assert_int_equal(role_grant(m->db, anna, ROLE_COORDINATOR, SCOPE_PROGRAMME, programme, 0, "t", &e),
			 MODEL_OK);
	assert_int_equal(role_grant(m->db, anna, ROLE_MODERATOR, SCOPE_GLOBAL, 0, 0, "t", &e), MODEL_OK);
	assert_int_equal(role_grant(m->db, bo, ROLE_REPRESENTATIVE, SCOPE_ORGANISATION, org, 0, "t", &e), MODEL_OK);
	assert_int_equal(role_grant(m->db, bo, ROLE_FACILITATOR, SCOPE_ARENA, arena, 0, "t", &e), MODEL_OK);
	assert_int_equal(role_grant(m->db, bo, ROLE_ADMIN, SCOPE_GLOBAL, 0, 0, "t", &e), MODEL_OK);

	struct role_grant *g;
	size_t n;
	assert_int_equal(role_list(m->db, m->region, anna, &g, &n), MODEL_OK);
	assert_int_equal(n, 3);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(g[i].account_id, anna);
		assert_string_equal(g[i].account_name, "Anna");
		assert_string_equal(g[i].account_email, "anna@example.dk");
		/* Each scoped grant names its arena, area or organisation. */
		if (g[i].role == ROLE_FACILITATOR) {
			assert_int_equal(g[i].scope, SCOPE_ARENA);
			assert_int_equal(g[i].scope_id, arena);
			assert_string_equal(g[i].scope_name, "Byhaven");
		} else if (g[i].role == ROLE_COORDINATOR) {
			assert_int_equal(g[i].scope, SCOPE_PROGRAMME);
			assert_string_equal(g[i].scope_name, "Vejvisere");
		} else {
			assert_int_equal(g[i].role, ROLE_MODERATOR);
			assert_int_equal(g[i].scope, SCOPE_GLOBAL);
			assert_int_equal(g[i].scope_id, 0);
			assert_string_equal(g[i].scope_name, "");
		}
	}
	assert_int_equal(role_list(m->db, m->region, 0, &g, &n), MODEL_OK);
	assert_int_equal(n, 6);
	assert_string_equal(g[0].account_name, "Anna"); /* by name */
	assert_string_equal(g[5].account_name, "Bo");
	for (size_t i = 0; i < n; i++)
		if (g[i].role == ROLE_REPRESENTATIVE)
			assert_string_equal(g[i].scope_name, "Røde Kors");

	assert_int_equal(role_holders(m->db, m->region, ROLE_FACILITATOR, SCOPE_ARENA, arena, &g, &n), MODEL_OK);
	assert_int_equal(n, 2);
	assert_string_equal(g[0].account_name, "Anna");
	assert_string_equal(g[1].account_name, "Bo");
	assert_int_equal(role_holders(m->db, m->region, ROLE_FACILITATOR, SCOPE_ARENA, arena + 1, &g, &n),
			 MODEL_OK);
	assert_int_equal(n, 0);

	unsigned bits = 99;
	assert_int_equal(role_global_bits(m->db, anna, &bits), MODEL_OK);
	assert_int_equal(bits, 1u << ROLE_MODERATOR); /* scoped grants are not global */
	assert_int_equal(role_global_bits(m->db, bo, &bits), MODEL_OK);
	assert_int_equal(bits, 1u << ROLE_ADMIN);
	assert_int_equal(role_global_bits(m->db, bo + anna, &bits), MODEL_OK);
	assert_int_equal(bits, 0);
}

/* The people of the permission table, each with one grant. */
enum who {
	ANONYMOUS, PARTICIPANT, ADMIN, FACILITATOR, ARENA_FACILITATOR, MODERATOR, ARENA_MODERATOR,
	REPRESENTATIVE, COORDINATOR, PROGRAMME_COORDINATOR, COUNCIL, AREA_GUIDE, WHO__MAX
};

#define ANSWERS(anyone, signed_in, admin, organise, facilitate, moderate, represent, coordinate,  \
		follow_up, decide, local_life, moderate_site)                                      \
	{ [PERM_ANYONE] = anyone, [PERM_SIGNED_IN] = signed_in, [PERM_ADMIN] = admin,              \
	  [PERM_ORGANISE] = organise, [PERM_FACILITATE] = facilitate, [PERM_MODERATE] = moderate,  \
	  [PERM_REPRESENT] = represent, [PERM_COORDINATE] = coordinate, [PERM_FOLLOW_UP] = follow_up, \
	  [PERM_DECIDE] = decide, [PERM_LOCAL_LIFE] = local_life, [PERM_MODERATE_SITE] = moderate_site }

static const struct {
	const char *name;
	int role;          /* -1: none */
	enum scope scope;  /* scoped grants are all of id 1: arena, organisation, area, programme */
	/* Per permission three answers: for scope id 1 (theirs), id 2 (another), 0 (none). */
	const char *answers[PERM__MAX];
} people[WHO__MAX] = {
	/*             ANYONE SIGNED ADMIN ORGANISE FACILITATE MODERATE REPRESENT COORDINATE FOLLOW_UP DECIDE
	 *             LOCAL_LIFE MODERATE_SITE (global roles only: no scope id counts) */
	[ANONYMOUS] = { "anonymous", -1, SCOPE_GLOBAL,
			ANSWERS("111", "000", "000", "000", "000", "000", "000", "000", "000", "000", "000", "000") },
	[PARTICIPANT] = { "participant", -1, SCOPE_GLOBAL,
			  ANSWERS("111", "111", "000", "000", "000", "000", "000", "000", "000", "000", "000", "000") },
	/* Newcomers' data is for coordinators: an administrator is not one. */
	[ADMIN] = { "admin", ROLE_ADMIN, SCOPE_GLOBAL,
		    ANSWERS("111", "111", "111", "111", "111", "111", "111", "000", "111", "111", "111", "111") },
	[FACILITATOR] = { "global facilitator", ROLE_FACILITATOR, SCOPE_GLOBAL,
			  ANSWERS("111", "111", "000", "111", "111", "111", "000", "000", "111", "000", "111", "111") },
	[ARENA_FACILITATOR] = { "facilitator of arena 1", ROLE_FACILITATOR, SCOPE_ARENA,
				ANSWERS("111", "111", "000", "000", "101", "101", "000", "000", "101", "000", "000", "000") },
	[MODERATOR] = { "global moderator", ROLE_MODERATOR, SCOPE_GLOBAL,
			ANSWERS("111", "111", "000", "000", "000", "111", "000", "000", "000", "000", "000", "111") },
	[ARENA_MODERATOR] = { "moderator of arena 1", ROLE_MODERATOR, SCOPE_ARENA,
			      ANSWERS("111", "111", "000", "000", "000", "101", "000", "000", "000", "000", "000", "000") },
	[REPRESENTATIVE] = { "representative of organisation 1", ROLE_REPRESENTATIVE, SCOPE_ORGANISATION,
			     ANSWERS("111", "111", "000", "000", "000", "000", "101", "000", "000", "000", "000", "000") },
	[COORDINATOR] = { "global coordinator", ROLE_COORDINATOR, SCOPE_GLOBAL,
			  ANSWERS("111", "111", "000", "000", "000", "000", "000", "111", "000", "000", "111", "000") },
	[PROGRAMME_COORDINATOR] = { "coordinator of programme 1", ROLE_COORDINATOR, SCOPE_PROGRAMME,
			       ANSWERS("111", "111", "000", "000", "000", "000", "000", "101", "000", "000", "000", "000") },
	[COUNCIL] = { "council", ROLE_COUNCIL, SCOPE_GLOBAL,
		      ANSWERS("111", "111", "000", "000", "000", "000", "000", "000", "111", "111", "000", "000") },
	[AREA_GUIDE] = { "guide of area 1", ROLE_GUIDE, SCOPE_AREA,
			 ANSWERS("111", "111", "000", "000", "000", "000", "000", "000", "000", "000", "000", "000") },
};

static void test_permits_table(void **state)
{
	struct modeldb *m = modeldb_get(state);
	/* One arena, organisation and area, each of id 1, so a check that
	 * mixed up the kinds would let someone through. */
	assert_int_equal(make_arena(m, "Byhaven"), 1);
	assert_int_equal(modeldb_org(m, "Røde Kors"), 1);
	assert_int_equal(modeldb_area(m, "Nord"), 1);
	assert_int_equal(make_programme(m, "Vejvisere"), 1);
	for (int p = 0; p < PERM__MAX; p++)
		for (int w = 0; w < WHO__MAX; w++)
			if (people[w].answers[p] == NULL)
				fail_msg("the table has no answers for permission %d (%s)", p, people[w].name);
	int64_t ids[WHO__MAX] = { 0 };
	for (int w = PARTICIPANT; w < WHO__MAX; w++) {
		char email[64];
		snprintf(email, sizeof email, "person%d@example.dk", w);
		ids[w] = modeldb_account(m, email, people[w].name);
		if (people[w].role >= 0) {
			struct field_errors e = { .n = 0 };
			assert_int_equal(role_grant(m->db, ids[w], (enum role)people[w].role, people[w].scope,
						    people[w].scope == SCOPE_GLOBAL ? 0 : 1, 0, "t", &e),
					 MODEL_OK);
		}
	}
	static const int64_t scope_ids[3] = { 1, 2, 0 };
	for (int w = 0; w < WHO__MAX; w++) {
		unsigned bits = 0;
		if (ids[w])
			assert_int_equal(role_global_bits(m->db, ids[w], &bits), MODEL_OK);
		for (int p = 0; p < PERM__MAX; p++)
			for (int k = 0; k < 3; k++) {
				int allowed = -1;
				assert_int_equal(role_permits(m->db, ids[w], bits, (enum perm)p, scope_ids[k], &allowed),
						 MODEL_OK);
				int expected = people[w].answers[p][k] == '1';
				if (allowed != expected)
					fail_msg("%s, permission %d, scope id %lld: allowed %d, expected %d",
						 people[w].name, p, (long long)scope_ids[k], allowed, expected);
			}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_role_and_scope_codes),
		MODELDB_BOTH(test_each_role_may_have_only_its_scopes),
		MODELDB_BOTH(test_grant_to_something_that_does_not_exist_is_refused),
		MODELDB_BOTH(test_duplicate_is_conflict_and_revoke_removes),
		MODELDB_BOTH(test_grant_and_revoke_are_audited_with_actor_and_client),
		MODELDB_BOTH(test_last_administrator_is_kept),
		MODELDB_BOTH(test_lists_holders_and_global_bits),
		MODELDB_BOTH(test_permits_table),
	};
	return cmocka_run_group_tests(tests, NULL, modeldb_group_teardown);
}
