/* Search-as-you-type speed: 10k, 100k and 1M generated Vietnamese names, queries typed
 * keystroke by keystroke without accents, median and p99 per keystroke (ms), beside a
 * naive scan of the folded names measured in the same run (the baseline column; ratio =
 * median / baseline). At 1M the naive scan is timed on every 5th keystroke only. Also
 * the time to load and index the names once. TSV rows: figure, median, p99, baseline,
 * ratio, target. */
#include "text/search.h"
#include "text/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define QUERIES 120
#define MAX_HITS 20

/* family names with rough shares (per thousand) of the Vietnamese population */
static const struct {
    const char *name;
    int share;
} k_family[] = {
    {"Nguyễn", 380}, {"Trần", 110}, {"Lê", 95},    {"Phạm", 70}, {"Hoàng", 51}, {"Huỳnh", 40},
    {"Phan", 45},    {"Vũ", 39},    {"Võ", 30},    {"Đặng", 21}, {"Bùi", 20},   {"Đỗ", 14},
    {"Hồ", 13},      {"Ngô", 13},   {"Dương", 10}, {"Lý", 5},    {"Trương", 8}, {"Đinh", 6},
    {"Lâm", 5},      {"Mai", 4},    {"Tạ", 3},     {"Châu", 3},  {"Tôn", 2},    {"Quách", 2},
    {"Thái", 3},     {"Cao", 4},    {"Lương", 4},  {"Kiều", 2},  {"Thạch", 3},  {"Danh", 3},
};
static const char *k_middle[] = {"Văn",  "Văn",  "Văn",   "Thị",  "Thị", "Thị",  "Thị",
                                 "Minh", "Ngọc", "Thanh", "Hoài", "Đức", "Quốc", "Hữu",
                                 "Kim",  "Thu",  "Xuân",  "Bảo",  "Gia", "Công", "Mỹ"};
static const char *k_given[] = {
    "An",    "Anh",   "Ánh",    "Bảo",   "Bình",  "Châu",  "Chi",   "Cường", "Dũng", "Dung",
    "Duy",   "Dương", "Đạt",    "Điệp",  "Đông",  "Giang", "Hà",    "Hải",   "Hạnh", "Hào",
    "Hiền",  "Hiếu",  "Hòa",    "Hoa",   "Hoàng", "Huệ",   "Hùng",  "Hương", "Huy",  "Khang",
    "Khánh", "Khoa",  "Lan",    "Liên",  "Linh",  "Loan",  "Long",  "Lộc",   "Mai",  "Minh",
    "My",    "Nam",   "Nga",    "Ngân",  "Nghĩa", "Ngọc",  "Nhân",  "Nhung", "Oanh", "Phát",
    "Phong", "Phúc",  "Phương", "Quân",  "Quang", "Quyên", "Sang",  "Sơn",   "Tài",  "Tâm",
    "Tân",   "Thảo",  "Thắng",  "Thành", "Thanh", "Thiện", "Thịnh", "Thơ",   "Thu",  "Thủy",
    "Thư",   "Tiến",  "Toàn",   "Trang", "Trí",   "Trinh", "Trung", "Tú",    "Tuấn", "Tùng",
    "Uyên",  "Vân",   "Việt",   "Vinh",  "Vy",    "Xuân",  "Yến",   "Lực",   "Nhi",  "Kiệt",
};

static uint64_t g_rng = 88172645463325252ull;

static unsigned rnd(unsigned n)
{
    g_rng ^= g_rng << 13;
    g_rng ^= g_rng >> 7;
    g_rng ^= g_rng << 17;
    return (unsigned)(g_rng % n);
}

static const char *pick_family(void)
{
    int total = 0;
    for (size_t i = 0; i < KIOSK_ARRAY_LEN(k_family); i++)
        total += k_family[i].share;
    int r = (int)rnd((unsigned)total);
    for (size_t i = 0; i < KIOSK_ARRAY_LEN(k_family); i++) {
        r -= k_family[i].share;
        if (r < 0)
            return k_family[i].name;
    }
    return k_family[0].name;
}

#define PICK(a) (a)[rnd(KIOSK_ARRAY_LEN(a))]

