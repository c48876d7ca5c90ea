/* Telex and VNI composer: what a trainee typing a name would see, keystroke by keystroke:
 * tone placement (both styles), tones moving as letters follow, doubled keys, Backspace
 * (deletes the last letter shown), a lone w, late w, final k and minority place names,
 * the on-screen tone row, upper case, text set by code (NFD too). */
#include "check.h"
#include "text/composer.h"

#include <string.h>

static const char *telex(const char *keys)
{
    static char out[256];
    vn_compose_string(VN_IM_TELEX, VN_TONE_TRADITIONAL, keys, out, sizeof out);
    return out;
}

static const char *telex_modern(const char *keys)
{
    static char out[256];
    vn_compose_string(VN_IM_TELEX, VN_TONE_MODERN, keys, out, sizeof out);
    return out;
}

static const char *vni(const char *keys)
{
    static char out[256];
    vn_compose_string(VN_IM_VNI, VN_TONE_TRADITIONAL, keys, out, sizeof out);
    return out;
}

static void check_names(void)
{
    CHECK_STR(telex("Nguyeenx Thij Hoaf"), "Nguyễn Thị Hòa");
    CHECK_STR(telex("Traafn Vawn Binhf"), "Trần Văn Bình");
    CHECK_STR(telex("Phamj Thij Anhs"), "Phạm Thị Ánh");
    CHECK_STR(telex("Ddawngj Vawn Dduwcs"), "Đặng Văn Đức");
    CHECK_STR(telex("Huyfnh Thij Thuyr"), "Huỳnh Thị Thủy");
    CHECK_STR(telex("Vox Quoocs Vieejt"), "Võ Quốc Việt");
    CHECK_STR(telex("Giang Gioongs Gif"), "Giang Giống Gì");
    CHECK_STR(telex("Nguyeenx Ngocj Khuee"), "Nguyễn Ngọc Khuê");
    CHECK_STR(telex("ruwowuj"), "rượu");
    CHECK_STR(telex("khuyeeenr"), "khuyeenr"); /* the third e undoes the hat: typed as is */
    /* the tone can come at the end of the word or right after the vowel */
    CHECK_STR(telex("Hoafng"), "Hoàng");
    CHECK_STR(telex("Hoangf"), "Hoàng");
    CHECK_STR(telex("tuaans"), "tuấn");
    CHECK_STR(telex("tuasan"), "tuấn");
    CHECK_STR(telex("muaw"), "mưa");
    CHECK_STR(telex("hoawcj"), "hoặc");
    CHECK_STR(telex("oaif"), "oài");
    CHECK_STR(telex("nguwowif"), "người");
    CHECK_STR(telex("truwongf"), "trường"); /* ưo before a final is ươ */
    CHECK_STR(telex("tuwoi"), "tươi");
    CHECK_STR(telex("thuongw"), "thương");
    CHECK_STR(telex("huow"), "huơ");   /* uơ at the end of a word: huơ, thuở */
    CHECK_STR(telex("thuwo"), "thưo"); /* nothing after it yet: left as typed */
    CHECK_STR(telex("quyeenf"), "quyền");
    CHECK_STR(telex("khuyur"), "khuỷu");
    CHECK_STR(telex("dduowcj"), "được");
    CHECK_STR(telex("giuwax"), "giữa");
    CHECK_STR(telex("ngoaif"), "ngoài");
    /* a tone key that cannot be a tone is a letter */
    CHECK_STR(telex("sao"), "sao");
    CHECK_STR(telex("xuaans"), "xuấn");
    CHECK_STR(telex("Fred"), "Fred");
    CHECK_STR(telex("John"), "John");
    CHECK_STR(telex("catf"), "catf"); /* -t takes only sắc or nặng */
    CHECK_STR(telex("caj"), "cạ");
    CHECK_STR(telex("z"), "z");
    CHECK_STR(telex("asz"), "a");
    CHECK_STR(telex("a1 b2"), "a1 b2");
}

