/* The plugin ABI's growth rules (plugin.h, host/api_domain.h): an array walked with the
 * host's element size when the host's struct is larger than the plugin's; KIOSK_API_HAS on
 * a table shorter than the plugin's header; structs handed across with the plugin's size,
 * never written past it; the descriptor's first members the same in every major. */
#include "check.h"
#include "host/api_domain.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* A later minor's event: the 2.0 members, then one more. */
struct event_v2_1 {
    struct kiosk_event base;
    int64_t added_in_2_1;
};

static void test_array_elem_size(void)
{
    struct event_v2_1 *host = calloc(3, sizeof *host);
    for (int i = 0; i < 3; i++) {
        snprintf(host[i].base.code, sizeof host[i].base.code, "EV-%d", i);
        host[i].added_in_2_1 = -1;
    }
    struct kiosk_array arr = {host, 3, sizeof *host};
    /* a 2.0 plugin walks it with its own type and the host's stride */
    CHECK_STR(KIOSK_AT(arr, struct kiosk_event, 0)->code, "EV-0");
    CHECK_STR(KIOSK_AT(arr, struct kiosk_event, 2)->code, "EV-2");
    /* indexing as a plain array would land inside element 1 */
    CHECK(strcmp(((struct kiosk_event *)arr.items)[2].code, "EV-2") != 0);
    free(host);
}

static void noop_spacer(kiosk_ctx *ctx, int px)
{
    (void)ctx;
    (void)px;
}

static void test_api_has(void)
{
    struct kiosk_host_api h;
    memset(&h, 0, sizeof h);
    h.ui_spacer = noop_spacer;
    h.size = sizeof h;
    CHECK(KIOSK_API_HAS(&h, ui_spacer));
    /* an older host's table ends before the member: whatever lies there is not read */
    h.size = offsetof(struct kiosk_host_api, ui_spacer);
    CHECK(!KIOSK_API_HAS(&h, ui_spacer));
    h.size = sizeof h;
    h.ui_spacer = NULL; /* large enough, but not offered */
    CHECK(!KIOSK_API_HAS(&h, ui_spacer));
    const struct kiosk_host_api *none = NULL;
    CHECK(!KIOSK_API_HAS(none, ui_spacer));
    struct kiosk_fair_api fair = {.size = sizeof fair, .version = 1};
    CHECK(!KIOSK_API_HAS(&fair, stats));
}

static void test_give_take(void)
{
    struct kiosk_person full, small;
    memset(&full, 'x', sizeof full);
    full.full_name[0] = 'A';
    /* a plugin that knows fewer bytes: nothing written past them */
    unsigned char buf[sizeof full + 16];
    memset(buf, 0xAB, sizeof buf);
    size_t known = offsetof(struct kiosk_person, birth_year);
    CHECK_INT(host_api_give(KIOSK_OK, buf, known, &full, sizeof full), KIOSK_OK);
    CHECK(buf[0] == 'x' && buf[known - 1] == 'x' && buf[known] == 0xAB);
    memset(buf, 0xAB, sizeof buf);
    CHECK_INT(host_api_give(KIOSK_E_NOT_FOUND, buf, sizeof full, &full, sizeof full),
              KIOSK_E_NOT_FOUND);
    CHECK(buf[0] == 0xAB); /* a failure leaves the plugin's struct alone */
    CHECK_INT(host_api_give(KIOSK_E_EXISTS, &small, sizeof small, &full, sizeof full),
              KIOSK_E_EXISTS);
    CHECK(small.full_name[0] == 'A');
    /* taking a shorter struct: the members it lacks read as unset */
    memset(&small, 'y', sizeof small);
    host_api_take(&full, sizeof full, &small, known);
    CHECK(full.id[0] == 'y' && full.birth_year == 0 && full.extra_json == NULL);
}

static void test_descriptor_prefix(void)
{
    /* the loader reads size and version before it knows the major: they never move */
    CHECK_INT(offsetof(struct kiosk_plugin, size), 0);
    CHECK_INT(offsetof(struct kiosk_plugin, abi_major), sizeof(size_t));
    CHECK_INT(offsetof(struct kiosk_plugin, abi_minor), sizeof(size_t) + 2);
    CHECK_INT(offsetof(struct kiosk_host_api, abi_major), sizeof(size_t));
    CHECK_INT(KIOSK_ABI_MAJOR, 2);
}

int main(void)
{
    test_array_elem_size();
    test_api_has();
    test_give_take();
    test_descriptor_prefix();
    return check_done();
}
