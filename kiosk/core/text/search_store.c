/* The search index's storage: entries, their folded words, user ids in one arena (no
 * malloc per person: 1M people load in seconds), a hash of user ids for replacing and
 * removing, and the sorted (word, entry) pairs that queries binary-search. */
#include "text/search_internal.h"
#include "text/text.h"

#include <stdlib.h>
#include <string.h>

/* Returns the offset of a NUL-terminated copy, or UINT32_MAX when out of memory. */
static uint32_t arena_add(struct search_data *d, const char *s, size_t n)
{
    if (d->arena_len + n + 1 > UINT32_MAX ||
        !kiosk_grow((void **)&d->arena, &d->arena_cap, d->arena_len + n + 1, 1))
        return UINT32_MAX;
    uint32_t off = (uint32_t)d->arena_len;
    memcpy(d->arena + off, s, n);
    d->arena[off + n] = '\0';
    d->arena_len += n + 1;
    return off;
}

static uint64_t hash_id(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

/* The slot holding user_id, or the empty slot where it would go. */
static size_t find_slot(const struct search_data *d, const char *user_id, int *found)
{
    size_t mask = d->n_slots - 1, i = (size_t)hash_id(user_id) & mask;
    size_t first_deleted = SIZE_MAX;
    *found = 0;
    for (;; i = (i + 1) & mask) {
        uint32_t v = d->slots[i];
        if (v == 0)
            return first_deleted != SIZE_MAX ? first_deleted : i;
        if (v == UINT32_MAX) {
            if (first_deleted == SIZE_MAX)
                first_deleted = i;
            continue;
        }
        if (strcmp(search_str(d, d->entries[v - 1].id_off), user_id) == 0) {
            *found = 1;
            return i;
        }
    }
}

static int rehash(struct search_data *d, size_t n_slots)
{
    uint32_t *slots = calloc(n_slots, sizeof *slots);
    if (!slots)
        return 0;
    free(d->slots);
    d->slots = slots;
    d->n_slots = n_slots;
    d->used_slots = 0;
    for (size_t e = 0; e < d->n_entries; e++) {
        if (!d->entries[e].alive)
            continue;
        int found;
        size_t i = find_slot(d, search_str(d, d->entries[e].id_off), &found);
        d->slots[i] = (uint32_t)e + 1;
        d->used_slots++;
    }
    return 1;
}

struct vn_search *vn_search_new(void)
{
    struct vn_search *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->d = calloc(1, sizeof *s->d);
    if (!s->d || !rehash(s->d, 1024)) {
        vn_search_free(s);
        return NULL;
    }
    return s;
}

static void data_free(struct search_data *d)
{
    free(d->entries);
    free(d->words);
    free(d->arena);
    free(d->slots);
    free(d->pairs);
    free(d->by_entry);
    free(d->disp_entry);
    free(d->len_class);
    free(d->scratch);
    free(d->pos);
}

void vn_search_free(struct vn_search *s)
{
    if (!s)
        return;
    if (s->d)
        data_free(s->d);
    free(s->d);
    free(s);
}

size_t vn_search_count(const struct vn_search *s)
{
    return s->d->n_alive;
}

/* Pairs sort by word, then best first for a one-word query (shorter names, then name
 * order): the top hits of each word are at the front of its run. */
static int pair_cmp(const void *a, const void *b)
{
    const struct search_pair *x = a, *y = b;
    int r = memcmp(x->key, y->key, SEARCH_KEY_LEN);
    if (r)
        return r;
    unsigned lx = search_length_class(x->letters), ly = search_length_class(y->letters);
    if (lx != ly)
        return lx < ly ? -1 : 1;
    if (x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1;
    if (x->entry != y->entry)
        return x->entry < y->entry ? -1 : 1;
    return (int)x->word_idx - (int)y->word_idx; /* "Lê Ngọc Ngọc" has two (ngoc, e) */
}

/* Flags the entry's pairs so one-word queries skip them without reading the entry. */
static void mark_pairs_dead(struct search_data *d, uint32_t e)
{
    const struct search_entry *en = &d->entries[e];
    for (uint8_t w = 0; w < en->n_words; w++) {
        struct search_pair probe = {
            .entry = e, .word_idx = w, .letters = en->letters, .rank = en->rank};
        memcpy(probe.key, d->words[en->word_first + w].key, SEARCH_KEY_LEN);
        struct search_pair *p = bsearch(&probe, d->pairs, d->n_pairs, sizeof *d->pairs, pair_cmp);
        if (p)
            p->sig |= SEARCH_SIG_DEAD;
    }
}

static void kill_entry(struct search_data *d, size_t slot)
{
    uint32_t e = d->slots[slot] - 1;
    d->entries[e].alive = 0;
    d->n_alive--;
    if (e < d->built_entries) {
        d->dead_in_pairs++;
        mark_pairs_dead(d, e);
    }
    d->slots[slot] = UINT32_MAX;
}

void vn_search_remove(struct vn_search *s, const char *user_id)
{
    if (!user_id)
        return;
    int found;
    size_t i = find_slot(s->d, user_id, &found);
    if (found)
        kill_entry(s->d, i);
}

/* The folded words joined by spaces into out; word_at[i]: where word i starts. */
static size_t join_words(const struct vn_fold_word *fw, size_t nw, char *out, size_t *word_at)
{
    size_t len = 0;
    for (size_t i = 0; i < nw; i++) {
        if (i)
            out[len++] = ' ';
        word_at[i] = len;
        memcpy(out + len, fw[i].text, fw[i].len);
        len += fw[i].len;
    }
    return len;
}

kiosk_status vn_search_add(struct vn_search *s, const char *user_id, const char *full_name)
{
    struct search_data *d = s->d;
    if (!user_id || !*user_id || !full_name)
        return KIOSK_E_INVALID;
    if (d->n_entries >= UINT32_MAX - 1)
        return KIOSK_E_NOMEM;
    /* deleted slots count as used: rehash keeps probe chains short */
    if ((d->used_slots + 1) * 2 > d->n_slots &&
        !rehash(d, d->n_alive * 4 > d->n_slots ? d->n_slots * 2 : d->n_slots))
        return KIOSK_E_NOMEM;
    struct vn_fold_word fw[SEARCH_MAX_WORDS];
    size_t nw = vn_fold_words(full_name, fw, SEARCH_MAX_WORDS);
    if (!kiosk_grow((void **)&d->entries, &d->cap_entries, d->n_entries + 1, sizeof *d->entries) ||
        !kiosk_grow((void **)&d->words, &d->cap_words, d->n_words + nw, sizeof *d->words))
        return KIOSK_E_NOMEM;
    char folded[SEARCH_MAX_WORDS * sizeof fw[0].text];
    size_t word_at[SEARCH_MAX_WORDS];
    size_t flen = join_words(fw, nw, folded, word_at);
    size_t arena_before = d->arena_len;
    uint32_t id_off = arena_add(d, user_id, strlen(user_id));
    uint32_t folded_off = id_off == UINT32_MAX ? UINT32_MAX : arena_add(d, folded, flen);
    if (folded_off == UINT32_MAX) {
        d->arena_len = arena_before;
        return KIOSK_E_NOMEM;
    }
    int found;
    size_t slot = find_slot(d, user_id, &found);
    if (found) { /* replace: the old entry dies, the new one takes its slot */
        kill_entry(d, slot);
        slot = find_slot(d, user_id, &found);
    }
    struct search_entry *e = &d->entries[d->n_entries];
    e->id_off = id_off;
    e->folded_off = folded_off;
    e->word_first = (uint32_t)d->n_words;
    e->rank = UINT32_MAX;
    e->n_words = (uint8_t)nw;
    e->alive = 1;
    e->letters = flen > UINT16_MAX ? UINT16_MAX : (uint16_t)flen;
    for (size_t i = 0; i < nw; i++) {
        struct search_word *w = &d->words[d->n_words++];
        memset(w->key, 0, sizeof w->key);
        memcpy(w->key, fw[i].text, fw[i].len < SEARCH_KEY_LEN - 1 ? fw[i].len : SEARCH_KEY_LEN - 1);
        w->sig = fw[i].sig;
        w->len = fw[i].len;
        w->text_off = folded_off + (uint32_t)word_at[i];
    }
    if (d->slots[slot] == 0)
        d->used_slots++;
    d->slots[slot] = (uint32_t)d->n_entries + 1;
    d->n_entries++;
    d->n_alive++;
    return KIOSK_OK;
}

/* Copies the live entries into fresh arrays: after many removals and replacements. */
static kiosk_status compact(struct search_data *d)
{
    struct search_data n = {0};
    if (!kiosk_grow((void **)&n.entries, &n.cap_entries, d->n_alive + 1, sizeof *n.entries) ||
        !kiosk_grow((void **)&n.words, &n.cap_words, d->n_words + 1, sizeof *n.words) ||
        !kiosk_grow((void **)&n.arena, &n.arena_cap, d->arena_len + 1, 1))
        goto nomem;
    for (size_t i = 0; i < d->n_entries; i++) {
        const struct search_entry *e = &d->entries[i];
        if (!e->alive)
            continue;
        struct search_entry *ne = &n.entries[n.n_entries++];
        *ne = *e;
        const char *id = search_str(d, e->id_off), *folded = search_str(d, e->folded_off);
        ne->id_off = arena_add(&n, id, strlen(id));
        ne->folded_off = arena_add(&n, folded, strlen(folded));
        ne->word_first = (uint32_t)n.n_words;
        for (size_t w = 0; w < e->n_words; w++) {
            struct search_word nw = d->words[e->word_first + w];
            nw.text_off = nw.text_off - e->folded_off + ne->folded_off;
            n.words[n.n_words++] = nw;
        }
    }
    n.n_alive = n.n_entries;
    size_t n_slots = 1024;
    while (n_slots < n.n_alive * 4)
        n_slots *= 2;
    if (!rehash(&n, n_slots))
        goto nomem;
    data_free(d);
    *d = n;
    return KIOSK_OK;
nomem:
    data_free(&n);
    return KIOSK_E_NOMEM;
}

struct name_at {
    const char *folded;
    uint32_t entry;
};

static int name_at_cmp(const void *a, const void *b)
{
    const struct name_at *x = a, *y = b;
    int r = strcmp(x->folded, y->folded);
    if (r)
        return r;
    return x->entry < y->entry ? -1 : x->entry > y->entry;
}

/* Ranks the live entries by folded name (then entry), so ties need no string compare, and
 * gives them display places: by length class, then rank (a counting sort of the ranks).
 * disp_entry and len_class per place, place per entry (for by_entry). */
static kiosk_status rank_entries(struct search_data *d, uint32_t *disp_entry, uint8_t *len_class,
                                 uint32_t *place)
{
    struct name_at *order = malloc((d->n_alive + 1) * sizeof *order);
    if (!order)
        return KIOSK_E_NOMEM;
    size_t n = 0;
    for (size_t i = 0; i < d->n_entries; i++)
        if (d->entries[i].alive)
            order[n++] = (struct name_at){search_str(d, d->entries[i].folded_off), (uint32_t)i};
    qsort(order, n, sizeof *order, name_at_cmp);
    size_t at[SEARCH_LONG_NAME + 2] = {0};
    for (size_t i = 0; i < n; i++) {
        d->entries[order[i].entry].rank = (uint32_t)i;
        at[search_length_class(d->entries[order[i].entry].letters) + 1]++;
    }
    for (size_t c = 1; c <= SEARCH_LONG_NAME + 1; c++)
        at[c] += at[c - 1];
    for (size_t c = 0; c <= SEARCH_LONG_NAME_CLASSES; c++)
        d->class_start[c] = (uint32_t)at[c];
    for (size_t i = 0; i < n; i++) {
        uint32_t e = order[i].entry;
        unsigned c = search_length_class(d->entries[e].letters);
        size_t p = at[c]++;
        disp_entry[p] = e;
        len_class[p] = (uint8_t)c;
        place[e] = (uint32_t)p;
    }
    d->n_disp = n;
    free(order);
    return KIOSK_OK;
}

/* by_entry in the pairs' order (display order within each run); the most times one
 * word occurs in one name (a name's pairs of one key are side by side). */
static unsigned fill_by_entry(const struct search_pair *pairs, size_t n, const uint32_t *place,
                              uint64_t *by_entry)
{
    unsigned most = n > 0, repeat = 1;
    for (size_t i = 0; i < n; i++) {
        by_entry[i] = (uint64_t)place[pairs[i].entry] << 32 | pairs[i].sig;
        if (i > 0 && pairs[i].entry == pairs[i - 1].entry &&
            memcmp(pairs[i].key, pairs[i - 1].key, SEARCH_KEY_LEN) == 0)
            repeat++;
        else
            repeat = 1;
        if (repeat > most)
            most = repeat;
    }
    return most;
}

/* Every alive entry's (word, entry) pairs, unsorted. */
static size_t fill_pairs(const struct search_data *d, struct search_pair *pairs)
{
    size_t n = 0;
    for (size_t i = 0; i < d->n_entries; i++) {
        const struct search_entry *e = &d->entries[i];
        if (!e->alive)
            continue;
        for (uint8_t w = 0; w < e->n_words; w++) {
            const struct search_word *sw = &d->words[e->word_first + w];
            struct search_pair *p = &pairs[n++];
            memcpy(p->key, sw->key, SEARCH_KEY_LEN);
            p->entry = (uint32_t)i;
            p->rank = e->rank;
            p->sig = sw->sig;
            p->letters = e->letters;
            p->word_len = sw->len;
            p->word_idx = w;
        }
    }
    return n;
}

/* The arrays a build makes, swapped into the index when all were made. */
struct built {
    struct search_pair *pairs;
    uint64_t *by_entry, *scratch;
    uint32_t *disp_entry, *pos, *place;
    uint8_t *len_class;
};

static void built_free(struct built *b)
{
    free(b->pairs);
    free(b->by_entry);
    free(b->scratch);
    free(b->disp_entry);
    free(b->pos);
    free(b->place);
    free(b->len_class);
}

static int built_alloc(const struct search_data *d, size_t n_bits_words, struct built *b)
{
    size_t n = d->n_entries + 1;
    b->pairs = malloc((d->n_words + 1) * sizeof *b->pairs);
    b->by_entry = malloc((d->n_words + 1) * sizeof *b->by_entry);
    b->scratch =
        malloc((n_bits_words + SEARCH_BLOCK_SETS * SEARCH_BLOCK_WORDS) * sizeof *b->scratch);
    b->disp_entry = malloc(n * sizeof *b->disp_entry);
    b->pos = malloc(n * sizeof *b->pos);
    b->place = malloc(n * sizeof *b->place);
    b->len_class = malloc(n);
    return b->pairs && b->by_entry && b->scratch && b->disp_entry && b->pos && b->place &&
           b->len_class;
}

kiosk_status search_build(struct search_data *d)
{
    size_t dead = d->n_entries - d->n_alive;
    if (dead > 1024 && dead > d->n_alive) {
        kiosk_status st = compact(d);
        if (st != KIOSK_OK)
            return st;
    }
    size_t n_bits_words = (d->n_entries + 63) / 64 + 1;
    struct built b = {0};
    if (!built_alloc(d, n_bits_words, &b) ||
        rank_entries(d, b.disp_entry, b.len_class, b.place) != KIOSK_OK) {
        built_free(&b);
        return KIOSK_E_NOMEM;
    }
    size_t n = fill_pairs(d, b.pairs);
    qsort(b.pairs, n, sizeof *b.pairs, pair_cmp);
    d->max_repeat = fill_by_entry(b.pairs, n, b.place, b.by_entry);
    free(b.place);
    free(d->pairs);
    free(d->by_entry);
    free(d->disp_entry);
    free(d->len_class);
    free(d->scratch);
    free(d->pos);
    d->pairs = b.pairs;
    d->by_entry = b.by_entry;
    d->disp_entry = b.disp_entry;
    d->len_class = b.len_class;
    d->scratch = b.scratch;
    d->pos = b.pos;
    d->n_bits_words = n_bits_words;
    d->n_pairs = n;
    d->built_entries = d->n_entries;
    d->dead_in_pairs = 0;
    return KIOSK_OK;
}

kiosk_status vn_search_prepare(struct vn_search *s)
{
    if (s->d->built_entries == s->d->n_entries && s->d->dead_in_pairs == 0)
        return KIOSK_OK;
    return search_build(s->d);
}
