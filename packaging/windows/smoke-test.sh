#!/usr/bin/env bash
# Smoke test of the Windows release under wine, in a fresh throw-away prefix:
#
#   packaging/windows/smoke-test.sh [SETUP.exe [PORTABLE.zip]]
#
# (build.sh runs it; the defaults are the files build.sh makes in dist/windows/.)
# 1. the installer refuses Windows 7, then installs silently as Windows 10:
#    files, Start-menu shortcut "Tiến Độ CCHC", Programs and Features entry;
#    the installed exe is GUI-subsystem with icon, manifest and version info;
# 2. the installed tiendo.exe on the command line: --version, plan show,
#    unit set, task set, evidence add, tasks --unit, export of a signed
#    bundle, and verify of it by a district office's installation that
#    trusted the unit's key card; a passphrase on the key (from a file saved
#    as Notepad does), an export refused without it and made with it, the
#    district's merge and its Excel matrix; the Vietnamese text checked byte
#    for byte;
# 3. the portable zip keeps its database beside the exe;
# 4. the window (--demo, ICED_BACKEND=tiny-skia) under Xvfb: a screenshot,
#    read back with OCR, must show the dashboard;
# 5. silent uninstall removes the program and keeps the data.
# Logs, outputs and the screenshot go to dist/windows/smoke/. KEEP_PREFIX=1
# keeps the wine prefix for a look afterwards.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

setup=$(realpath "${1:-$SETUP_EXE}")
portable_zip=$(realpath "${2:-$PORTABLE_ZIP}")
[ -f "$setup" ] || die "no installer at $setup (run packaging/windows/build.sh)"
[ -f "$portable_zip" ] || die "no portable zip at $portable_zip"

log "Smoke test under wine: $(basename "$setup"), $(basename "$portable_zip")"
apt_install bsdutils wine wine64 xvfb xauth imagemagick tesseract-ocr tesseract-ocr-eng tesseract-ocr-vie \
    mingw-w64 unzip icoutils

out=$DIST/smoke
rm -rf "$out"
mkdir -p "$out"
tmp=$(mktemp -d /tmp/tiendo-smoke.XXXXXX)
export WINEPREFIX=$tmp/prefix
export WINEARCH=win64 WINEDEBUG=-all
# No Mono/Gecko download prompts, no menu entries on this Linux desktop, and
# the ProcessPrng stub (below) before wine's own DLLs.
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d;bcryptprimitives=n,b"
# wine turns command-line arguments into UTF-16 with the Unix locale: UTF-8.
export LANG=C.UTF-8 LC_ALL=C.UTF-8
# wine links the prefix's Desktop and Documents to $HOME: keep them in $tmp.
export HOME=$tmp/home
mkdir -p "$HOME"
unset TIENDO_DATA_DIR TIENDO_LANG TIENDO_USER ICED_BACKEND
export TIENDO_TODAY=2023-05-15

