# Stands in for a browser test whose tool is missing: a skip with the reason
# on a developer's machine, a failure on CI (CI=true), where no tier may
# disappear silently.
if("$ENV{CI}" STREQUAL "true")
  message(FATAL_ERROR "${WHAT} is missing: CI must run the browser tests (scripts/install-deps.sh)")
endif()
message("# SKIP ${WHAT} is missing: the browser tests did not run (scripts/install-deps.sh installs it)")
