#!/bin/bash
# Runs in the lab's dom0 with the share at /mnt/share (prepared by Dom0SuitesIT):
# every test class matching the JUnit tag expression $1 (default dom0), JUnit XML to reports/.
set -uo pipefail
cd /mnt/share
tags=${1:-dom0}
cp=classes
for j in lib/*.jar; do cp=$cp:$j; done
java -version 2>&1 | head -n 1
java -jar launcher/junit-platform-console-standalone.jar execute \
  --disable-banner --details=tree --disable-ansi-colors \
  --class-path "$cp" --scan-class-path classes --include-classname '.*' \
  --include-tag "$tags" --reports-dir reports --fail-if-no-tests 2>&1 | tee suites.log
exit "${PIPESTATUS[0]}"
