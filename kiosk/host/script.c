/* The script player: each command becomes input through the same paths a person's
 * input takes (input_event), on virtual time; each line ends with a settled frame. */
#include "host/script.h"

#include "host/app.h"
#include "host/host_ctx.h"
#include "host/screens.h"
#include "host/sync_worker.h"
#include "host/admin.h"
#include "host/camera_host.h"
#include "host/export_job.h"
#include "host/fair_count.h"
#include "host/today_counts.h"
#include "host/input.h"
#include "host/people_read.h"
#include "host/voice_host.h"
#include "text/text.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <utf8proc.h>

#define TYPE_GAP_MS 100 /* typing: far slower than a scanner, so no burst is seen */
#define SCAN_GAP_MS 5   /* a scanner: far faster than the burst gap */
#define TAP_HOLD_MS 50  /* a finger's tap lasts about this long */
#define TEXT_MAX 2048
#define WAIT_FILE_MAX_MS 300000     /* wait-file: a loaded test machine, not a hang */
#define EXPORT_SETTLE_MAX_MS 300000 /* an export of 1M check-ins takes about 20 s */
#define PRINT_SETTLE_MAX_MS 30000
#define READ_SETTLE_MAX_MS 30000   /* printing: the job gives up after its own 3 s */
#define CAMERA_SETTLE_MAX_MS 60000 /* camera: a loaded (ASan) machine decoding pictures */
#define CHECK_SETTLE_MAX_MS 30000  /* the PIN (90 ms of CPU) or a server (5 s at most) */

struct player {
    struct app *a;
    const char *name;
    FILE *out;
    char why[TEXT_MAX + 256];
    /* since touches-from-here: taps on the screen (a control key of the on-screen keyboard
     * too: "Xong", shift, 123), characters typed (keys, tones), scans (issue 17 item 5) */
    long touches, typed, scans;
};

static void nfc(const char *in, char *out, size_t cap)
{
    if (vn_nfc(in, out, cap) != KIOSK_OK)
        kiosk_strlcpy(out, in, cap);
}

static void pointer(struct app *a, int kind, int x, int y)
{
    struct ui_event ev = {.kind = kind, .x = x, .y = y};
    input_event(a, &ev);
}

static void tap_at(struct app *a, int x, int y)
{
    pointer(a, UI_EV_PRESS, x, y);
    input_advance_ms(a, TAP_HOLD_MS);
    input_timers(a);
    pointer(a, UI_EV_RELEASE, x, y);
}

static ui_rect tap_box(const struct ui_visible_text *t)
{
    return t->target.w > 0 ? t->target : t->rect;
}

static int same_rect(ui_rect a, ui_rect b)
{
    return a.x == b.x && a.y == b.y && a.w == b.w && a.h == b.h;
}

/* Finds the widget to tap for label. in_keyboard: only inside the on-screen keyboard.
 * Returns 1 with *box set, else 0 with p->why set. */
