/*
 * permissions_test.c: every route in the route table, called as every
 * role and as an anonymous visitor, must answer the status this matrix
 * says. A route added to src/routes.c without a row here fails the test,
 * so nobody adds a page without deciding who may use it.
 *
 * State-changing routes are called with a valid CSRF token and an empty
 * form: the matrix is about who gets past the guard (allowed roles get
 * the handler's answer to an empty form), not about the forms.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/secret.h"
#include "http/route.h"
#include "model/session.h"
#include "routes.h"
#include "store/store.h"
#include "support/support.h"

enum who { ANON, PARTICIPANT, FACILITATOR, MODERATOR, COUNCIL, COORDINATOR, GUIDE, NEWCOMER,
	   REPRESENTATIVE, ADMIN, NWHO };

static const struct {
	const char *email, *grant, *scope; /* grant NULL: no role */
} people[NWHO] = {
	[ANON] = { NULL, NULL, NULL },
	[PARTICIPANT] = { "participant@example.dk", NULL, NULL },
	[FACILITATOR] = { "facilitator@example.dk", "facilitator", NULL },
	[MODERATOR] = { "moderator@example.dk", "moderator", NULL },
	[COUNCIL] = { "council@example.dk", "council", NULL },
	[COORDINATOR] = { "coordinator@example.dk", "coordinator", NULL },
	[GUIDE] = { "guide@example.dk", "guide", NULL },
	[NEWCOMER] = { "newcomer@example.dk", "newcomer", NULL },
	[REPRESENTATIVE] = { "representative@example.dk", "representative", "organisation:1" },
	[ADMIN] = { "admin@example.dk", "admin", NULL },
};

/* Shorthands for rows where every signed-in role answers alike. */
#define EVERYONE(s) { s, s, s, s, s, s, s, s, s, s }
#define SIGNED_IN(anon, s) { anon, s, s, s, s, s, s, s, s, s }
#define ADMIN_ONLY(anon, other, admin) { anon, other, other, other, other, other, other, other, other, admin }
/* Global facilitators and administrators (the matrix's facilitator has
 * no arena of their own; 999999 is no arena, so mutations change nothing). */
#define FACILITATORS(anon, other, allowed) { anon, other, allowed, other, other, other, other, other, other, allowed }
#define MODERATORS(anon, other, allowed) { anon, other, allowed, allowed, other, other, other, other, other, allowed }
/* Staff who keep local life: global facilitators and coordinators, and
 * administrators. */
#define STAFF(anon, other, allowed) { anon, other, allowed, other, other, allowed, other, other, other, allowed }
#define REPRESENTATIVES(other, allowed) { other, other, other, other, other, other, other, other, allowed, allowed }
/* Coordinators of the guide programme (the matrix's is a global one);
 * not administrators: newcomers' data is for coordinators alone. */
#define COORDINATORS(anon, other, allowed) { anon, other, other, other, other, allowed, other, other, other, other }

