/*
 * web.h: the HTML page handlers (one file per concept in src/web/) and
 * what they share. Each handler's comment lists the statuses it returns.
 */
#ifndef SAMSKAB_WEB_WEB_H
#define SAMSKAB_WEB_WEB_H

#include "http/request.h"
#include "model/follow.h"
#include "model/model.h"

struct html;

/* What a page writes, run by web_tx in one transaction on r->db. */
typedef enum model_rc (*web_tx_fn)(struct req *r, void *arg);
/* Runs fn(r, arg) in one write transaction: commits when it returns
 * MODEL_OK, rolls back otherwise. fn's code; or the store's (most often
 * MODEL_UNAVAILABLE) when the transaction cannot begin or commit, and
 * then nothing was written. Pages never begin, commit or roll back
 * themselves. */
MODEL_MUST_USE enum model_rc web_tx(struct req *r, web_tx_fn fn, void *arg);
/* Runs fn, which reads data whose every read the model logs (newcomers'
 * data, sign-ups' needs), in one write transaction on the primary
 * database, so the reads and their log entries are stored together: a
 * page shows what fn read only when this returns MODEL_OK
 * (MODEL_UNAVAILABLE: the primary is away). Inside fn, r->db is the
 * primary. */
MODEL_MUST_USE enum model_rc web_logged(struct req *r, web_tx_fn fn, void *arg);
/* The error page for r->status (and r->error); JSON under /api/. */
void web_render_error(struct req *r);

/* A page that asks before a consequential action (web/confirm.c): the
 * action's button is a link here; the form here posts it. */
struct web_confirm {
	const char *what;     /* exactly what will happen, with the names of
			       * those it concerns (plain text) */
	enum msg consequence; /* what follows from it, or MSG__MAX */
	const char *action;   /* where the form posts */
	enum msg submit;      /* its button: "Yes, remove the role" */
	const char *back;     /* where "No, go back" leads */
	int danger;           /* it cannot be undone: the button says so */
	int nav;              /* the menu entry (enum nav) */
	struct {
		const char *name, *value;
	} hidden[2];          /* fields the form posts too ({ NULL } for none) */
	int refuse;           /* nonzero: it cannot be done, and refused says
			       * why instead of the form */
	enum msg refused;
	int refused_status;   /* the status then (0: 200) */
};
int web_confirm(struct req *r, const struct web_confirm *c);
/* name in the genitive ("Frida Facilitators", "Hans'"), by the rule of
 * the page's catalogue (grammar.* keys). */
const char *web_genitive(struct req *r, const char *name);

int web_home(struct req *r);
struct term;
/* Local areas or themes as cards linking to base/ID. */
void web_term_cards(struct html *h, const char *base, const struct term *items, size_t n);
/* The note on the page of an area or theme that is no longer in use. */
void web_term_retired(struct html *h, const struct term *t);
struct arena;
struct activity;
/* The arenas (open ones first) and coming activities of an area or a
 * theme: what its page leads on to. */
void web_hub(struct html *h, struct req *r, const struct arena *arenas, size_t narenas,
	     const struct activity *next, size_t nnext);
int web_area_list(struct req *r);
int web_area_show(struct req *r);
int web_theme_list(struct req *r);
int web_theme_show(struct req *r);
int web_organisation_list(struct req *r);
int web_organisation_show(struct req *r);
int web_accessibility(struct req *r);
int web_language(struct req *r);
int web_privacy(struct req *r);

int web_story_list(struct req *r);
int web_story_show(struct req *r);
int web_story_feed(struct req *r);
int web_story_new(struct req *r);
int web_story_create(struct req *r);
int web_story_edit(struct req *r);
int web_story_update(struct req *r);

int web_signup_form(struct req *r);
int web_signup(struct req *r);
int web_verify_form(struct req *r);
int web_verify(struct req *r);
int web_signin_form(struct req *r);
int web_signin(struct req *r);
int web_signout(struct req *r);
int web_reset_form(struct req *r);
int web_reset(struct req *r);

int web_me(struct req *r);
int web_me_update(struct req *r);
int web_me_password(struct req *r);
int web_me_consent(struct req *r);
int web_me_sessions(struct req *r);
int web_me_data(struct req *r);
int web_me_delete(struct req *r);

struct html;
/* One iCalendar feed being written (web/calendar.c). */
struct calendar_feed {
	struct req *r;
	const struct lang *lang; /* of the texts the feed adds */
	const char *host;        /* of site.base_url, for UIDs */
	int64_t now;
};
/* Starts r's response as a calendar named name: headers, and the
 * calendar's own properties. */