static int find_label(struct player *p, const char *label, int in_keyboard, ui_rect *box)
{
    char want[TEXT_MAX], have[TEXT_MAX];
    nfc(label, want, sizeof want);
    size_t n = 0;
    const struct ui_visible_text *v = ui_visible(app_ui(p->a), &n);
    int total_s, card = input_idle_warning_s(p->a, &total_s) > 0; /* over the keyboard too */
    int kbd_top = app_height(p->a) - (card ? 0 : screens_keyboard_h(p->a));
    const struct ui_visible_text *exact = NULL, *partial = NULL;
    int partial_count = 0;
    for (size_t i = 0; i < n; i++) {
        if (in_keyboard && tap_box(&v[i]).y < kbd_top)
            continue;
        nfc(v[i].text, have, sizeof have);
        if (strcmp(have, want) == 0) {
            /* a tappable one beats a bare label with the same text */
            if (!exact || (exact->target.w == 0 && v[i].target.w > 0))
                exact = &v[i];
        } else if (!in_keyboard && strstr(have, want)) {
            if (!partial || !same_rect(tap_box(partial), tap_box(&v[i])))
                partial_count++;
            partial = &v[i];
        }
    }
    const struct ui_visible_text *found = exact ? exact : partial_count == 1 ? partial : NULL;
    if (found) {
        *box = tap_box(found);
        /* a finger reaches only what is on the screen, and nothing under the keyboard */
        int cx = box->x + box->w / 2, cy = box->y + box->h / 2;
        int bottom = in_keyboard ? app_height(p->a) : kbd_top;
        if (cx >= 0 && cx < app_width(p->a) && cy >= 0 && cy < bottom)
            return 1;
        kiosk_fmt(p->why, sizeof p->why,
                  "\"%s\" is off the screen or under the keyboard (its centre at %d,%d; the "
                  "screen is %dx%d%s)",
                  label, cx, cy, app_width(p->a), app_height(p->a),
                  screens_keyboard_h(p->a) && !in_keyboard ? ", the keyboard takes its lower part"
                                                           : "");
        return 0;
    }
    if (partial_count > 1)
        kiosk_fmt(p->why, sizeof p->why, "%d texts contain \"%s\"; give the whole label",
                  partial_count, label);
    else
        kiosk_fmt(p->why, sizeof p->why, "no %stext \"%s\" is visible",
                  in_keyboard ? "on-screen keyboard key with the " : "", label);
    return 0;
}

/* A letter key in the other case ("n" for "N"): the keyboard shows capitals at a name's
 * word starts, and `osk "n"` means the key, whichever way it is shown. */
static int other_case(const char *label, char out[8])
{
    utf8proc_int32_t cp;
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)label, -1, &cp);
    if (n <= 0 || label[n] != '\0' || (!utf8proc_isupper(cp) && !utf8proc_islower(cp)))
        return 0;
    utf8proc_int32_t other = utf8proc_isupper(cp) ? utf8proc_tolower(cp) : utf8proc_toupper(cp);
    utf8proc_ssize_t m = utf8proc_encode_char(other, (utf8proc_uint8_t *)out);
    out[m] = '\0';
    return other != cp;
}

static int tap_label(struct player *p, const char *label, int in_keyboard)
{
    ui_rect r;
    char other[8];
    if (!find_label(p, label, in_keyboard, &r) &&
        !(in_keyboard && other_case(label, other) && find_label(p, other, in_keyboard, &r)))
        return 0;
    tap_at(p->a, r.x + r.w / 2, r.y + r.h / 2);
    return 1;
}

/* 1 when text is on the screen; *tappable: 1 when some of it is on a tap target. */
static int visible_as(struct player *p, const char *text, int *tappable)
{
    char want[TEXT_MAX], have[TEXT_MAX];
    int found = 0;
    nfc(text, want, sizeof want);
    size_t n = 0;
    const struct ui_visible_text *v = ui_visible(app_ui(p->a), &n);
    for (size_t i = 0; i < n; i++) {
        /* a text wholly off the screen is not what a person sees */
        if (v[i].rect.y >= app_height(p->a) || v[i].rect.y + v[i].rect.h <= 0 ||
            v[i].rect.x >= app_width(p->a) || v[i].rect.x + v[i].rect.w <= 0)
            continue;
        nfc(v[i].text, have, sizeof have);
        if (strstr(have, want)) {
            found = 1;
            *tappable |= v[i].target.w > 0;
        }
    }
    return found;
}

static int visible(struct player *p, const char *text)
{
    int tappable = 0;
    return visible_as(p, text, &tappable);
}

/* The next character of s as its own string; returns its length in bytes. */
static size_t next_char(const char *s, char out[8])
{
    size_t n = 1;
    while (s[n] && ((unsigned char)s[n] & 0xC0) == 0x80 && n < 7)
        n++;
    memcpy(out, s, n);
    out[n] = '\0';
    return n;
}

static void key_event(struct app *a, int key)
{
    struct ui_event ev = {.kind = UI_EV_KEY, .key = key};
    input_event(a, &ev);
}

