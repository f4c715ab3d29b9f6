#!/bin/bash
# `xen-lab demo`, inside dom0: create the sample PV guest, list it, show its console,
# ping it, destroy it. xlj's xl is xljd's thin client here: its first command starts the
# daemon, the others run in it.
set -eEuo pipefail
STOCK=/usr/lib/xen-4.17/bin/xl
XLJ=/opt/xlj/bin/xl
# Under QEMU's TCG a JVM in dom0 now and then dies of a fatal VM error (exit 134/139 with
# HotSpot's banner; integration-tests/lab/README.md), which says nothing about xlj. Then
# say so, remove what a crashed create may have left (the domain NAME, with stock xl) and
# run it once more; a crashed destroy is finished by stock xl; anything else just reruns.
daemon_crashes() { find / -maxdepth 1 -name 'hs_err_pid*.log' | wc -l; }
xlj() { # NAME-the-command-concerns xl-arguments...
  local name=$1 out rc; shift
  out=$(mktemp); rc=0
  local crashes; crashes=$(daemon_crashes)
  "$XLJ" "$@" > >(tee "$out") 2>&1 || rc=$?
  sleep 0.2
  # bin/xl runs the command in xljd (started in "/"): its JVM may be the one that died,
  # leaving a crash report there and the client a "lost the connection" line.
  if { [[ $rc -eq 134 || $rc -eq 139 ]] && grep -q 'A fatal error has been detected by the Java Runtime' "$out"; } ||
     { grep -q 'lost the connection to the xlj daemon' "$out" && (( $(daemon_crashes) > crashes )); }; then
    echo "== the JVM itself crashed (emulator fault, exit $rc): cleaning up and running it once more"
    case $1 in
      destroy) echo "\$ $STOCK destroy $name   (finishing the interrupted destroy)"
               rc=0; "$STOCK" destroy "$name" || rc=$? ;;
      create)  "$STOCK" destroy "$name" 2>/dev/null || true   # what the crashed create left
               rc=0; "$XLJ" "$@" || rc=$? ;;
      *)       rc=0; "$XLJ" "$@" || rc=$? ;;
    esac
  fi
  rm -f "$out"; return "$rc"
}
# Part 1: xlj's own xl creates, lists and destroys the minimal PV guest (no devices).
if [[ -x $XLJ ]]; then
  echo "== xlj's xl ($XLJ): the minimal PV guest"
  mlog=/var/log/xen/console/guest-xlj-pv-minimal.log
  echo "\$ $XLJ create /usr/share/xlj-lab/cfg/pv-minimal.cfg"; xlj xlj-pv-minimal create /usr/share/xlj-lab/cfg/pv-minimal.cfg
  echo "\$ $XLJ list"; xlj "" list
  for _ in $(seq 1 120); do grep -q 'XLJ-GUEST: ready' "$mlog" 2>/dev/null && break; sleep 0.5; done
  echo "== console of xlj-pv-minimal:"; grep 'XLJ-GUEST' "$mlog" || true
  echo "\$ $XLJ destroy xlj-pv-minimal"; xlj xlj-pv-minimal destroy xlj-pv-minimal
  grep -q 'XLJ-GUEST: ready' "$mlog" || { echo "== the xlj-created guest never said ready"; exit 1; }
else
  echo "== no xlj distribution at /opt/xlj (build it: mvn -B -ntp -DskipTests package)"
fi
# Part 2: the guest with a disk (file image through Xen's block script) and a vif on xenbr0,
# with xlj's xl (Xen's stock xl when no distribution is there).
if [[ -x $XLJ ]]; then XL=$XLJ; else XL=$STOCK; fi
echo "== the PV guest with a disk and a vif, with $XL"
name=xlj-pv-guest
cfg=/usr/share/xlj-lab/cfg/pv-guest.cfg
log=/var/log/xen/console/guest-$name.log
run() { echo "\$ $*"; if [[ $1 == "$XLJ" ]]; then shift; xlj "$name" "$@"; else "$@"; fi; }
# On failure, show what the real toolstack logged about it.
trap 'rc=$?; echo "== failed (exit $rc); xen-hotplug.log and xl log:"; tail -n 20 /var/log/xen/xen-hotplug.log /var/log/xen/xl-$name.log 2>/dev/null; exit $rc' ERR

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
echo "\$ $STOCK list   (Xen's own xl sees the same host)"; "$STOCK" list
grep -q 'XLJ-GUEST: ready' "$log" || { echo "== the guest never said ready"; exit 1; }
grep -q 'XLJ-GUEST: disk-read XLJ-DISK-IN hello-from-dom0' "$log" || { echo "== the guest did not read dom0's disk marker"; exit 1; }
dd if=/var/lib/xlj-lab/pv-guest.img bs=512 skip=8 count=1 status=none | tr -d '\0' | grep 'XLJ-DISK-OUT' >/dev/null ||
  { echo "== the guest's write-back is not on the disk"; exit 1; }
echo "== demo done"
