/* A printer that does not answer: the frame that starts the print must not wait for it. The
 * kiosk as a trainee meets it (runtime, class_attendance, SDL dummy driver, demo program,
 * MDN-MK served): check in, then tap "In biên nhận" on the receipt screen; the figure is from
 * that tap's release to its frame painted ("Đang in biên nhận..." shown). The printer is a
 * pipe whose reader never reads, with a one-page buffer the stream overflows: the job waits
 * its 3 s timeout on its own thread. Beside it, in the same run, the same tap with a printer
 * that takes the stream at once (a file). Rows: print.frame_ms_while_printer_silent,
 * print.job_ms_printer_silent (info: how long the job itself waited). */
#define _GNU_SOURCE
#include "bench_util.h"
#include "bench_kiosk.h"
#include "host/app.h"
#include "host/host_ctx.h"
#include "host/input.h"
#include "sdl/sdl_backend.h"
#include "store/domain.h"
#include "text/text.h"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define RUNS 12

/* One trainee checks in and taps print: returns the tap's frame time, or -1. */
static double one(struct app *a, const char *typed, const char *name)
{
    int x, y;
    if (!tap(a, "Gõ tên của bạn (không cần dấu)"))
        return -1;
    type(a, typed);
    if (!tap(a, name))
        return fprintf(stderr, "no '%s' among the hits\n", name), -1;
    if (!tap(a, "Đúng là tôi"))
        return fprintf(stderr, "no 'Đúng là tôi'\n"), -1;
    if (!tap(a, "Nhận biên nhận"))
        return fprintf(stderr, "no 'Nhận biên nhận'\n"), -1;
    if (!press(a, "In biên nhận", &x, &y)) {
        size_t nv = 0;
        const struct ui_visible_text *v = ui_visible(app_ui(a), &nv);
        for (size_t k = 0; k < nv; k++)
            fprintf(stderr, "  visible: %s\n", v[k].text);
        return fprintf(stderr, "no 'In biên nhận'\n"), -1;
    }
    double t0 = now_ms();
    pointer(a, UI_EV_RELEASE, x, y);
    double ms = now_ms() - t0;
    if (!find_prefix(a, "Đang in biên nhận") && !find_prefix(a, "Đã in biên nhận"))
        return fprintf(stderr, "neither printing nor printed\n"), -1;
    return ms;
}

int main(void)
{
    char dir[] = KIOSK_TEST_BUILD_DIR "/bench-print.XXXXXX", db[600], ini[600], fifo[600],
         file[600];
    if (!mkdtemp(dir))
        return 2;
    kiosk_fmt(db, sizeof db, "%s/kiosk.db", dir);
    kiosk_fmt(ini, sizeof ini, "%s/kiosk.ini", dir);
    kiosk_fmt(fifo, sizeof fifo, "%s/silent", dir);
    kiosk_fmt(file, sizeof file, "%s/lp0", dir);
    if (mkfifo(fifo, 0600) != 0)
        return 2;
    int reader = open(fifo, O_RDONLY | O_NONBLOCK); /* there, never reading */
    fcntl(reader, F_SETPIPE_SZ, 4096);
    close(open(file, O_WRONLY | O_CREAT, 0600));
    struct app *a = bench_kiosk_open(
        db, ini, "served_event = MDN-MK\nidle_timeout_s = 3600\nlog_level = error\n", 1);
    if (!a)
        return 1;
    bench_clock_today(7, 35);
    static double silent[RUNS], quick[RUNS], job[RUNS];
    int n = 0;
    app_frame(a, NULL);
    if (!tap(a, "Điểm danh lớp học"))
        return fprintf(stderr, "bench_print_silent: no class_attendance tile\n"), 1;
    for (int i = 0; i < RUNS; i++) {
        char name[64], typed[64];
        static const char *const given[] = {"Xoan", "Yên", "Quế",  "Lụa", "Sen",  "Nhàn",
                                            "Diệp", "Cẩm", "Hằng", "Ngà", "Tươi", "Vui"};
        kiosk_fmt(name, sizeof name, "Lưu Thị %s", given[i % 12]);
        struct kiosk_person p = {0};
        struct kiosk_registration reg;
        kiosk_strlcpy(p.full_name, name, sizeof p.full_name);
        p.birth_year = 1970 + i;
        store_register(app_store(a), "MDN-MK", &p, "import", &reg, NULL);
        kiosk_strlcpy(name, p.full_name, sizeof name);
        vn_fold(name, typed, sizeof typed);
        store_setting_set(app_store(a), "printer", i % 2 ? file : fifo);
        double ms = one(a, typed, name);
        if (ms < 0)
            return fprintf(stderr, "bench_print_silent: run %d did not print\n", i), 1;
        double t0 = now_ms();
        host_receipt_print_settle(10000);
        if (i % 2)
            quick[i / 2] = ms;
        else {
            silent[i / 2] = ms;
            job[i / 2] = now_ms() - t0 + ms;
            n++;
        }
        if (!tap(a, "Xong"))
            return fprintf(stderr, "bench_print_silent: no 'Xong'\n"), 1;
        if (find(a, "Xong") && !tap(a, "Xong")) /* the check-in screen's own */
            return 1;
        input_advance_ms(a, 1000);
    }
    double qm, qp;
    stats(quick, n, &qm, &qp);
    row_note("print.frame_ms_while_printer_silent", silent, n, qm, "<33ms",
             "release on 'In biên nhận' to its frame painted; baseline: a printer that takes it at "
             "once");
    row_note("print.job_ms_printer_silent", job, n, 0, "-",
             "info: the job's own wait, off the frame");
    app_close(a);
    close(reader);
    kiosk_fmt(db, sizeof db, "rm -rf '%s'", dir);
    return system(db) == 0 ? 0 : 1;
}
