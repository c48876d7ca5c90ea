/* Several typed words ("nguyen thi th"): the names are read in display order (shorter
 * first, then folded-name order: the order of equal scores), 4096 display places at a
 * time, and the scan stops as soon as no later name can beat the page of hits already
 * found. The common words' runs are long (a third of all names are Nguyễn), but a page
 * fills within the first blocks, so only their fronts are read.
 *
 * In a block each typed word counts, per name, its words starting with it (rarest typed
 * word first). A name is a candidate when every typed word t counts at least as many
 * words as there are typed words starting with t (t itself included): the prefixes of
 * typed words nest or are disjoint, so by Hall's theorem that is exactly "every typed
 * word has a word of its own" (for words the 11-byte keys hold whole). A candidate is
 * scored (search_entry_score) only when its bound (length, the whole words and accents
 * its words can earn) beats the page's worst hit.
 *
 * The scan can stop early only when a later name cannot score more than the page's worst,
 * so the best score the typed words allow must exist. When a typed word happens to be a
 * whole word too ("nguyen ho": Hồ), no name may have all of them whole: a first pass reads
 * only the names where every such word is whole (their own runs, short); when it did not
 * fill the page, the second pass reads the rest, knowing no name there earns as much. */
#include "text/search_internal.h"

#include <stdlib.h>
#include <string.h>

#define MAX_TYPED SEARCH_MAX_TYPED
#define BLOCK_WORDS SEARCH_BLOCK_WORDS
#define BLOCK_BITS (BLOCK_WORDS * 64)
/* rough costs, in pairs read: looking a name up in a run (galloping), scoring a name */
#define PROBE_COST 6
#define SCORE_COST 80

struct scan_run {
    size_t start, at, end; /* by_entry[start, end): one key's run; at: read up to there */
};

enum scan_read { READ_NONE, READ_ALL, READ_OWN };

/* One distinct typed word (text and accents). */
struct scan_word {
    const struct search_typed *t;
    int mult;      /* typed words with this text and accents */
    int need;      /* typed words whose text starts with this one's (itself included) */
    int exact;     /* the key holds the whole typed word: the range is exactly its matches */
    int whole;     /* a name word is the typed word itself: runs[run_first] is its run */
    int text_mult; /* typed words with this text, whatever their accents */
    int wholes;    /* whole words it can earn: the first of a text counts them for all its
                    * copies (at most max_repeat), the others none */
    size_t size, own_size, run_first, n_runs;
    enum scan_read read;         /* in this block */
    uint64_t *cnt, *eq, *accent; /* the block's counts (need sets), whole words (mult sets)
                                  * and accent matches */
};

struct scan {
    const struct search_data *d;
    const struct search_query *q;
    struct scan_word w[MAX_TYPED];
    int n, order[MAX_TYPED];
    struct scan_run *runs;
    size_t n_runs, cap_runs;
    uint64_t *surv;
    int max_bonus;
    uint32_t start; /* no name before this display place is long enough for the words */
    int top;        /* the first pass: names where every word that can be whole is */
    /* the names scored by the first pass (the second skips them) */
    uint32_t *scored;
    size_t n_scored, cap_scored;
    uint64_t *skip; /* their bits (one per display place) in the second pass, else NULL */
};

static int same_typed(const struct search_typed *a, const struct search_typed *b)
{
    return a->w.len == b->w.len && a->w.sig == b->w.sig &&
           memcmp(a->w.text, b->w.text, a->w.len) == 0;
}

static int starts_with(const struct search_typed *a, const struct search_typed *prefix)
{
    return a->w.len >= prefix->w.len && memcmp(a->w.text, prefix->w.text, prefix->w.len) == 0;
}

/* The runs of [lo, hi) into s->runs; 0 when out of memory. */
static int add_runs(struct scan *s, struct scan_word *w, size_t lo, size_t hi)
{
    w->run_first = s->n_runs;
    for (size_t i = lo; i < hi;) {
        size_t end = search_run_end(s->d, i, hi);
        if (!kiosk_grow((void **)&s->runs, &s->cap_runs, s->n_runs + 1, sizeof *s->runs))
            return 0;
        s->runs[s->n_runs++] = (struct scan_run){i, i, end};
        i = end;
    }
    w->n_runs = s->n_runs - w->run_first;
    return 1;
}

