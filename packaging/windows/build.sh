#!/usr/bin/env bash
# Builds the Windows release of Tiến Độ on Linux (Debian 12 or later, or Ubuntu),
# then smoke-tests it under wine:
#
#   packaging/windows/build.sh [--no-smoke-test]
#
# Produces, in dist/windows/:
#   TienDo-<version>-setup.exe      per-user installer (NSIS, Vietnamese)
#   TienDo-<version>-portable.zip   folder to run from a USB stick (data beside the exe)
#   SHA256SUMS
# Installs what is missing (Debian packages with apt-get, the Rust target with
# rustup, rustup itself when there is no Rust toolchain). Safe to run again:
# every output is rebuilt from scratch.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

smoke=1
for arg in "$@"; do
    case $arg in
        --no-smoke-test) smoke=0 ;;
        -h | --help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "unknown option: $arg (see --help)" ;;
    esac
done
cd "$ROOT"

log "Tools"
# mingw-w64: the linker, windres and the C compiler for SQLite; nsis: the installer.
apt_install ca-certificates curl gcc libc6-dev mingw-w64 nsis zip unzip
if ! have cargo && [ -x "$HOME/.cargo/bin/cargo" ]; then
    export PATH="$HOME/.cargo/bin:$PATH"
fi
if ! have cargo; then
    log "Installing Rust with rustup (no cargo found)"
    curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal
    export PATH="$HOME/.cargo/bin:$PATH"
fi
if have rustup && ! rustup target list --installed | grep -qx "$TARGET"; then
    rustup target add "$TARGET"
fi
note "$(cargo --version), $(x86_64-w64-mingw32-gcc --version | head -1), makensis $(makensis -VERSION)"

log "Building tiendo.exe ($TARGET, release)"
cargo build --release --locked --target "$TARGET"
target_dir=$(cargo metadata --format-version 1 --no-deps | grep -o '"target_directory":"[^"]*"' | cut -d'"' -f4)
built_exe=$target_dir/$TARGET/release/tiendo.exe
[ -f "$built_exe" ] || die "no $built_exe after the build"

log "Staging"
work=$DIST/build
rm -rf "$work"
mkdir -p "$work"
rm -f "$SETUP_EXE" "$PORTABLE_ZIP" "$DIST/SHA256SUMS"
# The symbol table is of no use to users; icon, manifest and version info stay.
x86_64-w64-mingw32-strip -o "$work/tiendo.exe" "$built_exe"
x86_64-w64-mingw32-objdump -h "$work/tiendo.exe" | grep -q '\.rsrc' || die "tiendo.exe has no resources (icon, manifest, version): see build.rs"
note "tiendo.exe: $(size_of "$work/tiendo.exe")"

log "Installer"
IFS=. read -r major minor patch <<<"${VERSION%%[-+]*}"
# Written as UTF-8 so that Vietnamese names reach NSIS intact (not through argv).
cat >"$work/product.nsh" <<EOF
!define VERSION "$VERSION"
!define VERSION4 "$major.$minor.$patch.0"
!define VERSION_MAJOR $major
!define VERSION_MINOR $minor
!define PRODUCT "$PRODUCT"
!define PUBLISHER "$PUBLISHER"
!define EXE "$work/tiendo.exe"
!define ICON "$ROOT/assets/icon/tiendo.ico"
!define OUTFILE "$SETUP_EXE"
EOF
makensis -V2 -INPUTCHARSET UTF8 -DPRODUCT_NSH="$work/product.nsh" "$ROOT/packaging/windows/installer.nsi"
note "$(basename "$SETUP_EXE"): $(size_of "$SETUP_EXE")"

log "Portable zip"
folder=TienDo-$VERSION-portable
mkdir -p "$work/$folder/tiendo-data"
cp "$work/tiendo.exe" "$work/$folder/"
# The marker that switches on portable mode, and the guide; CRLF for Notepad.
sed 's/$/\r/' "$ROOT/packaging/windows/portable.txt" >"$work/$folder/portable.txt"
(cd "$work" && TZ=UTC zip -q -r -X -9 "$PORTABLE_ZIP" "$folder")
note "$(basename "$PORTABLE_ZIP"): $(size_of "$PORTABLE_ZIP")"

(cd "$DIST" && sha256sum "$(basename "$SETUP_EXE")" "$(basename "$PORTABLE_ZIP")" >SHA256SUMS)

if [ "$smoke" = 1 ]; then
    "$ROOT/packaging/windows/smoke-test.sh"
fi

log "Done"
note "tiendo.exe  $(size_of "$work/tiendo.exe")"
note "installer   $(size_of "$SETUP_EXE")  $SETUP_EXE"
note "portable    $(size_of "$PORTABLE_ZIP")  $PORTABLE_ZIP"
