# Shared by tests/e2e/sync_*.test.sh (sourced): kiosk databases with test data, per-table
# checksums on kiosks and on the server, and a private PostgreSQL cluster.
# Needs BUILD and SRC set by the test.
set -euo pipefail

K=$BUILD/kioskctl
[ -x "$K" ] || { echo "FAIL: no kioskctl in '$BUILD' (build first)" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "FAIL: sqlite3 CLI missing (scripts/deps.sh scripts/packages-test.txt)" >&2; exit 1; }

WORK=$(mktemp -d /tmp/kiosk-sync-test.XXXXXX)
PG_DIR=""
cleanup() {
  local rc=$?
  if [ -n "$PG_DIR" ]; then
    "$SRC/scripts/pg-test-cluster.sh" stop "$PG_DIR" || true
    [ $rc -eq 0 ] && rm -rf "$PG_DIR"
  fi
  if [ $rc -eq 0 ]; then rm -rf "$WORK"; else echo "(files kept in $WORK)" >&2; fi
}
trap cleanup EXIT

. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
step() { echo "== [${SECONDS}s] $*"; }

# The synced tables, their columns (as sync_tables.c) and ordering key.
TABLES="events sessions people registrations consents person_merges checkins attendance_marks receipts log keys enrolments revocations seals"
declare -A COLS=(
  [events]="id kiosk_id created_at updated_at updated_by code kind title place commune district province capacity signup_open signature_required late_after_min interests extra cancelled"
  [sessions]="id kiosk_id created_at event_id number starts_at ends_at updated_at updated_by cancelled"
  [people]="id kiosk_id created_at updated_at updated_by full_name given_name name_key birth_year phone commune district province organisation org_kind extra"
  [registrations]="id kiosk_id created_at event_id person_id status source extra"
  [consents]="id kiosk_id created_at person_id purpose granted text_version"
  [attendance_marks]="id kiosk_id created_at session_id person_id mark checkin_id reason by_whom"
  [person_merges]="id kiosk_id created_at survivor_id merged_id undo reason by_whom"
  [checkins]="id kiosk_id created_at session_id person_id kind late walkin signature signature_png extra"
  [receipts]="id kiosk_id created_at kind event_id session_id person_id short_code text key_id"
  [log]="id kiosk_id created_at kind subject detail"
  [keys]="key_id public_key kiosk_id created_at"
  [enrolments]="id kiosk_id created_at key_id public_key program_key cert"
  [revocations]="id kiosk_id created_at key_id program_key sig"
  [seals]="id kiosk_id created_at key_id hashes sig"
)
key_of() { [ "$1" = keys ] && echo key_id || echo id; }

# One row a line: every column, NULL as ~, blobs as upper-case hex; md5 of the ordered rows.
row_expr() { # $1 table, $2 sqlite|pg
  local e="" c
  for c in ${COLS[$1]}; do
    [ -n "$e" ] && e="$e||'|'||"
    case "$c:$2" in
      signature:sqlite|signature_png:sqlite|hashes:sqlite) e="${e}CASE WHEN $c IS NULL THEN '~' ELSE hex($c) END" ;;
      signature:pg|signature_png:pg|hashes:pg) e="${e}coalesce(upper(encode($c,'hex')),'~')" ;;
      *:pg) e="${e}coalesce($c::text,'~')" ;;
      *) e="${e}coalesce($c,'~')" ;;
    esac
  done
  echo "$e"
}
sum_kiosk() { # $1 db, $2 table -> "count md5"
  local k; k=$(key_of "$2")
  local n; n=$(sqlite3 "$1" "SELECT count(*) FROM $2")
  echo "$n $(sqlite3 "$1" "SELECT $(row_expr "$2" sqlite) FROM $2 ORDER BY $k" | md5sum | cut -c1-32)"
}
# The server: one psql for every table (a connection costs more than the queries).
sums_server() {
  local t k args=()
  for t in $TABLES; do
    k=$(key_of "$t")
    args+=(-c "SELECT '$t ' || count(*) || ' ' || md5(coalesce(string_agg($(row_expr "$t" pg), E'\\n' ORDER BY $k COLLATE \"C\") || E'\\n', '')) FROM $t")
  done
  psql -X -At -d "$KIOSK_PG_ADMIN" "${args[@]}"
}
# All tables of one side, one line each.
sums_kiosk() { local t; for t in $TABLES; do echo "$t $(sum_kiosk "$1" "$t")"; done; }
# Fails unless every side named holds the same rows (count and checksum per table).
same_everywhere() { # kiosk dbs..., "server" for the PostgreSQL side
  local first="" ref side got
  for side in "$@"; do
    if [ "$side" = server ]; then got=$(sums_server); else got=$(sums_kiosk "$side"); fi
    if [ -z "$first" ]; then first=$side; ref=$got; continue; fi
    if [ "$got" != "$ref" ]; then
      echo "--- $first"; echo "$ref"; echo "--- $side"; echo "$got"
      fail "'$side' does not hold the same rows as '$first'"
    fi
  done
}
count() { sqlite3 "$1" "SELECT count(*) FROM $2"; }