static void type_text(struct app *a, const char *text, int gap_ms)
{
    char ch[8];
    for (const char *s = text; *s;) {
        s += next_char(s, ch);
        input_advance_ms(a, gap_ms);
        input_timers(a);
        struct ui_event ev = {.kind = UI_EV_TEXT};
        kiosk_strlcpy(ev.text, ch, sizeof ev.text);
        input_event(a, &ev);
    }
}

static int key_code(const char *name)
{
    static const struct {
        const char *name;
        int key;
    } keys[] = {
        {"Return", UI_KEY_RETURN}, {"Escape", UI_KEY_ESCAPE}, {"BackSpace", UI_KEY_BACKSPACE},
        {"Tab", UI_KEY_TAB},       {"Up", UI_KEY_UP},         {"Down", UI_KEY_DOWN},
    };
    for (size_t i = 0; i < KIOSK_ARRAY_LEN(keys); i++)
        if (strcmp(keys[i].name, name) == 0)
            return keys[i].key;
    return UI_KEY_NONE;
}

/* Queues what SDL would report for a shortcut or a close, then lets the runtime's loop
 * handle every input that comes out of the backend. */
static int send_to_window(struct player *p, const char *what)
{
    const struct backend_ops *be;
    struct backend *b = app_backend(p->a, &be);
    kiosk_status st = be->inject(b, what);
    if (st != KIOSK_OK) {
        kiosk_fmt(p->why, sizeof p->why, "cannot send '%s': %s", what, kiosk_status_name(st));
        return 0;
    }
    struct backend_input in;
    while (be->wait(b, 0, &in) != BACKEND_IN_NONE)
        app_dispatch(p->a, &in);
    if (!app_quitting(p->a))
        return 1;
    kiosk_fmt(p->why, sizeof p->why, "the kiosk was asked to quit by '%s'", what);
    return 0;
}

/* A cue from the test that runs the script: it changes the world (fills the disk, takes
 * the database's folder away) and then makes the file. Real time, unlike `wait`. */
static int wait_file(struct player *p, const char *path)
{
    for (int waited_ms = 0; waited_ms < WAIT_FILE_MAX_MS; waited_ms += 20) {
        if (access(path, F_OK) == 0)
            return 1;
        struct timespec ts = {0, 20 * 1000 * 1000};
        nanosleep(&ts, NULL);
    }
    kiosk_fmt(p->why, sizeof p->why, "'%s' did not appear within %d s", path,
              WAIT_FILE_MAX_MS / 1000);
    return 0;
}

static void set_clock(const char *s)
{
    int y, mo, d, h, mi;
    if (s[0] == 'T') {
        struct tm tm;
        kiosk_local_tm(kiosk_clock_now_ms(), &tm);
        sscanf(s, "T%d:%d", &h, &mi);
        y = tm.tm_year + 1900;
        mo = tm.tm_mon + 1;
        d = tm.tm_mday;
    } else {
        sscanf(s, "%d-%d-%dT%d:%d", &y, &mo, &d, &h, &mi);
    }
    kiosk_clock_set_ms(kiosk_local_make_ms(y, mo, d, h, mi));
}

/* A finger on the screen: taps, drags, holds, the on-screen keyboard. */
static int run_finger(struct player *p, const struct script_cmd *c)
{
    struct app *a = p->a;
    switch (c->op) {
    case SCRIPT_TAP_LABEL:
        return tap_label(p, c->args[0], 0);
    case SCRIPT_TAP_XY:
        tap_at(a, (int)c->num[0], (int)c->num[1]);
        return 1;
    case SCRIPT_DRAG:
        pointer(a, UI_EV_PRESS, (int)c->num[0], (int)c->num[1]);
        for (size_t i = 2; i + 1 < c->argc; i += 2) {
            input_advance_ms(a, 16);
            pointer(a, UI_EV_MOVE, (int)c->num[i], (int)c->num[i + 1]);
        }
        pointer(a, UI_EV_RELEASE, (int)c->num[c->argc - 2], (int)c->num[c->argc - 1]);
        return 1;
    case SCRIPT_HOLD:
        pointer(a, UI_EV_PRESS, (int)c->num[0], (int)c->num[1]);
        input_advance_ms(a, c->num[2]);
        input_timers(a);
        app_frame(a, NULL); /* what counts a held finger sees the time it was held */
        pointer(a, UI_EV_RELEASE, (int)c->num[0], (int)c->num[1]);
        return 1;
    case SCRIPT_OSK:
        for (size_t i = 0; i < c->argc; i++) {
            if (screens_keyboard_h(a) == 0) {
                kiosk_fmt(p->why, sizeof p->why, "no on-screen keyboard is shown");
                return 0;
            }
            if (!tap_label(p, c->args[i], 1))
                return 0;
            input_advance_ms(a, TYPE_GAP_MS);
            input_timers(a);
        }
        return 1;
    }
    return 0;
}

