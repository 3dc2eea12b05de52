# Shared helpers of packaging/windows/build.sh and smoke-test.sh (sourced, not run).

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
TARGET=x86_64-pc-windows-gnu
DIST=${TIENDO_DIST:-$ROOT/dist/windows}

log() { printf '\n==> %s\n' "$*"; }
note() { printf '    %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
have() { command -v "$1" >/dev/null 2>&1; }

# apt_install PKG…: installs the Debian packages that are not installed yet.
apt_install() {
    local missing=() p
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    ((${#missing[@]})) || return 0
    have apt-get || die "missing packages (${missing[*]}) and no apt-get: install them by hand"
    local sudo=()
    if [ "$(id -u)" != 0 ]; then
        have sudo || die "missing packages (${missing[*]}): run as root or install sudo"
        sudo=(sudo)
    fi
    log "Installing Debian packages: ${missing[*]}"
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# toml_get TABLE KEY: a plain string value from Cargo.toml (enough TOML for the
# version and the [package.metadata.windows] names).
toml_get() {
    awk -v table="$1" -v key="$2" '
        /^[[:space:]]*\[/ { t = $0; gsub(/^[[:space:]]*\[|\][[:space:]]*$/, "", t); in_t = (t == table); next }
        in_t {
            line = $0; sub(/^[[:space:]]*/, "", line)
            if (index(line, key) == 1) {
                rest = substr(line, length(key) + 1)
                if (rest ~ /^[[:space:]]*=[[:space:]]*"/) {
                    sub(/^[[:space:]]*=[[:space:]]*"/, "", rest); sub(/".*$/, "", rest); print rest; exit
                }
            }
        }' "$ROOT/Cargo.toml"
}

VERSION=$(toml_get package version)
PRODUCT=$(toml_get package.metadata.windows product-name)
PUBLISHER=$(toml_get package.metadata.windows publisher)
[ -n "$VERSION" ] && [ -n "$PRODUCT" ] && [ -n "$PUBLISHER" ] \
    || die "Cargo.toml lacks the version or [package.metadata.windows] product-name/publisher"
SETUP_EXE=$DIST/TienDo-$VERSION-setup.exe
PORTABLE_ZIP=$DIST/TienDo-$VERSION-portable.zip

# size_of FILE: "12345678 bytes (12 MiB)"
size_of() {
    local b; b=$(stat -c %s "$1")
    printf '%s bytes (%s)' "$b" "$(numfmt --to=iec-i --suffix=B --format=%.1f "$b")"
}