static void check_doubled_keys(void)
{
    CHECK_STR(telex("ass"), "as");
    CHECK_STR(telex("asss"), "ass");
    CHECK_STR(telex("aaa"), "aa");
    CHECK_STR(telex("ddd"), "dd");
    CHECK_STR(telex("noww"), "now");
    CHECK_STR(telex("uoww"), "uow");
    CHECK_STR(telex("eee"), "ee");
    CHECK_STR(telex("ooo"), "oo");
    CHECK_STR(telex("tas tas"), "tá tá"); /* the next word composes again */
    CHECK_STR(vni("a11"), "a1");
    CHECK_STR(vni("d99"), "d9");
}

static void check_tone_styles(void)
{
    CHECK_STR(telex("hoaf"), "hòa");
    CHECK_STR(telex_modern("hoaf"), "hoà");
    CHECK_STR(telex("thuyr"), "thủy");
    CHECK_STR(telex_modern("thuyr"), "thuỷ");
    CHECK_STR(telex("khoer"), "khỏe");
    CHECK_STR(telex_modern("khoer"), "khoẻ");
    /* both styles agree when a final consonant or a marked vowel decides */
    CHECK_STR(telex_modern("hoafn"), "hoàn");
    CHECK_STR(telex_modern("Huyfnh"), "Huỳnh");
    CHECK_STR(telex_modern("muaf"), "mùa");
    CHECK_STR(telex_modern("quys"), "quý");
    CHECK_STR(telex_modern("giaf"), "già");
    /* the tone moves when a letter changes where it belongs */
    CHECK_STR(telex_modern("hoaf"), "hoà");
    CHECK_STR(telex_modern("hoafi"), "hoài");
    CHECK_STR(telex("gifa"), "già");
}

static void check_upper_case(void)
{
    CHECK_STR(telex("VIEETJ NAM"), "VIỆT NAM");
    CHECK_STR(telex("DDOONGF THASP"), "ĐỒNG THÁP");
    CHECK_STR(telex("Ddoongf"), "Đồng");
    CHECK_STR(telex("TRUWOWNGF"), "TRƯỜNG");
    CHECK_STR(telex("AAS"), "Ấ");
    CHECK_STR(vni("D9O6NG2"), "ĐỒNG");
}

static void check_vni(void)
{
    CHECK_STR(vni("Nguye6n4 Thi5 Hoa2"), "Nguyễn Thị Hòa");
    CHECK_STR(vni("Hue6"), "Huê");
    CHECK_STR(vni("mu7a"), "mưa");
    CHECK_STR(vni("a8n"), "ăn");
    CHECK_STR(vni("ruou75"), "rượu");
    CHECK_STR(vni("0912 345 678"), "0912 345 678"); /* digits alone stay digits */
    CHECK_STR(vni("Hoa20"), "Hoa");
}

