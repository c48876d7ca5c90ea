#!/usr/bin/env bash
# A plugin's string tables (plugins/*/strings/{vi,en}.tsv) become its C table at build time
# (strings_embed): texts arrive unchanged (quotes, escapes, Vietnamese), and a key missing a
# language, a key twice or a line without a tab fails the build with FILE:LINE.
set -u
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
build=$1 src=$2
tool=$build/kiosk_strings_embed
[ -x "$tool" ] || fail "no $tool"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/kit" "$tmp/p"
printf 'kit.back\tQuay lại\n' >"$tmp/kit/vi.tsv"
printf 'kit.back\tBack\n' >"$tmp/kit/en.tsv"
printf '# a comment\nx.quote\tBấm "Tiếp tục"\\nrồi chờ\nx.path\tC:\\\\tmp\\q\n' >"$tmp/p/vi.tsv"
printf 'x.quote\tTap "Next"\\tthen wait\nx.path\tC:\\\\tmp\\q\n' >"$tmp/p/en.tsv"
if "$tool" t_strings "$tmp/t.c" "$tmp/kit" "$tmp/p" 2>"$tmp/err"; then ok; else fail "good tables refused: $(cat "$tmp/err")"; fi
cat >"$tmp/main.c" <<'C'
#include <stdio.h>
#include <kiosk/plugin.h>
extern const struct kiosk_string t_strings[];
int main(void)
{
    for (const struct kiosk_string *s = t_strings; s->key; s++)
        printf("%s|%s|%s\n", s->key, s->vi, s->en);
    return 0;
}
C
cc -std=c17 -I"$src/kiosk/include" -o "$tmp/main" "$tmp/main.c" "$tmp/t.c" || fail "the table does not compile"
"$tmp/main" >"$tmp/out"
printf 'kit.back|Quay lại|Back\nx.quote|Bấm "Tiếp tục"\nrồi chờ|Tap "Next"\tthen wait\nx.path|C:\\tmp\\q|C:\\tmp\\q\n' >"$tmp/want"
if cmp -s "$tmp/want" "$tmp/out"; then ok; else bad "texts changed: $(diff "$tmp/want" "$tmp/out")"; fi
refused() { # what-it-is expected-message
  if "$tool" t "$tmp/bad.c" "$tmp/kit" "$tmp/p" 2>"$tmp/err"; then
    bad "$1 accepted"
  elif grep -q "$2" "$tmp/err"; then ok; else bad "$1: said '$(cat "$tmp/err")'"; fi
}
printf 'x.only\tChỉ tiếng Việt\n' >"$tmp/p/vi.tsv"
printf '' >"$tmp/p/en.tsv"
refused "a key without English" "vi.tsv: 'x.only' has no English\|'x.only' has no English"
printf 'x.a\tA\n' >"$tmp/p/vi.tsv"
printf 'x.a\tA\nx.b\tB\n' >"$tmp/p/en.tsv"
refused "a key without Vietnamese" "en.tsv:2: 'x.b' has no Vietnamese"
printf 'x.a\tA\nkit.back\tLại\n' >"$tmp/p/vi.tsv"
printf 'x.a\tA\n' >"$tmp/p/en.tsv"
refused "a key twice" "vi.tsv:2: 'kit.back' is defined twice"
printf 'x.a A\n' >"$tmp/p/vi.tsv"
refused "a line without a tab" "vi.tsv:1: expected"
finish_tests
