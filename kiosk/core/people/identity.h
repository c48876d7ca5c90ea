/* Who is who: the one rule that decides whether two records are the same person
 * (docs/IDENTITY.md). Used by roster import, sign-up, walk-in, fair and sync through the
 * store; pure functions, no I/O. */
#ifndef KIOSK_IDENTITY_H
#define KIOSK_IDENTITY_H

#include "common.h"

/* Birth years this far apart may be one person mistyping hers (a probable duplicate). */
#define IDENTITY_YEAR_SLIP 2

enum identity_verdict {
    IDENTITY_DIFFERENT = 0, /* two people */
    IDENTITY_SAME = 1,      /* one person: may be merged without asking */
    IDENTITY_PROBABLE = 2   /* maybe one person: only the coordinator merges */
};

/* Names match when equal after tidying and tone-placement normalisation (Hoà = Hòa), or
 * when one of them was typed entirely without marks and folds to the other
 * ("Nguyen Thi Hoa" = "Nguyễn Thị Hòa"). Hoa, Hòa and Hóa are three names. An empty name
 * matches nothing. */
int identity_names_match(const char *a, const char *b);

/* Communes match by the same rule, with "xã", "phường", "thị trấn" in front ignored;
 * two empty communes match (nothing tells them apart), one empty does not. */
int identity_communes_match(const char *a, const char *b);

/* The rule, on two records already tidied as the store keeps them (E.164 phones):
 * - names that do not match: different (with the same phone: a family phone);
 * - both phones given: same when equal, else different;
 * - otherwise same birth year and matching commune: same; matching name and year in
 *   another (or an unknown) commune, a year at most IDENTITY_YEAR_SLIP apart, or a year
 *   unknown: probable; years farther apart: different (namesakes of another age).
 * *reason_key (may be NULL) gets a string-table key (assets/strings/<lang>/people.tsv,
 * identity.*) saying why. */
enum identity_verdict identity_compare(const struct kiosk_person *a, const struct kiosk_person *b,
                                       const char **reason_key);

/* The survivor of two records of one person, the same on every kiosk: the one made first
 * (created_at), then the smaller id. Returns 1 when a survives, 0 when b does. */
int identity_survivor_first(int64_t a_created_ms, const char *a_id, int64_t b_created_ms,
                            const char *b_id);

/* A person_merges row as it may be stored or taken in by sync: two different ids of 32
 * lower-case hex digits, undo 0 or 1, by_whom "rule" or "coordinator", a reason made of
 * [a-z._] (an identity.* key), at most 64 characters. 1: valid. */
int person_merge_row_valid(const char *survivor_id, const char *merged_id, int undo,
                           const char *reason, const char *by_whom);

#endif
