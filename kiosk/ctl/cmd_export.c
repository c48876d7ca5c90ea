/* kioskctl export: the attendance sheet of an event, the summary of all events, or a fair's
 * leads, as CSV or XLSX. --lang en for English headings (Vietnamese by default). */
#include "ctl.h"

#include "export/export.h"
#include "export/export_strings.h"

#include <stdio.h>
#include <string.h>

struct export_args {
    const char *event, *format, *out, *lang;
    int summary, leads;
};

static int parse(int argc, char **argv, struct export_args *a)
{
    memset(a, 0, sizeof *a);
    a->lang = "vi";
    for (int i = 0; i < argc; i++) {
        const char **value = NULL;
        if (strcmp(argv[i], "--event") == 0)
            value = &a->event;
        else if (strcmp(argv[i], "--format") == 0)
            value = &a->format;
        else if (strcmp(argv[i], "--out") == 0)
            value = &a->out;
        else if (strcmp(argv[i], "--lang") == 0)
            value = &a->lang;
        else if (strcmp(argv[i], "--summary") == 0)
            a->summary = 1;
        else if (strcmp(argv[i], "--leads") == 0)
            a->leads = 1;
        else {
            ctl_error("unknown option '%s'", argv[i]);
            return 0;
        }
        if (value) {
            *value = ctl_flag_value(argc, argv, &i);
            if (!*value)
                return 0;
        }
    }
    if (!a->out || (a->summary && a->leads) || (a->summary && a->event) ||
        (!a->summary && !a->event))
        return 0;
    if (!a->format) { /* the file's extension says it when --format is left out */
        const char *dot = strrchr(a->out, '.');
        a->format = dot ? dot + 1 : "";
    }
    return 1;
}

int ctl_cmd_export(struct ctl *c, int argc, char **argv)
{
    struct export_args a;
    if (!parse(argc, argv, &a))
        return CTL_USAGE;
    char msg[1024], err[768] = "";
    if (export_strings_load(a.lang) != KIOSK_OK) {
        ctl_error("unknown language '%s' (vi or en)", a.lang);
        return CTL_USAGE;
    }
    int format = export_format_parse(a.format);
    if (!format) {
        ctl_error("%s", export_trf(msg, sizeof msg, "export.err.format", a.format, NULL, NULL));
        export_strings_release();
        return CTL_USAGE;
    }
    store *s = ctl_store(c);
    if (!s) {
        export_strings_release();
        return CTL_REFUSED;
    }
    struct export_result res = {0};
    kiosk_status st;
    if (a.summary)
        st = export_summary(s, format, a.out, &res, err, sizeof err);
    else if (a.leads)
        st = export_leads(s, a.event, format, a.out, &res, err, sizeof err);
    else
        st = export_attendance(s, a.event, format, a.out, &res, err, sizeof err);
    int rc = CTL_OK;
    if (st != KIOSK_OK) {
        ctl_error("%s", err[0] ? err : kiosk_status_name(st));
        rc = CTL_REFUSED;
    } else {
        char rows[24];
        snprintf(rows, sizeof rows, "%ld", res.rows);
        printf("%s\n", export_trf(msg, sizeof msg, "export.done", a.out, rows, NULL));
    }
    export_strings_release();
    return rc;
}
