# Sourced by deploy/install-system-deps.sh and deploy/install-java.sh: apt_install TAG SKIP_NOTE PACKAGE...
# installs the packages quietly when root with apt-get; otherwise prints one line saying what is
# missing and returns 0, so the tests that need them skip (naming them) rather than fail here.
apt_install() {
  local tag=$1 skip_note=$2
  shift 2
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    echo "$tag: not installed (needs root and apt-get): $*; $skip_note"
    return 0
  fi
  echo "$tag: installing $*"
  export DEBIAN_FRONTEND=noninteractive
  local log
  log=$(mktemp)
  if ! { apt-get update -qq && apt-get install -y -qq "$@"; } >"$log" 2>&1; then
    tail -20 "$log" >&2
    rm -f "$log"
    echo "$tag: apt-get failed installing $*" >&2
    return 1
  fi
  rm -f "$log"
}
