/* kioskctl people duplicates [--event CODE] | people merge ID ID | people unmerge ID
 * [--lang vi|en]: the coordinator decides the doubtful cases of the identity rule
 * (docs/IDENTITY.md). Merges and unmerges are facts that sync. */
#include "ctl.h"
#include "export/export_strings.h"
#include "store/domain.h"
#include "text/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void print_person(const char *lead, const struct kiosk_person *p)
{
    char phone[32] = "-", year[8] = "-";
    if (p->phone[0])
        vn_phone_display(p->phone, phone, sizeof phone);
    if (p->birth_year)
        kiosk_fmt(year, sizeof year, "%d", p->birth_year);
    printf("%s%s  %s, %s, %s, %s\n", lead, p->id, p->full_name, year, phone,
           p->commune[0] ? p->commune : "-");
}

static int duplicates(store *s, const char *event)
{
    struct store_duplicate *d = NULL;
    size_t n = 0;
    kiosk_status st = store_people_duplicates(s, event, &d, &n);
    if (st != KIOSK_OK) {
        ctl_error("%s",
                  st == KIOSK_E_NOT_FOUND ? export_tr("people.no_event") : kiosk_status_name(st));
        return CTL_REFUSED;
    }
    char count[16], line[256];
    kiosk_fmt(count, sizeof count, "%zu", n);
    puts(export_trf(line, sizeof line, n ? "people.dup.count" : "people.dup.none", count, NULL,
                    NULL));
    for (size_t i = 0; i < n; i++) {
        char lead[16];
        kiosk_fmt(lead, sizeof lead, "%zu. ", i + 1);
        print_person(lead, &d[i].a);
        print_person("   ", &d[i].b);
        printf("   %s\n", export_tr(d[i].reason_key));
    }
    free(d);
    return CTL_OK;
}

static int merge(store *s, const char *a, const char *b)
{
    char survivor[KIOSK_ID_LEN], line[256];
    kiosk_status st = store_person_merge(s, a, b, survivor);
    if (st == KIOSK_E_EXISTS) {
        puts(export_tr("people.merge.already"));
        return CTL_OK;
    }
    if (st != KIOSK_OK) {
        ctl_error("%s",
                  st == KIOSK_E_NOT_FOUND ? export_tr("people.not_found") : kiosk_status_name(st));
        return CTL_REFUSED;
    }
    const char *merged = strcmp(survivor, a) == 0 ? b : a;
    puts(export_trf(line, sizeof line, "people.merge.done", survivor, merged, NULL));
    return CTL_OK;
}

static int unmerge(store *s, const char *id)
{
    int undone = 0;
    char line[256], count[16];
    kiosk_status st = store_person_unmerge(s, id, &undone);
    if (st != KIOSK_OK) {
        ctl_error("%s", st == KIOSK_E_NOT_FOUND ? export_tr("people.unmerge.none")
                                                : kiosk_status_name(st));
        return CTL_REFUSED;
    }
    kiosk_fmt(count, sizeof count, "%d", undone);
    puts(export_trf(line, sizeof line, "people.unmerge.done", id, count, NULL));
    return CTL_OK;
}

int ctl_cmd_people(struct ctl *c, int argc, char **argv)
{
    const char *event = NULL, *lang = "vi", *ids[2] = {NULL, NULL};
    int nids = 0;
    if (argc < 1)
        return CTL_USAGE;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--event") == 0 || strcmp(argv[i], "--lang") == 0) {
            const char **to = argv[i][2] == 'e' ? &event : &lang;
            if (!(*to = ctl_flag_value(argc, argv, &i)))
                return CTL_USAGE;
        } else if (argv[i][0] != '-' && nids < 2) {
            ids[nids++] = argv[i];
        } else {
            ctl_error("unknown argument '%s'", argv[i]);
            return CTL_USAGE;
        }
    }
    if (export_strings_load(lang) != KIOSK_OK) {
        ctl_error("unknown language '%s' (vi or en)", lang);
        return CTL_USAGE;
    }
    int dup = strcmp(argv[0], "duplicates") == 0 && nids == 0;
    int mrg = strcmp(argv[0], "merge") == 0 && nids == 2 && !event;
    int unm = strcmp(argv[0], "unmerge") == 0 && nids == 1 && !event;
    if (!dup && !mrg && !unm)
        return CTL_USAGE;
    store *s = ctl_store(c);
    if (!s)
        return CTL_REFUSED;
    if (dup)
        return duplicates(s, event);
    return mrg ? merge(s, ids[0], ids[1]) : unmerge(s, ids[0]);
}