void web_calendar_begin(struct calendar_feed *f, struct req *r, const struct lang *lang, const char *name);
/* Ends it; returns 200. */
int web_calendar_end(struct calendar_feed *f);
int web_arena_calendar(struct req *r);
int web_area_calendar(struct req *r);
int web_my_calendar(struct req *r);
int web_my_calendar_renew(struct req *r);
/* The "your calendar" section for /me: what the personal feed is, when
 * its address was made (created, from calendar_token_created; 0: not
 * yet), and the form that makes a new one. */
void web_calendar_section(struct html *h, struct req *r, int64_t created);

/* "Now: <phase>" for an arena in a list, the phase name in the arena's
 * language; nothing when no phase is current. */
void web_arena_now(struct html *h, const struct arena *a);
/* Arenas as cards (title as heading of the level given, status, theme,
 * areas, current phase): the arena list, the front page, an area's and
 * a theme's page. */
void web_arena_cards(struct html *h, struct req *r, const struct arena *items, size_t n, int level);
/* Activities as rows (title, kind, time, place; with show_arena, the
 * arena they belong to). */
void web_activity_rows(struct html *h, const struct activity *items, size_t n, int show_arena);
int web_arena_list(struct req *r);
int web_arena_show(struct req *r);
int web_arena_new(struct req *r);
int web_arena_create(struct req *r);
int web_arena_edit(struct req *r);
int web_arena_update(struct req *r);
int web_arena_close_confirm(struct req *r);
int web_arena_close(struct req *r);
int web_arena_reopen(struct req *r);
int web_arena_phases(struct req *r);
int web_arena_set_phases(struct req *r);
int web_arena_invite(struct req *r);
int web_arena_respond(struct req *r);
int web_arena_withdraw_confirm(struct req *r);
struct arena_member;
/* An organisation's invitation to an arena as its representative sees
 * it, with what they can answer: accept or decline it, withdraw after
 * accepting (asked first), accept after declining. with_arena: the
 * arena's name first (lists outside the arena's page). */
void web_invitation(struct html *h, struct req *r, const struct arena_member *m, int with_arena);

/* Cancels every sign-up of an account (in the caller's transaction):
 * places go to the waiting lists, whose people get a mail. */
MODEL_MUST_USE enum model_rc web_cancel_signups_of(struct req *r, int64_t account_id);
/* The reader's participant in dialogues: the account's, or the cookie's;
 * with create, a visitor without one gets a new random id in a cookie.
 * *id 0 if none. */
MODEL_MUST_USE enum model_rc web_participant(struct req *r, int create, int64_t *id);
int web_dialogue(struct req *r);
int web_dialogue_vote(struct req *r);
int web_dialogue_add(struct req *r);
int web_dialogue_about(struct req *r);
int web_dialogue_moderate_page(struct req *r);
int web_dialogue_moderate(struct req *r);
int web_dialogue_settings(struct req *r);
int web_opinion(struct req *r);
int web_opinion_svg(struct req *r);

int web_activity_show(struct req *r);
int web_activity_signup(struct req *r);
int web_activity_cancel_confirm(struct req *r);
int web_activity_cancel(struct req *r);
/* Sign-ups without an account and for others, who comes (web/attend.c). */
int web_activity_guest(struct req *r);
int web_guest(struct req *r);
int web_guest_act(struct req *r);
int web_attendees(struct req *r);
int web_attendees_csv(struct req *r);
int web_signup_for_form(struct req *r);
int web_signup_for(struct req *r);
int web_signup_for_cancel_confirm(struct req *r);
int web_signup_for_cancel(struct req *r);
int web_activity_new(struct req *r);
int web_activity_create(struct req *r);
int web_activity_edit(struct req *r);
int web_activity_update(struct req *r);

struct image_ref;
struct layout_page;
/* Gives a page's link preview (og:image) the image, when there is one. */
void web_page_image(struct req *r, struct layout_page *page, const struct image_ref *img, const char *alt);
/* GET /images/HASH-WIDTH.EXT: an image variant (web/image.c). */
int web_image(struct req *r);
/* The address of the variant of img at least width wide (or its widest). */
const char *web_image_url(struct req *r, const struct image_ref *img, int width);
/* <img> of img with every width in srcset (sizes: the CSS width it is
 * shown at), lazy; alt "" marks it decorative; nothing when img has no id. */
void web_img(struct html *h, struct req *r, const struct image_ref *img, const char *alt, const char *alt_lang,
	     const char *sizes, const char *cls);
/* The image a submitted form leaves, in *id: a new upload (decoded, then
 * stored in a transaction of its own so the form keeps it even when the
 * rest is refused; refused uploads get an error on "image"), the one kept
 * from an earlier try, none when "image_remove" is ticked, else current.
 * Call before the form's own web_tx. */
MODEL_MUST_USE enum model_rc web_image_take(struct req *r, int64_t current, int64_t *id, struct field_errors *errs);
/* The image part of a form (needs widget_form_begin_upload): the image
 * shown now with a box to remove it, a file input, and (alt not NULL)
 * its alt text; legend names what the image is. */