static const struct {
	const char *route; /* "METHOD pattern", as in the table */
	const char *path;  /* what is requested */
	int status[NWHO];
} matrix[] = {
	{ "GET /", "/", EVERYONE(200) },
	{ "GET /arenas", "/arenas", EVERYONE(200) },
	{ "GET /arenas/new", "/arenas/new", FACILITATORS(303, 403, 200) },
	{ "POST /arenas/new", "/arenas/new", FACILITATORS(403, 403, 400) },
	{ "GET /arenas/{id}", "/arenas/2", EVERYONE(200) },
	{ "GET /arenas/{id}/edit", "/arenas/999999/edit", FACILITATORS(303, 403, 404) },
	{ "POST /arenas/{id}/edit", "/arenas/999999/edit", FACILITATORS(403, 403, 404) },
	{ "GET /arenas/{id}/close", "/arenas/999999/close", FACILITATORS(303, 403, 404) },
	{ "POST /arenas/{id}/close", "/arenas/999999/close", FACILITATORS(403, 403, 404) },
	{ "POST /arenas/{id}/reopen", "/arenas/999999/reopen", FACILITATORS(403, 403, 404) },
	{ "GET /arenas/{id}/phases", "/arenas/999999/phases", FACILITATORS(303, 403, 404) },
	{ "POST /arenas/{id}/phases", "/arenas/999999/phases", FACILITATORS(403, 403, 404) },
	{ "POST /arenas/{id}/organisations", "/arenas/999999/organisations", FACILITATORS(403, 403, 404) },
	{ "POST /arenas/{id}/organisations/{org}/respond", "/arenas/999999/organisations/1/respond",
	  REPRESENTATIVES(403, 400) },
	{ "GET /arenas/{id}/organisations/{org}/withdraw", "/arenas/999999/organisations/1/withdraw",
	  { 303, 403, 403, 403, 403, 403, 403, 403, 404, 404 } },
	{ "GET /arenas/{id}/dialogue", "/arenas/2/dialogue", EVERYONE(200) },
	{ "POST /arenas/{id}/dialogue/vote", "/arenas/999999/dialogue/vote", EVERYONE(400) },
	{ "POST /arenas/{id}/dialogue/statements", "/arenas/999999/dialogue/statements", EVERYONE(404) },
	{ "POST /arenas/{id}/dialogue/about", "/arenas/999999/dialogue/about", EVERYONE(404) },
	{ "GET /arenas/{id}/dialogue/moderate", "/arenas/999999/dialogue/moderate", MODERATORS(303, 403, 404) },
	{ "POST /arenas/{id}/dialogue/statements/{statement}/moderate",
	  "/arenas/999999/dialogue/statements/1/moderate", MODERATORS(403, 403, 400) },
	{ "POST /arenas/{id}/dialogue/settings", "/arenas/999999/dialogue/settings", FACILITATORS(403, 403, 400) },
	{ "GET /arenas/{id}/opinion", "/arenas/2/opinion", EVERYONE(200) },
	{ "GET /arenas/{id}/opinion.svg", "/arenas/2/opinion.svg", EVERYONE(200) },
	{ "GET /arenas/{id}/activities/new", "/arenas/999999/activities/new", FACILITATORS(303, 403, 404) },
	{ "POST /arenas/{id}/activities/new", "/arenas/999999/activities/new", FACILITATORS(403, 403, 404) },
	{ "GET /arenas/{id}/activities/{activity}", "/arenas/2/activities/5", EVERYONE(200) },
	{ "GET /arenas/{id}/activities/{activity}/edit", "/arenas/999999/activities/1/edit",
	  FACILITATORS(303, 403, 404) },
	{ "POST /arenas/{id}/activities/{activity}/edit", "/arenas/999999/activities/1/edit",
	  FACILITATORS(403, 403, 404) },
	{ "POST /arenas/{id}/activities/{activity}/signup", "/arenas/999999/activities/1/signup",
	  SIGNED_IN(403, 404) },
	{ "GET /arenas/{id}/activities/{activity}/cancel", "/arenas/999999/activities/1/cancel",
	  SIGNED_IN(303, 404) },
	{ "POST /arenas/{id}/activities/{activity}/cancel", "/arenas/999999/activities/1/cancel",
	  SIGNED_IN(403, 404) },
	{ "POST /arenas/{id}/activities/{activity}/guest", "/arenas/999999/activities/1/guest", EVERYONE(404) },
	{ "GET /arenas/{id}/activities/{activity}/attendees", "/arenas/999999/activities/1/attendees",
	  FACILITATORS(303, 403, 404) },
	{ "GET /arenas/{id}/activities/{activity}/attendees.csv", "/arenas/999999/activities/1/attendees.csv",
	  FACILITATORS(303, 403, 404) },
	{ "GET /arenas/{id}/activities/{activity}/signups/new", "/arenas/999999/activities/1/signups/new",
	  FACILITATORS(303, 403, 404) },
	{ "POST /arenas/{id}/activities/{activity}/signups/new", "/arenas/999999/activities/1/signups/new",
	  FACILITATORS(403, 403, 404) },
	{ "GET /arenas/{id}/activities/{activity}/signups/{signup}/cancel",
	  "/arenas/999999/activities/1/signups/1/cancel", FACILITATORS(303, 403, 404) },
	{ "POST /arenas/{id}/activities/{activity}/signups/{signup}/cancel",
	  "/arenas/999999/activities/1/signups/1/cancel", FACILITATORS(403, 403, 404) },
	{ "GET /guest", "/guest?token=unknown", EVERYONE(404) },
	{ "POST /guest", "/guest", EVERYONE(400) },
	{ "GET /areas", "/areas", EVERYONE(200) },
	{ "GET /areas/{id}", "/areas/1", EVERYONE(200) },
	{ "GET /themes", "/themes", EVERYONE(200) },
	{ "GET /themes/{id}", "/themes/1", EVERYONE(200) },
	{ "GET /organisations", "/organisations", EVERYONE(200) },
	{ "GET /organisations/{id}", "/organisations/1", EVERYONE(200) },
	{ "GET /accessibility", "/accessibility", EVERYONE(200) },
	{ "GET /privacy", "/privacy", EVERYONE(200) },
	{ "GET /language", "/language", EVERYONE(400) },
	{ "GET /stories", "/stories", EVERYONE(200) },
	{ "GET /stories.atom", "/stories.atom", EVERYONE(200) },
	{ "GET /stories/{id}", "/stories/999999", EVERYONE(404) },
	/* Signed in passes the guard; the handler checks the story's arena. */
	{ "GET /stories/{id}/edit", "/stories/999999/edit", SIGNED_IN(303, 404) },
	{ "POST /stories/{id}/edit", "/stories/999999/edit", SIGNED_IN(403, 404) },
	{ "GET /arenas/{id}/stories/new", "/arenas/999999/stories/new",
	  { 303, 403, 404, 403, 403, 403, 403, 403, 403, 404 } },
	{ "POST /arenas/{id}/stories/new", "/arenas/999999/stories/new",
	  { 403, 403, 404, 403, 403, 403, 403, 403, 403, 404 } },
	/* Proposals: 1 and 2 in the closed Folkemødet arena (1), 3 being
	 * written in Haarby (2), whose phase is the dialogue: only facilitators
	 * start proposals there now. */
	{ "GET /arenas/{id}/proposals", "/arenas/1/proposals", EVERYONE(200) },
	{ "GET /arenas/{id}/proposals/new", "/arenas/2/proposals/new", FACILITATORS(303, 409, 200) },
	{ "POST /arenas/{id}/proposals/new", "/arenas/999999/proposals/new", SIGNED_IN(403, 404) },
	{ "GET /arenas/{id}/proposals/compare", "/arenas/1/proposals/compare?ids=1,2", EVERYONE(200) },
	{ "GET /arenas/{id}/proposals/moderate", "/arenas/999999/proposals/moderate", MODERATORS(303, 403, 404) },
	{ "POST /arenas/{id}/proposals/moderate", "/arenas/999999/proposals/moderate", MODERATORS(403, 403, 400) },
	{ "GET /arenas/{id}/proposals/{proposal}", "/arenas/1/proposals/1", EVERYONE(200) },
	{ "GET /arenas/{id}/proposals/{proposal}/edit", "/arenas/2/proposals/3/edit", SIGNED_IN(303, 200) },
	{ "POST /arenas/{id}/proposals/{proposal}/edit", "/arenas/999999/proposals/1/edit", SIGNED_IN(403, 404) },
	{ "GET /arenas/{id}/proposals/{proposal}/history", "/arenas/1/proposals/1/history", EVERYONE(200) },
	{ "GET /arenas/{id}/proposals/{proposal}/diff", "/arenas/1/proposals/1/diff?from=1&to=5", EVERYONE(200) },
	{ "GET /arenas/{id}/proposals/{proposal}/revisions/{revision}", "/arenas/1/proposals/1/revisions/1",
	  EVERYONE(200) },
	{ "POST /arenas/{id}/proposals/{proposal}/restore", "/arenas/999999/proposals/1/restore", SIGNED_IN(403, 404) },
	{ "GET /arenas/{id}/proposals/{proposal}/amendments", "/arenas/1/proposals/1/amendments", EVERYONE(200) },
	{ "POST /arenas/{id}/proposals/{proposal}/amendments", "/arenas/999999/proposals/1/amendments",
	  SIGNED_IN(403, 404) },
	/* Signed in passes the guard; the handlers check authors and facilitators. */
	{ "POST /arenas/{id}/proposals/{proposal}/amendments/{amendment}/accept",
	  "/arenas/999999/proposals/1/amendments/1/accept", SIGNED_IN(403, 404) },
	{ "POST /arenas/{id}/proposals/{proposal}/amendments/{amendment}/reject",
	  "/arenas/999999/proposals/1/amendments/1/reject", SIGNED_IN(403, 404) },
	{ "POST /arenas/{id}/proposals/{proposal}/support", "/arenas/999999/proposals/1/support", SIGNED_IN(403, 400) },
	{ "POST /arenas/{id}/proposals/{proposal}/comments", "/arenas/999999/proposals/1/comments", SIGNED_IN(403, 404) },
	{ "GET /arenas/{id}/proposals/{proposal}/comments/{comment}", "/arenas/1/proposals/1/comments/999999",
	  EVERYONE(404) },
	{ "GET /arenas/{id}/proposals/{proposal}/comments/{comment}/report",
	  "/arenas/999999/proposals/1/comments/1/report", SIGNED_IN(303, 404) },
	{ "POST /arenas/{id}/proposals/{proposal}/comments/{comment}/report",
	  "/arenas/999999/proposals/1/comments/1/report", SIGNED_IN(403, 404) },
	{ "POST /arenas/{id}/proposals/{proposal}/comments/{comment}/moderate",
	  "/arenas/999999/proposals/1/comments/1/moderate", MODERATORS(403, 403, 400) },
	/* Council members and facilitators record steps; decisions, council members. */
	{ "POST /arenas/{id}/proposals/{proposal}/steps", "/arenas/999999/proposals/1/steps",
	  { 403, 403, 400, 403, 400, 403, 403, 403, 403, 400 } },
	{ "POST /arenas/{id}/proposals/{proposal}/decision", "/arenas/999999/proposals/1/decision",
	  { 403, 403, 403, 403, 404, 403, 403, 403, 403, 404 } },
	{ "GET /arenas/{id}/proposals/{proposal}/timeline.atom", "/arenas/1/proposals/1/timeline.atom", EVERYONE(200) },

	{ "GET /signup", "/signup", EVERYONE(200) },
	{ "POST /signup", "/signup", EVERYONE(400) },
	{ "GET /verify", "/verify", EVERYONE(404) },
	{ "POST /verify", "/verify", EVERYONE(404) },
	{ "GET /login", "/login", EVERYONE(200) },
	{ "POST /login", "/login", EVERYONE(400) },
	{ "GET /password-reset", "/password-reset", EVERYONE(200) },
	{ "POST /password-reset", "/password-reset", EVERYONE(400) },
	{ "GET /me", "/me", SIGNED_IN(303, 200) },
	{ "POST /me", "/me", SIGNED_IN(403, 400) },
	{ "POST /me/password", "/me/password", SIGNED_IN(403, 400) },
	{ "POST /me/consent", "/me/consent", SIGNED_IN(403, 400) },
	{ "POST /me/sessions", "/me/sessions", SIGNED_IN(403, 303) },
	{ "GET /me/data", "/me/data", SIGNED_IN(303, 200) },
	{ "POST /me/delete", "/me/delete", SIGNED_IN(403, 400) },
	{ "GET /arenas/{id}/calendar.ics", "/arenas/999999/calendar.ics", EVERYONE(404) },
	{ "GET /areas/{id}/calendar.ics", "/areas/1/calendar.ics", EVERYONE(200) },
	{ "GET /me/calendar.ics", "/me/calendar.ics?token=unknown", EVERYONE(404) },
	{ "POST /me/calendar", "/me/calendar", SIGNED_IN(403, 200) },
	{ "GET /admin/roles", "/admin/roles", ADMIN_ONLY(303, 403, 200) },
	{ "POST /admin/roles", "/admin/roles", ADMIN_ONLY(403, 403, 400) },
	{ "POST /admin/roles/{id}/revoke", "/admin/roles/999999/revoke", ADMIN_ONLY(403, 403, 404) },
	{ "GET /admin/audit", "/admin/audit", ADMIN_ONLY(303, 403, 200) },
	/* The guide programme: the demo's is 1; 999999 is none, so
	 * mutations change nothing. */
	{ "GET /programmes", "/programmes", EVERYONE(200) },
	{ "GET /programmes/new", "/programmes/new", ADMIN_ONLY(303, 403, 200) },
	{ "POST /programmes/new", "/programmes/new", ADMIN_ONLY(403, 403, 400) },
	{ "GET /programmes/{id}", "/programmes/1", EVERYONE(200) },
	{ "GET /programmes/{id}/guide", "/programmes/1/guide", SIGNED_IN(303, 200) },
	{ "POST /programmes/{id}/guide", "/programmes/999999/guide", SIGNED_IN(403, 404) },
	{ "POST /programmes/{id}/guide/status", "/programmes/999999/guide/status", SIGNED_IN(403, 404) },
	{ "GET /programmes/{id}/newcomer", "/programmes/1/newcomer", SIGNED_IN(303, 200) },
	{ "POST /programmes/{id}/newcomer", "/programmes/999999/newcomer", SIGNED_IN(403, 404) },
	{ "POST /programmes/{id}/newcomer/withdraw", "/programmes/999999/newcomer/withdraw",
	  SIGNED_IN(403, 404) },
	{ "GET /programmes/{id}/settings", "/programmes/1/settings", COORDINATORS(303, 403, 200) },
	{ "POST /programmes/{id}/settings", "/programmes/999999/settings", COORDINATORS(403, 403, 404) },
	{ "GET /programmes/{id}/dashboard", "/programmes/1/dashboard", COORDINATORS(303, 403, 200) },
	{ "GET /programmes/{id}/export.csv", "/programmes/1/export.csv", COORDINATORS(303, 403, 200) },
	{ "GET /programmes/{id}/guides", "/programmes/1/guides", COORDINATORS(303, 403, 200) },
	{ "POST /programmes/{id}/guides/{guide}/record", "/programmes/999999/guides/1/record",
	  COORDINATORS(403, 403, 404) },
	{ "GET /programmes/{id}/newcomers", "/programmes/1/newcomers", COORDINATORS(303, 403, 200) },
	{ "GET /programmes/{id}/newcomers/new", "/programmes/1/newcomers/new", COORDINATORS(303, 403, 200) },
	{ "POST /programmes/{id}/newcomers/new", "/programmes/999999/newcomers/new",
	  COORDINATORS(403, 403, 404) },
	{ "GET /programmes/{id}/newcomers/{newcomer}", "/programmes/1/newcomers/999999",
	  COORDINATORS(303, 403, 404) },
	{ "POST /programmes/{id}/newcomers/{newcomer}", "/programmes/999999/newcomers/1",
	  COORDINATORS(403, 403, 404) },
	{ "POST /programmes/{id}/newcomers/{newcomer}/withdraw", "/programmes/999999/newcomers/1/withdraw",
	  COORDINATORS(403, 403, 404) },
	{ "GET /programmes/{id}/round", "/programmes/1/round", COORDINATORS(303, 403, 200) },
	{ "POST /programmes/{id}/round/run", "/programmes/999999/round/run", COORDINATORS(403, 403, 404) },
	{ "POST /programmes/{id}/round/send", "/programmes/999999/round/send", COORDINATORS(403, 403, 404) },
	{ "GET /programmes/{id}/round/newcomers/{newcomer}", "/programmes/1/round/newcomers/999999",
	  COORDINATORS(303, 403, 404) },
	{ "POST /programmes/{id}/round/newcomers/{newcomer}/lock", "/programmes/999999/round/newcomers/1/lock",
	  COORDINATORS(403, 403, 404) },
	{ "POST /programmes/{id}/round/newcomers/{newcomer}/unlock",
	  "/programmes/999999/round/newcomers/1/unlock", COORDINATORS(403, 403, 404) },
	{ "POST /programmes/{id}/round/newcomers/{newcomer}/reject",
	  "/programmes/999999/round/newcomers/1/reject", COORDINATORS(403, 403, 404) },
	{ "GET /programmes/{id}/matches", "/programmes/1/matches", COORDINATORS(303, 403, 200) },
	{ "GET /programmes/{id}/matches/{match}", "/programmes/1/matches/999999", COORDINATORS(303, 403, 404) },
	{ "POST /programmes/{id}/matches/{match}/answer", "/programmes/999999/matches/1/answer",
	  COORDINATORS(403, 403, 404) },
	{ "POST /programmes/{id}/matches/{match}/meeting", "/programmes/999999/matches/1/meeting",
	  COORDINATORS(403, 403, 404) },
	{ "POST /programmes/{id}/matches/{match}/pause", "/programmes/999999/matches/1/pause",
	  COORDINATORS(403, 403, 404) },
	{ "POST /programmes/{id}/matches/{match}/end", "/programmes/999999/matches/1/end",
	  COORDINATORS(403, 403, 404) },
	{ "POST /programmes/{id}/matches/{match}/followup", "/programmes/999999/matches/1/followup",
	  COORDINATORS(403, 403, 404) },
	/* The answer link's token is its credential: none, none found. */
	{ "GET /matches/{id}/answer", "/matches/1/answer", EVERYONE(404) },
	{ "POST /matches/{id}/answer", "/matches/1/answer", EVERYONE(404) },
	{ "POST /matches/{id}/respond", "/matches/999999/respond", SIGNED_IN(403, 404) },

	{ "GET /api/v1/arenas", "/api/v1/arenas", EVERYONE(200) },
	{ "GET /api/v1/arenas/{id}", "/api/v1/arenas/2", EVERYONE(200) },
	{ "GET /api/v1/arenas/{id}/activities", "/api/v1/arenas/2/activities", EVERYONE(200) },
	{ "GET /api/v1/arenas/{id}/activities/{activity}", "/api/v1/arenas/2/activities/5", EVERYONE(200) },
	{ "GET /api/v1/arenas/{id}/opinion", "/api/v1/arenas/2/opinion", EVERYONE(200) },
	{ "GET /api/v1/arenas/{id}/proposals", "/api/v1/arenas/1/proposals", EVERYONE(200) },
	{ "GET /api/v1/proposals", "/api/v1/proposals", EVERYONE(200) },
	{ "GET /api/v1/proposals/{id}", "/api/v1/proposals/1", EVERYONE(200) },
	{ "GET /api/v1/areas", "/api/v1/areas", EVERYONE(200) },
	{ "GET /api/v1/areas/{id}", "/api/v1/areas/1", EVERYONE(200) },
	{ "GET /api/v1/themes", "/api/v1/themes", EVERYONE(200) },
	{ "GET /api/v1/themes/{id}", "/api/v1/themes/1", EVERYONE(200) },
	{ "GET /api/v1/organisations", "/api/v1/organisations", EVERYONE(200) },
	{ "GET /api/v1/organisations/{id}", "/api/v1/organisations/1", EVERYONE(200) },
	{ "GET /api/v1/stories", "/api/v1/stories", EVERYONE(200) },
	{ "GET /api/v1/stories/{id}", "/api/v1/stories/999999", EVERYONE(404) },
	/* Issue 11: images, administration of the platform's own data. */
	{ "GET /images/*", "/images/0000000000000000-320.jpg", EVERYONE(404) },
	{ "GET /admin", "/admin", ADMIN_ONLY(303, 403, 200) },
	{ "GET /admin/site", "/admin/site", ADMIN_ONLY(303, 403, 200) },
	{ "POST /admin/site", "/admin/site", ADMIN_ONLY(403, 403, 303) },
	{ "GET /brand.css", "/brand.css", EVERYONE(200) },
	{ "GET /admin/roles/{id}/revoke", "/admin/roles/999999/revoke", ADMIN_ONLY(303, 403, 404) },
	{ "GET /admin/areas", "/admin/areas", ADMIN_ONLY(303, 403, 200) },
	{ "GET /admin/areas/new", "/admin/areas/new", ADMIN_ONLY(303, 403, 200) },
	{ "POST /admin/areas/new", "/admin/areas/new", ADMIN_ONLY(403, 403, 400) },
	{ "GET /admin/areas/{id}/edit", "/admin/areas/999999/edit", ADMIN_ONLY(303, 403, 404) },
	{ "POST /admin/areas/{id}/edit", "/admin/areas/999999/edit", ADMIN_ONLY(403, 403, 400) },
	{ "GET /admin/areas/{id}/retire", "/admin/areas/999999/retire", ADMIN_ONLY(303, 403, 404) },
	{ "POST /admin/areas/{id}/retire", "/admin/areas/999999/retire", ADMIN_ONLY(403, 403, 404) },
	{ "POST /admin/areas/{id}/restore", "/admin/areas/999999/restore", ADMIN_ONLY(403, 403, 404) },
	{ "GET /admin/areas/{id}/delete", "/admin/areas/999999/delete", ADMIN_ONLY(303, 403, 404) },
	{ "POST /admin/areas/{id}/delete", "/admin/areas/999999/delete", ADMIN_ONLY(403, 403, 404) },
	{ "GET /admin/themes", "/admin/themes", ADMIN_ONLY(303, 403, 200) },
	{ "GET /admin/themes/new", "/admin/themes/new", ADMIN_ONLY(303, 403, 200) },
	{ "POST /admin/themes/new", "/admin/themes/new", ADMIN_ONLY(403, 403, 400) },
	{ "GET /admin/themes/{id}/edit", "/admin/themes/999999/edit", ADMIN_ONLY(303, 403, 404) },
	{ "POST /admin/themes/{id}/edit", "/admin/themes/999999/edit", ADMIN_ONLY(403, 403, 400) },
	{ "GET /admin/themes/{id}/retire", "/admin/themes/999999/retire", ADMIN_ONLY(303, 403, 404) },
	{ "POST /admin/themes/{id}/retire", "/admin/themes/999999/retire", ADMIN_ONLY(403, 403, 404) },
	{ "POST /admin/themes/{id}/restore", "/admin/themes/999999/restore", ADMIN_ONLY(403, 403, 404) },
	{ "GET /admin/themes/{id}/delete", "/admin/themes/999999/delete", ADMIN_ONLY(303, 403, 404) },
	{ "POST /admin/themes/{id}/delete", "/admin/themes/999999/delete", ADMIN_ONLY(403, 403, 404) },
	{ "GET /admin/organisations", "/admin/organisations", ADMIN_ONLY(303, 403, 200) },
	{ "GET /admin/organisations/new", "/admin/organisations/new", ADMIN_ONLY(303, 403, 200) },
	{ "POST /admin/organisations/new", "/admin/organisations/new", ADMIN_ONLY(403, 403, 400) },
	{ "GET /admin/organisations/{id}/edit", "/admin/organisations/999999/edit", ADMIN_ONLY(303, 403, 404) },
	{ "POST /admin/organisations/{id}/edit", "/admin/organisations/999999/edit", ADMIN_ONLY(403, 403, 404) },
	{ "GET /admin/organisations/{id}/retire", "/admin/organisations/999999/retire", ADMIN_ONLY(303, 403, 404) },
	{ "POST /admin/organisations/{id}/retire", "/admin/organisations/999999/retire", ADMIN_ONLY(403, 403, 404) },
	{ "POST /admin/organisations/{id}/restore", "/admin/organisations/999999/restore", ADMIN_ONLY(403, 403, 404) },
	{ "GET /admin/organisations/{id}/delete", "/admin/organisations/999999/delete", ADMIN_ONLY(303, 403, 404) },
	{ "POST /admin/organisations/{id}/delete", "/admin/organisations/999999/delete", ADMIN_ONLY(403, 403, 404) },
	/* Following, notifications, unsubscribing, search and exports (issue 15). */
	{ "POST /follow", "/follow", SIGNED_IN(403, 400) },
	{ "GET /me/notifications", "/me/notifications", SIGNED_IN(303, 200) },
	{ "POST /me/notifications/read", "/me/notifications/read", SIGNED_IN(403, 400) },
	{ "GET /me/notifications/settings", "/me/notifications/settings", SIGNED_IN(303, 200) },
	{ "POST /me/notifications/settings", "/me/notifications/settings", SIGNED_IN(403, 303) },
	/* The signed link is the credential: without one, nobody gets past. */
	{ "GET /unsubscribe", "/unsubscribe?u=1&s=all&t=x", EVERYONE(404) },
	{ "POST /unsubscribe", "/unsubscribe?u=1&s=all&t=x", EVERYONE(404) },
	{ "GET /search", "/search?q=haarby", EVERYONE(200) },
	{ "GET /arenas/{id}/export", "/arenas/999999/export", FACILITATORS(303, 403, 404) },
	{ "GET /arenas/{id}/export/*", "/arenas/999999/export/votes.csv", FACILITATORS(303, 403, 404) },
	{ "POST /arenas/{id}/export/*", "/arenas/999999/export/signups.csv", FACILITATORS(403, 403, 404) },
	{ "GET /api/v1/search", "/api/v1/search?q=haarby", EVERYONE(200) },

	{ "GET /healthz", "/healthz", EVERYONE(200) },
	{ "GET /metrics", "/metrics", EVERYONE(200) },
	{ "GET /assets/*", "/assets/none.css", EVERYONE(404) },
	/* Issue 14: local life. /associations/1 is an organisation the
	 * matrix's representative represents, not yet an association;
	 * /answers/1 is a demo conversation none of these people is in. */
	{ "GET /local-life", "/local-life", EVERYONE(200) },
	{ "GET /areas/{id}/local-life", "/areas/5/local-life", EVERYONE(200) },
	{ "GET /areas/{id}/local-life.ics", "/areas/5/local-life.ics", EVERYONE(200) },
	{ "GET /associations", "/associations", EVERYONE(200) },
	{ "GET /associations/new", "/associations/new", STAFF(303, 403, 200) },
	{ "POST /associations/new", "/associations/new", STAFF(403, 403, 400) },
	{ "GET /associations/import", "/associations/import", STAFF(303, 403, 200) },
	{ "POST /associations/import", "/associations/import", STAFF(403, 403, 400) },
	{ "GET /associations/export.csv", "/associations/export.csv", STAFF(303, 403, 200) },
	{ "GET /associations/{id}", "/associations/23", EVERYONE(200) },
	{ "GET /associations/{id}/edit", "/associations/1/edit", { 303, 403, 200, 403, 403, 200, 403, 403, 200, 200 } },
	{ "POST /associations/{id}/edit", "/associations/999999/edit", SIGNED_IN(403, 404) },
	{ "GET /associations/{id}/version", "/associations/999999/version", SIGNED_IN(303, 404) },
	{ "POST /associations/{id}/version", "/associations/999999/version", SIGNED_IN(403, 404) },
	{ "GET /associations/{id}/events/new", "/associations/999999/events/new", SIGNED_IN(303, 404) },
	{ "POST /associations/{id}/events/new", "/associations/999999/events/new", SIGNED_IN(403, 404) },
	{ "GET /associations/{id}/events/{event}", "/associations/23/events/1", EVERYONE(200) },
	{ "GET /associations/{id}/events/{event}/edit", "/associations/999999/events/1/edit", SIGNED_IN(303, 404) },
	{ "POST /associations/{id}/events/{event}/edit", "/associations/999999/events/1/edit", SIGNED_IN(403, 404) },
	{ "GET /practical", "/practical", EVERYONE(200) },
	{ "GET /practical/new", "/practical/new", STAFF(303, 403, 200) },
	{ "POST /practical/new", "/practical/new", STAFF(403, 403, 400) },
	{ "GET /practical/{id}", "/practical/1", EVERYONE(200) },
	{ "GET /practical/{id}/edit", "/practical/999999/edit", STAFF(303, 403, 404) },
	{ "POST /practical/{id}/edit", "/practical/999999/edit", STAFF(403, 403, 404) },
	{ "GET /practical/{id}/version", "/practical/999999/version", STAFF(303, 403, 404) },
	{ "POST /practical/{id}/version", "/practical/999999/version", STAFF(403, 403, 404) },
	{ "POST /practical/{id}/delete", "/practical/999999/delete", STAFF(403, 403, 404) },
	{ "GET /offers", "/offers", EVERYONE(200) },
	{ "GET /offers/new", "/offers/new", SIGNED_IN(303, 200) },
	{ "POST /offers/new", "/offers/new", SIGNED_IN(403, 400) },
	{ "GET /offers/mine", "/offers/mine", SIGNED_IN(303, 200) },
	{ "GET /offers/moderate", "/offers/moderate", MODERATORS(303, 403, 200) },
	{ "GET /offers/{id}", "/offers/1", EVERYONE(200) },
	{ "GET /offers/{id}/edit", "/offers/999999/edit", SIGNED_IN(303, 404) },
	{ "POST /offers/{id}/edit", "/offers/999999/edit", SIGNED_IN(403, 404) },
	{ "GET /offers/{id}/version", "/offers/999999/version", SIGNED_IN(303, 404) },
	{ "POST /offers/{id}/version", "/offers/999999/version", SIGNED_IN(403, 404) },
	{ "POST /offers/{id}/close", "/offers/999999/close", SIGNED_IN(403, 404) },
	{ "POST /offers/{id}/answer", "/offers/999999/answer", SIGNED_IN(403, 404) },
	{ "POST /offers/{id}/report", "/offers/999999/report", EVERYONE(404) },
	{ "POST /offers/{id}/hide", "/offers/999999/hide", MODERATORS(403, 403, 404) },
	{ "GET /answers/{id}", "/answers/1", SIGNED_IN(303, 404) },
	{ "POST /answers/{id}/messages", "/answers/1/messages", SIGNED_IN(403, 404) },
	{ "POST /answers/{id}/accept", "/answers/1/accept", SIGNED_IN(403, 404) },
	{ "POST /answers/{id}/decline", "/answers/1/decline", SIGNED_IN(403, 404) },
	{ "POST /answers/{id}/withdraw", "/answers/1/withdraw", SIGNED_IN(403, 404) },
	/* Last: it ends the session it is called with. */
	{ "POST /logout", "/logout", EVERYONE(303) },
};
#define NMATRIX (sizeof matrix / sizeof matrix[0])