static void word_sets(struct scan *s, int i)
{
    uint64_t *base =
        s->d->scratch + s->d->n_bits_words + (size_t)(1 + i * (2 * MAX_TYPED + 1)) * BLOCK_WORDS;
    s->w[i].cnt = base;
    s->w[i].eq = base + MAX_TYPED * BLOCK_WORDS;
    s->w[i].accent = base + 2 * MAX_TYPED * BLOCK_WORDS;
}

/* The distinct typed words with their copies and needs; the first typed word of each. */
static void scan_words_of(struct scan *s, const size_t *lo, const size_t *hi, int *first)
{
    for (int i = 0; i < s->q->n; i++) {
        const struct search_typed *t = &s->q->words[i];
        int k = 0;
        while (k < s->n && !same_typed(s->w[k].t, t))
            k++;
        if (k == s->n) {
            first[k] = i;
            s->w[s->n++] = (struct scan_word){.t = t, .size = hi[i] - lo[i]};
        }
        s->w[k].mult++;
    }
    for (int k = 0; k < s->n; k++) {
        struct scan_word *w = &s->w[k];
        for (int j = 0; j < s->n; j++) {
            if (starts_with(s->w[j].t, w->t))
                w->need += s->w[j].mult;
            if (s->w[j].t->w.len == w->t->w.len && starts_with(s->w[j].t, w->t))
                w->text_mult += s->w[j].mult;
        }
        w->exact = w->t->w.len < SEARCH_KEY_LEN - 1;
        word_sets(s, k);
    }
}

/* The most a word adds to a score: its accents, and its whole words. */
static int word_bonus_max(const struct scan_word *w)
{
    return (w->t->has_marks ? w->mult * SEARCH_SCORE_ACCENT : 0) + w->wholes * SEARCH_SCORE_WHOLE;
}

/* In the first pass a word that can be whole reads only its own run (the first of its
 * text: the whole words of all its copies). */
static int reads_own(const struct scan *s, const struct scan_word *w)
{
    return s->top && w->whole && w->wholes > 0;
}

/* The pairs the word reads in this pass. */
static size_t pass_size(const struct scan *s, int k)
{
    return reads_own(s, &s->w[k]) ? s->w[k].own_size : s->w[k].size;
}

static void rarest_first(struct scan *s)
{
    for (int k = 0; k < s->n; k++)
        s->order[k] = k;
    for (int i = 1; i < s->n; i++)
        for (int j = i; j > 0 && pass_size(s, s->order[j]) < pass_size(s, s->order[j - 1]); j--) {
            int t = s->order[j];
            s->order[j] = s->order[j - 1];
            s->order[j - 1] = t;
        }
}

/* Sets up the scan: 1, or 0 when a typed word matches no name (no built hits), -1 when out
 * of memory. */
static int scan_init(struct scan *s, const size_t *lo, const size_t *hi)
{
    int first[MAX_TYPED];
    scan_words_of(s, lo, hi, first);
    unsigned repeat = s->d->max_repeat;
    for (int k = 0; k < s->n; k++) {
        struct scan_word *w = &s->w[k];
        size_t a = lo[first[k]], b = hi[first[k]];
        if (a == b)
            return 0;
        if (!add_runs(s, w, a, b))
            return -1;
        w->whole = w->exact && s->d->pairs[a].word_len == w->t->w.len;
        int first_of_text = 1;
        for (int j = 0; j < k; j++)
            first_of_text &= !(s->w[j].t->w.len == w->t->w.len && starts_with(s->w[j].t, w->t));
        if ((w->whole || !w->exact) && first_of_text)
            w->wholes = (unsigned)w->text_mult < repeat ? w->text_mult : (int)repeat;
        w->own_size = s->runs[w->run_first].end - s->runs[w->run_first].at;
        s->max_bonus += word_bonus_max(w);
    }
    /* the shortest name with a word of its own for each typed word (longer than it when
     * no name has the typed word whole) */
    size_t letters = (size_t)s->q->n - 1;
    for (int k = 0; k < s->n; k++)
        letters += (size_t)s->w[k].mult * (s->w[k].t->w.len + (s->w[k].exact && !s->w[k].whole));
    s->start = s->d->class_start[search_length_class((unsigned)letters)] & ~63u;
    s->surv = s->d->scratch + s->d->n_bits_words;
    return 1;
}