/* issue 16: final k, minority place names, a lone w, the ơ's w typed late, uơ */
static void check_issue16(void)
{
    CHECK_STR(telex("Ddawks Lawks"), "Đắk Lắk");
    CHECK_STR(telex("Kroong Pawcs"), "Krông Pắc");
    CHECK_STR(telex("Kroong Buks"), "Krông Búk");
    CHECK_STR(telex("Chuw Proong"), "Chư Prông");
    CHECK_STR(telex("Kon Ploong"), "Kon Plông");
    CHECK_STR(telex("Cuw Juts"), "Cư Jút");
    CHECK_STR(telex("Ddawkf"), "Đăkf"); /* -k takes only sắc or nặng, like -c */
    CHECK_STR(vni("D9a8k1 La8k1"), "Đắk Lắk");
    CHECK_STR(vni("Kro6ng Pa8c1"), "Krông Pắc");
    CHECK_STR(vni("Cu7 Ju1t"), "Cư Jút");
    /* a lone w is ư; doubled it is w */
    CHECK_STR(telex("Dwowng"), "Dương");
    CHECK_STR(telex("trwongf"), "trường");
    CHECK_STR(telex("w"), "ư");
    CHECK_STR(telex("W"), "Ư");
    CHECK_STR(telex("ww"), "w");
    CHECK_STR(telex("Nw"), "Nư");
    CHECK_STR(telex("tw"), "tư");
    /* the ơ's w typed late, uơ where the word needs it */
    CHECK_STR(telex("buwocws"), "bước");
    CHECK_STR(telex("truowngf"), "trường");
    CHECK_STR(telex("thuowr"), "thuở");
    CHECK_STR(telex("huow"), "huơ");
    CHECK_STR(telex("huown"), "hươn");
    CHECK_STR(telex("tuowi"), "tươi");
    CHECK_STR(vni("thuo73"), "thuở");
    CHECK_STR(vni("buo7c1"), "bước");
    /* minority place names: finals h l r, a syllable inside a word, oo, uă */
    CHECK_STR(telex("Ea Tohs"), "Ea Tóh");
    CHECK_STR(telex("Chaf Valf"), "Chà Vàl");
    CHECK_STR(telex("Ea Karr"), "Ea Kar");
    CHECK_STR(telex("DDakroong"), "Đakrông");
    CHECK_STR(telex("Avuwowng"), "Avương");
    CHECK_STR(telex("Ia Booongf"), "Ia Boòng");
    CHECK_STR(telex("Ea Kuawng"), "Ea Kuăng");
    CHECK_STR(telex("muaw"), "mưa");
    CHECK_STR(vni("Pa1c Mia6u2"), "Pác Miầu");
    CHECK_STR(vni("La E6e6"), "La Êê");
    /* a tone before the marks, a mark or w typed again later */
    CHECK_STR(telex("chuoiso"), "chuối");
    CHECK_STR(telex("cuoifw"), "cười");
    CHECK_STR(telex("dieufde"), "điều");
    CHECK_STR(telex("buwouw"), "bươu");
    CHECK_STR(telex("chooofng"), "choòng");
    CHECK_STR(telex("buwoo"), "buô");
    CHECK_STR(telex("wiw"), "uiw");
}

static void type(struct vn_composer *c, const char *keys)
{
    /* one keystroke at a time, as the keyboard sends them */
    char k[2] = {0, 0};
    for (const char *p = keys; *p; p++) {
        k[0] = *p;
        vn_composer_key(c, k);
    }
}

static void check_backspace(void)
{
    /* Backspace deletes the last letter shown, as in Unikey and on phones */
    struct vn_composer *c = vn_composer_new(VN_IM_TELEX, VN_TONE_TRADITIONAL);
    type(c, "ddoongf");
    CHECK_STR(vn_composer_text(c), "đồng");
    vn_composer_backspace(c);
    CHECK_STR(vn_composer_text(c), "đồn");
    vn_composer_backspace(c);
    CHECK_STR(vn_composer_text(c), "đồ");
    vn_composer_backspace(c);
    CHECK_STR(vn_composer_text(c), "đ");
    type(c, "awcj");
    CHECK_STR(vn_composer_text(c), "đặc"); /* the word composes again */

    vn_composer_set_text(c, "");
    type(c, "Hoafn");
    CHECK_STR(vn_composer_text(c), "Hoàn");
    vn_composer_backspace(c); /* the tone goes where the shorter word needs it */
    CHECK_STR(vn_composer_text(c), "Hòa");
    vn_composer_backspace(c);
    CHECK_STR(vn_composer_text(c), "Hò");
    type(c, "an");
    CHECK_STR(vn_composer_text(c), "Hoàn");

    vn_composer_set_text(c, "");
    type(c, "Nguyeenx");
    vn_composer_backspace(c);
    CHECK_STR(vn_composer_text(c), "Nguyễ");
    type(c, "n");
    CHECK_STR(vn_composer_text(c), "Nguyễn");

    vn_composer_free(c);
}

