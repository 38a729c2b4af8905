#!/usr/bin/env bash
# Installs Frikommune.Edge on a Raspberry Pi OS (Debian) device. See README.md, "Installing on a device".
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: ./install.sh [--prefix DIR] [--no-systemd] [--uninstall [--purge]] [--help]

Publishes the gateway self-contained (linux-arm64 on a Pi, linux-x64 elsewhere) and installs:
  PREFIX/opt/frikommune-edge/frikommune-edge   the program
  PREFIX/etc/frikommune-edge/                  the configuration (only when absent: an upgrade keeps it)
  PREFIX/var/lib/frikommune-edge/              data: database, logs (mode 0700)
  /etc/systemd/system/frikommune-edge.service  the unit, enabled (unless --no-systemd)

Options:
  --prefix DIR    install under DIR instead of /
  --no-systemd    skip creating the system user and calling systemctl
  --uninstall     remove the program and the unit; keep configuration and data
  --purge         with --uninstall: also remove configuration and data
  --help          this text
USAGE
}

prefix=""; systemd=1; uninstall=0; purge=0
while [ $# -gt 0 ]; do
  case "$1" in
    --help|-h) usage; exit 0 ;;
    --prefix) prefix="${2:?--prefix needs a folder}"; shift 2 ;;
    --prefix=*) prefix="${1#--prefix=}"; shift ;;
    --no-systemd) systemd=0; shift ;;
    --uninstall) uninstall=1; shift ;;
    --purge) purge=1; shift ;;
    *) echo "install.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done

echo "install.sh: the full installer is not finished yet (issue: install on a Raspberry Pi)." >&2
exit 1
