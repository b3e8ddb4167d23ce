/*
 * vocab.c: the fixed vocabularies (see vocab.h). Codes are what the
 * database keeps; bits only live in memory, so the order here may change.
 */
#include "model/vocab.h"

#include <stdio.h>
#include <string.h>

#include "core/language.h"
#include "match/match.h"

static const char *const interest_codes[] = {
	"football", "handball", "running", "cycling", "swimming", "fitness", "dance",
	"music", "singing", "crafts", "cooking", "gardening", "nature", "fishing",
	"board_games", "reading", "culture", "computers", "volunteering", "children",
};
static const enum msg interest_names[] = {
	MSG_INTEREST_FOOTBALL, MSG_INTEREST_HANDBALL,	MSG_INTEREST_RUNNING, MSG_INTEREST_CYCLING,
	MSG_INTEREST_SWIMMING, MSG_INTEREST_FITNESS,	MSG_INTEREST_DANCE,   MSG_INTEREST_MUSIC,
	MSG_INTEREST_SINGING,  MSG_INTEREST_CRAFTS,	MSG_INTEREST_COOKING, MSG_INTEREST_GARDENING,
	MSG_INTEREST_NATURE,   MSG_INTEREST_FISHING,	MSG_INTEREST_BOARD_GAMES, MSG_INTEREST_READING,
	MSG_INTEREST_CULTURE,  MSG_INTEREST_COMPUTERS, MSG_INTEREST_VOLUNTEERING,
	MSG_INTEREST_CHILDREN,
};
_Static_assert(sizeof interest_codes / sizeof *interest_codes ==
		       sizeof interest_names / sizeof *interest_names,
	       "a name per interest");

/* Bit i of a set of times is match.h's MATCH_WEEKDAY_DAYTIME << i. */
static const char *const time_codes[] = { "daytime", "evenings", "weekends" };
static const enum msg time_names[] = { MSG_TIME_DAYTIME, MSG_TIME_EVENINGS, MSG_TIME_WEEKENDS };
_Static_assert(MATCH_WEEKDAY_DAYTIME == 1 && MATCH_WEEKDAY_EVENINGS == 2 && MATCH_WEEKENDS == 4,
	       "times are match.h's bits");

static const char *const target_codes[TARGET__MAX] = { "refugee", "young", "sick_leave" };
static const enum msg target_names[TARGET__MAX] = { MSG_TARGET_REFUGEE, MSG_TARGET_YOUNG,
						     MSG_TARGET_SICK_LEAVE };
static const char *const gender_codes[GENDER__MAX] = { "", "woman", "man" };
static const enum msg gender_names[GENDER__MAX] = { MSG_GENDER_UNSAID, MSG_GENDER_WOMAN,
						     MSG_GENDER_MAN };
_Static_assert((int)GENDER_WOMAN == (int)MATCH_GENDER_WOMAN && (int)GENDER_MAN == (int)MATCH_GENDER_MAN,
	       "genders are match.h's");
static const char *const consent_codes[CONSENT_HOW__MAX] = { "self", "in_person", "phone",
							      "written" };
static const enum msg consent_names[CONSENT_HOW__MAX] = {
	MSG_CONSENT_HOW_SELF, MSG_CONSENT_HOW_IN_PERSON, MSG_CONSENT_HOW_PHONE,
	MSG_CONSENT_HOW_WRITTEN
};
static const char *const end_codes[END__MAX] = {
	"completed", "declined", "withdrew", "no_contact", "moved", "not_a_fit", "other",
};
static const enum msg end_names[END__MAX] = {
	MSG_END_COMPLETED, MSG_END_DECLINED,  MSG_END_WITHDREW, MSG_END_NO_CONTACT,
	MSG_END_MOVED,     MSG_END_NOT_A_FIT, MSG_END_OTHER,
};

const struct vocab vocab_languages = VOCAB(language_codes, language_names);
const struct vocab vocab_interests = VOCAB(interest_codes, interest_names);
const struct vocab vocab_times = VOCAB(time_codes, time_names);
const struct vocab vocab_target_groups = VOCAB(target_codes, target_names);
const struct vocab vocab_genders = VOCAB(gender_codes, gender_names);
const struct vocab vocab_consent_how = VOCAB(consent_codes, consent_names);
const struct vocab vocab_end_reasons = VOCAB(end_codes, end_names);
_Static_assert(sizeof language_codes / sizeof *language_codes <= 64, "a set is 64 bits");
_Static_assert(sizeof interest_codes / sizeof *interest_codes <= 64, "a set is 64 bits");

int vocab_parse(const struct vocab *v, const char *code)
{
	for (int i = 0; code && i < v->n; i++)
		if (strcmp(code, v->codes[i]) == 0)
			return i;
	return -1;
}

const char *vocab_code(const struct vocab *v, int i)
{
	return i >= 0 && i < v->n ? v->codes[i] : "";
}

enum msg vocab_msg(const struct vocab *v, int i)
{
	return i >= 0 && i < v->n ? v->names[i] : MSG__MAX;
}

const char *vocab_set_format(const struct vocab *v, uint64_t set, char *buf, size_t len)
{
	size_t used = 0;
	buf[0] = '\0';
	for (int i = 0; i < v->n; i++) {
		if (!(set & (1ull << i)))
			continue;
		int k = snprintf(buf + used, len - used, "%s%s", used ? " " : "", v->codes[i]);
		if (k < 0 || (size_t)k >= len - used)
			break; /* callers give room for every code */
		used += (size_t)k;
	}
	return buf;
}

/* The set of codes; stops at an unknown code when strict (-1, *bad and
 * *badlen set), else leaves it out. */
static int set_scan(const struct vocab *v, const char *codes, int strict, uint64_t *set,
		    const char **bad, size_t *badlen)
{
	*set = 0;
	for (const char *p = codes ? codes : ""; *p;) {
		p += strspn(p, " ,");
		size_t n = strcspn(p, " ,");
		if (n == 0)
			break;
		int found = -1;
		for (int i = 0; i < v->n && found < 0; i++)
			if (strlen(v->codes[i]) == n && memcmp(v->codes[i], p, n) == 0)
				found = i;
		if (found >= 0) {
			*set |= 1ull << found;
		} else if (strict) {
			*bad = p;
			*badlen = n;
			return -1;
		}
		p += n;
	}
	return 0;
}

int vocab_set_parse(const struct vocab *v, const char *codes, uint64_t *set, const char **bad,
		    size_t *badlen)
{
	return set_scan(v, codes, 1, set, bad, badlen);
}

uint64_t vocab_set_read(const struct vocab *v, const char *codes)
{
	uint64_t set;
	set_scan(v, codes, 0, &set, NULL, NULL);
	return set;
}

int vocab_set_valid(const struct vocab *v, uint64_t set)
{
	return v->n >= 64 || (set >> v->n) == 0;
}
