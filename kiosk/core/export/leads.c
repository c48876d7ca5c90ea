/* A fair's leads: visitors whose latest answer about being contacted is yes, with phone,
 * business, interests and note, in the order they came to the booth. */
#include "export/attendance.h"
#include "export/csv.h"
#include "export/export.h"
#include "export/export_file.h"
#include "export/export_strings.h"
#include "export/xlsx_style.h"
#include "store/domain.h"
#include "store/export_rows.h"
#include "text/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { L_STT, L_NAME, L_PHONE, L_ORG, L_ORG_KIND, L_ADDRESS, L_INTERESTS, L_NOTE, L_DATE, L_COUNT };

static const struct {
    const char *key;
    double width;
} columns[L_COUNT] = {
    /* heading key                  width */
    {"export.col.stt", 5},
    {"export.col.name", 22},
    {"export.col.phone", 13},
    {"export.leads.col.org", 24},
    {"export.leads.col.org_kind", 13},
    {"export.col.address", 24},
    {"export.leads.col.interests", 28},
    {"export.leads.col.note", 26},
    {"export.leads.col.date", 11},
};

static const char *const org_kind_keys[] = {
    "",
    "export.org.household",
    "export.org.cooperative",
    "export.org.enterprise",
    "export.org.other",
};

struct lead {
    char cells[L_COUNT][KIOSK_TEXT_LEN * 2];
};

static void read_lead(store_rows *st, long number, struct lead *l)
{
    char e164[KIOSK_PHONE_LEN], commune[KIOSK_PLACE_LEN], district[KIOSK_PLACE_LEN],
        province[KIOSK_PLACE_LEN];
    snprintf(l->cells[L_STT], sizeof l->cells[0], "%ld", number);
    store_rows_copy(st, 0, l->cells[L_NAME], sizeof l->cells[0]);
    store_rows_copy(st, 1, e164, sizeof e164);
    l->cells[L_PHONE][0] = '\0';
    if (e164[0])
        vn_phone_display(e164, l->cells[L_PHONE], sizeof l->cells[0]);
    store_rows_copy(st, 2, l->cells[L_ORG], sizeof l->cells[0]);
    int kind = store_rows_int(st, 3);
    const char *kind_key =
        kind > 0 && kind < (int)KIOSK_ARRAY_LEN(org_kind_keys) ? org_kind_keys[kind] : "";
    kiosk_strlcpy(l->cells[L_ORG_KIND], kind_key[0] ? export_tr(kind_key) : "", sizeof l->cells[0]);
    store_rows_copy(st, 4, commune, sizeof commune);
    store_rows_copy(st, 5, district, sizeof district);
    store_rows_copy(st, 6, province, sizeof province);
    const char *parts[3] = {commune, district, province};
    l->cells[L_ADDRESS][0] = '\0';
    for (int i = 0; i < 3; i++) {
        if (!parts[i][0])
            continue;
        size_t n = strlen(l->cells[L_ADDRESS]);
        kiosk_fmt(l->cells[L_ADDRESS] + n, sizeof l->cells[0] - n, "%s%s", n ? ", " : "", parts[i]);
    }
    store_rows_copy(st, 7, l->cells[L_INTERESTS], sizeof l->cells[0]);
    store_rows_copy(st, 8, l->cells[L_NOTE], sizeof l->cells[0]);
    export_format_date(store_rows_i64(st, 9), l->cells[L_DATE], sizeof l->cells[0]);
}

struct leads_out {
    struct csv_writer *csv;
    lxw_worksheet *ws;
    struct xlsx_styles st;
    lxw_row_t row;
};

static void put_lead(struct leads_out *o, const struct lead *l, long number)
{
    if (o->csv) {
        csv_field_int(o->csv, number);
        for (int c = 1; c < L_COUNT; c++)
            csv_field(o->csv, l->cells[c]);
        csv_row_end(o->csv);
        return;
    }
    const char *texts[L_COUNT];
    double widths[L_COUNT];
    for (int c = 0; c < L_COUNT; c++) {
        texts[c] = l->cells[c];
        widths[c] = columns[c].width;
    }
    worksheet_set_row(o->ws, o->row, xlsx_row_points(texts, widths, L_COUNT, 15), NULL);
    worksheet_write_number(o->ws, o->row, L_STT, (double)number, o->st.cell_center);
    for (int c = 1; c < L_COUNT; c++) {
        lxw_format *f = c == L_PHONE || c == L_DATE ? o->st.cell_center : o->st.cell;
        worksheet_write_string(o->ws, o->row, (lxw_col_t)c, l->cells[c], f);
    }
    o->row++;
}

struct leads_pass {
    struct leads_out *o;
    struct lead *l;
    long n;
};

static kiosk_status put_row(store_rows *r, void *ctx)
{
    struct leads_pass *p = ctx;
    read_lead(r, ++p->n, p->l);
    put_lead(p->o, p->l, p->n);
    return export_progress_step() ? KIOSK_E_IO : KIOSK_OK; /* 1: the watcher stopped it */
}

