/* The search index gives exactly the naive scan's page: the same hits, the same scores, in
 * the same order, for the first 20 and for many, on awkward names (namesakes Hoa, Hòa and
 * Hóa, names typed without accents, NFD, đ, one-letter words, a word twice, words longer
 * than the index's keys) and awkward queries (every word common, a word typed twice, one
 * word the start of another, no hits, accents right and wrong), before and after people
 * are removed and renamed (pending entries and dead pairs). The naive scan scores every
 * name one by one: each typed word takes its own name word starting with it, 10000 for
 * the typed accents matched, 100 for a whole word, 99 less the name's folded length; ties
 * by folded name, then the order the names were added. */
#include "check.h"
#include "text/search.h"
#include "text/text.h"
#include "text/text_internal.h"

#include <stdlib.h>
#include <string.h>

#define N_MAX 24000
#define MAX_WORDS 16
#define MAX_TYPED 8

struct person {
    char id[16];
    struct vn_fold_word w[MAX_WORDS];
    int n;
    char folded[256];
    int letters;
    int order; /* when it was last added */
    int alive;
};

static struct person g_people[N_MAX];
static int g_n, g_clock;
static uint64_t g_rng = 0x9E3779B97F4A7C15ull;

static unsigned rnd(unsigned n)
{
    g_rng ^= g_rng << 13;
    g_rng ^= g_rng >> 7;
    g_rng ^= g_rng << 17;
    return (unsigned)(g_rng % n);
}

static void person_set(struct person *p, const char *name)
{
    p->n = (int)vn_fold_words(name, p->w, MAX_WORDS);
    size_t len = 0;
    for (int i = 0; i < p->n; i++) {
        if (i)
            p->folded[len++] = ' ';
        memcpy(p->folded + len, p->w[i].text, p->w[i].len);
        len += p->w[i].len;
    }
    p->folded[len] = '\0';
    p->letters = (int)len;
    p->order = g_clock++;
    p->alive = 1;
}

static void add(struct vn_search *s, const char *name)
{
    struct person *p = &g_people[g_n];
    kiosk_fmt(p->id, sizeof p->id, "p%d", g_n);
    person_set(p, name);
    CHECK_INT(vn_search_add(s, p->id, name), KIOSK_OK);
    g_n++;
}

/* ---- the naive scan ---- */

struct typed {
    struct vn_fold_word w;
    uint32_t mask;
};

static int best(const struct person *p, const struct typed *t, int nt, int k, unsigned used)
{
    if (k == nt)
        return 0;
    int top = -1;
    for (int i = 0; i < p->n; i++) {
        const struct vn_fold_word *w = &p->w[i];
        if ((used & (1u << i)) || w->len < t[k].w.len ||
            memcmp(w->text, t[k].w.text, t[k].w.len) != 0)
            continue;
        int rest = best(p, t, nt, k + 1, used | (1u << i));
        if (rest < 0)
            continue;
        int sc = rest + (w->len == t[k].w.len ? 100 : 0) +
                 (t[k].w.sig && (w->sig & t[k].mask) == t[k].w.sig ? 10000 : 0);
        if (sc > top)
            top = sc;
    }
    return top;
}

struct hit {
    int who, score;
};

static int hit_cmp(const void *a, const void *b)
{
    const struct hit *x = a, *y = b;
    if (x->score != y->score)
        return x->score > y->score ? -1 : 1;
    int r = strcmp(g_people[x->who].folded, g_people[y->who].folded);
    if (r)
        return r;
    return g_people[x->who].order - g_people[y->who].order;
}

static size_t naive(const char *typed, struct hit *out)
{
    struct vn_fold_word fw[MAX_TYPED];
    struct typed t[MAX_TYPED];
    int nt = (int)vn_fold_words(typed, fw, MAX_TYPED);
    for (int i = 0; i < nt; i++) {
        t[i].w = fw[i];
        t[i].mask = vn_sig_mask(fw[i].letters);
        if (fw[i].sig >> VN_SIG_TONE_SHIFT)
            t[i].mask |= 7u << VN_SIG_TONE_SHIFT;
    }
    size_t n = 0;
    for (int i = 0; i < g_n && nt > 0; i++) {
        const struct person *p = &g_people[i];
        int sc = p->alive ? best(p, t, nt, 0, 0) : -1;
        if (sc >= 0)
            out[n++] = (struct hit){i, sc + 99 - (p->letters < 99 ? p->letters : 99)};
    }
    qsort(out, n, sizeof *out, hit_cmp);
    return n;
}