static uint32_t disp_at(const struct search_data *d, size_t i)
{
    return (uint32_t)(d->by_entry[i] >> 32);
}

/* (no popcount instruction in the baseline x86-64 the kiosk is built for) */
static size_t bit_count(uint64_t x)
{
    x = x - ((x >> 1) & 0x5555555555555555ull);
    x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
    x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0full;
    return (size_t)((x * 0x0101010101010101ull) >> 56);
}

/* Skips the run's places before p (galloping: a word not read for a while). */
static void run_seek(const struct search_data *d, struct scan_run *r, uint32_t p)
{
    if (r->at >= r->end || disp_at(d, r->at) >= p)
        return;
    size_t good = r->at, step = 1; /* disp_at(good) < p */
    while (good + step < r->end && disp_at(d, good + step) < p) {
        good += step;
        step *= 2;
    }
    size_t a = good + 1, b = good + step < r->end ? good + step : r->end;
    while (a < b) {
        size_t m = a + (b - a) / 2;
        if (disp_at(d, m) < p)
            a = m + 1;
        else
            b = m;
    }
    r->at = a;
}

/* Counts one pair (by_entry value v, at the block's bit) for the word; repeat: how many
 * pairs of the same name were counted just before it in its own run. */
static inline void count_pair(struct scan_word *w, uint64_t v, uint32_t bit, int own, int repeat)
{
    uint64_t m = 1ull << (bit & 63);
    size_t at = bit >> 6;
    if (w->need == 1 && !own && !w->t->has_marks) { /* most pairs: a bit to set */
        w->cnt[at] |= m;
        return;
    }
    int k = 0;
    while (k < w->need - 1 && (w->cnt[k * BLOCK_WORDS + at] & m))
        k++;
    w->cnt[k * BLOCK_WORDS + at] |= m;
    if (own && repeat < w->text_mult)
        w->eq[repeat * BLOCK_WORDS + at] |= m;
    if (w->t->has_marks && ((uint32_t)v & w->t->mask) == w->t->w.sig)
        w->accent[at] |= m;
}

/* One run's places in [b0, b0 + BLOCK_BITS) into the word's sets (whole words when it is
 * the word's own run). */
static void read_run(const struct search_data *d, struct scan_word *w, struct scan_run *r,
                     uint32_t b0, int own)
{
    run_seek(d, r, b0);
    const uint64_t *pairs = d->by_entry;
    size_t at = r->at, end = r->end;
    if (w->need == 1 && !w->t->has_marks && (!own || w->text_mult == 1)) {
        /* most runs: a bit to set per pair (twice in the word's own run) */
        uint64_t *cnt = w->cnt, *eq = own ? w->eq : w->cnt;
        for (; at < end; at++) {
            uint32_t bit = (uint32_t)(pairs[at] >> 32) - b0;
            if (bit >= BLOCK_BITS)
                break;
            cnt[bit >> 6] |= 1ull << (bit & 63);
            eq[bit >> 6] |= 1ull << (bit & 63);
        }
        r->at = at;
        return;
    }
    uint32_t prev = UINT32_MAX;
    int repeat = 0;
    for (; at < end; at++) {
        uint32_t bit = (uint32_t)(pairs[at] >> 32) - b0;
        if (bit >= BLOCK_BITS)
            break;
        repeat = bit == prev ? repeat + 1 : 0;
        prev = bit;
        count_pair(w, pairs[at], bit, own, repeat);
    }
    r->at = at;
}

/* The same for the survivors only, each looked up in the run. */
static void probe_run(const struct scan *s, struct scan_word *w, struct scan_run *r, uint32_t b0,
                      int own)
{
    for (uint32_t i = 0; i < BLOCK_WORDS; i++)
        for (uint64_t bits = s->surv[i]; bits; bits &= bits - 1) {
            uint32_t bit = i * 64 + (uint32_t)__builtin_ctzll(bits);
            run_seek(s->d, r, b0 + bit);
            for (int repeat = 0; r->at < r->end && disp_at(s->d, r->at) == b0 + bit; repeat++)
                count_pair(w, s->d->by_entry[r->at++], bit, own, repeat);
            if (r->at == r->end)
                return;
        }
}

