#!/bin/bash
# `xen-lab demo`, inside dom0: create the sample PV guest, list it, show its console,
# ping it, destroy it.
set -euo pipefail
STOCK=/usr/lib/xen-4.17/bin/xl
if [[ -x /opt/xlj/bin/xl ]] && /opt/xlj/bin/xl create --help >/dev/null 2>&1; then
  XL=/opt/xlj/bin/xl; echo "== using xlj's xl: $XL"
else
  XL=$STOCK; echo "== xlj's xl is not there or cannot create yet: using Xen's stock xl ($XL)"
fi
name=xlj-pv-guest
cfg=/usr/share/xlj-lab/cfg/pv-guest.cfg
log=/var/log/xen/console/guest-$name.log
run() { echo "\$ $*"; "$@"; }

dd if=/dev/zero of=/var/lib/xlj-lab/pv-guest.img bs=1M count=8 status=none
printf 'XLJ-DISK-IN hello-from-dom0\n' | dd of=/var/lib/xlj-lab/pv-guest.img conv=notrunc status=none
sync
echo "== config $cfg"; grep -v '^#' "$cfg"
run "$XL" create "$cfg"
run "$XL" list
echo "== waiting for the guest's console ($log)"
for _ in $(seq 1 120); do
  grep -q 'XLJ-GUEST: ready' "$log" 2>/dev/null && break
  sleep 0.5
done
echo "== console of $name:"; grep 'XLJ-GUEST' "$log" || true
echo "== disk block the guest wrote back:"; dd if=/var/lib/xlj-lab/pv-guest.img bs=512 skip=8 count=1 status=none | tr -d '\0'
run busybox ping -c 2 -W 2 10.99.0.2
run "$XL" destroy "$name"
run "$XL" list
grep -q 'XLJ-GUEST: ready' "$log" || { echo "== the guest never said ready"; exit 1; }
echo "== demo done"