/* A frame as the loop would show it once the reads on threads of their own that the frame
 * asked for (the admin screen's counts and people tab, the fair staff view's) came back: a script
 * sees the same screen each time. */
static void frame_settled(struct app *a)
{
    app_frame(a, NULL);
    today_counts_settle(READ_SETTLE_MAX_MS);
    int came = today_counts_poll();
    came |= fair_count_settle(READ_SETTLE_MAX_MS);
    came |= people_read_settle(READ_SETTLE_MAX_MS);
    if (came)
        app_frame(a, NULL);
}

/* What the screen shows: expect, expect-not, shot. */
static int run_check(struct player *p, const struct script_cmd *c)
{
    struct app *a = p->a;
    switch (c->op) {
    case SCRIPT_EXPECT:
        frame_settled(a);
        if (visible(p, c->args[0]))
            return 1;
        kiosk_fmt(p->why, sizeof p->why, "\"%s\" is not visible", c->args[0]);
        return 0;
    case SCRIPT_EXPECT_NOT:
        frame_settled(a);
        if (!visible(p, c->args[0]))
            return 1;
        kiosk_fmt(p->why, sizeof p->why, "\"%s\" is visible", c->args[0]);
        return 0;
    case SCRIPT_EXPECT_INERT: {
        frame_settled(a);
        int tappable = 0;
        if (visible_as(p, c->args[0], &tappable) && !tappable)
            return 1;
        kiosk_fmt(p->why, sizeof p->why,
                  tappable ? "\"%s\" can be tapped" : "\"%s\" is not visible", c->args[0]);
        return 0;
    }
    case SCRIPT_SHOT: {
        frame_settled(a);
        app_repaint(a);
        const struct backend_ops *be;
        struct backend *b = app_backend(a, &be);
        kiosk_status st = be->screenshot(b, c->args[0]);
        if (st == KIOSK_OK)
            return 1;
        kiosk_fmt(p->why, sizeof p->why, "cannot write '%s': %s", c->args[0],
                  kiosk_status_name(st));
        return 0;
    }
    }
    return 0;
}

/* The commands that wait in real time for a thread of the kiosk (camera, printer, export,
 * checks, sync). */
static int run_settle(struct player *p, const struct script_cmd *c)
{
    struct app *a = p->a;
    switch (c->op) {
    case SCRIPT_CAMERA:
        /* the camera's own thread reads file: pictures in real time: the codes it read and
         * its picture are taken as the loop would */
        if (host_camera_settle(a, CAMERA_SETTLE_MAX_MS))
            return 1;
        kiosk_fmt(p->why, sizeof p->why, "no camera (the camera setting is none)");
        return 0;
    case SCRIPT_PRINTING:
        /* the printer's own thread sends in real time: its outcome is shown as the loop
         * would show it */
        if (!host_receipt_print_settle(PRINT_SETTLE_MAX_MS)) {
            kiosk_fmt(p->why, sizeof p->why, "the printer job did not end within %d s",
                      PRINT_SETTLE_MAX_MS / 1000);
            return 0;
        }
        if (host_receipt_print_poll())
            app_frame(a, NULL);
        return 1;
    case SCRIPT_EXPORTING:
        if (!export_job_wait(c->argc ? (long)c->num[0] : 0, EXPORT_SETTLE_MAX_MS)) {
            kiosk_fmt(p->why, sizeof p->why, "the export did not end within %d s",
                      EXPORT_SETTLE_MAX_MS / 1000);
            return 0;
        }
        if (admin_export_poll(a))
            app_frame(a, NULL);
        return 1;
    case SCRIPT_CHECKING:
        if (!admin_checks_settle(a, CHECK_SETTLE_MAX_MS)) {
            kiosk_fmt(p->why, sizeof p->why, "the check did not end within %d s",
                      CHECK_SETTLE_MAX_MS / 1000);
            return 0;
        }
        app_frame(a, NULL);
        return 1;
    case SCRIPT_SYNCING:
        if (!sync_worker_wait(c->argc ? (long)c->num[0] : 0, EXPORT_SETTLE_MAX_MS)) {
            kiosk_fmt(p->why, sizeof p->why, "no sync ended (or did its steps) within %d s",
                      EXPORT_SETTLE_MAX_MS / 1000);
            return 0;
        }
        app_frame(a, NULL);
        return 1;
    }
    return 0;
}

