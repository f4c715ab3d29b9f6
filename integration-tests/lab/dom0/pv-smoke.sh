#!/bin/bash
# Issue 6 smoke in the lab's dom0 (no JUnit): xlj creates the test guest (console marker via xenconsoled),
# xl list equal to stock xl but for times, stock destroys it, xlj destroys a stock guest, two failed
# creates leave nothing. Run: integration-tests/lab/xen-lab run --share DIR -- /mnt/share/pv-smoke.sh
# (with this script copied into DIR).
X=/opt/xlj/bin/xl; XL=/usr/lib/xen-4.17/bin/xl; cd /mnt/share; exec 2>&1
cp /usr/share/xlj-lab/cfg/pv-minimal.cfg m.cfg
echo "== xlj create"; $X create m.cfg; echo "rc=$?"
sleep 6; echo "== console"; grep XLJ-GUEST /var/log/xen/console/guest-xlj-pv-minimal.log
echo "== xlj list"; $X list > xl.txt; echo "rc=$?"; $XL list > st.txt
sed -E 's/ +[0-9]+\.[0-9]$/ T/' xl.txt > a; sed -E 's/ +[0-9]+\.[0-9]$/ T/' st.txt > b; cat xl.txt st.txt; diff a b && echo "LIST-IDENTICAL-MODULO-TIMES"
id=$($XL domid xlj-pv-minimal); vm=$(xenstore-read /local/domain/$id/vm); echo "domid=$id vm=$vm"; ls /var/lib/xen
echo "== stock destroy"; $XL destroy xlj-pv-minimal; echo "rc=$?"
echo "== leftovers:"; xenstore-ls -f / | grep -E "^/local/domain/$id[/ ]|^$vm[/ ]|^/libxl/$id[/ ]|backend/[a-z]+/$id[/ ]"; ls /var/lib/xen | grep "\.$id\." ; echo "== end leftovers"
sed 's/xlj-pv-minimal/xlj-pv-stock/' m.cfg > s.cfg; $XL create s.cfg; sleep 4
id=$($XL domid xlj-pv-stock); vm=$(xenstore-read /local/domain/$id/vm); echo "stock domid=$id vm=$vm"
echo "== xlj destroy"; $X destroy xlj-pv-stock; echo "rc=$?"
echo "== leftovers:"; xenstore-ls -f / | grep -E "^/local/domain/$id[/ ]|^$vm[/ ]|^/libxl/$id[/ ]|backend/[a-z]+/$id[/ ]"; ls /var/lib/xen | grep "\.$id\."; $XL list; echo "== end leftovers"
xenstore-ls -f / | sed 's/ = .*//' | sort > before.txt; ls /var/lib/xen > ub.txt
sed 's#^kernel = .*#kernel = "/nonexistent/vmlinux"#' m.cfg > k.cfg
echo "== xlj bad kernel"; timeout 300 $X create k.cfg; echo "rc=$?"
sed 's#^memory = .*#memory = 100000#' m.cfg > mm.cfg
echo "== xlj bad mem"; timeout 300 $X create mm.cfg; echo "rc=$?"
xenstore-ls -f / | sed 's/ = .*//' | sort > after.txt; ls /var/lib/xen > ua.txt
diff before.txt after.txt && diff ub.txt ua.txt && echo "NOTHING-LEFT-AFTER-FAILURES"; $XL list
