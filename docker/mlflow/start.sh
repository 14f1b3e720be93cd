#!/bin/sh
# Start MLflow with authentication and no published default password: on the
# first start, the admin password (MLFLOW_AUTH_ADMIN_PASSWORD if given, else a
# random one) and a Flask secret key are written to the mlflow-auth volume,
# readable by nobody else; later starts reuse them. MLflow creates the admin
# user with that password once; the Node containers read the same file (their
# entry point, MLFLOW_TRACKING_PASSWORD_FILE) to log in. The API replicas log
# in as the read-only user replica (create-reader.py), with replica-password.
set -eu
dir=/mlflow-auth
umask 077
if [ ! -s "$dir/admin-password" ]; then
  if [ -n "${MLFLOW_AUTH_ADMIN_PASSWORD:-}" ]; then
    printf '%s\n' "$MLFLOW_AUTH_ADMIN_PASSWORD" >"$dir/admin-password"
  else
    python3 -c 'import secrets; print(secrets.token_urlsafe(24))' >"$dir/admin-password"
  fi
fi
[ -s "$dir/replica-password" ] || python3 -c 'import secrets; print(secrets.token_urlsafe(24))' >"$dir/replica-password"
[ -s "$dir/flask-secret" ] || python3 -c 'import secrets; print(secrets.token_hex(32))' >"$dir/flask-secret"
MLFLOW_AUTH_ADMIN_PASSWORD=$(cat "$dir/admin-password")
MLFLOW_FLASK_SERVER_SECRET_KEY=$(cat "$dir/flask-secret")
export MLFLOW_AUTH_ADMIN_PASSWORD MLFLOW_FLASK_SERVER_SECRET_KEY
echo "[mlflow] user admin; its password: docker-compose exec mlflow cat $dir/admin-password" >&2
# the API replicas' read-only user, made once the server answers
python3 /usr/local/bin/mlflow-create-reader &
exec "$@"
