# Shared by the power-cut tests: a long class roster of distinct Vietnamese names (none a
# namesake of a demo trainee), as a kioskctl roster import CSV.
# roster_names SOURCE_DIR COUNT: fills the arrays names (display) and folded (typed without
# accents) with COUNT names
roster_names() {
  local src=$1 count=$2 f m g name demo
  local families=("Nguyễn:nguyen" "Trần:tran" "Lê:le" "Phạm:pham" "Hoàng:hoang" "Huỳnh:huynh"
    "Phan:phan" "Võ:vo" "Đặng:dang" "Bùi:bui" "Đỗ:do" "Hồ:ho" "Ngô:ngo" "Dương:duong" "Lý:ly"
    "Châu:chau")
  local middles=("Thị:thi" "Văn:van" "Ngọc:ngoc" "Minh:minh" "Thanh:thanh" "Kim:kim" "Hữu:huu"
    "Quốc:quoc")
  local givens=("Hoa:hoa" "Lan:lan" "Bình:binh" "Tâm:tam" "Hùng:hung" "Mai:mai" "Cúc:cuc"
    "Đào:dao" "Sơn:son" "Hải:hai" "Linh:linh" "Nga:nga" "Tài:tai" "Vân:van" "Yến:yen"
    "Thủy:thuy" "Hiền:hien")
  demo=$(cut -f2 "$src/assets/demo/trainees.tsv")
  names=() folded=()
  for g in "${givens[@]}"; do
    for m in "${middles[@]}"; do
      for f in "${families[@]}"; do
        name="${f%%:*} ${m%%:*} ${g%%:*}"
        # a demo trainee's namesake would make two rows with the same name
        grep -qxF "$name" <<<"$demo" && continue
        [ ${#names[@]} -lt "$count" ] || return 0
        names+=("$name")
        folded+=("${f#*:} ${m#*:} ${g#*:}")
      done
    done
  done
}
# roster_csv FROM COUNT > FILE: names[FROM..FROM+COUNT) as a roster (heading, year, commune)
roster_csv() {
  local i
  echo "Họ và tên,Năm sinh,Xã/Phường,Huyện,Tỉnh"
  for ((i = $1; i < $1 + $2 && i < ${#names[@]}; i++)); do
    echo "${names[$i]},$((1960 + i % 40)),thị trấn Cờ Đỏ,huyện Cờ Đỏ,TP Cần Thơ"
  done
}
