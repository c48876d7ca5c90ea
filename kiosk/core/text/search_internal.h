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
#define SEARCH_SCRATCH_SETS (2 + 2 * SEARCH_MAX_TYPED)

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
    /* the pairs' entries and signatures again, ordered by (key, entry): several-word
     * queries read whole ranges, and in this order the bits they set move forward */
    uint64_t *by_entry; /* entry << 32 | sig */
    uint8_t *len_class; /* per built entry: search_length_class(letters) */
    uint32_t *initials; /* per built entry: a bit per first letter of its words (a-z; bit 26
                         * any other): a one-letter typed word filters by it, never reading
                         * its range (every name has a word starting with "t" or "n") */
    /* query scratch: SEARCH_SCRATCH_SETS bitsets of n_bits_words (one bit per built
     * entry), and a heap position per built entry */
    uint64_t *scratch;
    size_t n_bits_words;
    uint32_t *pos;
};

struct vn_search {
    struct search_data *d; /* behind a pointer: queries build the index lazily */
};

/* Makes pairs cover every entry (and drops dead ones when there are many). */
kiosk_status search_build(struct search_data *d);
/* Names this long or longer score alike for length (see search.c length_score). */
#define SEARCH_LONG_NAME 99
static inline unsigned search_length_class(unsigned letters)
{
    return letters < SEARCH_LONG_NAME ? letters : SEARCH_LONG_NAME;
}
static inline uint32_t search_initial_bit(char c)
{
    return c >= 'a' && c <= 'z' ? 1u << (c - 'a') : 1u << 26;
}
static inline const char *search_str(const struct search_data *d, uint32_t off)
{
    return d->arena + off;
}

#endif