/* ---- the comparison ---- */

static struct hit g_want[N_MAX];
static struct vn_search_hit g_got[N_MAX];
static int g_mismatches;

static void compare(struct vn_search *s, const char *typed, size_t max)
{
    size_t want = naive(typed, g_want);
    if (want > max)
        want = max;
    size_t got = vn_search_query(s, typed, g_got, max);
    int same = got == want;
    for (size_t i = 0; same && i < got; i++)
        same = strcmp(g_got[i].user_id, g_people[g_want[i].who].id) == 0 &&
               g_got[i].score == g_want[i].score;
    if (!same && g_mismatches++ < 10) {
        fprintf(stderr, "'%s' (max %zu): %zu hits, the naive scan %zu\n", typed, max, got, want);
        for (size_t i = 0; i < got || i < want; i++)
            if (i < 25)
                fprintf(stderr, "  %zu: %s %d | %s %d (%s)\n", i, i < got ? g_got[i].user_id : "-",
                        i < got ? g_got[i].score : 0, i < want ? g_people[g_want[i].who].id : "-",
                        i < want ? g_want[i].score : 0,
                        i < want ? g_people[g_want[i].who].folded : "");
    }
    CHECK(same);
}

static const char *k_family[] = {"Nguyễn", "Nguyễn", "Nguyễn", "Nguyen", "Trần", "Lê",  "Phạm",
                                 "Hồ",     "Ngô",    "Đặng",   "Dang",   "Đỗ",   "Võ",  "Vũ",
                                 "Hoàng",  "Lý",     "Thị",    "Y",      "Ka",   "Hòa", "Đinh"};
static const char *k_middle[] = {"Thị", "Thị",  "Thị", "Văn",  "Văn", "Thi",
                                 "Thu", "Ngọc", "Hoa", "Hoài", "A",   "Đức"};
static const char *k_given[] = {
    "Hoa",  "Hòa",  "Hóa",  "Hoà",  "Hoả", "Hoa", "Thị", "Thi",     "Thìn", "Thư",
    "Thu",  "Thuỷ", "Thủy", "Nga",  "Ngà", "Ngô", "An",  "Ân",      "Anh",  "Y",
    "Đạt",  "Dat",  "Dạt",  "Tâm",  "Tú",  "Hồ",  "Ho",  "Hưng",    "Nhi",  "Ngọc",
    "Hoàn", "Hoan", "Vy",   "Đông", "Do",  "Ly",  "Lý",  "Mỹ Linh", "U",    "Ư",
};
/* Awkward names added as they are: NFD, a word twice, long words, one word, empty words. */
static const char *k_odd[] = {
    "Tra\xcc\x82\xcc\x80n Thi\xcc\xa3 Hoa\xcc\x80", /* NFD Trần Thị Hoà */
    "Nguye\xcc\x82\xcc\x83n Thi\xcc\xa3 Thi\xcc\xa3",
    "Nguyễn Thị Thị Hoa",
    "Thị Thị Thị",
    "Hoa Hoa",
    "Christophersonn Nguyễn",
    "Christopherson Lê",
    "Nguyễn Hoàngggggggggggg",
    "Ng",
    "A",
    "A A A",
    "đ Đ d",
    "  Lê   Văn   Tám  ",
    "Nguyễn-Thị Hoa",
    "Bùi Thị Xuân Thị Mai Thị Lan Thị Cúc",
    "Bùi Thị Thìn", /* short, one Thị: before the next in display order, and worse */
    "Bùi Thị Thị Ánh Hồng Nhung",
};

/* Does a folded word occur twice in the name ("Thị Thị")? */
static int has_repeat(const char *name)
{
    struct vn_fold_word w[MAX_WORDS];
    size_t n = vn_fold_words(name, w, MAX_WORDS);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < i; j++)
            if (strcmp(w[i].text, w[j].text) == 0)
                return 1;
    return 0;
}

/* n generated names; odd: with the awkward ones and names with a word twice */
static void fill(struct vn_search *s, int n, int odd)
{
    for (int i = 0; i < n; i++) {
        char name[160];
        if (i % 50 == 0 && odd) {
            kiosk_strlcpy(name, k_odd[(i / 50) % KIOSK_ARRAY_LEN(k_odd)], sizeof name);
        } else {
            const char *f = k_family[rnd(KIOSK_ARRAY_LEN(k_family))];
            const char *m = k_middle[rnd(KIOSK_ARRAY_LEN(k_middle))];
            const char *g = k_given[rnd(KIOSK_ARRAY_LEN(k_given))];
            if (rnd(5) == 0)
                kiosk_fmt(name, sizeof name, "%s %s %s %s", f, m,
                          k_middle[rnd(KIOSK_ARRAY_LEN(k_middle))], g);
            else
                kiosk_fmt(name, sizeof name, "%s %s %s", f, m, g);
            if (rnd(9) == 0) { /* typed without accents */
                char plain[160];
                vn_fold(name, plain, sizeof plain);
                kiosk_strlcpy(name, plain, sizeof name);
            }
            if (!odd && has_repeat(name)) {
                i--;
                continue;
            }
        }
        add(s, name);
    }
}

