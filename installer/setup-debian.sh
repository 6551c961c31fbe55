#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs the Debian 12 packages that building, the demo and the tests need.
# Idempotent: when everything is already installed it prints one line and touches nothing.
set -euo pipefail

PACKAGES=(
    # toolchain
    g++ cmake ninja-build ccache pkg-config git
    # libraries
    qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libgl-dev
    libpoco-dev libpq-dev libssl-dev libsqlite3-dev nlohmann-json3-dev libzxing-dev libpcsclite-dev
    # reception client camera QR input: Qt Multimedia (its GStreamer backend finds cameras through v4l2src)
    qt6-multimedia-dev gstreamer1.0-plugins-good
    # runtime services for the demo and the tests
    openssl sqlite3 pcscd vsmartcard-vpcd postgresql nginx
    # GUI tests and screenshots: a virtual display, Japanese fonts, image tools
    xvfb xauth x11-apps imagemagick fonts-noto-cjk
)

missing=()
for pkg in "${PACKAGES[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$pkg")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    echo "setup: all ${#PACKAGES[@]} Debian packages present"
    exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "setup: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# Debian starts these services on install; the demo and the tests run their own instances.
for svc in pcscd nginx postgresql; do
    $SUDO systemctl disable --now "$svc" >/dev/null 2>&1 || true
done
echo "setup: done"
