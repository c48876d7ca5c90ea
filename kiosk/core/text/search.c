/* Search-as-you-type: every typed word must be the prefix of a different word of the
 * name. One typed word reads its prefix range in the sorted pairs, each word's run only
 * as far as it can still make the page; several words are scanned in display order by
 * search_scan.c. Every hit is scored here (best_assignment). Hits that also match the
 * accents typed (marks and tone, wherever the tone sits) rank first. */
#include "text/search_internal.h"
#include "text/text.h"

#include <stdlib.h>
#include <string.h>

#define MAX_TYPED SEARCH_MAX_TYPED
#define SCORE_ACCENT SEARCH_SCORE_ACCENT
#define SCORE_WHOLE SEARCH_SCORE_WHOLE

#define NOT_IN_HEAP UINT32_MAX

static int word_matches(const struct search_data *d, const struct search_word *w,
                        const struct search_typed *t)
{
    if (w->len < t->w.len)
        return 0;
    if (t->w.len < SEARCH_KEY_LEN)
        return memcmp(w->key, t->w.text, t->w.len) == 0;
    return memcmp(search_str(d, w->text_off), t->w.text, t->w.len) == 0;
}

static int accent_matches(uint32_t sig, const struct search_typed *t)
{
    return t->has_marks && (sig & t->mask) == t->w.sig;
}

static int word_score(uint32_t sig, unsigned word_len, const struct search_typed *t)
{
    return (accent_matches(sig, t) ? SCORE_ACCENT : 0) + (word_len == t->w.len ? SCORE_WHOLE : 0);
}

static int length_score(unsigned letters)
{
    return SEARCH_LONG_NAME - (int)search_length_class(letters);
}

/* Best total score over the ways of giving each typed word its own name word, or -1
 * when there is none. Names have a handful of words: a depth-first search is enough. */
static int best_assignment(const struct search_data *d, const struct search_entry *e,
                           const struct search_query *q, int k, unsigned used)
{
    if (k == q->n)
        return 0;
    int best = -1;
    for (unsigned i = 0; i < e->n_words; i++) {
        if (used & (1u << i))
            continue;
        const struct search_word *w = &d->words[e->word_first + i];
        if (!word_matches(d, w, &q->words[k]))
            continue;
        int rest = best_assignment(d, e, q, k + 1, used | (1u << i));
        if (rest < 0)
            continue;
        int s = rest + word_score(w->sig, w->len, &q->words[k]);
        if (s > best)
            best = s;
    }
    return best;
}

/* -1: a worse than b; 1: better. Equal scores go in folded-name order: by rank when
 * both were in the last build, else by reading the names. */
static int better(const struct search_collector *c, size_t a, int sb, uint32_t eb, uint32_t rb)
{
    int sa = c->score[a];
    uint32_t ea = c->entry[a], ra = c->rank[a];
    if (sa != sb)
        return sa > sb ? 1 : -1;
    if (ra != UINT32_MAX && rb != UINT32_MAX)
        return ra < rb ? 1 : ra > rb ? -1 : 0;
    int r = strcmp(search_str(c->d, c->d->entries[ea].folded_off),
                   search_str(c->d, c->d->entries[eb].folded_off));
    if (r)
        return r < 0 ? 1 : -1;
    return ea < eb ? 1 : ea > eb ? -1 : 0;
}

static int better_at(const struct search_collector *c, size_t a, size_t b)
{
    return better(c, a, c->score[b], c->entry[b], c->rank[b]);
}

static void swap_at(struct search_collector *c, size_t i, size_t j)
{
    uint32_t e = c->entry[i], r = c->rank[i];
    int s = c->score[i];
    c->entry[i] = c->entry[j];
    c->rank[i] = c->rank[j];
    c->score[i] = c->score[j];
    c->entry[j] = e;
    c->rank[j] = r;
    c->score[j] = s;
    if (c->pos) {
        c->pos[c->entry[i]] = (uint32_t)i;
        c->pos[c->entry[j]] = (uint32_t)j;
    }
}

static void sift_down(struct search_collector *c, size_t i)
{
    for (;;) {
        size_t l = 2 * i + 1, r = l + 1, m = i;
        if (l < c->n && better_at(c, l, m) < 0)
            m = l;
        if (r < c->n && better_at(c, r, m) < 0)
            m = r;
        if (m == i)
            return;
        swap_at(c, i, m);
        i = m;
    }
}