static int run_cmd(struct player *p, const struct script_cmd *c)
{
    struct app *a = p->a;
    p->why[0] = '\0';
    switch (c->op) {
    case SCRIPT_TAP_LABEL:
    case SCRIPT_TAP_XY:
    case SCRIPT_DRAG:
    case SCRIPT_HOLD:
    case SCRIPT_OSK:
        return run_finger(p, c);
    case SCRIPT_EXPECT:
    case SCRIPT_EXPECT_NOT:
    case SCRIPT_EXPECT_INERT:
    case SCRIPT_SHOT:
        return run_check(p, c);
    case SCRIPT_TYPE:
        type_text(a, c->args[0], TYPE_GAP_MS);
        input_pass_ms(a, TYPE_GAP_MS); /* the last key comes out of the burst detector */
        return 1;
    case SCRIPT_KEY:
        if (key_code(c->args[0]) == UI_KEY_NONE)
            return send_to_window(p, c->args[0]); /* a shortcut: the way SDL reports it */
        key_event(a, key_code(c->args[0]));
        return 1;
    case SCRIPT_CLOSE:
        return send_to_window(p, "close");
    case SCRIPT_WAIT_FILE:
        return wait_file(p, c->args[0]);
    case SCRIPT_CAMERA:
    case SCRIPT_PRINTING:
    case SCRIPT_EXPORTING:
    case SCRIPT_CHECKING:
    case SCRIPT_SYNCING:
        return run_settle(p, c);
    case SCRIPT_SAID:
    case SCRIPT_LISTEN:
        return host_voice_script(a, c->op == SCRIPT_SAID ? c->args[0] : NULL, c->num[0], p->why,
                                 sizeof p->why);
    case SCRIPT_SCAN:
        type_text(a, c->args[0], SCAN_GAP_MS);
        input_advance_ms(a, SCAN_GAP_MS);
        key_event(a, UI_KEY_RETURN);
        input_pass_ms(a, TYPE_GAP_MS);
        return 1;
    case SCRIPT_WAIT:
        input_pass_ms(a, c->num[0]);
        return 1;
    case SCRIPT_CLOCK:
        set_clock(c->args[0]);
        return 1;
    case SCRIPT_TOUCHES_FROM:
    case SCRIPT_TOUCHES:
        return 1; /* counted by the player (count_touches, check_touches) */
    }
    kiosk_fmt(p->why, sizeof p->why, "unknown command");
    return 0;
}

/* An on-screen key that writes nothing: a touch of its own, not typing. */
static int control_key(struct player *p, const char *label)
{
    static const char *const keys[] = {"ui.key_done", "ui.key_shift", "ui.key_symbols",
                                       "ui.key_letters"};
    char want[TEXT_MAX], have[TEXT_MAX];
    nfc(label, have, sizeof have);
    for (size_t i = 0; i < KIOSK_ARRAY_LEN(keys); i++) {
        nfc(i18n_tr(app_i18n(p->a), keys[i]), want, sizeof want);
        if (strcmp(want, have) == 0)
            return 1;
    }
    return 0;
}

