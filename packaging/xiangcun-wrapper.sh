#!/bin/sh
# /usr/bin/xiangcun: runs /usr/lib/xiangcun/xiangcun with the installation's settings from
# /etc/xiangcun/xiangcun.env (variables already set win), and, when started as root, as the
# xiangcun user: files it writes in the data folder (database, backups) stay the service's.
set -e
program=/usr/lib/xiangcun/xiangcun
env_file=${XIANGCUN_ENV_FILE:-/etc/xiangcun/xiangcun.env}
if [ -r "$env_file" ]; then
  while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in ''|'#'*) continue ;; esac
    key=${line%%=*}
    value=${line#*=}
    case "$key" in ''|[0-9]*|*[!A-Za-z0-9_]*) echo "xiangcun: ignoring a line of $env_file that is not KEY=value" >&2; continue ;; esac
    if eval "[ -z \"\${$key+set}\" ]"; then export "$key=$value"; fi
  done < "$env_file"
elif [ -e "$env_file" ]; then
  echo "xiangcun: cannot read $env_file (run as root: sudo xiangcun …)" >&2
fi
if [ "$(id -u)" = 0 ]; then
  exec setpriv --reuid=xiangcun --regid=xiangcun --init-groups -- "$program" "$@"
fi
exec "$program" "$@"
