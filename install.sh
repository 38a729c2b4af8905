#!/usr/bin/env bash
# Installs Frikommune.Edge on a Raspberry Pi OS (Debian) device. See README.md, "Installing on a device".
# Safe to run again: an upgrade replaces the program and the unit, and keeps configuration and data.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: ./install.sh [--prefix DIR] [--no-systemd] [--runtime RID] [--from DIR] [--uninstall [--purge]] [--help]

Publishes the gateway self-contained (linux-arm64 on a Pi, linux-x64 elsewhere) and installs:
  PREFIX/opt/frikommune-edge/frikommune-edge   the program
  PREFIX/etc/frikommune-edge/                  the configuration (only when absent: an upgrade keeps it)
  PREFIX/var/lib/frikommune-edge/              data: database, logs (mode 0700)
  /etc/systemd/system/frikommune-edge.service  the unit, enabled (unless --no-systemd)

Options:
  --prefix DIR    install under DIR instead of / (the unit, if any, goes to DIR/etc/systemd/system, not enabled)
  --no-systemd    skip creating the system user and calling systemctl (works as a normal user with --prefix)
  --runtime RID   publish for RID (linux-arm64, linux-x64, ...) instead of this machine's
  --from DIR      install an already published folder instead of publishing (no .NET SDK needed)
  --uninstall     remove the program and the unit; keep configuration and data
  --purge         with --uninstall: also remove configuration, data and the system user
  --help          this text
USAGE
}

prefix=""; systemd=1; uninstall=0; purge=0; rid=""; from=""; work=""
while [ $# -gt 0 ]; do
  case "$1" in
    --help|-h) usage; exit 0 ;;
    --prefix) prefix="${2:?--prefix needs a folder}"; shift 2 ;;
    --prefix=*) prefix="${1#--prefix=}"; shift ;;
    --no-systemd) systemd=0; shift ;;
    --runtime) rid="${2:?--runtime needs a RID}"; shift 2 ;;
    --runtime=*) rid="${1#--runtime=}"; shift ;;
    --from) from="${2:?--from needs a folder}"; shift 2 ;;
    --from=*) from="${1#--from=}"; shift ;;
    --uninstall) uninstall=1; shift ;;
    --purge) purge=1; shift ;;
    *) echo "install.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done