/* Reads (or probes) the word's runs for the block: all of them, or only its own in the
 * first pass; the survivors keep the names with enough words. */
static size_t read_word(struct scan *s, struct scan_word *w, uint32_t b0, enum scan_read how,
                        int probe)
{
    memset(w->cnt, 0, (size_t)w->need * BLOCK_WORDS * sizeof *w->cnt);
    if (w->whole)
        memset(w->eq, 0, (size_t)w->text_mult * BLOCK_WORDS * sizeof *w->eq);
    if (w->t->has_marks)
        memset(w->accent, 0, BLOCK_WORDS * sizeof *w->accent);
    size_t n_runs = how == READ_OWN ? 1 : w->n_runs;
    for (size_t r = 0; r < n_runs; r++) {
        struct scan_run *run = &s->runs[w->run_first + r];
        if (probe)
            probe_run(s, w, run, b0, w->whole && r == 0);
        else
            read_run(s->d, w, run, b0, w->whole && r == 0);
    }
    w->read = how;
    const uint64_t *enough = how == READ_OWN ? w->eq + (size_t)(w->wholes - 1) * BLOCK_WORDS
                                             : w->cnt + (size_t)(w->need - 1) * BLOCK_WORDS;
    size_t left = 0;
    for (size_t i = 0; i < BLOCK_WORDS; i++)
        if ((s->surv[i] &= enough[i]) != 0)
            left += bit_count(s->surv[i]);
    return left;
}

/* Reads the word for the block the cheapest way: every pair of its runs in the block,
 * or the survivors looked up in its runs, or not at all (the scoring checks the few
 * survivors). Returns the survivors left. */
static size_t narrow(struct scan *s, struct scan_word *w, uint32_t b0, size_t left, int first)
{
    enum scan_read how = reads_own(s, w) ? READ_OWN : READ_ALL;
    size_t n_runs = how == READ_OWN ? 1 : w->n_runs;
    size_t pairs = how == READ_OWN ? w->own_size : w->size;
    size_t read_cost = pairs * BLOCK_BITS / (s->d->n_disp + 1) + n_runs;
    size_t probe_cost = left * n_runs * PROBE_COST;
    if (!first && read_cost > left * SCORE_COST && probe_cost > left * SCORE_COST)
        return left;
    return read_word(s, w, b0, how, !first && probe_cost < read_cost);
}

/* The block's candidates: the typed words read rarest first, until none is left. */
static size_t block_candidates(struct scan *s, uint32_t b0)
{
    size_t n_bits = s->d->n_disp - b0 < BLOCK_BITS ? s->d->n_disp - b0 : BLOCK_BITS;
    for (size_t i = 0; i < BLOCK_WORDS; i++) {
        size_t from = i * 64;
        s->surv[i] = from >= n_bits        ? 0
                     : n_bits - from >= 64 ? ~0ull
                                           : (1ull << (n_bits - from)) - 1;
        if (s->skip && from < n_bits)
            s->surv[i] &= ~s->skip[(b0 >> 6) + i];
    }
    size_t left = n_bits;
    for (int k = 0; k < s->n; k++)
        s->w[k].read = READ_NONE;
    for (int k = 0; k < s->n && left > 0; k++)
        left = narrow(s, &s->w[s->order[k]], b0, left, k == 0);
    return left;
}

static int test_bit(const uint64_t *set, uint32_t bit)
{
    return (int)((set[bit >> 6] >> (bit & 63)) & 1);
}

/* The most the typed words can add to the score of the block's name at bit. */
static int bonus_bound(const struct scan *s, uint32_t bit)
{
    int most = 0;
    for (int k = 0; k < s->n; k++) {
        const struct scan_word *w = &s->w[k];
        if (w->read == READ_NONE || !w->exact) {
            most += word_bonus_max(w);
            continue;
        }
        for (int r = 0; w->whole && r < w->wholes && test_bit(w->eq + r * BLOCK_WORDS, bit); r++)
            most += SEARCH_SCORE_WHOLE;
        /* its own run alone does not say whether another word has the accents */
        if (w->t->has_marks && (w->read == READ_OWN || test_bit(w->accent, bit)))
            most += w->mult * SEARCH_SCORE_ACCENT;
    }
    return most;
}