/* The collector is a heap only once full: until then hits are appended (the several-word
 * scan offers them best first, each would climb the whole heap). */
static void heapify(struct search_collector *c)
{
    for (size_t i = c->n / 2; i-- > 0;)
        sift_down(c, i);
}

void search_offer(struct search_collector *c, uint32_t entry, uint32_t rank, int score)
{
    if (c->seen) {
        uint64_t bit = 1ull << (entry & 63);
        if (c->seen[entry >> 6] & bit) {
            uint32_t at = c->pos[entry];
            if (at != NOT_IN_HEAP) {
                if (score > c->score[at]) {
                    c->score[at] = score;
                    if (c->n == c->max)
                        sift_down(c, at); /* better moves away from the worst at the top */
                }
                return;
            }
        } else {
            c->seen[entry >> 6] |= bit;
            c->pos[entry] = NOT_IN_HEAP;
        }
    }
    /* cheap reject first: most candidates of a short prefix lose to the heap's worst */
    if (c->n == c->max && c->score[0] > score)
        return;
    if (c->n < c->max) {
        c->entry[c->n] = entry;
        c->rank[c->n] = rank;
        c->score[c->n] = score;
        if (c->pos)
            c->pos[entry] = (uint32_t)c->n;
        if (++c->n == c->max)
            heapify(c);
    } else if (better(c, 0, score, entry, rank) < 0) {
        if (c->pos)
            c->pos[c->entry[0]] = NOT_IN_HEAP;
        c->entry[0] = entry;
        c->rank[0] = rank;
        c->score[0] = score;
        if (c->pos)
            c->pos[entry] = 0;
        sift_down(c, 0);
    }
}

static int parse_query(const char *typed, struct search_query *q)
{
    struct vn_fold_word fw[MAX_TYPED];
    q->n = (int)vn_fold_words(typed, fw, MAX_TYPED);
    for (int i = 0; i < q->n; i++) {
        struct search_typed *t = &q->words[i];
        t->w = fw[i];
        t->has_marks = fw[i].sig != 0;
        t->mask = vn_sig_mask(fw[i].letters);
        if (fw[i].sig >> VN_SIG_TONE_SHIFT)
            t->mask |= 7u << VN_SIG_TONE_SHIFT;
    }
    return q->n;
}

void search_prefix_range(const struct search_data *d, const struct search_typed *t, size_t *lo,
                         size_t *hi)
{
    char key[SEARCH_KEY_LEN] = {0};
    size_t n = t->w.len < SEARCH_KEY_LEN - 1 ? t->w.len : SEARCH_KEY_LEN - 1;
    memcpy(key, t->w.text, n);
    size_t a = 0, b = d->n_pairs;
    while (a < b) {
        size_t m = a + (b - a) / 2;
        if (memcmp(d->pairs[m].key, key, SEARCH_KEY_LEN) < 0)
            a = m + 1;
        else
            b = m;
    }
    *lo = a;
    b = d->n_pairs;
    while (a < b) {
        size_t m = a + (b - a) / 2;
        if (memcmp(d->pairs[m].key, key, n) <= 0)
            a = m + 1;
        else
            b = m;
    }
    *hi = a;
}

int search_entry_score(const struct search_data *d, const struct search_query *q, uint32_t e)
{
    const struct search_entry *en = &d->entries[e];
    if (!en->alive)
        return -1;
    int s = best_assignment(d, en, q, 0, 0);
    return s < 0 ? -1 : s + length_score(en->letters);
}

/* Galloping: runs are mostly short. */
size_t search_run_end(const struct search_data *d, size_t i, size_t hi)
{
    const char *key = d->pairs[i].key;
    size_t good = i, step = 1, probe = i + 1; /* pairs[good] has the key */
    while (probe < hi && memcmp(d->pairs[probe].key, key, SEARCH_KEY_LEN) == 0) {
        good = probe;
        step *= 2;
        probe = good + step;
    }
    size_t a = good + 1, b = probe < hi ? probe : hi;
    while (a < b) {
        size_t m = a + (b - a) / 2;
        if (memcmp(d->pairs[m].key, key, SEARCH_KEY_LEN) == 0)
            a = m + 1;
        else
            b = m;
    }
    return a;
}

/* One word typed without accents: within a word's run the pairs are best first, so each
 * run is read only until the heap's worst is better: a few hits per distinct word. */
