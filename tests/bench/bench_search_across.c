/* The search across the classes running now (issue 17 item 5, docs/CHECKIN.md): each
 * keystroke searches every class with a session now (the attendance plugin asks each one's
 * own index) and merges the hits. 100,000 people in the database, six classes running of
 * 500 registered trainees each; 100 trainees' names typed keystroke by keystroke without
 * accents. Rows: search.across6_keystroke_ms.100k (the six classes' searches of a keystroke,
 * median and p99) beside one class's search of the same keystroke (the kiosk set to one
 * class), and the same in CPU time. */
#include "bench_util.h"
#include "store/domain.h"
#include "text/text.h"

#include <string.h>
#include <unistd.h>

#define PEOPLE 100000
#define CLASSES 6
#define IN_CLASS 500
#define TYPED 100
#define MAX_HITS 4 /* ATT_MAX_HITS */
#define MAX_KEYS 4096

static const char *k_family[] = {"Nguyễn", "Nguyễn", "Trần", "Lê",  "Phạm", "Hoàng", "Huỳnh",
                                 "Phan",   "Võ",     "Đặng", "Bùi", "Đỗ",   "Hồ"};
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

static char g_names[CLASSES * IN_CLASS][96];
static struct kiosk_event g_ev[CLASSES];

static double cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static void add_classes(store *s)
{
    for (int c = 0; c < CLASSES; c++) {
        kiosk_fmt(g_ev[c].code, sizeof g_ev[c].code, "MDN-%02d", c);
        kiosk_strlcpy(g_ev[c].title, "May và đan dây nhựa", sizeof g_ev[c].title);
        g_ev[c].kind = KIOSK_EVENT_CLASS;
        g_ev[c].signup_open = 1;
        store_event_add(s, &g_ev[c], "Mỹ Khánh", "Phong Điền");
    }
}

static void fill(store *s)
{
    int every = PEOPLE / (CLASSES * IN_CLASS), k = 0;
    store_begin(s);
    for (int i = 0; i < PEOPLE; i++) {
        struct kiosk_person p = {0};
        const char *why = NULL;
        kiosk_fmt(p.full_name, sizeof p.full_name, "%s %s %s", PICK(k_family), PICK(k_middle),
                  PICK(k_given));
        p.birth_year = 1950 + (int)rnd(55);
        kiosk_fmt(p.phone, sizeof p.phone, "+8490%07d", i);
        if (i % every == 0 && k < CLASSES * IN_CLASS) {
            struct kiosk_registration reg;
            store_register(s, g_ev[k % CLASSES].id, &p, "import", &reg, &why);
            kiosk_strlcpy(g_names[k], p.full_name, sizeof g_names[k]);
            k++;
        } else {
            store_person_save(s, &p, &why);
        }
    }
    store_commit(s);
}

/* One keystroke's searches of classes [0, n): wall and CPU ms. */
static void keystroke(store *s, const char *typed, int n, double *wall, double *cpu)
{
    double t = now_ms(), c = cpu_ms();
    for (int i = 0; i < n; i++) {
        struct kiosk_person_hit *h = NULL;
        size_t got = 0;
        store_people_search(s, typed, g_ev[i].id, MAX_HITS, &h, &got);
        free(h);
    }
    *wall = now_ms() - t;
    *cpu = cpu_ms() - c;
}

static void report(const char *row, double *mine, double *one, int n)
{
    double mm, mp, om, op;
    stats(mine, n, &mm, &mp);
    stats(one, n, &om, &op);
    printf("%s\t%.4f\t%.4f\t%.4f\t%.3f\t-\n", row, mm, mp, om, mm / om);
}

int main(void)
{
    char dir[] = "/tmp/kiosk-bench-across.XXXXXX", path[128], err[256];
    static double all6[MAX_KEYS], one[MAX_KEYS], all6_cpu[MAX_KEYS], one_cpu[MAX_KEYS];
    store *s = NULL;
    int n = 0;

    if (!mkdtemp(dir))
        return 1;
    kiosk_fmt(path, sizeof path, "%s/k.db", dir);
    if (store_open(path, &s, err, sizeof err) != KIOSK_OK)
        return fprintf(stderr, "%s\n", err), 1;
    add_classes(s);
    fill(s);
    for (int q = 0; q < TYPED && n < MAX_KEYS; q++) {
        char folded[128];
        vn_fold(g_names[rnd(CLASSES * IN_CLASS)], folded, sizeof folded);
        for (size_t len = 2; len <= strlen(folded) && n < MAX_KEYS; len++, n++) {
            char typed[128];
            memcpy(typed, folded, len);
            typed[len] = '\0';
            keystroke(s, typed, CLASSES, &all6[n], &all6_cpu[n]);
            keystroke(s, typed, 1, &one[n], &one_cpu[n]);
        }
    }
    report("search.across6_keystroke_ms.100k", all6, one, n);
    report("search.across6_keystroke_cpu_ms.100k", all6_cpu, one_cpu, n);
    fprintf(stderr, "bench_search_across: %d keystrokes, %d classes of %d\n", n, CLASSES, IN_CLASS);
    store_close(s);
    char cmd[200];
    kiosk_fmt(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd) == 0 ? 0 : 1;
}
