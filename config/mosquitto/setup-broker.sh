#!/usr/bin/env bash
# Locks the care home's local Mosquitto: password authentication and the ACL in this folder (README.md, "MQTT broker").
# Called by install.sh; run it again to add a staff device's broker login:  sudo ./setup-broker.sh --etc /etc/frikommune-edge --device tablet-3
# Safe to run again: existing logins keep their passwords; the ACL is written afresh from the templates.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: setup-broker.sh --etc DIR [--prefix DIR] [--live] [--gateway-user USER] [--device ID]...

  --etc DIR      the gateway's configuration folder (its appsettings.json gives Mqtt:TopicPrefix)
  --prefix DIR   write Mosquitto's files under DIR/etc/mosquitto instead of /etc/mosquitto
  --live         on this machine: apt-get install mosquitto if missing, then restart it
  --gateway-user owner group of the gateway's credentials file (default: none, keep root)
  --device ID    add a login for a staff device (its password is printed once and kept in DIR/broker/ID.password)
USAGE
}

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
etc=""; prefix=""; live=0; gateway_group=""; devices=()
while [ $# -gt 0 ]; do
  case "$1" in
    --help|-h) usage; exit 0 ;;
    --etc) etc="${2:?--etc needs a folder}"; shift 2 ;;
    --prefix) prefix="${2?--prefix needs a folder}"; shift 2 ;;
    --live) live=1; shift ;;
    --gateway-user) gateway_group="${2:?--gateway-user needs a group}"; shift 2 ;;
    --device) devices+=("${2:?--device needs an id}"); shift 2 ;;
    *) echo "setup-broker.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done
say() { echo "setup-broker.sh: $*"; }
die() { echo "setup-broker.sh: $*" >&2; exit 1; }
[ -n "$etc" ] && [ -f "$etc/appsettings.json" ] || die "--etc must name the gateway's configuration folder"

topic_prefix="$(sed -n 's/.*"TopicPrefix": *"\([^"]*\)".*/\1/p' "$etc/appsettings.json" | head -1)"
case "$topic_prefix" in ""|*[+#\ ]*|*/) die "Mqtt:TopicPrefix in $etc/appsettings.json is missing or not a plain topic" ;; esac
system_users="frikommune-edge zigbee2mqtt municipality municipality-decisions"
for d in "${devices[@]}"; do
  [[ "$d" =~ ^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$ ]] || die "device id '$d': 1-64 characters of A-Z a-z 0-9 . _ -"
  case " $system_users " in *" $d "*) die "device id '$d' is a system login" ;; esac
done

if [ "$live" -eq 1 ] && ! command -v mosquitto >/dev/null 2>&1 && [ ! -x /usr/sbin/mosquitto ]; then
  say "installing Debian's mosquitto"
  apt-get install -y -qq mosquitto >/dev/null || die "could not install mosquitto"
fi
command -v mosquitto_passwd >/dev/null 2>&1 || die "mosquitto_passwd not found (Debian package mosquitto)"

mdir="$prefix/etc/mosquitto"
fdir="$mdir/frikommune"
creds="$etc/broker"
mkdir -p "$mdir/conf.d" "$fdir" "$creds"
chmod 0700 "$creds"
sed -e "s|/etc/mosquitto/|$mdir/|g" "$here/frikommune.conf" >"$mdir/conf.d/frikommune.conf"
chmod 0644 "$mdir/conf.d/frikommune.conf"

# The staff devices known so far, plus any new ones: the ACL is made from the whole list every time.
touch "$creds/devices"
for d in "${devices[@]}"; do grep -qxF "$d" "$creds/devices" || echo "$d" >>"$creds/devices"; done

# New logins get a random password; it is hashed by mosquitto_passwd -U from a 0600 file, never on a command line.
passwd="$fdir/passwd"
touch "$passwd"; chmod 0640 "$passwd"
new="$(mktemp)"; trap 'rm -f "$new"' EXIT
chmod 0600 "$new"
while read -r login; do
  [ -n "$login" ] || continue
  cut -d: -f1 "$passwd" | grep -qxF "$login" && continue
  secret="$(head -c 24 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')"
  echo "$login:$secret" >>"$new"
  (umask 0077; echo "$secret" >"$creds/$login.password")
  say "login $login created; its password is in $creds/$login.password"
done < <(printf '%s\n' $system_users; cat "$creds/devices")
if [ -s "$new" ]; then
  mosquitto_passwd -U "$new" >/dev/null
  cat "$new" >>"$passwd"
fi

acl="$fdir/acl"
{
  sed -e "s|@PREFIX@|$topic_prefix|g" "$here/frikommune.acl"
  while read -r d; do
    [ -n "$d" ] && sed -e "s|@PREFIX@|$topic_prefix|g" -e "s|@DEVICE@|$d|g" "$here/staff-device.acl"
  done <"$creds/devices"
} >"$acl.tmp"
chmod 0640 "$acl.tmp"; mv "$acl.tmp" "$acl"

# The gateway logs in as frikommune-edge; the unit reads this file (EnvironmentFile=), so the password is in no unit or JSON.
env="$etc/broker.env"
(umask 0077; printf 'FRIKOMMUNE_Mqtt__Username=frikommune-edge\nFRIKOMMUNE_Mqtt__Password=%s\n' "$(cat "$creds/frikommune-edge.password")" >"$env.tmp")
mv "$env.tmp" "$env"
if [ -n "$gateway_group" ]; then chown "root:$gateway_group" "$env"; chmod 0640 "$env"; fi
if [ "$live" -eq 1 ]; then
  getent group mosquitto >/dev/null && chown -R root:mosquitto "$fdir" && chmod 0750 "$fdir"
  systemctl enable mosquitto >/dev/null 2>&1 || true
  systemctl restart mosquitto && say "mosquitto restarted: anonymous clients are refused" || die "mosquitto did not restart; see journalctl -u mosquitto"
fi
say "broker locked: $mdir/conf.d/frikommune.conf, ACL $acl for topic prefix $topic_prefix"