xvfb_pid=
cleanup() {
    wineserver -k 2>/dev/null || true
    [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
    if [ "${KEEP_PREFIX:-0}" = 1 ]; then echo "wine prefix kept: $WINEPREFIX"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT

# A display of our own for the installer, wine and the window.
n=90
while [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ]; do n=$((n + 1)); done
Xvfb ":$n" -screen 0 1366x768x24 -nolisten tcp >"$out/xvfb.log" 2>&1 &
xvfb_pid=$!
export DISPLAY=:$n
sleep 1

failures=0
ok() { printf '  ok    %s\n' "$*"; }
bad() { printf '  FAIL  %s\n' "$*"; failures=$((failures + 1)); }
check() { # check DESCRIPTION COMMAND…
    local what=$1; shift
    if "$@"; then ok "$what"; else bad "$what"; fi
}
# has FILE TEXT: FILE contains TEXT exactly (UTF-8 bytes as given here).
has() { grep -qF -- "$2" "$1"; }
clean_utf8() { # valid UTF-8, no replacement characters, no mojibake of Vietnamese letters
    iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1 && ! grep -qP '\x{FFFD}|Ã|Ä|Æ°' "$1"
}
wine_t() { # wine_t SECONDS ARGS…: wine with a time limit, without the note about a missing 32-bit wine
    local limit=$1; shift
    timeout "$limit" wine "$@" 2> >(grep -v -e 'wine32 is missing' -e 'multiarch needs' \
        -e 'dpkg --add-architecture' -e 'apt-get install wine32' >&2)
}

log "Wine prefix"
wine_t 300 wineboot --init >"$out/wineboot.log" 2>&1 || true
wineserver -w
wine --version | sed 's/^/    /'
# TEST ENVIRONMENT ONLY: wine 8 lacks ProcessPrng, which Rust's std imports from
# bcryptprimitives.dll; real Windows 10/11 has it. See wine-shim/bcryptprimitives.c.
x86_64-w64-mingw32-gcc -O2 -s -shared -o "$tmp/bcryptprimitives.dll" \
    "$ROOT/packaging/windows/wine-shim/bcryptprimitives.c" -ladvapi32
cp "$tmp/bcryptprimitives.dll" "$WINEPREFIX/drive_c/windows/system32/"
win_user=$(ls "$WINEPREFIX/drive_c/users" | grep -vx Public | head -1)
users_dir=$WINEPREFIX/drive_c/users/$win_user
note "prefix $WINEPREFIX, Windows user $win_user, display $DISPLAY"

log "1. Installer"
set +e
wine reg add 'HKCU\Software\Wine' /v Version /t REG_SZ /d win7 /f >/dev/null 2>&1
wine_t 120 "$setup" /S >"$out/install-win7.log" 2>&1
rc=$?
wineserver -w
check "refuses Windows 7 (exit code $rc)" test "$rc" -ne 0 -a ! -e "$users_dir/AppData/Local/Programs/TienDo/tiendo.exe"
wine reg add 'HKCU\Software\Wine' /v Version /t REG_SZ /d win10 /f >/dev/null 2>&1
wine_t 300 "$setup" /S >"$out/install.log" 2>&1
rc=$?
wineserver -w
set -e
inst_dir=$users_dir/AppData/Local/Programs/TienDo
inst_exe_win="C:\\users\\$win_user\\AppData\\Local\\Programs\\TienDo\\tiendo.exe"
check "silent install as Windows 10 (exit code $rc)" test "$rc" -eq 0
check "tiendo.exe and uninstall.exe in %LOCALAPPDATA%\\Programs\\TienDo" \
    test -f "$inst_dir/tiendo.exe" -a -f "$inst_dir/uninstall.exe"
check "Start-menu shortcut \"$PRODUCT.lnk\"" \
    test -f "$users_dir/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/$PRODUCT.lnk"
check "desktop shortcut \"$PRODUCT.lnk\"" test -f "$HOME/$PRODUCT.lnk"
wine reg export 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\TienDo' "$tmp/uninst.reg" /y >/dev/null 2>&1 || true
iconv -f UTF-16 -t UTF-8 "$tmp/uninst.reg" 2>/dev/null | tr -d '\r' >"$out/uninstall-key.reg" || true
check "Programs and Features: DisplayName \"$PRODUCT\"" has "$out/uninstall-key.reg" "\"DisplayName\"=\"$PRODUCT\""
check "Programs and Features: Publisher \"$PUBLISHER\"" has "$out/uninstall-key.reg" "\"Publisher\"=\"$PUBLISHER\""
check "Programs and Features: DisplayVersion \"$VERSION\"" has "$out/uninstall-key.reg" "\"DisplayVersion\"=\"$VERSION\""
check "Programs and Features: UninstallString" has "$out/uninstall-key.reg" 'uninstall.exe\"'

exe=$inst_dir/tiendo.exe
check "tiendo.exe is a GUI-subsystem program (no console window)" \
    sh -c "x86_64-w64-mingw32-objdump -p '$exe' | grep -q '^Subsystem.*Windows GUI'"
wrestool -x --type=14 "$exe" >"$tmp/icon.ico" 2>/dev/null || true
check "tiendo.exe has the icon (16 to 256 px)" \
    sh -c "icotool -l '$tmp/icon.ico' | grep -q 'width=16 ' && icotool -l '$tmp/icon.ico' | grep -q 'width=256 '"
wrestool -x --raw --type=24 "$exe" >"$out/manifest.xml" 2>/dev/null || true
check "tiendo.exe has a manifest: per-monitor DPI awareness v2, asInvoker" \
    sh -c "grep -q 'PerMonitorV2' '$out/manifest.xml' && grep -q 'asInvoker' '$out/manifest.xml'"
# The version resource is UTF-16: read it as text.
wrestool -x --raw --type=16 "$exe" 2>/dev/null | iconv -f UTF-16LE -t UTF-8 -c | tr -d '\000' \
    | tr -s '\001-\037' ' ' >"$out/version-info.txt" || true
check "tiendo.exe has version info: ProductName \"$PRODUCT\", CompanyName \"$PUBLISHER\", $VERSION" \
    sh -c "grep -qF 'ProductName$PRODUCT' '$out/version-info.txt' && grep -qF 'CompanyName$PUBLISHER' '$out/version-info.txt' \
        && grep -qF 'FileVersion$VERSION' '$out/version-info.txt'"

log "2. Command line of the installed tiendo.exe (per-user data folder)"
cli() { # cli NAME ARGS…: runs the installed exe; stdout to NAME.out, stderr to NAME.err
    local name=$1; shift
    set +e
    wine_t 120 "$inst_exe_win" "$@" >"$out/$name.out" 2>"$out/$name.err"
    local rc=$?
    set -e
    printf '    $ tiendo %s   (exit %s)\n' "$*" "$rc"
    sed -n '1,3s/^/      | /p' "$out/$name.out"
    return "$rc"
}
smoke_dir="$WINEPREFIX/drive_c/tiendo-smoke"
mkdir -p "$smoke_dir"
# An evidence file with a Vietnamese name, as offices name them.
printf 'Biên bản họp triển khai chuyên mục CCHC.\r\n' >"$smoke_dir/Biên bản họp.txt"

check "--version prints \"tiendo $VERSION\"" cli version --version
check "  … exactly" has "$out/version.out" "tiendo $VERSION"
check "plan show" cli plan-show plan show
check "  … the plan's Vietnamese title, intact" has "$out/plan-show.out" \
    "221/QĐ-UBND — Kế hoạch thực hiện công tác cải cách hành chính năm 2023 trên địa bàn huyện Củ Chi (13/01/2023)"
check "  … clean UTF-8" clean_utf8 "$out/plan-show.out"
check "unit set X-ANT" cli unit-set unit set X-ANT
check "  … \"Máy này là đơn vị X-ANT — Xã An Nhơn Tây.\"" has "$out/unit-set.out" "Máy này là đơn vị X-ANT — Xã An Nhơn Tây."
check "task set with a Vietnamese status and note (argv in UTF-16)" \
    cli task-set task set 1.4 --status "đang thực hiện" --progress 40 --note "Đã lập chuyên mục CCHC trên Trang thông tin điện tử xã"
check "evidence add of \"Biên bản họp.txt\"" cli evidence-add evidence add 1.4 'C:\tiendo-smoke\Biên bản họp.txt' --type "khác" --number "01/BB-UBND"
check "tasks --unit X-ANT" cli tasks tasks --unit X-ANT
check "  … \"Xã An Nhơn Tây: 38 nhiệm vụ\"" has "$out/tasks.out" "Xã An Nhơn Tây: 38 nhiệm vụ"
check "  … task 1.4 \"Đang thực hiện\" at 40%" grep -qE '^1\.4 .*Đang thực hiện +40%' "$out/tasks.out"
check "  … clean UTF-8" clean_utf8 "$out/tasks.out"
check "task show 1.4 keeps the note" cli task-show task show 1.4
check "  … \"Đã lập chuyên mục CCHC trên Trang thông tin điện tử xã\"" has "$out/task-show.out" \
    "Đã lập chuyên mục CCHC trên Trang thông tin điện tử xã"
check "export --period 2023Q2" cli export export --period 2023Q2 --out 'C:\tiendo-smoke\X-ANT-2023Q2.zip'
check "  … \"Đã xuất gói\" and the file exists" \
    test -s "$smoke_dir/X-ANT-2023Q2.zip" -a -n "$(grep -F 'Đã xuất gói' "$out/export.out")"
check "keys export-card (the unit's public key card)" cli key-card keys export-card --out 'C:\tiendo-smoke\X-ANT.pub'
# The district office: another data folder, with a Vietnamese name, trusts the card.
district='C:\Phòng Nội vụ'
check "district office: keys trust of the card" cli district-trust --data-dir "$district" keys trust 'C:\tiendo-smoke\X-ANT.pub'
check "  … \"Đã tin cậy khóa\"" has "$out/district-trust.out" "Đã tin cậy khóa"
check "district office: verify of the bundle" cli verify --data-dir "$district" verify 'C:\tiendo-smoke\X-ANT-2023Q2.zip'
check "  … \"HỢP LỆ: gói của X-ANT Xã An Nhơn Tây, kỳ 2023Q2\"" has "$out/verify.out" "HỢP LỆ: gói của X-ANT Xã An Nhơn Tây, kỳ 2023Q2"
check "  … the bundle carries the evidence under its UTF-8 name" \
    grep -qaF 'Biên bản họp.txt' "$smoke_dir/X-ANT-2023Q2.zip"
# A passphrase on the signing key, in a file as Notepad saves it (BOM, CR LF):
# the key files are rewritten in place (rename over an existing file).
printf '\357\273\277mật khẩu xã An Nhơn Tây\r\n' >"$smoke_dir/matkhau.txt"
check "keys protect --new-passphrase-file (Notepad's UTF-8 with BOM, CR LF)" \
    cli keys-protect keys protect --new-passphrase-file 'C:\tiendo-smoke\matkhau.txt'
check "  … \"Đã đặt mật khẩu cho khóa ký\"" has "$out/keys-protect.out" "Đã đặt mật khẩu cho khóa ký"
check "export without the passphrase is refused, nothing written" sh -c \
    "! timeout 60 wine '$inst_exe_win' export --period 2023Q3 --out 'C:\\tiendo-smoke\\q3.zip' >/dev/null 2>'$out/locked.err'; \
     grep -qF 'khóa ký đang được bảo vệ bằng mật khẩu' '$out/locked.err' && test ! -e '$smoke_dir/q3.zip'"
check "export with --passphrase-file" \
    cli export-q3 --passphrase-file 'C:\tiendo-smoke\matkhau.txt' export --period 2023Q3 --out 'C:\tiendo-smoke\X-ANT-2023Q3.zip'
check "district office: merge of both bundles" \
    cli merge --data-dir "$district" merge 'C:\tiendo-smoke\X-ANT-2023Q2.zip' 'C:\tiendo-smoke\X-ANT-2023Q3.zip'
check "  … both merged" sh -c "test \$(grep -cF 'đã hợp nhất' '$out/merge.out') = 2"
check "district office: matrix --out as an Excel workbook" \
    cli matrix --data-dir "$district" matrix --period 2023Q2 --out 'C:\tiendo-smoke\ma-tran.xlsx'
check "  … a zip (PK) holding the status sheet" sh -c \
    "head -c 2 '$smoke_dir/ma-tran.xlsx' | grep -q PK && unzip -p '$smoke_dir/ma-tran.xlsx' xl/worksheets/sheet1.xml | grep -qF 'Xã An Nhơn Tây'"
# Run from cmd.exe, output into its console (wine's console on a pseudo-terminal
# here): the UTF-8 text must survive the console. (Real Windows gives a
# GUI-subsystem program no console handles, which is why src/main.rs attaches
# to the parent's console; wine hands them over anyway, so this does not tell
# whether the attach itself works.)
script -qec "wine cmd /c start /wait /b '$inst_exe_win' unit set X-ANT" /dev/null >"$out/console.out" 2>&1 || true
check "run from cmd.exe's console: \"Máy này là đơn vị X-ANT — Xã An Nhơn Tây.\" appears there" \
    has "$out/console.out" "Máy này là đơn vị X-ANT — Xã An Nhơn Tây."
check "an unknown command fails with a Vietnamese message on stderr" \
    sh -c "! timeout 60 wine '$inst_exe_win' khong-co >/dev/null 2>'$out/unknown.err'; grep -qF 'không có lệnh' '$out/unknown.err'"
check "the data is in %APPDATA%\\TienDo\\TienDo\\data" test -s "$users_dir/AppData/Roaming/TienDo/TienDo/data/tiendo.sqlite3"
check "nothing written beside the installed exe" test ! -e "$inst_dir/tiendo-data"
check "automatic daily backup made (no warning on stderr)" sh -c \
    "ls '$users_dir/AppData/Roaming/TienDo/TienDo/data/backups/'tiendo-*-auto.sqlite3 >/dev/null 2>&1 && ! grep -lF 'sao lưu tự động' '$out'/*.err"

log "3. Portable zip"
usb="$WINEPREFIX/drive_c/USB Tiến Độ"
mkdir -p "$usb"
unzip -q "$portable_zip" -d "$usb"
pdir=$(find "$usb" -maxdepth 1 -mindepth 1 -type d | head -1)
pexe_win="C:\\USB Tiến Độ\\$(basename "$pdir")\\tiendo.exe"
check "zip holds tiendo.exe, portable.txt and tiendo-data/" \
    test -f "$pdir/tiendo.exe" -a -f "$pdir/portable.txt" -a -d "$pdir/tiendo-data"
set +e
wine_t 120 "$pexe_win" unit set X-AP >"$out/portable-unit.out" 2>"$out/portable-unit.err"
rc=$?
wine_t 120 "$pexe_win" tasks >"$out/portable-tasks.out" 2>"$out/portable-tasks.err"
set -e
sed -n '1p' "$out/portable-unit.out" | sed 's/^/      | /'
check "portable run from a folder with a Vietnamese name (exit code $rc)" test "$rc" -eq 0
check "  … its database is beside the exe (tiendo-data\\tiendo.sqlite3)" test -s "$pdir/tiendo-data/tiendo.sqlite3"
check "  … and separate from the installed one (unit X-AP here, X-ANT in the installed one)" \
    sh -c "grep -qF 'X-AP' '$out/portable-unit.out' && ! grep -qF 'An Nhơn Tây' '$out/portable-tasks.out'"

log "4. Window (--demo, software renderer) under Xvfb"
# The dashboard's own words (locales/vi.ftl) and the demo commune.
needles=("Tổng số" "Cần chú ý" "Xã An Nhơn Tây")
fold() { iconv -f UTF-8 -t ASCII//TRANSLIT | tr '[:upper:]' '[:lower:]' | tr -s ' \n' ' '; }
ICED_BACKEND=tiny-skia timeout 300 wine "$inst_exe_win" --demo >"$out/gui.log" 2>&1 &
gui_pid=$!
found=0
for _ in $(seq 1 40); do
    sleep 3
    kill -0 "$gui_pid" 2>/dev/null || break
    import -window root "$out/window.png" 2>/dev/null || continue
    tesseract "$out/window.png" "$out/window-ocr" -l vie+eng >/dev/null 2>&1 || continue
    text=$(fold <"$out/window-ocr.txt")
    found=0
    for w in "${needles[@]}"; do
        case $text in *"$(printf %s "$w" | fold)"*) found=$((found + 1)) ;; esac
    done
    [ "$found" -eq "${#needles[@]}" ] && break
done
check "the window stays open (no crash)" kill -0 "$gui_pid"
check "the screenshot shows the dashboard: ${needles[*]} ($found of ${#needles[@]} read back by OCR)" \
    test "$found" -eq "${#needles[@]}"
exact=0
for w in "${needles[@]}"; do has "$out/window-ocr.txt" "$w" && exact=$((exact + 1)); done
note "OCR read $exact of ${#needles[@]} with every diacritic; screenshot: $out/window.png"
check "no panic in the window's log" sh -c "! grep -qi 'panicked' '$out/gui.log'"
wineserver -k 2>/dev/null || true
wait "$gui_pid" 2>/dev/null || true

log "5. Uninstall"
set +e
wine_t 120 "C:\\users\\$win_user\\AppData\\Local\\Programs\\TienDo\\uninstall.exe" /S >"$out/uninstall.log" 2>&1
rc=$?
wineserver -w
set -e
check "silent uninstall (exit code $rc)" test "$rc" -eq 0
check "program folder and shortcuts removed" test ! -e "$inst_dir/tiendo.exe" -a ! -e "$inst_dir" \
    -a ! -e "$users_dir/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/$PRODUCT.lnk" -a ! -e "$HOME/$PRODUCT.lnk"
check "Programs and Features entry removed" \
    sh -c "! wine reg query 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\TienDo' >/dev/null 2>&1"
check "the data is kept" test -s "$users_dir/AppData/Roaming/TienDo/TienDo/data/tiendo.sqlite3"

echo
if [ "$failures" -eq 0 ]; then
    echo "SMOKE TEST PASSED (outputs in $out)"
else
    echo "SMOKE TEST FAILED: $failures check(s) (outputs in $out)"
    exit 1
fi
