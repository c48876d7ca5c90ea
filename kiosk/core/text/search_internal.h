/* The search index's storage, shared by search_store.c (adding, removing, building) and
 * search.c (queries). Not a public API. */
#ifndef KIOSK_SEARCH_INTERNAL_H
#define KIOSK_SEARCH_INTERNAL_H

#include "text/search.h"
#include "text/text_internal.h"

#define SEARCH_KEY_LEN 12          /* folded word bytes kept inline (11 + NUL padding) */
#define SEARCH_MAX_WORDS 16        /* words of a name that are indexed */
#define SEARCH_PENDING_MAX 2048    /* entries searched one by one before a rebuild */
#define SEARCH_SIG_DEAD (1u << 31) /* in a pair's sig: its entry was removed */
#define SEARCH_MAX_TYPED 8         /* typed words that count */
#define SEARCH_BLOCK_WORDS 64      /* a scan block: 4096 names in display order */
/* a block's bitsets: the survivors, and for each typed word up to SEARCH_MAX_TYPED counts,
 * SEARCH_MAX_TYPED whole-word counts and one accent set */
#define SEARCH_BLOCK_SETS (1 + SEARCH_MAX_TYPED * (2 * SEARCH_MAX_TYPED + 1))

/* Names this long or longer score alike for length (see search.c length_score). */
#define SEARCH_LONG_NAME 99
#define SEARCH_LONG_NAME_CLASSES (SEARCH_LONG_NAME + 1)

struct search_entry {
    uint32_t id_off;     /* user_id in the arena */
    uint32_t folded_off; /* folded full name in the arena (ties are ordered by it) */
    uint32_t word_first; /* first of its words in words[] */
    uint32_t rank;       /* place in folded-name order at the last build; UINT32_MAX: pending */
    uint8_t n_words;
    uint8_t alive;
    uint16_t letters; /* folded length: shorter names rank first */
};

struct search_word {
    char key[SEARCH_KEY_LEN]; /* folded, zero-padded, cut */
    uint32_t sig;             /* vn_fold_word signature (marks and tone) */
    uint32_t text_off;        /* the whole folded word in the arena */
    uint8_t len;
};

/* One (word, entry) pair of the sorted index: everything a one-word query needs to score
 * a hit is inline, so a prefix range is read front to back without chasing pointers. */
struct search_pair {
    char key[SEARCH_KEY_LEN];
    uint32_t entry;
    uint32_t rank; /* the entry's rank: ties are ordered without reading the name */
    uint32_t sig;
    uint16_t letters;
    uint8_t word_len;
    uint8_t word_idx;
};

struct search_data {
    struct search_entry *entries;
    size_t n_entries, cap_entries, n_alive;
    struct search_word *words;
    size_t n_words, cap_words;
    char *arena;
    size_t arena_len, arena_cap;
    uint32_t *slots; /* open addressing on user_id: entry + 1, 0 empty, UINT32_MAX deleted */
    size_t n_slots, used_slots;
    struct search_pair *pairs; /* sorted, for entries [0, built_entries) */
    size_t n_pairs;
    size_t built_entries; /* entries from here on are pending (not in pairs) */
    size_t dead_in_pairs;
    /* Display order: the live entries of the last build by (length class, rank), the
     * order of equal scores. by_entry holds the pairs' display places and signatures
     * (disp << 32 | sig), in the pairs' order, which within a word's run is display order:
     * several-word queries read the runs a block of display places at a time. */
    uint64_t *by_entry;
    uint32_t *disp_entry; /* per display place: the entry */
    uint8_t *len_class;   /* per display place: search_length_class(letters) */
    size_t n_disp;
    uint32_t class_start[SEARCH_LONG_NAME_CLASSES + 1]; /* first display place of a class */
    unsigned max_repeat; /* the most times one word occurs in one name */
    /* query scratch: a bitset of n_bits_words (one bit per built entry), the block's
     * SEARCH_BLOCK_SETS sets, and a heap position per built entry */
    uint64_t *scratch;
    size_t n_bits_words;
    uint32_t *pos;
};

struct vn_search {
    struct search_data *d; /* behind a pointer: queries build the index lazily */
};

/* Makes pairs cover every entry (and drops dead ones when there are many). */
kiosk_status search_build(struct search_data *d);

/* ---- queries (search.c), shared with the several-word scan (search_scan.c) ---- */

struct search_typed {
    struct vn_fold_word w;
    uint32_t mask; /* signature bits the typed accents constrain */
    int has_marks;
};

struct search_query {
    struct search_typed words[SEARCH_MAX_TYPED];
    int n;
};

/* The best `max` hits so far: a min-heap on (score, then folded name backwards); score[0]
 * is the worst kept. */
struct search_collector {
    const struct search_data *d;
    uint32_t *entry, *rank;
    int *score;
    size_t n, max;
    /* one-word queries meet a name once per word with the prefix: seen marks the entry,
     * pos says where it sits in the heap (NOT_IN_HEAP) so a better word updates it */
    uint64_t *seen;
    uint32_t *pos;
};

#define SEARCH_SCORE_ACCENT 10000
#define SEARCH_SCORE_WHOLE 100

void search_offer(struct search_collector *c, uint32_t entry, uint32_t rank, int score);
/* The entry's score for the query (its best assignment and its length), -1 when it is
 * not a hit or was removed. */
int search_entry_score(const struct search_data *d, const struct search_query *q, uint32_t e);
/* [lo, hi) of the pairs whose key starts with the typed word (its first 11 bytes). */
void search_prefix_range(const struct search_data *d, const struct search_typed *t, size_t *lo,
                         size_t *hi);
/* End of the run of pairs with the same key as pairs[i], within [i, hi). */
size_t search_run_end(const struct search_data *d, size_t i, size_t hi);
/* Several typed words with their prefix ranges: offers the hits that can make the page. */
void search_scan_words(const struct search_data *d, const struct search_query *q, const size_t *lo,
                       const size_t *hi, struct search_collector *c);
static inline unsigned search_length_class(unsigned letters)
{
    return letters < SEARCH_LONG_NAME ? letters : SEARCH_LONG_NAME;
}
static inline const char *search_str(const struct search_data *d, uint32_t off)
{
    return d->arena + off;
}

#endif
