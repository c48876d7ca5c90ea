/* Search-as-you-type over people's folded names: every typed word must be a prefix of
 * some word of the name, in any order. An index built once, queried per keystroke. */
#ifndef KIOSK_SEARCH_H
#define KIOSK_SEARCH_H

#include "common.h"

struct vn_search; /* opaque */

struct vn_search *vn_search_new(void);
void vn_search_free(struct vn_search *s);
/* Adds (or replaces) an entry: user_id is the caller's key (a person id). */
kiosk_status vn_search_add(struct vn_search *s, const char *user_id, const char *full_name);
void vn_search_remove(struct vn_search *s, const char *user_id);
size_t vn_search_count(const struct vn_search *s);

struct vn_search_hit {
    const char *user_id; /* borrowed from the index until it changes */
    int score;           /* higher first: typed accents matched, whole words, shorter names */
};
/* Writes up to max hits, best first; returns how many. typed may have accents or not. */
size_t vn_search_query(const struct vn_search *s, const char *typed, struct vn_search_hit *hits,
                       size_t max);

#endif
