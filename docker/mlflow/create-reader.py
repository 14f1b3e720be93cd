"""Make MLflow's read-only user for the API replicas (docker/mlflow/start.sh runs
this in the background). The basic-auth app's default permission is READ
(basic_auth.ini), so a plain user can read the registry and download model
files but not change what others made (moving ring-counter's alias answers 403;
like any MLflow user it could still create experiments or models of its own):
the replicas following the champion alias log in as it instead of as admin. Waits for the server, creates the user with the password
in /mlflow-auth/replica-password, or sets that password if the user exists."""
import base64
import json
import sys
import time
import urllib.error
import urllib.request

BASE = "http://127.0.0.1:5000"
USER = "replica"


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read().strip()


def call(method, path, body, admin_password):
    token = base64.b64encode(f"admin:{admin_password}".encode()).decode()
    request = urllib.request.Request(
        BASE + path,
        data=json.dumps(body).encode(),
        method=method,
        headers={"Authorization": f"Basic {token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode()


def main():
    admin = read("/mlflow-auth/admin-password")
    password = read("/mlflow-auth/replica-password")
    deadline = time.time() + 600
    while time.time() < deadline:
        try:
            urllib.request.urlopen(BASE + "/health", timeout=5)
            break
        except (urllib.error.URLError, OSError):
            time.sleep(2)
    status, text = call("POST", "/api/2.0/mlflow/users/create", {"username": USER, "password": password}, admin)
    if status == 200:
        print(f"[mlflow] made the read-only user {USER} for the API replicas", file=sys.stderr)
        return 0
    if "RESOURCE_ALREADY_EXISTS" in text:
        status, text = call(
            "PATCH", "/api/2.0/mlflow/users/update-password", {"username": USER, "password": password}, admin
        )
        if status == 200:
            return 0
    print(f"[mlflow] could not make the user {USER}: HTTP {status} {text[:300]}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
