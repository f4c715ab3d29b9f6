#!/bin/bash
# Runs in the lab's dom0 (started by xlj-lab-boot, shipped per run by the host's xen-lab
# through the xljctl 9p share): runs the host's CMD as root, output to ctl/out.log, status
# to ctl/rc and to the console, then powers dom0 off.
ctl=$(dirname "$(readlink -f "$0")")
mark() { echo "XLJ-LAB: $*" > /dev/hvc0; }
mapfile -t -d '' cmd <"$ctl/cmd"
limit=$(<"$ctl/timeout")
if mountpoint -q /mnt/share; then cd /mnt/share; else cd /root; fi
export HOME=/root XLJ_LAB=1 XLJ_HOME=/opt/xlj LANG=C.UTF-8
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
mark "cmd-start ${cmd[*]}"
timeout --kill-after=10 "$limit" "${cmd[@]}" >"$ctl/out.log" 2>&1 </dev/null
rc=$?
if ((rc == 124)); then echo "xen-lab(dom0): command timed out after $limit s" >>"$ctl/out.log"; fi
echo "$rc" >"$ctl/rc.tmp" && mv "$ctl/rc.tmp" "$ctl/rc"
sync
mark "cmd-exit rc=$rc"
# The disk is a throw-away snapshot: no need for an orderly shutdown of every unit.
systemctl poweroff --force --force
