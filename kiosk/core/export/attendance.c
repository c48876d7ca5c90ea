/* The attendance sheet's rows: marks from one pass over the event's check-ins (a hash by
 * person), people streamed in the official order that SQLite sorts by our own key (its
 * sorter spills to disk, so memory stays small for any class size). */
#include "export/attendance.h"

#include "export/export.h"

#include "store/program_store.h"

#include "store/domain.h"
#include "store/export_rows.h"
#include "text/text.h"

#include <stdlib.h>
#include <string.h>

/* ---- person -> marks: open addressing over 128-bit ids ---- */

/* Sized from the registrations up front and filled to 7/8, a session in four bits (the mark,
 * and whether a check-in holds a signature): 50,000 people over 25 sessions take 1.9 MiB
 * (16-byte ids, 13 bytes a person). */
struct attendance_marks {
    size_t cap, count, nsess, stride; /* stride: bytes a person, (nsess + 1) / 2 */
    unsigned char (*keys)[16];
    unsigned char *used;
    unsigned char *marks; /* cap * stride */
};

#define SIGNED_BIT 4u

static unsigned cell_get(const unsigned char *m, size_t i)
{
    return (m[i / 2] >> (i % 2 * 4)) & 15u;
}

static void cell_set(unsigned char *m, size_t i, unsigned v)
{
    unsigned shift = (unsigned)(i % 2 * 4);
    m[i / 2] = (unsigned char)((m[i / 2] & ~(15u << shift)) | (v & 15u) << shift);
}

static unsigned mark_get(const unsigned char *m, size_t i)
{
    return cell_get(m, i) & 3u;
}

static void mark_set(unsigned char *m, size_t i, unsigned v)
{
    cell_set(m, i, (cell_get(m, i) & ~3u) | (v & 3u));
}

