/* kioskctl event list: the program in readable columns (code, kind, title, place, dates,
 * sessions, registered), Vietnamese text aligned by what a terminal shows. Read-only. */
#include "ctl.h"
#include "i18n.h"
#include "store/domain.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <utf8proc.h>

/* Columns that could run long are cut (with "…") so a row fits a wide terminal. */
static const struct {
    const char *heading_key;
    int max_width;
} columns[] = {
    /* heading             max */
    {"event.col.code", 12},      {"event.col.kind", 10},  {"event.col.title", 46},
    {"event.col.place", 40},     {"event.col.dates", 23}, {"event.col.sessions", 6},
    {"event.col.registered", 9},
};
enum { NCOLS = KIOSK_ARRAY_LEN(columns), CELL = 256 };

/* Terminal columns of a UTF-8 text (combining marks take none). */
static int text_width(const char *s)
{
    int w = 0;
    utf8proc_int32_t c;
    for (const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s; *p;) {
        utf8proc_ssize_t n = utf8proc_iterate(p, -1, &c);
        if (n <= 0)
            break;
        p += n;
        int cw = utf8proc_charwidth(c);
        w += cw > 0 ? cw : 0;
    }
    return w;
}

/* Cuts s in place to at most width columns, ending in "…" when cut. */
static void cut_to(char *s, int width)
{
    if (text_width(s) <= width)
        return;
    int w = 0;
    utf8proc_int32_t c;
    utf8proc_uint8_t *p = (utf8proc_uint8_t *)s;
    while (*p) {
        utf8proc_ssize_t n = utf8proc_iterate(p, -1, &c);
        if (n <= 0)
            break;
        int cw = utf8proc_charwidth(c);
        if (w + cw > width - 1)
            break;
        w += cw > 0 ? cw : 0;
        p += n;
    }
    size_t at = (size_t)(p - (utf8proc_uint8_t *)s);
    if (at + 4 <= CELL)
        memcpy(s + at, "\xe2\x80\xa6", 4); /* … and the NUL */
}

static void print_cell(const char *s, int width, int last)
{
    fputs(s, stdout);
    if (last)
        return;
    for (int pad = width - text_width(s) + 2; pad > 0; pad--)
        fputc(' ', stdout);
}

static void day_text(int64_t ms, char *out, size_t cap)
{
    struct tm tm;
    kiosk_local_tm(ms, &tm);
    strftime(out, cap, "%d/%m/%Y", &tm);
}

static void dates_text(const struct kiosk_event *e, const struct i18n *t, char *out, size_t cap)
{
    if (!e->starts_at_ms) {
        kiosk_strlcpy(out, i18n_tr(t, "event.no_dates"), cap);
        return;
    }
    char a[16], b[16];
    day_text(e->starts_at_ms, a, sizeof a);
    day_text(e->ends_at_ms, b, sizeof b);
    if (strcmp(a, b) == 0)
        kiosk_strlcpy(out, a, cap);
    else
        kiosk_fmt(out, cap, "%s\xe2\x80\x93%s", a, b); /* en dash */
}

static int list(store *s, const struct i18n *t)
{
    struct kiosk_event *ev = NULL;
    size_t n = 0;
    kiosk_status st = store_events_list(s, 0, &ev, &n);
    if (st != KIOSK_OK) {
        ctl_error("cannot read the program in '%s': %s", store_path(s), kiosk_status_name(st));
        return CTL_REFUSED;
    }
    if (n == 0) {
        printf("%s\n", i18n_tr(t, "event.none"));
        return CTL_OK;
    }
    char(*cells)[NCOLS][CELL] = calloc(n + 1, sizeof *cells);
    if (!cells) {
        free(ev);
        ctl_error("out of memory");
        return CTL_REFUSED;
    }
    for (size_t c = 0; c < NCOLS; c++)
        kiosk_strlcpy(cells[0][c], i18n_tr(t, columns[c].heading_key), CELL);
    for (size_t i = 0; i < n; i++) {
        const struct kiosk_event *e = &ev[i];
        char(*row)[CELL] = cells[i + 1];
        struct kiosk_session *sess = NULL;
        size_t nsess = 0;
        if (store_sessions_list(s, e->id, &sess, &nsess) == KIOSK_OK)
            free(sess);
        kiosk_strlcpy(row[0], e->code, CELL);
        kiosk_strlcpy(
            row[1],
            i18n_tr(t, e->kind == KIOSK_EVENT_FAIR ? "event.kind.fair" : "event.kind.class"), CELL);
        kiosk_strlcpy(row[2], e->title, CELL);
        kiosk_strlcpy(row[3], e->place, CELL);
        dates_text(e, t, row[4], CELL);
        kiosk_fmt(row[5], CELL, "%zu", nsess);
        if (e->capacity > 0)
            kiosk_fmt(row[6], CELL, "%d/%d", e->registered, e->capacity);
        else
            kiosk_fmt(row[6], CELL, "%d", e->registered);
    }
    int width[NCOLS] = {0};
    for (size_t r = 0; r <= n; r++)
        for (size_t c = 0; c < NCOLS; c++) {
            if (r > 0) /* headings are never cut */
                cut_to(cells[r][c], columns[c].max_width);
            int w = text_width(cells[r][c]);
            if (w > width[c])
                width[c] = w;
        }
    for (size_t r = 0; r <= n; r++) {
        for (size_t c = 0; c < NCOLS; c++)
            print_cell(cells[r][c], width[c], c == NCOLS - 1);
        fputc('\n', stdout);
    }
    free(cells);
    free(ev);
    return CTL_OK;
}

int ctl_cmd_event(struct ctl *c, int argc, char **argv)
{
    if (argc >= 1 && (strcmp(argv[0], "add") == 0 || strcmp(argv[0], "edit") == 0 ||
                      strcmp(argv[0], "cancel") == 0))
        return ctl_program_change(c, 0, argc, argv);
    if (argc != 1 || strcmp(argv[0], "list") != 0) {
        if (argc > 0)
            ctl_error("unknown 'event' command '%s'", argv[0]);
        return CTL_USAGE;
    }
    store *s = ctl_store(c);
    if (!s)
        return CTL_REFUSED;
    char dir[4096];
    kiosk_data_path("assets/strings", dir, sizeof dir);
    const char *lang = getenv("KIOSK_LANG");
    struct i18n *t = NULL;
    if (i18n_open(dir, lang && *lang ? lang : "vi", &t) != KIOSK_OK || !t) {
        ctl_error("out of memory");
        return CTL_REFUSED;
    }
    int rc = list(s, t);
    i18n_free(t);
    return rc;
}
