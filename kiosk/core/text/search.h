/* Search-as-you-type over people's folded names: every typed word must be a prefix of
 * a different word of the name, in any order. An index built once, queried per keystroke;
 * it never reads the database and never logs names. One thread at a time (queries use
 * scratch memory inside the index). */
#ifndef KIOSK_SEARCH_H
#define KIOSK_SEARCH_H

#include "common.h"

struct vn_search; /* opaque */

struct vn_search *vn_search_new(void); /* NULL when out of memory */
void vn_search_free(struct vn_search *s);
/* Adds (or replaces) an entry: user_id is the caller's key (a person id). The name may be
 * NFC or NFD, any case. KIOSK_E_INVALID for an empty user_id; KIOSK_E_NOMEM. People added
 * after the last build are checked one by one until there are 2048 of them; the next
 * query then rebuilds the index (it sorts every word of every name). */
kiosk_status vn_search_add(struct vn_search *s, const char *user_id, const char *full_name);
void vn_search_remove(struct vn_search *s, const char *user_id);
size_t vn_search_count(const struct vn_search *s);
/* Builds the index now: call after loading many people, so that the first keystroke does
 * not pay for it. KIOSK_E_NOMEM leaves the index searchable (more slowly). */
kiosk_status vn_search_prepare(struct vn_search *s);

struct vn_search_hit {
    const char *user_id; /* borrowed from the index until it changes */
    int score;           /* higher first: typed accents matched (10000 a word), whole words
                          * (100 a word), shorter names (up to 99); ties in name order */
};
/* Writes up to max hits, best first; returns how many. typed may have accents or not;
 * accents typed only rank (marks and tone, wherever the tone sits: "hoà" = "hòa"). */
size_t vn_search_query(const struct vn_search *s, const char *typed, struct vn_search_hit *hits,
                       size_t max);

#endif
