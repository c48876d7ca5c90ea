/* The program changes the admin screen makes (program.h): a session added, a column set, sign-up
 * opened and closed; each with the checks a program file gets, refused with the reason and
 * nothing changed. */
#include "check.h"
#include "export/export_strings.h"
#include "program/program.h"
#include "store_fixture.h"

static char said[1024];
static int problems, changes;

static void on_change(void *ud, const char *text)
{
    (void)ud;
    (void)text;
    changes++;
}

static void on_problem(void *ud, long line, const char *text)
{
    (void)ud;
    (void)line;
    problems++;
    kiosk_strlcpy(said, text, sizeof said);
}

static const struct program_report rep = {on_change, on_problem, NULL, NULL};

static void reset(void)
{
    said[0] = '\0';
    problems = changes = 0;
}

static int live_sessions(store *s)
{
    return fx_count(s, "SELECT count(*) FROM sessions WHERE cancelled=0");
}

static void test_session_add(store *s)
{
    reset();
    CHECK_INT(program_session_add(s, "LOP-A", "11/03/2025 07:30-11:00", &rep), KIOSK_OK);
    CHECK_INT(live_sessions(s), 2);
    CHECK_INT(problems, 0);
    CHECK_INT(fx_count(s, "SELECT max(number) FROM sessions"), 2);
    /* on top of the first one: refused, nothing added */
    reset();
    CHECK_INT(program_session_add(s, "LOP-A", "10/03/2025 10:00-12:00", &rep), KIOSK_E_INVALID);
    CHECK(strstr(said, "overlaps") != NULL);
    CHECK_INT(live_sessions(s), 2);
    /* no such day, an end before its start, two at once, a code nobody has */
    reset();
    CHECK_INT(program_session_add(s, "LOP-A", "31/02/2025 07:30-11:00", &rep), KIOSK_E_INVALID);
    CHECK(strstr(said, "31/02/2025") != NULL);
    CHECK_INT(program_session_add(s, "LOP-A", "12/03/2025 11:00-07:30", &rep), KIOSK_E_INVALID);
    CHECK_INT(
        program_session_add(s, "LOP-A", "12/03/2025 07:30-11:00; 13/03/2025 07:30-11:00", &rep),
        KIOSK_E_INVALID);
    CHECK_INT(program_session_add(s, "NOPE", "12/03/2025 07:30-11:00", &rep), KIOSK_E_NOT_FOUND);
    CHECK_INT(live_sessions(s), 2);
}

static void test_capacity(store *s, const char *event_id)
{
    static const char *const names[] = {"Nguyễn Thị An", "Trần Thị Bình", "Lê Văn Chi"};
    for (int i = 0; i < 3; i++) {
        struct kiosk_person p = fx_person(names[i], 1980 + i, NULL, "xã Mỹ Khánh");
        struct kiosk_registration reg;
        const char *why = NULL;
        CHECK_INT(store_register(s, event_id, &p, "kiosk", &reg, &why), KIOSK_OK);
    }
    reset();
    CHECK_INT(program_event_set(s, "LOP-A", PROGRAM_COL_CAPACITY, "2", &rep), KIOSK_E_INVALID);
    CHECK(strstr(said, "capacity 2") != NULL);
    CHECK_INT(fx_count(s, "SELECT capacity FROM events WHERE code='LOP-A'"), 30);
    reset();
    CHECK_INT(program_event_set(s, "LOP-A", PROGRAM_COL_CAPACITY, "abc", &rep), KIOSK_E_INVALID);
    CHECK_INT(fx_count(s, "SELECT capacity FROM events WHERE code='LOP-A'"), 30);
    CHECK_INT(program_event_set(s, "LOP-A", PROGRAM_COL_CAPACITY, "3", &rep), KIOSK_OK);
    CHECK_INT(fx_count(s, "SELECT capacity FROM events WHERE code='LOP-A'"), 3);
    CHECK_INT(program_event_set(s, "LOP-A", PROGRAM_COL_CAPACITY, "0", &rep), KIOSK_OK);
    CHECK_INT(fx_count(s, "SELECT capacity FROM events WHERE code='LOP-A'"), 0);
    /* the code is the key, never changed this way */
    CHECK_INT(program_event_set(s, "LOP-A", PROGRAM_COL_CODE, "LOP-B", &rep), KIOSK_E_INVALID);
    CHECK_INT(fx_count(s, "SELECT count(*) FROM events WHERE code='LOP-A'"), 1);
}