static int length_score_at(const struct search_data *d, uint32_t disp)
{
    return SEARCH_LONG_NAME - (int)d->len_class[disp];
}

/* Can a name scoring at most `most`, at display place disp, not beat the page's worst?
 * On equal scores the name earlier in display order wins (the length class is the same:
 * the rank decides). */
static int cannot_beat(const struct scan *s, const struct search_collector *c, int most,
                       uint32_t disp)
{
    if (c->n < c->max || most > c->score[0])
        return 0;
    return most < c->score[0] || c->rank[0] < s->d->entries[s->d->disp_entry[disp]].rank;
}

/* No name from disp on can beat the page's worst (later names are no shorter). */
static int page_done(const struct scan *s, const struct search_collector *c, uint32_t disp)
{
    return cannot_beat(s, c, s->max_bonus + length_score_at(s->d, disp), disp);
}

/* Scores the name at disp and offers it; the first pass notes it for the second. */
static void score_one(struct scan *s, uint32_t disp, struct search_collector *c)
{
    if (s->top) {
        if (!kiosk_grow((void **)&s->scored, &s->cap_scored, s->n_scored + 1, sizeof *s->scored))
            s->top = -1; /* out of memory: the second pass reads everything */
        else
            s->scored[s->n_scored++] = disp;
    }
    uint32_t e = s->d->disp_entry[disp];
    int score = search_entry_score(s->d, s->q, e);
    if (score >= 0)
        search_offer(c, e, s->d->entries[e].rank, score);
}

/* Scores the block's candidates that can make the page; 1 when the scan is done. */
static int scan_block(struct scan *s, uint32_t b0, struct search_collector *c)
{
    if (page_done(s, c, b0))
        return 1;
    if (block_candidates(s, b0) == 0)
        return 0;
    for (uint32_t i = 0; i < BLOCK_WORDS; i++) {
        for (uint64_t bits = s->surv[i]; bits; bits &= bits - 1) {
            uint32_t bit = i * 64 + (uint32_t)__builtin_ctzll(bits), disp = b0 + bit;
            if (page_done(s, c, disp))
                return 1;
            if (cannot_beat(s, c, length_score_at(s->d, disp) + bonus_bound(s, bit), disp))
                continue;
            score_one(s, disp, c);
        }
    }
    return 0;
}

/* One pass over the display places; 1 when it stopped early (the page is final). */
static int scan_pass(struct scan *s, struct search_collector *c)
{
    for (size_t r = 0; r < s->n_runs; r++)
        s->runs[r].at = s->runs[r].start;
    rarest_first(s);
    for (uint32_t b0 = s->start; b0 < s->d->n_disp; b0 += BLOCK_BITS)
        if (scan_block(s, b0, c))
            return 1;
    return 0;
}

/* The first pass did not fill the page: the rest, each name no better than its whole
 * words less one, skipping the names already scored. */
static void second_pass(struct scan *s, struct search_collector *c)
{
    if (s->top < 0) { /* the first pass could not note what it scored: start again */
        c->n = 0;
    } else {
        s->max_bonus -= SEARCH_SCORE_WHOLE;
        s->skip = s->d->scratch;
        memset(s->skip, 0, s->d->n_bits_words * sizeof *s->skip);
        for (size_t i = 0; i < s->n_scored; i++)
            s->skip[s->scored[i] >> 6] |= 1ull << (s->scored[i] & 63);
    }
    s->top = 0;
    scan_pass(s, c);
}

void search_scan_words(const struct search_data *d, const struct search_query *q, const size_t *lo,
                       const size_t *hi, struct search_collector *c)
{
    struct scan s = {.d = d, .q = q};
    int st = scan_init(&s, lo, hi);
    if (st > 0) {
        for (int k = 0; k < s.n; k++)
            s.top |= s.w[k].whole && s.w[k].wholes > 0;
        if (!scan_pass(&s, c) && s.top)
            second_pass(&s, c);
    }
    for (uint32_t p = 0; st < 0 && p < d->n_disp; p++) { /* no memory: one by one */
        uint32_t e = d->disp_entry[p];
        int score = search_entry_score(d, q, e);
        if (score >= 0)
            search_offer(c, e, d->entries[e].rank, score);
    }
    free(s.runs);
    free(s.scored);
}
