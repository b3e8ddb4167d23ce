/*
 * web.h: the HTML page handlers (one file per concept in src/web/) and
 * what they share. Each handler's comment lists the statuses it returns.
 */
#ifndef SAMSKAB_WEB_WEB_H
#define SAMSKAB_WEB_WEB_H

#include "http/request.h"
#include "model/follow.h"
#include "model/model.h"

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

int web_home(struct req *r);
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
int web_arena_calendar(struct req *r);
int web_area_calendar(struct req *r);
int web_my_calendar(struct req *r);
int web_my_calendar_renew(struct req *r);
/* The "your calendar" section for /me: what the personal feed is, when
 * its address was made (created, from calendar_token_created; 0: not
 * yet), and the form that makes a new one. */
void web_calendar_section(struct html *h, struct req *r, int64_t created);

int web_arena_list(struct req *r);
int web_arena_show(struct req *r);
int web_arena_new(struct req *r);
int web_arena_create(struct req *r);
int web_arena_edit(struct req *r);
int web_arena_update(struct req *r);
int web_arena_close(struct req *r);
int web_arena_reopen(struct req *r);
int web_arena_phases(struct req *r);
int web_arena_set_phases(struct req *r);
int web_arena_invite(struct req *r);
int web_arena_respond(struct req *r);

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
int web_activity_cancel(struct req *r);
int web_activity_new(struct req *r);
int web_activity_create(struct req *r);
int web_activity_edit(struct req *r);
int web_activity_update(struct req *r);

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

int web_admin_roles(struct req *r);
int web_admin_grant(struct req *r);
int web_admin_revoke(struct req *r);
int web_admin_audit(struct req *r);

#endif