static void count_touches(struct player *p, const struct script_cmd *c)
{
    switch (c->op) {
    case SCRIPT_TAP_LABEL:
    case SCRIPT_TAP_XY:
    case SCRIPT_DRAG:
    case SCRIPT_HOLD:
        p->touches++;
        break;
    case SCRIPT_OSK:
        for (size_t i = 0; i < c->argc; i++)
            *(control_key(p, c->args[i]) ? &p->touches : &p->typed) += 1;
        break;
    case SCRIPT_TYPE:
        for (const char *s = c->args[0]; *s; s++)
            p->typed += (*s & 0xc0) != 0x80; /* characters, not bytes */
        break;
    case SCRIPT_SCAN:
        p->scans++;
        break;
    case SCRIPT_TOUCHES_FROM:
        p->touches = p->typed = p->scans = 0;
        break;
    default:
        break;
    }
}

/* touches MAX: the count so far, on stdout, and whether it is within MAX. */
static int check_touches(struct player *p, const struct script_cmd *c)
{
    printf("touches %ld (typed %ld, scans %ld) at line %d, at most %lld\n", p->touches, p->typed,
           p->scans, c->line, (long long)c->num[0]);
    fflush(stdout);
    if (p->touches <= c->num[0])
        return 1;
    kiosk_fmt(p->why, sizeof p->why, "%ld touches, more than %lld", p->touches,
              (long long)c->num[0]);
    return 0;
}

static void print_visible(struct player *p)
{
    size_t n = 0;
    const struct ui_visible_text *v = ui_visible(app_ui(p->a), &n);
    fprintf(p->out, "visible texts (%zu):\n", n);
    for (size_t i = 0; i < n; i++) {
        fprintf(p->out, "  \"%s\" at %d,%d %dx%d", v[i].text, v[i].rect.x, v[i].rect.y, v[i].rect.w,
                v[i].rect.h);
        if (v[i].target.w > 0)
            fprintf(p->out, " (tap target %d,%d %dx%d)", v[i].target.x, v[i].target.y,
                    v[i].target.w, v[i].target.h);
        fputc('\n', p->out);
    }
}

int script_play(struct app *a, const struct script *s, const char *name, FILE *out)
{
    struct player p = {.a = a, .name = name, .out = out};
    app_frame(a, NULL);
    for (size_t i = 0; i < s->count; i++) {
        const struct script_cmd *c = &s->cmds[i];
        count_touches(&p, c);
        int ok = c->op == SCRIPT_TOUCHES ? check_touches(&p, c) : run_cmd(&p, c);
        if (ok && app_quitting(a)) {
            if (i + 1 == s->count)
                return 0; /* the script ends by quitting the kiosk (admin screen) */
            kiosk_fmt(p.why, sizeof p.why, "the kiosk quit; %zu more lines were not played",
                      s->count - i - 1);
            ok = 0;
        }
        if (ok)
            frame_settled(a); /* the screen reflects the line before the next one */
        if (ok && (c->op == SCRIPT_EXPECT || c->op == SCRIPT_EXPECT_NOT)) {
            /* what the screen showed, written out at once: a test that kills the kiosk
             * knows every confirmation a person saw before the kill */
            printf("ok %d %s\n", c->line, c->src);
            fflush(stdout);
        }
        if (!ok) {
            fprintf(out, "%s:%d: %s\nfailed: %s\n", name, c->line, c->src, p.why);
            print_visible(&p);
            return 1;
        }
    }
    return 0;
}

int script_run_file(struct app *a, const char *path)
{
    char *buf;
    size_t len;
    if (kiosk_read_file(path, &buf, &len) != 0) {
        fprintf(stderr, "kiosk: cannot read script '%s': %s\n", path, strerror(errno));
        return 1;
    }
    struct script s;
    char err[512];
    kiosk_status st = script_parse(buf ? buf : "", len, path, &s, err, sizeof err);
    free(buf);
    if (st != KIOSK_OK) {
        fprintf(stderr, "kiosk: %s\n", err);
        return 1;
    }
    int rc = script_play(a, &s, path, stderr);
    if (rc == 0)
        fprintf(stderr, "kiosk: %s: %zu commands, all held\n", path, s.count);
    script_free(&s);
    return rc;
}