static void check_backspace_more(void)
{
    /* a doubled key's word composes again after Backspace */
    struct vn_composer *c = vn_composer_new(VN_IM_TELEX, VN_TONE_TRADITIONAL);
    type(c, "ass");
    CHECK_STR(vn_composer_text(c), "as");
    vn_composer_backspace(c);
    CHECK_STR(vn_composer_text(c), "a");
    type(c, "s");
    CHECK_STR(vn_composer_text(c), "á");
    vn_composer_set_text(c, "");
    type(c, "ww");
    CHECK_STR(vn_composer_text(c), "w");
    vn_composer_backspace(c);
    CHECK_STR(vn_composer_text(c), "");

    /* Backspace on text set by code deletes whole characters */
    vn_composer_set_text(c, "Cần Thơ");
    vn_composer_backspace(c);
    CHECK_STR(vn_composer_text(c), "Cần Th");
    for (int i = 0; i < 20; i++)
        vn_composer_backspace(c);
    CHECK_STR(vn_composer_text(c), "");

    /* a long text */
    vn_composer_set_text(c, "");
    for (int i = 0; i < 100; i++)
        type(c, "Hoaf ");
    type(c, "Hoafn");
    vn_composer_backspace(c);
    const char *t = vn_composer_text(c);
    CHECK(strlen(t) > 5);
    CHECK_STR(t + strlen(t) - 5, " Hòa");
    vn_composer_free(c);
}

static void check_tone_row(void)
{
    struct vn_composer *c = vn_composer_new(VN_IM_TELEX, VN_TONE_TRADITIONAL);
    type(c, "Hoa");
    vn_composer_tone(c, 2);
    CHECK_STR(vn_composer_text(c), "Hòa");
    vn_composer_tone(c, 4); /* another tone replaces it */
    CHECK_STR(vn_composer_text(c), "Hõa");
    vn_composer_tone(c, 4); /* the same tone again takes it off */
    CHECK_STR(vn_composer_text(c), "Hoa");
    vn_composer_tone(c, 2);
    type(c, "n");
    CHECK_STR(vn_composer_text(c), "Hoàn"); /* moves like a typed tone */
    vn_composer_tone(c, 0);
    CHECK_STR(vn_composer_text(c), "Hoan");
    vn_composer_backspace(c); /* deletes the n, not the tone key */
    CHECK_STR(vn_composer_text(c), "Hoa");
    type(c, " ");
    vn_composer_tone(c, 1); /* no syllable: nothing happens */
    CHECK_STR(vn_composer_text(c), "Hoa ");

    /* the tone row works the same with the input method off (on-screen keyboard) */
    vn_composer_set_method(c, VN_IM_OFF, VN_TONE_MODERN);
    vn_composer_set_text(c, "");
    type(c, "Thuy");
    vn_composer_tone(c, 3);
    CHECK_STR(vn_composer_text(c), "Thuỷ");
    type(c, "s");
    CHECK_STR(vn_composer_text(c), "Thuỷs"); /* s is a plain letter with IM off */
    vn_composer_free(c);
}

static void check_set_text(void)
{
    struct vn_composer *c = vn_composer_new(VN_IM_TELEX, VN_TONE_TRADITIONAL);
    vn_composer_set_text(c, "Nguye\xcc\x82n"); /* NFD from a spreadsheet */
    CHECK_STR(vn_composer_text(c), "Nguyên");
    type(c, "x");
    CHECK_STR(vn_composer_text(c), "Nguyễn");
    vn_composer_set_text(c, "Hoa");
    type(c, "f");
    CHECK_STR(vn_composer_text(c), "Hòa");
    /* multi-character keys (an on-screen key "ế") and junk */
    vn_composer_set_text(c, "Ti");
    vn_composer_key(c, "ế");
    vn_composer_key(c, "\xff");
    vn_composer_key(c, NULL);
    vn_composer_key(c, "\n");
    type(c, "ng");
    CHECK_STR(vn_composer_text(c), "Tiếng");
    vn_composer_free(c);
}

int main(void)
{
    check_names();
    check_doubled_keys();
    check_tone_styles();
    check_upper_case();
    check_vni();
    check_issue16();
    check_backspace();
    check_backspace_more();
    check_tone_row();
    check_set_text();
    return check_done();
}
