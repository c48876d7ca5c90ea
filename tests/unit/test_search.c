/* Search-as-you-type over people's names: accents optional, word prefixes in any order,
 * typed accents ranking first, namesakes all listed, and the index (with thousands of
 * people, additions and removals) agreeing with a one-by-one check. */
#include "check.h"
#include "text/search.h"
#include "text/text.h"

#include <stdlib.h>
#include <string.h>

static struct vn_search_hit g_hits[4096];

static size_t query(struct vn_search *s, const char *typed)
{
    return vn_search_query(s, typed, g_hits, 4096);
}

static int has(size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(g_hits[i].user_id, id) == 0)
            return 1;
    return 0;
}

static int rank_of(size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(g_hits[i].user_id, id) == 0)
            return (int)i;
    return -1;
}

static void check_basic(void)
{
    struct vn_search *s = vn_search_new();
    CHECK_INT(vn_search_add(s, "hoa", "Nguyễn Thị Hòa"), KIOSK_OK);
    CHECK_INT(vn_search_add(s, "hoa-nfd", "Tra\xcc\x82\xcc\x80n Thi\xcc\xa3 Hoa\xcc\x80"),
              KIOSK_OK);
    CHECK_INT(vn_search_add(s, "hoa-plain", "Lê Thị Hoa"), KIOSK_OK);
    CHECK_INT(vn_search_add(s, "dang", "Đặng Văn Đức"), KIOSK_OK);
    CHECK_INT(vn_search_add(s, "an1", "Nguyễn Văn An"), KIOSK_OK);
    CHECK_INT(vn_search_add(s, "an2", "Nguyễn Văn An"), KIOSK_OK); /* a namesake */
    CHECK_INT(vn_search_add(s, "anh", "Phạm Thị Anh"), KIOSK_OK);
    CHECK_INT(vn_search_add(s, "ngoc", "Nguyễn Ngọc Anh"), KIOSK_OK);
    CHECK_INT(vn_search_add(s, "", "Nobody"), KIOSK_E_INVALID);
    CHECK_INT(vn_search_count(s), 8);

    const char *forms[] = {"nguyen thi hoa", "NGUYEN THI HOA", "Nguyễn Thị Hoà",
                           "hoa ng",         "thi hoa nguy",   "Nguye\xcc\x82\xcc\x83n"};
    for (size_t i = 0; i < KIOSK_ARRAY_LEN(forms); i++) {
        size_t n = query(s, forms[i]);
        if (!has(n, "hoa"))
            fprintf(stderr, "'%s' does not find Nguyễn Thị Hòa\n", forms[i]);
        CHECK(has(n, "hoa"));
    }
    size_t n = query(s, "hoa ng");
    CHECK_INT(n, 1);
    n = query(s, "tran hoa"); /* stored as NFD */
    CHECK_INT(n, 1);
    CHECK(has(n, "hoa-nfd"));
    n = query(s, "dang duc");
    CHECK(has(n, "dang"));
    n = query(s, "Đức");
    CHECK(has(n, "dang"));
    /* each typed word needs its own word of the name */
    n = query(s, "nguyen nguyen");
    CHECK_INT(n, 0);
    n = query(s, "an an");
    CHECK_INT(n, 0);
    n = query(s, "nguyen n");
    CHECK(has(n, "ngoc") && !has(n, "hoa") && !has(n, "an1"));
    /* not a prefix in the middle of a word */
    n = query(s, "guyen");
    CHECK_INT(n, 0);
    n = query(s, "   ");
    CHECK_INT(n, 0);
    n = query(s, "xyz");
    CHECK_INT(n, 0);

    /* namesakes both come back */
    n = query(s, "nguyen van an");
    CHECK_INT(n, 2);
    CHECK(has(n, "an1") && has(n, "an2"));
    vn_search_free(s);
}