[ "$purge" -eq 0 ] || [ "$uninstall" -eq 1 ] || { echo "install.sh: --purge only goes with --uninstall" >&2; exit 2; }

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if [ -n "$prefix" ]; then
  mkdir -p "$prefix"; prefix="$(cd "$prefix" && pwd)"
  case "$prefix" in *[\"\\\|\&]*) echo "install.sh: --prefix must not contain \" \\ | or &" >&2; exit 2 ;; esac
  [ "$prefix" = "/" ] && prefix=""
fi
name=frikommune-edge
user=frikommune-edge
opt="$prefix/opt/$name"
etc="$prefix/etc/$name"
data="$prefix/var/lib/$name"
unit_dir="$prefix/etc/systemd/system"
udev_dir="$prefix/etc/udev/rules.d"
live=0; [ -z "$prefix" ] && [ "$systemd" -eq 1 ] && live=1   # systemctl/udevadm only act on this machine's root

say() { echo "install.sh: $*"; }
die() { echo "install.sh: $*" >&2; exit 1; }
if { [ -z "$prefix" ] || [ "$systemd" -eq 1 ]; } && [ "$(id -u)" -ne 0 ]; then
  die "installing to / or with systemd needs root: run with sudo, or use --prefix DIR --no-systemd"
fi

uninstall_all() {
  if [ "$live" -eq 1 ] && [ -f "$unit_dir/$name.service" ]; then
    systemctl disable --now "$name.service" >/dev/null 2>&1 || true
  fi
  rm -f "$unit_dir/$name.service" "$udev_dir/99-frikommune-gpio.rules"
  [ "$live" -eq 1 ] && systemctl daemon-reload || true
  rm -rf "$opt" "$opt.new" "$opt.old"
  say "removed the program and the unit"
  if [ "$purge" -eq 1 ]; then
    rm -rf "$etc" "$data"
    say "purged configuration ($etc) and data ($data)"
    if [ "$systemd" -eq 1 ] && id "$user" >/dev/null 2>&1; then userdel "$user" || true; say "removed the system user $user"; fi
  else
    say "kept configuration ($etc) and data ($data); --uninstall --purge removes them"
  fi
}

publish() {
  local out="$1" artifacts="$2"
  if [ -z "$rid" ]; then
    case "$(uname -m)" in aarch64|arm64) rid=linux-arm64 ;; *) rid=linux-x64 ;; esac
  fi
  command -v dotnet >/dev/null 2>&1 || die "the .NET 10 SDK (dotnet) is needed to publish; or publish elsewhere and use --from DIR"
  say "publishing for $rid (self-contained, ReadyToRun)"
  # --artifacts-path keeps the publish's obj/bin out of the checkout, so a running build is not disturbed.
  local args=(publish "$repo/src/Frikommune.Edge" -c Release -r "$rid" --self-contained -nologo -v quiet --artifacts-path "$artifacts" -o "$out")
  if ! DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 dotnet "${args[@]}" -p:PublishReadyToRun=true >"$work/publish.log" 2>&1; then
    host=linux-x64; case "$(uname -m)" in aarch64|arm64) host=linux-arm64 ;; esac
    if [ "$rid" = "$host" ]; then cat "$work/publish.log" >&2; die "publish failed"; fi
    say "ReadyToRun publish for $rid failed on this $host machine (crossgen package?); publishing without ReadyToRun (slower start)"
    rm -rf "$out"
    DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 dotnet "${args[@]}" -p:PublishReadyToRun=false >"$work/publish.log" 2>&1 \
      || { cat "$work/publish.log" >&2; die "publish failed"; }
  fi
}

install_program() {
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  local src="$from"
  if [ -z "$src" ]; then publish "$work/out" "$work/artifacts"; src="$work/out"; fi
  [ -x "$src/$name" ] || die "$src/$name is not an executable published gateway"
  mkdir -p "$(dirname "$opt")"
  rm -rf "$opt.new" "$opt.old"
  cp -a "$src" "$opt.new"
  cp "$repo/README.md" "$opt.new/README.md"
  chmod -R u+rwX,go+rX,go-w "$opt.new"
  # Swap whole folders, so a running gateway never sees a half-copied program.
  [ -d "$opt" ] && mv "$opt" "$opt.old"
  mv "$opt.new" "$opt"
  rm -rf "$opt.old"
  say "program in $opt"
}

