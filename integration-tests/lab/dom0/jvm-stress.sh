#!/bin/bash
# JVM crash-rate probe, run in the lab's dom0 (lab README, "JVM crashes"). Starts xlj's
# `xl list` over and over, round-robin across variants so that each sees the same load, and
# counts fatal VM errors (exit 134/139, an hs_err file, or HotSpot's banner in the output).
# It also re-hashes the dist's jars on the 9p mount every round against the host's hashes.
#
#   jvm-stress.sh [SECONDS] [VARIANTS]     (defaults: 420, "9p local noshare")
#     9p       /opt/xlj/bin/xl list           (dist and CDS archive read through 9p)
#     local    a copy of /opt/xlj on dom0's disk, hashes checked first, its bin/xl list
#     noshare  the local copy with -Xshare:off (no CDS archive at all)
#     int      the local copy, interpreter only (-Xint: no JIT-compiled code)
#     cold     the local copy after dropping dom0's page cache (every read of the JDK's
#              modules and our jars goes to the virtual disk again, as on a first start)
# Host hashes: /mnt/share/dist.sha256 (sha256sum output with paths relative to the dist),
# when present. Per-start results go to /mnt/share/stress/, the summary to stdout.
set -uo pipefail
# Every start must be a JVM of its own, not a request to a running xljd (bin/xl's thin client).
export XLJ_NO_DAEMON=1
secs=${1:-420}
read -r -a variants <<<"${2:-9p local noshare}"
out=/mnt/share/stress; mkdir -p "$out"; rm -f "$out"/*
local=/root/xlj-local
if [[ ! -d $local ]]; then cp -a /opt/xlj "$local"; fi
if [[ -f /mnt/share/dist.sha256 ]]; then
  (cd "$local" && sha256sum --quiet -c /mnt/share/dist.sha256) || echo "jvm-stress: LOCAL COPY HASH MISMATCH"
fi
# What the VM's CPU offers (the suspects: XSAVE state handling, AVX, MTTCG) and what Xen uses.
grep -m1 '^flags' /proc/cpuinfo
xl dmesg 2>/dev/null | grep -iE 'xsave|fpu|cpu.*model|Hypervisor' | head -n 8
# Does the dom0 JDK take the CDS archive at all? (It rejects one dumped by another JDK build.)
java -version 2>&1 | head -n 1
"$local/bin/xl" list >/dev/null 2>&1
java -XX:SharedArchiveFile=/opt/xlj/lib/xlj.jsa -Xshare:on -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
  -cp "/opt/xlj/lib/*" io.xlj.cli.Xl list >/dev/null 2>"$out/cds-probe.txt" \
  && echo "CDS archive accepted by dom0's JDK" \
  || { echo "CDS archive NOT accepted (-Xshare:on fails):"; head -n 3 "$out/cds-probe.txt"; }

declare -A starts crashes
for v in "${variants[@]}"; do starts[$v]=0; crashes[$v]=0; done
bad_hash=0 rounds=0
start() { # variant log
  case $1 in
    9p) /opt/xlj/bin/xl list ;;
    local) "$local/bin/xl" list ;;
    cold) sync; echo 3 >/proc/sys/vm/drop_caches; "$local/bin/xl" list ;;
    noshare) LC_ALL=C.UTF-8 java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xshare:off \
      -cp "$local/lib/*" io.xlj.cli.Xl list ;;
    int) LC_ALL=C.UTF-8 java -Xint -XX:+UseSerialGC -XX:-UsePerfData -Xshare:off \
      -cp "$local/lib/*" io.xlj.cli.Xl list ;;
    *) echo "unknown variant $1"; return 2 ;;
  esac
}
mkdir -p /tmp/stress && cd /tmp/stress || exit 1
t0=$SECONDS
while ((SECONDS - t0 < secs)); do
  rounds=$((rounds + 1))
  if [[ -f /mnt/share/dist.sha256 ]] && ! (cd /opt/xlj && sha256sum --quiet -c /mnt/share/dist.sha256 >/dev/null 2>&1); then
    bad_hash=$((bad_hash + 1)); (cd /opt/xlj && sha256sum -c /mnt/share/dist.sha256) >"$out/badhash-$rounds.txt" 2>&1
  fi
  for v in "${variants[@]}"; do
    n=$((starts[$v] + 1)); starts[$v]=$n
    rm -f hs_err_pid*.log
    start "$v" >"$out/cur.log" 2>&1; rc=$?
    if ((rc == 134 || rc == 139)) || ls hs_err_pid*.log >/dev/null 2>&1 \
      || grep -qE 'A fatal error has been detected|ClassFormatError|VerifyError|Internal Error' "$out/cur.log"; then
      crashes[$v]=$((crashes[$v] + 1))
      mv "$out/cur.log" "$out/crash-$v-$n.log"
      for f in hs_err_pid*.log; do [[ -f $f ]] && mv "$f" "$out/crash-$v-$n.hs_err"; done
      echo "jvm-stress: CRASH variant=$v start=$n rc=$rc after $((SECONDS - t0)) s: $(grep -m1 -E '#  [A-Z]|Error' "$out/crash-$v-$n.log")"
    elif ((rc != 0)); then
      mv "$out/cur.log" "$out/fail-$v-$n.log"; echo "jvm-stress: non-crash failure variant=$v start=$n rc=$rc"
    fi
  done
done
echo "jvm-stress: $((SECONDS - t0)) s, $rounds rounds, 9p hash mismatches: $bad_hash"
total=0
for v in "${variants[@]}"; do
  echo "jvm-stress: variant=$v starts=${starts[$v]} crashes=${crashes[$v]}"
  total=$((total + crashes[$v]))
done
echo "jvm-stress: total crashes=$total"
((total == 0 && bad_hash == 0))