static const char *k_queries[] = {
    "nguyen thi",
    "nguyen thi th",
    "nguyen thi thi",
    "nguyen thi thi ",
    "thi thi",
    "thi thi thi",
    "thi thi thi thi",
    "thi th t",
    "t t t",
    "n n",
    "nguyen n",
    "nguyen ng",
    "nguyen ngo",
    "ngo nguyen",
    "nguyen ho",
    "nguyen thi ho",
    "hoa hoa",
    "hòa hoa",
    "hóa hoa",
    "hoa",
    "hòa",
    "hóa",
    "hoà",
    "Hoà",
    "ho",
    "hồ",
    "hô",
    "nguyễn thị hòa",
    "Nguyễn Thị Th",
    "nguyễn thị thị",
    "nguyên thi",
    "nguyên thị hoa",
    "đ",
    "d",
    "d d",
    "đ d",
    "đat",
    "đạt",
    "dat",
    "a",
    "a a",
    "a a a",
    "a a a a",
    "y",
    "y nguyen",
    "u",
    "ư",
    "christopherson",
    "christophersonn",
    "christophersonnn",
    "christopherso ng",
    "nguyen hoangggggggg",
    "nguyen hoangggggggggggg",
    "xyz",
    "nguyen xyz",
    "thi xyz thi",
    "le van tam",
    "tam van le",
    "bui thi thi",
    "bui thi thi thi thi",
    "bui thi thi thi thi thi",
    "thi thi thi thi thi thi thi thi",
    "my linh",
    "nguyen thi thi hoa",
    "Tra\xcc\x82\xcc\x80n",
    "ngu ngu",
    "ng ng ng",
};

/* Every keystroke of some names as they are and folded, and the fixed queries. */
static void compare_all(struct vn_search *s, int keystroke_names)
{
    for (size_t i = 0; i < KIOSK_ARRAY_LEN(k_queries); i++) {
        compare(s, k_queries[i], 20);
        compare(s, k_queries[i], 400);
        compare(s, k_queries[i], 1);
    }
    for (int k = 0; k < keystroke_names; k++) {
        const struct person *p = &g_people[rnd((unsigned)g_n)];
        char typed[256];
        kiosk_strlcpy(typed, p->folded, sizeof typed);
        if (k % 2 == 0) { /* the words in another order */
            char *sp = strrchr(typed, ' ');
            if (sp)
                kiosk_fmt(typed, sizeof typed, "%s %.*s", sp + 1, (int)(sp - typed), p->folded);
        }
        for (size_t len = 1; len <= strlen(typed); len++) {
            char prefix[256];
            memcpy(prefix, typed, len);
            prefix[len] = '\0';
            compare(s, prefix, 20);
        }
    }
}

static void check_index(int n, int keystroke_names, int odd)
{
    g_n = 0;
    struct vn_search *s = vn_search_new();
    fill(s, n, odd);
    CHECK_INT(vn_search_prepare(s), KIOSK_OK);
    compare_all(s, keystroke_names);
    /* remove some, rename some: dead pairs in the index and pending entries */
    for (int i = 3; i < g_n; i += 11) {
        if (i % 2) {
            vn_search_remove(s, g_people[i].id);
            g_people[i].alive = 0;
        } else {
            const char *name = i % 4 ? "Nguyễn Thị Hoa" : "Hòa Thị Nguyen";
            vn_search_add(s, g_people[i].id, name);
            person_set(&g_people[i], name);
        }
    }
    compare_all(s, keystroke_names / 4);
    /* more people than are checked one by one: the next query builds the index again */
    fill(s, 2100, odd);
    compare_all(s, keystroke_names / 4);
    vn_search_free(s);
}

int main(void)
{
    check_index(300, 20, 1);   /* one block, partly filled */
    check_index(20000, 60, 1); /* several blocks of display places */
    check_index(6000, 30, 0);  /* no name has a word twice */
    return check_done();
}