static struct test_server srv;
static struct test_client clients[NWHO];

static void route_name(char *out, size_t n, const struct route *r)
{
	snprintf(out, n, "%s %s", http_method_name(r->method), r->pattern);
}

static void test_every_route_has_a_row(void **state)
{
	(void)state;
	int missing = 0;
	for (size_t i = 0; i < app_routes_count; i++) {
		char name[256];
		route_name(name, sizeof name, &app_routes[i]);
		size_t k;
		for (k = 0; k < NMATRIX && strcmp(matrix[k].route, name) != 0; k++)
			;
		if (k == NMATRIX) {
			fprintf(stderr, "# route without a row in the permission matrix: %s\n", name);
			missing++;
		}
	}
	for (size_t k = 0; k < NMATRIX; k++) {
		size_t i;
		for (i = 0; i < app_routes_count; i++) {
			char name[256];
			route_name(name, sizeof name, &app_routes[i]);
			if (strcmp(matrix[k].route, name) == 0)
				break;
		}
		if (i == app_routes_count) {
			fprintf(stderr, "# row for a route that does not exist: %s\n", matrix[k].route);
			missing++;
		}
	}
	assert_int_equal(missing, 0);
}

/* Accounts with their roles (command line), each signed in (a session
 * made in the database) with the CSRF token read from a page. */
