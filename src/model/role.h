/*
 * role.h: roles and the one permission check every handler goes through.
 * A role is granted globally or scoped (facilitator of one arena,
 * representative of one organisation, coordinator of one guide
 * programme); a global grant covers every scope; administrators may do
 * everything but coordinate: newcomers' data is for the programme's
 * coordinators alone (an administrator who must see it grants themselves
 * the role, which the audit log records). Every
 * signed-in person is a participant without a grant. Owns table
 * role_grant; grants and revocations are written to the audit log.
 */
#ifndef SAMSKAB_MODEL_ROLE_H
#define SAMSKAB_MODEL_ROLE_H

#include "model/model.h"

enum role {
	ROLE_ADMIN,
	ROLE_FACILITATOR,
	ROLE_MODERATOR,
	ROLE_COUNCIL,
	ROLE_COORDINATOR,
	ROLE_GUIDE,
	ROLE_NEWCOMER,
	ROLE_REPRESENTATIVE,
	ROLE__MAX
};

enum scope { SCOPE_GLOBAL, SCOPE_ARENA, SCOPE_ORGANISATION, SCOPE_AREA, SCOPE_PROGRAMME, SCOPE__MAX };

/* What a route or an action needs. Scoped ones take the scope's id. */
enum perm {
	PERM_ANYONE,     /* also anonymous visitors */
	PERM_SIGNED_IN,  /* any account */
	PERM_ADMIN,      /* administrators */
	PERM_ORGANISE,   /* a global facilitator: may open new arenas */
	PERM_FACILITATE, /* facilitator of the arena (scope id), or global */
	PERM_MODERATE,   /* moderator or facilitator of the arena, or global */
	PERM_REPRESENT,  /* representative of the organisation (scope id) */
	PERM_COORDINATE, /* coordinator of the guide programme (scope id), or global;
			  * not administrators as such */
	PERM_FOLLOW_UP,  /* council member, or facilitator of the arena: a proposal's steps */
	PERM_DECIDE,     /* council member: the council's decision on a proposal */
	/* Local life (issue 14): */
	PERM_LOCAL_LIFE,    /* staff keeping local life: global facilitators and coordinators */
	PERM_MODERATE_SITE, /* global moderators and facilitators: content outside arenas */
	PERM__MAX
};

struct role_grant {
	int64_t id, account_id;
	enum role role;
	enum scope scope;
	int64_t scope_id;
	const char *account_name, *account_email, *scope_name;
	int64_t granted_at;
};

const char *role_code(enum role r);
int role_parse(const char *code); /* -1 if unknown */
enum msg role_msg(enum role r);
/* The role's name inside a sentence ("rollen som facilitator"). */
enum msg role_noun_msg(enum role r);
const char *scope_code(enum scope s);
int scope_parse(const char *code);

/* Grants (audited). MODEL_INVALID with errs when the role cannot have
 * that scope or the scope does not exist; MODEL_CONFLICT if held. */
MODEL_MUST_USE enum model_rc role_grant(struct store *db, int64_t account_id, enum role role, enum scope scope,
			 int64_t scope_id, int64_t actor_id, const char *client,
			 struct field_errors *errs);
/* Revokes a grant by id (audited); MODEL_NOT_FOUND if there is none;
 * MODEL_CONFLICT, nothing changed, when it is the last administrator's:
 * the platform always keeps one (give the role to someone else first). */
MODEL_MUST_USE enum model_rc role_revoke(struct store *db, int64_t grant_id, int64_t actor_id, const char *client);
/* *last 1 when the account is the platform's only administrator. */
MODEL_MUST_USE enum model_rc role_is_last_admin(struct store *db, int64_t account_id, int *last);
/* One grant by id, with the names of its account and scope. */
MODEL_MUST_USE enum model_rc role_get(struct store *db, struct region *a, int64_t grant_id, struct role_grant *out);
/* Grants of one account (account_id > 0) or of everyone (0). */
MODEL_MUST_USE enum model_rc role_list(struct store *db, struct region *a, int64_t account_id,
			struct role_grant **items, size_t *n);
/* Who holds role in exactly this scope (e.g. an arena's facilitators). */
MODEL_MUST_USE enum model_rc role_holders(struct store *db, struct region *a, enum role role, enum scope scope,
			   int64_t scope_id, struct role_grant **items, size_t *n);
/* Bit (1 << role) set for each global role the account holds. */
MODEL_MUST_USE enum model_rc role_global_bits(struct store *db, int64_t account_id, unsigned *bits);

/* The permission check. account_id 0 is an anonymous visitor; bits are
 * the account's global roles (role_global_bits). *allowed set. */
MODEL_MUST_USE enum model_rc role_permits(struct store *db, int64_t account_id, unsigned bits, enum perm p,
			   int64_t scope_id, int *allowed);

#endif
