/* What the voice says for what the screen writes (kiosk/core/voice/voice_text.h): times as
 * people say them in each language, dates and ranges in words, symbols a reader skips left
 * out; awkward input (no time at all, 24:00, 123:45, a cut buffer, bytes that are not UTF-8)
 * neither crashes nor turns into a wrong time. */
#include "check.h"

#include "voice/voice_text.h"

#include <string.h>

static const char *phrase(const char *lang, int h, int m)
{
    static char out[64];
    voice_time_phrase(lang, h, m, out, sizeof out);
    return out;
}

static const char *spoken(const char *lang, const char *written)
{
    static char out[512];
    voice_spoken(lang, written, out, sizeof out);
    return out;
}

static void time_phrases(void)
{
    CHECK_STR(phrase("vi", 7, 40), "7 giờ 40");
    CHECK_STR(phrase("vi", 7, 0), "7 giờ");
    CHECK_STR(phrase("vi", 13, 5), "13 giờ 5");
    CHECK_STR(phrase("vi", 0, 0), "0 giờ");
    CHECK_STR(phrase("en", 7, 40), "7:40");
    CHECK_STR(phrase("en", 7, 5), "7:05");
    CHECK_STR(phrase("en", 7, 0), "7 o'clock");
    CHECK_STR(phrase("en", 23, 59), "23:59");
    CHECK_STR(phrase(NULL, 9, 30), "9:30"); /* not Vietnamese: English */
    CHECK_STR(phrase("vi", 24, 0), "");
    CHECK_STR(phrase("vi", 7, 60), "");
    CHECK_STR(phrase("vi", -1, 10), "");
    char small[4] = "xyz";
    voice_time_phrase("vi", 7, 40, small, sizeof small); /* cut, never overrun */
    CHECK(strlen(small) < sizeof small);
}

static void outcomes(void)
{
    CHECK_STR(spoken("vi", "Có mặt lúc 07:40. Chúc bạn học tốt!"),
              "Có mặt lúc 7 giờ 40. Chúc bạn học tốt!");
    CHECK_STR(spoken("en", "Present at 07:40. Enjoy the class!"),
              "Present at 7:40. Enjoy the class!");
    CHECK_STR(spoken("vi", "Đến muộn: có mặt lúc 08:00"), "Đến muộn: có mặt lúc 8 giờ");
    CHECK_STR(spoken("vi", "Đăng ký xong"), "Đăng ký xong");
}

static void ranges_and_dates(void)
{
    CHECK_STR(spoken("vi", "Buổi 1: 07:30 – 11:00"), "Buổi 1: 7 giờ 30 đến 11 giờ");
    CHECK_STR(spoken("en", "Session 2: 13:30-17:00"), "Session 2: 13:30 to 17 o'clock");
    CHECK_STR(spoken("vi", "Khai giảng 05/03/2026"), "Khai giảng ngày 5 tháng 3 năm 2026");
    CHECK_STR(spoken("en", "Starts 05/03/2026"), "Starts 5 March 2026");
    CHECK_STR(spoken("vi", "từ 05/03 – 20/04"), "từ ngày 5 tháng 3 đến ngày 20 tháng 4");
    /* a dash between words is a pause, not "đến" */
    CHECK_STR(spoken("vi", "xã Mỹ Khánh – huyện Phong Điền"), "xã Mỹ Khánh, huyện Phong Điền");
}

static void symbols(void)
{
    CHECK_STR(spoken("vi", "1985 · xã Mỹ Khánh"), "1985, xã Mỹ Khánh");
    CHECK_STR(spoken("vi", "· ☐ đang phục vụ"), "đang phục vụ");
    CHECK_STR(spoken("vi", "Tiếp tục →"), "Tiếp tục");
    CHECK_STR(spoken("vi", "‹ Trang trước"), "Trang trước");
    CHECK_STR(spoken("en", "Tap “Done” »"), "Tap Done");
    CHECK_STR(spoken("vi", "Đang in…"), "Đang in");
    CHECK_STR(spoken("en", "  Step  1/3:   name  "), "Step 1 of 3: name");
    CHECK_STR(spoken("vi", "Bước 2/4: Bạn ở xã, phường nào?"),
              "Bước 2 trên 4: Bạn ở xã, phường nào?");
    CHECK_STR(spoken("vi", "Nghị định 13/2023"), "Nghị định 13 2023"); /* neither date nor count */
    CHECK_STR(spoken("en", "**Done** ✓"), "Done");
}

static void awkward(void)
{
    CHECK_STR(spoken("vi", ""), "");
    CHECK_STR(spoken("vi", NULL), "");
    CHECK_STR(spoken("vi", "24:00"), "24:00");   /* no such time: left as written */
    CHECK_STR(spoken("vi", "123:45"), "123:45"); /* not a time inside a longer number */
    CHECK_STR(spoken("vi", "7:4"), "7:4");
    CHECK_STR(spoken("vi", "32/13"), "32 trên 13");                    /* no such date: a count */
    CHECK_STR(spoken("vi", "31/02/2026"), "ngày 31 tháng 2 năm 2026"); /* as written */
    CHECK_STR(spoken("vi", "a\xff\xfe b"), "a b");                     /* not UTF-8: dropped */
    char small[16];
    voice_spoken("vi", "Có mặt lúc 07:40", small, sizeof small);
    CHECK(strlen(small) < sizeof small); /* cut on a whole piece */
    CHECK_STR(small, "Có mặt lúc");
}

int main(void)
{
    time_phrases();
    outcomes();
    ranges_and_dates();
    symbols();
    awkward();
    return check_done();
}