static void scan_word_runs(const struct search_data *d, const struct search_typed *t, size_t lo,
                           size_t hi, struct search_collector *c)
{
    for (size_t i = lo; i < hi;) {
        size_t end = search_run_end(d, i, hi);
        int whole = d->pairs[i].word_len == t->w.len ? SCORE_WHOLE : 0;
        for (size_t k = i; k < end; k++) {
            const struct search_pair *p = &d->pairs[k];
            if (p->sig & SEARCH_SIG_DEAD)
                continue;
            int score = whole + length_score(p->letters);
            if (c->n == c->max && better(c, 0, score, p->entry, p->rank) >= 0)
                break; /* the rest of this run is no better */
            search_offer(c, p->entry, p->rank, score);
        }
        i = end;
    }
}

static void scan_pairs(const struct search_data *d, const struct search_query *q,
                       struct search_collector *c)
{
    size_t lo[MAX_TYPED], hi[MAX_TYPED];
    for (int i = 0; i < q->n; i++)
        search_prefix_range(d, &q->words[i], &lo[i], &hi[i]);
    if (q->n > 1) {
        search_scan_words(d, q, lo, hi, c);
        return;
    }
    /* one word: every pair in the range is a hit, scored from the pair alone */
    const struct search_typed *t = &q->words[0];
    c->seen = d->scratch;
    memset(c->seen, 0, d->n_bits_words * sizeof *c->seen);
    c->pos = d->pos;
    if (!t->has_marks && t->w.len < SEARCH_KEY_LEN - 1) {
        scan_word_runs(d, t, lo[0], hi[0], c);
        return;
    }
    for (size_t i = lo[0]; i < hi[0]; i++) {
        const struct search_pair *p = &d->pairs[i];
        if (p->sig & SEARCH_SIG_DEAD)
            continue;
        if (t->w.len >= SEARCH_KEY_LEN) { /* the key holds only the word's start */
            const struct search_entry *e = &d->entries[p->entry];
            if (!word_matches(d, &d->words[e->word_first + p->word_idx], t))
                continue;
        }
        search_offer(c, p->entry, p->rank,
                     word_score(p->sig, p->word_len, t) + length_score(p->letters));
    }
}

size_t vn_search_query(const struct vn_search *s, const char *typed, struct vn_search_hit *hits,
                       size_t max)
{
    struct search_data *d = s->d;
    struct search_query q;
    if (max == 0 || !typed || parse_query(typed, &q) == 0)
        return 0;
    if (d->n_entries - d->built_entries > SEARCH_PENDING_MAX ||
        d->dead_in_pairs > d->n_alive / 4 + SEARCH_PENDING_MAX) {
        if (search_build(d) != KIOSK_OK)
            kiosk_log(KIOSK_LOG_WARN, "search index rebuild failed: searching one by one");
    }
    uint32_t entry_buf[64], rank_buf[64];
    int score_buf[64];
    struct search_collector c = {
        .d = d, .max = max, .entry = entry_buf, .rank = rank_buf, .score = score_buf};
    if (max > 64) {
        c.entry = malloc(max * sizeof *c.entry);
        c.rank = malloc(max * sizeof *c.rank);
        c.score = malloc(max * sizeof *c.score);
        if (!c.entry || !c.rank || !c.score) {
            free(c.entry);
            free(c.rank);
            free(c.score);
            return 0;
        }
    }
    if (d->n_pairs > 0)
        scan_pairs(d, &q, &c);
    c.seen = NULL; /* pending entries are each met once */
    c.pos = NULL;
    /* entries added since the last build are few: check them one by one */
    for (size_t i = d->n_pairs > 0 ? d->built_entries : 0; i < d->n_entries; i++) {
        const struct search_entry *e = &d->entries[i];
        if (!e->alive)
            continue;
        int sc = best_assignment(d, e, &q, 0, 0);
        if (sc >= 0)
            search_offer(&c, (uint32_t)i, UINT32_MAX, sc + length_score(e->letters));
    }
    /* the heap's worst is at the top: pop into hits from the back */
    if (c.n < c.max)
        heapify(&c);
    size_t n = c.n;
    while (c.n > 0) {
        size_t at = c.n - 1;
        hits[at].user_id = search_str(d, d->entries[c.entry[0]].id_off);
        hits[at].score = c.score[0];
        swap_at(&c, 0, --c.n);
        sift_down(&c, 0);
    }
    if (c.entry != entry_buf) {
        free(c.entry);
        free(c.rank);
        free(c.score);
    }
    return n;
}
