#!/usr/bin/env bash
# Remakes src/main/resources/fonts/NotoSansSC-Subset.ttf, the CJK font mnist-lab falls back to when no
# installed font can draw a title: Noto Sans SC Regular (SIL Open Font License 1.1, from the npm package
# @expo-google-fonts/noto-sans-sc) cut down to GB2312's hanzi, JIS X 0208's kanji and kana, Latin and
# CJK punctuation (3.6 MB instead of 10.6 MB). Needs npm and Debian's python3-fonttools.
set -euo pipefail
out="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/src/main/resources/fonts"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent @expo-google-fonts/noto-sans-sc@0.4.3 >/dev/null
tar xzf expo-google-fonts-noto-sans-sc-0.4.3.tgz package/400Regular/NotoSansSC_400Regular.ttf package/LICENSE_FONT
/usr/bin/python3 - <<'PY'
chars = set()
for codec in ("gb2312", "euc_jp"):
    for hi in range(0xA1, 0xFF):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode(codec))
            except UnicodeDecodeError:
                pass
for a, b in [(0x20, 0x7E), (0xA0, 0xFF), (0x2000, 0x206F), (0x3000, 0x30FF), (0xFF00, 0xFFEF)]:
    chars.update(chr(c) for c in range(a, b + 1))
open("chars.txt", "w", encoding="utf-8").write("".join(sorted(chars)))
PY
/usr/bin/python3 -m fontTools.subset package/400Regular/NotoSansSC_400Regular.ttf --text-file=chars.txt \
  --output-file="$out/NotoSansSC-Subset.ttf" --layout-features='*' --no-hinting
cp package/LICENSE_FONT "$out/OFL.txt"
ls -l "$out"
