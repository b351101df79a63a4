# job-gate-link.sh against PostgreSQL (tests/pg/with-cluster starts the
# server; without one these cases are reported skipped).
JOB_BACKEND=pg
. "$TOP/tests/cases/job-gate-link.sh"