static int hex_val(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* 1 when id is 32 hex digits. Other ids (none in a kiosk file) never match a mark. */
static int id_bytes(const char *id, unsigned char out[16])
{
    for (int i = 0; i < 16; i++) {
        int hi = hex_val(id[2 * i]), lo = hi < 0 ? -1 : hex_val(id[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return 0;
        out[i] = (unsigned char)(hi << 4 | lo);
    }
    return id[32] == '\0';
}

static size_t slot_of(const struct attendance_marks *m, const unsigned char key[16])
{
    /* kiosk ids are random, but ids made elsewhere (tests, other tools) may share long
     * prefixes: mix all 16 bytes (splitmix64's finaliser) */
    uint64_t a, b;
    memcpy(&a, key, sizeof a);
    memcpy(&b, key + 8, sizeof b);
    uint64_t h = a ^ (b * 0x9E3779B97F4A7C15ULL);
    h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9ULL;
    h = (h ^ (h >> 27)) * 0x94D049BB133111EBULL;
    h ^= h >> 31;
    size_t i = (size_t)h & (m->cap - 1);
    while (m->used[i] && memcmp(m->keys[i], key, 16) != 0)
        i = (i + 1) & (m->cap - 1);
    return i;
}

static void marks_free(struct attendance_marks *m)
{
    if (!m)
        return;
    free(m->keys);
    free(m->used);
    free(m->marks);
    free(m);
}

static int marks_full(const struct attendance_marks *m, size_t count)
{
    return count * 8 > m->cap * 7;
}

/* Rehashes into a table of cap slots (a power of two). */
static int marks_resize(struct attendance_marks *m, size_t cap)
{
    struct attendance_marks n = {cap, 0, m->nsess, m->stride, NULL, NULL, NULL};
    n.keys = malloc(n.cap * sizeof *n.keys);
    n.used = calloc(n.cap, 1);
    n.marks = calloc(n.cap, n.stride);
    if (!n.keys || !n.used || !n.marks) {
        free(n.keys);
        free(n.used);
        free(n.marks);
        return 0;
    }
    for (size_t i = 0; i < m->cap; i++) {
        if (!m->used[i])
            continue;
        size_t j = slot_of(&n, m->keys[i]);
        n.used[j] = 1;
        memcpy(n.keys[j], m->keys[i], 16);
        memcpy(n.marks + j * n.stride, m->marks + i * m->stride, m->stride);
        n.count++;
    }
    free(m->keys);
    free(m->used);
    free(m->marks);
    *m = n;
    return 1;
}

static unsigned char *marks_slot(struct attendance_marks *m, const unsigned char key[16], int add)
{
    if (add && marks_full(m, m->count + 1) && !marks_resize(m, m->cap ? m->cap * 2 : 1024))
        return NULL;
    if (m->cap == 0)
        return NULL;
    size_t i = slot_of(m, key);
    if (!m->used[i]) {
        if (!add)
            return NULL;
        m->used[i] = 1;
        memcpy(m->keys[i], key, 16);
        m->count++;
    }
    return m->marks + i * m->stride;
}

/* Room for n people without rehashing (a class's registrations, known before its check-ins). */
static int marks_reserve(struct attendance_marks *m, size_t n)
{
    size_t cap = 1024;
    while (cap * 7 < n * 8)
        cap *= 2;
    return cap <= m->cap || marks_resize(m, cap);
}

/* ---- the official order as a sort key ---- */

static size_t append_key(const char *part, unsigned char *out, size_t cap, size_t at)
{
    if (at >= cap)
        return 0;
    size_t n = vn_sort_key(part, out + at, cap - at);
    if (n == 0 && part[0])
        return 0;
    while (n > 0 && out[at + n - 1] == 0)
        n--; /* our own separator below: a shorter part sorts first */
    if (at + n + 1 > cap)
        return 0;
    out[at + n] = 0;
    return at + n + 1;
}

size_t attendance_official_key(const char *full_name, const char *given_name, unsigned char *out,
                               size_t cap)
{
    struct vn_name_parts parts;
    vn_name_split(full_name, given_name, &parts);
    size_t at = append_key(parts.given, out, cap, 0);
    if (at)
        at = append_key(parts.family, out, cap, at);
    if (at)
        at = append_key(parts.middle, out, cap, at);
    return at;
}

kiosk_status attendance_register_sql(store *s)
{
    return store_official_key_register(s, attendance_official_key);
}

/* ---- dates and places ---- */

void export_format_date(int64_t at_ms, char *out, size_t cap)
{
    struct tm tm;
    kiosk_local_tm(at_ms, &tm);
    kiosk_fmt(out, cap, "%02d/%02d/%04d", tm.tm_mday, tm.tm_mon + 1, tm.tm_year + 1900);
}

void export_event_place(const struct kiosk_event *e, char *out, size_t cap)
{
    char place[KIOSK_TEXT_LEN], province[KIOSK_PLACE_LEN];
    vn_fold(e->place, place, sizeof place);
    vn_fold(e->province, province, sizeof province);
    if (!e->province[0] || strstr(place, province))
        kiosk_fmt(out, cap, "%s", e->place[0] ? e->place : e->province);
    else if (!e->place[0])
        kiosk_fmt(out, cap, "%s", e->province);
    else
        kiosk_fmt(out, cap, "%s, %s", e->place, e->province);
}

/* ---- loading ---- */

static int session_cmp(const void *a, const void *b)
{
    const struct kiosk_session *x = a, *y = b;
    if (x->starts_at_ms != y->starts_at_ms)
        return x->starts_at_ms < y->starts_at_ms ? -1 : 1;
    return x->number - y->number;
}

static size_t session_index(const struct attendance *a, int number)
{
    for (size_t i = 0; i < a->session_count; i++)
        if (a->sessions[i].number == number)
            return i;
    return (size_t)-1;
}

struct marks_load {
    struct attendance *a;
    const size_t *by_number;
    int max_number;
};

static kiosk_status add_mark(store_rows *r, void *ctx)
{
    struct marks_load *l = ctx;
    struct attendance *a = l->a;
    unsigned char key[16];
    const char *pid = store_rows_text(r, 0, NULL);
    int number = store_rows_int(r, 1);
    if (!id_bytes(pid, key) || number < 0 || number > l->max_number ||
        l->by_number[number] == (size_t)-1)
        return KIOSK_OK;
    unsigned char *m = marks_slot(a->marks, key, 1);
    if (!m)
        return KIOSK_E_NOMEM;
    unsigned char mark = store_rows_int(r, 2) ? MARK_LATE : MARK_PRESENT;
    size_t i = l->by_number[number];
    a->held[i] = 1;
    /* two copies of a check-in (from two kiosks): on time wins over late */
    if (mark_get(m, i) == MARK_ABSENT || mark == MARK_PRESENT)
        mark_set(m, i, mark);
    if (store_rows_int(r, 3)) /* signed: the sheet looks its picture up */
        cell_set(m, i, cell_get(m, i) | SIGNED_BIT);
    return KIOSK_OK;
}

/* A coordinator's correction replaces what the check-ins say (they stay in the store). */
static kiosk_status add_correction(store_rows *r, void *ctx)
{
    struct marks_load *l = ctx;
    unsigned char key[16];
    const char *pid = store_rows_text(r, 0, NULL);
    int number = store_rows_int(r, 1), mark = store_rows_int(r, 2);
    if (!id_bytes(pid, key) || number < 0 || number > l->max_number ||
        l->by_number[number] == (size_t)-1)
        return KIOSK_OK;
    unsigned char *m = marks_slot(l->a->marks, key, 1);
    if (!m)
        return KIOSK_E_NOMEM;
    size_t i = l->by_number[number];
    static const unsigned char to_mark[] = {MARK_ABSENT, MARK_PRESENT, MARK_ABSENT, MARK_EXCUSED};
    if (mark >= 1 && mark <= 3)
        mark_set(m, i, to_mark[mark]);
    if (mark == 1)
        l->a->held[i] = 1;
    return KIOSK_OK;
}

static kiosk_status load_marks(struct attendance *a)
{
    /* session numbers are small: index them directly */
    int max_number = 0;
    for (size_t i = 0; i < a->session_count; i++)
        if (a->sessions[i].number > max_number)
            max_number = a->sessions[i].number;
    size_t *by_number = malloc(((size_t)max_number + 1) * sizeof *by_number);
    if (!by_number)
        return KIOSK_E_NOMEM;
    for (int n = 0; n <= max_number; n++)
        by_number[n] = session_index(a, n);
    struct marks_load l = {a, by_number, max_number};
    kiosk_status r = store_event_checkins(a->store, a->event.id, add_mark, &l);
    if (r == KIOSK_OK)
        r = store_event_corrections(a->store, a->event.id, add_correction, &l);
    free(by_number);
    return r;
}

/* Every session, cancelled ones too (the sheet shows them, marked, and counts nobody absent
 * there), in number order with their cancelled flags. */
static kiosk_status load_sessions(struct attendance *a)
{
    struct program_session *all = NULL;
    size_t n = 0;
    kiosk_status r = store_program_sessions(a->store, a->event.id, &all, &n);
    if (r != KIOSK_OK)
        return r;
    a->sessions = calloc(n ? n : 1, sizeof *a->sessions);
    a->cancelled = calloc(n ? n : 1, 1);
    if (!a->sessions || !a->cancelled) {
        free(all);
        return KIOSK_E_NOMEM;
    }
    for (size_t i = 0; i < n; i++)
        a->sessions[i] = all[i].s;
    a->session_count = n;
    free(all);
    if (n > 1)
        qsort(a->sessions, n, sizeof *a->sessions, session_cmp);
    r = store_program_sessions(a->store, a->event.id, &all, &n); /* flags in number order */
    if (r != KIOSK_OK)
        return r;
    for (size_t i = 0; i < a->session_count; i++)
        for (size_t k = 0; k < n; k++)
            if (strcmp(all[k].s.id, a->sessions[i].id) == 0)
                a->cancelled[i] = (unsigned char)all[k].cancelled;
    free(all);
    return KIOSK_OK;
}

/* Who is on the sheet: the event's registrations, one row a person (waiting list and
 * cancelled ones only when they came anyway, decided per row; store_attendance_people). */
kiosk_status attendance_open(store *s, const char *event, int64_t now_ms, struct attendance *a)
{
    memset(a, 0, sizeof *a);
    a->store = s;
    kiosk_status r = store_event_get(s, event, &a->event);
    if (r != KIOSK_OK)
        return r;
    r = load_sessions(a);
    if (r != KIOSK_OK)
        return r;
    a->signatures = a->event.signature_required;
    size_t n = a->session_count ? a->session_count : 1;
    a->present = calloc(2 * n, sizeof *a->present); /* then late, in the same block */
    a->row_marks = calloc(3 * n, 1);                /* then row_signed and held */
    a->marks = calloc(1, sizeof *a->marks);
    if (!a->present || !a->row_marks || !a->marks) {
        attendance_close(a);
        return KIOSK_E_NOMEM;
    }
    a->late = a->present + n;
    a->row_signed = a->row_marks + n;
    a->held = a->row_marks + 2 * n;
    a->marks->nsess = a->session_count;
    a->marks->stride = (a->session_count + 1) / 2 ? (a->session_count + 1) / 2 : 1;
    for (size_t i = 0; i < a->session_count; i++)
        a->held[i] = !a->cancelled[i] && a->sessions[i].starts_at_ms <= now_ms;
    long total = 0;
    if (store_event_registration_total(s, a->event.id, &total) == KIOSK_OK)
        export_progress_total(total);
    r = marks_reserve(a->marks, (size_t)total) ? attendance_register_sql(s) : KIOSK_E_NOMEM;
    if (r == KIOSK_OK)
        r = load_marks(a);
    if (r == KIOSK_OK)
        r = store_event_has_checkouts(s, a->event.id, &a->checkouts);
    if (r != KIOSK_OK) {
        attendance_close(a);
        return r;
    }
    r = store_attendance_people(s, a->event.id, &a->rows);
    if (r != KIOSK_OK)
        attendance_close(a);
    return r;
}

static void format_address(store_rows *st, char *out, size_t cap)
{
    char commune[KIOSK_PLACE_LEN], district[KIOSK_PLACE_LEN], province[KIOSK_PLACE_LEN];
    store_rows_copy(st, 4, commune, sizeof commune);
    store_rows_copy(st, 5, district, sizeof district);
    store_rows_copy(st, 6, province, sizeof province);
    /* two-level addresses (since 2025) have no district: then the province says where */
    const char *second = district[0] ? district : province;
    if (commune[0] && second[0])
        kiosk_fmt(out, cap, "%s, %s", commune, second);
    else
        kiosk_fmt(out, cap, "%s", commune[0] ? commune : second);
}

int attendance_next(struct attendance *a, struct attendance_row *row)
{
    store_rows *st = a->rows;
    if (!st)
        return 0;
    for (;;) {
        int rc = store_rows_next(st);
        if (rc == 0) { /* the last row: the sheet's foot needs only the totals */
            store_rows_close(a->rows);
            a->rows = NULL;
            marks_free(a->marks);
            a->marks = NULL;
        }
        if (rc <= 0)
            return rc;
        unsigned char key[16];
        const char *pid = store_rows_text(st, 0, NULL);
        const unsigned char *m = NULL;
        if (id_bytes(pid, key))
            m = marks_slot(a->marks, key, 0);
        int status = store_rows_int(st, 7);
        if (!m && (status == KIOSK_REG_WAITLIST || status == KIOSK_REG_CANCELLED))
            continue; /* never held a seat and never came */
        memset(row, 0, sizeof *row);
        row->number = ++a->people;
        if (export_progress_step())
            return -1; /* the watcher stopped the export */
        store_rows_copy(st, 0, row->person_id, sizeof row->person_id);
        store_rows_copy(st, 1, row->full_name, sizeof row->full_name);
        row->birth_year = store_rows_int(st, 2);
        row->walkin = status == KIOSK_REG_WALKIN;
        if (store_rows_int(st, 8)) {
            char e164[KIOSK_PHONE_LEN];
            store_rows_copy(st, 3, e164, sizeof e164);
            if (e164[0])
                vn_phone_display(e164, row->phone, sizeof row->phone);
        }
        format_address(st, row->address, sizeof row->address);
        for (size_t i = 0; i < a->session_count; i++) {
            unsigned cell = m ? cell_get(m, i) : MARK_ABSENT;
            a->row_marks[i] = (unsigned char)(cell & 3u);
            a->row_signed[i] = (cell & SIGNED_BIT) != 0;
        }
        row->marks = a->row_marks;
        row->signed_ = a->row_signed;
        for (size_t i = 0; i < a->session_count; i++) {
            if (row->marks[i] == MARK_PRESENT || row->marks[i] == MARK_LATE) {
                row->attended++;
                a->present[i]++;
            }
            if (row->marks[i] == MARK_LATE)
                a->late[i]++;
        }
        return 1;
    }
}

const void *attendance_signature(struct attendance *a, const struct attendance_row *row, size_t i,
                                 size_t *len)
{
    *len = 0;
    if (i >= a->session_count || row->marks[i] == MARK_ABSENT || row->marks[i] == MARK_EXCUSED ||
        !row->signed_ || !row->signed_[i])
        return NULL; /* no check-in of hers there holds a signature: no query */
    return store_checkin_signature(a->store, &a->signature, a->sessions[i].id, row->person_id, len);
}

int attendance_left(struct attendance *a, const struct attendance_row *row, size_t i,
                    int64_t *in_ms, int64_t *out_ms)
{
    struct kiosk_presence p;
    if (!a->checkouts || i >= a->session_count ||
        (row->marks[i] != MARK_PRESENT && row->marks[i] != MARK_LATE) ||
        store_presence_get(a->store, a->sessions[i].id, row->person_id, 0, &p) != KIOSK_OK ||
        p.state != KIOSK_PRESENCE_LEFT || p.first_in_ms == 0)
        return 0;
    *in_ms = p.first_in_ms;
    *out_ms = p.last_out_ms;
    return 1;
}

void attendance_close(struct attendance *a)
{
    store_rows_close(a->rows);
    store_rows_close(a->signature);
    marks_free(a->marks);
    free(a->sessions);
    free(a->present);   /* and late */
    free(a->row_marks); /* and row_signed, held */
    free(a->cancelled);
    memset(a, 0, sizeof *a);
}