static kiosk_status write_rows(store *s, const struct kiosk_event *ev, struct leads_out *o,
                               long *rows)
{
    struct leads_pass p = {o, malloc(sizeof(struct lead)), 0};
    if (!p.l)
        return KIOSK_E_NOMEM;
    kiosk_status r = store_fair_leads(s, ev->id, put_row, &p);
    free(p.l);
    *rows = p.n;
    return r;
}

static void heading_lines(const struct kiosk_event *ev, char what[], char place[], size_t cap)
{
    char where[KIOSK_TEXT_LEN * 2];
    export_trf(what, cap, "export.label.fair", ev->title, ev->code, NULL);
    export_event_place(ev, where, sizeof where);
    export_trf(place, cap, "export.label.place", where, NULL, NULL);
}

static kiosk_status write_csv(store *s, const struct kiosk_event *ev, int fd, long *rows)
{
    struct leads_out o = {0};
    o.csv = malloc(sizeof *o.csv);
    if (!o.csv)
        return KIOSK_E_NOMEM;
    csv_writer_init(o.csv, fd);
    csv_write_bom(o.csv);
    char what[KIOSK_TEXT_LEN * 2], place[KIOSK_TEXT_LEN * 2];
    heading_lines(ev, what, place, sizeof what);
    const char *lines[] = {export_tr("export.centre"), export_tr("export.leads.title"), what,
                           place};
    for (size_t i = 0; i < KIOSK_ARRAY_LEN(lines); i++) {
        csv_field(o.csv, lines[i]);
        csv_row_end(o.csv);
    }
    csv_row_end(o.csv);
    for (int c = 0; c < L_COUNT; c++)
        csv_field(o.csv, export_tr(columns[c].key));
    csv_row_end(o.csv);
    kiosk_status st = write_rows(s, ev, &o, rows);
    kiosk_status w = csv_writer_finish(o.csv);
    free(o.csv);
    return st != KIOSK_OK ? st : w;
}

static kiosk_status write_xlsx(store *s, const struct kiosk_event *ev, const char *path, long *rows,
                               char *err, size_t errlen)
{
    lxw_workbook *wb = xlsx_open(path, 1);
    if (!wb) {
        kiosk_fmt(err, errlen, "cannot start the workbook");
        return KIOSK_E_IO;
    }
    struct leads_out o = {0};
    xlsx_styles_init(wb, &o.st, 0);
    o.ws = workbook_add_worksheet(wb, export_tr("export.leads.sheet"));
    for (int c = 0; c < L_COUNT; c++)
        worksheet_set_column(o.ws, (lxw_col_t)c, (lxw_col_t)c, columns[c].width, NULL);
    char what[KIOSK_TEXT_LEN * 2], place[KIOSK_TEXT_LEN * 2];
    heading_lines(ev, what, place, sizeof what);
    const char *lines[3] = {what, place, NULL};
    lxw_col_t last = L_COUNT - 1, split = L_ORG;
    o.row = xlsx_heading(o.ws, &o.st, last, split, export_tr("export.leads.title"), lines);
    xlsx_page_setup(o.ws, o.row, 1);
    worksheet_set_row(o.ws, o.row, 30, NULL);
    for (int c = 0; c < L_COUNT; c++)
        worksheet_write_string(o.ws, o.row, (lxw_col_t)c, export_tr(columns[c].key), o.st.head);
    o.row++;
    kiosk_status st = write_rows(s, ev, &o, rows);
    if (st != KIOSK_OK) {
        workbook_close(wb);
        kiosk_fmt(err, errlen, "cannot read the visitors: %s", kiosk_status_name(st));
        return st;
    }
    xlsx_signatures(o.ws, &o.st, o.row + 1, last, split);
    return xlsx_close(wb, err, errlen);
}

kiosk_status export_leads(store *s, const char *event, int format, const char *path,
                          struct export_result *res, char *err, size_t errlen)
{
    struct kiosk_event ev;
    res->rows = 0;
    kiosk_status st = store_event_get(s, event, &ev);
    if (st != KIOSK_OK) {
        if (st == KIOSK_E_NOT_FOUND)
            export_trf(err, errlen, "export.err.event", event, NULL, NULL);
        else
            kiosk_fmt(err, errlen, "%s", kiosk_status_name(st));
        return st;
    }
    if (ev.kind != KIOSK_EVENT_FAIR) {
        export_trf(err, errlen, "export.err.not_fair", ev.code, NULL, NULL);
        return KIOSK_E_INVALID;
    }
    struct export_file f;
    st = export_file_open(&f, path, EXPORT_FILE_MODE, err, errlen);
    if (st != KIOSK_OK)
        return st;
    if (format == EXPORT_CSV) {
        st = write_csv(s, &ev, f.fd, &res->rows);
        if (st != KIOSK_OK)
            kiosk_fmt(err, errlen, "cannot write '%s': %s", path, kiosk_status_name(st));
    } else {
        export_file_close_fd(&f);
        st = write_xlsx(s, &ev, f.tmp, &res->rows, err, errlen);
    }
    if (st == KIOSK_OK)
        return export_file_commit(&f, err, errlen);
    export_file_abort(&f);
    return st;
}

int export_format_parse(const char *name)
{
    if (name && strcmp(name, "csv") == 0)
        return EXPORT_CSV;
    if (name && strcmp(name, "xlsx") == 0)
        return EXPORT_XLSX;
    return 0;
}