static void check_ranking(void)
{
    struct vn_search *s = vn_search_new();
    vn_search_add(s, "plain", "Lê Thị Hoa");
    vn_search_add(s, "trad", "Nguyễn Thị Hòa");
    vn_search_add(s, "modern", "Trần Thị Hoà");
    vn_search_add(s, "ho", "Hồ Văn Tâm");
    vn_search_add(s, "hoai", "Lê Hoài");
    /* accents typed: names with the same marks and tone first (tone position ignored) */
    size_t n = query(s, "Hoà");
    CHECK_INT(n, 4);
    CHECK(rank_of(n, "trad") < 2 && rank_of(n, "modern") < 2);
    CHECK(rank_of(n, "plain") >= 2);
    n = query(s, "hòa");
    CHECK(rank_of(n, "trad") < 2 && rank_of(n, "modern") < 2);
    n = query(s, "Hồ");
    CHECK_INT(rank_of(n, "ho"), 0);
    n = query(s, "Hô");
    CHECK_INT(rank_of(n, "ho"), 0);
    /* partly typed accents: "hò" matches Hòa/Hoà/Hoài... but not Hồ */
    n = query(s, "hò");
    CHECK(rank_of(n, "ho") == (int)n - 1 || rank_of(n, "ho") > rank_of(n, "trad"));
    /* without accents nobody is preferred for accents: a whole word beats a prefix */
    n = query(s, "hoa");
    CHECK_INT(n, 4);
    CHECK(rank_of(n, "hoai") == 3);
    /* scores are ordered best first */
    for (size_t i = 1; i < n; i++)
        CHECK(g_hits[i - 1].score >= g_hits[i].score);

    /* shorter names first when all else is equal; đ typed ranks Đặng over Dang */
    vn_search_free(s);
    s = vn_search_new();
    vn_search_add(s, "long", "Nguyễn Văn Thanh Bình");
    vn_search_add(s, "short", "Lê Bình");
    vn_search_add(s, "dang-d", "Đặng Văn Út");
    vn_search_add(s, "dang-plain", "Dang Van Ut");
    n = query(s, "binh");
    CHECK_INT(rank_of(n, "short"), 0);
    n = query(s, "đặng");
    CHECK_INT(rank_of(n, "dang-d"), 0);
    n = query(s, "dang");
    CHECK_INT(n, 2);
    /* max limits the hits and keeps the best */
    struct vn_search_hit one[1];
    CHECK_INT(vn_search_query(s, "đặng", one, 1), 1);
    CHECK_STR(one[0].user_id, "dang-d");
    vn_search_free(s);
}

/* In the built index (thousands of people), a name met twice by one prefix is one hit
 * that keeps its better word: "Hoa Hoàng" for "hoà" matches the accents of Hoàng. */
static void check_built_twice(void)
{
    struct vn_search *s = vn_search_new();
    for (int i = 0; i < 3000; i++) {
        char id[16];
        kiosk_fmt(id, sizeof id, "f%d", i);
        vn_search_add(s, id, i % 2 ? "Tạ Văn Út" : "Lý Thị Mai");
    }
    vn_search_add(s, "twice", "Hoa Hoàng");
    vn_search_add(s, "other", "Lê Văn Hoàng");
    CHECK_INT(vn_search_prepare(s), KIOSK_OK);
    CHECK_INT(vn_search_prepare(s), KIOSK_OK); /* nothing new: nothing to do */
    size_t n = query(s, "hoà");
    CHECK_INT(n, 2);
    int at = rank_of(n, "twice");
    CHECK(at >= 0 && g_hits[at].score >= 10000);
    n = query(s, "ho");
    CHECK_INT(n, 2);
    n = query(s, "t");
    CHECK_INT(n, 3000); /* Tạ Văn Út and Lý Thị Mai, each once */
    n = query(s, "u");
    CHECK_INT(n, 1500);
    vn_search_free(s);
}

static void check_replace_remove(void)
{
    struct vn_search *s = vn_search_new();
    vn_search_add(s, "p1", "Nguyễn Thị Hòa");
    vn_search_add(s, "p1", "Võ Thị Hòa"); /* the same person, name corrected */
    CHECK_INT(vn_search_count(s), 1);
    size_t n = query(s, "nguyen");
    CHECK_INT(n, 0);
    n = query(s, "vo hoa");
    CHECK_INT(n, 1);
    vn_search_remove(s, "p1");
    vn_search_remove(s, "nobody");
    CHECK_INT(vn_search_count(s), 0);
    n = query(s, "hoa");
    CHECK_INT(n, 0);
    vn_search_free(s);
}

/* ---- many people: the index against a one-by-one check ---- */

static const char *k_family[] = {"Nguyễn", "Trần", "Lê",  "Phạm", "Hoàng", "Huỳnh", "Phan",  "Vũ",
                                 "Võ",     "Đặng", "Bùi", "Đỗ",   "Hồ",    "Ngô",   "Dương", "Lý"};
static const char *k_middle[] = {"Văn", "Thị", "Minh", "Ngọc", "Thanh", "Hoài", "Đức", "Thu"};
static const char *k_given[] = {"An",    "Anh",   "Ánh",  "Bình", "Châu", "Dũng",  "Dung",  "Đạt",
                                "Giang", "Hà",    "Hòa",  "Hoa",  "Hùng", "Hương", "Khánh", "Lan",
                                "Linh",  "Long",  "Minh", "Nam",  "Ngọc", "Phúc",  "Quân",  "Tâm",
                                "Thảo",  "Trang", "Tuấn", "Uyên", "Vy",   "Yến"};