static void test_signup(store *s)
{
    reset();
    int64_t before = fx_count(s, "SELECT count(*) FROM log WHERE kind LIKE 'program.signup.%'");
    CHECK_INT(program_signup_set(s, "LOP-A", 0, &rep), KIOSK_OK);
    CHECK_INT(fx_count(s, "SELECT signup_open FROM events WHERE code='LOP-A'"), 0);
    CHECK_INT(changes, 1);
    /* closing a closed class changes nothing more (no new version, no log row) */
    CHECK_INT(program_signup_set(s, "LOP-A", 0, &rep), KIOSK_OK);
    CHECK_INT(fx_count(s, "SELECT count(*) FROM log WHERE kind='program.signup.close'"),
              before + 1);
    struct kiosk_event ev;
    CHECK_INT(store_event_get(s, "LOP-A", &ev), KIOSK_OK);
    CHECK_INT(ev.signup_open, 0);
    /* closed: a sign-up at a kiosk is refused (a screen loaded before, another kiosk's sync);
     * the roster and a walk-in still add her */
    int regs = fx_count(s, "SELECT count(*) FROM registrations");
    struct kiosk_person p = fx_person("Phạm Thị Dung", 1990, "0912345678", "xã Mỹ Khánh");
    struct kiosk_registration reg;
    const char *why = NULL;
    CHECK_INT(store_register(s, ev.id, &p, "kiosk", &reg, &why), KIOSK_E_DENIED);
    CHECK_INT(fx_count(s, "SELECT count(*) FROM registrations"), regs);
    CHECK_INT(fx_count(s, "SELECT count(*) FROM people WHERE full_name='Phạm Thị Dung'"), 0);
    p = fx_person("Phạm Thị Dung", 1990, "0912345678", "xã Mỹ Khánh");
    CHECK_INT(store_register(s, ev.id, &p, "import", &reg, &why), KIOSK_OK);
    p = fx_person("Võ Văn Em", 1975, NULL, "xã Mỹ Khánh");
    CHECK_INT(store_register(s, ev.id, &p, "walkin", &reg, &why), KIOSK_OK);
    CHECK_INT(fx_count(s, "SELECT count(*) FROM registrations"), regs + 2);
    CHECK_INT(program_signup_set(s, "LOP-A", 1, &rep), KIOSK_OK);
    CHECK_INT(fx_count(s, "SELECT signup_open FROM events WHERE code='LOP-A'"), 1);
    p = fx_person("Đỗ Thị Giang", 1988, NULL, "xã Mỹ Khánh");
    CHECK_INT(store_register(s, ev.id, &p, "kiosk", &reg, &why), KIOSK_OK);
    CHECK_INT(program_signup_set(s, "NOPE", 1, &rep), KIOSK_E_NOT_FOUND);
    /* a file import keeps what the kiosk set */
    CHECK_INT(program_signup_set(s, "LOP-A", 0, &rep), KIOSK_OK);
    CHECK_INT(program_event_set(s, "LOP-A", PROGRAM_COL_TITLE, "Đan dây nhựa", &rep), KIOSK_OK);
    CHECK_INT(fx_count(s, "SELECT signup_open FROM events WHERE code='LOP-A'"), 0);
}

int main(void)
{
    store *s = fx_open("program_admin.db");
    fx_at(2025, 3, 10, 8, 0);
    CHECK_INT(export_strings_load("en"), KIOSK_OK);
    struct kiosk_event ev;
    struct kiosk_session sess;
    fx_class(s, "LOP-A", 30, &ev, &sess);
    test_session_add(s);
    test_capacity(s, ev.id);
    test_signup(s);
    export_strings_release();
    store_close(s);
    fx_cleanup();
    return check_done();
}
