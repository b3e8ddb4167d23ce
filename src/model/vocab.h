/*
 * vocab.h: fixed vocabularies whose codes are stored and whose names come
 * from the catalogues: the languages people speak (activities' interpreters,
 * guides and newcomers: the list of core/language.h), and the guide
 * programme's interests, times of
 * the week, target groups, genders, ways consent was given and reasons a
 * match ended. Sets of languages, interests and times are bit sets (bit i
 * = the vocabulary's i-th code), stored as space-separated codes.
 */
#ifndef SAMSKAB_MODEL_VOCAB_H
#define SAMSKAB_MODEL_VOCAB_H

#include <stdint.h>

#include "core/i18n.h"

/* One vocabulary: codes with their names, in the order they are offered. */
struct vocab {
	const char *const *codes;
	const enum msg *names;
	int n;
};

/* A vocabulary from two arrays of the same length. */
#define VOCAB(codes, names)                                                                     \
	{ (codes), (names), (int)(sizeof(codes) / sizeof(codes)[0]) }

extern const struct vocab vocab_languages, vocab_interests, vocab_times, vocab_target_groups,
	vocab_genders, vocab_consent_how, vocab_end_reasons;

/* The index of code, or -1. */
int vocab_parse(const struct vocab *v, const char *code);
/* The code of index i, or "" when out of range. */
const char *vocab_code(const struct vocab *v, int i);
/* The name of index i (MSG__MAX when out of range). */
enum msg vocab_msg(const struct vocab *v, int i);
/* "a b c": the codes of a set, space-separated (buf of at least 512 bytes). */
const char *vocab_set_format(const struct vocab *v, uint64_t set, char *buf, size_t len);
/* Parses space- or comma-separated codes into a set: 0, or -1 with *bad
 * set to the first unknown code's start (its length in *badlen). */
int vocab_set_parse(const struct vocab *v, const char *codes, uint64_t *set, const char **bad,
		    size_t *badlen);
/* A stored set: codes this samskab does not know are left out. */
uint64_t vocab_set_read(const struct vocab *v, const char *codes);
/* Whether set holds only bits of the vocabulary. */
int vocab_set_valid(const struct vocab *v, uint64_t set);

/* Indices into the programme's vocabularies. */
enum target_group { TARGET_REFUGEE, TARGET_YOUNG, TARGET_SICK_LEAVE, TARGET__MAX };
enum gender { GENDER_UNSAID, GENDER_WOMAN, GENDER_MAN, GENDER__MAX };
enum consent_how { CONSENT_HOW_SELF, CONSENT_HOW_IN_PERSON, CONSENT_HOW_PHONE, CONSENT_HOW_WRITTEN,
		   CONSENT_HOW__MAX };
enum end_reason { END_COMPLETED, END_DECLINED, END_WITHDREW, END_NO_CONTACT, END_MOVED,
		  END_NOT_A_FIT, END_OTHER, END__MAX };
/* Times of the week: the same bits as match.h's MATCH_WEEKDAY_... */
enum { TIMES_ALL = 7 };

#endif