/* One by one: does each typed word have its own name word starting with it? */
static int naive_match(const char *folded_name, const char *typed)
{
    char name[256], q[256];
    kiosk_strlcpy(name, folded_name, sizeof name);
    vn_fold(typed, q, sizeof q);
    char *nw[16], *qw[16];
    int nn = 0, nq = 0;
    for (char *save = NULL, *w = strtok_r(name, " ", &save); w && nn < 16;
         w = strtok_r(NULL, " ", &save))
        nw[nn++] = w;
    for (char *save = NULL, *w = strtok_r(q, " ", &save); w && nq < 16;
         w = strtok_r(NULL, " ", &save))
        qw[nq++] = w;
    if (nq == 0)
        return 0;
    /* brute force over assignments (tiny) */
    int idx[16] = {0};
    for (;;) {
        int ok = 1;
        for (int i = 0; i < nq && ok; i++) {
            ok = strncmp(nw[idx[i]], qw[i], strlen(qw[i])) == 0;
            for (int j = 0; j < i && ok; j++)
                ok = idx[i] != idx[j];
        }
        if (ok)
            return 1;
        int k = 0;
        while (k < nq && ++idx[k] == nn)
            idx[k++] = 0;
        if (k == nq)
            return 0;
    }
}

static void check_against_naive(void)
{
    enum { N = 6000 };
    static char folded[N][128];
    static int alive[N];
    struct vn_search *s = vn_search_new();
    srand(42);
    for (int i = 0; i < N; i++) {
        char name[128], id[16];
        kiosk_fmt(name, sizeof name, "%s %s %s", k_family[rand() % 16], k_middle[rand() % 8],
                  k_given[rand() % 30]);
        kiosk_fmt(id, sizeof id, "id%d", i);
        vn_search_add(s, id, name);
        vn_fold(name, folded[i], sizeof folded[i]);
        alive[i] = 1;
    }
    const char *queries[] = {"n",       "ng",        "nguyen", "nguyen t", "hoa ng",       "a",
                             "an",      "thi a",     "d",      "dang d",   "tr van",       "h h",
                             "ho",      "minh minh", "vy le",  "uyen",     "ngoc ngoc",    "Hòa",
                             "đ",       "quan pham", "t t t",  "Hòa ng",   "nguyễn thị h", "đặng v",
                             "thu thu", "an nguyen"};
    int rounds = 0;
    for (int round = 0; round < 3; round++) {
        for (size_t qi = 0; qi < KIOSK_ARRAY_LEN(queries); qi++) {
            size_t n = query(s, queries[qi]);
            size_t want = 0;
            int agree = 1;
            for (int i = 0; i < N; i++) {
                if (!alive[i] || !naive_match(folded[i], queries[qi]))
                    continue;
                want++;
                char id[16];
                kiosk_fmt(id, sizeof id, "id%d", i);
                if (n < 4096 && !has(n, id))
                    agree = 0;
            }
            if (want > 4096)
                want = 4096;
            /* asking for fewer gives the best ones of the full list, in order */
            struct vn_search_hit top[10];
            size_t nt = vn_search_query(s, queries[qi], top, 10);
            CHECK_INT(nt, n < 10 ? n : 10);
            for (size_t i = 0; i < nt && i < n; i++) {
                if (strcmp(top[i].user_id, g_hits[i].user_id) != 0 ||
                    top[i].score != g_hits[i].score)
                    fprintf(stderr, "'%s' top %zu: %s (%d), full list: %s (%d)\n", queries[qi], i,
                            top[i].user_id, top[i].score, g_hits[i].user_id, g_hits[i].score);
                CHECK_STR(top[i].user_id, g_hits[i].user_id);
            }
            if (n != want || !agree)
                fprintf(stderr, "round %d '%s': %zu hits, want %zu\n", round, queries[qi], n, want);
            CHECK_INT(n, want);
            CHECK(agree);
        }
        /* between rounds: remove some, rename some (pending entries and dead pairs) */
        for (int i = round; i < N; i += 7) {
            char id[16];
            kiosk_fmt(id, sizeof id, "id%d", i);
            if (i % 2) {
                vn_search_remove(s, id);
                alive[i] = 0;
            } else if (alive[i]) {
                vn_search_add(s, id, "Tạ Quang Vy");
                vn_fold("Tạ Quang Vy", folded[i], sizeof folded[i]);
            }
        }
        rounds++;
    }
    CHECK_INT(rounds, 3);
    vn_search_free(s);
}

int main(void)
{
    check_basic();
    check_ranking();
    check_built_twice();
    check_replace_remove();
    check_against_naive();
    return check_done();
}
