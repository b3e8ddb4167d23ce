/*
 * routes.c: the route table (see routes.h): method, path, handler, flags,
 * and the permission the guard checks before the handler runs. Order
 * matters only where two patterns match the same path: the first wins.
 * tests/integration/permissions_test.c calls every route as every role;
 * a route missing from its matrix fails that test.
 */
#include "routes.h"

#include "api/api.h"
#include "http/asset.h"
#include "model/role.h"
#include "web/web.h"

const struct route app_routes[] = {
	{ HTTP_GET, "/", web_home, 0, PERM_ANYONE, 0 },
	{ HTTP_GET, "/arenas", web_arena_list, 0, PERM_ANYONE, 0 },
	{ HTTP_GET, "/arenas/new", web_arena_new, 0, PERM_ORGANISE, 0 },
	{ HTTP_POST, "/arenas/new", web_arena_create, ROUTE_UPLOAD, PERM_ORGANISE, 0 },
	{ HTTP_GET, "/arenas/{id}", web_arena_show, 0, PERM_ANYONE, 0 },
	{ HTTP_GET, "/arenas/{id}/edit", web_arena_edit, 0, PERM_FACILITATE, 0 },
	{ HTTP_POST, "/arenas/{id}/edit", web_arena_update, ROUTE_UPLOAD, PERM_FACILITATE, 0 },
	{ HTTP_POST, "/arenas/{id}/close", web_arena_close, 0, PERM_FACILITATE, 0 },
	{ HTTP_POST, "/arenas/{id}/reopen", web_arena_reopen, 0, PERM_FACILITATE, 0 },
	{ HTTP_GET, "/arenas/{id}/phases", web_arena_phases, 0, PERM_FACILITATE, 0 },
	{ HTTP_POST, "/arenas/{id}/phases", web_arena_set_phases, 0, PERM_FACILITATE, 0 },
	{ HTTP_POST, "/arenas/{id}/organisations", web_arena_invite, 0, PERM_FACILITATE, 0 },
	{ HTTP_POST, "/arenas/{id}/organisations/{org}/respond", web_arena_respond, 0, PERM_REPRESENT, 1 },
	{ HTTP_GET, "/arenas/{id}/dialogue", web_dialogue, 0, PERM_ANYONE, 0 },
	{ HTTP_POST, "/arenas/{id}/dialogue/vote", web_dialogue_vote, 0, PERM_ANYONE, 0 },
	{ HTTP_POST, "/arenas/{id}/dialogue/statements", web_dialogue_add, 0, PERM_ANYONE, 0 },
	{ HTTP_POST, "/arenas/{id}/dialogue/about", web_dialogue_about, 0, PERM_ANYONE, 0 },
	{ HTTP_GET, "/arenas/{id}/dialogue/moderate", web_dialogue_moderate_page, 0, PERM_MODERATE, 0 },
	{ HTTP_POST, "/arenas/{id}/dialogue/statements/{statement}/moderate", web_dialogue_moderate, 0,
	  PERM_MODERATE, 0 },
	{ HTTP_POST, "/arenas/{id}/dialogue/settings", web_dialogue_settings, 0, PERM_FACILITATE, 0 },
	{ HTTP_GET, "/arenas/{id}/opinion", web_opinion, 0, PERM_ANYONE, 0 },
	{ HTTP_GET, "/arenas/{id}/opinion.svg", web_opinion_svg, 0, PERM_ANYONE, 0 },
	{ HTTP_GET, "/arenas/{id}/activities/new", web_activity_new, 0, PERM_FACILITATE, 0 },
	{ HTTP_POST, "/arenas/{id}/activities/new", web_activity_create, 0, PERM_FACILITATE, 0 },
	{ HTTP_GET, "/arenas/{id}/activities/{activity}", web_activity_show, 0, PERM_ANYONE, 0 },
	{ HTTP_GET, "/arenas/{id}/activities/{activity}/edit", web_activity_edit, 0, PERM_FACILITATE, 0 },
	{ HTTP_POST, "/arenas/{id}/activities/{activity}/edit", web_activity_update, 0, PERM_FACILITATE, 0 },
	{ HTTP_POST, "/arenas/{id}/activities/{activity}/signup", web_activity_signup, 0, PERM_SIGNED_IN, 0 },
	{ HTTP_POST, "/arenas/{id}/activities/{activity}/cancel", web_activity_cancel, 0, PERM_SIGNED_IN, 0 },
	{ HTTP_GET, "/areas", web_area_list, 0, PERM_ANYONE, 0 },
	{ HTTP_GET, "/areas/{id}", web_area_show, 0, PERM_ANYONE, 0 },
	{ HTTP_GET, "/themes", web_theme_list, 0, PERM_ANYONE, 0 },
	{ HTTP_GET, "/themes/{id}", web_theme_show, 0, PERM_ANYONE, 0 },
	{ HTTP_GET, "/organisations", web_organisation_list, 0, PERM_ANYONE, 0 },
	{ HTTP_GET, "/organisations/{id}", web_organisation_show, 0, PERM_ANYONE, 0 },
	{ HTTP_GET, "/accessibility", web_accessibility, 0, PERM_ANYONE, 0 },
	{ HTTP_GET, "/privacy", web_privacy, 0, PERM_ANYONE, 0 },
	{ HTTP_GET, "/language", web_language, 0, PERM_ANYONE, 0 },
	{ HTTP_GET, "/stories", web_story_list, 0, PERM_ANYONE, 0 },
	{ HTTP_GET, "/stories.atom", web_story_feed, 0, PERM_ANYONE, 0 },
	{ HTTP_GET, "/stories/{id}", web_story_show, 0, PERM_ANYONE, 0 },
	/* {id} is a story: the handlers check that the user facilitates its arena. */
	{ HTTP_GET, "/stories/{id}/edit", web_story_edit, 0, PERM_SIGNED_IN, 0 },
	{ HTTP_POST, "/stories/{id}/edit", web_story_update, ROUTE_UPLOAD, PERM_SIGNED_IN, 0 },
	{ HTTP_GET, "/arenas/{id}/stories/new", web_story_new, 0, PERM_FACILITATE, 0 },
	{ HTTP_POST, "/arenas/{id}/stories/new", web_story_create, ROUTE_UPLOAD, PERM_FACILITATE, 0 },

	{ HTTP_GET, "/signup", web_signup_form, 0, PERM_ANYONE, 0 },
	{ HTTP_POST, "/signup", web_signup, 0, PERM_ANYONE, 0 },
	{ HTTP_GET, "/verify", web_verify_form, 0, PERM_ANYONE, 0 },
	{ HTTP_POST, "/verify", web_verify, 0, PERM_ANYONE, 0 },
	{ HTTP_GET, "/login", web_signin_form, 0, PERM_ANYONE, 0 },
	{ HTTP_POST, "/login", web_signin, 0, PERM_ANYONE, 0 },
	{ HTTP_POST, "/logout", web_signout, 0, PERM_ANYONE, 0 },
	{ HTTP_GET, "/password-reset", web_reset_form, 0, PERM_ANYONE, 0 },
	{ HTTP_POST, "/password-reset", web_reset, 0, PERM_ANYONE, 0 },

	{ HTTP_GET, "/me", web_me, 0, PERM_SIGNED_IN, 0 },
	{ HTTP_POST, "/me", web_me_update, 0, PERM_SIGNED_IN, 0 },
	{ HTTP_POST, "/me/password", web_me_password, 0, PERM_SIGNED_IN, 0 },
	{ HTTP_POST, "/me/consent", web_me_consent, 0, PERM_SIGNED_IN, 0 },
	{ HTTP_POST, "/me/sessions", web_me_sessions, 0, PERM_SIGNED_IN, 0 },
	{ HTTP_GET, "/me/data", web_me_data, 0, PERM_SIGNED_IN, 0 },
	{ HTTP_POST, "/me/delete", web_me_delete, 0, PERM_SIGNED_IN, 0 },

	/* iCalendar feeds; the personal one's token is its credential, for
	 * calendar programs send no cookies. */
	{ HTTP_GET, "/arenas/{id}/calendar.ics", web_arena_calendar, 0, PERM_ANYONE, 0 },
	{ HTTP_GET, "/areas/{id}/calendar.ics", web_area_calendar, 0, PERM_ANYONE, 0 },
	{ HTTP_GET, "/me/calendar.ics", web_my_calendar, 0, PERM_ANYONE, 0 },
	{ HTTP_POST, "/me/calendar", web_my_calendar_renew, 0, PERM_SIGNED_IN, 0 },

	{ HTTP_GET, "/admin/roles", web_admin_roles, 0, PERM_ADMIN, 0 },
	{ HTTP_POST, "/admin/roles", web_admin_grant, 0, PERM_ADMIN, 0 },
	{ HTTP_POST, "/admin/roles/{id}/revoke", web_admin_revoke, 0, PERM_ADMIN, 0 },
	{ HTTP_GET, "/admin/audit", web_admin_audit, 0, PERM_ADMIN, 0 },

	{ HTTP_GET, "/api/v1/arenas", api_arena_list, 0, PERM_ANYONE, 0 },
	{ HTTP_GET, "/api/v1/arenas/{id}", api_arena_show, 0, PERM_ANYONE, 0 },
	{ HTTP_GET, "/api/v1/arenas/{id}/activities", api_activity_list, 0, PERM_ANYONE, 0 },
	{ HTTP_GET, "/api/v1/arenas/{id}/activities/{activity}", api_activity_show, 0, PERM_ANYONE, 0 },
	{ HTTP_GET, "/api/v1/arenas/{id}/opinion", api_opinion, 0, PERM_ANYONE, 0 },
	{ HTTP_GET, "/api/v1/areas", api_area_list, 0, PERM_ANYONE, 0 },
	{ HTTP_GET, "/api/v1/areas/{id}", api_area_show, 0, PERM_ANYONE, 0 },
	{ HTTP_GET, "/api/v1/themes", api_theme_list, 0, PERM_ANYONE, 0 },
	{ HTTP_GET, "/api/v1/themes/{id}", api_theme_show, 0, PERM_ANYONE, 0 },
	{ HTTP_GET, "/api/v1/organisations", api_organisation_list, 0, PERM_ANYONE, 0 },
	{ HTTP_GET, "/api/v1/organisations/{id}", api_organisation_show, 0, PERM_ANYONE, 0 },
	{ HTTP_GET, "/api/v1/stories", api_story_list, 0, PERM_ANYONE, 0 },
	{ HTTP_GET, "/api/v1/stories/{id}", api_story_show, 0, PERM_ANYONE, 0 },

	/* Issue 11: images, administration of the platform's own data. */
	{ HTTP_GET, "/images/*", web_image, 0, PERM_ANYONE, 0 },

	{ HTTP_GET, "/healthz", api_healthz, ROUTE_DB_OPTIONAL, PERM_ANYONE, 0 },
	{ HTTP_GET, "/metrics", api_metrics, ROUTE_NO_DB, PERM_ANYONE, 0 },
	{ HTTP_GET, "/assets/*", asset_handler, ROUTE_NO_DB, PERM_ANYONE, 0 },
};

const size_t app_routes_count = sizeof app_routes / sizeof app_routes[0];
