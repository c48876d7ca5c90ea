/* fair_booth's province list (its strings are in strings/vi.tsv and en.tsv). */
#include "fair.h"

/* The Mekong Delta's provinces as the program's records name them (two-level addresses
 * keep the province), then the booth's other usual visitors. */
const struct fair_province fair_provinces[] = {
    {"TP Cần Thơ", "Cần Thơ"},
    {"tỉnh An Giang", "An Giang"},
    {"tỉnh Bạc Liêu", "Bạc Liêu"},
    {"tỉnh Bến Tre", "Bến Tre"},
    {"tỉnh Cà Mau", "Cà Mau"},
    {"tỉnh Đồng Tháp", "Đồng Tháp"},
    {"tỉnh Hậu Giang", "Hậu Giang"},
    {"tỉnh Kiên Giang", "Kiên Giang"},
    {"tỉnh Long An", "Long An"},
    {"tỉnh Sóc Trăng", "Sóc Trăng"},
    {"tỉnh Tiền Giang", "Tiền Giang"},
    {"tỉnh Trà Vinh", "Trà Vinh"},
    {"tỉnh Vĩnh Long", "Vĩnh Long"},
    {"TP Hồ Chí Minh", "TP Hồ Chí Minh"},
    {"khác", NULL},
};
const size_t fair_province_count = sizeof fair_provinces / sizeof fair_provinces[0];