static int setup(void **state)
{
	(void)state;
	const char *extra[] = { "--rate-factor", "100", NULL };
	test_db_create(&srv, 1);
	setenv("SAMSKAB_PASSWORD", "matrix-password", 1);
	for (int w = PARTICIPANT; w < NWHO; w++) {
		const char *add[] = { "user", "add", people[w].email, "Person", "--db", srv.db, NULL };
		assert_int_equal(test_run(add, NULL, NULL), 0);
		if (people[w].grant) {
			const char *grant[] = { "user", "grant", people[w].email, people[w].grant, people[w].scope,
						"--db", srv.db, NULL };
			if (people[w].scope == NULL) {
				grant[4] = "--db";
				grant[5] = srv.db;
				grant[6] = NULL;
			}
			assert_int_equal(test_run(grant, NULL, NULL), 0);
		}
	}
	unsetenv("SAMSKAB_PASSWORD");
	test_server_start(&srv, extra);
	assert_int_equal(secret_init(), 0);
	char err[256];
	struct store *db = store_open(srv.db, NULL, err, sizeof err);
	assert_non_null(db);
	for (int w = PARTICIPANT; w < NWHO; w++) {
		char token[SECRET_TOKEN_LEN + 1], query[128];
		snprintf(query, sizeof query, "SELECT id FROM account WHERE email = '%s'", people[w].email);
		struct store_sql q = STORE_SQL(query);
		struct store_stmt *st = store_prepare(db, &q);
		assert_int_equal(store_step(st), STORE_ROW);
		int64_t id = store_col_int(st, 0);
		store_reset(st);
		assert_int_equal(session_create(db, id, "127.0.0.1", "matrix", token), MODEL_OK);
		snprintf(clients[w].cookies, sizeof clients[w].cookies, "sid=%s", token);
	}
	store_close(db);
	for (int w = 0; w < NWHO; w++) {
		struct http_resp r;
		client_get(&srv, &clients[w], "/signup", &r); /* a page with a form: the token */
		assert_true(clients[w].csrf[0] != '\0');
		http_resp_free(&r);
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	test_server_stop(&srv);
	test_db_drop(&srv);
	return 0;
}

static void test_matrix(void **state)
{
	(void)state;
	int wrong = 0;
	for (size_t k = 0; k < NMATRIX; k++) {
		const char *space = strchr(matrix[k].route, ' ');
		int post = strncmp(matrix[k].route, "POST", 4) == 0;
		(void)space;
		for (int w = 0; w < NWHO; w++) {
			struct http_resp r;
			if (post)
				client_post(&srv, &clients[w], matrix[k].path, "", &r);
			else
				client_get(&srv, &clients[w], matrix[k].path, &r);
			if (r.status != matrix[k].status[w]) {
				fprintf(stderr, "# %s as %s: %ld, expected %d\n", matrix[k].route,
					people[w].email ? people[w].email : "anonymous", r.status, matrix[k].status[w]);
				wrong++;
			}
			if (r.status == 303 && matrix[k].status[w] == 303 && w == ANON && !post) {
				char *loc = http_header(&r, "Location");
				assert_contains(loc, "/login?next=");
				free(loc);
			}
			http_resp_free(&r);
		}
	}
	assert_int_equal(wrong, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		TEST_CASE(test_every_route_has_a_row),
		TEST_CASE(test_matrix),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
