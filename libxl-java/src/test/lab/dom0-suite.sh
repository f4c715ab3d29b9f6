#!/usr/bin/env bash
# Runs libxl-java's dom0 lab suite (io.xlj.xen.XenCtrlDom0Test) inside the Xen lab:
# stages the module's classes, test classes and test-scope jars in a share directory and
# runs io.xlj.xen.Dom0Suite there through integration-tests/lab/xen-lab.
#
#   libxl-java/src/test/lab/dom0-suite.sh [SHARE_DIR]
#
# Exit status: the suite's (0 all passed, 1 a failure, 2 nothing ran), or xen-lab's
# (125: dom0 never became ready). On a busy machine set XLJ_LAB_BOOT_TIMEOUT=600.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../../../.." && pwd)
share=${1:-$(mktemp -d /tmp/xlj-libxl-java-dom0.XXXXXX)}
cd "$repo"
mvn -B -ntp -q -pl libxl-java -am install -DskipTests
rm -rf "$share/classes" "$share/test-classes" "$share/lib"
mvn -B -ntp -q -pl libxl-java dependency:copy-dependencies -DincludeScope=test -DoutputDirectory="$share/lib"
cp -r libxl-java/target/classes libxl-java/target/test-classes "$share/"
# A script in the share keeps the classpath wildcard away from any shell on the way.
cat >"$share/run-dom0-suite.sh" <<'INNER'
#!/bin/sh
cd "$(dirname "$0")"
exec java -cp "classes:test-classes:lib/*" io.xlj.xen.Dom0Suite
INNER
echo "dom0-suite: staged in $share"
exec integration-tests/lab/xen-lab run --share "$share" -- sh ./run-dom0-suite.sh
