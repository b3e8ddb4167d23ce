/*
 * attend.h: what the activity page (activity.c) and the pages of
 * sign-ups for others and of who comes (attend.c) share.
 */
#ifndef SAMSKAB_WEB_ATTEND_H
#define SAMSKAB_WEB_ATTEND_H

#include "http/request.h"
#include "model/activity.h"
#include "model/arena.h"
#include "model/signup.h"
#include "web/html.h"

/* The activity of the path ({id}: its arena, {activity}), checked to
 * belong to that arena: a mismatch is a page that does not exist. */
MODEL_MUST_USE enum model_rc attend_load(struct req *r, struct arena *a, struct activity *x);
/* A language's name in the reader's language, or its code. */
void attend_language_name(struct html *h, const char *code, size_t n);
/* The needs part of a sign-up form: an interpreter (when the activity
 * offers interpretation), step-free access, childcare, other needs. */
void attend_needs_fields(struct html *h, struct req *r, const struct activity *x, const struct field_errors *errs);
/* The needs as posted by that part. */
struct signup_needs attend_needs_from_form(struct req *r);
/* Mails those who moved up from the waiting list (not those who gave
 * only a phone number: staff call them). */
MODEL_MUST_USE enum model_rc attend_tell_promoted(struct req *r, const struct activity *x,
				   const struct signup_promoted *p, size_t n);
/* The activity page (its sign-up form with errs), answered with status. */
int attend_activity_page(struct req *r, int status, const struct field_errors *errs);
/* The form to sign up without an account, on the activity page. */
void attend_guest_form(struct html *h, struct req *r, const struct activity *x, const struct field_errors *errs);

#endif