# A new, empty kiosk database (its own kiosk id), enrolled into the test's program (one
# program key per test, made on first use): kiosks trust only their program's kiosks.
PROGRAM_KEY=$WORK/program.key
new_kiosk() {
  [ -f "$PROGRAM_KEY" ] || "$K" program-key new --out "$PROGRAM_KEY" >/dev/null 2>&1
  "$K" --db "$1" init >/dev/null 2>&1 || fail "cannot init '$1'"
  "$K" --db "$1" enrol --program-key "$PROGRAM_KEY" >/dev/null || fail "cannot enrol '$1'"
}
# A kiosk database made apart, never enrolled into the test's program.
stranger_kiosk() { "$K" --db "$1" init >/dev/null 2>&1 || fail "cannot init '$1'"; }
kid() { sqlite3 "$1" "SELECT value FROM settings WHERE key='kiosk_id'"; }
sql() { local db=$1; shift; sqlite3 -bail "$db" "PRAGMA foreign_keys=ON; $*" >/dev/null; }
rid() { head -c16 /dev/urandom | od -An -tx1 | tr -d ' \n'; }

# The program (as the coordinator's kiosk would hold it): a sewing class in Mỹ Khánh with
# three sessions, and the Đồng Tháp fair. Fixed ids: tests refer to them.
seed_program() {
  local k; k=$(kid "$1")
  sql "$1" "
    INSERT INTO events(id,kiosk_id,created_at,updated_at,updated_by,code,kind,title,place,commune,district,province,capacity)
      VALUES('e0000000000000000000000000000001','$k',1000,1000,'$k','MDN-MK',1,'May và đan dây nhựa','Nhà văn hóa xã','Mỹ Khánh','Phong Điền','Cần Thơ',30),
            ('e0000000000000000000000000000002','$k',1000,1000,'$k','HC-DT',2,'Hội chợ triển lãm sản phẩm công nghiệp nông thôn tiêu biểu khu vực phía Nam','','','','Đồng Tháp',0);
    INSERT INTO sessions(id,kiosk_id,created_at,event_id,number,starts_at,ends_at,updated_at,updated_by) VALUES
      ('50000000000000000000000000000001','$k',1000,'e0000000000000000000000000000001',1,1700000000000,1700012600000,1000,'$k'),
      ('50000000000000000000000000000002','$k',1000,'e0000000000000000000000000000001',2,1700086400000,1700099000000,1000,'$k'),
      ('50000000000000000000000000000003','$k',1000,'e0000000000000000000000000000002',1,1700000000000,1700030000000,1000,'$k');"
}
S1=50000000000000000000000000000001
S2=50000000000000000000000000000002
E1=e0000000000000000000000000000001

