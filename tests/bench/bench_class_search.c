/* Search limited to one class (the attendance screen): 100,000 people in the database,
 * 1,000 of them registered in the class; each of 100 trainees' names typed keystroke by
 * keystroke without accents. The kiosk's path (store_people_search with the class: its own
 * index) beside the way it used to answer, measured in the same run: ask the whole index for
 * every hit, then keep the class's people. Rows: search.class_keystroke_p99_ms.100k (p99 in
 * the first two columns, the old way's p99 as the baseline), search.class_keystroke_ms.100k
 * (medians). */
#include "bench_util.h"
#include "store/domain.h"
#include "text/search.h"
#include "text/text.h"

#include <string.h>
#include <unistd.h>

#define PEOPLE 100000
#define IN_CLASS 1000
#define TYPED 100
#define MAX_HITS 8

static const char *k_family[] = {"Nguyễn", "Nguyễn", "Nguyễn", "Trần", "Lê",  "Phạm", "Hoàng",
                                 "Huỳnh",  "Phan",   "Võ",     "Đặng", "Bùi", "Đỗ",   "Hồ"};
static const char *k_middle[] = {"Văn", "Thị", "Thị", "Minh", "Ngọc", "Thanh", "Hữu", "Kim"};
static const char *k_given[] = {"An",   "Anh",  "Bình", "Châu", "Dũng", "Hà",    "Hải",  "Hòa",
                                "Hoa",  "Hóa",  "Hùng", "Lan",  "Linh", "Mai",   "Nam",  "Ngân",
                                "Phúc", "Quân", "Sơn",  "Tâm",  "Thảo", "Trang", "Tuấn", "Yến"};
static uint64_t g_rng = 0x9E3779B97F4A7C15ull;
static unsigned rnd(unsigned n)
{
    g_rng ^= g_rng << 13;
    g_rng ^= g_rng >> 7;
    g_rng ^= g_rng << 17;
    return (unsigned)(g_rng % n);
}
#define PICK(a) (a)[rnd((unsigned)(sizeof(a) / sizeof *(a)))]

static char g_ids[IN_CLASS][KIOSK_ID_LEN];
static char g_names[IN_CLASS][96];

static double cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int is_registered(const char *id)
{
    for (int i = 0; i < IN_CLASS; i++)
        if (strcmp(g_ids[i], id) == 0)
            return 1;
    return 0;
}

static void fill(store *s, struct vn_search *all, const char *event_id)
{
    store_begin(s);
    for (int i = 0; i < PEOPLE; i++) {
        struct kiosk_person p = {0};
        kiosk_fmt(p.full_name, sizeof p.full_name, "%s %s %s", PICK(k_family), PICK(k_middle),
                  PICK(k_given));
        p.birth_year = 1950 + (int)rnd(55);
        kiosk_fmt(p.phone, sizeof p.phone, "+8490%07d", i);
        const char *why = NULL;
        if (i % (PEOPLE / IN_CLASS) == 0) {
            struct kiosk_registration reg;
            store_register(s, event_id, &p, "import", &reg, &why);
            int k = i / (PEOPLE / IN_CLASS);
            kiosk_strlcpy(g_ids[k], p.id, sizeof g_ids[k]);
            kiosk_strlcpy(g_names[k], p.full_name, sizeof g_names[k]);
        } else {
            store_person_save(s, &p, &why);
        }
        vn_search_add(all, p.id, p.full_name);
    }
    store_commit(s);
    vn_search_prepare(all);
}

int main(void)
{
    char dir[] = "/tmp/kiosk-bench-class.XXXXXX", path[128], err[256];
    if (!mkdtemp(dir))
        return 1;
    kiosk_fmt(path, sizeof path, "%s/k.db", dir);
    store *s = NULL;
    if (store_open(path, &s, err, sizeof err) != KIOSK_OK)
        return fprintf(stderr, "%s\n", err), 1;
    struct kiosk_event ev = {0};
    kiosk_strlcpy(ev.code, "MDN-MK", sizeof ev.code);
    kiosk_strlcpy(ev.title, "May và đan dây nhựa", sizeof ev.title);
    ev.kind = KIOSK_EVENT_CLASS;
    ev.signup_open = 1;
    store_event_add(s, &ev, "Mỹ Khánh", "Phong Điền");
    struct vn_search *all = vn_search_new();
    fill(s, all, ev.id);
    static double mine[4096], old[4096], mine_cpu[4096], old_cpu[4096];
    int n = 0;
    struct vn_search_hit *every = malloc(PEOPLE * sizeof *every);
    for (int q = 0; q < TYPED && n < 4096; q++) {
        char folded[128];
        vn_fold(g_names[rnd(IN_CLASS)], folded, sizeof folded);
        for (size_t len = 1; len <= strlen(folded) && n < 4096; len++, n++) {
            char typed[128];
            memcpy(typed, folded, len);
            typed[len] = '\0';
            struct kiosk_person_hit *h = NULL;
            size_t got = 0;
            double t = now_ms(), c = cpu_ms();
            store_people_search(s, typed, ev.id, MAX_HITS, &h, &got);
            mine[n] = now_ms() - t;
            mine_cpu[n] = cpu_ms() - c;
            free(h);
            t = now_ms();
            c = cpu_ms();
            size_t all_hits = vn_search_query(all, typed, every, PEOPLE), kept = 0;
            for (size_t i = 0; i < all_hits && kept < MAX_HITS; i++)
                kept += (size_t)is_registered(every[i].user_id);
            old[n] = now_ms() - t;
            old_cpu[n] = cpu_ms() - c;
        }
    }
    double om, op, mm, mp, ocm, ocp, mcm, mcp;
    stats(old, n, &om, &op);
    stats(mine, n, &mm, &mp);
    stats(old_cpu, n, &ocm, &ocp);
    stats(mine_cpu, n, &mcm, &mcp);
    printf("search.class_keystroke_p99_ms.100k\t%.4f\t%.4f\t%.4f\t%.3f\tp99<2ms\n", mp, mp, op,
           mp / op);
    printf("search.class_keystroke_ms.100k\t%.4f\t%.4f\t%.4f\t%.3f\t-\n", mm, mp, om, mm / om);
    /* CPU time of the thread: the same work without the time other programs took */
    printf("search.class_keystroke_cpu_p99_ms.100k\t%.4f\t%.4f\t%.4f\t%.3f\tp99<2ms\n", mcp, mcp,
           ocp, mcp / ocp);
    printf("search.class_keystroke_cpu_ms.100k\t%.4f\t%.4f\t%.4f\t%.3f\t-\n", mcm, mcp, ocm,
           mcm / ocm);
    fprintf(stderr,
            "bench_class_search: %d keystrokes, class index median %.4f p99 %.4f ms; "
            "whole index then filter median %.4f p99 %.4f ms\n",
            n, mm, mp, om, op);
    free(every);
    vn_search_free(all);
    store_close(s);
    char cmd[200];
    kiosk_fmt(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd) == 0 ? 0 : 1;
}