void web_image_fields(struct html *h, struct req *r, enum msg legend, int64_t image_id, const char *alt,
		      const struct field_errors *errs);

/* Administration (web/admin.c, admin_data.c, admin_site.c). */
int web_admin(struct req *r);
/* The way back to administration's front page, above its pages' <h1>. */
void web_admin_crumbs(struct html *h);
int web_admin_revoke_confirm(struct req *r);
int web_admin_terms(struct req *r);
int web_admin_term_new(struct req *r);
int web_admin_term_create(struct req *r);
int web_admin_term_edit(struct req *r);
int web_admin_term_update(struct req *r);
int web_admin_term_retire_confirm(struct req *r);
int web_admin_term_retire(struct req *r);
int web_admin_term_restore(struct req *r);
int web_admin_term_delete_confirm(struct req *r);
int web_admin_term_delete(struct req *r);
int web_admin_organisations(struct req *r);
int web_admin_organisation_new(struct req *r);
int web_admin_organisation_create(struct req *r);
int web_admin_organisation_edit(struct req *r);
int web_admin_organisation_update(struct req *r);
int web_admin_organisation_retire_confirm(struct req *r);
int web_admin_organisation_retire(struct req *r);
int web_admin_organisation_restore(struct req *r);
int web_admin_organisation_delete_confirm(struct req *r);
int web_admin_organisation_delete(struct req *r);
struct organisation;
/* Reads an organisation typed into a form, its fields named with prefix
 * (prefix "new_" for one added while inviting); -1 with an error on the
 * area when it is malformed. */
int web_organisation_from_form(struct req *r, const char *prefix, struct organisation *o, struct field_errors *errs);
/* The sector <select> named name. */
void web_sector_select(struct html *h, struct req *r, const char *name, int selected,
		       const struct field_errors *errs);

/* The guide programme (vejvisere): programme.c, guide.c, newcomer.c,
 * round.c, pairing.c. */
int web_programme_list(struct req *r);
int web_programme_show(struct req *r);
int web_programme_new(struct req *r);
int web_programme_create(struct req *r);
int web_programme_settings(struct req *r);
int web_programme_update(struct req *r);
int web_programme_dashboard(struct req *r);
int web_programme_export(struct req *r);
int web_guide_form(struct req *r);
int web_guide_save(struct req *r);
int web_guide_status(struct req *r);
int web_guide_list(struct req *r);
int web_guide_record(struct req *r);
int web_newcomer_form(struct req *r);
int web_newcomer_save(struct req *r);
int web_newcomer_withdraw_own(struct req *r);
int web_newcomer_list(struct req *r);
int web_newcomer_new(struct req *r);
int web_newcomer_create(struct req *r);
int web_newcomer_show(struct req *r);
int web_newcomer_update(struct req *r);
int web_newcomer_withdraw(struct req *r);
int web_round(struct req *r);
int web_round_run(struct req *r);
int web_round_send(struct req *r);
int web_round_lock(struct req *r);
int web_round_unlock(struct req *r);
int web_round_reject(struct req *r);
int web_round_candidates(struct req *r);
int web_match_list(struct req *r);
int web_match_show(struct req *r);
int web_match_record_answer(struct req *r);
int web_match_meeting(struct req *r);
int web_match_pause(struct req *r);
int web_match_end(struct req *r);
int web_match_followup(struct req *r);
int web_match_answer_page(struct req *r);
int web_match_answer(struct req *r);
int web_match_respond(struct req *r);
/* The reader's proposals and matches as guide or newcomer, for /me: read
 * (and the reads of newcomer data logged) before the page is drawn. */
struct my_programmes;
enum model_rc web_my_programmes(struct req *r, struct my_programmes **out);
void web_my_programmes_section(struct html *h, struct req *r, const struct my_programmes *m);
/* Proposals (web/proposal.c, revision.c, amendment.c, comment.c, step.c). */
int web_proposal_list(struct req *r);
int web_proposal_new(struct req *r);
int web_proposal_create(struct req *r);
int web_proposal_compare(struct req *r);
int web_proposal_show(struct req *r);
int web_proposal_support(struct req *r);
int web_revision_edit(struct req *r);
int web_revision_save(struct req *r);
int web_revision_history(struct req *r);
int web_revision_diff(struct req *r);
int web_revision_show(struct req *r);
int web_revision_restore(struct req *r);
int web_amendment_list(struct req *r);
int web_amendment_add(struct req *r);
int web_amendment_accept(struct req *r);
int web_amendment_reject(struct req *r);
int web_comment_add(struct req *r);
int web_comment_link(struct req *r);
int web_comment_report_form(struct req *r);
int web_comment_report(struct req *r);
int web_comment_moderate(struct req *r);
int web_comment_moderation_page(struct req *r);
int web_comment_moderation_bulk(struct req *r);
int web_step_add(struct req *r);
int web_step_decide(struct req *r);
int web_step_feed(struct req *r);
/* Following, notifications, unsubscribing (web/notify.c). */
struct html;
/* "Follow" (or, when on, "you follow this; stop") for the thing on this
 * page (read on with follow_get); a link to sign in for visitors. */
