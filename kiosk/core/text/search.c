/* Search-as-you-type: every typed word must be the prefix of a different word of the
 * name. The rarest typed word's prefix range in the sorted pairs gives the candidates;
 * the other words are checked against each candidate's own words. Hits that also match
 * the accents typed (marks and tone, wherever the tone sits) rank first. */
#include "text/search_internal.h"
#include "text/text.h"

#include <stdlib.h>
#include <string.h>

#define MAX_TYPED SEARCH_MAX_TYPED
#define SCORE_ACCENT 10000
#define SCORE_WHOLE 100

struct typed_word {
    struct vn_fold_word w;
    uint32_t mask; /* signature bits the typed accents constrain */
    int has_marks;
};

struct query {
    struct typed_word words[MAX_TYPED];
    int n;
};

/* The best `max` hits so far: a min-heap on (score, then folded name backwards). */
struct collector {
    const struct search_data *d;
    uint32_t *entry, *rank;
    int *score;
    size_t n, max;
    /* one-word queries meet a name once per word with the prefix: seen marks the entry,
     * pos says where it sits in the heap (NOT_IN_HEAP) so a better word updates it */
    uint64_t *seen;
    uint32_t *pos;
};

#define NOT_IN_HEAP UINT32_MAX

static int word_matches(const struct search_data *d, const struct search_word *w,
                        const struct typed_word *t)
{
    if (w->len < t->w.len)
        return 0;
    if (t->w.len < SEARCH_KEY_LEN)
        return memcmp(w->key, t->w.text, t->w.len) == 0;
    return memcmp(search_str(d, w->text_off), t->w.text, t->w.len) == 0;
}

static int accent_matches(uint32_t sig, const struct typed_word *t)
{
    return t->has_marks && (sig & t->mask) == t->w.sig;
}

static int word_score(uint32_t sig, unsigned word_len, const struct typed_word *t)
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
                           const struct query *q, int k, unsigned used)
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
static int better(const struct collector *c, size_t a, int sb, uint32_t eb, uint32_t rb)
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

static int better_at(const struct collector *c, size_t a, size_t b)
{
    return better(c, a, c->score[b], c->entry[b], c->rank[b]);
}

static void swap_at(struct collector *c, size_t i, size_t j)
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

static void sift_down(struct collector *c, size_t i)
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

static void sift_up(struct collector *c, size_t i)
{
    while (i > 0) {
        size_t p = (i - 1) / 2;
        if (better_at(c, i, p) >= 0)
            return;
        swap_at(c, i, p);
        i = p;
    }
}

