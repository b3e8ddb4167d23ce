/*
 * reasons.c: the reasons behind a proposal and behind a newcomer left
 * without a guide, in words in the reader's language (see guides.h). The
 * facts come from src/match (what a pair shares; how many guides each
 * hard rule left out); only the wording is here.
 */
#include <stdio.h>

#include "web/guides.h"

static void sep(struct html *h, int *first)
{
	if (!*first)
		HTML(h, "; ");
	*first = 0;
}

/* One sentence with a set in it: "Both speak {1}". */
static void with_set(struct html *h, enum msg m, const struct vocab *v, uint64_t set, int *first)
{
	if (set == 0)
		return;
	sep(h, first);
	/* The set's words are catalogue texts themselves: write the sentence
	 * around them rather than through {1}. */
	html_msg(h, m);
	HTML(h, " ");
	guides_set(h, v, set);
}

void reasons_pair(struct html *h, struct req *r, uint64_t languages, uint64_t interests,
		  uint8_t times, int32_t km, int32_t waited_days)
{
	(void)r;
	int first = 1;
	HTML(h, "<span class=\"reasons\">");
	with_set(h, MSG_REASON_BOTH_SPEAK, &vocab_languages, languages, &first);
	with_set(h, MSG_REASON_BOTH_LIKE, &vocab_interests, interests, &first);
	with_set(h, MSG_REASON_BOTH_FREE, &vocab_times, times, &first);
	sep(h, &first);
	char n[24];
	if (km == 0) {
		html_msg(h, MSG_REASON_SAME_AREA);
	} else {
		snprintf(n, sizeof n, "%d", km);
		const char *args[] = { n };
		html_msgv(h, MSG_REASON_KM_APART, args, 1);
	}
	sep(h, &first);
	int weeks = waited_days / 7;
	snprintf(n, sizeof n, "%d", weeks >= 1 ? weeks : waited_days);
	const char *args[] = { n };
	html_msgv(h, weeks >= 2 ? MSG_REASON_WAITED_WEEKS
		  : weeks == 1  ? MSG_REASON_WAITED_WEEK
				: MSG_REASON_WAITED_DAYS,
		  args, 1);
	HTML(h, "</span>");
}

static const enum msg rule_names[MATCH_RULE__MAX] = {
	[MATCH_RULE_REACH] = MSG_RULE_REACH,	     [MATCH_RULE_LANGUAGE] = MSG_RULE_LANGUAGE,
	[MATCH_RULE_AVAILABILITY] = MSG_RULE_AVAILABILITY, [MATCH_RULE_GENDER] = MSG_RULE_GENDER,
	[MATCH_RULE_RECORD] = MSG_RULE_RECORD,	     [MATCH_RULE_REJECTED] = MSG_RULE_REJECTED,
	[MATCH_RULE_FULL] = MSG_RULE_FULL,
};

void reasons_rule(struct html *h, enum match_rule rule)
{
	if ((unsigned)rule < MATCH_RULE__MAX)
		html_msg(h, rule_names[rule]);
	else
		html_msg(h, MSG_RULE_FITS);
}

void reasons_unmatched(struct html *h, struct req *r, const struct pairing_unmatched *u)
{
	(void)r;
	const int32_t *c = u->why.guides;
	int deepest = -1;
	int32_t total = 0;
	for (int k = 0; k < MATCH_RULE__MAX; k++) {
		total += c[k];
		if (c[k] > 0)
			deepest = k;
	}
	char n[24];
	snprintf(n, sizeof n, "%d", deepest >= 0 ? c[deepest] : 0);
	HTML(h, "<p class=\"reason\">");
	switch (deepest) {
	case -1:
		html_msg(h, MSG_REASON_NO_GUIDES);
		break;
	case MATCH_RULE_REACH: {
		const char *args[] = { u->area_name };
		html_msgv(h, MSG_REASON_NONE_REACHES, args, 1);
		break;
	}
	case MATCH_RULE_LANGUAGE:
		/* "No guide within reach speaks Tigrinya or Arabic." */
		html_msg(h, MSG_REASON_NONE_SPEAKS);
		HTML(h, " ");
		guides_set(h, &vocab_languages, u->languages);
		HTML(h, ".");
		break;
	case MATCH_RULE_FULL:
		if (u->fit_area_name) {
			const char *args[] = { u->fit_area_name, n };
			html_msgv(h, MSG_REASON_ALL_FULL_IN, args, 2);
		} else {
			const char *args[] = { n };
			html_msgv(h, MSG_REASON_ALL_FULL, args, 1);
		}
		break;
	default: {
		static const enum msg sentences[MATCH_RULE__MAX] = {
			[MATCH_RULE_AVAILABILITY] = MSG_REASON_NO_TIME,
			[MATCH_RULE_GENDER] = MSG_REASON_NO_GENDER,
			[MATCH_RULE_RECORD] = MSG_REASON_NO_RECORD,
			[MATCH_RULE_REJECTED] = MSG_REASON_ALL_REJECTED,
		};
		const char *args[] = { n };
		html_msgv(h, sentences[deepest], args, 1);
		break;
	}
	}
	HTML(h, "</p>");
	if (total == 0)
		return;
	/* How many guides each rule left out. */
	HTML(h, "<p class=\"meta\">");
	int first = 1;
	for (int k = 0; k < MATCH_RULE__MAX; k++) {
		if (c[k] == 0)
			continue;
		if (!first)
			HTML(h, " · ");
		first = 0;
		html_msg(h, rule_names[k]);
		HTMLF(h, ": %d", c[k]);
	}
	HTML(h, "</p>");
}