# N people made on this kiosk (names with accents, one in NFD, one without accents, namesakes),
# each registered for MDN-MK, checked in to session 1, with a consent and a log line.
# $3: a tag that makes this batch's ids and phones differ from another kiosk's.
seed_people() {
  local db=$1 n=$2 tag=$3 k; k=$(kid "$db")
  sql "$db" "
    WITH RECURSIVE i(x) AS (SELECT 1 UNION ALL SELECT x+1 FROM i WHERE x < $n),
    names(j, full, given, key) AS (VALUES
      (0,'Nguyễn Thị Hoa','Hoa','nguyen thi hoa'),
      (1,'Trần Văn Bình','Bình','tran van binh'),
      (2,'Lê Thị Mỹ Duyên','Duyên','le thi my duyen'),
      (3,'Nguyê' || char(0x303) || 'n Thi' || char(0x323) || ' Hoa','Hoa','nguyen thi hoa'),
      (4,'Pham Van Tuan','Tuan','pham van tuan'),
      (5,'Nguyễn Thị Hoa','Hoa','nguyen thi hoa'))
    INSERT INTO people(id,kiosk_id,created_at,updated_at,updated_by,full_name,given_name,name_key,birth_year,phone,commune,district,province,extra)
      SELECT '$tag' || printf('%028d', x), '$k', 2000+x, 2000+x, '$k', full, given, key, 1960 + x % 40,
             '+8490' || printf('%07d', x) || substr('$tag', 2), 'Mỹ Khánh', 'Phong Điền', 'Cần Thơ',
             '{\"note\":\"tab' || char(9) || 'slash\\\\ line' || char(10) || 'end\"}'
      FROM i JOIN names ON names.j = x % 6;
    INSERT INTO registrations(id,kiosk_id,created_at,event_id,person_id,status,source)
      SELECT lower(hex(randomblob(16))), '$k', 3000+rowid, '$E1', id, 1, 'kiosk' FROM people WHERE id LIKE '$tag%';
    INSERT INTO consents(id,kiosk_id,created_at,person_id,purpose,granted,text_version)
      SELECT lower(hex(randomblob(16))), '$k', 3000+rowid, id, 1, 1, 'v1' FROM people WHERE id LIKE '$tag%';
    INSERT INTO checkins(id,kiosk_id,created_at,session_id,person_id,kind,late,walkin,signature)
      SELECT lower(hex(randomblob(16))), '$k', 4000+rowid, '$S1', id, 1, rowid % 2, 0,
             CASE WHEN rowid % 3 = 0 THEN X'0001005C09000A0DFFFF' END FROM people WHERE id LIKE '$tag%';
    INSERT INTO log(id,kiosk_id,created_at,kind,subject,detail)
      SELECT lower(hex(randomblob(16))), '$k', 4000+rowid, 'checkin', id, '' FROM people WHERE id LIKE '$tag%';"
}

# A kiosk's own key id (made when it was enrolled).
own_key() { sqlite3 "$1" "SELECT key_id FROM keys WHERE own = 1"; }

# A private PostgreSQL cluster for this test (stopped by the EXIT trap).
start_server() {
  # Its own folder: $WORK is private to this user, the server runs as another.
  PG_DIR=$(mktemp -d /tmp/kiosk-sync-pg.XXXXXX)
  local env
  env=$("$SRC/scripts/pg-test-cluster.sh" start "$PG_DIR") || fail "cannot start a test PostgreSQL cluster"
  eval "$env"
}

# Receipts (the trust tests): does kiosk database $1 verify receipt text $2; a sign-up receipt
# text issued by kiosk database $1 for a new person $2 (Trần Thị Mai), by the receipt fixture.
verifies() { "$K" --db "$1" receipt verify "$2" >/dev/null 2>&1; }
receipt_on() {
  local fixture=$BUILD/tests/test_receipt_fixture k line
  [ -x "$fixture" ] || fail "no receipt fixture in '$BUILD/tests'"
  k=$(kid "$1")
  sql "$1" "INSERT INTO people(id,kiosk_id,created_at,updated_at,updated_by,full_name,given_name,name_key,birth_year,phone)
    VALUES('$2','$k',1500,1500,'$k','Trần Thị Mai','Mai','tran thi mai',1990,'+84907000001')"
  line=$("$fixture" "$1") || fail "'$1' cannot issue a receipt"
  echo "${line#*$'\t'}"
}