static void offer(struct collector *c, uint32_t entry, uint32_t rank, int score)
{
    if (c->seen) {
        uint64_t bit = 1ull << (entry & 63);
        if (c->seen[entry >> 6] & bit) {
            uint32_t at = c->pos[entry];
            if (at != NOT_IN_HEAP) {
                if (score > c->score[at]) {
                    c->score[at] = score;
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
        sift_up(c, c->n++);
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

static int parse_query(const char *typed, struct query *q)
{
    struct vn_fold_word fw[MAX_TYPED];
    q->n = (int)vn_fold_words(typed, fw, MAX_TYPED);
    for (int i = 0; i < q->n; i++) {
        struct typed_word *t = &q->words[i];
        t->w = fw[i];
        t->has_marks = fw[i].sig != 0;
        t->mask = vn_sig_mask(fw[i].letters);
        if (fw[i].sig >> VN_SIG_TONE_SHIFT)
            t->mask |= 7u << VN_SIG_TONE_SHIFT;
    }
    return q->n;
}

/* [lo, hi) of the pairs whose key starts with the typed word (its first 11 bytes). */
static void prefix_range(const struct search_data *d, const struct typed_word *t, size_t *lo,
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

static void check_entry(const struct search_data *d, const struct query *q, uint32_t e,
                        struct collector *c)
{
    const struct search_entry *en = &d->entries[e];
    if (!en->alive)
        return;
    int s = best_assignment(d, en, q, 0, 0);
    if (s >= 0)
        offer(c, e, en->rank, s + length_score(en->letters));
}

static int test_bit(const uint64_t *bits, uint32_t e)
{
    return (int)((bits[e >> 6] >> (e & 63)) & 1);
}

/* End of the run of pairs with the same key as pairs[i] (galloping: runs are short). */
static size_t run_end(const struct search_data *d, size_t i, size_t hi)
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

static uint64_t *scratch_set(const struct search_data *d, int i)
{
    return d->scratch + (size_t)i * d->n_bits_words;
}

static void clear_set(const struct search_data *d, uint64_t *set)
{
    memset(set, 0, d->n_bits_words * sizeof *set);
}

static void set_bit(uint64_t *set, uint32_t e)
{
    set[e >> 6] |= 1ull << (e & 63);
}

/* What a typed word can add to a survivor's score, beyond its length: a constant part,
 * and bitsets of the entries that earn the whole-word or the accent bonus. */
struct word_bonus {
    int always;
    const uint64_t *whole, *accent;
};

static void word_bonus(const struct search_data *d, const struct typed_word *t, size_t lo,
                       size_t hi, int slot, struct word_bonus *b)
{
    memset(b, 0, sizeof *b);
    if (lo >= hi)
        return;
    if (t->w.len >= SEARCH_KEY_LEN - 1) {
        b->always = SCORE_WHOLE; /* the key holds only the word's start: assume whole */
    } else if (d->pairs[lo].word_len == t->w.len) { /* the first run is the word itself */
        size_t end = run_end(d, lo, hi);
        if (end == hi) {
            b->always = SCORE_WHOLE;
        } else {
            uint64_t *set = scratch_set(d, slot);
            clear_set(d, set);
            for (size_t i = lo; i < end; i++)
                set_bit(set, (uint32_t)(d->by_entry[i] >> 32));
            b->whole = set;
        }
    }
    if (t->has_marks) {
        uint64_t *set = scratch_set(d, slot + 1);
        clear_set(d, set);
        for (size_t i = lo; i < hi; i++)
            if (((uint32_t)d->by_entry[i] & t->mask) == t->w.sig)
                set_bit(set, (uint32_t)(d->by_entry[i] >> 32));
        b->accent = set;
    }
}

/* bits &= the entries in the range [a, b) of pairs (tmp: scratch). */
static void keep_range(const struct search_data *d, uint64_t *bits, uint64_t *tmp, size_t a,
                       size_t b)
{
    clear_set(d, tmp);
    for (size_t i = a; i < b; i++)
        set_bit(tmp, (uint32_t)(d->by_entry[i] >> 32));
    for (size_t w = 0; w < d->n_bits_words; w++)
        bits[w] &= tmp[w];
}

/* bits &= the entries with a word starting with the letter: for a one-letter typed word
 * whose range is far larger than the survivors ("nhung t": 'nhung' 1%, 't' most names), read
 * the survivors' initials instead (check_entry then finds which word it is). */
static void keep_initial(const struct search_data *d, uint64_t *bits, uint32_t letter)
{
    for (size_t w = 0; w < d->n_bits_words; w++) {
        uint64_t bw = bits[w];
        while (bw) {
            unsigned b = (unsigned)__builtin_ctzll(bw);
            bw &= bw - 1;
            if (!(d->initials[w * 64 + b] & letter))
                bits[w] &= ~(1ull << b);
        }
    }
}

/* Several typed words: the entries in every word's prefix range (a bit per entry; the
 * ranges are read front to back in entry order), then the survivors in entry order.
 * A survivor is checked word by word only when its score bound (length, and the bonuses
 * its words can earn) can still enter the top hits. */
/* order: the typed words' indexes, the one with the fewest pairs in its range first. */
static void rarest_first(int n, const size_t *lo, const size_t *hi, int *order)
{
    for (int i = 0; i < n; i++)
        order[i] = i;
    for (int i = 1; i < n; i++)
        for (int j = i; j > 0 && hi[order[j]] - lo[order[j]] < hi[order[j - 1]] - lo[order[j - 1]];
             j--) {
            int t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
        }
}

/* The survivors of every typed word into bits, the bonuses their words can earn into bonus;
 * returns how many, *slack the most the words not read can add. */
static int read_words(const struct search_data *d, const struct query *q, const size_t *lo,
                      const size_t *hi, uint64_t *bits, struct word_bonus *bonus, int *slack)
{
    int order[MAX_TYPED];
    rarest_first(q->n, lo, hi, order);
    uint64_t *tmp = scratch_set(d, 1);
    clear_set(d, bits);
    for (size_t i = lo[order[0]]; i < hi[order[0]]; i++)
        set_bit(bits, (uint32_t)(d->by_entry[i] >> 32));
    size_t rare_n = hi[order[0]] - lo[order[0]];
    int n_bonus = 0;
    *slack = 0;
    for (int k = 0; k < q->n; k++) {
        const struct typed_word *t = &q->words[order[k]];
        size_t a = lo[order[k]], b = hi[order[k]];
        int initial = k > 0 && t->w.len == 1 && !t->has_marks && b - a > 4 * rare_n;
        if (k > 0 && !initial && b - a > 64 * rare_n + 4096) {
            /* reading a range costs a few ns a pair, checking a name a few hundred: only
             * a far more common word is not worth reading */
            *slack += SCORE_WHOLE + (t->has_marks ? SCORE_ACCENT : 0);
            continue;
        }
        if (initial)
            keep_initial(d, bits, search_initial_bit(t->w.text[0]));
        else if (k > 0)
            keep_range(d, bits, tmp, a, b);
        word_bonus(d, t, a, b, 2 + 2 * n_bonus, &bonus[n_bonus]);
        *slack += bonus[n_bonus].always;
        n_bonus++;
    }
    return n_bonus;
}

static void scan_words(const struct search_data *d, const struct query *q, size_t *lo, size_t *hi,
                       struct collector *c)
{
    uint64_t *bits = scratch_set(d, 0);
    struct word_bonus bonus[MAX_TYPED];
    int slack;
    int n_bonus = read_words(d, q, lo, hi, bits, bonus, &slack);
    for (size_t w = 0; w < d->n_bits_words; w++) {
        uint64_t bw = bits[w];
        while (bw) {
            uint32_t e = (uint32_t)(w * 64 + (unsigned)__builtin_ctzll(bw));
            bw &= bw - 1;
            if (c->n == c->max) {
                int most = slack + SEARCH_LONG_NAME - d->len_class[e];
                for (int k = 0; k < n_bonus; k++) {
                    if (bonus[k].whole && test_bit(bonus[k].whole, e))
                        most += SCORE_WHOLE;
                    if (bonus[k].accent && test_bit(bonus[k].accent, e))
                        most += SCORE_ACCENT;
                }
                if (most < c->score[0] || (most == c->score[0] && d->entries[e].rank > c->rank[0]))
                    continue;
            }
            check_entry(d, q, e, c);
        }
    }
}

/* One word typed without accents: within a word's run the pairs are best first, so each
 * run is read only until the heap's worst is better: a few hits per distinct word. */
static void scan_word_runs(const struct search_data *d, const struct typed_word *t, size_t lo,
                           size_t hi, struct collector *c)
{
    for (size_t i = lo; i < hi;) {
        size_t end = run_end(d, i, hi);
        int whole = d->pairs[i].word_len == t->w.len ? SCORE_WHOLE : 0;
        for (size_t k = i; k < end; k++) {
            const struct search_pair *p = &d->pairs[k];
            if (p->sig & SEARCH_SIG_DEAD)
                continue;
            int score = whole + length_score(p->letters);
            if (c->n == c->max && better(c, 0, score, p->entry, p->rank) >= 0)
                break; /* the rest of this run is no better */
            offer(c, p->entry, p->rank, score);
        }
        i = end;
    }
}

static void scan_pairs(const struct search_data *d, const struct query *q, struct collector *c)
{
    size_t lo[MAX_TYPED], hi[MAX_TYPED];
    for (int i = 0; i < q->n; i++)
        prefix_range(d, &q->words[i], &lo[i], &hi[i]);
    if (q->n > 1) {
        scan_words(d, q, lo, hi, c);
        return;
    }
    /* one word: every pair in the range is a hit, scored from the pair alone */
    const struct typed_word *t = &q->words[0];
    c->seen = scratch_set(d, 0);
    clear_set(d, c->seen);
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
        offer(c, p->entry, p->rank, word_score(p->sig, p->word_len, t) + length_score(p->letters));
    }
}

size_t vn_search_query(const struct vn_search *s, const char *typed, struct vn_search_hit *hits,
                       size_t max)
{
    struct search_data *d = s->d;
    struct query q;
    if (max == 0 || !typed || parse_query(typed, &q) == 0)
        return 0;
    if (d->n_entries - d->built_entries > SEARCH_PENDING_MAX ||
        d->dead_in_pairs > d->n_alive / 4 + SEARCH_PENDING_MAX) {
        if (search_build(d) != KIOSK_OK)
            kiosk_log(KIOSK_LOG_WARN, "search index rebuild failed: searching one by one");
    }
    uint32_t entry_buf[64], rank_buf[64];
    int score_buf[64];
    struct collector c = {
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
            offer(&c, (uint32_t)i, UINT32_MAX, sc + length_score(e->letters));
    }
    /* the heap's worst is at the top: pop into hits from the back */
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
