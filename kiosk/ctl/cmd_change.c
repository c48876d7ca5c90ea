/* kioskctl event add|edit|cancel and session add|move|cancel: one change to the program
 * without a file, with the checks of the program sheet (docs/PROGRAM.md), each a logged
 * version that syncs. Messages in the export's language (--lang vi|en). */
#include "ctl.h"

#include "export/export_strings.h"
#include "program/program.h"
#include "sheet/sheet.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const flags[PROGRAM_NCOLS] = {
    NULL,         "--kind",      "--title", "--commune",  "--district",  "--province",
    "--capacity", "--signature", "--late",  "--sessions", "--interests",
};

static void print_change(void *ud, const char *text)
{
    printf("%s\n", text);
}

static void print_problem(void *ud, long line, const char *text)
{
    ctl_error("%s", text);
}

static const struct program_report report = {print_change, print_problem, NULL, NULL};

/* The one-row book through the file's checks. */
static int apply(store *s, struct sheet_book *book)
{
    return program_book_apply(s, book, &report) == KIOSK_OK ? CTL_OK : CTL_REFUSED;
}

/* --flag VALUE pairs into the book's cells; 0 on a usage error. */
static int set_flags(struct sheet_book *book, int argc, char **argv, int from)
{
    for (int i = from; i < argc; i++) {
        int col = -1;
        for (int c = 0; c < PROGRAM_NCOLS; c++)
            if (flags[c] && strcmp(argv[i], flags[c]) == 0)
                col = c;
        if (col < 0) {
            ctl_error("unknown option '%s'", argv[i]);
            return 0;
        }
        const char *v = ctl_flag_value(argc, argv, &i);
        if (!v || program_cell_set(book, col, v) != KIOSK_OK)
            return 0;
    }
    return 1;
}

static int event_change(store *s, const char *verb, const char *code, int argc, char **argv)
{
    char msg[384];
    if (strcmp(verb, "cancel") == 0)
        return argc == 2 && program_event_cancel(s, code, &report) == KIOSK_OK ? CTL_OK
               : argc == 2                                                     ? CTL_REFUSED
                                                                               : CTL_USAGE;
    int add = strcmp(verb, "add") == 0;
    struct program_event ev;
    int exists = store_program_event(s, code, &ev) == KIOSK_OK;
    if (add == exists) {
        ctl_error("%s",
                  export_trf(msg, sizeof msg, add ? "program.err.exists" : "program.err.no_event",
                             code, NULL, NULL));
        return CTL_REFUSED;
    }
    struct sheet_book book;
    kiosk_status st = program_book_for(s, add ? NULL : code, &book);
    if (st == KIOSK_OK && add)
        st = program_cell_set(&book, PROGRAM_COL_CODE, code);
    int rc = CTL_REFUSED;
    if (st == KIOSK_OK)
        rc = set_flags(&book, argc, argv, 2) ? apply(s, &book) : CTL_USAGE;
    sheet_book_release(&book);
    return rc;
}

static int session_change(store *s, int argc, char **argv)
{
    const char *verb = argv[0], *code = argv[1];
    if (strcmp(verb, "add") == 0 && argc == 3)
        return program_session_add(s, code, argv[2], &report) == KIOSK_OK ? CTL_OK : CTL_REFUSED;
    char *end = NULL;
    long number = argc >= 3 ? strtol(argv[2], &end, 10) : 0;
    if (!end || *end || number <= 0)
        return CTL_USAGE;
    kiosk_status st;
    if (strcmp(verb, "move") == 0 && argc == 4)
        st = program_session_move(s, code, (int)number, argv[3], &report);
    else if (strcmp(verb, "cancel") == 0 && argc == 3)
        st = program_session_cancel(s, code, (int)number, &report);
    else
        return CTL_USAGE;
    return st == KIOSK_OK ? CTL_OK : CTL_REFUSED;
}

/* Takes --lang out of argv (any place); 0 on a bad one. */
static int take_lang(int *argc, char **argv)
{
    const char *lang = "vi";
    int n = 0;
    for (int i = 0; i < *argc; i++) {
        if (strcmp(argv[i], "--lang") == 0 && i + 1 < *argc)
            lang = argv[++i];
        else
            argv[n++] = argv[i];
    }
    *argc = n;
    if (export_strings_load(lang) == KIOSK_OK)
        return 1;
    ctl_error("unknown language '%s' (vi or en)", lang);
    return 0;
}

int ctl_program_change(struct ctl *c, int is_session, int argc, char **argv)
{
    if (!take_lang(&argc, argv))
        return CTL_USAGE;
    int rc = CTL_USAGE;
    if (argc >= 2) {
        store *s = ctl_store(c);
        rc = !s           ? CTL_REFUSED
             : is_session ? session_change(s, argc, argv)
                          : event_change(s, argv[0], argv[1], argc, argv);
    }
    export_strings_release();
    return rc;
}

int ctl_cmd_session(struct ctl *c, int argc, char **argv)
{
    return ctl_program_change(c, 1, argc, argv);
}