void web_follow_button(struct html *h, struct req *r, enum follow_kind kind, int64_t id, int on);
int web_follow(struct req *r);
int web_notifications(struct req *r);
int web_notifications_read(struct req *r);
int web_notify_settings(struct req *r);
int web_notify_settings_save(struct req *r);
int web_unsubscribe_page(struct req *r);
int web_unsubscribe(struct req *r);
int web_search(struct req *r);
/* Telling people of a change, in the caller's transaction (model codes):
 * a new activity (old NULL), or one changed or cancelled; a new current
 * phase; one's statement accepted or rejected (before the change); a new
 * story; an organisation invited to an arena. */
struct activity;
struct arena;
struct arena_phase;
struct statement;
struct story;
MODEL_MUST_USE enum model_rc web_tell_activity(struct req *r, const struct activity *old, const struct activity *x, int64_t id);
MODEL_MUST_USE enum model_rc web_tell_phase(struct req *r, const struct arena *before, const struct arena_phase *phases,
			     size_t n, int current);
MODEL_MUST_USE enum model_rc web_tell_moderated(struct req *r, const struct statement *s, int accept, const char *reason);
MODEL_MUST_USE enum model_rc web_tell_story(struct req *r, const struct story *s, int64_t id);
MODEL_MUST_USE enum model_rc web_tell_invitation(struct req *r, const struct arena *a, int64_t organisation_id);
/* A new welcome offer (id), told to the followers of its area. */
struct offer;
MODEL_MUST_USE enum model_rc web_tell_offer(struct req *r, const struct offer *o, int64_t id);
/* A step on a proposal's way through the council, or the council's
 * decision, told to the proposal's and its arena's followers; a reply
 * (id, its text) to the comment parent_id, told to that comment's author. */
struct proposal;
struct step;
MODEL_MUST_USE enum model_rc web_tell_step(struct req *r, const struct proposal *p, const struct step *s);
MODEL_MUST_USE enum model_rc web_tell_reply(struct req *r, const struct proposal *p, int64_t parent_id, int64_t id,
					    const char *body);
int web_arena_export(struct req *r);
int web_arena_export_file(struct req *r);

int web_admin_site(struct req *r);
int web_admin_site_save(struct req *r);
int web_brand_css(struct req *r);
/* Issue 14: local life (web/locallife.c, association.c,
 * association_csv.c, leisure.c, practical.c, offer.c, answer.c). */
int web_local_life(struct req *r);
int web_area_local_life(struct req *r);
int web_area_local_life_calendar(struct req *r);
int web_association_list(struct req *r);
int web_association_show(struct req *r);
int web_association_new(struct req *r);
int web_association_create(struct req *r);
int web_association_edit(struct req *r);
int web_association_update(struct req *r);
int web_association_version(struct req *r);
int web_association_version_save(struct req *r);
int web_association_import_form(struct req *r);
int web_association_import(struct req *r);
int web_association_export(struct req *r);
int web_leisure_show(struct req *r);
int web_leisure_new(struct req *r);
int web_leisure_create(struct req *r);
int web_leisure_edit(struct req *r);
int web_leisure_update(struct req *r);
int web_practical_index(struct req *r);
int web_practical_show(struct req *r);
int web_practical_new(struct req *r);
int web_practical_create(struct req *r);
int web_practical_edit(struct req *r);
int web_practical_update(struct req *r);
int web_practical_version(struct req *r);
int web_practical_version_save(struct req *r);
int web_practical_remove(struct req *r);
int web_offer_list(struct req *r);
int web_offer_show(struct req *r);
int web_offer_new(struct req *r);
int web_offer_create(struct req *r);
int web_offer_edit(struct req *r);
int web_offer_update(struct req *r);
int web_offer_version(struct req *r);
int web_offer_version_save(struct req *r);
int web_offer_close(struct req *r);
int web_offer_answer(struct req *r);
int web_offer_report(struct req *r);
int web_offer_hide(struct req *r);
int web_offer_moderate(struct req *r);
int web_offers_mine(struct req *r);
int web_answer_show(struct req *r);
int web_answer_message(struct req *r);
int web_answer_accept(struct req *r);
int web_answer_decline(struct req *r);
int web_answer_withdraw(struct req *r);

int web_admin_roles(struct req *r);
int web_admin_grant(struct req *r);
int web_admin_revoke(struct req *r);
int web_admin_audit(struct req *r);

#endif