install_config() {
  mkdir -p "$etc/trust"
  if [ ! -f "$etc/appsettings.json" ]; then
    # A device keeps data in the data folder and must not make decisions on an unsynchronised clock.
    sed -e "s|\"Path\": \"data\"|\"Path\": \"$data\"|" \
        -e "s|\"RequireSync\": false|\"RequireSync\": true|" \
        "$repo/config/appsettings.json" >"$etc/appsettings.json.tmp"
    grep -q "\"Path\": \"$data\"" "$etc/appsettings.json.tmp" && grep -q '"RequireSync": true' "$etc/appsettings.json.tmp" \
      || { rm -f "$etc/appsettings.json.tmp"; die "could not set Storage:Path and Clock:RequireSync in the example configuration"; }
    mv "$etc/appsettings.json.tmp" "$etc/appsettings.json"
    say "new configuration in $etc/appsettings.json: edit it for this site"
  else
    say "kept the configuration in $etc"
  fi
  for f in "$repo"/config/trust/*; do
    [ -e "$etc/trust/$(basename "$f")" ] || cp "$f" "$etc/trust/"
  done
  mkdir -p "$data"
  chmod 0700 "$data"
  chmod 0750 "$etc" "$etc/trust"
  chmod 0640 "$etc/appsettings.json"
  if [ "$systemd" -eq 1 ]; then
    chown -R "root:$user" "$etc"
    chown -R "$user:$user" "$data"
  fi
}

create_user() {
  getent group gpio >/dev/null || { groupadd --system gpio; say "created group gpio"; }
  if id "$user" >/dev/null 2>&1; then
    usermod -a -G gpio "$user"
  else
    useradd --system --user-group --groups gpio --home-dir "/var/lib/$name" --no-create-home --shell /usr/sbin/nologin "$user"
    say "created system user $user (groups: $user, gpio)"
  fi
}

install_udev_rule() {
  [ -d "$udev_dir" ] || return 0
  local rule="$udev_dir/99-frikommune-gpio.rules"
  # Raspberry Pi OS already gives /dev/gpiochip* to group gpio; add our rule only where no rule does.
  if [ ! -f "$rule" ] && grep -qs 'gpiochip' "$prefix"/etc/udev/rules.d/*.rules "$prefix"/lib/udev/rules.d/*.rules "$prefix"/usr/lib/udev/rules.d/*.rules; then
    say "an existing udev rule already handles /dev/gpiochip*"
    return 0
  fi
  install -m 0644 "$repo/config/udev/99-frikommune-gpio.rules" "$rule"
  if [ "$live" -eq 1 ] && command -v udevadm >/dev/null 2>&1; then
    udevadm control --reload || true
    udevadm trigger --subsystem-match=gpio || true
  fi
  say "udev rule in $rule"
}

install_unit() {
  mkdir -p "$unit_dir"
  # Under a prefix the unit points at the prefixed folders; on / it is installed as written.
  sed -e "s|/opt/$name|$opt|g" -e "s|/etc/$name|$etc|g" -e "s|/var/lib/$name|$data|g" \
    "$repo/config/systemd/$name.service" >"$unit_dir/$name.service.tmp"
  chmod 0644 "$unit_dir/$name.service.tmp"
  mv "$unit_dir/$name.service.tmp" "$unit_dir/$name.service"
  if [ "$live" -eq 1 ]; then
    systemctl daemon-reload
    systemctl enable "$name.service" >/dev/null 2>&1
    if systemctl is-active --quiet "$name.service"; then
      systemctl restart "$name.service"; say "restarted $name.service"
    else
      say "enabled $name.service; after editing the configuration: sudo systemctl start $name"
    fi
  else
    say "unit in $unit_dir/$name.service (not enabled: installed under a prefix)"
  fi
}

if [ "$uninstall" -eq 1 ]; then uninstall_all; exit 0; fi

# The libgpiod driver needs the C library on the device (Debian bookworm: libgpiod2; later releases: libgpiod3).
install_gpio_library() {
  ldconfig -p 2>/dev/null | grep -q 'libgpiod\.so' && return 0
  command -v apt-get >/dev/null 2>&1 || { say "libgpiod not found; install it for Gpio:Driver libgpiod"; return 0; }
  apt-get install -y -qq libgpiod2 >/dev/null 2>&1 || apt-get install -y -qq libgpiod3 >/dev/null 2>&1 \
    || say "could not install libgpiod; without it the doors are not driven (a power-to-lock door stays free)"
}

[ "$live" -eq 1 ] && install_gpio_library
[ "$systemd" -eq 1 ] && create_user
install_program
install_config

# A locked local broker (README.md, "MQTT broker"): Debian's Mosquitto with logins and the ACL of config/mosquitto/.
# FRIKOMMUNE_BROKER=local|none (default: local when Mqtt:Host is empty or loopback);
# FRIKOMMUNE_BROKER_DEVICES="tablet-1 tablet-2" adds staff devices' logins. Before the unit: a restart then logs in.
mqtt_host="$(sed -n 's/.*"Host": *"\([^"]*\)".*/\1/p' "$etc/appsettings.json" | head -1)"
broker="${FRIKOMMUNE_BROKER:-}"
if [ -z "$broker" ]; then case "$mqtt_host" in ""|127.0.0.1|localhost|::1) broker=local ;; *) broker=none ;; esac; fi
mkdir -p "$opt/mosquitto"; cp "$repo"/config/mosquitto/* "$opt/mosquitto/"
if [ "$broker" = local ]; then
  [ -n "$mqtt_host" ] || sed -i 's|"Host": ""|"Host": "127.0.0.1"|' "$etc/appsettings.json"
  broker_args=(--etc "$etc" --prefix "$prefix")
  [ "$live" -eq 1 ] && broker_args+=(--live)
  [ "$systemd" -eq 1 ] && broker_args+=(--gateway-user "$user")
  for d in ${FRIKOMMUNE_BROKER_DEVICES:-}; do broker_args+=(--device "$d"); done
  "$opt/mosquitto/setup-broker.sh" "${broker_args[@]}" || die "could not lock the local broker"
else
  say "no local broker set up (Mqtt:Host is $mqtt_host): give the central broker the ACL in README.md, \"MQTT broker\""
fi

# --- HTTPS (CONTRACT § 5): a device certificate when none is given -------------------------------------------
# A fresh configuration serves HTTPS on 8443 (plain HTTP on 8080 only redirects) with a self-signed certificate whose
# subject alternative names are this host's name and addresses; staff devices pin its SHA-256 fingerprint, printed
# below. A configuration that already names Http:Certificate, or a tls/ folder that already holds one, is kept.
install_certificate() {
  local tls="$etc/tls" crt="$etc/tls/device.crt" key="$etc/tls/device.key"
  local example='"Http": { "Urls": "http://127.0.0.1:8080" },'
  local https='"Http": { "Urls": "https://0.0.0.0:8443;http://0.0.0.0:8080", "Certificate": { "Path": "tls/device.crt", "KeyPath": "tls/device.key" } },'
  if ! grep -q '"Certificate"' "$etc/appsettings.json" && [ ! -f "$crt" ]; then
    command -v openssl >/dev/null 2>&1 || { say "openssl not found: no device certificate made; the gateway stays on plain HTTP"; return 0; }
    local host san ip
    host="$(hostname -s 2>/dev/null || hostname)"
    san="DNS:$host,DNS:$host.local,DNS:localhost,IP:127.0.0.1,IP:::1"
    for ip in $(hostname -I 2>/dev/null || true); do san="$san,IP:$ip"; done
    mkdir -p "$tls"
    (umask 077 && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -sha256 -nodes -days 3650 \
      -subj "/CN=$host/O=Frikommune.Edge" -addext "subjectAltName=$san" -addext "extendedKeyUsage=serverAuth" \
      -keyout "$key" -out "$crt" >/dev/null 2>&1) || die "openssl could not make a device certificate"
    say "made a device certificate for $san"
  fi
  if grep -qF "$example" "$etc/appsettings.json" && [ -f "$crt" ]; then
    sed -i "s|$example|$https|" "$etc/appsettings.json"
    say "the gateway serves https://$(hostname -s 2>/dev/null || hostname):8443 (http on 8080 redirects there)"
  fi
  if [ -f "$crt" ]; then
    chmod 0750 "$tls"; chmod 0644 "$crt"; chmod 0640 "$key" 2>/dev/null || true
    if [ "$systemd" -eq 1 ]; then chown -R "root:$user" "$tls"; fi
    say "certificate SHA-256 fingerprint (compare it on each staff device): $(openssl x509 -noout -fingerprint -sha256 -in "$crt" | cut -d= -f2)"
  fi
}
install_certificate
# ------------------------------------------------------------------------------------------------------------
if [ "$systemd" -eq 1 ]; then install_udev_rule; install_unit; fi

if result="$("$opt/$name" config validate --config "$etc" 2>&1)"; then
  say "config validate: $result"
else
  say "config validate found problems (fix them before starting):"; echo "$result"
fi
