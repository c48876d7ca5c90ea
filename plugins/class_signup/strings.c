/* class_signup's strings: Vietnamese first, then English. */
#include "signup.h"

const struct kiosk_string signup_strings[] = {
    KIT_STRINGS,
    {"signup.tile", "Đăng ký lớp học", "Sign up for a class"},
    {"signup.tile.detail", "Chọn lớp, điền thông tin, nhận biên nhận",
     "Choose a class, sign up, get a receipt"},
    {"signup.list_hint", "Chọn lớp bạn muốn học", "Choose the class you want to join"},
    {"signup.none_open", "Hiện chưa có lớp nào mở đăng ký.", "No class is open for sign-up now."},
    {"signup.closed", "Lớp này vừa đóng đăng ký. Bạn chưa được ghi tên; hãy hỏi cán bộ của lớp.",
     "Sign-up for this class has just closed. You are not signed up; please ask the class's "
     "staff."},
    {"signup.dates", "{1} – {2}", "{1} – {2}"},
    {"signup.seats_left", "còn {1} chỗ", "{1} seats left"},
    {"signup.seats_full", "hết chỗ, nhận danh sách chờ", "full: waiting list"},
    {"signup.step_person", "Bước 1/4: Thông tin của bạn", "Step 1 of 4: about you"},
    {"signup.step_place", "Bước 2/4: Bạn ở xã, phường nào?", "Step 2 of 4: your commune?"},
    {"signup.step_org", "Bước 3/4: Bạn có hộ kinh doanh hoặc hợp tác xã không?",
     "Step 3 of 4: do you run a household business or a cooperative?"},
    {"signup.step_consent", "Bước 4/4: Sự đồng ý của bạn", "Step 4 of 4: your consent"},
    {"signup.name", "Họ và tên", "Full name"},
    {"signup.phone", "Số điện thoại {1}", "Phone number {1}"},
    {"signup.year", "Năm sinh", "Year of birth"},
    {"signup.commune", "Hoặc gõ tên xã, phường (không cần dấu)",
     "Or type your commune (accents optional)"},
    {"signup.err.commune", "Vui lòng chọn hoặc gõ tên xã, phường của bạn",
     "Please pick or type your commune"},
    {"signup.org_none", "Không có", "None"},
    {"signup.org_household", "Hộ kinh doanh", "Household business"},
    {"signup.org_coop", "Hợp tác xã", "Cooperative"},
    {"signup.org_name", "Tên hộ kinh doanh, hợp tác xã {1}", "Name of the business {1}"},
    {"signup.consent_intro",
     "Liên hệ là tùy bạn: đánh dấu nếu bạn đồng ý. Không đánh dấu vẫn được đăng ký.",
     "Being contacted is up to you: tick if you agree. You are signed up either way."},
    {"signup.attendance_notice",
     "Điểm danh: trung tâm lưu họ tên, năm sinh, xã/phường và các buổi bạn có mặt để báo cáo kinh "
     "phí khuyến công (nghĩa vụ báo cáo của chương trình, Nghị định 13/2023), trong 5 năm. Không "
     "cần đánh dấu.",
     "Attendance: the centre keeps your name, year of birth, commune and the sessions you attend "
     "for the industrial-promotion funding report (the programme's reporting duty, Decree "
     "13/2023), for 5 years. Nothing to tick."},
    {"signup.consent_contact", "Tôi đồng ý được liên hệ về các lớp học sau này",
     "I agree to be contacted about later classes"},
    {"signup.submit", "Đăng ký", "Sign up"},
    {"signup.waitlist_pos", "Lớp đã đủ chỗ: bạn ở vị trí số {1} trong danh sách chờ.",
     "The class is full: you are number {1} on the waiting list."},
    {"signup.waitlist", "Lớp đã đủ chỗ: bạn có tên trong danh sách chờ.",
     "The class is full: you are on the waiting list."},
    {"signup.already", "Bạn đã đăng ký lớp này. Đây là biên nhận của bạn.",
     "You have already signed up for this class. Here is your receipt."},
    {NULL, NULL, NULL},
};