static void make_name(char *out, size_t cap, const char **family, const char **given)
{
    *family = pick_family();
    *given = PICK(k_given);
    if (rnd(5) == 0) /* two middle names */
        kiosk_fmt(out, cap, "%s %s %s %s", *family, PICK(k_middle), PICK(k_middle), *given);
    else
        kiosk_fmt(out, cap, "%s %s %s", *family, PICK(k_middle), *given);
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static double cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static void stats(double *v, size_t n, double *median, double *p99)
{
    qsort(v, n, sizeof *v, cmp_double);
    *median = v[n / 2];
    *p99 = v[(n * 99) / 100];
}

/* The baseline: fold what was typed, then check every folded name, word prefixes in any
 * order, keeping the first MAX_HITS. */
static size_t naive_query(char **folded, size_t n, const char *typed)
{
    char q[256];
    vn_fold(typed, q, sizeof q);
    char *words[8];
    size_t lens[8];
    int nq = 0;
    for (char *save = NULL, *w = strtok_r(q, " ", &save); w && nq < 8;
         w = strtok_r(NULL, " ", &save)) {
        words[nq] = w;
        lens[nq++] = strlen(w);
    }
    if (nq == 0)
        return 0;
    size_t hits = 0;
    for (size_t i = 0; i < n; i++) {
        const char *name = folded[i];
        int all = 1;
        for (int k = 0; k < nq && all; k++) {
            int found = 0;
            for (const char *p = name; *p && !found; p++) {
                if ((p == name || p[-1] == ' ') && *p == words[k][0] &&
                    strncmp(p, words[k], lens[k]) == 0)
                    found = 1;
            }
            all = found;
        }
        if (all)
            hits++;
    }
    return hits < MAX_HITS ? hits : MAX_HITS;
}

/* Keystroke prefixes of QUERIES people's names typed without accents, in the orders
 * people use: full name, given + family, family + given. */
static char **make_keystrokes(char **names, char **family, char **given, size_t n, size_t *n_keys)
{
    size_t cap = 4096, k = 0;
    char **keys = malloc(cap * sizeof *keys);
    for (int q = 0; q < QUERIES; q++) {
        size_t who = rnd((unsigned)n);
        char typed[256], folded[256];
        int form = (int)rnd(20);
        if (form < 12)
            kiosk_strlcpy(typed, names[who], sizeof typed);
        else if (form < 17)
            kiosk_fmt(typed, sizeof typed, "%s %s", given[who], family[who]);
        else
            kiosk_fmt(typed, sizeof typed, "%s %s", family[who], given[who]);
        vn_fold(typed, folded, sizeof folded);
        for (size_t len = 1; len <= strlen(folded); len++) {
            if (k == cap) {
                cap *= 2;
                keys = realloc(keys, cap * sizeof *keys);
            }
            keys[k] = malloc(len + 1);
            memcpy(keys[k], folded, len);
            keys[k][len] = '\0';
            k++;
        }
    }
    *n_keys = k;
    return keys;
}

static void run(size_t n, const char *label, int naive_every, const char *target)
{
    char **names = malloc(n * sizeof *names), **folded = malloc(n * sizeof *folded);
    char **family = malloc(n * sizeof *family), **given = malloc(n * sizeof *given);
    for (size_t i = 0; i < n; i++) {
        char name[128], f[128];
        const char *fam, *giv;
        make_name(name, sizeof name, &fam, &giv);
        names[i] = strdup(name);
        family[i] = (char *)fam;
        given[i] = (char *)giv;
        vn_fold(name, f, sizeof f);
        folded[i] = strdup(f);
    }
    double t0 = now_ms();
    struct vn_search *s = vn_search_new();
    for (size_t i = 0; i < n; i++) {
        char id[16];
        kiosk_fmt(id, sizeof id, "p%zu", i);
        vn_search_add(s, id, names[i]);
    }
    struct vn_search_hit hits[MAX_HITS];
    vn_search_prepare(s);
    double build_ms = now_ms() - t0;

    size_t n_keys;
    char **keys = make_keystrokes(names, family, given, n, &n_keys);
    /* BENCH_PROFILE=1: only the searches (for perf); no rows */
    int profiling = getenv("BENCH_PROFILE") != NULL;
    double *fast = malloc(n_keys * sizeof *fast), *slow = malloc(n_keys * sizeof *slow);
    double *fast_cpu = malloc(n_keys * sizeof *fast), *slow_cpu = malloc(n_keys * sizeof *slow);
    size_t n_slow = 0, mismatches = 0;
    for (size_t k = 0; k < n_keys; k++) {
        double c0 = cpu_ms();
        double a = now_ms();
        size_t got = vn_search_query(s, keys[k], hits, MAX_HITS);
        fast[k] = now_ms() - a;
        fast_cpu[k] = cpu_ms() - c0;
        if (getenv("BENCH_SLOW") && fast[k] > atof(getenv("BENCH_SLOW")))
            fprintf(stderr, "slow %.3f ms (cpu %.3f) '%s' (%zu hits)\n", fast[k], fast_cpu[k],
                    keys[k], got);
        if (k % (size_t)naive_every == 0 && !profiling) {
            c0 = cpu_ms();
            a = now_ms();
            size_t want = naive_query(folded, n, keys[k]);
            slow[n_slow] = now_ms() - a;
            slow_cpu[n_slow++] = cpu_ms() - c0;
            /* the naive scan does not need distinct words: it may find more */
            if (got > want)
                mismatches++;
        }
    }
    /* the store asks for every hit when a search is limited to one event's people */
    struct vn_search_hit *all = malloc(n * sizeof *all);
    double *every = malloc(n_keys * sizeof *every);
    size_t n_every = 0;
    for (size_t k = 0; k < n_keys && !profiling; k += 5) {
        double a = now_ms();
        vn_search_query(s, keys[k], all, n);
        every[n_every++] = now_ms() - a;
    }
    if (profiling) {
        for (int rep = 0; rep < 5; rep++)
            for (size_t k = 0; k < n_keys; k++)
                vn_search_query(s, keys[k], hits, MAX_HITS);
        n_every = n_slow = 1;
        every[0] = slow[0] = slow_cpu[0] = 1;
    }
    double em, ep;
    stats(every, n_every, &em, &ep);
    free(all);
    free(every);
    double fm, fp, sm, sp, cfm, cfp, csm, csp;
    stats(fast, n_keys, &fm, &fp);
    stats(slow, n_slow, &sm, &sp);
    stats(fast_cpu, n_keys, &cfm, &cfp);
    stats(slow_cpu, n_slow, &csm, &csp);
    char figure[64];
    kiosk_fmt(figure, sizeof figure, "search.keystroke_ms.%s", label);
    printf("%s\t%.4f\t%.4f\t%.4f\t%.4f\t%s\n", figure, fm, fp, sm, fm / sm, target);
    /* CPU time of the thread: the same work without the time other programs took */
    kiosk_fmt(figure, sizeof figure, "search.keystroke_cpu_ms.%s", label);
    printf("%s\t%.4f\t%.4f\t%.4f\t%.4f\t%s\n", figure, cfm, cfp, csm, cfm / csm, target);
    /* the row: the p99 beside the naive scan's p99 (search.keystroke_p99_ms.1M) */
    kiosk_fmt(figure, sizeof figure, "search.keystroke_p99_ms.%s", label);
    printf("%s\t%.4f\t%.4f\t%.4f\t%.4f\t%s\tp99 of a keystroke; baseline the naive scan's p99\n",
           figure, fp, fp, sp, fp / sp, "p99<2ms");
    kiosk_fmt(figure, sizeof figure, "search.keystroke_cpu_p99_ms.%s", label);
    printf("%s\t%.4f\t%.4f\t%.4f\t%.4f\t%s\tCPU time of the thread; baseline the naive scan's\n",
           figure, cfp, cfp, csp, cfp / csp, "p99<2ms");
    kiosk_fmt(figure, sizeof figure, "search.keystroke_all_hits_ms.%s", label);
    printf("%s\t%.4f\t%.4f\t%.4f\t%.4f\t%s\n", figure, em, ep, sm, em / sm, "-");
    kiosk_fmt(figure, sizeof figure, "search.load_and_index_ms.%s", label);
    printf("%s\t%.1f\t%.1f\t-\t-\t-\n", figure, build_ms, build_ms);
    fflush(stdout);
    fprintf(stderr,
            "bench_search %s: %zu keystrokes (%zu naive), search median %.4f p99 %.4f ms; "
            "naive median %.4f p99 %.4f ms; median %.0fx faster%s\n",
            label, n_keys, n_slow, fm, fp, sm, sp, sm / fm,
            mismatches ? "; MORE HITS THAN THE NAIVE SCAN" : "");
    for (size_t k = 0; k < n_keys; k++)
        free(keys[k]);
    free(keys);
    free(fast);
    free(slow);
    free(fast_cpu);
    free(slow_cpu);
    vn_search_free(s);
    for (size_t i = 0; i < n; i++) {
        free(names[i]);
        free(folded[i]);
    }
    free(names);
    free(folded);
    free(family);
    free(given);
}

int main(int argc, char **argv)
{
    /* "bench_search quick" skips 1M (for a fast look); "bench_search 1M" runs only it */
    const char *only = argc > 1 ? argv[1] : "";
    int quick = strcmp(only, "quick") == 0, all = !*only || quick;
    if (all || strcmp(only, "10k") == 0)
        run(10000, "10k", 1, "-");
    if (all || strcmp(only, "100k") == 0)
        run(100000, "100k", 1, "p99<5ms");
    if ((all && !quick) || strcmp(only, "1M") == 0)
        run(1000000, "1M", 5, "-");
    return 0;
}
