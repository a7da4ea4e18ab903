#!/usr/bin/env bash
# Installs the Debian 12 packages rearview needs to build, test and
# benchmark. Quick when everything is present already. Needs root (or sudo).
set -euo pipefail

packages=(
  g++ cmake ninja-build pkg-config
  libsqlite3-dev sqlite3
  libcli11-dev libtomlplusplus-dev libboost-json1.81-dev libfmt-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libxgboost-dev libcairo2-dev libpango1.0-dev
  # Mail: MIME messages, mbox and maildir files; mu, the peer of the mail benchmark.
  libgmime-3.0-dev maildir-utils
  # HTML-only mail and CRM rich text, read as text.
  libxml2-dev
  # Matching: registrable domains from the public suffix list.
  libpsl-dev
  # Calendars: iCalendar files and invitations; ICU for Windows zone ids and
  # text encodings and word breaks; Snowball's word endings for the trackers.
  # IMAP: libcurl as the client, and the server the sync tests start on loopback.
  libical-dev libicu-dev libstemmer-dev libcurl4-openssl-dev dovecot-imapd
  # The web app: Boost.Beast and Asio (headers), libsodium (argon2id password
  # hashes, random tokens); wrk and nginx for its benchmark.
  libboost1.81-dev libsodium-dev wrk nginx-light
  # Time zones: the date library, built on the system's tzdata (never downloads).
  libhowardhinnant-date-dev
  poppler-utils chromium fonts-liberation fonts-dejavu-core
  fonts-noto-core fonts-noto-cjk fonts-noto-color-emoji
  tzdata time python3 ca-certificates git
  # scripts/fuzz.sh: clang 16 is the oldest that compiles libstdc++'s <expected>.
  clang-16 libfuzzer-16-dev libclang-rt-16-dev llvm-16
)
# The browser tests: node and npm (ca-certificates lets npm reach its
# registry). A Node from elsewhere that already brings both is kept: Debian's
# npm cannot be installed beside it.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  packages+=(nodejs npm)
fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "installing: ${missing[*]}" >&2
sudo_prefix=()
if [[ $(id -u) -ne 0 ]]; then
  sudo_prefix=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_prefix[@]}" apt-get update -qq
"${sudo_prefix[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
