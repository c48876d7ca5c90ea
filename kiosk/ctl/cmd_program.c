/* kioskctl program template --out FILE.xlsx|FILE.csv [--lang vi|en]
 * kioskctl program import FILE.xlsx|FILE.csv [--dry-run] [--lang vi|en]
 * The centre's program sheet (docs/PROGRAM.md): checked whole, applied in one transaction,
 * every problem as FILE:LINE: reason, exit 1 and nothing changed. */
#include "ctl.h"

#include "export/export_strings.h"
#include "program/program.h"
#include "sheet/sheet.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

struct args {
    const char *path, *out, *lang;
    int dry_run;
};

static void print_change(void *ud, const char *text)
{
    printf("%s\n", text);
}

static void print_problem(void *ud, long line, const char *text)
{
    const char *path = ud;
    if (line > 0)
        fprintf(stderr, "%s:%ld: %s\n", path, line, text);
    else
        fprintf(stderr, "%s: %s\n", path, text);
}

static int refused(const char *path, size_t problems)
{
    char msg[512], n[32];
    snprintf(n, sizeof n, "%zu", problems);
    ctl_error("%s", export_trf(msg, sizeof msg, "program.refused", path, n, NULL));
    return CTL_REFUSED;
}

static int import(struct ctl *c, const struct args *a)
{
    struct sheet_book book;
    if (!ctl_read_sheet(a->path, &book))
        return refused(a->path, 1);
    struct program p;
    kiosk_status st = program_parse_book(&book, &p);
    sheet_book_release(&book);
    if (st != KIOSK_OK) {
        ctl_error("%s: %s", a->path, kiosk_status_name(st));
        return CTL_REFUSED;
    }
    for (size_t i = 0; i < p.problem_count; i++)
        print_problem((void *)a->path, p.problems[i].line, p.problems[i].reason);
    if (p.problem_count) {
        size_t n = p.problem_count;
        program_release(&p);
        return refused(a->path, n);
    }
    store *s = ctl_store(c);
    if (!s) {
        program_release(&p);
        return CTL_REFUSED;
    }
    struct program_options opt = {.dry_run = a->dry_run};
    struct program_report rep = {print_change, print_problem, (void *)a->path, NULL};
    struct program_result res;
    st = program_import(s, &p, &opt, &rep, &res);
    program_release(&p);
    if (st != KIOSK_OK)
        return refused(a->path, 1);
    char msg[512], summary[256], n1[16], n2[16], n3[16];
    snprintf(n1, sizeof n1, "%d", res.events_added);
    snprintf(n2, sizeof n2, "%d", res.events_changed);
    snprintf(n3, sizeof n3, "%d", res.events_same);
    export_trf(summary, sizeof summary, "program.summary", n1, n2, n3);
    printf("%s\n", export_trf(msg, sizeof msg, a->dry_run ? "program.dry_run" : "program.done",
                              a->path, summary, NULL));
    return CTL_OK;
}

static int template(const struct args *a)
{
    size_t n = strlen(a->out);
    int xlsx = n >= 5 && strcasecmp(a->out + n - 5, ".xlsx") == 0;
    int csv = n >= 4 && strcasecmp(a->out + n - 4, ".csv") == 0;
    if (!xlsx && !csv) {
        ctl_error("'%s': the template is FILE.xlsx or FILE.csv", a->out);
        return CTL_USAGE;
    }
    char err[512], msg[768];
    if (program_template_write(a->out, xlsx, kiosk_clock_now_ms(), err, sizeof err) != KIOSK_OK) {
        ctl_error("%s: %s", a->out, err);
        return CTL_REFUSED;
    }
    printf("%s\n", export_trf(msg, sizeof msg, "program.template_done", a->out, NULL, NULL));
    return CTL_OK;
}

static int parse_args(int argc, char **argv, struct args *a)
{
    for (int i = 1; i < argc; i++) {
        const char **slot = strcmp(argv[i], "--out") == 0    ? &a->out
                            : strcmp(argv[i], "--lang") == 0 ? &a->lang
                                                             : NULL;
        if (slot) {
            if (!(*slot = ctl_flag_value(argc, argv, &i)))
                return 0;
        } else if (strcmp(argv[i], "--dry-run") == 0) {
            a->dry_run = 1;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            ctl_error("unknown option '%s'", argv[i]);
            return 0;
        } else if (!a->path) {
            a->path = argv[i];
        } else {
            ctl_error("one file at a time ('%s' and '%s')", a->path, argv[i]);
            return 0;
        }
    }
    return 1;
}

int ctl_cmd_program(struct ctl *c, int argc, char **argv)
{
    struct args a = {.lang = "vi"};
    if (argc < 1 || !parse_args(argc, argv, &a))
        return CTL_USAGE;
    int is_import = strcmp(argv[0], "import") == 0, is_template = strcmp(argv[0], "template") == 0;
    if ((is_import && (!a.path || a.out)) || (is_template && (!a.out || a.path || a.dry_run)) ||
        (!is_import && !is_template))
        return CTL_USAGE;
    if (export_strings_load(a.lang) != KIOSK_OK) {
        ctl_error("unknown language '%s' (vi or en)", a.lang);
        return CTL_USAGE;
    }
    int rc = is_import ? import(c, &a) : template(&a);
    export_strings_release();
    return rc;
}
